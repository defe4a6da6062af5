"""Values drawn from a Hypothesis strategy the same way in every run (the identity scripts).

``benchmarks/dumps_identity.py`` and ``benchmarks/loads_identity.py`` compare what two
trees write or read for the same inputs; both draw their hostile inputs here, with
Hypothesis derandomized and without its example database, so a run draws what the last
one drew (pass ``--drawn-file`` to them to share one pickle between two trees).
"""

from __future__ import annotations

from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

T = TypeVar("T")


def draw_values(strategy: st.SearchStrategy[T], n: int) -> list[T]:
    """``n`` values of ``strategy``, the same ones in every run."""
    out: list[T] = []

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(x: T) -> None:
        out.append(x)

    draw()
    return out
