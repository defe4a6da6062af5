"""The writer's text helpers: ``escape_join`` (the join of each item escaped), REV times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats._vcard_text import escape, escape_join, format_timestamp
from netcore.formats.jcard import _datetime_value

_ITEM = st.text(alphabet=st.sampled_from(["a", "é", ",", ";", "\\", "\n", "\r", " "]), max_size=5)


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
@pytest.mark.parametrize("sep", [";", ","])
@given(items=st.lists(_ITEM, max_size=5))
def test_escape_join_is_the_join_of_each_item_escaped(
    version: str, sep: str, items: list[str]
) -> None:
    assert escape_join(items, sep, version) == sep.join([escape(x, version) for x in items])


@pytest.mark.parametrize(
    ("items", "sep", "expected"),
    [
        (("a", "b"), ";", "a;b"),  # nothing to escape: joined as it is
        (("a;b", "c"), ";", "a\\;b;c"),  # a separator inside an item
        (("a,b", "c"), ";", "a\\,b;c"),  # the other separator
        (("a", "b,c"), ",", "a,b\\,c"),
        (("a\\", "b"), ";", "a\\\\;b"),
        (("a\nb", ""), ";", "a\\nb;"),
        ((), ",", ""),
        (("x;y",), ",", "x\\;y"),
    ],
)
def test_escape_join_examples(items: tuple[str, ...], sep: str, expected: str) -> None:
    assert escape_join(items, sep, "4.0") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 10, 7, 12, 0, 5, tzinfo=UTC), "20241007T120005Z"),
        (datetime(2024, 10, 7, 12, 0, 5), "20241007T120005Z"),  # naive: taken as UTC
        (datetime(5, 1, 2, 3, 4, 5, tzinfo=UTC), "00050102T030405Z"),  # four-digit year
        (
            datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            "20240102T030400+0530",
        ),
        (datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-8))), "20240102T030400-0800"),
        (datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(seconds=30))), "20240102T030330Z"),
    ],
)
def test_format_timestamp(value: datetime, expected: str) -> None:
    assert format_timestamp(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 10, 7, 12, 0, 5, tzinfo=UTC), "2024-10-07T12:00:05Z"),
        (datetime(5, 1, 2, 3, 4, 5), "0005-01-02T03:04:05Z"),
        (
            datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
            "2024-01-02T03:04:00-05:30",
        ),
        (
            datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(seconds=30))),
            "2024-01-02T03:03:30Z",
        ),
    ],
)
def test_format_timestamp_extended_is_what_jcard_makes_of_the_basic_form(
    value: datetime, expected: str
) -> None:
    assert format_timestamp(value, extended=True) == expected
    assert _datetime_value(format_timestamp(value), "timestamp", True) == expected
