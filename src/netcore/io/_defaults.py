"""The pipeline's defaults, decided here once for the Python API and every CLI command.

* **as_of**: the day a network is read "as of". Given explicitly it is used as is;
  left out it is today (:func:`today`, from ``netcore._clock``, the one clock read).
* **The calendar window**: calendars are read (recurring series expanded) from
  :data:`RECURRENCE_YEARS` years before ``as_of`` up to :data:`LOOKAHEAD_DAYS` days
  after it (:func:`recurrence_window`). Occurrences after ``as_of`` are what is already
  planned: scoring never counts them as contact (it leaves out everything after
  ``as_of``) but ``due`` holds back someone I already meet on a booked date.

``netcore health FILES --as-of D`` and
``scoring.rank(io.build_network(FILES, as_of=D).network, as_of=D)`` therefore read the
same occurrences and give the same scores.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from netcore import _clock

__all__ = ["LOOKAHEAD_DAYS", "RECURRENCE_YEARS", "end_of", "recurrence_window", "today"]

RECURRENCE_YEARS = 3
"""How many years before ``as_of`` recurring events are expanded from."""

LOOKAHEAD_DAYS = 365
"""How many days after ``as_of`` calendars are read: booked meetings (never contact)."""


def today() -> date:
    """Today's date, from ``netcore._clock``: the one place netcore reads the clock.

    Scoring never reads it.

    Examples:
        >>> isinstance(today(), date)
        True
    """
    return _clock.today()


def end_of(day: date) -> datetime:
    """The last moment of ``day`` in UTC (what expansion windows and filters compare to).

    Examples:
        >>> end_of(date(2026, 11, 27)).isoformat()
        '2026-11-27T23:59:59+00:00'
    """
    return datetime.combine(day, time(23, 59, 59), UTC)


def recurrence_window(
    as_of: date, years: int = RECURRENCE_YEARS, ahead_days: int = LOOKAHEAD_DAYS
) -> tuple[datetime, datetime]:
    """The bounded window calendars are read in: ``years`` before ``as_of`` to ``ahead_days`` after.

    Clamped to the first and last moments Python's calendar holds (years 1 and 9999).

    Examples:
        >>> start, end = recurrence_window(date(2026, 11, 27))
        >>> start.date().isoformat(), end.date().isoformat()
        ('2023-11-28', '2027-11-27')
    """
    end = end_of(as_of)
    # Clamped to the calendar (years 1 and 9999) rather than overflowing.
    first = datetime.min.replace(tzinfo=UTC)
    last = datetime.max.replace(tzinfo=UTC)
    start = (
        first if end - first < timedelta(days=365 * years) else end - timedelta(days=365 * years)
    )
    stop = last if last - end < timedelta(days=ahead_days) else end + timedelta(days=ahead_days)
    return start, stop
