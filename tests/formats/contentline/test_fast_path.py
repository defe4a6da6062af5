"""The content-line reader's fast path reads exactly what the general reader reads.

``_fast_components`` (issue 18) reads common text in bulk and gives up on anything else;
the general loop of ``_Parser`` is the reference. Every comparison here reads the same
input twice, once as ``parse`` does and once with the fast path switched off, and
compares the components, every line number (which equality leaves out) and every issue.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError
from netcore.formats.contentline import Component, Limits, _reading, iter_components, parse
from netcore.formats.issues import Issue
from netcore.testing import texts


@contextlib.contextmanager
def _general_only() -> Iterator[None]:
    """Switch the fast path off: every text is read by the general loop."""
    saved = _reading._fast_components
    _reading._fast_components = lambda *args: None  # type: ignore[assignment]
    try:
        yield
    finally:
        _reading._fast_components = saved


@contextlib.contextmanager
def _watch() -> Iterator[list[bool]]:
    """Record, for each text the parser reads, whether the fast path read it."""
    saved = _reading._fast_components
    taken: list[bool] = []

    def watched(*args: Any) -> Any:
        got = saved(*args)
        taken.append(got is not None)
        return got

    _reading._fast_components = watched  # type: ignore[assignment]
    try:
        yield taken
    finally:
        _reading._fast_components = saved


def _shape(comps: list[Component]) -> list[Any]:
    """Everything a component tree holds, line numbers included."""
    return [
        (
            c.name,
            c.line,
            c.end_line,
            [(p.group, p.name, p.params, p.value, p.line, p.end_line) for p in c.properties],
            _shape(list(c.children)),
        )
        for c in comps
    ]


def _read(data: str | bytes, **kw: Any) -> tuple[Any, list[Issue]]:
    try:
        parsed = parse(data, **kw)
    except ParseError as exc:
        return ("ParseError", str(exc)), list(exc.issues)
    return _shape(list(parsed)), list(parsed.issues)


def _both(data: str | bytes, **kw: Any) -> tuple[bool, Any, Any]:
    """Whether the fast path read ``data``, and the fast and the general reading."""
    with _watch() as taken:
        fast = _read(data, **kw)
    with _general_only():
        general = _read(data, **kw)
    return any(taken), fast, general


def _streamed(data: bytes, size: int) -> tuple[Any, list[Issue]]:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    issues: list[Issue] = []
    return _shape(list(iter_components(chunks, issues=issues))), issues


def _streamed_general(data: bytes, size: int) -> tuple[Any, list[Issue]]:
    with _general_only():
        return _streamed(data, size)


def test_the_fast_path_reads_the_common_text_and_gives_it_the_same_line_numbers() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:a long\r\n  note\r\n\tof two folds\r\n"
        b"PHOTO;ENCODING=b;TYPE=JPEG:QUFB\r\n QUFB\r\nitem1.EMAIL;TYPE=work:a@example.org\r\n"
        b"END:VCARD\r\n\r\nBEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n"
    )
    taken, fast, general = _both(data)
    assert taken
    assert fast == general
    comps, issues = fast
    assert issues == []
    note, photo, email = comps[0][3][2:]
    assert note[3:] == ("a long note" + "of two folds", 4, 6)
    assert photo[3:] == ("QUFBQUFB", 7, 8)
    assert email[:2] == ("item1", "EMAIL")
    assert email[4:] == (9, 9)
    assert comps[1][1:3] == (12, 14)


@pytest.mark.parametrize(
    "text",
    [
        "BEGIN:VCARD\nFN:a\n\nEND:VCARD\n",  # blank line inside: read alike (no issue)
        "BEGIN:VCARD\nPHOTO;ENCODING=b:QUFB\n\nEND:VCARD\n",  # a blank line ends base64
        "BEGIN:VCARD\nNOTE:a\n\n b\nEND:VCARD\n",  # blank line inside a fold
        "BEGIN:VCARD\nNOTE:a\n  BEGIN:X\nEND:VCARD\n",  # an indented BEGIN
        "BEGIN:VCARD\n FN:a\nEND:VCARD\n",  # an indented line after BEGIN
        "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:a=\n=41\nEND:VCARD\n",
        "BEGIN:VCARD\nPHOTO;ENCODING=BASE64:QUFB\nQUFB\n\nEND:VCARD\n",  # 2.1 base64
        "BEGIN:VCARD\nPHOTO;ENCODING=b:QUFB\nNOTE\n :x\nEND:VCARD\n",  # maybe base64 more
        "BEGIN:VCARD\nNOTE:a\\\nb\nEND:VCARD\n",  # backslash continuation
        'BEGIN:VCARD\nX;A="a:b":v\nY;A="a:v\nEND:VCARD\n',  # quoted heads
        "BEGIN:VCARD\nBEGIN:AGENT\nEND:AGENT\nEND:VCARD\n",  # nested
        "BEGIN:VCARD\nFN:a\n",  # no END
        "FN:a\nBEGIN:VCARD\nEND:VCARD\n",  # before BEGIN
        "BEGIN:VCARD\n.FN:a\nX_Y:b\n:c\nd\nEND:VCARD\n",  # issues in lines
        "BEGIN;X=1:VCARD\nEND:VCARD\n",  # BEGIN with a parameter
        "BEGIN:VCARD\nEND:VCARD\n x\n",  # a fold after END
        "BEGIN:VC\n ARD\nEND:VCARD\n",  # a folded BEGIN
        "BEGIN:VCARD\r\nFN:a\rEND:VCARD\r\r\n",  # mixed line endings
        "BEGIN:VCARD\nFN:a\x00b\nEND:VCARD\n",  # NUL
        "BEGIN:VCARD\nNOTE:a\n \nEND:VCARD\n \n",  # blank folds
        "\ufeffBEGIN:VCARD\nFN:a\nEND:VCARD",  # BOM, no last line break
        "begin :vcard\nFN:a\nend : VCARD \n",
        'BEGIN:VCARD\nNOTE;X="a\n b:c":v\n w\nEND:VCARD\n',  # a quoted head folded
        "BEGIN:VCARD\nPHOTO;ENCO\n DING=b:QU\n FB\nEND:VCARD\n",  # a head folded
        "BEGIN:VCARD\nNOTE:a\n\n b:c\nEND:VCARD\n",  # an indented line after a blank one
        "BEGIN:\nFN:a\nEND:\n",  # no component name
        # The first line's head, cut inside a quote, says quoted-printable (or base64);
        # the whole head does not.
        'BEGIN:VCARD\nN;X="a;ENCODING=QUOTED-PRINTABLE:b\n c":v=\nFN:x\nEND:VCARD\n',
        'BEGIN:VCARD\nN;X="a;ENCODING=b:b\n c":v\nQUFB\nEND:VCARD\n',
    ],
)
def test_edge_texts_read_alike(text: str) -> None:
    _, fast, general = _both(text)
    assert fast == general
    _, fast, general = _both(text.encode("utf-8"), implicit="VCARD", strict=True)
    assert fast == general


def test_limits_read_alike() -> None:
    text = "BEGIN:VCARD\nFN:abcdef\nNOTE:abc\n def\nEND:VCARD\n" * 3
    for limits in (
        Limits(max_line_chars=8),
        Limits(max_line_chars=9),
        Limits(max_line_chars=11),  # "NOTE:abcdef" is 11 characters and one fold
        Limits(max_properties=1),
        Limits(max_component_bytes=17),
        Limits(max_depth=0),
    ):
        taken, fast, general = _both(text, limits=limits)
        assert fast == general
        assert fast[1], limits  # each limit is met in this text: an issue says so
    taken, fast, general = _both(text, limits=Limits(max_line_chars=12))
    assert taken
    assert fast == general
    assert not fast[1]


def test_every_corpus_file_reads_alike_and_most_vcards_take_the_fast_path() -> None:
    from conftest import corpus_files

    vcards, calendars = corpus_files("vcard_text"), corpus_files("ical")
    if not vcards:
        pytest.skip("real-world corpus not found: set NETCORE_CORPUS")
    fast_vcards = 0
    for path in vcards + calendars:
        data = path.read_bytes()
        taken, fast, general = _both(data, source=path.name)
        assert fast == general, path
        fast_vcards += taken and path in vcards
        if taken:  # the streaming reader's pieces too
            assert _streamed(data, 4096) == _streamed_general(data, 4096), path
    # Measured when written: 150 of the 208 vCard files. The others have an issue, or
    # quoted-printable, or bytes that are not UTF-8. (Calendars nest components: the
    # general reader reads them.)
    assert fast_vcards >= len(vcards) // 2


_PIECES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "begin : vcard",
        "BEGIN:AGENT",
        "END:AGENT",
        "AGENT:",
        "FN:Ann",
        "item1.EMAIL;TYPE=work:a@b",
        'X-A;P="q:r;s":v',
        'X-B;P="unclosed:v',
        "PHOTO;ENCODING=b:QUFB",
        "PHOTO;ENCODING=BASE64:QUFB",
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=",
        "TEL;CELL;B:x",
        "NOTE:a\\",
        "QUFB",
        "",
        " ",
        "\t",
        " more",
        "  more",
        "\tmore",
        " BEGIN:X",
        " END:VCARD",
        " b",
        "x",
        ":v",
        ".G:v",
        "BAD_NAME:v",
        "N:a;b;c",
        "\x0c:v",
    ]
)
_EOLS = st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"])


@st.composite
def _hostile(draw: st.DrawFn) -> str:
    eol = draw(_EOLS)
    lines = draw(st.lists(_PIECES | texts(max_size=8), max_size=30))
    mixed = draw(st.booleans())
    return "".join(line + (draw(_EOLS) if mixed else eol) for line in lines)


@given(
    _hostile(),
    st.sampled_from(
        [None, Limits(max_line_chars=12), Limits(max_properties=2), Limits(max_depth=1)]
    ),
    st.booleans(),
)
def test_drawn_hostile_texts_read_alike(text: str, limits: Limits | None, raw: bool) -> None:
    data: str | bytes = text.encode("utf-8", "surrogatepass") if raw else text
    _, fast, general = _both(data, limits=limits, implicit="VCARD" if raw else None)
    assert fast == general


@given(st.lists(st.sampled_from(["BEGIN:VCARD", "FN:a", "NOTE:x", " y", "", "END:VCARD"])))
def test_drawn_card_texts_read_alike_whole_and_streamed(lines: list[str]) -> None:
    data = "".join(line + "\r\n" for line in lines).encode()
    _, fast, general = _both(data)
    assert fast == general
    assert _streamed(data, 7) == _streamed_general(data, 7)
