"""Result types of scoring (private; re-exported): frozen pydantic models an app can return.

Every result serialises to JSON (``model_dump_json``), has a JSON Schema
(``model_json_schema(mode="serialization")``) and can be a FastAPI response model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict, PrivateAttr, computed_field, model_validator

from netcore.model import Ask, FavourKind
from netcore.scoring._policy import Status

__all__ = [
    "Balance",
    "Count",
    "DueList",
    "EventOutcome",
    "FollowUp",
    "Health",
    "HelpItem",
    "HelpQueue",
    "IntroMatch",
    "NetworkReport",
    "Nudge",
    "Owed",
    "Result",
    "Revive",
    "Taker",
]

Reasons = tuple[str, ...] | Callable[[], tuple[str, ...]]
"""Reasons, or a function that writes them on first read (``rank`` formats them lazily)."""

_new = object.__new__
_set = object.__setattr__

CadenceSource = Literal["contact", "rhythm", "layer"]
"""Where a cadence came from: ``Contact.cadence_days``, the observed rhythm, the layer."""


class Result(BaseModel):
    """Base of every scoring result: frozen, no unknown fields, JSON and JSON Schema ready."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Health(Result):
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
        cadence_days: The cadence used (``cadence_source`` says where it came from).
        tier: The contact's Dunbar layer (5, 15, 50, 150 or 500 by default).
        ignored_future: Interactions with this contact after ``as_of``, left out.
        cadence_source: ``"contact"`` (``Contact.cadence_days``), ``"rhythm"`` (the
            observed rhythm of two-way contact), ``"layer"``, or ``None`` (no cadence).
        reasons: Plain-English explanations with the numbers, strongest signal first.

    Examples:
        >>> h = Health(uid="ada", score=72.5, status=Status.HEALTHY,
        ...            components={"recency": 1.0}, last_interaction=None, next_due=None,
        ...            cadence_days=30, tier=15, reasons=("seen last week",))
        >>> h.reasons
        ('seen last week',)
        >>> Health.model_validate_json(h.model_dump_json()) == h
        True
    """

    uid: str
    score: float
    status: Status
    components: dict[str, float]
    last_interaction: datetime | None
    next_due: date | None
    cadence_days: int | None
    tier: int
    ignored_future: int = 0
    cadence_source: CadenceSource | None = None
    _reasons: Reasons = PrivateAttr(default=())

    def __init__(self, *, reasons: Reasons = (), **data: Any) -> None:
        super().__init__(**data)
        self._reasons = reasons if callable(reasons) else tuple(reasons)

    @model_validator(mode="before")
    @classmethod
    def _drop_reasons(cls, data: Any) -> Any:
        # model_validate(...) of a dumped Health: reasons are read back in _adopt_reasons.
        if isinstance(data, dict) and "reasons" in data:
            data = {k: v for k, v in data.items() if k != "reasons"}
        return data

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Health:
        """Validate a mapping (for instance a dumped Health, reasons included)."""
        model = super().model_validate(obj, **kwargs)
        if isinstance(obj, dict) and "reasons" in obj:
            model._reasons = tuple(obj["reasons"])
        return model

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Health:
        """Validate JSON (for instance ``model_dump_json()`` output, reasons included)."""
        import json

        return cls.model_validate(json.loads(json_data), **kwargs)

    @classmethod
    def known_valid(cls, values: dict[str, Any], reasons: Reasons) -> Health:
        """A Health from values known valid, every field given, without validation.

        What ``rank`` uses to build one result per contact (``model_construct`` costs
        several times more); anything else should call ``Health(...)``.
        """
        h = _new(cls)
        _set(h, "__dict__", values)
        _set(h, "__pydantic_fields_set__", set(values))
        _set(h, "__pydantic_extra__", None)
        _set(h, "__pydantic_private__", {"_reasons": reasons})
        return h

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reasons(self) -> tuple[str, ...]:
        """Plain-English explanations with the numbers (written on first read)."""
        value = self._reasons
        if callable(value):
            value = value()
            self._reasons = value
        return value

    def _key(self) -> tuple[Any, ...]:
        return (
            self.uid,
            self.score,
            self.status,
            tuple(self.components.items()),
            self.last_interaction,
            self.next_due,
            self.cadence_days,
            self.tier,
            self.ignored_future,
            self.cadence_source,
            self.reasons,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Health):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class Balance(Result):
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
    reasons: tuple[str, ...]
    ignored_future: int = 0


class Nudge(Result):
    """A suggestion to get in touch.

    Attributes:
        uid: The contact.
        due_on: The day contact was due.
        overdue_days: Days from ``due_on`` to ``as_of`` (negative: due in that many days).
        priority: 0..100, higher first: how overdue, blended with how strong the tie is.
        reasons: Plain-English explanations; for a held-back nudge the first says why.
        held_because: ``None`` for a suggestion; else why it was withheld (unanswered
            outreach, too soon after my last, or a meeting already booked).

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
    reasons: tuple[str, ...]
    held_because: str | None = None


class FollowUp(Nudge):
    """Someone met at an event, to follow up: a :class:`Nudge` that names the event.

    ``scoring.follow_ups`` returns them.

    Attributes:
        event_uid: The event.
        met_on: The day of the occurrence they were met at (in ``as_of``'s zone).

    Examples:
        >>> from datetime import date
        >>> f = FollowUp(uid="ada", due_on=date(2026, 5, 17), overdue_days=-1,
        ...              priority=40.0, reasons=(), event_uid="pycon",
        ...              met_on=date(2026, 5, 14))
        >>> f.event_uid, f.due_on
        ('pycon', datetime.date(2026, 5, 17))
    """

    event_uid: str
    met_on: date


class DueList(Result, Sequence[Nudge]):
    """Who is due for contact, most urgent first, and who was held back so as not to pester.

    A ``DueList`` is a read-only sequence of :class:`Nudge` (index it, iterate it, take
    ``len``); ``list(due_list)`` gives a plain list.

    Attributes:
        nudges: The suggestions, most urgent first.
        held_back: Due contacts withheld (unanswered outreach in a row, too soon after
            my last outreach, or a meeting already booked), each saying why in
            ``held_because``.
        ignored_future: Interactions after ``as_of``, left out.

    Examples:
        >>> from datetime import date
        >>> n = Nudge(uid="ada", due_on=date(2026, 3, 1), overdue_days=4, priority=61.0,
        ...           reasons=())
        >>> d = DueList(nudges=(n,))
        >>> [x.uid for x in d], len(d.held_back)
        (['ada'], 0)
    """

    nudges: tuple[Nudge, ...]
    held_back: tuple[Nudge, ...] = ()
    ignored_future: int = 0

    @overload
    def __getitem__(self, index: int) -> Nudge: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Nudge]: ...
    def __getitem__(self, index: int | slice) -> Nudge | Sequence[Nudge]:
        return self.nudges[index]

    def __len__(self) -> int:
        return len(self.nudges)

    def __iter__(self) -> Iterator[Nudge]:  # type: ignore[override]
        return iter(self.nudges)


class HelpItem(Result):
    """An open ask made to me, with how soon to answer it.

    Attributes:
        uid: Who asked.
        ask_id: The ask's ledger entry id.
        kind: What sort of favour.
        topic: What it is about, if said.
        asked_on: When it was asked.
        age_days: Days open at ``as_of``.
        tie: Tie strength scaled to 0..1.
        priority: 0..100, higher first (``scoring.help_queue`` says how).
        reasons: Plain-English explanations with the numbers.
    """

    uid: str
    ask_id: str
    kind: FavourKind
    topic: str | None
    asked_on: date
    age_days: int
    tie: float
    priority: float
    reasons: tuple[str, ...]


class Owed(Result):
    """A contact I owe favours to (a decayed balance below zero).

    Attributes:
        uid: The contact.
        owed: How much I owe: minus the decayed balance (> 0).
        reasons: The balance's reasons.
    """

    uid: str
    owed: float
    reasons: tuple[str, ...]


class IntroMatch(Result):
    """Two people I could introduce: one asked, the other offered, on the same topic.

    Attributes:
        asker_uid: Who asked.
        offerer_uid: Who offered.
        topic: The topic as the ask wrote it.
        ask_id: The ask's ledger entry id.
        offer_id: The offer's ledger entry id.
        reasons: Plain-English explanations.
    """

    asker_uid: str
    offerer_uid: str
    topic: str
    ask_id: str
    offer_id: str
    reasons: tuple[str, ...]


class HelpQueue(Result):
    """Whom I can help (``scoring.help_queue``).

    Attributes:
        as_of: The day it was computed for.
        asks: Open asks made to me, highest priority first.
        owed: Contacts I owe favours to, the most owed first.
        introductions: Introductions I could make.
    """

    as_of: date
    asks: tuple[HelpItem, ...]
    owed: tuple[Owed, ...]
    introductions: tuple[IntroMatch, ...]


class Count(Result):
    """A name and how many contacts have it (an organisation, a category).

    Attributes:
        name: The organisation or category.
        count: How many contacts.
    """

    name: str
    count: int


class Revive(Result):
    """A once-strong tie gone quiet: worth reviving.

    Attributes:
        uid: The contact.
        was_tier: Their layer a year before ``as_of``.
        tier: Their layer now.
        status: Their health status now.
        last_interaction: Their latest interaction up to ``as_of``.
        reasons: Plain-English explanations.
    """

    uid: str
    was_tier: int
    tier: int
    status: Status
    last_interaction: datetime | None
    reasons: tuple[str, ...]


class Taker(Result):
    """A reciprocity outlier: favours flowed one way only.

    Attributes:
        uid: The contact.
        given: Favours I did them (count).
        received: Favours they did me (count).
        side: ``"only_taking"`` (they only received from me) or ``"only_giving"``
            (they only gave to me).
        reasons: Plain-English explanations.
    """

    uid: str
    given: int
    received: int
    side: Literal["only_taking", "only_giving"]
    reasons: tuple[str, ...]


class EventOutcome(Result):
    """Whether the people first met at an event occurrence were still healthy 90 days on.

    Attributes:
        event_uid: The event.
        title: Its title (or the event uid).
        day: The day of the occurrence.
        met: Contacts first met there (their first interaction was there).
        lasting: Of those, how many were healthy or thriving 90 days later.
        share: ``lasting / met``.
        lasting_uids: Who they are.
    """

    event_uid: str
    title: str
    day: date
    met: int
    lasting: int
    share: float
    lasting_uids: tuple[str, ...]


class NetworkReport(Result):
    """The whole network at a glance (``scoring.report``).

    Attributes:
        as_of: The day it was computed for.
        contacts: How many contacts are scored (me left out).
        layers: Contacts per Dunbar layer (5, 15, 50, 150, 500), innermost first.
        health: Contacts per status, thriving first.
        revive: Once-strong ties gone quiet, the strongest-once first.
        taking: Contacts who only took favours from me.
        giving: Contacts who only gave favours to me.
        organisations: Contacts per organisation, the largest first (top 10).
        organisation_count: Distinct organisations.
        organisation_evenness: 0..1, how evenly contacts spread over organisations
            (Shannon entropy over its maximum; 1 when every organisation is as large).
        categories: Contacts per category (the vCard CATEGORIES, which name fields and
            industries), the largest first (top 10).
        events: Event occurrences at least 90 days old where someone was first met, the
            most recent first (at most 12).
        open_asks: Asks and offers open at ``as_of``, oldest first.
        names: Each uid the report names, with the contact's display name.
    """

    as_of: date
    contacts: int
    layers: dict[int, int]
    health: dict[str, int]
    revive: tuple[Revive, ...]
    taking: tuple[Taker, ...]
    giving: tuple[Taker, ...]
    organisations: tuple[Count, ...]
    organisation_count: int
    organisation_evenness: float
    categories: tuple[Count, ...]
    events: tuple[EventOutcome, ...]
    open_asks: tuple[Ask, ...]
    names: dict[str, str]
