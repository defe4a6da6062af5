"""State and small helpers shared by the iCalendar reader, expander and writers."""

from __future__ import annotations

import datetime as _dt
import re
import traceback
from datetime import UTC, date, datetime
from typing import Any

import icalendar

from netcore.formats.ical._guard import (
    Block,
    Limits,
)
from netcore.formats.issues import IssueCollector
from netcore.model.event import (
    Attendee,
)

DEFAULT_LIMITS = Limits()
"""The limits :func:`loads` uses when none are given (at most 3,500 occurrences a series)."""

_PRODID = "-//netcore//netcore iCalendar//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = _LINE_BREAKS.sub(" ", _CONTROL.sub("", str(value))).strip()
    return text or None


def _as_written(value: object) -> str | None:
    """A name as written, its spaces kept (``CN=" "`` is a name); empty is none.

    Control characters go and line breaks become spaces, as in :func:`_clean`.
    """
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return _LINE_BREAKS.sub(" ", _CONTROL.sub("", str(value))) or None


def _clean_uid(value: object) -> str | None:
    """A UID as written, its spaces kept (``" lead "`` and ``"lead"`` are two events)."""
    if value is None:
        return None
    text = _LINE_BREAKS.sub(" ", _CONTROL.sub("", str(value)))
    return text if text.strip() else None


class _Context:
    """State shared while reading one input."""

    __slots__ = (
        "col",
        "dense",
        "exhausted",
        "floating",
        "limits",
        "loose",
        "people",
        "persons",
        "read",
        "reported",
        "tzmap",
        "unknown_tzids",
        "x_wr_zone",
    )

    def __init__(self, col: IssueCollector, limits: Limits) -> None:
        self.col = col
        self.limits = limits
        self.tzmap: dict[str, _dt.tzinfo] = {}
        self.unknown_tzids: set[str] = set()
        self.floating = 0
        self.x_wr_zone: _dt.tzinfo | None = None
        # Attendees read leniently from lines icalendar could not parse, per block.
        self.loose: dict[int, tuple[Attendee | None, list[Attendee]]] = {}
        # (block, property) pairs already reported, so a series reports once.
        self.reported: set[tuple[int, str]] = set()
        # Budgets per input (Limits.max_occurrences, Limits.max_attendee_occurrences).
        self.read = 0
        self.people = 0
        # Occurrences of series denser than hourly, which share one max_instances budget.
        self.dense = 0
        # ORGANIZER and ATTENDEE values read, by their text and parameters (see _event).
        self.persons: dict[tuple[str, ...], Attendee | None] = {}
        self.exhausted = False

    def room(self) -> int:
        """Occurrences that may still be read from this input."""
        return 0 if self.exhausted else self.limits.max_occurrences - self.read


# icalendar's components and parameters are case-insensitive dicts whose keys are stored
# upper-case; the plain dict methods skip the case folding on this hot path.
_get = dict.get
_has = dict.__contains__


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _dt_of(prop: Any) -> Any:
    """The ``dt`` of a date, time or duration property; ``None`` when broken or absent."""
    prop = _first(prop)
    if prop is None or isinstance(prop, icalendar.vBroken):
        return None
    return getattr(prop, "dt", None)


def _sort_key_or_none(value: object) -> datetime | None:
    return _sort_key(value) if isinstance(value, date) else None


def _sort_key(value: date) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _once(ctx: _Context, block: Block, what: str) -> bool:
    """``True`` the first time ``what`` is reported for ``block`` (a series reports once)."""
    key = (id(block), what)
    if key in ctx.reported:
        return False
    ctx.reported.add(key)
    return True


_READ = frozenset(
    {
        "UID",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "LOCATION",
        "URL",
        "DESCRIPTION",
        "CATEGORIES",
        "STATUS",
        "ORGANIZER",
        "ATTENDEE",
        "X-NETCORE-KIND",
        "RRULE",
        "RDATE",
        "EXDATE",
        "EXRULE",
        "RECURRENCE-ID",
        "SEQUENCE",
    }
)
"""The VEVENT properties netcore reads or needs to expand a series."""


def read_by_netcore(name: str) -> bool:
    """Whether netcore reads a VEVENT property of this upper-case name (or it is BEGIN/END)."""
    return name in _READ or name in ("BEGIN", "END")


_MANY = frozenset({"CATEGORIES", "ATTENDEE", "RRULE", "RDATE", "EXDATE", "EXRULE"})
"""The properties of :data:`_READ` a VEVENT may hold more than once (RFC 5545 3.6.1)."""


def read_once(name: str) -> bool:
    """Whether netcore reads only the first property of this upper-case name in a VEVENT."""
    return name in _READ and name not in _MANY


def let_go(exc: BaseException) -> None:
    """Free now what a caught icalendar error holds: its frames and their locals.

    icalendar's parser passes the error of a line to a method that raises it again, so
    the error's traceback holds that method's frame, which holds the error: a cycle,
    which keeps the whole calendar parsed so far alive until the cyclic collector runs,
    and the reader pauses that collector (:mod:`netcore._gc`). A VTIMEZONE of 85 parts
    read twice so (whole, then without its bad line) took 50x the input at the peak.
    Clearing the finished frames of the error and of the errors it was raised from
    breaks the cycles; the message and type stay readable.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__
