"""Header text: raw bytes to str, RFC 2047 encoded words, dates and address lists.

Everything here is linear in the length of the header and never raises on bad input:
what cannot be decoded is kept as written (with U+FFFD for undecodable bytes) and the
caller is told through the returned ``problem`` text, so that it can record an issue.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email.quoprimime
import email.utils
import re
from datetime import UTC, datetime

from netcore.model._validate import single_line

__all__ = ["clean_text", "decode_bytes", "decode_words", "parse_addresses", "parse_date"]

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")


def clean_text(value: str) -> str:
    r"""One line of display text: controls (terminal escapes too) and white space as one space.

    Examples:
        >>> clean_text("Re:\x1b[2J  hello\n world ")
        'Re: [2J hello world'
    """
    return " ".join(_CONTROL.sub(" ", value).split())


_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([bBqQ])\?([^?\s]*)\?=")
_ONLY_SPACE = re.compile(r"[ \t\r\n]*")

_CHARSET_ALIASES = {
    # Labels mail programs write that Python's codec registry does not know.
    "ks_c_5601-1987": "cp949",
    "x-sjis": "shift_jis",
    "unknown-8bit": "cp1252",
    "x-unknown": "cp1252",
    "us-ascii": "ascii",
    "iso-8859-8-i": "iso-8859-8",
    "windows-874": "cp874",
}


def _codec(charset: str) -> str | None:
    name = charset.split("*", 1)[0].strip().lower()  # RFC 2231: charset*language
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Raw header bytes as text: UTF-8 (RFC 6532) when valid, else Windows-1252.

    Returns:
        The text, and a problem description when the bytes were not UTF-8 (or ``None``).
    """
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode(
            "cp1252", errors="replace"
        ), "8-bit header bytes are not UTF-8; read as Windows-1252"


def _decode_word(charset: str, encoding: str, payload: str) -> tuple[str, str | None]:
    codec = _codec(charset)
    problem = None
    if codec is None:
        problem = f"unknown charset {charset[:40]!r}; read as UTF-8"
        codec = "utf-8"
    try:
        if encoding in "bB":
            padded = payload + "=" * (-len(payload) % 4)
            data = base64.b64decode(padded.encode("ascii", "replace"), validate=False)
        else:
            data = email.quoprimime.header_decode(payload).encode("latin-1", "replace")
    except (binascii.Error, ValueError):
        return f"=?{charset}?{encoding}?{payload}?=", "an encoded word is broken; kept as written"
    text = data.decode(codec, errors="replace")
    if "\ufffd" in text and problem is None:
        problem = f"bytes not valid in {charset[:40]!r} replaced with U+FFFD"
    return text, problem


def decode_words(value: str) -> tuple[str, str | None]:
    """Decode RFC 2047 encoded words (``=?utf-8?q?...?=``) in a header value.

    Whitespace between two adjacent encoded words is dropped, as the RFC says; broken
    words and unknown charsets are kept or read as UTF-8 and reported.

    Returns:
        The text, and the first problem met (or ``None``).
    """
    if "=?" not in value:
        return value, None
    out: list[str] = []
    problem: str | None = None
    pos = 0
    last_end = -1
    for m in _ENCODED_WORD.finditer(value):
        between = value[pos : m.start()]
        if not (
            last_end == m.start() - len(between)
            and last_end >= 0
            and _ONLY_SPACE.fullmatch(between)
        ):
            out.append(between)
        text, p = _decode_word(m.group(1), m.group(2), m.group(3))
        out.append(text)
        problem = problem or p
        pos = last_end = m.end()
    out.append(value[pos:])
    return "".join(out), problem


def parse_date(value: str) -> datetime | None:
    """An RFC 5322 date as an aware datetime (``-0000`` and no zone read as UTC), or ``None``."""
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    year = _YEAR.search(value)
    if year is not None and len(year.group(1)) > 2 and int(year.group(1)) != when.year:
        # The standard library reads years below 100 as 19xx/20xx (RFC 5322's obsolete
        # two-digit years); a year written with 3 or more digits (0001) is not one.
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return when


_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3}\s+(\d+)\b")
"""The year of an RFC 5322 date (``2 Nov 2026``), as written."""
_ANGLE = re.compile(r"<([^<>\s]*@[^<>\s]*)>")
_SPACE = re.compile(r"\s")
_NAME_TEXT = re.compile(r"[^<>\"(),;:\\]*")
"""A display name the fast path reads: no quotes, comments, groups or specials."""
_ADDR_SPEC = re.compile(r"[^<>\s\"(),;:\\@]+@[^<>\s\"(),;:\\@]+")
"""An address the fast path reads: ``local@domain`` without blanks or specials."""


def _simple(value: str) -> list[tuple[str, str]] | None:
    """The common shapes (``a@x``, ``Name <a@x>``, lists of them) without the full parser.

    Returns ``None`` for anything else (quotes, comments, groups, routes), which the
    standard library's parser reads instead. Each piece is stripped and cut at its ``<``
    before a pattern sees it: no pattern starts or ends with a run of blanks, which a
    regular expression would try to split at every position (a run of 2,000 blanks took
    2.5 s, and three times as long for twice as many).
    """
    out: list[tuple[str, str]] = []
    for part in value.split(","):
        text = part.strip()
        if not text:
            continue
        if text.endswith(">") and "<" in text:
            at = text.index("<")
            name, address = text[:at].rstrip(), text[at + 1 : -1]
            if _NAME_TEXT.fullmatch(name) is None or _ADDR_SPEC.fullmatch(address) is None:
                return None
            out.append((name, address))
        elif _ADDR_SPEC.fullmatch(text) is not None:
            out.append(("", text))
        else:
            return None
    return out


def parse_addresses(values: list[str]) -> tuple[list[tuple[str, str]], str | None]:
    """``(display name, address)`` pairs from address header values, names decoded.

    Pairs without an ``@`` in the address are left out (groups, undisclosed recipients),
    and so are addresses holding a control character or a line break, with a problem;
    when the standard parser finds nothing in a value that holds ``<...@...>``, those
    angle-bracketed addresses are taken instead, and a problem is reported.
    """
    out: list[tuple[str, str]] = []
    problem: str | None = None
    for value in values:
        found = _simple(value)
        if found is None:
            try:
                pairs = email.utils.getaddresses([value])
            except RecursionError:  # the parser recurses once per group (':'): thousands overflow
                pairs = []
            found = [
                (name, addr.strip())
                for name, addr in pairs
                if "@" in addr and not _SPACE.search(addr.strip())
            ]
        if not found and "@" in value:
            found = [("", a) for a in _ANGLE.findall(value)]
            problem = problem or "an address list could not be parsed; took the <...> addresses"
        for name, addr in found:
            try:
                single_line(addr, "an address")  # the model's rule for an attendee's email
            except ValueError:
                problem = problem or "an address holding a control character was left out"
                continue
            text, p = decode_words(name)
            problem = problem or p
            out.append((clean_text(text), addr))
    return out, problem
