"""iCalendar reading keeps what a broken property leaves readable (RT-codecs fixes)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from netcore.formats import ical
from netcore.formats.issues import Severity

WINDOW = {
    "expand_from": datetime(2026, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2026, 12, 31, tzinfo=UTC),
}
MASTER = "UID:s\nDTSTART:20260105T100000Z\nDTEND:20260105T110000Z\nRRULE:FREQ=WEEKLY;COUNT=4"


def cal(*events: str) -> str:
    body = "".join(
        f"BEGIN:VEVENT\r\n{e.replace(chr(10), chr(13) + chr(10))}\r\nEND:VEVENT\r\n" for e in events
    )
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + body + "END:VCALENDAR\r\n"


def days(parsed: list) -> list[tuple[int, int]]:
    return sorted((e.start.day, e.start.hour) for e in parsed)


def test_broken_exdate_is_dropped_and_a_readable_one_still_applies() -> None:
    parsed = ical.loads(cal(MASTER + "\nEXDATE:garbage\nEXDATE:20260112T100000Z"), **WINDOW)
    assert days(parsed) == [(5, 10), (19, 10), (26, 10)]
    (issue,) = parsed.issues
    assert (issue.property, issue.line, issue.severity) == ("EXDATE", 9, Severity.WARNING)


def test_override_with_broken_recurrence_id_is_read_on_its_own() -> None:
    override = "UID:s\nRECURRENCE-ID:xyz\nDTSTART:20260112T150000Z\nSUMMARY:moved"
    parsed = ical.loads(cal(MASTER, override), **WINDOW)
    assert days(parsed) == [(5, 10), (12, 10), (12, 15), (19, 10), (26, 10)]
    assert [e.title for e in parsed if e.start.hour == 15] == ["moved"]
    (issue,) = parsed.issues
    assert (issue.property, issue.line) == ("RECURRENCE-ID", 12)


def test_negative_duration_keeps_the_event_without_its_end() -> None:
    parsed = ical.loads(cal("UID:a\nDTSTART:20260105T100000Z\nDURATION:-PT1H"), **WINDOW)
    (event,) = parsed
    assert event.end is None
    assert "DURATION" in parsed.issues[0].message


def test_dtend_before_dtstart_is_still_named_dtend() -> None:
    parsed = ical.loads(cal("UID:a\nDTSTART:20260105T100000Z\nDTEND:20260105T090000Z"))
    assert [i.property for i in parsed.issues] == ["DTEND"]


def test_end_past_year_9999_keeps_the_start() -> None:
    parsed = ical.loads(cal("UID:a\nDTSTART:99991231T100000Z\nDURATION:P2D"))
    (event,) = parsed
    assert event.start == datetime(9999, 12, 31, 10, tzinfo=UTC)
    assert event.end is None
    assert [i.property for i in parsed.issues] == ["DURATION"]


def test_libical_path_tzid_resolves_and_an_unknown_path_does_not() -> None:
    zone = "/softwarestudio.org/Olson_20011030_5/America/New_York"
    known = f'UID:a\nDTSTART;TZID="{zone}":20260105T100000'
    unknown = "UID:b\nDTSTART;TZID=/example.org/1/Nowhere/Place:20260105T100000"
    parsed = ical.loads(cal(known, unknown))
    by_uid = {e.uid: e for e in parsed}
    assert by_uid["a"].start.tzinfo == ZoneInfo("America/New_York")
    assert by_uid["b"].start.utcoffset().total_seconds() == 0
    warned = [i for i in parsed.issues if i.severity is not Severity.INFO]
    assert [(i.property, i.line) for i in warned] == [("DTSTART", 10)]


def test_uids_differing_in_spaces_are_two_events() -> None:
    parsed = ical.loads(
        cal("UID:lead\nDTSTART:20260105T100000Z", "UID: lead \nDTSTART:20260106T100000Z")
    )
    assert sorted(e.uid for e in parsed) == [" lead ", "lead"]


def test_mailto_without_at_is_kept_but_a_bare_word_is_no_address() -> None:
    parsed = ical.loads(
        cal(
            "UID:a\nDTSTART:20260105T100000Z\nORGANIZER:mailto:team",
            "UID:b\nDTSTART:20260105T100000Z\nORGANIZER;CN=Ann:team",
        )
    )
    by_uid = {e.uid: e for e in parsed}
    assert by_uid["a"].organizer is not None
    assert by_uid["a"].organizer.email == "team"
    assert by_uid["b"].organizer is not None
    assert (by_uid["b"].organizer.email, by_uid["b"].organizer.name) == (None, "Ann")


def test_categories_are_read_by_icalendar_s_rule_and_a_bad_head_gives_none() -> None:
    # netcore reads the items of every CATEGORIES line itself (unescaped commas, then the
    # escapes undone: icalendar's rule), folded or not, with parameters or not; icalendar
    # sees only the head and reports one it cannot read, whose items are not read (as
    # when icalendar read the whole line).
    parsed = ical.loads(
        cal(
            "UID:c\nDTSTART:20260105T100000Z\nCATEGORIES:a\\,b, c,,d\n e\n"
            "CATEGORIES;LANGUAGE=en:f\nCATEGORIES;=x:g"
        )
    )
    assert parsed[0].categories == ("a,b", " c", "de", "f")
    assert [(i.line, i.property) for i in parsed.issues] == [(10, "CATEGORIES")]


def test_unread_and_unreadable_lines_kept_from_icalendar_lose_no_issue() -> None:
    # "X:a" and "CLASS:x" (text, not read) never reach icalendar; "a" (no ":" nor ";")
    # and "A;B" (a parameter without "=") cannot be split by icalendar's content-line
    # parser and are reported from the block. The issues are those icalendar gave when
    # it saw every line.
    parsed = ical.loads(cal("UID:u\nDTSTART:20260105T100000Z\nX:a\nCLASS:x\na\nA;B\nSUMMARY:kept"))
    assert [(e.uid, e.title) for e in parsed] == [("u", "kept")]
    assert [(i.line, i.severity) for i in parsed.issues] == [
        (9, Severity.WARNING),
        (10, Severity.WARNING),
    ]
    assert "'a': Invalid content line" in parsed.issues[0].message
    assert "'B' is not a valid parameter string" in parsed.issues[1].message


def test_a_series_with_exdates_and_two_uid_lines_is_expanded() -> None:
    # recurring_ical_events could not hash the occurrence id of a VEVENT with two UID
    # lines (a list): such a series with an EXDATE was read as its first occurrence with
    # an error. It takes the path that needs no occurrence id now.
    parsed = ical.loads(
        cal(MASTER.replace("UID:s", "UID:s\nUID:t") + "\nEXDATE:20260112T100000Z"), **WINDOW
    )
    assert days(parsed) == [(5, 10), (19, 10), (26, 10)]
    assert {e.uid for e in parsed} == {"s"}


def test_a_series_with_an_override_and_two_uid_lines_is_expanded() -> None:
    # The same on the general path (an override): occurrences are told apart by their
    # RECURRENCE-ID and start, without the UID.
    override = "UID:s\nRECURRENCE-ID:20260112T100000Z\nDTSTART:20260112T150000Z"
    master = MASTER.replace("UID:s", "UID:s\nUID:t")
    parsed = ical.loads(cal(master, override), **WINDOW)
    assert days(parsed) == [(5, 10), (12, 15), (19, 10), (26, 10)]
