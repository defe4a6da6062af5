"""Write contacts in any output format (the end of the pipeline)."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

from netcore._files import report_progress, write_bytes
from netcore.errors import UnsupportedFormatError
from netcore.model import Contact, Network

__all__ = ["OUTPUT_FORMATS", "OutputFormat", "dumps", "output_format_for", "save"]


class OutputFormat(enum.StrEnum):
    """The formats :func:`save` writes contacts in: one name each, the CLI's ``--to`` too."""

    VCARD4 = "vcard4"
    """vCard 4.0 (RFC 6350)."""
    VCARD3 = "vcard3"
    """vCard 3.0 (RFC 2426)."""
    VCARD21 = "vcard21"
    """vCard 2.1 (Outlook, older phones)."""
    JCARD = "jcard"
    """jCard (RFC 7095)."""
    JSON = "json"
    """A netcore network document."""
    CSV_GOOGLE = "csv-google"
    """Google Contacts CSV."""
    CSV_OUTLOOK = "csv-outlook"
    """Outlook CSV."""
    CSV_LINKEDIN = "csv-linkedin"
    """LinkedIn connections CSV."""


OUTPUT_FORMATS: tuple[OutputFormat, ...] = tuple(OutputFormat)
"""The formats :func:`save` writes contacts in (every :class:`OutputFormat`)."""

_OUT_SUFFIXES: Mapping[str, OutputFormat] = {
    ".vcf": OutputFormat.VCARD4,
    ".vcard": OutputFormat.VCARD4,
    ".jcard": OutputFormat.JCARD,
    ".jcf": OutputFormat.JCARD,
    ".json": OutputFormat.JSON,
    ".csv": OutputFormat.CSV_GOOGLE,
}


def output_format_for(name: str) -> OutputFormat:
    """The output format a file name asks for.

    ``.vcf`` is vCard 4.0, ``.jcard`` jCard, ``.json`` a netcore JSON document, ``.csv``
    Google CSV.

    Raises:
        UnsupportedFormatError: The suffix is none of these.

    Examples:
        >>> output_format_for("out/contacts.VCF")
        <OutputFormat.VCARD4: 'vcard4'>
    """
    fmt = _OUT_SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"{name}: cannot tell the output format from the suffix; give --to "
            f"{'|'.join(OUTPUT_FORMATS)}"
        )
    return fmt


def dumps(contacts: Sequence[Contact], fmt: OutputFormat | str) -> str:
    """Contacts as text in ``fmt`` (an :class:`OutputFormat` or its name).

    For ``json``, contacts sharing a uid keep only the first (a network holds one
    contact per uid).

    Raises:
        UnsupportedFormatError: ``fmt`` is not one of :data:`OUTPUT_FORMATS`.
    """
    try:
        fmt = OutputFormat(fmt)
    except ValueError:
        raise UnsupportedFormatError(
            f"unknown output format {fmt!r}; use {'|'.join(OUTPUT_FORMATS)}"
        ) from None
    if fmt in {"vcard4", "vcard3", "vcard21"}:
        from netcore.formats import vcard

        version = {"vcard4": "4.0", "vcard3": "3.0", "vcard21": "2.1"}[fmt]
        return vcard.dumps(_reported(contacts), version=version)
    if fmt == "jcard":
        from netcore.formats import jcard

        return jcard.dumps(_reported(contacts))
    if fmt.startswith("csv-"):
        from netcore.formats import csv

        dialect: Literal["linkedin", "google", "outlook"] = (
            "google" if fmt == "csv-google" else "outlook" if fmt == "csv-outlook" else "linkedin"
        )
        return csv.dumps(contacts, dialect=dialect)
    if fmt == "json":
        from netcore.formats import json

        net = Network()
        seen: set[str] = set()
        unique = []
        for c in contacts:
            if c.uid not in seen:
                seen.add(c.uid)
                unique.append(c)
        net.add_contacts(unique)
        return json.dumps(net)
    raise AssertionError(f"unhandled output format {fmt}")  # pragma: no cover


_PROGRESS_CONTACTS = 256
"""Contacts written between two progress reports."""


def _reported(contacts: Sequence[Contact]) -> Iterator[Contact]:
    """``contacts``, reporting to :func:`netcore._files.report_progress` as they are written.

    For the writers that write one contact at a time (vCard, jCard): a CLI bar follows them.
    """
    total = len(contacts)
    for n, contact in enumerate(contacts):
        if not n % _PROGRESS_CONTACTS:
            report_progress(None, n, total, "contacts")
        yield contact


def save(
    path: str | os.PathLike[str],
    contacts: Sequence[Contact],
    *,
    fmt: OutputFormat | str | None = None,
) -> OutputFormat:
    """Write contacts to ``path`` (atomically), in ``fmt`` or the format its suffix asks for.

    Returns:
        The format written.

    Raises:
        UnsupportedFormatError: No ``fmt`` and the suffix names no format.
    """
    chosen = OutputFormat(fmt) if fmt else output_format_for(os.fspath(path))
    write_bytes(dumps(contacts, chosen).encode("utf-8"), path)
    return chosen
