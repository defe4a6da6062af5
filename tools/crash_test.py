"""Crash test for the SQLite store: SIGKILL a writer at random moments, then check the database.

Each trial starts a child process that opens a fresh database and runs a seeded sequence
of operations on it: imports of new contacts and interactions, re-imports that update
known contacts, and full saves. After every operation's commit returns, the child prints
``committed <n>`` (flushed). The parent waits for the child to be ready, sleeps a seeded
random time, kills it with SIGKILL and then checks that:

* ``PRAGMA integrity_check`` says ``ok``;
* the store opens and loads;
* what it holds is exactly the network after the last reported operation, or after the
  one in flight (its commit may have returned just before the kill): every reported
  commit is there, and no operation is there in part.

The same seed gives the same operations and the same kill delays (where exactly the kill
lands still depends on the machine's speed).

Usage::

    python tools/crash_test.py --trials 200 --seed 7
"""

from __future__ import annotations

import argparse
import itertools
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netcore import Contact, Email, Interaction, InteractionKind, Network, Phone
from netcore.store import Store

MAX_OPS = 400
"""Operations per child; far more than fit in the kill window, so the kill lands mid-run."""


@dataclass(frozen=True)
class Op:
    """One operation of a trial: what the child does and the parent replays."""

    index: int
    kind: str  # "import" (new contacts), "update" (re-import with a new note) or "save"
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()


def plan(seed: int, trial: int) -> Iterator[Op]:
    """The trial's operations, the same for the same ``seed`` and ``trial``."""
    rng = random.Random(f"{seed}:{trial}")
    batches: list[tuple[Contact, ...]] = []
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(MAX_OPS):
        roll = rng.random()
        if roll < 0.15 and batches:
            yield Op(index, "save")
        elif roll < 0.35 and batches:
            old = rng.choice(batches)
            note = f"updated by op {index}"
            yield Op(index, "update", tuple(c.model_copy(update={"note": note}) for c in old))
        else:
            people = tuple(
                Contact(
                    uid=f"t{trial}-o{index}-c{i}",
                    formatted_name=f"Person {trial}.{index}.{i}",
                    emails=(Email(address=f"t{trial}o{index}c{i}@example.org"),),
                    phones=(Phone(number=f"+1555{trial % 100:02d}{index:03d}{i:03d}"),),
                    source="crash-test",
                )
                for i in range(rng.randint(1, 40))
            )
            batches.append(people)
            talks = tuple(
                Interaction(
                    id=f"t{trial}-o{index}-i{k}",
                    at=at + timedelta(minutes=index * 100 + k),
                    contact_uids=(rng.choice(people).uid,),
                    kind=InteractionKind.CALL,
                )
                for k in range(rng.randint(0, 20))
            )
            yield Op(index, "import", people, talks)


def apply_to_network(net: Network, op: Op) -> None:
    """What ``op`` does, done to an in-memory network (the expected state)."""
    if op.kind == "import":
        net.add_contacts(op.contacts)
        net.log_many(op.interactions)
    elif op.kind == "update":
        from netcore.store._keys import update  # the store's rule: the old note is kept too

        for c in op.contacts:
            net.replace_contact(update(net.contact(c.uid), c))
    else:
        net.add_contact(Contact(uid=f"save-{op.index}", source="crash-test"))


def apply_to_store(store: Store, net: Network, op: Op) -> None:
    """What ``op`` does to the store, given ``net`` already holds its result."""
    if op.kind == "save":
        store.save(net)
        return
    batch = Network()
    batch.add_contacts(op.contacts)
    batch.log_many(op.interactions)
    store.import_network(batch, source=f"op-{op.index}")


def child(db: Path, seed: int, trial: int) -> None:
    """Run the trial's operations against ``db``, reporting each commit."""
    net = Network()
    with Store.open(db) as store:
        print("ready", flush=True)
        for op in plan(seed, trial):
            apply_to_network(net, op)
            apply_to_store(store, net, op)
            print(f"committed {op.index}", flush=True)
    print("done", flush=True)


def _snapshot(net: Network) -> tuple[object, ...]:
    return (list(net.contacts.items()), list(net.interactions), net.events, net.ledger.entries)


def verify(db: Path, seed: int, trial: int, last: int) -> str | None:
    """Check ``db`` after a kill; ``last`` is the last operation the child reported.

    Returns:
        ``None`` when the database is sound and holds every reported commit and no partial
        operation; else what is wrong.
    """
    conn = sqlite3.connect(db)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"integrity_check cannot run: {exc}"
    finally:
        conn.close()
    if result != [("ok",)]:
        return f"integrity_check: {result}"
    try:
        with Store.open(db) as store:
            loaded = _snapshot(store.load())
    except Exception as exc:  # any failure to open or load is what this test looks for
        return f"cannot load: {exc!r}"
    expected = Network()
    ops = plan(seed, trial)
    for op in ops:
        if op.index > last:
            break
        apply_to_network(expected, op)
    if loaded == _snapshot(expected):
        return None
    in_flight = next((op for op in plan(seed, trial) if op.index == last + 1), None)
    if in_flight is not None:
        apply_to_network(expected, in_flight)
        if loaded == _snapshot(expected):
            return None
    contacts = len(loaded[0])  # type: ignore[arg-type]
    return (
        f"after op {last} the store holds {contacts} contacts: neither the state after op "
        f"{last} nor after op {last + 1}"
    )


@dataclass
class Results:
    """What a run found."""

    trials: int = 0
    failures: list[str] = field(default_factory=list)
    commits_verified: int = 0
    mid_run_kills: int = 0
    """Kills that landed after the first commit and before the child finished."""
    seconds: float = 0.0


def run(trials: int, seed: int, workdir: Path, *, window: float = 0.4) -> Results:
    """Run ``trials`` kill-and-check trials in ``workdir``."""
    rng = random.Random(seed)
    results = Results()
    start = time.perf_counter()
    script = Path(__file__).resolve()
    for trial in range(trials):
        db = workdir / f"trial-{trial}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        delay = rng.uniform(0.0, window)
        command = [sys.executable, str(script), "--child", str(db)]
        command += ["--seed", str(seed), "--trial", str(trial)]
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        ready = proc.stdout.readline()
        if ready.strip() != "ready":
            _, err = proc.communicate()
            results.failures.append(f"trial {trial}: child did not start: {ready!r} {err}")
            results.trials += 1
            continue
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        lines = out.split()
        done = "done" in lines
        if proc.returncode != -signal.SIGKILL and not done:
            results.failures.append(f"trial {trial}: child failed ({proc.returncode}): {err}")
        committed = [int(n) for word, n in itertools.pairwise(lines) if word == "committed"]
        last = max(committed, default=-1)
        problem = verify(db, seed, trial, last)
        if problem is not None:
            results.failures.append(f"trial {trial} (seed {seed}): {problem}")
        results.trials += 1
        results.commits_verified += len(committed)
        if committed and not done:
            results.mid_run_kills += 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    results.seconds = time.perf_counter() - start
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--window", type=float, default=0.4, help="max seconds before the kill")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.seed, args.trial)
        return 0
    if args.workdir is None:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="netcore-crash-") as tmp:
            results = run(args.trials, args.seed, Path(tmp), window=args.window)
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        results = run(args.trials, args.seed, args.workdir, window=args.window)
    print(
        f"trials {results.trials}, failures {len(results.failures)}, "
        f"kills mid-run {results.mid_run_kills}, commits verified {results.commits_verified}, "
        f"{results.seconds:.1f} s (seed {args.seed})"
    )
    for failure in results.failures:
        print("FAIL", failure)
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
