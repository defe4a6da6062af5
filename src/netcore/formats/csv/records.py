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
    :data:`SEPARATORS` is split by that one (with a warning). A quote opened and never
    closed makes the last record run to the end of the input: that is reported naming
    the line, and the lines it swallowed are read again without that quote (once).
    """
    lines = list(io.StringIO(text, newline=""))
    for line, row in _records(lines, 1, sep, issues, recover=True):
        if resplit:
            row = _resplit(row, sep, line, issues)
        yield line, [unguard(c) for c in row]


def _records(
    lines: list[str], first: int, sep: str, issues: IssueCollector, *, recover: bool
) -> Iterator[tuple[int, list[str]]]:
    """(first line, raw cells) of the records of ``lines``, numbered from ``first``."""
    reader = _csv.reader(iter(lines), delimiter=sep, strict=False)
    line = first
    held: tuple[int, list[str]] | None = None  # the last record may be a runaway quote
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except _csv.Error as exc:
            if held is not None:
                yield held
            issues.error(
                f"unreadable CSV, rest of input skipped: {exc}", line=first - 1 + reader.line_num
            )
            return
        if held is not None:
            yield held
        if first + reader.line_num - 1 > line:
            _check_multiline(lines[line - first : reader.line_num], line, sep, issues)
        held = (line, row)
        line = first + reader.line_num
    if held is None:
        return
    start = held[0]
    tail = "".join(lines[start - first :])
    opened = _unclosed_quote(tail, sep)
    if opened is None or start - first + 1 >= len(lines):
        yield held
        return
    last = first + len(lines) - 1
    if not recover:
        issues.error(
            f"a quote opened on line {start} is never closed: lines {start}-{last} were read "
            "as one record",
            line=start,
        )
        yield held
        return
    issues.warning(
        f"a quote opened on line {start} is never closed (it would swallow lines "
        f"{start}-{last} into one cell); those lines were read again without it",
        line=start,
    )
    fixed = tail[:opened] + tail[opened + 1 :]
    yield from _records(list(io.StringIO(fixed, newline="")), start, sep, issues, recover=False)


def _check_multiline(raw: list[str], line: int, sep: str, issues: IssueCollector) -> None:
    """Warn when a record over several lines has a quote closed in the middle of a cell.

    That is the mark of a stray quote that another stray quote closed (``"Ada`` on one
    line, ``"Cy`` some lines below): the lines between were read as one cell.
    """
    try:
        for _ in _csv.reader(raw, delimiter=sep, strict=True):
            pass
    except _csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return  # a quote open to the end of the input: see _records
        issues.warning(
            f"a quote opened on line {line} closes inside a cell {len(raw) - 1} line(s) below: "
            f"lines {line}-{line + len(raw) - 1} were read as one record; check the quotes",
            line=line,
        )


def _unclosed_quote(text: str, sep: str) -> int | None:
    """Where the quote still open at the end of the record ``text`` was opened, else None.

    Open by the csv module's own reading (the end of the input inside a quoted cell);
    the quote is the last one that the pairs of quotes before it leave open.
    """
    try:
        for _ in _csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True):
            pass
    except _csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return None
    else:
        return None
    opened: int | None = None
    at = text.find('"')
    while at != -1:
        opened = at if opened is None else None
        at = text.find('"', at + 1)
    return opened
