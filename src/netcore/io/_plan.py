"""Decide which reader reads which file (the *plan* step of the pipeline)."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from netcore._files import read_head
from netcore.errors import UnsupportedFormatError
from netcore.formats.issues import Issue, Severity
from netcore.io._detect import SNIFF_BYTES, FileKind, detect

__all__ = ["PlannedFile", "Role", "expand_paths", "plan"]


class Role(enum.StrEnum):
    """What a file contributes to the network, in the order the pipeline assembles them."""

    CONTACTS = "contacts"
    """People: vCard, jCard, contacts CSV, netcore JSON (whose other records come too)."""
    CALENDARS = "calendars"
    """Event occurrences (iCalendar), matched to people after every contact is read."""
    INTERACTIONS = "interactions"
    """The interactions CSV, or the interactions of a netcore JSON document."""
    LEDGERS = "ledgers"
    """The ledger CSV, or the ledger of a netcore JSON document."""
    MAIL = "mail"
    """Mail headers (mbox, Maildir, ``.eml``), read after everything else against "me"."""


@attrs.frozen(slots=True)
class PlannedFile:
    """One file of a plan: where it is, what it holds and what it contributes.

    Attributes:
        path: The file.
        kind: What :func:`~netcore.io.detect` recognised (or the option given forced).
        role: What it contributes.
    """

    path: Path
    kind: FileKind
    role: Role


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files given, each folder replaced by the files in it.

    Folders are not searched recursively; their files are sorted by name, and hidden
    files, ``.py`` scripts and ``.md``/``.txt`` notes are left out. A Maildir folder (one
    with ``cur`` and ``new``) is a mailbox: it stays one path.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir() and not _is_maildir(p):
            out.extend(
                f
                for f in sorted(p.iterdir())
                if f.is_file()
                and not f.name.startswith(".")
                and f.suffix.lower() != ".py"
                and f.suffix.lower() not in {".md", ".txt"}
            )
        else:
            out.append(p)
    return out


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, bool]]:
    """:func:`expand_paths`, each file with whether it was found in a folder given."""
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        files = expand_paths([p])
        out.extend((f, f != p) for f in files)
    return out


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _head(path: Path) -> bytes:
    return read_head(path, SNIFF_BYTES)


def _kind(path: Path) -> FileKind:
    if path.is_dir():  # expand_paths keeps only Maildir folders
        return FileKind.MAIL
    return detect(_head(path), str(path))


_ROLE_OF_KIND = {
    FileKind.ICAL: Role.CALENDARS,
    FileKind.INTERACTIONS: Role.INTERACTIONS,
    FileKind.LEDGER: Role.LEDGERS,
    FileKind.MAIL: Role.MAIL,
}


def plan(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    contacts: Iterable[str | os.PathLike[str]] = (),
    calendars: Iterable[str | os.PathLike[str]] = (),
    interactions: Iterable[str | os.PathLike[str]] = (),
    ledgers: Iterable[str | os.PathLike[str]] = (),
    skipped: list[Issue] | None = None,
) -> list[PlannedFile]:
    """Every file to read, each with its kind (sniffed from its first bytes) and role.

    Every file gets the role its kind implies; ``interactions`` and ``ledgers`` force
    theirs (such a file is read as that CSV unless it is a netcore JSON document).
    Folders are expanded (:func:`expand_paths`). Only the first
    :data:`~netcore.io.SNIFF_BYTES` of each file are read here.

    Args:
        paths: Files and folders, each file's role from its kind.
        contacts: Files and folders of contacts.
        calendars: iCalendar files.
        interactions: Interactions CSVs (or netcore JSON).
        ledgers: Ledger CSVs (or netcore JSON).
        skipped: When given, a file found in a folder whose content is of no kind netcore
            reads (a database, a PDF) is left out and a warning appended here, instead of
            raising. A file named directly always raises.

    Raises:
        OSError: A file cannot be opened.
        UnsupportedFormatError: A file's content is of no kind netcore reads.
    """
    out: list[PlannedFile] = []
    groups: list[tuple[Iterable[str | os.PathLike[str]], Role | None]] = [
        (paths, None),
        (contacts, Role.CONTACTS),
        (calendars, Role.CALENDARS),
        (interactions, Role.INTERACTIONS),
        (ledgers, Role.LEDGERS),
    ]
    for group, forced in groups:
        for path, in_folder in _expand(group):
            try:
                kind = _kind(path)
            except UnsupportedFormatError as exc:
                if skipped is None or not in_folder:
                    raise
                reason = str(exc).removeprefix(f"{path}: ")
                skipped.append(
                    Issue(str(path), None, "file", Severity.WARNING, f"skipped: {reason}")
                )
                continue
            if forced is Role.INTERACTIONS and kind is not FileKind.JSON:
                kind = FileKind.INTERACTIONS
            elif forced is Role.LEDGERS and kind is not FileKind.JSON:
                kind = FileKind.LEDGER
            role: Role
            if forced is Role.INTERACTIONS or forced is Role.LEDGERS:
                role = forced
            else:  # a calendar given as contacts is still a calendar, and the reverse
                role = _ROLE_OF_KIND.get(kind, Role.CONTACTS)
            out.append(PlannedFile(path, kind, role))
    return out
