"""TODO."""

from __future__ import annotations

from netcore.formats.csv._core import (
    DIALECTS,
    Dialect,
    _key,
)
from netcore.formats.csv.google import _GOOGLE_MARKS, _GOOGLE_NUMBERED
from netcore.formats.csv.linkedin import _LINKEDIN_MARKS
from netcore.formats.csv.outlook import _OUTLOOK_MARKS


def _dialect_scores(header: list[str]) -> dict[Dialect, int]:
    keys = [_key(h) for h in header]
    names = int("first name" in keys or "last name" in keys)  # every dialect has them
    return {
        "linkedin": names + sum(k in _LINKEDIN_MARKS for k in keys),
        "google": names + sum(k in _GOOGLE_MARKS or bool(_GOOGLE_NUMBERED.match(k)) for k in keys),
        "outlook": names + sum(k in _OUTLOOK_MARKS for k in keys),
    }


def _best(scores: dict[Dialect, int]) -> Dialect | None:
    top = max(scores.values())
    winners = [d for d in DIALECTS if scores[d] == top]
    return winners[0] if top >= 2 and len(winners) == 1 else None
