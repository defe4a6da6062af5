"""Benchmark of the store at scale: 100,000 contacts and 1,000,000 interactions.

Run it with ``python benchmarks/store_scale.py`` (``--contacts`` and ``--interactions``
make it smaller; ``--load`` also times ``Store.load()``). It prints a Markdown table of
wall-clock and CPU times and peak memory.

1. Import: the contacts (``Store.add_contacts``, not a goal of issue 16) and then the
   interactions (``Store.log_many``: the bulk path, in one transaction) into a new
   store file. Records are built with ``model_construct`` (known valid, generated here).
2. Open the store and produce the three frames (``contacts_frame``,
   ``interactions_frame``, ``ledger_frame``), in a separate process so that its peak
   resident set size (``resource.getrusage``) is that of this step alone.
3. With ``--load``: ``Store.load()`` in another process, for comparison.

CPU time (``time.process_time``, every thread of the process) is shown next to wall
time: on a machine shared with other jobs the wall time grows with the load, CPU time
much less.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netcore import Contact, Direction, Email, Interaction, InteractionKind
from netcore.store import Store

KINDS = list(InteractionKind)
DIRECTIONS = list(Direction)
END = datetime(2026, 6, 30, tzinfo=UTC)


def peak_mib() -> float:
    """Peak resident set size of this process so far, in MiB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` survives ``exec``, so a child
    started by a large parent would report the parent's size.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def contacts(n: int) -> list[Contact]:
    return [
        Contact.model_construct(
            uid=f"c{i:06d}",
            formatted_name=f"Person {i}",
            emails=(Email.model_construct(address=f"p{i}@example.org"),),
            cadence_days=30 if i % 10 == 0 else None,
            categories=("work",) if i % 7 == 0 else (),
        )
        for i in range(n)
    ]


def interactions(n_contacts: int, n: int, seed: int = 42) -> list[Interaction]:
    rng = random.Random(seed)
    span = 2 * 365 * 86_400
    out = []
    for k in range(n):
        # A few close ties get most of the interactions (a skewed, Dunbar-like shape).
        who = f"c{int(n_contacts * rng.random() ** 3):06d}"
        direction = DIRECTIONS[rng.randrange(3)]
        out.append(
            Interaction.model_construct(
                id=f"i{k}",
                at=END - timedelta(seconds=rng.randrange(span)),
                contact_uids=(who,),
                kind=KINDS[rng.randrange(len(KINDS))],
                direction=direction,
                duration=timedelta(minutes=30) if k % 5 == 0 else None,
                event_uid=None,
                note=None,
                replied=(rng.random() < 0.7) if direction is Direction.OUTBOUND else None,
                participants=None,
            )
        )
    return out


def timed(fn: object) -> tuple[float, float]:
    assert callable(fn)
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def phase_import(db: Path, n_contacts: int, n_interactions: int) -> dict[str, float]:
    gc.disable()  # bulk creation of long-lived objects (docs/architecture.md)
    people = contacts(n_contacts)
    items = interactions(n_contacts, n_interactions)
    gc.enable()
    out: dict[str, float] = {}
    with Store.open(db) as store:
        out["contacts_wall"], out["contacts_cpu"] = timed(lambda: store.add_contacts(people))
        out["import_wall"], out["import_cpu"] = timed(lambda: store.log_many(items))
    out["import_peak"] = peak_mib()
    return out


def phase_frames(db: Path) -> dict[str, float]:
    import polars  # noqa: F401  (imported before the clock starts, as a program would)

    rows: list[int] = []

    def run() -> None:
        with Store.open(db) as store:
            frames = (store.contacts_frame(), store.interactions_frame(), store.ledger_frame())
        rows.extend(f.height for f in frames)

    wall, cpu = timed(run)
    return {"frames_wall": wall, "frames_cpu": cpu, "frames_peak": peak_mib(), "rows": rows[1]}


def phase_load(db: Path) -> dict[str, float]:
    def run() -> None:
        with Store.open(db) as store:
            store.load()

    wall, cpu = timed(run)
    return {"load_wall": wall, "load_cpu": cpu, "load_peak": peak_mib()}


def in_subprocess(phase: str, db: Path, script: str = __file__) -> dict[str, float]:
    """Run ``script --phase PHASE --db DB`` in a fresh interpreter; its last line as JSON."""
    done = subprocess.run(
        [sys.executable, script, "--phase", phase, "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--load", action="store_true", help="also time Store.load()")
    parser.add_argument(
        "--db", type=Path, help="keep the store in this file; when it exists, skip the import"
    )
    parser.add_argument("--phase", choices=["frames", "load"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase is not None:
        phase = phase_frames if args.phase == "frames" else phase_load
        print(json.dumps(phase(args.db)))
        return
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "scale.db"
        got: dict[str, float] = {}
        if not db.exists():
            got.update(phase_import(db, args.contacts, args.interactions))
        got.update(in_subprocess("frames", db))
        if args.load:
            got.update(in_subprocess("load", db))
        size = db.stat().st_size / 2**20
    n_c, n_i = f"{args.contacts:,}", f"{args.interactions:,}"
    print(f"Store at scale: {n_c} contacts, {n_i} interactions (store file {size:,.0f} MiB)\n")
    print("| step | wall s | CPU s | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    if "import_wall" in got:
        print(
            f"| import {n_c} contacts (add_contacts) | {got['contacts_wall']:.1f} "
            f"| {got['contacts_cpu']:.1f} | |"
        )
        print(
            f"| import {n_i} interactions (log_many) | {got['import_wall']:.1f} "
            f"| {got['import_cpu']:.1f} | {got['import_peak']:,.0f} (records built first) |"
        )
    print(
        f"| open + contacts/interactions/ledger frames ({int(got['rows']):,} rows) "
        f"| {got['frames_wall']:.2f} | {got['frames_cpu']:.2f} | {got['frames_peak']:,.0f} |"
    )
    if args.load:
        print(
            f"| open + Store.load() | {got['load_wall']:.1f} | {got['load_cpu']:.1f} "
            f"| {got['load_peak']:,.0f} |"
        )


if __name__ == "__main__":
    main()
