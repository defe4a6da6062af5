"""Score Parquet tables with DuckDB: the tables stay in the files, DuckDB reads them.

The per-row work and the group-bys run inside DuckDB (any glob of files, or an
``s3://`` path with DuckDB's httpfs extension, works the same); one row per contact
comes back.

Run: python examples/scale_duckdb.py [TABLES] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
from _tables import arguments, show

from netcore.scoring import frame


def score(tables: Path, as_of: date) -> pl.DataFrame:
    con = duckdb.connect()
    interactions = con.read_parquet(str(tables / "interactions.parquet"))
    contacts = con.read_parquet(str(tables / "contacts.parquet"))
    ledger = con.read_parquet(str(tables / "ledger.parquet"))
    result: pl.DataFrame = frame.rank(interactions, contacts, ledger, as_of=as_of)
    return result


if __name__ == "__main__":
    show(score(*arguments(__doc__)))
