"""Round-trip fidelity of vCard shapes found in the real-world corpus (issue 13, round 2).

Each test holds one rule measured by ``tools/fidelity.py``; the inputs are hand-made in
the shapes the corpus files show (Apple's ``itemN`` groups, ...).
"""

from __future__ import annotations

import csv as std_csv
import io
from datetime import UTC, date, datetime

import pytest

from netcore.formats import csv, jcard, vcard
from netcore.model import Contact, Email, Extension, Phone

# --------------------------------------------------------------------------- Extension.value


@pytest.mark.parametrize("text", ["a\nb", "a\r\nb", "a\rb"])
def test_a_line_break_in_an_extension_value_is_the_newline_escape(text: str) -> None:
    # The value is the written (escaped) text form: a line break in it is ``\n``.
    assert Extension(name="X-FOO", value=text).value == "a\\nb"


@pytest.mark.parametrize(
    "params",
    [(("ENCODING", ("QUOTED-PRINTABLE",)),), (("QUOTED-PRINTABLE", ()),), (("encoding", ("qp",)),)],
)
def test_a_quoted_printable_extension_is_held_in_the_model_form(
    params: tuple[tuple[str, tuple[str, ...]], ...],
) -> None:
    # A quoted-printable value is decoded text: the model holds it as every reader gives
    # it (RT-codecs4-2), in the escaped text form (each line break one ``\n``) without
    # the parameter that only said how it was carried.
    ext = Extension(name="X-FOO", value="a\r\nb\rc\\d", params=params)
    assert ext.value == "a\\nb\\nc\\\\d"
    assert ext.params == ()


def test_a_line_break_in_an_extension_cannot_write_a_second_property() -> None:
    c = Contact(
        uid="u", formatted_name="A", extensions=(Extension(name="X-FOO", value="a\r\nEMAIL:x@y"),)
    )
    for version in ("2.1", "3.0", "4.0"):
        [back] = vcard.loads(vcard.dumps(c, version=version))
        assert back.emails == ()
        assert back.extensions == c.extensions


# --------------------------------------------------------------------------- itemN groups

APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nN:Lee;Ann;;;\r\n"
    "item1.EMAIL;type=INTERNET:ann@example.org\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
    "item2.TEL:+1 555 0100\r\nitem2.X-ABLabel:mobile\r\n"
    "UID:ann\r\nEND:VCARD\r\n"
)


def test_label_groups_keep_the_names_the_file_gave() -> None:
    # The writer puts TEL before EMAIL: renumbering would make the email item2.
    [c] = vcard.loads(APPLE)
    assert (c.emails[0].group, c.phones[0].group) == ("item1", "item2")
    text = vcard.dumps(c, version="3.0")
    assert "item1.EMAIL" in text
    assert "item2.TEL" in text
    assert "item1.X-ABLabel:_$!<Other>!$_" in text
    assert vcard.loads(text) == [c]


def test_label_groups_in_the_writers_own_numbering_are_left_to_the_writer() -> None:
    # What netcore writes for labelled records without a group reads back without one.
    c = Contact(
        uid="u",
        formatted_name="A",
        emails=(Email(address="a@x.org", label="one"),),
        phones=(Phone(number="1", label="two"),),
        extensions=(Extension(name="X-FOO", value="v", group="item1"),),
    )
    text = vcard.dumps(c, version="3.0")
    assert "item2.TEL" in text
    assert "item3.EMAIL" in text
    assert vcard.loads(text) == [c]
    assert jcard.loads(jcard.dumps(c)) == [c]


# --------------------------------------------------------------------------- single-valued forms

PARAMS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN;ALTID=1;LANGUAGE=en:Ann Lee\r\nN:Lee;Ann;;;\r\n"
    "NICKNAME;TYPE=work:Jim,Jimmie\r\nTITLE;LANGUAGE=de:Chef\r\nTITLE;X-A=b:Boss\r\n"
    "ROLE;LANGUAGE=en:Lead\r\nNOTE;LANGUAGE=en;PID=1.1:hi\\, there\r\n"
    "CATEGORIES;X-SRC=mine:a,b\r\nGENDER;X-G=1:F\r\nKIND;X-K=1:individual\r\n"
    "BDAY;ALTID=2:19531015T231000Z\r\nANNIVERSARY:20090808T1430-0500\r\n"
    "UID;X-U=1:ann\r\nREV;VALUE=date-and-or-time:2016-11-19T17:44:22.057Z\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "FN;ALTID=1;LANGUAGE=en:Ann Lee",
        "NICKNAME;TYPE=work:Jim,Jimmie",
        "TITLE;LANGUAGE=de:Chef",
        "TITLE;X-A=b:Boss",
        "ROLE;LANGUAGE=en:Lead",
        "NOTE;LANGUAGE=en;PID=1.1:hi\\, there",
        "CATEGORIES;X-SRC=mine:a,b",
        "GENDER;X-G=1:F",
        "KIND;X-K=1:individual",
        "BDAY;ALTID=2:19531015T231000Z",
        "ANNIVERSARY:20090808T1430-0500",
        "UID;X-U=1:ann",
        "REV;VALUE=date-and-or-time:2016-11-19T17:44:22.057Z",
    ],
)
def test_single_valued_properties_keep_their_parameters_and_written_form(line: str) -> None:
    [c] = vcard.loads(PARAMS)
    text = vcard.dumps(c, version="4.0")
    assert f"\r\n{line}\r\n" in text
    assert vcard.loads(text) == [c]


def test_dates_keep_their_meaning_with_the_form() -> None:
    [c] = vcard.loads(PARAMS)
    assert c.birthday == date(1953, 10, 15)
    assert c.anniversary == date(2009, 8, 8)
    assert c.revision == datetime(2016, 11, 19, 17, 44, 22, tzinfo=UTC)


def test_a_written_form_is_dropped_once_the_value_changes() -> None:
    [c] = vcard.loads(PARAMS)
    changed = c.model_copy(
        update={"birthday": date(1960, 1, 2), "revision": datetime(2020, 1, 1, tzinfo=UTC)}
    )
    text = vcard.dumps(changed, version="4.0")
    assert "\r\nBDAY;ALTID=2:19600102\r\n" in text
    # VALUE described the text no longer written: it goes with it
    assert "\r\nREV:20200101T000000Z\r\n" in text


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_card_in_netcores_own_form_carries_no_forms(version: str) -> None:
    c = Contact(
        uid="u",
        formatted_name="Zoë",
        nicknames=("Z",),
        note="a\nb, c",
        birthday=date(1990, 2, 3),
        revision=datetime(2020, 1, 1, tzinfo=UTC),
    )
    [back] = vcard.loads(vcard.dumps(c, version=version))
    assert back.forms == ()
    assert back == c


def test_forms_are_left_out_of_the_json_while_empty() -> None:
    assert "forms" not in Contact(uid="u").model_dump_json()


# --------------------------------------------------------------------------- RELATED VALUE


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("3.0", "RELATED;TYPE=child;VALUE=text:Child Tester"),
        ("3.0", "RELATED;TYPE=parent;VALUE=uri:mum@example.com"),
        ("4.0", "RELATED;TYPE=parent;VALUE=uri:urn:uuid:1"),
        ("4.0", "RELATED;TYPE=spouse;VALUE=text:Jo"),
    ],
)
def test_the_value_type_of_related_is_kept(version: str, line: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nUID:u\r\n{line}\r\nEND:VCARD\r\n"
    [c] = vcard.loads(card)
    text = vcard.dumps(c, version=version)
    assert f"\r\n{line}\r\n" in text
    assert vcard.loads(text) == [c]


# --------------------------------------------------------------------------- PHOTO without VALUE


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("3.0", "PHOTO:https://example.org/a.jpg"),
        ("2.1", "PHOTO;GIF:http://example.org/a.gif"),
    ],
)
def test_a_photo_uri_without_value_is_written_as_given(version: str, line: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nUID:u\r\n{line}\r\nEND:VCARD\r\n"
    [c] = vcard.loads(card)
    assert c.photo is not None
    assert c.photo.uri == line.split(":", 1)[1]
    text = vcard.dumps(c, version=version)
    assert f"\r\n{line}\r\n" in text
    assert vcard.loads(text) == [c]


def test_a_photo_changed_is_written_in_netcores_own_form() -> None:
    [c] = vcard.loads(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nPHOTO:https://a.example/1\r\nEND:VCARD\r\n"
    )
    assert c.photo is not None
    other = c.model_copy(
        update={"photo": c.photo.model_copy(update={"uri": "https://b.example/2"})}
    )
    assert "\r\nPHOTO;VALUE=uri:https://b.example/2\r\n" in vcard.dumps(other, version="3.0")


def test_apples_year_1604_form_is_kept_in_3_0_and_not_carried_into_4_0() -> None:
    [c] = vcard.loads("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nBDAY:16040101\r\nEND:VCARD\r\n")
    assert "\r\nBDAY:16040101\r\n" in vcard.dumps(c, version="3.0")
    # 4.0 has its own year-less form; 1604 there would be a year
    assert "\r\nBDAY:--0101\r\n" in vcard.dumps(c, version="4.0")
    assert '["bday", {}, "date-and-or-time", "--01-01"]' in jcard.dumps(c)  # jCard form


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_an_empty_title_without_an_organization_is_written_back(version: str) -> None:
    card = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nUID:u\r\nTITLE:\r\nNOTE:n\r\nEND:VCARD\r\n"
    [c] = vcard.loads(card)
    assert c.organizations == ()
    text = vcard.dumps(c, version=version)
    assert "\r\nTITLE:\r\n" in text
    assert vcard.loads(text) == [c]


def test_the_label_of_a_refused_property_is_kept_with_it() -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nUID:u\r\n"
        "item1.EMAIL;type=INTERNET:program.monitor.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
        "END:VCARD\r\n"
    )
    [c] = vcard.loads(card)
    assert c.emails == ()
    assert [(e.group, e.name) for e in c.extensions] == [("item1", "EMAIL"), ("item1", "X-ABLabel")]
    text = vcard.dumps(c, version="3.0")
    assert "\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n" in text
    assert vcard.loads(text) == [c]


@pytest.mark.parametrize("cell", ["line1\nline2", "C:\\new\\dir", "a\\nb\r\nc"])
def test_a_csv_column_kept_as_an_extension_writes_back_the_same_cell(cell: str) -> None:
    # The extension holds the cell in the written (escaped) form of the one newline rule;
    # the CSV writer writes the cell itself again, and vCard carries it unchanged.
    quoted = '"' + cell.replace('"', '""') + '"'
    data = f"First Name,Last Name,Custom Thing\r\nAnn,Lee,{quoted}\r\n"
    [c] = csv.loads(data)
    [again] = csv.loads(csv.dumps([c], dialect="google"))
    assert again.extensions == c.extensions
    written = list(std_csv.reader(io.StringIO(csv.dumps([again], dialect="google"))))
    assert written[1][-1] == cell.replace("\r\n", "\n")  # the model's line break is LF
    [back] = vcard.loads(vcard.dumps(c, version="4.0"))
    assert back.extensions == c.extensions
