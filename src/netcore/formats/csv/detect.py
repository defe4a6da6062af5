"""Detection: the separator, the header row, the product and what each column holds.

The encoding is decided in ``netcore.formats._encoding`` (shared with the other export
readers); this module works on the decoded text.
"""

from __future__ import annotations

import csv as _csv
import io
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice

from netcore.errors import UnsupportedFormatError
from netcore.formats.csv._core import DIALECTS, Dialect, _key, is_email
from netcore.formats.csv.google import _GOOGLE_MARKS, _GOOGLE_NUMBERED
from netcore.formats.csv.headers import DAY_OF_MONTH, KNOWN, Field, header_key, product
from netcore.formats.csv.linkedin import _LINKEDIN_MARKS
from netcore.formats.csv.outlook import _OUTLOOK_MARKS
from netcore.formats.csv.records import SEPARATORS

_SAMPLE_CHARS = 65536
_SAMPLE_RECORDS = 20
_POSITION = re.compile(r"(?:column\s*)?(\d+)")


def _split_first_records(sample: str, sep: str) -> list[list[str]]:
    reader = _csv.reader(io.StringIO(sample, newline=""), delimiter=sep, strict=False)
    rows: list[list[str]] = []
    try:
        for row in islice(reader, _SAMPLE_RECORDS):
            if any(c.strip() for c in row):
                rows.append(row)
    except _csv.Error:
        pass
    return rows


def _agreement(rows: list[list[str]]) -> tuple[int, int]:
    """(records as wide as the first, its width), when the first splits at all."""
    if not rows or len(rows[0]) < 2:
        return 0, 0
    width = len(rows[0])
    return sum(len(r) == width for r in rows), width


def _regularity(rows: list[list[str]]) -> tuple[int, int]:
    """(how often the most common width above one occurs, that width)."""
    counts = Counter(len(r) for r in rows if len(r) > 1)
    if not counts:
        return 0, 0
    width, times = max(counts.items(), key=lambda item: (item[1], item[0]))
    return times, width


def detect_separator(text: str) -> tuple[str, int]:
    r"""The separator of ``text`` (comma, semicolon or TAB) and the usual number of cells.

    The first record (a header, usually) decides: the separator that splits it into the
    most cells that the next records repeat wins. A wrong separator splits it not at all,
    or the records unevenly. When no separator splits the first record (a preamble, as
    in LinkedIn's file), the most regular split of the next records decides. Ties go to
    comma, then semicolon, then TAB.

    Examples:
        >>> detect_separator("Vorname;Nachname\nAda;Lovelace\n")
        (';', 2)
    """
    sample = text[:_SAMPLE_CHARS]
    split = {sep: _split_first_records(sample, sep) for sep in SEPARATORS}
    for rule in (_agreement, _regularity):
        scores = {sep: rule(rows) for sep, rows in split.items()}
        best = max(SEPARATORS, key=lambda sep: scores[sep])
        if scores[best][0]:
            return best, scores[best][1]
    return ",", 1


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


def _known_cells(cells: list[str], user: Mapping[str, Field]) -> int:
    return sum(_key(c) in user or header_key(c) in KNOWN for c in cells if c.strip())


@dataclass
class Layout:
    r"""What :func:`netcore.formats.csv.sniff` found out about a CSV file.

    Attributes:
        separator: ``","``, ``";"`` or ``"\\t"``.
        product: The product whose columns the header shows (``"linkedin"``,
            ``"google"``, ``"outlook"``, ``"outlook (German)"``, ``"thunderbird"``,
            ``"thunderbird (German)"``, ``"windows live mail (German)"``,
            ``"apple (German)"``, ``"tine 2.0"``), ``"generic"``, or ``"no header"``.
        dialect: The dialect reader that reads it (LinkedIn, Google), or ``"outlook"``
            for Outlook's own header, else None (the header table alone).
        header_line: The line of the header row; None when the file has none.
        columns: The column names (``Column 1``, ``Column 2``... without a header).
        fields: Column name to the field it is read into, written as ``--columns``
            takes it (``given``, ``email``, ``phone:work,fax``...); columns read by a
            dialect reader's own rules, and columns not understood, are not listed.
    """

    separator: str
    product: str
    dialect: Dialect | None
    header_line: int | None
    columns: tuple[str, ...]
    fields: dict[str, str] = field(default_factory=dict)


def find_header(
    records: list[tuple[int, list[str]]],
    dialect: Dialect | None,
    user: Mapping[str, Field],
) -> tuple[int, Dialect | None] | None:
    """(index in ``records``, dialect) of the header row, or None when there is none.

    A row a dialect recognises wins (the first such); else the row with the most known
    column names (the first of those), if any.
    """
    best: tuple[int, int] | None = None
    for index, (_, cells) in enumerate(records):
        scores = _dialect_scores(cells)
        found = _best(scores) if dialect is None else (dialect if scores[dialect] >= 1 else None)
        if found is not None:
            return index, found
        if dialect is None:
            known = _known_cells(cells, user)
            if known and (best is None or known > best[1]):
                best = (index, known)
    return None if best is None else (best[0], None)


def resolve_fields(
    header: list[str],
    data: list[list[str]],
    user: Mapping[str, Field],
) -> dict[str, Field]:
    """Row key to field for every column the header table, the user or the content explains.

    The user's map wins; then the table; the day-of-month reading of ``Birth Day`` and
    ``Geburtstag`` applies where the header has a year column too; and, when no column is
    an e-mail column, a column whose non-empty cells (in ``data``) are mostly e-mail
    addresses becomes one.
    """
    # Keys are computed as they are needed, not kept in a list as long as the header:
    # a row of 16,000 one-letter cells would hold 16,000 of them at once.
    no_field = Field("")
    has_year = any(KNOWN.get(header_key(h), no_field).kind == "birth_year" for h in header)
    fields: dict[str, Field] = {}
    for position, column in enumerate(header, 1):
        key = _key(column)
        if not key or key in fields:
            continue
        hkey = header_key(column)
        mapped = user.get(key) or user.get(str(position)) or KNOWN.get(hkey)
        if mapped is None:
            continue
        if has_year and hkey in DAY_OF_MONTH and key not in user:
            mapped = Field("birth_day")
        fields[key] = mapped
    if not any(f.kind == "email" for f in fields.values()):
        for position, column in enumerate(header):
            key = _key(column)
            if key in fields or not key:
                continue
            cells = [row[position] for row in data if position < len(row) and row[position].strip()]
            if cells and sum(map(is_email, cells)) * 2 > len(cells):
                fields[key] = Field("email")
    return fields


def user_fields(columns: Mapping[str, str] | None) -> dict[str, Field]:
    """The user's column map, by row key (or position: ``"3"``, ``"Column 3"``).

    Raises:
        UnsupportedFormatError: A column name or field name is not text, or no field.
    """
    from netcore.formats.csv.headers import parse_target

    out: dict[str, Field] = {}
    for column, target in (columns or {}).items():
        if not isinstance(column, str) or not isinstance(target, str):
            raise UnsupportedFormatError(
                f"the column map must map column names to field names (both text); got "
                f"{column!r}: {target!r}"
            )
        m = _POSITION.fullmatch(column.strip().lower())
        out[m.group(1) if m else _key(column)] = parse_target(target)
    return out


def missing_columns(columns: Mapping[str, str] | None, header: list[str]) -> list[str]:
    """The columns the user's map names that ``header`` does not have (by name or position)."""
    have = {_key(h) for h in header}
    missing = []
    for column in columns or {}:
        m = _POSITION.fullmatch(column.strip().lower())
        found = 1 <= int(m.group(1)) <= len(header) if m else _key(column) in have
        if not found:
            missing.append(column)
    return missing


def describe(f: Field) -> str:
    """A field as ``--columns`` writes it (``phone:work,fax``)."""
    types = ("pref", *f.types) if f.preferred else f.types
    return f.kind + (":" + ",".join(types) if types else "")


def layout_product(header: list[str], dialect: Dialect | None) -> str:
    """The product name for :class:`Layout`: a dialect's, else by the header's names."""
    found = product(header)
    if dialect is not None and (dialect != "outlook" or found == "generic"):
        return dialect
    return found
