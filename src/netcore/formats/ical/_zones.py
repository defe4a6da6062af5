"""Time zones: TZID and Windows names to IANA zones, and icalendar's zone provider.

The provider (:class:`_KnownZonesOnly`) is installed into icalendar process-wide on first
use (:func:`install_provider`, called by every reader and writer here), not at import.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import zoneinfo
from datetime import UTC, timedelta

from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from icalendar.timezone.zoneinfo import ZONEINFO

from netcore.formats.ical._common import (
    _Context,
)


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


@functools.cache
def install_provider() -> None:
    """Install :class:`_KnownZonesOnly` into icalendar, once per process, on first use.

    Every reader and writer of this package calls it before icalendar sees a TZID, so
    that importing netcore changes nothing in icalendar for other code until netcore
    reads or writes a calendar. The provider only changes the answer for names zoneinfo
    cannot load as a zone.
    """
    if tzp.uses_zoneinfo():
        tzp.use(_KnownZonesOnly())


@functools.lru_cache(maxsize=1024)
def _iana_zone(tzid: str) -> str | None:
    name = tzid.strip().strip('"').strip()
    if name in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[name]
    if name in _available_zones() or name == "UTC":
        return name
    # A path-like TZID (Mozilla's "/mozilla.org/20050126_1/Europe/Berlin", libical's
    # "/softwarestudio.org/Olson_20011030_5/America/New_York"): its longest known suffix.
    parts = name.lstrip("/").split("/")
    for i in range(len(parts)):
        candidate = "/".join(parts[i:])
        if candidate in _available_zones():
            return candidate
    return None


_Answer = tuple[timedelta | None, timedelta | None, str | None]
_MARGIN = timedelta(days=1)


class _RememberedZone(_dt.tzinfo):
    """A zone built from an input's VTIMEZONE, its answers remembered.

    icalendar builds such a zone with dateutil, whose every ``utcoffset`` walks the
    VTIMEZONE's rules from their first onset (about 0.1 ms a call); expanding and sorting
    a series asks it many times per occurrence (19 for a daily series over seven years).
    Here each answer is remembered for the whole stretch between two onsets of the
    zone's rules, less a day at either end (so no ambiguous or skipped wall-clock time
    falls in it); times within a day of an onset are remembered one by one, fold
    included. The answers are the wrapped zone's.
    """

    __slots__ = ("_answers", "_ends", "_starts", "_values", "_zone")
    _SIZE = 100_000

    def __init__(self, zone: _dt.tzinfo) -> None:
        self._zone = zone
        self._answers: dict[tuple[_dt.datetime, int], _Answer] = {}
        self._starts: list[_dt.datetime] = []
        self._ends: list[_dt.datetime] = []
        self._values: list[_Answer] = []

    def _answer(self, dt: _dt.datetime) -> _Answer:
        naive = dt.replace(tzinfo=None)
        i = bisect.bisect_right(self._starts, naive) - 1
        if i >= 0 and naive < self._ends[i]:
            return self._values[i]
        key = (naive, dt.fold)
        found = self._answers.get(key)
        if found is not None:
            return found
        inner = dt.replace(tzinfo=self._zone)
        found = (inner.utcoffset(), inner.dst(), inner.tzname())
        span = self._span(naive)
        if span is not None and len(self._starts) < self._SIZE:
            at = bisect.bisect_right(self._starts, span[0])
            self._starts.insert(at, span[0])
            self._ends.insert(at, span[1])
            self._values.insert(at, found)
        else:
            if len(self._answers) >= self._SIZE:
                self._answers.clear()
            self._answers[key] = found
        return found

    def _span(self, naive: _dt.datetime) -> tuple[_dt.datetime, _dt.datetime] | None:
        """The stretch around ``naive`` in which the zone's answer cannot change, if known.

        Known for dateutil's VTIMEZONE zones (their components' onset rules); ``None``
        otherwise, and within a day of an onset.
        """
        comps = getattr(self._zone, "_comps", None)
        if not comps:
            return None
        last: _dt.datetime | None = None
        following: _dt.datetime | None = None
        try:
            for comp in comps:
                before = comp.rrule.before(naive, inc=True)
                after = comp.rrule.after(naive, inc=False)
                if before is not None and (last is None or before > last):
                    last = before
                if after is not None and (following is None or after < following):
                    following = after
            if last is None:
                return None
            low = last + _MARGIN
            high = _dt.datetime.max if following is None else following - _MARGIN
        except (AttributeError, TypeError, OverflowError):
            return None
        return (low, high) if low <= naive < high else None

    def utcoffset(self, dt: _dt.datetime | None) -> timedelta | None:
        return self._zone.utcoffset(None) if dt is None else self._answer(dt)[0]

    def dst(self, dt: _dt.datetime | None) -> timedelta | None:
        return self._zone.dst(None) if dt is None else self._answer(dt)[1]

    def tzname(self, dt: _dt.datetime | None) -> str | None:
        return self._zone.tzname(None) if dt is None else self._answer(dt)[2]

    def fromutc(self, dt: _dt.datetime) -> _dt.datetime:
        return self._zone.fromutc(dt.replace(tzinfo=self._zone)).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._zone!r})"


@functools.lru_cache(maxsize=256)
def _unknown_zone(tzid: str) -> _dt.timezone:
    return _dt.timezone(timedelta(0), tzid[:200] or "UTC")


def _x_wr_zone(calendar_lines: list[str], numbers: list[int], ctx: _Context) -> _dt.tzinfo | None:
    """The zone Google's ``X-WR-TIMEZONE`` names, for floating times only (see :func:`_when`).

    The first ``X-WR-TIMEZONE`` line is used; each later one naming another zone is
    reported as ignored, with its line (RT-26-5).
    """
    name: str | None = None
    first = 0
    for text, number in zip(calendar_lines, numbers, strict=True):
        head, _, value = text.partition(":")
        if head.split(";")[0].strip().upper() != "X-WR-TIMEZONE":
            continue
        if name is None:
            name, first = value.strip(), number
        elif value.strip() != name:
            ctx.col.warning(
                f"X-WR-TIMEZONE {value.strip()[:80]!r} differs from the one on line {first} "
                f"({name[:80]!r}), which is used; it was ignored",
                line=number,
                property="X-WR-TIMEZONE",
            )
    name = name or ""
    zone = _iana_zone(name)
    if zone is None:
        ctx.col.warning(
            f"X-WR-TIMEZONE {name[:80]!r} is not a known time zone; floating times are read as UTC",
            line=first or None,
            property="X-WR-TIMEZONE",
        )
        return None
    return UTC if zone == "UTC" else zoneinfo.ZoneInfo(zone)
