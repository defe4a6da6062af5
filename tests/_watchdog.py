"""Shared by the fuzz and hostile-input tests: a watchdog for hangs and a memory probe."""

from __future__ import annotations

import signal
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

from netcore.errors import ParseError

T = TypeVar("T")

BUDGET = 60.0
"""Seconds before a parser call counts as hung.

A hang detector only: it must not fire on a loaded machine (a 300,000-property card takes
about 3 s alone and over 5 s beside other work), so it is generous. Super-linear cost is
caught by the complexity tests (a ratio measured in one run), not by this limit.
"""


class Hang(BaseException):
    """Raised by :func:`watchdog`; a BaseException so that no ``except Exception`` hides it."""


@contextmanager
def watchdog(seconds: float = BUDGET) -> Iterator[None]:
    """Fail the block as a hang if it runs longer than ``seconds`` (SIGALRM: main thread)."""

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def watched(fn: Callable[[], T]) -> T:
    """``fn()`` run in a thread; the test fails if it is still running after ``BUDGET``.

    For a call that may hang inside C code, where :func:`watchdog`'s signal would only be
    seen once the call returns: the test thread stops waiting and fails. An exception of
    ``fn`` is raised again in the test thread.
    """
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BUDGET)
    if thread.is_alive():
        pytest.fail(f"still running after {BUDGET} s")
    if errors:
        raise errors[0]
    return result[0]


def peak_bytes(fn: Callable[[], T]) -> tuple[T | BaseException, int]:
    """Run ``fn`` under tracemalloc: its result (or the ParseError it raised) and the peak."""
    tracemalloc.start()
    try:
        try:
            result: T | BaseException = fn()
        except ParseError as exc:
            result = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak
