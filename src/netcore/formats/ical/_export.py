"""Exporters: follow-ups as VTODOs and birthdays as yearly VEVENTs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import icalendar

from netcore import _gc
from netcore.formats.ical._write import (
    _calendar,
    _finish,
    _param,
    _text,
)
from netcore.model.contact import Contact
from netcore.model.values import PartialDate


class NudgeLike(Protocol):
    """What :func:`follow_ups` needs of a nudge (``netcore.scoring.Nudge`` fits).

    ``name`` (a display name) and ``priority`` (0..100, higher is more urgent) are read
    when present.
    """

    @property
    def uid(self) -> str:
        """The contact's uid."""

    @property
    def due_on(self) -> date:
        """The day contact is due."""

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why, in plain words."""


def _priority(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    score = min(100.0, max(0.0, float(value)))
    return 1 + round((100.0 - score) / 100.0 * 8)


def follow_ups(nudges: Iterable[NudgeLike], *, names: Mapping[str, str] | None = None) -> str:
    """One VTODO per nudge: "Follow up with NAME", due on ``due_on``, the reasons as description.

    The name is the nudge's ``name`` attribute, else ``names[uid]``, else the uid. A
    ``priority`` of 0..100 (higher is more urgent) maps to iCalendar PRIORITY 9..1.
    DTSTAMP is ``due_on`` at midnight UTC, so that the same nudges give the same text.
    Text is written as by :func:`dumps` (lone surrogates become U+FFFD).

    Examples:
        >>> from datetime import date
        >>> from types import SimpleNamespace
        >>> n = SimpleNamespace(uid="ada", due_on=date(2026, 3, 1), reasons=("due every 30 days",))
        >>> text = follow_ups([n], names={"ada": "Ada Lovelace"})
        >>> "SUMMARY:Follow up with Ada Lovelace" in text, "DUE;VALUE=DATE:20260301" in text
        (True, True)
    """
    with _gc.paused():
        cal = _calendar()
        for nudge in nudges:
            uid = str(nudge.uid)
            name = getattr(nudge, "name", None) or (names or {}).get(uid) or uid
            todo = icalendar.Todo()
            todo.add("UID", _param(f"netcore-follow-up-{uid}-{nudge.due_on.isoformat()}"))
            todo.add(
                "DTSTAMP",
                datetime(nudge.due_on.year, nudge.due_on.month, nudge.due_on.day, tzinfo=UTC),
            )
            todo.add("DUE", nudge.due_on)
            todo.add("SUMMARY", _text(f"Follow up with {name}"))
            if nudge.reasons:
                todo.add("DESCRIPTION", _text("\n".join(nudge.reasons)))
            todo.add("STATUS", "NEEDS-ACTION")
            priority = _priority(getattr(nudge, "priority", None))
            if priority is not None:
                todo.add("PRIORITY", priority)
            cal.add_component(todo)
        return _finish(cal)


def birthdays(contacts: Iterable[Contact]) -> str:
    """A yearly all-day VEVENT for every contact with a birthday (month and day known).

    A full date starts in the year of birth. A birthday without a year
    (:class:`~netcore.model.PartialDate` ``--MM-DD``) starts in 2000, a leap year, with
    "year of birth unknown" in the description. 29 February recurs with
    ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``: on the last day of February, so on
    28 February in common years. Contacts with no birthday, or only a year or a month,
    are left out. Text is written as by :func:`dumps` (lone surrogates become U+FFFD).

    Examples:
        >>> from datetime import date
        >>> c = Contact(uid="ada", formatted_name="Ada", birthday=date(1815, 12, 10))
        >>> "RRULE:FREQ=YEARLY" in birthdays([c])
        True
    """
    with _gc.paused():
        cal = _calendar()
        for contact in contacts:
            bday = contact.birthday
            if isinstance(bday, PartialDate):
                if bday.month is None or bday.day is None:
                    continue
                first = date(2000, bday.month, bday.day)
                known_year = False
            elif isinstance(bday, date):
                first = bday
                known_year = True
            else:
                continue
            v = icalendar.Event()
            v.add("UID", _param(f"netcore-birthday-{contact.uid}"))
            v.add("DTSTAMP", datetime(first.year, first.month, first.day, tzinfo=UTC))
            v.add("DTSTART", first)
            v.add("DTEND", first + timedelta(days=1))
            if first.month == 2 and first.day == 29:
                v.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1})
            else:
                v.add("RRULE", {"FREQ": "YEARLY"})
            v.add("SUMMARY", _text(f"Birthday: {contact.display_name}"))
            if not known_year:
                v.add("DESCRIPTION", "year of birth unknown")
            v.add("CATEGORIES", ["Birthday"])
            v.add("TRANSP", "TRANSPARENT")
            cal.add_component(v)
        return _finish(cal)
