"""Floating series under Google's ``X-WR-TIMEZONE`` (RT-ical-2, issue 14).

``help(netcore.formats.ical)``: ``X-WR-TIMEZONE`` applies to floating times only. A
series' floating DTSTART, DTEND, RDATEs, EXDATEs and RECURRENCE-IDs are times in that
zone, so an EXDATE or RDATE written in UTC or with its own TZID names the same instant
as the floating occurrence it matches. Expected values are written by hand: Paris is
UTC+1 in January 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from netcore.formats import ical

WINDOW = {
    "expand_from": datetime(2026, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2027, 1, 1, tzinfo=UTC),
}
PARIS_WINTER = timezone(timedelta(hours=1))
X_WR = "X-WR-TIMEZONE:Europe/Paris"


def _calendar(*events: list[str], head: tuple[str, ...] = (X_WR,)) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", *head]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(f"{line}\r\n" for line in lines)


def _daily(*extra: str, start: str = "DTSTART:20260105T100000") -> list[str]:
    return ["UID:s", "SUMMARY:standup", start, "DTEND:20260105T103000", *extra]


def _paris(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=PARIS_WINTER)


def _starts(text: str) -> list[datetime]:
    got = ical.loads(text, **WINDOW)
    assert got.errors == []
    return [e.start for e in got if isinstance(e.start, datetime)]


def test_series_without_exdate_is_read_in_the_x_wr_zone() -> None:
    starts = _starts(_calendar(_daily("RRULE:FREQ=DAILY;COUNT=3")))
    assert starts == [_paris(5), _paris(6), _paris(7)]


def test_utc_exdate_removes_its_occurrence_and_keeps_the_zone() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260106T090000Z"))
    got = ical.loads(text, **WINDOW)
    assert [e.start for e in got] == [_paris(5), _paris(7)]
    assert [e.end for e in got] == [_paris(5, 10, 30), _paris(7, 10, 30)]
    assert [e.start.utcoffset() for e in got] == [timedelta(hours=1)] * 2  # type: ignore[union-attr]
    assert "floating" not in " ".join(i.message for i in got.issues)


def test_floating_exdate_is_read_in_the_x_wr_zone() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260106T100000"))
    assert _starts(text) == [_paris(5), _paris(7)]


def test_exdate_with_its_own_tzid_compares_as_an_instant() -> None:
    # 04:00 in New York on 6 January is 10:00 in Paris: that occurrence goes.
    text = _calendar(
        _daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=America/New_York:20260106T040000")
    )
    assert _starts(text) == [_paris(5), _paris(7)]


def test_utc_rdate_adds_its_instant_and_keeps_the_zone() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=2", "RDATE:20260110T150000Z"))
    starts = _starts(text)
    assert starts == [_paris(5), _paris(6), _paris(10, 16)]
    # The rule's occurrences are in Paris; the RDATE's own is at the instant written.
    assert [s.utcoffset() for s in starts[:2]] == [timedelta(hours=1)] * 2


def test_floating_rdate_is_read_in_the_x_wr_zone() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=2", "RDATE:20260110T160000"))
    assert _starts(text) == [_paris(5), _paris(6), _paris(10, 16)]


def test_override_of_a_floating_occurrence_replaces_it() -> None:
    text = _calendar(
        _daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260105T090000Z"),
        [
            "UID:s",
            "SUMMARY:moved",
            "RECURRENCE-ID:20260106T100000",
            "DTSTART:20260106T140000",
            "DTEND:20260106T143000",
        ],
    )
    got = ical.loads(text, **WINDOW)
    assert got.errors == []
    assert [(e.title, e.start) for e in got] == [
        ("moved", _paris(6, 14)),
        ("standup", _paris(7)),
    ]


def test_utc_recurrence_id_replaces_the_floating_occurrence_at_that_instant() -> None:
    text = _calendar(
        _daily("RRULE:FREQ=DAILY;COUNT=3"),
        [
            "UID:s",
            "SUMMARY:moved",
            "RECURRENCE-ID:20260106T090000Z",
            "DTSTART:20260106T140000Z",
            "DTEND:20260106T143000Z",
        ],
    )
    got = ical.loads(text, **WINDOW)
    assert [(e.title, e.start) for e in got] == [
        ("standup", _paris(5)),
        ("moved", datetime(2026, 1, 6, 14, tzinfo=UTC)),
        ("standup", _paris(7)),
    ]


def test_window_edges_are_compared_in_the_x_wr_zone() -> None:
    # 00:30 in Paris on 1 January 2026 is 23:30 UTC on 31 December 2025: before the window.
    text = _calendar(["UID:e", "SUMMARY:x", "DTSTART:20260101T003000", "RRULE:FREQ=DAILY;COUNT=2"])
    starts = _starts(text)
    assert starts == [datetime(2026, 1, 2, 0, 30, tzinfo=PARIS_WINTER)]


def test_without_x_wr_timezone_a_floating_series_is_read_as_utc() -> None:
    # The documented reading of a floating time: UTC, with one info issue.
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260106T100000"), head=())
    got = ical.loads(text, **WINDOW)
    assert [e.start for e in got] == [
        datetime(2026, 1, 5, 10, tzinfo=UTC),
        datetime(2026, 1, 7, 10, tzinfo=UTC),
    ]
    assert any("floating" in i.message for i in got.issues)


def test_without_x_wr_timezone_an_utc_exdate_matches_the_floating_time_read_as_utc() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260106T100000Z"), head=())
    got = ical.loads(text, **WINDOW)
    assert [e.start for e in got] == [
        datetime(2026, 1, 5, 10, tzinfo=UTC),
        datetime(2026, 1, 7, 10, tzinfo=UTC),
    ]


def test_all_day_series_is_unaffected_by_x_wr_timezone() -> None:
    text = _calendar(
        [
            "UID:d",
            "SUMMARY:offsite",
            "DTSTART;VALUE=DATE:20260105",
            "DTEND;VALUE=DATE:20260106",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;VALUE=DATE:20260106",
            "RDATE;VALUE=DATE:20260110",
        ]
    )
    got = ical.loads(text, **WINDOW)
    assert [(e.start, e.end) for e in got] == [
        (date(2026, 1, 5), date(2026, 1, 6)),
        (date(2026, 1, 7), date(2026, 1, 8)),
        (date(2026, 1, 10), date(2026, 1, 11)),
    ]


def test_unexpanded_series_reads_its_first_occurrence_in_the_x_wr_zone() -> None:
    text = _calendar(_daily("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260106T090000Z"))
    got = ical.loads(text)
    assert [(e.start, e.end) for e in got] == [(_paris(5), _paris(5, 10, 30))]


def test_unreadable_rdate_under_x_wr_timezone_is_reported_and_the_series_read() -> None:
    # Google's birthday calendars write ``RDATE:20131210Z`` (a date with a UTC marker).
    text = _calendar(
        _daily("RRULE:FREQ=DAILY;COUNT=2", "RDATE:20131210Z", "EXDATE:20260106T100000")
    )
    got = ical.loads(text, **WINDOW)
    assert [e.start for e in got] == [_paris(5)]
    assert [(i.line, i.property) for i in got.issues if i.severity.value == "warning"] == [
        (11, "RDATE")
    ]


def test_floating_time_read_without_its_spaces_is_in_the_x_wr_zone() -> None:
    # icalendar cannot read " 20260105T100000"; netcore reads it again without the
    # spaces (a warning), and the zone applies to it as to any floating time.
    got = ical.loads(_calendar(["UID:r", "DTSTART: 20260105T100000", "DTEND:20260105T110000 "]))
    assert [(e.start, e.end) for e in got] == [(_paris(5), _paris(5, 11))]
    assert "floating" not in " ".join(i.message for i in got.issues)
