"""Windowed expansion of plain series (no override, EXDATE or RDATE period), issue 14.

The fuzzer's slow windowed inputs (`FREQ=SECONDLY` from 2020, ten weekly series, hourly
series with five attendees each) expand through a path that skips recurring_ical_events'
per-occurrence objects; these tests pin that it gives the events the general path gives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from _complexity import assert_linear
from netcore.formats import ical

WINDOW = {
    "expand_from": datetime(1990, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2040, 1, 1, tzinfo=UTC),
}


def _calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n"


def test_weekly_series_has_every_week_of_the_window() -> None:
    data = _calendar("UID:w\r\nDTSTART:20390101T090000Z\r\nRRULE:FREQ=WEEKLY\r\n")
    starts = [e.start for e in ical.loads(data, **WINDOW)]
    # 2039-01-01 is a Saturday; the window ends 2040-01-01: 53 Saturdays.
    assert len(starts) == 53
    assert starts[0] == datetime(2039, 1, 1, 9, tzinfo=UTC)
    assert starts[-1] == datetime(2039, 12, 31, 9, tzinfo=UTC)


def test_interval_count_and_until_are_kept() -> None:
    data = _calendar(
        "UID:a\r\nDTSTART:20300101T000000Z\r\nRRULE:FREQ=HOURLY;INTERVAL=5;COUNT=4\r\n",
        "UID:b\r\nDTSTART;VALUE=DATE:20300101\r\nRRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20300110\r\n",
    )
    events = ical.loads(data, **WINDOW)
    hours = [e.start for e in events if e.uid == "a"]
    days = [e.start for e in events if e.uid == "b"]
    assert hours == [datetime(2030, 1, 1, h, tzinfo=UTC) for h in (0, 5, 10, 15)]
    assert days == [date(2030, 1, d) for d in (1, 4, 7, 10)]


def test_local_time_steps_across_a_dst_change() -> None:
    # Daily at 10:00 in Paris across the 2030-03-31 change: the wall clock stays 10:00.
    data = _calendar(
        "UID:p\r\nDTSTART;TZID=Europe/Paris:20300329T100000\r\n"
        "DTEND;TZID=Europe/Paris:20300329T110000\r\nRRULE:FREQ=DAILY;COUNT=4\r\n"
    )
    events = ical.loads(data, **WINDOW)
    assert [(e.start.day, e.start.hour) for e in events] == [(29, 10), (30, 10), (31, 10), (1, 10)]
    assert [e.start.utcoffset().total_seconds() / 3600 for e in events] == [1, 1, 2, 2]  # type: ignore[union-attr]


def test_an_exdate_takes_the_general_path_and_is_honoured() -> None:
    data = _calendar(
        "UID:x\r\nDTSTART:20300101T000000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
        "EXDATE:20300102T000000Z\r\n"
    )
    assert [e.start.day for e in ical.loads(data, **WINDOW)] == [1, 3]


def test_attendee_budget_is_reported_once() -> None:
    people = "".join(f"ATTENDEE:mailto:p{i}@x.org\r\n" for i in range(5))
    events = [
        f"UID:e{i}\r\nDTSTART:20200101T0{i % 10}0000Z\r\n{people}RRULE:FREQ=HOURLY\r\n"
        for i in range(20)
    ]
    parsed = ical.loads(_calendar(*events), **WINDOW)
    assert len(parsed) == 40_000  # 200,000 attendees summed / 5 a meeting
    budget = [i for i in parsed.issues if "limit per input" in i.message]
    assert len(budget) == 1


@pytest.mark.slow
@pytest.mark.parametrize("freq", ["SECONDLY", "HOURLY", "WEEKLY"])
def test_many_series_in_a_window_are_linear(freq: str) -> None:
    def make(n: int) -> str:
        return _calendar(
            *(
                f"UID:e{i}\r\nDTSTART:20380101T0{i % 10}0000Z\r\nRRULE:FREQ={freq}\r\n"
                for i in range(n)
            )
        )

    window = {
        "expand_from": datetime(2038, 1, 1, tzinfo=UTC),
        "expand_to": datetime(2038, 3, 1, tzinfo=UTC),
    }
    small = 16 if freq == "WEEKLY" else 2  # a weekly series is cheap: 1 ms at 2 is noise
    assert_linear(make, lambda d: ical.loads(str(d), **window), small, what=f"{freq} series")


@pytest.mark.slow
def test_hourly_series_with_attendees_are_linear() -> None:
    def make(n: int) -> str:
        people = "".join(f"ATTENDEE:mailto:p{i}@x.org\r\n" for i in range(5))
        return _calendar(
            *(
                f"UID:e{i}\r\nDTSTART:20380101T0{i % 10}0000Z\r\n{people}RRULE:FREQ=HOURLY\r\n"
                for i in range(n)
            )
        )

    window = {
        "expand_from": datetime(2038, 1, 1, tzinfo=UTC),
        "expand_to": datetime(2038, 2, 1, tzinfo=UTC),
    }
    assert_linear(make, lambda d: ical.loads(str(d), **window), 4, what="attendee series")
