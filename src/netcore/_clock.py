"""The one place netcore reads the clock (private; at the bottom of the layers).

``netcore.io.today`` (the pipeline's ``as_of`` default) and the readers that must place a
two-digit year (``3/15/45`` in a CSV birthday is 1945, never 2045) ask it; scoring never
does.
"""

from __future__ import annotations

from datetime import date

__all__ = ["today"]


def today() -> date:
    """Today's date, from the system clock.

    Examples:
        >>> isinstance(today(), date)
        True
    """
    return date.today()
