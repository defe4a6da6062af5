"""Text read from a vCard or jCard is stored NFC, wherever in the card it came from.

The reader checks a card once (a card whose text is NFC as read needs no NFC check of
its records); these tests put one decomposed string (``e`` + U+0301) in each place a
record's text can come from, in a card otherwise ASCII or otherwise NFC, and look at
every string of the contact.
"""

from __future__ import annotations

import base64
import unicodedata
from typing import Any

import pytest

from netcore.formats import jcard, vcard
from netcore.model import Contact

NFD = "Jose\u0301"
NFC = "Jos\u00e9"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # parameters are kept as written (see below)
        return [s for k, v in value.items() if k != "params" for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _all_nfc(contact: Contact) -> None:
    texts = _strings(contact.model_dump(mode="python"))
    bad = [t for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert bad == []
    assert any(NFC.lower() in t.lower() for t in texts)  # read, and composed


def _card(*lines: str) -> str:
    body = "\r\n".join(lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u1\r\nFN:Ann\r\n{body}\r\nEND:VCARD\r\n"


def _non_ascii(card: str) -> str:
    """The card with a composed (NFC, non-ASCII) name: not an ASCII-only card any more."""
    return card.replace("FN:Ann", "FN:Zo\u00eb M\u00fcller")


QP = "".join(f"={b:02X}" for b in NFD.encode("utf-8"))
B64 = base64.b64encode(NFD.encode("utf-8")).decode("ascii")

CARDS = {
    "note": _card(f"NOTE:{NFD}"),
    "email": _card(f"EMAIL:{NFD}@example.org"),
    "adr component": _card(f"ADR:;;{NFD} St;Town;;;"),
    "adr label parameter": _card(f'ADR;LABEL="{NFD}":;;1 St;Town;;;'),
    "url service parameter": _card(f"URL;X-SERVICE-TYPE={NFD}:https://example.org"),
    "type parameter": _card(f"TEL;TYPE={NFD}:+1 202 555 0143"),
    "label of a group": _card("item1.EMAIL:a@example.org", f"item1.X-ABLabel:{NFD}"),
    "quoted-printable": _card(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{QP}"),
    "base64 text": _card(f"TITLE;CHARSET=UTF-8;ENCODING=B:{B64}"),
    "extension value": _card(f"X-FOO:{NFD}"),
    "extension name": _card(f"X-{NFD}:v"),
    "nickname list": _card(f"NICKNAME:a,{NFD}"),
    "last line": _card("EMAIL:a@example.org", "TEL:1", f"CATEGORIES:{NFD}"),
}


@pytest.mark.parametrize("ascii", [True, False])
@pytest.mark.parametrize("where", sorted(CARDS))
def test_vcard_text_is_nfc_wherever_it_comes_from(where: str, ascii: bool) -> None:
    (contact,) = vcard.loads(CARDS[where] if ascii else _non_ascii(CARDS[where]))
    _all_nfc(contact)


@pytest.mark.parametrize("ascii", [True, False])
@pytest.mark.parametrize("where", sorted(CARDS))
def test_jcard_text_is_nfc_wherever_it_comes_from(where: str, ascii: bool) -> None:
    (contact,) = vcard.loads(CARDS[where] if ascii else _non_ascii(CARDS[where]))
    # Written as jCard after decomposing every text again: the jCard reader composes it.
    text = unicodedata.normalize("NFD", jcard.dumps([contact]))
    assert NFD.lower() in text.lower()
    (back,) = jcard.loads(text)
    _all_nfc(back)


def test_source_name_is_nfc() -> None:
    (contact,) = vcard.loads(_card("NOTE:x"), source=f"{NFD}.vcf")
    assert contact.source == f"{NFC}.vcf"


def test_agent_card_inside_a_card_is_nfc() -> None:
    text = _card("AGENT:", "BEGIN:VCARD", "VERSION:2.1", f"FN:{NFD}", "END:VCARD")
    (contact,) = vcard.loads(text)
    _all_nfc(contact)


def test_kept_parameters_stay_as_written() -> None:
    # Parameters a record keeps are the file's own, not normalised (as before the
    # once-per-card check); the rest of the card is composed.
    (contact,) = vcard.loads(_card(f"TEL;X-FOO={NFD}:+1 202 555 0143", f"NOTE:{NFD}"))
    assert contact.phones[0].params == (("X-FOO", (NFD,)),)
    assert contact.note == NFC


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        # An NFC card whose escapes, undone, stay NFC: the backslash goes, the mark stays
        # after the comma; a backslash before a mark is no escape and stays.
        ("NOTE:e\\,\u0301", "note", "e,\u0301"),
        ("NOTE:e\\\u0301", "note", "e\\\u0301"),
        ("NOTE:e\\n\u0308", "note", "e\n\u0308"),
        # Lower-cased non-ASCII: checked record by record ("J" + caron is NFC, having no
        # composed form; "j" + caron composes to U+01F0).
        ("KIND:J\u030c", "kind", "\u01f0"),
    ],
)
def test_escapes_and_lower_case_keep_an_nfc_card_nfc(line: str, field: str, expected: str) -> None:
    (contact,) = vcard.loads(_non_ascii(_card(line)))
    assert getattr(contact, field) == expected
    assert all(unicodedata.is_normalized("NFC", t) for t in _strings(contact.model_dump()))


def test_lower_cased_types_are_nfc() -> None:
    (contact,) = vcard.loads(_non_ascii(_card("TEL;TYPE=J\u030c:+1 202 555 0143")))
    assert contact.phones[0].types == ("\u01f0",)
