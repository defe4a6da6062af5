"""Put what the files held together into one network (the *assemble* step of the pipeline).

Order: contacts (and LinkedIn's "Connected On" dates as interactions), then calendars
(attendees matched to every contact read, and to the ``base`` network, e.g. a store's),
then the interactions and the ledger files (their ``contact`` column resolved the same
way), then mail (headers only, read as sent by or to the network's "me"). What matched
nobody is reported per file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import attrs

from netcore._files import read_bytes
from netcore.errors import NetcoreError, NotFoundError, RecordConflictError
from netcore.formats.issues import Issue, Severity
from netcore.io._defaults import recurrence_window, today
from netcore.io._detect import FileKind
from netcore.io._plan import PlannedFile, Role, plan
from netcore.io._read import LoadedFile, load, source_of
from netcore.model import (
    Contact,
    Event,
    EventReport,
    Interaction,
    LedgerEntry,
    Me,
    Network,
    Relation,
)

__all__ = ["NetworkLoad", "build_network"]


@attrs.frozen(slots=True)
class NetworkLoad:
    """What :func:`build_network` read.

    Attributes:
        network: The network built (``base`` with everything read added).
        files: Each contacts, calendar or JSON file read, in order.
        issues: Every issue, from every file (interactions and ledger CSVs included).
        events: What adding the calendars' events did (all files together), or ``None``
            when there were none.
        interactions: How many interactions were logged (interaction files, mail,
            calendars' attendees aside, and LinkedIn connections).
        ledger_entries: How many ledger entries were recorded from ledger files.
        skipped_duplicates: Contacts not added because a contact with the same uid was
            read before (from another file, or in ``base``).
        unmatched: For each file, the references in it that matched nobody: attendees'
            emails (or names) of a calendar, ``contact`` cells of an interactions or
            ledger CSV. Files where everyone matched are left out.
        contacts_read: Every contact read from the files (duplicates included), then the
            contacts created for unmatched attendees: what a store imports.
        new_interactions: The interactions this load logged, in order, after those of
            ``base`` that mail read now answered (``replied`` raised to ``True``).
        new_events: The event occurrences this load added.
        new_entries: The ledger entries this load recorded.
        as_of: The day the recurrence window ends (see ``netcore.io`` defaults).
    """

    network: Network
    files: tuple[LoadedFile, ...]
    issues: tuple[Issue, ...]
    events: EventReport | None
    interactions: int
    ledger_entries: int
    skipped_duplicates: int
    unmatched: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    contacts_read: tuple[Contact, ...] = ()
    new_interactions: tuple[Interaction, ...] = ()
    new_events: tuple[Event, ...] = ()
    new_entries: tuple[LedgerEntry, ...] = ()
    as_of: date | None = None


class _Resolver:
    """Names people for one file: a stored alias, else :meth:`Network.resolve`; misses kept."""

    def __init__(self, net: Network, aliases: Mapping[str, str]) -> None:
        self.net = net
        self.aliases = aliases
        self.missed: list[str] = []

    def __call__(self, ref: str) -> str:
        target = self.aliases.get(ref.strip())
        if target is not None and target in self.net:
            return target
        try:
            return self.net.resolve(ref)
        except NotFoundError:
            self.missed.append(ref)
            raise


class _Assembler:
    def __init__(
        self,
        net: Network,
        aliases: Mapping[str, str],
        *,
        strict: bool,
        window: tuple[datetime, datetime],
        create_missing: bool,
    ) -> None:
        self.net = net
        self.aliases = aliases
        self.strict = strict
        self.window = window
        self.create_missing = create_missing
        self.files: list[LoadedFile] = []
        self.issues: list[Issue] = []
        self.skipped = 0
        self.logged = 0
        self.recorded = 0
        self.docs: list[tuple[str, Network]] = []
        self.reports: list[EventReport] = []
        self.unmatched: dict[str, list[str]] = {}
        self.contacts_read: list[Contact] = []
        self.entry_ids: set[str] | None = None
        self.created_from_mail: list[Contact] = []
        self.answered: set[str] = set()  # interactions of mine a later reply answered

    def miss(self, source: str, refs: Iterable[str]) -> None:
        refs = list(dict.fromkeys(r for r in refs if r))
        if refs:
            self.unmatched.setdefault(source, []).extend(refs)

    def contacts(self, path: Path, kind: FileKind) -> None:
        source = source_of(path)
        loaded = load(path, kind=kind, strict=self.strict)  # vCard streams card by card
        self.files.append(loaded)
        self.issues.extend(loaded.issues)
        self.contacts_read.extend(loaded.contacts)
        for c in loaded.contacts:
            if c.uid in self.net:
                self.skipped += 1
                self.issues.append(
                    Issue(
                        source,
                        None,
                        "UID",
                        Severity.WARNING,
                        f"a contact with uid {c.uid!r} was already read; kept the first "
                        "(netcore dedupe merges duplicates)",
                    )
                )
                continue
            self.net.add_contact(c)
        if kind is FileKind.CSV:
            # LinkedIn's "Connected On": a dated, weak, mutual signal (docs/architecture.md).
            from netcore.formats.csv import connection_interactions

            for inter in connection_interactions(loaded.contacts):
                self.logged += self.log(inter, source)
        if loaded.network is not None:
            self.docs.append((source, loaded.network))

    def relations(self, relations: Iterable[Relation]) -> None:
        """A document's explicit relations; a pair and kind already said keeps the first."""
        said = {(*r.pair, r.kind) for r in self.net.explicit_relations}
        for r in relations:
            if (*r.pair, r.kind) not in said and r.a in self.net and r.b in self.net:
                said.add((*r.pair, r.kind))
                self.net.add_relation(r)

    def calendar(self, path: Path, kind: FileKind) -> None:
        source = source_of(path)
        start, end = self.window
        loaded = load(path, kind=kind, strict=self.strict, expand_from=start, expand_to=end)
        self.files.append(loaded)
        self.issues.extend(loaded.issues)
        self.events(source, [e for e in loaded.events if _starts_before(e, end)])

    def events(self, source: str, events: Sequence[Event]) -> None:
        if not events:
            return
        report = self.net.add_events(events, create_missing=self.create_missing)
        self.reports.append(report)
        self.miss(source, ((a.email or a.name or "").strip() for a in report.unmatched))

    def interactions(self, path: Path, kind: FileKind) -> None:
        source, data = source_of(path), read_bytes(path)
        if kind is FileKind.JSON:
            from netcore.formats import json

            for inter in json.loads(data, source=source).interactions:
                self.logged += self.log(inter, source)
            return
        from netcore.formats.activity import read_interactions

        resolve = _Resolver(self.net, self.aliases)
        rows = read_interactions(data, resolve, source=source, strict=self.strict)
        self.issues.extend(rows.issues)
        self.miss(source, resolve.missed)
        for inter in rows:
            self.logged += self.log(inter, source)

    def ledger(self, path: Path, kind: FileKind) -> None:
        source, data = source_of(path), read_bytes(path)
        if kind is FileKind.JSON:
            from netcore.formats import json

            self.record(source, json.loads(data, source=source).ledger.entries)
            return
        from netcore.formats.activity import read_ledger

        resolve = _Resolver(self.net, self.aliases)
        entries = read_ledger(data, resolve, source=source, strict=self.strict)
        self.issues.extend(entries.issues)
        self.miss(source, resolve.missed)
        self.record(source, entries)

    def mail(self, path: Path, kind: FileKind) -> None:
        source = source_of(path)
        me = self.net.me
        if me is None or not me.emails:
            self.issues.append(
                Issue(
                    source,
                    None,
                    "mail",
                    Severity.WARNING,
                    "mail not read: who is me? give your addresses (--me, $NETCORE_ME, or "
                    "Network(me=...)); mail is read as sent by or to you",
                )
            )
            return
        from netcore.formats import mail

        read = mail.read_interactions(
            path,
            me_emails=me.emails,
            contacts_lookup=mail.lookup_in(self.net),
            create_missing=self.create_missing,
            strict=self.strict,
        )
        self.issues.extend(read.issues)
        self.created_from_mail.extend(read.new_contacts)
        self.answered |= mail.answered_ids(self.net, read.answers)
        self.logged += mail.log_into(self.net, read)
        self.miss(source, (m.address for m in read.missing.values()))

    def record(self, source: str, entries: Iterable[LedgerEntry]) -> None:
        if self.entry_ids is None:
            self.entry_ids = {e.id for e in self.net.ledger.entries}
        for entry in entries:
            if entry.id in self.entry_ids:
                continue  # the same id: the same entry, read twice (ids derive from content)
            self.entry_ids.add(entry.id)
            try:
                self.net.ledger.record(entry)
                self.recorded += 1
            except NetcoreError as exc:
                self.issues.append(Issue(source, None, "ledger", Severity.WARNING, str(exc)))

    def log(self, inter: Interaction, source: str) -> int:
        try:
            self.net.log(inter)
        except RecordConflictError:
            return 0  # the same id: the same interaction, read twice (ids derive from content)
        except NotFoundError as exc:
            self.issues.append(Issue(source, None, "interaction", Severity.WARNING, str(exc)))
            return 0
        return 1


def build_network(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    contacts: Iterable[str | os.PathLike[str]] = (),
    calendars: Iterable[str | os.PathLike[str]] = (),
    interactions: Iterable[str | os.PathLike[str]] = (),
    ledgers: Iterable[str | os.PathLike[str]] = (),
    base: Network | None = None,
    aliases: Mapping[str, str] | None = None,
    as_of: date | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
    create_missing: bool = False,
    on_file: Callable[[Path], None] | None = None,
    me: Me | None = None,
) -> NetworkLoad:
    """Read files into one network: the pipeline behind the Python API and every command.

    plan (:func:`~netcore.io.plan`: each file's kind sniffed from its first bytes) ->
    read (each file by its codec) -> assemble: contacts first, then events, interactions
    and favours, people resolved against every contact read and every contact of
    ``base``. Calendars are read in the window of ``as_of``
    (:func:`~netcore.io.recurrence_window`: years before it, and the booked occurrences
    of the year after it, which scoring never counts as contact), so that
    ``netcore health FILES --as-of D`` and
    ``scoring.rank(build_network(FILES, as_of=D).network, as_of=D)`` agree.

    Args:
        paths: Files or folders of any kind, each recognised by :func:`detect`.
        contacts: Files of contacts (vCard, jCard, CSV, netcore JSON).
        calendars: iCalendar files. (Mail, an mbox, Maildir or ``.eml``, is recognised
            among ``paths`` and read as sent by or to ``base.me``; without a "me" it is
            skipped with a warning.)
        interactions: Interactions files (the CSV of
            :func:`~netcore.formats.activity.read_interactions`, or a netcore JSON
            document whose interactions are taken).
        ledgers: Ledger files (the ledger CSV, or a netcore JSON document whose ledger
            entries are taken).
        base: Add to this network instead of a new one (e.g. ``Store.load()``): calendar
            attendees and CSV rows are resolved against its contacts too.
        aliases: Uids that name another contact (``Store.aliases()``: merged-away and
            re-imported uids), honoured when resolving a CSV's ``contact`` column.
        as_of: The day the network is read as of; default today.
        strict: Raise on the first error in any file, and on a file in a folder that
            netcore cannot read.
        expand_from: Override the start of the recurrence window.
        expand_to: Override its end; occurrences after it are not read.
        create_missing: Make a contact for every event attendee who matches none.
        on_file: Called with each file's path before it is read (for progress bars).
        me: Who I am (set on the network before anything is read, replacing
            ``base.me``): never a contact, and what tells my invitations and my mail from
            other people's.

    Raises:
        ParseError: In strict mode, on the first error.
        UnsupportedFormatError: A file named directly is of no kind netcore reads (one
            found in a folder is skipped with a warning issue, unless ``strict``).
        OSError: A file cannot be read.
    """
    net = base if base is not None else Network()
    if me is not None:
        net.me = me
    day = as_of if as_of is not None else today()
    start, end = recurrence_window(day)
    window = (expand_from or start, expand_to or end)
    skipped: list[Issue] = []
    planned = plan(
        paths,
        contacts=contacts,
        calendars=calendars,
        interactions=interactions,
        ledgers=ledgers,
        skipped=None if strict else skipped,
    )
    n_interactions = len(net.interactions)
    n_entries = len(net.ledger.entries)
    known_events = {(e.uid, e.occurrence_key) for e in net.events}
    job = _Assembler(
        net, aliases or {}, strict=strict, window=window, create_missing=create_missing
    )
    job.issues.extend(skipped)
    steps: list[tuple[Role, Callable[[Path, FileKind], None]]] = [
        (Role.CONTACTS, job.contacts),
        (Role.CALENDARS, job.calendar),
    ]
    for role, step in steps:
        _run(planned, role, step, on_file)
    for _, doc in job.docs:
        job.relations(doc.explicit_relations)
    for source, doc in job.docs:
        job.events(source, doc.events)
    for source, doc in job.docs:
        for inter in doc.interactions:
            job.logged += job.log(inter, source)
    _run(planned, Role.INTERACTIONS, job.interactions, on_file)
    for source, doc in job.docs:
        job.record(source, doc.ledger.entries)
    _run(planned, Role.LEDGERS, job.ledger, on_file)
    _run(planned, Role.MAIL, job.mail, on_file)
    created = (*(c for r in job.reports for c in r.created), *job.created_from_mail)
    return NetworkLoad(
        network=net,
        files=tuple(job.files),
        issues=tuple(job.issues),
        events=_combine(job.reports),
        interactions=job.logged,
        ledger_entries=job.recorded,
        skipped_duplicates=job.skipped,
        unmatched={k: tuple(dict.fromkeys(v)) for k, v in job.unmatched.items()},
        contacts_read=(*job.contacts_read, *created),
        new_interactions=(
            # Those of ``base`` a reply answered, so that a store raises their ``replied``.
            *(i for i in net.interactions[:n_interactions] if i.id in job.answered),
            *net.interactions[n_interactions:],
        ),
        new_events=tuple(e for e in net.events if (e.uid, e.occurrence_key) not in known_events),
        new_entries=tuple(net.ledger.entries[n_entries:]),
        as_of=day,
    )


def _run(
    planned: Sequence[PlannedFile],
    role: Role,
    step: Callable[[Path, FileKind], None],
    on_file: Callable[[Path], None] | None,
) -> None:
    for f in planned:
        if f.role is role:
            if on_file is not None:
                on_file(f.path)
            step(f.path, f.kind)


def _combine(reports: Sequence[EventReport]) -> EventReport | None:
    if not reports:
        return None
    return EventReport(
        events_added=sum(r.events_added for r in reports),
        events_known=sum(r.events_known for r in reports),
        matched=tuple(m for r in reports for m in r.matched),
        created=tuple(c for r in reports for c in r.created),
        unmatched=tuple(a for r in reports for a in r.unmatched),
        skipped=tuple(s for r in reports for s in r.skipped),
        interactions_created=sum(r.interactions_created for r in reports),
    )


def _starts_before(event: Event, limit: datetime) -> bool:
    start = event.start
    if isinstance(start, datetime):
        return start <= limit
    return start <= limit.date()
