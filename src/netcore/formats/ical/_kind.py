"""The event classifier: which :class:`~netcore.model.EventKind` a title and categories give."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from netcore.model.event import (
    EventKind,
)

_KIND_WORDS: tuple[tuple[EventKind, tuple[str, ...]], ...] = (
    (
        EventKind.CONFERENCE,
        ("conference", "summit", "congress", "symposium", "convention", "expo", "forum"),
    ),
    (
        EventKind.TRAINING,
        (
            "training",
            "workshop",
            "course",
            "seminar",
            "webinar",
            "bootcamp",
            "tutorial",
            "class",
            "lecture",
        ),
    ),
    (EventKind.MEETUP, ("meetup", "meet-up", "user group", "hackathon", "hack night")),
    (
        EventKind.SOCIAL,
        (
            "party",
            "dinner",
            "lunch",
            "breakfast",
            "drinks",
            "happy hour",
            "coffee",
            "reception",
            "celebration",
            "birthday",
            "bbq",
        ),
    ),
    (
        EventKind.MEETING,
        (
            "meeting",
            "call",
            "sync",
            "1:1",
            "one-on-one",
            "standup",
            "stand-up",
            "interview",
            "catch-up",
            "catch up",
            "review",
            "appointment",
        ),
    ),
)
_KIND_RES = tuple(
    (kind, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I))
    for kind, words in _KIND_WORDS
)


def guess_kind(title: str, categories: Iterable[str] = ()) -> EventKind:
    """The :class:`EventKind` the module docstring's rule gives for a title and categories.

    Only the first 2,000 characters of each text are searched.

    Examples:
        >>> guess_kind("Django meetup Berlin").value
        'meetup'
        >>> guess_kind("Lunch", ["Workshop"]).value
        'training'
    """
    return _guess_kind(title, tuple(categories))


_KIND_SCAN = 2_000
"""Characters of each title or category searched for kind keywords (bounds the cost)."""


@functools.lru_cache(maxsize=4096)
def _guess_kind(title: str, categories: tuple[str, ...]) -> EventKind:
    # Cached: every occurrence of a series asks again with the same texts.
    for text in (*categories, title):
        head = text[:_KIND_SCAN]
        for kind, pattern in _KIND_RES:
            if pattern.search(head):
                return kind
    return EventKind.OTHER
