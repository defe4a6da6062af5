"""scoring.frame on the distributed engines: Dask on a LocalCluster, PySpark local[2] (slow).

Each engine has one session-scoped fixture (a cluster of two worker processes, one
Spark session), shared by every test here; CI runs them (``.ci/run`` installs a headless
Java runtime for Spark when none is present).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from typing import Any

import polars as pl
import pytest
from hypothesis import given

from _frame_networks import AS_OF, assert_same, networks
from _profiles import costly
from netcore import Network
from netcore.scoring import frame

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":  # the equality on Spark is a CI promise
            pytest.fail("CI=true but no java binary: .ci/run installs default-jre-headless")
        pytest.skip("PySpark needs a Java runtime (CI installs default-jre-headless)")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("netcore-frame-tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def _rank_on(net: Network, as_of: date, convert: Any) -> pl.DataFrame:
    interactions, contacts, ledger = frame.frames_of(net)
    result = frame.rank(convert(interactions), convert(contacts), convert(ledger), as_of=as_of)
    assert isinstance(result, pl.DataFrame)
    return result


@pytest.mark.filterwarnings("ignore:Dask support is moving out of Narwhals:FutureWarning")
@costly("cluster")
@given(net=networks(), as_of=AS_OF)
def test_dask_on_a_local_cluster_equals_the_object_api(
    dask_client: Any, net: Network, as_of: date
) -> None:
    import dask.dataframe as dd

    def convert(df: pl.DataFrame) -> Any:
        return dd.from_pandas(df.to_pandas(use_pyarrow_extension_array=True), npartitions=2)

    assert_same(net, as_of, _rank_on(net, as_of, convert))


@costly("cluster")
@given(net=networks(), as_of=AS_OF)
def test_spark_local_equals_the_object_api(spark: Any, net: Network, as_of: date) -> None:
    def convert(df: pl.DataFrame) -> Any:
        return spark.createDataFrame(df.to_arrow())  # not via pandas: PySpark warns on pandas 3

    assert_same(net, as_of, _rank_on(net, as_of, convert))
