"""netcore score: Parquet tables in, a Parquet file of columnar scores out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from _frame_networks import small_network
from netcore.cli import app
from netcore.scoring import frame
from netcore.store import Store

runner = CliRunner()


def _exported(tmp_path: Path) -> Path:
    folder = tmp_path / "tables"
    with Store.open(tmp_path / "n.db") as store:
        store.save(small_network())
        store.export_parquet(folder)
    return folder


def test_score_writes_the_columnar_ranking_of_an_exported_store(tmp_path: Path) -> None:
    folder = _exported(tmp_path)
    out = tmp_path / "scores.parquet"
    result = runner.invoke(
        app, ["score", "--input", str(folder), "--output", str(out), "--as-of", "2025-03-01"]
    )
    assert result.exit_code == 0, result.stderr
    assert "scored 2 contacts as of 2025-03-01" in result.stderr
    written = pl.read_parquet(out)
    tables = [
        pl.read_parquet(folder / f"{t}.parquet") for t in ("interactions", "contacts", "ledger")
    ]
    expected = frame.rank(*tables, as_of=date(2025, 3, 1))
    assert written.equals(expected)
    assert written["uid"].to_list() == ["ada", "bob"]
    assert written["given_total"].to_list() == [0, 1]


def test_score_reads_one_parquet_file_of_interactions(tmp_path: Path) -> None:
    folder = _exported(tmp_path)
    out = tmp_path / "scores.parquet"
    args = ["score", "-i", str(folder / "interactions.parquet"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--as-of", "2025-03-01"])
    assert result.exit_code == 0, result.stderr
    assert pl.read_parquet(out).height == 2


def test_bad_data_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "i.parquet"
    pl.DataFrame(
        {
            "contact_uid": ["ada"],
            "at": [datetime(2026, 1, 1, tzinfo=UTC)],
            "kind": ["MEETING"],
            "direction": ["mutual"],
        }
    ).write_parquet(bad)
    result = runner.invoke(app, ["score", "-i", str(bad), "-o", str(tmp_path / "o.parquet")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "interactions: kind:" in result.stderr
    assert "'MEETING'" in result.stderr
    assert not (tmp_path / "o.parquet").exists()


def test_not_parquet_is_exit_1_and_a_missing_input_exit_2(tmp_path: Path) -> None:
    text = tmp_path / "i.parquet"
    text.write_text("no", encoding="utf-8")
    result = runner.invoke(app, ["score", "-i", str(text), "-o", str(tmp_path / "o.parquet")])
    assert result.exit_code == 1
    assert "not a readable Parquet file" in result.stderr
    missing = runner.invoke(
        app, ["score", "-i", str(tmp_path / "nope"), "-o", str(tmp_path / "o.parquet")]
    )
    assert missing.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["score", "-i", str(empty), "-o", str(tmp_path / "o.parquet")])
    assert result.exit_code == 1
    assert "no interactions.parquet" in result.stderr


def test_an_engine_error_is_a_parse_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise pl.exceptions.ComputeError("overflow in a cast")

    monkeypatch.setattr(frame, "reduce_interactions", broken)
    interactions = tmp_path / "i.parquet"
    pl.DataFrame(
        {
            "contact_uid": ["ada"],
            "at": [datetime(2026, 1, 1, tzinfo=UTC)],
            "kind": ["call"],
            "direction": ["mutual"],
        }
    ).write_parquet(interactions)
    out = tmp_path / "o.parquet"
    result = runner.invoke(app, ["score", "-i", str(interactions), "-o", str(out)])
    assert result.exit_code == 1
    assert "the engine could not score the tables: overflow in a cast" in result.stderr
    assert "Traceback" not in result.stderr
