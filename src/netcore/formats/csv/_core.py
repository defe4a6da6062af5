"""What every CSV reader and writer shares: decoding, records, small parsers, one row, labels."""

from __future__ import annotations

import csv as _csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, Literal, TypeAlias

import phonenumbers
from pydantic import ValidationError

from netcore._text import safe_cell, unguard
from netcore.formats.issues import IssueCollector
from netcore.model import (
    Address,
    Contact,
    Email,
    Extension,
    Name,
    Organization,
    PartialDate,
    Phone,
    Related,
    Url,
)

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
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_", re.DOTALL)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PHONE_CELL = re.compile(r"\+[0-9 ()./\-]*[0-9][0-9 ()./\-]*")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")
_NOT_NAME = re.compile(r"[^A-Z0-9]+")


def _key(header: str) -> str:
    """A header cell compared case- and space-insensitively."""
    return " ".join(header.split()).casefold()


# ---- decoding and rows --------------------------------------------------------------------


def _decode(data: str | bytes, issues: IssueCollector) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").removeprefix("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warning(f"not UTF-8 (byte {exc.start}); read as Windows-1252, Outlook's ANSI export")
        return data.decode("cp1252", errors="replace")


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


# ---- small parsers ------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DMY_WORDS = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?,?[ -](\d{4}|\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if len(text) == 2 else year


def _parse_date(text: str) -> date | PartialDate:
    """ISO and partial dates, ``15 Mar 2021``, US ``3/15/2021`` and German ``31.1.1972``.

    A US-looking date whose first number cannot be a month is read day first (``20/01/1991``).
    """
    text = text.strip()
    m = _DMY_WORDS.fullmatch(text)
    if m and m.group(2).casefold() in _MONTHS:
        return date(_year(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1)))
    m = _US_DATE.fullmatch(text)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            first, second = second, first
        return date(_year(m.group(3)), first, second)
    m = _DOTTED_DATE.fullmatch(text)
    if m:
        return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    try:
        return date.fromisoformat(text)
    except ValueError:
        return PartialDate.parse(text)


def _e164(number: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _one_line(text: str) -> str:
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(_SEP.strip())] if _SEP.strip() in cell else [cell]


def _column_extension(column: str, value: str, position: int) -> Extension:
    name = _NOT_NAME.sub("-", column.upper()).strip("-") or f"COLUMN-{position}"
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


def _name_fields(
    given: str, family: str, additional: str = "", prefix: str = "", suffix: str = ""
) -> tuple[Name | None, str]:
    name = Name(
        given=given,
        family=family,
        additional=tuple(v for v in additional.split(_SEP) if v) if additional else (),
        prefixes=(prefix,) if prefix else (),
        suffixes=(suffix,) if suffix else (),
    )
    if name.is_empty():
        return None, ""
    parts = [prefix, given, additional.replace(_SEP, " "), family, suffix]
    return name, _one_line(" ".join(p for p in parts if p))


# ---- type labels --------------------------------------------------------------------------

_PHONE_LABELS: dict[str, tuple[str, ...]] = {
    "mobile": ("cell",),
    "home": ("home",),
    "work": ("work",),
    "main": ("main",),
    "home fax": ("home", "fax"),
    "work fax": ("work", "fax"),
    "other fax": ("fax",),
    "pager": ("pager",),
    "work mobile": ("work", "cell"),
    "work pager": ("work", "pager"),
    "other": (),
}
_PLAIN_LABELS: dict[str, tuple[str, ...]] = {"home": ("home",), "work": ("work",), "other": ()}


def plain_label(label: str) -> str:
    """A label as a person writes it: Apple's ``_$!<HomePage>!$_`` becomes ``Home Page``.

    Examples:
        >>> plain_label("_$!<HomeFAX>!$_"), plain_label("Work")
        ('Home Fax', 'Work')
    """
    m = _APPLE_LABEL.fullmatch(label.strip())
    if m is None:
        return label
    return " ".join(w.capitalize() for w in _CAMEL.sub(" ", m.group(1)).split())


def _labels_to(
    mapping: dict[str, tuple[str, ...]], cell: str
) -> tuple[tuple[str, ...], str | None, bool]:
    """(types, label, preferred) from a Google label cell like ``* Work``."""
    text = plain_label(cell.strip())
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    if not text:
        return (), None, preferred
    types = mapping.get(text.casefold())
    if types is not None:
        return types, None, preferred
    return (), _one_line(text), preferred


def _label_from(
    mapping: dict[str, tuple[str, ...]], types: tuple[str, ...], label: str | None, preferred: bool
) -> str:
    wanted = frozenset(t.casefold() for t in types)
    text = ""
    if label:
        text = plain_label(label)
    elif wanted:
        for name, mapped in mapping.items():
            if mapped and frozenset(mapped) == wanted:
                text = name.title()
                break
        else:
            text = " ".join(t.title() for t in types)
    if preferred:
        return f"* {text or 'Other'}"
    return text


# ---- readers ------------------------------------------------------------------------------


class _Reader:
    """Builds the fields of one contact from a row, dialect by dialect."""

    def __init__(self, row: _Row, region: str | None) -> None:
        self.row = row
        self.region = region
        self.f: dict[str, Any] = {}
        self.emails: list[Email] = []
        self.phones: list[Phone] = []
        self.addresses: list[Address] = []
        self.orgs: list[Organization] = []
        self.urls: list[Url] = []
        self.related: list[Related] = []
        self.extensions: list[Extension] = []

    def email(self, key: str, value: str, **kw: Any) -> None:
        if value:
            found = self.row.build(key, lambda: Email(address=value, **kw))
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
            parsed = self.row.build(key, lambda: _parse_date(value))
            if parsed is not None:
                self.f[field] = parsed

    def split_list(self, key: str, sep: str = _SEP) -> tuple[str, ...]:
        cell = self.row.get(key)
        return tuple(v.strip() for v in cell.split(sep.strip()) if v.strip()) if cell else ()


def _cell(value: str, *, phone: bool = False) -> str:
    if isinstance(value, Formatted) or (phone and _PHONE_CELL.fullmatch(value)):
        return value
    return safe_cell(value)


def _csv_columns(contact: Contact) -> list[tuple[str, str]]:
    out = []
    for ext in contact.extensions:
        if not ext.name.upper().startswith("X-CSV-"):
            continue
        column = next((v[0] for k, v in ext.params if k.upper() == "X-COLUMN" and v), None)
        out.append((column if column is not None else ext.name[6:], ext.value))
    return out


class Formatted(str):
    """A cell netcore formatted itself from a typed value (a date), never a formula.

    The formula guard leaves it as it is: a year-less birthday ``--11-02`` stays a date.
    """

    __slots__ = ()


def _date_out(value: date | PartialDate | None, *, us: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return Formatted(f"{value.month}/{value.day}/{value.year}" if us else value.isoformat())
    return "" if us else Formatted(str(value))


def _name_out(c: Contact) -> Name:
    if c.name is not None and not c.name.is_empty():
        return c.name
    words = c.formatted_name.split()
    if len(words) >= 2:
        return Name(given=" ".join(words[:-1]), family=words[-1])
    return Name(given=words[0] if words else "")
