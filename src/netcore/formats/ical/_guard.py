"""Guards that run before icalendar sees a calendar (private; icalendar-free).

The ``netcore.formats.ical`` package is the only part of netcore that imports icalendar;
this module of it does not: everything here works on plain text, so that hostile or
broken input is tamed before a third-party parser spends time or memory on it:

* :func:`decode` reads bytes as UTF-8, strips a byte-order mark, and decodes bytes that
  are not UTF-8 as Windows-1252 with an issue (never a silent U+FFFD).
* :func:`split_lines` accepts CRLF, LF and lone CR line endings (an issue for CR).
* :func:`scan` is a small line scanner (not the shared ``contentline`` layer: it only needs
  ``BEGIN``/``END`` lines and a handful of property names, and a single pass over the
  physical lines is cheaper than building a full property tree). It enforces the
  line-length and nesting limits, closes unclosed components with an issue, drops
  components netcore does not read (alarms, to-dos, journals, free/busy), checks VALARM
  ``REPEAT`` and rewrites any VTIMEZONE whose sub-rules recur more often than daily.
* :func:`invalid_rule`, :func:`never_matches` and :func:`max_instances_per_second`
  describe a recurrence rule so that expansion stays bounded: dateutil loops forever on
  ``INTERVAL=0`` and searches every year up to 9999 for a rule that matches nothing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, time

import attrs

from netcore.errors import LimitExceededError
from netcore.formats._encoding import decode_wide, wide_codec
from netcore.formats.issues import Issue, IssueCollector, Severity

__all__ = [
    "Block",
    "Limits",
    "Scan",
    "decode",
    "invalid_rule",
    "limit_error",
    "logical_line",
    "max_instances_per_second",
    "never_matches",
    "scan",
    "split_lines",
]


@attrs.frozen(slots=True)
class Limits:
    """Bounds on what :func:`netcore.formats.ical.loads` accepts and produces.

    Attributes:
        max_bytes: Largest input, in bytes (UTF-8 for text input).
        max_line_length: Longest physical line, in characters; a longer line is dropped.
        max_depth: Deepest nesting of ``BEGIN``/``END`` components.
        max_alarm_repeat: Largest VALARM ``REPEAT`` count accepted.
        max_instances: Most occurrences one recurring series is expanded into.
        max_occurrences: Most events (occurrences of every series and single events
            together) one input is read into; the rest are not read, with an ``ERROR``
            issue (:class:`~netcore.errors.LimitExceededError` when strict).
        max_attendee_occurrences: Most attendees and organizers summed over the events
            one input is read into (each occurrence counts its people again: this is
            what becomes interactions); handled as ``max_occurrences``.

    Examples:
        >>> Limits().max_instances, Limits().max_occurrences
        (3500, 100000)
        >>> Limits(max_instances=10).max_instances
        10
    """

    max_bytes: int = 64 * 1024 * 1024
    max_line_length: int = 1024 * 1024
    max_depth: int = 100
    max_alarm_repeat: int = 10_000
    max_instances: int = 3_500
    max_occurrences: int = 100_000
    max_attendee_occurrences: int = 200_000


def limit_error(
    col: IssueCollector, message: str, *, line: int | None = None, property: str | None = None
) -> None:
    """Record a limit that was hit: an ``ERROR`` issue, or ``LimitExceededError`` when strict."""
    if col.strict:
        issue = Issue(col.source, line, property, Severity.ERROR, message)
        col.issues.append(issue)
        raise LimitExceededError.from_issue(issue, col.issues)
    col.error(message, line=line, property=property)


# ---- decoding ----------------------------------------------------------------------

_SURROGATE = re.compile("[\udc80-\udcff]")
_BOM = "\ufeff"


def _cp1252(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


# A fold inside a UTF-8 sequence: a lead byte (and any continuation bytes), the line
# break and the blank of the fold, then the rest of the sequence. RFC 5545 section 3.1
# allows such folds and asks readers to restore the character on unfolding.
_FOLD_IN_CHAR = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r\n|\n|\r)([ \t])(?=[\x80-\xbf])")


def _whole_characters(data: bytes) -> bytes:
    """``data`` with each fold that splits a UTF-8 sequence moved before the sequence.

    Moving the fold (not removing it) keeps every line number; unfolding then joins the
    character whole.
    """
    return _FOLD_IN_CHAR.sub(rb"\2\3\1", data)


def decode(data: bytes | str, col: IssueCollector) -> str:
    r"""Decode calendar input: UTF-8, else each stray byte as Windows-1252, with an issue.

    UTF-16 and UTF-32 (either byte order, with a byte-order mark or without one) are
    recognised by the rule every reader shares (``netcore.formats._encoding``) and read
    as such (an ``INFO`` issue). A leading byte-order mark is removed (an ``INFO`` issue).

    Examples:
        >>> col = IssueCollector()
        >>> decode(b"SUMMARY:caf\xe9", col), col.issues[0].severity.value
        ('SUMMARY:café', 'warning')
    """
    if isinstance(data, bytes):
        wide = wide_codec(data)
        if wide is not None:
            text = decode_wide(data, wide, col)
            col.info(f"input read as {wide.upper()}", line=1)
            return text
        if not data.isascii():
            data = _whole_characters(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data.decode("utf-8", errors="surrogateescape")
            line = data.count(b"\n", 0, exc.start) + 1
            count = len(_SURROGATE.findall(text))
            text = _SURROGATE.sub(_cp1252, text)
            col.warning(
                f"{count} byte(s) are not UTF-8 (first at byte {exc.start}); "
                "they were read as Windows-1252",
                line=line,
            )
    else:
        text = data
        if _SURROGATE.search(text):
            text = _SURROGATE.sub(_cp1252, text)
            col.warning("lone surrogate characters were read as Windows-1252 bytes")
    if text.startswith(_BOM):
        text = text[1:]
        col.info("a byte-order mark at the start was removed", line=1)
    return text


def split_lines(text: str, col: IssueCollector) -> list[str]:
    r"""Split into physical lines, accepting CRLF, LF and lone CR (the latter with an issue).

    Examples:
        >>> col = IssueCollector()
        >>> split_lines("A:1\rB:2", col), len(col.issues)
        (['A:1', 'B:2'], 1)
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        pos = text.find("\r")
        if pos >= 0:
            col.warning(
                "lone CR (carriage return without line feed) line endings were read as line breaks",
                line=text.count("\n", 0, pos) + 1,
            )
            text = text.replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ---- scanning -----------------------------------------------------------------------


@attrs.define(slots=True)
class Block:
    """A top-level VEVENT or VTIMEZONE as physical lines, with their original line numbers."""

    name: str
    line: int
    lines: list[str] = attrs.field(factory=list)
    numbers: list[int] = attrs.field(factory=list)
    fine_rule_line: int | None = None
    _first: dict[str, int] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def _index(self) -> dict[str, int]:
        # Built once, on first use: every later look-up is O(1), so that asking for a
        # line per occurrence of a series never rescans the block. Property name to the
        # position of its first line; the names are interned, shared by every block.
        index = self._first
        if index is None:
            index = {}
            for pos, text in enumerate(self.lines):
                if text[:1] in (" ", "\t"):
                    continue
                match = _NAME.match(text)
                name = match.group() if match else ""
                if name and text[len(name) : len(name) + 1] in (";", ":"):
                    index.setdefault(sys.intern(name.upper()), pos)
            self._first = index
        return index

    def line_of(self, prop: str) -> int | None:
        """The original line number of the first ``prop`` property in this block."""
        found = self._index().get(prop.upper())
        return None if found is None else self.numbers[found]

    def value_of(self, prop: str) -> str | None:
        """The raw value text (after the last colon, unfolded) of the first ``prop``."""
        found = self._index().get(prop.upper())
        if found is None:
            return None
        text, _ = logical_line(self.lines, found)
        return text.rpartition(":")[2]

    def uri_of(self, prop: str) -> str | None:
        """The value of the first ``prop`` as written (a URI: no TEXT escapes undone).

        The value starts after the first colon outside a quoted parameter value.
        """
        found = self._index().get(prop.upper())
        if found is None:
            return None
        text, _ = logical_line(self.lines, found)
        quoted = False
        for pos, ch in enumerate(text):
            if ch == '"':
                quoted = not quoted
            elif ch == ":" and not quoted:
                return text[pos + 1 :]
        return None

    def logical(self) -> list[tuple[str, int]]:
        """The block's logical (unfolded) lines with their original line numbers."""
        return list(self.inner_logical(0, len(self.lines)))

    def inner_logical(self, start: int = 1, stop: int | None = None) -> Iterator[tuple[str, int]]:
        """The logical lines that start at a line index in ``[start, stop)``, one at a time.

        By default those between the block's ``BEGIN`` and ``END`` lines; unlike
        :meth:`logical`, no list of them all is built (for 20,000 lines ``;``, whose
        issues are reported one at a time, that list was half of the reader's peak).
        """
        lines, numbers = self.lines, self.numbers
        i = start
        n = len(lines) - 1 if stop is None else stop
        while i < n:
            if lines[i][:1] in (" ", "\t"):
                i += 1
                continue
            text, nxt = logical_line(lines, i)
            yield text, numbers[i]
            i = nxt


@attrs.define(slots=True)
class Scan:
    """What :func:`scan` found: the blocks icalendar will read, and the calendar properties."""

    events: list[Block] = attrs.field(factory=list)
    timezones: list[Block] = attrs.field(factory=list)
    calendar_lines: list[str] = attrs.field(factory=list)
    calendar_numbers: list[int] = attrs.field(factory=list)
    """The line number of each of :attr:`calendar_lines`."""
    x_wr_timezone: bool = False


_NAME = re.compile(r"[A-Za-z0-9-]*")
_FREQ = re.compile(r"(?:^|;)FREQ=([A-Za-z]+)", re.IGNORECASE)
_FINE = {"SECONDLY", "MINUTELY", "HOURLY"}
_CALENDAR_PROPS = {"X-WR-TIMEZONE", "CALSCALE"}
_STRAY_REPORTED = 5
"""END lines without a matching BEGIN reported one by one; the rest are counted."""


@attrs.define(slots=True)
class _Frame:
    name: str
    line: int
    drop: bool


_QUOTED = re.compile(r'"[^"]*"')


def without_value(text: str) -> bool:
    """Whether a logical line has no ``:`` to end its name and parameters.

    Such a line is no content line (RFC 5545 section 3.1): icalendar would read
    ``ATTENDEE;CN=A`` as an attendee with an empty address. A colon inside a quoted
    parameter value (``X;P="a:b"``) does not count.
    """
    return ":" not in (_QUOTED.sub("", text) if '"' in text else text)


_NAME_STOP = re.compile(r"[;:]")
_PLAIN_STOP = re.compile(r'[\\":]')
_TOKEN = re.compile(r"[\w.-]+")


def unsplittable(text: str) -> str | None:
    r"""Why icalendar's content-line parser cannot split this logical line; else ``None``.

    Two shapes it surely rejects, found without running it: a name (up to the first
    ``;`` or ``:``, its white space aside) that is empty or not a token (``[\w.-]``),
    and a backslash in a parameter name while the parameters before it are plain (no
    quote, backslash or colon since the name): the parameter holding it is then no
    token, or has no ``=``. ``None`` says only that neither shape is there: icalendar
    may still reject the line. On such lines icalendar's own check splits the name at
    each odd character and builds a string of every piece, and an error quoting the
    line: 43x the line in memory for 16,000 backslashes in a parameter name; this
    costs two searches.
    """
    stop = _NAME_STOP.search(text)
    name = "".join(text[: stop.start() if stop else len(text)].split())
    if not name or _TOKEN.fullmatch(name) is None:
        return "the property name is no name"
    if stop is None or stop.group() != ";":
        return None
    odd = _PLAIN_STOP.search(text, stop.end())
    if odd is None or odd.group() != "\\":
        return None
    if "=" not in text[text.rindex(";", 0, odd.start()) : odd.start()]:
        return "a parameter name holds a backslash"
    return None


def logical_line(lines: Sequence[str], i: int) -> tuple[str, int]:
    """The logical line starting at ``i`` (unfolded) and the index after it."""
    text = lines[i]
    j = i + 1
    n = len(lines)
    while j < n and lines[j][:1] in (" ", "\t") and lines[j]:
        text += lines[j][1:]
        j += 1
    return text, j


def scan(
    lines: list[str],
    col: IssueCollector,
    limits: Limits,
    iana_zone: Callable[[str], str | None],
) -> Scan:
    """One pass over the physical lines: collect VEVENT and VTIMEZONE blocks, enforce limits.

    Args:
        lines: Physical lines (from :func:`split_lines`).
        col: Where issues go.
        limits: The limits to enforce.
        iana_zone: Maps a TZID to the IANA zone it names (Windows names included), or
            ``None``; used to replace a VTIMEZONE whose rules recur more often than daily.

    Returns:
        The blocks for icalendar, in input order.
    """
    return _Scanner(lines, col, limits, iana_zone).run()


class _Scanner:
    """The state of one :func:`scan`: a stack of open components and the current block."""

    def __init__(
        self,
        lines: list[str],
        col: IssueCollector,
        limits: Limits,
        iana_zone: Callable[[str], str | None],
    ) -> None:
        self.lines = lines
        self.col = col
        self.limits = limits
        self.iana_zone = iana_zone
        self.result = Scan()
        self.stack: list[_Frame] = []
        self.block: Block | None = None
        self.skipped: dict[str, int] = {}
        self.too_deep: dict[str, int] = {}  # components open beyond limits.max_depth
        self.stray = 0  # END lines without a matching BEGIN
        self.outside_reported = False

    def run(self) -> Scan:
        lines, n = self.lines, len(self.lines)
        max_line = self.limits.max_line_length
        i = 0
        while i < n:
            raw = lines[i]
            if len(raw) > max_line:
                limit_error(
                    self.col,
                    f"line of {len(raw)} characters exceeds the limit of {max_line}; it was "
                    "dropped",
                    line=i + 1,
                )
                i += 1
            elif raw[:1] in (" ", "\t") or not raw.strip():
                # A stray continuation or a blank line: kept only as part of a kept line.
                i += 1
            elif raw[:6].upper() == "BEGIN:" or raw[:4].upper() == "END:":
                text, nxt = logical_line(lines, i)
                is_begin = raw[:6].upper() == "BEGIN:"
                name = text[6 if is_begin else 4 :].strip().upper()
                if is_begin:
                    self._begin(text, name, i + 1)
                else:
                    self._end(name, i + 1)
                i = nxt
            else:
                i = self._property(i)
        self._close_all()
        return self.result

    def _begin(self, text: str, name: str, number: int) -> None:
        col, stack, block = self.col, self.stack, self.block
        top = stack[-1] if stack else None
        if len(stack) >= self.limits.max_depth:
            # Too deep: count the component instead of keeping a frame for it, and report
            # the region once (not once per line in it).
            if not self.too_deep:
                limit_error(
                    col,
                    f"components nested deeper than {self.limits.max_depth} levels; the "
                    "deeper ones were dropped",
                    line=number,
                    property=name,
                )
            self.too_deep[name] = self.too_deep.get(name, 0) + 1
            return
        if top is not None and top.drop:
            stack.append(_Frame(name, number, drop=True))
            if name == "VEVENT":
                col.warning(
                    "VEVENT nested inside another component was ignored",
                    line=number,
                    property="VEVENT",
                )
            return
        if block is not None:
            if block.name == "VTIMEZONE" and name in ("STANDARD", "DAYLIGHT"):
                stack.append(_Frame(name, number, drop=False))
                block.lines.append(text)
                block.numbers.append(number)
                return
            stack.append(_Frame(name, number, drop=True))
            if name != "VALARM":
                col.warning(
                    f"{name} nested inside {block.name} was ignored", line=number, property=name
                )
            return
        if name in ("VEVENT", "VTIMEZONE"):
            self.block = Block(name, number, [text], [number])
            stack.append(_Frame(name, number, drop=False))
        elif name == "VCALENDAR":
            stack.append(_Frame(name, number, drop=False))
        else:
            self.skipped[name] = self.skipped.get(name, 0) + 1
            stack.append(_Frame(name, number, drop=True))

    def _end(self, name: str, number: int) -> None:
        too_deep = self.too_deep
        if too_deep.get(name):
            too_deep[name] -= 1
            if not too_deep[name]:
                del too_deep[name]
            return
        if not any(f.name == name for f in self.stack):
            self.stray += 1
            if self.stray <= _STRAY_REPORTED:
                self.col.warning(f"END:{name} without a matching BEGIN was ignored", line=number)
            return
        too_deep.clear()  # an outer END closes whatever was still open below it
        while self.stack:
            frame = self.stack.pop()
            closed = frame.name == name
            if not closed:
                self.col.warning(
                    f"BEGIN:{frame.name} (line {frame.line}) was closed by END:{name}",
                    line=number,
                    property=frame.name,
                )
            self._close(frame, number)
            if closed:
                return

    def _close(self, frame: _Frame, number: int) -> None:
        block = self.block
        if block is not None and not frame.drop:
            block.lines.append(f"END:{frame.name}")
            block.numbers.append(number)
            if frame.name == block.name:
                _finish(block, self.result, self.col, self.iana_zone)
                self.block = None

    def _property(self, i: int) -> int:
        """Handle the property line at ``i``; the index after it (and its continuations)."""
        lines, n, number = self.lines, len(self.lines), i + 1
        head = lines[i][:6].upper()
        top = self.stack[-1] if self.stack else None
        block = self.block
        if top is None:
            if not self.outside_reported:
                self.col.warning("text outside any component was ignored", line=number)
                self.outside_reported = True
            return i + 1
        if top.drop:
            if top.name == "VALARM" and head[:6] == "REPEAT":
                text, nxt = logical_line(lines, i)
                _check_repeat(text, number, self.col, self.limits)
                return nxt
            return i + 1
        if block is not None:
            nxt = i + 1
            while nxt < n and lines[nxt][:1] in (" ", "\t") and lines[nxt]:
                nxt += 1
            if block.name == "VTIMEZONE" and head[:5] == "RRULE" and top.name != "VTIMEZONE":
                text, _ = logical_line(lines, i)
                match = _FREQ.search(text.partition(":")[2])
                if match and match.group(1).upper() in _FINE and block.fine_rule_line is None:
                    block.fine_rule_line = number
            block.lines.extend(lines[i:nxt])
            block.numbers.extend(range(number, nxt + 1))
            return nxt
        # VCALENDAR level property.
        text, nxt = logical_line(lines, i)
        prop = _NAME.match(text)
        pname = prop.group().upper() if prop else ""
        if pname in _CALENDAR_PROPS and top.name == "VCALENDAR":
            self.result.calendar_lines.append(text)
            self.result.calendar_numbers.append(number)
            if pname == "X-WR-TIMEZONE":
                self.result.x_wr_timezone = True
        return nxt

    def _close_all(self) -> None:
        col, n = self.col, len(self.lines)
        if self.stray > _STRAY_REPORTED:
            col.warning(
                f"{self.stray - _STRAY_REPORTED} more END line(s) without a matching BEGIN "
                "were ignored"
            )
        for frame in reversed(self.stack):
            message = (
                f"BEGIN:{frame.name} (line {frame.line}) is never closed: the input is truncated"
            )
            if frame.name in ("VEVENT", "VTIMEZONE"):
                col.error(
                    message + "; what was there was read", line=frame.line, property=frame.name
                )
            else:
                col.warning(message, line=frame.line, property=frame.name)
            self._close(frame, n)
        for name, count in self.skipped.items():
            col.info(
                f"{count} {name} component(s) skipped: netcore reads events only", property=name
            )


def _check_repeat(text: str, number: int, col: IssueCollector, limits: Limits) -> None:
    value = text.partition(":")[2].strip()
    try:
        repeat = int(value)
    except ValueError:
        return
    if repeat > limits.max_alarm_repeat:
        col.warning(
            f"VALARM REPEAT={repeat} exceeds the limit of {limits.max_alarm_repeat}; "
            "the alarm was dropped (netcore does not read alarms)",
            line=number,
            property="REPEAT",
        )


def _finish(
    block: Block, result: Scan, col: IssueCollector, iana_zone: Callable[[str], str | None]
) -> None:
    if block.name == "VEVENT":
        result.events.append(block)
        return
    if block.fine_rule_line is None:
        result.timezones.append(block)
        return
    tzid = ""
    offset = ""
    for text in block.lines:
        upper = text[:13].upper()
        if upper.startswith("TZID") and text[4:5] in (":", ";") and not tzid:
            tzid = text.partition(":")[2].strip()
        elif upper.startswith("TZOFFSETTO") and not offset:
            offset = text.partition(":")[2].strip()
    zone = iana_zone(tzid) if tzid else None
    if zone is not None:
        col.warning(
            f"VTIMEZONE {tzid!r} has a rule recurring more often than daily; the IANA zone "
            f"{zone!r} was used instead",
            line=block.fine_rule_line,
            property="RRULE",
        )
        return
    if not re.fullmatch(r"[+-]\d{4}(\d{2})?", offset):
        offset = "+0000"
    col.warning(
        f"VTIMEZONE {tzid!r} has a rule recurring more often than daily; it was read as the "
        f"fixed offset {offset}",
        line=block.fine_rule_line,
        property="RRULE",
    )
    fixed = [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    result.timezones.append(Block("VTIMEZONE", block.line, fixed, [block.line] * len(fixed)))


# ---- recurrence rules ---------------------------------------------------------------

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # leap year: the most days


def _month_of(day_of_year: int, leap: bool) -> int:
    for month, days in enumerate(_MONTH_DAYS, start=1):
        length = days if leap or month != 2 else 28
        if day_of_year <= length:
            return month
        day_of_year -= length
    return 12


def _ints(parts: Mapping[str, Sequence[object]], key: str) -> list[int] | None:
    values = parts.get(key)
    if not values:
        return None
    out = []
    for v in values:
        try:
            out.append(int(str(v)))
        except ValueError:
            return None
    return out


_FREQS = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_WEEKDAY = re.compile(r"([+-]?)(\d{1,3})?(MO|TU|WE|TH|FR|SA|SU)")
_PERIOD_DAYS = {
    "SECONDLY": 1 / 86400,
    "MINUTELY": 1 / 1440,
    "HOURLY": 1 / 24,
    "DAILY": 1,
    "WEEKLY": 7,
    "MONTHLY": 31,
    "YEARLY": 366,
}
_MAX_SPAN_DAYS = 10_000 * 366
"""An INTERVAL longer than this (the 10,000 years a calendar date can name) is refused."""
_RANGES = {
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}


def _weekdays(parts: Mapping[str, Sequence[object]]) -> list[tuple[int | None, str]]:
    """BYDAY as ``(ordinal or None, weekday)``; an unreadable value has ordinal 0."""
    out: list[tuple[int | None, str]] = []
    for value in parts.get("BYDAY") or ():
        match = _WEEKDAY.fullmatch(str(value).strip().upper())
        if match is None:
            out.append((0, str(value)))
            continue
        sign, number, day = match.groups()
        out.append((None if number is None else int(sign + number), day))
    return out


def invalid_rule(parts: Mapping[str, Sequence[object]], *, all_day: bool = False) -> str | None:
    """What makes a recurrence rule invalid (RFC 5545 3.3.10), or ``None`` when it is valid.

    ``parts`` maps upper-case rule parts to lists of values (icalendar's ``vRecur``). Refused:
    an unknown FREQ, ``INTERVAL`` below 1 or longer than 10,000 years (``INTERVAL=0`` makes
    dateutil loop forever), ``COUNT`` below 1, an ``UNTIL`` that is not a date or
    date-time, a ``BYDAY`` ordinal of 0, above 53, or with a FREQ other than MONTHLY or
    YEARLY, and any ``BY`` value out of its range (``BYMONTHDAY=0``, ``BYSETPOS=400``).
    With ``all_day`` (DTSTART is a DATE) a FREQ finer than DAILY and ``BYHOUR``,
    ``BYMINUTE`` or ``BYSECOND`` are refused too (RFC 5545: MUST NOT); dateutil would
    step through every second of the window for one date a day.

    Examples:
        >>> invalid_rule({"FREQ": ["DAILY"], "INTERVAL": [0]})
        'INTERVAL=0 is not a positive number'
        >>> invalid_rule({"FREQ": ["WEEKLY"], "BYDAY": ["0TH"]})
        'BYDAY=0TH has the ordinal 0 (it must be 1 to 53 or -53 to -1)'
        >>> invalid_rule({"FREQ": ["MONTHLY"], "BYDAY": ["-1FR"], "COUNT": [3]}) is None
        True
    """
    freqs = parts.get("FREQ") or ()
    freq = str(freqs[0]).upper() if freqs else ""
    if freq not in _FREQS:
        return f"FREQ={freq} is not a frequency" if freq else "FREQ is missing"
    for check in (_all_day_parts, _counts, _byday_ordinals, _ranges):
        why = check(parts, freq, all_day)
        if why is not None:
            return why
    return None


def _all_day_parts(parts: Mapping[str, Sequence[object]], freq: str, all_day: bool) -> str | None:
    if not all_day:
        return None
    if freq in ("SECONDLY", "MINUTELY", "HOURLY"):
        return f"FREQ={freq} cannot repeat an all-day DTSTART (a DATE)"
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if parts.get(key):
            return f"{key} cannot be used with an all-day DTSTART (a DATE)"
    return None


def _counts(parts: Mapping[str, Sequence[object]], freq: str, all_day: bool) -> str | None:
    """INTERVAL, COUNT and UNTIL."""
    for value in parts.get("INTERVAL") or ():
        number = _int(value)
        if number is None or number < 1:
            return f"INTERVAL={value} is not a positive number"
        if number * _PERIOD_DAYS[freq] > _MAX_SPAN_DAYS:
            return f"INTERVAL={value} is longer than 10,000 years"
    for value in parts.get("COUNT") or ():
        number = _int(value)
        if number is None or number < 1:
            return f"COUNT={value} is not a positive number"
    for value in parts.get("UNTIL") or ():
        if not isinstance(value, date):
            text = value.strftime("%H%M%S") if isinstance(value, time) else str(value)
            return f"UNTIL={text} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)"
    return None


def _byday_ordinals(parts: Mapping[str, Sequence[object]], freq: str, all_day: bool) -> str | None:
    for (ordinal, _), value in zip(_weekdays(parts), parts.get("BYDAY") or (), strict=True):
        if ordinal is None:
            continue
        if ordinal == 0 or abs(ordinal) > 53:
            return f"BYDAY={value} has the ordinal {ordinal} (it must be 1 to 53 or -53 to -1)"
        if freq not in ("MONTHLY", "YEARLY"):
            return f"BYDAY={value} has an ordinal, which only FREQ=MONTHLY or YEARLY allow"
    return None


def _ranges(parts: Mapping[str, Sequence[object]], freq: str, all_day: bool) -> str | None:
    for key, (low, high, signed) in _RANGES.items():
        for value in parts.get(key) or ():
            number = _int(value)
            size = abs(number) if signed and number is not None else number
            if size is None or not low <= size <= high:
                span = f"{low} to {high}" + (f" or -{high} to -1" if signed else "")
                return f"{key}={value} is out of range (it must be {span})"
    return None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _set_size(parts: Mapping[str, Sequence[object]], freq: str) -> int:
    """An upper bound on the occurrences one FREQ period holds (what BYSETPOS picks from)."""

    def size(key: str) -> int:
        return max(1, len(set(map(str, parts.get(key) or ()))))

    if freq == "SECONDLY":
        return 1
    if freq == "MINUTELY":
        return size("BYSECOND")
    times = size("BYSECOND") * size("BYMINUTE")
    if freq == "HOURLY":
        return times
    times *= size("BYHOUR")
    if freq == "DAILY":
        return times
    days = {d for _, d in _weekdays(parts)}
    if freq == "WEEKLY":
        return times * max(1, len(days))
    if freq == "MONTHLY":
        bounds = [31]
        if parts.get("BYMONTHDAY"):
            bounds.append(size("BYMONTHDAY"))
        if days:
            bounds.append(5 * len(days))
        if not parts.get("BYMONTHDAY") and not days:
            bounds.append(1)
        return times * min(bounds)
    if not any(parts.get(k) for k in ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY")):
        return times
    return times * 366


def never_matches(parts: Mapping[str, Sequence[object]]) -> str | None:
    """Why a recurrence rule can never produce a date, or ``None`` when it might.

    ``parts`` maps upper-case rule parts to lists of values (icalendar's ``vRecur``).
    Only combinations that provably match nothing are reported: a month day that no
    listed month has (``BYMONTH=2;BYMONTHDAY=30``), a year day outside every listed month,
    a ``BYDAY`` ordinal above 5 within a month (``FREQ=MONTHLY;BYDAY=6WE``), or a
    ``BYSETPOS`` beyond the occurrences one period can hold (``FREQ=SECONDLY;BYSETPOS=3``).
    Without this, the expansion searches every year up to 9999 before giving up (and
    dateutil never gives up on a sub-daily rule). Call :func:`invalid_rule` first.

    Examples:
        >>> never_matches({"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [30]})
        'no month in BYMONTH has the day in BYMONTHDAY'
        >>> never_matches({"FREQ": ["DAILY"]}) is None
        True
    """
    months = _ints(parts, "BYMONTH") or list(range(1, 13))
    months = [m for m in months if 1 <= m <= 12]
    if not months:
        return "BYMONTH names no month"
    for check in (_no_month_day, _no_year_day, _no_weekday, _no_set_position):
        why = check(parts, months)
        if why is not None:
            return why
    return None


def _freq(parts: Mapping[str, Sequence[object]]) -> str:
    freqs = parts.get("FREQ") or ()
    return str(freqs[0]).upper() if freqs else ""


def _no_month_day(parts: Mapping[str, Sequence[object]], months: list[int]) -> str | None:
    monthdays = _ints(parts, "BYMONTHDAY")
    if monthdays is not None and not any(
        1 <= abs(d) <= _MONTH_DAYS[m - 1] for m in months for d in monthdays
    ):
        return "no month in BYMONTH has the day in BYMONTHDAY"
    return None


def _no_year_day(parts: Mapping[str, Sequence[object]], months: list[int]) -> str | None:
    yeardays = _ints(parts, "BYYEARDAY")
    if yeardays is None or not parts.get("BYMONTH"):
        return None
    for leap in (True, False):
        size = 366 if leap else 365
        for d in yeardays:
            day = d if d > 0 else size + 1 + d
            if 1 <= day <= size and _month_of(day, leap) in months:
                return None
    return "no day in BYYEARDAY falls in a month in BYMONTH"


def _no_weekday(parts: Mapping[str, Sequence[object]], months: list[int]) -> str | None:
    freq = _freq(parts)
    weekdays = _weekdays(parts)
    in_month = freq == "MONTHLY" or (freq == "YEARLY" and bool(parts.get("BYMONTH")))
    if (
        in_month
        and weekdays
        and all(n is not None and abs(n) > 5 for n, _ in weekdays)
        and not parts.get("BYWEEKNO")
    ):
        return "no month has the weekday ordinal in BYDAY"
    return None


def _no_set_position(parts: Mapping[str, Sequence[object]], months: list[int]) -> str | None:
    freq = _freq(parts)
    positions = _ints(parts, "BYSETPOS")
    if positions is not None and freq in _FREQS:
        most = _set_size(parts, freq)
        if all(abs(p) > most for p in positions):
            return f"BYSETPOS picks beyond the {most} occurrence(s) a period can hold"
    return None


_SECONDS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400}


def max_instances_per_second(parts: Mapping[str, Sequence[object]]) -> tuple[float, float]:
    """An upper bound on a rule's density: ``(instances per second, instances per window edge)``.

    The number of instances in any window of ``s`` seconds is at most
    ``rate * s + edge``. A rule repeating daily or less often yields at most one set of
    times (``BYHOUR`` x ``BYMINUTE`` x ``BYSECOND``) per day; finer rules at most one per
    period times the finer lists.

    Examples:
        >>> max_instances_per_second({"FREQ": ["SECONDLY"]})
        (1.0, 1.0)
        >>> max_instances_per_second({"FREQ": ["WEEKLY"], "BYHOUR": [9, 17]})[1]
        2.0
    """
    freq = str((parts.get("FREQ") or ["DAILY"])[0]).upper()
    try:
        interval = max(1, int(str((parts.get("INTERVAL") or [1])[0])))
    except ValueError:
        interval = 1

    def size(key: str) -> int:
        return max(1, len(parts.get(key) or ()))

    if freq == "SECONDLY":
        per = 1.0
        unit = 1
    elif freq == "MINUTELY":
        per = float(size("BYSECOND"))
        unit = 60
    elif freq == "HOURLY":
        per = float(size("BYSECOND") * size("BYMINUTE"))
        unit = 3600
    else:
        per = float(size("BYSECOND") * size("BYMINUTE") * size("BYHOUR"))
        return per / 86400, per
    return per / (unit * interval), per
