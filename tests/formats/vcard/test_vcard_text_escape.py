"""``escape_join``: the writer's joined escape is the join of each item escaped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats._vcard_text import escape, escape_join

_ITEM = st.text(alphabet=st.sampled_from(["a", "é", ",", ";", "\\", "\n", "\r", " "]), max_size=5)


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
@pytest.mark.parametrize("sep", [";", ","])
@given(items=st.lists(_ITEM, max_size=5))
def test_escape_join_is_the_join_of_each_item_escaped(
    version: str, sep: str, items: list[str]
) -> None:
    assert escape_join(items, sep, version) == sep.join([escape(x, version) for x in items])


@pytest.mark.parametrize(
    ("items", "sep", "expected"),
    [
        (("a", "b"), ";", "a;b"),  # nothing to escape: joined as it is
        (("a;b", "c"), ";", "a\\;b;c"),  # a separator inside an item
        (("a,b", "c"), ";", "a\\,b;c"),  # the other separator
        (("a", "b,c"), ",", "a,b\\,c"),
        (("a\\", "b"), ";", "a\\\\;b"),
        (("a\nb", ""), ";", "a\\nb;"),
        ((), ",", ""),
        (("x;y",), ",", "x\\;y"),
    ],
)
def test_escape_join_examples(items: tuple[str, ...], sep: str, expected: str) -> None:
    assert escape_join(items, sep, "4.0") == expected
