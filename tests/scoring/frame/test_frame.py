"""scoring.frame: the columnar engine equals the object API on every engine installed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import polars as pl
import pytest
from hypothesis import given

from _frame_networks import AS_OF, Convert, assert_same, networks, small_network
from _profiles import costly
from netcore import Network
from netcore.scoring import frame


def _pandas(df: pl.DataFrame) -> object:
    return df.to_pandas(use_pyarrow_extension_array=True)


ENGINES: dict[str, Convert] = {
    "polars": lambda df: df,
    "polars-lazy": lambda df: df.lazy(),
    "pandas": _pandas,
    "pyarrow": lambda df: df.to_arrow(),
    "duckdb": lambda df: duckdb.from_arrow(df.to_arrow()),
}


def _to_polars(result: object) -> pl.DataFrame:
    if isinstance(result, pl.DataFrame):
        return result
    out = pl.from_pandas(result) if hasattr(result, "iloc") else pl.from_arrow(result)
    assert isinstance(out, pl.DataFrame)
    return out


def _rank(net: Network, as_of: date | datetime, convert: Convert) -> pl.DataFrame:
    interactions, contacts, ledger = frame.frames_of(net)
    result = frame.rank(convert(interactions), convert(contacts), convert(ledger), as_of=as_of)
    return _to_polars(result)


@costly("columnar")
@given(net=networks(), as_of=AS_OF)
def test_columnar_rank_on_polars_equals_the_object_api(net: Network, as_of: date) -> None:
    assert_same(net, as_of, _rank(net, as_of, ENGINES["polars"]))
    assert_same(net, as_of, _rank(net, as_of, ENGINES["polars-lazy"]))


@costly("engines")
@given(net=networks(), as_of=AS_OF)
def test_columnar_rank_on_pandas_pyarrow_duckdb_equals_the_object_api(
    net: Network, as_of: date
) -> None:
    for engine in ("pandas", "pyarrow", "duckdb"):
        assert_same(net, as_of, _rank(net, as_of, ENGINES[engine]))


def test_result_kind_follows_the_input() -> None:
    net = small_network()
    interactions, contacts, _ = frame.frames_of(net)
    assert isinstance(frame.rank(interactions, as_of=date(2026, 1, 1)), pl.DataFrame)
    pandas_result = frame.rank(_pandas(interactions), as_of=date(2026, 1, 1))
    assert type(pandas_result).__name__ == "DataFrame"
    assert hasattr(pandas_result, "iloc")
    arrow_result = frame.rank(interactions.to_arrow(), as_of=date(2026, 1, 1))
    assert type(arrow_result).__name__ == "Table"
    lazy_result = frame.rank(interactions.lazy(), contacts.lazy(), as_of=date(2026, 1, 1))
    assert list(lazy_result.columns) == list(frame.RESULT_COLUMNS)


def test_contacts_default_to_the_uids_of_the_interactions() -> None:
    interactions = pl.DataFrame(
        {
            "contact_uid": ["bob", "ada", "bob"],
            "at": [datetime(2026, 3, d, tzinfo=UTC) for d in (1, 2, 3)],
            "kind": ["call", "email", "meeting"],
            "direction": ["mutual", "outbound", "inbound"],
        }
    )
    result = frame.rank(interactions, as_of=date(2026, 4, 1))
    assert result["uid"].to_list() == ["bob", "ada"]
    assert result["interactions"].to_list() == [2, 1]


@costly("engines")
@given(net=networks(), as_of=AS_OF)
def test_many_kin_sum_both_decays_with_the_same_results(net: Network, as_of: date) -> None:
    from netcore.scoring.frame import _engine

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_engine, "_FEW_KIN", 0)  # kin uids too many to list: both decays
        assert_same(net, as_of, _rank(net, as_of, ENGINES["polars"]))
