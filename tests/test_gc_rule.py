"""One rule for pausing the garbage collector: only ``netcore._gc`` touches it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from netcore import _gc

_SRC = Path(__file__).resolve().parents[1] / "src" / "netcore"


def test_only_the_gc_module_disables_the_collector() -> None:
    offenders = [
        str(path.relative_to(_SRC))
        for path in sorted(_SRC.rglob("*.py"))
        if path.name != "_gc.py" and ("gc.disable(" in path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_paused_restores_the_collector_after_an_error() -> None:
    assert gc.isenabled()
    seen: list[bool] = []

    def work() -> None:
        with _gc.paused():
            seen.append(gc.isenabled())
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        work()
    assert seen == [False]
    assert gc.isenabled()


def test_nested_pauses_enable_once_at_the_outermost() -> None:
    with _gc.paused():
        with _gc.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    try:
        with _gc.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
