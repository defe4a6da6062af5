"""The one timing rule every benchmark follows, so that their ratios compare.

A timed step is run ``repeat`` times; before each run the cyclic garbage collector
collects, and during the run it is paused (netcore's readers pause it themselves, see
``netcore._gc``; the contestant it is compared with is timed under the same rule, which
never favours netcore). The figure kept is the best (shortest) run: on a shared machine
the other runs measure the neighbours too. ``load()`` gives the load average to print
with every figure (the figures mean little when it is above the number of cores).

Subprocess timings (start-up) keep the median instead, see ``benchmarks/startup.py``.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from typing import Any

from netcore import _gc


def run_once(fn: Callable[[], Any]) -> tuple[float, Any]:
    """One run of ``fn`` under the rule: collect first, collector paused; seconds, result."""
    gc.collect()
    with _gc.paused():
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return seconds, result


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    """The shortest of ``repeat`` runs of ``fn``, each timed by ``run_once``."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        seconds, result = run_once(fn)
        del result
        best = min(best, seconds)
    return best


def load() -> str:
    """The load average now, and the cores, to print next to a figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min); {os.cpu_count()} cores"
