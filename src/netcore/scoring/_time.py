"""How scoring reads ``as_of`` (private)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

import attrs

__all__ = ["AsOf", "as_of"]

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
        return at.astimezone(self.zone).date()

    def days_since(self, ts: float) -> float:
        """Days (fractional, >= 0) from ``ts`` to the cut-off."""
        return max(0.0, (self.ts - ts) / DAY)


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
