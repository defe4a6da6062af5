"""One row being read: its cells by column, which were used, and the fields built so far."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from netcore.formats._address import without_mailto
from netcore.formats.csv._core import _EMPTY_DATES, _SEP, _key, addresses_in
from netcore.formats.csv.values import _e164, _parse_date, slash_order
from netcore.formats.issues import IssueCollector
from netcore.model import (
    Address,
    Email,
    Extension,
    Organization,
    Phone,
    Related,
    Url,
)

_NOT_NAME = re.compile(r"[^A-Z0-9]+")


def _column_extension(column: str, value: str, position: int) -> Extension:
    name = _NOT_NAME.sub("-", column.upper()).strip("-") or f"COLUMN-{position}"
    if "\\" in value or "\n" in value or "\r" in value:
        # An extension's value is its written (escaped) text: a backslash is "\\" and a
        # line break "\n" (the model's one newline rule); the CSV writer undoes both.
        value = value.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\r", "\\n")
        value = value.replace("\n", "\\n")
    return Extension(name=f"X-CSV-{name}", value=value, params=(("X-COLUMN", (column,)),))


# ---- one row ------------------------------------------------------------------------------


class _Row:
    """The cells of one record by header key, remembering which were used."""

    def __init__(
        self, header: list[str], cells: list[str], line: int, issues: IssueCollector
    ) -> None:
        self.line = line
        self.issues = issues
        self.cells: dict[str, tuple[str, str, int]] = {}  # key -> (column, value, position)
        self.extra: list[Extension] = []
        for pos, (column, value) in enumerate(zip(header, cells, strict=False), 1):
            if not value or value.isspace():
                # An empty cell reads as an absent one: not held, so that a row of 16,000
                # empty cells (a run of tabs) costs no more than its bytes.
                continue
            key = _key(column)
            if key in self.cells or not key:
                if value.strip():
                    self.extra.append(_column_extension(column, value, pos))
                continue
            self.cells[key] = (column, value, pos)
        if len(cells) > len(header):
            issues.warning(
                f"{len(cells)} cells but {len(header)} columns; extra cells kept as X-CSV-COLUMN-n",
                line=line,
            )
            for pos in range(len(header) + 1, len(cells) + 1):
                if cells[pos - 1].strip():
                    self.extra.append(_column_extension(f"Column {pos}", cells[pos - 1], pos))
        self.used: set[str] = set()
        self.seen: set[str] = set()
        # Cells already reported as unusable: no second reader tries (and reports) them.
        self.reported: set[str] = set()

    def get(self, key: str) -> str:
        """The stripped cell of column ``key`` ("" when absent), marked as used."""
        found = self.cells.get(key)
        if found is None:
            return ""
        self.used.add(key)
        self.seen.add(key)
        return found[1].strip()

    def bad(self, key: str, message: str) -> None:
        """Report a cell that could not be used; it is kept as an extension."""
        self.used.discard(key)
        self.reported.add(key)
        column = self.cells[key][0] if key in self.cells else key
        self.issues.error(f"{message}; kept as X-CSV extension", line=self.line, property=column)

    def build(self, key: str, make: Callable[[], Any], also: Iterable[str] = ()) -> Any:
        """``make()``, or None with an issue on ``key`` when the value is invalid.

        The cells of ``key`` and ``also`` are then kept as extensions.
        """
        try:
            return make()
        except ValidationError as exc:
            errors = exc.errors()
            self.bad(key, f"invalid value: {errors[0]['msg'] if errors else exc.title}")
        except ValueError as exc:
            self.bad(key, f"invalid value: {exc}")
        for other in also:
            self.used.discard(other)
        return None

    def leftovers(self, placeholder: Callable[[str, str], bool] | None = None) -> list[Extension]:
        """The cells no reader used, as ``X-CSV-*`` extensions.

        Args:
            placeholder: ``(key, value) -> True`` for a value that means "empty"
                (Outlook's ``Priority: Normal``); such cells are not kept.
        """
        out = list(self.extra)
        for key, (column, value, pos) in self.cells.items():
            if key in self.used or not value.strip():
                continue
            if placeholder is not None and placeholder(key, value.strip()):
                self.seen.add(key)
                continue
            out.append(_column_extension(column, value, pos))
        return out

    def not_understood(self) -> list[str]:
        """The columns with a value that no reader even looked at."""
        return [
            column
            for key, (column, value, _) in self.cells.items()
            if key not in self.seen and value.strip()
        ]


# ---- readers ------------------------------------------------------------------------------


class DateOrders:
    """The day/month order of each date column of one file, as its cells prove it.

    Each ``D/M/Y`` or ``M/D/Y`` cell is not decided alone (RT-codecs2-3): ``20/01/1981``
    proves its column day-first (a UK or German Outlook export), so ``06/03/2005`` in the
    same column is 6 March. A cell read before the proof is read month-first and noted;
    :meth:`fixes` says which to read again once every row is read.
    """

    def __init__(self) -> None:
        self.proof: dict[str, dict[str, int]] = {}  # column -> order -> first line showing it
        self.early: dict[str, list[tuple[int, str]]] = {}  # (line, field) read month-first

    def day_first(self, key: str, text: str, line: int, field: str) -> bool:
        """Whether to read ``text`` of column ``key`` day first (and note what it shows)."""
        order = slash_order(text)
        if order is None:
            return False
        proof = self.proof.setdefault(key, {})
        if order != "ambiguous":
            proof.setdefault(order, line)
            return False
        if "dmy" in proof and "mdy" not in proof:
            return True
        self.early.setdefault(key, []).append((line, field))
        return False

    def fixes(self, issues: IssueCollector, columns: dict[str, str]) -> dict[int, list[str]]:
        """The fields (by line) to read day first after all; an issue per column.

        Args:
            issues: Where to say what was decided.
            columns: Column name by key, for the messages.
        """
        out: dict[int, list[str]] = {}
        for key, early in self.early.items():
            proof = self.proof.get(key, {})
            name = columns.get(key, key)
            if "dmy" in proof and "mdy" in proof:
                issues.warning(
                    f"column {name!r} holds day-first (line {proof['dmy']}) and month-first "
                    f"(line {proof['mdy']}) dates; {len(early)} date(s) that read either way "
                    "were read month first",
                    line=early[0][0],
                )
            elif "dmy" in proof:
                issues.info(
                    f"column {name!r} is day first (line {proof['dmy']} shows it); "
                    f"{len(early)} earlier date(s) read so",
                    line=early[0][0],
                )
                for line, field in early:
                    out.setdefault(line, []).append(field)
        return out


class _Reader:
    """Builds the fields of one contact from a row, dialect by dialect."""

    def __init__(self, row: _Row, region: str | None, dates: DateOrders | None = None) -> None:
        self.row = row
        self.region = region
        self.dates = dates if dates is not None else DateOrders()
        self.f: dict[str, Any] = {}
        self.emails: list[Email] = []
        self.phones: list[Phone] = []
        self.addresses: list[Address] = []
        self.orgs: list[Organization] = []
        self.urls: list[Url] = []
        self.related: list[Related] = []
        self.extensions: list[Extension] = []

    def email(self, key: str, value: str, **kw: Any) -> None:
        """The address (or each of the addresses, RT-codecs2-5) of an e-mail cell."""
        if not value:
            return
        for i, address in enumerate(map(without_mailto, addresses_in(value))):
            extra = {**kw, "preferred": False} if i and kw.get("preferred") else kw
            found = self.row.build(key, functools.partial(Email, address=address, **extra))
            if found is not None:
                self.emails.append(found)

    def phone(self, key: str, value: str, **kw: Any) -> None:
        if value:
            found = self.row.build(
                key, lambda: Phone(number=value, e164=_e164(value, self.region), **kw)
            )
            if found is not None:
                self.phones.append(found)

    def url(self, key: str, value: str, into: list[Url] | None = None, **kw: Any) -> None:
        if value:
            found = self.row.build(key, lambda: Url(value=value, **kw))
            if found is not None:
                (self.urls if into is None else into).append(found)

    def date(self, key: str, field: str) -> None:
        value = self.row.get(key)
        if value and value not in _EMPTY_DATES:
            day_first = self.dates.day_first(key, value, self.row.line, field)
            parsed = self.row.build(key, lambda: _parse_date(value, day_first=day_first))
            if parsed is not None:
                self.f[field] = parsed

    def split_list(self, key: str, sep: str = _SEP) -> tuple[str, ...]:
        cell = self.row.get(key)
        return tuple(v.strip() for v in cell.split(sep.strip()) if v.strip()) if cell else ()
