"""docs/scale.md's recipes (examples/scale_*.py) run, and the store's tables score right."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

from netcore import Me, io, scoring
from netcore.scoring import frame
from netcore.store import Store

ROOT = Path(__file__).resolve().parents[3]
AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    loaded = io.build_network(
        [ROOT / "examples" / "data"], as_of=AS_OF, me=Me.from_emails("alex.morgan@example.net")
    )
    with Store.open(folder / "sample.db") as store:
        store.save(loaded.network)
        store.export_parquet(folder)
    return folder


def _run(script: str, tables: Path) -> list[str]:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), str(tables), "--as-of", "2026-11-27"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def _expected(tables: Path) -> list[str]:
    with Store.open(tables / "sample.db") as store:
        net = store.load()
    top = scoring.rank(net, as_of=AS_OF)[:5]
    return [f"{h.uid}\t{h.score:.1f}\t{h.status.value}\t{h.tier}\t{h.next_due}" for h in top]


def test_the_stores_parquet_tables_score_like_the_loaded_network(tables: Path) -> None:
    read = [
        pl.read_parquet(tables / f"{t}.parquet") for t in ("interactions", "contacts", "ledger")
    ]
    assert read[0]["group_size"].max() is not None  # the sample's events: group sizes known
    result = frame.rank(*read, as_of=AS_OF)
    with Store.open(tables / "sample.db") as store:
        objects = scoring.rank(store.load(), as_of=AS_OF)
    rows = {r["uid"]: r for r in result.iter_rows(named=True)}
    assert len(rows) == len(objects) == 59
    for h in objects:
        assert abs(rows[h.uid]["score"] - h.score) <= 1e-9
        assert (rows[h.uid]["layer"], rows[h.uid]["due_on"]) == (h.tier, h.next_due)


def _recipe(name: str) -> ModuleType:
    """Import examples/NAME.py in-process (a subprocess would double the test's time)."""
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_recipe_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


@pytest.mark.parametrize("name", ["scale_polars", "scale_duckdb"])
def test_recipe_gives_the_object_apis_top_five(
    name: str, tables: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipe = _recipe(name)
    _recipe("_tables").show(recipe.score(tables, AS_OF))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "59 contacts scored"
    assert out[1:] == _expected(tables)


@pytest.mark.slow
@pytest.mark.parametrize("script", ["scale_dask.py", "scale_spark.py"])
def test_distributed_recipe_prints_the_object_apis_top_five(script: str, tables: Path) -> None:
    if script == "scale_spark.py" and shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (CI installs default-jre-headless)")
    out = _run(script, tables)
    assert out[0] == "59 contacts scored"
    assert out[1:] == _expected(tables)


def test_the_stores_me_is_marked_and_never_scored(tmp_path: Path) -> None:
    from _frame_networks import small_network
    from netcore import Contact, Email, Me

    net = small_network()
    net.add_contacts([Contact(uid="sam", emails=(Email(address="Sam@Example.org"),))])
    with Store.open(tmp_path / "me.db") as store:
        store.save(net)
        store.set_me(Me(emails=("sam@example.org",)))
        contacts = store.contacts_frame()
        tables = (store.interactions_frame(), contacts, store.ledger_frame())
        objects = scoring.rank(store.load(), as_of=date(2025, 3, 1))
    assert contacts.filter(pl.col("is_me"))["uid"].to_list() == ["sam"]
    result = frame.rank(*tables, as_of=date(2025, 3, 1))
    assert result["uid"].to_list() == [h.uid for h in objects] == ["ada", "bob"]
