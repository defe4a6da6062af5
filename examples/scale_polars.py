"""Score Parquet tables with Polars: lazy scans, nothing loaded that the scores do not need.

Polars is netcore's embedded engine; a LazyFrame in gives a Polars DataFrame out, one
row per contact, strongest first.

Run: python examples/scale_polars.py [TABLES] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
from _tables import arguments, show

from netcore.scoring import frame


def score(tables: Path, as_of: date) -> pl.DataFrame:
    interactions = pl.scan_parquet(tables / "interactions.parquet")
    contacts = pl.scan_parquet(tables / "contacts.parquet")
    ledger = pl.scan_parquet(tables / "ledger.parquet")
    result: pl.DataFrame = frame.rank(interactions, contacts, ledger, as_of=as_of)
    return result


if __name__ == "__main__":
    show(score(*arguments(__doc__)))
