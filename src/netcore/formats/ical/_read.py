"""Reading: bytes to VEVENT components (guards, icalendar, time zones) to events."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import stat
import warnings
from datetime import UTC, date, datetime
from typing import Any

import icalendar
from icalendar.parser.ical.component import ComponentIcalParser
from icalendar.timezone import tzp

from netcore import _gc
from netcore._files import PathOrFile, iter_chunks, source_name
from netcore.errors import ParseError
from netcore.formats.ical._common import (
    _PRODID,
    _READ,
    DEFAULT_LIMITS,
    _clean_uid,
    _Context,
    _dt_of,
    _first,
    _once,
    _sort_key_or_none,
    let_go,
    read_by_netcore,
    read_once,
)
from netcore.formats.ical._event import (
    _emit,
    _unparsed_lines,
    categories_head,
    categories_line,
    localise_floating,
    unspace_times,
)
from netcore.formats.ical._expand import (
    _expand,
)
from netcore.formats.ical._guard import (
    Block,
    Limits,
    decode,
    invalid_rule,
    limit_error,
    logical_line,
    never_matches,
    scan,
    split_lines,
    unsplittable,
    without_value,
)
from netcore.formats.ical._zones import (
    _iana_zone,
    _RememberedZone,
    _x_wr_zone,
    install_provider,
)
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model.event import (
    Event,
)


def _window(
    expand_from: date | datetime | None, expand_to: date | datetime | None
) -> tuple[datetime, datetime] | None:
    if expand_from is None and expand_to is None:
        return None
    if expand_from is None or expand_to is None:
        raise ValueError("give both expand_from and expand_to, or neither")

    def aware(value: date | datetime, what: str) -> datetime:
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"{what} must be timezone-aware or a date, got {value!r}")
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        raise TypeError(f"{what} must be a date or datetime, got {type(value).__name__}")

    start, stop = aware(expand_from, "expand_from"), aware(expand_to, "expand_to")
    if stop < start:
        raise ValueError(f"expand_to {stop} is before expand_from {start}")
    return start, stop


def loads(
    data: str | bytes,
    *,
    expand_from: date | datetime | None = None,
    expand_to: date | datetime | None = None,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Parsed[Event]:
    r"""Read the events of an iCalendar text: one :class:`Event` per occurrence.

    Args:
        data: The calendar, as text or bytes (UTF-8; other bytes are read as
            Windows-1252 with an issue).
        expand_from: Start of the window recurring series are expanded in (a date is
            midnight UTC). Give both ends or neither.
        expand_to: End of that window (exclusive).
        strict: Raise :class:`~netcore.errors.ParseError` at the first ``ERROR`` issue
            (:class:`~netcore.errors.LimitExceededError` for a limit).
        source: The name to put into issues (a file name).
        limits: Size, nesting and recurrence bounds; :data:`DEFAULT_LIMITS` when omitted.

    Returns:
        The events with the issues found; see the module docstring for what is
        repaired, guessed or skipped.

    Raises:
        ParseError: In strict mode, for the first error in the input.
        ValueError: The window is given by one end only, naive, or reversed.

    Examples:
        >>> from datetime import date
        >>> cal = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nSUMMARY:Standup\n"
        ...        "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\n"
        ...        "END:VEVENT\nEND:VCALENDAR\n")
        >>> [e.start.day for e in loads(cal, expand_from=date(2026, 1, 1),
        ...                              expand_to=date(2027, 1, 1))]
        [5, 12, 19]
        >>> got = loads(cal)
        >>> len(got), got.issues[0].severity.value
        (1, 'info')
    """
    window = _window(expand_from, expand_to)
    install_provider()
    col = IssueCollector(source, strict=strict, capped=True)
    ctx = _Context(col, limits or DEFAULT_LIMITS)
    events: list[Event] = []
    try:
        with _gc.paused(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _read(data, ctx, window, events)
        for message in dict.fromkeys(str(w.message) for w in caught):
            col.info(f"icalendar: {message}")
    except ParseError:
        raise
    except Exception as exc:  # every third-party failure becomes an issue or a ParseError
        try:
            col.error(f"could not read the calendar: {type(exc).__name__}: {exc}")
        except ParseError as err:
            raise err from exc
    return Parsed(events, [*col.issues, *col.summary()])


def load(
    path_or_file: PathOrFile,
    *,
    expand_from: date | datetime | None = None,
    expand_to: date | datetime | None = None,
    strict: bool = False,
    limits: Limits | None = None,
) -> Parsed[Event]:
    r"""Read the events of an ``.ics`` file (a path or a binary file object).

    Args:
        path_or_file: Where to read from.
        expand_from: See :func:`loads`.
        expand_to: See :func:`loads`.
        strict: See :func:`loads`.
        limits: See :func:`loads`.

    Returns:
        As :func:`loads`, with the file name in every issue.

    Examples:
        >>> import io
        >>> f = io.BytesIO(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        ...                b"DTSTART;VALUE=DATE:20260301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        >>> load(f)[0].start
        datetime.date(2026, 3, 1)
    """
    lim = limits or DEFAULT_LIMITS
    data, size = _read_bounded(path_or_file, lim.max_bytes)
    if data is None:
        _window(expand_from, expand_to)  # a bad window is refused even so
        col = IssueCollector(source_name(path_or_file), strict=strict)
        limit_error(col, f"input of {size} bytes exceeds the limit of {lim.max_bytes} bytes")
        return Parsed([], col.issues)
    return loads(
        data,
        expand_from=expand_from,
        expand_to=expand_to,
        strict=strict,
        source=source_name(path_or_file),
        limits=limits,
    )


def _read_bounded(path_or_file: PathOrFile, limit: int) -> tuple[bytes | None, int]:
    """The input's bytes, or ``(None, size)`` when it is larger than ``limit`` bytes.

    A regular file is measured with ``stat`` before anything is read; a pipe, a device or
    a file object is read in chunks and abandoned as soon as it passes the limit, so that
    neither a 2 GiB file nor ``/dev/zero`` is read whole only to be refused.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with contextlib.suppress(OSError):
            info = os.stat(path_or_file)
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                return None, info.st_size
    chunks: list[bytes] = []
    total = 0
    for chunk in iter_chunks(path_or_file):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None, total
    return b"".join(chunks), total


def _read(
    data: str | bytes,
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    col, limits = ctx.col, ctx.limits
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        limit_error(col, f"input of {size} bytes exceeds the limit of {limits.max_bytes} bytes")
        return
    lines = split_lines(decode(data, col), col)
    found = scan(lines, col, limits, _iana_zone)
    del lines  # the blocks hold their own lines: the whole list would only add to the peak
    if not found.events:
        col.info("no VEVENT found")
        return
    if found.x_wr_timezone:
        ctx.x_wr_zone = _x_wr_zone(found.calendar_lines, found.calendar_numbers, ctx)
    pairs = _parse(found.calendar_lines, found.timezones, found.events, ctx)
    _convert(pairs, ctx, window, out)


def _wrap(lines: list[str]) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", *lines, ""]) + (
        "END:VCALENDAR\r\n"
    )


def _parse(
    calendar_lines: list[str], timezones: list[Block], blocks: list[Block], ctx: _Context
) -> list[tuple[Block, icalendar.Event]]:
    """Parse the blocks with icalendar; one VEVENT at a time when the whole fails."""
    body = list(calendar_lines)
    for b in timezones:
        body.extend(b.lines)
    for b in blocks:
        repeats: list[tuple[int, str]] = []
        body.extend(_for_icalendar(b.lines, repeats))
        for i, name in repeats:
            ctx.col.warning(
                f"{name} could not be read, as an earlier {name} of this VEVENT; it was ignored"
                if name in _LISTS
                else f"{name} repeated in one VEVENT: only the first {name} is read; this "
                "one was ignored",
                line=b.numbers[i],
                property=name,
            )
    whole = _parse_whole(body, timezones, blocks, ctx)
    del body
    if whole is not None:
        return whole
    # Read again piece by piece, to find the culprit; the whole calendar icalendar built
    # is gone by now (it was kept alive through the pieces: 13x the input more at the peak).
    good_tzs: list[icalendar.Timezone] = []
    good_blocks: list[Block] = []
    for b in timezones:
        comp = _zone(b, ctx)
        if isinstance(comp, icalendar.Timezone):
            good_tzs.append(comp)
            good_blocks.append(b)
    _register_timezones(good_tzs, good_blocks, ctx)
    pairs: list[tuple[Block, icalendar.Event]] = []
    for b in blocks:
        try:
            lines = calendar_lines + _for_icalendar(b.lines)
            comp = icalendar.Calendar.from_ical(_wrap(lines)).subcomponents[0]
        except Exception as exc:
            let_go(exc)
            prop, line = _culprit(calendar_lines, b)
            ctx.col.error(
                f"VEVENT could not be read ({type(exc).__name__}: {exc}); it was skipped",
                line=line,
                property=prop,
            )
            continue
        if isinstance(comp, icalendar.Event):
            pairs.append((b, comp))
    return pairs


def _parse_whole(
    body: list[str], timezones: list[Block], blocks: list[Block], ctx: _Context
) -> list[tuple[Block, icalendar.Event]] | None:
    """The blocks parsed by icalendar in one calendar; ``None`` when that fails."""
    try:
        cal = icalendar.Calendar.from_ical(_wrap(body))
        comps = [c for c in cal.subcomponents if c.name == "VEVENT"]
        tzs = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        if len(comps) == len(blocks) and len(tzs) == len(timezones):
            _register_timezones(
                [t for t in tzs if isinstance(t, icalendar.Timezone)], timezones, ctx
            )
            return [
                (b, c) for b, c in zip(blocks, comps, strict=True) if isinstance(c, icalendar.Event)
            ]
    except Exception as exc:  # the caller reads again piece by piece
        let_go(exc)
    return None


_BARE = re.compile(r"([A-Za-z0-9-]+):")
"""A property line without parameters: its name, then the colon that ends the head."""
_NAMED = re.compile(r"([A-Za-z0-9-]+)[;:]")
"""A property line: its name, then the ``;`` or ``:`` that ends it."""

_TO_ICALENDAR, _UNREAD, _UNREADABLE, _TYPED = 0, 1, 2, 3
"""What :func:`_fate` finds for a logical line of a VEVENT (see :func:`_for_icalendar`)."""


def _for_icalendar(lines: list[str], repeats: list[tuple[int, str]] | None = None) -> list[str]:
    """A VEVENT's lines without those netcore reads itself or icalendar would only drop.

    icalendar builds an object with its own parameters for every property and every
    list item, and records an error for every line it cannot read; for lines netcore
    never reads that cost 96x the input in memory (12,000 lines ``X:a``), 85x with a
    parameter (7,500 ``X;A=1:a``), 112x for lines that are no property (15,000 ``;``),
    180x for a bad value of another type than text (``PRIORITY:x``), and 130x for one
    ``CATEGORIES`` line of 30,000 items. Kept away from it (they stay in the block, as
    written), by one rule, :func:`_fate`:

    * a property netcore does not read (:data:`_READ`) that icalendar reads as text, with
      or without parameters (:func:`_skippable`): it can always be read, so no issue is
      lost;
    * a property netcore does not read of another type (``PRIORITY``, ``GEO``,
      ``DTSTAMP``, ``TRIGGER``...): its value is checked here with icalendar's own value
      type (:func:`_typed_check`) and dropped when good; of the bad ones icalendar is
      given the first of each name, which it reports as before (the reader reports one
      error per property name and VEVENT, the first, at the name's first line); a line
      the check is unsure of (a ``TZID``, an unexpected exception) goes to icalendar;
    * a line icalendar's content-line parser cannot split into a name, parameters and a
      value: it is reported from the block by
      :func:`~netcore.formats.ical._event._unparsed_lines` (see :func:`_has_unreadable`)
      with the parser's own message, as it was when icalendar reported it;
    * the value of each ``CATEGORIES`` line: icalendar is given the line's head (name
      and parameters, see :func:`~netcore.formats.ical._event.categories_head`), which
      it reports when it cannot read, and the items are read from the block by
      :func:`~netcore.formats.ical._event.block_categories`, by icalendar's own rule;
      a head without parameters (``CATEGORIES:``) is not given at all: there is nothing
      in it to check, and 6,000 lines ``CATEGORIES:a`` cost 61x the input in
      icalendar's objects.

    * a property netcore reads once (:func:`~netcore.formats.ical._common.read_once`:
      ``SEQUENCE``, ``DURATION``, ``SUMMARY``...) repeated in the VEVENT: icalendar is
      given the first, and of the later ones only the first bad one (checked by
      :func:`_typed_check`, which icalendar reports as before: one error per name); each
      later one is added to ``repeats`` (its index and name) for the caller to report.
      A bad ``RRULE``, ``RDATE``, ``EXDATE`` or ``EXRULE`` repeated: icalendar is given
      every good one and the first bad one of the name.

    Each is recognised on its logical line, so a fold anywhere in the name or before the
    colon does not send it to icalendar whole (RT-ical-3, RT-ical-6). Every other line,
    a property netcore reads among them, is left to icalendar, which reads it or reports
    it.
    """
    out: list[str] = []
    dropping = False
    bad_names: set[str] = set()  # the names whose first bad value icalendar was given
    seen: set[str] = set()  # the names read once met so far, and RRULE
    last = len(lines) - 1
    for i, text in enumerate(lines):
        if text[:1] not in (" ", "\t") or i == 0:  # a folded piece follows its line
            whole = categories_line(lines, i) if 0 < i < last else None
            fate = _fate(lines, i) if whole is None and 0 < i < last else _TO_ICALENDAR
            if fate == _TO_ICALENDAR and 0 < i < last and whole is None:
                fate = _repeat_fate(lines, i, seen, bad_names, repeats)
            if fate == _TYPED:
                verdict, name = _typed_check(logical_line(lines, i)[0])
                if verdict == _BAD and name not in bad_names:
                    bad_names.add(name)
                    fate = _TO_ICALENDAR
                elif verdict == _UNSURE:
                    fate = _TO_ICALENDAR
            dropping = whole is not None or fate != _TO_ICALENDAR
            if whole is not None:
                head = categories_head(whole)
                if head is None:  # no value separator: the whole line, as it is
                    dropping = False
                elif len(head) > len("CATEGORIES:"):  # parameters, for icalendar to check
                    out.append(head)
        if not dropping:
            out.append(text)
    return out


_LISTS = frozenset({"RRULE", "EXRULE", "RDATE", "EXDATE"})
"""The properties a series may repeat whose bad lines icalendar needs only the first of."""


def _repeat_fate(
    lines: list[str],
    i: int,
    seen: set[str],
    bad_names: set[str],
    repeats: list[tuple[int, str]] | None,
) -> int:
    """:func:`_fate` of a line going to icalendar, once repeats are counted.

    ``_TO_ICALENDAR`` for the first property of a name netcore reads once, for every line
    of another name, for a good line of :data:`_LISTS`, for the first bad line of a name (a repeat
    then also noted in ``repeats``) and for a line :func:`_typed_check` is unsure of;
    ``_UNREAD`` for any other repeat, noted in ``repeats``.
    """
    match = _BARE.match(lines[i]) or _NAMED.match(logical_line(lines, i)[0])
    if match is None:
        return _TO_ICALENDAR
    name = match.group(1).upper()
    rule = name in _LISTS
    if not rule and not read_once(name):
        return _TO_ICALENDAR
    if name not in seen:
        seen.add(name)
        if not rule:
            return _TO_ICALENDAR
    verdict, _ = _typed_check(logical_line(lines, i)[0])
    if rule and verdict != _BAD:
        return _TO_ICALENDAR
    if not rule and repeats is not None:
        repeats.append((i, name))
    if verdict == _UNSURE:
        return _TO_ICALENDAR
    if verdict == _BAD and name not in bad_names:
        bad_names.add(name)
        return _TO_ICALENDAR
    if rule and repeats is not None:
        repeats.append((i, name))
    return _UNREAD


def _fate(lines: list[str], i: int) -> int:
    """Whether the logical line at ``i`` goes to icalendar, is unread, typed or unreadable.

    A line that starts with a name and a colon is decided by its name alone, without
    unfolding (most lines); a property netcore reads goes to icalendar whatever its
    parameters, unless no colon ends them
    (:func:`~netcore.formats.ical._guard.without_value`, RT-26-2): that line is
    unreadable. Any other line is split by icalendar's own content-line parser
    (``Contentline.raw_parts``, the one icalendar applies when given the line), here on
    its own: a line it cannot split is unreadable; one it can is unread when its name
    and ``VALUE`` parameter make it text (:func:`_skippable`), typed (its value is to be
    checked, :func:`_typed_check`) when they make it another type.
    """
    match = _BARE.match(lines[i])
    if match is None:
        whole = logical_line(lines, i)[0]
        match = _BARE.match(whole)
        if match is None:
            named = _NAMED.match(whole)
            if unsplittable(whole) is not None:
                return _UNREADABLE
            if named is not None and read_by_netcore(named.group(1).upper()):
                return _UNREADABLE if without_value(whole) else _TO_ICALENDAR
            try:
                name, params, _ = icalendar.parser.Contentline(whole).raw_parts()  # type: ignore[no-untyped-call]
            except ValueError:
                return _UNREADABLE
            value = params.get("VALUE")
            if value is not None and not isinstance(value, str):
                return _TO_ICALENDAR
            return _kind(name.upper(), value)
    return _kind(match.group(1).upper())


def _kind(name: str, value: str | None = None) -> int:
    """:func:`_fate` of a property line that can be split, by its name and ``VALUE``."""
    if read_by_netcore(name):
        return _TO_ICALENDAR
    return _UNREAD if _skippable(name, value) else _TYPED


@functools.lru_cache(maxsize=1024)
def _skippable(name: str, value: str | None = None) -> bool:
    """Whether an unread property of this name (and ``VALUE``) can be kept from icalendar.

    So it can when icalendar reads it as text (it can always be read), and for any
    ``X-`` name: netcore reads none and reports no error in one (see ``_event._event``).
    """
    if read_by_netcore(name):
        return False
    if name.startswith("X-"):
        return True
    factory = icalendar.Event.types_factory.for_property(name, value)
    return factory in (icalendar.prop.vText, icalendar.prop.vUnknown)


_GOOD, _BAD, _UNSURE = 0, 1, 2
"""What :func:`_typed_check` finds for the value of an unread property."""

_WITH_TZID = frozenset(ComponentIcalParser.datetime_names)
"""The names whose ``TZID`` icalendar applies while parsing (a zone it may not know yet)."""


def _typed_check(text: str) -> tuple[int, str]:
    """Whether icalendar would read this unread property line; its upper-case name.

    The steps icalendar's parser takes for a property of a VEVENT (``handle_property``,
    ``parse_and_add_property``), one line at a time and without keeping the result: the
    value type chosen by the name and ``VALUE``, the value taken from the line as that
    type wants it, ``from_ical`` on each value (``FREEBUSY`` is a list), then the
    property object built from it. ``_BAD`` when ``from_ical`` raises the
    ``ValueError`` or ``TypeError`` icalendar records as the VEVENT's error; ``_UNSURE``
    for what icalendar would do otherwise (raise, or resolve a ``TZID``), which it is
    then left to do.
    """
    try:
        line = icalendar.parser.Contentline(text)  # type: ignore[no-untyped-call]
        name, params, vals = line.parts()
        name = str(name).upper()
        if name in _WITH_TZID and params.get("TZID"):
            return _UNSURE, name
        factory: Any = icalendar.Calendar.types_factory.for_property(name, params.value)
        if name == "FREEBUSY":
            values = vals.split(",")
        else:
            from_line = getattr(factory, "get_value_from_content_line", None)
            values = [vals if from_line is None else from_line(line)]
        for val in values:
            try:
                parsed = factory.from_ical(val)
            except (ValueError, TypeError):
                return _BAD, name
            factory(parsed)
    except Exception:
        return _UNSURE, ""
    return _GOOD, name


def _has_unreadable(block: Block) -> bool:
    """Whether :func:`_for_icalendar` kept a line away that no reader can read."""
    lines = block.lines
    return any(
        text[:1] not in (" ", "\t") and _fate(lines, i) == _UNREADABLE
        for i, text in enumerate(lines[1:-1], start=1)
    )


def _zone(block: Block, ctx: _Context) -> icalendar.Component | None:
    """A VTIMEZONE block parsed, without the lines icalendar cannot read (RT-codecs2-17).

    As in a VEVENT, one unreadable line is dropped with a warning naming it; the zone is
    lost (an error) only when it cannot be read without them either, since every event
    using it would be read at the wrong offset.
    """
    try:
        return icalendar.Calendar.from_ical(_wrap(block.lines)).subcomponents[0]
    except Exception as exc:
        first = f"{type(exc).__name__}: {exc}"
        let_go(exc)
    kept: list[str] = []
    for text, number in block.logical():
        try:
            why = unsplittable(text)
            if why is not None:
                raise ValueError(why)
            icalendar.parser.Contentline(text).parts()  # type: ignore[no-untyped-call]
        except Exception as exc:
            let_go(exc)
            match = re.match(r"[A-Za-z0-9-]+", text)
            ctx.col.warning(
                f"line of a VTIMEZONE could not be read and was ignored ({exc}): {text[:80]!r}",
                line=number,
                property=match.group().upper() if match else None,
            )
            continue
        kept.append(text)
    if len(kept) < len(block.logical()):
        with contextlib.suppress(Exception):
            return icalendar.Calendar.from_ical(_wrap(kept)).subcomponents[0]
    ctx.col.error(
        f"VTIMEZONE could not be read ({first}); times using it are read without it",
        line=block.line,
        property="VTIMEZONE",
    )
    return None


def _culprit(calendar_lines: list[str], block: Block) -> tuple[str, int]:
    """The first property line that icalendar cannot read on its own (for the issue)."""
    inner = block.lines[1:-1][:500]
    numbers = block.numbers[1:-1][:500]
    for text, number in zip(inner, numbers, strict=False):
        if text[:1] in (" ", "\t"):
            continue
        try:
            icalendar.Calendar.from_ical(
                _wrap([*calendar_lines, "BEGIN:VEVENT", text, "END:VEVENT"])
            )
        except Exception as exc:
            let_go(exc)
            match = re.match(r"[A-Za-z0-9-]+", text)
            return (match.group().upper() if match else "VEVENT"), number
    return "VEVENT", block.line


def _register_timezones(
    comps: list[icalendar.Timezone], blocks: list[Block], ctx: _Context
) -> None:
    """Build this input's custom zones (icalendar caches them globally, first one wins)."""
    for comp, block in zip(comps, blocks, strict=False):
        tzid = str(comp.get("TZID", ""))
        if not tzid or _iana_zone(tzid) is not None:
            continue
        _tame_zone_rules(comp, tzid, block, ctx)
        try:
            ctx.tzmap[tzid] = _RememberedZone(comp.to_tz(tzp, lookup_tzid=False))
        except Exception as exc:
            ctx.col.error(
                f"VTIMEZONE {tzid!r} could not be read ({type(exc).__name__}: {exc}); times "
                "using it are read at UTC offset 0",
                line=block.line,
                property="VTIMEZONE",
            )


def _tame_zone_rules(comp: icalendar.Timezone, tzid: str, block: Block, ctx: _Context) -> None:
    """Drop each STANDARD/DAYLIGHT RRULE that is invalid or can never match, with a warning.

    The same rules as for an event's RRULE (:func:`invalid_rule`, :func:`never_matches`):
    dateutil searches forever for an occurrence of ``BYMONTH=90`` when a time is looked
    up in the zone. Without its RRULE, the part applies from its DTSTART onwards.
    """
    for part in comp.subcomponents:
        raw = part.get("RRULE")
        for rule in raw if isinstance(raw, list) else [raw] if raw is not None else []:
            if not isinstance(rule, icalendar.vRecur):
                why: str | None = "it could not be read"
            else:
                why = invalid_rule(rule) or never_matches(rule)
            if why is not None:
                ctx.col.warning(
                    f"VTIMEZONE {tzid!r}: RRULE of {part.name} ignored ({why}); the "
                    "offset applies from its DTSTART on",
                    line=block.line,
                    property="RRULE",
                )
                del part["RRULE"]
                break


def _convert(
    pairs: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    groups: dict[str, list[tuple[Block, icalendar.Event]]] = {}
    missing = 0
    for block, comp in pairs:
        unspace_times(comp, block, ctx)
        _keep_all_day(comp, block)
        if ctx.x_wr_zone is not None:
            localise_floating(comp, ctx.x_wr_zone)
        _drop_unread(comp)
        _drop_tracebacks(comp)
        if any(name is None for name, _ in getattr(comp, "errors", ())) or _has_unreadable(block):
            _unparsed_lines(block, ctx)
        uid = _clean_uid(_first(comp.get("UID")))
        if uid is None:
            uid = "netcore-" + hashlib.sha1("\n".join(block.lines).encode()).hexdigest()[:20]
            missing += 1
            if missing <= _UID_REPORTED:
                ctx.col.warning(
                    f"VEVENT without UID: given {uid!r}", line=block.line, property="UID"
                )
        groups.setdefault(uid, []).append((block, comp))
    if missing > _UID_REPORTED:
        ctx.col.warning(
            f"{missing - _UID_REPORTED} more VEVENT(s) without UID were given one made from "
            "their text",
            property="UID",
        )
    for uid, members in groups.items():
        for master, overrides in _series_of(_readable(members, uid, ctx, out)):
            if master is None:
                for block, comp in overrides:
                    _emit(comp, block, uid, ctx, out)
            elif not overrides and not _recurs(master[1]):
                _emit(master[1], master[0], uid, ctx, out)
            else:
                _expand(uid, master, overrides, ctx, window, out)


def _readable(
    members: list[tuple[Block, icalendar.Event]], uid: str, ctx: _Context, out: list[Event]
) -> list[tuple[Block, icalendar.Event]]:
    """The members of one UID that can take part in a series; the others read on their own.

    An EXDATE that cannot be read is removed (the series is expanded without it; its
    issue names the line); an override whose RECURRENCE-ID cannot be read replaces no
    occurrence: it is read as an event of its own, with a warning.
    """
    kept = []
    for block, comp in members:
        exdates = comp.get("EXDATE")
        items = exdates if isinstance(exdates, list) else [exdates]
        if any(isinstance(x, icalendar.vBroken) for x in items):
            good = [x for x in items if x is not None and not isinstance(x, icalendar.vBroken)]
            if _once(ctx, block, "EXDATE"):
                ctx.col.warning(
                    "EXDATE could not be read: it was dropped; the series was read without it",
                    line=block.line_of("EXDATE") or block.line,
                    property="EXDATE",
                )
            del comp["EXDATE"]
            if good:
                comp["EXDATE"] = good if len(good) > 1 else good[0]
        if "RECURRENCE-ID" in comp and _dt_of(comp.get("RECURRENCE-ID")) is None:
            _once(ctx, block, "RECURRENCE-ID")
            ctx.col.warning(
                "RECURRENCE-ID could not be read: this override replaces no occurrence and "
                "was read as an event of its own",
                line=block.line_of("RECURRENCE-ID") or block.line,
                property="RECURRENCE-ID",
            )
            _emit(comp, block, uid, ctx, out)
            continue
        kept.append((block, comp))
    return kept


def _recurs(comp: icalendar.Component) -> bool:
    return "RRULE" in comp or "RDATE" in comp


def _series_of(
    members: list[tuple[Block, icalendar.Event]],
) -> list[tuple[tuple[Block, icalendar.Event] | None, list[tuple[Block, icalendar.Event]]]]:
    """Split the VEVENTs of one UID into series: ``(master, its overrides)``.

    The same-UID rule: every VEVENT without RECURRENCE-ID is a master of its own (Lotus
    Notes and Exchange export a series edited "this and following" as several masters
    with one UID; identical UID-less VEVENTs get the same generated UID); each is kept. A
    VEVENT with RECURRENCE-ID overrides an occurrence of the recurring master with the
    latest DTSTART at or before that RECURRENCE-ID (of the first recurring master when
    none starts before it). Overrides without any recurring master are read as events
    of their own (``master`` is ``None``).
    """
    masters = [m for m in members if "RECURRENCE-ID" not in m[1]]
    overrides = [m for m in members if "RECURRENCE-ID" in m[1]]
    recurring = [m for m in masters if _recurs(m[1])]
    series: dict[int, list[tuple[Block, icalendar.Event]]] = {id(m[1]): [] for m in masters}
    if overrides and not recurring:
        return [*((m, []) for m in masters), (None, overrides)]
    starts = [(_start_key(m[1]), m) for m in recurring]
    for override in overrides:
        at = _sort_key_or_none(_dt_of(override[1].get("RECURRENCE-ID")))
        owner = recurring[0]
        if at is not None:
            before = [(k, m) for k, m in starts if k is not None and k <= at]
            if before:
                owner = max(before, key=lambda km: km[0])[1]
        series[id(owner[1])].append(override)
    return [(m, series[id(m[1])]) for m in masters]


def _start_key(comp: icalendar.Component) -> datetime | None:
    return _sort_key_or_none(_dt_of(comp.get("DTSTART")))


_UID_REPORTED = 5
"""VEVENTs without UID reported one by one (with their line); the rest are counted."""


def _drop_unread(comp: icalendar.Component) -> None:
    """Drop the properties netcore never reads before a series is expanded.

    recurring_ical_events copies the whole VEVENT for every occurrence, so 100,000
    ``X-`` lines in a daily series would cost 100,000 copies per occurrence.
    """
    for name in [k for k in comp if k not in _READ]:
        del comp[name]


_BROKEN: tuple[type, ...] = tuple(
    t for t in (getattr(icalendar.prop, "vBroken", None),) if isinstance(t, type)
)


def _drop_tracebacks(comp: icalendar.Component) -> None:
    """Let go the traceback of each parse error icalendar keeps in a broken property.

    icalendar (7.x) keeps a property it could not read as ``vBroken`` with the exception;
    its traceback holds the parser's frames and through them every content line of the
    calendar, alive for as long as the event is (a calendar with one broken DTSTART kept
    its whole text, parsed, during expansion).
    """
    for value in comp.values():
        for item in value if isinstance(value, list) else (value,):
            error: BaseException | None = (
                getattr(item, "parse_error", None) if isinstance(item, _BROKEN) else None
            )
            for _ in range(8):  # the exception and the ones it was raised from
                if error is None:
                    break
                error.__traceback__ = None
                error = error.__cause__ or error.__context__


_DATE_ONLY = re.compile(r"\s*\d{8}\s*")


def _keep_all_day(comp: icalendar.Component, block: Block) -> None:
    """Keep an all-day time all-day when it carries a TZID.

    icalendar turns ``DTSTART;TZID=...;VALUE=DATE:20260105`` (and the same without
    ``VALUE=DATE``) into midnight in that zone; a date has no zone, so the TZID is ignored.
    """
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = comp.get(name)
        if isinstance(prop, list) or prop is None:
            continue
        value = _dt_of(prop)
        params = getattr(prop, "params", None) or {}
        if not isinstance(value, datetime) or "TZID" not in params:
            continue
        if str(params.get("VALUE", "")).upper() == "DATE" or _DATE_ONLY.fullmatch(
            block.value_of(name) or ""
        ):
            del comp[name]
            comp.add(name, value.date())
