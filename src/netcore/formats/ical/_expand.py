"""Recurrence expansion: a series inside a window, bounded per series and per input."""

from __future__ import annotations

import contextlib
import heapq
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import recurring_ical_events
from recurring_ical_events.util import (  # type: ignore[import-untyped]
    compare_greater,
    convert_to_date,
    to_recurrence_ids,
)

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
    builder = _Occurrences(uid, ctx, out)
    plain = _plain_series(members, window)
    if plain is not None:
        got, cut = _plain_occurrences(plain, ctx, window, budget, builder, block)
    else:
        by_comp = {id(c): b for b, c in members}

        def emit(occurrence: Any) -> None:
            source = getattr(getattr(occurrence, "_adapter", None), "_component", None)
            builder.emit(occurrence, source, by_comp.get(id(source), block))

        got, cut = _occurrences(members, ctx, window, rate, edge, budget, emit)
    if rate > _HOURLY:
        ctx.dense += got
    if cut:
        col.warning(
            f"recurring series cut at {got} occurrences (the limit is {cap}"
            + (", shared by the input's series denser than hourly)" if budget < cap else ")"),
            line=rule_line,
            property="RRULE",
        )
    if not got:
        col.info(
            "recurring series has no occurrence in the window", line=rule_line, property="RRULE"
        )


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
            return given if known[1] is known[0] else given.replace(tzinfo=known[1])
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
        return _with_times(template, start, end)

    def same_zone(self, plain: _Plain, start: datetime, end: datetime) -> Event | None:
        """The series' template when its times are read in their own zone unchanged.

        Then every later occurrence is the template with the rule's start and end as they
        are (see :func:`_plain_occurrences`).
        """
        template = self.templates.get(id(plain.comp), _MISSING)
        if template is _MISSING or template is None:
            return None
        if not isinstance(template.start, datetime) or not isinstance(template.end, datetime):
            return None
        if self._time(start, template.start) is not start:
            return None
        if self._time(end, template.end) is not end:
            return None
        found: Event = template
        return found

    def emit_times(self, start: Any, end: Any, plain: _Plain, origin: Block) -> None:
        """:meth:`emit` for an occurrence known by its times (see :func:`_plain_series`)."""
        template = self.templates.get(id(plain.comp), _MISSING)
        if template is not _MISSING and template is not None:
            event = self._fast(_Times(start, end), template)
            if event is not None:
                _add(event, origin, self.ctx, self.out)
                return
        occurrence = plain.rules.as_occurrence(start, end, plain.series.occurrence, plain.core)
        self.emit(occurrence, plain.comp, origin)


class _Times:
    """The start and end of an occurrence, as :meth:`_Occurrences._fast` reads them."""

    __slots__ = ("end", "start")

    def __init__(self, start: Any, end: Any) -> None:
        self.start = start
        self.end = end


_new_object = object.__new__
_set_attribute = object.__setattr__
_TIMES = frozenset({"start", "end"})


def _with_times(template: Event, start: Any, end: Any) -> Event:
    """``template.model_copy(update={"start": start, "end": end})``, four times cheaper.

    The fields are the template's, already validated; only the times change, and they
    come from the same zone mapping as the template's (see :class:`_Occurrences`).
    """
    event: Event = _new_object(Event)
    fields = template.__dict__.copy()
    fields["start"] = start
    fields["end"] = end
    _set_attribute(event, "__dict__", fields)
    _set_attribute(event, "__pydantic_fields_set__", template.__pydantic_fields_set__ | _TIMES)
    _set_attribute(event, "__pydantic_extra__", None)
    _set_attribute(event, "__pydantic_private__", None)
    return event


_MISSING: Any = object()


class _Plain:
    """A series recurring_ical_events would expand without any per-occurrence lookup.

    Its EXDATEs, if any, are checked per start by recurring_ical_events' own rule
    (:meth:`excluded`).
    """

    __slots__ = ("comp", "core", "ex_dates", "ex_times", "lo", "rules", "series", "span")

    def __init__(self, series: Any, rules: Any, lo: Any, span: tuple[Any, Any]) -> None:
        self.series = series
        self.rules = rules
        self.core = rules.core
        self.comp = rules.core._component
        self.lo = lo
        self.span = span
        self.ex_dates = rules.check_exdates_date
        self.ex_times = rules.check_exdates_datetime

    def excluded(self, start: Any) -> bool:
        """Whether an EXDATE removes the occurrence at ``start`` (see :func:`_excluded`)."""
        return _excluded(self.ex_dates, self.ex_times, start)


def _excluded(ex_dates: Any, ex_times: Any, start: Any) -> bool:
    """Whether an EXDATE removes the occurrence at ``start``, as ``Series.between`` checks.

    ``ex_dates`` and ``ex_times`` are the rules' ``check_exdates_date`` and
    ``check_exdates_datetime`` (recurring_ical_events' own sets).
    """
    if ex_dates and convert_to_date(start) in ex_dates:
        return True
    return bool(ex_times) and any(r in ex_times for r in to_recurrence_ids(start))


def _start_excluded(comp: icalendar.Component) -> bool:
    """Whether an EXDATE of the series removes its DTSTART, the first occurrence (RT-26-6).

    Checked by the rule that expands a series (:func:`_excluded`); a series that cannot
    be built is not checked here (without a window it is read as its first occurrence,
    as before; with one, its expansion reports it).
    """
    start = _dt_of(comp.get("DTSTART"))
    if "EXDATE" not in comp or not isinstance(start, date):
        return False
    try:
        # Only the EXDATEs within two days of DTSTART (wall dates in any zone) can name
        # it: the series is built with those alone, since its sets of all of them cost
        # 60x the input for 1,700 dates (see _let_go_of_exdates).
        day = start.date() if isinstance(start, datetime) else start
        probe = icalendar.Event()
        for name in ("DTSTART", "DTEND", "DURATION"):
            if name in comp:
                probe[name] = comp[name]
        raw = comp["EXDATE"]
        near = 0
        for prop in raw if isinstance(raw, list) else [raw]:
            for item in getattr(prop, "dts", None) or ():
                value = item.dt
                when = value.date() if isinstance(value, datetime) else value
                if isinstance(when, date) and abs((when - day).days) <= 2:
                    probe.add("EXDATE", value)
                    near += 1
        if not near:
            return False
        rules = recurring_ical_events.Series([recurring_ical_events.EventAdapter(probe)]).recurrence
        return _excluded(rules.check_exdates_date, rules.check_exdates_datetime, rules.start)
    except Exception:
        return False


def _plain_series(
    members: list[tuple[Block, icalendar.Event]], window: tuple[datetime, datetime]
) -> _Plain | None:
    """The series as a :class:`_Plain` when it has no override or RDATE period.

    recurring_ical_events builds an occurrence object per start (its id, a check against
    EXDATEs and overrides, a comparison with the window), about 100 microseconds each:
    100,000 occurrences of one input took seconds, and the general path holds every
    occurrence of a series (up to ``max_instances``, about 2 MB) before they are sorted.
    A master alone (no RECURRENCE-ID member, no RDATE with a period, no pytz zone) needs
    none of it: its occurrences are the rule's starts less its EXDATEs, each lasting the
    master's duration, found and emitted in order. Anything else returns ``None`` and
    takes the general path.
    """
    if len(members) != 1:
        return None
    adapter = recurring_ical_events.EventAdapter(members[0][1])
    series = recurring_ical_events.Series([adapter])
    rules = series.recurrence
    if (
        not rules.has_core
        or series.modifications
        or series.this_and_future
        or rules.replace_ends
        or hasattr(rules.tzinfo, "localize")  # pytz: recurring_ical_events localizes
        or rules.core.move_recurrences_by
    ):
        return None
    _let_go_of_exdates(series, [members[0][1]])
    win_start, win_stop = window
    tz = rules.tzinfo
    lo = _comparable(win_start - series._subtract_from_start, tz)
    span = (_comparable(win_start, tz), _comparable(win_stop + series._add_to_stop, tz))
    return _Plain(series, rules, lo, span)


def _let_go_of_exdates(series: Any, comps: list[icalendar.Event]) -> None:
    """Keep a built series' EXDATEs once, in the one form its check reads.

    recurring_ical_events checks an occurrence against ``check_exdates_datetime`` with
    the occurrence's recurrence ids, which are naive (its UTC time and its wall-clock
    time, :func:`to_recurrence_ids`); the set also holds every EXDATE as an aware time,
    which no naive id ever equals, and the rules keep a second set of them. With the
    VEVENT's own EXDATE properties (icalendar builds a time with its own parameter
    dictionary for each date of an ``EXDATE;TZID=...`` list), 1,700 dates held about
    1.8 MB, 59x a 32 KB calendar, until the series was expanded. Once the rules are
    built, the check keeps only the naive ids (the same answers), and the properties
    (read into the rules) and the second set are let go. A series with a
    ``THISANDFUTURE`` override keeps them: its rules may be built again from the VEVENT.
    """
    if series.this_and_future:
        return
    rules = series.recurrence
    times = getattr(rules, "check_exdates_datetime", None)
    if not times:
        return
    rules.check_exdates_datetime = {
        t for t in times if not isinstance(t, datetime) or t.tzinfo is None
    }
    rules.exdates = set()
    for comp in comps:
        comp.pop("EXDATE", None)


def _comparable(value: datetime, tz: Any) -> datetime:
    """``value`` as the rule's starts are: in the series' zone, or naive without one."""
    return value.astimezone(tz) if tz is not None else value.replace(tzinfo=None)


def _plain_occurrences(
    plain: _Plain,
    ctx: _Context,
    window: tuple[datetime, datetime],
    cap: int,
    builder: _Occurrences,
    block: Block,
) -> tuple[int, bool]:
    """Emit the occurrences of a :class:`_Plain` series in order; ``(how many, cut)``.

    The rules' starts (DTSTART and RDATEs, then each RRULE, UNTIL applied as
    recurring_ical_events applies it) are merged in order from the window's start less
    the series' duration; an occurrence is in the window when it ends after its start
    (or, lasting no time, starts in it) and starts before its end.
    """
    rules = plain.rules
    sources = []
    for rule in rules.rrules:
        until = getattr(rule, "until", None)
        starts = _stepped(rule, plain.lo)
        if starts is None:
            _uncached(rule)
            starts = rule.xafter(plain.lo, inc=True)
        sources.append(_until(starts, until))
    duration = plain.core.duration
    span_start, span_stop = plain.span
    convert = rules.convert_to_original_type
    dates = not isinstance(rules.original_start, datetime) and not isinstance(
        rules.original_end, datetime
    )
    got = 0
    room = ctx.room()
    previous: Any = None
    quick: Event | None = None
    for start in heapq.merge(*sources):
        if start >= span_stop:
            break
        if start == previous:
            continue
        previous = start
        end = start + duration
        if not (span_start <= start if end == start else span_start < end):
            continue
        if plain.excluded(start):
            continue
        got += 1
        if quick is not None:
            # The template and its zone are known: the event is the template at new times.
            _add(_with_times(quick, start, end), block, ctx, builder.out)
        else:
            builder.emit_times(convert(start), convert(end), plain, block)
            if not dates:
                quick = builder.same_zone(plain, start, end)
        if got >= cap:
            return got, True
        if got > room or ctx.exhausted:
            return got, False  # the per-input budget is spent: _add reported it
    return got, False


_FREQ_SECONDS = {6: 1, 5: 60, 4: 3600, 3: 86400, 2: 7 * 86400}
"""dateutil's SECONDLY, MINUTELY, HOURLY, DAILY and WEEKLY, in seconds."""
_STEPPED_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"})


def _stepped(rule: Any, lo: datetime) -> Any:
    """The starts from ``lo`` on of a rule that only steps, by addition; else ``None``.

    Such a rule has ``FREQ`` up to weekly, ``INTERVAL``, ``COUNT`` and ``UNTIL`` only.

    dateutil builds a set of times for every period (about 10 microseconds an
    occurrence); without BY-parts a DAILY or WEEKLY rule keeps DTSTART's time and
    weekday, so its n-th start is DTSTART plus n intervals, in local time as dateutil
    counts it (Python adds a timedelta to an aware time's wall clock).
    """
    text = getattr(rule, "string", None)
    freq = _FREQ_SECONDS.get(getattr(rule, "_freq", -1))
    start = getattr(rule, "_dtstart", None)
    if not isinstance(text, str) or freq is None or not isinstance(start, datetime):
        return None
    parts = {part.partition("=")[0].strip().upper() for part in text.split(";") if part}
    if not parts <= _STEPPED_PARTS:
        return None
    interval = getattr(rule, "_interval", None)
    count = getattr(rule, "_count", None)
    until = getattr(rule, "_until", None)
    if not isinstance(interval, int) or interval < 1:
        return None
    if (lo.tzinfo is None) != (start.tzinfo is None):
        return None
    return _steps(start, timedelta(seconds=freq * interval), lo, count, until)


def _steps(start: datetime, step: timedelta, lo: datetime, count: Any, until: Any) -> Any:
    first = max(0, (lo - start) // step) if lo > start else 0
    index = first
    try:
        value = start + step * first
    except OverflowError:
        return
    while count is None or index < count:
        if until is not None and value > until:
            return
        if value >= lo:
            yield value
        index += 1
        try:
            value += step
        except OverflowError:
            return


def _uncached(rule: Any) -> None:
    """Stop dateutil keeping every start that ``rule`` yields.

    recurring_ical_events builds its rules with ``cache=True``; the starts are read once,
    in order, here, and a series of 3,500 in a zone of the calendar's own kept 3,500
    datetimes that no one asked for again.
    """
    if getattr(rule, "_cache", None) is not None and not getattr(rule, "_cache_complete", True):
        rule._cache = None


def _until(starts: Any, until: Any) -> Any:
    """``starts`` up to ``until`` (an RRULE's UNTIL as recurring_ical_events checks it)."""
    if until is None:
        yield from starts
        return
    for start in starts:
        if not compare_greater(start, until):
            yield start


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
    A first occurrence an EXDATE removes is not read (RT-26-6); the issue says so.
    """
    block, comp = master
    overrides = [(b, c) for b, c in members if c is not comp]
    excluded = _start_excluded(comp)
    if excluded:
        what = "its first occurrence, removed by an EXDATE, was not read" + (
            f"; its {len(overrides)} override(s) were" if overrides else ""
        )
    else:
        what = "only its first occurrence" + (
            f" and its {len(overrides)} override(s) were read" if overrides else " was read"
        )
    ctx.col.info(
        f"recurring series not expanded: {what} (pass expand_from and expand_to to expand it)",
        line=rule_line,
        property="RRULE",
    )
    first = _sort_key_or_none(_dt_of(comp.get("DTSTART")))
    replaced = first is not None and any(
        _sort_key_or_none(_dt_of(c.get("RECURRENCE-ID"))) == first for _, c in overrides
    )
    if not replaced and not excluded:
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
    emit: Callable[[Any], None],
) -> tuple[int, bool]:
    """Expand in chunks and emit each chunk's occurrences in order; ``(how many, cut)``.

    A chunk holds at most :data:`_CHUNK` occurrences by the rule's density bound, and its
    occurrences are emitted (sorted by start) before the next is expanded: holding a whole
    series (up to ``cap`` occurrence objects, about 2 MB for 3,500) cost a 20 KB calendar
    of weekday series with overrides 80x its size. An occurrence first appears in the
    chunk its start falls in (one that starts earlier overlaps the chunk before), so
    chunk by chunk is the order of the whole. One that overlaps a chunk's end is met again
    in the next: the ids of those that may still do so are kept, the others let go.
    """
    adapters = [recurring_ical_events.EventAdapter(c) for _, c in members]
    series = recurring_ical_events.Series(adapters)
    _let_go_of_exdates(series, [c for _, c in members])
    try:
        return _chunks(series, members, ctx, window, rate, edge, cap, emit)
    finally:
        _release(series)


def _release(series: Any) -> None:
    """Let go the starts dateutil cached for a series' rules, once it is expanded.

    A rule and the generator that fills its cache refer to each other: a cycle, which the
    garbage collector (paused while a calendar is read) would free only at the end, so
    every series of an input kept its 3,500 cached starts (about 170 KB) until then.
    """
    for rule in getattr(series.recurrence, "rrules", ()):
        for part in (rule, *getattr(rule, "_rrule", ())):
            if hasattr(part, "_cache_gen"):
                part._cache = None
                part._cache_gen = None


def _chunks(
    series: Any,
    members: list[tuple[Block, icalendar.Event]],
    ctx: _Context,
    window: tuple[datetime, datetime],
    rate: float,
    edge: float,
    cap: int,
    emit: Callable[[Any], None],
) -> tuple[int, bool]:
    """The loop of :func:`_occurrences`."""
    win_start, win_stop = window
    per_chunk = min(cap, _CHUNK)
    if rate > 0:
        step = timedelta(seconds=max(1.0, (per_chunk - edge) / rate if per_chunk > edge else 1.0))
    else:
        step = win_stop - win_start + timedelta(seconds=1)
    seen: dict[Any, datetime | None] = {}  # id -> end (as _sort_key), of recent occurrences
    got = 0
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
        fresh: list[Any] = []
        stop: tuple[int, bool] | None = None
        for occurrence in series.between(cursor, nxt):
            # The id less its name and UID, the same for every occurrence of a series (a
            # VEVENT with two UID lines has a list there, which cannot be hashed).
            oid = occurrence.id
            key = (oid.recurrence_id, oid.start)
            if key in seen:
                continue
            seen[key] = _end_key(occurrence)
            fresh.append(occurrence)
            got += 1
            if got >= cap:
                stop = got, True
                break
            if got > room:
                stop = got, False  # the per-input budget is spent: _emit reports it
                break
        fresh.sort(key=lambda o: _sort_key(o.start))
        for occurrence in fresh:
            emit(occurrence)
        if stop is not None:
            return stop
        # dateutil rescans its cache from DTSTART on every call, so a long empty stretch
        # (FREQ=SECONDLY;BYMONTHDAY=31) asked for in small steps costs chunks x cache.
        # Empty chunks widen the next one (at most _STRETCH times: a chunk then holds at
        # most _STRETCH x _CHUNK occurrences); a chunk with occurrences resets it.
        stretch = min(stretch * 2, _STRETCH) if not fresh else 1
        cursor = nxt
        horizon = cursor - _ZONE_SLACK
        seen = {k: end for k, end in seen.items() if end is None or end > horizon}
    return got, False


_CHUNK = 500
"""Most occurrences (by a rule's density bound) one chunk of the general path holds."""
_ZONE_SLACK = timedelta(days=2)
"""How long after its end an occurrence's id is kept (floating times and dates are read
as UTC by ``_sort_key``; the library may place them up to a day either side)."""


def _end_key(occurrence: Any) -> datetime | None:
    """When an occurrence ends, as :func:`_sort_key` reads it (``None``: keep it always)."""
    end = occurrence.end if occurrence.end is not None else occurrence.start
    try:
        return _sort_key(end)
    except Exception:
        return None


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
