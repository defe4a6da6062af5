"""The model holds what every reader reads (issue 13, RT-codecs4-3 to -6).

Each rule lives in one place, used by the model and the vCard/jCard readers alike; these
tests build the model by hand and read the same thing from a card, and compare.
"""

from __future__ import annotations

import pytest

from netcore.formats import vcard
from netcore.model import Email, Organization, Phone, Related
from netcore.model.values import type_names


def _card(*lines: str, version: str = "3.0") -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:u\r\nFN:A\r\n{body}END:VCARD\r\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("work", ["work"]),
        ("Work, VOICE", ["work", "voice"]),
        (" cell ", ["cell"]),
        ("a,,b,", ["a", "b"]),
        (" ", []),
        ("", []),
    ],
)
def test_type_names_cuts_strips_and_lowers(value: str, expected: list[str]) -> None:
    assert type_names(value) == expected


@pytest.mark.parametrize(
    ("types", "held", "preferred"),
    [
        (("a,b",), ("a", "b"), False),
        ((" work",), ("work",), False),
        ((" ",), (), False),
        (("Work, pref",), ("work",), True),
        (("home", "HOME, work"), ("home", "work"), False),
    ],
)
def test_model_types_are_what_the_reader_reads(
    types: tuple[str, ...], held: tuple[str, ...], preferred: bool
) -> None:
    email = Email(address="a@b.c", types=types)
    assert (email.types, email.preferred) == (held, preferred)
    # the same types written in a TYPE parameter by hand, read by the vCard reader
    written = ";".join(f"TYPE={t}" for t in types if t.strip())
    line = f"EMAIL;{written}:a@b.c" if written else "EMAIL:a@b.c"
    read = vcard.loads(_card(line))[0].emails[0]
    assert (read.types, read.preferred) == (held, preferred)


def test_types_seen_again_are_cleaned_the_same() -> None:
    first = Phone(number="1", types=("Cell, voice",))
    again = Phone(number="1", types=("Cell, voice",))
    assert first.types == again.types == ("cell", "voice")


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_an_empty_title_is_no_title_in_the_model_as_in_the_reader(version: str) -> None:
    org = Organization(name="Acme", title="", role="")
    assert (org.title, org.role) == (None, None)
    assert org == Organization(name="Acme")
    read = vcard.loads(_card("ORG:Acme", "TITLE:", "ROLE:", version=version))[0]
    assert read.organizations == (Organization(name="Acme"),)


def test_a_blank_title_is_a_title() -> None:
    # Only the empty string is "no title": a blank is text, kept as the reader keeps it.
    assert Organization(name="Acme", title=" ").title == " "
    read = vcard.loads(_card("ORG:Acme", "TITLE: "))[0]
    assert read.organizations[0].title == " "


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_a_label_no_address_takes_stays_in_its_place(version: str) -> None:
    # RT-codecs4-3: read in the card's order, as every other extension is
    card = _card("X-A:1", "LABEL:x", "X-B:2", "LABEL:y", "X-C:3", version=version)
    read = vcard.loads(card)[0]
    assert [(e.name, e.value) for e in read.extensions] == [
        ("X-A", "1"),
        ("LABEL", "x"),
        ("X-B", "2"),
        ("LABEL", "y"),
        ("X-C", "3"),
    ]


def test_a_refused_label_stays_in_its_place() -> None:
    # a LABEL text the model refuses (a NUL) is kept, with a warning, where it was read
    card = _card("ADR:;;x;;;;", "LABEL:a\x00b", "X-B:2")
    read = vcard.loads(card)
    assert [e.name for e in read[0].extensions] == ["LABEL", "X-B"]
    assert [i.severity.name for i in read.issues] == ["WARNING"]


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_bare_parameter_is_a_type_in_the_model_as_in_the_reader(version: str) -> None:
    # RT-codecs4-5
    email = Email(address="a@b.c", types=("work",), params=(("X-P", ()), ("X-Q", ("1",))))
    assert email == Email(address="a@b.c", types=("work", "x-p"), params=(("X-Q", ("1",)),))
    read = vcard.loads(_card("EMAIL;TYPE=work;X-P;X-Q=1:a@b.c", version=version))[0]
    assert read.emails == (email,)


def test_a_bare_pref_parameter_is_the_preferred_mark() -> None:
    phone = Phone(number="1", params=(("PREF", ()),))
    assert (phone.types, phone.preferred, phone.params) == ((), True, ())
    assert vcard.loads(_card("TEL;PREF:1", version="2.1"))[0].phones == (phone,)


def test_a_bare_parameter_of_related_is_a_type() -> None:
    related = Related(value="Jane", params=(("X-P", ()),))
    assert (related.types, related.params) == (("x-p",), ())
    assert vcard.loads(_card("RELATED;VALUE=text;X-P:Jane", version="4.0"))[0].related == (related,)
