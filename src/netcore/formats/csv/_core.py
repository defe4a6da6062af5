"""Names, constants and the column key every CSV module shares."""

from __future__ import annotations

import uuid
from typing import Literal, TypeAlias

Dialect: TypeAlias = Literal["linkedin", "google", "outlook"]
"""The CSV dialects netcore reads and writes."""

DIALECTS: tuple[Dialect, ...] = ("linkedin", "google", "outlook")
"""Every supported dialect, in the order :func:`loads` tries them on a tie-free header."""

CONNECTED_ON = "X-LINKEDIN-CONNECTED-ON"
"""The extension holding LinkedIn's "Connected On" date (ISO 8601)."""

_NS = uuid.UUID("0b0e1c4e-6d55-4b3a-9c61-7f3c2f8a9e21")
_HEADER_SCAN_ROWS = 50
_EMPTY_DATES = frozenset({"0/0/00", "00/00/0000", "0.0.00", "00.00.0000"})
_SEP = " ::: "


def _key(header: str) -> str:
    """A header cell compared case- and space-insensitively."""
    return " ".join(header.split()).casefold()
