"""Writing components as content lines, refusing what would not read back (private)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from netcore._files import scrub_surrogates
from netcore.errors import UnsupportedFormatError
from netcore.formats.contentline._reading import STRUCT_AFTER_INDENT
from netcore.formats.contentline._records import (
    Component,
    Params,
    _charset_of,
    _encoding_of,
)

__all__: list[str] = []

_HEAD_CACHE_SIZE = 4096

# --------------------------------------------------------------------------- writing

_NEEDS_QUOTES = re.compile(r'[;:,"]')


def _param_value(value: str) -> str:
    if "^" in value or "\n" in value or '"' in value or "\r" in value:
        value = (
            value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n").replace("\r", "^n")
        )
        value = value.replace('"', "^'")
    if _NEEDS_QUOTES.search(value):
        return f'"{value}"'
    return value


def _head(group: str | None, name: str, params: Params) -> str:
    out = f"{group}.{name}" if group else name
    if params:
        pieces = [out]
        for pname, values in params:
            if values:
                pieces.append(f"{pname}={','.join(_param_value(v) for v in values)}")
            else:
                pieces.append(pname)
        out = ";".join(pieces)
    return out


def _fold(line: str, width: int, eol: str) -> str:
    if line.isascii():
        if len(line) <= width:
            return line + eol
        # the first character of each continuation piece, checked in one C call
        if _STRUCT_OR_BLANK.isdisjoint(line[width :: width - 1]):
            step = width - 1
            pieces = [line[:width], *[line[i : i + step] for i in range(width, len(line), step)]]
            return (eol + " ").join(pieces) + eol
        raw = line.encode("ascii")  # a piece might read as a BEGIN/END line: cut with care
    else:
        try:
            raw = line.encode("utf-8")
        except UnicodeEncodeError:
            line = scrub_surrogates(line)  # no UTF-8 file can hold a lone surrogate
            raw = line.encode("utf-8")
    n = len(raw)
    if n <= width:
        return line + eol
    chunks: list[bytes] = []
    pos = 0
    limit = width
    while pos < n:
        end = pos + limit
        if end >= n:
            cut = n
        elif (raw[end] & 0xC0) != 0x80:  # not inside a character: _cut's first case
            cut = end
        else:
            cut = _cut(raw, pos, end)
        # No continuation line may read as a structure line (`` BEGIN:VCARD``, the one
        # rule of the readers, STRUCT_AFTER_INDENT): cut earlier, so that the next piece
        # starts with a character of this one (RT-codecs4-9).
        while (
            cut < n
            and cut > pos + 1
            and raw[cut] in _STRUCT_OR_BLANK_BYTES  # the pattern's first byte, checked first
            and _STRUCT_PIECE.match(raw, cut, _cut(raw, cut, cut + width - 1))
        ):
            cut = _cut(raw, pos, cut - 1)
        chunks.append(raw[pos:cut])
        pos = cut
        limit = width - 1
    # every chunk ends on a character boundary: joined as bytes, decoded once
    return (eol + " ").encode("utf-8").join(chunks).decode("utf-8") + eol


def _cut(raw: bytes, pos: int, end: int) -> int:
    """Where a piece of ``raw`` from ``pos`` ends at the latest ``end``: never in a character."""
    if end >= len(raw):
        return len(raw)
    while end > pos + 1 and (raw[end] & 0xC0) == 0x80:
        end -= 1
    return end


# A continuation piece the readers would take for a structure line (after its fold blank).
_STRUCT_PIECE = re.compile(rb"[ \t]*" + STRUCT_AFTER_INDENT.encode("ascii") + rb"\Z", re.IGNORECASE)
_STRUCT_OR_BLANK = frozenset("BbEe \t")
_STRUCT_OR_BLANK_BYTES = frozenset(b"BbEe \t")


# One token per byte: printable ASCII but "=" as itself (spaces and TABs too: only one at
# the very end of the value is encoded, RFC 2045 section 6.7 rule 3), everything else =XX.
_QP_TABLE = tuple(
    chr(b) if (33 <= b <= 126 and b != 61) or b in (9, 32) else f"={b:02X}" for b in range(256)
)
# A letter that would start a continuation line: encoded, so that no soft-broken line can
# read as a BEGIN/END structure line to a reader that cuts components before decoding.
_QP_LINE_START = {c: f"={ord(c):02X}" for c in "BbEe"}


def _qp_lines(head: str, value: str, charset: str | None, width: int, eol: str) -> str:
    """``head:value`` as quoted-printable lines of at most ``width`` characters.

    Soft line breaks (``=`` at the end of a line) fall only between encoded characters, so
    reading the lines back (drop each final ``=``, join) gives the bytes written, whatever
    the value holds.
    """
    if not value.isascii():
        value = scrub_surrogates(value)
    if not head.isascii():
        head = scrub_surrogates(head)
    try:
        data = value.encode(charset or "utf-8")
    except (UnicodeEncodeError, LookupError):
        data = value.encode("utf-8")
    table = _QP_TABLE
    tokens = [table[b] for b in data]
    if tokens and tokens[-1] in (" ", "\t", "\\"):
        # Trailing whitespace may be stripped in transit; a final backslash reads as a 2.1
        # backslash continuation when the next line has no ':' (a folded head, say).
        tokens[-1] = f"={ord(tokens[-1]):02X}"
    lines: list[str] = []
    cur = [head, ":"]
    room = width - len(head) - 2  # one place kept for the "=" of a soft break
    for tok in tokens:
        if len(tok) > room and cur:
            cur.append("=")
            lines.append("".join(cur))
            cur = []
            room = width - 1
            tok = _QP_LINE_START.get(tok, tok)
        cur.append(tok)
        room -= len(tok)
    lines.append("".join(cur))
    return eol.join(lines) + eol


def _is_21_base64(params: Params) -> bool:
    for pname, values in params:
        if not values and pname.upper() in ("BASE64", "B"):
            return True
        if pname.upper() == "ENCODING" and any(v.upper() == "BASE64" for v in values):
            return True
    return False


# What a writer may put in a property head: the one rule every writer goes through (the
# model's Extension record refuses the same names and groups). Names as real exports
# write them (``X-messaging/xmpp-All``, ``X-WAB-SPOUSE_NAME``) but no delimiter, no
# control character and no leading space or TAB (the line would continue the one before);
# groups are letters, digits and '-' (dot-separated pieces, as a reader splits
# ``a.b.NAME``); parameter names without delimiters or control characters; no NUL in a
# parameter value (line breaks in one are written as RFC 6868 ``^n``).
_WRITABLE_NAME = re.compile(r"[^:;.\s\x00-\x1f\x7f][^:;.\x00-\x1f\x7f]*\Z")
_WRITABLE_GROUP = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\Z")
_WRITABLE_PARAM = re.compile(r'[^:;=,"\x00-\x1f\x7f]*\Z')
_STRUCTURE = frozenset({"BEGIN", "END"})


def _check_head(group: str | None, name: str, params: Params) -> None:
    """Refuse a head that would not read back as this one property.

    Raises:
        UnsupportedFormatError: The group, name or a parameter cannot be written.
    """
    problem = None
    if not _WRITABLE_NAME.match(name):
        problem = "the property name holds a delimiter, a control character or leading space"
    elif group is None and name.rstrip(" \t").upper() in _STRUCTURE:
        problem = "a BEGIN or END property without a group would be a structure line"
    elif group is not None and not _WRITABLE_GROUP.match(group):
        problem = f"the group {group!r} is not letters, digits and '-'"
    else:
        for pname, values in params:
            if not _WRITABLE_PARAM.match(pname):
                problem = f"the parameter name {pname!r} holds a delimiter or control character"
                break
            if any("\x00" in v for v in values):
                problem = f"a value of parameter {pname!r} holds a NUL character"
                break
    if problem is not None:
        raise UnsupportedFormatError(f"cannot write property {name!r}: {problem}")


def _head_info(
    group: str | None, name: str, params: Params, check: bool = True
) -> tuple[str, bool, bool]:
    """The head text, whether it is quoted-printable, and whether it is a 2.1 base64 block.

    With ``check``, the head is first held to :func:`_check_head`; the heads that passed
    are cached apart from those written unchecked (:func:`digest_text`), so that a cached
    head is one that passed whenever ``check`` asks for it.
    """
    key = (group, name, params)
    cache = _WRITTEN_HEADS if check else _DIGEST_HEADS
    try:
        return cache[key]
    except KeyError:
        hashable = True
    except TypeError:  # pragma: no cover - params built by hand with lists: not hashable
        hashable = False
    if check:
        _check_head(group, name, params)
    enc = _encoding_of(params) if params else None
    info = (
        _head(group, name, params),
        enc == "quoted-printable",
        enc == "base64" and _is_21_base64(params),
    )
    if hashable:
        if len(cache) >= _HEAD_CACHE_SIZE:
            cache.clear()
        cache[key] = info
    return info


def write_lines(
    out: list[str],
    lines: Iterable[tuple[str | None, str, Params, str]],
    width: int = 75,
    eol: str = "\r\n",
    check: bool = True,
) -> None:
    """Append the content lines of properties to ``out``: the one rule for writing them.

    Every writer of content lines goes through here (:func:`serialize` for the
    properties of a component, the vCard writer for those of a contact), each property a
    ``(group, name, params, value)`` tuple: its head is held to :func:`_check_head` (with
    ``check``; cached), a quoted-printable value is re-encoded with soft line breaks, any
    other value is refused if it holds a raw line break (with ``check``), the line is
    folded at ``width`` octets, and a 2.1 base64 block is followed by its blank line.
    One call for many properties: the loop runs here, not one call per property.

    Raises:
        UnsupportedFormatError: With ``check``: a head cannot be written, or a value that
            is not quoted-printable holds a raw line break.
    """
    heads = _WRITTEN_HEADS if check else _DIGEST_HEADS
    append = out.append
    limit = width + len(eol)
    for group, name, params, value in lines:
        try:  # the cache hit of _head_info, inline: one look-up per property
            head, qp, blank_after = heads[(group, name, params)]
        except (KeyError, TypeError):
            head, qp, blank_after = _head_info(group, name, params, check)
        if qp:
            append(_qp_lines(head, value, _charset_of(params), width, eol))
            continue
        if ("\n" in value or "\r" in value) and check:
            raise UnsupportedFormatError(
                f"{name}: a raw line break in a value can only be written with "
                "ENCODING=QUOTED-PRINTABLE; escape it as \\n first"
            )
        line = f"{head}:{value}{eol}"
        if len(line) <= limit and line.isascii():
            append(line)  # the common case of _fold
        else:
            append(_fold(line[: len(line) - len(eol)], width, eol))
        if blank_after:
            append(eol)  # vCard 2.1 ends a base64 block with a blank line


_HeadKey = tuple[str | None, str, Params]
# The written form of heads, cached like the parsed form: writers repeat a few of them.
# Checked heads (serialize) and unchecked ones (digest_text) apart.
_WRITTEN_HEADS: dict[_HeadKey, tuple[str, bool, bool]] = {}
_DIGEST_HEADS: dict[_HeadKey, tuple[str, bool, bool]] = {}


def _ends_with_agent(comp: Component) -> bool:
    props = comp.properties
    return bool(props) and props[-1].name.upper() == "AGENT" and not props[-1].value.strip()


_COMPONENT_NAME = re.compile(r"[A-Za-z0-9-]+\Z")


def _write_component(
    comp: Component,
    out: list[str],
    width: int,
    eol: str,
    outer: frozenset[str] = frozenset(),
    check: bool = True,
) -> None:
    if check and not _COMPONENT_NAME.match(comp.name):
        raise UnsupportedFormatError(
            f"cannot write component {comp.name!r}: a name is letters, digits and '-'"
        )
    out.append(_fold(f"BEGIN:{comp.name}", width, eol))
    write_lines(
        out, [(p.group, p.name, p.params, p.value) for p in comp.properties], width, eol, check
    )
    for i, child in enumerate(comp.children):
        if (
            check
            and child.name.upper() in outer | {comp.name.upper()}
            and (i > 0 or not _ends_with_agent(comp))
        ):
            raise UnsupportedFormatError(
                f"a {child.name} component inside a {comp.name} would read back as the next "
                f"{child.name}; only a 2.1 card after an empty AGENT property can nest"
            )
        _write_component(child, out, width, eol, outer | {comp.name.upper()}, check)
    out.append(_fold(f"END:{comp.name}", width, eol))


def serialize(
    components: Iterable[Component] | Component, *, width: int = 75, line_ending: str = "\r\n"
) -> str:
    r"""Write components back as content lines.

    Lines are folded at ``width`` octets without splitting a UTF-8 sequence; parameters
    are quoted only where they hold ``;``, ``:``, ``,`` or ``"`` (RFC 6868 carets for
    line breaks, ``^`` and ``"``); quoted-printable values are re-encoded in their
    ``CHARSET`` with ``=`` soft line breaks; a 2.1 ``ENCODING=BASE64`` value is followed
    by the blank line 2.1 requires. The result is text: values that came from other
    charsets are written as Unicode (encode as UTF-8 to store), which is also how
    :func:`parse` reads them back. A lone surrogate (which no UTF-8 file can hold) is
    written as U+FFFD REPLACEMENT CHARACTER, so the text always encodes as UTF-8 and
    writing never fails on it (:func:`netcore._files.scrub_surrogates`).

    Args:
        components: One component or several.
        width: Fold width in octets (75 per RFC 6350; at least 10).
        line_ending: ``"\r\n"`` (the standard) or ``"\n"``.

    Returns:
        The text.

    Raises:
        UnsupportedFormatError: A value holds a raw line break and is not quoted-printable;
            a group, name or parameter cannot be written (see the module doc); a component
            holds one of its own name (only the first card after an empty 2.1 ``AGENT``
            can nest). It is a ``ValueError`` too.

    Examples:
        >>> from netcore.formats.contentline import Property
        >>> serialize(Component("VCARD", (Property(None, "FN", (), "Ann"),)))
        'BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n'
    """
    if width < 10:
        raise ValueError("width must be at least 10")
    if isinstance(components, Component):
        components = (components,)
    out: list[str] = []
    for comp in components:
        _write_component(comp, out, width, line_ending)
    return "".join(out)


def digest_text(component: Component) -> str:
    """The content lines of ``component`` as :func:`serialize` writes them, unchecked.

    For hashing only (a derived uid): whatever a reader kept, this never refuses it, and
    it gives the same text as :func:`serialize` wherever that one writes.
    """
    out: list[str] = []
    _write_component(component, out, 75, "\r\n", check=False)
    return "".join(out)
