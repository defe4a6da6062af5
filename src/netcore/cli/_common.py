"""What every command shares: output, errors, dates, loading a network with a progress bar."""

from __future__ import annotations

import functools
import json as _json
import os
import re
import sys
import time as _time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from netcore._files import observe_progress, observe_reads
from netcore._text import visible
from netcore.errors import NetcoreError, ParseError
from netcore.formats.issues import Issue, Severity

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
"""Success."""
EXIT_PROBLEMS = 1
"""Problems found in the input: strict mode met an error, or a file could not be read at all."""
EXIT_USAGE = 2
"""Usage error: a bad option, a missing file, an unknown format, an unknown contact or event."""


class State:
    """Options given before the command (``netcore --quiet health ...``)."""

    quiet = False
    verbose = False


STATE = State()

Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Results only: no summaries, issues or progress."),
]


Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="List every issue, info-level ones too, instead of a summary."
    ),
]


def set_verbose(verbose: bool) -> None:
    """Apply a command's ``--verbose`` (``netcore --verbose CMD`` works as well)."""
    if verbose:
        STATE.verbose = True


def set_quiet(quiet: bool) -> None:
    """Apply a command's ``--quiet`` (``netcore --quiet CMD`` works as well)."""
    if quiet:
        STATE.quiet = True


def out() -> Console:
    """The console for results (standard output)."""
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def err() -> Console:
    """The console for messages (standard error)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def is_terminal() -> bool:
    """True when standard output is a terminal (rich tables), False when piped (plain text)."""
    return sys.stdout.isatty()


def info(message: str) -> None:
    """A progress or summary line on standard error, unless ``--quiet``."""
    if not STATE.quiet:
        err().print(visible(message), markup=False)


def say(message: str) -> None:
    """A result line on standard output, control characters shown visibly."""
    out().print(visible(message), markup=False)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one error line and return the ``typer.Exit`` to raise."""
    err().print(visible(f"error: {message}"), markup=False)
    return typer.Exit(code)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn netcore's exceptions and unreadable files into one line and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ParseError as exc:
            hint = " (run without --strict to read what can be read)" if exc.issues else ""
            raise fail(f"{exc}{hint}", EXIT_PROBLEMS) from None
        except NetcoreError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
        except BrokenPipeError:
            raise  # the reader of our output went away: not an error (see cli.main)
        except FileNotFoundError as exc:
            raise fail(f"{exc.filename}: no such file", EXIT_USAGE) from None
        except IsADirectoryError as exc:
            raise fail(f"{exc.filename}: is a folder; give a file", EXIT_USAGE) from None
        except PermissionError as exc:
            raise fail(f"{exc.filename}: permission denied", EXIT_USAGE) from None
        except OSError as exc:  # a symlink loop, a name too long, an I/O error
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}", EXIT_USAGE) from None
        except ImportError as exc:
            raise fail(
                f"this netcore lacks a module it needs ({exc.name or exc}); reinstall netcore",
                EXIT_USAGE,
            ) from None

    return wrapper


# ---- dates --------------------------------------------------------------------------


def today() -> date:
    """Today's date, from the pipeline's defaults (``netcore.io``), the one clock read."""
    from netcore.io import today as _today

    return _today()


def parse_as_of(value: str | None) -> date:
    """``--as-of``: an ISO date, or today when not given."""
    if value is None:
        return today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date such as 2026-11-27") from None


# ---- output -------------------------------------------------------------------------


def text(value: object) -> str:
    r"""A cell: ISO days, rounded floats, ``None`` empty, control characters as ``\x1b``."""
    return visible(_text(value))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    at = getattr(value, "at", None)  # an Interaction
    if isinstance(at, datetime):
        return at.date().isoformat()
    return str(getattr(value, "value", value))


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Sequence[str] = (),
) -> None:
    """Print a table: a rich table on a terminal, aligned plain text when piped."""
    cells = [[text(v) for v in row] for row in rows]
    if is_terminal():
        # Cells are Text, not str: rich would read "[link=...]" in a name as markup.
        title = visible(title) if title else title
        t = Table(title=Text(title) if title else None, box=box.SIMPLE_HEAD, title_justify="left")
        for c in columns:
            t.add_column(c, justify="right" if c in right else "left", overflow="fold")
        for row in cells:
            t.add_row(*(Text(v) for v in row))
        out().print(t)
        return
    # Display width, not len(): East Asian wide characters and emoji take two columns.
    widths = [cell_len(c) for c in columns]
    for row in cells:
        widths = [max(w, cell_len(v)) for w, v in zip(widths, row, strict=True)]
    lines = []
    for row in [list(columns), *cells]:
        parts = []
        for i, (v, w) in enumerate(zip(row, widths, strict=True)):
            last = i == len(row) - 1
            pad = " " * (w - cell_len(v))
            if columns[i] in right:
                parts.append(pad + v)
            else:
                parts.append(v if last else v + pad)
        lines.append("  ".join(parts).rstrip())
    if title:
        sys.stdout.write(f"{visible(title)}\n")
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def write_text(path: str, content: str) -> None:
    """Write ``content`` to ``path``, or to standard output for ``-``."""
    if path == "-":
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        sys.stdout.flush()
        return
    from netcore._files import write_bytes

    write_bytes(content.encode("utf-8"), Path(path))


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to standard output."""
    text = _json.dumps(data, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(visible(text, json=True) + "\n")
    sys.stdout.flush()


def report_issues(issues: Sequence[Issue], *, limit: int = 10) -> None:
    """Print the issues (errors first) on standard error, unless ``--quiet``.

    Errors and warnings are listed, the first ``limit`` of them; info-level issues, which
    say what netcore did on its own (a uid derived, a charset guessed), are one line per
    kind. With ``--verbose`` every issue is listed.
    """
    if STATE.quiet or not issues:
        return
    console = err()
    if STATE.verbose:
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for issue in sorted(issues, key=lambda i: order[i.severity]):
            console.print(visible(str(issue)), markup=False)
        return
    shown = sorted(
        (i for i in issues if i.severity is not Severity.INFO),
        key=lambda i: i.severity is not Severity.ERROR,
    )
    for issue in shown[:limit]:
        console.print(visible(str(issue)), markup=False)
    if len(shown) > limit:
        console.print(
            f"... and {len(shown) - limit} more issue(s); `netcore inspect FILE` lists them all",
            markup=False,
        )
    for line in summarise_info([i for i in issues if i.severity is Severity.INFO]):
        console.print(visible(line), markup=False)


_VARYING = re.compile(r"urn:uuid:[0-9a-f-]+|\b\d+\b")


def summarise_info(issues: Sequence[Issue]) -> list[str]:
    """One line per kind of info-level issue (its message with numbers and uids elided).

    A kind met once is shown as it is; ``card has no UID`` reads "21 cards had no UID;
    derived from their content".
    """
    kinds: dict[tuple[str | None, str], list[Issue]] = {}
    for issue in issues:
        kinds.setdefault((issue.property, _VARYING.sub("#", issue.message)), []).append(issue)
    lines = []
    for group in kinds.values():
        first = group[0]
        if len(group) == 1:
            lines.append(str(first))
        elif first.message.startswith("card has no UID"):
            lines.append(f"{len(group)} cards had no UID; derived from their content")
        else:
            files = len({i.source for i in group})
            where = f"{first.source}" if files == 1 else f"{files} files"
            prop = f" {first.property}:" if first.property else ""
            lines.append(
                f"{where}: info:{prop} {first.message} (and {len(group) - 1} more like it; "
                "--verbose lists them)"
            )
    return lines


def report_unmatched(unmatched: Mapping[str, Sequence[str]], *, limit: int = 5) -> None:
    """Say, per file, which people in it matched no contact (standard error), unless ``--quiet``."""
    if STATE.quiet:
        return
    console = err()
    for source, refs in unmatched.items():
        shown = ", ".join(refs[:limit]) + (
            f" and {len(refs) - limit} more" if len(refs) > limit else ""
        )
        console.print(f"{source}: {len(refs)} matched nobody: {shown}", markup=False)


def check_strict(issues: Sequence[Issue], strict: bool) -> None:
    """In strict mode, exit with code 1 when any issue is an error."""
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if strict and errors:
        raise fail(f"{len(errors)} error(s) in the input (strict mode); first: {errors[0]}", 1)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[Path], None]]:
    """A per-file progress bar on standard error, shown only once the work takes over a second.

    Yields the callback to call before each file. Nothing is shown with ``--quiet`` or
    when standard error is not a terminal.
    """
    started = _time.monotonic()
    bar: Progress | None = None
    task: Any = None
    bytes_task: Any = None
    current: tuple[str | None, str] | None = None
    show = not STATE.quiet and sys.stderr.isatty()

    def start() -> Progress | None:
        nonlocal bar
        if show and bar is None and _time.monotonic() - started > 1.0:
            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[count]}"),
                console=err(),
                transient=True,
            )
            bar.start()
        return bar

    def step(path: Path) -> None:
        nonlocal task
        if total > 1 and start() is not None:
            assert bar is not None
            if task is None:
                task = bar.add_task(label, total=total, count="")
            done = int(bar.tasks[task].completed) + 1
            bar.update(task, completed=done, count=f"{done}/{total} {path.name}")

    def read(source: str | None, done: int, size: int | None) -> None:
        # One large file: its bytes (the vCard reader parses as it reads).
        if size is not None:
            work(source, done, size, "bytes")

    def work(source: str | None, done: int, total: int, unit: str) -> None:
        # Bytes as they are read, or the lines of a CSV read whole and parsed after.
        nonlocal bytes_task, current
        if start() is None:
            return
        assert bar is not None
        if bytes_task is None or current != (source, unit):
            if bytes_task is not None:
                bar.remove_task(bytes_task)
            bytes_task = bar.add_task(_doing(source, unit), total=total, count="")
            current = (source, unit)
        shown = (
            f"{_size(done)} of {_size(total)}" if unit == "bytes" else f"{done:,}/{total:,} {unit}"
        )
        bar.update(bytes_task, completed=done, count=shown)

    try:
        with observe_reads(read), observe_progress(work):
            yield step
    finally:
        if bar is not None:
            bar.stop()


def _doing(source: str | None, unit: str) -> str:
    """What a bar shows: bytes being read, the lines of a CSV parsed, contacts written."""
    name = Path(source).name if source else "input"
    if unit == "bytes":
        return f"reading {name}"
    return f"parsing {name}" if source else f"writing {unit}"


@contextmanager
def pair_progress(label: str = "comparing pairs") -> Iterator[Callable[[int, int], None]]:
    """A bar over the candidate pairs of ``dedupe``, on standard error, after a second.

    Yields the ``progress(done, total)`` callback that ``find_duplicates`` takes. Nothing
    is shown with ``--quiet``, when standard error is not a terminal, or when the work
    ends within a second.
    """
    started = _time.monotonic()
    show = not STATE.quiet and sys.stderr.isatty()
    bar: Progress | None = None
    task: Any = None

    def step(done: int, total: int) -> None:
        nonlocal bar, task
        if not show or total == 0:
            return
        if bar is None:
            if _time.monotonic() - started <= 1.0:
                return
            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[count]}"),
                console=err(),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=total, count="")
        bar.update(task, completed=done, count=f"{done:,}/{total:,} pairs")

    try:
        yield step
    finally:
        if bar is not None:
            bar.stop()


def _size(n: int) -> str:
    """Bytes for people: ``812 B``, ``31.2 kB``, ``4.0 MB``."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def count(paths: Sequence[str | os.PathLike[str]]) -> int:
    """How many files the paths name, folders expanded."""
    from netcore.io import expand_paths

    return len(expand_paths(paths))
