"""One rule for pausing the cyclic garbage collector during bulk work.

Building or loading thousands of long-lived records (contacts, interactions, parsed
lines) makes CPython's cyclic collector scan the growing heap again and again while
freeing nothing: measured here, it turned x8 more contacts into x10-14 more time instead
of x8 (docs/architecture.md, "Performance facts"). Every bulk loop in netcore pauses it
with :func:`paused`, which restores the previous state even when the work raises.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block, then restore its state.

    Nested uses are safe: only the outermost one that found it enabled enables it again.

    Examples:
        >>> import gc
        >>> with paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
