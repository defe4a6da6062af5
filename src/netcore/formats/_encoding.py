"""How netcore decodes an exported text file whose encoding it is not told (private).

The rule, in one place, for every reader of text exports (vCard, iCalendar, the CSVs) and
for the CLI when it recognises what a file or standard input holds:

* a byte order mark decides: UTF-8, UTF-32 (either byte order; tested before UTF-16,
  whose little-endian BOM starts UTF-32's), or UTF-16 (either byte order);
* without a BOM, a first character that is printable ASCII or white space decides, from
  the zero bytes around it (UTF-8 never writes a zero byte in text): three zero bytes
  after it (little-endian) or before it (big-endian) mean UTF-32, one zero byte after or
  before it UTF-16 (Mac OS X Address Book writes UTF-16BE without a BOM); a control byte
  such as ``01`` is binary data, not text, and decides nothing;
* otherwise UTF-8 when the bytes are valid UTF-8, else each reader's fallback
  (:func:`decode_export`: Windows-1252, Outlook's "ANSI" export, with a warning naming
  the first byte that is not UTF-8).

:func:`wide_codec` is the test; :func:`decode_wide` decodes what it recognised (a
trailing partial character is dropped with a warning, broken characters become U+FFFD
with a warning, a BOM is removed).
"""

from __future__ import annotations

from netcore.formats.issues import IssueCollector

__all__ = ["decode_export", "decode_wide", "wide_codec"]

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _ascii(byte: int) -> bool:
    # a text export starts with a printable ASCII character or white space; a control
    # byte (binary data such as ``00 01 ff fe``) is no evidence of a wide encoding
    return 0x20 <= byte < 0x7F or byte in (0x09, 0x0A, 0x0D)


def wide_codec(data: bytes) -> str | None:
    r"""``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"`` or ``"utf-32-be"`` by the rule.

    Only the first four bytes of ``data`` are looked at; ``None`` means UTF-8 or 8-bit.

    Examples:
        >>> wide_codec("N".encode("utf-16-be")), wide_codec(b"\xff\xfeN\x00")
        ('utf-16-be', 'utf-16-le')
        >>> wide_codec("BEGIN".encode("utf-32")), wide_codec("BEGIN".encode("utf-32-be"))
        ('utf-32-le', 'utf-32-be')
        >>> wide_codec(b"Name") is None
        True
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    head = data[:4]
    if len(head) == 4 and _ascii(head[0]) and head[1:] == b"\x00\x00\x00":
        return "utf-32-le"
    if len(head) == 4 and head[:3] == b"\x00\x00\x00" and _ascii(head[3]):
        return "utf-32-be"
    if len(head) >= 2 and head[0] == 0 and _ascii(head[1]):
        return "utf-16-be"
    if len(head) >= 2 and head[1] == 0 and _ascii(head[0]):
        return "utf-16-le"
    return None


def decode_wide(data: bytes, codec: str, issues: IssueCollector) -> str:
    r"""``data`` decoded with ``codec`` (from :func:`wide_codec`), its BOM removed.

    A trailing partial character is dropped and broken characters become U+FFFD, each
    with a warning.

    Examples:
        >>> c = IssueCollector()
        >>> decode_wide("Zo\u00eb".encode("utf-32") + b"\x00", "utf-32-le", c)
        'Zoë'
        >>> c.issues[0].message
        'UTF-32 input ends in a partial character; its last 1 byte(s) were dropped'
    """
    name = codec[:6].upper()
    unit = 4 if name == "UTF-32" else 2
    extra = len(data) % unit
    if extra:
        issues.warning(
            "UTF-16 input has an odd number of bytes; the last byte was dropped"
            if unit == 2
            else f"UTF-32 input ends in a partial character; its last {extra} byte(s) were dropped"
        )
        data = data[:-extra]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        issues.warning(f"not valid {name} (byte {exc.start}); bad characters read as U+FFFD")
        text = data.decode(codec, errors="replace")
    return text.removeprefix("\ufeff")


def decode_export(data: str | bytes, issues: IssueCollector) -> str:
    r"""``data`` as text, by the rule of this module; a leading BOM is removed.

    Examples:
        >>> c = IssueCollector("x.csv")
        >>> decode_export("a".encode("utf-16"), c), decode_export(b"caf\xe9", c)
        ('a', 'café')
        >>> c.issues[0].message
        "not UTF-8 (byte 3); read as Windows-1252, Outlook's ANSI export"
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    codec = wide_codec(data)
    if codec is not None:
        return decode_wide(data, codec, issues)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warning(f"not UTF-8 (byte {exc.start}); read as Windows-1252, Outlook's ANSI export")
        return data.decode("cp1252", errors="replace")
