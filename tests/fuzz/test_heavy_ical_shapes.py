"""Calendars that icalendar or expansion made heavy: working memory under 50x the input.

Each shape is measured with the fuzzer's own measure (``tools.fuzz.measure_memory``: the
traced peak less what the returned value still holds), at the size where it was found
(about 60 KB, the fuzzer's cap being 64 KiB; 20 KB for the weekday series). Time is the
complexity tests' job (below, ratios only); no test here asserts a time.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tools import fuzz

from _complexity import assert_linear
from netcore.formats import ical

pytestmark = pytest.mark.slow  # memory shapes of up to 64 KB each: CI runs them

MAX_RATIO = 50
"""The fuzzer's bound (``--max-ratio``) on working memory, as a multiple of the input."""

WINDOW = {
    "expand_from": datetime(1990, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2040, 1, 1, tzinfo=UTC),
}
"""The window of the fuzzer's ``ical-window`` target."""

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"


def _event(*lines: str, uid: str = "a", start: str = "20200106T100000Z") -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\n{body}END:VEVENT\r\n"


def _cal(*events: str) -> bytes:
    return (HEAD + "".join(events) + "END:VCALENDAR\r\n").encode()


def _unknown_properties(n: int) -> bytes:
    return _cal(_event(*["X:a"] * n))


def _one_categories_line(n: int, params: str = "") -> bytes:
    return _cal(_event(f"CATEGORIES{params}:" + ",".join(["a"] * n)))


def _lines_without_colon(n: int) -> bytes:
    return _cal(_event(*["a"] * n))


def _exdate_lines(n: int) -> bytes:
    days = [(2020 + i // 336, 1 + i // 28 % 12, 1 + i % 28) for i in range(n)]
    exdates = [f"EXDATE:{y:04d}{m:02d}{d:02d}T100000Z" for y, m, d in days]
    return _cal(_event("RRULE:FREQ=DAILY", *exdates))


def _weekday_series(n: int, *, override: bool = False) -> bytes:
    events = []
    for i in range(n):
        events.append(
            _event(
                f"DTEND:2026111{i % 10}T100000Z",
                "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                "EXDATE:20261119T090000Z",
                "DESCRIPTION:" + "x" * (19_000 // n),
                uid=f"w{i}",
                start=f"2026111{i % 10}T090000Z",
            )
        )
        if override:
            events.append(
                f"BEGIN:VEVENT\r\nUID:w{i}\r\nRECURRENCE-ID:20261124T090000Z\r\n"
                "DTSTART:20261124T110000Z\r\nEND:VEVENT\r\n"
            )
    return _cal(*events)


def _ratio(data: bytes, **window: Any) -> tuple[float, Any]:
    got: list[Any] = []

    def target(raw: bytes) -> object:
        result = ical.loads(raw, **window)
        got.append(result)
        return result

    ical.loads(data[:300], **window)  # imports and caches outside the measurement
    _, work = fuzz.measure_memory(target, data)
    return work / len(data), got[-1]


def test_an_event_of_12000_unknown_properties() -> None:
    # 12,000 lines "X:a" (60 KB) took 96x: icalendar built a property for each, with its
    # own parameters, that netcore then dropped unread. They no longer reach icalendar.
    data = _unknown_properties(12_000)
    ratio, got = _ratio(data)
    assert [(e.uid, e.title) for e in got] == [("a", "")]
    assert not got.issues
    assert ratio < MAX_RATIO


@pytest.mark.parametrize("params", ["", ";LANGUAGE=en"])
def test_one_categories_line_of_30000_items(params: str) -> None:
    # One CATEGORIES line of 30,000 one-letter items (60 KB) took 130x: icalendar built a
    # text object with its own parameters for each. netcore splits the line itself (the
    # fuzzer found the same with a parameter: 86x).
    data = _one_categories_line(30_000, params)
    ratio, got = _ratio(data)
    assert got[0].categories == ("a",) * 30_000
    assert ratio < MAX_RATIO


def test_20000_lines_without_a_colon() -> None:
    # 20,000 lines "a" in one event (60 KB) took 85x: icalendar kept an error message for
    # each. They are reported from the block, as before, and never reach icalendar.
    data = _lines_without_colon(20_000)
    ratio, got = _ratio(data)
    assert len(got) == 1
    unread = [i for i in got.issues if i.message.startswith("line could not be read")]
    assert unread
    assert unread[0].line == 7  # the first line after DTSTART
    assert ratio < MAX_RATIO


def test_a_series_with_1680_exdate_lines_read_with_a_window() -> None:
    # 1,680 EXDATE lines (60 KB) of a daily series read over the fuzzer's window took 60x:
    # a series with EXDATEs was expanded by recurring_ical_events holding every occurrence.
    data = _exdate_lines(1_680)
    ratio, got = _ratio(data, **WINDOW)
    starts = {e.start for e in got}
    assert len(got) == 3_500  # max_instances
    assert datetime(2020, 1, 1, 10, tzinfo=UTC) not in starts  # an EXDATE
    assert datetime(2020, 1, 29, 10, tzinfo=UTC) in starts  # the 29th is never excluded
    assert ratio < MAX_RATIO


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize("override", [False, True], ids=["exdate", "exdate-and-override"])
def test_weekday_series_with_exdates_over_50_years(count: int, override: bool) -> None:
    # Found by tools/fuzz.py: calendars of 18 to 21 KB whose weekday series have EXDATEs,
    # read over its 50-year window, took 73x to 96x (110x for 5 series): up to 3,500
    # occurrence objects (about 2 MB) were held per series before any was emitted.
    data = _weekday_series(count, override=override)
    ratio, got = _ratio(data, **WINDOW)
    starts = [e.start for e in got if e.uid == "w0"]
    day, weekdays = date(2026, 11, 10), 0  # w0 starts on a Tuesday
    while day < date(2040, 1, 1):
        weekdays += day.weekday() < 5
        day += timedelta(days=1)
    assert len(starts) == weekdays - 1  # less the EXDATE
    assert datetime(2026, 11, 19, 9, tzinfo=UTC) not in starts  # the EXDATE
    assert (datetime(2026, 11, 24, 11, tzinfo=UTC) in starts) is override  # moved
    assert starts == sorted(starts)
    assert ratio < MAX_RATIO


# Found by the 100,000-input fuzzer run of session 26 (mutations of corpus files, kept
# outside the repository); written here from scratch in the same shapes.


def _organizer_with_an_unclosed_quote(n: int) -> bytes:
    # A quote that never closes, then n ";": the lenient attendee reader's pattern kept a
    # backtracking frame for each character of the quoted alternative: 151x at 10 KB.
    return _cal(_event('ORGANIZER;CN="Gary Po' + ";" * n + ":mailto:g@x.org"))


def _backslashes_in_a_parameter_name(n: int, where: str) -> bytes:
    # icalendar's token check splits such a name at every backslash and builds a string
    # of each piece (and an error quoting the line twice): 80x at 16 KB.
    lines = {
        "DTSTART": ("SUMMARY:s", "DTSTART;TZI" + "\\" * n + "D=Europe/London:20241226T193000"),
        "URL": ("URL;VALUE" + "\\" * n + "=URI:url://here/there",),
        "X": ("X;VALUE=TEXT;MEM" + "\\" * n + "BER=a:b",),
    }[where]
    return _cal(_event(*lines))


def _zone_of_many_parts(parts: int, *, bad_line: bool) -> bytes:
    out = ["BEGIN:VTIMEZONE", "TZID:Custom/Zone"]
    for k in range(parts):
        kind = "STANDARD" if k % 2 == 0 else "DAYLIGHT"
        out += [f"BEGIN:{kind}", f"DTSTART:{1900 + k}1025T030000"]
        out += ["TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", f"TZNAME:Z{k}"]
        if bad_line and k == parts // 2:
            out.append("R\x15ULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        out.append(f"END:{kind}")
    zone = "".join(f"{line}\r\n" for line in [*out, "END:VTIMEZONE"])
    return _cal(
        zone, _event(start="20240101T100000").replace("DTSTART:", "DTSTART;TZID=Custom/Zone:")
    )


def test_an_organizer_with_an_unclosed_quote_and_10000_semicolons() -> None:
    data = _organizer_with_an_unclosed_quote(10_000)
    for window in ({}, WINDOW):
        ratio, got = _ratio(data, **window)
        assert got[0].organizer is not None
        assert got[0].organizer.email == "g@x.org"  # still read leniently
        assert [(i.line, i.property) for i in got.issues] == [(7, "ORGANIZER")]
        assert ratio < MAX_RATIO


@pytest.mark.parametrize("where", ["DTSTART", "URL", "X"])
def test_16000_backslashes_in_a_parameter_name(where: str) -> None:
    data = _backslashes_in_a_parameter_name(16_000, where)
    ratio, got = _ratio(data)
    unread = [i for i in got.issues if i.message.startswith("line could not be read")]
    assert [(i.line, i.property) for i in unread] == [(8 if where == "DTSTART" else 7, where)]
    assert "(a parameter name holds a backslash)" in unread[0].message
    assert len(unread[0].message) < 300  # its first 80 characters, not the line twice
    assert [e.start for e in got] == [datetime(2020, 1, 6, 10, tzinfo=UTC)]  # the good one
    assert ratio < MAX_RATIO


@pytest.mark.parametrize("bad_line", [False, True], ids=["good", "with-a-bad-line"])
def test_a_vtimezone_of_85_parts(bad_line: bool) -> None:
    # With a line icalendar cannot split, the calendar was parsed whole, then the zone
    # again without that line: the first parse stayed alive in a reference cycle (the
    # error held the parser's frame) while the reader paused the cyclic collector: 73x.
    data = _zone_of_many_parts(85, bad_line=bad_line)
    ratio, got = _ratio(data)
    assert [e.start.utcoffset() for e in got] == [timedelta(hours=1)]
    unread = [(i.property, i.severity.value) for i in got.issues]
    assert unread == ([("R", "warning")] if bad_line else [])
    assert ratio < MAX_RATIO


def test_4300_categories_lines() -> None:
    # Each head "CATEGORIES:" went to icalendar, which built a list object for it: 61x.
    data = _cal(_event(*["CATEGORIES:a"] * 4_300))
    ratio, got = _ratio(data)
    assert got[0].categories == ("a",) * 4_300
    assert not got.issues
    assert ratio < MAX_RATIO


def test_the_fuzzer_generates_each_heavy_shape() -> None:
    # The shapes above are in the fuzzer's structured mix (tools.fuzz._gen_ical_heavy),
    # at the sizes where they are heavy, and the same bytes for the same random state.
    marks = {
        4: b"\r\nX:a\r\n",
        5: b"CATEGORIES",
        6: b"\r\na\r\n",
        7: b"EXDATE",
        8: b"BYDAY=MO,TU,WE,TH,FR",
        9: b"\\\\\\\\",
        10: b"END:V",
    }
    for shape, mark in marks.items():
        sizes = [len(fuzz._gen_ical_heavy(random.Random(k), shape)) for k in range(40)]
        found = [
            fuzz._gen_ical_heavy(random.Random(k), shape)
            for k in range(40)
            if mark in fuzz._gen_ical_heavy(random.Random(k), shape)
        ]
        assert found, shape
        assert max(sizes) >= 16 * 1024, shape  # measured by the fuzzer (--memory-min)
        again = fuzz._gen_ical_heavy(random.Random(3), shape)
        assert again == fuzz._gen_ical_heavy(random.Random(3), shape)


@pytest.mark.parametrize(
    ("make", "small", "window", "what"),
    [
        (_unknown_properties, 1_500, False, "unknown properties in one event"),
        (_one_categories_line, 4_000, False, "items of one CATEGORIES line"),
        (_lines_without_colon, 2_500, False, "lines without a colon"),
        (_exdate_lines, 200, True, "EXDATE lines of a windowed series"),
    ],
)
def test_heavy_shapes_are_read_in_linear_time(
    make: Any, small: int, window: bool, what: str
) -> None:
    kwargs = WINDOW if window else {}
    assert_linear(make, lambda data: ical.loads(data, **kwargs), small, what=what)
