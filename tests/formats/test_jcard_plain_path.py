"""``jcard.loads``'s path for properties of the common shape reads what the full path reads.

``_Reader.plain`` (issue 18) builds the record of a common property without the checks
that have nothing to say about it; ``_Reader.property`` is the reference. Each input is
read twice, once as ``loads`` does and once with ``plain`` switched off, and the
contacts and every issue (with the JSON path it names) are compared.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError
from netcore.formats import jcard
from netcore.model import Contact
from netcore.testing import contacts


@contextlib.contextmanager
def _full_only() -> Iterator[None]:
    saved = jcard._Reader.plain
    jcard._Reader.plain = lambda self, raw, path, i: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        jcard._Reader.plain = saved  # type: ignore[method-assign]


@contextlib.contextmanager
def _count() -> Iterator[list[int]]:
    """How many properties the plain path read."""
    saved = jcard._Reader.plain
    read = [0]

    def counted(self: Any, raw: Any, path: str, i: int) -> Any:
        got = saved(self, raw, path, i)
        read[0] += got is not None
        return got

    jcard._Reader.plain = counted  # type: ignore[method-assign]
    try:
        yield read
    finally:
        jcard._Reader.plain = saved  # type: ignore[method-assign]


def _read(data: str | bytes, **kw: Any) -> Any:
    try:
        got = jcard.loads(data, **kw)
    except ParseError as exc:
        return "ParseError", str(exc), exc.issues
    return [repr(c) for c in got], got.issues


def _both(data: str | bytes, **kw: Any) -> tuple[int, Any, Any]:
    with _count() as read:
        plain = _read(data, **kw)
    with _full_only():
        full = _read(data, **kw)
    return read[0], plain, full


def test_common_properties_take_the_plain_path_with_the_same_contact() -> None:
    doc = [
        "vcard",
        [
            ["version", {}, "text", "4.0"],
            ["fn", {}, "text", "A, b; c\\d"],
            ["note", {}, "text", "a\nb"],
            ["uid", {}, "uri", "u1"],
            ["n", {}, "text", ["Doe", "Jo", ["x", "y,z"], "", ""]],
            ["email", {"type": "work", "group": "item1"}, "text", "a@example.org"],
            ["x-ablabel", {"group": "item1"}, "unknown", "Work"],
            ["categories", {}, "text", "a", "b,c"],
            ["url", {"pref": "1"}, "uri", "https://example.org"],
            ["bday", {}, "date-and-or-time", "1990-01-02"],  # written 19900102
            ["fn", {}, "date-and-or-time", "1990-01-02"],  # not plain: not the default type
        ],
    ]
    data = json.dumps(doc)
    jcard.loads(data)  # the names are known from the second read on
    read, plain, full = _both(data)
    assert read == 10
    assert plain == full
    assert plain[1] == []


@pytest.mark.parametrize(
    "prop",
    [
        ["fn", {"value": "text"}, "text", "a"],
        ["fn", {"group": "a b"}, "text", "a"],
        ["fn", {"x-netcore-group": "g"}, "text", "a"],
        ["fn", {"ty,pe": "x"}, "text", "a"],
        ["fn", {"type": ["a", "b"]}, "text", "a"],
        ["fn", {"type": "a\x00b"}, "text", "a"],
        ["fn", {"type": 1}, "text", "a"],
        ["fn", {}, "TEXT", "a"],
        ["fn", {}, " text", "a"],
        ["fn", {}, "uri", "a"],
        ["fn", {}, "text", 1],
        ["fn", {}, "text", None],
        ["fn", {}, "text", ["a", {"b": 1}]],
        ["fn", {}, "text", ["a", ["b", ["c"]]]],
        ["n", {}, "text", "a", "b"],
        ["n", {}, "text", ["a"], ["b"]],
        ["categories", {}, "text", "a", 2],
        ["categories", {}, "unknown", "a", "b"],
        ["rev", {}, "timestamp", "2020-01-02T03:04:05Z"],
        ["rev", {}, "timestamp", "garbage"],
        ["tz", {}, "utc-offset", "+01:00"],
        ["x-a", {}, "unknown", ["a"]],
        ["x-a", {}, "integer", "1"],
        ["fn", {}, "text"],
        ["fn", [], "text", "a"],
        "fn",
    ],
)
def test_uncommon_properties_read_alike(prop: Any) -> None:
    doc = ["vcard", [["version", {}, "text", "4.0"], ["uid", {}, "uri", "u"], prop]]
    data = json.dumps(doc)
    jcard.loads(data)
    _, plain, full = _both(data)
    assert plain == full
    _, plain, full = _both(data, strict=True)
    assert plain == full


def test_every_corpus_jcard_reads_alike() -> None:
    from conftest import corpus_files

    files = corpus_files("jcard")
    if not files:
        pytest.skip("real-world corpus not found: set NETCORE_CORPUS")
    for path in files:
        data = path.read_bytes()
        jcard.loads(data)
        _, plain, full = _both(data, source=path.name)
        assert plain == full, path


@given(st.lists(contacts(), min_size=1, max_size=3))
def test_written_contacts_read_alike(cs: list[Contact]) -> None:
    data = jcard.dumps(cs)
    jcard.loads(data)
    read, plain, full = _both(data)
    assert plain == full
    assert read > 0


_SCALARS = st.one_of(
    st.sampled_from(["", "a", "a,b", "a;b", "a\\b", "a\nb", "\x00", "1990-01-02", "+01:00"]),
    st.integers(-2, 2),
    st.booleans(),
    st.none(),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
_PARAMS = st.dictionaries(
    st.sampled_from(["type", "TYPE", "group", "Group", "value", "pref", "x-netcore-group", "a,b"]),
    st.one_of(_SCALARS, st.sampled_from(["item1", "a b", "work"]), st.lists(_SCALARS)),
    max_size=3,
)
_PROPS = st.tuples(
    st.sampled_from(["fn", "n", "adr", "org", "categories", "nickname", "note", "x-a", "X-B",
                     "bday", "rev", "tz", "url", "tel", "gender", "version", "FN"]),
    _PARAMS,
    st.sampled_from(["text", "unknown", "uri", "date-and-or-time", "timestamp", "utc-offset",
                     "phone-number", "vcard", "integer", "TEXT", ""]),
    st.lists(_VALUES, min_size=0, max_size=3),
).map(lambda t: [t[0], t[1], t[2], *t[3]])  # fmt: skip


@given(st.lists(_PROPS, max_size=8))
def test_drawn_hostile_properties_read_alike(props: list[Any]) -> None:
    data = json.dumps(["vcard", [["version", {}, "text", "4.0"], *props]])
    jcard.loads(data)  # known names, as in a long document
    _, plain, full = _both(data)
    assert plain == full


def test_issue_paths_of_plain_properties_name_them() -> None:
    # A value the model refuses, in a property the plain path read: the issue still
    # names the property's JSON path.
    data = json.dumps(
        [["vcard", [["version", {}, "text", "4.0"], ["uid", {}, "uri", "u"]]],
         ["vcard", [["version", {}, "text", "4.0"], ["email", {}, "text", "not\x01mail"]]]]
    )  # fmt: skip
    jcard.loads(data)
    read, plain, full = _both(data)
    assert read >= 3
    assert plain == full
    assert any("(at $[1][1][1])" in i.message for i in plain[1])
