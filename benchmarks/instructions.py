"""Instructions of one warm run of a codec step, counted by callgrind (deterministic).

Run from the repository root (valgrind must be installed)::

    .venv/bin/python benchmarks/instructions.py dumps jdumps      # 200 cards
    .venv/bin/python benchmarks/instructions.py loads --n 500

Each step runs under ``valgrind --tool=callgrind`` twice, once with one run of the step
and once with two (the collector off, the same generated cards as
``benchmarks/vcard.py``); the difference of the two counts is one warm run, without
start-up and the first run's caches. Instructions are not time (C code runs more
instructions per cycle than the interpreter), so compare a step's counts between two
trees, not between steps. Steps: ``dumps``, ``jdumps``, ``loads``, ``parse``.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _step(name: str, n: int) -> Callable[[], Any]:
    from vcard import generate

    from netcore.formats import contentline, jcard, vcard

    data = "".join(generate(n)).encode("utf-8")
    if name == "parse":
        return lambda: contentline.parse(data)
    if name == "loads":
        return lambda: vcard.loads(data)
    contacts = list(vcard.loads(data))
    if name == "dumps":
        return lambda: vcard.dumps(contacts)
    if name == "jdumps":
        return lambda: jcard.dumps(contacts)
    raise SystemExit(f"unknown step {name!r}")


def _count(step: str, n: int, runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--inner",
            step,
            "--n",
            str(n),
            "--runs",
            str(runs),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", done.stderr)
    if m is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="+")
    parser.add_argument("--n", type=int, default=200, help="cards to generate")
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        fn = _step(args.steps[0], args.n)
        gc.collect()
        gc.disable()
        for _ in range(args.runs):
            fn()
        return
    for step in args.steps:
        one = _count(step, args.n, 1)
        two = _count(step, args.n, 2)
        print(f"{step:8} {args.n} cards: {(two - one) / 1e6:8.1f} M instructions (one warm run)")


if __name__ == "__main__":
    main()
