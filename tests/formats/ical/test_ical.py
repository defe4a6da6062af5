"""netcore.formats.ical: reading, guards, recurrence bounds and writing."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _watchdog import Hang, watchdog, watched
from netcore import Contact, Email, PartialDate
from netcore.errors import LimitExceededError, ParseError
from netcore.formats import ical
from netcore.formats.issues import Severity
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventKind,
    EventStatus,
)
from netcore.testing import events as event_strategy

YEAR_2026 = {"expand_from": date(2026, 1, 1), "expand_to": date(2027, 1, 1)}


def cal(*lines: str, eol: str = "\r\n") -> str:
    return eol.join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR", ""]
    )


def vevent(*lines: str, uid: str = "e1", start: str = "DTSTART:20260301T090000Z") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", start, *lines, "END:VEVENT"]


def messages(parsed: ical.Parsed[Event], severity: Severity | None = None) -> str:
    return " | ".join(i.message for i in parsed.issues if severity in (None, i.severity))


# ---- fields ---------------------------------------------------------------------------


def test_reads_every_field_of_an_invitation() -> None:
    text = cal(
        *vevent(
            "DTEND:20260301T103000Z",
            "SUMMARY:Quarterly review",
            "LOCATION:Room 4\\, 2nd floor",
            "URL:https://example.org/q",
            "DESCRIPTION:Line one\\nLine two",
            "CATEGORIES:Work,Planning",
            'ORGANIZER;CN="Doe, Jane":mailto:jane@example.org',
            "ATTENDEE;CN=Ada;PARTSTAT=ACCEPTED;ROLE=CHAIR;CUTYPE=INDIVIDUAL:MAILTO:ada@example.org",
            "ATTENDEE;PARTSTAT=DECLINED;ROLE=OPT-PARTICIPANT:mailto:bob@example.org",
            "ATTENDEE;CN=Room 4;CUTYPE=ROOM:urn:uuid:room-4",
        )
    )
    [e] = ical.loads(text)
    assert (e.uid, e.title, e.location, e.url) == (
        "e1",
        "Quarterly review",
        "Room 4, 2nd floor",
        "https://example.org/q",
    )
    assert e.start == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert e.end == datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
    assert e.description == "Line one\nLine two"
    assert e.categories == ("Work", "Planning")
    assert e.organizer == Attendee(email="jane@example.org", name="Doe, Jane")
    assert e.attendees == (
        Attendee(
            email="ada@example.org",
            name="Ada",
            status=AttendeeStatus.ACCEPTED,
            role=AttendeeRole.CHAIR,
            cutype="individual",
        ),
        Attendee(
            email="bob@example.org",
            status=AttendeeStatus.DECLINED,
            role=AttendeeRole.OPT_PARTICIPANT,
        ),
        Attendee(name="Room 4", cutype="room"),
    )
    assert e.kind is EventKind.MEETING  # "review" in the title


def test_all_day_event_and_duration() -> None:
    [e] = ical.loads(cal(*vevent("DURATION:P2D", start="DTSTART;VALUE=DATE:20260510")))
    assert (e.start, e.end) == (date(2026, 5, 10), date(2026, 5, 12))


@pytest.mark.parametrize(
    ("title", "categories", "kind"),
    [
        ("PyCon US 2026", "CONFERENCE", EventKind.CONFERENCE),
        ("Python user group", None, EventKind.MEETUP),
        ("Intro workshop", None, EventKind.TRAINING),
        ("Team dinner", None, EventKind.SOCIAL),
        ("1:1 with Ada", None, EventKind.MEETING),
        ("Dentist", None, EventKind.OTHER),
        ("Team dinner", "Training", EventKind.TRAINING),  # categories before the title
        ("Recall the callback", None, EventKind.OTHER),  # whole words only
    ],
)
def test_kind_rule(title: str, categories: str | None, kind: EventKind) -> None:
    lines = [f"SUMMARY:{title}"] + ([f"CATEGORIES:{categories}"] if categories else [])
    assert ical.loads(cal(*vevent(*lines)))[0].kind is kind


def test_time_zones_windows_iana_custom_and_unknown() -> None:
    text = cal(
        "BEGIN:VTIMEZONE",
        "TZID:My Office",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "END:STANDARD",
        "END:VTIMEZONE",
        *vevent(uid="win", start="DTSTART;TZID=W. Europe Standard Time:20260115T100000"),
        *vevent(uid="iana", start="DTSTART;TZID=America/New_York:20260115T100000"),
        *vevent(uid="custom", start="DTSTART;TZID=My Office:20260115T100000"),
        *vevent(uid="unknown", start="DTSTART;TZID=Atlantis Time:20260115T100000"),
        *vevent(uid="floating", start="DTSTART:20260115T100000"),
    )
    got = ical.loads(text)
    by = {e.uid: e.start for e in got}
    assert isinstance(by["win"], datetime)
    assert by["win"].utcoffset() == timedelta(hours=1)
    assert by["win"] == datetime(2026, 1, 15, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    assert by["iana"] == datetime(2026, 1, 15, 10, tzinfo=ZoneInfo("America/New_York"))
    assert by["custom"] == datetime(2026, 1, 15, 4, 30, tzinfo=UTC)
    assert by["unknown"] == datetime(2026, 1, 15, 10, tzinfo=UTC)
    assert by["unknown"].tzname() == "Atlantis Time"  # the original text is kept
    assert by["floating"] == datetime(2026, 1, 15, 10, tzinfo=UTC)
    assert "unknown TZID 'Atlantis Time'" in messages(got, Severity.WARNING)
    assert "floating time" in messages(got, Severity.INFO)


def test_custom_zone_is_per_input_not_first_seen() -> None:
    def zone(offset: str) -> str:
        return cal(
            "BEGIN:VTIMEZONE",
            "TZID:Branch Office",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            "END:STANDARD",
            "END:VTIMEZONE",
            *vevent(start="DTSTART;TZID=Branch Office:20260115T100000"),
        )

    first = ical.loads(zone("+0300"))[0].start
    second = ical.loads(zone("-0700"))[0].start
    assert isinstance(first, datetime)
    assert isinstance(second, datetime)
    assert (first.utcoffset(), second.utcoffset()) == (timedelta(hours=3), timedelta(hours=-7))


def test_google_x_wr_timezone() -> None:
    text = cal("X-WR-TIMEZONE:Europe/Paris", *vevent(start="DTSTART:20260701T090000"))
    [e] = ical.loads(text)
    assert e.start == datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("Europe/Paris"))


# ---- guards --------------------------------------------------------------------------


def test_bom_is_removed() -> None:
    got = ical.loads(b"\xef\xbb\xbf" + cal(*vevent("SUMMARY:x")).encode())
    assert [e.title for e in got] == ["x"]
    assert "byte-order mark" in messages(got, Severity.INFO)


def test_cr_only_line_endings_are_read_with_an_issue() -> None:
    got = ical.loads(cal(*vevent("SUMMARY:Mac classic"), eol="\r"))
    assert [e.title for e in got] == ["Mac classic"]
    assert "lone CR" in messages(got, Severity.WARNING)


def test_lf_only_line_endings_are_fine() -> None:
    got = ical.loads(cal(*vevent("SUMMARY:unix"), eol="\n"))
    assert [e.title for e in got] == ["unix"]
    assert got.issues == []


def test_non_utf8_bytes_are_decoded_with_an_issue_never_as_replacement_char() -> None:
    data = cal(*vevent("SUMMARY:Caf\u00e9 cr\u00e8me")).encode("cp1252")
    got = ical.loads(data)
    assert got[0].title == "Café crème"
    assert "\ufffd" not in got[0].title
    issue = next(i for i in got.issues if "not UTF-8" in i.message)
    assert (issue.severity, issue.line) == (Severity.WARNING, 7)  # the SUMMARY line


def test_unclosed_vevent_is_an_error_issue_not_an_empty_result() -> None:
    text = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "UID:cut",
            "DTSTART:20260301T090000Z",
            "SUMMARY:Truncated",
        ]
    )
    got = ical.loads(text)
    assert [e.title for e in got] == ["Truncated"]
    errors = got.errors
    assert errors
    assert errors[0].line == 2
    assert errors[0].property == "VEVENT"
    with pytest.raises(ParseError) as info:
        ical.loads(text, strict=True)
    assert info.value.line == 2


def test_vtimezone_bomb_uses_the_iana_zone_or_a_fixed_offset() -> None:
    def bomb(tzid: str) -> str:
        return cal(
            "BEGIN:VTIMEZONE",
            f"TZID:{tzid}",
            "BEGIN:STANDARD",
            "DTSTART:16010101T000000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:16010101T000000",
            "RRULE:FREQ=MINUTELY",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            *vevent(start=f"DTSTART;TZID={tzid}:20260701T100000"),
        )

    def read(tzid: str) -> tuple[timedelta | None, str]:
        got = ical.loads(bomb(tzid))
        start = got[0].start
        assert isinstance(start, datetime)
        return start.utcoffset(), messages(got, Severity.WARNING)

    offset, msg = watched(lambda: read("Europe/Berlin"))  # type: ignore[misc]
    assert offset == timedelta(hours=2)  # real Berlin summer time
    assert "IANA zone 'Europe/Berlin'" in msg
    offset, msg = watched(lambda: read("Bomb Zone"))  # type: ignore[misc]
    assert offset == timedelta(hours=1)  # the STANDARD offset, fixed
    assert "fixed offset +0100" in msg


def test_nesting_deeper_than_the_limit() -> None:
    deep = ["BEGIN:X-A"] * 150 + ["END:X-A"] * 150
    text = cal(*deep, *vevent("SUMMARY:still here"))
    got = ical.loads(text)
    assert [e.title for e in got] == ["still here"]
    assert "nested deeper than 100" in messages(got, Severity.ERROR)
    with pytest.raises(LimitExceededError):
        ical.loads(text, strict=True)


def test_line_and_size_limits() -> None:
    limits = ical.Limits(max_line_length=200, max_bytes=10_000)
    text = cal(*vevent("DESCRIPTION:" + "x" * 500, "SUMMARY:kept"))
    got = ical.loads(text, limits=limits)
    assert [(e.title, e.description) for e in got] == [("kept", None)]
    assert got.errors[0].line == 7  # the DESCRIPTION line
    with pytest.raises(LimitExceededError):
        ical.loads(text, limits=limits, strict=True)
    big = cal(*vevent("DESCRIPTION:" + "y" * 20_000))
    assert list(ical.loads(big, limits=limits)) == []
    assert "exceeds the limit" in messages(ical.loads(big, limits=limits), Severity.ERROR)


def test_alarm_repeat_limit() -> None:
    text = cal(
        *vevent(
            "SUMMARY:alarm",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT5M",
            "REPEAT:99999999",
            "DURATION:PT1S",
            "END:VALARM",
        )
    )
    got = watched(lambda: ical.loads(text))
    assert [e.title for e in got] == ["alarm"]  # type: ignore[attr-defined]
    assert "REPEAT=99999999 exceeds the limit of 10000" in messages(got)  # type: ignore[arg-type]


def test_broken_alarm_does_not_lose_the_event() -> None:
    # icalendar raises on a broken TRIGGER; netcore does not read alarms at all.
    text = cal(*vevent("SUMMARY:kept", "BEGIN:VALARM", "TRIGGER:-P1W6DT15H", "END:VALARM"))
    assert [e.title for e in ical.loads(text)] == ["kept"]


def test_broken_dtstart_is_an_error_with_line_and_property() -> None:
    text = cal(*vevent("SUMMARY:bad", start="DTSTART:2026-13-45"), *vevent(uid="ok"))
    got = ical.loads(text)
    assert [e.uid for e in got] == ["ok"]
    [err] = got.errors
    assert (err.line, err.property) == (6, "DTSTART")
    with pytest.raises(ParseError) as info:
        ical.loads(text, strict=True)
    assert (info.value.line, info.value.property) == (6, "DTSTART")


def test_dtend_with_a_space_is_repaired() -> None:
    [e] = ical.loads(cal(*vevent("DTEND: 20260301T100000Z")))
    assert e.end == datetime(2026, 3, 1, 10, tzinfo=UTC)


def test_missing_uid_gets_a_stable_one() -> None:
    text = cal("BEGIN:VEVENT", "DTSTART:20260301T090000Z", "SUMMARY:no uid", "END:VEVENT")
    first, second = ical.loads(text), ical.loads(text)
    assert first[0].uid == second[0].uid
    assert first[0].uid.startswith("netcore-")
    assert first.issues[0].property == "UID"


def test_other_components_are_skipped_with_info() -> None:
    text = cal("BEGIN:VTODO", "UID:t", "SUMMARY:todo", "END:VTODO", *vevent())
    got = ical.loads(text)
    assert len(got) == 1
    assert "1 VTODO component(s) skipped" in messages(got, Severity.INFO)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff\xfe",
        b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR",
        b"BEGIN:VEVENT\r\nDTSTART;TZID=:20260101T000000\r\nEND:VEVENT",
        b"BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZOFFSETTO:+9999\r\nEND:VTIMEZONE\r\nEND:VCALENDAR",
        b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=RECONDLY;COUNT=0\r\n"
        b"END:VEVENT",
        b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:99991231T235959Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT",
    ],
)
def test_garbage_gives_issues_in_lenient_and_only_parse_error_in_strict(data: bytes) -> None:
    ical.loads(data)
    ical.loads(data, **YEAR_2026)
    for window in ({}, YEAR_2026):
        with contextlib.suppress(ParseError):
            ical.loads(data, strict=True, **window)


@given(st.binary(max_size=300) | st.text(max_size=300))
def test_fuzz_never_raises_anything_but_parse_error(data: bytes | str) -> None:
    prefix = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260101T000000Z\r\n"
    for payload in (data, prefix + data if isinstance(data, str) else prefix.encode() + data):
        ical.loads(payload, **YEAR_2026)
        with contextlib.suppress(ParseError):
            ical.loads(payload, strict=True)


def test_window_misuse_is_an_exception() -> None:
    with pytest.raises(ValueError, match="both"):
        ical.loads(cal(*vevent()), expand_from=date(2026, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        ical.loads(cal(*vevent()), expand_from=datetime(2026, 1, 1), expand_to=date(2027, 1, 1))


# ---- recurrence ----------------------------------------------------------------------


WEEKLY = [
    *vevent(
        "SUMMARY:Weekly sync",
        "RRULE:FREQ=WEEKLY;COUNT=5",
        "EXDATE:20260112T090000Z",
        uid="w",
        start="DTSTART:20260105T090000Z",
    ),
    *vevent(
        "SUMMARY:Moved sync",
        "RECURRENCE-ID:20260119T090000Z",
        uid="w",
        start="DTSTART:20260120T150000Z",
    ),
]


def test_series_expanded_with_exdate_and_override() -> None:
    got = ical.loads(cal(*WEEKLY), **YEAR_2026)
    assert [(e.start, e.title) for e in got] == [
        (datetime(2026, 1, 5, 9, tzinfo=UTC), "Weekly sync"),
        (datetime(2026, 1, 20, 15, tzinfo=UTC), "Moved sync"),
        (datetime(2026, 1, 26, 9, tzinfo=UTC), "Weekly sync"),
        (datetime(2026, 2, 2, 9, tzinfo=UTC), "Weekly sync"),
    ]


def test_series_without_a_window_gives_the_first_occurrence_and_overrides_and_says_so() -> None:
    got = ical.loads(cal(*WEEKLY))
    assert [e.start for e in got] == [
        datetime(2026, 1, 5, 9, tzinfo=UTC),
        datetime(2026, 1, 20, 15, tzinfo=UTC),
    ]
    infos = [i for i in got.issues if i.severity is Severity.INFO]
    assert [(i.line, i.property) for i in infos] == [(8, "RRULE")]
    assert "1 override" in infos[0].message


def test_series_only_inside_the_window() -> None:
    text = cal(*vevent("RRULE:FREQ=MONTHLY", start="DTSTART:20250115T090000Z"))
    got = ical.loads(text, expand_from=date(2026, 3, 1), expand_to=date(2026, 6, 1))
    assert [e.start.month for e in got] == [3, 4, 5]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rule", "start", "count", "message"),
    [
        ("FREQ=SECONDLY", "20260101T000000Z", 3500, "cut at 3500"),
        ("FREQ=SECONDLY", "19900101T000000Z", 3500, "cut at 3500"),
        ("FREQ=MINUTELY;COUNT=2147483647", "20260101T000000Z", 3500, "cut at 3500"),
        ("FREQ=DAILY;COUNT=2147483647", "00010101T090000Z", 365, ""),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20260101T090000Z", 1, "can never match"),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "20260101T090000Z", 1, "can never match"),
    ],
)
def test_recurrence_bombs_stay_bounded(rule: str, start: str, count: int, message: str) -> None:
    text = cal(*vevent(f"RRULE:{rule}", start=f"DTSTART:{start}"))
    got = watched(lambda: ical.loads(text, **YEAR_2026))
    assert len(got) == count  # type: ignore[arg-type]
    assert message in messages(got)  # type: ignore[arg-type]


FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
RULE_PARTS = {
    "INTERVAL": st.sampled_from(["0", "-1", "-7", "1", "2", "7", "13", "1000", "2147483647"]),
    "COUNT": st.sampled_from(["0", "-1", "1", "5", "1000000", "2147483647"]),
    "BYDAY": st.lists(
        st.sampled_from(["MO", "TU", "0TH", "99MO", "-1FR", "5SA", "6WE", "53MO", "-53SU"]),
        min_size=1,
        max_size=3,
    ).map(",".join),
    "BYMONTHDAY": st.lists(
        st.sampled_from(["0", "-40", "31", "30", "29", "1", "-1"]), min_size=1, max_size=2
    ).map(",".join),
    "BYMONTH": st.sampled_from(["2", "2,4", "13"]),
    "UNTIL": st.sampled_from(
        ["203004", "2030", "20300101", "20300101T000000Z", "20261231T235959", "20250101", "x"]
    ),
    "BYSETPOS": st.sampled_from(["0", "1", "-1", "3", "366", "400"]),
}


@st.composite
def rrules(draw: st.DrawFn) -> str:
    parts = [f"FREQ={draw(st.sampled_from(FREQS))}"]
    for name in draw(st.lists(st.sampled_from(sorted(RULE_PARTS)), unique=True, max_size=5)):
        parts.append(f"{name}={draw(RULE_PARTS[name])}")
    return "RRULE:" + ";".join(parts)


@pytest.mark.slow
@settings(deadline=None)
@given(
    rrules(),
    st.sampled_from(
        ["DTSTART:20260105T090000Z", "DTSTART;VALUE=DATE:20260105", "DTSTART:19900101T000000Z"]
    ),
)
def test_fuzz_random_rules_expand_in_a_window_in_bounded_time(rule: str, start: str) -> None:
    """The fuzz tests above pass no window; expansion (and its hangs) needs one."""
    text = cal(*vevent(rule, start=start))
    error: ParseError | None = None
    try:
        with watchdog():
            got = ical.loads(text, **YEAR_2026)
        try:
            with watchdog():
                strict = ical.loads(text, strict=True, **YEAR_2026)
        except ParseError as exc:
            error = exc
    except Hang as exc:  # an AssertionError, so that hypothesis shrinks and shows the rule
        raise AssertionError(f"{rule} with {start}: {exc}") from exc
    assert len(got) <= ical.DEFAULT_LIMITS.max_instances
    assert all(e.uid == "e1" for e in got)
    if error is None:
        assert [e.start for e in strict] == [e.start for e in got]
    else:
        assert (error.line, error.property) == (7, "RRULE")


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not a positive number"),
        ("FREQ=DAILY;INTERVAL=-2", "INTERVAL=-2 is not a positive number"),
        ("FREQ=YEARLY;INTERVAL=20000", "INTERVAL=20000 is longer than 10,000 years"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0 is not a positive number"),
        ("FREQ=WEEKLY;BYDAY=0TH", "BYDAY=0TH has the ordinal 0"),
        ("FREQ=WEEKLY;BYDAY=1MO", "only FREQ=MONTHLY or YEARLY"),
        ("FREQ=YEARLY;BYDAY=99MO", "BYDAY=99MO has the ordinal 99"),
        ("FREQ=DAILY;UNTIL=203004", "UNTIL=203004 is not a date"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=400", "BYSETPOS=400 is out of range"),
    ],
)
def test_invalid_rule_parts_are_errors_that_say_what_is_wrong(rule: str, message: str) -> None:
    with watchdog():
        got = ical.loads(cal(*vevent(f"RRULE:{rule}")), **YEAR_2026)
    assert [e.start for e in got] == [datetime(2026, 3, 1, 9, tzinfo=UTC)]
    [error] = got.errors
    assert (error.line, error.property) == (7, "RRULE")
    assert message in error.message
    assert "could not be expanded" in error.message


@pytest.mark.parametrize(
    "rule",
    ["FREQ=SECONDLY;BYSETPOS=3", "FREQ=MONTHLY;BYDAY=6WE", "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3"],
)
def test_rules_no_period_can_satisfy_are_read_as_their_first_occurrence(rule: str) -> None:
    with watchdog():
        got = ical.loads(cal(*vevent(f"RRULE:{rule}")), **YEAR_2026)
    assert len(got) == 1
    assert "can never match" in messages(got, Severity.WARNING)


def test_stray_end_lines_are_reported_a_bounded_number_of_times() -> None:
    got = ical.loads(cal(*vevent(), *["END:X-STRAY"] * 1000))
    assert [e.uid for e in got] == ["e1"]
    warnings = [i for i in got.issues if i.severity is Severity.WARNING]
    assert len(warnings) == 6
    assert "995 more END line(s)" in warnings[-1].message


@pytest.mark.parametrize("name", ["Europe", "Europe/", "../../etc/passwd", "zone.tab"])
def test_x_wr_timezone_must_name_a_known_zone(name: str) -> None:
    got = ical.loads(cal(f"X-WR-TIMEZONE:{name}", *vevent(start="DTSTART:20260701T090000")))
    assert [e.start for e in got] == [datetime(2026, 7, 1, 9, tzinfo=UTC)]
    assert "not a known time zone" in messages(got, Severity.WARNING)
    assert "zoneinfo" not in messages(got)


def test_writers_replace_lone_surrogates() -> None:
    bad = "x\ud800y"
    event = Event(
        uid=f"e{bad}",
        title=bad,
        start=date(2026, 1, 1),
        location=bad,
        description=bad,
        categories=(bad,),
        organizer=Attendee(email="o@example.org", name=bad),
        attendees=(Attendee(email="a@example.org", name=bad),),
    )
    nudge = SimpleNamespace(uid=f"u{bad}", due_on=date(2026, 3, 1), reasons=(bad,), name=bad)
    contact = Contact(uid=f"c{bad}", formatted_name=bad, birthday=date(1990, 5, 1))
    texts = [
        ical.dumps([event]),
        ical.follow_ups([nudge]),
        ical.follow_ups(
            [SimpleNamespace(uid="u", due_on=date(2026, 3, 1), reasons=())], names={"u": bad}
        ),
        ical.birthdays([contact]),
    ]
    for text in texts:
        text.encode("utf-8")
        assert "x\ufffdy" in text
    [back] = ical.loads(texts[0])
    assert back.title == "x\ufffdy"
    assert back.attendees[0].name == "x\ufffdy"


def test_instance_cap_is_a_setting() -> None:
    text = cal(*vevent("RRULE:FREQ=DAILY", start="DTSTART:20260101T090000Z"))
    got = ical.loads(text, limits=ical.Limits(max_instances=10), **YEAR_2026)
    assert len(got) == 10
    assert "cut at 10 occurrences" in messages(got, Severity.WARNING)


def test_fast_forwarded_series_keeps_its_phase() -> None:
    # Every 7 hours since 2001: the occurrences in 2026 must stay on the original grid.
    text = cal(*vevent("RRULE:FREQ=HOURLY;INTERVAL=7", start="DTSTART:20010101T000000Z"))
    got = ical.loads(text, expand_from=date(2026, 1, 1), expand_to=date(2026, 1, 3))
    origin = datetime(2001, 1, 1, tzinfo=UTC)
    assert got
    assert all((e.start - origin) % timedelta(hours=7) == timedelta(0) for e in got)
    assert len(got) == 7  # 48 hours / 7, plus the one overlapping the window start


# ---- writing -------------------------------------------------------------------------


def test_dumps_parses_back_in_icalendar_and_netcore() -> None:
    e = Event(
        uid="conf-1",
        title="PyCon",
        kind=EventKind.CONFERENCE,
        start=datetime(2026, 5, 14, 9, tzinfo=ZoneInfo("America/Chicago")),
        end=datetime(2026, 5, 14, 17, tzinfo=ZoneInfo("America/Chicago")),
        location="Hall A; Level 2",
        description="Talks,\nsprints",
        organizer=Attendee(email="org@example.org", name='The "Org", Inc.'),
        attendees=(Attendee(email="ada@example.org", status=AttendeeStatus.TENTATIVE),),
        categories=("Python", "Con, 2026"),
    )
    text = ical.dumps([e])
    parsed = icalendar.Calendar.from_ical(text)
    assert [str(v["UID"]) for v in parsed.walk("VEVENT")] == ["conf-1"]
    assert parsed.walk("VTIMEZONE")  # the zone is defined in the file
    assert list(ical.loads(text)) == [e]


def test_values_with_line_breaks_never_start_a_content_line() -> None:
    evil = "x\r\nATTENDEE:mailto:evil@example.org\rEND:VEVENT\nBEGIN:VEVENT"
    text = ical.dumps(
        [Event(uid="u", title=evil, location=evil, description=evil, start=date(2026, 1, 1))]
    )
    names = [line.split(":")[0].split(";")[0] for line in text.split("\r\n") if line]
    assert "ATTENDEE" not in names
    assert names.count("BEGIN") == 2
    [back] = ical.loads(text)
    assert back.attendees == ()
    assert back.title == evil.replace("\r\n", "\n").replace("\r", "\n")


def test_same_uid_twice_is_written_with_recurrence_id() -> None:
    events = [Event(uid="s", start=date(2026, 1, d)) for d in (1, 8)]
    text = ical.dumps(events)
    assert text.count("RECURRENCE-ID") == 1
    assert list(ical.loads(text)) == events


def _as_written(event: Event) -> Event:
    # icalendar drops a leading U+FEFF (a byte-order mark) from every text value it
    # writes; ical.dumps documents it. Nothing else may change.
    def bom(text: str | None) -> str | None:
        return None if text is None else text.removeprefix("\ufeff")

    cats = tuple(c for c in (bom(c) for c in event.categories) if c)
    return event.model_copy(
        update={
            "title": bom(event.title),
            "location": bom(event.location),
            "description": bom(event.description),
            "categories": cats,
        }
    )


@pytest.mark.slow
@given(st.lists(event_strategy(), max_size=4, unique_by=lambda e: e.uid))
def test_round_trip_events(events: list[Event]) -> None:
    text = ical.dumps(events)
    back = ical.loads(text)
    assert back.errors == []
    assert list(back) == [_as_written(e) for e in events]
    icalendar.Calendar.from_ical(text)


def test_a_leading_byte_order_mark_in_a_text_value_is_not_written() -> None:
    start = datetime(2000, 1, 1, tzinfo=UTC)
    event = Event(uid="x", start=start, title="\ufeffT", categories=("\ufeff",))
    back = ical.loads(ical.dumps([event]))[0]
    assert (back.title, back.categories) == ("T", ())


def test_follow_ups_one_vtodo_per_nudge() -> None:
    nudges = [
        SimpleNamespace(
            uid="ada", due_on=date(2026, 3, 1), reasons=("30 days", "owes you"), priority=90.0
        ),
        SimpleNamespace(uid="bob", name="Bob B.", due_on=date(2026, 3, 2), reasons=()),
    ]
    text = ical.follow_ups(nudges, names={"ada": "Ada Lovelace"})
    todos = icalendar.Calendar.from_ical(text).walk("VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == [
        "Follow up with Ada Lovelace",
        "Follow up with Bob B.",
    ]
    assert [t["DUE"].dt for t in todos] == [date(2026, 3, 1), date(2026, 3, 2)]
    assert str(todos[0]["DESCRIPTION"]) == "30 days\nowes you"
    assert todos[0]["PRIORITY"] == 2
    assert "PRIORITY" not in todos[1]
    back = ical.loads(text, strict=True)
    assert list(back) == []
    assert "VTODO component(s) skipped" in messages(back)
    assert ical.follow_ups(nudges, names={"ada": "Ada Lovelace"}) == text  # deterministic


def test_birthdays_yearly_with_leap_day_and_no_year() -> None:
    people = [
        Contact(uid="a", formatted_name="Ada", birthday=date(1815, 12, 10)),
        Contact(uid="l", formatted_name="Leap", birthday=date(1992, 2, 29)),
        Contact(uid="p", formatted_name="Partial", birthday=PartialDate(month=7, day=4)),
        Contact(uid="y", formatted_name="Year only", birthday=PartialDate(year=1990)),
        Contact(uid="n", formatted_name="None", emails=(Email(address="n@example.org"),)),
    ]
    text = ical.birthdays(people)
    assert len(icalendar.Calendar.from_ical(text).walk("VEVENT")) == 3
    rules = [v["RRULE"] for v in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert [(r["FREQ"], r.get("BYMONTH"), r.get("BYMONTHDAY")) for r in rules] == [
        (["YEARLY"], None, None),
        (["YEARLY"], [2], [-1]),
        (["YEARLY"], None, None),
    ]
    got = ical.loads(text, strict=True, expand_from=date(2026, 1, 1), expand_to=date(2029, 1, 1))
    starts: dict[str, list[date]] = {}
    for e in got:
        starts.setdefault(e.title, []).append(e.start)  # type: ignore[arg-type]
        assert e.kind is EventKind.SOCIAL
        assert e.start == e.end - timedelta(days=1)
    assert starts["Birthday: Leap"] == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    assert starts["Birthday: Partial"] == [date(y, 7, 4) for y in (2026, 2027, 2028)]
    assert starts["Birthday: Ada"] == [date(y, 12, 10) for y in (2026, 2027, 2028)]


def test_load_and_dump_files(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "out.ics"
    events = [Event(uid="f", title="File", start=date(2026, 2, 2))]
    ical.dump(events, path)
    got = ical.load(path)
    assert list(got) == events
    bad = Path(str(tmp_path)) / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")
    assert ical.load(bad).issues[0].source == str(bad)


# ---- issue 13: real-world shapes ---------------------------------------------------------


def test_utf16_le_with_bom_is_read() -> None:
    data = b"\xff\xfe" + cal(*vevent("SUMMARY:Café")).encode("utf-16-le")
    got = ical.loads(data, strict=True)
    assert [e.title for e in got] == ["Café"]


def test_utf16_be_without_bom_is_read() -> None:
    data = cal(*vevent("SUMMARY:Café")).encode("utf-16-be")
    got = ical.loads(data, strict=True)
    assert [e.title for e in got] == ["Café"]


def test_utf16_with_an_odd_number_of_bytes_is_an_issue_not_a_crash() -> None:
    data = cal(*vevent("SUMMARY:x")).encode("utf-16-be") + b"\x00"
    got = ical.loads(data)
    assert [e.title for e in got] == ["x"]
    assert "UTF-16" in messages(got, Severity.WARNING)


def test_same_uid_masters_without_recurrence_id_are_all_kept() -> None:
    # Lotus Notes / Exchange exports: several VEVENTs share a UID, none is an override.
    text = cal(
        *vevent("SUMMARY:part 1", uid="u", start="DTSTART:20260105T090000Z"),
        *vevent("SUMMARY:part 2", uid="u", start="DTSTART:20260112T090000Z"),
        *vevent("SUMMARY:part 3", uid="u", start="DTSTART:20260119T090000Z"),
    )
    for window in ({}, YEAR_2026):
        got = ical.loads(text, **window)
        assert [e.title for e in got] == ["part 1", "part 2", "part 3"]
        assert "override" not in messages(got)


def test_identical_uid_less_recurring_events_are_all_kept() -> None:
    # vpim/profile.ics: 1,300 VEVENTs without UID, many identical, each with an RRULE.
    block = ["BEGIN:VEVENT", "DTSTART:20260105T090000Z", "SUMMARY:s", "RRULE:FREQ=WEEKLY;COUNT=2"]
    text = cal(*[*block, "END:VEVENT"] * 5)
    assert len(ical.loads(text)) == 5
    assert len(ical.loads(text, **YEAR_2026)) == 10


def test_same_uid_recurring_masters_each_expand_and_overrides_go_to_the_right_one() -> None:
    # A series split in two (this-and-following edit) keeps one UID; the override at
    # 2026-02-09 replaces an occurrence of the second master only.
    text = cal(
        *vevent(
            "SUMMARY:old", "RRULE:FREQ=WEEKLY;COUNT=2", uid="s", start="DTSTART:20260105T090000Z"
        ),
        *vevent(
            "SUMMARY:new", "RRULE:FREQ=WEEKLY;COUNT=3", uid="s", start="DTSTART:20260202T100000Z"
        ),
        *vevent(
            "SUMMARY:moved",
            "RECURRENCE-ID:20260209T100000Z",
            uid="s",
            start="DTSTART:20260210T150000Z",
        ),
    )
    got = ical.loads(text, **YEAR_2026)
    assert [(e.start.isoformat(), e.title) for e in got] == [
        ("2026-01-05T09:00:00+00:00", "old"),
        ("2026-01-12T09:00:00+00:00", "old"),
        ("2026-02-02T10:00:00+00:00", "new"),
        ("2026-02-10T15:00:00+00:00", "moved"),
        ("2026-02-16T10:00:00+00:00", "new"),
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "this line has no colon",
        ";X=1:starts with a semicolon",
        "RRULE;:FREQ=DAILY",
        'DESCRIPTION;X-A="unclosed:text',
    ],
)
def test_a_line_icalendar_cannot_parse_is_an_issue_with_its_line(bad: str) -> None:
    got = ical.loads(cal(*vevent("SUMMARY:kept", bad, "LOCATION:here")))
    assert [(e.title, e.location) for e in got] == [("kept", "here")]
    lines = [i.line for i in got.issues if i.severity is Severity.WARNING]
    assert lines == [8], got.issues  # BEGIN:VCALENDAR is line 1; the bad line is line 8


def test_a_line_icalendar_cannot_parse_is_reported_once_per_series() -> None:
    text = cal(*vevent("RRULE:FREQ=DAILY;COUNT=5", "no colon here"))
    got = ical.loads(text, **YEAR_2026)
    assert len(got) == 5
    assert [i.line for i in got.issues if i.severity is Severity.WARNING] == [8]


def test_quoted_organizer_address_is_kept_and_written_back() -> None:
    text = cal(*vevent('ORGANIZER;CN=Ann:"mailto:ann@example.org"'))
    [e] = ical.loads(text)
    assert e.organizer == Attendee(email="ann@example.org", name="Ann")
    written = ical.dumps([e])
    assert "invalid:nomail" not in written
    assert ical.loads(written)[0].organizer == e.organizer


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ('ORGANIZER;CN="Doe, \\"JD\\" J":mailto:jd@example.org', 'Doe, "JD" J'),
        ('ORGANIZER;CN=John "JD" Doe:mailto:jd@example.org', 'John "JD" Doe'),
    ],
)
def test_organizer_with_quotes_in_its_cn_is_kept_with_an_issue(line: str, name: str) -> None:
    [e] = (got := ical.loads(cal(*vevent(line))))
    assert e.organizer is not None
    assert (e.organizer.email, e.organizer.name) == ("jd@example.org", name)
    assert [i.line for i in got.issues if i.property == "ORGANIZER"] == [7]
    assert "invalid:nomail" not in ical.dumps([e])


def test_attendee_with_a_broken_cn_is_kept_with_its_partstat() -> None:
    line = 'ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob "B" Roe;ROLE=CHAIR:mailto:bob@example.org'
    [e] = ical.loads(cal(*vevent(line, "ATTENDEE;CN=Ann:mailto:ann@example.org")))
    assert sorted((a.email, a.name, a.status, a.role) for a in e.attendees) == [
        ("ann@example.org", "Ann", AttendeeStatus.NEEDS_ACTION, AttendeeRole.REQ_PARTICIPANT),
        ("bob@example.org", 'Bob "B" Roe', AttendeeStatus.ACCEPTED, AttendeeRole.CHAIR),
    ]


@pytest.mark.parametrize(
    "start",
    [
        "DTSTART;TZID=Europe/Berlin;VALUE=DATE:20260105",
        "DTSTART;VALUE=DATE;TZID=W. Europe Standard Time:20260105",
        "DTSTART;TZID=Europe/Berlin:20260105",
    ],
)
def test_all_day_event_with_a_tzid_stays_all_day(start: str) -> None:
    text = cal(*vevent("DTEND;TZID=Europe/Berlin;VALUE=DATE:20260106", start=start))
    [e] = ical.loads(text)
    assert (e.start, e.end) == (date(2026, 1, 5), date(2026, 1, 6))


def test_all_day_series_with_a_tzid_stays_all_day() -> None:
    text = cal(
        *vevent("RRULE:FREQ=DAILY;COUNT=2", start="DTSTART;TZID=Europe/Berlin;VALUE=DATE:20260105")
    )
    assert [e.start for e in ical.loads(text, **YEAR_2026)] == [date(2026, 1, 5), date(2026, 1, 6)]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        (None, EventStatus.CONFIRMED),
        ("STATUS:CONFIRMED", EventStatus.CONFIRMED),
        ("STATUS:TENTATIVE", EventStatus.TENTATIVE),
        ("STATUS:cancelled", EventStatus.CANCELLED),
    ],
)
def test_status_is_read(line: str | None, status: EventStatus) -> None:
    [e] = ical.loads(cal(*vevent(*([line] if line else []))))
    assert e.status is status
    assert ical.loads(ical.dumps([e]))[0].status is status


def test_unknown_status_is_read_as_confirmed_with_an_issue() -> None:
    [e] = (got := ical.loads(cal(*vevent("STATUS:POSTPONED"))))
    assert e.status is EventStatus.CONFIRMED
    assert [i.line for i in got.issues if i.property == "STATUS"] == [7]


def test_cancelled_occurrence_of_a_series_is_cancelled() -> None:
    text = cal(
        *vevent("RRULE:FREQ=WEEKLY;COUNT=2", uid="w"),
        *vevent(
            "RECURRENCE-ID:20260308T090000Z",
            "STATUS:CANCELLED",
            uid="w",
            start="DTSTART:20260308T090000Z",
        ),
    )
    assert [e.status for e in ical.loads(text, **YEAR_2026)] == [
        EventStatus.CONFIRMED,
        EventStatus.CANCELLED,
    ]


# ---- issue 12 item 6: X-WR-TIMEZONE and Windows zone names -------------------------------


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(5, 19), (10, 18)],  # US daylight saving time starts on 8 March 2026
)
def test_x_wr_timezone_never_moves_a_time_with_its_own_windows_tzid(
    day: int, utc_hour: int
) -> None:
    text = cal(
        "X-WR-TIMEZONE:Europe/Berlin",
        *vevent(start=f'DTSTART;TZID="Eastern Standard Time":202603{day:02d}T140000'),
    )
    [e] = ical.loads(text)
    assert isinstance(e.start, datetime)
    assert e.start == datetime(2026, 3, day, utc_hour, tzinfo=UTC)
    assert e.start.tzinfo == ZoneInfo("America/New_York")


def test_x_wr_timezone_applies_to_floating_times_across_dst() -> None:
    # EU daylight saving time starts on 29 March 2026: 09:00 floating is 08:00 UTC, then 07:00.
    text = cal(
        "X-WR-TIMEZONE:Europe/Berlin",
        *vevent("RRULE:FREQ=WEEKLY;COUNT=2", start="DTSTART:20260326T090000"),
        *vevent(uid="utc", start="DTSTART:20260326T090000Z"),
    )
    got = ical.loads(text, **YEAR_2026)
    assert [(e.uid, e.start) for e in got] == [
        ("e1", datetime(2026, 3, 26, 8, tzinfo=UTC)),
        ("e1", datetime(2026, 4, 2, 7, tzinfo=UTC)),
        ("utc", datetime(2026, 3, 26, 9, tzinfo=UTC)),
    ]
    assert "floating" not in messages(got)


def test_x_wr_timezone_never_touches_an_iana_or_custom_tzid() -> None:
    text = cal(
        "X-WR-TIMEZONE:Asia/Tokyo",
        "BEGIN:VTIMEZONE",
        "TZID:Office",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0200",
        "END:STANDARD",
        "END:VTIMEZONE",
        *vevent(uid="iana", start="DTSTART;TZID=America/Chicago:20260310T140000"),
        *vevent(uid="custom", start="DTSTART;TZID=Office:20260310T140000"),
    )
    by = {e.uid: e.start for e in ical.loads(text)}
    assert by == {
        "iana": datetime(2026, 3, 10, 19, tzinfo=UTC),
        "custom": datetime(2026, 3, 10, 12, tzinfo=UTC),
    }


@pytest.mark.parametrize(
    ("windows", "iana"),
    [
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("GMT Standard Time", "Europe/London"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
    ],
)
def test_windows_zone_names_are_mapped(windows: str, iana: str) -> None:
    [e] = ical.loads(cal(*vevent(start=f"DTSTART;TZID={windows}:20260710T120000")))
    assert e.start == datetime(2026, 7, 10, 12, tzinfo=ZoneInfo(iana))


def test_a_custom_zone_of_one_input_never_leaks_into_the_next() -> None:
    # icalendar caches a VTIMEZONE by TZID for the whole process; a later input that
    # names the zone without defining it must get the Windows mapping, not that cache.
    first = cal(
        "BEGIN:VTIMEZONE",
        "TZID:Head Office",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0300",
        "END:STANDARD",
        "END:VTIMEZONE",
        *vevent(start="DTSTART;TZID=Head Office:20260305T140000"),
    )
    assert ical.loads(first)[0].start == datetime(2026, 3, 5, 11, tzinfo=UTC)
    second = ical.loads(cal(*vevent(start="DTSTART;TZID=Head Office:20260305T140000")))
    assert second[0].start == datetime(2026, 3, 5, 14, tzinfo=UTC)  # unknown: offset 0
    assert "unknown TZID 'Head Office'" in messages(second, Severity.WARNING)


def test_importing_netcore_leaves_icalendars_zone_provider_alone_until_first_use() -> None:
    import subprocess
    import sys

    code = (
        "from icalendar.timezone import tzp\n"
        "import netcore, netcore.formats.ical as ical\n"
        "before = type(tzp._TZP__provider).__name__\n"
        "ical.loads('BEGIN:VCALENDAR\\r\\nEND:VCALENDAR\\r\\n')\n"
        "print(before, type(tzp._TZP__provider).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["ZONEINFO", "_KnownZonesOnly"]


def test_utf16_with_a_lone_surrogate_is_read_with_a_warning() -> None:
    data = cal(*vevent("SUMMARY:ok")).encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    got = ical.loads(b"\xff\xfe" + data)
    assert [e.title for e in got] == ["ok"]
    assert "not valid UTF-16" in messages(got, Severity.WARNING)


def test_many_vevents_without_uid_are_reported_five_by_line_and_the_rest_counted() -> None:
    blocks: list[str] = []
    for day in range(1, 21):
        blocks += ["BEGIN:VEVENT", f"DTSTART:202603{day:02d}T090000Z", "END:VEVENT"]
    got = ical.loads(cal(*blocks))
    assert len(got) == 20
    uid_issues = [i for i in got.issues if i.property == "UID"]
    assert [i.line for i in uid_issues] == [4, 7, 10, 13, 16, None]
    assert "15 more VEVENT(s) without UID" in uid_issues[-1].message


def test_an_attendee_without_an_address_is_written_as_a_urn_uuid_and_read_back_nameonly() -> None:
    text = cal(*vevent("ORGANIZER;CN=Chair:", "ATTENDEE;CN=Ann;PARTSTAT=ACCEPTED:"))
    [e] = ical.loads(text)
    assert e.organizer == Attendee(name="Chair")
    written = ical.dumps([e])
    assert "invalid:" not in written
    got = icalendar.Calendar.from_ical(written)
    [v] = list(got.walk("VEVENT"))
    # RFC 5545 requires a cal-address (a URI): a name-based urn:uuid, stable across writes
    assert str(v["ORGANIZER"]).startswith("urn:uuid:")
    assert str(v["ATTENDEE"]).startswith("urn:uuid:")
    assert str(v["ATTENDEE"]) != str(v["ORGANIZER"])
    assert written == ical.dumps([e])
    [back] = ical.loads(written)
    assert back.organizer == e.organizer
    assert back.attendees == e.attendees
