"""Time zones: TZID and Windows names to IANA zones, and icalendar's zone provider.

The provider (:class:`_KnownZonesOnly`) is installed into icalendar process-wide on first
use (:func:`install_provider`, called by every reader and writer here), not at import.
"""

from __future__ import annotations

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


@functools.lru_cache(maxsize=256)
def _unknown_zone(tzid: str) -> _dt.timezone:
    return _dt.timezone(timedelta(0), tzid[:200] or "UTC")


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
