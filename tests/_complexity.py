"""One rule for complexity tests: grow a hostile shape x8, time may grow at most x12.

A ratio measured in one run, not an absolute time, so that a slower machine slows both
sizes alike and a new quadratic loop (x64 for x8) still fails. The time is the process's
CPU time, not the wall clock: on a loaded machine a long run is far more likely to wait
for a core than a short one, which inflated wall-clock ratios (x15 to x60 for linear code
at load 10 on two cores). Each size is timed several times and the fastest run counts,
which filters out a scheduler hiccup; the heap
that existed before a run is frozen (``gc.freeze``) while it is timed, so a full garbage
collection of the test process's own objects is not charged to the code under test. A ratio
over the limit is measured again (up to ``ATTEMPTS`` times) and the lowest counts: load
can only inflate a ratio, and a quadratic loop stays near x64 however often it is timed.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from functools import partial

GROWTH = 8
"""How much larger the big input is than the small one."""

MAX_RATIO = 12.0
"""The most time may grow for ``GROWTH`` times the input: linear plus slack, far below x64."""

ATTEMPTS = 3
"""How many times a ratio over ``MAX_RATIO`` is measured before the test fails."""


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        # The objects alive before the run (the test process's imports: polars,
        # hypothesis, ...) are moved out of the collector's reach while it is timed. Left in,
        # a full collection that only the big run's allocations happen to trigger walks
        # that whole heap once, a fixed cost unrelated to the code under test that pushed a
        # linear reader from x8.5 to x14 in CI. The run's own objects are still collected.
        gc.freeze()
        try:
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
        finally:
            gc.unfreeze()
    return best


def growth_ratio(
    make: Callable[[int], object],
    run: Callable[[object], object],
    small: int,
    *,
    repeat: int = 3,
) -> float:
    """Time ``run(make(small))`` and ``run(make(small * GROWTH))``; return big / small.

    Args:
        make: Builds the hostile input of size ``n`` (not timed).
        run: The operation under test (timed).
        small: The small size; choose it so that the small run takes a few milliseconds
            at least, or timer noise dominates.
        repeat: Runs per size; the fastest counts.
    """
    if os.environ.get("PYTEST_XDIST_WORKER"):
        raise AssertionError(
            "a timing ratio is measured only in the serial pass: mark this test "
            "@pytest.mark.serial (tests/conftest.py marks the ones it can find)"
        )
    small_input = make(small)
    run(small_input)  # warm caches and imports
    t_small = _best_of(partial(run, small_input), repeat)
    big_input = make(small * GROWTH)
    t_big = _best_of(partial(run, big_input), repeat)
    _log(small, t_small, t_big)
    return t_big / max(t_small, 1e-6)


def _log(small: int, t_small: float, t_big: float) -> None:
    """Append one measurement to the file ``NETCORE_RATIO_LOG`` names, if any.

    For sizing a test: the small run should take a few milliseconds at least, and
    not much more (every attempt costs about ``(1 + repeat) * t_small + repeat * t_big``).
    """
    path = os.environ.get("NETCORE_RATIO_LOG")
    if path:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{test}\t{small}\t{t_small * 1e3:.1f} ms\t{t_big * 1e3:.1f} ms\n")


def assert_linear(
    make: Callable[[int], object],
    run: Callable[[object], object],
    small: int,
    *,
    what: str,
    repeat: int = 3,
) -> None:
    """Fail if time grows more than ``MAX_RATIO`` for ``GROWTH`` times the input ``what``."""
    ratio = growth_ratio(make, run, small, repeat=repeat)
    for _ in range(ATTEMPTS - 1):
        if ratio <= MAX_RATIO:
            break
        ratio = min(ratio, growth_ratio(make, run, small, repeat=repeat))
    assert ratio <= MAX_RATIO, (
        f"{what}: x{GROWTH} input took x{ratio:.1f} time (at most x{MAX_RATIO:g} allowed)"
    )
