"""A custom VTIMEZONE's answers are remembered (issue 18) and stay the zone's own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from icalendar.timezone import tzp

from netcore.formats import ical
from netcore.formats.ical._zones import _RememberedZone

VTIMEZONE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VTIMEZONE\r\nTZID:Test Zone\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0230\r\nTZOFFSETTO:+0100\r\nTZNAME:TST\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0230\r\nTZNAME:TDT\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\nEND:VCALENDAR\r\n"
)


def _zone() -> object:
    [comp] = icalendar.Calendar.from_ical(VTIMEZONE).walk("VTIMEZONE")
    return comp.to_tz(tzp, lookup_tzid=False)


def test_every_answer_is_the_wrapped_zones_around_its_transitions() -> None:
    inner = _zone()
    zone = _RememberedZone(inner)  # type: ignore[arg-type]
    t = datetime(2025, 3, 1)
    steps = 0
    while t < datetime(2025, 12, 1):
        for fold in (0, 1):
            a = t.replace(tzinfo=zone, fold=fold)
            b = t.replace(tzinfo=inner, fold=fold)  # type: ignore[arg-type]
            assert (a.utcoffset(), a.dst(), a.tzname()) == (b.utcoffset(), b.dst(), b.tzname())
        # quarter hours in the days around the transitions, every twelve hours elsewhere
        near = t.month in (3, 10) and t.day >= 24
        t += timedelta(minutes=15 if near else 720)
        steps += 1
    assert steps > 1_500
    for t in (datetime(2025, 3, 30, 1, 30), datetime(2025, 10, 26, 0, 45)):  # around onsets
        utc = t.replace(tzinfo=zone).astimezone(UTC)
        back = utc.astimezone(zone)
        inner_back = utc.astimezone(inner)  # type: ignore[arg-type]
        assert (back.replace(tzinfo=None), back.fold) == (
            inner_back.replace(tzinfo=None),
            inner_back.fold,
        )


def test_a_stretch_between_onsets_is_asked_of_the_rules_once() -> None:
    inner = _zone()
    zone = _RememberedZone(inner)  # type: ignore[arg-type]
    for day in range(1, 29):
        datetime(2026, 6, day, 9).replace(tzinfo=zone).utcoffset()
    assert len(zone._starts) == 1
    assert not zone._answers


def test_icalendar_used_by_other_code_still_reads_a_custom_zone_after_netcore() -> None:
    # The answer above is netcore's own while it reads: icalendar used directly, in the
    # same process after netcore has read a calendar, still resolves a custom VTIMEZONE.
    tzid = "Netcore/Test-Zone-Other-Code"
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:" + tzid + "\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0500\r\n"
        "TZOFFSETTO:+0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:z\r\n"
        "DTSTART;TZID=" + tzid + ":20260105T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert [e.start.utcoffset() for e in ical.loads(text)] == [timedelta(hours=5)]
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=5)
