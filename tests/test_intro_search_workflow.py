"""Who can introduce me, who knows X: the CLI and the Python API agree, and the guides run.

The guides' ``python`` blocks are run as they are (they hold their own asserts) and
their ``console`` blocks are run through the CLI and compared line for line.
"""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore import io, scoring
from netcore.cli import app
from netcore.model import Network
from netcore.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
AS_OF = date(2026, 11, 27)
GUIDES = [ROOT / "docs" / "guides" / "intro.md", ROOT / "docs" / "guides" / "search.md"]
runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def files_net() -> Network:
    return io.build_network([DATA], as_of=AS_OF).network


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "net.db"
    cli("import", str(DATA), "--db", str(path), "-q")
    return path


def _api_paths(net: Network, target: str) -> list[dict[str, object]]:
    return [
        {
            "hops": list(p.hops),
            "names": [net.contact(u).display_name for u in p.hops],
            "strength": round(p.strength, 4),
            "reasons": list(p.reasons),
        }
        for p in scoring.intro_paths(net, target, as_of=AS_OF)
    ]


def test_intro_from_files_cli_equals_api(files_net: Network) -> None:
    out = cli("intro", "Acme Corp", str(DATA), "--as-of", AS_OF.isoformat(), "-f", "json", "-q")
    got = json.loads(out)
    assert got == _api_paths(files_net, "Acme Corp")
    assert [p["names"] for p in got] == [
        ["Kwame Mensah", "Chen Wei"],
        ["Daniel Cohen", "Lars Eriksen"],
        ["Oliver Hughes", "Lars Eriksen"],  # not Lucas -> Kwame: I know Kwame better
    ]
    assert got[0]["reasons"][1] == "Kwame lists Chen as friend"


@pytest.mark.slow
def test_intro_and_search_from_the_store_cli_equals_api(db: Path) -> None:
    with Store.open(db) as store:
        net = store.load()
        ties = scoring.tie_strengths(net, as_of=AS_OF)
        stored = {q: [c.uid for c in store.search(q, strengths=ties)] for q in ("pydata",)}
    args = ("--db", str(db), "--as-of", AS_OF.isoformat(), "-f", "json", "-q")
    assert json.loads(cli("intro", "Ana Ribeiro", *args)) == _api_paths(net, "Ana Ribeiro")
    for query in ("who at Acme", "kubernetes", "pydata"):
        got = [r["uid"] for r in json.loads(cli("search", query, *args))]
        assert got == [c.uid for c in net.search(query, strengths=ties)], query
    assert [r["uid"] for r in json.loads(cli("search", "pydata", *args))] == stored["pydata"]


@pytest.mark.slow
def test_search_from_files_cli_equals_api(files_net: Network) -> None:
    ties = scoring.tie_strengths(files_net, as_of=AS_OF)
    for query in ("who knows Kubernetes", "who was at PyData", "Acme", '"NEAR *'):
        out = cli("search", query, str(DATA), "--as-of", AS_OF.isoformat(), "-f", "json", "-q")
        got = [(r["uid"], r["tie_strength"]) for r in json.loads(out)]
        expected = [
            (c.uid, round(ties.get(c.uid, 0.0), 4)) for c in files_net.search(query, strengths=ties)
        ]
        assert got == expected, query
    names = [r["name"] for r in json.loads(cli("search", "kubernetes", str(DATA), "-f", "json"))]
    assert {"Oliver Hughes", "Lars Eriksen", "Sven Olsen"} <= set(names)
    assert "Kwame Mensah" not in names


def test_intro_names_an_unknown_target_in_one_line() -> None:
    result = runner.invoke(app, ["intro", "Globex", str(DATA), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: 'Globex' names no contact, organisation or email domain"
    ]


def _blocks(path: Path, lang: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guides_python_examples_run(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks(guide, "python")
    assert blocks
    for code in blocks:
        exec(compile(code, str(guide), "exec"), {"__name__": "__guide__"})


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guides_console_output_is_what_the_cli_prints(
    guide: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks(guide, "console")
    assert blocks
    for block in blocks:
        command, *expected = block.rstrip("\n").splitlines()
        assert command.startswith("$ netcore ")
        out = cli(*shlex.split(command)[2:])
        assert [line.rstrip() for line in out.splitlines()] == expected, command


@pytest.mark.slow
def test_relate_keeps_a_relation_that_intro_then_uses(db: Path) -> None:
    args = ("--db", str(db))
    assert runner.invoke(app, ["relate", "Ana Ribeiro", "Ana Ribeiro", *args]).exit_code == 2
    bad = runner.invoke(app, ["relate", "Ana Ribeiro", "Sven Olsen", "--since", "20x", *args])
    assert bad.exit_code == 2
    cli(
        "relate",
        "Ana Ribeiro",
        "Sven Olsen",
        "--kind",
        "colleague",
        "--at",
        "Datum Corporation",
        "--since",
        "2019",
        "--until",
        "2023",
        *args,
    )
    with Store.open(db) as store:
        net = store.load()
        assert [(r.kind.value, r.since, r.until) for r in store.relations()] == [
            ("colleague", date(2019, 1, 1), date(2023, 12, 31))
        ]
    got = json.loads(cli("intro", "Sven Olsen", *args, "--as-of", AS_OF.isoformat(), "-f", "json"))
    assert got == _api_paths(net, "Sven Olsen")
    assert got[0]["names"] == ["Inês Duarte", "Ana Ribeiro", "Sven Olsen"]
    assert got[0]["reasons"][2] == "Ana and Sven worked at Datum Corporation 2019-2023"


def test_intro_says_when_its_search_budget_cut_it_short(
    files_net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A search that finishes says so; one cut by the extension budget says that it was
    # cut, from Python and from the CLI, and still shows the strongest paths found.
    from netcore.scoring import _intro

    full = scoring.intro_paths(files_net, "Acme Corp", as_of=AS_OF)
    assert full.complete
    assert len(full) == 3
    args = ("intro", "Acme Corp", str(DATA), "--as-of", AS_OF.isoformat())
    finished = runner.invoke(app, list(args))
    assert finished.exit_code == 0
    assert "search stopped" not in finished.stderr
    monkeypatch.setattr(_intro, "MAX_EXPANSIONS", 3)
    cut = scoring.intro_paths(files_net, "Acme Corp", as_of=AS_OF)
    assert not cut.complete
    assert [p.hops for p in cut] == [p.hops for p in full][: len(cut)]
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0
    assert "the search stopped after 3 partial paths" in " ".join(result.stderr.split())
