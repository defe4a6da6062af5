"""Benchmark: the codec steps against the floor, interleaved in one process.

Run from the repository root::

    .venv/bin/python benchmarks/interleaved.py                       # 1,000 cards, 15 rounds
    .venv/bin/python benchmarks/interleaved.py --n 2000 --rounds 9
    .venv/bin/python benchmarks/interleaved.py --steps parse,loads   # fewer steps

``benchmarks/vcard.py`` runs each step in a subprocess of its own, one after another, so
that its peak memory is its own; on a shared machine the load changes between the steps
and skews their ratios. Here every round runs every step once, in turn, in one process
(each timed by the rule of ``benchmarks/_timing.py``: collector collected before, paused
during), and the best of the rounds is kept for each step: the steps meet the same load.
Both the CPU time of the process (``time.process_time``: what the other processes on the
machine take counts less) and the wall time are printed, each as a ratio to the floor's.

Steps: ``floor`` (decode, unfold, split: see ``benchmarks/vcard.py``), ``records``
(the floor plus one ``Property`` a line: ``floor_records`` there; not run unless asked),
``parse`` (``contentline.parse``), ``loads`` (``vcard.loads``), ``dumps``
(``vcard.dumps`` of the same contacts, version 4.0), ``jloads`` (``jcard.loads`` of
them written as jCard), ``jdumps`` (``jcard.dumps``). Goals (issue 18): ``parse`` at most
1.3x the floor, ``loads`` 2.5x, ``dumps`` 1.5x; jCard within 1.2x of vCard each way.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import load
from vcard import floor, floor_records, generate

from netcore import _gc
from netcore.formats import contentline, jcard, vcard

GOALS = {"parse": 1.3, "loads": 2.5, "dumps": 1.5}


def _steps(data: bytes) -> dict[str, Callable[[], Any]]:
    contacts = list(vcard.loads(data))
    text = jcard.dumps(contacts)
    return {
        "floor": lambda: floor(data),
        "records": lambda: floor_records(data),
        "parse": lambda: contentline.parse(data),
        "loads": lambda: vcard.loads(data),
        "dumps": lambda: vcard.dumps(contacts),
        "jloads": lambda: jcard.loads(text),
        "jdumps": lambda: jcard.dumps(contacts),
    }


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """CPU and wall seconds of one run, under the rule of ``_timing.run_once``."""
    gc.collect()
    with _gc.paused():
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    del result
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="cards to generate")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--steps", default="parse,loads,dumps,jloads,jdumps")
    args = parser.parse_args()
    data = "".join(generate(args.n)).encode("utf-8")
    steps = _steps(data)
    names = ["floor", *(s for s in args.steps.split(",") if s and s != "floor")]
    for name in names:
        steps[name]()  # warm: caches, lazy imports
    best = {name: [float("inf"), float("inf")] for name in names}
    started = load()
    for _ in range(args.rounds):
        for name in names:
            cpu, wall = _timed(steps[name])
            best[name][0] = min(best[name][0], cpu)
            best[name][1] = min(best[name][1], wall)
    print(
        f"{args.n:,} cards, {len(data) / 2**20:.1f} MiB; best of {args.rounds} interleaved rounds"
    )
    print(f"at the start: {started}; at the end: {load()}")
    print(f"{'step':8} {'CPU s':>8} {'x floor':>8} {'wall s':>8} {'x floor':>8}  goal")
    floor_cpu, floor_wall = best["floor"]
    for name in names:
        cpu, wall = best[name]
        goal = f"<= {GOALS[name]}x" if name in GOALS else ""
        if name in ("jloads", "jdumps") and name[1:] in best:
            vc = best[name[1:]][0]
            goal = f"{cpu / vc:.2f}x {name[1:]} (CPU; goal <= 1.2x)"
        print(
            f"{name:8} {cpu:8.4f} {cpu / floor_cpu:7.2f}x "
            f"{wall:8.4f} {wall / floor_wall:7.2f}x  {goal}"
        )


if __name__ == "__main__":
    main()
