"""The one encoding rule shared by vCard, iCalendar, the CSVs and the CLI (issue 13)."""

from __future__ import annotations

import io

import pytest

from netcore.formats import csv, ical, vcard
from netcore.formats._encoding import wide_codec
from netcore.io import FileKind, detect

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\u00eb\r\nUID:z\r\nEND:VCARD\r\n"
CAL = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    "SUMMARY:Zo\u00eb\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
ROWS = "Name,E-mail\nZo\u00eb,z@x.example\n"
CODECS = ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", CODECS)
def test_every_reader_and_the_sniffer_read_the_same_encodings(codec: str) -> None:
    assert [c.formatted_name for c in vcard.loads(CARD.encode(codec))] == ["Zo\u00eb"]
    streamed = vcard.iter_load(io.BytesIO(CARD.encode(codec)))
    assert [c.formatted_name for c in streamed] == ["Zo\u00eb"]
    assert [e.title for e in ical.loads(CAL.encode(codec))] == ["Zo\u00eb"]
    assert [c.formatted_name for c in csv.loads(ROWS.encode(codec))] == ["Zo\u00eb"]
    assert detect(CARD.encode(codec)) is FileKind.VCARD
    assert detect(CAL.encode(codec)) is FileKind.ICAL


def test_a_stray_zero_byte_in_a_utf8_card_does_not_switch_the_encoding() -> None:
    """Only a line that reads ``BEGIN:`` in UTF-16 or UTF-32 starts an appended wide file."""
    data = (
        CARD.replace("UID:z", "X-A:a\x00b\r\nUID:z")
        + CARD.replace("Zo\u00eb", "Bo").replace("UID:z", "UID:b")
    ).encode()
    whole = [c.formatted_name for c in vcard.loads(data)]
    assert whole == ["Zo\u00eb", "Bo"]
    assert [c.formatted_name for c in vcard.iter_load(io.BytesIO(data))] == whole


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32-le"])
def test_a_wide_file_appended_to_a_utf8_one_is_read_by_both_readers(codec: str) -> None:
    second = CARD.replace("Zo\u00eb", "\u00c4da").replace("UID:z", "UID:d")
    data = CARD.encode() + second.encode(codec)
    whole = vcard.loads(data)
    assert [c.formatted_name for c in whole] == ["Zo\u00eb", "\u00c4da"]
    streamed = [c.formatted_name for c in vcard.iter_load(io.BytesIO(data))]
    assert streamed == ["Zo\u00eb", "\u00c4da"]


def test_a_partial_utf32_character_is_dropped_with_a_warning() -> None:
    parsed = csv.loads(ROWS.encode("utf-32") + b"\x00\x00")
    assert [c.formatted_name for c in parsed] == ["Zo\u00eb"]
    assert any("UTF-32" in i.message for i in parsed.issues)


@pytest.mark.parametrize(
    "head",
    [b"\x00\x01\xff\xfe binary\x00", b"\x01\x00\x00\x00\x02\x00", b"\x00\x00\x00\x07abc"],
)
def test_binary_that_starts_with_a_control_byte_is_not_a_wide_encoding(head: bytes) -> None:
    """A zero byte beside a control byte is binary data, not UTF-16 or UTF-32 text."""
    assert wide_codec(head) is None
    assert wide_codec("\tBEGIN".encode("utf-16-le")) == "utf-16-le"
