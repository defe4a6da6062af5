"""Small validators shared by the records (private)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n]")


def no_control(value: str, what: str) -> str:
    """Reject C0 control characters other than TAB, LF and CR."""
    if value.isprintable():  # the common case, checked in C: no control character at all
        return value
    if _CONTROL.search(value):
        raise ValueError(f"{what} must not contain control characters: {value!r}")
    return value


def single_line(value: str, what: str) -> str:
    """Reject control characters and line breaks (identifiers, addresses, names of things)."""
    if value.isprintable():  # the common case, checked in C: no control character at all
        return value
    no_control(value, what)
    if _LINE_BREAK.search(value):
        raise ValueError(f"{what} must be a single line: {value!r}")
    return value


def non_empty_id(value: str, what: str) -> str:
    """An identifier: non-empty after stripping, one line, no control characters."""
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
    return single_line(value, what)


def aware(value: datetime, what: str) -> datetime:
    """Reject naive datetimes: netcore never guesses a time zone.

    A wall time that falls in a DST gap or overlap of its zone is pinned to the fixed
    UTC offset it resolved to: Python never finds such a time equal to the same instant
    in another zone (PEP 495), which would break comparisons and round trips.
    """
    offset = value.utcoffset()
    if value.tzinfo is None or offset is None:
        raise ValueError(
            f"{what} must be timezone-aware (got naive {value.isoformat()}); "
            "attach a zone, e.g. datetime(..., tzinfo=zoneinfo.ZoneInfo('Europe/Paris'))"
        )
    if value.replace(fold=1 - value.fold).utcoffset() != offset:
        return value.replace(tzinfo=timezone(offset), fold=0)
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def aware_or_date(value: object, what: str) -> object:
    """For ``datetime | date`` fields: a datetime must be aware; a date stays a date.

    A plain ``YYYY-MM-DD`` string is read as a date here, since pydantic would otherwise
    read it as a naive datetime at midnight.
    """
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return aware(value, what)
    return value


def finite_non_negative(value: float, what: str) -> float:
    """A weight: finite and >= 0."""
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be finite and >= 0 (got {value!r})")
    return value


def is_date_not_datetime(value: object) -> bool:
    """True for a ``date`` that is not a ``datetime``."""
    return isinstance(value, date) and not isinstance(value, datetime)
