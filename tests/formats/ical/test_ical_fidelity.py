"""iCalendar round trips: what ``ical.dumps(ical.loads(text))`` keeps (issue 13, fidelity).

Each test is one cause found by ``tools/fidelity.py`` on the corpus, written with small
inputs of its own; icalendar reads the written text back, as the fidelity tool does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar

from netcore.formats import ical
from netcore.formats.issues import Severity
from netcore.model.event import EventStatus


def cal(*lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR", ""]
    )


def vevent(*lines: str, uid: str = "s", start: str = "DTSTART:20260105T090000Z") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", start, *lines, "END:VEVENT"]


SERIES = cal(
    *vevent("SUMMARY:Sync", "RRULE:FREQ=WEEKLY;COUNT=10"),
    *vevent(
        "SUMMARY:Late sync",
        "RECURRENCE-ID:20260302T090000Z",
        start="DTSTART:20260302T160000Z",
    ),
    *vevent(
        "SUMMARY:Early sync",
        "RECURRENCE-ID:20260119T090000Z",
        start="DTSTART:20260119T070000Z",
    ),
)


def written(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_without_a_window_each_override_is_read_after_the_first_occurrence() -> None:
    got = ical.loads(SERIES)
    assert [(e.start, e.title) for e in got] == [
        (datetime(2026, 1, 5, 9, tzinfo=UTC), "Sync"),
        (datetime(2026, 1, 19, 7, tzinfo=UTC), "Early sync"),
        (datetime(2026, 3, 2, 16, tzinfo=UTC), "Late sync"),
    ]
    assert [(i.severity, i.property, i.line) for i in got.issues] == [(Severity.INFO, "RRULE", 8)]


def test_an_override_of_the_first_occurrence_replaces_it_without_a_window() -> None:
    text = cal(
        *vevent("SUMMARY:Sync", "RRULE:FREQ=DAILY;COUNT=3"),
        *vevent(
            "SUMMARY:Moved", "RECURRENCE-ID:20260105T090000Z", start="DTSTART:20260105T100000Z"
        ),
    )
    assert [(e.start, e.title) for e in ical.loads(text)] == [
        (datetime(2026, 1, 5, 10, tzinfo=UTC), "Moved")
    ]


def test_overrides_read_without_a_window_are_written_back_as_overrides() -> None:
    back = written(ical.dumps(ical.loads(SERIES)))
    assert [(str(e["UID"]), e.decoded("DTSTART"), "RECURRENCE-ID" in e) for e in back] == [
        ("s", datetime(2026, 1, 5, 9, tzinfo=UTC), False),
        ("s", datetime(2026, 1, 19, 7, tzinfo=UTC), True),
        ("s", datetime(2026, 3, 2, 16, tzinfo=UTC), True),
    ]


def test_a_window_still_keeps_only_the_overrides_inside_it() -> None:
    got = ical.loads(SERIES, expand_from=date(2026, 2, 1), expand_to=date(2026, 3, 1))
    assert [e.start.day for e in got] == [2, 9, 16, 23]  # type: ignore[union-attr]


def test_a_confirmed_status_is_written() -> None:
    [event] = ical.loads(cal(*vevent("STATUS:CONFIRMED")))
    [back] = written(ical.dumps([event]))
    assert str(back["STATUS"]) == "CONFIRMED"
    assert ical.loads(ical.dumps([event]))[0].status is EventStatus.CONFIRMED
