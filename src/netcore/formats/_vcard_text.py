"""Escaping, splitting and date/time helpers for vCard text values (private)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from netcore.model import PartialDate
from netcore.model._forms import escape_text

__all__: list[str] = []

_ESC30 = re.compile(r"\\(.)|\\\Z", re.DOTALL)
_ESC21 = re.compile(r"\\([\\;,\"])")


def _sub30(m: re.Match[str]) -> str:
    ch = m.group(1)
    if ch is None:
        return "\\"
    if ch in "nN":
        return "\n"
    if ch in _KNOWN30:
        return ch
    # Not an escape of RFC 6350 section 3.4 / RFC 2426 section 4: a Windows path written
    # unescaped (``C:\Users``) keeps its backslash, as vobject keeps it.
    return m.group()


# What a backslash escapes in 3.0/4.0 text besides ``\n``: RFC 6350 section 3.4 and
# RFC 2426 section 4 (``\\ \, \;``), Zimbra's and Outlook's ``\"`` and Apple Address
# Book's ``\:`` (in URLs).
_KNOWN30 = frozenset('\\,;":')


def _sub21(m: re.Match[str]) -> str:
    return m.group(1)


def unescape(value: str, version: str) -> str:
    r"""Undo text escapes: ``\n`` ``\,`` ``\;`` ``\\``, ``\"`` and ``\:`` (3.0/4.0).

    A backslash before any other character is no escape and is kept (``C:\Users``).

    2.1: ``\;`` ``\,`` ``\\`` and ``\"`` (which Zimbra and Outlook write).
    """
    if "\\" not in value:
        return value.replace("\r\n", "\n") if "\r" in value else value
    out = _ESC21.sub(_sub21, value) if version == "2.1" else _ESC30.sub(_sub30, value)
    return out.replace("\r\n", "\n") if "\r" in out else out


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped by a backslash; escapes are kept.

    A backslash escapes the character after it; one at the very end escapes nothing and
    stays in the last piece. Split on every ``sep`` first (in C), then a piece that ends
    in an odd run of backslashes had its separator escaped and is joined to the next:
    escapes pair from the left, and a run of backslashes starts on a pair boundary.
    """
    parts = value.split(sep)
    if "\\" not in value:
        return parts
    out = [parts[0]]
    for piece in parts[1:]:
        last = out[-1]
        if (len(last) - len(last.rstrip("\\"))) % 2:
            out[-1] = last + sep + piece
        else:
            out.append(piece)
    return out


def escape(value: str, version: str, *, structured: bool = True) -> str:
    """Escape text for ``version``; 2.1 keeps line breaks raw (they go quoted-printable)."""
    if (
        "\\" not in value
        and "," not in value
        and ";" not in value
        and "\n" not in value
        and "\r" not in value
    ):
        return value  # nothing to escape: the common case, without five replace() calls
    if version == "2.1":
        value = value.replace("\\", "\\\\")
        if structured:
            value = value.replace(";", "\\;").replace(",", "\\,")
        return value
    value = escape_text(value)  # the model's one rule for backslashes and line breaks
    if structured:
        value = value.replace(",", "\\,").replace(";", "\\;")
    return value


def escape_join(items: tuple[str, ...] | list[str], sep: str, version: str) -> str:
    """``sep.join`` of the items, each escaped as a component (:func:`escape`, structured).

    The items are joined first and looked at once: when the text holds no character that
    :func:`escape` would touch besides the ``len(items) - 1`` separators, it is the answer
    (the common case, without a call per item); otherwise each item is escaped.
    """
    if len(items) < 2:
        return escape(items[0], version) if items else ""
    joined = sep.join(items)
    if (
        "\\" not in joined
        and ("," if sep == ";" else ";") not in joined
        and "\n" not in joined
        and "\r" not in joined
        and joined.count(sep) == len(items) - 1
    ):
        return joined
    return sep.join([escape(x, version) for x in items])


_DATE_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_DATE_EXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_MD_BASIC = re.compile(r"--(\d{2})-?(\d{2})\Z")
_APPLE_NO_YEAR = 1604
APPLE_NO_YEAR = str(_APPLE_NO_YEAR)
"""The year Apple writes for a date without one (with ``X-APPLE-OMIT-YEAR=1604``)."""


def parse_date(text: str, omit_year: str | None) -> date | PartialDate | None:
    """A birthday-like value: full date, ``--MMDD``, ISO partials, Apple's omitted year.

    The time part of a date-time is dropped. Returns ``None`` when it is not a date.
    """
    text = text.strip()
    if "T" in text and not text.startswith("T"):
        text = text.split("T", 1)[0]
    m = _DATE_BASIC.match(text) or _DATE_EXT.match(text)
    if m is not None:
        y, mo, d = (int(g) for g in m.groups())
        no_year = y == _APPLE_NO_YEAR or (omit_year is not None and str(y) == omit_year.strip())
        try:
            if no_year:
                return PartialDate(month=mo, day=d)
            return date(y, mo, d)
        except ValueError:
            return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def format_date(value: date | PartialDate, version: str) -> tuple[str, bool]:
    """Text of a date for ``version`` and whether the Apple omit-year parameter is needed."""
    if isinstance(value, PartialDate):
        if version != "4.0" and value.year is None and value.month and value.day:
            return f"{_APPLE_NO_YEAR}-{value.month:02d}-{value.day:02d}", True
        if version == "4.0" and value.year is None and value.month and value.day:
            return f"--{value.month:02d}{value.day:02d}", False
        return str(value), False
    if version == "4.0":
        return f"{value.year:04d}{value.month:02d}{value.day:02d}", False
    return value.isoformat(), False


_TS = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?\Z"
)


def parse_timestamp(text: str) -> tuple[datetime | None, bool]:
    """A REV value as an aware datetime, and whether a missing zone was taken as UTC."""
    m = _TS.match(text.strip())
    if m is None:
        return None, False
    y, mo, d, hh, mm, ss, zone = m.groups()
    floating = zone is None
    tz: timezone = UTC
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
        if minutes >= 24 * 60:
            return None, False
        tz = timezone(sign * timedelta(minutes=minutes))
    try:
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=tz)
    except ValueError:
        return None, False
    return dt, floating


def format_timestamp(value: datetime, extended: bool = False) -> str:
    """``YYYYMMDDTHHMMSS`` with ``Z`` or ``+HHMM`` (the offset kept, seconds dropped).

    ``extended``: the same instant in the extended format jCard writes
    (``YYYY-MM-DDTHH:MM:SS``, ``Z`` or ``+HH:MM``).
    """
    if extended:
        text = format_timestamp(value)
        zone = text[15:]
        if len(zone) == 5:  # +HHMM
            zone = f"{zone[:3]}:{zone[3:]}"
        return f"{text[:4]}-{text[4:6]}-{text[6:11]}:{text[11:13]}:{text[13:15]}{zone}"
    offset = value.utcoffset()
    base = _basic(value)
    if not offset:  # none (a naive time, taken as UTC) or zero
        return base + "Z"
    total = int(offset.total_seconds())
    if total % 60:
        try:
            return _basic(value.astimezone(UTC)) + "Z"
        except OverflowError:  # the UTC instant is outside years 1-9999: keep the offset
            total -= total % 60
    sign = "-" if total < 0 else "+"
    total = abs(total) // 60
    return f"{base}{sign}{total // 60:02d}{total % 60:02d}"


def _basic(value: datetime) -> str:
    """``YYYYMMDDTHHMMSS``, the year always four digits (``strftime`` drops the zeros)."""
    # one %-format: about half the time of an f-string with six format specifications
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
    )
