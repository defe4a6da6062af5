"""How scoring reads ``as_of`` (private)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

import attrs

__all__ = ["AsOf", "as_of", "day_in", "shift"]

DAY = 86_400.0
"""Seconds in a day."""


@attrs.frozen(slots=True)
class AsOf:
    """``as_of`` read once: the cut-off instant and the calendar that dates are read in.

    Attributes:
        ts: POSIX timestamp of the cut-off; interactions strictly after it are ignored.
        day: The day of ``as_of`` in ``zone``.
        zone: The zone that interaction times are turned into dates in.
    """

    ts: float
    day: date
    zone: tzinfo

    def date_of(self, at: datetime) -> date:
        """The calendar day of ``at`` in this zone."""
        return day_in(at, self.zone)

    def days_since(self, ts: float) -> float:
        """Days (fractional, >= 0) from ``ts`` to the cut-off."""
        return max(0.0, (self.ts - ts) / DAY)


def shift(day: date, days: float) -> date:
    """``day`` moved by ``days`` (negative: earlier), clamped to the calendar (years 1-9999).

    The one rule for moving a date in scoring: a cadence, a follow-up window or a look-back
    that would leave the calendar ends on its first or last day instead of overflowing.

    Examples:
        >>> shift(date(2026, 11, 27), 7).isoformat()
        '2026-12-04'
        >>> shift(date(9999, 12, 30), 10**12).isoformat(), shift(date(1, 1, 2), -365).isoformat()
        ('9999-12-31', '0001-01-01')
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def day_in(at: datetime, zone: tzinfo) -> date:
    """The calendar day of the aware ``at`` in ``zone``, clamped to the calendar.

    An instant in the first (or last) hours of the calendar can fall outside it in another
    zone (``0001-01-01T00:00+05:00`` is in the year 0 in UTC): it reads as the first (or
    last) day rather than overflowing.

    Examples:
        >>> from datetime import timedelta, timezone
        >>> day_in(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), UTC).isoformat()
        '0001-01-01'
    """
    try:
        return at.astimezone(zone).date()
    except OverflowError:
        return date.min if at.year == 1 else date.max


def as_of(value: date | datetime) -> AsOf:
    """Read ``as_of``: an aware datetime is an instant; a date means the end of that day in UTC.

    Raises:
        ValueError: ``value`` is a naive datetime (netcore never guesses a time zone).
        TypeError: ``value`` is neither a date nor a datetime.
    """
    if isinstance(value, datetime):
        zone = value.tzinfo
        if zone is None or value.utcoffset() is None:
            raise ValueError(
                f"as_of must be a date or a timezone-aware datetime (got naive {value.isoformat()})"
            )
        return AsOf(ts=value.timestamp(), day=value.date(), zone=zone)
    if isinstance(value, date):
        # The last microsecond of the day (the instant at which it ends belongs to the
        # next day); built without adding a day, so that 9999-12-31 does not overflow.
        end = datetime.combine(value, time.max, UTC)
        return AsOf(ts=end.timestamp(), day=value, zone=UTC)
    raise TypeError(f"as_of must be a date or an aware datetime, not {type(value).__name__}")
