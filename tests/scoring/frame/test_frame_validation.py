"""scoring.frame refuses bad input with typed netcore errors, never an engine's exception."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import duckdb
import polars as pl
import pytest

from netcore.errors import LimitExceededError, ParseError
from netcore.scoring import frame

AS_OF = date(2026, 4, 1)
AT = datetime(2026, 3, 1, tzinfo=UTC)


def interactions(**changes: list[Any]) -> pl.DataFrame:
    data: dict[str, list[Any]] = {
        "contact_uid": ["ada", "bob"],
        "at": [AT, AT],
        "kind": ["call", "email"],
        "direction": ["mutual", "outbound"],
        "duration_minutes": [30.0, None],
    }
    data.update(changes)
    return pl.DataFrame(data)


ENGINES = {
    "polars": lambda df: df,
    "duckdb": lambda df: duckdb.from_arrow(df.to_arrow()),
    "pandas": lambda df: df.to_pandas(use_pyarrow_extension_array=True),
}


@pytest.mark.parametrize(
    ("changes", "column", "text"),
    [
        ({"duration_minutes": [float("nan"), None]}, "duration_minutes", "NaN or infinity"),
        ({"duration_minutes": [float("inf"), None]}, "duration_minutes", "NaN or infinity"),
        ({"duration_minutes": [-5.0, None]}, "duration_minutes", "below 0"),
        ({"kind": ["call", "fax"]}, "kind", "'fax'"),
        ({"kind": ["CALL", "email"]}, "kind", "(lowercase)"),
        ({"direction": ["mutual", "sideways"]}, "direction", "'sideways'"),
        ({"contact_uid": ["ada", None]}, "contact_uid", "holds nulls"),
        ({"kind": ["call", None]}, "kind", "holds nulls"),
    ],
)
def test_bad_interaction_values_are_parse_errors_naming_the_column(
    changes: dict[str, list[Any]], column: str, text: str
) -> None:
    with pytest.raises(ParseError) as caught:
        frame.rank(interactions(**changes), as_of=AS_OF)
    assert caught.value.property == column
    assert caught.value.source == "interactions"
    assert text in caught.value.message


@pytest.mark.parametrize("engine", ["duckdb", "pandas"])
@pytest.mark.parametrize(
    ("changes", "column", "text"),
    [
        ({"duration_minutes": [float("inf"), None]}, "duration_minutes", "NaN or infinity"),
        ({"kind": ["CALL", "email"]}, "kind", "'CALL'"),
        ({"contact_uid": ["ada", None]}, "contact_uid", "holds nulls"),
    ],
)
def test_other_engines_give_the_same_errors(
    engine: str, changes: dict[str, list[Any]], column: str, text: str
) -> None:
    with pytest.raises(ParseError) as caught:
        frame.rank(ENGINES[engine](interactions(**changes)), as_of=AS_OF)
    assert caught.value.property == column
    assert caught.value.source == "interactions"
    assert text in caught.value.message


def test_missing_required_column_is_named() -> None:
    with pytest.raises(ParseError, match="'direction' is missing"):
        frame.rank(interactions().drop("direction"), as_of=AS_OF)


def test_naive_timestamps_are_refused() -> None:
    naive = interactions(at=[datetime(2026, 3, 1), datetime(2026, 3, 2)])
    with pytest.raises(ParseError, match="naive timestamps are refused"):
        frame.rank(naive, as_of=AS_OF)


def test_a_timestamp_column_of_text_is_refused() -> None:
    with pytest.raises(ParseError, match="must be of type timestamp"):
        frame.rank(interactions(at=["2026-03-01", "2026-03-02"]), as_of=AS_OF)


def test_duplicate_contact_uids_are_refused() -> None:
    contacts = pl.DataFrame({"uid": ["ada", "bob", "ada"]})
    with pytest.raises(ParseError, match="the same uid on several rows, for example 'ada'"):
        frame.rank(interactions(), contacts, as_of=AS_OF)


@pytest.mark.parametrize("cadence", [0, 36_501])
def test_cadence_out_of_range_is_refused(cadence: int) -> None:
    contacts = pl.DataFrame({"uid": ["ada", "bob"], "cadence_days": [30, cadence]})
    with pytest.raises(ParseError) as caught:
        frame.rank(interactions(), contacts, as_of=AS_OF)
    assert caught.value.property == "cadence_days"


def test_ledger_weight_nan_is_refused() -> None:
    ledger = pl.DataFrame(
        {
            "id": ["f1"],
            "contact_uid": ["ada"],
            "on": [date(2026, 3, 1)],
            "direction": ["given"],
            "kind": ["advice"],
            "weight": [float("nan")],
        }
    )
    with pytest.raises(ParseError) as caught:
        frame.rank(interactions(), None, ledger, as_of=AS_OF)
    assert (caught.value.source, caught.value.property) == ("ledger", "weight")


def test_rows_beyond_the_limit_are_refused() -> None:
    with pytest.raises(LimitExceededError, match="2 rows, more than the limit of 1"):
        frame.rank(interactions(), as_of=AS_OF, max_rows=1)


def test_not_a_dataframe_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not a dataframe"):
        frame.rank([1, 2, 3], as_of=AS_OF)


def test_naive_as_of_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="naive"):
        frame.rank(interactions(), as_of=datetime(2026, 4, 1))
