r"""Contacts from any address book's CSV; LinkedIn, Google and Outlook CSV written.

**Reading** recognises the layout (see :func:`sniff` and docs/csv.md): the separator,
the header row and each column through one table of English and German column names
(Thunderbird, Windows Live Mail, Outlook, Apple, Tine 2.0 and others), an e-mail column
by its content, files without a header; ``columns=`` maps what detection misses. A
non-empty input from which no contact can be read raises
:class:`~netcore.errors.ParseError` naming the columns seen.

Three dialects are written, each with the columns its product exports:

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

**Reading** decodes UTF-8 with or without BOM, UTF-16 or UTF-32 with or without BOM (the
rule every reader shares), and falls back to Windows-1252 (Outlook's ANSI export) with a
warning. Quoting follows RFC 4180, and output uses CRLF line ends. Phones get their
E.164 form through ``phonenumbers`` when the number parses (international numbers;
national ones too when ``region`` is given). Bad rows and cells become issues naming the
line and the column; no exception but :class:`~netcore.errors.ParseError` (strict mode)
leaves :func:`loads`, whatever the input.

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

from netcore._text import safe_cell
from netcore.formats.csv._core import CONNECTED_ON, DIALECTS, Dialect
from netcore.formats.csv.detect import Layout
from netcore.formats.csv.linkedin import connection_interactions
from netcore.formats.csv.reading import load, loads, sniff
from netcore.formats.csv.writing import dump, dumps
from netcore.formats.issues import Parsed
from netcore.model import Interaction

__all__ = [
    "CONNECTED_ON",
    "DIALECTS",
    "Dialect",
    "Layout",
    "connection_interactions",
    "dump",
    "dumps",
    "linkedin_interactions",
    "load",
    "loads",
    "safe_cell",
    "sniff",
]


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
