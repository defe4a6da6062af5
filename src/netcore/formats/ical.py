r"""iCalendar (RFC 5545) <-> :class:`~netcore.model.Event`; follow-ups and birthdays as ``.ics``.

This is the only netcore module that imports ``icalendar``, ``recurring_ical_events`` and
``x_wr_timezone``. Reading goes in three steps:

1. **Guards** (``_ical_guard``, plain text, before icalendar sees anything): the input is
   decoded (UTF-8; stray bytes as Windows-1252 with an issue; a byte-order mark
   dropped), lone-CR line endings are accepted, lines longer than
   :attr:`Limits.max_line_length` and nesting deeper than :attr:`Limits.max_depth` are
   refused, unclosed components are closed with an issue, alarms, to-dos, journals and
   free/busy components are dropped (netcore reads events only; a VALARM ``REPEAT`` above
   :attr:`Limits.max_alarm_repeat` is reported), and a VTIMEZONE whose sub-rules recur
   more often than daily is replaced by the IANA zone its TZID names, else by a fixed
   offset (such a rule makes icalendar spin for minutes on the first time lookup).
2. **icalendar** parses the events and time zones that are left. Windows zone names
   (``W. Europe Standard Time``) become IANA zones; Google's ``X-WR-TIMEZONE`` is applied
   with ``x_wr_timezone``; custom VTIMEZONEs are resolved per input (icalendar's own cache
   is global). An unknown TZID keeps its text as the zone name at UTC offset 0, with an
   issue; floating times are read as UTC, with an issue. Only names that
   :func:`zoneinfo.available_timezones` lists are looked up in the tz database (a TZID
   like ``Europe`` would otherwise open a directory there). To enforce that, importing
   this module installs such a provider into icalendar (``icalendar.timezone.tzp.use``)
   for the whole process when icalendar uses zoneinfo; it answers as before for every
   name zoneinfo can load as a zone.
3. **Recurrences** are expanded with ``recurring_ical_events`` inside
   ``[expand_from, expand_to)``, honouring EXDATE and RECURRENCE-ID overrides, at most
   :attr:`Limits.max_instances` occurrences a series (an issue says when the cap cut a
   series). Invalid rules (``INTERVAL=0``, ``COUNT=0``, ``BYDAY=0TH``, a malformed
   ``UNTIL``: see ``_ical_guard.invalid_rule``) are an ``ERROR`` and rules no date
   satisfies (``BYMONTH=2;BYMONTHDAY=30``) a ``WARNING``; both are read
   as their first occurrence, rules with a start far before the window are fast-forwarded
   by whole intervals, and each step of the expansion asks for a span that cannot hold
   more than the cap, so that ``FREQ=SECONDLY`` without an end stays bounded.
   **Without a window** a recurring series gives its first occurrence only (DTSTART), with
   an ``INFO`` issue; its RECURRENCE-ID overrides give an ``INFO`` issue each. The window
   bounds expansion only: events that do not recur are always returned.

Every exception raised by icalendar, recurring_ical_events or dateutil becomes an issue
with the line and property where known (the whole VEVENT's line otherwise); with
``strict=True`` the first ``ERROR`` raises :class:`~netcore.errors.ParseError` instead.

**EventKind rule.** ``X-NETCORE-KIND`` (written by :func:`dumps`) wins; else each
CATEGORIES value in order, then the SUMMARY, is matched (case-insensitively, whole words)
against these keyword lists, checked in this order; the first list with a match decides:

* ``CONFERENCE``: conference, summit, congress, symposium, convention, expo, forum
* ``TRAINING``: training, workshop, course, seminar, webinar, bootcamp, tutorial, class, lecture
* ``MEETUP``: meetup, meet-up, user group, hackathon, hack night
* ``SOCIAL``: party, dinner, lunch, breakfast, drinks, happy hour, coffee, reception,
  celebration, birthday, bbq
* ``MEETING``: meeting, call, sync, 1:1, one-on-one, standup, stand-up, interview,
  catch-up, catch up, review, appointment

otherwise ``OTHER``.

Examples:
    >>> cal = (
    ...     "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:PyCon US\r\n"
    ...     "CATEGORIES:Conference\r\nDTSTART:20260514T090000Z\r\n"
    ...     "ATTENDEE;CN=Ada;PARTSTAT=ACCEPTED:mailto:ada@example.org\r\n"
    ...     "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ... )
    >>> [(e.title, e.kind.value, e.attendees[0].email) for e in loads(cal)]
    [('PyCon US', 'conference', 'ada@example.org')]
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import hashlib
import math
import os
import re
import stat
import warnings
import zoneinfo
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import icalendar
import recurring_ical_events
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from icalendar.timezone.zoneinfo import ZONEINFO
from pydantic import ValidationError

from netcore._files import PathOrFile, iter_chunks, scrub_surrogates, source_name, write_bytes
from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats._ical_guard import (
    Block,
    Limits,
    decode,
    invalid_rule,
    limit_error,
    max_instances_per_second,
    never_matches,
    scan,
    split_lines,
)
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model.contact import Contact
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventKind,
    EventStatus,
)
from netcore.model.values import PartialDate

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "NudgeLike",
    "birthdays",
    "dump",
    "dumps",
    "follow_ups",
    "guess_kind",
    "load",
    "loads",
]

DEFAULT_LIMITS = Limits()
"""The limits :func:`loads` uses when none are given (at most 3,500 occurrences a series)."""

_PRODID = "-//netcore//netcore iCalendar//EN"

# ---- reading ------------------------------------------------------------------------

_PARTSTAT = {
    "NEEDS-ACTION": AttendeeStatus.NEEDS_ACTION,
    "ACCEPTED": AttendeeStatus.ACCEPTED,
    "DECLINED": AttendeeStatus.DECLINED,
    "TENTATIVE": AttendeeStatus.TENTATIVE,
    "DELEGATED": AttendeeStatus.DELEGATED,
}
_ROLE = {
    "CHAIR": AttendeeRole.CHAIR,
    "REQ-PARTICIPANT": AttendeeRole.REQ_PARTICIPANT,
    "OPT-PARTICIPANT": AttendeeRole.OPT_PARTICIPANT,
    "NON-PARTICIPANT": AttendeeRole.NON_PARTICIPANT,
}
_PARTSTAT_OUT = {v: k for k, v in _PARTSTAT.items()}
_ROLE_OUT = {v: k for k, v in _ROLE.items()}

_KIND_WORDS: tuple[tuple[EventKind, tuple[str, ...]], ...] = (
    (
        EventKind.CONFERENCE,
        ("conference", "summit", "congress", "symposium", "convention", "expo", "forum"),
    ),
    (
        EventKind.TRAINING,
        (
            "training",
            "workshop",
            "course",
            "seminar",
            "webinar",
            "bootcamp",
            "tutorial",
            "class",
            "lecture",
        ),
    ),
    (EventKind.MEETUP, ("meetup", "meet-up", "user group", "hackathon", "hack night")),
    (
        EventKind.SOCIAL,
        (
            "party",
            "dinner",
            "lunch",
            "breakfast",
            "drinks",
            "happy hour",
            "coffee",
            "reception",
            "celebration",
            "birthday",
            "bbq",
        ),
    ),
    (
        EventKind.MEETING,
        (
            "meeting",
            "call",
            "sync",
            "1:1",
            "one-on-one",
            "standup",
            "stand-up",
            "interview",
            "catch-up",
            "catch up",
            "review",
            "appointment",
        ),
    ),
)
_KIND_RES = tuple(
    (kind, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I))
    for kind, words in _KIND_WORDS
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def guess_kind(title: str, categories: Iterable[str] = ()) -> EventKind:
    """The :class:`EventKind` the module docstring's rule gives for a title and categories.

    Only the first 2,000 characters of each text are searched.

    Examples:
        >>> guess_kind("Django meetup Berlin").value
        'meetup'
        >>> guess_kind("Lunch", ["Workshop"]).value
        'training'
    """
    return _guess_kind(title, tuple(categories))


_KIND_SCAN = 2_000
"""Characters of each title or category searched for kind keywords (bounds the cost)."""


@functools.lru_cache(maxsize=4096)
def _guess_kind(title: str, categories: tuple[str, ...]) -> EventKind:
    # Cached: every occurrence of a series asks again with the same texts.
    for text in (*categories, title):
        head = text[:_KIND_SCAN]
        for kind, pattern in _KIND_RES:
            if pattern.search(head):
                return kind
    return EventKind.OTHER


@functools.cache
def _available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class _KnownZonesOnly(ZONEINFO):
    """icalendar's zoneinfo provider, asked only for names the tz database lists.

    icalendar hands every TZID text to ``zoneinfo.ZoneInfo``, which opens it as a path
    below the tz database: ``TZID=Europe`` opens a directory (``IsADirectoryError``, with
    the install path in the message) and other names open files that are no zone. Here a
    name outside :func:`zoneinfo.available_timezones` is unknown before any file is
    opened; netcore then reads the time as an unknown TZID (UTC offset 0, with an issue).
    """

    def timezone(self, name: str) -> _dt.tzinfo | None:
        if name not in _available_zones():
            return None
        return super().timezone(name)


if tzp.uses_zoneinfo():
    # The provider only changes the answer for names zoneinfo cannot load as a zone.
    tzp.use(_KnownZonesOnly())


@functools.lru_cache(maxsize=1024)
def _iana_zone(tzid: str) -> str | None:
    name = tzid.strip().strip('"').strip()
    if name in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[name]
    if name in _available_zones() or name == "UTC":
        return name
    stripped = name.lstrip("/")
    if stripped in _available_zones():
        return stripped
    return None


@functools.lru_cache(maxsize=256)
def _unknown_zone(tzid: str) -> _dt.timezone:
    return _dt.timezone(timedelta(0), tzid[:200] or "UTC")


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = _LINE_BREAKS.sub(" ", _CONTROL.sub("", str(value))).strip()
    return text or None


class _Context:
    """State shared while reading one input."""

    __slots__ = (
        "col",
        "exhausted",
        "floating",
        "limits",
        "loose",
        "people",
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
        self.exhausted = False

    def room(self) -> int:
        """Occurrences that may still be read from this input."""
        return 0 if self.exhausted else self.limits.max_occurrences - self.read


def _window(
    expand_from: date | datetime | None, expand_to: date | datetime | None
) -> tuple[datetime, datetime] | None:
    if expand_from is None and expand_to is None:
        return None
    if expand_from is None or expand_to is None:
        raise ValueError("give both expand_from and expand_to, or neither")

    def aware(value: date | datetime, what: str) -> datetime:
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"{what} must be timezone-aware or a date, got {value!r}")
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        raise TypeError(f"{what} must be a date or datetime, got {type(value).__name__}")

    start, stop = aware(expand_from, "expand_from"), aware(expand_to, "expand_to")
    if stop < start:
        raise ValueError(f"expand_to {stop} is before expand_from {start}")
    return start, stop


def loads(
    data: str | bytes,
    *,
    expand_from: date | datetime | None = None,
    expand_to: date | datetime | None = None,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Parsed[Event]:
    r"""Read the events of an iCalendar text: one :class:`Event` per occurrence.

    Args:
        data: The calendar, as text or bytes (UTF-8; other bytes are read as
            Windows-1252 with an issue).
        expand_from: Start of the window recurring series are expanded in (a date is
            midnight UTC). Give both ends or neither.
        expand_to: End of that window (exclusive).
        strict: Raise :class:`~netcore.errors.ParseError` at the first ``ERROR`` issue
            (:class:`~netcore.errors.LimitExceededError` for a limit).
        source: The name to put into issues (a file name).
        limits: Size, nesting and recurrence bounds; :data:`DEFAULT_LIMITS` when omitted.

    Returns:
        The events with the issues found; see the module docstring for what is
        repaired, guessed or skipped.

    Raises:
        ParseError: In strict mode, for the first error in the input.
        ValueError: The window is given by one end only, naive, or reversed.

    Examples:
        >>> from datetime import date
        >>> cal = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nSUMMARY:Standup\n"
        ...        "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\n"
        ...        "END:VEVENT\nEND:VCALENDAR\n")
        >>> [e.start.day for e in loads(cal, expand_from=date(2026, 1, 1),
        ...                              expand_to=date(2027, 1, 1))]
        [5, 12, 19]
        >>> got = loads(cal)
        >>> len(got), got.issues[0].severity.value
        (1, 'info')
    """
    window = _window(expand_from, expand_to)
    col = IssueCollector(source, strict=strict)
    ctx = _Context(col, limits or DEFAULT_LIMITS)
    events: list[Event] = []
    # Parsing creates many long-lived objects; the cyclic collector would scan them again
    # and again and free nothing (DESIGN.md, "Performance facts").
    enabled = gc.isenabled()
    gc.disable()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _read(data, ctx, window, events)
        for message in dict.fromkeys(str(w.message) for w in caught):
            col.info(f"icalendar: {message}")
    except ParseError:
        raise
    except Exception as exc:  # every third-party failure becomes an issue or a ParseError
        try:
            col.error(f"could not read the calendar: {type(exc).__name__}: {exc}")
        except ParseError as err:
            raise err from exc
    finally:
        if enabled:
            gc.enable()
    return Parsed(events, col.issues)


def load(
    path_or_file: PathOrFile,
    *,
    expand_from: date | datetime | None = None,
    expand_to: date | datetime | None = None,
    strict: bool = False,
    limits: Limits | None = None,
) -> Parsed[Event]:
    r"""Read the events of an ``.ics`` file (a path or a binary file object).

    Args:
        path_or_file: Where to read from.
        expand_from: See :func:`loads`.
        expand_to: See :func:`loads`.
        strict: See :func:`loads`.
        limits: See :func:`loads`.

    Returns:
        As :func:`loads`, with the file name in every issue.

    Examples:
        >>> import io
        >>> f = io.BytesIO(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        ...                b"DTSTART;VALUE=DATE:20260301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        >>> load(f)[0].start
        datetime.date(2026, 3, 1)
    """
    lim = limits or DEFAULT_LIMITS
    data, size = _read_bounded(path_or_file, lim.max_bytes)
    if data is None:
        _window(expand_from, expand_to)  # a bad window is refused even so
        col = IssueCollector(source_name(path_or_file), strict=strict)
        limit_error(col, f"input of {size} bytes exceeds the limit of {lim.max_bytes} bytes")
        return Parsed([], col.issues)
    return loads(
        data,
        expand_from=expand_from,
        expand_to=expand_to,
        strict=strict,
        source=source_name(path_or_file),
        limits=limits,
    )


def _read_bounded(path_or_file: PathOrFile, limit: int) -> tuple[bytes | None, int]:
    """The input's bytes, or ``(None, size)`` when it is larger than ``limit`` bytes.

    A regular file is measured with ``stat`` before anything is read; a pipe, a device or
    a file object is read in chunks and abandoned as soon as it passes the limit, so that
    neither a 2 GiB file nor ``/dev/zero`` is read whole only to be refused.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with contextlib.suppress(OSError):
            info = os.stat(path_or_file)
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                return None, info.st_size
    chunks: list[bytes] = []
    total = 0
    for chunk in iter_chunks(path_or_file):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None, total
    return b"".join(chunks), total


def _read(
    data: str | bytes,
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    col, limits = ctx.col, ctx.limits
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        limit_error(col, f"input of {size} bytes exceeds the limit of {limits.max_bytes} bytes")
        return
    lines = split_lines(decode(data, col), col)
    found = scan(lines, col, limits, _iana_zone)
    if not found.events:
        col.info("no VEVENT found")
        return
    if found.x_wr_timezone:
        ctx.x_wr_zone = _x_wr_zone(found.calendar_lines, ctx)
    pairs = _parse(found.calendar_lines, found.timezones, found.events, ctx)
    _convert(pairs, ctx, window, out)


def _wrap(lines: list[str]) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", *lines, ""]) + (
        "END:VCALENDAR\r\n"
    )


def _parse(
    calendar_lines: list[str], timezones: list[Block], blocks: list[Block], ctx: _Context
) -> list[tuple[Block, icalendar.Event]]:
    """Parse the blocks with icalendar; one VEVENT at a time when the whole fails."""
    body = list(calendar_lines)
    for b in timezones:
        body.extend(b.lines)
    for b in blocks:
        body.extend(b.lines)
    try:
        cal = icalendar.Calendar.from_ical(_wrap(body))
        comps = [c for c in cal.subcomponents if c.name == "VEVENT"]
        tzs = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        if len(comps) == len(blocks) and len(tzs) == len(timezones):
            _register_timezones(
                [t for t in tzs if isinstance(t, icalendar.Timezone)], timezones, ctx
            )
            return [
                (b, c) for b, c in zip(blocks, comps, strict=True) if isinstance(c, icalendar.Event)
            ]
    except Exception:
        pass  # read again piece by piece below, to find the culprit
    good_tzs: list[icalendar.Timezone] = []
    good_blocks: list[Block] = []
    for b in timezones:
        try:
            comp = icalendar.Calendar.from_ical(_wrap(b.lines)).subcomponents[0]
        except Exception as exc:
            ctx.col.error(
                f"VTIMEZONE could not be read ({type(exc).__name__}: {exc}); times using it "
                "are read without it",
                line=b.line,
                property="VTIMEZONE",
            )
            continue
        if isinstance(comp, icalendar.Timezone):
            good_tzs.append(comp)
            good_blocks.append(b)
    _register_timezones(good_tzs, good_blocks, ctx)
    pairs: list[tuple[Block, icalendar.Event]] = []
    for b in blocks:
        try:
            comp = icalendar.Calendar.from_ical(_wrap(calendar_lines + b.lines)).subcomponents[0]
        except Exception as exc:
            prop, line = _culprit(calendar_lines, b)
            ctx.col.error(
                f"VEVENT could not be read ({type(exc).__name__}: {exc}); it was skipped",
                line=line,
                property=prop,
            )
            continue
        if isinstance(comp, icalendar.Event):
            pairs.append((b, comp))
    return pairs


def _culprit(calendar_lines: list[str], block: Block) -> tuple[str, int]:
    """The first property line that icalendar cannot read on its own (for the issue)."""
    inner = block.lines[1:-1][:500]
    numbers = block.numbers[1:-1][:500]
    for text, number in zip(inner, numbers, strict=False):
        if text[:1] in (" ", "\t"):
            continue
        try:
            icalendar.Calendar.from_ical(
                _wrap([*calendar_lines, "BEGIN:VEVENT", text, "END:VEVENT"])
            )
        except Exception:
            match = re.match(r"[A-Za-z0-9-]+", text)
            return (match.group().upper() if match else "VEVENT"), number
    return "VEVENT", block.line


def _register_timezones(
    comps: list[icalendar.Timezone], blocks: list[Block], ctx: _Context
) -> None:
    """Build this input's custom zones (icalendar caches them globally, first one wins)."""
    for comp, block in zip(comps, blocks, strict=False):
        tzid = str(comp.get("TZID", ""))
        if not tzid or _iana_zone(tzid) is not None:
            continue
        try:
            ctx.tzmap[tzid] = comp.to_tz(tzp, lookup_tzid=False)
        except Exception as exc:
            ctx.col.error(
                f"VTIMEZONE {tzid!r} could not be read ({type(exc).__name__}: {exc}); times "
                "using it are read at UTC offset 0",
                line=block.line,
                property="VTIMEZONE",
            )


def _x_wr_zone(calendar_lines: list[str], ctx: _Context) -> _dt.tzinfo | None:
    """The zone Google's ``X-WR-TIMEZONE`` names, for floating times only (see :func:`_when`)."""
    name = ""
    for text in calendar_lines:
        head, _, value = text.partition(":")
        if head.split(";")[0].strip().upper() == "X-WR-TIMEZONE":
            name = value.strip()
            break
    zone = _iana_zone(name)
    if zone is None:
        ctx.col.warning(
            f"X-WR-TIMEZONE {name[:80]!r} is not a known time zone; floating times are read as UTC",
            property="X-WR-TIMEZONE",
        )
        return None
    return UTC if zone == "UTC" else zoneinfo.ZoneInfo(zone)


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


def _repair_time(prop: Any) -> date | None:
    """Read a broken date or date-time again without surrounding spaces (``DTEND: 2024...``)."""
    text = str(prop).strip()
    try:
        value = icalendar.vDDDTypes.from_ical(text)  # type: ignore[no-untyped-call]
    except Exception:
        return None
    return value if isinstance(value, date) else None


def _convert(
    pairs: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    groups: dict[str, list[tuple[Block, icalendar.Event]]] = {}
    for block, comp in pairs:
        _keep_all_day(comp, block)
        if any(name is None for name, _ in getattr(comp, "errors", ())):
            _unparsed_lines(block, ctx)
        uid = _clean(_first(comp.get("UID")))
        if uid is None:
            uid = "netcore-" + hashlib.sha1("\n".join(block.lines).encode()).hexdigest()[:20]
            ctx.col.warning(f"VEVENT without UID: given {uid!r}", line=block.line, property="UID")
        groups.setdefault(uid, []).append((block, comp))
    for uid, members in groups.items():
        for master, overrides in _series_of(members):
            if master is None:
                for block, comp in overrides:
                    _emit(comp, block, uid, ctx, out)
            elif not overrides and not _recurs(master[1]):
                _emit(master[1], master[0], uid, ctx, out)
            else:
                _expand(uid, master, overrides, ctx, window, out)


def _recurs(comp: icalendar.Component) -> bool:
    return "RRULE" in comp or "RDATE" in comp


def _series_of(
    members: list[tuple[Block, icalendar.Event]],
) -> list[tuple[tuple[Block, icalendar.Event] | None, list[tuple[Block, icalendar.Event]]]]:
    """Split the VEVENTs of one UID into series: ``(master, its overrides)``.

    The same-UID rule: every VEVENT without RECURRENCE-ID is a master of its own (Lotus
    Notes and Exchange export a series edited "this and following" as several masters
    with one UID; identical UID-less VEVENTs get the same generated UID); each is kept. A
    VEVENT with RECURRENCE-ID overrides an occurrence of the recurring master with the
    latest DTSTART at or before that RECURRENCE-ID (of the first recurring master when
    none starts before it). Overrides without any recurring master are read as events
    of their own (``master`` is ``None``).
    """
    masters = [m for m in members if "RECURRENCE-ID" not in m[1]]
    overrides = [m for m in members if "RECURRENCE-ID" in m[1]]
    recurring = [m for m in masters if _recurs(m[1])]
    series: dict[int, list[tuple[Block, icalendar.Event]]] = {id(m[1]): [] for m in masters}
    if overrides and not recurring:
        return [*((m, []) for m in masters), (None, overrides)]
    starts = [(_start_key(m[1]), m) for m in recurring]
    for override in overrides:
        at = _sort_key_or_none(_dt_of(override[1].get("RECURRENCE-ID")))
        owner = recurring[0]
        if at is not None:
            before = [(k, m) for k, m in starts if k is not None and k <= at]
            if before:
                owner = max(before, key=lambda km: km[0])[1]
        series[id(owner[1])].append(override)
    return [(m, series[id(m[1])]) for m in masters]


def _sort_key_or_none(value: object) -> datetime | None:
    return _sort_key(value) if isinstance(value, date) else None


def _start_key(comp: icalendar.Component) -> datetime | None:
    return _sort_key_or_none(_dt_of(comp.get("DTSTART")))


_DATE_ONLY = re.compile(r"\s*\d{8}\s*")


def _keep_all_day(comp: icalendar.Component, block: Block) -> None:
    """Keep an all-day time all-day when it carries a TZID.

    icalendar turns ``DTSTART;TZID=...;VALUE=DATE:20260105`` (and the same without
    ``VALUE=DATE``) into midnight in that zone; a date has no zone, so the TZID is ignored.
    """
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = comp.get(name)
        if isinstance(prop, list) or prop is None:
            continue
        value = _dt_of(prop)
        params = getattr(prop, "params", None) or {}
        if not isinstance(value, datetime) or "TZID" not in params:
            continue
        if str(params.get("VALUE", "")).upper() == "DATE" or _DATE_ONLY.fullmatch(
            block.value_of(name) or ""
        ):
            del comp[name]
            comp.add(name, value.date())


_MAILTO_TAIL = re.compile(r':\s*"?((?:mailto:)[^"]*)"?\s*$', re.IGNORECASE)


def _loose_param(head: str, key: str) -> str | None:
    match = re.search(rf';{key}=("(?:[^"\\]|\\.)*"|.*?)(?=;[A-Za-z0-9-]+=|$)', head, re.IGNORECASE)
    if match is None:
        return None
    text = match.group(1)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('\\"', '"')
    return text


def _loose_person(text: str) -> Attendee | None:
    """An ATTENDEE or ORGANIZER line icalendar cannot parse (quotes inside a CN), read leniently."""
    match = _MAILTO_TAIL.search(text)
    if match is not None:
        head, value = text[: match.start()], match.group(1)
    else:
        head, _, value = text.rpartition(":")
    addr = icalendar.vCalAddress(value)
    for key in ("CN", "PARTSTAT", "ROLE", "CUTYPE"):
        found = _loose_param(head, key)
        if found is not None:
            addr.params[key] = found
    return _person(addr)


def _unparsed_lines(block: Block, ctx: _Context) -> None:
    """Report each line of a VEVENT icalendar could not parse; rescue attendees in them.

    icalendar drops such a line and records an error without a property name; here each
    logical line is checked once (only for a block that has such an error), so that the
    issue names the line.
    """
    organizer: Attendee | None = None
    attendees: list[Attendee] = []
    for text, number in block.logical()[1:-1]:
        try:
            icalendar.parser.Contentline(text).parts()  # type: ignore[no-untyped-call]
        except Exception as exc:
            match = re.match(r"[A-Za-z0-9-]+", text)
            name = match.group().upper() if match else None
            person = _loose_person(text) if name in ("ATTENDEE", "ORGANIZER") else None
            if person is None:
                ctx.col.warning(
                    f"line could not be read and was ignored ({exc}): {text[:80]!r}",
                    line=number,
                    property=name,
                )
                continue
            ctx.col.warning(
                f"{name} is not valid iCalendar (quotes inside a parameter?); it was read "
                "leniently",
                line=number,
                property=name,
            )
            if name == "ORGANIZER":
                organizer = organizer or person
            else:
                attendees.append(person)
    ctx.loose[id(block)] = (organizer, attendees)


def _emit(
    comp: icalendar.Component, block: Block, uid: str, ctx: _Context, out: list[Event]
) -> None:
    if ctx.exhausted:
        return
    try:
        event = _event(comp, block, uid, ctx)
    except ParseError:
        raise
    except Exception as exc:
        ctx.col.error(
            f"VEVENT could not be read ({type(exc).__name__}: {exc}); it was skipped",
            line=block.line,
            property="VEVENT",
        )
        return
    if event is None:
        return
    people = len(event.attendees) + (event.organizer is not None)
    limits = ctx.limits
    if (
        ctx.read + 1 > limits.max_occurrences
        or ctx.people + people > limits.max_attendee_occurrences
    ):
        ctx.exhausted = True
        what = (
            f"{limits.max_occurrences} occurrences"
            if ctx.read + 1 > limits.max_occurrences
            else f"{limits.max_attendee_occurrences} attendees summed over occurrences"
        )
        limit_error(
            ctx.col,
            f"the input holds more than {what} (the limit per input); the events from here "
            f"on were not read ({ctx.read} were)",
            line=block.line,
            property="VEVENT",
        )
        return
    ctx.read += 1
    ctx.people += people
    out.append(event)


def _rules(comp: icalendar.Component) -> list[Any]:
    value = comp.get("RRULE")
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


_STEP = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
}
_STRETCH = 64
"""How many times wider than its step an expansion chunk grows after empty chunks."""
_FAST_FORWARD_OCCURRENCES = 20_000
"""Occurrences before the window that dateutil may walk before a series is fast-forwarded."""


def _expand(
    uid: str,
    master: tuple[Block, icalendar.Event],
    overrides: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    """Expand one series (a master and its overrides); a failure reads its first occurrence."""
    try:
        _series(uid, master, [master, *overrides], ctx, window, out)
    except ParseError:
        raise
    except Exception as exc:
        ctx.col.error(
            f"recurring series could not be expanded ({type(exc).__name__}: {exc}); "
            "its first occurrence was read",
            line=master[0].line_of("RRULE") or master[0].line,
            property="RRULE",
        )
        _emit(master[1], master[0], uid, ctx, out)


def _series(
    uid: str,
    master: tuple[Block, icalendar.Event],
    members: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    block, comp = master
    col, cap = ctx.col, ctx.limits.max_instances
    if ctx.exhausted:
        return
    rule_line = block.line_of("RRULE") or block.line_of("RDATE") or block.line
    overrides = [m for m in members if m[1] is not comp]
    if window is None:
        col.info(
            "recurring series not expanded: only its first occurrence was read (pass "
            "expand_from and expand_to to expand it)",
            line=rule_line,
            property="RRULE",
        )
        _emit(comp, block, uid, ctx, out)
        for ob, _ in overrides:
            col.info(
                "override (RECURRENCE-ID) of an occurrence not read: the series was not expanded",
                line=ob.line,
                property="RECURRENCE-ID",
            )
        return
    rules = _rules(comp)
    rate = edge = 0.0
    first = _dt_of(comp.get("DTSTART"))
    all_day = isinstance(first, date) and not isinstance(first, datetime)
    for rule in rules:
        if not isinstance(rule, icalendar.vRecur):
            col.error(
                "RRULE could not be read; the series was read as its first occurrence",
                line=rule_line,
                property="RRULE",
            )
            del comp["RRULE"]
            rules = []
            break
        why = invalid_rule(rule, all_day=all_day)
        if why is not None:
            col.error(
                f"recurring series could not be expanded: RRULE {why}; its first occurrence "
                "was read",
                line=rule_line,
                property="RRULE",
            )
            del comp["RRULE"]
            rules = []
            break
        why = never_matches(rule)
        if why is not None:
            col.warning(
                f"RRULE can never match ({why}); the series was read as its first occurrence",
                line=rule_line,
                property="RRULE",
            )
            del comp["RRULE"]
            rules = []
            break
        r, e = max_instances_per_second(rule)
        rate += r
        edge += e
    start_prop = comp.get("DTSTART")
    start = _dt_of(start_prop)
    if not isinstance(start, date):
        _emit(comp, block, uid, ctx, out)
        return
    if rules and not _fast_forward(comp, rules, start, window, ctx, rule_line):
        return
    duration = _duration(comp, _dt_of(comp.get("DTSTART")))
    if rate and duration.total_seconds() * rate > 4 * cap:
        col.warning(
            "recurring series whose occurrences overlap too much to expand; its first "
            "occurrence was read",
            line=rule_line,
            property="RRULE",
        )
        _emit(comp, block, uid, ctx, out)
        return
    adapters = [recurring_ical_events.EventAdapter(c) for _, c in members]
    series = recurring_ical_events.Series(adapters)
    win_start, win_stop = window
    if rate > 0:
        step = timedelta(seconds=max(1.0, (cap - edge) / rate if cap > edge else 1.0))
    else:
        step = win_stop - win_start + timedelta(seconds=1)
    seen: set[Any] = set()
    got: list[Any] = []
    room = ctx.room()
    stretch = 1
    cursor = win_start
    chunks = 0
    cut = False
    while cursor < win_stop and not cut:
        chunks += 1
        if chunks > 100_000:
            cut = True
            break
        nxt = min(cursor + step * stretch, win_stop)
        before = len(got)
        for occurrence in series.between(cursor, nxt):
            if occurrence.id in seen:
                continue
            seen.add(occurrence.id)
            got.append(occurrence)
            if len(got) >= cap:
                cut = True
                break
            if len(got) > room:
                break  # the per-input budget is spent: _emit reports it
        if len(got) > room:
            break
        # dateutil rescans its cache from DTSTART on every call, so a long empty stretch
        # (FREQ=SECONDLY;BYMONTHDAY=31) asked for in small steps costs chunks x cache.
        # Empty chunks widen the next one (at most _STRETCH times: a chunk then holds at
        # most _STRETCH x cap occurrences); a chunk with occurrences resets it.
        stretch = min(stretch * 2, _STRETCH) if len(got) == before else 1
        cursor = nxt
    if cut:
        col.warning(
            f"recurring series cut at {len(got)} occurrences (the limit is {cap})",
            line=rule_line,
            property="RRULE",
        )
    if not got:
        col.info(
            "recurring series has no occurrence in the window", line=rule_line, property="RRULE"
        )
    by_start = sorted(got, key=lambda o: _sort_key(o.start))
    by_comp = {id(c): b for b, c in members}
    for occurrence in by_start:
        adapter = getattr(occurrence, "_adapter", None)
        origin = by_comp.get(id(getattr(adapter, "_component", None)), block)
        _emit(occurrence.as_component(False), origin, uid, ctx, out)


def _sort_key(value: date) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _duration(comp: icalendar.Component, start: date) -> timedelta:
    end = _dt_of(comp.get("DTEND"))
    if isinstance(end, date) and type(end) is type(start):
        try:
            return abs(_sort_key(end) - _sort_key(start))
        except Exception:
            return timedelta(0)
    dur = _dt_of(comp.get("DURATION"))
    return abs(dur) if isinstance(dur, timedelta) else timedelta(0)


_MONTHS = {"MONTHLY": 1, "YEARLY": 12}
_FAST_FORWARD_DAYS = 2_000
"""Days before the window a MONTHLY or YEARLY series may start before it is fast-forwarded.

dateutil builds the set of every day of a period for such rules (about 0.2 ms a year for
``BYDAY=20MO``), so 1,300 yearly series from 1997 took seconds (vpim/profile.ics).
"""


def _fast_forward_years(
    comp: icalendar.Component,
    rule: Any,
    start: date,
    window: tuple[datetime, datetime],
    ctx: _Context,
    rule_line: int,
    months: int,
) -> bool:
    """:func:`_fast_forward` for MONTHLY and YEARLY rules: move DTSTART by whole years.

    The shift is a whole number of intervals and of years (of 4 years for 29 February),
    so month, day, weekday rules and leap days fall as before. ``COUNT`` is reduced where
    every period yields exactly one occurrence (no BY-parts, a day of month up to 28).
    """
    gap_days = (window[0] - _sort_key(start)).days
    if gap_days <= _FAST_FORWARD_DAYS:
        return True
    step_years = math.lcm(months, 12) // 12
    if (start.month, start.day) == (2, 29):
        step_years = math.lcm(step_years, 4)
    span_years = 1 + math.ceil(_duration(comp, start).days / 365)
    steps = (gap_days // 366 - 1 - span_years) // step_years
    if steps <= 0:
        return True
    years = steps * step_years
    if "COUNT" in rule:
        by_parts = [p for p in rule if p.startswith("BY")]
        try:
            count = int(_first(rule["COUNT"]))
        except (TypeError, ValueError):
            count = 0
        if by_parts or start.day > 28:
            return True  # dateutil walks at most COUNT periods; rare and bounded by the year 9999
        periods = years * 12 // months
        if count - periods <= 0:
            ctx.col.info(
                "recurring series ends before the window", line=rule_line, property="RRULE"
            )
            return False
        rule["COUNT"] = [count - periods]
    moved: dict[str, date] = {}
    for name in ("DTSTART", "DTEND"):
        value = _dt_of(comp.get(name))
        if isinstance(value, date):
            try:
                moved[name] = value.replace(year=value.year + years)
            except ValueError:
                return True
    for name, value in moved.items():
        _first(comp.get(name)).dt = value
    return True


def _fast_forward(
    comp: icalendar.Component,
    rules: list[Any],
    start: date,
    window: tuple[datetime, datetime],
    ctx: _Context,
    rule_line: int,
) -> bool:
    """Move a fine-grained series' start close to the window by whole intervals.

    dateutil walks every period from DTSTART, so ``FREQ=SECONDLY`` starting years before
    the window would take hours. Moving DTSTART (and DTEND) forward by ``k`` whole
    intervals keeps every later occurrence in place. ``COUNT`` is reduced by ``k`` where
    each period yields exactly one occurrence; otherwise such a series is not expanded.

    Returns:
        ``False`` when the series must not be expanded (an issue says why).
    """
    if len(rules) != 1:
        return True
    rule = rules[0]
    freq = str(_first(rule.get("FREQ")) or "").upper()
    if freq not in _STEP and freq not in _MONTHS:
        return True
    try:
        interval = max(1, int(_first(rule.get("INTERVAL")) or 1))
    except (TypeError, ValueError):
        interval = 1
    if freq in _MONTHS:
        return _fast_forward_years(
            comp, rule, start, window, ctx, rule_line, _MONTHS[freq] * interval
        )
    step = _STEP[freq] * interval
    gap = (window[0] - _sort_key(start)).total_seconds()
    periods = gap / step
    # dateutil walks every occurrence from DTSTART, not every period: a DAILY rule with
    # BYHOUR x BYMINUTE yields many occurrences a period, so the walk is bounded by
    # occurrences (the rule's density), and by COUNT where that is smaller.
    rate, edge = max_instances_per_second(rule)
    before = gap * rate + edge
    if "COUNT" in rule:
        with contextlib.suppress(TypeError, ValueError):
            before = min(before, float(int(_first(rule["COUNT"]))))
    if before <= _FAST_FORWARD_OCCURRENCES:
        return True
    margin = 2 + math.ceil((7200 + _duration(comp, start).total_seconds()) / step)
    k = int(periods) - margin
    if k <= 0:
        return True
    if "COUNT" in rule:
        by_parts = [p for p in rule if p.startswith("BY")]
        try:
            count = int(_first(rule["COUNT"]))
        except (TypeError, ValueError):
            count = 0
        if by_parts:
            ctx.col.warning(
                "recurring series with COUNT and BY-parts starts too far before the window "
                "to expand; it was skipped",
                line=rule_line,
                property="RRULE",
            )
            return False
        if count - k <= 0:
            ctx.col.info(
                "recurring series ends before the window", line=rule_line, property="RRULE"
            )
            return False
        rule["COUNT"] = [count - k]
    shift = timedelta(seconds=k * step)
    if not isinstance(start, datetime):
        shift = timedelta(days=shift.days)
    for name in ("DTSTART", "DTEND"):
        prop = _first(comp.get(name))
        if isinstance(_dt_of(prop), date):
            prop.dt = prop.dt + shift
    return True


def _when(prop: Any, name: str, block: Block, ctx: _Context, *, required: bool) -> date | None:
    prop = _first(prop)
    value = _dt_of(prop)
    if not isinstance(value, date):
        line = block.line_of(name) or block.line
        value = _repair_time(prop)
        text = str(prop)[:80]
        if value is None:
            message = f"{name} could not be read: {text!r}"
            if required:
                ctx.col.error(message + "; the VEVENT was skipped", line=line, property=name)
            else:
                ctx.col.warning(message + "; it was dropped", line=line, property=name)
            return None
        ctx.col.warning(f"{name} {text!r} was read without its spaces", line=line, property=name)
    if not isinstance(value, datetime):
        return value
    params = getattr(prop, "params", None) or {}
    tzid = params.get("TZID")
    if isinstance(tzid, str) and tzid in ctx.tzmap:
        return value.replace(tzinfo=ctx.tzmap[tzid])
    if value.tzinfo is not None and value.utcoffset() is not None and not isinstance(tzid, str):
        # A TZID is resolved here, never by the zone icalendar attached: icalendar caches
        # custom VTIMEZONEs process-wide, so a previous input's zone could be used.
        return value
    zone = _iana_zone(tzid) if isinstance(tzid, str) else None
    if zone is not None:
        return value.replace(tzinfo=UTC if zone == "UTC" else zoneinfo.ZoneInfo(zone))
    if isinstance(tzid, str):
        if tzid not in ctx.unknown_tzids:
            ctx.unknown_tzids.add(tzid)
            ctx.col.warning(
                f"unknown TZID {tzid!r}: its times were read at UTC offset 0, keeping the "
                "TZID as the zone name",
                line=block.line_of(name) or block.line,
                property=name,
            )
        return value.replace(tzinfo=_unknown_zone(tzid))
    if ctx.x_wr_zone is not None:
        # Google's calendar-wide zone applies to floating times only, never to a time
        # with its own TZID (handled above) or in UTC.
        return value.replace(tzinfo=ctx.x_wr_zone)
    if ctx.floating == 0:
        ctx.col.info(
            "floating time (no time zone): read as UTC",
            line=block.line_of(name) or block.line,
            property=name,
        )
    ctx.floating += 1
    return value.replace(tzinfo=UTC)


def _person(value: Any) -> Attendee | None:
    # Some writers quote the whole address ("mailto:a@b") or the part after mailto:.
    text = str(value).strip().strip('"').strip()
    params = getattr(value, "params", None) or {}
    email: str | None = None
    if text[:7].lower() == "mailto:":
        email = _clean(text[7:].strip().strip('"'))
    elif "@" in text and ":" not in text:
        email = _clean(text)
    if email is not None and "@" not in email:
        email = None
    name = _clean(_get(params, "CN"))
    if email is None and name is None:
        return None
    cutype = _clean(_first(_get(params, "CUTYPE")))
    return Attendee(
        email=email,
        name=name,
        status=_PARTSTAT.get(
            str(_first(_get(params, "PARTSTAT", ""))).upper(), AttendeeStatus.NEEDS_ACTION
        ),
        role=_ROLE.get(str(_first(_get(params, "ROLE", ""))).upper(), AttendeeRole.REQ_PARTICIPANT),
        cutype=cutype.lower() if cutype else None,
    )


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        cats = getattr(item, "cats", None)
        if cats is not None:
            out.extend(str(c) for c in cats)
        else:
            out.append(str(item))
    return [c.strip() for c in out if c.strip()]


_STATUS = {
    "CONFIRMED": EventStatus.CONFIRMED,
    "TENTATIVE": EventStatus.TENTATIVE,
    "CANCELLED": EventStatus.CANCELLED,
    "CANCELED": EventStatus.CANCELLED,
}


def _once(ctx: _Context, block: Block, what: str) -> bool:
    """``True`` the first time ``what`` is reported for ``block`` (a series reports once)."""
    key = (id(block), what)
    if key in ctx.reported:
        return False
    ctx.reported.add(key)
    return True


def _status(comp: icalendar.Component, block: Block, ctx: _Context) -> EventStatus:
    raw = _get(comp, "STATUS")
    if raw is None:
        return EventStatus.CONFIRMED
    text = str(_first(raw)).strip().upper()
    status = _STATUS.get(text)
    if status is None:
        if _once(ctx, block, "STATUS"):
            ctx.col.warning(
                f"STATUS {text[:40]!r} is not an event status; read as CONFIRMED",
                line=block.line_of("STATUS") or block.line,
                property="STATUS",
            )
        return EventStatus.CONFIRMED
    return status


def _event(comp: icalendar.Component, block: Block, uid: str, ctx: _Context) -> Event | None:
    col = ctx.col
    if "DTSTART" not in comp:
        col.error("VEVENT without DTSTART was skipped", line=block.line, property="DTSTART")
        return None
    start = _when(comp["DTSTART"], "DTSTART", block, ctx, required=True)
    if start is None:
        return None
    end: date | None = None
    if _has(comp, "DTEND"):
        end = _when(comp["DTEND"], "DTEND", block, ctx, required=False)
    elif _has(comp, "DURATION"):
        dur = _dt_of(comp["DURATION"])
        if isinstance(dur, timedelta):
            end = start + dur
    if end is not None:
        if isinstance(end, datetime) != isinstance(start, datetime):
            if isinstance(start, datetime):
                end = datetime(end.year, end.month, end.day, tzinfo=start.tzinfo)
            else:
                end = end.date() if isinstance(end, datetime) else end
        if end is not None and _sort_key(end) < _sort_key(start):
            col.warning(
                "DTEND is before DTSTART: the end was dropped",
                line=block.line_of("DTEND") or block.line,
                property="DTEND",
            )
            end = None
    title = str(_first(_get(comp, "SUMMARY")) or "")
    categories = tuple(_texts(_get(comp, "CATEGORIES")))
    kind_text = str(_first(_get(comp, "X-NETCORE-KIND")) or "").strip().lower()
    try:
        kind = EventKind(kind_text) if kind_text else guess_kind(title, categories)
    except ValueError:
        kind = guess_kind(title, categories)
    organizer = None
    if _has(comp, "ORGANIZER"):
        organizer = _person(_first(comp["ORGANIZER"]))
    loose_organizer, loose_attendees = ctx.loose.get(id(block), (None, []))
    organizer = organizer or loose_organizer
    attendees: list[Attendee] = list(loose_attendees)
    raw = _get(comp, "ATTENDEE")
    if raw is not None:
        for value in raw if isinstance(raw, list) else [raw]:
            person = _person(value)
            if person is None:
                col.warning(
                    f"ATTENDEE without an email or a name was skipped: {str(value)[:60]!r}",
                    line=block.line_of("ATTENDEE") or block.line,
                    property="ATTENDEE",
                )
            else:
                attendees.append(person)
    for name, message in getattr(comp, "errors", ()):
        if name and not str(name).upper().startswith("X-") and _once(ctx, block, str(name)):
            col.warning(
                f"{name} could not be read: {message}",
                line=block.line_of(str(name)) or block.line,
                property=str(name),
            )
    status = _status(comp, block, ctx)
    location = _get(comp, "LOCATION")
    url = _get(comp, "URL")
    description = _get(comp, "DESCRIPTION")
    try:
        return Event(
            uid=uid,
            title=title,
            start=start,
            end=end,
            location=None if location is None else str(_first(location)),
            url=_clean(_first(url)),
            organizer=organizer,
            attendees=tuple(attendees),
            kind=kind,
            description=None if description is None else str(_first(description)),
            categories=categories,
            status=status,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        prop = str(first["loc"][0]).upper() if first.get("loc") else "VEVENT"
        col.error(
            f"VEVENT could not be read: {first['msg']}; it was skipped",
            line=block.line,
            property={"TITLE": "SUMMARY", "START": "DTSTART", "END": "DTEND"}.get(prop, prop),
        )
        return None


# ---- writing ------------------------------------------------------------------------


def _text(value: str) -> str:
    r"""Text for a value: CR and CRLF become LF (escaped as ``\n``), other controls go.

    Lone surrogates become U+FFFD (no UTF-8 file can hold them). Every string the writers
    hand to icalendar goes through here or :func:`_param`.
    """
    text = scrub_surrogates(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _param(value: str) -> str:
    """Text for a parameter or a single-line value: line breaks become spaces, see :func:`_text`."""
    return _LINE_BREAKS.sub(" ", _CONTROL.sub("", scrub_surrogates(value)))


def _time_out(value: date) -> date:
    if not isinstance(value, datetime):
        return value
    if isinstance(value.tzinfo, zoneinfo.ZoneInfo):
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise UnsupportedFormatError(
            f"{value.isoformat()} cannot be written as iCalendar: in UTC it falls outside "
            "the years 1 to 9999 (give it a zoneinfo.ZoneInfo zone to keep its local time)"
        ) from None


def _stamp(value: date) -> datetime:
    """DTSTAMP: the start in UTC, clamped to the years 1 to 9999 at the calendar's edges."""
    key = _sort_key(value)
    try:
        return key.astimezone(UTC)
    except OverflowError:
        edge = datetime.max if key.year > 1 else datetime.min
        return edge.replace(microsecond=0, tzinfo=UTC)


def _address(person: Attendee) -> icalendar.vCalAddress:
    addr = icalendar.vCalAddress(
        f"mailto:{_param(person.email)}" if person.email else "invalid:nomail"
    )
    if person.name:
        # icalendar reads a backslash in a parameter as an escape (``\\`` and ``\;`` lose
        # their backslash), so each one is written doubled; and it leaves a CN with a
        # backslash unquoted (CN=\;PARTSTAT=... loses PARTSTAT), so the CN is quoted.
        addr.params["CN"] = _param(person.name).replace("\\", "\\\\")
        quoted: tuple[str, ...] = (*addr.params.always_quoted, "CN")
        addr.params.always_quoted = quoted  # type: ignore[assignment]
    addr.params["PARTSTAT"] = _PARTSTAT_OUT[person.status]
    addr.params["ROLE"] = _ROLE_OUT[person.role]
    if person.cutype:
        addr.params["CUTYPE"] = _param(person.cutype).upper()
    return addr


def _calendar() -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("PRODID", _PRODID)
    cal.add("VERSION", "2.0")
    return cal


def _finish(cal: icalendar.Calendar) -> str:
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text


def dumps(events: Iterable[Event]) -> str:
    """Write events as an iCalendar text (CRLF line endings, folded at 75 octets).

    Datetimes in a :class:`zoneinfo.ZoneInfo` zone keep their TZID (with a VTIMEZONE);
    other aware datetimes are written in UTC. A second occurrence with the same uid is
    written with a RECURRENCE-ID (its start), so that the uid stays unique per series.
    ``kind`` goes to ``X-NETCORE-KIND``; DTSTAMP is the start in UTC (netcore never reads
    the clock). CR and LF inside values are written escaped, never as line breaks; other
    control characters are dropped. Lone surrogates (which no UTF-8 file can hold) are
    written as U+FFFD, so that writing never fails. A text value that starts with U+FEFF
    (a byte-order mark) loses it: icalendar drops it on writing.

    Examples:
        >>> from datetime import date
        >>> text = dumps([Event(uid="e1", title="Offsite", start=date(2026, 6, 1))])
        >>> "DTSTART;VALUE=DATE:20260601" in text, loads(text)[0].title
        (True, 'Offsite')
    """
    cal = _calendar()
    seen: set[str] = set()
    for event in events:
        v = icalendar.Event()
        v.add("UID", _param(event.uid))
        v.add("DTSTAMP", _stamp(event.start))
        v.add("DTSTART", _time_out(event.start))
        if event.uid in seen:
            v.add("RECURRENCE-ID", _time_out(event.start))
        seen.add(event.uid)
        if event.end is not None:
            v.add("DTEND", _time_out(event.end))
        if event.title:
            v.add("SUMMARY", _text(event.title))
        if event.location is not None:
            v.add("LOCATION", _text(event.location))
        if event.url is not None:
            v.add("URL", _param(event.url))
        if event.description is not None:
            v.add("DESCRIPTION", _text(event.description))
        if event.categories:
            v.add("CATEGORIES", [_text(c) for c in event.categories])
        v.add("X-NETCORE-KIND", event.kind.value)
        if event.status is not EventStatus.CONFIRMED:
            v.add("STATUS", event.status.value.upper())
        if event.organizer is not None:
            v.add("ORGANIZER", _address(event.organizer))
        for person in event.attendees:
            v.add("ATTENDEE", _address(person))
        cal.add_component(v)
    return _finish(cal)


def dump(events: Iterable[Event], path_or_file: PathOrFile) -> None:
    """Write :func:`dumps` output to a path (atomically) or a binary file object.

    Examples:
        >>> import io
        >>> from datetime import date
        >>> buf = io.BytesIO()
        >>> dump([Event(uid="e1", start=date(2026, 6, 1))], buf)
        >>> buf.getvalue().startswith(b"BEGIN:VCALENDAR")
        True
    """
    write_bytes(dumps(events).encode("utf-8"), path_or_file)


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
    cal = _calendar()
    for nudge in nudges:
        uid = str(nudge.uid)
        name = getattr(nudge, "name", None) or (names or {}).get(uid) or uid
        todo = icalendar.Todo()
        todo.add("UID", _param(f"netcore-follow-up-{uid}-{nudge.due_on.isoformat()}"))
        todo.add(
            "DTSTAMP", datetime(nudge.due_on.year, nudge.due_on.month, nudge.due_on.day, tzinfo=UTC)
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
