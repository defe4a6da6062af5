"""The red team's session-26 iCalendar findings, beyond the cases of test_rt_session26.

Expected values are written by hand from the documented rules (docs/formats.md,
docs/limits.md), never taken from the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from tools import fuzz

from netcore.formats import ical

PARIS_WINTER = timezone(timedelta(hours=1))


def _series(head: str, dtstart: str, extra: str, count: int = 2) -> str:
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}BEGIN:VEVENT\r\nUID:s1\r\n"
        f"DTSTAMP:20260101T000000Z\r\n{dtstart}\r\nRRULE:FREQ=DAILY;COUNT={count}\r\n"
        f"{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


# ---------------------------------------------------------------- RT-26-6 (no window)


@pytest.mark.parametrize(
    ("head", "dtstart", "exdate"),
    [
        ("", "DTSTART;VALUE=DATE:20260320", "EXDATE;VALUE=DATE:20260320"),
        ("", "DTSTART;TZID=Europe/Paris:20260320T100000", "EXDATE:20260320T090000Z"),
        # Google: floating times in the X-WR zone, the EXDATE written in UTC
        ("X-WR-TIMEZONE:Europe/Paris\r\n", "DTSTART:20260320T100000", "EXDATE:20260320T090000Z"),
    ],
    ids=["date", "tzid-exdate-utc", "x-wr-floating"],
)
def test_first_occurrence_removed_by_exdate_is_not_read(
    head: str, dtstart: str, exdate: str
) -> None:
    got = ical.loads(_series(head, dtstart, exdate + "\r\n"))
    assert list(got) == []
    assert [(i.line, i.property, "removed by an EXDATE" in i.message) for i in got.issues] == [
        (8 if head else 7, "RRULE", True)  # the RRULE line
    ]


def test_exdate_of_another_occurrence_keeps_the_first() -> None:
    got = ical.loads(_series("", "DTSTART:20260320T100000Z", "EXDATE:20260321T100000Z\r\n"))
    assert [e.start for e in got] == [datetime(2026, 3, 20, 10, tzinfo=UTC)]


def test_removed_first_occurrence_keeps_the_overrides() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:s1\r\n"
        "DTSTART:20260320T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
        "EXDATE:20260320T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:s1\r\n"
        "RECURRENCE-ID:20260321T100000Z\r\nDTSTART:20260321T120000Z\r\nSUMMARY:moved\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    got = ical.loads(text)
    assert [(e.start, e.title) for e in got] == [(datetime(2026, 3, 21, 12, tzinfo=UTC), "moved")]


# ---------------------------------------------------------------- RT-26-7 (spaces)


def test_spaced_dtend_gives_one_warning_and_is_read() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTART:20260320T100000Z\r\nDTEND: 20260320T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    got = ical.loads(text)
    assert [e.end for e in got] == [datetime(2026, 3, 20, 11, tzinfo=UTC)]
    assert [(i.line, i.property, "without its spaces" in i.message) for i in got.issues] == [
        (6, "DTEND", True)
    ]


def test_spaced_all_day_series_is_expanded() -> None:
    got = ical.loads(
        _series("", "DTSTART;VALUE=DATE: 20260320 ", "", count=3),
        expand_from=date(2026, 3, 1),
        expand_to=date(2026, 4, 1),
    )
    assert [e.start for e in got] == [date(2026, 3, 20), date(2026, 3, 21), date(2026, 3, 22)]


# ---------------------------------------------------------------- RT-26-2 (no colon)


def test_read_property_with_quoted_colon_and_no_value_is_reported() -> None:
    """The colon inside the quoted TZID ends no parameters: the line has no value."""
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        'DTSTART:20260320T100000Z\r\nLOCATION;X="a:b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    )
    got = ical.loads(text)
    assert [e.location for e in got] == [None]
    assert [(i.line, i.property) for i in got.issues] == [(6, "LOCATION")]


def test_read_property_with_empty_value_is_no_issue() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTART:20260320T100000Z\r\nLOCATION;LANGUAGE=en:\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    got = ical.loads(text)
    assert [e.location for e in got] == [""]
    assert got.issues == []


# ---------------------------------------------------------------- RT-26-4/5 (X-WR)


def test_repeated_identical_x_wr_timezone_is_no_issue() -> None:
    text = _series(
        "X-WR-TIMEZONE:Europe/Paris\r\nX-WR-TIMEZONE:Europe/Paris\r\n",
        "DTSTART:20260320T100000",
        "",
        count=1,
    )
    got = ical.loads(text)
    assert [e.start.astimezone(PARIS_WINTER) for e in got] == [
        datetime(2026, 3, 20, 10, tzinfo=PARIS_WINTER)
    ]
    assert [i.property for i in got.issues] == ["RRULE"]  # the not-expanded INFO only


def test_second_x_wr_timezone_does_not_change_the_zone() -> None:
    text = _series(
        "X-WR-TIMEZONE:Europe/Paris\r\nX-WR-TIMEZONE:America/New_York\r\n",
        "DTSTART:20260320T100000",
        "",
        count=1,
    )
    got = ical.loads(text)
    assert [e.start.astimezone(PARIS_WINTER) for e in got] == [
        datetime(2026, 3, 20, 10, tzinfo=PARIS_WINTER)
    ]
    assert [(i.line, i.property) for i in got.issues if i.property == "X-WR-TIMEZONE"] == [
        (4, "X-WR-TIMEZONE")
    ]


# ---------------------------------------------------------------- repeated read properties

MAX_RATIO = 50
"""docs/limits.md: working memory under 50x the input (``tools.fuzz.measure_memory``)."""


def _repeated(line: str) -> bytes:
    body = "".join(f"{line}\r\n" for _ in range(60_000 // (len(line) + 2)))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        f"DTSTAMP:20260101T000000Z\r\nDTSTART:20260105T100000Z\r\n{body}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.slow  # a family of heavy runs: CI runs it (default run under 2 minutes)
@pytest.mark.parametrize(
    "line",
    [
        "SEQUENCE:x",  # 181x while every line reached icalendar
        "DURATION:x",  # 162x
        "RRULE:FREQ=x",  # 309x
        "SEQUENCE:1",  # 53x
        "DTEND:x",  # 217x
        "UID:1",  # 71x
        "URL:x",  # 69x
        "RECURRENCE-ID:x",  # 115x
        "EXDATE:x",  # 246x
        "RDATE:x",  # 272x
    ],
)
def test_repeated_read_property_memory(line: str) -> None:
    data = _repeated(line)
    _peak, working = fuzz.measure_memory(lambda d: ical.loads(d.decode()), data)
    assert working / len(data) < MAX_RATIO


def _event(*lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        f"DTSTART:20260320T100000Z\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_repeated_single_property_first_is_used_later_reported() -> None:
    got = ical.loads(_event("SUMMARY:one", "SUMMARY:two", "LOCATION:a", "SUMMARY:three"))
    assert [(e.title, e.location) for e in got] == [("one", "a")]
    assert [(i.line, i.property, "repeated" in i.message) for i in got.issues] == [
        (7, "SUMMARY", True),
        (9, "SUMMARY", True),
    ]


def test_repeated_bad_value_is_still_reported_as_before() -> None:
    """A good DTEND then a bad one: the bad one is reported as icalendar reported it."""
    got = ical.loads(_event("DTEND:20260320T110000Z", "DTEND:x", "DTEND:y"))
    assert [e.end for e in got] == [datetime(2026, 3, 20, 11, tzinfo=UTC)]
    assert [(i.line, i.property) for i in got.issues] == [(7, "DTEND"), (8, "DTEND"), (6, "DTEND")]
    assert "repeated" in got.issues[0].message
    assert "repeated" in got.issues[1].message
    assert "could not be read" in got.issues[2].message


def test_repeated_bad_exdate_is_reported_once_as_before() -> None:
    got = ical.loads(_event("RRULE:FREQ=DAILY;COUNT=2", "EXDATE:x", "EXDATE:y"))
    assert [e.start for e in got] == [datetime(2026, 3, 20, 10, tzinfo=UTC)]
    assert [(i.line, i.property, "as an earlier EXDATE" in i.message) for i in got.issues] == [
        (8, "EXDATE", True),
        (7, "EXDATE", False),  # the first bad EXDATE, dropped as before
        (6, "RRULE", False),  # not expanded: no window
    ]


def test_repeated_valid_rrules_are_all_kept() -> None:
    got = ical.loads(
        _event("RRULE:FREQ=DAILY;COUNT=2", "RRULE:FREQ=WEEKLY;COUNT=2"),
        expand_from=date(2026, 3, 1),
        expand_to=date(2026, 5, 1),
    )
    assert [e.start for e in got] == [
        datetime(2026, 3, 20, 10, tzinfo=UTC),
        datetime(2026, 3, 21, 10, tzinfo=UTC),
        datetime(2026, 3, 27, 10, tzinfo=UTC),
    ]
    assert got.issues == []


def test_first_occurrence_check_memory_with_many_exdates() -> None:
    """The fuzzer's shape: 170 ``EXDATE;TZID=...`` lines of 10 dates, read without a window.

    Checking whether an EXDATE removes DTSTART built the series' sets of every EXDATE
    (62.9x); only those near DTSTART are needed.
    """
    first = date(2020, 1, 1)
    days = [(first + timedelta(days=n)).strftime("%Y%m%dT100000") for n in range(1700)]
    exdates = "".join(
        "EXDATE;TZID=Europe/Paris:" + ",".join(days[i : i + 10]) + "\r\n"
        for i in range(0, 1700, 10)
    )
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:h\r\n"
        "DTSTART;TZID=Europe/Paris:20200106T100000\r\nSUMMARY:s\r\n"
        f"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n{exdates}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert list(ical.loads(data.decode())) == []  # 2020-01-06 is among the EXDATEs
    _peak, working = fuzz.measure_memory(lambda d: ical.loads(d.decode()), data)
    assert working / len(data) < MAX_RATIO
