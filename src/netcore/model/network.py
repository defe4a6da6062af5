"""The ``Network`` aggregate: contacts, interactions, events and the ledger, with lookups."""

from __future__ import annotations

import gc
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time
from types import MappingProxyType
from typing import Literal, overload

import attrs

from netcore.errors import AmbiguousReferenceError, NotFoundError, RecordConflictError
from netcore.model.contact import Contact
from netcore.model.event import Attendee, AttendeeRole, AttendeeStatus, Event
from netcore.model.interaction import Direction, Interaction, InteractionKind
from netcore.model.ledger import Ledger
from netcore.model.values import Email

__all__ = ["AttendeeMatch", "EventReport", "Network"]

_NS = uuid.UUID("6f1c1a52-3c55-4d0e-9d55-1f6c4b6d2a10")
"""Namespace for the deterministic ids netcore derives (event interactions, created contacts)."""

_DIGITS = re.compile(r"\D")


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
    _contacts: dict[str, Contact] = attrs.field(factory=dict, init=False)
    _interactions: list[Interaction] = attrs.field(factory=list, init=False)
    _interaction_ids: set[str] = attrs.field(factory=set, init=False)
    _by_contact: dict[str, list[Interaction]] = attrs.field(factory=dict, init=False)
    _events: dict[tuple[str, str], Event] = attrs.field(factory=dict, init=False)
    _by_email: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _by_phone: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _by_name: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _revision: int = attrs.field(default=0, init=False)

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
        """A counter bumped by every change other than adding or logging (replace, merge)."""
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
            moved_ids = {i.id for i in moved}
            for pos, inter in enumerate(self._interactions):
                if inter.id in moved_ids:
                    uids = tuple(
                        dict.fromkeys(keep_uid if u == drop_uid else u for u in inter.contact_uids)
                    )
                    self._interactions[pos] = inter.model_copy(update={"contact_uids": uids})
            self._reindex_interactions()
        self.ledger.repoint(drop_uid, keep_uid)
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
            uids = self._by_email.get(email.strip().casefold(), [])
        elif phone is not None:
            from netcore.model.values import Phone

            try:
                key = _phone_key(phone, Phone(number=phone).e164)
            except ValueError:
                key = _DIGITS.sub("", phone)
            uids = self._by_phone.get(key, []) if key else []
        else:
            assert name is not None
            uids = self._by_name.get(name.strip(), [])
        return [self._contacts[u] for u in uids]

    def _index(self, c: Contact) -> None:
        for key in {e.normalized for e in c.emails}:
            self._by_email.setdefault(key, []).append(c.uid)
        for key in {_phone_key(p.number, p.e164) for p in c.phones}:
            if key:
                self._by_phone.setdefault(key, []).append(c.uid)
        for key in {c.display_name.strip(), c.formatted_name.strip()}:
            if key:
                self._by_name.setdefault(key, []).append(c.uid)

    def _unindex(self, c: Contact) -> None:
        for index in (self._by_email, self._by_phone, self._by_name):
            for key in [k for k, uids in index.items() if c.uid in uids]:
                remaining = [u for u in index[key] if u != c.uid]
                if remaining:
                    index[key] = remaining
                else:
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
        self._interactions.append(interaction)
        self._interaction_ids.add(interaction.id)
        by_contact = self._by_contact
        for uid in interaction.contact_uids:
            bucket = by_contact.get(uid)
            if bucket is None:
                by_contact[uid] = [interaction]
            else:
                bucket.append(interaction)
        return interaction

    def log_many(self, interactions: Iterable[Interaction]) -> int:
        """Log many interactions; stops at the first invalid one (those before it stay logged).

        Returns:
            How many were logged.
        """
        count = 0
        # Bulk appends create many long-lived objects; the cyclic collector would scan
        # them again and again and free nothing (DESIGN.md, "Performance facts").
        enabled = gc.isenabled()
        gc.disable()
        try:
            for interaction in interactions:
                self.log(interaction)
                count += 1
        finally:
            if enabled:
                gc.enable()
        return count

    def interactions_with(self, uid: str) -> tuple[Interaction, ...]:
        """Interactions involving ``uid``, oldest first.

        Raises:
            NotFoundError: No contact has that uid.
        """
        self.contact(uid)
        return tuple(sorted(self._by_contact.get(uid, ()), key=lambda i: i.at))

    def _reindex_interactions(self) -> None:
        self._by_contact = {}
        for inter in self._interactions:
            for uid in inter.contact_uids:
                self._by_contact.setdefault(uid, []).append(inter)

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

    def add_events(
        self, events: Iterable[Event], *, create_missing: bool = False, link: bool = True
    ) -> EventReport:
        """Add events and link their organizer and attendees to contacts.

        Each person is matched by email (case-insensitive), then by exact display name.
        Each matched person gets one ``EVENT`` interaction per occurrence: direction
        ``MUTUAL`` when they accepted (or organised it), ``OUTBOUND`` when they have not
        answered or were tentative (an invitation, not yet a meeting). Declined attendees,
        non-participants and rooms or resources get none. All-day occurrences are logged
        at midnight UTC of their date. Adding the same occurrence (uid and start) again
        creates nothing twice.

        Args:
            events: Event occurrences, e.g. from ``netcore.formats.ical.loads``.
            create_missing: Make a contact for every attendee that matches nobody.
            link: Match attendees and log interactions (the default). ``False`` only stores
                the occurrences, as restoring a saved network does.

        Returns:
            What was added, matched, created, left unmatched and skipped.
        """
        matched: list[AttendeeMatch] = []
        created: list[Contact] = []
        unmatched: list[Attendee] = []
        skipped: list[tuple[Attendee, str]] = []
        added = known = made = 0
        for event in events:
            key = (event.uid, event.occurrence_key)
            if key in self._events:
                known += 1
            else:
                self._events[key] = event
                added += 1
            if not link:
                continue
            people = [(event.organizer, True)] if event.organizer is not None else []
            people += [(a, False) for a in event.attendees]
            seen_uids: set[str] = set()
            for person, is_organizer in people:
                assert person is not None
                reason = _skip_reason(person, is_organizer)
                if reason is not None:
                    skipped.append((person, reason))
                    continue
                found: tuple[str, Literal["email", "name", "created"]] | None
                found = self._match(person)
                if found is None and create_missing:
                    contact = _contact_from(person)
                    if contact.uid not in self._contacts:
                        self.add_contact(contact)
                        created.append(contact)
                    found = (contact.uid, "created")
                if found is None:
                    unmatched.append(person)
                    continue
                uid, by = found
                matched.append(AttendeeMatch(event.uid, event.start, person, uid, by))
                if uid in seen_uids:
                    continue
                seen_uids.add(uid)
                if self._log_event(event, uid, person, is_organizer):
                    made += 1
        return EventReport(
            events_added=added,
            events_known=known,
            matched=tuple(matched),
            created=tuple(created),
            unmatched=tuple(unmatched),
            skipped=tuple(skipped),
            interactions_created=made,
        )

    def _match(self, person: Attendee) -> tuple[str, Literal["email", "name"]] | None:
        if person.email:
            uids = self._by_email.get(person.email.strip().casefold())
            if uids:
                return uids[0], "email"
        if person.name:
            uids = self._by_name.get(person.name.strip())
            if uids:
                return uids[0], "name"
        return None

    def _log_event(self, event: Event, uid: str, person: Attendee, is_organizer: bool) -> bool:
        start = event.start
        iid = str(uuid.uuid5(_NS, f"event\x1f{event.uid}\x1f{event.occurrence_key}\x1f{uid}"))
        if iid in self._interaction_ids:
            return False
        at = start if isinstance(start, datetime) else datetime.combine(start, time(), UTC)
        duration = None
        if isinstance(start, datetime) and isinstance(event.end, datetime):
            duration = event.end - start
        accepted = is_organizer or person.status is AttendeeStatus.ACCEPTED
        self.log(
            Interaction(
                id=iid,
                at=at,
                contact_uids=(uid,),
                kind=InteractionKind.EVENT,
                direction=Direction.MUTUAL if accepted else Direction.OUTBOUND,
                duration=duration,
                event_uid=event.uid,
                note=event.title or None,
            )
        )
        return True

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
            by_email = self._by_email.get(ref.casefold(), [])
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
        uids = self._by_name.get(ref, [])
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


_SHOWN_CANDIDATES = 10
"""How many candidates an ambiguous reference lists (the message gives the total)."""


def _skip_reason(person: Attendee, is_organizer: bool) -> str | None:
    if person.status is AttendeeStatus.DECLINED:
        return "declined"
    if not is_organizer and person.role is AttendeeRole.NON_PARTICIPANT:
        return "non-participant (copied for information)"
    if person.cutype is not None and person.cutype.lower() in {"room", "resource"}:
        return f"a {person.cutype.lower()}, not a person"
    return None


def _contact_from(person: Attendee) -> Contact:
    key = (person.email or "").strip().casefold() or (person.name or "").strip()
    uid = "urn:uuid:" + str(uuid.uuid5(_NS, "attendee\x1f" + key))
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
