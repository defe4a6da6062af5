"""A watchdog for fuzz tests: an input that runs longer than the budget fails as a hang."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

BUDGET = 5.0
"""Seconds any one input may take (the same as ``tools/fuzz.py --timeout``)."""


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so that no ``except Exception`` hides it."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: object) -> None:
        raise Hang(f"parser took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
