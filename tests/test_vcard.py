from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats import vcard
from netcore.model import Contact, Name, PartialDate
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
    phones = tuple(
        p.model_copy(update={"e164": vcard._e164(p.number) or _derived(p.number)}) for p in c.phones
    )
    update["phones"] = phones
    return c.model_copy(update=update)


def _derived(number: str) -> str | None:
    from netcore.model import Phone

    return Phone(number=number).e164


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
