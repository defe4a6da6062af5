"""Score Parquet tables on a Dask cluster (here a LocalCluster of two worker processes).

For a real cluster, connect the Client to the scheduler's address instead
(``Client("tcp://scheduler:8786")``) and read the tables from shared storage
(``dd.read_parquet("s3://bucket/tables/interactions.parquet")``).

Run: python examples/scale_dask.py [TABLES] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import dask.dataframe as dd
import polars as pl
from _tables import arguments, show
from distributed import Client, LocalCluster

from netcore.scoring import frame

# narwhals 2 announces that Dask support moves to a separate package (not needed yet).
warnings.filterwarnings("ignore", "Dask support is moving out of Narwhals", FutureWarning)


def score(tables: Path, as_of: date) -> pl.DataFrame:
    # dtype_backend="pyarrow": lists (the categories) and nullable columns keep their types
    interactions = dd.read_parquet(tables / "interactions.parquet", dtype_backend="pyarrow")
    contacts = dd.read_parquet(tables / "contacts.parquet", dtype_backend="pyarrow")
    ledger = dd.read_parquet(tables / "ledger.parquet", dtype_backend="pyarrow")
    result: pl.DataFrame = frame.rank(interactions, contacts, ledger, as_of=as_of)
    return result


if __name__ == "__main__":
    folder, day = arguments(__doc__)
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster),  # type: ignore[no-untyped-call]
    ):
        show(score(folder, day))
