"""Red-team tests for the codecs, round 2: vCard, jCard, iCalendar, contacts CSV and the CLI.

Each xfail(strict=True) test asserts the correct behaviour of a finding that is still
open (``RT-codecs2-N`` in its reason). Written from the public docs and the source only.
"""

from __future__ import annotations

import csv as std_csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from netcore.cli import app
from netcore.formats import csv, ical, jcard, vcard
from netcore.model import Contact, Email, Extension, Phone


def run(*args: str | Path) -> tuple[int, str, str, BaseException | None]:
    """Run the CLI in process; return (exit code, stdout, stderr, exception)."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def cells(text: str) -> dict[str, str]:
    """The first data row of a written CSV as {column: cell}, empty cells left out."""
    header, row = list(std_csv.reader(io.StringIO(text)))[:2]
    return {h: v for h, v in zip(header, row, strict=False) if v}


def people(contacts: list[Contact]) -> list[tuple[str, list[str]]]:
    return [(c.formatted_name, [e.address for e in c.emails]) for c in contacts]


CARD_A = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nUID:a\r\nEMAIL:a@x.example\r\nEND:VCARD\r\n"
CARD_B = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nUID:b\r\nEMAIL:b@x.example\r\nEND:VCARD\r\n"


# ==== CSV writers ======================================================================


def test_outlook_csv_puts_voice_phones_in_their_own_columns() -> None:
    """RT-codecs2-1: Outlook CSV puts TYPE=voice phones in Assistant's Phone / Business Fax.

    Apple, Android and most 3.0 writers type every phone ``VOICE`` as well
    (``TEL;type=CELL;type=VOICE``). The writer only takes an exact type match, then falls
    back to "the first free column", so an iPhone's mobile lands in Assistant's Phone,
    the work phone in Business Fax and the home phone in Business Phone.
    """
    c = Contact(
        uid="u",
        formatted_name="John Doe",
        phones=(
            Phone(number="+1 202 555 0143", types=("cell", "voice"), preferred=True),
            Phone(number="+1 202 555 0199", types=("work", "voice")),
            Phone(number="+1 202 555 0188", types=("home", "voice")),
        ),
    )
    row = cells(csv.dumps([c], dialect="outlook"))
    assert row.get("Mobile Phone") == "+1 202 555 0143"
    assert row.get("Business Phone") == "+1 202 555 0199"
    assert row.get("Home Phone") == "+1 202 555 0188"
    assert "Business Fax" not in row
    assert "Assistant's Phone" not in row


def test_google_csv_labels_a_voice_mobile_as_mobile() -> None:
    """RT-codecs2-2: Google CSV labels a cell,voice phone 'Cell Voice'; its type is lost.

    ``TYPE=cell`` alone is written ``Mobile``, but ``cell,voice`` (what Apple and Android
    write) becomes the custom label ``Cell Voice``, and reading the file back gives a
    phone without the ``cell`` type (likewise ``internet,work`` emails: ``Internet Work``).
    """
    c = Contact(
        uid="u",
        formatted_name="John Doe",
        phones=(Phone(number="+1 202 555 0143", types=("cell", "voice")),),
        emails=(Email(address="j@x.example", types=("internet", "work")),),
    )
    text = csv.dumps([c], dialect="google")
    row = cells(text)
    assert row.get("Phone 1 - Label") == "Mobile"
    assert row.get("E-mail 1 - Label") == "Work"
    (back,) = csv.loads(text)
    assert "cell" in back.phones[0].types
    assert "work" in back.emails[0].types


@pytest.mark.parametrize("dialect", ["google", "outlook", "linkedin"])
def test_csv_writers_split_a_last_comma_first_name_the_right_way(
    dialect: Literal["google", "outlook", "linkedin"],
) -> None:
    """RT-codecs2-16: CSV writers split 'Lovelace, Ada' into First 'Lovelace,' Last 'Ada'.

    A contact with a formatted name and no structured ``N`` (what a one-column ``Name``
    CSV or many vCards give) is cut at its last space: Google, Outlook and LinkedIn
    then show first name ``Lovelace,`` (comma included) and sort her under "Ada".
    netcore's own reader hides it by rebuilding the same formatted name.
    """
    c = Contact(uid="u", formatted_name="Lovelace, Ada", emails=(Email(address="a@x.example"),))
    row = cells(csv.dumps([c], dialect=dialect))
    assert (row.get("First Name"), row.get("Last Name")) == ("Ada", "Lovelace")


# ==== CSV readers ======================================================================


def test_csv_dates_follow_the_files_day_first_order() -> None:
    """RT-codecs2-3: a day-first CSV reads its ambiguous dates month-first, silently.

    Each cell is decided alone: ``20/01/1981`` and ``13/12/1990`` prove the column is
    day/month/year (a UK or German Outlook export), yet ``06/03/2005`` in the same
    column is read as 3 June, with no issue: a birthday three months off.
    """
    parsed = csv.loads(
        "First Name,Last Name,E-mail Address,Birthday\n"
        "Ann,A,a@x.example,20/01/1981\n"
        "Cy,C,c@x.example,06/03/2005\n"
        "Eve,E,e@x.example,13/12/1990\n"
    )
    cy = parsed[1]
    assert cy.birthday == date(2005, 3, 6) or any(i.line == 3 for i in parsed.issues)


def test_two_digit_birth_year_is_never_in_the_future() -> None:
    """RT-codecs2-4: a two-digit birth year is read as 20xx, a birthday in the future.

    Outlook writes the short date of the user's locale (``3/15/45``); ``_year`` maps
    every year under 50 to 20xx, so a person born in 1945 has a birthday in 2045.
    """
    parsed = csv.loads("First Name,Last Name,E-mail Address,Birthday\nA,B,a@x.example,3/15/45\n")
    assert parsed[0].birthday == date(1945, 3, 15)


@pytest.mark.parametrize("sep", [";", ", ", "; "])
def test_email_cell_with_two_addresses_gives_two_emails(sep: str) -> None:
    """RT-codecs2-5: an E-mail cell with two addresses is one bogus address.

    Google's ``:::`` lists are split, but ``a@x.example; b@x.example`` (how people and
    many CRMs put several addresses in one cell) becomes one Email whose address is the
    whole cell, so neither address matches the interactions log or dedupe.
    """
    parsed = csv.loads(f'Name,E-mail\nAda,"a@x.example{sep}b@x.example"\n')
    assert [e.address for e in parsed[0].emails] == ["a@x.example", "b@x.example"]


# ==== vCard readers ====================================================================


def test_a_card_with_a_bad_parameter_name_can_be_written_back(tmp_path: Path) -> None:
    """RT-codecs2-6: a bad parameter name read leniently makes a contact no writer writes.

    ``EMAIL;TY,PE=work:`` is refused by ``Email`` and "kept in extensions", but the
    extension keeps the parameter name that ``contentline.serialize`` refuses, although
    docs/formats.md says the model refuses such names "so a contact that validates always
    writes". ``netcore convert`` exits 2 (a usage error) and writes nothing, and once
    imported the card makes ``netcore export`` of the whole store fail.
    """
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nUID:u\r\n"
        "EMAIL;TY,PE=work:a@x.example\r\nTEL;X\tY=1:+1 202 555 0143\r\nEND:VCARD\r\n"
    )
    parsed = list(vcard.loads(text))
    for version in ("2.1", "3.0", "4.0"):
        assert len(vcard.loads(vcard.dumps(parsed, version=version))) == 1
    src = tmp_path / "bad.vcf"
    src.write_text(text, encoding="utf-8")
    code, _out, err, exc = run("convert", src, "-o", tmp_path / "out.vcf")
    assert exc is None
    assert code == 0, err


@pytest.mark.parametrize("charset", [b"UTF\x00-8", b"\xc3SHIFT_JIS"], ids=["nul", "non-utf8"])
def test_a_broken_charset_parameter_loses_one_property_not_the_file(charset: bytes) -> None:
    """RT-codecs2-7: a NUL or stray byte in CHARSET loses the whole file (internal error).

    ``N;CHARSET=UTF<NUL>-8:`` with a value that is not UTF-8 makes ``vcard.loads`` (and
    ``iter_load``) raise ``ParseError: internal error while parsing`` in lenient mode:
    every other card of the address book is lost for one corrupt byte.
    """
    data = (
        CARD_A.encode()
        + b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bob\r\nN;CHARSET="
        + charset
        + b":\xe9\r\nEND:VCARD\r\n"
    )
    parsed = vcard.loads(data)
    assert [c.formatted_name for c in parsed] == ["Ada", "Bob"]
    assert parsed.issues


def test_blank_line_then_indented_card_is_its_own_contact() -> None:
    """RT-codecs2-8: loads merges an indented card after a blank line into the one before.

    ``END:VCARD``, an empty line, then `` BEGIN:VCARD`` (a card pasted indented): the
    whole-input reader joins the blank and indented lines into ``END:VCARDBEGIN:VCARD``,
    so Ada's card never ends and takes Bob's email; Bob disappears. ``iter_load`` reads
    the two people apart, although docs/formats.md says both readers give the same
    contacts.
    """
    data = (CARD_A + "\r\n " + CARD_B).encode()
    assert people(list(vcard.loads(data))) == [("Ada", ["a@x.example"]), ("Bob", ["b@x.example"])]
    streamed = list(vcard.iter_load(io.BytesIO(data)))
    assert people(streamed) == [("Ada", ["a@x.example"]), ("Bob", ["b@x.example"])]


def test_indented_line_after_begin_does_not_swallow_the_rest_of_the_file() -> None:
    """RT-codecs2-14: an indented line after BEGIN:VCARD makes loads drop every later card.

    ``BEGIN:VCARD`` then ``<TAB>VERSION:3.0`` (a hand-edited or pasted card) unfolds to
    ``BEGIN:VCARDVERSION:3.0``: the whole-input reader opens a component that never ends
    and skips it, and with it every card after it (13 of 14 contacts in a mutated
    corpus file), with one issue. ``iter_load`` still reads the later cards.
    """
    bob = CARD_B.replace("VERSION:3.0", "\tVERSION:3.0")
    cy = CARD_B.replace("Bob", "Cy").replace("b@", "c@").replace("UID:b", "UID:c")
    dee = CARD_B.replace("Bob", "Dee").replace("b@", "d@").replace("UID:b", "UID:d")
    data = (CARD_A + bob + cy + dee).encode()
    whole = people(list(vcard.loads(data)))
    streamed = people(list(vcard.iter_load(io.BytesIO(data))))
    for person in (("Ada", ["a@x.example"]), ("Cy", ["c@x.example"]), ("Dee", ["d@x.example"])):
        assert person in whole
    assert whole == streamed


def test_utf8_and_utf16_exports_concatenated() -> None:
    """RT-codecs2-9: a UTF-8 file followed by a UTF-16 one loses the second card in loads.

    ``cat phone.vcf mac.vcf > all.vcf`` (Mac OS X writes UTF-16): ``iter_load`` reads
    both people, ``loads`` reads the second as a nameless card of NUL-riddled extensions.
    """
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\u00eb\r\nUID:z\r\nEND:VCARD\r\n"
    second = text.replace("Zo\u00eb", "\u00c4da").replace("UID:z", "UID:d")
    data = text.encode("utf-8") + second.encode("utf-16-le")
    streamed = [c.formatted_name for c in vcard.iter_load(io.BytesIO(data))]
    assert streamed == ["Zo\u00eb", "\u00c4da"]
    assert [c.formatted_name for c in vcard.loads(data)] == streamed


@pytest.mark.parametrize(("version", "enc"), [("2.1", "BASE64"), ("3.0", "b")])
def test_base64_encoded_text_properties_are_decoded(version: str, enc: str) -> None:
    """RT-codecs2-10: base64-encoded text (FN;ENCODING=B) is read undecoded, with no issue.

    Some phone exports encode names in base64 with a CHARSET (``N;CHARSET=UTF-8;
    ENCODING=BASE64:``). netcore shows ``Wm/Dqw==`` as the name, reports nothing, and
    writes it back without the encoding, so the name is lost for good.
    """
    data = (
        f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:u\r\n"
        f"FN;CHARSET=UTF-8;ENCODING={enc}:Wm/Dqw==\r\n"
        f"N;CHARSET=UTF-8;ENCODING={enc}:TMO2dmU7Wm/Dqw==\r\nEND:VCARD\r\n"
    )
    (c,) = vcard.loads(data)
    assert c.formatted_name == "Zo\u00eb"
    assert c.name is not None
    assert (c.name.family, c.name.given) == ("L\u00f6ve", "Zo\u00eb")


@pytest.mark.parametrize("blank", [" ", "\t", "  "])
def test_quoted_printable_soft_break_with_trailing_whitespace(blank: str) -> None:
    """RT-codecs2-19: a quoted-printable soft break with trailing blanks loses the next line.

    RFC 2045 section 6.7 (rule 3): trailing whitespace on an encoded line is deleted by
    the decoder, so ``abc=<SP><CRLF>def`` is ``abcdef`` (Python's ``quopri`` agrees).
    netcore keeps ``abc= `` as the note and drops ``def`` as "a line without ':'".
    """
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nUID:u\r\n"
        f"NOTE;ENCODING=QUOTED-PRINTABLE:abc={blank}\r\ndef\r\nEND:VCARD\r\n"
    )
    (c,) = vcard.loads(data)
    assert c.note == "abcdef"


# ==== round trips ======================================================================


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0", "jcard"])
def test_extension_name_with_backslash_round_trips(version: str) -> None:
    """RT-codecs2-11: an extension name with a backslash comes back as X-NETCORE-BAD-NAME.

    docs/formats.md: a name outside the grammar is written as ``X-NETCORE-BAD-NAME;
    X-ORIGINAL-NAME=<name>``, "read back under its own name". For ``X\\A`` (what a
    mangled export holds) it is not: the contact comes back with another property.
    """
    c = Contact(uid="u", formatted_name="A", extensions=(Extension(name="X\\A", value="v"),))
    if version == "jcard":
        back = jcard.loads(jcard.dumps([c]))
    else:
        back = vcard.loads(vcard.dumps([c], version=version))
    assert back[0].extensions == c.extensions


@pytest.mark.parametrize(
    "email",
    [
        Email(address="a@x.example", params=(("X-\u00ff", ("v",)),)),
        Email(address="a@x.example", group="a.b"),
    ],
    ids=["non-ascii-param-name", "dotted-group"],
)
def test_jcard_keeps_the_parameters_and_groups_it_writes(email: Email) -> None:
    """RT-codecs2-12: jCard writes parameters and groups its own reader then drops.

    vCard 3.0 and 4.0 round-trip ``EMAIL;X-\u00ff=v:`` (read from a Latin-1 file) and the
    group ``a.b`` of ``a.b.EMAIL:`` (docs/formats.md: "``a.b.NAME`` has the group
    ``a.b``"); the jCard writer writes both and ``jcard.loads`` drops them ("not a vCard
    name", "group must be one name"): ``vcf -> jcard -> vcf`` loses them.
    """
    c = Contact(uid="u", formatted_name="A", emails=(email,))
    assert vcard.loads(vcard.dumps([c]))[0].emails == c.emails
    assert jcard.loads(jcard.dumps([c]))[0].emails == c.emails


# ==== CLI: recognising what standard input holds =======================================


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le", "utf-32"])
@pytest.mark.parametrize("kind", ["vcard", "ical"])
def test_cli_recognises_wide_encodings_on_standard_input(codec: str, kind: str) -> None:
    """RT-codecs2-15: a BOM-less UTF-16 or UTF-32 vCard/calendar on stdin is not recognised.

    ``vcard.loads`` reads Mac OS X Address Book's UTF-16BE without a BOM (and UTF-32),
    ``ical.loads`` UTF-16 without a BOM, but ``netcore inspect -`` (and a file without a
    ``.vcf``/``.ics`` suffix) sniffs the first bytes as 8-bit text and exits with
    "cannot tell what this file holds". A UTF-16 CSV is recognised.
    """
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\u00eb\r\nUID:z\r\nEND:VCARD\r\n"
        if kind == "vcard"
        else "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "SUMMARY:Zo\u00eb\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = CliRunner().invoke(app, ["inspect", "-"], input=text.encode(codec))
    assert result.exit_code == 0, result.stderr
    assert f"-: {kind}" in result.stdout


# ==== iCalendar ========================================================================


def test_utf32_calendar_is_read() -> None:
    """RT-codecs2-13: a UTF-32 calendar reads as 0 events, reported as read as UTF-16.

    vCard reads UTF-32 with or without a BOM; the calendar reader sees the BOM's first
    two bytes, decodes UTF-16 and finds no VEVENT.
    """
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "SUMMARY:Zo\u00eb\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = ical.loads(text.encode("utf-32"))
    assert [e.title for e in parsed] == ["Zo\u00eb"]


CUSTOM_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n{junk}"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


@pytest.mark.parametrize("junk", ['X-BAD;P="x:1\r\n', "garbage\r\n"], ids=["quote", "no-colon"])
def test_junk_line_in_a_vtimezone_keeps_the_zone(junk: str) -> None:
    """RT-codecs2-17: one unreadable line in a VTIMEZONE shifts every event using it.

    Inside a VEVENT such a line is dropped with a warning and the rest is read
    (docs/formats.md); inside a VTIMEZONE the whole zone is thrown away, so every
    event in Outlook's ``Customized Time Zone`` is read at UTC and shown an hour off.
    """
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + CUSTOM_ZONE.format(junk=junk)
        + "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:m\r\n"
        "DTSTART;TZID=Customized Time Zone:20260105T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = ical.loads(text)
    assert isinstance(event.start, datetime)
    assert event.start.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("prop", ["ATTENDEE", "ORGANIZER"])
def test_email_parameter_of_a_non_mailto_attendee_is_its_address(prop: str) -> None:
    """RT-codecs2-18: the RFC 7986 EMAIL parameter of a urn: attendee/organizer is ignored.

    ``ATTENDEE;CN=Ann;EMAIL=a@x.example:urn:uuid:...`` (RFC 7986 section 6.2, what
    calendar servers write for principals) is read as "Ann" with no address, so the
    meeting is never linked to Ann's contact; without a CN the attendee is skipped.
    """
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        f"DTSTART:20260105T100000Z\r\n{prop};CN=Ann;EMAIL=a@x.example:"
        "urn:uuid:5d2f8a3c-0000-4000-8000-000000000001\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = ical.loads(text)
    who = list(event.attendees) + ([event.organizer] if event.organizer else [])
    assert [(p.email, p.name) for p in who] == [("a@x.example", "Ann")]
