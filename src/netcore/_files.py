"""Chunked reads and atomic writes: the one place the formats touch the disk.

Readers accept a path or a binary file object; writers write to a temporary file in
the destination's folder, ``fsync`` it, rename it over the destination and ``fsync``
the folder, so that after a crash the destination holds either the old or the new
content, never a torn mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, TypeAlias

__all__ = [
    "CHUNK_SIZE",
    "PathOrFile",
    "atomic_write_bytes",
    "iter_chunks",
    "read_bytes",
    "scrub_surrogates",
    "source_name",
    "write_bytes",
]

CHUNK_SIZE = 1 << 20
"""Bytes read per chunk by :func:`iter_chunks` (1 MiB)."""

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


def iter_chunks(path_or_file: PathOrFile, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the bytes of a path or a binary file object in chunks of at most ``chunk_size``.

    A path is opened and closed here; a file object is read from its current position
    and left open.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "rb") as fh:
            yield from _iter_file(fh, chunk_size)
    else:
        yield from _iter_file(path_or_file, chunk_size)


def _iter_file(fh: IO[bytes], chunk_size: int) -> Iterator[bytes]:
    while True:
        chunk: object = fh.read(chunk_size)
        if not chunk:
            return
        if not isinstance(chunk, bytes | bytearray):
            raise TypeError("netcore reads files in binary mode: open the file with 'rb'")
        yield bytes(chunk)


def read_bytes(path_or_file: PathOrFile) -> bytes:
    """Read a whole path or binary file object."""
    return b"".join(iter_chunks(path_or_file))


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
    _remove_orphans(folder)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
    )
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
