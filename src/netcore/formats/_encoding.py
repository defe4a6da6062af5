"""How netcore decodes an exported text file whose encoding it is not told (private).

The rule, in one place: a UTF-8 byte order mark means UTF-8; a UTF-16 one (either byte
order) means UTF-16; without a BOM, a first character that is ASCII with a zero byte
before it (big-endian) or after it (little-endian) means UTF-16 (UTF-8 never writes a
zero byte in text); otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252
(Outlook's "ANSI" export), with a warning naming the first byte that is not UTF-8. An odd
last byte of UTF-16 input is dropped with a warning.
"""

from __future__ import annotations

from netcore.formats.issues import IssueCollector

__all__ = ["decode_export", "utf16_codec"]


def utf16_codec(data: bytes) -> str | None:
    r"""``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` is UTF-16 by the rule above.

    Examples:
        >>> utf16_codec("N".encode("utf-16-be")), utf16_codec(b"\xff\xfeN\x00")
        ('utf-16-be', 'utf-16-le')
        >>> utf16_codec(b"Name") is None
        True
    """
    head = data[:2]
    if head == b"\xff\xfe":
        return "utf-16-le"
    if head == b"\xfe\xff":
        return "utf-16-be"
    if len(head) == 2 and head[0] == 0 and 0 < head[1] < 0x80:
        return "utf-16-be"
    if len(head) == 2 and head[1] == 0 and 0 < head[0] < 0x80:
        return "utf-16-le"
    return None


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
    codec = utf16_codec(data)
    if codec is not None:
        if len(data) % 2:
            issues.warning("UTF-16 input has an odd number of bytes; the last byte was dropped")
            data = data[:-1]
        try:
            return data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            issues.warning(f"not valid UTF-16 (byte {exc.start}); bad characters read as U+FFFD")
            return data.decode(codec, errors="replace").removeprefix("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warning(f"not UTF-8 (byte {exc.start}); read as Windows-1252, Outlook's ANSI export")
        return data.decode("cp1252", errors="replace")
