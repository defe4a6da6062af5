"""Instructions of one warm run of a codec step, counted by valgrind's callgrind.

Run from the repository root (needs ``valgrind``)::

    .venv/bin/python benchmarks/instructions.py                      # parse, loads, jloads
    .venv/bin/python benchmarks/instructions.py --steps loads --n 400

Time on a shared machine moves with the load; an instruction count does not. For each
step the script runs itself twice under ``valgrind --tool=callgrind``: once running the
step once, once running it twice (the collector paused, as ``benchmarks/_timing.py``
times it), on the same ``--n`` generated cards of ``benchmarks/vcard.py``. The
difference of the two counts is one warm run: start-up, imports, generating the input
and the first (cold) run cancel out. The hash seed is fixed (``PYTHONHASHSEED=0`` unless
set), so a count repeats exactly. Instructions are not time (C code runs more
instructions per cycle than the interpreter's loop), so compare a step with itself
across two trees, not with another step.

To count another tree with the same script, put its ``src`` first on the path:
``PYTHONPATH=/path/to/tree/src .venv/bin/python benchmarks/instructions.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

STEPS = ("floor", "records", "parse", "loads", "dumps", "jloads", "jdumps")


def _step(name: str, n: int) -> Callable[[], Any]:
    from vcard import floor, floor_records, generate

    from netcore.formats import contentline, jcard, vcard

    data = "".join(generate(n)).encode("utf-8")
    if name == "floor":
        return lambda: floor(data)
    if name == "records":
        return lambda: floor_records(data)
    if name == "parse":
        return lambda: contentline.parse(data)
    if name == "loads":
        return lambda: list(vcard.loads(data))
    contacts = list(vcard.loads(data))
    if name == "dumps":
        return lambda: vcard.dumps(contacts)
    if name == "jdumps":
        return lambda: jcard.dumps(contacts)
    text = jcard.dumps(contacts)
    return lambda: list(jcard.loads(text))


def _inner(name: str, n: int, runs: int) -> None:
    from netcore import _gc

    fn = _step(name, n)
    with _gc.paused():
        for _ in range(runs):
            fn()


def _count(name: str, n: int, runs: int) -> int:
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--inner",
        name,
        "--n",
        str(n),
        "--runs",
        str(runs),
    ]
    # A fixed hash seed: the count of one run is then the same in every run (with a
    # random seed, dict and set probing vary by a few per cent).
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="parse,loads,jloads")
    parser.add_argument("--n", type=int, default=200, help="cards to generate")
    parser.add_argument("--inner", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        _inner(args.inner, args.n, args.runs)
        return
    print(f"{args.n:,} cards; instructions of one warm run (callgrind, two runs minus one)")
    for name in (s for s in args.steps.split(",") if s):
        one, two = _count(name, args.n, 1), _count(name, args.n, 2)
        print(f"{name:8} {(two - one) / 1e6:10.1f} M", flush=True)


if __name__ == "__main__":
    main()
