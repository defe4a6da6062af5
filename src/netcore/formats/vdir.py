r"""vdir folders: one ``.vcf`` file per contact, the layout khard and vdirsyncer use.

:func:`load_dir` reads every ``*.vcf`` file of a folder (not its sub-folders; hidden
files, which vdirsyncer uses while writing, are skipped) through
:mod:`netcore.formats.vcard`; :func:`dump_dir` writes one file per contact.

**File names never come from the data.** A uid or a name can hold ``..``, ``/``, ``\``,
control characters, ``CON`` or ``NUL`` or be thousands of characters long; a file name
built from them could escape the folder or fail on Windows. Each file is named
``<slug>-<hash>.vcf``: ``slug`` is the display name folded to lowercase ASCII letters and
digits joined by ``-`` (at most 40 characters, ``contact`` when nothing is left), and
``hash`` the first 16 hex digits of the SHA-256 of the uid. The name is the same for the
same uid and display name, so dumping again overwrites in place; when a contact's name
changed, its file under the old slug (same hash) is removed after the new one is
written. Files of contacts not given are left alone: ``dump_dir`` writes, it does not
synchronise.

Every file is written atomically through ``netcore._files`` (temporary file in the same
folder, fsync, rename), so a crash leaves each file whole, old or new.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netcore.model import Contact
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths = dump_dir([Contact(uid="../../etc/passwd", formatted_name="Ada Lovelace")], folder)
    >>> paths[0].name
    'ada-lovelace-3754d6cb3a38e118.vcf'
    >>> [c.formatted_name for c in load_dir(folder)]
    ['Ada Lovelace']
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from netcore._files import read_bytes, write_bytes
from netcore.errors import RecordConflictError
from netcore.formats import vcard
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model import Contact

__all__ = ["dump_dir", "file_name", "load_dir"]

_SLUG_MAX = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_OURS = re.compile(r"^[a-z0-9-]+-([0-9a-f]{16})\.vcf$")


def file_name(contact: Contact) -> str:
    """The file name :func:`dump_dir` gives ``contact``: ``<slug>-<uid hash>.vcf``.

    Only lowercase ASCII letters, digits and ``-``, then ``.vcf``; never empty, never a
    reserved Windows name, at most 62 characters.

    Examples:
        >>> file_name(Contact(uid="x", formatted_name="José Müller / CON"))
        'jose-muller-con-2d711642b726b044.vcf'
    """
    folded = unicodedata.normalize("NFKD", contact.display_name.casefold())
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_only).strip("-")[:_SLUG_MAX].strip("-") or "contact"
    digest = hashlib.sha256(contact.uid.encode("utf-8")).hexdigest()[:16]
    return f"{slug}-{digest}.vcf"


def load_dir(path: str | os.PathLike[str], *, strict: bool = False) -> Parsed[Contact]:
    r"""Read every ``.vcf`` file in the folder ``path``, in file-name order.

    Args:
        path: The vdir folder.
        strict: Raise :class:`~netcore.errors.ParseError` at the first error in any file.

    Returns:
        The contacts of all files, with every file's issues (each naming its file as
        ``source``). A file that cannot be read is an issue, not an exception.

    Raises:
        ParseError: In strict mode, at the first error.
        FileNotFoundError: ``path`` does not exist.
        NotADirectoryError: ``path`` is not a folder.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\n"
        ...                                    b"FN:Ada\r\nEND:VCARD\r\n")
        >>> [c.uid for c in load_dir(folder)]
        ['a']
    """
    folder = Path(path)
    issues = IssueCollector(str(folder), strict=strict)
    contacts: list[Contact] = []
    with os.scandir(folder) as entries:
        files = sorted(
            Path(e.path)
            for e in entries
            if not e.name.startswith(".") and e.name.lower().endswith(".vcf") and e.is_file()
        )
    for file in files:
        try:
            data = read_bytes(file)
        except OSError as exc:
            issues.error(f"cannot read {file.name}: {exc.strerror or exc}", property=file.name)
            continue
        parsed = vcard.loads(data, strict=strict, source=str(file))
        contacts.extend(parsed)
        issues.issues.extend(parsed.issues)
    return Parsed(contacts, issues.issues)


def dump_dir(
    contacts: Iterable[Contact], path: str | os.PathLike[str], *, version: str = "3.0"
) -> list[Path]:
    """Write one vCard file per contact into the folder ``path`` (created if missing).

    Args:
        contacts: The contacts; their uids must be distinct.
        path: The vdir folder.
        version: The vCard version: ``"2.1"``, ``"3.0"`` (what khard and most CardDAV
            servers expect) or ``"4.0"``.

    Returns:
        The path written for each contact, in the order given.

    Raises:
        RecordConflictError: Two contacts share a uid (nothing is written).
        UnsupportedFormatError: An unknown vCard version (nothing is written).

    Examples:
        >>> import tempfile
        >>> from netcore.model import Contact
        >>> folder = Path(tempfile.mkdtemp()) / "contacts"
        >>> [p.name for p in dump_dir([Contact(uid="u1", formatted_name="Ada")], folder)]
        ['ada-bb82030dbc2bcaba.vcf']
    """
    items = list(contacts)
    seen: set[str] = set()
    for c in items:
        if c.uid in seen:
            raise RecordConflictError(f"two contacts share uid {c.uid!r}; merge them first")
        seen.add(c.uid)
    texts = [vcard.dumps([c], version=version) for c in items]
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    existing: dict[str, list[Path]] = {}
    for entry in folder.iterdir():
        match = _OURS.match(entry.name)
        if match:
            existing.setdefault(match.group(1), []).append(entry)
    written: list[Path] = []
    for contact, text in zip(items, texts, strict=True):
        target = folder / file_name(contact)
        write_bytes(text.encode("utf-8"), target)
        written.append(target)
        for old in existing.get(target.name[-20:-4], ()):
            if old.name != target.name:
                old.unlink(missing_ok=True)
    return written
