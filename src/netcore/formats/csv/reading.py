"""Reading: the layout of a file, then one contact per data row."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from itertools import chain, islice
from typing import Any

from netcore._files import PathOrFile, read_bytes, report_progress, source_name
from netcore.errors import ParseError
from netcore.formats._encoding import decode_export
from netcore.formats.csv._core import _HEADER_SCAN_ROWS, _NS, DIALECTS, Dialect, _key, is_email
from netcore.formats.csv.detect import (
    Layout,
    describe,
    detect_separator,
    find_header,
    layout_product,
    missing_columns,
    resolve_fields,
    user_fields,
)
from netcore.formats.csv.google import _read_google
from netcore.formats.csv.headers import PLACEHOLDERS, Field, header_key
from netcore.formats.csv.linkedin import _read_linkedin
from netcore.formats.csv.records import _rows
from netcore.formats.csv.row import DateOrders, _Reader, _Row
from netcore.formats.csv.table import read_table
from netcore.formats.issues import IssueCollector, Parsed, Severity
from netcore.model import Contact

_READERS: dict[str, Callable[[_Reader], None]] = {
    "linkedin": _read_linkedin,
    "google": _read_google,
}
_MAP_HINT = (
    "map the columns yourself: csv.loads(text, columns={{{example}}}) or "
    'netcore convert FILE --columns "{cli}" (fields: given, family, display, email, phone, '
    "org, title, street, locality, postal_code, country, birthday, note, url...)"
)


class _Plan:
    """The layout being read, and what the rows showed of it."""

    def __init__(self, layout: Layout, header: list[str], fields: dict[str, Field]) -> None:
        self.layout = layout
        self.header = header
        self.fields = fields
        self.header_keys = {_key(h): header_key(h) for h in header}
        self.not_understood: dict[str, None] = {}
        self.nameless = 0
        self.dates = DateOrders()


def _row_uid(plan: _Plan, contact_fields: dict[str, Any], cells: list[str]) -> str:
    socials = contact_fields.get("social_profiles", ())
    dialect = plan.layout.dialect
    if dialect == "linkedin" and socials:
        basis = "linkedin\x1f" + socials[0].value.strip().casefold().rstrip("/")
    else:
        basis = (dialect or plan.layout.product) + "\x1f" + "\x1f".join(c.strip() for c in cells)
    return f"urn:uuid:{uuid.uuid5(_NS, basis)}"


def _read_row(
    plan: _Plan,
    cells: list[str],
    line: int,
    issues: IssueCollector,
    region: str | None,
    source: str,
) -> Contact:
    row = _Row(plan.header, cells, line, issues)
    reader = _Reader(row, region, plan.dates)
    own = _READERS.get(plan.layout.dialect or "")
    if own is not None:
        own(reader)
    read_table(reader, plan.fields, plan.header_keys)
    f = reader.f
    f["emails"] = tuple(reader.emails)
    f["phones"] = tuple(reader.phones)
    f["addresses"] = tuple(reader.addresses)
    f["organizations"] = tuple(reader.orgs)
    f["urls"] = tuple(reader.urls)
    f["related"] = tuple(reader.related)
    keys = plan.header_keys
    leftovers = row.leftovers(
        lambda key, value: value.casefold() in PLACEHOLDERS.get(keys.get(key, ""), frozenset())
    )
    for column in row.not_understood():
        plan.not_understood[column] = None
    f["extensions"] = tuple(reader.extensions) + tuple(leftovers)
    f["uid"] = _row_uid(plan, f, cells)
    f["source"] = source
    if not (f.get("formatted_name") or f.get("name") or f["emails"] or f["organizations"]):
        plan.nameless += 1
        issues.warning("row has no name, e-mail address or organisation", line=line)
    return Contact(**{k: v for k, v in f.items() if v is not None})


# ---- public reading -----------------------------------------------------------------------


def loads(
    data: str | bytes,
    *,
    dialect: Dialect | None = None,
    strict: bool = False,
    source: str | None = None,
    region: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Parsed[Contact]:
    r"""Read contacts from any address book's CSV export.

    Args:
        data: The CSV as text or bytes (UTF-8 with or without BOM, UTF-16 or UTF-32 with
            or without BOM, else Windows-1252).
        dialect: ``"linkedin"``, ``"google"`` or ``"outlook"``; ``None`` recognises it
            from the header.
        strict: Raise :class:`~netcore.errors.ParseError` at the first error instead of
            recording it.
        source: Name of the input for issues; also each contact's ``source`` (the dialect
            when not given).
        region: ISO 3166 country (``"GB"``) for reading national phone numbers as E.164.
        columns: Your own map of column names to fields (``{"Vorname": "given",
            "E-Mail-Adresse": "email", "Handy": "phone:cell"}``), for what detection
            misses; it wins over the header table. Without a header, name columns by
            position (``"Column 3"`` or ``"3"``). Fields: see :func:`sniff` and
            docs/csv.md.

    Returns:
        The contacts, one per non-blank row, with ``issues`` naming line and column.

    Raises:
        ParseError: In strict mode at the first error; and always when a non-empty
            input gives no contact (no known column, no e-mail column, no row with a
            name, e-mail address or organisation): the message names the columns seen
            and how to map them.
        UnsupportedFormatError: ``columns`` names a field that does not exist.

    Examples:
        >>> text = ("First Name,Last Name,E-mail Address,Mobile Phone\r\n"
        ...         "Ada,Lovelace,a@x.org,+44 20 7946 0958\r\n")
        >>> c = loads(text, dialect="outlook")[0]
        >>> c.formatted_name, c.emails[0].address, c.phones[0].e164, c.phones[0].types
        ('Ada Lovelace', 'a@x.org', '+442079460958', ('cell',))
    """
    user = user_fields(columns)
    issues = IssueCollector(source, strict=strict, capped=True)
    contacts: list[Contact] = []
    try:
        _loads_into(data, dialect, (columns, user), issues, region, source, contacts)
    except ParseError:
        raise
    except Exception as exc:  # the last line of defence: bad input is data, never a crash
        issues.error(f"could not read the CSV: {type(exc).__name__}: {exc}")
    return Parsed(contacts, [*issues.issues, *issues.summary()])


def _filled_width(cells: list[str]) -> int:
    """How many cells up to and including the last one that is not blank."""
    for i in range(len(cells) - 1, -1, -1):
        if cells[i] and not cells[i].isspace():
            return i + 1
    return 0


def _headerless(
    records: list[tuple[int, list[str]]], user: Mapping[str, Field]
) -> tuple[list[str], dict[str, Field]] | None:
    """Column names and fields of a file without a header, or None when nothing is found.

    An e-mail column is found by content; the first other column holding text in the
    first row is the display name; the user's map (by position) comes first.
    """
    # Only columns with text in some row get a name: a run of 16,000 tabs is not 16,000
    # named columns (each name, key and field costs far more than its one byte).
    width = max(_filled_width(cells) for _, cells in records)
    filled = bytearray(width)  # one byte a column, not a set entry and an int
    for _, cells in records:
        for i, c in enumerate(cells[:width]):
            if c and not c.isspace():
                filled[i] = 1
    header = [f"Column {i + 1}" if filled[i] else "" for i in range(width)]
    del filled
    fields = resolve_fields(header, [cells for _, cells in records], user)
    if not fields:
        return None
    if not any(f.kind in {"display", "given", "family"} for f in fields.values()):
        for position, cell in enumerate(records[0][1]):
            key = _key(header[position])
            if key not in fields and cell.strip() and not is_email(cell):
                fields[key] = Field("display")
                break
    return header, fields


_Records = list[tuple[int, list[str]]]

_PROGRESS_ROWS = 256
"""Rows between two progress reports (:func:`netcore._files.report_progress`)."""


def _unknown_header(records: _Records) -> bool:
    """A first row of column names netcore does not know, above rows with e-mail addresses.

    The first row must name the columns that hold e-mail addresses below it (a first row
    with an empty cell there is a person without an address, not a header).
    """
    first = records[0][1]
    if len(records) < 2 or any(is_email(c) for c in first):
        return False
    positions = {i for _, cells in records[1:] for i, c in enumerate(cells) if is_email(c)}
    return bool(positions) and all(i < len(first) and first[i].strip() for i in positions)


def _without_nul(header: list[str], line: int, issues: IssueCollector) -> list[str]:
    """The column names with each NUL replaced by U+FFFD (a ``WARNING`` names them).

    A column name becomes the ``X-COLUMN`` parameter of an ``X-CSV-*`` extension, and the
    model refuses NUL in a parameter value (no vCard can write it).
    """
    bad = [c for c in header if "\x00" in c]
    if not bad:
        return header
    issues.warning(
        f"NUL in column name(s) {', '.join(repr(c) for c in bad)} replaced by U+FFFD",
        line=line,
    )
    return [c.replace("\x00", "\ufffd") for c in header]


def _plan(
    text: str,
    dialect: Dialect | None,
    user: Mapping[str, Field],
    issues: IssueCollector,
) -> tuple[_Plan | None, _Records, Iterator[tuple[int, list[str]]]]:
    """The layout of ``text``, the rows read so far (after the header) and the rest."""
    sep, width = detect_separator(text)
    rows = _rows(text, issues, sep, resplit=width > 1)
    buffered = list(islice(rows, _HEADER_SCAN_ROWS))
    records = [(line, cells) for line, cells in buffered if any(c.strip() for c in cells)]
    if not records:
        return None, [], rows
    found = find_header(records, dialect, user)
    line: int | None = None
    if found is not None:
        index, found_dialect = found
        line, header = records[index]
        header = _without_nul(header, line, issues)
        if index:
            issues.info(f"skipped {line - 1} line(s) before the header (a preamble)", line=1)
        data = records[index + 1 :]
        fields = resolve_fields(header, [cells for _, cells in data], user)
        product = layout_product(header, found_dialect)
    elif dialect is None and _unknown_header(records):
        line, header = records[0]
        header = _without_nul(header, line, issues)
        data, found_dialect, product = records[1:], None, "generic"
        fields = resolve_fields(header, [cells for _, cells in data], user)
    elif dialect is None and (guessed := _headerless(records, user)) is not None:
        header, fields = guessed
        data, found_dialect, product = records, None, "no header"
        issues.info("no header row; columns found by their content", line=1)
    else:
        return None, records, rows
    layout = Layout(
        separator=sep,
        product=product,
        dialect=found_dialect,
        header_line=line,
        columns=tuple(header),
        fields={h: describe(fields[_key(h)]) for h in header if _key(h) in fields},
    )
    return _Plan(layout, header, fields), data, rows


def _no_contacts(source: str | None, columns: list[str], why: str) -> ParseError:
    shown = [c for c in columns if c.strip()][:12]
    example = ", ".join(f"{c!r}: 'given'" for c in shown[:1]) or "'Column 1': 'email'"
    cli = ",".join(f"{c}=given" for c in shown[:1]) or "Column 1=email"
    return ParseError(
        f"no contact could be read: {why}; columns seen: "
        + (", ".join(repr(c) for c in shown) or "(none)")
        + "; "
        + _MAP_HINT.format(example=example, cli=cli),
        source=source,
    )


def _loads_into(
    data: str | bytes,
    dialect: Dialect | None,
    column_map: tuple[Mapping[str, str] | None, Mapping[str, Field]],
    issues: IssueCollector,
    region: str | None,
    source: str | None,
    contacts: list[Contact],
) -> None:
    columns, user = column_map
    if dialect is not None and dialect not in DIALECTS:
        issues.error(f"unknown CSV dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
        return
    text = decode_export(data, issues)
    plan, data_rows, rest = _plan(text, dialect, user, issues)
    if plan is None:
        if data_rows:
            what = f"no {dialect} CSV header" if dialect else "no column netcore knows"
            raise _no_contacts(
                source,
                data_rows[0][1],
                f"{what} in the first {_HEADER_SCAN_ROWS} rows and no e-mail column",
            )
        return
    for name in missing_columns(columns, plan.header):
        issues.warning(
            f"the column map names {name!r}, which the file does not have; columns seen: "
            + ", ".join(repr(c) for c in plan.header if c.strip()),
            line=plan.layout.header_line,
        )
    used_uids: dict[str, int] = {}
    lines: list[int] = []  # the line of each contact, for dates read again at the end
    total = text.count("\n") + (not text.endswith("\n"))
    for n, (line, cells) in enumerate(chain(data_rows, rest)):
        if not n % _PROGRESS_ROWS:
            report_progress(source, line, total, "lines")  # for a bar: parsing is the slow part
        if not any(c.strip() for c in cells):
            continue
        try:
            contact = _read_row(plan, cells, line, issues, region, source or plan.layout.product)
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
        lines.append(line)
    _day_first_after_all(plan, issues, contacts, lines)
    _report(plan, issues)
    if not contacts:
        raise _no_contacts(source, plan.header, _why_none(issues, data_rows))


def _day_first_after_all(
    plan: _Plan, issues: IssueCollector, contacts: list[Contact], lines: list[int]
) -> None:
    """Read again, day first, the dates read before a later row proved their column so."""
    fixes = plan.dates.fixes(issues, {_key(h): h for h in plan.header})
    if not fixes:
        return
    for i, line in enumerate(lines):
        for field in fixes.get(line, ()):
            value = getattr(contacts[i], field)
            if isinstance(value, date):
                swapped = date(value.year, value.day, value.month)
                contacts[i] = contacts[i].model_copy(update={field: swapped})


def _why_none(issues: IssueCollector, data_rows: _Records) -> str:
    """Why a file with a layout gave no contact: its last error, no readable row, no row."""
    errors = [i for i in issues.issues if i.severity is Severity.ERROR]
    if errors:
        return f"{errors[-1].message} (line {errors[-1].line})"
    if any(any(c.strip() for c in cells) for _, cells in data_rows):
        return "no row could be read"
    return "the file has a header but no rows"


def _report(plan: _Plan, issues: IssueCollector) -> None:
    if plan.not_understood:
        names = ", ".join(repr(c) for c in plan.not_understood)
        issues.warning(
            f"{len(plan.not_understood)} column(s) not understood, kept as X-CSV-* extensions: "
            f"{names}; map them with columns= (CLI: --columns)",
            line=plan.layout.header_line,
        )


def load(
    path_or_file: PathOrFile,
    *,
    dialect: Dialect | None = None,
    strict: bool = False,
    region: str | None = None,
    columns: Mapping[str, str] | None = None,
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
        columns=columns,
    )


def sniff(data: str | bytes, *, columns: Mapping[str, str] | None = None) -> Layout | None:
    r"""What :func:`loads` would make of ``data``'s layout, without reading the rows.

    Returns:
        The separator, product, header line, columns and the field each column is read
        into; None when no header and no e-mail column is found.

    Examples:
        >>> layout = sniff("Vorname;Nachname;E-Mail-Adresse\nAda;Lovelace;ada@example.org\n")
        >>> layout.separator, layout.fields["E-Mail-Adresse"]
        (';', 'email')
    """
    issues = IssueCollector(None)
    plan, _, _ = _plan(decode_export(data, issues), None, user_fields(columns), issues)
    return None if plan is None else plan.layout
