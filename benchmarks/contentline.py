"""Benchmark: the content-line layer alone against the unfold-and-split floor.

Run from the repository root::

    .venv/bin/python benchmarks/contentline.py            # the 10,000 cards of vcard.py
    .venv/bin/python benchmarks/contentline.py --n 2000

``contentline.parse`` (bytes to components of properties, with line numbers, limits and
issues) against ``floor`` from ``benchmarks/vcard.py`` (decode, unfold, split every line
into name, parameters and value) on the same generated cards; best of ``--repeat`` runs
each, timed by the rule of ``benchmarks/_timing.py``. Goal (issue 18): at most
1.3x the floor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of, load
from vcard import floor, generate

from netcore.formats import contentline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = "".join(generate(args.n)).encode("utf-8")
    base = best_of(args.repeat, lambda: floor(data))
    ours = best_of(args.repeat, lambda: contentline.parse(data))
    print(f"{args.n:,} cards, {len(data) / 2**20:.1f} MiB (best of {args.repeat}); {load()}")
    print(f"{'floor (decode, unfold, split)':35} {base:8.3f} s  1.00x")
    print(f"{'contentline.parse':35} {ours:8.3f} s  {ours / base:.2f}x  (goal <= 1.3x)")


if __name__ == "__main__":
    main()
