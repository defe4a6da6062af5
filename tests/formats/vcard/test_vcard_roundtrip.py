"""Property test: every contact the strategies make, hostile text included, round-trips.

``loads(dumps(c)) == c`` in 3.0, 4.0 and jCard (2.1 where representable), and the written
text parses back to exactly the components written: no extra card, no extra property.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats import contentline, jcard, vcard
from netcore.model import Address, Contact, Email, Extension, Name, Organization, Phone, Url
from netcore.testing import contacts

# Text a hostile file or user can put in a field: every delimiter of the format, escapes,
# carets, line-break look-alikes and structure keywords, plus any printable character.
_HOSTILE_BITS = st.sampled_from(
    [",", ";", ":", "\\", "\\n", "\\,", '"', "^", "^n", "=", "=0D", "\n",
     "END:VCARD", "BEGIN:VCARD", " ", "\t", "é", "\u00df", "\u2028", "\ufeff", "=\n"]
)  # fmt: skip
_TEXT = st.lists(
    _HOSTILE_BITS
    | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=4),
    max_size=6,
).map("".join)
# vCard has no escape for a CR: a line break is LF (CRLF is read as LF), so text is drawn
# with LF line breaks only.
_ONE_LINE = _TEXT.map(lambda s: s.replace("\n", " "))
_WORD = _ONE_LINE.filter(lambda s: s.strip() != "")


@st.composite
def hostile_contacts(draw: st.DrawFn) -> Contact:
    """Contacts whose text fields hold hostile text (built directly: generation is cheap)."""
    words = st.lists(_WORD, max_size=2).map(tuple)
    return Contact(
        uid=draw(_WORD),
        formatted_name=draw(_WORD),  # an empty one comes back derived (documented)
        note=draw(st.none() | _TEXT),
        nicknames=draw(words),
        categories=draw(words),
        name=draw(st.none() | st.builds(Name, family=_WORD, given=_ONE_LINE, additional=words)),
        emails=draw(
            st.lists(st.builds(Email, address=_WORD.map(lambda s: f"{s}@x.org")), max_size=1).map(
                tuple
            )
        ),
        phones=draw(
            st.lists(st.builds(Phone, number=_WORD, label=st.none() | _ONE_LINE), max_size=1).map(
                tuple
            )
        ),
        addresses=draw(
            st.lists(
                st.builds(Address, street=_TEXT, locality=_ONE_LINE, formatted=st.none() | _TEXT),
                max_size=1,
            ).map(tuple)
        ),
        urls=draw(st.lists(st.builds(Url, value=_WORD), max_size=1).map(tuple)),
        organizations=tuple(
            Organization(name=draw(_WORD), units=(draw(_WORD),), title=draw(_WORD), role=None)
            for _ in range(draw(st.integers(0, 2)))
        ),
        gender=draw(st.none() | _ONE_LINE),
        extensions=tuple(
            Extension(name="X-HOSTILE", value=draw(_ONE_LINE), params=(("X-P", (draw(_TEXT),)),))
            for _ in range(draw(st.integers(0, 2)))
        ),
    )


def _components_written(text: str, n: int) -> None:
    parsed = contentline.parse(text)
    assert parsed.issues == []
    assert len(parsed) == n
    assert all(comp.name == "VCARD" and not comp.children for comp in parsed)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@given(hostile_contacts())
def test_hostile_contacts_round_trip(version: str, c: Contact) -> None:
    text = vcard.dumps(c, version=version)
    _components_written(text, 1)
    expected = vcard.contact_to_component(c, version=version)
    assert contentline.parse(text)[0].properties == expected.properties
    assert list(vcard.loads(text)) == [c]


@given(hostile_contacts())
def test_hostile_contacts_round_trip_in_jcard(c: Contact) -> None:
    assert list(jcard.loads(jcard.dumps([c]))) == [c]


def _without_documented_changes(c: Contact) -> Contact:
    """Leave out what docs/formats.md lists as changed by any round trip: the source, an
    empty formatted name (comes back derived), a name with every part empty (None)."""
    name = c.name
    if name is not None and not any(
        (name.family, name.given, name.additional, name.prefixes, name.suffixes)
    ):
        name = None
    return c.model_copy(
        update={"source": None, "formatted_name": c.formatted_name or "F", "name": name}
    )


@given(contacts().map(_without_documented_changes))
def test_contacts_round_trip_in_2_1(c: Contact) -> None:
    text = vcard.dumps(c, version="2.1")
    _components_written(text, 1)
    assert list(vcard.loads(text)) == [c]


@pytest.mark.parametrize("number", ["TEL:", "tel:+1 202 555 0143", "Tel:x"])
@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_number_that_starts_like_a_tel_uri_reads_back_as_written(
    number: str, version: str
) -> None:
    """The reader drops one ``tel:`` (a URI); a number starting so keeps its own."""
    c = Contact(uid="a", formatted_name="A", phones=(Phone(number=number),))
    back = list(vcard.loads(vcard.dumps(c, version=version)))
    assert [p.number for p in back[0].phones] == [number]
    assert back[0].extensions == ()
