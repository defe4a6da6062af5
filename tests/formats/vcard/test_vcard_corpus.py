"""Fidelity levels L0-L3 on every vCard file of the real-world corpus (one test per file)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from netcore.formats import contentline, vcard
from netcore.formats.contentline import Component
from netcore.formats.issues import Issue
from netcore.model import Contact

pytestmark = pytest.mark.corpus

# Files on which L2 (the content-line layer writes back the same properties, groups,
# parameters, values and order) is expected to fail, with the reason. The test fails if
# one of them starts passing (update the list) or if an unlisted file fails.
L2_EXPECTED_FAILURES: dict[str, str] = {}

_EOL = re.compile(rb"\r\r\n|\r\n|\n|\r")
_SPAN = re.compile(r"\(lines? (\d+)(?:-(\d+))?\)")


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 files (Apple's without a BOM, Windows' with one) as UTF-8, else as they are."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16").encode("utf-8")
    if data[:1] == b"\x00" and data[2:3] == b"\x00":
        return data.decode("utf-16-be").encode("utf-8")
    if data[1:2] == b"\x00" and data[3:4] == b"\x00":
        return data.decode("utf-16-le").encode("utf-8")
    return data


def _physical_lines(data: bytes) -> list[bytes]:
    data = _as_utf8(data)
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


def test_corpus_file(vcard_text_corpus_file: Path) -> None:
    path = vcard_text_corpus_file
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
    # a 3.0 input may hold quoted-printable too: read in the one model form (docs/formats.md)
    assert list(again) == list(contacts)
    names_in = {p.name.upper() for c in parsed for p in c.properties}
    # a name no content line carries is written as X-NETCORE-BAD-NAME;X-ORIGINAL-NAME=<name>
    names_out = {
        (p.param("X-ORIGINAL-NAME") or (p.name,))[0].upper()
        if p.name == "X-NETCORE-BAD-NAME"
        else p.name.upper()
        for c in contentline.parse(written)
        for p in c.properties
    }
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


def _shape(value: object) -> object:
    """A record with its set fields, recursively: what ``==`` on models does not compare."""
    if isinstance(value, tuple):
        return tuple(_shape(v) for v in value)
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        return value
    return (
        type(value).__name__,
        frozenset(value.model_fields_set),  # type: ignore[attr-defined]
        {k: _shape(getattr(value, k)) for k in fields},
    )


def test_corpus_file_fast_path_matches_the_reference(vcard_text_corpus_file: Path) -> None:
    # vcard maps a card with plain dicts validated once (lazy), falling back to building
    # each record as its property is read (eager) when validation fails: the two must
    # give the same contact, set fields and issues on every card.
    from netcore.formats.issues import IssueCollector

    for comp in contentline.parse(vcard_text_corpus_file.read_bytes(), implicit="VCARD"):
        if comp.name.upper() != "VCARD":
            continue
        fast, slow = IssueCollector("f"), IssueCollector("f")
        try:
            a = vcard.contact_from_component(comp, issues=fast, source="f")
        except ValueError as exc:  # the card cannot be read at all: the same on both paths
            with pytest.raises(type(exc)):
                vcard._builder._Builder(comp, slow, "f", eager=True).build()
            continue
        b = vcard._builder._Builder(comp, slow, "f", eager=True).build()
        assert a == b
        assert _shape(a) == _shape(b)
        assert fast.issues == slow.issues


def test_corpus_file_reads_the_same_streamed_and_whole(vcard_text_corpus_file: Path) -> None:
    # The CLI and imports stream (iter_load over iter_components); scripts often use loads.
    # Both must see the same components, contacts and issues, whatever the line endings
    # (CR CR LF, lone CR) and wherever the chunks split.
    data = vcard_text_corpus_file.read_bytes()
    whole = contentline.parse(data, implicit="VCARD")
    for size in (997, 64 * 1024):
        issues: list[Issue] = []
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        streamed = list(contentline.iter_components(chunks, implicit="VCARD", issues=issues))
        assert streamed == list(whole)
        assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in whole.issues]
    assert list(vcard.iter_load(io.BytesIO(data))) == list(vcard.loads(data))


def test_corpus_file_round_trips_at_every_version(vcard_text_corpus_file: Path) -> None:
    # DESIGN.md's L1 without a version: loads(dumps(loads(x))) == loads(x), for each
    # version a user may convert to.
    contacts = vcard.loads(vcard_text_corpus_file.read_bytes())
    for version in ("2.1", "3.0", "4.0"):
        again = vcard.loads(vcard.dumps(contacts, version=version))
        # One model form for an extension, however it was carried (docs/formats.md): a
        # quoted-printable one reads the same from every version, so nothing is adjusted.
        expected = list(contacts)
        if version == "4.0":
            expected = [_apple_dates_in_40(c) for c in expected]
        assert list(again) == expected, f"differs after a round trip at {version}"


def _apple_dates_in_40(c: Contact) -> Contact:
    """What 4.0 makes of a year-less date written in Apple's 1604 form (docs/formats.md):
    4.0's own --MMDD, so its form keeps no text (nor the VALUE and X-APPLE-OMIT-YEAR that
    described it)."""
    forms = []
    for f in c.forms:
        if f.text is not None and f.text.startswith("1604") and f.name in ("BDAY", "ANNIVERSARY"):
            params = tuple(
                p for p in f.params if p[0].upper() not in ("VALUE", "X-APPLE-OMIT-YEAR")
            )
            if f.group is None and not params:
                continue
            f = f.model_copy(update={"text": None, "params": params})
        forms.append(f)
    return c.model_copy(update={"forms": tuple(forms)})
