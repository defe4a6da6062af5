"""The pipeline's defaults, decided here once for the Python API and every CLI command.

* **as_of**: the day a network is read "as of". Given explicitly it is used as is;
  left out it is today (:func:`today`: the one place netcore reads the clock).
* **The recurrence window**: recurring calendar series are expanded from
  :data:`RECURRENCE_YEARS` years before ``as_of`` up to the last moment of ``as_of``
  (:func:`recurrence_window`); occurrences after it have not happened yet and are not
  read. Events that do not recur are always read.

``netcore health FILES --as-of D`` and
``scoring.rank(io.build_network(FILES, as_of=D).network, as_of=D)`` therefore read the
same occurrences and give the same scores.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

__all__ = ["RECURRENCE_YEARS", "end_of", "recurrence_window", "today"]

RECURRENCE_YEARS = 3
"""How many years before ``as_of`` recurring events are expanded from."""


def today() -> date:
    """Today's date: the one place netcore reads the clock (scoring never does).

    Examples:
        >>> isinstance(today(), date)
        True
    """
    return date.today()


def end_of(day: date) -> datetime:
    """The last moment of ``day`` in UTC (what expansion windows and filters compare to).

    Examples:
        >>> end_of(date(2026, 11, 27)).isoformat()
        '2026-11-27T23:59:59+00:00'
    """
    return datetime.combine(day, time(23, 59, 59), UTC)


def recurrence_window(as_of: date, years: int = RECURRENCE_YEARS) -> tuple[datetime, datetime]:
    """The bounded window recurring events are expanded in: ``years`` before ``as_of``, to it.

    Examples:
        >>> start, end = recurrence_window(date(2026, 11, 27))
        >>> start.date().isoformat(), end.date().isoformat()
        ('2023-11-28', '2026-11-27')
    """
    end = end_of(as_of)
    first = datetime.combine(date.min, time(), UTC)
    days = min(365 * years, (end - first).days)  # clamped at the year 1
    return end - timedelta(days=days), end
