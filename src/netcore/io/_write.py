"""Write contacts in any output format (the end of the pipeline)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from netcore._files import write_bytes
from netcore.errors import UnsupportedFormatError
from netcore.model import Contact, Network

__all__ = ["OUTPUT_FORMATS", "OutputFormat", "dumps", "output_format_for", "save"]


OutputFormat = Literal[
    "vcard4", "vcard3", "vcard21", "jcard", "json", "csv-google", "csv-outlook", "csv-linkedin"
]

OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    "vcard4",
    "vcard3",
    "vcard21",
    "jcard",
    "json",
    "csv-google",
    "csv-outlook",
    "csv-linkedin",
)
"""The formats :func:`save` writes contacts in."""

_OUT_SUFFIXES: Mapping[str, OutputFormat] = {
    ".vcf": "vcard4",
    ".vcard": "vcard4",
    ".jcard": "jcard",
    ".jcf": "jcard",
    ".json": "json",
    ".csv": "csv-google",
}


def output_format_for(name: str) -> OutputFormat:
    """The output format a file name asks for.

    ``.vcf`` is vCard 4.0, ``.jcard`` jCard, ``.json`` a netcore JSON document, ``.csv``
    Google CSV.

    Raises:
        UnsupportedFormatError: The suffix is none of these.

    Examples:
        >>> output_format_for("out/contacts.VCF")
        'vcard4'
    """
    fmt = _OUT_SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"{name}: cannot tell the output format from the suffix; give --to "
            f"{'|'.join(OUTPUT_FORMATS)}"
        )
    return fmt


def dumps(contacts: Sequence[Contact], fmt: OutputFormat) -> str:
    """Contacts as text in ``fmt``.

    For ``json``, contacts sharing a uid keep only the first (a network holds one
    contact per uid).

    Raises:
        UnsupportedFormatError: ``fmt`` is not one of :data:`OUTPUT_FORMATS`.
    """
    if fmt in {"vcard4", "vcard3", "vcard21"}:
        from netcore.formats import vcard

        version = {"vcard4": "4.0", "vcard3": "3.0", "vcard21": "2.1"}[fmt]
        return vcard.dumps(contacts, version=version)
    if fmt == "jcard":
        from netcore.formats import jcard

        return jcard.dumps(contacts)
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
    raise UnsupportedFormatError(f"unknown output format {fmt!r}; use {'|'.join(OUTPUT_FORMATS)}")


def save(
    path: str | os.PathLike[str], contacts: Sequence[Contact], *, fmt: OutputFormat | None = None
) -> OutputFormat:
    """Write contacts to ``path`` (atomically), in ``fmt`` or the format its suffix asks for.

    Returns:
        The format written.

    Raises:
        UnsupportedFormatError: No ``fmt`` and the suffix names no format.
    """
    fmt = fmt or output_format_for(os.fspath(path))
    write_bytes(dumps(contacts, fmt).encode("utf-8"), path)
    return fmt
