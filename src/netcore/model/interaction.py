"""Interactions: the moments two people were in touch."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta

from pydantic import Field, field_validator

from netcore.model._validate import aware, non_empty_id
from netcore.model.values import Record

__all__ = ["Direction", "Interaction", "InteractionKind", "group_factor"]


class InteractionKind(enum.StrEnum):
    """How people were in touch. Values are the lowercase member names, as JSON holds them."""

    MEETING = "meeting"
    """In person, one to one or a small group."""
    CALL = "call"
    """A voice call."""
    VIDEO = "video"
    """A video call."""
    MESSAGE = "message"
    """A chat or text message."""
    EMAIL = "email"
    """An email."""
    EVENT = "event"
    """Both attended the same event (conference, meetup, training)."""
    INTRODUCTION = "introduction"
    """One introduced the other to someone, or was introduced."""
    SOCIAL = "social"
    """A like, comment or post on a social network."""


class Direction(enum.StrEnum):
    """Who took the initiative."""

    OUTBOUND = "outbound"
    """I reached out."""
    INBOUND = "inbound"
    """They reached out."""
    MUTUAL = "mutual"
    """Both, or neither in particular (a meeting both had planned, an event)."""


def _new_id() -> str:
    return str(uuid.uuid4())


class Interaction(Record):
    """One interaction with one or more contacts.

    Attributes:
        id: Unique id; a new UUID string when not given.
        at: When it happened; must be timezone-aware.
        contact_uids: The contacts involved (at least one).
        duration: How long it lasted, where known.
        event_uid: The event it happened at, where there was one.
        replied: For outbound messages: did they answer? ``None`` when unknown or not asked.
        participants: How many people it brought together, me included (2 for a
            one-to-one, 5 for a message to four people), where known: scoring weighs it
            by :func:`group_factor`. ``None`` (the default, and what older documents
            hold): unknown, or for an event interaction the occurrence's count.

    Examples:
        >>> from datetime import datetime, timezone
        >>> i = Interaction(at=datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
        ...                 contact_uids=("ada",), kind=InteractionKind.CALL)
        >>> i.direction
        <Direction.MUTUAL: 'mutual'>
    """

    id: str = Field(default_factory=_new_id)
    at: datetime
    contact_uids: tuple[str, ...] = Field(min_length=1)
    kind: InteractionKind
    direction: Direction = Direction.MUTUAL
    duration: timedelta | None = None
    event_uid: str | None = None
    note: str | None = None
    replied: bool | None = None
    participants: int | None = Field(default=None, ge=1)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        return non_empty_id(value, "an interaction id")

    @field_validator("at")
    @classmethod
    def _check_at(cls, value: datetime) -> datetime:
        return aware(value, "Interaction.at")

    @field_validator("contact_uids")
    @classmethod
    def _check_uids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for uid in value:
            non_empty_id(uid, "a contact uid")
        if len(set(value)) != len(value):
            raise ValueError(f"contact_uids lists a contact twice: {value!r}")
        return value

    @field_validator("duration")
    @classmethod
    def _check_duration(cls, value: timedelta | None) -> timedelta | None:
        if value is not None and value < timedelta(0):
            raise ValueError(f"duration must not be negative (got {value})")
        return value


def group_factor(participants: int | None, exponent: float = 1.0) -> float:
    """How much a moment shared by ``participants`` people (me included) counts for each.

    The one group-size rule, for events and mail alike (docs/scoring.md): a one-to-one
    (or an unknown count) weighs 1, a gathering of ``n`` people ``(n - 1) ** -exponent``
    (Newman 2001: a collaboration of ``n`` adds ``1 / (n - 1)`` to each tie).

    Examples:
        >>> group_factor(2), group_factor(5), group_factor(None)
        (1.0, 0.25, 1.0)
    """
    if participants is None or participants <= 2:
        return 1.0
    return float((participants - 1) ** -exponent)
