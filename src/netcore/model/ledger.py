"""The reciprocity ledger: favours given and received, append-only.

An entry is never edited or deleted. A mistake is corrected by recording a new entry
that ``reverses`` the old one; both stay in the history, and neither counts in
balances.
"""

from __future__ import annotations

import enum
import heapq
import uuid
from collections.abc import Iterator, Sequence
from datetime import date

import attrs
from pydantic import Field, field_validator

from netcore.errors import NotFoundError, RecordConflictError
from netcore.model._validate import finite_non_negative, non_empty_id
from netcore.model.values import Record

__all__ = ["FavourDirection", "FavourKind", "Ledger", "LedgerEntry"]


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


def _new_id() -> str:
    return str(uuid.uuid4())


class LedgerEntry(Record):
    """One favour given or received.

    Attributes:
        id: Unique id; a new UUID string when not given.
        on: The day it happened.
        weight: How much it counted (1.0 is an ordinary favour); finite and >= 0.
        reverses: The id of the entry this one cancels, for corrections.

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

    @field_validator("weight")
    @classmethod
    def _check_weight(cls, value: float) -> float:
        return finite_non_negative(value, "weight")


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
    _aliases: dict[str, str] = attrs.field(factory=dict, init=False)
    _merged_into: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _order: dict[str, int] = attrs.field(factory=dict, init=False)

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
        self._order[entry.id] = len(self._entries)
        self._entries.append(entry)
        self._by_id[entry.id] = entry
        self._by_contact.setdefault(self.resolve(entry.contact_uid), []).append(entry)
        return entry

    def reverse(self, entry_id: str, *, on: date, note: str | None = None) -> LedgerEntry:
        """Record the correction that cancels ``entry_id`` and return it.

        Raises:
            NotFoundError: No entry has that id.
            RecordConflictError: The entry is a reversal or already reversed.
        """
        target = self.entry(entry_id)
        return self.record(
            LedgerEntry(
                on=on,
                contact_uid=target.contact_uid,
                direction=target.direction,
                kind=target.kind,
                weight=target.weight,
                note=note,
                reverses=target.id,
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

    def totals(self, uid: str) -> tuple[float, float]:
        """Undecayed ``(given, received)`` weights of the active entries about ``uid``.

        Decayed balances, which weigh recent favours more, are in ``netcore.scoring.balance``.
        """
        given = received = 0.0
        for e in self.active(uid):
            if e.direction is FavourDirection.GIVEN:
                given += e.weight
            else:
                received += e.weight
        return given, received

    def repoint(self, old_uid: str, new_uid: str) -> None:
        """After a merge, make entries about ``old_uid`` count for ``new_uid``.

        The entries themselves are not rewritten (the ledger is append-only): lookups
        resolve ``old_uid`` to ``new_uid`` from now on.
        """
        new_uid = self.resolve(new_uid)
        if old_uid == new_uid:
            return
        # cost: the aliases and entries of old_uid only, never the whole ledger
        followers = self._merged_into.pop(old_uid, [])
        for alias in followers:
            self._aliases[alias] = new_uid
        self._aliases[old_uid] = new_uid
        self._merged_into.setdefault(new_uid, []).extend((*followers, old_uid))
        moved = self._by_contact.pop(old_uid, [])
        if moved:
            kept = self._by_contact.get(new_uid, [])
            order = self._order
            self._by_contact[new_uid] = list(heapq.merge(kept, moved, key=lambda e: order[e.id]))

    def resolve(self, uid: str) -> str:
        """The uid that entries about ``uid`` now count for (itself unless merged away)."""
        return self._aliases.get(uid, uid)

    @property
    def aliases(self) -> dict[str, str]:
        """Merged-away uid -> surviving uid, as :meth:`repoint` recorded them."""
        return dict(self._aliases)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(tuple(self._entries))
