r"""LinkedIn ``Connections.csv``, Google Contacts CSV and Outlook CSV, both ways.

Three dialects, each with the columns its product exports:

``"linkedin"``
    ``Connections.csv`` from LinkedIn's data export: some ``Notes:`` lines, a blank line,
    then ``First Name, Last Name, URL, Email Address, Company, Position, Connected On``.
``"google"``
    Google Contacts' export, the current header (``First Name, Middle Name, Last Name,
    ..., E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Label, ...``) and the older one
    (``Name, Given Name, Family Name, ..., E-mail 1 - Type, E-mail 1 - Value``); several
    values in one cell are separated by ``" ::: "`` and a label starting with ``"* "``
    marks the preferred value. :func:`dumps` writes the current header.
``"outlook"``
    Outlook's export (``First Name, Middle Name, Last Name, Title, Suffix, Company,
    Department, Job Title, Business Street, ..., E-mail Address, E-mail 2 Address,
    Mobile Phone, Business Phone, Home Phone, Birthday, Notes, Categories, ...``).

With ``dialect=None``, :func:`loads` recognises the dialect from the header (which may
come after preamble lines, as in LinkedIn's file).

**Nothing is lost on input.** Every non-empty cell of a column netcore does not map,
and every cell whose value could not be used (an email without ``@``, a date that does
not parse), is kept in :attr:`Contact.extensions` as ``X-CSV-<COLUMN>`` (the column name
upper-cased, runs of other characters turned into ``-``) with the exact column name in
the parameter ``X-COLUMN``; :func:`dumps` writes such extensions back into a column of
that name. Outlook's placeholder values (``Priority: Normal``, ``Sensitivity: Normal``,
``Private: False``, ``Gender: Unspecified``, a ``0/0/00`` date) count as empty.

**LinkedIn's "Connected On"** is kept on the contact as the extension
``X-LINKEDIN-CONNECTED-ON`` (an ISO date), so a contact can be written back to the
LinkedIn dialect; :func:`connection_interactions` turns it into an
:class:`~netcore.model.Interaction` (kind ``SOCIAL``, direction ``MUTUAL``, at midnight
UTC of that date, with an id derived from the contact uid and the date, so importing the
same file twice logs nothing twice), and :func:`linkedin_interactions` does both steps
from the file's text::

    contacts = csv.loads(text)                           # dialect sniffed: linkedin
    network.add_contacts(contacts)
    network.log_many(csv.connection_interactions(contacts))

**Uids** are derived, never random, so that re-importing a file yields the same uids:
from the LinkedIn profile URL where there is one, else from the row's cells. A row
repeated in one file gets a ``-2``, ``-3``... suffix and a warning.

**Formula injection.** Spreadsheets run a cell that begins with ``=``, ``+``, ``-``,
``@``, TAB or CR as a formula. :func:`dumps` prefixes such a cell with ``'`` (which
spreadsheets show as text), as OWASP recommends, with one exception: a cell of a phone
column that is only a phone number (``+`` then digits, spaces and ``( ) . - /``) is
written as it is, since it holds no function or reference and must stay dialable.
:func:`loads` removes that one ``'`` from a cell that begins with ``'`` and a trigger
character (and a value that really begins with ``'=`` is written as ``''=``), so that
values round-trip.

**Reading** decodes UTF-8 with or without BOM, UTF-16 with BOM, and falls back to
Windows-1252 (Outlook's ANSI export) with a warning. Quoting follows RFC 4180, and
output uses CRLF line ends. Phones get their E.164 form through ``phonenumbers`` when
the number parses (international numbers; national ones too when ``region`` is given).
Bad rows and cells become issues naming the line and the column; no exception but
:class:`~netcore.errors.ParseError` (strict mode) leaves :func:`loads`, whatever the
input.

Examples:
    >>> text = (
    ...     'Notes:\n"Some email addresses may be missing."\n\n'
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    ...     "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,CTO,15 Mar 2021\n"
    ... )
    >>> contacts = loads(text)
    >>> c = contacts[0]
    >>> c.formatted_name, c.organizations[0].title, c.social_profiles[0].value
    ('Ada Lovelace', 'CTO', 'https://www.linkedin.com/in/ada')
    >>> i = connection_interactions(contacts)[0]
    >>> i.at.isoformat(), i.kind.value
    ('2021-03-15T00:00:00+00:00', 'social')
"""

from __future__ import annotations

import csv as _csv
import functools
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any, Literal, TypeAlias

import phonenumbers
from pydantic import ValidationError

from netcore._files import PathOrFile, read_bytes, scrub_surrogates, source_name, write_bytes
from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model import (
    Address,
    Contact,
    Direction,
    Email,
    Extension,
    Interaction,
    InteractionKind,
    Name,
    Organization,
    PartialDate,
    Phone,
    Photo,
    Related,
    Url,
)

__all__ = [
    "CONNECTED_ON",
    "DIALECTS",
    "Dialect",
    "connection_interactions",
    "dump",
    "dumps",
    "linkedin_interactions",
    "load",
    "loads",
    "safe_cell",
]

Dialect: TypeAlias = Literal["linkedin", "google", "outlook"]
"""The CSV dialects netcore reads and writes."""

DIALECTS: tuple[Dialect, ...] = ("linkedin", "google", "outlook")
"""Every supported dialect, in the order :func:`loads` tries them on a tie-free header."""

CONNECTED_ON = "X-LINKEDIN-CONNECTED-ON"
"""The extension holding LinkedIn's "Connected On" date (ISO 8601)."""

_NS = uuid.UUID("0b0e1c4e-6d55-4b3a-9c61-7f3c2f8a9e21")
_HEADER_SCAN_ROWS = 50
_SEP = " ::: "
_TRIGGER = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_PHONE_CELL = re.compile(r"\+[0-9 ()./\-]*[0-9][0-9 ()./\-]*")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")
_NOT_NAME = re.compile(r"[^A-Z0-9]+")


def _key(header: str) -> str:
    """A header cell compared case- and space-insensitively."""
    return " ".join(header.split()).casefold()


# ---- dialect recognition ------------------------------------------------------------------

_LINKEDIN_COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_LINKEDIN_MARKS = frozenset({"url", "email address", "position", "connected on"})
_GOOGLE_MARKS = frozenset(
    {
        "given name",
        "family name",
        "additional name",
        "group membership",
        "labels",
        "file as",
        "nickname",
        "name prefix",
        "organization name",
        "organization title",
        "phonetic first name",
        "given name yomi",
        "middle name",
        "name suffix",
    }
)
_GOOGLE_NUMBERED = re.compile(
    r"^(e-mail|phone|address|website|relation|event|im|organization|custom field|external id)"
    r" (\d+) - (.+)$"
)
_OUTLOOK_MARKS = frozenset(
    {
        "e-mail address",
        "e-mail 2 address",
        "mobile phone",
        "business phone",
        "home phone",
        "job title",
        "business street",
        "categories",
        "suffix",
        "title",
        "department",
        "home street",
        "web page",
        "business fax",
    }
)


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


def _unneutralise(cell: str) -> str:
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def _rows(text: str, issues: IssueCollector) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for every record; a CSV syntax error ends the input with an issue."""
    reader = _csv.reader(io.StringIO(text, newline=""), strict=False)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except _csv.Error as exc:
            issues.error(f"unreadable CSV, rest of input skipped: {exc}", line=reader.line_num)
            return
        yield line, [_unneutralise(c) for c in row]
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


def _parse_date(text: str) -> date | PartialDate:
    """ISO dates and partial dates, ``15 Mar 2021`` and US ``3/15/2021``."""
    text = text.strip()
    m = _DMY_WORDS.fullmatch(text)
    if m and m.group(2).casefold() in _MONTHS:
        year = int(m.group(3))
        return date(
            year + 2000 if year < 100 else year, _MONTHS[m.group(2).casefold()], int(m.group(1))
        )
    m = _US_DATE.fullmatch(text)
    if m:
        year = int(m.group(3))
        return date(year + 2000 if year < 100 else year, int(m.group(1)), int(m.group(2)))
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

    def get(self, key: str) -> str:
        """The stripped cell of column ``key`` ("" when absent), marked as used."""
        found = self.cells.get(key)
        if found is None:
            return ""
        self.used.add(key)
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

    def leftovers(self, defaults: dict[str, str] | None = None) -> list[Extension]:
        out = list(self.extra)
        for key, (column, value, pos) in self.cells.items():
            if key in self.used or not value.strip():
                continue
            if defaults and defaults.get(key, "\x00").casefold() == value.strip().casefold():
                continue
            out.append(_column_extension(column, value, pos))
        return out


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


def _labels_to(
    mapping: dict[str, tuple[str, ...]], cell: str
) -> tuple[tuple[str, ...], str | None, bool]:
    """(types, label, preferred) from a Google label cell like ``* Work``."""
    text = cell.strip()
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
        text = label
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
        if value and value not in {"0/0/00", "00/00/0000"}:
            parsed = self.row.build(key, lambda: _parse_date(value))
            if parsed is not None:
                self.f[field] = parsed

    def split_list(self, key: str, sep: str = _SEP) -> tuple[str, ...]:
        cell = self.row.get(key)
        return tuple(v.strip() for v in cell.split(sep.strip()) if v.strip()) if cell else ()


def _read_linkedin(r: _Reader) -> None:
    row = r.row
    r.f["name"], r.f["formatted_name"] = _name_fields(row.get("first name"), row.get("last name"))
    url = row.get("url")
    socials: list[Url] = []
    r.url("url", url, into=socials, service="linkedin")
    r.f["social_profiles"] = tuple(socials)
    r.email("email address", row.get("email address"))
    company, position = row.get("company"), row.get("position")
    if company or position:
        r.orgs.append(Organization(name=company, title=position or None))
    connected = row.get("connected on")
    if connected:
        parsed = row.build("connected on", lambda: _parse_date(connected))
        if isinstance(parsed, date):
            r.extensions.append(Extension(name=CONNECTED_ON, value=parsed.isoformat()))
        elif parsed is not None:
            row.bad("connected on", f"not a full date: {connected!r}")


def _google_groups(row: _Row) -> dict[tuple[str, int], dict[str, str]]:
    groups: dict[tuple[str, int], dict[str, str]] = {}
    for key in row.cells:
        m = _GOOGLE_NUMBERED.match(key)
        if m:
            groups.setdefault((m.group(1), int(m.group(2))), {})[m.group(3)] = key
    return dict(sorted(groups.items()))


def _read_google(r: _Reader) -> None:
    row = r.row
    given = row.get("first name") or row.get("given name")
    additional = row.get("middle name") or row.get("additional name")
    family = row.get("last name") or row.get("family name")
    r.f["name"], derived = _name_fields(
        given, family, additional, row.get("name prefix"), row.get("name suffix")
    )
    full = row.get("name")
    r.f["formatted_name"] = _one_line(full) if full else derived
    r.f["nicknames"] = r.split_list("nickname")
    r.date("birthday", "birthday")
    r.f["note"] = row.get("notes") or None
    r.f["categories"] = r.split_list("labels") + r.split_list("group membership")
    gender = row.get("gender")
    r.f["gender"] = _one_line(gender) or None
    photo = row.get("photo")
    if photo:
        r.f["photo"] = row.build("photo", lambda: Photo(uri=_one_line(photo)))
    names = _split(row.get("organization name"))
    titles = _split(row.get("organization title"))
    depts = _split(row.get("organization department"))
    for i in range(max(len(names), len(titles), len(depts))):
        name = names[i] if i < len(names) else ""
        title = titles[i] if i < len(titles) else ""
        dept = depts[i] if i < len(depts) else ""
        if name or title or dept:
            r.orgs.append(
                Organization(name=name, units=(dept,) if dept else (), title=title or None)
            )
    for (kind, _n), subs in _google_groups(row).items():
        label_key = subs.get("label") or subs.get("type") or ""
        if kind == "e-mail":
            _google_values(r, label_key, subs.get("value"), _PLAIN_LABELS, r.email)
        elif kind == "phone":
            _google_values(r, label_key, subs.get("value"), _PHONE_LABELS, r.phone)
        elif kind == "website":
            _google_values(r, label_key, subs.get("value"), _PLAIN_LABELS, r.url)
        elif kind == "address":
            _google_address(r, label_key, subs)
        elif kind == "organization":
            name, title = row.get(subs.get("name", "")), row.get(subs.get("title", ""))
            dept = row.get(subs.get("department", ""))
            if name or title or dept:
                r.orgs.append(
                    Organization(name=name, units=(dept,) if dept else (), title=title or None)
                )
        elif kind == "relation":
            _google_relation(r, label_key, subs.get("value"))
        elif kind == "event" and "value" in subs:
            label = row.cells.get(label_key, ("", "", 0))[1].strip().lstrip("*").strip()
            if label.casefold() == "anniversary" and "anniversary" not in r.f:
                row.get(label_key)
                r.date(subs["value"], "anniversary")
                if "anniversary" not in r.f:
                    row.used.discard(label_key)


def _google_values(
    r: _Reader,
    label_key: str,
    value_key: str | None,
    mapping: dict[str, tuple[str, ...]],
    add: Callable[..., None],
) -> None:
    if value_key is None:
        return
    values = [v for v in _split(r.row.get(value_key)) if v]
    if not values:
        return
    types, label, preferred = _labels_to(mapping, r.row.get(label_key) if label_key else "")
    for value in values:
        add(value_key, value, types=types, label=label, preferred=preferred)


_GOOGLE_ADDRESS = (
    ("po box", "po_box"),
    ("extended address", "extended"),
    ("street", "street"),
    ("city", "locality"),
    ("region", "region"),
    ("postal code", "postal_code"),
    ("country", "country"),
    ("formatted", "formatted"),
)


def _google_address(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    columns = {field: _split(r.row.get(subs[sub])) for sub, field in _GOOGLE_ADDRESS if sub in subs}
    count = max((len(v) for v in columns.values()), default=0)
    types, label, preferred = _labels_to(_PLAIN_LABELS, r.row.get(label_key) if label_key else "")
    for i in range(count):
        parts = {f: (v[i] if i < len(v) else "") for f, v in columns.items()}
        if not any(parts.values()):
            continue
        formatted = parts.pop("formatted", "") or None
        key = subs.get("street") or next(iter(subs.values()))
        found = r.row.build(
            key,
            also=subs.values(),
            make=functools.partial(
                Address,
                **parts,
                formatted=formatted,
                types=types,
                label=label,
                preferred=preferred,
            ),
        )
        if found is not None:
            r.addresses.append(found)


def _google_relation(r: _Reader, label_key: str, value_key: str | None) -> None:
    if value_key is None:
        return
    label = r.row.get(label_key).lstrip("*").strip() if label_key else ""
    for value in _split(r.row.get(value_key)):
        if value:
            r.related.append(Related(value=value, types=(label.casefold(),) if label else ()))


# Outlook: (column, types, label) for phones, in the order Outlook writes them.
_OUTLOOK_PHONES: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("Assistant's Phone", (), "Assistant"),
    ("Business Fax", ("work", "fax"), None),
    ("Business Phone", ("work",), None),
    ("Business Phone 2", ("work",), None),
    ("Callback", (), "Callback"),
    ("Car Phone", ("car",), None),
    ("Company Main Phone", ("work",), "Company Main"),
    ("Home Fax", ("home", "fax"), None),
    ("Home Phone", ("home",), None),
    ("Home Phone 2", ("home",), None),
    ("ISDN", ("isdn",), None),
    ("Mobile Phone", ("cell",), None),
    ("Other Fax", ("fax",), None),
    ("Other Phone", (), None),
    ("Pager", ("pager",), None),
    ("Primary Phone", (), "Primary"),
    ("Radio Phone", (), "Radio"),
    ("TTY/TDD Phone", ("textphone",), None),
    ("Telex", (), "Telex"),
)
_OUTLOOK_ADDRESSES = (("Business", ("work",)), ("Home", ("home",)), ("Other", ()))
_OUTLOOK_DEFAULTS = {
    "priority": "Normal",
    "sensitivity": "Normal",
    "private": "False",
    "gender": "Unspecified",
}
_OUTLOOK_GENDER = {"male": "M", "female": "F"}


def _read_outlook(r: _Reader) -> None:
    row = r.row
    r.f["name"], r.f["formatted_name"] = _name_fields(
        row.get("first name"),
        row.get("last name"),
        row.get("middle name"),
        row.get("title"),
        row.get("suffix"),
    )
    company, dept, title = row.get("company"), row.get("department"), row.get("job title")
    role = row.get("profession")
    if company or dept or title or role:
        r.orgs.append(
            Organization(
                name=company, units=(dept,) if dept else (), title=title or None, role=role or None
            )
        )
    for key in ("e-mail address", "e-mail 2 address", "e-mail 3 address"):
        r.email(key, row.get(key))
    for column, types, label in _OUTLOOK_PHONES:
        r.phone(_key(column), row.get(_key(column)), types=types, label=label)
    for prefix, types in _OUTLOOK_ADDRESSES:
        p = prefix.casefold()
        streets = [row.get(f"{p} street"), row.get(f"{p} street 2"), row.get(f"{p} street 3")]
        parts: dict[str, Any] = {
            "street": "\n".join(s for s in streets if s),
            "locality": row.get(f"{p} city"),
            "region": row.get(f"{p} state"),
            "postal_code": row.get(f"{p} postal code"),
            "country": row.get(f"{p} country/region"),
            "po_box": row.get(f"{p} address po box"),
        }
        if any(parts.values()):
            found = row.build(
                f"{p} street",
                functools.partial(Address, **parts, types=types),
                also=[k for k in row.cells if k.startswith(p + " ")],
            )
            if found is not None:
                r.addresses.append(found)
    r.date("birthday", "birthday")
    r.date("anniversary", "anniversary")
    r.f["note"] = row.get("notes") or None
    r.f["categories"] = r.split_list("categories", ";")
    r.url("web page", row.get("web page"))
    gender = row.get("gender").casefold()
    if gender in _OUTLOOK_GENDER:
        r.f["gender"] = _OUTLOOK_GENDER[gender]
    elif gender == "unspecified":
        pass
    elif gender:
        row.used.discard("gender")
    spouse = row.get("spouse")
    if spouse:
        r.related.append(Related(value=spouse, types=("spouse",)))


_READERS: dict[Dialect, Callable[[_Reader], None]] = {
    "linkedin": _read_linkedin,
    "google": _read_google,
    "outlook": _read_outlook,
}


def _row_uid(dialect: Dialect, contact_fields: dict[str, Any], cells: list[str]) -> str:
    socials = contact_fields.get("social_profiles", ())
    if dialect == "linkedin" and socials:
        basis = "linkedin\x1f" + socials[0].value.strip().casefold().rstrip("/")
    else:
        basis = dialect + "\x1f" + "\x1f".join(c.strip() for c in cells)
    return f"urn:uuid:{uuid.uuid5(_NS, basis)}"


def _read_row(
    dialect: Dialect,
    header: list[str],
    cells: list[str],
    line: int,
    issues: IssueCollector,
    region: str | None,
    source: str,
) -> Contact:
    row = _Row(header, cells, line, issues)
    reader = _Reader(row, region)
    _READERS[dialect](reader)
    f = reader.f
    f["emails"] = tuple(reader.emails)
    f["phones"] = tuple(reader.phones)
    f["addresses"] = tuple(reader.addresses)
    f["organizations"] = tuple(reader.orgs)
    f["urls"] = tuple(reader.urls)
    f["related"] = tuple(reader.related)
    defaults = _OUTLOOK_DEFAULTS if dialect == "outlook" else None
    f["extensions"] = tuple(reader.extensions) + tuple(row.leftovers(defaults))
    f["uid"] = _row_uid(dialect, f, cells)
    f["source"] = source
    return Contact(**{k: v for k, v in f.items() if v is not None})


# ---- public reading -----------------------------------------------------------------------


def loads(
    data: str | bytes,
    *,
    dialect: Dialect | None = None,
    strict: bool = False,
    source: str | None = None,
    region: str | None = None,
) -> Parsed[Contact]:
    r"""Read contacts from LinkedIn, Google or Outlook CSV text.

    Args:
        data: The CSV as text or bytes (UTF-8 with or without BOM, UTF-16 with BOM,
            else Windows-1252).
        dialect: ``"linkedin"``, ``"google"`` or ``"outlook"``; ``None`` recognises it
            from the header.
        strict: Raise :class:`~netcore.errors.ParseError` at the first error instead of
            recording it.
        source: Name of the input for issues; also each contact's ``source`` (the dialect
            when not given).
        region: ISO 3166 country (``"GB"``) for reading national phone numbers as E.164.

    Returns:
        The contacts, one per non-blank row, with ``issues`` naming line and column.

    Raises:
        ParseError: Only in strict mode, at the first error (bad header, bad cell).

    Examples:
        >>> text = ("First Name,Last Name,E-mail Address,Mobile Phone\r\n"
        ...         "Ada,Lovelace,a@x.org,+44 20 7946 0958\r\n")
        >>> c = loads(text, dialect="outlook")[0]
        >>> c.formatted_name, c.emails[0].address, c.phones[0].e164, c.phones[0].types
        ('Ada Lovelace', 'a@x.org', '+442079460958', ('cell',))
    """
    issues = IssueCollector(source, strict=strict)
    contacts: list[Contact] = []
    try:
        _loads_into(data, dialect, issues, region, source, contacts)
    except ParseError:
        raise
    except Exception as exc:  # the last line of defence: bad input is data, never a crash
        issues.error(f"could not read the CSV: {type(exc).__name__}: {exc}")
    return Parsed(contacts, issues.issues)


def _loads_into(
    data: str | bytes,
    dialect: Dialect | None,
    issues: IssueCollector,
    region: str | None,
    source: str | None,
    contacts: list[Contact],
) -> None:
    if dialect is not None and dialect not in DIALECTS:
        issues.error(f"unknown CSV dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
        return
    rows = _rows(_decode(data, issues), issues)
    header: list[str] | None = None
    header_line = 0
    skipped: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            skipped.append((line, cells))
            continue
        scores = _dialect_scores(cells)
        found = _best(scores) if dialect is None else (dialect if scores[dialect] >= 1 else None)
        if found is not None:
            header, header_line, dialect = cells, line, found
            break
        skipped.append((line, cells))
        if len(skipped) >= _HEADER_SCAN_ROWS:
            break
    if header is None or dialect is None:
        issues.error(
            "no LinkedIn, Google or Outlook CSV header found in the first "
            f"{_HEADER_SCAN_ROWS} rows",
            line=1,
        )
        return
    if any(any(c.strip() for c in cells) for _, cells in skipped):
        issues.info(f"skipped {header_line - 1} line(s) before the header (a preamble)", line=1)
    used_uids: dict[str, int] = {}
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        try:
            contact = _read_row(dialect, header, cells, line, issues, region, source or dialect)
        except ParseError:
            raise
        except ValueError as exc:
            issues.error(f"row skipped: {exc}", line=line)
            continue
        count = used_uids.get(contact.uid, 0) + 1
        used_uids[contact.uid] = count
        if count > 1:
            issues.warning(f"row repeats an earlier row; uid suffixed with -{count}", line=line)
            contact = contact.model_copy(update={"uid": f"{contact.uid}-{count}"})
        contacts.append(contact)


def load(
    path_or_file: PathOrFile,
    *,
    dialect: Dialect | None = None,
    strict: bool = False,
    region: str | None = None,
) -> Parsed[Contact]:
    r"""Read a CSV file (a path or a binary file object); see :func:`loads`.

    Examples:
        >>> import io
        >>> len(load(io.BytesIO(b"First Name,Last Name,URL,Connected On\nAda,L,,1 Jan 2020\n")))
        1
    """
    return loads(
        read_bytes(path_or_file),
        dialect=dialect,
        strict=strict,
        source=source_name(path_or_file),
        region=region,
    )


# ---- interactions -------------------------------------------------------------------------


def connection_interactions(contacts: Iterable[Contact]) -> list[Interaction]:
    """One ``SOCIAL`` interaction per contact that carries LinkedIn's "Connected On" date.

    The interaction is ``MUTUAL``, at midnight UTC of that date, noted "Connected on
    LinkedIn", with an id derived from the contact's uid and the date (the same file
    imported twice gives the same ids).

    Examples:
        >>> from netcore.model import Contact, Extension
        >>> c = Contact(uid="ada", extensions=(Extension(name=CONNECTED_ON, value="2021-03-15"),))
        >>> [(i.contact_uids, i.at.date().isoformat()) for i in connection_interactions([c])]
        [(('ada',), '2021-03-15')]
    """
    out: list[Interaction] = []
    for contact in contacts:
        for ext in contact.extensions:
            if ext.name.upper() != CONNECTED_ON:
                continue
            try:
                day = date.fromisoformat(ext.value.strip())
            except ValueError:
                continue
            out.append(
                Interaction(
                    id=str(uuid.uuid5(_NS, f"linkedin-connected\x1f{contact.uid}\x1f{day}")),
                    at=datetime.combine(day, time(), UTC),
                    contact_uids=(contact.uid,),
                    kind=InteractionKind.SOCIAL,
                    direction=Direction.MUTUAL,
                    note="Connected on LinkedIn",
                )
            )
            break
    return out


def linkedin_interactions(
    data: str | bytes, *, strict: bool = False, source: str | None = None
) -> Parsed[Interaction]:
    r"""The "Connected On" interactions of a LinkedIn ``Connections.csv``, with its issues.

    Same as ``connection_interactions(loads(data, dialect="linkedin"))``; the uids are
    those :func:`loads` gives the contacts.

    Examples:
        >>> text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" \
        ...        "Ada,L,https://www.linkedin.com/in/ada,,,,05 Jan 2024\n"
        >>> [i.at.date().isoformat() for i in linkedin_interactions(text)]
        ['2024-01-05']
    """
    contacts = loads(data, dialect="linkedin", strict=strict, source=source)
    return Parsed(connection_interactions(contacts), contacts.issues)


# ---- writing ------------------------------------------------------------------------------


def safe_cell(value: str) -> str:
    """``value`` made safe for a spreadsheet: a would-be formula cell gets a ``'`` prefix.

    Cells starting with ``=``, ``+``, ``-``, ``@``, TAB or CR (after any leading ``'``) are
    prefixed with ``'``; :func:`loads` strips that one ``'`` again. Use it for any CSV you
    write from contact data.

    Examples:
        >>> print(safe_cell('=HYPERLINK("http://x.example")'), safe_cell("Ada"))
        '=HYPERLINK("http://x.example") Ada
    """
    return "'" + value if _TRIGGER.match(value) else value


def _cell(value: str, *, phone: bool = False) -> str:
    if phone and _PHONE_CELL.fullmatch(value):
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


def _date_out(value: date | PartialDate | None, *, us: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.month}/{value.day}/{value.year}" if us else value.isoformat()
    return "" if us else str(value)


def _name_out(c: Contact) -> Name:
    if c.name is not None and not c.name.is_empty():
        return c.name
    words = c.formatted_name.split()
    if len(words) >= 2:
        return Name(given=" ".join(words[:-1]), family=words[-1])
    return Name(given=words[0] if words else "")


def _write_linkedin(c: Contact) -> dict[str, str]:
    name = _name_out(c)
    org = c.organizations[0] if c.organizations else Organization()
    profile = next(
        (
            u
            for u in c.social_profiles
            if (u.service or "").casefold() == "linkedin" or "linkedin." in u.value.casefold()
        ),
        c.social_profiles[0] if c.social_profiles else None,
    )
    connected = ""
    for ext in c.extensions:
        if ext.name.upper() == CONNECTED_ON:
            try:
                day = date.fromisoformat(ext.value.strip())
                connected = f"{day.day:02d} {day.strftime('%b')} {day.year}"
            except ValueError:
                connected = ext.value
            break
    return {
        "First Name": name.given,
        "Last Name": name.family,
        "URL": profile.value if profile else "",
        "Email Address": c.emails[0].address if c.emails else "",
        "Company": org.name,
        "Position": org.title or "",
        "Connected On": connected,
    }


_GOOGLE_HEAD = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
)
_GOOGLE_ADDRESS_OUT = (
    "Formatted",
    "Street",
    "City",
    "PO Box",
    "Region",
    "Postal Code",
    "Country",
    "Extended Address",
)


def _google_header(contacts: list[Contact]) -> list[str]:
    n_email = max([1, *(len(c.emails) for c in contacts)])
    n_phone = max([1, *(len(c.phones) for c in contacts)])
    n_addr = max([1, *(len(c.addresses) for c in contacts)])
    n_web = max([1, *(len(c.urls) for c in contacts)])
    n_rel = max([0, *(len(c.related) for c in contacts)])
    has_anniv = any(c.anniversary is not None for c in contacts)
    head = list(_GOOGLE_HEAD)
    for i in range(1, n_email + 1):
        head += [f"E-mail {i} - Label", f"E-mail {i} - Value"]
    for i in range(1, n_phone + 1):
        head += [f"Phone {i} - Label", f"Phone {i} - Value"]
    for i in range(1, n_addr + 1):
        head += [f"Address {i} - Label"] + [f"Address {i} - {s}" for s in _GOOGLE_ADDRESS_OUT]
    for i in range(1, n_web + 1):
        head += [f"Website {i} - Label", f"Website {i} - Value"]
    for i in range(1, n_rel + 1):
        head += [f"Relation {i} - Label", f"Relation {i} - Value"]
    if has_anniv:
        head += ["Event 1 - Label", "Event 1 - Value"]
    return head


def _write_google(c: Contact) -> dict[str, str]:
    name = c.name if c.name is not None and not c.name.is_empty() else _name_out(c)
    orgs = c.organizations
    out = {
        "First Name": name.given,
        "Middle Name": _SEP.join(name.additional),
        "Last Name": name.family,
        "Name Prefix": " ".join(name.prefixes),
        "Name Suffix": " ".join(name.suffixes),
        "Nickname": _SEP.join(c.nicknames),
        "Organization Name": _SEP.join(o.name for o in orgs),
        "Organization Title": _SEP.join(o.title or "" for o in orgs).strip(),
        "Organization Department": _SEP.join(", ".join(o.units) for o in orgs).strip(),
        "Birthday": _date_out(c.birthday, us=False),
        "Notes": c.note or "",
        "Photo": c.photo.uri if c.photo is not None and c.photo.uri else "",
        "Labels": _SEP.join(c.categories),
    }
    if not any(o.title for o in orgs):
        out["Organization Title"] = ""
    if not any(o.units for o in orgs):
        out["Organization Department"] = ""
    for i, e in enumerate(c.emails, 1):
        out[f"E-mail {i} - Label"] = _label_from(_PLAIN_LABELS, e.types, e.label, e.preferred)
        out[f"E-mail {i} - Value"] = e.address
    for i, p in enumerate(c.phones, 1):
        out[f"Phone {i} - Label"] = _label_from(_PHONE_LABELS, p.types, p.label, p.preferred)
        out[f"Phone {i} - Value"] = p.number
    for i, a in enumerate(c.addresses, 1):
        out[f"Address {i} - Label"] = _label_from(_PLAIN_LABELS, a.types, a.label, a.preferred)
        for sub, value in zip(
            _GOOGLE_ADDRESS_OUT,
            (
                a.formatted or "",
                a.street,
                a.locality,
                a.po_box,
                a.region,
                a.postal_code,
                a.country,
                a.extended,
            ),
            strict=True,
        ):
            out[f"Address {i} - {sub}"] = value
    for i, u in enumerate(c.urls, 1):
        out[f"Website {i} - Label"] = _label_from(_PLAIN_LABELS, u.types, u.label, u.preferred)
        out[f"Website {i} - Value"] = u.value
    for i, r in enumerate(c.related, 1):
        out[f"Relation {i} - Label"] = r.label or (r.types[0].title() if r.types else "")
        out[f"Relation {i} - Value"] = r.value
    if c.anniversary is not None:
        out["Event 1 - Label"] = "Anniversary"
        out["Event 1 - Value"] = _date_out(c.anniversary, us=False)
    return out


_OUTLOOK_HEAD = (
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business Street 2",
    "Business Street 3",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home Street 2",
    "Home Street 3",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other Street 2",
    "Other Street 3",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    *(column for column, _, _ in _OUTLOOK_PHONES),
    "Account",
    "Anniversary",
    "Assistant's Name",
    "Billing Information",
    "Birthday",
    "Business Address PO Box",
    "Categories",
    "Children",
    "Directory Server",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "E-mail 3 Address",
    "E-mail 3 Type",
    "E-mail 3 Display Name",
    "Gender",
    "Government ID Number",
    "Hobby",
    "Home Address PO Box",
    "Initials",
    "Internet Free Busy",
    "Keywords",
    "Language",
    "Location",
    "Manager's Name",
    "Mileage",
    "Notes",
    "Office Location",
    "Organizational ID Number",
    "Other Address PO Box",
    "Priority",
    "Private",
    "Profession",
    "Referred By",
    "Sensitivity",
    "Spouse",
    "User 1",
    "User 2",
    "User 3",
    "User 4",
    "Web Page",
)


def _place_phones(phones: tuple[Phone, ...]) -> dict[str, str]:
    """Give each phone an Outlook column: exact type and label first, then type, then any."""
    free = [column for column, _, _ in _OUTLOOK_PHONES]
    spec = {column: (frozenset(types), label) for column, types, label in _OUTLOOK_PHONES}
    out: dict[str, str] = {}
    pending = list(phones)
    tests: tuple[Callable[[Phone, str], bool], ...] = (
        lambda p, col: spec[col] == (frozenset(t.casefold() for t in p.types), p.label),
        lambda p, col: spec[col][0] == frozenset(t.casefold() for t in p.types),
        lambda p, col: True,
    )
    for test in tests:
        still: list[Phone] = []
        for p in pending:
            column = next((col for col in free if test(p, col)), None)
            if column is None:
                still.append(p)
            else:
                free.remove(column)
                out[column] = p.number
        pending = still
    return out


def _write_outlook(c: Contact) -> dict[str, str]:
    name = _name_out(c)
    org = c.organizations[0] if c.organizations else Organization()
    out = {
        "Title": " ".join(name.prefixes),
        "First Name": name.given,
        "Middle Name": " ".join(name.additional),
        "Last Name": name.family,
        "Suffix": " ".join(name.suffixes),
        "Company": org.name,
        "Department": ", ".join(org.units),
        "Job Title": org.title or "",
        "Profession": org.role or "",
        "Birthday": _date_out(c.birthday, us=True),
        "Anniversary": _date_out(c.anniversary, us=True),
        "Notes": c.note or "",
        "Categories": ";".join(c.categories),
        "Web Page": c.urls[0].value if c.urls else "",
        "Gender": {"M": "Male", "F": "Female"}.get(c.gender or "", ""),
    }
    for column, e in zip(
        ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"), c.emails, strict=False
    ):
        out[column] = e.address
    out.update(_place_phones(c.phones))
    remaining = list(c.addresses)
    for prefix, types in _OUTLOOK_ADDRESSES:
        wanted = frozenset(types)
        pick = next(
            (a for a in remaining if wanted and wanted <= {t.casefold() for t in a.types}), None
        )
        if pick is None and not wanted:
            pick = next((a for a in remaining), None)
        if pick is None:
            continue
        remaining.remove(pick)
        lines = pick.street.split("\n")
        streets = [*lines[:2], " ".join(lines[2:])] if len(lines) > 2 else lines
        for i, line in enumerate(streets):
            out[f"{prefix} Street" + (f" {i + 1}" if i else "")] = line
        out[f"{prefix} City"] = pick.locality
        out[f"{prefix} State"] = pick.region
        out[f"{prefix} Postal Code"] = pick.postal_code
        out[f"{prefix} Country/Region"] = pick.country
        out[f"{prefix} Address PO Box"] = pick.po_box
    spouse = next((r for r in c.related if "spouse" in {t.casefold() for t in r.types}), None)
    if spouse is not None:
        out["Spouse"] = spouse.value
    return out


_WRITERS: dict[Dialect, Callable[[Contact], dict[str, str]]] = {
    "linkedin": _write_linkedin,
    "google": _write_google,
    "outlook": _write_outlook,
}
_PHONE_COLUMN = re.compile(
    r"(?i)^(phone \d+ - value|.*phone( 2)?|.*fax|pager|callback|isdn|telex)$"
)


def dumps(contacts: Iterable[Contact], *, dialect: Dialect) -> str:
    """Write contacts as CSV in the columns ``dialect``'s product exports.

    Cells that a spreadsheet would run as a formula are prefixed with ``'`` (phone
    numbers excepted; see the module docstring). ``X-CSV-*`` extensions (columns read
    from a CSV and not mapped) are written back into their columns, appended after the
    product's own. Lines end in CRLF, quoting follows RFC 4180. A lone surrogate (which no
    UTF-8 file can hold) is written as U+FFFD.

    What each dialect carries: LinkedIn the given and family name, the first email, the
    LinkedIn (else first) social profile, the first organization's name and title and
    the connection date; Outlook the structured name, the first organization (name,
    units, title, role), three emails, 19 phone columns, one business, one home and one
    other address, birthday and anniversary as full dates, notes, categories (``;``),
    the first URL, gender M/F and a spouse; Google all names, nicknames, organizations,
    emails, phones, addresses, URLs, related people with their labels, birthday and
    anniversary, notes, labels and a photo URI.

    Raises:
        UnsupportedFormatError: ``dialect`` is not one of :data:`DIALECTS`.

    Examples:
        >>> from netcore.model import Contact, Name, Phone
        >>> c = Contact(uid="1", name=Name(given="Ada", family="=1+1"),
        ...             phones=(Phone(number="+44 20 7946 0958", types=("cell",)),))
        >>> print(dumps([c], dialect="outlook").splitlines()[1][:30])
        ,Ada,,'=1+1,,,,,,,,,,,,,,,,,,,
        >>> loads(dumps([c], dialect="outlook"))[0].name.family
        '=1+1'
    """
    if dialect not in _WRITERS:
        raise UnsupportedFormatError(
            f"unknown CSV dialect {dialect!r}; expected one of {', '.join(DIALECTS)}"
        )
    items = list(contacts)
    if dialect == "linkedin":
        header = list(_LINKEDIN_COLUMNS)
    elif dialect == "google":
        header = _google_header(items)
    else:
        header = list(_OUTLOOK_HEAD)
    known = {_key(h) for h in header}
    rows: list[dict[str, str]] = []
    for c in items:
        values = {_key(k): v for k, v in _WRITERS[dialect](c).items() if v}
        for column, value in _csv_columns(c):
            key = _key(column)
            if key not in known:
                known.add(key)
                header.append(column)
            values.setdefault(key, value)
        rows.append(values)
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    phone_columns = [bool(_PHONE_COLUMN.match(h)) for h in header]
    for values in rows:
        writer.writerow(
            [
                _cell(values.get(_key(h), ""), phone=is_phone)
                for h, is_phone in zip(header, phone_columns, strict=True)
            ]
        )
    return scrub_surrogates(buffer.getvalue())


def dump(contacts: Iterable[Contact], path_or_file: PathOrFile, *, dialect: Dialect) -> None:
    """Write :func:`dumps` output as UTF-8 to a path (atomically) or a binary file object.

    Examples:
        >>> import io
        >>> from netcore.model import Contact
        >>> buf = io.BytesIO()
        >>> dump([Contact(uid="1", formatted_name="Ada Lovelace")], buf, dialect="linkedin")
        >>> buf.getvalue().splitlines()[1]
        b'Ada,Lovelace,,,,,'
    """
    write_bytes(dumps(contacts, dialect=dialect).encode("utf-8"), path_or_file)
