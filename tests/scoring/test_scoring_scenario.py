"""Issue 12: Sam's judgements about a realistic network (tests/_scenario.py) hold.

Each judgement carries its reason. Those that failed on the code before issue 12 were
first marked ``xfail(strict=True)``; the marks go as each is fixed.
"""

from __future__ import annotations

import pytest

import _scenario as scenario
from netcore import Network

FAILING_BEFORE: frozenset[str] = frozenset()
"""Judgements that failed before issue 12 were marked xfail(strict) here; 17 of 30 did
(see the history of this file); all hold now."""


@pytest.fixture(scope="module")
def net() -> Network:
    return scenario.build()


def _params() -> list[object]:
    return [
        pytest.param(
            j,
            id=j.name,
            marks=[pytest.mark.xfail(strict=True, reason="issue 12")]
            if j.name in FAILING_BEFORE
            else [],
        )
        for j in scenario.JUDGEMENTS
    ]


@pytest.mark.parametrize("judgement", _params())
def test_judgement(net: Network, judgement: scenario.Judgement) -> None:
    assert judgement.check(net), f"{judgement.name}: {judgement.reason}"


def test_fixture_is_realistic(net: Network) -> None:
    assert len(net) >= 30
    assert len(scenario.JUDGEMENTS) >= 20
    conference = [e for e in net.events if e.kind.value == "conference"]
    assert len(conference[0].attendees) == 40


def test_docs_show_the_scenario_ranking_the_code_gives(net: Network) -> None:
    from pathlib import Path

    from netcore import scoring

    docs = (Path(__file__).resolve().parents[2] / "docs" / "scoring.md").read_text("utf-8")
    table = docs.split("<!-- scenario-ranking -->")[1].split("<!-- /scenario-ranking -->")[0]
    shown = table.strip().splitlines()[2:]
    ranked = scoring.rank(net, as_of=scenario.AS_OF)[:10]
    assert len(shown) == len(ranked) == 10
    for line, h in zip(shown, ranked, strict=True):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1] == net.contact(h.uid).display_name
        assert cells[2] == f"{h.score:.1f}"
        assert cells[5] == h.reasons[0]
