"""Lines netcore keeps away from icalendar: unread properties and lines that are no property.

docs/limits.md: working memory under 50x the input. icalendar builds a property object
with a parameter dictionary for every line and records an error for every line it cannot
split, so 7,500 lines ``X;A=1:a`` took 85x and 15,000 lines ``;`` 112x (RT-ical-4,
RT-ical-5). netcore decides each line by one rule (``_read._fate``): an unread property
icalendar reads as text never reaches it; a line icalendar's content-line parser cannot
split is reported from the block, naming its line, with the parser's message. The issues
expected here are those icalendar gave when it saw every line (written by hand from its
rules: ``name *(";" param) ":" value``, a parameter is ``name=value``).
"""

from __future__ import annotations

from typing import Any

import pytest
from tools import fuzz

from _complexity import assert_linear
from netcore.formats import ical
from netcore.formats.issues import Severity

MAX_RATIO = 50
"""docs/limits.md: working memory under 50x the input (``tools.fuzz.measure_memory``)."""


def _calendar(*lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\n"
        f"DTSTART:20260105T100000Z\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _issues(*lines: str) -> list[tuple[int | None, str | None, str]]:
    got = ical.loads(_calendar(*lines))
    assert [e.uid for e in got] == ["1"]
    return [(i.line, i.property, i.message) for i in got.issues]


@pytest.mark.parametrize(
    "line",
    [
        "X;A=1:a",  # an unread property with a parameter
        "X-A;P=1;Q=2:a",
        'COMMENT;ALTREP="cid:a":a',  # a colon inside a quoted parameter value
        "X;A=1",  # no colon: icalendar reads an empty value
        "X-A;VALUE=TEXT:a",
        "X-A;VALUE=DATE:x",  # netcore reports no error in an X- property
    ],
)
def test_unread_property_with_parameters_gives_no_issue(line: str) -> None:
    assert _issues(line) == []


@pytest.mark.parametrize(
    ("lines", "reported"),
    [
        ([";"], [(7, None)]),
        ([";a"], [(7, None)]),
        (["a;"], [(7, "A")]),  # a name, then an empty parameter section
        (["COMMENT;A:a"], [(7, "COMMENT")]),  # a parameter without "="
        (["LOCATION;A:a"], [(7, "LOCATION")]),  # a property netcore reads
        (["X;A=1;B:a"], [(7, "X")]),
        (["X", " ;A:a"], [(7, "X")]),  # folded before its parameters
        (["A;B", "c"], [(7, "A"), (8, "C")]),  # RT-ical-5's mix, and a line with neither
    ],
)
def test_line_that_cannot_be_split_is_reported_with_its_line(
    lines: list[str], reported: list[tuple[int, str | None]]
) -> None:
    got = _issues(*lines)
    assert [(line, prop) for line, prop, _ in got] == reported
    for (_, _, message), text in zip(got, [t for t in lines if not t.startswith(" ")], strict=True):
        assert message.startswith("line could not be read and was ignored")
        # A line without a name is found by netcore (``_guard.unsplittable``) and says so;
        # the others are found by icalendar's parser, whose message is kept.
        reason = (
            "(the property name is no name)"
            if text.startswith(";")
            else "Content line could not be parsed into parts"
        )
        assert reason in message
        assert repr(text) in message or repr(text + lines[-1][1:]) in message


def test_unread_property_whose_value_is_not_text_is_still_reported() -> None:
    # VALUE=DATE makes COMMENT a date, which "x" is not: icalendar reports it, as before.
    got = _issues("COMMENT;VALUE=DATE:x")
    assert [(line, prop) for line, prop, _ in got] == [(7, "COMMENT")]
    assert got[0][2].startswith("COMMENT could not be read")


def test_unreadable_lines_are_counted_per_kind_not_listed() -> None:
    # 5,000 lines ";" give a few issues with their lines and a count, not 5,000.
    got = ical.loads(_calendar(*[";"] * 5_000))
    assert [e.uid for e in got] == ["1"]
    listed = [i for i in got.issues if i.message.startswith("line could not be read")]
    counted = [i for i in got.issues if "more issues like this one" in i.message]
    assert 0 < len(listed) < 50
    assert [i.line for i in listed] == list(range(7, 7 + len(listed)))
    assert len(counted) == 1
    assert f"{5_000 - len(listed)} more issues" in counted[0].message
    assert all(i.severity is Severity.WARNING for i in got.issues)


def _working_ratio(line: str, size: int = 60_000) -> float:
    data = _calendar(*[line] * (size // (len(line) + 2))).encode()
    ical.loads(data[:300])  # imports and caches outside the measurement
    _peak, working = fuzz.measure_memory(lambda d: ical.loads(d.decode()), data)
    return working / len(data)


@pytest.mark.slow  # a family of heavy runs: CI runs it (default run under 2 minutes)
@pytest.mark.parametrize(
    "line",
    [
        "X;A=1:a",
        "X-A;P=1:a",
        "COMMENT;A=1:a",
        "X;A=1",
        "X\r\n ;A=1:a",
        "X-A;VALUE=DATE:x",  # 140x when icalendar read it
        ";",
        ";a",
        "a;",
        "A;B",
    ],
)
def test_60_kb_of_one_such_line_stays_under_50x(line: str) -> None:
    assert _working_ratio(line) < MAX_RATIO


def _lines(line: str) -> Any:
    return lambda n: _calendar(*[line] * n)


@pytest.mark.parametrize(
    ("make", "small", "what"),
    [
        (_lines("X;A=1:a"), 1_000, "unread properties with a parameter"),
        (_lines(";a"), 1_000, "lines with a ';' and no ':'"),
    ],
)
@pytest.mark.slow
def test_lines_kept_away_are_read_in_linear_time(make: Any, small: int, what: str) -> None:
    assert_linear(make, lambda data: ical.loads(str(data)), small, what=what)
