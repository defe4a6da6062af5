"""Reading text into components: unfolding, heads, values, structure (private)."""

from __future__ import annotations

import binascii
import codecs
import itertools
import re
from collections.abc import Iterable, Iterator

from netcore._text import visible
from netcore.errors import LimitExceededError, ParseError
from netcore.formats._encoding import wide_codec
from netcore.formats.contentline._records import (
    _SET_END,
    _SET_GROUP,
    _SET_LINE,
    _SET_NAME,
    _SET_PARAMS,
    _SET_VALUE,
    DEFAULT_LIMITS,
    Component,
    Limits,
    Params,
    Property,
    _charset_of,
    _encoding_of,
    _new,
    new_property,
)
from netcore.formats.issues import Issue, IssueCollector, Parsed, Severity

__all__: list[str] = []

# --------------------------------------------------------------------------- parsing

_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=\s]+\Z")
_STRUCT_LINE = re.compile(r"(?:BEGIN|END)[ \t]*:", re.IGNORECASE)
# The one rule for card boundaries that both readers share (RT-codecs2-8, -14): a BEGIN or
# END line is never continued by the line after it, and an indented line that is nothing
# but ``BEGIN:<name>`` or ``END:<name>`` is a structure line, not a folded piece. The
# streaming reader builds its boundary pattern from ``STRUCT_AFTER_INDENT`` too.
STRUCT_AFTER_INDENT = r"(?:BEGIN|END)[ \t]*:[ \t]*[A-Za-z0-9-]+[ \t]*"
_INDENTED_STRUCT = re.compile(r"[ \t]+" + STRUCT_AFTER_INDENT + r"\Z", re.IGNORECASE)
# First characters that a BEGIN/END line, and the second that an indented one, can have:
# a line that starts otherwise is checked against neither pattern.
_STRUCT_FIRST = "BbEe"
_STRUCT_OR_BLANK = "BbEe \t"
_VALUE_SPLIT = re.compile(r'"([^"]*)"|([^",]*)')
_CARET = re.compile(r"\^[n'^]", re.IGNORECASE)
_CARET_MAP = {"^n": "\n", "^N": "\n", "^'": '"', "^^": "^"}
_NAME_OK = re.compile(r"[A-Za-z0-9-]+\Z")
_FALLBACK_CHARSETS = ("windows-1252", "latin-1")


def _decode_bytes(raw: bytes, charset: str | None) -> tuple[str, str]:
    """Text of ``raw``: UTF-8, else the declared charset, else windows-1252, else Latin-1."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if charset:
        candidates.append(charset)
    candidates.extend(_FALLBACK_CHARSETS)
    for cs in candidates:
        try:
            return raw.decode(cs), cs
        except (ValueError, LookupError):
            # ValueError covers UnicodeDecodeError and a charset name the codec
            # registry cannot even look up (a NUL or a stray byte in it, RT-codecs2-7).
            continue
    return raw.decode("latin-1"), "latin-1"  # pragma: no cover - latin-1 never fails


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unescape_surrogates(text: str, charset: str | None) -> str:
    """Decode bytes smuggled as surrogate escapes with the charset chain."""
    raw = text.encode("utf-8", "surrogateescape")
    return _decode_bytes(raw, charset)[0]


def _split_values(raw: str) -> tuple[str, ...]:
    if '"' not in raw and "^" not in raw:
        return tuple(raw.split(","))
    if '"' not in raw:
        values = raw.split(",")
    else:
        values = []
        pos = 0
        n = len(raw)
        while True:
            m = _VALUE_SPLIT.match(raw, pos)
            if m is None:  # pragma: no cover - the pattern matches the empty string
                values.append(raw[pos:])
                break
            quoted, plain = m.group(1), m.group(2)
            values.append(quoted if quoted is not None else plain)
            pos = m.end()
            if pos >= n:
                break
            if raw[pos] == ",":
                pos += 1
                if pos == n:
                    values.append("")
                    break
            else:  # stray text after a quoted string: keep it in the value
                values[-1] += raw[pos:]
                break
    return tuple(_CARET.sub(_caret, v) if "^" in v else v for v in values)


def _caret(m: re.Match[str]) -> str:
    return _CARET_MAP.get(m.group(0), m.group(0))


def _limit_issue(
    collector: IssueCollector, message: str, line: int | None, prop: str | None
) -> None:
    """Record a limit as an error issue; strict mode raises :class:`LimitExceededError`."""
    issue = Issue(collector.source, line, prop, Severity.ERROR, message)
    if collector.strict or collector.keep(issue):
        collector.issues.append(issue)
    if collector.strict:
        raise LimitExceededError(
            message, source=collector.source, line=line, property=prop, issues=collector.issues
        )


def _quoted_head_end(text: str) -> int:
    """Index of the ``:`` that ends a head whose parameter values may quote ``:`` and ``;``.

    The head is a name without ``;``, ``:`` or ``"``, then ``;param`` groups in which a
    double-quoted run may hold ``:`` and ``;``. ``-1`` when ``text`` is not such a head (a
    quote in the name, a quote never closed, no ``:`` after the last quote). A scan with
    ``str.find``, each position visited once: a pattern with an alternation inside a
    repeat kept about 200 bytes of matcher state per character of a long head.
    """
    colon = text.find(":")
    quote = text.find('"')
    if colon < 0 or quote < 0 or colon < quote:
        return colon
    if text.find(";", 0, quote) < 0:
        return -1  # a quote in the name
    while True:  # here: the next quote comes before the next colon
        close = text.find('"', quote + 1)
        if close < 0:
            return -1
        if colon < close:
            colon = text.find(":", close + 1)
            if colon < 0:
                return -1
        quote = text.find('"', close + 1)
        if quote < 0 or colon < quote:
            return colon


def _split_quoted_params(rest: str) -> list[str]:
    """The parameters of ``rest`` (a head after its first ``;``), split at unquoted ``;``.

    A double-quoted run may hold ``;``. A quote that is never closed ends its parameter,
    and the text up to the next ``;`` is lost (a warning names such a line). Linear, as
    :func:`_quoted_head_end`.
    """
    out: list[str] = []
    start = 0
    semi = rest.find(";")
    quote = rest.find('"')
    while True:
        if quote < 0 or 0 <= semi < quote:  # the parameter ends at the next ";" (or the end)
            out.append(rest[start:] if semi < 0 else rest[start:semi])
            if semi < 0:
                return out
            start = semi + 1
            semi = rest.find(";", start)
            if quote < start:
                quote = rest.find('"', start)
            continue
        close = rest.find('"', quote + 1)
        if close < 0:  # never closed: the parameter ends before the quote
            out.append(rest[start:quote])
            if semi < 0:
                return out
            start = semi + 1
            semi = rest.find(";", start)
            quote = rest.find('"', start)
            continue
        if semi < close:
            semi = rest.find(";", close + 1)
        quote = rest.find('"', close + 1)


_SHARED_PARAMS = 64
"""How many distinct parameters of one head :func:`_parse_params` shares among repeats."""


def _parse_params(parts: Iterable[str]) -> Params:
    """Name and values of each parameter; a repeated parameter shares one parsed pair.

    A head of 15,000 ``;`` (or one ``TYPE=work`` written thousands of times) costs one
    reference a repeat, not a new pair of tuples.
    """
    out: list[tuple[str, tuple[str, ...]]] = []
    shared: dict[str, tuple[str, tuple[str, ...]]] = {}
    for part in parts:
        param = shared.get(part)
        if param is None:
            name, eq, raw = part.partition("=")
            param = (name, _split_values(raw) if eq else ())
            if len(shared) < _SHARED_PARAMS:
                shared[part] = param
        out.append(param)
    return tuple(out)


def _split_head(head: str) -> tuple[str | None, str, Params, bool]:
    """Group, name, parameters of a content-line head, and whether the name is well formed."""
    if ";" in head:
        if '"' in head:
            first, _, rest = head.partition(";")
            params = _parse_params(_split_quoted_params(rest))
            name = first
        else:
            pieces = head.split(";")
            name = pieces[0]
            params = _parse_params(pieces[1:])
    else:
        name = head
        params = ()
    group: str | None = None
    if "." in name:
        # The name is after the last dot: ``a.b.NAME`` has the group ``a.b``. An empty
        # group (``.BEGIN:VCARD``) is no group.
        group, _, name = name.rpartition(".")
        group = group or None
    return group, name, params, _NAME_OK.match(name) is not None


def _head_name(head: str) -> str | None:
    """The property name at the start of a content line (group removed), or ``None``."""
    name = head.partition(":")[0].partition(";")[0]
    return name.rpartition(".")[2] or None


# Heads (``item1.EMAIL;TYPE=work``) repeat from card to card: a bounded cache of their
# split form saves the parsing, and the cards read share one tuple of parameters.
_HEADS: dict[str, tuple[str | None, str, Params, bool]] = {}
_HEAD_CACHE_SIZE = 4096
_HEAD_CACHE_CHARS = 200


def _split_cached(head: str) -> tuple[str | None, str, Params, bool]:
    """:func:`_split_head`, through the bounded cache of heads."""
    split = _HEADS.get(head)
    if split is None:
        split = _split_head(head)
        if len(head) <= _HEAD_CACHE_CHARS:
            if len(_HEADS) >= _HEAD_CACHE_SIZE:
                _HEADS.clear()
            _HEADS[head] = split
    return split


def _kind_of(line: str) -> int:
    """How the lines after ``line`` continue it: 0 folding only, 1 quoted-printable, 2 base64.

    Decided from the parsed parameters of the head on this physical line (``ENCODING`` or a
    bare 2.1 ``QUOTED-PRINTABLE``/``BASE64``/``B``), never from a substring of the head: a
    parameter value that mentions an encoding does not make the value one.
    """
    head, colon, _ = line.partition(":")
    if not colon or ";" not in head:
        return 0
    kind = _KINDS.get(head)
    if kind is not None:
        return kind
    if '"' in head:
        end = _quoted_head_end(line)
        if end >= 0:
            head = line[:end]
        return _kind_of_params(_split_cached(head)[2])
    kind = _kind_of_params(_split_cached(head)[2])
    if head in _HEADS:  # cached with its split, within the same bounds
        if len(_KINDS) >= _HEAD_CACHE_SIZE:
            _KINDS.clear()
        _KINDS[head] = kind
    return kind


def _kind_of_params(params: Params) -> int:
    enc = _encoding_of(params)
    if enc == "quoted-printable":
        return 1
    return 2 if enc == "base64" else 0


# The kind (see _kind_of) of each head without a double quote, next to _HEADS.
_KINDS: dict[str, int] = {}


# How a physical line continues the logical line before it (see _continuation).
_NOT, _QP_SOFT, _FOLD, _BLANK_IN_FOLD, _B64_END, _B64_MORE, _BACKSLASH = range(7)
_DROPPED_GOES_ON = frozenset({_QP_SOFT, _FOLD, _BLANK_IN_FOLD, _B64_MORE})


def _continuation(line: str, prev: str, kind: int, nxt: str) -> int:
    """How ``line`` continues a logical line whose last piece is ``prev``.

    ``kind`` is the logical line's (0 plain, 1 quoted-printable, 2 base64, 3 base64 after
    its closing blank line); ``nxt`` is the physical line after ``line`` (``""`` at the end).
    """
    if kind == 1 and prev.rstrip(" \t").endswith("=") and not _STRUCT_LINE.match(line):
        return _QP_SOFT
    c = line[:1]
    if c == " " or c == "\t":
        return _FOLD
    if not line and kind < 2 and nxt[:1] in (" ", "\t") and nxt.strip():
        return _BLANK_IN_FOLD
    if kind == 2 or kind == 3:
        if line == "" or line.isspace():
            return _B64_END if kind == 2 else _NOT
        if kind == 2 and ":" not in line and _BASE64_LINE.match(line):
            return _B64_MORE
        return _NOT
    if line and _backslash_goes_on(line, prev, nxt):
        return _BACKSLASH
    return _NOT


def _backslash_goes_on(line: str, prev: str, nxt: str) -> bool:
    """Whether ``line`` continues a value that ends in a backslash (a 2.1 writer's quirk).

    Only a line without a colon does, and only when it is not the head of a property
    folded before its colon (``nxt`` a folded piece): a writer may fold anywhere, so a
    ``URL;X-P=...`` line whose colon is on the next, indented line is a property of its
    own (RT-codecs4-8).
    """
    return ":" not in line and prev.endswith("\\") and nxt[:1] not in (" ", "\t")


def _continues_at(lines: list[str], i: int, prev: str, kind: int) -> int:
    """:func:`_continues` of ``lines[i - 1]``, the next line read from ``lines``."""
    return _continues(lines[i - 1], prev, kind, lines[i] if i < len(lines) else "", False)


def _continues(line: str, prev: str, kind: int, nxt: str, prev_struct: bool) -> int:
    """:func:`_continuation`, except that a BEGIN/END line is never continued nor a piece."""
    if prev_struct or _INDENTED_STRUCT.match(line):
        return _NOT
    return _continuation(line, prev, kind, nxt)


def _physical_lines(text: str) -> list[str]:
    """The physical lines of ``text``: CR LF, CR CR LF, a lone CR and LF each end one."""
    if "\r" in text:
        text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# --------------------------------------------------------------------------- the fast path

# The heads the fast path has read (see _fast_head): group, name, parameters, the kind of
# their parameters (0 none, 2 base64) and 1 for BEGIN, 2 for END, 0 for a property. Bounded
# as _HEADS is; a head holding a double quote is never kept (see _fast_components).
_FAST_HEADS: dict[str, tuple[str | None, str, Params, int, int]] = {}
_MAYBE_STRUCT = " \tBbEe"  # what can follow a fold's indent in an indented BEGIN/END


def _fast_head(head: str) -> tuple[str | None, str, Params, int, int] | None:
    """What the fast path needs of ``head``, or ``None`` when the general reader must read it.

    ``None`` for every head on which :meth:`_Parser._logical` says something (no name, an
    empty group, a name outside A-Z, 0-9 and ``-``), a BEGIN/END head with parameters (not
    a structure line by the physical-line rule), and quoted-printable.
    """
    found = _FAST_HEADS.get(head)
    if found is not None:
        return found
    group, name, params, name_ok = _split_cached(head)
    if not name or name.isspace() or head[:1] == ".":
        return None
    struct = 0
    bare = name.rstrip(" \t")
    if group is None and bare[:1] in "BbEe" and len(bare) in (3, 5):
        upper = bare.upper()
        if upper in ("BEGIN", "END"):
            if ";" in head:
                return None
            struct = 1 if upper == "BEGIN" else 2
    kind = _kind_of_params(params)
    if kind == 1 or (not name_ok and not struct):
        return None
    found = (group, name, params, kind, struct)
    if len(head) <= _HEAD_CACHE_CHARS and '"' not in head:
        if len(_FAST_HEADS) >= _HEAD_CACHE_SIZE:
            _FAST_HEADS.clear()
        _FAST_HEADS[head] = found
    return found


def _fast_lines(text: str, sep: str) -> list[str] | None:
    """The content lines of ``text``, each fold replaced by a NUL; the last empty one left out.

    ``None`` when ``sep`` is CR LF and a CR or LF stands alone (which counting is cheaper
    than looking for: each CR and each LF must be one of the separators split at).
    """
    text = text.replace(sep + " ", "\x00")
    if "\t" in text:
        text = text.replace(sep + "\t", "\x00")
    lines = text.split(sep)
    if sep == "\r\n" and not text.count("\r") == text.count("\n") == len(lines) - 1:
        return None
    if lines[-1] == "":
        lines.pop()
    return lines


def _fast_components(
    text: str, line_offset: int, limits: Limits
) -> tuple[list[Component], int] | None:
    """The components of ``text`` and its number of physical lines, read in bulk, or ``None``.

    The fast path of :meth:`_Parser.run` (issue 18): folds undone and lines split by
    ``str`` methods over the whole text, as the benchmark's floor does. Each fold is
    replaced by a NUL (no text read here holds one), so that a content line tells its
    folds, and so its line numbers and its first physical line, only when it has any.
    It reads only what the general reader reads without a word: components one deep,
    each line a property with a well-formed name and no quoted-printable, base64 only
    folded, blank lines only where they end nothing. At the first line that is anything
    else it gives up (``None``) and the general reader reads the whole text, so the
    components, line numbers and issues are always the general reader's
    (``tests/formats/contentline/test_fast_path.py``).
    """
    lines = _fast_split(text, limits)
    if lines is None:
        return None
    heads = _FAST_HEADS
    out: list[Component] = []
    props: list[Property] | None = None  # the open component's, None when none is open
    cname = ""
    cline = 0
    cbytes = 0
    base64_before = 0  # the kind (see _kind_of) of the content line before: 0 or 2
    ln = line_offset + 1  # the physical line the next content line starts on
    for line in lines:
        end = ln
        first = line
        if "\x00" in line:
            unfolded = _fast_unfold(line, base64_before)
            if unfolded is None:
                return None
            line, first, folds = unfolded
            end = ln + folds
        head, colon, value = line.partition(":")
        info = heads.get(head)
        if info is None:
            if not line and not base64_before:
                ln += 1  # a blank line that ends nothing
                continue
            found = _fast_rare_head(line, head, colon)
            if found is None:
                return None
            head, value, info = found
        group, name, params, kind, struct = info
        if end != ln:  # folded: the first line's own head tells how lines continue it
            base64_before = -1 if struct else _fast_first_kind(first, head, kind)
            if base64_before not in (0, 2):
                return None  # a folded BEGIN/END line, or quoted-printable
        else:
            base64_before = kind
        if kind:
            value = "".join(value.split())
        if struct:
            if struct == 2:
                comp = _fast_end(props, cname, cline, cbytes, value, ln, limits)
                if comp is None:
                    return None
                out.append(comp)
                props = None
            elif props is not None or not value.strip():
                return None  # a component inside one, or no name
            else:
                cname, cline, cbytes, props = value.strip(), ln, 0, []
            ln = end + 1
            continue
        if props is None:
            return None
        cbytes += len(line)
        prop = _new(Property)
        _SET_GROUP(prop, group)
        _SET_NAME(prop, name)
        _SET_PARAMS(prop, params)
        _SET_VALUE(prop, value)
        _SET_LINE(prop, ln)
        _SET_END(prop, end)
        props.append(prop)
        ln = end + 1
    if props is not None:
        return None
    return out, ln - line_offset - 1


def _fast_split(text: str, limits: Limits) -> list[str] | None:
    """The content lines of ``text`` for the fast path (folds as NULs), or ``None``.

    ``None`` for what the fast path leaves to the general reader as a whole: no nesting
    allowed, a NUL, an indented first line, a line too long.
    """
    if limits.max_depth < 1 or "\x00" in text or text[:1] in (" ", "\t"):
        return None
    lines = _fast_lines(text, "\r\n" if "\r" in text else "\n")
    if lines is None:  # a lone CR or LF among CR LF: the general rule of line breaks first
        lines = _fast_lines("\n".join(_physical_lines(text)), "\n") or []
    # A line's length with its NULs is what the general reader measures: its physical
    # lines' lengths, each fold's indent included.
    if lines and max(map(len, lines)) > limits.max_line_chars:
        return None  # a line dropped for its length
    return lines


def _fast_unfold(line: str, base64_before: int) -> tuple[str, str, int] | None:
    """A content line with folds (NULs): unfolded, its first physical line, its folds.

    ``None`` when an indented line in it is no fold by the general reader's rules (after
    a blank line or none; an indented BEGIN/END line), or when its first physical line
    may be another line of the 2.1 base64 block before it (no colon).
    """
    pieces = line.split("\x00")
    first = pieces[0]
    if not first:
        return None  # an indented line after a blank one (or none)
    for piece in itertools.islice(pieces, 1, None):
        if piece[:1] in _MAYBE_STRUCT and _INDENTED_STRUCT.match(" " + piece):
            return None  # an indented BEGIN/END line is not a fold
    if base64_before and ":" not in first:
        return None  # maybe another line of a 2.1 base64 block
    return "".join(pieces), first, len(pieces) - 1


def _fast_rare_head(
    line: str, head: str, colon: str
) -> tuple[str, str, tuple[str | None, str, Params, int, int]] | None:
    """Head, value and :func:`_fast_head` of a line whose head is not cached, or ``None``.

    A head with a double quote ends at the colon after its quoted parameters (as
    :meth:`_Parser._head_and_value` reads it); ``None`` for an unterminated quote, a line
    without a colon, and a head the fast path does not read.
    """
    value = line[len(head) + 1 :]
    if '"' in head:
        end = _quoted_head_end(line)
        if end < 0:
            return None
        head, value = line[:end], line[end + 1 :]
    elif not colon:
        return None
    info = _fast_head(head)
    return None if info is None else (head, value, info)


def _fast_first_kind(first: str, head: str, kind: int) -> int:
    """The kind (see :func:`_kind_of`) of a folded line's first physical line ``first``.

    That kind, not the whole head's, decides how the general reader continues the line.
    It is the head's own ``kind`` when ``first`` holds the whole head and its colon.
    """
    if len(first) > len(head) and '"' not in head:
        return kind
    return _kind_of(first) if ";" in first else 0


def _fast_end(
    props: list[Property] | None,
    name: str,
    line: int,
    size: int,
    value: str,
    end_line: int,
    limits: Limits,
) -> Component | None:
    """The component an ``END`` line closes, or ``None`` when the general reader must see it.

    ``None`` for an ``END`` of no open component or of another name, and for a component
    past a limit (``size``: its properties' lengths) that the general reader reports.
    """
    if props is None or value.strip().upper() != name.upper():
        return None
    if size > limits.max_component_bytes or len(props) > limits.max_properties:
        return None
    return Component(name, tuple(props), (), line, end_line)


class _Frame:
    __slots__ = (
        "bytes",
        "children",
        "deep",
        "deep_line",
        "dropping",
        "line",
        "name",
        "properties",
    )

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.properties: list[Property] = []
        self.children: list[Component] = []
        self.bytes = 0
        self.dropping = False
        # On a top-level frame: how many subtrees nested too deep were skipped inside it,
        # and the BEGIN line of the second one (the first has an issue of its own).
        self.deep = 0
        self.deep_line = 0


class _Parser:
    """One pass over decoded text: unfold, split, build components."""

    def __init__(
        self,
        issues: IssueCollector,
        limits: Limits,
        implicit: str | None,
        dirty: bool,
        state: dict[str, bool] | None = None,
    ) -> None:
        self.issues = issues
        self.limits = limits
        self.max_bytes = limits.max_component_bytes
        self.max_properties = limits.max_properties
        self.implicit = implicit
        self.dirty = dirty  # text holds surrogate escapes for bytes that were not UTF-8
        # What was already said about the whole input (shared by the pieces of a stream).
        self.state: dict[str, bool] = state if state is not None else {}
        self.stack: list[_Frame] = []
        self.open: dict[str, int] = {}  # upper-case name -> frames of that name on the stack
        self.after_agent = False  # the last content line was an empty AGENT property
        self.out: list[Component] = []

    # -- issues -------------------------------------------------------------------------
    def _limit(self, message: str, line: int, prop: str | None) -> None:
        _limit_issue(self.issues, message, line, prop)

    def _not_utf8(self, line: int, prop: str | None) -> None:
        """Say once per input that it is not UTF-8, at the first line that is not."""
        if not self.state.get("dirty"):
            self.state["dirty"] = True
            self.issues.info(
                "input is not valid UTF-8; lines were decoded with their CHARSET or windows-1252",
                line=line,
                property=prop,
            )

    # -- unfolding ---------------------------------------------------------------------
    def run(self, text: str, line_offset: int = 0) -> int:
        """Parse ``text``; return the number of physical lines consumed.

        The common text (see :func:`_fast_components`) is read in bulk; everything else,
        and every text on which an issue would be said, by the general loop below.
        """
        if not self.dirty and not self.stack and not self.out:
            fast = _fast_components(text, line_offset, self.limits)
            if fast is not None:
                self.out, n = fast
                return n
        return self._run(text, line_offset)

    def _run(self, text: str, line_offset: int) -> int:
        """The general reader: every physical line decided by the continuation rules."""
        lines = _physical_lines(text)
        max_line = self.limits.max_line_chars
        cur: str | None = None  # the logical line being built
        tail = ""  # its last piece (cur itself until a continuation line comes)
        parts: list[str] | None = None  # continuation pieces, when there are any
        start = 0
        end = 0
        kind = 0  # 0 plain, 1 quoted-printable, 2 base64, 3 base64 closed by a blank line
        size = 0
        cur_struct = False  # whether cur is a BEGIN/END line (never continued)
        # Whether the line just ended was one (a blank line in between: no). A streamed
        # component after the first starts right after the END line that cut it off.
        after_struct = line_offset > 0
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            i += 1
            c = line[:1]
            if cur is not None:
                # The common cases of _continues inline (issue 18): a plain line after a
                # plain line (a new content line) and a folded piece. ``c not in " \t"``
                # is false for an empty line too ("" is in every string).
                if cur_struct:
                    how = _NOT
                elif kind == 0 and c not in " \t":
                    how = _NOT
                    if tail[-1:] == "\\" and _backslash_goes_on(
                        line, tail, lines[i] if i < n else ""
                    ):
                        how = _BACKSLASH  # rare: a test of the tail first, no call
                elif kind == 0 and line[1:2] not in _STRUCT_OR_BLANK:
                    how = _FOLD  # " x" or "\tx" where x starts no BEGIN/END and no blank
                else:
                    how = _continues_at(lines, i, tail, kind)
                if how != _NOT:
                    end = i + line_offset
                    if how in (_BLANK_IN_FOLD, _B64_END):
                        kind = self._blank_in(how, kind, end)
                        continue
                    if parts is None:
                        parts = [cur]
                    piece = line[1:] if how == _FOLD else self._piece(how, line, parts, end)
                    parts.append(piece)
                    tail = piece
                    size += len(line)
                    if size > max_line:
                        head, last = self._drop_line(parts, start)
                        i = self._skip_dropped(lines, i, line_offset, kind, head, last, start)
                        cur = parts = None
                    continue
                self._logical("".join(parts) if parts is not None else cur, start, end, kind)
                after_struct, cur = cur_struct, None
                parts = None
            if not line:
                after_struct = False
                continue
            if c.isspace():
                unindented = self._leading_space(line, i + line_offset, after_struct)
                if unindented is None:
                    after_struct = False
                    continue
                line = unindented
                c = line[:1]
            after_struct = False
            cur = tail = line
            cur_struct = c in _STRUCT_FIRST and _STRUCT_LINE.match(line) is not None
            start = end = i + line_offset
            size = len(line)
            kind = _kind_of(line) if ";" in line else 0  # no parameter: folding only
            if size > max_line:
                head, last = self._drop_line([line], start)
                i = self._skip_dropped(lines, i, line_offset, kind, head, last, start)
                cur = None
        if cur is not None:
            self._logical("".join(parts or (cur,)), start, end, kind)
        return n

    def _blank_in(self, how: int, kind: int, lineno: int) -> int:
        """A blank line inside a folded line (skipped) or closing a 2.1 base64 block: the kind."""
        if how == _BLANK_IN_FOLD:
            self.issues.warning("blank line inside a folded line, skipped", line=lineno)
            return kind
        return 3  # the blank line that ends a 2.1 base64 block

    def _leading_space(self, line: str, lineno: int, after_struct: bool) -> str | None:
        """A line starting with white space that continues nothing: the line to read, or None.

        ``None`` for a blank line and for an indented piece with nothing to continue
        (an issue); an indented BEGIN/END line is read without its indent.
        """
        if line.isspace():
            return None
        if line[0] == " " or line[0] == "\t":
            return self._indented(line, lineno, after_struct)
        return line

    def _skip_dropped(
        self,
        lines: list[str],
        i: int,
        line_offset: int,
        kind: int,
        head: str,
        last: str,
        start: int,
    ) -> int:
        """Skip the rest of a content line dropped for its length; the index of the next line.

        Its continuation lines (from ``lines[i]`` on) belong to it: one issue for the whole
        of it, none for a line of its own.
        """
        n = len(lines)
        end = i + line_offset
        while i < n:
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < n else ""
            if not self._dropped_goes_on(line, last, kind, nxt, i + 1 + line_offset, head):
                break
            last = line
            i += 1
            end = i + line_offset
        self._too_long(head, start, end)
        return i

    def _dropped_goes_on(
        self, line: str, last: str, kind: int, nxt: str, lineno: int, dropped: str
    ) -> bool:
        """Whether ``line`` belongs to the content line being dropped for its length."""
        if _continuation(line, last, kind, nxt) not in _DROPPED_GOES_ON:
            return False
        if self.dirty and _has_surrogates(line):
            self._not_utf8(lineno, _head_name(dropped))
        return True

    def _piece(self, how: int, line: str, parts: list[str], lineno: int) -> str:
        """What ``line`` adds to the logical line it continues (``how`` it continues it)."""
        if how == _QP_SOFT:
            # Quoted-printable soft break: drop the "=" and any blanks after it (a decoder
            # deletes trailing whitespace, RFC 2045 section 6.7 rule 3); the next line is
            # data, taken verbatim (rule 5).
            parts[-1] = parts[-1].rstrip(" \t")[:-1]
            return line
        if how == _FOLD:
            return line[1:]
        if how == _BACKSLASH:
            # 2.1 writers that continue a value with a backslash and a bare newline.
            self.issues.warning(
                "value continued with a backslash at the end of the line; "
                "read as an escaped newline",
                line=lineno,
            )
            return "n" + line
        return line  # another line of a 2.1 base64 block

    def _indented(self, line: str, lineno: int, after_struct: bool) -> str | None:
        """An indented line starting no fold: its own line next to a BEGIN/END, else None."""
        if not (after_struct or _INDENTED_STRUCT.match(line)):
            self._orphan(line, lineno)
            return None
        self.issues.warning(
            "indented line after or as a BEGIN/END line, read as a line of its own", line=lineno
        )
        return line.lstrip(" \t")

    def _orphan(self, line: str, lineno: int) -> None:
        if self.dirty and _has_surrogates(line):
            self._not_utf8(lineno, None)
        self.issues.warning(
            f"continuation line with nothing to continue, ignored: {line[:200]!r}",
            line=lineno,
        )

    def _drop_line(self, parts: list[str], start: int) -> tuple[str, str]:
        """Start dropping a content line that is too long: its head and last physical line."""
        head = parts[0][:40]
        if self.dirty and any(_has_surrogates(p) for p in parts):
            self._not_utf8(start, _head_name(head))
        return head, parts[-1]

    def _too_long(self, head: str, start: int, end: int) -> None:
        span = f"line {start}" if start == end else f"lines {start}-{end}"
        self._limit(
            f"content line longer than {self.limits.max_line_chars} characters dropped "
            f"({span}); raise Limits.max_line_chars to read it",
            start,
            _head_name(head),
        )

    # -- one logical line ------------------------------------------------------------
    def _logical(self, text: str, start: int, end: int, kind: int) -> None:
        after_agent, self.after_agent = self.after_agent, False
        head, colon, value = text.partition(":")
        if '"' in head:
            head, colon, value = self._head_and_value(text, start)
        if not colon:
            self._no_colon(text, start, end)
            return
        split = _HEADS.get(head) or _split_cached(head)
        if self.dirty and _has_surrogates(text):
            split, value = self._undirty(split, value, start, kind)
        group, name, params, name_ok = split
        if "\x00" in head:
            params = self._nul_free(params, start, name)
        if not name or name.isspace():
            self.issues.warning(
                f"content line without a property name, ignored: {text[:200]!r}", line=start
            )
            return
        if head[:1] == ".":
            self.issues.info("empty group before '.' ignored", line=start, property=name)
        self.after_agent = len(name) == 5 and name.upper() == "AGENT" and not value.strip()
        if group is None and name[:1] in "BbEe" and len(name.rstrip(" \t")) in (3, 5):
            upper = name.rstrip(" \t").upper()
            if upper == "BEGIN":
                self.after_agent = after_agent
                self._begin(value.strip(), start, len(text))
                self.after_agent = False
                return
            if upper == "END":
                self._end(value.strip(), start)
                return
        if kind or (end > start and params):
            value = self._decode_value(value, params, start, end, kind, name)
        if not name_ok:
            self.issues.info(
                "property name has characters outside A-Z, 0-9 and '-'; kept as written",
                line=start,
                property=name,
            )
        prop = new_property(group, name, params, value, start, end)
        # The common case of _add, inlined: a property inside an open, accepted component.
        stack = self.stack
        if stack:
            frame = stack[-1]
            top = stack[0]
            if (
                not frame.dropping
                and top.bytes + len(text) <= self.max_bytes
                and len(frame.properties) < self.max_properties
            ):
                top.bytes += len(text)
                frame.properties.append(prop)
                return
        self._add(prop, len(text), start)

    def _no_colon(self, text: str, start: int, end: int) -> None:
        if self.dirty and _has_surrogates(text):
            self._not_utf8(start, None)
            text = _unescape_surrogates(text, None)  # the text, decoded as the info says
        span = "" if start == end else f" (lines {start}-{end})"  # the issue names its line
        self.issues.warning(
            f"line without ':' is not a property, ignored{span}: '{visible(text[:200])}'",
            line=start,
        )

    def _nul_free(self, params: Params, start: int, name: str) -> Params:
        """``params`` with each NUL in a value replaced by U+FFFD (with a ``WARNING``).

        No content line can carry a NUL in a parameter value, and the model refuses it.
        """
        if not any("\x00" in v for _, vs in params for v in vs):
            return params
        self.issues.warning(
            "NUL in a parameter value replaced by U+FFFD", line=start, property=name
        )
        return tuple((p, tuple(v.replace("\x00", "\ufffd") for v in vs)) for p, vs in params)

    def _head_and_value(self, text: str, start: int) -> tuple[str, str, str]:
        """Head, ``":"`` (or ``""`` when there is none) and value; quoted ``:`` stay in the head."""
        head, colon, value = text.partition(":")
        if '"' in head:
            end = _quoted_head_end(text)
            if end >= 0:
                return text[:end], colon, text[end + 1 :]
            self.issues.warning(
                "unterminated double quote in the parameters; the first ':' ends them",
                line=start,
                property=head.partition(";")[0],
            )
        return head, colon, value

    def _undirty(
        self, split: tuple[str | None, str, Params, bool], value: str, start: int, kind: int
    ) -> tuple[tuple[str | None, str, Params, bool], str]:
        """Decode bytes smuggled as surrogate escapes in a line that was not UTF-8."""
        group, name, params, name_ok = split
        charset = _charset_of(params)
        if _has_surrogates(name) or (group and _has_surrogates(group)):
            name = _unescape_surrogates(name, None)
            group = _unescape_surrogates(group, None) if group else group
            name_ok = _NAME_OK.match(name) is not None
        if charset is None and not self.state.get("dirty"):
            # A line that declares its CHARSET is not "not UTF-8": it says what it is.
            self._not_utf8(start, name.strip() or None)
        # Only a parameter with bytes to decode is rebuilt: the others (a run of thousands
        # of empty ones) stay the shared pairs _parse_params made.
        params = tuple(
            (
                _unescape_surrogates(pair[0], None) if _has_surrogates(pair[0]) else pair[0],
                tuple(_unescape_surrogates(v, None) if _has_surrogates(v) else v for v in pair[1]),
            )
            if _has_surrogates(pair[0]) or any(_has_surrogates(v) for v in pair[1])
            else pair
            for pair in params
        )
        if kind != 1 and _has_surrogates(value):
            value = _unescape_surrogates(value, charset)
        return (group, name, params, name_ok), value

    def _decode_value(
        self, value: str, params: Params, start: int, end: int, kind: int, name: str
    ) -> str:
        """The value with its transfer encoding undone (``kind`` from the first line)."""
        if kind == 1:
            return self._decode_qp(value, params, start, name)
        if kind >= 2:
            return "".join(value.split())
        # An encoding in a head folded over lines, which the first line did not show.
        enc = _encoding_of(params)
        if enc == "quoted-printable":
            return self._decode_qp(value, params, start, name)
        if enc == "base64":
            return "".join(value.split())
        return value

    def _decode_qp(self, value: str, params: Params, line: int, name: str) -> str:
        raw = value.encode("utf-8", "surrogateescape")
        try:
            data = binascii.a2b_qp(raw)
        except (binascii.Error, ValueError):  # pragma: no cover - a2b_qp is lenient
            self.issues.warning("quoted-printable value could not be decoded", line=line)
            return value
        text, used = _decode_bytes(data, _charset_of(params))
        if used not in ("utf-8", "ascii"):
            declared = _charset_of(params)
            if declared is None or not _same_charset(declared, used):
                self.issues.info(
                    f"quoted-printable bytes are not UTF-8; read as {used}",
                    line=line,
                    property=name,
                )
        return text

    # -- structure ---------------------------------------------------------------------
    def _add(self, prop: Property, size: int, line: int) -> None:
        if not self.stack:
            if self.implicit is None:
                self.issues.warning(
                    "property outside any BEGIN/END component, ignored",
                    line=line,
                    property=prop.name,
                )
                return
            self.issues.warning(
                f"property before BEGIN:{self.implicit}; read as the start of a "
                f"{self.implicit} component",
                line=line,
                property=prop.name,
            )
            self._push(_Frame(self.implicit, line))
        frame = self.stack[-1]
        if frame.dropping:
            return
        top = self.stack[0]
        top.bytes += size
        if top.bytes > self.limits.max_component_bytes:
            self._drop(top, line, prop.name, f"bigger than {self.limits.max_component_bytes} bytes")
            return
        if len(frame.properties) >= self.limits.max_properties:
            self._drop(frame, line, prop.name, f"more than {self.limits.max_properties} properties")
            return
        frame.properties.append(prop)

    def _drop(self, frame: _Frame, line: int, name: str, why: str) -> None:
        frame.dropping = True
        self._limit(
            f"component {frame.name} (line {frame.line}) is {why}; the rest of it, up to its "
            "END line, is skipped",
            line,
            name,
        )

    def _begin(self, name: str, line: int, size: int) -> None:
        if not name:
            self.issues.warning("BEGIN without a component name, ignored", line=line)
            return
        self._close_unended(name, line)
        depth = len(self.stack)
        if depth >= self.limits.max_depth:
            # One issue per top-level component: the first subtree nested too deep is
            # reported; what is nested inside it goes silently with it, and further such
            # subtrees are counted into one summary when the component closes.
            frame = _Frame(name, line)
            top = self.stack[0] if self.stack else frame
            if depth == self.limits.max_depth:
                top.deep += 1
                if top.deep == 1:
                    self._limit(
                        f"components nested deeper than {self.limits.max_depth}; "
                        f"BEGIN:{name} and its content are skipped",
                        line,
                        "BEGIN",
                    )
                elif top.deep == 2:
                    top.deep_line = line
            frame.dropping = True
            self._push(frame)
            return
        frame = _Frame(name, line)
        if self.stack:
            frame.dropping = self.stack[-1].dropping
        self._push(frame)

    def _close_unended(self, name: str, line: int) -> None:
        """A ``BEGIN:X`` while an ``X`` is open starts the next ``X``: the open one had no END.

        Except right after an empty 2.1 ``AGENT`` property, whose value is the card that
        follows. The streaming reader cuts components by the same rule
        (:func:`_agent_before`), so both readers agree.
        """
        key = name.upper()
        if not self.open.get(key):
            return
        stack = self.stack
        depth = len(stack) - 1
        while stack[depth].name.upper() != key:
            depth -= 1
        if self.after_agent:
            return
        while len(stack) > depth:
            inner = stack[-1]
            if len(stack) <= self.limits.max_depth:  # else skipped as nested too deep
                self.issues.error(
                    f"BEGIN:{inner.name} (line {inner.line}) has no END; closed at line "
                    f"{line}, where BEGIN:{name} starts the next one",
                    line=inner.line,
                    property="BEGIN",
                )
            self._close(None)

    def _end(self, name: str, line: int) -> None:
        key = name.upper()
        if not self.open.get(key):
            self.issues.warning(
                f"END:{name} without a matching BEGIN, ignored", line=line, property="END"
            )
            return
        depth = len(self.stack) - 1
        while self.stack[depth].name.upper() != key:
            depth -= 1
        while len(self.stack) > depth + 1:
            inner = self.stack[-1]
            if len(self.stack) <= self.limits.max_depth:  # else skipped as nested too deep
                self.issues.error(
                    f"BEGIN:{inner.name} (line {inner.line}) has no END; closed at line {line}",
                    line=inner.line,
                    property="BEGIN",
                )
            self._close(line)
        self._close(line)

    def _push(self, frame: _Frame) -> None:
        self.stack.append(frame)
        key = frame.name.upper()
        self.open[key] = self.open.get(key, 0) + 1

    def _close(self, end_line: int | None) -> None:
        frame = self.stack.pop()
        self.open[frame.name.upper()] -= 1
        if frame.deep > 1:
            self.issues.error(
                f"{frame.deep - 1} more components nested deeper than {self.limits.max_depth} "
                f"in BEGIN:{frame.name} (line {frame.line}) were skipped with their content, "
                f"the first at line {frame.deep_line}",
                line=frame.deep_line,
                property="BEGIN",
            )
        comp = Component(
            frame.name, tuple(frame.properties), tuple(frame.children), frame.line, end_line
        )
        if self.stack:
            parent = self.stack[-1]
            if not parent.dropping:
                parent.children.append(comp)
        else:
            self.out.append(comp)

    def finish(self, last_line: int, next_begin: str | None = None) -> list[Component]:
        if next_begin is not None:  # the stream cut here, at the BEGIN of the next one
            self._close_unended(next_begin, last_line + 1)
        while self.stack:
            frame = self.stack[-1]
            if len(self.stack) <= self.limits.max_depth:  # else skipped as nested too deep
                self.issues.error(
                    f"BEGIN:{frame.name} (line {frame.line}) has no END before the end of "
                    "the input",
                    line=frame.line,
                    property="BEGIN",
                )
            self._close(None)
        return self.out


def _wide_tail(data: bytes) -> int:
    """Where a wide-encoded file appended to an 8-bit one starts, or -1 when none is.

    ``cat phone.vcf mac.vcf > all.vcf`` (Mac OS X writes UTF-16): the line holding the
    first zero byte starts the second file when the shared rule
    (:func:`~netcore.formats._encoding.wide_codec`) recognises UTF-16 or UTF-32 there and
    it reads ``BEGIN:``; the streaming reader decides each component so.
    """
    nul = data.find(b"\x00")
    if nul < 0:
        return -1
    start = max(data.rfind(b"\n", 0, nul), data.rfind(b"\r", 0, nul)) + 1
    return start if start and _wide_begin(data, start) is not None else -1


# The line break that ends a line in each wide encoding, before an 8-bit ``BEGIN:`` line
# (a UTF-8 BOM allowed): where a UTF-8 file appended to a wide one starts.
_NARROW_AFTER = {
    codec: re.compile(re.escape(nl) + rb"(?=(?:\xef\xbb\xbf)?BEGIN:)", re.I)
    for codec, nl in (
        ("utf-16-le", b"\n\x00"),
        ("utf-16-be", b"\x00\n"),
        ("utf-32-le", b"\n\x00\x00\x00"),
        ("utf-32-be", b"\x00\x00\x00\n"),
    )
}
_NARROW_LOOKAHEAD = 16  # bytes a match needs past where a chunk may be cut


def _narrow_tail(data: bytes, codec: str, base: int = 0) -> int:
    """Where an 8-bit file appended to a wide-encoded one starts in ``data``, or -1.

    ``cat win.vcf phone.vcf`` (Windows writes UTF-16LE, a phone UTF-8): after a line
    break of the wide encoding, on a code unit boundary (``base`` is the number of bytes
    of the wide text before ``data``), a line reading ``BEGIN:`` in ASCII bytes starts
    the next file; in UTF-16 or UTF-32 those bytes would be unlikely CJK characters.
    """
    unit = 4 if codec.startswith("utf-32") else 2
    for m in _NARROW_AFTER[codec].finditer(data):
        if (base + m.end()) % unit == 0:
            return m.end()
    return -1


def _wide_begin(data: bytes, start: int) -> str | None:
    """The wide codec of a file appended at ``start`` (not the input's start), else None.

    Past the start of the input a zero byte alone decides nothing (a stray ``X`` and zero byte line
    between two UTF-8 cards is no UTF-16 file): the shared rule must recognise UTF-16 or
    UTF-32 there and the text must read ``BEGIN:``. Both readers apply this rule, the
    whole-input one at the first zero byte, the streaming one to each component.
    """
    codec = wide_codec(data[start : start + 4])
    if codec is None:
        return None
    head = data[start : start + 64].decode(codec, "replace").lstrip("\ufeff")
    return codec if head[:6].upper() == "BEGIN:" else None


def _utf8_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks as they are, or transcoded to UTF-8 when the stream is UTF-16 or UTF-32.

    Decides on the first bytes by the shared rule, exactly as :func:`_to_text` does on a
    whole input, so that streaming and whole-input readers see the same text.
    """
    it = iter(chunks)
    head = b""
    for chunk in it:
        head += chunk
        if len(head) >= 8:
            break
    codec = wide_codec(head)
    if codec is None:
        if head:
            yield head
        yield from it
        return
    decoder = codecs.getincrementaldecoder(codec)("replace")
    first = True
    pending = b""  # the last bytes, held back until the next chunk shows what follows
    done = 0  # bytes of wide text decoded so far (code unit alignment)
    for chunk in itertools.chain((head,), it):
        data = pending + chunk
        cut = _narrow_tail(data, codec, done)
        keep = len(data) if cut >= 0 else max(0, len(data) - _NARROW_LOOKAHEAD)
        wide, pending = data[: cut if cut >= 0 else keep], data[keep:]
        done += len(wide)
        text = decoder.decode(wide, final=cut >= 0)
        if first and text:
            text, first = text.removeprefix("\ufeff"), False
        if text:
            yield text.encode("utf-8")
        if cut >= 0:  # an 8-bit file follows: its bytes go on as they are
            yield data[cut:]
            yield from it
            return
    tail = decoder.decode(pending, final=True)
    if first:
        tail = tail.removeprefix("\ufeff")
    if tail:
        yield tail.encode("utf-8")


def _to_text(data: str | bytes, issues: IssueCollector, at_start: bool = True) -> tuple[str, bool]:
    """Decoded text and whether it carries surrogate escapes for non-UTF-8 bytes.

    ``at_start`` tells whether ``data`` starts the input (a component cut out of a stream
    further on does not: its wide encoding is decided by :func:`_wide_begin`).
    """
    if isinstance(data, str):
        if _has_surrogates(data):
            issues.warning("text holds lone surrogates; they are read as raw bytes")
            data = data.encode("utf-8", "surrogatepass")
        else:
            return (data[1:] if data.startswith("\ufeff") else data), False
    codec = wide_codec(data) if at_start else _wide_begin(data, 0)
    if codec is not None:
        cut = _narrow_tail(data, codec)
        wide = data[:cut] if cut >= 0 else data
        text = wide.decode(codec, "replace").removeprefix("\ufeff")
        if cut < 0:
            return text, False
        rest, dirty = _to_text(data[cut:], issues, at_start=False)
        return text + rest, dirty
    tail = _wide_tail(data)
    if tail > 0:
        text, dirty = _to_text(data[:tail], issues)
        return text + _to_text(data[tail:], issues)[0], dirty
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), True


def parse(
    data: str | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
    implicit: str | None = None,
) -> Parsed[Component]:
    r"""Read every component in ``data``, keeping every property as written.

    Args:
        data: vCard or iCalendar text, or its raw bytes (any charset; see the module doc).
        strict: Raise :class:`~netcore.errors.ParseError` at the first error (a missing
            ``END``, a limit) instead of recording an issue.
        source: Name of the input for issues.
        limits: Bounds on line length, component size, property count and nesting.
        implicit: Component name to open when properties appear before any ``BEGIN``
            (``"VCARD"`` for vCard files that lost their first line); ``None`` ignores them
            with an issue.

    Returns:
        The top-level components, with ``.issues``.

    Raises:
        ParseError: Only in strict mode; no other exception escapes, whatever the input.

    Examples:
        >>> parsed = parse("BEGIN:VCARD\nTEL;CELL;PREF:123\n")
        >>> parsed[0].properties[0].params, [i.message[:16] for i in parsed.issues]
        ((('CELL', ()), ('PREF', ())), ['BEGIN:VCARD (lin'])
    """
    collector = IssueCollector(source, strict=strict, capped=True)
    try:
        comps, _ = _parse_into(data, collector, limits or DEFAULT_LIMITS, implicit, 0)
        collector.issues.extend(collector.summary())
    except ParseError:
        raise
    except Exception as exc:  # pragma: no cover - a bug; never let it escape as non-ParseError
        raise ParseError(
            f"internal error while parsing: {exc!r}", source=source, issues=collector.issues
        ) from exc
    return Parsed(comps, collector.issues)


def _parse_into(
    data: str | bytes,
    collector: IssueCollector,
    limits: Limits,
    implicit: str | None,
    line_offset: int,
    state: dict[str, bool] | None = None,
    next_begin: str | None = None,
) -> tuple[list[Component], int]:
    text, dirty = _to_text(data, collector, line_offset == 0)
    # That the input is not UTF-8 is said once per input, at its first such line (``state``
    # carries that across the pieces of a stream), so that streaming and whole-input reads
    # report the same issues.
    parser = _Parser(collector, limits, implicit, dirty, state)
    n = parser.run(text, line_offset)
    return parser.finish(line_offset + n, next_begin), n


# A BEGIN or END line: group 1 is the keyword, group 2 the line ending (its end is the
# end of the line). The line break before the keyword comes first so that the regex
# engine can skip ahead to candidate positions; the ending is a lookahead so that it stays
# available as the line break before the next match. At the start of the buffer, where
# no line break precedes, _BOUNDARY_AT_START applies.


def _same_charset(declared: str, used: str) -> bool:
    """Whether a declared CHARSET names the codec a value was decoded with (any alias)."""
    try:
        return codecs.lookup(declared).name == codecs.lookup(used).name
    except LookupError:
        return declared.lower().replace("_", "-") == used.lower().replace("_", "-")
