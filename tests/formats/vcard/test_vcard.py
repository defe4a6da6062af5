from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats import jcard, vcard
from netcore.formats.contentline import Params
from netcore.model import Contact, Email, Extension, Name, PartialDate, Phone, Photo
from netcore.model.values import e164_of
from netcore.testing import contacts


def one(data: str | bytes) -> Contact:
    parsed = vcard.loads(data)
    assert len(parsed) == 1
    return parsed[0]


# --------------------------------------------------------------------------- reading

V21 = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John;Q.,R.;Dr.;Jr.\r\n"
    b"TEL;CELL;PREF:+1 202 555 0143\r\nTEL;HOME:0201 1234\r\nEMAIL;INTERNET:john@example.org\r\n"
    b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=C3=BC=C3=9Fe=0D=0Azwei\r\n"
    b"ADR;HOME:;;1 Main St;Springfield;IL;62704;USA\r\n"
    b"LABEL;HOME;ENCODING=QUOTED-PRINTABLE:1 Main St=0D=0ASpringfield\r\n"
    b"X-CUSTOM;FOO=bar:kept as is\\, raw\r\nEND:VCARD\r\n"
)


def test_read_21() -> None:
    c = one(V21)
    assert c.name == Name(
        family="Doe", given="John", additional=("Q.", "R."), prefixes=("Dr.",), suffixes=("Jr.",)
    )
    assert c.formatted_name == "Dr. John Q. R. Doe Jr."  # derived: the card has no FN
    assert c.phones[0].types == ("cell",)
    assert c.phones[0].preferred
    assert c.phones[0].e164 == "+12025550143"
    assert c.phones[1].number == "0201 1234"
    assert c.phones[1].e164 is None
    assert c.note == "Grüße\nzwei"
    assert c.addresses[0].formatted == "1 Main St\nSpringfield"
    assert c.extensions[0].name == "X-CUSTOM"
    assert c.extensions[0].value == "kept as is\\, raw"
    assert c.extensions[0].params == (("FOO", ("bar",)),)


def test_apple_labels_attach_to_their_property() -> None:
    c = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nitem1.EMAIL;type=INTERNET;type=pref:a@example.org\n"
        "item1.X-ABLabel:_$!<Other>!$_\nitem2.X-ABDATE:2020-01-01\nitem2.X-ABLabel:Met\n"
        "item3.URL:http\\://example.org\nitem3.X-ABLabel:blog\nEND:VCARD\n"
    )
    assert c.emails[0].label == "_$!<Other>!$_"
    assert c.emails[0].preferred
    assert c.emails[0].types == ("internet",)
    assert c.urls[0].value == "http://example.org"
    assert c.urls[0].label == "blog"
    # The date is not modelled: it and its label stay together in extensions.
    assert [(e.group, e.name) for e in c.extensions] == [
        ("item2", "X-ABDATE"),
        ("item2", "X-ABLabel"),
    ]
    out = vcard.dumps(c, version="3.0")
    assert "X-ABLabel:_$!<Other>!$_" in out
    assert vcard.loads(out)[0] == c


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:19800322", date(1980, 3, 22)),
        ("BDAY:1980-03-22", date(1980, 3, 22)),
        ("BDAY:1953-10-15T23:10:00Z", date(1953, 10, 15)),
        ("BDAY:--0203", PartialDate(month=2, day=3)),
        ("BDAY:--04-16", PartialDate(month=4, day=16)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15", PartialDate(month=3, day=15)),
        ("BDAY:16040101", PartialDate(month=1, day=1)),
    ],
)
def test_dates(line: str, expected: object) -> None:
    assert one(f"BEGIN:VCARD\nVERSION:4.0\nFN:a\n{line}\nEND:VCARD\n").birthday == expected


def test_text_date_and_bad_email_are_kept_with_an_issue() -> None:
    parsed = vcard.loads(
        "BEGIN:VCARD\nVERSION:4.0\nFN:a\nBDAY;VALUE=text:circa 1800\n"
        "EMAIL:not-an-address\nEND:VCARD\n"
    )
    c = parsed[0]
    assert c.birthday is None
    assert c.emails == ()
    assert [e.name for e in c.extensions] == ["BDAY", "EMAIL"]
    assert {(i.line, i.property) for i in parsed.issues} >= {(4, "BDAY"), (5, "EMAIL")}


def test_photo_forms() -> None:
    b64 = one("BEGIN:VCARD\nVERSION:3.0\nFN:a\nPHOTO;ENCODING=b;TYPE=PNG:QUJD\nEND:VCARD\n")
    assert b64.photo is not None
    assert (b64.photo.data, b64.photo.media_type) == (b"ABC", "image/png")
    uri = one("BEGIN:VCARD\nVERSION:4.0\nFN:a\nPHOTO:data:image/jpeg;base64\\,QUJD\nEND:VCARD\n")
    assert uri.photo is not None
    assert (uri.photo.data, uri.photo.media_type) == (b"ABC", "image/jpeg")
    url = one(
        "BEGIN:VCARD\nVERSION:4.0\nFN:a\nPHOTO:https://x.example/p.jpg\nPHOTO:https://y\nEND:VCARD\n"
    )
    assert url.photo is not None
    assert url.photo.uri == "https://x.example/p.jpg"
    assert url.extensions[0].value == "https://y"


def test_org_title_role_pair_up_in_order() -> None:
    c = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:a\nORG:Acme;R&D;Lab\nTITLE:Boss\nORG:Other\nROLE:x\nROLE:y\nEND:VCARD\n"
    )
    assert [(o.name, o.units, o.title, o.role) for o in c.organizations] == [
        ("Acme", ("R&D", "Lab"), "Boss", "x"),
        ("Other", (), None, "y"),
    ]


def test_uid_is_derived_deterministically() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:a\nEND:VCARD\n"
    a, b = one(data).uid, one(data).uid
    assert a == b
    assert a.startswith("urn:uuid:")
    assert one(data.replace("FN:a", "FN:b")).uid != a


def test_fn_derived_from_org_then_email() -> None:
    assert one("BEGIN:VCARD\nVERSION:3.0\nORG:Acme\nEND:VCARD\n").formatted_name == "Acme"
    assert one("BEGIN:VCARD\nEMAIL:a@b.example\nEND:VCARD\n").formatted_name == "a@b.example"


def test_21_backslash_and_shift_jis() -> None:
    c = one(b"BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=SHIFT_JIS:\x95\x5c\nEND:VCARD\n")
    assert c.formatted_name == "表"


def test_broken_cards_do_not_stop_others_and_strict_raises() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:a\nBEGIN:VCARD\nVERSION:3.0\nFN:b\nEND:VCARD\n"
    parsed = vcard.loads(data)
    assert parsed[0].formatted_name == "a"
    assert parsed.errors
    with pytest.raises(ParseError):
        vcard.loads(data, strict=True)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_gives_contacts_or_parse_error(data: bytes | str) -> None:
    try:
        vcard.loads(data)
        vcard.loads(data, strict=True)
    except ParseError:
        pass


# --------------------------------------------------------------------------- writing


def test_version_specific_writing() -> None:
    c = one(V21)
    v21 = vcard.dumps(c, version="2.1")
    assert "TEL;CELL;PREF:+1 202 555 0143" in v21
    assert "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=C3=BC=C3=9Fe=0Azwei" in v21
    v30 = vcard.dumps(c, version="3.0")
    assert "TEL;TYPE=cell,pref:+1 202 555 0143" in v30
    assert "NOTE:Grüße\\nzwei" in v30
    assert "LABEL;TYPE=home:1 Main St\\nSpringfield" in v30
    v40 = vcard.dumps(c, version="4.0")
    assert "TEL;TYPE=cell;PREF=1:+1 202 555 0143" in v40
    assert "ADR;TYPE=home;LABEL=1 Main St^nSpringfield:" in v40
    with pytest.raises(UnsupportedFormatError):
        vcard.dumps(c, version="5.0")


def test_partial_birthday_per_version() -> None:
    c = Contact(uid="u", formatted_name="a", birthday=PartialDate(month=3, day=15))
    assert "BDAY:--0315" in vcard.dumps(c, version="4.0")
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15" in vcard.dumps(c, version="3.0")
    for v in vcard.VERSIONS:
        assert one(vcard.dumps(c, version=v)).birthday == c.birthday


def test_photo_writing_per_version() -> None:
    from netcore.model import Photo

    c = Contact(uid="u", formatted_name="a", photo=Photo(data=b"ABC", media_type="image/png"))
    assert "PHOTO:data:image/png;base64,QUJD" in vcard.dumps(c, version="4.0")
    assert "PHOTO;ENCODING=b;TYPE=PNG:QUJD" in vcard.dumps(c, version="3.0")
    assert "PHOTO;ENCODING=BASE64;PNG:QUJD\r\n\r\n" in vcard.dumps(c, version="2.1")


def _expected(c: Contact) -> Contact:
    update: dict[str, object] = {"source": None}
    if not c.formatted_name:
        update["formatted_name"] = vcard.derive_formatted_name(c)
    if c.name is not None and c.name.is_empty():
        update["name"] = None
    if c.revision is not None:
        update["revision"] = c.revision.replace(microsecond=0)
    # vCard carries no E.164 form: the phone read back derives it from the number.
    phones = tuple(p.model_copy(update={"e164_given": None}) for p in c.phones)
    update["phones"] = phones
    return c.model_copy(update=update)


@pytest.mark.parametrize("version", vcard.VERSIONS)
@given(c=contacts())
def test_dumps_loads_round_trip(version: str, c: Contact) -> None:
    back = vcard.loads(vcard.dumps(c, version=version))
    assert back.errors == []
    assert list(back) == [_expected(c)]


def test_load_and_dump_files(tmp_path: Path) -> None:
    cs = [
        Contact(uid=f"u{i}", formatted_name=f"P {i}", revision=datetime(2020, 1, 1, tzinfo=UTC))
        for i in range(3)
    ]
    path = tmp_path / "a.vcf"
    vcard.dump(cs, path, version="3.0")
    got = vcard.load(path)
    assert [c.uid for c in got] == ["u0", "u1", "u2"]
    assert got[0].source == str(path)
    assert list(vcard.load(io.BytesIO(path.read_bytes()))) == [
        c.model_copy(update={"source": None}) for c in got
    ]


def test_vobject_interop() -> None:
    pytest.importorskip("vobject")
    c = Contact(uid="u", formatted_name="Ann Lee", name=Name(family="Lee", given="Ann"))
    card = vcard.to_vobject(c)
    assert card.fn.value == "Ann Lee"
    assert vcard.from_vobject(card) == c


# --------------------------------------------------------------------------- fast paths


def test_refused_values_take_the_reference_path_with_the_same_result() -> None:
    # One refused value (an email without '@') makes the one-shot validation fail; the
    # card is then read property by property: the bad one goes to extensions, once, with
    # one issue, and the issues of the abandoned fast pass are dropped.
    from netcore.formats.contentline import parse
    from netcore.formats.issues import IssueCollector

    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nN:A;B;;;\nEMAIL:not-an-email\nEMAIL:a@example.org\n"
        "REV:20200101T000000\nTEL:+1 202 555 0143\nADR:;;1 Main\x01St;;;;\nEND:VCARD\n"
    )
    parsed = vcard.loads(text)
    c = parsed[0]
    assert [e.address for e in c.emails] == ["a@example.org"]
    assert [x.name for x in c.extensions] == ["EMAIL", "ADR"]
    assert c.uid.startswith("urn:uuid:")
    messages = [i.message for i in parsed.issues]
    assert len(messages) == 4  # REV zone, EMAIL, ADR, derived UID: each exactly once
    assert sum("no UID" in m for m in messages) == 1
    reference = IssueCollector()
    assert vcard._builder._Builder(parse(text)[0], reference, None, eager=True).build() == c
    assert reference.issues == parsed.issues


def test_reading_does_not_compute_e164_until_it_is_asked_for() -> None:
    e164_of.cache_clear()
    (c,) = vcard.loads("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nTEL:+1 202 555 0143\r\nEND:VCARD\r\n")
    assert e164_of.cache_info().currsize == 0
    assert c.phones[0].e164 == "+12025550143"
    assert e164_of.cache_info().currsize == 1


def test_e164_cache_gives_the_uncached_result_and_is_bounded() -> None:
    numbers = ["+1 202 555 0143", "+44 20 7946 0958", "+1 555", "+", "+33 (0)1 42 68 53 00"]
    e164_of.cache_clear()
    first = [e164_of(n) for n in numbers]
    again = [e164_of(n) for n in numbers]
    assert first == again == [e164_of.__wrapped__(n) for n in numbers]
    assert first[0] == "+12025550143"
    assert first[2] == "+1555"  # not valid for phonenumbers: the digits as written
    info = e164_of.cache_info()
    assert info.hits == len(numbers)
    assert info.maxsize is not None
    assert info.maxsize <= 10_000


def test_types_cache_shares_results_and_is_bounded() -> None:
    from netcore.formats.contentline import Property

    prop = Property(None, "TEL", (("TYPE", ("CELL", "voice,PREF")), ("X-Y", ())), "1")
    expected = vcard._common._compute_types(prop.params)
    assert expected == (("cell", "voice", "x-y"), True)
    assert vcard._common._types(prop) == expected
    assert vcard._common._types(Property(None, "TEL", prop.params, "2")) is vcard._common._types(
        prop
    )
    for i in range(vcard._common._TYPES_CACHE_SIZE + 10):
        vcard._common._types(Property(None, "TEL", (("TYPE", (f"t{i}",)),), "1"))
    assert len(vcard._common._TYPES_CACHE) <= vcard._common._TYPES_CACHE_SIZE


def test_loads_restores_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    vcard.loads("BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\n")
    assert gc.isenabled()
    gc.disable()
    try:
        vcard.loads("BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_inline_photo_without_a_type_gets_its_media_type_from_its_bytes() -> None:
    import base64

    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 20
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:P\r\nPHOTO;ENCODING=BASE64:"
        + base64.b64encode(jpeg).decode()
        + "\r\n\r\nEND:VCARD\r\n"
    )
    photo = vcard.loads(card)[0].photo
    assert photo is not None
    assert photo.media_type == "image/jpeg"
    assert photo.data == jpeg


def test_photo_of_unknown_type_survives_a_4_0_round_trip() -> None:
    import base64

    blob = b"\x00\x01not-an-image"
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\nPHOTO;ENCODING=b:"
        + base64.b64encode(blob).decode()
        + "\r\nEND:VCARD\r\n"
    )
    first = vcard.loads(card)
    assert first[0].photo is not None
    assert first[0].photo.media_type is None
    for version in ("2.1", "3.0", "4.0"):
        assert list(vcard.loads(vcard.dumps(first, version=version))) == list(first)


def test_a_2_1_type_that_is_not_a_token_is_written_as_a_type_parameter() -> None:
    from netcore.model import Contact, Phone

    c = Contact(uid="u", formatted_name="T", phones=(Phone(number="1", types=("a:b",)),))
    text = vcard.dumps([c], version="2.1")
    assert 'TEL;TYPE="a:b":1' in text
    assert vcard.loads(text)[0].phones == c.phones


def test_photo_type_work_is_not_taken_for_a_media_type() -> None:
    import base64

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\nPHOTO;TYPE=WORK;ENCODING=b:"
        + base64.b64encode(png).decode()
        + "\r\nEND:VCARD\r\n"
    )
    photo = vcard.loads(card)[0].photo
    assert photo is not None
    assert photo.media_type == "image/png"


# --------------------------------------------------------------------------- refused values


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("FN:A\x07B", "formatted_name"),
        ("FN:A\\nB", "formatted_name"),
        ("UID:u\x1bv", "uid"),
        ("X-NETCORE-CADENCE-DAYS:0", "cadence_days"),
        ("X-NETCORE-CADENCE-DAYS:99999999", "cadence_days"),
    ],
)
def test_a_refused_single_value_goes_to_extensions_and_the_card_is_kept(
    line: str, field: str
) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + line + "\r\nEMAIL:ann@example.org\r\n"
        "TEL:+1 202 555 0143\r\nEND:VCARD\r\n"
    )
    got = vcard.loads(text)
    [c] = got
    assert [e.address for e in c.emails] == ["ann@example.org"]
    assert [p.number for p in c.phones] == ["+1 202 555 0143"]
    name, _, value = line.partition(":")
    assert [(e.name, e.value) for e in c.extensions] == [(name, value)]
    assert [(i.severity.value, i.line, i.property) for i in got.issues if i.line == 3] == [
        ("warning", 3, name)
    ]
    assert field not in c.model_fields_set or getattr(c, field) != value
    # The per-record reference gives the same contact and issues as the fast path.
    from netcore.formats import contentline
    from netcore.formats.issues import IssueCollector
    from netcore.formats.vcard._builder import _Builder

    eager = IssueCollector(None)
    comp = contentline.parse(text)[0]
    assert _Builder(comp, eager, None, eager=True).build() == c
    assert eager.issues == got.issues


def test_a_second_fn_is_read_when_the_first_is_refused() -> None:
    c = one("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\x07\r\nFN:Ann\r\nUID:u\r\nEND:VCARD\r\n")
    assert c.formatted_name == "Ann"
    assert [(e.name, e.value) for e in c.extensions] == [("FN", "A\x07")]


def test_a_data_uri_photo_may_hold_whitespace_but_not_other_characters() -> None:
    ok = one(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u\r\nPHOTO:data:image/png;base64,QU FC\r\nEND:VCARD\r\n"
    )
    assert ok.photo is not None
    assert ok.photo.data == b"AAB"
    bad = vcard.loads(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u\r\nPHOTO:data:image/png;base64,QU*FC\r\nEND:VCARD\r\n"
    )
    assert bad[0].photo is None
    assert [(e.name, e.value) for e in bad[0].extensions] == [
        ("PHOTO", "data:image/png;base64,QU*FC")
    ]
    assert [(i.severity.value, i.line, i.property) for i in bad.issues] == [("warning", 4, "PHOTO")]


# --------------------------------------------------------------------------- nested components


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_a_nested_component_other_than_a_vcard_is_kept_reported_and_written_back(
    version: str,
) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nUID:u1\r\nBEGIN:VEVENT\r\nSUMMARY:party\r\n"
        "END:VEVENT\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Agent\r\nEND:VCARD\r\nEND:VCARD\r\n"
    )
    got = vcard.loads(text)
    [c] = got
    assert [(e.name, e.value) for e in c.extensions] == [
        ("AGENT", ""),
        ("X-NETCORE-COMPONENT", "BEGIN:VEVENT\\nSUMMARY:party\\nEND:VEVENT\\n"),
        ("AGENT", "BEGIN:VCARD\\nFN:Agent\\nEND:VCARD\\n"),
    ]
    [issue] = got.issues
    assert (issue.severity.value, issue.line, issue.property) == ("warning", 5, "BEGIN")
    assert "VEVENT" in issue.message
    written = vcard.dumps(c, version=version)
    assert "X-NETCORE-COMPONENT:BEGIN:VEVENT\\nSUMMARY:party\\nEND:VEVENT\\n\r\n" in written
    again = vcard.loads(written)
    assert list(again) == [c]
    assert again.issues == []


# --------------------------------------------------------------------------- lone surrogates


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_lone_surrogates_are_written_as_the_replacement_character(version: str) -> None:
    c = Contact(uid="u", formatted_name="A\ud800", name=Name(given="\udc80" * 50), note="\ud800")
    data = vcard.dumps(c, version=version).encode("utf-8")
    back = vcard.loads(data)
    assert back.issues == []
    assert back[0].formatted_name == "A\ufffd"
    assert back[0].name == Name(given="\ufffd" * 50)
    assert back[0].note == "\ufffd"


def test_a_property_name_with_a_control_character_is_kept_under_a_safe_name() -> None:
    contacts = vcard.loads("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nX\x01Y:7\r\nEND:VCARD\r\n")
    [ext] = contacts[0].extensions
    assert (ext.name, ext.params, ext.value) == (
        "X-NETCORE-BAD-NAME",
        (("X-ORIGINAL-NAME", ("X\\x01Y",)),),
        "7",
    )


# --------------------------------------------------------------------------- issue 13


def test_a_refused_fn_keeps_a_valid_derived_name_and_round_trips() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Mace\x05do;Ang\x05e;;;\r\n"
        "FN:Ang\x05e Mace\x05do\r\nEND:VCARD\r\n"
    )
    c = vcard.loads(data)[0]
    assert c.formatted_name == "Ange Macedo"
    assert Contact.model_validate(c.model_dump()) == c
    assert [(e.name, e.value) for e in c.extensions] == [("FN", "Ang\x05e Mace\x05do")]
    for version in vcard.VERSIONS:
        assert list(vcard.loads(vcard.dumps(c, version=version))) == [c]


def test_a_dotted_group_survives_the_contact() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nsome.other.value:1.2.3\r\nEND:VCARD\r\n"
    c = vcard.loads(data)[0]
    assert [(e.group, e.name, e.value) for e in c.extensions] == [("some.other", "value", "1.2.3")]
    assert "some.other.value:1.2.3\r\n" in vcard.dumps(c, version="3.0")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_commas_and_semicolons_in_text_values_are_escaped(version: str) -> None:
    from netcore.model import Organization

    c = Contact(
        uid="u",
        formatted_name="Smith, Bob",
        note="a,b;c\\d",
        organizations=(Organization(name="O", title="CEO, CTO", role="x;y"),),
    )
    text = vcard.dumps(c, version=version)
    assert "FN:Smith\\, Bob\r\n" in text
    assert "NOTE:a\\,b\\;c\\\\d\r\n" in text
    assert "TITLE:CEO\\, CTO\r\n" in text
    assert "ROLE:x\\;y\r\n" in text
    assert vcard.loads(text)[0] == c


def test_rev_before_year_1000_is_zero_padded() -> None:
    c = Contact(uid="u", formatted_name="A", revision=datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC))
    text = vcard.dumps(c, version="4.0")
    assert "REV:09990102T030405Z\r\n" in text
    back = vcard.loads(text)[0]
    assert back.revision == c.revision
    assert back.extensions == ()


def test_a_4_0_label_parameter_with_backslash_n_is_a_line_break() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n"
        'ADR;LABEL="1 Main St\\nSpringfield":;;1 Main St;;;;\r\nEND:VCARD\r\n'
    )
    assert vcard.loads(data)[0].addresses[0].formatted == "1 Main St\nSpringfield"


def test_a_formatted_address_with_backslashes_round_trips_in_4_0() -> None:
    from netcore.model import Address

    c = Contact(uid="u", formatted_name="A", addresses=(Address(formatted="a\\nb\nc\\"),))
    assert vcard.loads(vcard.dumps(c, version="4.0"))[0] == c


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_uids_differing_in_whitespace_do_not_collide(version: str) -> None:
    cards = [Contact(uid="ann", formatted_name="A"), Contact(uid="ann ", formatted_name="B")]
    back = vcard.loads(vcard.dumps(cards, version=version))
    assert [c.uid for c in back] == ["ann", "ann "]


# --------------------------------------------------------------------------- no injection

_INJECT = "X\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:evil"


@pytest.mark.parametrize(
    "make",
    [
        lambda: Extension(name="X-A", value="v", group=_INJECT),
        lambda: Extension(name="X-A", value="v", group=""),
        lambda: Extension(name=_INJECT, value="v"),
        lambda: Extension(name=" X-A", value="v"),
        lambda: Extension(name="END", value="VCARD"),
        lambda: Extension(name="begin ", value="VCARD"),
        lambda: Photo(data=b"x", media_type="image/jpeg\r\nEND:VCARD"),
        lambda: Photo(data=b"x", media_type="JPEG"),
    ],
)
def test_the_model_refuses_what_a_writer_could_not_write(make: Callable[[], object]) -> None:
    with pytest.raises(ValidationError):
        make()


def test_a_grouped_begin_or_end_is_an_extension_and_round_trips() -> None:
    ext = Extension(name="END", value="VCARD", group="item1")
    c = Contact(uid="u", formatted_name="A", extensions=(ext,))
    for version in vcard.VERSIONS:
        text = vcard.dumps(c, version=version)
        assert text.count("BEGIN:VCARD") == 1
        assert list(vcard.loads(text)) == [c]


@pytest.mark.parametrize(
    "params",
    [
        (("X-P\r\nEND", ("v",)),),
        (("X;P", ("v",)),),
    ],
)
def test_the_writer_refuses_a_head_that_would_not_read_back(params: Params) -> None:
    # A NUL in a parameter value never gets this far: the model refuses it (test_values).
    c = Contact(
        uid="u", formatted_name="A", extensions=(Extension(name="X-A", value="v", params=params),)
    )
    for version in vcard.VERSIONS:
        with pytest.raises(UnsupportedFormatError, match="cannot write property"):
            vcard.dumps(c, version=version)


def test_hand_built_components_cannot_inject_either() -> None:
    from netcore.formats import contentline
    from netcore.formats.contentline import Component, Property

    for prop in (
        Property(None, "END", (), "VCARD"),
        Property("a\nb", "X", (), "v"),
        Property(None, "X\nY", (), "v"),
        Property(None, "X-A", (("X-P", ("a\x00b",)),), "v"),
    ):
        with pytest.raises(UnsupportedFormatError):
            contentline.serialize(Component("VCARD", (prop,)))


def test_parameter_values_with_line_breaks_and_quotes_round_trip() -> None:
    params = (("X-P", ("a\r\nEND:VCARD", 'q"u;o:t,e^')),)
    c = Contact(
        uid="u", formatted_name="A", extensions=(Extension(name="X-A", value="v", params=params),)
    )
    for version in ("3.0", "4.0"):
        text = vcard.dumps(c, version=version)
        assert text.count("\r\nEND:VCARD\r\n") == 1
        got = vcard.loads(text)[0].extensions[0].params
        assert got == (("X-P", ("a\nEND:VCARD", 'q"u;o:t,e^')),)


def test_a_jcard_property_named_end_or_begin_is_kept_under_a_safe_name() -> None:
    from netcore.formats import jcard

    doc = (
        '["vcard",[["version",{},"text","4.0"],["end",{},"text","VCARD"],'
        '["begin",{},"text","VCARD"],["uid",{},"text","u"]]]'
    )
    got = jcard.loads(doc)
    [c] = got
    assert [e.params[0] for e in c.extensions] == [
        ("X-ORIGINAL-NAME", ("END",)),
        ("X-ORIGINAL-NAME", ("BEGIN",)),
    ]
    assert sum("X-NETCORE-BAD-NAME" in i.message for i in got.issues) == 2
    text = vcard.dumps(c)
    assert text.count("BEGIN:VCARD") == 1
    assert text.count("END:VCARD") == 1
    assert list(vcard.loads(text)) == [c]


def test_gender_with_a_line_break_round_trips() -> None:
    c = Contact(uid="u", formatted_name="A", gender="O;non\\binary")
    for version in vcard.VERSIONS:
        assert list(vcard.loads(vcard.dumps(c, version=version))) == [c]


# --------------------------------------------------------------------------- issue 13, round 2

QP_CARD = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\n"
    "X-NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB, line=0D=0Anext\r\n"
    "X-BARE;QUOTED-PRINTABLE;TYPE=home:caf=C3=A9\r\n"
    "END:VCARD\r\n"
)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_quoted_printable_extensions_from_21_are_written_as_plain_text(version: str) -> None:
    [c] = vcard.loads(QP_CARD)
    text = vcard.dumps(c, version=version)
    assert "QUOTED-PRINTABLE" not in text.upper()
    assert "=C3" not in text
    assert "X-NOTE:Zoë, line\\nnext\r\n" in text
    assert "X-BARE;TYPE=home:café\r\n" in text
    [back] = vcard.loads(text)
    by_name = {e.name: e for e in back.extensions}
    assert by_name["X-BARE"].params == (("TYPE", ("home",)),)
    assert by_name["X-NOTE"].params == ()


def test_quoted_printable_extensions_stay_quoted_printable_in_21() -> None:
    [c] = vcard.loads(QP_CARD)
    text = vcard.dumps(c, version="2.1")
    assert "X-NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" in text
    assert vcard.loads(text)[0].extensions == c.extensions


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
@pytest.mark.parametrize("name", ["X-messaging/twitter-All", "X-GOOGLE TALK", "X-A=B"])
def test_an_extension_name_outside_the_token_grammar_is_written_under_a_safe_name(
    version: str, name: str
) -> None:
    c = Contact(
        uid="u",
        formatted_name="A",
        extensions=(Extension(name=name, value="v", group="g1", params=(("TYPE", ("x",)),)),),
    )
    text = vcard.dumps(c, version=version)
    line = next(x for x in text.split("\r\n") if x.endswith(":v"))
    head = line.split(":", 1)[0]
    assert head.split(";")[0] == "g1.X-NETCORE-BAD-NAME"
    assert name not in head.split(";")[0]
    # read back under its own name: nothing lost
    assert vcard.loads(text)[0].extensions == c.extensions


def test_an_underscore_in_an_extension_name_is_written_as_it_is() -> None:
    c = Contact(
        uid="u", formatted_name="A", extensions=(Extension(name="X-WAB-SPOUSE_NAME", value="v"),)
    )
    assert "\r\nX-WAB-SPOUSE_NAME:v\r\n" in vcard.dumps(c, version="3.0")


def test_a_backslash_quote_in_21_text_is_a_quote() -> None:
    # Zimbra and Outlook write \" in 2.1 text; 2.1 escapes only \\ \; \, but a backslash
    # before a quote is never meant literally there.
    card = 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nNOTE:say \\"hi\\" \\\\"x\r\nEND:VCARD\r\n'
    [c] = vcard.loads(card)
    assert c.note == 'say "hi" \\"x'
    assert vcard.loads(vcard.dumps(c, version="2.1"))[0].note == c.note


CARRIED = (
    "BEGIN:VCARD\r\nVERSION:{v}\r\nFN:A\r\n"
    'N;SORT-AS="Doe,Jo";LANGUAGE=en;ALTID=1;TYPE=x:Doe;Jo;;;\r\n'
    "TEL;TYPE=cell;X-COUCHDB-UUID=abc;PID=1.1:+1 555 0100\r\n"
    "URL;X-COUCHDB-UUID=u7:https://example.org\r\n"
    "X-SOCIALPROFILE;TYPE=twitter;x-user=jo:https://twitter.com/jo\r\n"
    "EMAIL;X-EVOLUTION-UI-SLOT=1:jo@example.org\r\n"
    'item2.ADR;GEO="geo:1.5,2.5":;;1 Main St;Town;;;\r\n'
    "item2.X-ABADR:us\r\n"
    "item3.EMAIL;TYPE=home:jo@home.example\r\n"
    "item3.X-ABLabel:_$!<Other>!$_\r\n"
    "ORG;TYPE=work:ACME;R&D\r\n"
    "RELATED;TYPE=spouse;PID=2.1:urn:uuid:9\r\n"
    "END:VCARD\r\n"
)


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_parameters_and_groups_of_modelled_properties_are_kept(version: str) -> None:
    [c] = vcard.loads(CARRIED.format(v=version))
    assert c.name is not None
    assert c.name.params == (
        ("SORT-AS", ("Doe,Jo",)),
        ("LANGUAGE", ("en",)),
        ("ALTID", ("1",)),
        ("TYPE", ("x",)),
    )
    assert c.phones[0].params == (("X-COUCHDB-UUID", ("abc",)), ("PID", ("1.1",)))
    assert c.phones[0].types == ("cell",)
    assert c.urls[0].params == (("X-COUCHDB-UUID", ("u7",)),)
    assert c.social_profiles[0].params == (("x-user", ("jo",)),)
    assert c.emails[0].params == (("X-EVOLUTION-UI-SLOT", ("1",)),)
    assert (c.addresses[0].group, c.addresses[0].params) == ("item2", (("GEO", ("geo:1.5,2.5",)),))
    # a group holding only the property and its label is the label's carrier: kept as the
    # file names it (the writer would name it item1, the first group free)
    assert (c.emails[1].group, c.emails[1].label) == ("item3", "_$!<Other>!$_")
    assert c.organizations[0].params == (("TYPE", ("work",)),)
    assert c.related[0].params == (("PID", ("2.1",)),)
    assert [(e.group, e.name) for e in c.extensions] == [("item2", "X-ABADR")]
    for out in ("2.1", "3.0", "4.0"):
        text = vcard.dumps(c, version=out)
        assert "item2.ADR;" in text  # the pair stays linked
        assert "item2.X-ABADR:us" in text
        assert vcard.loads(text)[0] == c, out
    # jCard writes parameter names in lower case and reads them back in capitals (as
    # for extension names, docs/formats.md): an all-lowercase 'x-user' comes back 'X-USER'
    upper = c.social_profiles[0].model_copy(update={"params": (("X-USER", ("jo",)),)})
    assert jcard.loads(jcard.dumps(c))[0] == c.model_copy(update={"social_profiles": (upper,)})


def test_a_group_taken_by_another_label_gets_a_fresh_one() -> None:
    c = Contact(
        uid="u",
        formatted_name="A",
        emails=(Email(address="a@x.org", group="item1", label="one"),),
        phones=(Phone(number="1", group="item1", label="two"),),
    )
    text = vcard.dumps(c, version="3.0")
    assert text.count("X-ABLabel") == 2
    # TEL is written before EMAIL: the phone keeps item1, the email moves to item2; each
    # group then carries only its property and label, so neither is kept on reading
    assert "item1.TEL:1\r\nitem1.X-ABLabel:two\r\n" in text
    assert "item2.EMAIL:a@x.org\r\nitem2.X-ABLabel:one\r\n" in text
    back = vcard.loads(text)[0]
    assert back.emails == (Email(address="a@x.org", label="one"),)
    assert back.phones == (Phone(number="1", label="two"),)


def test_carried_parameters_the_writer_cannot_write_are_refused_by_the_model() -> None:
    with pytest.raises(ValidationError):
        Email(address="a@x.org", params=(("X:Y", ("1",)),))
    with pytest.raises(ValidationError):
        Phone(number="1", group="a b")
    with pytest.raises(ValidationError):
        Name(family="F", params=(("X-A", ("\x00",)),))


def test_label_of_a_preferred_address_is_written_preferred_too() -> None:
    # Outlook and Evolution write LABEL with the ADR's types and PREF
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nADR;WORK;PREF:;;1 Main St;Town;;;\r\n"
        "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:1 Main St=0D=0ATown\r\nEND:VCARD\r\n"
    )
    [c] = vcard.loads(card)
    assert c.addresses[0].formatted == "1 Main St\nTown"
    text = vcard.dumps(c, version="2.1")
    assert "\r\nLABEL;WORK;PREF;" in text
    assert vcard.loads(text)[0] == c


def test_groups_of_org_and_of_named_label_groups_are_kept() -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nitem2.ORG:ACME\r\nitem2.X-ABLabel:\r\n"
        "workemail.EMAIL:a@x.org\r\nworkemail.X-ABLabel:Work\r\n"
        "item1.TEL:1\r\nitem1.X-ABLabel:mobile\r\nEND:VCARD\r\n"
    )
    [c] = vcard.loads(card)
    assert c.organizations[0].group == "item2"
    assert [(e.group, e.name) for e in c.extensions] == [("item2", "X-ABLabel")]
    assert (c.emails[0].group, c.emails[0].label) == ("workemail", "Work")
    assert (c.phones[0].group, c.phones[0].label) == (None, "mobile")  # itemN: the carrier
    text = vcard.dumps(c, version="3.0")
    assert "item2.ORG:ACME\r\n" in text
    assert "workemail.EMAIL:a@x.org\r\nworkemail.X-ABLabel:Work\r\n" in text
    assert vcard.loads(text)[0] == c


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_commas_and_semicolons_in_a_phone_number_are_escaped(version: str) -> None:
    c = Contact(uid="u", formatted_name="A", phones=(Phone(number="1-800-263-5588,x5506;2"),))
    text = vcard.dumps(c, version=version)
    assert "\r\nTEL:1-800-263-5588\\,x5506\\;2\r\n" in text
    assert vcard.loads(text)[0] == c


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_nul_in_a_parameter_value_is_replaced_with_a_warning(version: str) -> None:
    data = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nX-FOO;X-P=a\x00b:v\r\nEND:VCARD\r\n"
    parsed = vcard.loads(data)
    (c,) = parsed
    assert c.extensions[0].params == (("X-P", ("a\ufffdb",)),)
    assert any(i.line == 4 and "NUL" in i.message for i in parsed.issues)
    streamed = list(vcard.iter_load(io.BytesIO(data.encode())))
    assert [s.extensions for s in streamed] == [c.extensions]
    assert len(vcard.loads(vcard.dumps([c], version=version))) == 1


@pytest.mark.parametrize("text", ["\u0663", "1_0", "+5", "\uff15"])
def test_cadence_days_is_ascii_digits_only(text: str) -> None:
    data = f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-NETCORE-CADENCE-DAYS:{text}\r\nEND:VCARD\r\n"
    parsed = vcard.loads(data)
    assert parsed[0].cadence_days is None
    assert [e.value for e in parsed[0].extensions] == [text]
    assert any("not a number of days" in i.message for i in parsed.issues)


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_label_extension_never_becomes_an_address_label(version: str) -> None:
    from netcore.model import Address

    ext = Extension(name="LABEL", value="Evil", params=(("TYPE", ("home",)),))
    c = Contact(
        uid="u", formatted_name="A", addresses=(Address(street="s", types=("home",)),),
        extensions=(ext,),
    )  # fmt: skip
    back = vcard.loads(vcard.dumps(c, version=version))[0]
    assert (back.addresses[0].formatted, back.extensions) == (None, (ext,))
    # With no address to take it, the LABEL is written as LABEL (other readers know it).
    alone = c.model_copy(update={"addresses": ()})
    assert "\r\nLABEL;" in vcard.dumps(alone, version=version)


@pytest.mark.parametrize("version", ["2.1", "3.0"])
@pytest.mark.parametrize(
    "media_type", ["image/jpeg", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon"]
)
def test_photo_media_type_round_trips_in_2_1_and_3_0(media_type: str, version: str) -> None:
    c = Contact(uid="u", formatted_name="A", photo=Photo(data=b"\x00abc", media_type=media_type))
    assert vcard.loads(vcard.dumps(c, version=version))[0].photo == c.photo


def test_list_items_of_spaces_are_kept_and_empty_ones_left_out() -> None:
    c = one(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nCATEGORIES:a, ,,b\r\nNICKNAME:\\n\r\nEND:VCARD\r\n"
    )
    assert (c.categories, c.nicknames) == (("a", " ", "b"), ())


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_read_alike_by_loads_and_iter_load(codec: str) -> None:
    from netcore.formats.issues import Issue

    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\u00eb \U0001f600\r\nUID:u\r\nEND:VCARD\r\n"
    data = text.encode(codec)
    whole = vcard.loads(data)
    issues: list[Issue] = []
    streamed = list(vcard.iter_load(io.BytesIO(data), issues=issues))
    assert [c.formatted_name for c in whole] == ["Zo\u00eb \U0001f600"]
    assert [c.formatted_name for c in streamed] == ["Zo\u00eb \U0001f600"]
    assert (whole.issues, issues) == ([], [])


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("3.0", "PHOTO;VALUE=uri;TYPE=GIF:http://example.com/a.gif"),
        ("2.1", "PHOTO;VALUE=URL;GIF:http://example.com/a.gif"),
        ("3.0", "PHOTO;VALUE=uri;TYPE=image/x-icon:http://example.com/a.ico"),
    ],
)
def test_photo_uri_keeps_the_short_type_form_of_its_version(version: str, line: str) -> None:
    text = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nUID:u\r\n{line}\r\nEND:VCARD\r\n"
    (c,) = vcard.loads(text)
    assert c.photo is not None
    assert c.photo.media_type in ("image/gif", "image/x-icon")
    assert line + "\r\n" in vcard.dumps(c, version=version)
