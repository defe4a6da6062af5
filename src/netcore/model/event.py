"""Events (conferences, meetups, trainings, meetings) and their attendees."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Self

from pydantic import field_validator, model_validator

from netcore.model._validate import aware_or_date, non_empty_id, single_line
from netcore.model.values import Record

__all__ = ["Attendee", "AttendeeRole", "AttendeeStatus", "Event", "EventKind", "EventStatus"]


class EventKind(enum.StrEnum):
    """What sort of event it was."""

    CONFERENCE = "conference"
    MEETUP = "meetup"
    TRAINING = "training"
    MEETING = "meeting"
    SOCIAL = "social"
    OTHER = "other"


class EventStatus(enum.StrEnum):
    """Whether an event takes place (iCalendar STATUS of a VEVENT)."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class AttendeeStatus(enum.StrEnum):
    """An attendee's answer (iCalendar PARTSTAT)."""

    NEEDS_ACTION = "needs_action"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    DELEGATED = "delegated"


class AttendeeRole(enum.StrEnum):
    """An attendee's role (iCalendar ROLE)."""

    CHAIR = "chair"
    REQ_PARTICIPANT = "req_participant"
    OPT_PARTICIPANT = "opt_participant"
    NON_PARTICIPANT = "non_participant"


class Attendee(Record):
    """Someone invited to an event, or its organizer.

    At least one of ``email`` and ``name`` is given. ``cutype`` is iCalendar's
    calendar-user type as written (``individual``, ``group``, ``resource``, ``room``).

    Examples:
        >>> Attendee(email="ada@example.org", status=AttendeeStatus.ACCEPTED).status
        <AttendeeStatus.ACCEPTED: 'accepted'>
    """

    email: str | None = None
    name: str | None = None
    status: AttendeeStatus = AttendeeStatus.NEEDS_ACTION
    role: AttendeeRole = AttendeeRole.REQ_PARTICIPANT
    cutype: str | None = None

    @field_validator("email", "name")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return None if value is None else single_line(value, "an attendee's email or name")

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not (self.email or self.name):
            raise ValueError("an attendee needs an email or a name")
        return self


class Event(Record):
    """An event: one occurrence, with its attendees.

    ``start`` and ``end`` are timezone-aware datetimes, or dates for all-day events. A
    recurring series becomes one ``Event`` per occurrence, sharing ``uid`` and differing
    in ``start``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> e = Event(uid="pycon-2026", title="PyCon", kind=EventKind.CONFERENCE,
        ...           start=datetime(2026, 5, 14, 9, tzinfo=timezone.utc))
        >>> e.kind
        <EventKind.CONFERENCE: 'conference'>
    """

    uid: str
    title: str = ""
    start: datetime | date
    end: datetime | date | None = None
    location: str | None = None
    url: str | None = None
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    kind: EventKind = EventKind.OTHER
    description: str | None = None
    categories: tuple[str, ...] = ()
    status: EventStatus = EventStatus.CONFIRMED

    @field_validator("uid")
    @classmethod
    def _check_uid(cls, value: str) -> str:
        return non_empty_id(value, "an event uid")

    @property
    def occurrence_key(self) -> str:
        """The start that identifies this occurrence: ISO 8601, in UTC for a datetime.

        The same instant written in two zones (10:00+01:00 and 09:00Z) is one occurrence.

        Examples:
            >>> from datetime import datetime, timedelta, timezone
            >>> Event(uid="e", start=datetime(2026, 1, 1, 10,
            ...       tzinfo=timezone(timedelta(hours=1)))).occurrence_key
            '2026-01-01T09:00:00+00:00'
        """
        start = self.start
        if isinstance(start, datetime):
            return start.astimezone(UTC).isoformat()
        return start.isoformat()

    @field_validator("start", "end", mode="before")
    @classmethod
    def _check_times_before(cls, value: object) -> object:
        # Before: a naive datetime at midnight would otherwise quietly become a date.
        return aware_or_date(value, "an event's start or end")

    @field_validator("start", "end")
    @classmethod
    def _check_times_after(cls, value: object) -> object:
        # After: a naive ISO string from JSON has only now become a datetime.
        return aware_or_date(value, "an event's start or end")

    @model_validator(mode="after")
    def _end_after_start(self) -> Self:
        if self.end is not None:
            start_is_dt = isinstance(self.start, datetime)
            if start_is_dt != isinstance(self.end, datetime):
                raise ValueError("start and end must both be datetimes or both be dates")
            if self.end < self.start:
                raise ValueError(f"end {self.end} is before start {self.start}")
        return self
