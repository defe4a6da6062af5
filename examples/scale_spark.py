"""Score Parquet tables with a Spark job (here Spark in local mode, ``local[2]``).

On a cluster, submit the same code with ``spark-submit`` and read the tables from
object storage (``spark.read.parquet("s3a://bucket/tables/interactions.parquet")``);
the per-row work and the group-bys run on the executors, one row per contact comes
back to the driver. Spark needs a Java runtime.

Run: python examples/scale_spark.py [TABLES] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
from _tables import arguments, show
from pyspark.sql import SparkSession

from netcore.scoring import frame


def score(spark: SparkSession, tables: Path, as_of: date) -> pl.DataFrame:
    interactions = spark.read.parquet(str(tables / "interactions.parquet"))
    contacts = spark.read.parquet(str(tables / "contacts.parquet"))
    ledger = spark.read.parquet(str(tables / "ledger.parquet"))
    result: pl.DataFrame = frame.rank(interactions, contacts, ledger, as_of=as_of)
    return result


if __name__ == "__main__":
    folder, day = arguments(__doc__)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("netcore-score")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        show(score(spark, folder, day))
    finally:
        spark.stop()
