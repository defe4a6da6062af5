"""The writers' two paths agree: lines written as they are made, and the component built.

``vcard.dumps`` writes each property as the writer makes it (no component); what it
writes must stay what ``contentline.serialize(contact_to_component(c))`` writes, and
``jcard.dumps`` must stay ``component_to_jcard(contact_to_component(c))``.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import UnsupportedFormatError
from netcore.formats import contentline, jcard, vcard
from netcore.formats.jcard import _encoder
from netcore.model import Contact, Extension
from netcore.testing import contacts


@pytest.mark.parametrize("version", vcard.VERSIONS)
@given(c=contacts())
def test_dumps_writes_what_serialize_writes_of_the_component(version: str, c: Contact) -> None:
    built = contentline.serialize(vcard.contact_to_component(c, version=version))
    assert vcard.dumps(c, version=version) == built


@given(c=contacts())
def test_jcard_dumps_holds_what_component_to_jcard_makes(c: Contact) -> None:
    built = jcard.component_to_jcard(vcard.contact_to_component(c, version="4.0"))
    assert json.loads(jcard.dumps(c)) == built
    assert json.loads(jcard.dumps([c, c])) == [built, built]


def test_a_head_the_component_path_refuses_is_refused_by_dumps_too() -> None:
    c = Contact(uid="u", formatted_name="A", extensions=(Extension(name="X-A", value="v\x00"),))
    # The model refuses a NUL in a parameter; a record built without validation still
    # meets the content-line layer's head check, on either path.
    ext = Extension.model_construct(name="X-A", value="v", params=(("X-P", ("a\x00b",)),))
    bad = Contact(uid="u", formatted_name="A", extensions=(ext,))
    assert vcard.dumps(c) == contentline.serialize(vcard.contact_to_component(c))
    with pytest.raises(UnsupportedFormatError, match="NUL") as direct:
        vcard.dumps(bad)
    with pytest.raises(UnsupportedFormatError, match="NUL") as built:
        contentline.serialize(vcard.contact_to_component(bad))
    assert str(direct.value) == str(built.value)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(value=_JSON, ascii_only=st.booleans())
def test_the_encoder_made_once_writes_what_json_encode_writes(
    value: object, ascii_only: bool
) -> None:
    expected = json.JSONEncoder(ensure_ascii=ascii_only).encode(value)
    assert _encoder(ensure_ascii=ascii_only)(value) == expected


_ONE = "a,b;c\\d:e"  # every separator and a backslash
_BREAKS = _ONE + "\rf\r\ng\nh"  # and each line break (where the model takes one)


def _unescaped_cases() -> list[Contact]:
    """Contacts for each text property jCard takes unescaped, and each way it may not."""
    from netcore.model import Address, Email, Name, Organization, Phone, PropertyForm

    t, m = _ONE, _BREAKS
    value_uri = (("VALUE", ("uri",)),)
    return [
        Contact(
            uid="u1",
            formatted_name=t,
            name=Name(family=t, given=t, additional=(t, ""), prefixes=(t,), suffixes=()),
            nicknames=(t, "", "n"),
            emails=(Email(address=t + "@x.org", types=("work",), label=t, group="item7"),),
            phones=(Phone(number="tel:" + t, preferred=True), Phone(number="TEL:9")),
            addresses=(Address(street=t, locality=t, formatted=m, label="Office"),),
            organizations=(
                Organization(name=t, units=(t, ""), title=t, role=t),
                Organization(name=t, title=None, role="r"),
            ),
            categories=(t, t),
            note=m,
        ),
        # A VALUE parameter among a record's own: its text goes as vCard text.
        Contact(
            uid="u2",
            name=Name(family="F", params=value_uri),
            emails=(Email(address=t + "@x.org", params=(("value", ("text",)),)),),
            phones=(Phone(number="+1 555", params=value_uri),),
            addresses=(Address(street=t, params=value_uri),),
            organizations=(Organization(name=t, units=("u",), params=value_uri),),
        ),
        # A form that writes its text as read, and one whose text no longer applies.
        Contact(
            uid="u3",
            formatted_name="Ann",
            note="plain",
            organizations=(Organization(name="O", title="T1"),),
            forms=(
                PropertyForm(name="FN", text="Ann", params=(("X-A", ("1",)),)),
                PropertyForm(name="NOTE", group="g1", params=(("VALUE", ("uri",)),)),
                PropertyForm(name="TITLE", index=0, params=(("LANGUAGE", ("en",)),)),
            ),
        ),
    ]


@pytest.mark.parametrize("c", _unescaped_cases(), ids=["text", "value-param", "forms"])
def test_jcard_takes_text_values_unescaped_as_the_component_path_reads_them(c: Contact) -> None:
    built = jcard.component_to_jcard(vcard.contact_to_component(c, version="4.0"))
    assert json.loads(jcard.dumps(c)) == built
