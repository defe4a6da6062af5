"""Complexity: each vCard/jCard/content-line reader and writer grows a hostile shape x8.

Time may grow at most x12 (tests/_complexity.py): a quadratic loop (x64) fails. The shapes
are listed in docs/limits.md.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest

from _complexity import assert_linear
from netcore.formats import contentline, jcard, vcard
from netcore.formats.contentline import Limits
from netcore.model import Address, Contact, Email, Extension, Phone

pytestmark = pytest.mark.slow  # about a minute in all: run in CI (``-m slow``)


def _card(body: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nUID:u\r\n{body}END:VCARD\r\n".encode()


# Each shape: (name, make(n) -> bytes, small n). The small input is about 1 MB so that both
# sizes are out of the CPU caches, and holds more distinct heads than the readers' and
# writers' bounded caches (4096): a small run served from a cache makes a linear loop
# look x20 or more.
_SHAPES: list[tuple[str, Callable[[int], bytes], int]] = [
    ("many parameters", lambda n: _card("TEL;" + ";".join(f"t{i}" for i in range(n)) + ":1\r\n"), 150_000),  # noqa: E501
    ("many TYPE values", lambda n: _card("TEL;TYPE=" + ",".join(f"t{i}" for i in range(n)) + ":1\r\n"), 150_000),  # noqa: E501
    ("one repeated parameter", lambda n: _card("X-A;" + ";".join("P=v" for _ in range(n)) + ":1\r\n"), 200_000),  # noqa: E501
    ("long line", lambda n: _card("NOTE:" + "x" * n + "\r\n"), 2_000_000),
    ("long folded line", lambda n: _card("NOTE:" + "\r\n ".join("x" * 70 for _ in range(n)) + "\r\n"), 14_000),  # noqa: E501
    ("long quoted-printable", lambda n: _card("NOTE;ENCODING=QUOTED-PRINTABLE:" + "=\r\n".join("=41" * 20 for _ in range(n)) + "\r\n"), 16_000),  # noqa: E501
    ("many properties", lambda n: _card("".join(f"X-P{i}:v\r\n" for i in range(n))), 8_000),
    ("many cards", lambda n: b"".join(_card("") for _ in range(n)), 2_000),
    ("many LABELs and ADRs", lambda n: _card("".join(f"ADR;TYPE=t{i}:;;s;;;;\r\nLABEL;TYPE=u{i}:x\r\n" for i in range(n))), 4_000),  # noqa: E501
    ("many colon-less lines", lambda n: _card("no colon\r\n" * n), 50_000),
    ("many unended cards", lambda n: b"BEGIN:VCARD\r\nFN:A\r\n" * n, 2_000),
    ("many carried parameters", lambda n: _card("TEL;" + ";".join(f"X-P{i}=v" for i in range(n)) + ":1\r\n"), 100_000),  # noqa: E501
    ("many grouped ADR and LABEL pairs", lambda n: _card("".join(f"item{i}.ADR;TYPE=work:;;{i} Main St;City;;;\r\nitem{i}.LABEL;TYPE=work:{i} Main St\\nCity\r\n" for i in range(n))), 1_000),  # noqa: E501
    ("long base64 LOGO", lambda n: _card("LOGO;ENCODING=b;TYPE=PNG:" + "AAEC" * n + "\r\n"), 250_000),  # noqa: E501
    ("long data: URI LOGO", lambda n: _card("LOGO:data:image/png;base64," + "AAEC" * n + "\r\n"), 250_000),  # noqa: E501
    ("many grouped labelled properties", lambda n: _card("".join(f"g{i}.EMAIL;PID={i}:a@b.org\r\ng{i}.X-ABLabel:l{i}\r\n" for i in range(n))), 6_000),  # noqa: E501
]  # fmt: skip

# Large enough for the x8 inputs: the shapes test time, not the limits.
_ROOMY = Limits(
    max_line_chars=1 << 28,
    max_component_bytes=1 << 30,
    max_properties=1 << 24,
)


@pytest.mark.parametrize(("shape", "make", "small"), _SHAPES, ids=[s[0] for s in _SHAPES])
def test_vcard_loads_is_linear(shape: str, make: Callable[[int], bytes], small: int) -> None:
    assert_linear(
        make,
        lambda data: vcard.loads(data, limits=_ROOMY),  # type: ignore[arg-type]
        small,
        repeat=5,
        what=f"vcard.loads, {shape}",
    )


_STREAM_SHAPES = [s for s in _SHAPES if s[0] in ("long line", "many cards", "many unended cards")]
_LINE_SHAPES = [
    s
    for s in _SHAPES
    if s[0] in ("many parameters", "long quoted-printable", "many colon-less lines")
]


@pytest.mark.parametrize(
    ("shape", "make", "small"), _STREAM_SHAPES, ids=[s[0] for s in _STREAM_SHAPES]
)
def test_vcard_iter_load_is_linear(shape: str, make: Callable[[int], bytes], small: int) -> None:
    assert_linear(
        make,
        lambda data: list(vcard.iter_load(io.BytesIO(data), limits=_ROOMY)),  # type: ignore[arg-type]
        small,
        repeat=5,
        what=f"vcard.iter_load, {shape}",
    )


@pytest.mark.parametrize(("shape", "make", "small"), _LINE_SHAPES, ids=[s[0] for s in _LINE_SHAPES])
def test_contentline_parse_and_serialize_are_linear(
    shape: str, make: Callable[[int], bytes], small: int
) -> None:
    assert_linear(
        make,
        lambda data: contentline.parse(data, limits=_ROOMY),  # type: ignore[arg-type]
        small,
        repeat=5,
        what=f"parse, {shape}",
    )
    assert_linear(
        lambda n: contentline.parse(make(n), limits=_ROOMY),
        lambda comps: contentline.serialize(comps),  # type: ignore[arg-type]
        small,
        repeat=5,
        what=f"serialize, {shape}",
    )


def _contact(n: int) -> Contact:
    params = tuple((f"X-P{i}", ("v",)) for i in range(n))
    return Contact(
        uid="u",
        formatted_name="A",
        emails=tuple(Email(address=f"a{i}@b.org", types=(f"t{i}",)) for i in range(n)),
        addresses=tuple(Address(street=f"s{i}", formatted=f"l{i}", types=(f"t{i}",)) for i in range(n)),  # noqa: E501
        note="x, y; z\n" * n,
        extensions=(Extension(name="X-MANY", value="v", params=params),),
    )  # fmt: skip


def _carrying(n: int) -> Contact:
    """Records with groups (some shared, with clashing labels) and many parameters."""
    params = tuple((f"X-P{i}", ("v",)) for i in range(n))
    return Contact(
        uid="u",
        formatted_name="A",
        emails=tuple(Email(address=f"a{i}@b.org", group=f"g{i % 7}", label=f"l{i % 5}", params=params[:3]) for i in range(n)),  # noqa: E501
        phones=(Phone(number="1", params=params),),
    )  # fmt: skip


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_vcard_dumps_of_groups_and_parameters_is_linear(version: str) -> None:
    assert_linear(
        _carrying,
        lambda c: vcard.dumps(c, version=version),  # type: ignore[arg-type]
        4000,
        what=f"vcard.dumps {version}, groups and parameters",
    )


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_vcard_dumps_is_linear(version: str) -> None:
    assert_linear(
        _contact,
        lambda c: vcard.dumps(c, version=version),  # type: ignore[arg-type]
        5000,
        what=f"vcard.dumps {version}, many properties and parameters",
    )


def _logo(n: int) -> Contact:
    return Contact(
        uid="u", extensions=(Extension(name="LOGO", value="data:image/png;base64," + "AAEC" * n),)
    )


def _logo_in_3_0_spelling(n: int) -> Contact:
    params = (("ENCODING", ("b",)), ("TYPE", ("PNG",)))
    return Contact(uid="u", extensions=(Extension(name="LOGO", value="AAEC" * n, params=params),))


@pytest.mark.parametrize(
    ("version", "make"),
    [("2.1", _logo), ("3.0", _logo), ("4.0", _logo_in_3_0_spelling)],
)
def test_vcard_dumps_of_a_long_logo_is_linear(version: str, make: Callable[[int], Contact]) -> None:
    # The converting paths (RT-codecs3-10): the data: URI to base64 with ENCODING and
    # TYPE in 2.1/3.0, an extension built in 3.0's spelling to a data: URI in 4.0.
    assert_linear(
        make,
        lambda c: vcard.dumps(c, version=version),  # type: ignore[arg-type]
        1_000_000,
        repeat=5,
        what=f"vcard.dumps {version}, a long inline LOGO",
    )


def test_jcard_dumps_and_loads_are_linear() -> None:
    assert_linear(_contact, lambda c: jcard.dumps(c), 5000, what="jcard.dumps")  # type: ignore[arg-type]
    assert_linear(
        lambda n: jcard.dumps(_contact(n)),
        lambda t: jcard.loads(t),
        200,
        what="jcard.loads",  # type: ignore[arg-type]
    )


def _jcard_document(n: int) -> str:
    """One jCard of ``n`` grouped ADRs with LABEL and ``n`` EMAILs (the fuzzer's 9 MB shape)."""
    props: list[object] = [["version", {}, "text", "4.0"], ["fn", {}, "text", "A"]]
    props += [
        [
            "adr",
            {"group": f"item{i}", "type": "work", "label": f"{i} Main\nCity"},
            "text",
            ["", "", f"{i} Main", "City", "", "", ""],
        ]
        for i in range(n)
    ]
    props += [["email", {"type": ["work", "pref"]}, "text", f"a{i}@b.org"] for i in range(n)]
    return json.dumps(["vcard", props])


def test_jcard_loads_of_one_large_card_is_linear() -> None:
    assert_linear(
        _jcard_document,
        lambda t: jcard.loads(t, limits=_ROOMY),  # type: ignore[arg-type]
        1_000,
        what="jcard.loads, one card of grouped ADRs and EMAILs",
    )


def test_jcard_repeated_parameter_is_linear() -> None:
    def make(n: int) -> Contact:
        params = tuple(("X-P", (f"v{i}",)) for i in range(n))
        return Contact(uid="u", extensions=(Extension(name="X-A", value="v", params=params),))

    assert_linear(
        make, lambda c: jcard.dumps(c), 50_000, what="jcard.dumps, one repeated parameter"
    )  # type: ignore[arg-type]


def test_nul_in_parameter_values_and_csv_column_names_is_linear() -> None:
    from netcore.formats import csv

    def card(n: int) -> str:
        line = "X-FOO;X-P=a\x00b,c\x00d;X-Q=\x00:v\r\n"
        return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n" + line * n + "END:VCARD\r\n"

    # At 200 lines the small run took 3 ms and read x16 to x64 under load; 800: x8 to x9.
    assert_linear(card, lambda t: vcard.loads(t), 800, what="lines with NUL parameters")

    def table(n: int) -> str:
        header = ",".join(f"C\x00{i}" for i in range(n))
        return "Name," + header + "\nAda," + ",".join("v" for _ in range(n)) + "\n"

    assert_linear(table, lambda t: csv.loads(t), 1000, what="CSV column names with NUL")
