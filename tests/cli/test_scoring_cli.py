"""Issue 12: who "me" is on the command line: --me, then $NETCORE_ME, then the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore import Me
from netcore.cli import app

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
AS_OF = ["--as-of", "2026-11-27"]
INES = "ines.duarte@example.org"
TOMAS = "tomas.ferreira@example.org"
ELENA = "elena.popescu@example.org"
runner = CliRunner()


def _names(*args: str) -> set[str]:
    result = runner.invoke(app, ["health", *args, *AS_OF, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return {row["name"] for row in json.loads(result.stdout)}


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETCORE_ME", raising=False)


def test_me_flag_leaves_me_out_of_the_ranking() -> None:
    assert "Inês Duarte" in _names(str(DATA))
    assert "Inês Duarte" not in _names(str(DATA), "--me", INES.upper())


def test_netcore_me_environment_takes_comma_separated_emails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETCORE_ME", f"{INES}, {TOMAS}")
    names = _names(str(DATA))
    assert "Inês Duarte" not in names
    assert "Tomás Ferreira" not in names


def test_the_flag_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETCORE_ME", INES)
    names = _names(str(DATA), "--me", TOMAS)
    assert "Inês Duarte" in names
    assert "Tomás Ferreira" not in names


def test_the_store_value_is_used_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netcore.store import Store

    db = tmp_path / "net.db"
    assert runner.invoke(app, ["import", str(DATA), "--db", str(db)]).exit_code == 0
    with Store.open(db) as store:
        store.set_me(Me(emails=(INES,)))
    assert "Inês Duarte" not in _names("--db", str(db))
    monkeypatch.setenv("NETCORE_ME", TOMAS)
    names = _names("--db", str(db))
    assert "Inês Duarte" in names
    assert "Tomás Ferreira" not in names


@pytest.mark.parametrize("command", ["health", "due", "followups"])
def test_every_scoring_command_takes_me(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert "--me" in result.stdout


def _followed_up(*extra: str) -> str:
    args = ["followups", str(DATA), "--event", "pydata lisbon", *AS_OF, *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _due(*extra: str) -> set[str]:
    result = runner.invoke(app, ["due", str(DATA), *AS_OF, "-f", "json", *extra])
    assert result.exit_code == 0, result.stderr
    return {n["name"] for n in json.loads(result.stdout)["due"]}


def test_due_and_followups_leave_me_out() -> None:
    assert "Bruno Carvalho" in _followed_up()
    assert "Bruno Carvalho" not in _followed_up("--me", "bruno.carvalho@example.org")
    assert "Elena Popescu" in _due()
    assert "Elena Popescu" not in _due("--me", ELENA)


def test_store_me_round_trip_and_forget(tmp_path: Path) -> None:
    from netcore.store import Store

    with Store.open(tmp_path / "s.db") as store:
        assert store.me is None
        store.set_me(Me(emails=("a@x.example",), phones=("+49 30 1234567",), names=("Sam",)))
        assert store.me == Me(emails=("a@x.example",), phones=("+49 30 1234567",), names=("Sam",))
        assert store.load().me == store.me
        store.set_me(None)
        assert store.me is None
        assert store.load().me is None


def test_schema_results_prints_every_scoring_result() -> None:
    result = runner.invoke(app, ["schema", "--results"])
    assert result.exit_code == 0
    defs = json.loads(result.stdout)["$defs"]
    assert {"Health", "Nudge", "FollowUp", "DueList", "Balance"} <= set(defs)
    assert "reasons" in defs["Health"]["properties"]
    assert "event_uid" in defs["FollowUp"]["properties"]
