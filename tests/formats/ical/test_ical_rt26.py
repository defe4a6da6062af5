"""The red team's session-26 iCalendar findings, beyond the cases of test_rt_session26.

Expected values are written by hand from the documented rules (docs/formats.md,
docs/limits.md), never taken from the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

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
