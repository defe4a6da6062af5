"""Shared by the examples/scale_*.py recipes: the command line, and sample tables.

Each recipe takes a folder of Parquet tables as ``netcore export --format parquet``
writes it (``contacts.parquet``, ``interactions.parquet``, ``ledger.parquet``); without
one, the sample data (examples/data) is read and exported to a temporary folder first.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from netcore import Me, io
from netcore.store import Store

DATA = Path(__file__).resolve().parent / "data"


def arguments(doc: str | None) -> tuple[Path, date]:
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("tables", nargs="?", type=Path, help="a folder of Parquet tables")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    args = parser.parse_args()
    if args.tables is not None:
        return args.tables, args.as_of
    folder = Path(tempfile.mkdtemp(prefix="netcore-tables-"))
    loaded = io.build_network(
        [DATA], as_of=args.as_of, me=Me.from_emails("alex.morgan@example.net")
    )
    with Store.open(folder / "sample.db") as store:
        store.save(loaded.network)
        store.export_parquet(folder)
    return folder, args.as_of


def show(result: object) -> None:
    """Print the five strongest rows: uid, score, status, layer, due date."""
    import polars as pl

    frame = result if isinstance(result, pl.DataFrame) else pl.from_pandas(result)
    print(f"{frame.height} contacts scored")
    for uid, score, status, layer, due_on in (
        frame.select("uid", "score", "status", "layer", "due_on").head(5).iter_rows()
    ):
        print(f"{uid}\t{score:.1f}\t{status}\t{layer}\t{due_on}")
