"""Fidelity levels L0-L3 on every vCard file of the real-world corpus (one test per file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netcore.formats import contentline, vcard
from netcore.formats.contentline import Component

pytestmark = pytest.mark.corpus

# Files on which L2 (the content-line layer writes back the same properties, groups,
# parameters, values and order) is expected to fail, with the reason. The test fails if
# one of them starts passing (update the list) or if an unlisted file fails.
L2_EXPECTED_FAILURES: dict[str, str] = {}

_EOL = re.compile(rb"\r\r\n|\r\n|\n|\r")
_SPAN = re.compile(r"\(lines? (\d+)(?:-(\d+))?\)")


def _physical_lines(data: bytes) -> list[bytes]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = _EOL.split(data)
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def _covered(comps: list[Component], into: set[int]) -> None:
    for comp in comps:
        for n in (comp.line, comp.end_line):
            if n is not None:
                into.add(n)
        for prop in comp.properties:
            assert prop.line is not None
            assert prop.end_line is not None
            into.update(range(prop.line, prop.end_line + 1))
        _covered(list(comp.children), into)


def _flat(comps: list[Component]) -> list[object]:
    out: list[object] = []
    for comp in comps:
        out.append(("BEGIN", comp.name))
        out.extend(comp.properties)
        out.extend(_flat(list(comp.children)))
        out.append(("END", comp.name))
    return out


def _version_of(comp: Component) -> str:
    prop = comp.first("VERSION")
    version = prop.value.strip() if prop is not None else "2.1"
    return version if version in vcard.VERSIONS else "2.1"


def _is_canonical(data: bytes) -> bool:
    """Already in the form netcore writes: UTF-8, CRLF, greedy 75-octet folds, nothing odd."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if data.startswith(b"\xef\xbb\xbf") or not data.endswith(b"\r\n"):
        return False
    lines = data[:-2].split(b"\r\n")
    for i, line in enumerate(lines):
        if b"\r" in line or b"\n" in line or not line.strip() or line.startswith(b"\t"):
            return False
        if len(line) > 75:
            return False
        if line.startswith(b" ") and line.startswith(b"  "):
            return False
        nxt = lines[i + 1] if i + 1 < len(lines) else b""
        if nxt.startswith(b" "):
            # A fold must be greedy: the next character would not have fitted.
            first = nxt[1:2]
            width = 1
            if first and first[0] >= 0xC0:
                width = 2 if first[0] < 0xE0 else 3 if first[0] < 0xF0 else 4
            if len(line) + width <= 75:
                return False
        upper = line.upper()
        if b'"' in line.partition(b":")[0] or b"QUOTED-PRINTABLE" in upper or b"BASE64" in upper:
            return False
    return True


def test_corpus_file(vcard_corpus_file: Path) -> None:
    path = vcard_corpus_file
    if path.suffix.lower() == ".json":
        pytest.skip("jCard file: read by the jCard codec, not by vcard")
    rel = path.as_posix().split("/vcard/", 1)[-1]
    data = path.read_bytes()

    # L0: no exception, every line in a property, a BEGIN/END line, an issue or blank.
    parsed = contentline.parse(data, source=rel, implicit="VCARD")
    contacts = vcard.loads(data, source=rel)
    covered: set[int] = set()
    _covered(list(parsed), covered)
    for issue in parsed.issues:
        if issue.line is not None:
            covered.add(issue.line)
        m = _SPAN.search(issue.message)
        if m is not None:
            covered.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
    lines = _physical_lines(data)
    lost = [n for n, text in enumerate(lines, 1) if text.strip() and n not in covered]
    assert not lost, f"lines neither read nor reported: {lost[:10]}"
    assert len(contacts) == sum(1 for c in parsed if c.name.upper() == "VCARD")

    # L1: contacts survive a write at the input's version; every property name is written.
    version = _version_of(parsed[0]) if parsed else "4.0"
    written = vcard.dumps(contacts, version=version)
    again = vcard.loads(written, source=rel)
    assert list(again) == list(contacts)
    names_in = {p.name.upper() for c in parsed for p in c.properties}
    names_out = {p.name.upper() for c in contentline.parse(written) for p in c.properties}
    assert names_in <= names_out, f"property names not written: {sorted(names_in - names_out)}"

    # L2: the content-line layer writes back the same properties, in the same order.
    text = contentline.serialize(parsed)
    reparsed = contentline.parse(text, implicit="VCARD")
    l2 = _flat(list(reparsed)) == _flat(list(parsed))
    if rel in L2_EXPECTED_FAILURES:
        assert not l2, f"now passes L2; remove it from L2_EXPECTED_FAILURES: {rel}"
    else:
        assert l2, f"L2 failed on {rel}"

    # L3: byte-identical where the input was already canonical.
    if _is_canonical(data) and not parsed.issues:
        assert text.encode("utf-8") == data
