"""Recognise what a file holds by its content (the first step of the pipeline).

See ``docs/architecture.md`` for the pipeline: detect -> plan -> read -> assemble.
"""

from __future__ import annotations

import csv as _csv
import enum
from collections.abc import Mapping
from pathlib import Path

from netcore.errors import UnsupportedFormatError
from netcore.formats._encoding import wide_codec
from netcore.formats.mail import looks_like_mail_head
from netcore.model import FavourDirection

__all__ = ["SNIFF_BYTES", "FileKind", "detect"]


class FileKind(enum.StrEnum):
    """What a file holds, as :func:`detect` recognises it."""

    VCARD = "vcard"
    """vCard 2.1, 3.0 or 4.0 (``.vcf``, ``.vcard``)."""
    JCARD = "jcard"
    """RFC 7095 jCard (a JSON array)."""
    ICAL = "ical"
    """iCalendar (``.ics``)."""
    CSV = "csv"
    """Contacts as Google, Outlook or LinkedIn CSV."""
    JSON = "json"
    """A netcore network document (``netcore.formats.json``)."""
    INTERACTIONS = "interactions"
    """The interactions CSV: ``date,contact,kind,direction,note,duration_minutes,replied``."""
    LEDGER = "ledger"
    """The ledger CSV: ``date,contact,direction,kind,weight,note``."""
    MAIL = "mail"
    """Mail headers: an mbox file, a Maildir folder or one message (``.eml``)."""


_SUFFIXES: Mapping[str, FileKind] = {
    ".vcf": FileKind.VCARD,
    ".vcard": FileKind.VCARD,
    ".jcard": FileKind.JCARD,
    ".jcf": FileKind.JCARD,
    ".ics": FileKind.ICAL,
    ".ical": FileKind.ICAL,
    ".ifb": FileKind.ICAL,
    ".eml": FileKind.MAIL,
    ".mbox": FileKind.MAIL,
}


SNIFF_BYTES = 4096
"""How many bytes of a file :func:`detect` looks at: a file is recognised without reading it all."""


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].strip()


def _csv_header(text: str) -> list[str]:
    line = _first_line(text)
    try:
        row = next(_csv.reader([line]))
    except (StopIteration, _csv.Error):
        return []
    return [c.strip().lower() for c in row]


def _csv_kind(text: str) -> FileKind:
    header = _csv_header(text)
    if "date" in header and "contact" in header:
        if "weight" in header:
            return FileKind.LEDGER
        if "duration_minutes" in header or "replied" in header:
            return FileKind.INTERACTIONS
        if "direction" in header:
            lines = text.lstrip("\ufeff").splitlines()
            if len(lines) > 1:
                try:
                    first = next(_csv.reader([lines[1]]))
                except (StopIteration, _csv.Error):
                    first = []
                idx = header.index("direction")
                value = first[idx].strip().lower() if idx < len(first) else ""
                if value in {d.value for d in FavourDirection}:
                    return FileKind.LEDGER
        return FileKind.INTERACTIONS
    return FileKind.CSV


def _head_text(head: bytes) -> str:
    # UTF-16 and UTF-32 (Outlook, some phones, Mac OS X Address Book without a BOM) by the
    # rule every reader shares; anything else is looked at as UTF-8, a cut multi-byte
    # character at the end replaced.
    codec = wide_codec(head)
    if codec is not None:
        unit = 4 if codec.startswith("utf-32") else 2
        return head[: len(head) - len(head) % unit].decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")


_BINARY_MAGIC = (
    b"%PDF-",  # PDF
    b"SQLite format 3\x00",  # a SQLite database (a netcore store, too)
    b"PK\x03\x04",  # zip: .xlsx, .docx, .odt
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"\xd0\xcf\x11\xe0",  # OLE: .xls, .doc, .msg
)


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 text without a byte-order mark: NULs on one parity, a quarter of the bytes."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return max(even, odd) * 4 >= len(head) and min(even, odd) * 10 <= max(even, odd)


def _is_binary(head: bytes) -> bool:
    """A database, a PDF, an image or an office file, not text.

    Known magic numbers decide; otherwise NUL bytes do, unless the text is UTF-16 (a
    byte-order mark, or NULs on one byte parity). A few stray NULs in a text export (a
    damaged cell) do not make it binary: more than one byte in a hundred does, and so do
    control bytes making up a tenth of the head.
    """
    if head.startswith(_BINARY_MAGIC):
        return True
    if wide_codec(head) is not None or _looks_utf16(head):
        return False
    controls = sum(head.count(c) for c in _CONTROL_BYTES)
    return head.count(0) > max(4, len(head) // 100) or controls * 10 > len(head)


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
"""Bytes text does not hold (TAB, LF, VT, FF and CR aside)."""


def detect(data: bytes, name: str | None = None) -> FileKind:
    r"""Recognise what ``data`` holds, from the suffix of ``name`` or else from the content.

    ``.vcf``, ``.ics`` and ``.jcard`` are trusted; ``.json`` and ``.csv`` files, and files
    with another suffix or none, are recognised by their first bytes: ``BEGIN:VCARD``,
    ``BEGIN:VCALENDAR``, a JSON object with ``"format": "netcore/network"``, a JSON array
    (jCard), mail header fields (an mbox or one message; ``.eml`` and ``.mbox`` by
    suffix), or a CSV header (the interactions and ledger CSVs by their columns).

    Raises:
        UnsupportedFormatError: The content is none of these.

    Examples:
        >>> detect(b"BEGIN:VCARD\\r\\nVERSION:4.0\\r\\n")
        <FileKind.VCARD: 'vcard'>
        >>> detect(b"date,contact,direction,kind,weight,note\\n", "favours.csv")
        <FileKind.LEDGER: 'ledger'>
    """
    if name is not None:
        kind = _SUFFIXES.get(Path(name).suffix.lower())
        if kind is not None:
            return kind
    if _is_binary(data[:SNIFF_BYTES]):
        where = f"{name}: " if name else ""
        raise UnsupportedFormatError(f"{where}a binary file (no text format netcore reads)")
    head = _head_text(data[:SNIFF_BYTES]).lstrip("\ufeff \t\r\n")
    upper = head[:64].upper()
    if upper.startswith("BEGIN:VCARD"):
        return FileKind.VCARD
    if upper.startswith("BEGIN:VCALENDAR"):
        return FileKind.ICAL
    if head.startswith("{"):
        return FileKind.JSON
    if looks_like_mail_head(data[:SNIFF_BYTES]):
        return FileKind.MAIL
    if head.startswith("["):
        return FileKind.JCARD
    if name is not None and Path(name).suffix.lower() == ".json":
        return FileKind.JSON
    if "," in _first_line(head) or (name is not None and Path(name).suffix.lower() == ".csv"):
        return _csv_kind(head)
    where = f"{name}: " if name else ""
    raise UnsupportedFormatError(
        f"{where}cannot tell what this file holds: expected vCard (.vcf), iCalendar (.ics), "
        "jCard or netcore JSON (.json), mail (.mbox, .eml, a Maildir folder), or CSV (.csv) "
        "with a header line"
    )
