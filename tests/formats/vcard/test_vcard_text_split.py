"""``split_escaped``: splitting a vCard value on unescaped separators (issue 18 speed-up)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats._vcard_text import split_escaped


def _reference(value: str, sep: str) -> list[str]:
    """The rule, one character at a time: a backslash escapes the character after it.

    A backslash at the very end escapes nothing and stays in the last piece; escapes are
    kept in the pieces (unescaping is a step of its own).
    """
    parts: list[str] = []
    cur = ""
    i = 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            cur += value[i : i + 2]
            i += 2
            continue
        if value[i] == sep:
            parts.append(cur)
            cur = ""
        else:
            cur += value[i]
        i += 1
    parts.append(cur)
    return parts


@pytest.mark.parametrize(
    ("value", "sep", "expected"),
    [
        ("", ";", [""]),
        (";", ";", ["", ""]),
        ("a\\;b;c", ";", ["a\\;b", "c"]),
        ("a\\\\;b", ";", ["a\\\\", "b"]),
        ("a;b\\", ";", ["a", "b\\"]),
        ("1 Main St\\, Suite 4;Berlin", ",", ["1 Main St\\, Suite 4;Berlin"]),
        ("x\\\n;y", ";", ["x\\\n", "y"]),
        ("a,\\,,", ",", ["a", "\\,", ""]),
    ],
)
def test_split_escaped_examples(value: str, sep: str, expected: list[str]) -> None:
    assert split_escaped(value, sep) == expected


@given(st.text(alphabet="ab;,\\\n é", max_size=40), st.sampled_from([";", ","]))
def test_split_escaped_follows_the_rule(value: str, sep: str) -> None:
    assert split_escaped(value, sep) == _reference(value, sep)
