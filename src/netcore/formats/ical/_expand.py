"""Recurrence expansion: a series inside a window, bounded per series and per input."""

from __future__ import annotations

import contextlib
import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import recurring_ical_events

from netcore.errors import ParseError
from netcore.formats.ical._common import (
    _Context,
    _dt_of,
    _first,
    _sort_key,
    _sort_key_or_none,
)
from netcore.formats.ical._event import (
    _add,
    _emit,
)
from netcore.formats.ical._guard import (
    Block,
    invalid_rule,
    max_instances_per_second,
    never_matches,
)
from netcore.model.event import (
    Event,
)


def _rules(comp: icalendar.Component) -> list[Any]:
    value = comp.get("RRULE")
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


_STEP = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
}
_HOURLY = 1 / 3600
"""Series denser than this (occurrences per second) share one budget of
``Limits.max_instances`` occurrences per input: 40 ``FREQ=SECONDLY`` series would
otherwise cost 40 x 3,500 occurrences (seconds of work) in an input of 2 KiB."""
_STRETCH = 64
"""How many times wider than its step an expansion chunk grows after empty chunks."""
_FAST_FORWARD_OCCURRENCES = 20_000
"""Occurrences before the window that dateutil may walk before a series is fast-forwarded."""


def _expand(
    uid: str,
    master: tuple[Block, icalendar.Event],
    overrides: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    """Expand one series (a master and its overrides); a failure reads its first occurrence."""
    try:
        _series(uid, master, [master, *overrides], ctx, window, out)
    except ParseError:
        raise
    except Exception as exc:
        ctx.col.error(
            f"recurring series could not be expanded ({type(exc).__name__}: {exc}); "
            "its first occurrence was read",
            line=master[0].line_of("RRULE") or master[0].line,
            property="RRULE",
        )
        _emit(master[1], master[0], uid, ctx, out)


def _series(
    uid: str,
    master: tuple[Block, icalendar.Event],
    members: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime] | None,
    out: list[Event],
) -> None:
    block, comp = master
    col, cap = ctx.col, ctx.limits.max_instances
    if ctx.exhausted:
        return
    rule_line = block.line_of("RRULE") or block.line_of("RDATE") or block.line
    if window is None:
        _unexpanded(uid, master, members, ctx, rule_line, out)
        return
    rules, rate, edge = _checked_rules(comp, ctx, rule_line)
    start = _dt_of(comp.get("DTSTART"))
    if not isinstance(start, date):
        _emit(comp, block, uid, ctx, out)
        return
    if rules and not _fast_forward(comp, rules, start, window, ctx, rule_line):
        return
    duration = _duration(comp, _dt_of(comp.get("DTSTART")))
    if rate and duration.total_seconds() * rate > 4 * cap:
        col.warning(
            "recurring series whose occurrences overlap too much to expand; its first "
            "occurrence was read",
            line=rule_line,
            property="RRULE",
        )
        _emit(comp, block, uid, ctx, out)
        return
    budget = cap
    if rate > _HOURLY:
        budget = cap - ctx.dense
        if budget <= 0:
            col.warning(
                f"recurring series denser than hourly: the input's budget of {cap} such "
                "occurrences is spent; its first occurrence was read",
                line=rule_line,
                property="RRULE",
            )
            _emit(comp, block, uid, ctx, out)
            return
    got, cut = _occurrences(members, ctx, window, rate, edge, budget)
    if rate > _HOURLY:
        ctx.dense += len(got)
    if cut:
        col.warning(
            f"recurring series cut at {len(got)} occurrences (the limit is {cap}"
            + (", shared by the input's series denser than hourly)" if budget < cap else ")"),
            line=rule_line,
            property="RRULE",
        )
    if not got:
        col.info(
            "recurring series has no occurrence in the window", line=rule_line, property="RRULE"
        )
    by_start = sorted(got, key=lambda o: _sort_key(o.start))
    by_comp = {id(c): b for b, c in members}
    builder = _Occurrences(uid, ctx, out)
    for occurrence in by_start:
        adapter = getattr(occurrence, "_adapter", None)
        source = getattr(adapter, "_component", None)
        builder.emit(occurrence, source, by_comp.get(id(source), block))


class _Occurrences:
    """The events of a series' occurrences, each component read once.

    The first occurrence of each component (the master, an override) is read in full from
    the component recurring_ical_events builds for it; every later one is that event with
    its own start and end (the same zone mapping :func:`_when` applied to the first one),
    without copying and reading the VEVENT again. An occurrence that does not fit that
    shape (a time in another zone, an end before its start) is read in full.
    """

    __slots__ = ("ctx", "out", "templates", "uid", "zones")

    def __init__(self, uid: str, ctx: _Context, out: list[Event]) -> None:
        self.uid = uid
        self.ctx = ctx
        self.out = out
        self.templates: dict[int, Event | None] = {}
        # id of a time's tzinfo as recurring_ical_events gives it -> the zone netcore reads
        # it in; the tzinfo objects are kept alive in ``_kept`` so that ids stay unique.
        self.zones: dict[int, Any] = {}

    def emit(self, occurrence: Any, comp: Any, origin: Block) -> None:
        template = self.templates.get(id(comp), _MISSING)
        if template is not _MISSING and template is not None:
            event = self._fast(occurrence, template)
            if event is not None:
                _add(event, origin, self.ctx, self.out)
                return
        before = len(self.out)
        _emit(occurrence.as_component(False), origin, self.uid, self.ctx, self.out)
        got = self.out[-1] if len(self.out) > before else None
        if template is _MISSING:
            self.templates[id(comp)] = got
        if got is not None:
            self._learn(occurrence.start, got.start)
            if occurrence.end is not None and got.end is not None:
                self._learn(occurrence.end, got.end)

    def _learn(self, given: Any, read: Any) -> None:
        if (
            isinstance(given, datetime)
            and isinstance(read, datetime)
            and given.replace(tzinfo=None) == read.replace(tzinfo=None)
        ):
            self.zones[id(given.tzinfo)] = (given.tzinfo, read.tzinfo)

    def _time(self, given: Any, like: Any) -> Any:
        if isinstance(given, datetime):
            if not isinstance(like, datetime):
                return None
            known = self.zones.get(id(given.tzinfo))
            if known is None or known[0] is not given.tzinfo:
                return None
            return given.replace(tzinfo=known[1])
        if isinstance(given, date) and not isinstance(like, datetime):
            return given
        return None

    def _fast(self, occurrence: Any, template: Event) -> Event | None:
        start = self._time(occurrence.start, template.start)
        if start is None:
            return None
        end = None
        if occurrence.end is not None or template.end is not None:
            if occurrence.end is None or template.end is None:
                return None
            end = self._time(occurrence.end, template.end)
            if end is None or _sort_key(end) < _sort_key(start):
                return None
        return template.model_copy(update={"start": start, "end": end})


_MISSING: Any = object()


def _unexpanded(
    uid: str,
    master: tuple[Block, icalendar.Event],
    members: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    rule_line: int,
    out: list[Event],
) -> None:
    """Without a window: the series' first occurrence, then each override by its start.

    An override is an occurrence of its own (moved, retitled, cancelled), so it is read
    whole; one whose RECURRENCE-ID is the series' DTSTART replaces the first occurrence.
    """
    block, comp = master
    overrides = [(b, c) for b, c in members if c is not comp]
    ctx.col.info(
        "recurring series not expanded: only its first occurrence"
        + (f" and its {len(overrides)} override(s) were" if overrides else " was")
        + " read (pass expand_from and expand_to to expand it)",
        line=rule_line,
        property="RRULE",
    )
    first = _sort_key_or_none(_dt_of(comp.get("DTSTART")))
    replaced = first is not None and any(
        _sort_key_or_none(_dt_of(c.get("RECURRENCE-ID"))) == first for _, c in overrides
    )
    if not replaced:
        _emit(comp, block, uid, ctx, out)
    overrides.sort(key=lambda m: _sort_key_or_none(_dt_of(m[1].get("DTSTART"))) or _NO_START)
    for ob, oc in overrides:
        _emit(oc, ob, uid, ctx, out)


_NO_START = datetime.min.replace(tzinfo=UTC)


def _checked_rules(
    comp: icalendar.Component, ctx: _Context, rule_line: int
) -> tuple[list[Any], float, float]:
    """The series' rules with their density bound; a bad rule is removed with an issue.

    Returns:
        ``(rules, rate, edge)``: no rules when one was unreadable, invalid or can never
        match (the series is then read as its first occurrence and RDATEs).
    """
    col = ctx.col
    first = _dt_of(comp.get("DTSTART"))
    all_day = isinstance(first, date) and not isinstance(first, datetime)
    rules = _rules(comp)
    rate = edge = 0.0
    for rule in rules:
        if not isinstance(rule, icalendar.vRecur):
            col.error(
                "RRULE could not be read; the series was read as its first occurrence",
                line=rule_line,
                property="RRULE",
            )
        elif (why := invalid_rule(rule, all_day=all_day)) is not None:
            col.error(
                f"recurring series could not be expanded: RRULE {why}; its first occurrence "
                "was read",
                line=rule_line,
                property="RRULE",
            )
        elif (why := never_matches(rule)) is not None:
            col.warning(
                f"RRULE can never match ({why}); the series was read as its first occurrence",
                line=rule_line,
                property="RRULE",
            )
        else:
            r, e = max_instances_per_second(rule)
            rate += r
            edge += e
            continue
        del comp["RRULE"]
        return [], 0.0, 0.0
    return rules, rate, edge


def _occurrences(
    members: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime],
    rate: float,
    edge: float,
    cap: int,
) -> tuple[list[Any], bool]:
    """Expand in chunks that cannot hold more than ``cap``; ``(occurrences, cut)``."""
    adapters = [recurring_ical_events.EventAdapter(c) for _, c in members]
    series = recurring_ical_events.Series(adapters)
    win_start, win_stop = window
    if rate > 0:
        step = timedelta(seconds=max(1.0, (cap - edge) / rate if cap > edge else 1.0))
    else:
        step = win_stop - win_start + timedelta(seconds=1)
    seen: set[Any] = set()
    got: list[Any] = []
    room = ctx.room()
    stretch = 1
    cursor = max(win_start, _first_possible(members, win_start))
    chunks = 0
    while cursor < win_stop:
        chunks += 1
        if chunks > 100_000:
            return got, True
        # Compared as spans, so that a window ending near the year 9999 cannot overflow.
        nxt = win_stop if step * stretch >= win_stop - cursor else cursor + step * stretch
        before = len(got)
        for occurrence in series.between(cursor, nxt):
            if occurrence.id in seen:
                continue
            seen.add(occurrence.id)
            got.append(occurrence)
            if len(got) >= cap:
                return got, True
            if len(got) > room:
                return got, False  # the per-input budget is spent: _emit reports it
        # dateutil rescans its cache from DTSTART on every call, so a long empty stretch
        # (FREQ=SECONDLY;BYMONTHDAY=31) asked for in small steps costs chunks x cache.
        # Empty chunks widen the next one (at most _STRETCH times: a chunk then holds at
        # most _STRETCH x cap occurrences); a chunk with occurrences resets it.
        stretch = min(stretch * 2, _STRETCH) if len(got) == before else 1
        cursor = nxt
    return got, False


def _first_possible(members: list[tuple[Block, icalendar.Event]], floor: datetime) -> datetime:
    """A moment no occurrence of the series starts before (``floor`` when unknown).

    Occurrences start at DTSTART or later, except RDATEs, which may come earlier. Walking
    the empty years between the window's start and DTSTART in chunks cost a fine series
    (SECONDLY from 2020 in a window from 1990) thousands of dateutil calls.
    """
    earliest: datetime | None = None
    for _, comp in members:
        if "RDATE" in comp:
            return floor
        start = _dt_of(comp.get("DTSTART"))
        if not isinstance(start, date):
            return floor
        # A floating time or a date is read as UTC by _sort_key: a day covers every offset.
        try:
            key = _sort_key(start) - timedelta(days=1)
        except OverflowError:  # DTSTART in the first day of the year 1
            return floor
        earliest = key if earliest is None or key < earliest else earliest
    return floor if earliest is None or earliest < floor else earliest


def _duration(comp: icalendar.Component, start: date) -> timedelta:
    end = _dt_of(comp.get("DTEND"))
    if isinstance(end, date) and type(end) is type(start):
        try:
            return abs(_sort_key(end) - _sort_key(start))
        except Exception:
            return timedelta(0)
    dur = _dt_of(comp.get("DURATION"))
    return abs(dur) if isinstance(dur, timedelta) else timedelta(0)


_MONTHS = {"MONTHLY": 1, "YEARLY": 12}
_FAST_FORWARD_DAYS = 2_000
"""Days before the window a MONTHLY or YEARLY series may start before it is fast-forwarded.

dateutil builds the set of every day of a period for such rules (about 0.2 ms a year for
``BYDAY=20MO``), so 1,300 yearly series from 1997 took seconds (vpim/profile.ics).
"""


def _fast_forward_years(
    comp: icalendar.Component,
    rule: Any,
    start: date,
    window: tuple[datetime, datetime],
    ctx: _Context,
    rule_line: int,
    months: int,
) -> bool:
    """:func:`_fast_forward` for MONTHLY and YEARLY rules: move DTSTART by whole years.

    The shift is a whole number of intervals and of years (of 4 years for 29 February),
    so month, day, weekday rules and leap days fall as before. ``COUNT`` is reduced where
    every period yields exactly one occurrence (no BY-parts, a day of month up to 28).
    """
    gap_days = (window[0] - _sort_key(start)).days
    if gap_days <= _FAST_FORWARD_DAYS:
        return True
    step_years = math.lcm(months, 12) // 12
    if (start.month, start.day) == (2, 29):
        step_years = math.lcm(step_years, 4)
    span_years = 1 + math.ceil(_duration(comp, start).days / 365)
    steps = (gap_days // 366 - 1 - span_years) // step_years
    if steps <= 0:
        return True
    years = steps * step_years
    if "COUNT" in rule:
        by_parts = [p for p in rule if p.startswith("BY")]
        try:
            count = int(_first(rule["COUNT"]))
        except (TypeError, ValueError):
            count = 0
        if by_parts or start.day > 28:
            return True  # dateutil walks at most COUNT periods; rare and bounded by the year 9999
        periods = years * 12 // months
        if count - periods <= 0:
            ctx.col.info(
                "recurring series ends before the window", line=rule_line, property="RRULE"
            )
            return False
        rule["COUNT"] = [count - periods]
    moved: dict[str, date] = {}
    for name in ("DTSTART", "DTEND"):
        value = _dt_of(comp.get(name))
        if isinstance(value, date):
            try:
                moved[name] = value.replace(year=value.year + years)
            except ValueError:
                return True
    for name, value in moved.items():
        _first(comp.get(name)).dt = value
    return True


def _fast_forward(
    comp: icalendar.Component,
    rules: list[Any],
    start: date,
    window: tuple[datetime, datetime],
    ctx: _Context,
    rule_line: int,
) -> bool:
    """Move a fine-grained series' start close to the window by whole intervals.

    dateutil walks every period from DTSTART, so ``FREQ=SECONDLY`` starting years before
    the window would take hours. Moving DTSTART (and DTEND) forward by ``k`` whole
    intervals keeps every later occurrence in place. ``COUNT`` is reduced by ``k`` where
    each period yields exactly one occurrence; otherwise such a series is not expanded.

    Returns:
        ``False`` when the series must not be expanded (an issue says why).
    """
    if len(rules) != 1:
        return True
    rule = rules[0]
    freq = str(_first(rule.get("FREQ")) or "").upper()
    if freq not in _STEP and freq not in _MONTHS:
        return True
    try:
        interval = max(1, int(_first(rule.get("INTERVAL")) or 1))
    except (TypeError, ValueError):
        interval = 1
    if freq in _MONTHS:
        return _fast_forward_years(
            comp, rule, start, window, ctx, rule_line, _MONTHS[freq] * interval
        )
    step = _STEP[freq] * interval
    gap = (window[0] - _sort_key(start)).total_seconds()
    periods = gap / step
    # dateutil walks every occurrence from DTSTART, not every period: a DAILY rule with
    # BYHOUR x BYMINUTE yields many occurrences a period, so the walk is bounded by
    # occurrences (the rule's density), and by COUNT where that is smaller.
    rate, edge = max_instances_per_second(rule)
    before = gap * rate + edge
    if "COUNT" in rule:
        with contextlib.suppress(TypeError, ValueError):
            before = min(before, float(int(_first(rule["COUNT"]))))
    if before <= _FAST_FORWARD_OCCURRENCES:
        return True
    margin = 2 + math.ceil((7200 + _duration(comp, start).total_seconds()) / step)
    k = int(periods) - margin
    if k <= 0:
        return True
    if "COUNT" in rule:
        by_parts = [p for p in rule if p.startswith("BY")]
        try:
            count = int(_first(rule["COUNT"]))
        except (TypeError, ValueError):
            count = 0
        if by_parts:
            ctx.col.warning(
                "recurring series with COUNT and BY-parts starts too far before the window "
                "to expand; it was skipped",
                line=rule_line,
                property="RRULE",
            )
            return False
        if count - k <= 0:
            ctx.col.info(
                "recurring series ends before the window", line=rule_line, property="RRULE"
            )
            return False
        rule["COUNT"] = [count - k]
    shift = timedelta(seconds=k * step)
    if not isinstance(start, datetime):
        shift = timedelta(days=shift.days)
    for name in ("DTSTART", "DTEND"):
        prop = _first(comp.get(name))
        if isinstance(_dt_of(prop), date):
            prop.dt = prop.dt + shift
    return True
