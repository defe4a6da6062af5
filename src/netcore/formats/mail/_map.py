"""Mail to interactions: direction, replies, threads per day, automatic mail, group size.

The table in ``docs/mail.md`` is this module in words. One pass over the headers
(streaming); what is kept per message is its ids and who was on it, never its body.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import os
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import IO, cast

import attrs

from netcore import _gc
from netcore.errors import NotFoundError, RecordConflictError
from netcore.formats.issues import Issue, IssueCollector
from netcore.formats.mail._read import MailHeaders, iter_headers
from netcore.formats.mail._rules import (
    BULK_RECIPIENTS,
    automatic_reason,
    group_factor,
    is_no_reply,
)
from netcore.model import Contact, Direction, Email, Interaction, InteractionKind, Network
from netcore.model.event import Attendee, not_a_person

__all__ = [
    "REPLY_WINDOW_DAYS",
    "Answer",
    "MailRead",
    "Missing",
    "address_key",
    "answered_ids",
    "interaction_id",
    "log_into",
    "lookup_in",
    "read_interactions",
]

REPLY_WINDOW_DAYS = 90
"""How many days before their answer my message, read in an earlier read, is looked for.

Within one read any earlier message of mine counts; across reads the ids must be derived
again day by day (:func:`answered_ids`), so the days tried are bounded.
"""

_NS = uuid.UUID("3f0d8a8e-7a4c-4f55-8d0e-6a9b1c2d3e4f")
_NOTE_LIMIT = 200

Lookup = Callable[[str], str | None]
"""Finds the contact uid for an email address (as written), or ``None``."""


class _Address:
    """Just enough of an :class:`Email` for its ``normalized`` rule, without pydantic's cost."""

    __slots__ = ("address",)

    def __init__(self, address: str) -> None:
        self.address = address


_NORMALIZED = cast("Callable[[object], str]", vars(Email)["normalized"].fget)


def address_key(address: str) -> str:
    """The key an address is matched on: the model's rule (:attr:`Email.normalized`).

    Examples:
        >>> address_key(" Ada@Example.ORG ")
        'ada@example.org'
    """
    return _NORMALIZED(_Address(address))


def interaction_id(thread: str, day: str, address: str, direction: Direction) -> str:
    """The id of the interaction for one thread, one day, one person and one direction.

    Derived from the content, so that reading the same mailbox twice gives the same ids
    and the second import adds nothing.
    """
    key = "\x1f".join(("mail", thread, day, address_key(address), direction.value))
    return "mail:" + str(uuid.uuid5(_NS, key))


def lookup_in(net: Network) -> Lookup:
    """A lookup that finds contacts of ``net`` by email (the first match)."""

    def find(address: str) -> str | None:
        found = net.find(email=address)
        return found[0].uid if found else None

    return find


NOT_A_PERSON = "a group, mailing list or role address, not a person (once per address)"
"""The ``skipped`` reason for addresses ``netcore.model.event.not_a_person`` rejects."""


def _not_a_person(address: str, name: str, *, known: bool) -> bool:
    """Whether the calendar's rule (``not_a_person``) rejects a mail address.

    A known contact's display name is not read: matched by email, they are a person.
    """
    try:
        person = Attendee(email=address, name=name or None)
    except ValueError:  # a name that is no single line: judge the address alone
        person = Attendee(email=address)
    return not_a_person(person, read_name=not known) is not None


@attrs.frozen(slots=True)
class Missing:
    """Someone I exchanged mail with who is not in the address book.

    Attributes:
        address: Their address as first written.
        name: Their display name, where a message gave one.
        messages: How many messages they were on.
    """

    address: str
    name: str
    messages: int


@attrs.frozen(slots=True)
class Answer:
    """A message of theirs answering mail that was not in the same read (read earlier).

    Attributes:
        uid: Their contact uid.
        address: Their address key (my message's interaction id was derived from it).
        threads: The threads my message may have had: the first ``In-Reply-To``, the
            first and the last ``References`` (see :func:`answered_ids`).
        day: The UTC day of their message (``YYYY-MM-DD``): mine was on it or before.
    """

    uid: str
    address: str
    threads: tuple[str, ...]
    day: str


@attrs.frozen(slots=True)
class MailRead:
    """What a mailbox gave: interactions, and what was left out and why.

    Attributes:
        interactions: One per thread, day, person and direction, oldest first.
        weights: Each interaction's group factor by id (:func:`group_factor`: 1 for a
            message between me and one person, 1/n for n people). Scoring reads the
            same from ``Interaction.participants`` (the people on it, me included).
        new_contacts: Contacts made for people not in the address book
            (``create_missing=True``), to add before the interactions.
        missing: People not in the address book (and not created), by address key.
        skipped: Messages that gave no interaction, counted by reason.
        messages: Messages read.
        issues: Problems found, each naming the file, line and message number.
        answers: Their replies whose ``In-Reply-To``/``References`` named no message of
            mine in this read: they may answer my interactions stored from an earlier
            read (:func:`answered_ids`, applied by :func:`log_into`).
    """

    interactions: tuple[Interaction, ...]
    weights: Mapping[str, float]
    new_contacts: tuple[Contact, ...]
    missing: Mapping[str, Missing]
    skipped: Mapping[str, int]
    messages: int
    issues: tuple[Issue, ...]
    answers: tuple[Answer, ...] = ()


@attrs.define(slots=True)
class _Group:
    at: datetime
    ts: float
    uid: str
    address: str
    direction: Direction
    people: int
    note: str | None
    replied: bool = False
    answers: bool = False  # mine, answering a message of theirs: not outreach


def _thread_of(h: MailHeaders) -> str:
    if h.references:
        return h.references[0]
    if h.in_reply_to:
        return h.in_reply_to[0]
    if h.message_id:
        return h.message_id
    basis = "\x1f".join(
        (h.date.isoformat() if h.date else "", h.sender[1] if h.sender else "", h.subject or "")
    )
    return "sha1:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()


@attrs.define(slots=True)
class _State:
    me: frozenset[str]
    lookup: Lookup
    create_missing: bool
    groups: dict[tuple[str, str, str, Direction], _Group] = attrs.field(factory=dict)
    sent: dict[str, dict[str, tuple[str, str, str, Direction]]] = attrs.field(factory=dict)
    received: dict[str, tuple[str, str, str, Direction]] = attrs.field(factory=dict)
    their_refs: list[tuple[tuple[str, str, str, Direction], tuple[str, ...], tuple[str, ...]]] = (
        attrs.field(factory=list)
    )
    my_refs: list[tuple[tuple[str, ...], tuple[tuple[str, str, str, Direction], ...]]] = (
        attrs.field(factory=list)
    )
    uids: dict[str, str | None] = attrs.field(factory=dict)
    created: dict[str, Contact] = attrs.field(factory=dict)
    missing: dict[str, Missing] = attrs.field(factory=dict)
    skipped: dict[str, int] = attrs.field(factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def uid_for(self, address: str, name: str) -> str | None:
        key = address_key(address)
        if key in self.uids:
            uid = self.uids[key]
            if uid is None and key in self.missing:
                m = self.missing[key]
                self.missing[key] = Missing(m.address, m.name or name, m.messages + 1)
            return uid
        uid = self.lookup(address)
        if _not_a_person(address, name, known=uid is not None):
            self.uids[key] = None
            self.skip(NOT_A_PERSON)
            return None
        if uid is None and self.create_missing:
            uid = "urn:uuid:" + str(uuid.uuid5(_NS, "contact\x1f" + key))
            emails: tuple[Email, ...] = ()
            with contextlib.suppress(ValueError):  # not a valid address: a contact without one
                emails = (Email(address=address),)
            self.created[key] = Contact(
                uid=uid, formatted_name=name or address, emails=emails, source="mail"
            )
        if uid is None:
            self.missing[key] = Missing(address, name, 1)
        self.uids[key] = uid
        return uid

    def add(
        self, h: MailHeaders, at: datetime, person: tuple[str, str], direction: Direction, n: int
    ) -> tuple[str, str, str, Direction] | None:
        name, address = person
        uid = self.uid_for(address, name)
        if uid is None:
            return None
        thread = _thread_of(h)
        day = at.astimezone(UTC).date().isoformat()
        key = (thread, day, address_key(address), direction)
        g = self.groups.get(key)
        ts = at.timestamp()
        if g is None:
            note = (h.subject or "")[:_NOTE_LIMIT] or None
            self.groups[key] = _Group(at, ts, uid, address, direction, n, note)
        else:
            if ts < g.ts:
                g.at, g.ts = at, ts
            g.people = min(g.people, n)  # the closest exchange of the day counts
        return key


def _others(h: MailHeaders, me: frozenset[str], sender: str) -> list[tuple[str, str]]:
    """The people on a message besides me and ``sender`` (a key), once each, no no-reply."""
    seen: set[str] = {sender}
    out: list[tuple[str, str]] = []
    for person in (*h.to, *h.cc, *h.bcc):
        key = address_key(person[1])
        if key in me or key in seen or is_no_reply(person[1]):
            continue
        seen.add(key)
        out.append(person)
    return out


def _one(h: MailHeaders, st: _State, issues: IssueCollector) -> None:
    where = f"message {h.index}"
    if h.sender is None:
        st.skip("no From address")
        issues.error(f"{where}: no From address; left out", line=h.line, property="From")
        return
    if h.date is None:
        st.skip("no date")
        return
    reason = automatic_reason(h.signals)
    if reason is not None:
        st.skip(reason)
        return
    sender = address_key(h.sender[1])
    mine = sender in st.me
    if not mine and is_no_reply(h.sender[1]):
        st.skip("from a no-reply address")
        return
    others = _others(h, st.me, sender)
    if mine:
        if not others:
            st.skip("from me to nobody else")
            return
        if len(others) > BULK_RECIPIENTS:
            st.skip(f"from me to more than {BULK_RECIPIENTS} people")
            issues.info(
                f"{where}: sent to {len(others)} people; a mass mailing, not an interaction",
                line=h.line,
            )
            return
        keys = {}
        for person in others:
            key = st.add(h, h.date, person, Direction.OUTBOUND, len(others))
            if key is not None:
                keys[key[2]] = key
        if h.message_id and keys:
            st.sent[h.message_id] = keys
        st.my_refs.append(((*h.in_reply_to, *h.references), tuple(keys.values())))
        return
    key = st.add(h, h.date, h.sender, Direction.INBOUND, 1 + len(others))
    if key is None:
        return
    if h.message_id:
        st.received[h.message_id] = key
    refs = (*h.in_reply_to, *h.references)
    if refs:
        threads = tuple(dict.fromkeys((*h.in_reply_to[:1], *h.references[:1], *h.references[-1:])))
        st.their_refs.append((key, refs, threads))


def _resolve_replies(st: _State) -> list[Answer]:
    groups = st.groups
    answers: dict[tuple[str, str, tuple[str, ...]], str] = {}
    for their, refs, threads in st.their_refs:
        sender = their[2]
        found = False
        for ref in refs:
            keys = st.sent.get(ref)
            if keys is not None and sender in keys:
                groups[keys[sender]].replied = True
                found = True
        if not found:  # mine may be in an earlier read: the latest day bounds it
            akey = (groups[their].uid, sender, threads)
            answers[akey] = max(answers.get(akey, their[1]), their[1])
    for refs, mine in st.my_refs:
        for ref in refs:
            key = st.received.get(ref)
            if key is not None:
                groups[key].replied = True
                for k in mine:
                    if k[2] == key[2]:  # my answer to that person is no outreach of mine
                        groups[k].answers = True
    return [Answer(uid, address, threads, day) for (uid, address, threads), day in answers.items()]


def read_interactions(
    source: str | os.PathLike[str] | IO[bytes] | Iterable[MailHeaders],
    *,
    me_emails: Collection[str],
    contacts_lookup: Lookup,
    create_missing: bool = False,
    strict: bool = False,
) -> MailRead:
    r"""Read a mailbox's headers into interactions, by the rules of ``docs/mail.md``.

    * Sent by me (``From`` is one of ``me_emails``): ``OUTBOUND`` to each recipient
      (``To``, ``Cc``, ``Bcc``), ``replied=True`` when they answered (a message of theirs
      whose ``In-Reply-To``/``References`` names mine), else ``False``.
    * Received: ``INBOUND`` from the sender; ``replied=True`` when a message of mine
      answers it, else ``False`` (it may be waiting on me).
    * A thread counts once per day, per person and per direction.
    * Mailing lists, bulk and automatic mail, no-reply senders and my mass mailings
      (more than :data:`BULK_RECIPIENTS` people) give none; ``skipped`` counts them.
    * Each interaction's ``participants`` is how many people were on it, me included;
      scoring weighs it by the one group-size rule (``netcore.model.interaction.group_factor``);
      ``weights`` holds that factor by id (:func:`group_factor`).
    * Ids derive from the thread, day, address and direction: importing twice adds nothing.

    Args:
        source: A path, a binary file or headers already read (:func:`iter_headers`).
        me_emails: My addresses (at least one).
        contacts_lookup: Finds a contact's uid by email (:func:`lookup_in` for a network).
        create_missing: Make a contact for each person not found (``new_contacts``).
        strict: Raise ``ParseError`` on the first error in the input.

    Raises:
        ValueError: ``me_emails`` is empty.
        ParseError: With ``strict``, on the first error.
        OSError: The source cannot be read.

    Examples:
        >>> import io
        >>> raw = (b"From: Ada <ada@example.org>\nTo: me@example.com\nMessage-ID: <1@x>\n"
        ...        b"Date: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: Lunch?\n\n")
        >>> r = read_interactions(io.BytesIO(raw), me_emails=["me@example.com"],
        ...                       contacts_lookup={"ada@example.org": "ada"}.get)
        >>> [(i.contact_uids, i.direction.value, i.replied) for i in r.interactions]
        [(('ada',), 'inbound', False)]
    """
    me = frozenset(address_key(a) for a in me_emails if a.strip())
    if not me:
        raise ValueError("me_emails is empty: give at least one of my addresses (--me, NETCORE_ME)")
    issues = IssueCollector(strict=strict, capped=True)
    st = _State(me, contacts_lookup, create_missing)
    headers: Iterable[MailHeaders]
    if isinstance(source, str | os.PathLike | io.IOBase):
        headers = iter_headers(source, issues)
    else:
        headers = cast("Iterable[MailHeaders]", source)
    count = 0
    # Many small long-lived records: pause the cyclic collector (DESIGN.md, performance).
    with _gc.paused():
        for h in headers:
            count += 1
            _one(h, st, issues)
        answers = _resolve_replies(st)
        interactions: list[Interaction] = []
        weights: dict[str, float] = {}
        for (thread, day, addr, direction), g in st.groups.items():
            iid = interaction_id(thread, day, addr, direction)
            interactions.append(
                Interaction(
                    id=iid,
                    at=g.at,
                    contact_uids=(g.uid,),
                    kind=InteractionKind.EMAIL,
                    direction=direction,
                    note=g.note,
                    replied=True if g.replied else (None if g.answers else False),
                    participants=g.people + 1,  # me too
                )
            )
            weights[iid] = group_factor(g.people)
    interactions.sort(key=lambda i: (i.at, i.id))
    return MailRead(
        interactions=tuple(interactions),
        weights=weights,
        new_contacts=tuple(st.created.values()),
        missing=dict(st.missing),
        skipped=dict(st.skipped),
        messages=count,
        issues=(*issues.issues, *issues.summary()),
        answers=tuple(answers),
    )


def answered_ids(net: Network, answers: Iterable[Answer]) -> set[str]:
    """The ids of ``net``'s mail interactions of mine that ``answers`` answer.

    My message read earlier has the id :func:`interaction_id` gave it: its thread (one of
    the answer's ``threads``: a direct reply names my message in ``In-Reply-To`` and
    last in ``References``, and the thread's first message first), its UTC day (on or
    before the answer's), their address and ``OUTBOUND``. Only the days of my outbound
    emails to that person that are not yet answered are tried, so the cost is the
    threads times those days, and at most :data:`REPLY_WINDOW_DAYS` days before the
    answer's are tried (each thread once per person, at its latest answer). Give the ids
    to :meth:`Network.mark_replied` (and ``Store.mark_replied``); an id never logged is
    never produced.
    """
    by_uid: dict[str, dict[tuple[str, str], str]] = {}  # uid -> (address, thread) -> day
    for a in answers:
        latest = by_uid.setdefault(a.uid, {})
        for thread in a.threads:
            key = (a.address, thread)
            latest[key] = max(latest.get(key, a.day), a.day)
    found: set[str] = set()
    for uid, latest in by_uid.items():
        if uid not in net.contacts:
            continue
        open_ids: dict[str, str] = {}  # id -> UTC day
        for i in net.interactions_with(uid):
            if (
                i.kind is InteractionKind.EMAIL
                and i.direction is Direction.OUTBOUND
                and i.replied is not True
            ):
                open_ids[i.id] = i.at.astimezone(UTC).date().isoformat()
        days = sorted(set(open_ids.values()))
        for (address, thread), last in latest.items():
            first = (date.fromisoformat(last) - timedelta(days=REPLY_WINDOW_DAYS)).isoformat()
            for day in days[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]:
                iid = interaction_id(thread, day, address, Direction.OUTBOUND)
                if iid in open_ids:
                    found.add(iid)
    return found


def log_into(net: Network, read: MailRead) -> int:
    """Add ``read``'s new contacts and interactions to ``net``; return how many were logged.

    Interactions already logged (the same id: the same mailbox read before) and contacts
    already present are left alone, so importing twice adds nothing; the one change made
    to a logged interaction is ``replied`` rising to ``True`` when ``read`` holds their
    answer to it (``read.answers``, :func:`answered_ids`, :meth:`Network.mark_replied`).
    """
    for c in read.new_contacts:
        if c.uid not in net:
            net.add_contact(c)
    logged = 0
    for inter in read.interactions:
        try:
            net.log(inter)
        except (RecordConflictError, NotFoundError):
            continue
        logged += 1
    if read.answers:
        net.mark_replied(answered_ids(net, read.answers))
    return logged
