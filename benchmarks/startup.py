"""Benchmark: how long the ``netcore`` command and ``import netcore`` take to start.

Run from the repository root::

    .venv/bin/python benchmarks/startup.py              # 21 runs of each
    .venv/bin/python benchmarks/startup.py --runs 51

Each row is a fresh interpreter started ``--runs`` times (the rows taken in turn, so
that a busy neighbour slows them all alike); the figure is the median wall time. The
floor is ``python -c pass`` measured in the same run; ``typer`` alone and typer with its
rich help renderer (what ``netcore --help`` draws its boxes with) are measured too, since
no command built on typer can start faster than they import; and ``netcore --help`` with
``TYPER_USE_RICH=0`` (typer's switch to plain click help), which skips that renderer.
Goal (issue 18): ``netcore --help`` and ``python -X importtime -c "import netcore.cli"``
under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import load

GOAL = 0.3


def _netcore() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m netcore``."""
    script = Path(sys.executable).with_name("netcore")
    if script.exists():
        return [str(script)]
    found = shutil.which("netcore")
    return [found] if found else [sys.executable, "-m", "netcore"]


PLAIN = "TYPER_USE_RICH=0 "  # typer's switch: plain click help instead of rich panels


def rows() -> dict[str, list[str]]:
    py = sys.executable
    cmd = _netcore()
    return {
        "python -c pass (floor)": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        "python -c 'import typer.rich_utils'": [py, "-c", "import typer.rich_utils"],
        "python -c 'import netcore'": [py, "-c", "import netcore"],
        "python -c 'import netcore.cli'": [py, "-c", "import netcore.cli"],
        "netcore --version": [*cmd, "--version"],
        "netcore --help": [*cmd, "--help"],
        f"{PLAIN}netcore --help": [*cmd, "--help"],
        "python -c 'import netcore.model'": [py, "-c", "import netcore.model"],
    }


def run(name: str, argv: list[str]) -> float:
    env = {**os.environ, "COLUMNS": "100"}
    if name.startswith(PLAIN):
        env["TYPER_USE_RICH"] = "0"
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    table = rows()
    times: dict[str, list[float]] = {name: [] for name in table}
    before = load()
    for name, argv in table.items():  # one warm-up each: the page cache, .pyc files
        run(name, argv)
    for _ in range(args.runs):
        for name, argv in table.items():
            times[name].append(run(name, argv))
    after = load()
    floor = statistics.median(times["python -c pass (floor)"])
    print(f"{args.runs} runs each, median wall time; Python {sys.version.split()[0]}")
    print(f"before: {before}\nafter:  {after}\n")
    print(f"{'command':40} {'median':>8} {'minus floor':>12} {'x floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:40} {median:7.3f}s {median - floor:11.3f}s {median / floor:7.1f}x")
    help_s = statistics.median(times["netcore --help"])
    verdict = "met" if help_s < GOAL else "missed"
    print(f"\ngoal: netcore --help under {GOAL} s: {help_s:.3f} s, {verdict}")


if __name__ == "__main__":
    main()
