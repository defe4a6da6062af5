"""Reading a stream of byte chunks one top-level component at a time (private)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from netcore.errors import ParseError
from netcore.formats.contentline._reading import (
    STRUCT_AFTER_INDENT,
    _limit_issue,
    _parse_into,
    _utf8_chunks,
)
from netcore.formats.contentline._records import DEFAULT_LIMITS, Component, Limits
from netcore.formats.issues import Issue, IssueCollector

__all__: list[str] = []

# An indented BEGIN/END line counts when it is nothing but the keyword and a name: the
# parser's rule (STRUCT_AFTER_INDENT), so both readers cut cards at the same lines.
_INDENT = rb"(?:[ \t]+(?=" + STRUCT_AFTER_INDENT.encode() + rb"[\r\n]))?"
_BOUNDARY = re.compile(
    rb"[\r\n]" + _INDENT + rb"\.?(BEGIN|END)[ \t]*:[^\r\n]*(?=(\r\r\n|\r\n|\n|\r))", re.I
)
_BOUNDARY_AT_START = re.compile(
    _INDENT + rb"\.?(BEGIN|END)[ \t]*:[^\r\n]*(?=(\r\r\n|\r\n|\n|\r))", re.I
)


def _lf_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks with every line ending (CRLF, CR CR LF, lone CR) made a plain LF.

    :func:`parse` normalises line endings over the whole input before it splits lines;
    doing the same here, before components are cut out of the stream, keeps the two
    readers equal whatever the endings and wherever the chunks split. Trailing CRs are
    held back until the next chunk shows whether they start a CRLF or CR CR LF.
    """
    carry = b""
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        body = data.rstrip(b"\r")
        carry = data[len(body) :]
        if body:
            if b"\r" in body:
                body = body.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            yield body
    if carry:
        yield carry.replace(b"\r", b"\n")


def _boundaries(buf: bytes | bytearray, pos: int) -> Iterator[re.Match[bytes]]:
    """The BEGIN/END lines of ``buf`` that start at or after ``pos``, a line start."""
    if pos == 0:
        first = _BOUNDARY_AT_START.match(buf)
        if first is not None:
            yield first
            pos = first.end()
        yield from _BOUNDARY.finditer(buf, pos)
    else:
        yield from _BOUNDARY.finditer(buf, pos - 1)  # from the line break that ends the line before


def iter_components(
    chunks: Iterable[bytes],
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
    implicit: str | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[Component]:
    r"""Read top-level components from a stream of byte chunks, one component at a time.

    Memory stays bounded by the largest component (at most ``limits.max_component_bytes``)
    plus one chunk, whatever the size of the input. Issues are appended to ``issues``
    when a list is given, with line numbers counted over the whole stream.

    Args:
        chunks: The input, e.g. ``netcore._files.iter_chunks(path)``.
        strict: As for :func:`parse`.
        source: Name of the input for issues.
        limits: As for :func:`parse`.
        implicit: As for :func:`parse`.
        issues: A list that receives every issue found.

    Yields:
        Each top-level component once its ``END`` line has been read.

    Raises:
        ParseError: Only in strict mode.

    Examples:
        >>> data = [b"BEGIN:VCARD\nFN:A\nEND:VC", b"ARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"]
        >>> [c.properties[0].value for c in iter_components(data)]
        ['A', 'B']
    """
    lim = limits or DEFAULT_LIMITS
    collector = IssueCollector(source, strict=strict, capped=True)
    sink = issues if issues is not None else []
    # A bytearray: appending a chunk is amortised O(chunk), where ``bytes += chunk`` copied
    # the whole buffer, quadratic in the size of one large component.
    buf = bytearray()
    line_offset = 0
    open_names = _OpenNames()  # the components open at ``scan``, outermost first
    next_begin: str | None = None  # the BEGIN name that cut the last segment, if one did
    scan = 0  # where to resume looking for BEGIN/END lines
    start = 0  # where the first component not yet yielded starts in buf
    state: dict[str, bool] = {}  # what was already said about the whole input
    skipping = False
    try:
        for chunk in _lf_chunks(_utf8_chunks(chunks)):
            buf += chunk
            # A BEGIN/END line is complete only with its line break: a chunk without one
            # adds no boundary, and scanning the long line again would be quadratic.
            while b"\n" in chunk or b"\r" in chunk:
                cut = -1
                for m in _boundaries(buf, scan):
                    line_end = m.end(2)
                    if line_end == len(buf) and m.group(2) == b"\r":
                        break  # a CR at the end of the buffer may be the start of CRLF
                    scan = line_end
                    cut = _track(open_names, m, buf)
                    if cut >= 0:
                        if cut < scan:  # cut before a BEGIN that closes an unended component
                            begin = bytes(m.group(0).partition(b":")[2].strip())
                            next_begin = begin.decode("utf-8", "replace")
                        break
                else:
                    # No complete component in the buffer: keep the scan position at the
                    # start of the last (possibly partial) line.
                    nl = max(buf.rfind(b"\n"), buf.rfind(b"\r"))
                    scan = max(scan, nl + 1 if nl >= 0 else 0)
                if cut < 0:
                    break
                # Slice out just this component; the buffer is compacted once per chunk
                # below (cutting it here would copy the rest of it for every component).
                segment = bytes(buf[start:cut])
                start = cut
                if skipping:
                    line_offset += _count_lines(segment)
                    skipping = False
                    next_begin = None
                    continue
                comps, n = _parse_into(
                    segment, collector, lim, implicit, line_offset, state, next_begin
                )
                next_begin = None
                line_offset += n
                sink.extend(collector.issues)
                collector.issues.clear()
                yield from comps
            if start:
                del buf[:start]
                scan -= start
                start = 0
            if len(buf) > lim.max_component_bytes + len(chunk):
                # A component that never ends (or is far too big): skip it, bounded memory.
                _limit_issue(
                    collector,
                    f"component starting near line {line_offset + 1} is bigger than "
                    f"{lim.max_component_bytes} bytes; skipped up to its END line",
                    line_offset + 1,
                    "BEGIN",
                )
                sink.extend(collector.issues)
                collector.issues.clear()
                line_offset += _count_lines(bytes(buf[:scan]))
                del buf[:scan]
                scan = 0
                skipping = bool(open_names)
        if buf:
            if skipping:
                line_offset += _count_lines(bytes(buf))
            else:
                comps, n = _parse_into(bytes(buf), collector, lim, implicit, line_offset, state)
                sink.extend(collector.issues)
                collector.issues.clear()
                yield from comps
        sink.extend(collector.summary())
    except ParseError:
        sink.extend(collector.issues)
        raise


_AGENT_LINE = re.compile(rb"(?:[^:;\n]*\.)?AGENT(?:;[^:\n]*)?:[ \t]*\Z", re.IGNORECASE)


def _agent_before(buf: bytes | bytearray, line_start: int) -> bool:
    """Whether the line before ``line_start`` is an empty 2.1 ``AGENT`` property."""
    if line_start < 2:
        return False
    prev = buf.rfind(b"\n", 0, line_start - 1)
    return _AGENT_LINE.match(buf, prev + 1, line_start - 1) is not None


class _OpenNames:
    """The names of the open components, with a count per name: membership in O(1)."""

    __slots__ = ("count", "names")

    def __init__(self) -> None:
        self.names: list[bytes] = []
        self.count: dict[bytes, int] = {}

    def __bool__(self) -> bool:
        return bool(self.names)

    def push(self, name: bytes) -> None:
        self.names.append(name)
        self.count[name] = self.count.get(name, 0) + 1

    def close(self, name: bytes) -> bool:
        """Close the innermost ``name`` and all inside it; whether it was open at all."""
        if not self.count.get(name):
            return False
        names, count = self.names, self.count
        while True:  # amortised O(1): each name is popped once
            top = names.pop()
            count[top] -= 1
            if top == name:
                return True


def _track(open_names: _OpenNames, m: re.Match[bytes], buf: bytes | bytearray) -> int:
    """Follow one BEGIN/END line; return where a top-level component ends there, else -1.

    The same rules as the parser's: an END closes the innermost open component of its
    name (an END matching none is ignored); a BEGIN of a component already open (not
    after an empty ``AGENT``) closes it first, so that an unended card is cut at the
    BEGIN of the next one.
    """
    line = m.group(0)
    line_start = m.start() + (1 if line[:1] in (b"\n", b"\r") else 0)
    name = bytes(line.partition(b":")[2].strip().upper())
    if m.group(1).upper() == b"BEGIN":
        if not name:
            return -1
        if open_names.count.get(name) and not _agent_before(buf, line_start):
            open_names.close(name)
            if not open_names:
                open_names.push(name)
                return line_start
        open_names.push(name)
        return -1
    if not open_names.close(name):
        return -1
    return m.end(2) if not open_names else -1


def _count_lines(segment: bytes) -> int:
    if b"\r" in segment:
        segment = segment.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    n = segment.count(b"\n")
    return n + (0 if segment.endswith(b"\n") or not segment else 1)
