"""Names, constants and the column key every CSV module shares."""

from __future__ import annotations

import re
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


_EMAIL_CELL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+")
_ADDRESS_SEP = re.compile(r"[;,]")


def is_email(cell: str) -> bool:
    """Whether a cell is one e-mail address (for finding an e-mail column by its content)."""
    return bool(_EMAIL_CELL.fullmatch(cell.strip()))


def addresses_in(cell: str) -> list[str]:
    """The addresses of an e-mail cell: several when it lists them, else the cell itself.

    ``a@x.example; b@x.example`` (or ``,`` between them, how people and many CRMs put
    several addresses in one cell) is split only when every piece is an address, so a
    display name such as ``Smith, Bob <bob@x.example>`` stays one value.

    Examples:
        >>> addresses_in("a@x.example; b@x.example,c@x.example")
        ['a@x.example', 'b@x.example', 'c@x.example']
        >>> addresses_in("Smith, Bob <bob@x.example>")
        ['Smith, Bob <bob@x.example>']
    """
    # split at the separators, then strip: a pattern with blanks around the separator
    # would try every run of blanks from every start (17 KB of blanks: 1.5 s)
    pieces = [p for p in map(str.strip, _ADDRESS_SEP.split(cell)) if p]
    return pieces if len(pieces) > 1 and all(map(_EMAIL_CELL.fullmatch, pieces)) else [cell]
