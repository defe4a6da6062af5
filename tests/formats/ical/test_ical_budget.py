"""Reading cost: series denser than hourly share one budget per input (issue 14), and the
same person in many events is read once (issue 18)."""

from __future__ import annotations

from datetime import date

from netcore.formats import ical
from netcore.formats.issues import Severity

YEAR = {"expand_from": date(2026, 1, 1), "expand_to": date(2027, 1, 1)}


def series(n: int, rule: str) -> str:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:s{i}\r\nDTSTART:20260101T0{i % 10}0000Z\r\nRRULE:{rule}\r\n"
        "END:VEVENT\r\n"
        for i in range(n)
    )
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + body + "END:VCALENDAR\r\n"


def test_dense_series_share_the_per_series_cap_per_input() -> None:
    got = ical.loads(series(5, "FREQ=MINUTELY"), limits=ical.Limits(max_instances=100), **YEAR)
    per_uid = {uid: sum(e.uid == uid for e in got) for uid in ("s0", "s1", "s2", "s3", "s4")}
    assert per_uid == {"s0": 100, "s1": 1, "s2": 1, "s3": 1, "s4": 1}
    spent = [i for i in got.issues if "budget of 100 such occurrences is spent" in i.message]
    # each VEVENT is 5 lines from line 4; its RRULE is its 4th
    assert [(i.severity, i.line, i.property) for i in spent] == [
        (Severity.WARNING, 4 + 5 * k + 3, "RRULE") for k in range(1, 5)
    ]


def test_the_budget_is_shared_not_reset_by_a_partly_spent_series() -> None:
    limits = ical.Limits(max_instances=150)
    got = ical.loads(series(3, "FREQ=MINUTELY;COUNT=100"), limits=limits, **YEAR)
    assert [sum(e.uid == u for e in got) for u in ("s0", "s1", "s2")] == [100, 50, 1]


def test_hourly_and_daily_series_are_not_dense() -> None:
    got = ical.loads(
        series(3, "FREQ=HOURLY;COUNT=200"), limits=ical.Limits(max_instances=300), **YEAR
    )
    assert len(got) == 600


def test_the_same_person_in_many_events_is_one_record() -> None:
    line = "ATTENDEE;CN=Ann;PARTSTAT=ACCEPTED:mailto:ann@example.org"
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:2026010{i + 1}T090000Z\r\n{line}\r\n"
        "ATTENDEE;CN=Ann;PARTSTAT=DECLINED:mailto:ann@example.org\r\nEND:VEVENT\r\n"
        for i in range(3)
    )
    got = ical.loads("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + body + "END:VCALENDAR\r\n")
    accepted = [e.attendees[0] for e in got]
    assert accepted[0] is accepted[1] is accepted[2]
    assert [a.status.value for a in got[0].attendees] == ["accepted", "declined"]
