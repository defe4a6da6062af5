"""Writing: contacts to the columns of a dialect, with the formula guard on every cell."""

from __future__ import annotations

import csv as _csv
import io
import re
from collections.abc import Callable, Iterable

from netcore._files import PathOrFile, scrub_surrogates, write_bytes
from netcore.errors import UnsupportedFormatError
from netcore.formats.csv._core import DIALECTS, Dialect, _key
from netcore.formats.csv.google import _google_header, _write_google
from netcore.formats.csv.linkedin import _LINKEDIN_COLUMNS, _write_linkedin
from netcore.formats.csv.outlook import _OUTLOOK_HEAD, _write_outlook
from netcore.formats.csv.values import _cell, _csv_columns
from netcore.model import (
    Contact,
)

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
        >>> from netcore.formats.csv import loads
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
