"""Benchmark of columnar scoring at scale (issue 16): 1M interactions over 100,000 contacts.

Run it with ``python benchmarks/scale.py`` (``--db FILE`` keeps the store, and skips the
import when it exists; ``--big`` adds 10,000,000 interactions ranked from Parquet with
Polars' streaming engine). It prints a Markdown table: wall and CPU time, peak memory.

1. Import 100,000 contacts and 1,000,000 interactions into a new store (the records and
   the bulk path of ``benchmarks/store_scale.py``).
2. Open + rank, end to end, in a fresh process: open the store, read its three frames,
   ``scoring.frame.rank`` (Polars), with that process's peak memory.
3. Columnar rank vs the numpy floor, in the same process and run: ``frame.rank`` on the
   frames already read, against numpy computing one decayed per-contact sum
   (``bincount`` of ``w * exp(-lam * (T - t))``) from arrays prepared beforehand.
4. With ``--big``: 10M interactions (generated as columns, written to Parquet) ranked
   from ``pl.scan_parquet`` in a fresh process; also the 1M of step 2 from Parquet, so
   the scaling from 1M to 10M is shown.
5. With ``--engines``: the same Parquet files ranked on Dask (a LocalCluster of two
   worker processes) and Spark (``local[2]``); CPU is the driver's only.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import store_scale
from store_scale import peak_mib, phase_import, timed

AS_OF = date(2026, 6, 30)


def phase_rank(db: Path) -> dict[str, float]:
    import polars  # noqa: F401  (imported before the clock starts, as a program would)

    from netcore.scoring import frame
    from netcore.store import Store

    heights: list[int] = []

    def run() -> None:
        with Store.open(db) as store:
            tables = (store.interactions_frame(), store.contacts_frame(), store.ledger_frame())
        heights.append(frame.rank(*tables, as_of=AS_OF).height)

    wall, cpu = timed(run)
    return {"rank_wall": wall, "rank_cpu": cpu, "rank_peak": peak_mib(), "ranked": heights[0]}


def phase_floor(db: Path) -> dict[str, float]:
    import numpy as np
    import polars as pl

    from netcore.scoring import frame
    from netcore.store import Store

    with Store.open(db) as store:
        tables = (store.interactions_frame(), store.contacts_frame(), store.ledger_frame())
    interactions = tables[0]
    codes = interactions["contact_uid"].cast(pl.Categorical).to_physical().to_numpy()
    seconds = (interactions["at"].dt.epoch("us").to_numpy() / 1e6).astype(np.float64)
    weights = np.ones(len(seconds))
    cutoff = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 23, 59, 59, tzinfo=UTC).timestamp()
    lam = math.log(2.0) / (180 * 86_400.0)
    n = int(codes.max()) + 1

    def floor() -> None:
        np.bincount(codes, weights=weights * np.exp(-lam * (cutoff - seconds)), minlength=n)

    def columnar() -> None:
        frame.rank(*tables, as_of=AS_OF)

    columnar()  # warm: the first call compiles nothing, but imports the engine's modules
    floors = [timed(floor) for _ in range(5)]
    ranks = [timed(columnar) for _ in range(3)]
    return {
        "floor_wall": min(w for w, _ in floors),
        "floor_cpu": min(c for _, c in floors),
        "columnar_wall": min(w for w, _ in ranks),
        "columnar_cpu": min(c for _, c in ranks),
    }


def phase_parquet(path: Path) -> dict[str, float]:
    import polars as pl

    from netcore.scoring import frame

    def run() -> None:
        frame.rank(pl.scan_parquet(path), as_of=AS_OF)

    wall, cpu = timed(run)
    return {"wall": wall, "cpu": cpu, "peak": peak_mib()}


def write_parquet(path: Path, n_contacts: int, n: int, seed: int = 7) -> None:
    """``n`` interactions as columns (no objects), the skewed shape of store_scale."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    end = int(datetime(2026, 6, 30, tzinfo=UTC).timestamp() * 1e6)
    span = 2 * 365 * 86_400 * 10**6
    who = (n_contacts * rng.random(n) ** 3).astype(np.int64)
    kinds = ["meeting", "video", "call", "event", "introduction", "message", "email", "social"]
    directions = ["outbound", "inbound", "mutual"]
    direction = rng.integers(0, 3, n)
    replied = rng.random(n) < 0.7
    frame = pl.DataFrame(
        {
            "contact_uid": pl.Series(who).cast(pl.String).str.zfill(6).str.replace(r"^", "c"),
            "at": pl.Series(end - rng.integers(0, span, n)).cast(pl.Datetime("us", "UTC")),
            "kind": pl.Series(rng.integers(0, 8, n)).replace_strict(
                dict(enumerate(kinds)), return_dtype=pl.String
            ),
            "direction": pl.Series(direction).replace_strict(
                dict(enumerate(directions)), return_dtype=pl.String
            ),
            "replied": pl.Series(replied),
            "duration_minutes": pl.Series(np.where(np.arange(n) % 5 == 0, 30.0, np.nan)),
        }
    ).with_columns(
        pl.when(pl.col("direction") == "outbound").then(pl.col("replied")),
        pl.col("duration_minutes").fill_nan(None),
    )
    frame.write_parquet(path)


def in_subprocess(phase: str, path: Path) -> dict[str, float]:
    return store_scale.in_subprocess(phase, path, __file__)


def phase_dask(path: Path) -> dict[str, float]:
    import warnings

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from netcore.scoring import frame

    warnings.filterwarnings("ignore", "Dask support is moving out of Narwhals", FutureWarning)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
    ):

        def run() -> None:
            frame.rank(dd.read_parquet(path, dtype_backend="pyarrow"), as_of=AS_OF)

        wall, cpu = timed(run)
    return {"wall": wall, "cpu": cpu, "peak": peak_mib()}


def phase_spark(path: Path) -> dict[str, float]:
    from pyspark.sql import SparkSession

    from netcore.scoring import frame

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    try:

        def run() -> None:
            frame.rank(spark.read.parquet(str(path)), as_of=AS_OF)

        wall, cpu = timed(run)
    finally:
        spark.stop()
    return {"wall": wall, "cpu": cpu, "peak": peak_mib()}


PHASES = {
    "rank": phase_rank,
    "floor": phase_floor,
    "parquet": phase_parquet,
    "dask": phase_dask,
    "spark": phase_spark,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--big", action="store_true", help="also rank 10M from Parquet")
    parser.add_argument(
        "--engines", action="store_true", help="rank the Parquet files on Dask and Spark too"
    )
    parser.add_argument("--db", type=Path, help="keep the store here; skip the import if it exists")
    parser.add_argument("--phase", choices=list(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase is not None:
        print(json.dumps(PHASES[args.phase](args.db)))
        return
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "scale.db"
        got: dict[str, float] = {}
        if not db.exists():
            got.update(phase_import(db, args.contacts, args.interactions))
        got.update(in_subprocess("rank", db))
        got.update(in_subprocess("floor", db))
        big: dict[tuple[str, int], dict[str, float]] = {}
        sizes = (args.interactions, 10 * args.interactions) if args.big else (args.interactions,)
        engines = ("parquet", "dask", "spark") if args.engines else ("parquet",)
        if args.big or args.engines:
            for n in sizes:
                path = Path(folder) / f"i{n}.parquet"
                write_parquet(path, args.contacts, n)
                for engine in engines:
                    big[engine, n] = in_subprocess(engine, path)
    n_c, n_i = f"{args.contacts:,}", f"{args.interactions:,}"
    print(f"Columnar scoring: {n_c} contacts, {n_i} interactions\n")
    print("| step | wall s | CPU s | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    if "import_wall" in got:
        print(f"| import {n_i} interactions (log_many) | {got['import_wall']:.1f} "
              f"| {got['import_cpu']:.1f} | {got['import_peak']:,.0f} |")  # fmt: skip
    wall, cpu, peak = got["rank_wall"], got["rank_cpu"], got["rank_peak"]
    print(f"| open + frames + `frame.rank` ({int(got['ranked']):,} contacts) "
          f"| {wall:.2f} | {cpu:.2f} | {peak:,.0f} |")  # fmt: skip
    ratio = got["columnar_wall"] / got["floor_wall"]
    cpu_ratio = got["columnar_cpu"] / max(got["floor_cpu"], 1e-9)
    print(f"| `frame.rank` of the frames (best of 3) | {got['columnar_wall']:.3f} "
          f"| {got['columnar_cpu']:.3f} | |")  # fmt: skip
    print(f"| numpy floor: one decayed per-contact sum (best of 5) | {got['floor_wall']:.4f} "
          f"| {got['floor_cpu']:.4f} | |")  # fmt: skip
    names = {"parquet": "Polars streaming", "dask": "Dask, 2 workers", "spark": "Spark local[2]"}
    for (engine, n), row in big.items():
        print(f"| `frame.rank` of {n:,} interactions from Parquet, {names[engine]} "
              f"| {row['wall']:.2f} | {row['cpu']:.2f} | {row['peak']:,.0f} |")  # fmt: skip
    print(f"\ncolumnar rank / numpy floor, same run: {ratio:.0f}x wall, {cpu_ratio:.0f}x CPU")


if __name__ == "__main__":
    main()
