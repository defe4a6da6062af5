from datetime import date

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from netcore.model import Address, Email, Extension, PartialDate, Phone, Photo, Related, Url
from netcore.testing import (
    addresses,
    emails,
    extensions,
    partial_dates,
    phones,
    photos,
    related,
    urls,
)

# ---- PartialDate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("--03-15", PartialDate(month=3, day=15)),
        ("--0315", PartialDate(month=3, day=15)),
        ("2019-03", PartialDate(year=2019, month=3)),
        ("2019", PartialDate(year=2019)),
        ("--03", PartialDate(month=3)),
        ("---15", PartialDate(day=15)),
    ],
)
def test_partial_date_parses_every_iso_shape(text, expected):
    assert PartialDate.parse(text) == expected


def test_birthday_without_a_year_does_not_invent_one():
    pd = PartialDate.parse("--02-29")
    assert pd.year is None
    assert str(pd) == "--02-29"


@pytest.mark.parametrize(
    "text",
    ["--02-30", "--13-01", "2019-13", "1999-02-29x", "", "03-15", "--04-31", "0000", "20190315"],
)
def test_partial_date_rejects_impossible_or_malformed_text(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is checked elsewhere
        PartialDate.parse(text)


def test_partial_date_rejects_a_full_date_shape():
    with pytest.raises(ValueError, match=r"full date is a datetime\.date"):
        PartialDate(year=2020, month=1, day=2)


def test_partial_date_rejects_year_and_day_without_month():
    with pytest.raises(ValueError, match="a PartialDate is"):
        PartialDate(year=2020, day=2)


@given(partial_dates())
def test_partial_date_str_parses_back(pd):
    assert PartialDate.parse(str(pd)) == pd


@given(partial_dates())
def test_partial_date_json_round_trip_in_a_date_union(pd):
    ta = TypeAdapter(date | PartialDate | None)
    assert ta.validate_json(ta.dump_json(pd)) == pd


def test_full_date_in_a_union_stays_a_date():
    ta = TypeAdapter(date | PartialDate | None)
    assert ta.validate_json('"2020-02-29"') == date(2020, 2, 29)


def test_partial_date_json_schema_is_a_string_pattern():
    schema = TypeAdapter(PartialDate).json_schema()
    assert schema["type"] == "string"
    assert "pattern" in schema


# ---- Email --------------------------------------------------------------------------------


def test_email_keeps_spelling_but_normalizes_for_matching():
    e = Email(address=" Ada.L@Example.ORG")
    assert e.address == " Ada.L@Example.ORG"
    assert e.normalized == "ada.l@example.org"


@pytest.mark.parametrize("bad", ["", "ada", "@example.org", "ada@", "a@b\nc", "a\x00@b.c"])
def test_email_rejects_addresses_without_local_part_at_and_domain(bad):
    with pytest.raises(ValidationError):
        Email(address=bad)


def test_records_are_frozen():
    e = Email(address="a@b.c")
    with pytest.raises(ValidationError):
        e.address = "x@y.z"  # type: ignore[misc]


def test_records_reject_unknown_fields():
    with pytest.raises(ValidationError):
        Email(address="a@b.c", colour="red")  # type: ignore[call-arg]


# ---- Phone --------------------------------------------------------------------------------


def test_phone_keeps_the_number_as_written_and_derives_e164_from_international_form():
    p = Phone(number="+1 (415) 555-0100")
    assert p.number == "+1 (415) 555-0100"
    assert p.e164 == "+14155550100"


def test_phone_without_country_has_no_e164():
    assert Phone(number="020 7946 0958").e164 is None


def test_phone_keeps_an_explicit_e164():
    assert Phone(number="020 7946 0958", e164="+442079460958").e164 == "+442079460958"


@pytest.mark.parametrize("bad", ["442079460958", "+0123", "+1234567890123456", "+44 20"])
def test_phone_rejects_a_malformed_e164(bad):
    with pytest.raises(ValidationError):
        Phone(number="x", e164=bad)


def test_phone_rejects_an_empty_number():
    with pytest.raises(ValidationError):
        Phone(number="  ")


# ---- the rest -----------------------------------------------------------------------------


def test_photo_holds_exactly_one_of_data_and_uri():
    assert Photo(data=b"\x89PNG").data == b"\x89PNG"
    with pytest.raises(ValidationError):
        Photo()
    with pytest.raises(ValidationError):
        Photo(data=b"x", uri="https://a.example/p.png")


def test_url_rejects_empty_and_multiline_values():
    with pytest.raises(ValidationError):
        Url(value=" ")
    with pytest.raises(ValidationError):
        Url(value="https://a.example/\r\nX-INJECTED:1")


def test_extension_name_is_kept_as_real_exports_write_it_but_cannot_break_a_line():
    assert Extension(name="X-ABLabel", value="_$!<Home>!$_", group="item1").group == "item1"
    for name in ("X-messaging/xmpp-All", "X BAD", "X=Y", 'X"Q'):
        assert Extension(name=name, value="v").name == name
    for bad in ("X:NAME", "X;Y", "item1.X", "X\r\nY", "X\x00", ""):
        with pytest.raises(ValidationError):
            Extension(name=bad, value="v")


def test_address_rejects_control_characters():
    with pytest.raises(ValidationError):
        Address(street="1 Main\x07St")


@pytest.mark.parametrize(
    "strategy", [emails(), phones(), addresses(), urls(), related(), photos(), extensions()]
)
def test_value_records_json_round_trip(strategy):
    @given(strategy)
    def check(record):
        assert type(record).model_validate_json(record.model_dump_json()) == record

    check()


def test_related_types():
    assert Related(value="urn:uuid:1", types=("spouse",)).types == ("spouse",)


def test_email_key_is_nfc_and_casefolded() -> None:
    composed = Email(address="Jos\u00e9@Example.org")
    decomposed = Email(address=" jose\u0301@EXAMPLE.ORG ")
    assert composed.normalized == decomposed.normalized == "jos\u00e9@example.org"
    assert Email.normalize("STRASSE@x.org") == Email.normalize("stra\u00dfe@X.org")


def test_network_finds_an_email_typed_in_another_normal_form() -> None:
    from netcore.model import Contact, Network

    net = Network()
    net.add_contact(
        Contact(uid="u", formatted_name="J", emails=(Email(address="jos\u00e9@x.org"),))
    )
    assert [c.uid for c in net.find(email="JOSE\u0301@x.org")] == ["u"]
    assert net.resolve("jose\u0301@X.org") == "u"


def test_network_name_keys_compare_nfc_and_never_casefold() -> None:
    from netcore.model import Contact, Network

    net = Network()
    net.add_contact(Contact(uid="u", formatted_name="Jos\u00e9 Stra\u00dfe"))
    assert [c.uid for c in net.find(name="Jose\u0301 Stra\u00dfe")] == ["u"]
    assert net.resolve("Jose\u0301 Stra\u00dfe ") == "u"
    assert net.find(name="Jos\u00e9 Strasse") == []  # no casefold: ß is not ss


def test_records_store_text_nfc_normalised() -> None:
    from netcore.model import Contact, Name

    nfd, nfc = "Jose\u0301", "Jos\u00e9"
    c = Contact(uid="u", formatted_name=nfd, name=Name(family=nfd), categories=(nfd, "x"))
    assert (c.formatted_name, c.name and c.name.family, c.categories) == (nfc, nfc, (nfc, "x"))
    assert Email(address=f"{nfd}@x.org").address == f"{nfc}@x.org"
    from_json = Contact.model_validate_json('{"uid": "u", "formatted_name": "Jose\\u0301"}')
    assert from_json.formatted_name == nfc
    assert Contact(uid="u", formatted_name=nfd) == Contact(uid="u", formatted_name=nfc)


def test_extension_refuses_nul_in_a_parameter_value() -> None:
    # One rule for every parameter: no vCard can write a NUL in a parameter value.
    with pytest.raises(ValidationError):
        Extension(name="X-FOO", value="v", params=(("X-P", ("a\x00b",)),))


def test_phone_e164_is_in_json_and_a_given_one_reads_back_equal() -> None:
    derived = Phone(number="+44 20 7946 0958")
    data = derived.model_dump(mode="json")
    assert data["e164"] == "+442079460958"
    assert "e164_given" not in data
    back = Phone.model_validate_json(derived.model_dump_json())
    assert back.e164_given == "+442079460958"
    assert back == derived
    assert hash(back) == hash(derived)
    assert Phone(number="+44 20 7946 0958", e164="+442079460000") != derived


def test_phone_e164_follows_the_number_after_a_copy() -> None:
    p = Phone(number="+44 20 7946 0958")
    assert p.e164 == "+442079460958"
    assert p.model_copy(update={"number": "+1 202 555 0143"}).e164 == "+12025550143"
