"""Issue 15 item 3: `netcore dedupe --review` pair by pair, rejected pairs remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app
from netcore.dedupe import find_duplicates
from netcore.model import Contact, Email, Network, Organization
from netcore.store import Store

runner = CliRunner()


def _people() -> list[Contact]:
    acme = (Organization(name="Acme"),)
    return [
        Contact(uid="u1", formatted_name="Ada Lovelace", emails=(Email(address="ada@x.org"),)),
        Contact(
            uid="u2", formatted_name="A. Lovelace", emails=(Email(address="ADA@x.org"),), source="g"
        ),
        Contact(uid="u3", formatted_name="Bob Smith", organizations=acme),
        Contact(uid="u4", formatted_name="Robert Smith"),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "n.db"
    net = Network()
    net.add_contacts(_people())
    # save, not import: an import would already join u1 and u2 by their shared email.
    with Store.open(path) as store:
        store.save(net)
    return path


def _run(*args: str, answers: str = "") -> tuple[int, str, str]:
    result = runner.invoke(app, ["dedupe", *args], input=answers)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _uids(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(store.load().contacts)


def test_reject_is_remembered_and_not_proposed_again(db: Path) -> None:
    code, out, err = _run("--db", str(db), "--review", answers="r\nr\n")
    assert code == 0, err
    assert out.count("[a]ccept, [r]eject, [s]wap survivor, s[k]ip, [q]uit") == 2
    assert "why: same email ada@x.org" in out
    with Store.open(db) as store:
        assert store.rejected_pairs() == [("u1", "u2"), ("u3", "u4")]
    assert _uids(db) == ["u1", "u2", "u3", "u4"]
    code, out, _ = _run("--db", str(db))
    assert code == 0
    assert "0 probable duplicate pair(s)" in out


def test_accept_merges_and_swap_changes_the_survivor(db: Path) -> None:
    code, out, err = _run("--db", str(db), "--review", answers="s\na\nk\n")
    assert code == 0, err
    assert "A. Lovelace" in out
    assert "Ada Lovelace" in out
    assert _uids(db) == ["u2", "u3", "u4"]  # swapped: u2 kept, u1 merged into it
    assert "merged 1 pair(s)" in err


def test_quit_stops_asking_and_keeps_what_was_accepted(db: Path) -> None:
    code, out, err = _run("--db", str(db), "--review", answers="a\nq\n")
    assert code == 0, err
    assert out.count("[q]uit") == 2
    assert _uids(db) == ["u1", "u3", "u4"]


def test_an_invalid_answer_is_asked_again(db: Path) -> None:
    code, out, err = _run("--db", str(db), "--review", answers="x\nk\nk\n")
    assert code == 0, err
    assert out.count("[q]uit") == 3
    assert _uids(db) == ["u1", "u2", "u3", "u4"]


def test_apply_merges_only_pairs_above_the_stated_threshold(db: Path) -> None:
    scores = {m.uids: m.score for m in find_duplicates(_people())}
    assert scores[("u1", "u2")] >= 0.9 > scores[("u3", "u4")] >= 0.75
    code, _, err = _run("--db", str(db), "--apply")
    assert code == 0, err
    assert _uids(db) == ["u1", "u3", "u4"]
    assert "1 pair(s) below 0.90 left for --review" in err
    code, _, err = _run("--db", str(db), "--apply", "--apply-above", "0.75")
    assert code == 0, err
    assert _uids(db) == ["u1", "u3"]


def test_review_and_apply_together_is_a_usage_error(db: Path) -> None:
    code, _, err = _run("--db", str(db), "--review", "--apply")
    assert code == 2
    assert "not both" in err


def test_python_api_rejected_pairs_and_keep_drop() -> None:
    (first, second) = find_duplicates(_people())
    assert (first.keep.uid, first.drop.uid) == ("u1", "u2")
    assert (first.swapped().keep.uid, first.swapped().drop.uid) == ("u2", "u1")
    assert find_duplicates(_people(), rejected=[("u2", "u1")]) == [second]


def test_store_reject_pair_refuses_one_uid(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        with pytest.raises(ValueError, match="two different"):
            store.reject_pair("a", "a")
        assert store.reject_pair("z", "y") is True
        assert store.reject_pair("y", "z") is False
        assert store.rejected_pairs() == [("y", "z")]


def _drive_in_a_terminal(args: list[str], answers: list[bytes]) -> str:
    """Run ``python -m netcore`` in a pseudo-terminal, answering each prompt in turn."""
    import os
    import select
    import sys

    pty = pytest.importorskip("pty")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child process
        try:
            os.execv(sys.executable, [sys.executable, "-m", "netcore", *args])
        finally:
            os._exit(127)  # never return into the test session
    seen = b""
    pending = list(answers)
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if chunk.rstrip().endswith(b"[q]uit:") and pending:
            os.write(fd, pending.pop(0))
    os.waitpid(pid, 0)
    os.close(fd)
    return seen.decode("utf-8", errors="replace")


def test_review_in_a_real_terminal(db: Path) -> None:
    text = _drive_in_a_terminal(["dedupe", "--db", str(db), "--review"], [b"r\n", b"a\n"])
    assert text.count("[a]ccept, [r]eject, [s]wap survivor, s[k]ip, [q]uit") == 2
    assert "merged 1 pair(s)" in text
    with Store.open(db) as store:
        assert store.rejected_pairs() == [("u1", "u2")]
    assert _uids(db) == ["u1", "u2", "u3"]


def test_shown_score_is_rounded_down_as_apply_above_sees_it() -> None:
    # RT-dedupe-20: a 0.898 pair must not be shown as 0.90 while --apply-above 0.9 leaves it.
    from netcore.cli._store import _shown

    assert _shown(0.898) == "0.89"
    assert _shown(0.9) == "0.90"
    assert _shown(0.29) == "0.29"
    assert _shown(1.0) == "1.00"


def test_shared_email_with_different_names_says_so_and_stays_below_apply() -> None:
    boss = Contact(
        uid="1",
        formatted_name="Jane Boss",
        emails=(Email(address="jane.boss@acme.com"),),
        organizations=(Organization(name="Acme"),),
    )
    aide = boss.model_copy(update={"uid": "2", "formatted_name": "Tom Helper"})
    (m,) = find_duplicates([boss, aide])
    assert 0.75 <= m.score < 0.88
    assert "different names: check they are one person" in m.reasons
