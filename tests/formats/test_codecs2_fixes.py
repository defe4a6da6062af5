"""Fixes of codecs round 2 (issue 13) beyond the red-team tests' own cases."""

from __future__ import annotations

from datetime import date

import pytest

from netcore import _clock
from netcore.formats import csv, ical, jcard, vcard
from netcore.formats.issues import Parsed
from netcore.model import Contact, Extension


@pytest.mark.parametrize(
    ("cell", "born"),
    [
        ("3/15/26", date(2026, 3, 15)),
        ("3/15/27", date(1927, 3, 15)),
        ("15.3.99", date(1999, 3, 15)),
    ],
)
def test_two_digit_year_is_the_latest_such_year_not_after_this_one(
    monkeypatch: pytest.MonkeyPatch, cell: str, born: date
) -> None:
    monkeypatch.setattr(_clock, "today", lambda: date(2026, 6, 1))
    parsed = csv.loads(f"First Name,Last Name,E-mail Address,Birthday\nA,B,a@x.example,{cell}\n")
    assert parsed[0].birthday == born


def test_an_email_cell_listing_addresses_keeps_one_preferred() -> None:
    parsed = csv.loads(
        'Name,E-mail 1 - Label,E-mail 1 - Value\nAda,* Work,"a@x.example, b@x.example"\n'
    )
    emails = [(e.address, e.types, e.preferred) for e in parsed[0].emails]
    assert emails == [("a@x.example", ("work",), True), ("b@x.example", ("work",), False)]


def test_an_email_cell_with_a_display_name_is_not_split() -> None:
    parsed = csv.loads('Name,E-mail\nAda,"Smith, Bob <b@x.example>"\n')
    assert [e.address for e in parsed[0].emails] == ["Smith, Bob <b@x.example>"]


def _event_with(line: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        f"DTSTART:20260105T100000Z\r\n{line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("ATTENDEE;EMAIL=a@x.example:urn:uuid:1", [("a@x.example", None)]),
        ('ATTENDEE;EMAIL="mailto:a@x.example":urn:uuid:1', [("a@x.example", None)]),
        ("ATTENDEE;CN=Ann;EMAIL=b@x.example:mailto:a@x.example", [("a@x.example", "Ann")]),
        ("ATTENDEE;CN=Ann;EMAIL=not-an-address:urn:uuid:1", [(None, "Ann")]),
        ('ATTENDEE;CN="A "x" B";EMAIL=a@x.example:urn:uuid:1', [("a@x.example", 'A "x" B')]),
    ],
    ids=["no-cn", "mailto-param", "mailto-wins", "not-an-address", "loose-line"],
)
def test_rfc7986_email_parameter(line: str, who: list[tuple[str | None, str | None]]) -> None:
    (event,) = ical.loads(_event_with(line))
    assert [(p.email, p.name) for p in event.attendees] == who


def test_a_junk_line_in_a_vtimezone_is_a_warning_naming_its_line() -> None:
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Z\r\ngarbage\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    text = _event_with("X-Y:1").replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT", 1)
    text = text.replace("DTSTART:20260105T100000Z", "DTSTART;TZID=Z:20260105T100000")
    parsed = ical.loads(text)
    assert parsed[0].start.isoformat() == "2026-01-05T10:00:00+01:00"
    assert [(i.line, i.severity.value) for i in parsed.issues if "garbage" in i.message] == [
        (6, "warning")
    ]
    assert not [i for i in parsed.issues if i.severity.value == "error"]


@pytest.mark.parametrize("name", ["X\\x41", "X\\\\A", "X\\", "X-\u00e9\\n"])
@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0", "jcard"])
def test_extension_names_with_escape_like_text_round_trip(name: str, version: str) -> None:
    c = Contact(uid="u", formatted_name="A", extensions=(Extension(name=name, value="v"),))
    if version == "jcard":
        back = jcard.loads(jcard.dumps([c]))
    else:
        back = vcard.loads(vcard.dumps([c], version=version))
    assert back[0].extensions == c.extensions


def test_a_name_with_a_control_character_stays_a_bad_name_through_round_trips() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nUID:u\r\nX-A\x01B:v\r\nEND:VCARD\r\n"
    (first,) = vcard.loads(text)
    assert [(e.name, e.params) for e in first.extensions] == [
        ("X-NETCORE-BAD-NAME", (("X-ORIGINAL-NAME", ("X-A\\x01B",)),))
    ]
    assert vcard.loads(vcard.dumps([first]))[0].extensions == first.extensions


def _birthdays(*cells: str) -> Parsed[Contact]:
    rows = "".join(f"P{i},L,p{i}@x.example,{cell}\n" for i, cell in enumerate(cells))
    return csv.loads("First Name,Last Name,E-mail Address,Birthday\n" + rows)


def test_a_later_day_first_date_rereads_the_earlier_ambiguous_ones() -> None:
    parsed = _birthdays("06/03/2005", "07/04/2001", "20/01/1981")
    assert [c.birthday for c in parsed] == [
        date(2005, 3, 6),
        date(2001, 4, 7),
        date(1981, 1, 20),
    ]
    (note,) = [i for i in parsed.issues if "day first" in i.message]
    assert (note.line, note.severity.value) == (2, "info")
    assert "line 4" in note.message


def test_a_month_first_column_stays_month_first() -> None:
    parsed = _birthdays("06/03/2005", "3/15/1945")
    assert [c.birthday for c in parsed] == [date(2005, 6, 3), date(1945, 3, 15)]
    assert parsed.issues == []


def test_a_column_mixing_both_orders_is_a_warning_naming_the_ambiguous_date() -> None:
    parsed = _birthdays("20/01/1981", "3/15/1945", "06/03/2005")
    assert parsed[2].birthday == date(2005, 6, 3)
    (warning,) = [i for i in parsed.issues if i.severity.value == "warning"]
    assert warning.line == 4
    assert "day-first (line 2) and month-first (line 3)" in warning.message


def test_date_order_is_decided_per_column() -> None:
    parsed = csv.loads(
        "First Name,E-mail Address,Birthday,Anniversary\n"
        "A,a@x.example,06/03/2005,06/03/2005\n"
        "B,b@x.example,20/01/1981,\n"
    )
    assert (parsed[0].birthday, parsed[0].anniversary) == (date(2005, 3, 6), date(2005, 6, 3))
