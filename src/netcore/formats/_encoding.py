"""How netcore decodes an exported text file whose encoding it is not told (private).

The rule, in one place: a UTF-8 byte order mark means UTF-8; a UTF-16 one (either byte
order) means UTF-16; otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252
(Outlook's "ANSI" export), with a warning naming the first byte that is not UTF-8.
"""

from __future__ import annotations

from netcore.formats.issues import IssueCollector

__all__ = ["decode_export"]


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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").removeprefix("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warning(f"not UTF-8 (byte {exc.start}); read as Windows-1252, Outlook's ANSI export")
        return data.decode("cp1252", errors="replace")
