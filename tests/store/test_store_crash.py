"""SIGKILL a writer at random moments; the store must hold every reported commit, whole."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from netcore import Network
from netcore.store import Store

TRIALS = 50
SEED = 2026


def _crash_tool() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "tools" / "crash_test.py"
    spec = importlib.util.spec_from_file_location("netcore_crash_test", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


crash = _crash_tool()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_imports_and_saves_loses_no_commit(tmp_path: Path) -> None:
    results = crash.run(TRIALS, SEED, tmp_path, window=0.3)
    print(
        f"\ntrials {results.trials}, failures {len(results.failures)}, "
        f"kills mid-run {results.mid_run_kills}, commits verified {results.commits_verified}, "
        f"{results.seconds:.1f} s"
    )
    assert results.failures == []
    assert results.trials == TRIALS
    # The kills must land while the child writes, or the test proves nothing.
    assert results.mid_run_kills >= TRIALS * 0.8
    assert results.commits_verified > TRIALS


def _run_ops(db: Path, seed: int, trial: int, upto: int) -> Network:
    net = Network()
    with Store.open(db) as store:
        for op in crash.plan(seed, trial):
            if op.index > upto:
                break
            crash.apply_to_network(net, op)
            crash.apply_to_store(store, net, op)
    return net


def test_verify_accepts_the_last_reported_state_and_the_one_in_flight(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _run_ops(db, 1, 0, upto=5)
    assert crash.verify(db, 1, 0, last=5) is None
    assert crash.verify(db, 1, 0, last=4) is None  # op 5 committed, its line not yet printed


def test_verify_catches_a_lost_commit(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _run_ops(db, 1, 0, upto=5)
    problem = crash.verify(db, 1, 0, last=7)
    assert problem is not None
    assert "neither" in problem


def test_verify_catches_a_partial_operation(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _run_ops(db, 1, 0, upto=3)
    nxt = next(op for op in crash.plan(1, 0) if op.index == 4 and op.kind == "import")
    with Store.open(db) as store:
        store.add_contacts(nxt.contacts[: max(1, len(nxt.contacts) // 2)])
    assert crash.verify(db, 1, 0, last=3) is not None


def test_verify_catches_corruption(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _run_ops(db, 1, 0, upto=3)
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : 2 * page] = b"\xff" * page  # scribble over the second page
    db.write_bytes(bytes(data))
    assert crash.verify(db, 1, 0, last=3) is not None
