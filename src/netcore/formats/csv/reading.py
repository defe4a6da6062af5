"""TODO."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from netcore._files import PathOrFile, read_bytes, source_name
from netcore.errors import ParseError
from netcore.formats.csv._core import (
    _HEADER_SCAN_ROWS,
    _NS,
    DIALECTS,
    Dialect,
    _decode,
    _Reader,
    _Row,
    _rows,
)
from netcore.formats.csv.detect import _best, _dialect_scores
from netcore.formats.csv.google import _read_google
from netcore.formats.csv.linkedin import _read_linkedin
from netcore.formats.csv.outlook import _OUTLOOK_DEFAULTS, _read_outlook
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model import (
    Contact,
)

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
