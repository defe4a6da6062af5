"""Records: text to records of cells (the separator); the encoding is in ``formats._encoding``."""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterator

from netcore._text import unguard
from netcore.formats.issues import IssueCollector

# ---- rows --------------------------------------------------------------------


SEPARATORS = (",", ";", "\t")
"""The separators netcore recognises, in the order it prefers them on a tie."""

_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def _resplit(cells: list[str], sep: str, line: int, issues: IssueCollector) -> list[str]:
    """A record read as one cell that holds another separator (Thunderbird's mixed files)."""
    if len(cells) != 1:
        return cells
    for other in SEPARATORS:
        if other != sep and other in cells[0]:
            issues.warning(
                f"this row is {_SEPARATOR_NAMES[other]}-separated, the file "
                f"{_SEPARATOR_NAMES[sep]}-separated; read with its own separator",
                line=line,
            )
            return next(_csv.reader([cells[0]], delimiter=other, strict=False), cells)
    return cells


def _rows(
    text: str, issues: IssueCollector, sep: str = ",", *, resplit: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for every record; a CSV syntax error ends the input with an issue.

    With ``resplit``, a record that comes out as one cell holding another of
    :data:`SEPARATORS` is split by that one (with a warning).
    """
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except _csv.Error as exc:
            issues.error(f"unreadable CSV, rest of input skipped: {exc}", line=reader.line_num)
            return
        if resplit:
            row = _resplit(row, sep, line, issues)
        yield line, [unguard(c) for c in row]
        line = reader.line_num + 1
