"""Read message headers, one message at a time, from mbox, Maildir, ``.eml`` and folders.

Only the header block of each message is read; a body is skipped line by line and never
kept, parsed or logged (nested ``message/rfc822`` parts live in bodies, so they are
never looked at). Every problem becomes an :class:`~netcore.formats.issues.Issue`
naming the file, the line where the message starts and its number in the file.
"""

from __future__ import annotations

import email.errors
import email.parser
import email.policy
import os
import re
import stat
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO

import attrs

from netcore._files import LimitedReader, check_input, read_head
from netcore.errors import LimitExceededError
from netcore.formats.issues import IssueCollector, Parsed
from netcore.formats.mail._decode import (
    clean_text,
    decode_bytes,
    decode_words,
    parse_addresses,
    parse_date,
)
from netcore.formats.mail._rules import SIGNAL_HEADERS

__all__ = [
    "HEADER_LIMIT",
    "Address",
    "MailHeaders",
    "iter_headers",
    "looks_like_mail",
    "read_headers",
]

HEADER_LIMIT = 4 * 1024 * 1024
"""Most bytes of one message's header block that are read; the rest is skipped, with an issue."""

_LINE_CHUNK = 1024 * 1024
"""Lines are read in pieces of at most this many bytes: a huge line never sits whole in memory."""

_SNIFF = 4096

_MAIL_HEADERS = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"date",
        b"subject",
        b"message-id",
        b"received",
        b"return-path",
        b"delivered-to",
        b"mime-version",
        b"x-mozilla-status",
        b"reply-to",
        b"sender",
        b"in-reply-to",
        b"references",
        b"content-type",
        b"x-gm-thrid",
    }
)
_FIELD = re.compile(rb"^([!-9;-~]{1,76})[ \t]*:")
_MSG_ID = re.compile(r"<([^<>\s]{1,998})>")
_MAX_REFERENCES = 64

Address = tuple[str, str]
"""``(display name, address)``; the name is ``""`` when none was given."""


@attrs.frozen(slots=True)
class MailHeaders:
    """What netcore reads of one message: its headers, decoded, and where it was.

    Attributes:
        source: The file (or Maildir folder) it came from.
        index: Its number in that source, from 1.
        line: The line where it starts (mbox: its ``From`` line; a single file: 1), or
            ``None`` in a Maildir.
        message_id: ``Message-ID`` without the angle brackets, or ``None``.
        in_reply_to: The ids in ``In-Reply-To``.
        references: The ids in ``References`` (the first and the last 63 of a longer list).
        date: ``Date`` as an aware datetime (the mbox ``From`` line's when ``Date`` is
            missing or broken), or ``None``.
        sender: ``From`` (the first address).
        to: ``To`` addresses.
        cc: ``Cc`` addresses.
        bcc: ``Bcc`` addresses (in sent mail).
        subject: ``Subject``, decoded.
        signals: The list, bulk and automatic-mail headers by lower-case name
            (:data:`~netcore.formats.mail._rules.SIGNAL_HEADERS`).
    """

    source: str
    index: int
    line: int | None
    message_id: str | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    date: datetime | None
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    bcc: tuple[Address, ...]
    subject: str | None
    signals: Mapping[str, str] = attrs.field(factory=dict, eq=False)


# ---- recognising mail ------------------------------------------------------------------


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def looks_like_mail_head(head: bytes) -> bool:
    r"""True when the first bytes of a file are a message's (or an mbox's) header fields.

    The rule of :func:`looks_like_mail`, for a caller that already holds the head.

    Examples:
        >>> looks_like_mail_head(b"From: a@x.org\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\n")
        True
        >>> looks_like_mail_head(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
        False
    """
    return _sniff_bytes(head)


def _sniff_bytes(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip(b"\r\n")
    lines = text.splitlines()
    if not lines:
        return False
    if lines[0].startswith(b"From "):
        lines = lines[1:]
    known = 0
    for line in lines[:40]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        m = _FIELD.match(line)
        if m is None:
            break  # a broken line ends the look; what came before decides
        if m.group(1).lower() in _MAIL_HEADERS:
            known += 1
    return known >= 2


def looks_like_mail(path: str | os.PathLike[str]) -> bool:
    r"""True when ``path`` holds mail: a Maildir folder, an mbox file or one message.

    A file counts when its first lines (after an mbox ``From`` line) are header fields,
    at least two of them fields every mail has (``From``, ``Date``, ``Received``,
    ``Message-ID``...). A vCard (``BEGIN:VCARD``) or an iCalendar file has one
    field-like line at most, so it never counts. Reads 4 KiB at most.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.eml"
        >>> _ = p.write_bytes(b"From: a@x.org\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhi\n")
        >>> looks_like_mail(p)
        True
    """
    p = Path(path)
    try:
        if p.is_dir():
            return _is_maildir(p)
        return _sniff_bytes(read_head(p, _SNIFF))
    except OSError:
        return False


# ---- splitting sources into header blocks ------------------------------------------


@attrs.define(slots=True)
class _Block:
    line: int | None
    from_line: bytes
    parts: list[bytes] = attrs.field(factory=list)
    size: int = 0
    truncated: bool = False

    def add(self, data: bytes) -> None:
        if self.size + len(data) > HEADER_LIMIT:
            self.truncated = True
            return
        self.parts.append(data)
        self.size += len(data)


def _is_blank(line: bytes) -> bool:
    return line in (b"\n", b"\r\n", b"\r", b"")


def _headers_of(fh: LimitedReader, first: bytes = b"") -> _Block:
    """The header block of the one message in ``fh`` (the body is not read)."""
    block = _Block(1, b"")
    line = first
    at_start = True
    while True:
        if not line:
            line = fh.readline(_LINE_CHUNK)
            if not line:
                return block
        if at_start and line.startswith(b"From ") and not block.parts:
            block.from_line = line
        elif _is_blank(line):
            return block
        else:
            block.add(line)
        at_start = line.endswith(b"\n")
        line = b""


_SEPARATOR = re.compile(rb"\n\r?\nFrom ")
_BODY_CHUNK = 1024 * 1024


def _skip_body(fh: LimitedReader) -> int:
    """Move ``fh`` to the next ``From`` line after a blank line (or to the end).

    Called at the start of a body, just after the blank line that ends the headers, so a
    body that starts with ``From `` is a separator at once. Reads in chunks (a body is
    never split into lines in Python) and returns how many lines it passed.
    """
    tail = b"\n\n"  # the blank line just read: a "From " at once is a separator
    lines = 0
    size = 8192  # grows: small bodies cost one small read, big ones few reads
    while True:
        at = fh.tell()
        chunk = fh.read(size)
        size = min(size * 2, _BODY_CHUNK)
        if not chunk:
            return lines
        data = tail + chunk
        m = _SEPARATOR.search(data)
        if m is not None:
            start = m.end() - 5  # where "From " begins in data
            if start > len(tail):
                lines += data.count(b"\n", len(tail), start)
            fh.seek(at + start - len(tail))
            return lines
        lines += chunk.count(b"\n")
        tail = data[-7:]


def _mbox_blocks(fh: LimitedReader) -> Iterator[_Block]:
    """Each message's header block in an mbox, streaming; bodies are skipped unread.

    A line starting ``From `` opens a message when it follows a blank line (or starts
    the file), as mboxo, mboxrd and mboxcl writers produce it.
    """
    block: _Block | None = None
    in_headers = False
    prev_blank = True
    line_start = True
    number = 0
    readline = fh.readline
    seekable = fh.seekable()
    while True:
        line = readline(_LINE_CHUNK)
        if not line:
            break
        if line_start:
            number += 1
            if prev_blank and line.startswith(b"From "):
                if block is not None:
                    yield block
                block = _Block(number, line)
                in_headers = True
                prev_blank = False
                line_start = line.endswith(b"\n")
                continue
            if in_headers and _is_blank(line):
                in_headers = False
                if seekable:  # jump over the body to the next separator, counting its lines
                    number += _skip_body(fh)
                    prev_blank = line_start = True
                    continue
            prev_blank = line in (b"\n", b"\r\n")
        if in_headers and block is not None:
            block.add(line)
        elif block is None and not _is_blank(line):
            block = _Block(number, b"")  # text before the first From line: one message
            in_headers = True
            block.add(line)
        line_start = line.endswith(b"\n")
    if block is not None:
        yield block


# ---- parsing one header block -----------------------------------------------------

_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def _raw(value: object) -> str:
    """A compat32 header value as text, its 8-bit bytes read as UTF-8 or Windows-1252."""
    if not isinstance(value, str):
        return str(value)  # pragma: no cover - compat32 gives str or Header
    try:
        return value.encode("ascii").decode("ascii")
    except UnicodeEncodeError:
        return decode_bytes(value.encode("ascii", "surrogateescape"))[0]


def _ids(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    found = _MSG_ID.findall(value)
    if not found:
        token = value.strip().split()
        return (token[0][:998],) if token else ()
    if len(found) > _MAX_REFERENCES:
        found = [found[0], *found[-(_MAX_REFERENCES - 1) :]]
    return tuple(found)


_FROM_LINE_DATE = re.compile(rb"^From \S+\s+(.+?)\s*$")


def _from_line_date(from_line: bytes) -> datetime | None:
    m = _FROM_LINE_DATE.match(from_line)
    if m is None:
        return None
    text = m.group(1).decode("ascii", "replace")
    parts = text.split()
    if len(parts) >= 5:  # asctime: "Mon Jan  1 00:00:00 2024" -> RFC 5322 order
        text = f"{parts[0]}, {parts[2]} {parts[1]} {parts[4]} {parts[3]} +0000"
    return parse_date(text)


def _fields(msg: email.message.Message) -> dict[str, list[str]]:
    """Every header value by lower-case name, 8-bit bytes decoded (``raw_items`` keeps them)."""
    out: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        out.setdefault(name.lower(), []).append(_raw(value))
    return out


def _parse_block(
    block: _Block, source: str, index: int, issues: IssueCollector
) -> MailHeaders | None:
    where = f"message {index}"
    if block.truncated:
        issues.warning(
            f"{where}: header block longer than {HEADER_LIMIT} bytes; the rest was skipped",
            line=block.line,
        )
    try:
        msg = _PARSER.parsebytes(b"".join(block.parts))
    except (email.errors.MessageError, ValueError, LookupError) as exc:  # pragma: no cover
        issues.error(f"{where}: headers cannot be read ({type(exc).__name__})", line=block.line)
        return None
    if msg.defects:
        issues.warning(
            f"{where}: malformed header block ({type(msg.defects[0]).__name__}); "
            "read what was there",
            line=block.line,
        )

    fields = _fields(msg)

    def first(name: str) -> str | None:
        values = fields.get(name.lower())
        return values[0] if values else None

    def addresses(name: str) -> tuple[Address, ...]:
        values = fields.get(name.lower(), [])
        if not values:
            return ()
        found, problem = parse_addresses(values)
        if problem:
            issues.warning(f"{where}: {problem}", line=block.line, property=name)
        return tuple(found)

    date_text = first("Date")
    when = parse_date(date_text) if date_text else None
    if when is None:
        fallback = _from_line_date(block.from_line) if block.from_line else None
        what = "no Date" if date_text is None else "a Date that cannot be read"
        if fallback is not None:
            issues.info(f"{where}: {what}; used the mbox From line's date", line=block.line)
        else:
            issues.error(f"{where}: {what}; left out (it has no time)", line=block.line)
        when = fallback
    subject = first("Subject")
    if subject is not None:
        subject, problem = decode_words(subject)
        subject = clean_text(subject)
        if problem:
            issues.warning(f"{where}: {problem}", line=block.line, property="Subject")
    senders = addresses("From")
    ids = _ids(first("Message-ID"))
    signals = {k: v[0][:200] for k, v in fields.items() if k in SIGNAL_HEADERS}
    return MailHeaders(
        source=source,
        index=index,
        line=block.line,
        message_id=ids[0] if ids else None,
        in_reply_to=_ids(first("In-Reply-To")),
        references=_ids(first("References")),
        date=when,
        sender=senders[0] if senders else None,
        to=addresses("To"),
        cc=addresses("Cc"),
        bcc=addresses("Bcc"),
        subject=subject,
        signals=signals,
    )


# ---- sources ------------------------------------------------------------------------


def _file_blocks(fh: LimitedReader) -> Iterator[_Block]:
    head = fh.read(5)
    fh.seek(0)
    if head.startswith(b"From "):
        yield from _mbox_blocks(fh)
    else:
        yield _headers_of(fh)


def _maildir_messages(path: Path, issues: IssueCollector) -> list[tuple[str, Path]]:
    """The messages of a Maildir (``new/`` and ``cur/``), by key: regular files only.

    Listed here rather than by :mod:`mailbox`, so that every entry passes the checks a
    file given by name passes: a named pipe, a device or a link to one (which would wait
    or read for ever) is skipped with an issue, never opened.
    """
    found: list[tuple[str, Path]] = []
    for sub in ("new", "cur"):
        try:
            entries = sorted(os.scandir(path / sub), key=lambda e: e.name)
        except OSError as exc:
            issues.error(f"{path}/{sub}: cannot be listed ({exc.strerror or exc}); skipped")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            key = entry.name.split(":", 1)[0]
            try:
                regular = stat.S_ISREG(os.stat(entry.path).st_mode)
            except OSError as exc:  # a dangling link, a link loop, gone meanwhile
                issues.error(f"{path}/{key}: cannot be read ({exc.strerror or exc}); skipped")
                continue
            if not regular:
                issues.error(f"{path}/{key}: is not a regular file (a pipe, a device?); skipped")
                continue
            found.append((key, Path(entry.path)))
    found.sort(key=lambda kp: kp[0])
    return found


def _maildir_blocks(path: Path, issues: IssueCollector) -> Iterator[tuple[str, _Block]]:
    for key, file in _maildir_messages(path, issues):
        name = f"{path}/{key}"
        try:
            check_input(file)  # within the input limit
            with LimitedReader(file.open("rb"), name) as fh:
                block = _headers_of(fh)
        except LimitExceededError as exc:
            issues.error(f"{exc}; skipped")  # names the file
            continue
        except OSError as exc:  # a file gone or locked while reading
            issues.error(f"{name}: cannot be read ({exc.strerror or exc}); skipped")
            continue
        block.line = None
        yield name, block


def _path_blocks(path: Path, issues: IssueCollector) -> Iterator[tuple[str, _Block]]:
    if path.is_dir():
        if _is_maildir(path):
            yield from _maildir_blocks(path, issues)
            return
        for child in sorted(path.iterdir()):
            if child.name.startswith(".") or not child.is_file():
                continue
            if not looks_like_mail(child):
                issues.info(f"{child.name}: not a mail file; skipped")
                continue
            yield from _path_blocks(child, issues)
        return
    check_input(path)  # a file over the input limit, or a named pipe, is refused first
    with LimitedReader(path.open("rb"), str(path)) as fh:  # a device: stopped at the limit
        for block in _file_blocks(fh):
            yield str(path), block


def iter_headers(
    source: str | os.PathLike[str] | IO[bytes],
    issues: IssueCollector | None = None,
) -> Iterator[MailHeaders]:
    """Yield the headers of every message in ``source``, one at a time.

    Args:
        source: An mbox file, a single message (``.eml``), a Maildir folder, a folder of
            mbox and ``.eml`` files (not searched recursively), or a binary file object
            holding an mbox or one message.
        issues: Collects the problems found (strict mode raises on the first error);
            a new lenient collector if ``None``.

    Raises:
        ParseError: In strict mode, on the first error.
        OSError: The source cannot be read.
    """
    collector = issues if issues is not None else IssueCollector()
    if collector.source is None:
        collector.source = str(getattr(source, "name", "<mail>"))
    if isinstance(source, str | os.PathLike):
        blocks = _path_blocks(Path(source), collector)
    else:
        name = str(getattr(source, "name", "<mail>"))
        blocks = ((name, b) for b in _file_blocks(LimitedReader(source, name)))
    current = collector.source
    for index, (name, block) in enumerate(blocks, start=1):
        collector.source = name
        try:
            found = _parse_block(block, name, index, collector)
        finally:
            collector.source = current
        if found is not None:
            yield found


def read_headers(
    source: str | os.PathLike[str] | IO[bytes], *, strict: bool = False
) -> Parsed[MailHeaders]:
    r"""Every message's headers in ``source``, with the issues found (see :func:`iter_headers`).

    Raises:
        ParseError: With ``strict``, on the first error.

    Examples:
        >>> import io
        >>> raw = (b"From: =?utf-8?q?Ad=C3=A1?= <ada@example.org>\nTo: me@example.com\n"
        ...        b"Date: Mon, 2 Nov 2026 10:00:00 +0100\nSubject: Hi\n\nbody\n")
        >>> [(h.sender, h.date.isoformat()) for h in read_headers(io.BytesIO(raw))]
        [(('Adá', 'ada@example.org'), '2026-11-02T10:00:00+01:00')]
    """
    collector = IssueCollector(strict=strict, capped=True)
    items = list(iter_headers(source, collector))
    return Parsed(items, [*collector.issues, *collector.summary()])
