"""Read one file into records (the *read* step of the pipeline).

Each codec parses the bytes as it reads them; :func:`loads` picks the codec from
:func:`~netcore.io.detect`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs

from netcore._files import iter_chunks, read_bytes, read_head, scrub_surrogates
from netcore.errors import UnsupportedFormatError
from netcore.formats.issues import Issue, Severity
from netcore.io._detect import SNIFF_BYTES, FileKind, detect
from netcore.model import Contact, Event, Network

__all__ = ["LoadedFile", "load", "loads"]


@attrs.frozen(slots=True)
class LoadedFile:
    """What one file held.

    Attributes:
        source: The file's name as given (``-`` for standard input).
        kind: What it held.
        contacts: Its contacts (vCard, jCard, CSV, and the contacts of a JSON document).
        events: Its event occurrences (iCalendar, and the events of a JSON document).
        network: The whole network of a netcore JSON document, else ``None``.
        issues: Every problem found while reading.
        versions: For vCard files, how many cards of each version (``{"3.0": 12}``).
    """

    source: str
    kind: FileKind
    contacts: tuple[Contact, ...] = ()
    events: tuple[Event, ...] = ()
    network: Network | None = None
    issues: tuple[Issue, ...] = ()
    versions: Mapping[str, int] = attrs.field(factory=dict)


_VERSION_RE = re.compile(rb"^VERSION[ \t]*:[ \t]*([0-9.]+)", re.IGNORECASE | re.MULTILINE)


def _vcard_versions(data: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in _VERSION_RE.finditer(data):
        version = match.group(1).decode("ascii")
        counts[version] = counts.get(version, 0) + 1
    return dict(sorted(counts.items()))


def loads(
    data: bytes,
    *,
    source: str = "-",
    kind: FileKind | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
) -> LoadedFile:
    """Read contacts or events from ``data``, recognised by :func:`detect` unless ``kind`` is given.

    Args:
        data: The file's bytes.
        source: Its name, used for the suffix and copied into issues.
        kind: Skip detection.
        strict: Raise on the first error instead of recording it.
        expand_from: For iCalendar: expand recurring events from this moment.
        expand_to: For iCalendar: and up to this moment.

    Raises:
        ParseError: In strict mode, on the first error; in any mode, for a JSON document
            that is not valid (JSON is written by programs: it is all or nothing).
        UnsupportedFormatError: The content is not a format netcore reads, or it is an
            interactions or ledger CSV (read those with :func:`read_interactions` and
            :func:`read_ledger`, which need the network to resolve names).
    """
    kind = kind or detect(data, None if source == "-" else source)
    if kind is FileKind.VCARD:
        from netcore.formats import vcard

        contacts = vcard.loads(data, strict=strict, source=source)
        cards, issues = _apple_uids(contacts, contacts.issues)
        return LoadedFile(
            source, kind, contacts=cards, issues=issues, versions=_vcard_versions(data)
        )
    if kind is FileKind.JCARD:
        from netcore.formats import jcard

        contacts = jcard.loads(data, strict=strict, source=source)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(contacts),
            issues=tuple(contacts.issues),
            versions={"4.0": len(contacts)} if contacts else {},
        )
    if kind is FileKind.CSV:
        from netcore.formats import csv

        contacts = csv.loads(data, strict=strict, source=source)
        return LoadedFile(source, kind, contacts=tuple(contacts), issues=tuple(contacts.issues))
    if kind is FileKind.ICAL:
        from netcore.formats import ical

        events = ical.loads(
            data, expand_from=expand_from, expand_to=expand_to, strict=strict, source=source
        )
        return LoadedFile(source, kind, events=tuple(events), issues=tuple(events.issues))
    if kind is FileKind.JSON:
        from netcore.formats import json

        net = json.loads(data, source=source)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(net.contacts.values()),
            events=net.events,
            network=net,
        )
    if kind is FileKind.MAIL:
        raise UnsupportedFormatError(
            f"{source}: this is mail; read it against contacts with netcore.formats.mail"
            ".read_interactions() (netcore mail FILE --me ADDRESS -c CONTACTS)"
        )
    raise UnsupportedFormatError(
        f"{source}: this is an {kind.value} CSV; read it against a network with "
        f"netcore.formats.activity.read_{kind.value}() (netcore health CONTACTS "
        f"--{kind.value} FILE)"
    )


def source_of(path: str | os.PathLike[str]) -> str:
    """The ``source`` label of a file's records: its path, any undecodable byte as U+FFFD.

    A file name that is not valid UTF-8 (a byte 0xFF in it, on Linux) would otherwise put
    a lone surrogate into the records, which cannot be written as JSON (the store's
    format).
    """
    return scrub_surrogates(os.fspath(path))


def load(
    path: str | os.PathLike[str],
    *,
    kind: FileKind | None = None,
    strict: bool = False,
    expand_from: datetime | None = None,
    expand_to: datetime | None = None,
) -> LoadedFile:
    """Read one file of contacts or events; see :func:`loads`.

    A vCard file is parsed card by card as it is read (``vcard.iter_load``): memory is
    bounded by the largest card and the contacts, not by the file. An iCalendar file's
    size is checked before it is read. Other formats are read whole, then parsed.

    Raises:
        OSError: The file cannot be read.
        ParseError: As :func:`loads`.
        UnsupportedFormatError: As :func:`loads`.
    """
    source = source_of(path)
    if kind is None:
        kind = detect(read_head(path, SNIFF_BYTES), source)
    if kind is FileKind.VCARD:
        from netcore.formats import vcard

        contacts = vcard.load(path, strict=strict)
        cards, issues = _apple_uids(contacts, contacts.issues)
        return LoadedFile(
            source,
            kind,
            contacts=tuple(
                c if c.source in (None, source) else c.model_copy(update={"source": source})
                for c in cards
            ),
            issues=issues,
            versions=_streamed_versions(path),
        )
    if kind is FileKind.ICAL:
        from netcore.formats import ical

        # ical.load checks the size with stat before reading a byte.
        events = ical.load(path, expand_from=expand_from, expand_to=expand_to, strict=strict)
        return LoadedFile(source, kind, events=tuple(events), issues=tuple(events.issues))
    return loads(
        read_bytes(path),
        source=source,
        kind=kind,
        strict=strict,
        expand_from=expand_from,
        expand_to=expand_to,
    )


_NO_UID = "card has no UID; derived "


def _apple_uids(
    contacts: Sequence[Contact], issues: Sequence[Issue]
) -> tuple[tuple[Contact, ...], tuple[Issue, ...]]:
    """Cards without UID take Apple's ``X-ABUID`` (a stable id) instead of one derived.

    The vCard reader derives a uid from a card's content and says so in an info issue;
    an iOS or macOS card that carries ``X-ABUID`` has a stable id of its own, so that
    issue is dropped with the derived uid.
    """
    derived = {
        i.message[len(_NO_UID) :].split(" ", 1)[0]: i
        for i in issues
        if i.severity is Severity.INFO and i.message.startswith(_NO_UID)
    }
    if not derived:
        return tuple(contacts), tuple(issues)
    out: list[Contact] = []
    dropped: set[int] = set()
    for c in contacts:
        issue = derived.get(c.uid)
        abuid = next((e.value.strip() for e in c.extensions if e.name.upper() == "X-ABUID"), "")
        if issue is not None and abuid:
            c = c.model_copy(update={"uid": abuid})
            dropped.add(id(issue))
        out.append(c)
    return tuple(out), tuple(i for i in issues if id(i) not in dropped)


def _streamed_versions(path: str | os.PathLike[str]) -> dict[str, int]:
    """:func:`_vcard_versions` of a file, read in chunks (lines split across chunks kept)."""
    counts: dict[str, int] = {}
    tail = b""
    for chunk in iter_chunks(path):
        data = tail + chunk
        cut = data.rfind(b"\n") + 1  # whole lines only; the rest waits for the next chunk
        for version, n in _vcard_versions(data[:cut]).items():
            counts[version] = counts.get(version, 0) + n
        tail = data[cut:]
        if len(tail) > SNIFF_BYTES:
            tail = tail[-SNIFF_BYTES:]  # a line this long is no VERSION line
    for version, n in _vcard_versions(tail).items():
        counts[version] = counts.get(version, 0) + n
    return dict(sorted(counts.items()))
