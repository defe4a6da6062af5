"""``netcore score``: the columnar scoring engine over Parquet files (issue 16)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netcore.cli._common import EXIT_PROBLEMS, fail, handle_errors, info, parse_as_of
from netcore.cli._load import AsOf

if TYPE_CHECKING:
    import polars as pl

__all__ = ["score"]

_TABLES = ("interactions", "contacts", "ledger")


def _scan(path: Path) -> pl.LazyFrame:
    """A lazy scan of one Parquet file; an unreadable file is a ParseError (exit 1)."""
    import polars as pl

    from netcore.errors import ParseError

    try:
        frame = pl.scan_parquet(path)
        frame.collect_schema()
    except (pl.exceptions.PolarsError, OSError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ParseError(f"not a readable Parquet file ({first[:200]})", source=str(path)) from exc
    return frame


def _inputs(path: Path) -> dict[str, pl.LazyFrame | None]:
    """The tables of ``--input``, by name.

    A folder as ``netcore export --format parquet`` writes it (``interactions.parquet``,
    optionally ``contacts.parquet`` and ``ledger.parquet``), or one Parquet file of
    interactions.
    """
    if not path.exists():
        raise fail(f"{path}: no such file or folder")
    if not path.is_dir():
        return {"interactions": _scan(path), "contacts": None, "ledger": None}
    found: dict[str, pl.LazyFrame | None] = {}
    for table in _TABLES:
        file = path / f"{table}.parquet"
        if file.is_dir():  # a folder of parts, as Spark and Dask write a table
            file = file / "**" / "*.parquet"
        elif not file.is_file():
            found[table] = None
            continue
        found[table] = _scan(file)
    if found["interactions"] is None:
        raise fail(f"{path}: no interactions.parquet in this folder", EXIT_PROBLEMS)
    return found


def _refuse_overwriting_input(source: Path, output: Path) -> None:
    """Refuse an ``--output`` that is one of the ``--input`` tables (it would be lost)."""
    files = [source] if not source.is_dir() else [source / f"{t}.parquet" for t in _TABLES]
    target = output.resolve()
    for file in files:
        if file.exists() and file.resolve() == target:
            raise fail(f"{output}: is an input table; give another file to write")


@handle_errors
def score(
    source: Annotated[
        Path,
        typer.Option(
            "--input",
            "-i",
            help="A folder of Parquet files (as `export --format parquet` writes) or one "
            "Parquet file of interactions.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The Parquet file to write.", show_default=False),
    ],
    as_of: AsOf = None,
) -> None:
    """Score every contact from Parquet tables, columnar, into a Parquet file of scores.

    Example: netcore score --input exported/ --output scores.parquet --as-of 2026-11-27
    """
    from netcore._files import atomic_write_bytes
    from netcore.scoring import frame

    day = parse_as_of(as_of)
    tables = _inputs(source)
    if output.is_dir():
        raise fail(f"{output}: is a folder; give the file to write")
    _refuse_overwriting_input(source, output)
    result = frame.rank(tables["interactions"], tables["contacts"], tables["ledger"], as_of=day)
    buffer = io.BytesIO()
    result.write_parquet(buffer)
    atomic_write_bytes(output, buffer.getvalue())
    info(f"scored {result.height} contacts as of {day.isoformat()} into {output}")
