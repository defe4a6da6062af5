"""Result types of scoring: Health, Balance, Nudge and DueList (private; re-exported)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, overload

import attrs

from netcore.scoring._policy import Status

__all__ = ["Balance", "DueList", "Health", "Nudge"]

Reasons = tuple[str, ...] | Callable[[], tuple[str, ...]]
"""Reasons, or a function that writes them on first read (``rank`` formats them lazily)."""


def _show_reasons(value: Reasons) -> str:
    return repr(value() if callable(value) else value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _nudges(value: Iterable[Nudge]) -> tuple[Nudge, ...]:
    return tuple(value)


def _to_reasons(value: Reasons) -> Reasons:
    return value if callable(value) else tuple(value)


@attrs.frozen(slots=True)
class Health:
    """How one relationship is doing, and why.

    Attributes:
        uid: The contact.
        score: 0 (dormant) to 100 (thriving): the weighted components x 100.
        status: The band ``score`` falls in (``Policy.status_bands``).
        components: Each component in 0..1 by name: ``recency``, ``intensity``,
            ``reciprocity``, ``responsiveness``, ``ledger``.
        last_interaction: When the latest interaction (of any kind, up to ``as_of``) was.
        next_due: ``last_interaction``'s day + cadence; ``as_of``'s day when there was no
            interaction; ``None`` when the contact has no cadence (outer layer).
        cadence_days: The cadence used: ``Contact.cadence_days``, else the tier's.
        tier: The contact's Dunbar layer (5, 15, 50, 150 or 500 by default).
        ignored_future: Interactions with this contact after ``as_of``, left out.
        reasons: Plain-English explanations with the numbers, strongest signal first.

    Examples:
        >>> h = Health(uid="ada", score=72.5, status=Status.HEALTHY,
        ...            components={"recency": 1.0}, last_interaction=None, next_due=None,
        ...            cadence_days=30, tier=15, reasons=("seen last week",))
        >>> h.reasons
        ('seen last week',)
    """

    uid: str
    score: float
    status: Status
    components: Mapping[str, float]
    last_interaction: datetime | None
    next_due: date | None
    cadence_days: int | None
    tier: int
    ignored_future: int = 0
    _reasons: Reasons = attrs.field(
        default=(), alias="reasons", eq=False, repr=_show_reasons, converter=_to_reasons
    )
    cadence_source: str | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        """Plain-English explanations with the numbers (written on first read)."""
        value = self._reasons
        if callable(value):
            value = value()
            object.__setattr__(self, "_reasons", value)
        return value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Health):
            return NotImplemented
        return _key(self) == _key(other)

    def __hash__(self) -> int:
        return hash(_key(self))


def _key(h: Health) -> tuple[Any, ...]:
    return (
        h.uid,
        h.score,
        h.status,
        tuple(h.components.items()),
        h.last_interaction,
        h.next_due,
        h.cadence_days,
        h.tier,
        h.ignored_future,
        h.cadence_source,
        h.reasons,
    )


@attrs.frozen(slots=True)
class Balance:
    """The favour balance with one contact, decayed so that recent favours weigh more.

    Attributes:
        uid: The contact.
        given: Decayed weight of favours I did them.
        received: Decayed weight of favours they did me.
        net: ``given - received``: above 0 they owe me, below 0 I owe them.
        reasons: Plain-English explanations with the numbers.
        ignored_future: Ledger entries dated after ``as_of``, left out.

    Examples:
        >>> b = Balance(uid="ada", given=0.0, received=2.5, net=-2.5, reasons=())
        >>> b.net < 0  # I owe Ada
        True
    """

    uid: str
    given: float
    received: float
    net: float
    reasons: tuple[str, ...] = attrs.field(converter=_texts)
    ignored_future: int = 0


@attrs.frozen(slots=True)
class Nudge:
    """A suggestion to get in touch.

    Attributes:
        uid: The contact.
        due_on: The day contact was due.
        overdue_days: Days from ``due_on`` to ``as_of`` (negative: due in that many days).
        priority: 0..100, higher first: how overdue, blended with how strong the tie is.
        reasons: Plain-English explanations; for a held-back nudge the first says why.
        held_because: ``None`` for a suggestion; else why it was withheld.

    Examples:
        >>> from datetime import date
        >>> n = Nudge(uid="ada", due_on=date(2026, 3, 1), overdue_days=4, priority=61.0,
        ...           reasons=("due every 30 days",))
        >>> n.held_because is None
        True
    """

    uid: str
    due_on: date
    overdue_days: int
    priority: float
    reasons: tuple[str, ...] = attrs.field(converter=_texts)
    held_because: str | None = None


@attrs.frozen(slots=True)
class DueList(Sequence[Nudge]):
    """Who is due for contact, most urgent first, and who was held back so as not to pester.

    A ``DueList`` is a read-only sequence of :class:`Nudge` (index it, iterate it, take
    ``len``); ``list(due_list)`` gives a plain list.

    Attributes:
        nudges: The suggestions, most urgent first.
        held_back: Due contacts withheld (unanswered outreach in a row, or too soon after
            my last outreach), each saying why in ``held_because``.
        ignored_future: Interactions after ``as_of``, left out.

    Examples:
        >>> from datetime import date
        >>> n = Nudge(uid="ada", due_on=date(2026, 3, 1), overdue_days=4, priority=61.0,
        ...           reasons=())
        >>> d = DueList(nudges=(n,))
        >>> [x.uid for x in d], len(d.held_back)
        (['ada'], 0)
    """

    nudges: tuple[Nudge, ...] = attrs.field(converter=_nudges)
    held_back: tuple[Nudge, ...] = attrs.field(default=(), converter=_nudges)
    ignored_future: int = 0

    @overload
    def __getitem__(self, index: int) -> Nudge: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Nudge]: ...
    def __getitem__(self, index: int | slice) -> Nudge | Sequence[Nudge]:
        return self.nudges[index]

    def __len__(self) -> int:
        return len(self.nudges)

    def __iter__(self) -> Iterator[Nudge]:
        return iter(self.nudges)
