"""Red team, codecs round 3 (issue 13): defects found by hand, each an expected failure.

Every test states what a demanding user expects; it is marked ``xfail(strict=True)``
until the defect named in its reason is fixed (then the marker goes, the assertion
stays).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from _watchdog import watchdog
from netcore.formats import csv, ical, jcard, vcard
from netcore.formats.issues import Issue
from netcore.model import Attendee, Contact, Email, Event, Phone

_START = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def _card(fn: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{fn}\r\nFN:{fn}\r\nEND:VCARD\r\n"


def test_utf8_card_after_utf16_file_is_read() -> None:
    # A Windows export (UTF-16LE with BOM) followed by a phone's UTF-8 export: the
    # reverse order (UTF-8, then UTF-16) is read whole; this order loses the second card.
    data = ("\ufeff" + _card("Ann")).encode("utf-16-le") + _card("Bob").encode("utf-8")
    whole = [c.formatted_name for c in vcard.loads(data)]
    streamed = [c.formatted_name for c in vcard.iter_load(io.BytesIO(data))]
    assert whole == ["Ann", "Bob"]
    assert streamed == ["Ann", "Bob"]


def test_adr_trailing_separator_does_not_change_country() -> None:
    # Sloppy writers end the ADR value with a separator. N handles extra components
    # (kept aside with an INFO); ADR folds them into the country, which then reads
    # "USA;" and is written back as "USA\;".
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:Ann\r\n"
        "ADR;TYPE=home:;;1 Main St;Springfield;IL;62701;USA;\r\nEND:VCARD\r\n"
    )
    address = vcard.loads(text)[0].addresses[0]
    assert address.country == "USA"
    assert "USA\\;" not in vcard.dumps(vcard.loads(text), version="3.0")


def test_ical_url_with_backslash_round_trips() -> None:
    # URL is a URI, not TEXT: netcore writes it raw (rightly), then reads "\n" in it
    # as a line break (a space) and warns that the URL "could not be read".
    url = "file:///C:\\new\\table.txt"
    event = Event(uid="u1", title="Review", start=_START, url=url)
    back = ical.loads(ical.dumps([event]))
    assert back[0].url == url
    assert not [i for i in back.issues if i.property == "URL"]


def test_ical_categories_round_trip_as_written() -> None:
    # The vCard codec keeps list items as written (an item of spaces included); the
    # iCalendar codec strips each category and drops a blank one.
    event = Event(uid="u1", title="Review", start=_START, categories=("  lead", "trail ", "b"))
    back = ical.loads(ical.dumps([event]))
    assert back[0].categories == ("  lead", "trail ", "b")


def test_ical_attendee_written_is_read_back() -> None:
    # dumps writes the attendee (CN=" ", a urn:uuid: address), loads skips it with a
    # warning: what netcore writes must read back as the same attendees.
    people = (Attendee(name=" Ann "), Attendee(name=" "))
    event = Event(uid="u1", title="Review", start=_START, attendees=people)
    back = ical.loads(ical.dumps([event]))
    assert back[0].attendees == people


def test_google_csv_bad_birthday_reported_once() -> None:
    data = "First Name,Last Name,E-mail 1 - Value,Birthday\r\nCy,Oz,cy@oz.example,04/15\r\n"
    parsed = csv.loads(data)
    about_birthday = [i for i in parsed.issues if i.property == "Birthday"]
    assert len(about_birthday) == 1


def test_ical_fold_inside_utf8_character_is_restored() -> None:
    # RFC 5545 section 3.1: folding may split a multi-octet UTF-8 sequence and readers
    # must restore it on unfolding (the vCard reader does; the iCalendar reader reads
    # "JÃ¶rg" and warns about Windows-1252).
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:e1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T100000Z\r\n"
        b"SUMMARY:Call J\xc3\r\n \xb6rg\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = ical.loads(data)
    assert parsed[0].title == "Call Jörg"
    assert not [i for i in parsed.issues if "Windows-1252" in i.message]


def test_vcard_unknown_backslash_escape_keeps_backslash() -> None:
    # 3.0/4.0 escapes are \\ \, \; \n only; Windows paths written unescaped by many
    # tools must not lose their backslashes (vobject keeps them) and not without a word.
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:Ann\r\n"
        "NOTE:Share: C:\\Users\\ann\\Docs\r\nTITLE:Dept\\X\r\nEND:VCARD\r\n"
    )
    parsed = vcard.loads(text)
    assert parsed[0].note == "Share: C:\\Users\\ann\\Docs"
    assert parsed[0].organizations[0].title == "Dept\\X"


def test_csv_email_mailto_prefix_read_as_address() -> None:
    # One rule per concept: EMAIL:mailto:ann@x.example in a vCard is ann@x.example; the
    # same cell in a CSV stays "mailto:ann@x.example", so the two never match.
    from_csv = csv.loads("Name,Email\r\nAnn Lee,mailto:ann@x.example\r\n")[0]
    from_vcard = vcard.loads(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:Ann Lee\r\n"
        "EMAIL:mailto:ann@x.example\r\nEND:VCARD\r\n"
    )[0]
    assert [e.address for e in from_csv.emails] == [e.address for e in from_vcard.emails]
    assert from_csv.emails[0].address == "ann@x.example"


def test_base64_media_extensions_convert_to_data_uris_in_4_0() -> None:
    # PHOTO becomes a data: URI in 4.0, but LOGO, KEY and SOUND keep the 3.0-only
    # ENCODING=b parameter, which RFC 6350 does not have: a 4.0 or jCard reader takes
    # "iVBORw0KGgo=" for a (relative) URI and the logo is gone for it.
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:Acme\r\n"
        "LOGO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=\r\nEND:VCARD\r\n"
    )
    contacts = vcard.loads(text)
    written = vcard.dumps(contacts, version="4.0")
    assert "ENCODING" not in written.upper()
    assert "LOGO:data:image/png;base64,iVBORw0KGgo=" in written
    assert '"data:image/png;base64,iVBORw0KGgo="' in jcard.dumps(contacts)


def test_types_round_trip_as_the_model_holds_them() -> None:
    # The model keeps types as given; the readers lower-case them and turn "pref" into
    # preferred=True, so loads(dumps(c)) != c for a contact built through the API (the
    # model and the readers must agree, issue 13 deliverable 2).
    contact = Contact(
        uid="u",
        formatted_name="Ann",
        emails=(Email(address="ann@x.example", types=("WORK", "pref")),),
        phones=(Phone(number="+1 555 0100", types=("CELL",)),),
    )
    for text in (vcard.dumps(contact, version="4.0"), vcard.dumps(contact, version="3.0")):
        back = vcard.loads(text)[0]
        assert (back.emails, back.phones) == (contact.emails, contact.phones)
    back = jcard.loads(jcard.dumps(contact))[0]
    assert (back.emails, back.phones) == (contact.emails, contact.phones)


def test_stray_nul_between_cards_loses_no_card_when_streaming() -> None:
    # loads reads both cards; iter_load, which `netcore convert` and `netcore import`
    # use, decodes everything after "X\x00\n" as UTF-16 and reports it as one garbled
    # line: Bob is lost.
    data = (_card("Ann") + "X\x00\n" + _card("Bob")).encode("ascii")
    whole = [c.formatted_name for c in vcard.loads(data)]
    streamed = [c.formatted_name for c in vcard.iter_load(io.BytesIO(data))]
    assert whole == ["Ann", "Bob"]
    assert streamed == ["Ann", "Bob"]


def test_indented_stray_line_between_cards_read_alike() -> None:
    # docs/formats.md: loads and iter_load give the same contacts and issues. Here loads
    # reads " EGIN:VCARD" as a property that opens a card (3 contacts, one empty) and
    # iter_load ignores it as a continuation of nothing (2 contacts).
    data = (_card("Ann") + "\r\n EGIN:VCARD\r\n" + _card("Bob")).encode("ascii")
    issues: list[Issue] = []
    whole = vcard.loads(data)
    streamed = list(vcard.iter_load(io.BytesIO(data), issues=issues))
    assert [c.formatted_name for c in whole] == [c.formatted_name for c in streamed]
    assert [c.formatted_name for c in streamed] == ["Ann", "Bob"]
    assert sorted(map(str, whole.issues)) == sorted(map(str, issues))


def test_ical_impossible_timezone_rule_does_not_hang() -> None:
    # A zone name the tz database does not know is resolved by the input's own
    # VTIMEZONE; a hostile rule with no occurrence makes dateutil's rrule.before()
    # search forever from netcore's zone provider (`netcore inspect` and `import` hang).
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=90;BYDAY=-1SU\r\n"
        "END:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Custom:20260105T100000\r\nDTEND;TZID=Custom:20260105T110000\r\n"
        "SUMMARY:Sync\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with watchdog():
        parsed = ical.loads(data)
    assert [e.title for e in parsed] == ["Sync"]
