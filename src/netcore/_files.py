"""Chunked reads and atomic writes: the one place the formats touch the disk.

Readers accept a path or a binary file object, and every read goes through
:func:`iter_chunks`, which holds netcore's one input-size rule: a regular file larger
than :func:`max_input_bytes` is refused by ``stat`` before a byte is read, a stream
(standard input, a device such as ``/dev/zero``, a file object) is abandoned as soon as
it passes the limit, and a named pipe is refused outright (opening one waits for a
writer). Writers write to a temporary file in
the destination's folder, ``fsync`` it, rename it over the destination and ``fsync``
the folder, so that after a crash the destination holds either the old or the new
content, never a torn mix.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, TypeAlias

from netcore.errors import LimitExceededError, UnsupportedFormatError

__all__ = [
    "CHUNK_SIZE",
    "LIMIT_VARIABLE",
    "MAX_INPUT_BYTES",
    "LimitedReader",
    "PathOrFile",
    "atomic_write_bytes",
    "check_input",
    "iter_chunks",
    "max_input_bytes",
    "observe_progress",
    "observe_reads",
    "read_bytes",
    "read_head",
    "report_progress",
    "scrub_surrogates",
    "source_name",
    "write_bytes",
]

CHUNK_SIZE = 1 << 20
"""Bytes read per chunk by :func:`iter_chunks` (1 MiB)."""

MAX_INPUT_BYTES = 256 * 1024 * 1024
"""Default of the largest input netcore reads (256 MiB); see :func:`max_input_bytes`."""

LIMIT_VARIABLE = "NETCORE_MAX_INPUT_BYTES"
"""The environment variable that changes :data:`MAX_INPUT_BYTES` (a number of bytes)."""

ReadObserver: TypeAlias = Callable[[str | None, int, int | None], None]
"""Called after each chunk with the source, the bytes read so far and the size if known."""

_OBSERVER: contextvars.ContextVar[ReadObserver | None] = contextvars.ContextVar(
    "netcore_read_observer", default=None
)

ProgressObserver: TypeAlias = Callable[[str | None, int, int, str], None]
"""Called by a reader that parses what it read whole: the source, done, total and the unit."""

_PROGRESS: contextvars.ContextVar[ProgressObserver | None] = contextvars.ContextVar(
    "netcore_progress_observer", default=None
)

PathOrFile: TypeAlias = str | os.PathLike[str] | BinaryIO | IO[bytes]


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD.

    Python strings may hold lone surrogates (from ``surrogateescape`` decoding, or built
    by hand); no UTF-8 file can. Every netcore writer passes its output through here, so
    that writing never fails and never produces bytes the next reader cannot decode.

    Examples:
        >>> scrub_surrogates("a" + chr(0xD800) + "b") == "a\N{REPLACEMENT CHARACTER}b"
        True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def source_name(path_or_file: PathOrFile) -> str | None:
    """The name to put into issues for ``path_or_file`` (its path, or the file object's name)."""
    if isinstance(path_or_file, str | os.PathLike):
        return os.fspath(path_or_file)
    name = getattr(path_or_file, "name", None)
    return name if isinstance(name, str) else None


def max_input_bytes() -> int:
    """The largest input, in bytes, that any netcore reader accepts.

    :data:`MAX_INPUT_BYTES` unless the environment variable ``NETCORE_MAX_INPUT_BYTES``
    gives another number of bytes (read on every call, so a program may change it).

    Raises:
        UnsupportedFormatError: The variable is set to something that is not a
            positive whole number.
    """
    raw = os.environ.get(LIMIT_VARIABLE, "").strip().replace("_", "")
    if not raw:
        return MAX_INPUT_BYTES
    if not raw.isdigit() or int(raw) <= 0 or len(raw) > 20:
        raise UnsupportedFormatError(
            f"{LIMIT_VARIABLE}={raw[:40]!r} is not a positive number of bytes"
        )
    return int(raw)


def _too_large(source: str | None, size: int, limit: int) -> LimitExceededError:
    what = f"input of {size:,} bytes" if size > limit else "input"
    return LimitExceededError(
        f"{what} is larger than the limit of {limit:,} bytes"
        f" (set {LIMIT_VARIABLE} to read larger files)",
        source=source,
    )


@contextlib.contextmanager
def observe_reads(observer: ReadObserver) -> Iterator[None]:
    """Call ``observer(source, bytes_so_far, size)`` after every chunk read inside the block.

    ``size`` is the file's size from ``stat`` (``None`` for a stream). The CLI uses it to
    show a bytes progress bar for one large file.
    """
    token = _OBSERVER.set(observer)
    try:
        yield
    finally:
        _OBSERVER.reset(token)


@contextlib.contextmanager
def observe_progress(observer: ProgressObserver) -> Iterator[None]:
    """Call ``observer(source, done, total, unit)`` as readers report work inside the block.

    For the readers that read a file whole in a blink and then parse it for long (the
    contacts CSV reports its lines): the bytes bar of :func:`observe_reads` would sit at
    100 % while they work. The CLI shows a bar for it.
    """
    token = _PROGRESS.set(observer)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


def report_progress(source: str | None, done: int, total: int, unit: str) -> None:
    """Tell the observer of :func:`observe_progress`, if any, that ``done`` of ``total`` are done.

    Examples:
        >>> seen = []
        >>> with observe_progress(lambda *a: seen.append(a)):
        ...     report_progress("a.csv", 500, 2000, "lines")
        >>> report_progress("a.csv", 2000, 2000, "lines")  # nobody listens: nothing happens
        >>> seen
        [('a.csv', 500, 2000, 'lines')]
    """
    observer = _PROGRESS.get()
    if observer is not None:
        observer(source, done, total, unit)


def check_input(path: str | os.PathLike[str]) -> int | None:
    """Refuse ``path`` before opening it when reading it could not end well.

    A regular file larger than :func:`max_input_bytes` raises at once (its size comes
    from ``stat``); a named pipe is refused, since opening one waits, maybe for ever, for
    a writer (pipe it to standard input instead). Devices and other files pass: their
    reads are bounded as they go by :func:`iter_chunks`.

    Raises:
        LimitExceededError: A regular file over the limit.
        UnsupportedFormatError: A named pipe.
        OSError: ``stat`` failed (no such file, a symlink loop, permission denied).

    Returns:
        The size of a regular file, ``None`` for anything else.
    """
    info = os.stat(path)
    if stat.S_ISFIFO(info.st_mode):
        raise UnsupportedFormatError(
            f"{os.fspath(path)}: is a named pipe; netcore reads files, or standard input"
            " given as '-' (cat the pipe into it)"
        )
    limit = max_input_bytes()
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size > limit:
        raise _too_large(os.fspath(path), info.st_size, limit)
    return info.st_size


def iter_chunks(path_or_file: PathOrFile, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the bytes of a path or a binary file object in chunks of at most ``chunk_size``.

    A path is checked by :func:`check_input`, then opened and closed here; a file object
    is read from its current position and left open. Either way reading stops with
    :class:`~netcore.errors.LimitExceededError` as soon as more than
    :func:`max_input_bytes` bytes arrived.

    Raises:
        LimitExceededError: The input is larger than :func:`max_input_bytes`.
        UnsupportedFormatError: ``path_or_file`` is a named pipe.
        OSError: The file cannot be read.
    """
    limit = max_input_bytes()
    if isinstance(path_or_file, str | os.PathLike):
        size = check_input(path_or_file)
        with open(path_or_file, "rb") as fh:
            yield from _iter_file(fh, chunk_size, limit, os.fspath(path_or_file), size)
    else:
        yield from _iter_file(path_or_file, chunk_size, limit, source_name(path_or_file), None)


def _iter_file(
    fh: IO[bytes], chunk_size: int, limit: int, source: str | None, size: int | None
) -> Iterator[bytes]:
    observer = _OBSERVER.get()
    total = 0
    while True:
        # Never more than one byte past the limit: enough to know it was passed.
        chunk: object = fh.read(max(1, min(chunk_size, limit + 1 - total)))
        if not chunk:
            return
        if not isinstance(chunk, bytes | bytearray):
            raise TypeError("netcore reads files in binary mode: open the file with 'rb'")
        total += len(chunk)
        if total > limit:
            raise _too_large(source, limit, limit)  # a stream: its full size is unknown
        if observer is not None:
            observer(source, total, size)
        yield bytes(chunk)


class LimitedReader:
    r"""A binary file read line by line or in pieces, abandoned once past the input limit.

    For readers that cannot go through :func:`iter_chunks` (the mail reader reads lines
    and seeks over bodies): every ``read`` and ``readline`` moves a position kept here,
    and going past ``limit`` bytes raises at once. The position is counted here, not asked
    of the file, since a device such as ``/dev/zero`` says it is always at 0; seeking back
    and reading again does not count twice.

    Args:
        fh: The binary file object; closed by :meth:`close` (and by ``with``).
        source: The name put into the error.
        limit: The most bytes read; :func:`max_input_bytes` if ``None``.

    Raises:
        LimitExceededError: From a read that goes past ``limit``.

    Examples:
        >>> import io
        >>> r = LimitedReader(io.BytesIO(b"ab\ncd\n" * 4), "x", limit=8)
        >>> r.readline(), r.read(4)
        (b'ab\n', b'cd\na')
        >>> r.read()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        netcore.errors.LimitExceededError: x: input is larger than the limit of 8 bytes ...
    """

    __slots__ = ("_fh", "_high", "_limit", "_pos", "source")

    def __init__(self, fh: IO[bytes], source: str | None, limit: int | None = None) -> None:
        self._fh = fh
        self.source = source
        self._limit = max_input_bytes() if limit is None else limit
        self._pos = 0
        self._high = 0

    def _moved(self, data: bytes) -> bytes:
        self._pos += len(data)
        if self._pos > self._high:
            self._high = self._pos
            if self._high > self._limit:
                raise _too_large(self.source, self._limit, self._limit)
        return data

    def _room(self, size: int) -> int:
        """At most one byte past the limit is asked for: enough to know it was passed."""
        room = max(1, self._limit + 1 - self._pos)
        return room if size < 0 else min(size, room)

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left if negative), within the limit."""
        return self._moved(self._fh.read(self._room(size)))

    def readline(self, size: int = -1) -> bytes:
        """One line (or its first ``size`` bytes), within the limit."""
        return self._moved(self._fh.readline(self._room(size)))

    def seekable(self) -> bool:
        """Whether the underlying file can seek."""
        return self._fh.seekable()

    def tell(self) -> int:
        """The position, as counted here."""
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move like :meth:`io.IOBase.seek`; the position counted here follows."""
        if whence == os.SEEK_CUR:
            offset, whence = self._pos + offset, os.SEEK_SET
        moved = self._fh.seek(offset, whence)
        self._pos = offset if whence == os.SEEK_SET else moved
        return self._pos

    def close(self) -> None:
        """Close the underlying file."""
        self._fh.close()

    def __enter__(self) -> LimitedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_bytes(path_or_file: PathOrFile) -> bytes:
    """Read a whole path or binary file object, within :func:`max_input_bytes`."""
    return b"".join(iter_chunks(path_or_file))


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """The first ``size`` bytes of ``path`` (to recognise its format), after :func:`check_input`."""
    check_input(path)
    with open(path, "rb") as fh:
        return fh.read(size)


def write_bytes(data: bytes, path_or_file: PathOrFile) -> None:
    """Write ``data`` atomically to a path, or plainly to an open binary file object."""
    if isinstance(path_or_file, str | os.PathLike):
        atomic_write_bytes(Path(path_or_file), data)
    else:
        path_or_file.write(data)
        path_or_file.flush()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never a mix.

    The temporary file lives in the same folder (a rename is atomic only within one
    file system) and is removed if anything fails before the rename; its name holds the
    writer's process id, so that one left by a killed writer is removed by the next write
    into the same folder. A new file gets the permissions the umask gives (as ``open`` would),
    an existing one keeps its own.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    _remove_orphans(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:  # name the file asked for, not the temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _umask() -> int:
    # The only way to read the umask is to set it; it is put back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_ORPHAN = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$")
_SWEPT: set[str] = set()


def _remove_orphans(folder: Path) -> None:
    """Remove the temporary files left in ``folder`` by writers that no longer run.

    Once per folder and process: writing many files into one folder stays linear.
    """
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(".")]
    except OSError:
        return
    for name in names:
        match = _ORPHAN.match(name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or a platform that cannot tell: leave it
    return True


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
