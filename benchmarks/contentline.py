"""Benchmark: the content-line layer alone against the unfold-and-split floor.

Run from the repository root::

    .venv/bin/python benchmarks/contentline.py            # the 10,000 cards of vcard.py
    .venv/bin/python benchmarks/contentline.py --n 2000

``contentline.parse`` (bytes to components of properties, with line numbers, limits and
issues) against ``floor`` from ``benchmarks/vcard.py`` (decode, unfold, split every line
into name, parameters and value) on the same generated cards; best of ``--repeat`` runs
each, with the cyclic collector paused as the readers pause it. Goal (issue 18): at most
1.3x the floor.
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

from vcard import floor, generate

from netcore import _gc
from netcore.formats import contentline


def best(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        with _gc.paused():
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = "".join(generate(args.n)).encode("utf-8")
    base = best(args.repeat, lambda: floor(data))
    ours = best(args.repeat, lambda: contentline.parse(data))
    print(f"{args.n:,} cards, {len(data) / 2**20:.1f} MiB (best of {args.repeat})")
    print(f"{'floor (decode, unfold, split)':35} {base:8.3f} s  1.00x")
    print(f"{'contentline.parse':35} {ours:8.3f} s  {ours / base:.2f}x  (goal <= 1.3x)")


if __name__ == "__main__":
    main()
