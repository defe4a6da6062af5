"""Events (conferences, meetups, trainings, meetings) and their attendees."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Self

from pydantic import field_validator, model_validator

from netcore.model._validate import aware_or_date, non_empty_id, single_line
from netcore.model.interaction import InteractionKind
from netcore.model.values import Record

__all__ = [
    "Attendee",
    "AttendeeRole",
    "AttendeeStatus",
    "Event",
    "EventKind",
    "EventStatus",
    "contact_kind",
    "not_a_person",
    "participants",
]


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


# ---- who is a person, how many were there, what kind of contact it was --------------

_NOT_PERSON_CUTYPES = frozenset({"group", "room", "resource"})
_ROLE_MAILBOXES = frozenset(
    {
        "admin", "all", "announce", "booking", "bookings", "calendar", "committee", "contact",
        "event", "events", "everyone", "hello", "info", "list", "lists", "marketing", "news",
        "newsletter", "no-reply", "noreply", "donotreply", "office", "orga", "organisers",
        "organizers", "reception", "sales", "speakers", "staff", "support", "team", "volunteers",
    }
)  # fmt: skip
"""Local parts (or a part of one between dots, dashes and underscores) of role mailboxes."""
_LIST_DOMAINS = (
    "lists.", "list.", "groups.", "googlegroups.com", "resource.calendar.google.com",
    "group.calendar.google.com", "group.v.calendar.google.com",
)  # fmt: skip
"""Domains (or their start) of mailing lists, group calendars and resources."""
_GROUP_WORDS = frozenset(
    {
        "association", "calendar", "club", "committee", "community", "conference", "desk",
        "group", "list", "meetup", "newsletter", "office", "organisers", "organizers", "room",
        "society", "staff", "team", "volunteers",
    }
)  # fmt: skip
"""Words in a display name that name a group of people rather than a person."""
_SPLIT = re.compile(r"[._\-+]")
_WORDS = re.compile(r"[^\W\d_]+")


def not_a_person(
    person: Attendee, *, read_name: bool = True, event: Event | None = None
) -> str | None:
    """Why this organizer or attendee is not a person to keep in touch with, or ``None``.

    The one rule netcore uses (``Network.add_events``, and so scoring): a group, a room,
    a resource or a mailing list is not a person. The signals, in order:

    1. ``CUTYPE`` is GROUP, ROOM or RESOURCE;
    2. the address is a list or a calendar resource (``lists.``, ``groups.``,
       ``googlegroups.com``, ``resource.calendar.google.com``, ...);
    3. the address is a role mailbox (``info@``, ``team@``, ``volunteers@``,
       ``eng-team@`` ...);
    4. the display name has no person's shape: a digit or a bracket in it (``Room 3
       (10)``), or a word that names a group (``Team``, ``Meetup``, ``Desk`` ...).
       ``read_name=False`` leaves this signal out: ``Network.add_events`` does so for
       a person matched by email to a known contact ("Anna Schmidt (she/her)" is
       still Anna);
    5. given the ``event``: the organizer of a conference, meetup or training whose
       display name is in the event's title is its host ("PyData Berlin" of "PyData
       Berlin 2026"), not a person (a name signal too).

    Examples:
        >>> not_a_person(Attendee(email="info@pydata.example", name="PyData Berlin"))
        'a role mailbox (info@), not a person'
        >>> not_a_person(Attendee(email="ada@example.org", name="Ada Lovelace")) is None
        True
    """
    reason, name = _own_signals(person.cutype, person.email, person.name if read_name else None)
    if reason is None and event is not None:
        return _hosts(person, name, event)
    return reason


def _own_signals(cutype: str | None, email: str | None, name: str | None) -> tuple[str | None, str]:
    """Signals 1 to 4 of :func:`not_a_person` (the person alone), and the name read.

    ``name`` is ``None`` when the name is not read (``read_name=False``).
    """
    cutype = (cutype or "").strip().casefold()
    if cutype in _NOT_PERSON_CUTYPES:
        return f"a {cutype}, not a person", ""
    email = (email or "").strip().casefold()
    if "@" in email:
        local, _, domain = email.rpartition("@")
        local = local.split("+", 1)[0]
        if domain.startswith(_LIST_DOMAINS[:3]) or domain.endswith(_LIST_DOMAINS[3:]):
            return f"a mailing list or shared calendar ({domain}), not a person", ""
        if local in _ROLE_MAILBOXES or any(p in _ROLE_MAILBOXES for p in _SPLIT.split(local)):
            return f"a role mailbox ({local}@), not a person", ""
    name = (name or "").strip()
    if name:
        if any(ch.isdigit() or ch in "()[]" for ch in name):
            return f"{name!r} is not a person's name", name
        if any(w.casefold() in _GROUP_WORDS for w in _WORDS.findall(name)):
            return f"{name!r} names a group, not a person", name
    return None, name


def _hosts(person: Attendee, name: str, event: Event) -> str | None:
    """Signal 5 of :func:`not_a_person`: the organizer named in a gathering's title."""
    if (
        name
        and person is event.organizer
        and event.kind in _GATHERINGS
        and name.casefold() in event.title.casefold()
    ):
        return f"{name!r} hosts {event.title!r}, not a person"
    return None


class NotAPersonMemo:
    """:func:`not_a_person` for one batch of events, remembering what it read.

    The same people appear in event after event and occurrence after occurrence:
    signals 1 to 4 (the person's type, address and name) are worked out once per
    distinct type, address and name in the batch, signal 5 (the event) each time. The
    answers are :func:`not_a_person`'s. Keep one for a batch (``Network.add_events``):
    it grows with the distinct people met.
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[str | None, str | None, str | None], tuple[str | None, str]] = {}

    def __call__(
        self, person: Attendee, *, read_name: bool = True, event: Event | None = None
    ) -> str | None:
        """Why ``person`` is not a person, or ``None``: :func:`not_a_person`'s answer."""
        key = (person.cutype, person.email, person.name if read_name else None)
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = _own_signals(*key)
        reason, name = seen
        if reason is None and event is not None:
            return _hosts(person, name, event)
        return reason


_VIDEO_MARKS = (
    "meet.google.com", "zoom.us/", "teams.microsoft.com", "microsoft teams", "webex.com",
    "whereby.com", "meet.jit.si", "gotomeeting", "facetime", "skype", "bluejeans",
)  # fmt: skip
_PHONE = re.compile(r"^\s*(tel:|\+?[\d\s()./-]{7,}$)", re.IGNORECASE)
_GATHERINGS = frozenset({EventKind.CONFERENCE, EventKind.MEETUP, EventKind.TRAINING})


def contact_kind(event: Event) -> InteractionKind:
    """The kind of contact an event was with each person met there.

    A conference, meetup or training is an ``EVENT``. Any other event is a ``MEETING``,
    or a ``VIDEO`` call when its location, URL or description names a video service
    (Google Meet, Zoom, Microsoft Teams, Webex, ...), or a ``CALL`` when its location is
    a phone number (``tel:`` or digits). How many people were there is scoring's
    group-size factor (``Event.participants``), not the kind.

    Examples:
        >>> from datetime import date
        >>> contact_kind(Event(uid="e", start=date(2026, 1, 1), location="tel:+4930123456"))
        <InteractionKind.CALL: 'call'>
    """
    if event.kind in _GATHERINGS:
        return InteractionKind.EVENT
    text = " ".join(x for x in (event.location, event.url, event.description) if x).casefold()
    if any(mark in text for mark in _VIDEO_MARKS):
        return InteractionKind.VIDEO
    if event.location and _PHONE.match(event.location):
        return InteractionKind.CALL
    return InteractionKind.MEETING


def participants(event: Event, *, is_me: Callable[[Attendee], bool] | None = None) -> int:
    """How many people an occurrence brought together: organizer and attendees, me included.

    Groups, rooms, resources and lists (:func:`not_a_person`), non-participants and
    declined attendees do not count; the same email (or, without one, name) counts once,
    and so does me under several of my addresses (``is_me``, e.g. ``Network.is_me``).
    At least 1.

    Examples:
        >>> from datetime import date
        >>> participants(Event(uid="e", start=date(2026, 1, 1),
        ...     organizer=Attendee(email="a@x.example"),
        ...     attendees=(Attendee(email="A@x.example"), Attendee(name="Bo Li"))))
        2
    """
    seen: set[str] = set()
    people = [event.organizer] if event.organizer is not None else []
    for person in (*people, *event.attendees):
        if person.status is AttendeeStatus.DECLINED or person.role is AttendeeRole.NON_PARTICIPANT:
            continue
        if not_a_person(person, event=event) is not None:
            continue
        if is_me is not None and is_me(person):
            seen.add("\x00me")
            continue
        seen.add((person.email or "").strip().casefold() or "\x00" + (person.name or "").strip())
    return max(1, len(seen))
