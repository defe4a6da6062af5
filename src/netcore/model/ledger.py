"""The reciprocity ledger: favours given and received, asks and offers, append-only.

An entry is never edited or deleted. A mistake is corrected by recording a new entry
that ``reverses`` the old one; both stay in the history, and neither counts in
balances.

Besides favours done (:attr:`EntryType.FAVOUR`, the default), the ledger keeps **asks**
and **offers** (:attr:`EntryType.ASK`, :attr:`EntryType.OFFER`): a favour requested or
proposed, open until a later entry ``closes`` it. ``direction`` says who would do the
favour, as for a favour done: an ask ``GIVEN`` is "they asked me", an ask ``RECEIVED``
"I asked them"; an offer ``RECEIVED`` is "they offered me", ``GIVEN`` "I offered them".
A favour that ``closes`` an ask or offer fulfils it (and counts, like any favour); an
entry of type :attr:`EntryType.DECLINE` closes it as declined (and counts nothing). Open
asks and offers never count in balances. :meth:`Ledger.asks` gives each ask and offer
with its state (:class:`AskState`) and dates.
"""

from __future__ import annotations

import enum
import heapq
import uuid
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import attrs
from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from netcore.errors import NotFoundError, RecordConflictError
from netcore.model._validate import finite_non_negative, non_empty_id, single_line
from netcore.model.values import Record

__all__ = [
    "Ask",
    "AskState",
    "EntryType",
    "FavourDirection",
    "FavourKind",
    "Ledger",
    "LedgerEntry",
]


class FavourDirection(enum.StrEnum):
    """Who did the favour."""

    GIVEN = "given"
    """I did it for them."""
    RECEIVED = "received"
    """They did it for me."""


class FavourKind(enum.StrEnum):
    """What sort of favour."""

    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    RECOMMENDATION = "recommendation"
    ADVICE = "advice"
    JOB_LEAD = "job_lead"
    FAVOUR = "favour"
    GIFT = "gift"


class EntryType(enum.StrEnum):
    """What a ledger entry records: a favour done, an ask, an offer, or a decline."""

    FAVOUR = "favour"
    """A favour done (the default): counts in balances; fulfils the ask it ``closes``."""
    ASK = "ask"
    """A favour asked for, open until a later entry closes it; counts nothing."""
    OFFER = "offer"
    """A favour offered, open until a later entry closes it; counts nothing."""
    DECLINE = "decline"
    """Closes the ask or offer named by ``closes`` as declined; counts nothing."""


class AskState(enum.StrEnum):
    """Where an ask or offer stands."""

    OPEN = "open"
    FULFILLED = "fulfilled"
    DECLINED = "declined"


def _new_id() -> str:
    return str(uuid.uuid4())


class LedgerEntry(Record):
    """One favour given or received.

    Attributes:
        id: Unique id; a new UUID string when not given.
        on: The day it happened.
        weight: How much it counted (1.0 is an ordinary favour); finite and >= 0.
        reverses: The id of the entry this one cancels, for corrections.
        type: A favour done (default), an ask, an offer, or a decline (module docstring).
        topic: What an ask or offer is about, in a few words (``"kubernetes"``); asks and
            offers on the same topic (compared as search compares words:
            case, accents and Unicode forms folded) can be matched.
        closes: The id of the ask or offer this favour fulfils, or this decline declines.

    The three fields above are left out of the entry's JSON while at their defaults, so
    ledgers and store rows written before they existed load, and serialize, as before.

    Examples:
        >>> from datetime import date
        >>> e = LedgerEntry(on=date(2026, 3, 1), contact_uid="ada",
        ...                 direction=FavourDirection.RECEIVED, kind=FavourKind.INTRODUCTION)
        >>> e.weight
        1.0
    """

    id: str = Field(default_factory=_new_id)
    on: date
    contact_uid: str
    direction: FavourDirection
    kind: FavourKind
    weight: float = 1.0
    note: str | None = None
    reverses: str | None = None
    type: EntryType = EntryType.FAVOUR
    topic: str | None = None
    closes: str | None = None

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("type") in (EntryType.FAVOUR, EntryType.FAVOUR.value):
            del data["type"]
        for name in ("topic", "closes"):
            if name in data and data[name] is None:
                del data[name]
        return data

    @model_validator(mode="after")
    def _check_type(self) -> LedgerEntry:
        if self.closes is not None and self.type in (EntryType.ASK, EntryType.OFFER):
            raise ValueError("an ask or offer cannot close another; use a favour or a decline")
        if self.type is EntryType.DECLINE and self.closes is None and self.reverses is None:
            raise ValueError("a decline names the ask or offer it closes (closes=...)")
        return self

    @property
    def counts(self) -> bool:
        """True for a favour done (the only type that counts in balances)."""
        return self.type is EntryType.FAVOUR

    @field_validator("on", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        from datetime import datetime

        if isinstance(value, datetime):
            raise ValueError("LedgerEntry.on is a date; pass value.date() for a datetime")
        return value

    @field_validator("id", "contact_uid")
    @classmethod
    def _check_ids(cls, value: str) -> str:
        return non_empty_id(value, "a ledger id or contact uid")

    @field_validator("topic")
    @classmethod
    def _check_topic(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = single_line(value, "a topic").strip()
        return value or None

    @field_validator("weight")
    @classmethod
    def _check_weight(cls, value: float) -> float:
        return finite_non_negative(value, "weight")


class Ask(Record):
    """An ask or an offer and where it stands (what :meth:`Ledger.asks` returns).

    Attributes:
        id: The id of the ask or offer entry.
        contact_uid: The contact (resolved through merges).
        type: :attr:`EntryType.ASK` or :attr:`EntryType.OFFER`.
        direction: Who would do the favour: ``GIVEN`` me (they asked me, or I offered),
            ``RECEIVED`` them (I asked them, or they offered).
        kind: What sort of favour.
        topic: What it is about, if said.
        note: The entry's note.
        asked_on: The day it was asked or offered.
        state: Open, fulfilled or declined.
        closed_on: The day it was fulfilled or declined (``None`` while open).
        closed_by: The id of the entry that closed it.

    Examples:
        >>> from datetime import date
        >>> a = Ask(id="x", contact_uid="ada", type=EntryType.ASK,
        ...         direction=FavourDirection.GIVEN, kind=FavourKind.INTRODUCTION,
        ...         asked_on=date(2026, 3, 1), state=AskState.OPEN)
        >>> a.is_open, a.age_days(date(2026, 3, 22))
        (True, 21)
    """

    id: str
    contact_uid: str
    type: EntryType
    direction: FavourDirection
    kind: FavourKind
    topic: str | None = None
    note: str | None = None
    asked_on: date
    state: AskState
    closed_on: date | None = None
    closed_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True while neither fulfilled nor declined."""
        return self.state is AskState.OPEN

    def age_days(self, day: date) -> int:
        """Days from ``asked_on`` to ``day`` (to ``closed_on`` once closed)."""
        end = self.closed_on if self.closed_on is not None else day
        return (end - self.asked_on).days


@attrs.define(slots=True, eq=False, repr=False)
class Ledger:
    """An append-only record of favours, with lookups by contact.

    Examples:
        >>> from datetime import date
        >>> ledger = Ledger()
        >>> e = ledger.record(LedgerEntry(on=date(2026, 3, 1), contact_uid="ada",
        ...                   direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE))
        >>> fix = ledger.reverse(e.id, on=date(2026, 3, 2), note="was someone else")
        >>> len(ledger), ledger.active()
        (2, ())
    """

    _entries: list[LedgerEntry] = attrs.field(factory=list, init=False)
    _by_id: dict[str, LedgerEntry] = attrs.field(factory=dict, init=False)
    _by_contact: dict[str, list[LedgerEntry]] = attrs.field(factory=dict, init=False)
    _reversed: set[str] = attrs.field(factory=set, init=False)
    _parent: dict[str, str] = attrs.field(factory=dict, init=False)
    """Merged-away uid -> the uid it was merged into (a union-find forest, compressed)."""
    _order: dict[str, int] = attrs.field(factory=dict, init=False)
    _closed_by: dict[str, str] = attrs.field(factory=dict, init=False)

    def __repr__(self) -> str:
        return f"Ledger(entries={len(self._entries)}, reversed={len(self._reversed)})"

    def record(self, entry: LedgerEntry) -> LedgerEntry:
        """Append ``entry``.

        Raises:
            RecordConflictError: The id is already in the ledger, or ``entry`` reverses an
                entry that is itself a reversal, already reversed, or of another contact.
            NotFoundError: ``entry.reverses`` names no entry in the ledger.
        """
        if entry.id in self._by_id:
            raise RecordConflictError(f"ledger entry {entry.id!r} is already recorded")
        if entry.reverses is not None:
            target = self._by_id.get(entry.reverses)
            if target is None:
                raise NotFoundError(f"entry {entry.id!r} reverses unknown entry {entry.reverses!r}")
            if target.reverses is not None:
                raise RecordConflictError(
                    f"entry {target.id!r} is itself a reversal; record the favour again instead"
                )
            if target.id in self._reversed:
                raise RecordConflictError(f"entry {target.id!r} is already reversed")
            if self.resolve(target.contact_uid) != self.resolve(entry.contact_uid):
                raise RecordConflictError(
                    f"entry {entry.id!r} is for {entry.contact_uid!r} but reverses an entry "
                    f"for {target.contact_uid!r}"
                )
            self._reversed.add(target.id)
            closed = target.closes
            if closed is not None and self._closed_by.get(closed) == target.id:
                del self._closed_by[closed]  # a reversed fulfilment or decline: open again
        if entry.closes is not None and entry.reverses is None:
            self._check_close(entry)
            self._closed_by[entry.closes] = entry.id
        self._order[entry.id] = len(self._entries)
        self._entries.append(entry)
        self._by_id[entry.id] = entry
        self._by_contact.setdefault(self.resolve(entry.contact_uid), []).append(entry)
        return entry

    def _check_close(self, entry: LedgerEntry) -> None:
        """Refuse a favour or decline that cannot close the ask or offer it names."""
        assert entry.closes is not None
        target = self._by_id.get(entry.closes)
        if target is None:
            raise NotFoundError(f"entry {entry.id!r} closes unknown entry {entry.closes!r}")
        if target.type not in (EntryType.ASK, EntryType.OFFER) or target.reverses is not None:
            raise RecordConflictError(
                f"entry {entry.id!r} closes {target.id!r}, which is not an ask or an offer"
            )
        if target.id in self._reversed:
            raise RecordConflictError(f"entry {entry.id!r} closes reversed entry {target.id!r}")
        if target.id in self._closed_by:
            raise RecordConflictError(f"ask or offer {target.id!r} is already closed")
        if self.resolve(target.contact_uid) != self.resolve(entry.contact_uid):
            raise RecordConflictError(
                f"entry {entry.id!r} is for {entry.contact_uid!r} but closes an ask or offer "
                f"of {target.contact_uid!r}"
            )
        if entry.type is EntryType.FAVOUR and entry.direction is not target.direction:
            raise RecordConflictError(
                f"entry {entry.id!r} is a favour {entry.direction.value}, but the "
                f"{target.type.value} it closes would be {target.direction.value}"
            )
        if entry.on < target.on:
            raise RecordConflictError(
                f"entry {entry.id!r} ({entry.on}) closes {target.id!r}, dated later ({target.on})"
            )

    def close(
        self,
        ask_id: str,
        *,
        on: date,
        fulfilled: bool = True,
        weight: float = 1.0,
        note: str | None = None,
    ) -> LedgerEntry:
        """Record what closes the ask or offer ``ask_id``, and return it.

        Fulfilled: a favour in the ask's direction (it counts in balances like any
        favour), of the ask's kind and topic. Else a decline, which counts nothing.

        Raises:
            NotFoundError: No entry has that id.
            RecordConflictError: It is not an open ask or offer, or ``on`` is before it.

        Examples:
            >>> from datetime import date
            >>> ledger = Ledger()
            >>> ask = ledger.record(LedgerEntry(on=date(2026, 3, 1), contact_uid="ada",
            ...     direction=FavourDirection.GIVEN, kind=FavourKind.INTRODUCTION,
            ...     type=EntryType.ASK, topic="data jobs"))
            >>> done = ledger.close(ask.id, on=date(2026, 3, 9))
            >>> [(a.state.value, a.closed_on.isoformat()) for a in ledger.asks()]
            [('fulfilled', '2026-03-09')]
            >>> [e.type.value for e in ledger.favours()]
            ['favour']
        """
        target = self.entry(ask_id)
        return self.record(
            _follow_up(
                target,
                on=on,
                note=note,
                weight=weight if fulfilled else 0.0,
                type=EntryType.FAVOUR if fulfilled else EntryType.DECLINE,
                closes=target.id,
            )
        )

    def reverse(self, entry_id: str, *, on: date, note: str | None = None) -> LedgerEntry:
        """Record the correction that cancels ``entry_id`` and return it.

        Raises:
            NotFoundError: No entry has that id.
            RecordConflictError: The entry is a reversal or already reversed.
        """
        target = self.entry(entry_id)
        return self.record(
            _follow_up(
                target, on=on, note=note, weight=target.weight, type=target.type, reverses=target.id
            )
        )

    def entry(self, entry_id: str) -> LedgerEntry:
        """The entry with ``entry_id``.

        Raises:
            NotFoundError: No entry has that id.
        """
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise NotFoundError(f"no ledger entry {entry_id!r}") from None

    @property
    def entries(self) -> tuple[LedgerEntry, ...]:
        """Every entry in the order recorded, corrections included."""
        return tuple(self._entries)

    def is_reversed(self, entry_id: str) -> bool:
        """True when a later entry reverses ``entry_id``."""
        return entry_id in self._reversed

    def for_contact(self, uid: str) -> tuple[LedgerEntry, ...]:
        """Every entry about ``uid`` (or a contact merged into it), corrections included."""
        return tuple(self._by_contact.get(self.resolve(uid), ()))

    def active(self, uid: str | None = None) -> tuple[LedgerEntry, ...]:
        """Entries that count: neither reversed nor reversals; for one contact when given."""
        source: Sequence[LedgerEntry] = self._entries if uid is None else self.for_contact(uid)
        return tuple(e for e in source if e.reverses is None and e.id not in self._reversed)

    def favours(self, uid: str | None = None) -> tuple[LedgerEntry, ...]:
        """Active favours done (no asks, offers or declines); for one contact when given."""
        return tuple(e for e in self.active(uid) if e.type is EntryType.FAVOUR)

    def asks(self, *, as_of: date | None = None) -> tuple[Ask, ...]:
        """Every ask and offer not reversed, in the order recorded, with its state.

        Args:
            as_of: When given, asks and offers dated after it are left out, and entries
                closing one after it are not counted (it was still open then).
        """
        out: list[Ask] = []
        for e in self._entries:
            if e.type not in (EntryType.ASK, EntryType.OFFER) or e.reverses is not None:
                continue
            if e.id in self._reversed or (as_of is not None and e.on > as_of):
                continue
            closer_id = self._closed_by.get(e.id)
            closer = None if closer_id is None else self._by_id[closer_id]
            if closer is not None and as_of is not None and closer.on > as_of:
                closer = None
            state = (
                AskState.OPEN
                if closer is None
                else AskState.FULFILLED
                if closer.type is EntryType.FAVOUR
                else AskState.DECLINED
            )
            out.append(
                Ask(
                    id=e.id,
                    contact_uid=self.resolve(e.contact_uid),
                    type=e.type,
                    direction=e.direction,
                    kind=e.kind,
                    topic=e.topic,
                    note=e.note,
                    asked_on=e.on,
                    state=state,
                    closed_on=None if closer is None else closer.on,
                    closed_by=None if closer is None else closer.id,
                )
            )
        return tuple(out)

    def totals(self, uid: str) -> tuple[float, float]:
        """Undecayed ``(given, received)`` weights of the favours done with ``uid``.

        Asks, offers and declines count nothing. Decayed balances, which weigh recent
        favours more, are in ``netcore.scoring.balance``.
        """
        given = received = 0.0
        for e in self.favours(uid):
            if e.direction is FavourDirection.GIVEN:
                given += e.weight
            else:
                received += e.weight
        return given, received

    def repoint(self, old_uid: str, new_uid: str) -> None:
        """After a merge, make entries about ``old_uid`` count for ``new_uid``.

        The entries themselves are not rewritten (the ledger is append-only): lookups
        resolve ``old_uid`` to ``new_uid`` from now on. A uid that was merged away already
        counts for its survivor, so repointing it moves that survivor. Aliases form a
        union-find forest: a chain of n merges (a0 -> a1, a1 -> a2, ...) costs O(n).
        """
        old_root = self.resolve(old_uid)
        new_root = self.resolve(new_uid)
        if old_root == new_root:
            return
        self._parent[old_root] = new_root
        if old_uid != old_root:
            self._parent[old_uid] = new_root
        moved = self._by_contact.pop(old_root, [])
        if moved:
            kept = self._by_contact.get(new_root, [])
            order = self._order
            self._by_contact[new_root] = list(heapq.merge(kept, moved, key=lambda e: order[e.id]))

    def resolve(self, uid: str) -> str:
        """The uid that entries about ``uid`` now count for (itself unless merged away)."""
        parent = self._parent
        root = uid
        while root in parent:
            root = parent[root]
        while uid != root:  # path compression: the next lookup is one step
            parent[uid], uid = root, parent[uid]
        return root

    @property
    def aliases(self) -> dict[str, str]:
        """Merged-away uid -> surviving uid, as :meth:`repoint` recorded them."""
        return {uid: self.resolve(uid) for uid in list(self._parent)}

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(tuple(self._entries))


def _follow_up(
    target: LedgerEntry,
    *,
    on: date,
    note: str | None,
    weight: float,
    type: EntryType,
    closes: str | None = None,
    reverses: str | None = None,
) -> LedgerEntry:
    """An entry about ``target``'s contact, direction, kind and topic (a close or reversal)."""
    return LedgerEntry(
        on=on,
        contact_uid=target.contact_uid,
        direction=target.direction,
        kind=target.kind,
        weight=weight,
        note=note,
        type=type,
        topic=target.topic,
        closes=closes,
        reverses=reverses,
    )
