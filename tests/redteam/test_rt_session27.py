"""Red team rt27: the session-27 fixes (iCalendar zones and lines, vCard LABEL groups, ...).

Each test states what a user expects from the documented behaviour (``help(ical)``,
the CHANGELOG's "Unreleased" entries, docs/); it is marked ``xfail(strict=True)`` while
the defect named in its reason is open (then the marker goes and the assertion stays).
Expected values are written by hand from the input, never taken from the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from tools import fuzz

from netcore.formats import ical, jcard, vcard
from netcore.model import Contact
from netcore.model.event import Event
from netcore.model.values import Extension

# --------------------------------------------------------------------------- helpers

_CUSTOM_ZONE = (
    "BEGIN:VTIMEZONE\r\n"
    "TZID:My Zone\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "END:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "END:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
)
"""A custom zone (not an IANA name): UTC+1 in winter, UTC+2 from the last Sunday of March."""

_FROM, _TO = date(2026, 1, 1), date(2027, 1, 1)
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def _starts(events: list[Event]) -> list[datetime]:
    """Each event's start, a date-time (every event of these tests has a time)."""
    starts = [e.start for e in events]
    assert all(isinstance(s, datetime) for s in starts), starts
    return [s for s in starts if isinstance(s, datetime)]


def _calendar(*parts: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rt27//EN\r\n"
        + "".join(parts)
        + ("END:VCALENDAR\r\n")
    )


# --------------------------------------------------------------------------- RT-27-1

_WEEKLY_IN_CUSTOM_ZONE = (
    "BEGIN:VEVENT\r\n"
    "UID:rt27-1\r\n"
    "SUMMARY:Weekly\r\n"
    "DTSTART;TZID=My Zone:20260316T100000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\r\n"
    "EXDATE:20260330T080000Z\r\n"
    "END:VEVENT\r\n"
)


@pytest.mark.parametrize("zone_first", [True, False], ids=["zone-first", "zone-after-event"])
def test_rt27_1_series_in_custom_zone_keeps_its_offsets(zone_first: bool) -> None:
    """RT-27-1 (high): silent wrong times for every occurrence of a custom-zone series.

    Weekly at 10:00 in "My Zone" (CET/CEST rules), four occurrences from 16 March 2026;
    the EXDATE 2026-03-30 08:00 UTC is 10:00 CEST on 30 March, the third occurrence.
    Expected: 16 and 23 March at 10:00+01:00, 6 April at 10:00+02:00. Got at c7bdd9f
    (and main b089076): four occurrences at 10:00+00:00, the excluded one kept, no
    issue. Without a window the first occurrence is read at +01:00, as is an event that
    does not recur; 9ea440d read the expanded series right.
    """
    parts = (
        (_CUSTOM_ZONE, _WEEKLY_IN_CUSTOM_ZONE)
        if zone_first
        else (_WEEKLY_IN_CUSTOM_ZONE, _CUSTOM_ZONE)
    )
    got = ical.loads(_calendar(*parts), expand_from=_FROM, expand_to=_TO)
    assert [(s.replace(tzinfo=None), s.utcoffset()) for s in _starts(list(got))] == [
        (datetime(2026, 3, 16, 10, 0), timedelta(hours=1)),
        (datetime(2026, 3, 23, 10, 0), timedelta(hours=1)),
        (datetime(2026, 4, 6, 10, 0), timedelta(hours=2)),
    ]


def test_rt27_1_overridden_series_in_custom_zone() -> None:
    """RT-27-1 (high), with an override: the same defect, and a false "floating" issue.

    A daily series of three at 10:00 "My Zone" from 27 March 2026 (the switch to CEST is
    on 29 March), its 28 March occurrence moved to 12:00. Expected instants: 27 March
    09:00 UTC, 28 March 11:00 UTC, 29 March 08:00 UTC. Got: 10:00, 12:00 and 10:00 UTC,
    with an issue "floating time (no time zone): read as UTC" for a time that has a TZID.
    """
    event = (
        "BEGIN:VEVENT\r\nUID:rt27-1b\r\nSUMMARY:Daily\r\n"
        "DTSTART;TZID=My Zone:20260327T100000\r\n"
        "DTEND;TZID=My Zone:20260327T110000\r\n"
        "RRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:rt27-1b\r\nSUMMARY:Moved\r\n"
        "RECURRENCE-ID;TZID=My Zone:20260328T100000\r\n"
        "DTSTART;TZID=My Zone:20260328T120000\r\nEND:VEVENT\r\n"
    )
    got = ical.loads(_calendar(_CUSTOM_ZONE, event), expand_from=_FROM, expand_to=_TO)
    assert [s.astimezone(UTC) for s in _starts(list(got))] == [
        datetime(2026, 3, 27, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 28, 11, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
    ]
    assert not [i for i in got.issues if "floating" in i.message]


# --------------------------------------------------------------------------- RT-27-2


@pytest.mark.xfail(
    strict=True,
    reason="RT-27-2: two ADRs in one group: the second's LABEL, written in that group at "
    "2.1/3.0, reads back on the first",
)
@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_rt27_2_label_stays_on_its_address_when_two_share_a_group(version: str) -> None:
    """RT-27-2 (high): converting a 4.0 card to 3.0/2.1 moves an address label, silently.

    Input (vCard 4.0, read by ``vcard.loads``): ``home.ADR;TYPE=work:;;S0;;;;`` and
    ``home.ADR;TYPE=work;LABEL=F1:;;S1;;;;``: the second address's formatted text is F1.
    ``vcard.dumps(version=...)`` writes ``home.LABEL;TYPE=work:F1`` (in the ADR's group,
    the RT-26-8 fix), and the reader gives a grouped LABEL to the first ADR of its group:
    read back, S0 has F1 and S1 none; no issue either way. Expected: F1 stays on S1 (a
    fresh group for it, or the LABEL kept where the reader's type rule finds it).
    """
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u27-2\r\nFN:A\r\n"
        "home.ADR;TYPE=work:;;S0;;;;\r\n"
        "home.ADR;TYPE=work;LABEL=F1:;;S1;;;;\r\n"
        "END:VCARD\r\n"
    )
    contact = vcard.loads(card)[0]
    assert [(a.street, a.formatted) for a in contact.addresses] == [("S0", None), ("S1", "F1")]
    back = vcard.loads(vcard.dumps(contact, version=version))
    assert [(a.street, a.formatted) for a in back[0].addresses] == [("S0", None), ("S1", "F1")]


def test_rt27_1_import_logs_the_excluded_meeting(tmp_path: Path) -> None:
    """RT-27-1 (high) through the CLI: ``netcore import`` invents an interaction.

    ``netcore import people.vcf --db s.db`` then ``netcore import cal.ics --db s.db``,
    the calendar a weekly "Sync with Ann" of four at 10:00 "My Zone" from Monday 2
    November 2026, the 9 November one removed by ``EXDATE:20261109T090000Z`` (10:00 CET).
    Expected: three meetings with Ann, at 09:00 UTC on 2, 16 and 23 November. Got: four
    (the excluded one logged), each at 10:00 UTC, and no issue.
    """
    from typer.testing import CliRunner

    from netcore.cli import app
    from netcore.store import Store

    (tmp_path / "people.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ann\r\nFN:Ann Lee\r\n"
        "EMAIL:ann@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    series = (
        "BEGIN:VEVENT\r\nUID:weekly-ann\r\nSUMMARY:Sync with Ann\r\n"
        "DTSTART;TZID=My Zone:20261102T100000\r\nDTEND;TZID=My Zone:20261102T103000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:20261109T090000Z\r\n"
        "ORGANIZER:mailto:me@example.com\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.org\r\nEND:VEVENT\r\n"
    )
    (tmp_path / "cal.ics").write_text(_calendar(_CUSTOM_ZONE, series), encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    for name in ("people.vcf", "cal.ics"):
        result = runner.invoke(
            app, ["-q", "import", str(tmp_path / name), "--db", str(db), "--me", "me@example.com"]
        )
        assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        net = store.load()
    ann = [i.at.astimezone(UTC) for i in net.interactions if "ann" in i.contact_uids]
    assert sorted(ann) == [
        datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
        datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    ]


# --------------------------------------------------------------------------- RT-27-3


def _zone_holding(lines_in_zone: str, lines_in_part: str) -> bytes:
    return _calendar(
        "BEGIN:VTIMEZONE\r\nTZID:A\r\n",
        lines_in_zone,
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n",
        lines_in_part,
        "END:STANDARD\r\nEND:VTIMEZONE\r\n",
        "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=A:20260105T090000\r\nEND:VEVENT\r\n",
    ).encode()


_ZONE_SHAPES = {
    # 11,500 lines "X-A:1" in the VTIMEZONE: 234x measured
    "x-lines-in-vtimezone": lambda: _zone_holding("X-A:1\r\n" * 11_500, ""),
    # 8,000 lines "TZNAME:a" in its STANDARD part: 64x
    "tzname-lines-in-part": lambda: _zone_holding("", "TZNAME:a\r\n" * 8_000),
    # 7,300 lines "COMMENT:a" in its STANDARD part: 58x
    "comment-lines-in-part": lambda: _zone_holding("", "COMMENT:a\r\n" * 7_300),
}


@pytest.mark.xfail(
    strict=True,
    reason="RT-27-3: lines of a VTIMEZONE all reach icalendar: 60x to 300x the input in "
    "working memory (the VEVENT's are kept from it)",
)
@pytest.mark.parametrize("shape", sorted(_ZONE_SHAPES))
def test_rt27_3_vtimezone_lines_bounded_memory(shape: str) -> None:
    """RT-27-3 (medium): the 50x working-memory bound broken by one VTIMEZONE.

    One VTIMEZONE (used by one event) holding 80 KB of lines netcore never reads:
    ``X-A:1`` (234x the input, measured with ``tools.fuzz.measure_memory`` at c7bdd9f;
    the same at 9ea440d), ``TZNAME:a`` (64x) or ``COMMENT:a`` (58x) in its STANDARD
    part. The same lines in a VEVENT stay under the bound (CHANGELOG: they are
    kept from icalendar); in a VTIMEZONE every one becomes an icalendar property.
    Expected: at most 50x; the event is read at +01:00.
    """
    data = _ZONE_SHAPES[shape]()
    got = ical.loads(data)
    assert [s.utcoffset() for s in _starts(list(got))] == [timedelta(hours=1)]
    _, working = fuzz.measure_memory(ical.loads, data)
    assert working <= 50 * len(data), f"{working / len(data):.0f}x the input"


# --------------------------------------------------------------------------- RT-27-4


@pytest.mark.xfail(
    strict=True,
    reason="RT-27-4: a VTIMEZONE holding an RFC 7808 property (TZUNTIL, TZID-ALIAS-OF) or "
    "LAST-MODIFIED/TZURL in a part is refused whole: its times are read at UTC+0",
)
@pytest.mark.parametrize(
    ("in_zone", "in_part"),
    [
        ("TZUNTIL:20300101T000000Z\r\n", ""),
        ("TZID-ALIAS-OF:Old Zone\r\n", ""),
        ("", "LAST-MODIFIED:20200101T000000Z\r\n"),
        ("", "TZURL:http://tz.example/A\r\n"),
    ],
    ids=["tzuntil", "tzid-alias-of", "last-modified-in-part", "tzurl-in-part"],
)
def test_rt27_4_vtimezone_with_a_valid_extra_property_is_used(in_zone: str, in_part: str) -> None:
    """RT-27-4 (medium): one valid property the zone builder does not know loses the zone.

    A VTIMEZONE ``A`` of one STANDARD part at +01:00, plus ``TZUNTIL`` or
    ``TZID-ALIAS-OF`` (RFC 7808, written by timezone-distribution servers), or an IANA
    property in its part (RFC 5545 ``tzprop`` allows ``iana-prop``). dateutil's zone
    builder raises "unsupported property: TZUNTIL"; netcore reports the VTIMEZONE as
    unreadable and reads 09:00 as 09:00 UTC. ``X-`` properties and ``COMMENT`` are
    accepted. Expected: the line ignored (with an issue, as a VEVENT's unreadable line
    is), the event at +01:00.
    """
    data = _zone_holding(in_zone, in_part)
    got = ical.loads(data)
    assert [s.utcoffset() for s in _starts(list(got))] == [timedelta(hours=1)]


# --------------------------------------------------------------------------- RT-27-5


@pytest.mark.xfail(
    strict=True,
    reason="RT-27-5: jCard round trip changes a VALUE parameter: two VALUE parameters "
    "come back as one of two values; an empty VALUE= is dropped",
)
@pytest.mark.parametrize(
    "params",
    [
        (("VALUE", ("text",)), ("VALUE", ("uri",))),
        (("VALUE", ("",)),),
    ],
    ids=["two-value-parameters", "empty-value"],
)
def test_rt27_5_jcard_keeps_value_parameters(
    params: tuple[tuple[str, tuple[str, ...]], ...],
) -> None:
    """RT-27-5 (low): ``jcard.loads(jcard.dumps(c)) == c`` broken for a ``VALUE``.

    docs/formats.md: parameter names are kept in jCard, and a ``VALUE`` of more than one
    value is carried as ``x-netcore-value`` "the same way" (the CHANGELOG names "two
    ``VALUE`` parameters" among the cases fixed). ``Extension(name="X-FOO", value="v",
    params=...)``: two ``VALUE`` parameters are written as one ``x-netcore-value``
    list and read back as one ``VALUE`` of two values; ``VALUE=`` (one empty value) is
    not written at all. vCard 4.0 keeps both as they are. No issue is reported.
    """
    contact = Contact(
        uid="u27-5",
        formatted_name="A",
        extensions=(Extension(name="X-FOO", params=params, value="v"),),
    )
    assert vcard.loads(vcard.dumps(contact, version="4.0"))[0].extensions[0].params == params
    assert jcard.loads(jcard.dumps(contact))[0].extensions[0].params == params
