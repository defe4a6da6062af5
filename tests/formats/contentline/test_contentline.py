from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import LimitExceededError, ParseError
from netcore.formats import contentline
from netcore.formats.contentline import (
    Component,
    Limits,
    Property,
    iter_components,
    parse,
    serialize,
)
from netcore.formats.issues import Issue


def props(data: str | bytes, **kw: object) -> tuple[Property, ...]:
    parsed = parse(data, **kw)  # type: ignore[arg-type]
    assert len(parsed) == 1
    return parsed[0].properties


# --------------------------------------------------------------------------- line endings


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r\r\n", b"\r"])
def test_every_line_ending_splits_lines(eol: bytes) -> None:
    data = eol.join([b"BEGIN:VCARD", b"FN:Ann", b"NOTE:x", b"END:VCARD", b""])
    parsed = parse(data)
    assert [p.name for p in parsed[0].properties] == ["FN", "NOTE"]
    assert parsed[0].properties[1].line == 3
    assert parsed.issues == []


def test_fold_with_space_and_tab_removes_one_character() -> None:
    (p,) = props(b"BEGIN:VCARD\r\nNOTE:ab\r\n  cd\r\n\tef\r\nEND:VCARD\r\n")
    assert p.value == "ab cdef"
    assert (p.line, p.end_line) == (2, 4)


def test_fold_splitting_a_utf8_sequence_is_joined_before_decoding() -> None:
    raw = "Zoë Ünal".encode()
    cut = raw.index(b"\xc3") + 1  # between the two bytes of "ë"
    data = b"BEGIN:VCARD\r\nFN:" + raw[:cut] + b"\r\n " + raw[cut:] + b"\r\nEND:VCARD\r\n"
    (p,) = props(data)
    assert p.value == "Zoë Ünal"


def test_fold_inside_parameters() -> None:
    (p,) = props("BEGIN:VCARD\nTEL;TYPE=VOICE,M\n\tSG,WORK:+1\nEND:VCARD\n")
    assert p.params == (("TYPE", ("VOICE", "MSG", "WORK")),)


# --------------------------------------------------------------------------- parameters


def test_groups_and_bare_21_parameters() -> None:
    (p,) = props("BEGIN:VCARD\nitem1.TEL;CELL;PREF:123\nEND:VCARD\n")
    assert p.group == "item1"
    assert p.params == (("CELL", ()), ("PREF", ()))
    assert p.has_param("cell")


def test_quoted_values_hold_colon_semicolon_and_comma() -> None:
    (p,) = props('BEGIN:VCARD\nN;SORT-AS="a;b:c,d",x:Doe;J\nEND:VCARD\n')
    assert p.params == (("SORT-AS", ("a;b:c,d", "x")),)
    assert p.value == "Doe;J"


def test_rfc6868_caret_escapes() -> None:
    (p,) = props("BEGIN:VCARD\nADR;LABEL=\"1 Main^nSpringfield ^'Home^' ^^\":;;1 Main\nEND:VCARD\n")
    assert p.param("LABEL") == ('1 Main\nSpringfield "Home" ^',)
    out = serialize(parse(serialize(Component("VCARD", (p,)))))
    assert "^n" in out
    assert "^'" in out
    assert "^^" in out


def test_empty_parameter_value_differs_from_bare_parameter() -> None:
    (a, b) = props("BEGIN:VCARD\nX-A;TYPE=:1\nX-B;TYPE:2\nEND:VCARD\n")
    assert a.params == (("TYPE", ("",)),)
    assert b.params == (("TYPE", ()),)


# A content line's head as the grammar describes it (the pattern the reader used before it
# scanned heads by hand: the regex engine kept about 200 bytes of state per character).
_HEAD_GRAMMAR = re.compile(r'([^;:"]*)((?:;(?:[^";:]|"[^"]*")*)*):')
_PARAM_GRAMMAR = re.compile(r';((?:[^";]|"[^"]*")*)')


@given(st.text(alphabet='ab;:"=,\n', max_size=40))
def test_quoted_head_end_follows_the_grammar(text: str) -> None:
    from netcore.formats.contentline._reading import _quoted_head_end

    m = _HEAD_GRAMMAR.match(text)
    assert _quoted_head_end(text) == (m.end() - 1 if m else -1)


@given(st.text(alphabet='ab;:"=,', max_size=40))
def test_quoted_parameters_split_as_the_grammar(rest: str) -> None:
    from netcore.formats.contentline._reading import _split_quoted_params

    expected = [m.group(1) for m in _PARAM_GRAMMAR.finditer(";" + rest)]
    assert _split_quoted_params(rest) == expected


@pytest.mark.parametrize(
    "line",
    [
        "TEL" + ";TYPE=work" * 5000 + ';CN="A, B; C":+1',  # many parameters, one quoted
        "X-A;P=" + "a" * 100_000 + ';Q="x:y":v',  # one long parameter, then a quoted one
        'X-A;Q="x:y";P=' + "a" * 100_000 + ":v",  # a quoted parameter, then a long one
    ],
    ids=["many-params", "long-then-quoted", "quoted-then-long"],
)
def test_a_long_head_with_quoted_parameters_costs_little_memory(line: str) -> None:
    # Found by tools/fuzz.py: a 69 KB TEL line of 5,000 parameters, one of them quoted,
    # peaked at 11 MB (157x): matching the head with a pattern cost ~200 bytes a character.
    from _watchdog import peak_bytes

    data = f"BEGIN:VCARD\r\n{line}\r\nEND:VCARD\r\n"
    parse('BEGIN:VCARD\nX;A="b":c\nEND:VCARD\n')  # imports and caches outside the measurement
    result, peak = peak_bytes(lambda: parse(data))
    assert not isinstance(result, BaseException)
    assert result[0].properties[0].value in ("+1", "v")
    assert peak < 50 * len(data)


# --------------------------------------------------------------------------- encodings


def test_quoted_printable_soft_breaks_and_utf8_split() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=\r\n"
        b"=BCnster=0D=0Aline two is =\r\n"
        b" here\r\nEND:VCARD\r\n"
    )
    note = props(data)[1]
    assert note.value == "Münster\r\nline two is  here"
    assert note.encoding == "quoted-printable"


def test_quoted_printable_with_bare_parameter_and_shift_jis() -> None:
    data = b"BEGIN:VCARD\nFN;CHARSET=SHIFT_JIS;QUOTED-PRINTABLE:" + b"=83=65=83=58\nEND:VCARD\n"
    (p,) = props(data)
    assert p.value == "テス"


def test_charset_decoded_before_escapes_shift_jis_5c() -> None:
    # 0x95 0x5C is one Shift_JIS character whose second byte is a backslash.
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=SHIFT_JIS:\x95\x5c\nEND:VCARD\n"
    p = props(data)[1]
    assert p.value == "表"


def test_windows_1252_and_latin1_fallbacks() -> None:
    data = b"BEGIN:VCARD\nFN:Caf\xe9 \x80\nNOTE:\x81\xe9\nEND:VCARD\n"
    fn, note = props(data)
    assert fn.value == "Café €"
    assert note.value == "\x81é"


def test_21_base64_block_ended_by_blank_line() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;JPEG:\r\n"
        b"QUJD\r\nREVG\r\n\r\nFN:x\r\nEND:VCARD\r\n"
    )
    parsed = parse(data)
    photo = parsed[0].properties[1]
    assert photo.value == "QUJDREVG"
    assert (photo.line, photo.end_line) == (3, 6)
    assert parsed[0].properties[2].value == "x"
    out = serialize(parsed)
    assert "PHOTO;ENCODING=BASE64;JPEG:QUJDREVG\r\n\r\nFN:x" in out


def test_21_base64_without_blank_line_stops_at_next_property() -> None:
    data = b"BEGIN:VCARD\nPHOTO;BASE64:\nQUJD\nTEL:1\nEND:VCARD\n"
    photo, tel = props(data)
    assert photo.value == "QUJD"
    assert tel.value == "1"


# --------------------------------------------------------------------------- structure


def test_nested_component_becomes_child() -> None:
    data = "BEGIN:VCARD\nN:parent\nAGENT:\nBEGIN:VCARD\nN:child\nEND:VCARD\nTEL:1\nEND:VCARD\n"
    (card,) = parse(data)
    assert [p.name for p in card.properties] == ["N", "AGENT", "TEL"]
    assert card.children[0].properties[0].value == "child"


def test_missing_end_is_an_issue_with_line() -> None:
    parsed = parse("BEGIN:VCARD\nFN:a\n")
    assert parsed[0].properties[0].value == "a"
    (issue,) = parsed.errors
    assert issue.line == 1
    assert issue.property == "BEGIN"
    with pytest.raises(ParseError) as info:
        parse("BEGIN:VCARD\nFN:a\n", strict=True)
    assert info.value.line == 1


def test_line_without_colon_and_comment_are_reported() -> None:
    parsed = parse("BEGIN:VCARD\n# comment\nFN\nEND:VCARD\n")
    assert parsed[0].properties == ()
    assert sorted(i.line or 0 for i in parsed.issues) == [2, 3]


def test_one_broken_card_does_not_stop_the_next() -> None:
    parsed = parse("BEGIN:VCARD\nFN:a\nEND:VCALENDAR\nEND:VCARD\nBEGIN:VCARD\nFN:b\nEND:VCARD\n")
    assert [c.properties[0].value for c in parsed] == ["a", "b"]
    assert parsed.issues[0].line == 3


def test_implicit_component_for_missing_begin() -> None:
    parsed = parse("VERSION:3.0\nFN:a\nEND:VCARD\n", implicit="VCARD")
    assert [p.name for p in parsed[0].properties] == ["VERSION", "FN"]
    assert parsed.issues[0].line == 1


# --------------------------------------------------------------------------- limits


def test_limits_properties_line_and_depth() -> None:
    many = "BEGIN:VCARD\n" + "X-A:1\n" * 20 + "END:VCARD\nBEGIN:VCARD\nFN:ok\nEND:VCARD\n"
    parsed = parse(many, limits=Limits(max_properties=5))
    assert len(parsed[0].properties) == 5
    assert parsed[1].properties[0].value == "ok"
    assert any("more than 5 properties" in i.message for i in parsed.issues)
    with pytest.raises(LimitExceededError):
        parse(many, limits=Limits(max_properties=5), strict=True)

    long = "BEGIN:VCARD\nNOTE:" + "x" * 200 + "\nFN:a\nEND:VCARD\n"
    parsed = parse(long, limits=Limits(max_line_chars=100))
    assert [p.name for p in parsed[0].properties] == ["FN"]
    assert parsed.issues[0].line == 2

    deep = "".join(f"BEGIN:{c}\n" for c in "ABCDE") + "X:1\n" + "END:A\n"
    parsed = parse(deep, limits=Limits(max_depth=3))
    assert any("nested deeper than 3" in i.message for i in parsed.issues)


def test_component_size_limit_in_streaming_bounds_memory() -> None:
    big = b"BEGIN:VCARD\nNOTE:" + b"x" * 50 + b"\n" + b"X-A:" + b"y" * 50 + b"\n" * 1
    chunks = [b"BEGIN:VCARD\nFN:a\nEND:VCARD\n", big] + [b"X-B:zzzzzzzzzz\n"] * 100
    chunks += [b"END:VCARD\nBEGIN:VCARD\nFN:b\nEND:VCARD\n"]
    issues: list[object] = []
    got = list(iter_components(chunks, limits=Limits(max_component_bytes=200), issues=issues))  # type: ignore[arg-type]
    assert [c.properties[0].value for c in got] == ["a", "b"]
    assert issues


# --------------------------------------------------------------------------- streaming


def test_iter_components_matches_parse_for_any_chunking() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:x\r\nBEGIN:VCARD\r\nN:agent\r\nEND:VCARD\r\n"
        b"END:VCARD\r\nBEGIN:VCARD\r\nNOTE:a\r\n b\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:c\r\n"
    )
    whole = parse(data)
    for size in (1, 2, 3, 7, 64):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        issues: list[contentline.Issue] = []  # type: ignore[name-defined]
        got = list(iter_components(chunks, issues=issues))
        assert got == list(whole)
        assert [c.line for c in got] == [c.line for c in whole]
        assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in whole.issues]


# --------------------------------------------------------------------------- writing


def test_serialize_folds_at_75_octets_without_splitting_utf8() -> None:
    value = "é" * 100
    out = serialize(Component("VCARD", (Property(None, "NOTE", (), value),)))
    lines = out.encode().split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8
    assert parse(out)[0].properties[0].value == value


def test_serialize_quoted_printable_round_trip_keeps_params() -> None:
    prop = Property(
        None,
        "NOTE",
        (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",))),
        "Zoë\nline " * 20,
    )
    out = serialize(Component("VCARD", (prop,)))
    assert "=C3=AB" in out
    assert all(len(line) <= 76 for line in out.split("\r\n"))
    assert parse(out)[0].properties[0] == prop


def test_serialize_refuses_raw_line_break() -> None:
    with pytest.raises(ValueError, match="line break"):
        serialize(Component("VCARD", (Property(None, "NOTE", (), "a\nb"),)))


def test_canonical_input_is_written_back_byte_identical() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nitem1.EMAIL;TYPE=work:a@example.org\r\n"
        'N;SORT-AS="Doe,J":Doe;J;;;\r\nEND:VCARD\r\n'
    )
    assert serialize(parse(data)) == data


# --------------------------------------------------------------------------- properties

_NAME = st.from_regex(r"\A[A-Za-z][A-Za-z0-9-]{0,8}\Z").filter(
    lambda s: s.upper() not in ("BEGIN", "END")
)
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    max_size=40,
)
_PARAM = st.tuples(
    _NAME.filter(lambda s: s.upper() not in ("ENCODING", "QUOTED-PRINTABLE", "BASE64")),
    st.lists(_TEXT, max_size=3).map(tuple),
)
_PROP = st.builds(
    Property,
    group=st.none() | _NAME,
    name=_NAME,
    params=st.lists(_PARAM, max_size=3).map(tuple),
    value=_TEXT.filter(lambda s: not s.endswith("\\")),
)
_QP_PROP = st.builds(
    Property,
    group=st.none(),
    name=_NAME,
    params=st.just((("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))),
    value=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120),
)
_B64_PROP = st.builds(
    Property,
    group=st.none(),
    name=_NAME,
    params=st.sampled_from([(("ENCODING", ("b",)),), (("ENCODING", ("BASE64",)), ("JPEG", ()))]),
    value=st.from_regex(r"\A[A-Za-z0-9+/]{0,200}={0,2}\Z"),
)


@st.composite
def _components(draw: st.DrawFn, depth: int = 0, outer: frozenset[str] = frozenset()) -> Component:
    # A component never holds one of its own name (that BEGIN would start the next one).
    name = draw(_NAME.filter(lambda n: n.upper() not in outer))
    properties = draw(st.lists(_PROP | _QP_PROP | _B64_PROP, max_size=6).map(tuple))
    children: tuple[Component, ...] = ()
    if depth < 2:
        inner = _components(depth + 1, outer | {name.upper()})
        children = draw(st.lists(inner, max_size=2).map(tuple))
    return Component(name, properties, children)


@given(st.lists(_components(), max_size=3))
def test_parse_serialize_round_trip(components: list[Component]) -> None:
    text = serialize(components)
    parsed = parse(text)
    assert list(parsed) == components
    assert parsed.issues == []
    assert list(parse(text.encode("utf-8"))) == components


@given(st.binary(max_size=300) | st.text(max_size=300))
def test_any_input_gives_components_or_parse_error(data: bytes | str) -> None:
    try:
        parsed = parse(data)
    except ParseError:  # pragma: no cover - lenient mode does not raise
        pytest.fail("lenient parse raised")
    for comp in parsed:
        assert isinstance(comp, Component)
    with contextlib.suppress(ParseError):
        parse(data, strict=True)


def test_lone_surrogates_in_text_do_not_escape() -> None:
    parsed = parse("BEGIN:VCARD\nFN:a\udc80b\nEND:VCARD\n")
    assert parsed[0].properties[0].value.startswith("a")
    assert parsed.issues


# --------------------------------------------------------------------------- caches


def test_head_cache_gives_the_uncached_result_and_is_bounded() -> None:
    from netcore.formats.contentline import _reading as cl

    text = 'BEGIN:VCARD\nitem1.TEL;TYPE=CELL,VOICE;X-A="a;b":1\nX_BAD;Q:2\nEND:VCARD\n'
    cl._HEADS.clear()
    cold = parse(text)
    warm = parse(text)
    assert list(cold) == list(warm)
    assert cold.issues == warm.issues  # the bad-name issue is reported every time
    assert len(warm.issues) == 1
    head = 'item1.TEL;TYPE=CELL,VOICE;X-A="a;b"'
    assert cl._HEADS[head] == cl._split_head(head)
    assert warm[0].properties[0].params is cold[0].properties[0].params  # shared tuples
    for i in range(cl._HEAD_CACHE_SIZE + 10):
        parse(f"BEGIN:VCARD\nX-{i};A=1:v\nEND:VCARD\n")
    assert len(cl._HEADS) <= cl._HEAD_CACHE_SIZE
    long_head = "X-LONG;A=" + "a" * cl._HEAD_CACHE_CHARS
    parse(f"BEGIN:VCARD\n{long_head}:v\nEND:VCARD\n")
    assert long_head not in cl._HEADS


@given(st.text(max_size=30), st.sampled_from(["2.1", "3.0", "4.0"]), st.booleans())
def test_escape_fast_path_matches_the_full_escape(
    value: str, version: str, structured: bool
) -> None:
    from netcore.formats._vcard_text import escape

    full = value.replace("\\", "\\\\")
    if version == "2.1":
        if structured:
            full = full.replace(";", "\\;").replace(",", "\\,")
    else:
        full = full.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        if structured:
            full = full.replace(",", "\\,").replace(";", "\\;")
    assert escape(value, version, structured=structured) == full


_LINES = st.sampled_from(
    ["BEGIN:VCARD", "begin :vcard", "END:VCARD", "end:VCARD", "FN:a", "NOTE:END:VCARD", "X-BEGIN:x"]
)


@given(
    st.lists(st.tuples(_LINES, st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"])), max_size=25),
    st.integers(min_value=1, max_value=40),
)
def test_iter_components_matches_parse_for_any_lines_and_chunking(
    lines: list[tuple[str, str]], size: int
) -> None:
    # Where BEGIN/END lines fall relative to chunk edges must not matter (the streaming
    # reader finds them with its own pattern), nor their case, nor BEGIN/END text inside
    # other properties.
    data = "".join(text + eol for text, eol in lines).encode()
    whole = parse(data)
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    issues: list[contentline.Issue] = []  # type: ignore[name-defined]
    got = list(iter_components(chunks, issues=issues))
    assert got == list(whole)
    assert [c.line for c in got] == [c.line for c in whole]
    assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in whole.issues]


# --------------------------------------------------------------------------- hostile input


def _streamed(
    data: bytes, size: int, limits: Limits | None = None
) -> tuple[list[Component], list[contentline.Issue]]:  # type: ignore[name-defined]
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    issues: list[contentline.Issue] = []  # type: ignore[name-defined]
    return list(iter_components(chunks, issues=issues, limits=limits)), issues


@pytest.mark.parametrize(
    ("value", "last"),
    [
        ("NOTE:" + "\r\n ".join(["x" * 70] * 10), 12),  # folded
        ("NOTE;ENCODING=QUOTED-PRINTABLE:" + "=\r\n".join(["=41" * 20] * 10), 12),
        ("PHOTO;ENCODING=BASE64:" + "\r\n".join(["QUFB" * 15] * 10) + "\r\n", 12),
        ("NOTE:" + "\r\n ".join(["x" * 70] * 5) + "\r\n\r\n " + "\r\n ".join(["y" * 70] * 5), 13),
    ],
    ids=["folded", "quoted-printable", "base64", "blank-line-inside"],
)
def test_a_line_dropped_for_its_length_is_one_issue_whatever_its_continuations(
    value: str, last: int
) -> None:
    data = f"BEGIN:VCARD\r\nFN:a\r\n{value}\r\nX-AFTER:b\r\nEND:VCARD\r\n".encode()
    parsed = parse(data, limits=Limits(max_line_chars=200))
    assert [p.name for p in parsed[0].properties] == ["FN", "X-AFTER"]
    [issue] = parsed.issues
    assert (issue.line, issue.property, issue.severity.value) == (3, value[:5].strip(":;"), "error")
    assert f"lines 3-{last}" in issue.message
    for size in (7, 64):
        got, issues = _streamed(data, size, Limits(max_line_chars=200))
        assert got == list(parsed)
        assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in parsed.issues]
    with pytest.raises(LimitExceededError) as info:
        parse(data, limits=Limits(max_line_chars=200), strict=True)
    assert (info.value.line, info.value.property) == (3, issue.property)


def test_a_line_dropped_for_its_length_at_the_end_of_the_input_is_reported() -> None:
    parsed = parse("BEGIN:VCARD\nNOTE:" + "x" * 300 + "\n " + "y" * 300, limits=Limits(200))
    assert [i.message[:29] for i in parsed.issues] == [
        "content line longer than 200 ",
        "BEGIN:VCARD (line 1) has no E",
    ]
    assert "lines 2-3" in parsed.issues[0].message


def test_nesting_too_deep_is_one_issue_per_card_plus_one_summary() -> None:
    # Distinct names: a BEGIN of a component already open starts the next one instead.
    deep = "BEGIN:A\nBEGIN:B\nBEGIN:C\nBEGIN:D\nX:1\nEND:D\nEND:C\nEND:B\nEND:A\n"
    siblings = "BEGIN:A\nBEGIN:B\n" + "BEGIN:C\nBEGIN:D\nEND:D\nEND:C\n" * 5 + "END:B\nEND:A\n"
    unterminated = "".join(f"BEGIN:{c}\n" for c in "ABCDEF")
    data = (deep + siblings + unterminated).encode()
    parsed = parse(data, limits=Limits(max_depth=2))
    assert [(i.line, i.property, i.message) for i in parsed.issues] == [
        (3, "BEGIN", "components nested deeper than 2; BEGIN:C and its content are skipped"),
        (12, "BEGIN", "components nested deeper than 2; BEGIN:C and its content are skipped"),
        (
            16,
            "BEGIN",
            "4 more components nested deeper than 2 in BEGIN:A (line 10) were skipped with "
            "their content, the first at line 16",
        ),
        (36, "BEGIN", "components nested deeper than 2; BEGIN:C and its content are skipped"),
        (35, "BEGIN", "BEGIN:B (line 35) has no END before the end of the input"),
        (34, "BEGIN", "BEGIN:A (line 34) has no END before the end of the input"),
    ]
    for size in (5, 64):
        got, issues = _streamed(data, size, Limits(max_depth=2))
        assert got == list(parsed)
        assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in parsed.issues]


def test_non_utf8_input_is_reported_once_at_its_first_line_and_property() -> None:
    data = (
        b"BEGIN:VCARD\r\nFN:ok\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nFN:a\r\nitem1.NOTE;LANGUAGE=de:Gr\xfc\xdfe\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nFN:Z\xf6e\r\nEND:VCARD\r\n"
    )
    parsed = parse(data)
    [issue] = parsed.issues
    assert (issue.line, issue.property, issue.severity.value) == (6, "NOTE", "info")
    assert "not valid UTF-8" in issue.message
    assert parsed[1].properties[1].value == "Grüße"
    for size in (1, 9, 1000):
        got, issues = _streamed(data, size)
        assert got == list(parsed)
        assert [(i.line, i.property, i.message) for i in issues] == [
            (i.line, i.property, i.message) for i in parsed.issues
        ]


@pytest.mark.parametrize(
    ("data", "line", "prop"),
    [
        (b"BEGIN:VCARD\nNOTE:" + b"\xff" * 300 + b"\nEND:VCARD\n", 2, "NOTE"),
        (b"BEGIN:VCARD\nNOTE:" + b"x" * 300 + b"\n \xff\nEND:VCARD\n", 3, "NOTE"),
        (b" \xff\nBEGIN:VCARD\nEND:VCARD\n", 1, None),
        (b"BEGIN:VCARD\nno colon \xff\nEND:VCARD\n", 2, None),
    ],
    ids=["dropped-line", "dropped-continuation", "orphan-continuation", "no-colon"],
)
def test_non_utf8_bytes_in_a_line_that_is_not_read_are_still_reported(
    data: bytes, line: int, prop: str | None
) -> None:
    parsed = parse(data, limits=Limits(max_line_chars=200))
    found = [i for i in parsed.issues if "not valid UTF-8" in i.message]
    assert [(i.line, i.property) for i in found] == [(line, prop)]
    got, issues = _streamed(data, 4, Limits(max_line_chars=200))
    assert got == list(parsed)
    assert [(i.line, i.message) for i in issues] == [(i.line, i.message) for i in parsed.issues]


@pytest.mark.parametrize(
    "version_params", [(), (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))]
)
def test_serialize_writes_a_lone_surrogate_as_the_replacement_character(
    version_params: contentline.Params,
) -> None:
    value = "a\ud800b" + "é" * 40  # long enough to fold
    comp = Component("VCARD", (Property(None, "NOTE", version_params, value),))
    text = serialize(comp)
    text.encode("utf-8")  # must not raise
    assert parse(text)[0].properties[0].value == value.replace("\ud800", "\ufffd")


def test_serialize_encodes_a_quoted_printable_value_ending_in_a_backslash() -> None:
    qp = (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))
    head = tuple(("A", ("0" * 30,)) for _ in range(3))  # a head folded before its ':'
    comp = Component("A", (Property(None, "N", qp, "x\\"), Property(None, "B", head, "")))
    text = serialize(comp)
    assert "QUOTED-PRINTABLE:x=5C\r\n" in text
    parsed = parse(text)
    assert list(parsed) == [comp]
    assert parsed.issues == []


# --------------------------------------------------------------------------- issue 13: reading


def _card_lines(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-16-be"),
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),
    ],
    ids=["be-no-bom", "le-bom", "be-bom", "le-no-bom"],
)
def test_utf16_input_is_read_as_utf16_whole_and_streamed(
    encode: Callable[[str], bytes],
) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ünal\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"
    )
    data = encode(text)
    whole = parse(data)
    assert [c.properties[-1].value for c in whole] == ["Zoë Ünal", "B"]
    assert [(c.line, c.end_line) for c in whole] == [(1, 4), (5, 7)]
    for size in (1, 3, 7, 1000):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        assert list(iter_components(chunks)) == list(whole)


def test_encoding_is_decided_by_the_parsed_parameter_not_a_substring() -> None:
    data = (
        b"BEGIN:VCARD\r\n"
        b'URL;X-NOTE="see QUOTED-PRINTABLE docs":https://e.org/?ref=\r\n'
        b"UID:u1\r\n"
        b"X-A;X-B=BASE64x:a b\r\n"
        b"LABEL;X-L=ENCODING=B:q\r\n"
        b"EMAIL:a@b.org\r\n"
        b"END:VCARD\r\n"
    )
    props = parse(data)[0].properties
    assert [(p.name, p.value) for p in props] == [
        ("URL", "https://e.org/?ref="),
        ("UID", "u1"),
        ("X-A", "a b"),
        ("LABEL", "q"),
        ("EMAIL", "a@b.org"),
    ]


def test_a_plain_value_ending_in_equals_does_not_swallow_the_next_line() -> None:
    props = parse(b"BEGIN:VCARD\nURL:http://x.org/?a=\nUID:u\nEND:VCARD\n")[0].properties
    assert [p.name for p in props] == ["URL", "UID"]


def test_bare_b_parameter_is_base64() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;JPEG;B:\r\n /9j/4AAQ\r\n AAAA\r\nEND:VCARD\r\n"
    prop = parse(data)[0].properties[1]
    assert prop.encoding == "base64"
    assert prop.value == "/9j/4AAQAAAA"


def test_quoted_printable_soft_break_before_a_leading_space_is_kept() -> None:
    data = b"BEGIN:VCARD\r\nLABEL;ENCODING=QUOTED-PRINTABLE:Land=\r\n Firma\r\nEND:VCARD\r\n"
    assert parse(data)[0].properties[0].value == "Land Firma"


# --------------------------------------------------------------------------- issue 13: writing

_QP = (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))


@pytest.mark.parametrize(
    "value",
    [
        "Kommentar ÄÄÄÄÄÄ ääääää\r\nKommentar ÖÖÖÖÖÖ " * 6,
        "a" * 200,
        "x " * 100 + "end ",
        "line\nEND:VCARD\nBEGIN:VCARD\nmore",
        "ends with a tab\t",
        "=" * 90,
    ],
)
def test_quoted_printable_writer_round_trips_and_keeps_lines_short(value: str) -> None:
    comp = Component("VCARD", (Property(None, "NOTE", _QP, value),))
    text = serialize(comp)
    back = parse(text)
    assert list(back) == [comp]
    assert list(iter_components([text.encode()])) == [comp]
    body = text.split("\r\n")[1:-2]
    assert all(len(line) <= 75 for line in body)
    # Spaces are written as spaces except at the very end of the value.
    if " " in value.rstrip():
        assert " " in text
    assert not text.split("\r\nEND:VCARD")[0].endswith((" ", "\t"))


def test_a_dotted_group_keeps_the_name_after_the_last_dot() -> None:
    prop = parse("BEGIN:VCARD\nsome.other.value:1\nEND:VCARD\n")[0].properties[0]
    assert (prop.group, prop.name) == ("some.other", "value")
    assert serialize(parse("BEGIN:VCARD\nsome.other.value:1\nEND:VCARD\n")).splitlines()[1] == (
        "some.other.value:1"
    )


def test_an_empty_group_is_no_group_whole_and_streamed() -> None:
    data = b".BEGIN:VCARD\r\n.FN:A\r\n.END:VCARD\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"
    whole = parse(data)
    assert [(c.name, c.properties[0].group, c.properties[0].value) for c in whole] == [
        ("VCARD", None, "A"),
        ("VCARD", None, "B"),
    ]
    assert any("empty group" in i.message for i in whole.issues)
    assert list(iter_components([data[:20], data[20:]])) == list(whole)


@pytest.mark.parametrize("end", ["END :VCARD", "END\t:VCARD", "end  :vcard"])
def test_space_before_the_colon_of_end_is_read_alike_whole_and_streamed(end: str) -> None:
    data = f"BEGIN:VCARD\nFN:A\n{end}\nBEGIN:VCARD\nFN:B\nEND:VCARD\n".encode()
    whole = parse(data)
    assert [c.properties[0].value for c in whole] == ["A", "B"]
    assert not [i for i in whole.issues if i.severity.value == "error"]
    for size in (5, 1000):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        assert list(iter_components(chunks)) == list(whole)


def test_a_card_opened_inside_an_unended_card_is_the_next_card() -> None:
    data = (
        b"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
        b"BEGIN:VCARD\nFN:C\nAGENT:\nBEGIN:VCARD\nFN:D\nEND:VCARD\nEND:VCARD\n"
    )
    whole = parse(data)
    assert [(c.properties[0].value, len(c.children)) for c in whole] == [
        ("A", 0),
        ("B", 0),
        ("C", 1),
    ]
    assert whole[0].end_line is None
    assert any("has no END" in i.message and i.line == 1 for i in whole.issues)
    for size in (4, 13, 1000):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        found: list[Issue] = []
        assert list(iter_components(chunks, issues=found)) == list(whole)
        assert [(i.line, i.message) for i in found] == [(i.line, i.message) for i in whole.issues]


def test_an_end_of_no_open_component_does_not_cut_the_stream() -> None:
    data = b"BEGIN:VCARD\nFN:A\nEND:VEVENT\nEMAIL:a@b.org\nEND:VCARD\n"
    whole = parse(data)
    assert [len(c.properties) for c in whole] == [2]
    for size in (3, 1000):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        assert list(iter_components(chunks)) == list(whole)


def test_serialize_refuses_a_component_inside_one_of_its_own_name() -> None:
    inner = Component("VCARD", (Property(None, "FN", (), "B"),))
    with pytest.raises(ValueError, match="inside a VCARD"):
        serialize(Component("VCARD", (Property(None, "FN", (), "A"),), (inner,)))
    agent = Component("VCARD", (Property(None, "AGENT", (), ""),), (inner,))
    assert list(parse(serialize(agent))) == [agent]


def test_serialize_nests_only_the_first_card_after_an_agent() -> None:
    inner = Component("VCARD", (Property(None, "FN", (), "B"),))
    agent = Component("VCARD", (Property(None, "AGENT", (), ""),), (inner, inner))
    with pytest.raises(ValueError, match="inside a VCARD"):
        serialize(agent)
