r"""Load and save any file netcore reads, picking the codec by suffix or by content.

This is the module behind the ``netcore`` command, and the shortest way for a script
to go from files on disk to a :class:`~netcore.model.Network`:

* :func:`load` reads one file of contacts (vCard 2.1/3.0/4.0, jCard, Google, Outlook or
  LinkedIn CSV, a netcore JSON document) or of events (iCalendar) and returns a
  :class:`LoadedFile` with what it held and the issues found on the way.
* :func:`read_interactions` and :func:`read_ledger` read the two small CSV formats
  defined here (documented in ``docs/formats.md``): an interactions log and a ledger of
  favours. Their ``contact`` column names a contact by email, uid or exact name, so they
  are read against a network.
* :func:`build_network` does all of the above for a list of files or folders, each
  recognised by its content, and returns the network with every issue.
* :func:`save` writes contacts in any output format (:data:`OUTPUT_FORMATS`).

Examples:
    >>> from netcore.model import Contact, Network
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
    >>> rows = read_interactions(b"date,contact,kind\n2026-11-02,Ada Lovelace,call\n", net)
    >>> rows[0].contact_uids, rows[0].kind.value, rows.issues
    (('ada',), 'call', [])
"""

from __future__ import annotations

import csv as _csv
import enum
import io as _io
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Literal, TypeVar

import attrs

from netcore._files import read_bytes, write_bytes
from netcore.errors import NetcoreError, NotFoundError, RecordConflictError, UnsupportedFormatError
from netcore.formats.issues import Issue, IssueCollector, Parsed, Severity
from netcore.model import (
    Contact,
    Direction,
    Event,
    EventReport,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
)

T = TypeVar("T")
E = TypeVar("E", bound=enum.StrEnum)

__all__ = [
    "INTERACTION_COLUMNS",
    "LEDGER_COLUMNS",
    "OUTPUT_FORMATS",
    "FileKind",
    "LoadedFile",
    "NetworkLoad",
    "build_network",
    "detect",
    "dumps",
    "expand_paths",
    "load",
    "loads",
    "output_format_for",
    "read_interactions",
    "read_ledger",
    "save",
]


class FileKind(enum.StrEnum):
    """What a file holds, as :func:`detect` recognises it."""

    VCARD = "vcard"
    """vCard 2.1, 3.0 or 4.0 (``.vcf``, ``.vcard``)."""
    JCARD = "jcard"
    """RFC 7095 jCard (a JSON array)."""
    ICAL = "ical"
    """iCalendar (``.ics``)."""
    CSV = "csv"
    """Contacts as Google, Outlook or LinkedIn CSV."""
    JSON = "json"
    """A netcore network document (``netcore.formats.json``)."""
    INTERACTIONS = "interactions"
    """The interactions CSV: ``date,contact,kind,direction,note,duration_minutes,replied``."""
    LEDGER = "ledger"
    """The ledger CSV: ``date,contact,direction,kind,weight,note``."""


INTERACTION_COLUMNS = (
    "date",
    "contact",
    "kind",
    "direction",
    "note",
    "duration_minutes",
    "replied",
)
"""The columns of the interactions CSV; ``date``, ``contact`` and ``kind`` are required."""

LEDGER_COLUMNS = ("date", "contact", "direction", "kind", "weight", "note")
"""The columns of the ledger CSV; ``date``, ``contact``, ``direction`` and ``kind`` are required."""

_SUFFIXES: Mapping[str, FileKind] = {
    ".vcf": FileKind.VCARD,
    ".vcard": FileKind.VCARD,
    ".jcard": FileKind.JCARD,
    ".jcf": FileKind.JCARD,
    ".ics": FileKind.ICAL,
    ".ical": FileKind.ICAL,
    ".ifb": FileKind.ICAL,
}

_SNIFF_BYTES = 4096


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].strip()


def _csv_header(text: str) -> list[str]:
    line = _first_line(text)
    try:
        row = next(_csv.reader([line]))
    except (StopIteration, _csv.Error):
        return []
    return [c.strip().lower() for c in row]


def _csv_kind(text: str) -> FileKind:
    header = _csv_header(text)
    if "date" in header and "contact" in header:
        if "weight" in header:
            return FileKind.LEDGER
        if "duration_minutes" in header or "replied" in header:
            return FileKind.INTERACTIONS
        if "direction" in header:
            lines = text.lstrip("\ufeff").splitlines()
            if len(lines) > 1:
                try:
                    first = next(_csv.reader([lines[1]]))
                except (StopIteration, _csv.Error):
                    first = []
                idx = header.index("direction")
                value = first[idx].strip().lower() if idx < len(first) else ""
                if value in {d.value for d in FavourDirection}:
                    return FileKind.LEDGER
        return FileKind.INTERACTIONS
    return FileKind.CSV


def detect(data: bytes, name: str | None = None) -> FileKind:
    r"""Recognise what ``data`` holds, from the suffix of ``name`` or else from the content.

    ``.vcf``, ``.ics`` and ``.jcard`` are trusted; ``.json`` and ``.csv`` files, and files
    with another suffix or none, are recognised by their first bytes: ``BEGIN:VCARD``,
    ``BEGIN:VCALENDAR``, a JSON object with ``"format": "netcore/network"``, a JSON array
    (jCard), or a CSV header (the interactions and ledger CSVs by their columns).

    Raises:
        UnsupportedFormatError: The content is none of these.

    Examples:
        >>> detect(b"BEGIN:VCARD\\r\\nVERSION:4.0\\r\\n")
        <FileKind.VCARD: 'vcard'>
        >>> detect(b"date,contact,direction,kind,weight,note\\n", "favours.csv")
        <FileKind.LEDGER: 'ledger'>
    """
    if name is not None:
        kind = _SUFFIXES.get(Path(name).suffix.lower())
        if kind is not None:
            return kind
    head = data[:_SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    upper = head[:64].upper()
    if upper.startswith("BEGIN:VCARD"):
        return FileKind.VCARD
    if upper.startswith("BEGIN:VCALENDAR"):
        return FileKind.ICAL
    if head.startswith("{"):
        return FileKind.JSON
    if head.startswith("["):
        return FileKind.JCARD
    if name is not None and Path(name).suffix.lower() == ".json":
        return FileKind.JSON
    if "," in _first_line(head) or (name is not None and Path(name).suffix.lower() == ".csv"):
        return _csv_kind(head)
    where = f"{name}: " if name else ""
    raise UnsupportedFormatError(
        f"{where}cannot tell what this file holds: expected vCard (.vcf), iCalendar (.ics), "
        "jCard or netcore JSON (.json), or CSV (.csv) with a header line"
    )


@attrs.frozen(slots=True)
class LoadedFile:
    """What one file held.

    Attributes:
        source: The file's name as given (``-`` for standard input).
        kind: What it held.
        contacts: Its contacts (vCard, jCard, CSV, and the contacts of a JSON document).
        events: Its event occurrences (iCalendar, and the events of a JSON document).
        network: The whole network of a netcore JSON document, else ``None``.
        issues: Every problem found while reading.
        versions: For vCard files, how many cards of each version (``{"3.0": 12}``).
    """

    source: str
    kind: FileKind
    contacts: tuple[Contact, ...] = ()
    events: tuple[Event, ...] = ()
    network: Network | None = None
    issues: tuple[Issue, ...] = ()
    versions: Mapping[str, int] = attrs.field(factory=dict)


_VERSION_RE = re.compile(rb"^VERSION[ \t]*:[ \t]*([0-9.]+)", re.IGNORECASE | re.MULTILINE)


def _vcard_versions(data: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in _VERSION_RE.finditer(data):
        version = match.group(1).decode("ascii")
        counts[version] = counts.get(version, 0) + 1
    return dict(sorted(counts.items()))


def loads(
    data: bytes,
    *,
    source: str = "-",
    kind: FileKind | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
) -> LoadedFile:
    """Read contacts or events from ``data``, recognised by :func:`detect` unless ``kind`` is given.

    Args:
        data: The file's bytes.
        source: Its name, used for the suffix and copied into issues.
        kind: Skip detection.
        strict: Raise on the first error instead of recording it.
        expand_from: For iCalendar: expand recurring events from this moment.
        expand_to: For iCalendar: and up to this moment.

    Raises:
        ParseError: In strict mode, on the first error; in any mode, for a JSON document
            that is not valid (JSON is written by programs: it is all or nothing).
        UnsupportedFormatError: The content is not a format netcore reads, or it is an
            interactions or ledger CSV (read those with :func:`read_interactions` and
            :func:`read_ledger`, which need the network to resolve names).
    """
    kind = kind or detect(data, None if source == "-" else source)
    if kind is FileKind.VCARD:
        from netcore.formats import vcard

        contacts = vcard.loads(data, strict=strict, source=source)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(contacts),
            issues=tuple(contacts.issues),
            versions=_vcard_versions(data),
        )
    if kind is FileKind.JCARD:
        from netcore.formats import jcard

        contacts = jcard.loads(data, strict=strict, source=source)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(contacts),
            issues=tuple(contacts.issues),
            versions={"4.0": len(contacts)} if contacts else {},
        )
    if kind is FileKind.CSV:
        from netcore.formats import csv

        contacts = csv.loads(data, strict=strict, source=source)
        return LoadedFile(source, kind, contacts=tuple(contacts), issues=tuple(contacts.issues))
    if kind is FileKind.ICAL:
        from netcore.formats import ical

        events = ical.loads(
            data, expand_from=expand_from, expand_to=expand_to, strict=strict, source=source
        )
        return LoadedFile(source, kind, events=tuple(events), issues=tuple(events.issues))
    if kind is FileKind.JSON:
        from netcore.formats import json

        net = json.loads(data, source=source)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(net.contacts.values()),
            events=net.events,
            network=net,
        )
    raise UnsupportedFormatError(
        f"{source}: this is an {kind.value} CSV; read it with read_{kind.value}() against a "
        "network (netcore health --interactions/--ledger)"
    )


def load(
    path: str | os.PathLike[str],
    *,
    kind: FileKind | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
) -> LoadedFile:
    """Read one file of contacts or events; see :func:`loads`.

    Raises:
        OSError: The file cannot be read.
        ParseError: As :func:`loads`.
        UnsupportedFormatError: As :func:`loads`.
    """
    return loads(
        read_bytes(path),
        source=os.fspath(path),
        kind=kind,
        strict=strict,
        expand_from=expand_from,
        expand_to=expand_to,
    )


# ---- the interactions and ledger CSVs ------------------------------------------------

_NS = uuid.UUID("3b0d7f0e-9a51-4c1b-8d0e-5a4f2f1c7e21")
"""Namespace of the ids derived from CSV rows, so that reading a file twice adds nothing twice."""

_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


class _Rows:
    """A CSV with a header, read into dicts, with the column numbers kept for messages."""

    def __init__(
        self,
        data: bytes | str,
        issues: IssueCollector,
        *,
        columns: Sequence[str],
        required: Sequence[str],
    ) -> None:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
        self.issues = issues
        self.reader = _csv.reader(_io.StringIO(text, newline=""))
        try:
            header = next(self.reader)
        except StopIteration:
            header = []
        self.header = [h.strip().lower() for h in header]
        self.ok = True
        missing = [c for c in required if c not in self.header]
        if missing:
            self.ok = False
            optional = ", ".join(c for c in columns if c not in required)
            issues.error(
                f"missing column(s) {', '.join(missing)}; the header must name "
                f"{', '.join(required)} (and may add {optional})",
                line=1,
            )
        for number, name in enumerate(self.header, start=1):
            if name not in columns:
                issues.warning(
                    f"column {number} ({name or 'empty'}) is not one netcore reads; ignored",
                    line=1,
                    property=name or None,
                )

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        if not self.ok:
            return
        for row in self.reader:
            line = self.reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            yield (
                line,
                {
                    name: row[i].strip() if i < len(row) else ""
                    for i, name in enumerate(self.header)
                },
            )

    def column(self, name: str) -> int:
        return self.header.index(name) + 1


class _RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _parse_when(value: str) -> datetime:
    if not value:
        raise _RowError("date", "is empty; write a date (2026-11-02) or a time (2026-11-02T09:30)")
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(12), UTC)
        at = datetime.fromisoformat(value)
    except ValueError:
        raise _RowError(
            "date", f"{value!r} is not an ISO date (2026-11-02) or date-time (2026-11-02T09:30)"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RowError("date", f"{value!r} is not an ISO date such as 2026-11-02") from None


def _enum_value(cls: type[E], column: str, value: str, default: E | None) -> E:
    if not value:
        if default is None:
            raise _RowError(column, f"is empty; write one of {', '.join(m.value for m in cls)}")
        return default
    try:
        return cls(value.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise _RowError(
            column, f"{value!r} is not one of {', '.join(m.value for m in cls)}"
        ) from None


def _resolve(net: Network, value: str) -> str:
    if not value:
        raise _RowError("contact", "is empty; write the contact's email, uid or exact name")
    if "@" in value:
        found = net.find(email=value)
        if found:
            return found[0].uid
    if value in net:
        return value
    named = net.find(name=value)
    if len(named) == 1:
        return named[0].uid
    if len(named) > 1:
        uids = ", ".join(c.uid for c in named[:3])
        raise _RowError(
            "contact", f"{value!r} names {len(named)} contacts ({uids}); write an email or uid"
        )
    raise _RowError("contact", f"{value!r} matches no contact's email, uid or name")


def _row_id(kind: str, fields: Iterable[str], seen: dict[str, int]) -> str:
    key = "\x1f".join((kind, *fields))
    n = seen.get(key, 0)
    seen[key] = n + 1
    return str(uuid.uuid5(_NS, f"{key}\x1f{n}"))


def _read_rows(
    data: bytes | str,
    *,
    source: str | None,
    strict: bool,
    columns: Sequence[str],
    required: Sequence[str],
    make: Callable[[dict[str, str], dict[str, int]], T],
) -> Parsed[T]:
    issues = IssueCollector(source, strict=strict)
    rows = _Rows(data, issues, columns=columns, required=required)
    out: list[T] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            out.append(make(row, seen))
        except _RowError as exc:
            issues.error(
                f"column {rows.column(exc.column)} ({exc.column}) {exc.message}; row skipped",
                line=line,
                property=exc.column,
            )
        except ValueError as exc:  # a record's own validation (pydantic)
            issues.error(f"{_first_error(exc)}; row skipped", line=line)
    return Parsed(out, issues.issues)


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        return f"{loc}: {first.get('msg', exc)}" if loc else str(first.get("msg", exc))
    return str(exc)


def read_interactions(
    data: bytes | str, net: Network, *, source: str | None = None, strict: bool = False
) -> Parsed[Interaction]:
    """Read the interactions CSV against ``net``.

    The header names the columns, in any order: ``date`` (``2026-11-02``, read as noon
    UTC, or an ISO date-time; a time without offset is UTC), ``contact`` (email, uid or
    exact name; several separated by ``;``), ``kind`` (an :class:`InteractionKind`
    value), and optionally ``direction`` (default ``mutual``), ``note``,
    ``duration_minutes`` and ``replied`` (``yes``/``no``, empty for unknown). Each row's
    id is derived from its content, so reading the same file twice yields the same ids.

    A row that cannot be read is skipped and recorded as an issue naming its line and
    column (strict mode raises instead). The interactions are not logged: pass them to
    :meth:`Network.log_many`.

    Raises:
        ParseError: In strict mode, on the first bad row.
    """

    def make(row: dict[str, str], seen: dict[str, int]) -> Interaction:
        at = _parse_when(row.get("date", ""))
        uids = tuple(dict.fromkeys(_resolve(net, v.strip()) for v in row["contact"].split(";")))
        kind = _enum_value(InteractionKind, "kind", row.get("kind", ""), None)
        direction = _enum_value(Direction, "direction", row.get("direction", ""), Direction.MUTUAL)
        duration = None
        minutes = row.get("duration_minutes", "")
        if minutes:
            try:
                duration = timedelta(minutes=float(minutes))
            except (ValueError, OverflowError):
                raise _RowError("duration_minutes", f"{minutes!r} is not a number") from None
            if duration < timedelta(0):
                raise _RowError("duration_minutes", f"{minutes!r} is negative")
        replied: bool | None = None
        answer = row.get("replied", "").lower()
        if answer in _TRUE:
            replied = True
        elif answer in _FALSE:
            replied = False
        elif answer:
            raise _RowError("replied", f"{answer!r} is not yes, no or empty")
        note = row.get("note") or None
        iid = _row_id(
            "interaction",
            (at.isoformat(), ";".join(uids), kind.value, direction.value, note or ""),
            seen,
        )
        return Interaction(
            id=iid,
            at=at,
            contact_uids=uids,
            kind=kind,
            direction=direction,
            duration=duration,
            note=note,
            replied=replied,
        )

    return _read_rows(
        data,
        source=source,
        strict=strict,
        columns=INTERACTION_COLUMNS,
        required=("date", "contact", "kind"),
        make=make,
    )


def read_ledger(
    data: bytes | str, net: Network, *, source: str | None = None, strict: bool = False
) -> Parsed[LedgerEntry]:
    """Read the ledger CSV against ``net``.

    Columns, in any order: ``date`` (``2026-11-02``), ``contact`` (email, uid or exact
    name), ``direction`` (``given`` or ``received``), ``kind`` (a :class:`FavourKind`
    value), and optionally ``weight`` (default 1.0) and ``note``. Ids are derived from
    the row's content, as in :func:`read_interactions`.

    Raises:
        ParseError: In strict mode, on the first bad row.
    """

    def make(row: dict[str, str], seen: dict[str, int]) -> LedgerEntry:
        on = _parse_day(row.get("date", ""))
        uid = _resolve(net, row.get("contact", ""))
        direction = _enum_value(FavourDirection, "direction", row.get("direction", ""), None)
        kind = _enum_value(FavourKind, "kind", row.get("kind", ""), None)
        weight = 1.0
        raw = row.get("weight", "")
        if raw:
            try:
                weight = float(raw)
            except ValueError:
                raise _RowError("weight", f"{raw!r} is not a number") from None
            if not 0 <= weight < float("inf"):
                raise _RowError("weight", f"{raw!r} must be a finite number >= 0")
        note = row.get("note") or None
        eid = _row_id(
            "ledger",
            (on.isoformat(), uid, direction.value, kind.value, repr(weight), note or ""),
            seen,
        )
        return LedgerEntry(
            id=eid, on=on, contact_uid=uid, direction=direction, kind=kind, weight=weight, note=note
        )

    return _read_rows(
        data,
        source=source,
        strict=strict,
        columns=LEDGER_COLUMNS,
        required=("date", "contact", "direction", "kind"),
        make=make,
    )


# ---- whole networks ----------------------------------------------------------------


@attrs.frozen(slots=True)
class NetworkLoad:
    """What :func:`build_network` read.

    Attributes:
        network: The network built.
        files: Each contacts, calendar or JSON file read, in order.
        issues: Every issue, from every file (interactions and ledger CSVs included).
        events: What adding the calendars' events did, or ``None`` when there were none.
        interactions: How many interactions were logged from interaction files.
        ledger_entries: How many ledger entries were recorded from ledger files.
        skipped_duplicates: Contacts not added because a contact with the same uid was
            read before (from another file).
    """

    network: Network
    files: tuple[LoadedFile, ...]
    issues: tuple[Issue, ...]
    events: EventReport | None
    interactions: int
    ledger_entries: int
    skipped_duplicates: int


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files given, each folder replaced by the files in it.

    Folders are not searched recursively; their files are sorted by name, and hidden
    files, ``.py`` scripts and ``.md``/``.txt`` notes are left out.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.iterdir())
                if f.is_file()
                and not f.name.startswith(".")
                and f.suffix.lower() != ".py"
                and f.suffix.lower() not in {".md", ".txt"}
            )
        else:
            out.append(p)
    return out


def build_network(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    contacts: Iterable[str | os.PathLike[str]] = (),
    calendars: Iterable[str | os.PathLike[str]] = (),
    interactions: Iterable[str | os.PathLike[str]] = (),
    ledgers: Iterable[str | os.PathLike[str]] = (),
    base: Network | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
    create_missing: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> NetworkLoad:
    """Read files into one network: contacts first, then events, interactions and favours.

    Args:
        paths: Files or folders of any kind, each recognised by :func:`detect`.
        contacts: Files of contacts (vCard, jCard, CSV, netcore JSON).
        calendars: iCalendar files.
        interactions: Interactions files (the CSV of :func:`read_interactions`, or a
            netcore JSON document whose interactions are taken).
        ledgers: Ledger files (the CSV of :func:`read_ledger`, or a netcore JSON document
            whose ledger entries are taken).
        base: Add to this network instead of a new one.
        strict: Raise on the first error in any file.
        expand_from: Expand recurring events from this moment (bounded expansion).
        expand_to: And up to this moment; occurrences after it are not read.
        create_missing: Make a contact for every event attendee who matches none.
        on_file: Called with each file's path before it is read (for progress bars).

    Raises:
        ParseError: In strict mode, on the first error.
        UnsupportedFormatError: A file is of no kind netcore reads.
        OSError: A file cannot be read.
    """
    net = base if base is not None else Network()
    buckets: dict[str, list[tuple[Path, bytes, FileKind]]] = {
        "contacts": [],
        "calendars": [],
        "interactions": [],
        "ledgers": [],
    }

    def put(path: Path, forced: str | None) -> None:
        if on_file is not None:
            on_file(path)
        data = read_bytes(path)
        kind = detect(data, str(path))
        if forced == "interactions" and kind is not FileKind.JSON:
            kind = FileKind.INTERACTIONS
        if forced == "ledgers" and kind is not FileKind.JSON:
            kind = FileKind.LEDGER
        if forced in {"interactions", "ledgers"}:
            buckets[forced].append((path, data, kind))
        elif kind is FileKind.ICAL:
            buckets["calendars"].append((path, data, kind))
        elif kind is FileKind.INTERACTIONS:
            buckets["interactions"].append((path, data, kind))
        elif kind is FileKind.LEDGER:
            buckets["ledgers"].append((path, data, kind))
        else:
            buckets["contacts"].append((path, data, kind))

    for p in expand_paths(paths):
        put(p, None)
    for p in expand_paths(contacts):
        put(p, "contacts")
    for p in expand_paths(calendars):
        put(p, "calendars")
    for p in expand_paths(interactions):
        put(p, "interactions")
    for p in expand_paths(ledgers):
        put(p, "ledgers")

    files: list[LoadedFile] = []
    issues: list[Issue] = []
    skipped = 0
    docs: list[Network] = []
    for path, data, kind in buckets["contacts"]:
        loaded = loads(data, source=str(path), kind=kind, strict=strict)
        files.append(loaded)
        issues.extend(loaded.issues)
        for c in loaded.contacts:
            if c.uid in net:
                skipped += 1
                issues.append(
                    Issue(
                        str(path),
                        None,
                        "UID",
                        Severity.WARNING,
                        f"a contact with uid {c.uid!r} was already read; kept the first "
                        "(netcore dedupe merges duplicates)",
                    )
                )
                continue
            net.add_contact(c)
        if loaded.network is not None:
            docs.append(loaded.network)
    events: list[Event] = []
    for path, data, kind in buckets["calendars"]:
        loaded = loads(
            data,
            source=str(path),
            kind=kind,
            strict=strict,
            expand_from=expand_from,
            expand_to=expand_to,
        )
        files.append(loaded)
        issues.extend(loaded.issues)
        events.extend(e for e in loaded.events if expand_to is None or _starts_before(e, expand_to))
    for doc in docs:
        events.extend(doc.events)
    report = net.add_events(events, create_missing=create_missing) if events else None
    logged = 0
    for doc in docs:
        for inter in doc.interactions:
            logged += _log(net, inter, issues, doc_source(doc, files))
    for path, data, kind in buckets["interactions"]:
        if kind is FileKind.JSON:
            from netcore.formats import json

            for inter in json.loads(data, source=str(path)).interactions:
                logged += _log(net, inter, issues, str(path))
            continue
        rows = read_interactions(data, net, source=str(path), strict=strict)
        issues.extend(rows.issues)
        for inter in rows:
            logged += _log(net, inter, issues, str(path))
    recorded = 0
    ledger_docs: list[tuple[str, Iterable[LedgerEntry]]] = [
        (doc_source(doc, files), doc.ledger.entries) for doc in docs
    ]
    for path, data, kind in buckets["ledgers"]:
        if kind is FileKind.JSON:
            from netcore.formats import json

            ledger_docs.append((str(path), json.loads(data, source=str(path)).ledger.entries))
            continue
        entries = read_ledger(data, net, source=str(path), strict=strict)
        issues.extend(entries.issues)
        ledger_docs.append((str(path), entries))
    for source, entries_ in ledger_docs:
        for entry in entries_:
            try:
                net.ledger.record(entry)
                recorded += 1
            except NetcoreError as exc:
                issues.append(Issue(source, None, "ledger", Severity.WARNING, str(exc)))
    return NetworkLoad(
        network=net,
        files=tuple(files),
        issues=tuple(issues),
        events=report,
        interactions=logged,
        ledger_entries=recorded,
        skipped_duplicates=skipped,
    )


def doc_source(doc: Network, files: Sequence[LoadedFile]) -> str:
    """The name of the file a JSON document's network came from."""
    for f in files:
        if f.network is doc:
            return f.source
    return "<json>"


def _starts_before(event: Event, limit: datetime) -> bool:
    start = event.start
    if isinstance(start, datetime):
        return start <= limit
    return start <= limit.date()


def _log(net: Network, inter: Interaction, issues: list[Issue], source: str) -> int:
    try:
        net.log(inter)
    except RecordConflictError:
        return 0  # the same id: the same interaction, read twice (ids derive from content)
    except NotFoundError as exc:
        issues.append(Issue(source, None, "interaction", Severity.WARNING, str(exc)))
        return 0
    return 1


# ---- writing ------------------------------------------------------------------------

OutputFormat = Literal[
    "vcard4", "vcard3", "vcard21", "jcard", "json", "csv-google", "csv-outlook", "csv-linkedin"
]

OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    "vcard4",
    "vcard3",
    "vcard21",
    "jcard",
    "json",
    "csv-google",
    "csv-outlook",
    "csv-linkedin",
)
"""The formats :func:`save` writes contacts in."""

_OUT_SUFFIXES: Mapping[str, OutputFormat] = {
    ".vcf": "vcard4",
    ".vcard": "vcard4",
    ".jcard": "jcard",
    ".jcf": "jcard",
    ".json": "json",
    ".csv": "csv-google",
}


def output_format_for(name: str) -> OutputFormat:
    """The output format a file name asks for.

    ``.vcf`` is vCard 4.0, ``.jcard`` jCard, ``.json`` a netcore JSON document, ``.csv``
    Google CSV.

    Raises:
        UnsupportedFormatError: The suffix is none of these.

    Examples:
        >>> output_format_for("out/contacts.VCF")
        'vcard4'
    """
    fmt = _OUT_SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"{name}: cannot tell the output format from the suffix; give --to "
            f"{'|'.join(OUTPUT_FORMATS)}"
        )
    return fmt


def dumps(contacts: Sequence[Contact], fmt: OutputFormat) -> str:
    """Contacts as text in ``fmt``.

    For ``json``, contacts sharing a uid keep only the first (a network holds one
    contact per uid).

    Raises:
        UnsupportedFormatError: ``fmt`` is not one of :data:`OUTPUT_FORMATS`.
    """
    if fmt in {"vcard4", "vcard3", "vcard21"}:
        from netcore.formats import vcard

        version = {"vcard4": "4.0", "vcard3": "3.0", "vcard21": "2.1"}[fmt]
        return vcard.dumps(contacts, version=version)
    if fmt == "jcard":
        from netcore.formats import jcard

        return jcard.dumps(contacts)
    if fmt.startswith("csv-"):
        from netcore.formats import csv

        dialect: Literal["linkedin", "google", "outlook"] = (
            "google" if fmt == "csv-google" else "outlook" if fmt == "csv-outlook" else "linkedin"
        )
        return csv.dumps(contacts, dialect=dialect)
    if fmt == "json":
        from netcore.formats import json

        net = Network()
        seen: set[str] = set()
        unique = []
        for c in contacts:
            if c.uid not in seen:
                seen.add(c.uid)
                unique.append(c)
        net.add_contacts(unique)
        return json.dumps(net)
    raise UnsupportedFormatError(f"unknown output format {fmt!r}; use {'|'.join(OUTPUT_FORMATS)}")


def save(
    path: str | os.PathLike[str], contacts: Sequence[Contact], *, fmt: OutputFormat | None = None
) -> OutputFormat:
    """Write contacts to ``path`` (atomically), in ``fmt`` or the format its suffix asks for.

    Returns:
        The format written.

    Raises:
        UnsupportedFormatError: No ``fmt`` and the suffix names no format.
    """
    fmt = fmt or output_format_for(os.fspath(path))
    write_bytes(dumps(contacts, fmt).encode("utf-8"), path)
    return fmt
