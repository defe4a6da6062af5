"""The ``Network`` aggregate: contacts, interactions, events and the ledger, with lookups."""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time
from types import MappingProxyType
from typing import Literal, overload

import attrs

from netcore import _gc
from netcore.errors import AmbiguousReferenceError, NotFoundError, RecordConflictError
from netcore.model.contact import Contact
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventStatus,
    NotAPersonMemo,
    contact_kind,
)
from netcore.model.interaction import Direction, Interaction, InteractionKind
from netcore.model.ledger import Ledger
from netcore.model.me import Me
from netcore.model.relations import (
    RELATION_WEIGHTS,
    Relation,
    RelationKind,
    derive_relations,
    rank_documents,
    search_documents,
    search_fields,
    search_terms,
)
from netcore.model.values import TEXT_IS_NFC, Email, phone_key

__all__ = ["AttendeeMatch", "EventReport", "Network"]

_NS = uuid.UUID("6f1c1a52-3c55-4d0e-9d55-1f6c4b6d2a10")
"""Namespace for the deterministic ids netcore derives (event interactions, created contacts)."""
_NS_BYTES = _NS.bytes


def _derived_id(name: str) -> str:
    """``str(uuid.uuid5(_NS, name))``: the id netcore derives from ``name``.

    The same bits as ``uuid.uuid5`` (SHA-1 of the namespace and the UTF-8 name, version 5,
    RFC 4122 variant), written without building a ``UUID``: an import logs one per
    attendee and occurrence.
    """
    digest = bytearray(hashlib.sha1(_NS_BYTES + name.encode(), usedforsecurity=False).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


_DIGITS = re.compile(r"\D")


def _name_key(name: str) -> str:
    """The key a name is filed and looked up under: stripped and NFC, never case-folded."""
    key = name.strip()
    return key if key.isascii() else unicodedata.normalize("NFC", key)


def _phone_key(number: str, e164: str | None) -> str:
    return e164 if e164 is not None else _DIGITS.sub("", number)


class _View(Sequence[Interaction]):
    """A read-only window on the network's interaction list (no copy)."""

    __slots__ = ("_items",)

    def __init__(self, items: list[Interaction]) -> None:
        self._items = items

    @overload
    def __getitem__(self, index: int) -> Interaction: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Interaction]: ...
    def __getitem__(self, index: int | slice) -> Interaction | Sequence[Interaction]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Interaction]:
        return iter(self._items)


@attrs.frozen(slots=True)
class AttendeeMatch:
    """An attendee (or organizer) of an event linked to a contact.

    Attributes:
        event_uid: The event.
        start: The occurrence's start.
        attendee: The attendee as the calendar gave them.
        contact_uid: The contact they were linked to.
        by: How: ``"email"`` (case-insensitive), ``"name"`` (exact display name) or
            ``"created"`` (a new contact made with ``create_missing=True``).
    """

    event_uid: str
    start: datetime | date
    attendee: Attendee
    contact_uid: str
    by: Literal["email", "name", "created"]


@attrs.frozen(slots=True)
class EventReport:
    """What :meth:`Network.add_events` did.

    Attributes:
        events_added: Occurrences new to the network.
        events_known: Occurrences already there (same uid and start): nothing was created twice.
        matched: Every attendee linked to a contact, in the order met.
        created: Contacts made from unmatched attendees (``create_missing=True``).
        unmatched: Attendees that match no contact (and were not created).
        skipped: Attendees given no interaction, each with the reason (declined,
            non-participant, a room or resource).
        interactions_created: ``EVENT`` interactions logged.
    """

    events_added: int
    events_known: int
    matched: tuple[AttendeeMatch, ...]
    created: tuple[Contact, ...]
    unmatched: tuple[Attendee, ...]
    skipped: tuple[tuple[Attendee, str], ...]
    interactions_created: int


@attrs.define(slots=True, eq=False, repr=False)
class Network:
    """Everyone you know, every time you were in touch, the events you met at, and the favours.

    Contacts are keyed by uid: adding a second contact with a uid already present is an
    error, never a silent overwrite (use :meth:`replace_contact`, or
    ``netcore.dedupe.merge`` then :meth:`merge_contacts`). Interactions are kept in the
    order logged; :attr:`revision` changes whenever something other than an append
    happens, so that caches (the scoring aggregates) know when to start again.

    Examples:
        >>> from datetime import datetime, timezone
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace",
        ...                           emails=(Email(address="Ada@Example.org"),))])
        >>> _ = net.log(Interaction(at=datetime(2026, 1, 5, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.CALL))
        >>> [c.uid for c in net.find(email="ada@example.ORG")], len(net.interactions_with("ada"))
        (['ada'], 1)
    """

    ledger: Ledger = attrs.field(factory=Ledger)
    me: Me | None = attrs.field(default=None, kw_only=True)
    """The network's owner: never a contact, never scored (``None``: not known)."""
    _contacts: dict[str, Contact] = attrs.field(factory=dict, init=False)
    _interactions: list[Interaction] = attrs.field(factory=list, init=False)
    _interaction_ids: set[str] = attrs.field(factory=set, init=False)
    # contact uid -> positions in _interactions, ascending (a merge rewrites in place)
    _by_contact: dict[str, list[int]] = attrs.field(factory=dict, init=False)
    _events: dict[tuple[str, str], Event] = attrs.field(factory=dict, init=False)
    _series: dict[str, int] = attrs.field(factory=dict, init=False)  # occurrences per uid
    _by_email: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _by_phone: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _by_name: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _revision: int = attrs.field(default=0, init=False)
    _relations: dict[tuple[str, str, RelationKind], Relation] = attrs.field(
        factory=dict, init=False
    )

    def __repr__(self) -> str:
        return (
            f"Network(contacts={len(self._contacts)}, interactions={len(self._interactions)}, "
            f"events={len(self._events)}, ledger_entries={len(self.ledger)})"
        )

    # ---- contacts -------------------------------------------------------------------

    @property
    def contacts(self) -> Mapping[str, Contact]:
        """Every contact by uid, in the order added (a read-only view)."""
        return MappingProxyType(self._contacts)

    @property
    def revision(self) -> int:
        """A counter bumped by every change but adding or logging (replace, merge, mark_replied)."""
        return self._revision

    def add_contact(self, contact: Contact) -> None:
        """Add one contact.

        Raises:
            RecordConflictError: A contact with that uid is already in the network.
        """
        self.add_contacts((contact,))

    def add_contacts(self, contacts: Iterable[Contact]) -> None:
        """Add contacts; all or none.

        Raises:
            RecordConflictError: A uid is already in the network or appears twice in
                ``contacts``; nothing was added.
        """
        batch = list(contacts)
        seen: set[str] = set()
        for c in batch:
            if c.uid in self._contacts or c.uid in seen:
                raise RecordConflictError(
                    f"a contact with uid {c.uid!r} is already in the network; use "
                    "replace_contact() to overwrite it, or netcore.dedupe.merge() and "
                    "merge_contacts() to combine the two"
                )
            seen.add(c.uid)
        for c in batch:
            self._contacts[c.uid] = c
            self._index(c)

    def replace_contact(self, contact: Contact) -> Contact:
        """Replace the contact with the same uid and return the old one.

        Raises:
            NotFoundError: No contact has that uid.
        """
        old = self.contact(contact.uid)
        self._unindex(old)
        self._contacts[contact.uid] = contact
        self._index(contact)
        self._revision += 1
        return old

    def merge_contacts(self, keep_uid: str, drop_uid: str, merged: Contact) -> None:
        """Replace two contacts by their merge; re-point interactions and ledger entries.

        ``merged`` (usually from ``netcore.dedupe.merge``) must carry ``keep_uid``.
        Interactions with ``drop_uid`` now name ``keep_uid``; ledger entries about
        ``drop_uid`` count for ``keep_uid`` (the append-only ledger records the alias).
        The cost grows with the two contacts and their interactions, not with the network:
        only their index keys and their interactions are touched.

        Raises:
            NotFoundError: Either uid is not in the network.
            RecordConflictError: ``merged.uid`` is not ``keep_uid``, or the uids are equal.
        """
        if keep_uid == drop_uid:
            raise RecordConflictError("cannot merge a contact with itself")
        if merged.uid != keep_uid:
            raise RecordConflictError(f"the merged contact must keep uid {keep_uid!r}")
        old_keep, old_drop = self.contact(keep_uid), self.contact(drop_uid)
        self._unindex(old_keep)
        self._unindex(old_drop)
        del self._contacts[drop_uid]
        self._contacts[keep_uid] = merged
        self._index(merged)
        moved = self._by_contact.pop(drop_uid, [])
        if moved:
            items = self._interactions
            for pos in moved:
                inter = items[pos]
                uids = tuple(
                    dict.fromkeys(keep_uid if u == drop_uid else u for u in inter.contact_uids)
                )
                items[pos] = inter.model_copy(update={"contact_uids": uids})
            kept = self._by_contact.get(keep_uid, [])
            self._by_contact[keep_uid] = list(dict.fromkeys(heapq.merge(kept, moved)))
        self.ledger.repoint(drop_uid, keep_uid)
        self._repoint_relations(drop_uid, keep_uid)
        self._revision += 1

    def contact(self, uid: str) -> Contact:
        """The contact with ``uid``.

        Raises:
            NotFoundError: No contact has that uid.
        """
        try:
            return self._contacts[uid]
        except KeyError:
            raise NotFoundError(f"no contact with uid {uid!r}") from None

    def __contains__(self, uid: object) -> bool:
        return uid in self._contacts

    def __len__(self) -> int:
        return len(self._contacts)

    def find(
        self, *, email: str | None = None, phone: str | None = None, name: str | None = None
    ) -> list[Contact]:
        """Contacts with this email (case-insensitive), phone, or exact display name.

        Give exactly one of the three. A phone matches on its E.164 form when the stored
        number has one, else on its digits.

        Raises:
            ValueError: Not exactly one criterion was given.
        """
        given = [
            k for k, v in (("email", email), ("phone", phone), ("name", name)) if v is not None
        ]
        if len(given) != 1:
            raise ValueError(f"find() takes exactly one of email=, phone=, name= (got {given})")
        if email is not None:
            uids = self._by_email.get(Email.normalize(email), [])
        elif phone is not None:
            key = phone_key(phone)  # the one phone rule, as search's
            uids = self._by_phone.get(key, []) if key else []
        else:
            assert name is not None
            uids = self._by_name.get(_name_key(name), [])
        return [self._contacts[u] for u in uids]

    def _index_keys(self, c: Contact) -> Iterator[tuple[dict[str, list[str]], str]]:
        """Every (index, key) under which ``c`` is filed: the one rule for filing."""
        for key in {e.normalized for e in c.emails}:
            yield self._by_email, key
        for key in {_phone_key(p.number, p.e164) for p in c.phones}:
            if key:
                yield self._by_phone, key
        for key in {_name_key(c.display_name), _name_key(c.formatted_name)}:
            if key:
                yield self._by_name, key

    def _index(self, c: Contact) -> None:
        for index, key in self._index_keys(c):
            index.setdefault(key, []).append(c.uid)

    def _unindex(self, c: Contact) -> None:
        """Remove ``c`` from the keys it is filed under (never a scan of the whole index)."""
        for index, key in self._index_keys(c):
            uids = index.get(key)
            if uids is None or c.uid not in uids:
                continue
            uids.remove(c.uid)
            if not uids:
                del index[key]

    # ---- interactions ---------------------------------------------------------------

    @property
    def interactions(self) -> Sequence[Interaction]:
        """Every interaction in the order logged (a read-only view, not a copy)."""
        return _View(self._interactions)

    def log(self, interaction: Interaction) -> Interaction:
        """Record an interaction and return it.

        Raises:
            RecordConflictError: An interaction with that id is already logged.
            NotFoundError: It names a contact uid that is not in the network.
        """
        if interaction.id in self._interaction_ids:
            raise RecordConflictError(f"interaction {interaction.id!r} is already logged")
        contacts = self._contacts
        for uid in interaction.contact_uids:
            if uid not in contacts:
                raise NotFoundError(
                    f"interaction {interaction.id!r} names unknown contact {uid!r}; "
                    "add the contact first"
                )
        pos = len(self._interactions)
        self._interactions.append(interaction)
        self._interaction_ids.add(interaction.id)
        by_contact = self._by_contact
        for uid in interaction.contact_uids:
            bucket = by_contact.get(uid)
            if bucket is None:
                by_contact[uid] = [pos]
            else:
                bucket.append(pos)
        return interaction

    def log_many(self, interactions: Iterable[Interaction]) -> int:
        """Log many interactions; stops at the first invalid one (those before it stay logged).

        Returns:
            How many were logged.
        """
        count = 0
        # Bulk appends create many long-lived objects; the cyclic collector would scan
        # them again and again and free nothing (DESIGN.md, "Performance facts").
        with _gc.paused():
            for interaction in interactions:
                self.log(interaction)
                count += 1
        return count

    def mark_replied(self, ids: Iterable[str]) -> int:
        """Mark logged interactions answered (``replied=True``); return how many changed.

        The one rule for changing a logged interaction (the store keeps the same,
        ``Store.mark_replied``): ``False`` or ``None`` rises to ``True`` (their answer,
        read later than my message), nothing else changes, ``True`` is never lowered, and
        ids not logged are ignored. Bumps :attr:`revision` when anything changed.
        """
        wanted = {i for i in ids if i in self._interaction_ids}
        if not wanted:
            return 0
        items = self._interactions
        changed = 0
        for pos, inter in enumerate(items):
            if inter.id in wanted and inter.replied is not True:
                items[pos] = inter.model_copy(update={"replied": True})
                changed += 1
        if changed:
            self._revision += 1
        return changed

    def interactions_with(self, uid: str) -> tuple[Interaction, ...]:
        """Interactions involving ``uid``, oldest first.

        Raises:
            NotFoundError: No contact has that uid.
        """
        self.contact(uid)
        items = self._interactions
        return tuple(sorted((items[p] for p in self._by_contact.get(uid, ())), key=lambda i: i.at))

    # ---- events ---------------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event occurrence, in the order added."""
        return tuple(self._events.values())

    def event(self, uid: str) -> tuple[Event, ...]:
        """The occurrences of the event ``uid``, in the order added.

        Raises:
            NotFoundError: No event has that uid.
        """
        found = tuple(e for (u, _), e in self._events.items() if u == uid)
        if not found:
            raise NotFoundError(f"no event with uid {uid!r}")
        return found

    def occurrence(self, event_uid: str, at: datetime) -> Event | None:
        """The occurrence of ``event_uid`` that an event interaction logged at ``at`` is for.

        ``at`` is the occurrence's start (midnight UTC for an all-day occurrence), as
        :meth:`add_events` logs it.
        """
        found = self._events.get((event_uid, at.astimezone(UTC).isoformat()))
        if found is None and at.astimezone(UTC).time() == time():
            found = self._events.get((event_uid, at.astimezone(UTC).date().isoformat()))
        return found

    def is_me(self, person: Attendee | Contact) -> bool:
        """True when an attendee or contact is the network's owner (:attr:`me`).

        Matched by email (case-insensitive), else, for an attendee without an email, by
        name (``Me.has_name``: NFC, case and spacing ignored); a contact also by phone.
        """
        me = self.me
        if not me:
            return False
        if isinstance(person, Attendee):
            if person.email:
                return me.has_email(person.email)
            return me.has_name(person.name)
        if any(me.has_email(e.address) for e in person.emails):
            return True
        mine = {_phone_key(p, None) for p in me.phones}
        return any(_phone_key(p.number, None) in mine for p in person.phones)

    def add_events(
        self, events: Iterable[Event], *, create_missing: bool = False, link: bool = True
    ) -> EventReport:
        """Add events and link their organizer and attendees to contacts.

        Each person is matched by email (case-insensitive), then by exact display name
        when exactly one contact has it (a shared name is not guessed: unmatched).
        What an occurrence means (docs/scoring.md, "What an event means"):

        - a cancelled occurrence (``EventStatus.CANCELLED``) is no contact with anyone;
        - when I (:attr:`me`) declined, or have not accepted, it is no contact either;
        - me, groups, rooms, resources and mailing lists (``not_a_person``) are never
          linked or created; non-participants and declined attendees get nothing;
        - the organizer and accepted attendees get one ``MUTUAL`` interaction;
        - an attendee who has not answered (or is tentative) gets an ``OUTBOUND`` one
          when I sent the invitation (my outreach, unanswered), and nothing when someone
          else did (a co-invitee is not someone I reached out to).
        - except that an attendee who has not answered an occurrence of my recurring
          series (a uid with several occurrences) gets ``MUTUAL``: a standing meeting.

        The interaction's kind is ``contact_kind(event)``: ``EVENT`` for a conference,
        meetup or training, else a ``MEETING``, ``VIDEO`` or ``CALL``. All-day occurrences
        are logged at midnight UTC of their date. Adding the same occurrence (uid and
        start) again creates nothing twice. Occurrences after today are logged too:
        scoring never counts them as contact, but knows they are planned.

        Args:
            events: Event occurrences, e.g. from ``netcore.formats.ical.loads``.
            create_missing: Make a contact for every person that matches nobody.
            link: Match attendees and log interactions (the default). ``False`` only stores
                the occurrences, as restoring a saved network does.

        Returns:
            What was added, matched, created, left unmatched and skipped.
        """
        report = _Report()
        keyed = [((e.uid, e.occurrence_key), e) for e in events]
        # A uid with several occurrences (here or already known) is a series I keep holding.
        series = self._series
        for uid, _ in {key for key, _ in keyed} - self._events.keys():
            series[uid] = series.get(uid, 0) + 1
        # Many long-lived objects at once: see log_many.
        with _gc.paused():
            for key, event in keyed:
                if key in self._events:
                    report.known += 1
                else:
                    self._events[key] = event
                    report.added += 1
                if link:
                    standing = series.get(event.uid, 0) > 1
                    self._link(event, key[1], create_missing, report, standing)
        return EventReport(
            events_added=report.added,
            events_known=report.known,
            matched=tuple(report.matched),
            created=tuple(report.created),
            unmatched=tuple(report.unmatched),
            skipped=tuple(report.skipped),
            interactions_created=report.made,
        )

    def _link(
        self,
        event: Event,
        occurrence_key: str,
        create_missing: bool,
        report: _Report,
        standing: bool = False,
    ) -> None:
        people = [(event.organizer, True)] if event.organizer is not None else []
        people += [(a, False) for a in event.attendees]
        mine = event.organizer is not None and self.is_me(event.organizer)
        my_answer = next((a.status for a in event.attendees if self.is_me(a)), None)
        kind = contact_kind(event)
        seen_uids: set[str] = set()
        for person, is_organizer in people:
            assert person is not None
            reason = _skip_reason(
                self, event, person, is_organizer, mine, my_answer, report.not_a_person
            )
            if reason is not None:
                report.skipped.append((person, reason))
                continue
            found: tuple[str, Literal["email", "name", "created"]] | None
            found = self._match(person)
            if found is None and create_missing:
                contact = _contact_from(person)
                if contact.uid not in self._contacts:
                    self.add_contact(contact)
                    report.created.append(contact)
                found = (contact.uid, "created")
            if found is None:
                report.unmatched.append(person)
                continue
            uid, by = found
            report.matched.append(AttendeeMatch(event.uid, event.start, person, uid, by))
            if uid in seen_uids:
                continue
            seen_uids.add(uid)
            accepted = is_organizer or person.status is AttendeeStatus.ACCEPTED
            # My standing (recurring) meeting that they never answered, nor declined:
            # people rarely RSVP a series they keep attending (RT-score-24).
            accepted = accepted or (
                standing and mine and person.status is AttendeeStatus.NEEDS_ACTION
            )
            direction = Direction.MUTUAL if accepted else Direction.OUTBOUND
            if self._log_event(event, occurrence_key, uid, kind, direction):
                report.made += 1

    def _match(self, person: Attendee) -> tuple[str, Literal["email", "name"]] | None:
        if person.email:
            uids = self._by_email.get(Email.normalize(person.email))
            if uids:
                return uids[0], "email"
        if person.name:
            uids = self._by_name.get(_name_key(person.name))
            # A name several contacts share is not guessed: the attendee is unmatched and
            # reported, as an ambiguous name in the interactions CSV is.
            if uids is not None and len(uids) == 1:  # each contact is filed once per key
                return uids[0], "name"
        return None

    def _log_event(
        self,
        event: Event,
        occurrence_key: str,
        uid: str,
        kind: InteractionKind,
        direction: Direction,
    ) -> bool:
        start = event.start
        iid = _derived_id(f"event\x1f{event.uid}\x1f{occurrence_key}\x1f{uid}")
        if iid in self._interaction_ids:
            return False
        at = start if isinstance(start, datetime) else datetime.combine(start, time(), UTC)
        duration = None
        if isinstance(start, datetime) and isinstance(event.end, datetime):
            duration = event.end - start
        note = event.title or None
        fields = {
            "id": iid,
            "at": at,
            "contact_uids": (uid,),
            "kind": kind,
            "direction": direction,
            "duration": duration,
            "event_uid": event.uid,
            "note": note,
        }
        # ASCII text is NFC: the record's own NFC check would find nothing to do. The id
        # is hex and dashes; the rest is validated as always.
        ascii_text = uid.isascii() and event.uid.isascii() and (note is None or note.isascii())
        self.log(Interaction.model_validate(fields, context=_ASCII if ascii_text else None))
        return True

    # ---- who knows whom ---------------------------------------------------------------

    def relate(
        self,
        a_uid: str,
        b_uid: str,
        kind: RelationKind | str = RelationKind.EXPLICIT,
        *,
        weight: float | None = None,
        since: date | None = None,
        until: date | None = None,
        note: str | None = None,
        context: str | None = None,
    ) -> Relation:
        """Say that two contacts know each other; return the relation kept.

        One explicit relation per pair and kind: relating the same two again with the
        same kind replaces it. ``weight`` defaults to the kind's
        (``netcore.model.relations.RELATION_WEIGHTS``).

        Raises:
            NotFoundError: Either uid is not a contact.
            ValueError: The uids are equal, the weight is not in (0, 1], or the kind is
                unknown.

        Examples:
            >>> from datetime import date
            >>> net = Network()
            >>> net.add_contacts([Contact(uid="ana"), Contact(uid="bo")])
            >>> r = net.relate("ana", "bo", "colleague", context="Acme",
            ...                since=date(2019, 1, 1), until=date(2023, 1, 1))
            >>> [(x.kind.value, x.weight) for x in net.relations("bo")]
            [('colleague', 0.5)]
        """
        self.contact(a_uid)
        self.contact(b_uid)
        kind = RelationKind(kind)
        relation = Relation(
            a=a_uid,
            b=b_uid,
            kind=kind,
            weight=RELATION_WEIGHTS[kind] if weight is None else weight,
            since=since,
            until=until,
            note=note,
            context=context,
        )
        self.add_relation(relation)
        return relation

    def add_relation(self, relation: Relation) -> None:
        """Keep an explicit relation as it is (a store restoring what it saved uses this).

        Raises:
            NotFoundError: Either uid is not a contact.
        """
        self.contact(relation.a)
        self.contact(relation.b)
        self._relations[(*relation.pair, relation.kind)] = relation

    @property
    def explicit_relations(self) -> tuple[Relation, ...]:
        """The relations said with :meth:`relate`, in the order first said."""
        return tuple(self._relations.values())

    def relations(self, uid: str | None = None) -> list[Relation]:
        """Every relation: explicit ones, then those derived from the network.

        Derived relations (``netcore.model.relations.derive_relations``) are computed
        on each call, so they follow every change; with ``uid`` only those naming it.

        Raises:
            NotFoundError: ``uid`` is given and is not a contact.
        """
        if uid is not None:
            self.contact(uid)
        found = [*self._relations.values(), *derive_relations(self)]
        if uid is None:
            return found
        return [r for r in found if uid in (r.a, r.b)]

    def _repoint_relations(self, old: str, new: str) -> None:
        moved = [k for k in self._relations if old in k[:2]]
        for key in moved:
            r = self._relations.pop(key)
            a = new if r.a == old else r.a
            b = new if r.b == old else r.b
            if a != b:
                kept = r.model_copy(update={"a": a, "b": b})
                self._relations.setdefault((*kept.pair, kept.kind), kept)

    # ---- search -----------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        strengths: Mapping[str, float] | None = None,
        limit: int | None = None,
    ) -> list[Contact]:
        """Contacts holding every word of ``text`` (or a word it begins), best first.

        Searched: names, organisations, titles, categories, emails and phones, notes and
        the titles of the events they attended.

        Ranked by ``netcore.model.relations.rank_documents``: the relevance of the best
        field each word is found in, times ``1 + tie strength`` when ``strengths`` are
        given (``netcore.scoring.tie_strengths``). Case and accents are ignored; any
        text is safe (no query syntax); an empty query finds nobody. "Who at Acme"
        ("who works at/for ...") reads only organisations (``search_fields``), unless
        nobody is at it; a phone number matches however it is spaced; ``O'Brien`` is
        found by ``obrien`` and a CJK name by any part of it (``index_words``). The
        store's ``Store.search`` answers the same through SQLite FTS5.

        Examples:
            >>> from netcore.model import Organization
            >>> net = Network()
            >>> net.add_contacts([
            ...     Contact(uid="a", formatted_name="Ana Ribeiro",
            ...             organizations=(Organization(name="Acme Corp"),)),
            ...     Contact(uid="b", formatted_name="Bo Chen", note="ex-Acme, knows Ana")])
            >>> [c.uid for c in net.search("who at acme")], [c.uid for c in net.search("acme")]
            (['a'], ['a', 'b'])
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0 or None (got {limit})")
        terms = search_terms(text)
        if not terms:
            return []
        docs = search_documents(self)
        fields = search_fields(text)
        ranked = rank_documents(docs, terms, self._contacts, strengths, fields)
        if not ranked and fields is not None:  # nobody at it: whoever mentions it
            ranked = rank_documents(docs, terms, self._contacts, strengths)
        if limit is not None:
            ranked = ranked[:limit]
        return [self._contacts[uid] for uid, _ in ranked]

    # ---- references -----------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The uid of the one contact ``ref`` names: a uid, an email, a phone or an exact name.

        Tried in that order: a uid in the network; an email address (case-insensitive);
        a phone number (E.164 when it parses, else its digits); the exact display or
        formatted name. An email or phone that several contacts share names the first
        added (the same person recorded twice); a name that several share is ambiguous.

        Raises:
            NotFoundError: Nobody matches.
            AmbiguousReferenceError: Several contacts match; ``candidates`` lists their
                uids (the first ten) and the message their names and how many there
                are, so the caller can ask for an email.

        Examples:
            >>> net = Network()
            >>> net.add_contacts([Contact(uid="a1", formatted_name="Ada Lovelace",
            ...                           emails=(Email(address="ada@example.org"),)),
            ...                   Contact(uid="a2", formatted_name="Ada Lovelace")])
            >>> net.resolve("ADA@example.org"), net.resolve("a2")
            ('a1', 'a2')
            >>> try:
            ...     net.resolve("Ada Lovelace")
            ... except AmbiguousReferenceError as exc:
            ...     exc.candidates
            ('a1', 'a2')
        """
        ref = ref.strip()
        if not ref:
            raise NotFoundError("an empty reference names no contact")
        if ref in self._contacts:
            return ref
        if "@" in ref:
            by_email = self._by_email.get(Email.normalize(ref), [])
            if by_email:
                # An email or phone shared by several records is one person recorded
                # twice (dedupe merges them): the first added answers.
                return by_email[0]
        elif any(ch.isdigit() for ch in ref):
            by_phone = self.find(phone=ref)
            if by_phone:
                return by_phone[0].uid
        # Index lists hold each uid once per key. Only the first few candidates are
        # looked at, so a name shared by a million records costs no more than by ten.
        uids = self._by_name.get(_name_key(ref), [])
        if len(uids) == 1:
            return uids[0]
        if not uids:
            raise NotFoundError(f"{ref!r} matches no contact's uid, email, phone or name")
        shown = []
        for uid in uids[:_SHOWN_CANDIDATES]:
            c = self._contacts[uid]
            email = f" <{c.emails[0].address}>" if c.emails else ""
            shown.append(f"{uid} ({c.display_name}{email})")
        more = f" and {len(uids) - len(shown)} more" if len(uids) > len(shown) else ""
        raise AmbiguousReferenceError(
            ref,
            uids[:_SHOWN_CANDIDATES],
            f"{ref!r} names {len(uids)} contacts: {', '.join(shown)}{more}; "
            "give an email, a phone or a uid",
        )


_ASCII = MappingProxyType({TEXT_IS_NFC: True})
"""Validation context for records whose text is all ASCII (so NFC already)."""

_SHOWN_CANDIDATES = 10
"""How many candidates an ambiguous reference lists (the message gives the total)."""


@attrs.define(slots=True)
class _Report:
    added: int = 0
    known: int = 0
    made: int = 0
    matched: list[AttendeeMatch] = attrs.Factory(list)
    created: list[Contact] = attrs.Factory(list)
    unmatched: list[Attendee] = attrs.Factory(list)
    skipped: list[tuple[Attendee, str]] = attrs.Factory(list)
    not_a_person: NotAPersonMemo = attrs.Factory(NotAPersonMemo)  # for this one batch


def _skip_reason(
    net: Network,
    event: Event,
    person: Attendee,
    is_organizer: bool,
    mine: bool,
    my_answer: AttendeeStatus | None,
    not_a_person: NotAPersonMemo,
) -> str | None:
    """Why ``person`` gets no interaction from this occurrence, or ``None``."""
    if net.is_me(person):
        return "me (the network's owner)"
    if event.status is EventStatus.CANCELLED:
        return "the occurrence was cancelled"
    if my_answer is AttendeeStatus.DECLINED:
        return "I declined the invitation"
    if not mine and my_answer in (AttendeeStatus.NEEDS_ACTION, AttendeeStatus.TENTATIVE):
        return "I have not accepted the invitation"
    not_person = not_a_person(person, event=event)
    if not_person is not None and not _known_by_email(net, person, not_a_person):
        return not_person
    if person.status is AttendeeStatus.DECLINED:
        return "declined"
    if is_organizer:
        return None
    if person.role is AttendeeRole.NON_PARTICIPANT:
        return "non-participant (copied for information)"
    if person.status is AttendeeStatus.DELEGATED:
        return "delegated to someone else"
    if person.status is not AttendeeStatus.ACCEPTED and not mine:
        return "has not accepted someone else's invitation (not my outreach)"
    return None


def _known_by_email(net: Network, person: Attendee, not_a_person: NotAPersonMemo) -> bool:
    """A contact of mine matched by email is a person, whatever the display name says.

    Only the display-name signal of ``not_a_person`` is overridden: a group, room or
    resource ``CUTYPE`` and a list or role address still say "not a person".
    """
    email = (person.email or "").strip().casefold()
    return (
        bool(email and net._by_email.get(email)) and not_a_person(person, read_name=False) is None
    )


def _contact_from(person: Attendee) -> Contact:
    key = (person.email or "").strip().casefold() or (person.name or "").strip()
    uid = "urn:uuid:" + _derived_id("attendee\x1f" + key)
    emails: tuple[Email, ...] = ()
    if person.email:
        try:
            emails = (Email(address=person.email.strip()),)
        except ValueError:
            emails = ()
    return Contact(
        uid=uid,
        formatted_name=(person.name or "").strip(),
        emails=emails,
        source="calendar",
    )
