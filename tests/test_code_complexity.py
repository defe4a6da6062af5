"""No function in ``src/netcore`` above cyclomatic complexity 25 (radon's measure).

A function past that budget is a smell to split (the team's rule, issue 13's "done when").
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

BUDGET = 25
SRC = Path(__file__).resolve().parents[1] / "src" / "netcore"


def _functions(blocks: list[Function | Class]) -> list[Function]:
    out: list[Function] = []
    for block in blocks:
        if isinstance(block, Class):
            out.extend(_functions(list(block.methods)))
        else:
            out.append(block)
            out.extend(_functions(list(block.closures)))
    return out


def test_every_function_is_within_the_complexity_budget() -> None:
    over = [
        f"{path.relative_to(SRC)}:{fn.lineno} {fn.name} ({fn.complexity})"
        for path in sorted(SRC.rglob("*.py"))
        for fn in _functions(cc_visit(path.read_text(encoding="utf-8")))
        if fn.complexity > BUDGET
    ]
    assert not over, f"functions above complexity {BUDGET}: {over}"


def test_the_measure_sees_a_complex_function() -> None:
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(30))
    (fn,) = _functions(cc_visit(f"def f(x):\n{branches}\n    return -1\n"))
    assert fn.complexity > BUDGET
