"""Each address's formatted text (a 2.1/3.0 ``LABEL``) comes back on its own address.

The reader gives a ``LABEL`` to the ``ADR`` of its group when that group holds exactly
one ``ADR``, else to the first address with the same types that has no formatted text
yet. The writer writes a ``LABEL`` without a group when that second rule already gives
it back to its own address, and in the address's group (a fresh ``itemN`` when it has
none) when it would not (RT-26-8).
"""

from __future__ import annotations

import pytest
import vobject

from netcore.formats import vcard
from netcore.model import Address, Contact

VERSIONS = ["2.1", "3.0"]


def _adr(street: str, formatted: str | None = None, **kw: object) -> Address:
    return Address(street=street, locality="Town", formatted=formatted, **kw)  # type: ignore[arg-type]


def _contact(*addresses: Address) -> Contact:
    return Contact(uid="u-1", formatted_name="A", addresses=addresses)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\r\n") if "ADR" in line or "LABEL" in line]


CASES = {
    # the RT-26-8 reproduction: an unlabelled address first, the same types
    "two-second-labelled": (_adr("2 Side Rd"), _adr("1 Main St", "1 Main St\nTown")),
    "two-both-labelled": (_adr("2 Side Rd", "Side"), _adr("1 Main St", "Main")),
    "three-first-and-last": (_adr("1 A St", "A"), _adr("2 B St"), _adr("3 C St", "C")),
    "three-last-only": (_adr("1 A St"), _adr("2 B St"), _adr("3 C St", "C")),
    "three-middle-only-typed": (
        _adr("1 A St", types=("home",)),
        _adr("2 B St", "B", types=("home",)),
        _adr("3 C St", types=("work",)),
    ),
    "types-differ": (_adr("1 A St", types=("home",)), _adr("2 B St", "B", types=("work",))),
    "pref-only-differs": (
        _adr("1 A St", types=("home",), preferred=True),
        _adr("2 B St", "B", types=("home",)),
    ),
    "own-group": (_adr("1 A St"), _adr("2 B St", "B", group="home")),
    "own-item-group": (_adr("1 A St", group="item1"), _adr("2 B St", "B")),
    "with-ablabel": (_adr("1 A St"), _adr("2 B St", "B", label="Office")),
    "ablabel-on-both": (_adr("1 A St", label="Flat"), _adr("2 B St", "B", label="Office")),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_label_reads_back_on_its_own_address(case: str, version: str) -> None:
    contact = _contact(*CASES[case])
    text = vcard.dumps(contact, version=version)
    back = vcard.loads(text)[0]
    assert back.addresses == contact.addresses, text
    # and the text read back is written again as it was
    assert vcard.dumps(back, version=version) == text


@pytest.mark.parametrize("version", VERSIONS)
def test_rt26_8_lines_are_grouped(version: str) -> None:
    text = vcard.dumps(CONTACT_RT, version=version)
    assert _lines(text) == [
        "ADR:;;2 Side Rd;Village;;;",
        "item1.ADR:;;1 Main St;Town;;;",
        (  # the same LABEL line as before, in the group of its ADR
            "item1.LABEL;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:1 Main St=0ATown"
            if version == "2.1"
            else "item1.LABEL:1 Main St\\nTown"
        ),
    ]


CONTACT_RT = _contact(
    Address(street="2 Side Rd", locality="Village"),
    Address(street="1 Main St", locality="Town", formatted="1 Main St\nTown"),
)


@pytest.mark.parametrize("version", VERSIONS)
def test_label_needing_no_group_is_written_as_before(version: str) -> None:
    # The second address's types differ: the type rule pairs it; no group is added.
    contact = _contact(*CASES["types-differ"])
    lines = _lines(vcard.dumps(contact, version=version))
    assert all("." not in line.split(":", 1)[0] for line in lines), lines
    # the first address labelled, the second not: also no group
    contact = _contact(_adr("1 A St", "A"), _adr("2 B St"))
    lines = _lines(vcard.dumps(contact, version=version))
    assert all("." not in line.split(":", 1)[0] for line in lines), lines


@pytest.mark.parametrize("version", VERSIONS)
def test_label_goes_into_the_addresses_own_group(version: str) -> None:
    text = vcard.dumps(_contact(*CASES["own-group"]), version=version)
    assert "home.ADR:;;2 B St;Town;;;" in _lines(text)
    assert "home.LABEL:B" in _lines(text)
    text = vcard.dumps(_contact(*CASES["own-item-group"]), version=version)
    # item1 is the first address's own group: the fresh group is item2
    assert _lines(text) == [
        "item1.ADR:;;1 A St;Town;;;",
        "item2.ADR:;;2 B St;Town;;;",
        "item2.LABEL:B",
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_label_joins_the_ablabel_group(version: str) -> None:
    text = vcard.dumps(_contact(*CASES["with-ablabel"]), version=version)
    lines = [line for line in text.split("\r\n") if line.startswith("item")]
    assert lines == ["item1.ADR:;;2 B St;Town;;;", "item1.X-ABLabel:Office", "item1.LABEL:B"]


def test_reader_pairs_a_grouped_label_with_the_adr_of_its_group() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nADR;TYPE=home:;;1 A St;;;;\r\n"
        "work.ADR;TYPE=home:;;2 B St;;;;\r\nwork.LABEL;TYPE=home:B\r\nEND:VCARD\r\n"
    )
    back = vcard.loads(text)[0]
    assert [(a.street, a.formatted, a.group) for a in back.addresses] == [
        ("1 A St", None, None),
        ("2 B St", "B", "work"),
    ]


def test_reader_falls_back_to_types_when_the_group_holds_two_adrs() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nADR:;;1 A St;;;;\r\n"
        "g.ADR:;;2 B St;;;;\r\ng.ADR:;;3 C St;;;;\r\ng.LABEL:L\r\nEND:VCARD\r\n"
    )
    back = vcard.loads(text)[0]
    assert [a.formatted for a in back.addresses] == ["L", None, None]


def test_grouped_output_is_read_by_vobject() -> None:
    contact = _contact(*CASES["three-last-only"])
    text = vcard.dumps(contact, version="3.0")
    card = vobject.readOne(text)
    adrs = card.contents["adr"]
    labels = card.contents["label"]
    assert [a.value.street for a in adrs] == ["1 A St", "2 B St", "3 C St"]
    assert [a.group for a in adrs] == [None, None, "item1"]
    assert [(lab.group, lab.value) for lab in labels] == [("item1", "C")]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_eager_reader_pairs_as_the_fast_path(case: str, version: str) -> None:
    from netcore.formats import contentline
    from netcore.formats.issues import IssueCollector
    from netcore.formats.vcard._builder import _Builder

    text = vcard.dumps(_contact(*CASES[case]), version=version)
    comp = contentline.parse(text)[0]
    assert _Builder(comp, IssueCollector(None), None, eager=True).build() == vcard.loads(text)[0]


def test_a_grouped_label_the_model_refuses_stays_an_extension_with_its_line() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nADR:;;1 A St;;;;\r\n"
        "item1.ADR:;;2 B St;;;;\r\nitem1.LABEL:B\x07\r\nLABEL:A\r\nEND:VCARD\r\n"
    )
    parsed = vcard.loads(text)
    (back,) = parsed
    assert [(a.street, a.formatted) for a in back.addresses] == [("1 A St", "A"), ("2 B St", None)]
    assert [(e.name, e.value) for e in back.extensions] == [("LABEL", "B\x07")]
    assert [i.line for i in parsed.issues if "LABEL" in i.message or i.property == "LABEL"] == [6]
