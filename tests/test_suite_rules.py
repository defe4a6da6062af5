"""The test suite's own rules (issue 14): example counts from the profiles, no wall-clock limit."""

from __future__ import annotations

import re
from pathlib import Path

from _profiles import EXAMPLES

TESTS = Path(__file__).resolve().parent

# Where a test file may read the wall clock, and why.
CLOCK_ALLOWED = {
    "_complexity.py": "times a small input against a large one, in one run (a ratio)",
    # Its wait of at most 60 s for a child's log is left to the change that owns the fuzz
    # tests (it should become ``with watchdog():``).
    "fuzz/test_fuzz_tool.py": "waits at most 60 s for the fuzzer's log",
}


def _sources() -> dict[str, str]:
    return {
        p.relative_to(TESTS).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(TESTS.rglob("*.py"))
        if p.name != "test_suite_rules.py"
    }


def test_no_test_sets_its_own_example_count() -> None:
    found = [
        f"{name}:{n}"
        for name, text in _sources().items()
        if name != "_profiles.py"
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\bmax_examples\s*=", line)
    ]
    assert found == [], "use _profiles.costly(<cost class>) instead of max_examples"


def test_ci_is_at_least_as_thorough_as_dev_for_every_cost_class() -> None:
    assert set(EXAMPLES) == {"dev", "ci"}
    assert set(EXAMPLES["dev"]) == set(EXAMPLES["ci"])
    assert "standard" in EXAMPLES["dev"]
    for cost, count in EXAMPLES["dev"].items():
        assert 1 <= count <= EXAMPLES["ci"][cost], cost


def test_no_test_reads_the_wall_clock_for_a_limit() -> None:
    clock = re.compile(r"\b(perf_counter|monotonic|time\.time)\(")
    found = [
        f"{name}:{n}: {line.strip()}"
        for name, text in _sources().items()
        if name not in CLOCK_ALLOWED
        for n, line in enumerate(text.splitlines(), 1)
        if clock.search(line)
    ]
    assert found == [], "a hang detector uses _watchdog.watchdog() and its BUDGET"


def test_every_watchdog_uses_the_shared_budget() -> None:
    found = [
        f"{name}:{n}: {line.strip()}"
        for name, text in _sources().items()
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\bwatchdog\((?!\)|BUDGET\)|seconds: float)", line)
    ]
    assert found == [], "a hang detector is not a speed limit: use BUDGET"


def test_helpers_are_imported_by_their_one_name() -> None:
    # pyproject puts tests/ on the path, so a helper is ``_complexity``; ``tests._complexity``
    # resolves only when the current folder is on the path (``python -m pytest``, not a bare
    # ``pytest``) and would load a second copy of the module, with its own frozen-heap state.
    found = [
        f"{name}:{n}"
        for name, text in _sources().items()
        for n, line in enumerate(text.splitlines(), 1)
        if re.match(r"\s*(from|import) tests\b", line)
    ]
    assert found == [], "import test helpers as `from _name import ...`"
