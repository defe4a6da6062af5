"""``_guard.unsplittable``: the lines netcore finds icalendar's parser would reject.

The reader keeps such a line from icalendar and reports it itself, because icalendar's
check of a long bad name cost 43x the line in memory (issue 14). The rule mirrors
icalendar's parser, so these tests hold it to icalendar's own answer: every line it
calls unsplittable, icalendar's ``Contentline.raw_parts`` rejects too (a drawn
differential, so a new icalendar that splits such lines fails here).
"""

from __future__ import annotations

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats.ical._guard import unsplittable


def _icalendar_rejects(text: str) -> bool:
    try:
        icalendar.parser.Contentline(text).raw_parts()  # type: ignore[no-untyped-call]
    except ValueError:
        return True
    return False


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (";", "the property name is no name"),
        (":a", "the property name is no name"),
        ("", "the property name is no name"),
        ("DESCR\\IPTION:a", "the property name is no name"),
        ('X"A:b', "the property name is no name"),
        ("DTSTART;TZI\\\\D=Europe/London:20241226T193000", "a parameter name holds a backslash"),
        ("X;VALUE=TEXT;MEM\\BER=a:b", "a parameter name holds a backslash"),
        ("X;A\\;B=1:c", "a parameter name holds a backslash"),
        ("X;A;B\\=1:c", "a parameter name holds a backslash"),  # "A" has no "="
    ],
)
def test_lines_found_unsplittable_with_their_reason(text: str, reason: str) -> None:
    assert unsplittable(text) == reason
    assert _icalendar_rejects(text)


@pytest.mark.parametrize(
    "text",
    [
        "DTSTART;TZID=Europe/London:20241226T193000",
        "X;A=a\\b:c",  # a backslash in a value: icalendar's to judge
        'X;A="a\\b";B\\C=1:d',  # after a quote: not decided here
        "X:a\\;b",  # in the value
        " DTSTART :x",  # white space around a name
        "A",  # no separator at all: icalendar rejects it, but not for these reasons
    ],
)
def test_lines_left_to_icalendar(text: str) -> None:
    assert unsplittable(text) is None


@given(st.text(alphabet='AX;=:"\\ ,\t-.é', max_size=24))
def test_a_line_found_unsplittable_is_one_icalendar_rejects(text: str) -> None:
    if unsplittable(text) is not None:
        assert _icalendar_rejects(text), text
