"""scoring.rank runs on the columnar engine from COLUMNAR_FROM interactions: same results."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import given

from _frame_networks import AS_OF, networks, small_network
from _profiles import costly
from netcore import Network, scoring
from netcore.scoring import _health, frame


def _both(net: Network, as_of: date, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], ...]:
    with monkeypatch.context() as patch:
        patch.setattr(_health, "COLUMNAR_FROM", 10**12)
        objects = scoring.rank(net, as_of=as_of)
    with monkeypatch.context() as patch:
        patch.setattr(_health, "COLUMNAR_FROM", 0)
        columnar = scoring.rank(net, as_of=as_of)
    return objects, columnar


@costly("columnar")
@given(net=networks(), as_of=AS_OF)
def test_both_sides_of_the_threshold_give_the_same_healths(net: Network, as_of: date) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        objects, columnar = _both(net, as_of, monkeypatch)
    by_uid = {h.uid: h for h in columnar}
    assert sorted(by_uid) == sorted(h.uid for h in objects)
    for h in objects:
        c = by_uid[h.uid]
        assert abs(c.score - h.score) <= 1e-9
        assert (c.status, c.tier, c.next_due, c.cadence_days) == (
            h.status,
            h.tier,
            h.next_due,
            h.cadence_days,
        )
        assert (c.cadence_source, c.ignored_future) == (h.cadence_source, h.ignored_future)
        assert c.last_interaction == h.last_interaction
        assert c.reasons == h.reasons
    for a, b in itertools.pairwise(columnar):
        assert a.score >= b.score - 1e-9


def count_columnar_ranks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gains one item each time ``frame.rank`` is called."""
    calls: list[int] = []
    real = frame.rank

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(frame, "rank", spy)
    return calls


def test_the_columnar_engine_runs_from_the_threshold_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    net = small_network()
    calls = count_columnar_ranks(monkeypatch)
    monkeypatch.setattr(_health, "COLUMNAR_FROM", len(net.interactions) + 1)
    scoring.rank(net, as_of=date(2025, 3, 1))
    assert calls == []
    monkeypatch.setattr(_health, "COLUMNAR_FROM", len(net.interactions))
    ranked = scoring.rank(net, as_of=date(2025, 3, 1))
    assert calls == [1]
    assert [h.uid for h in ranked] == ["ada", "bob"]


def test_the_documented_threshold_is_the_one_used() -> None:
    assert frame.LARGE_NETWORK == _health.COLUMNAR_FROM == 1_000_000


def test_the_columnar_path_sees_every_change_and_reuses_a_ranking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import UTC, datetime

    from netcore import Contact, Interaction, InteractionKind

    net = small_network()
    calls = count_columnar_ranks(monkeypatch)
    monkeypatch.setattr(_health, "COLUMNAR_FROM", 0)
    first = scoring.rank(net, as_of=date(2025, 3, 1))
    assert scoring.rank(net, as_of=date(2025, 3, 1)) == first
    assert len(calls) == 1  # the same as_of, nothing changed: the ranking is reused
    net.add_contacts([Contact(uid="cy", cadence_days=7)])
    net.log(
        Interaction(
            at=datetime(2025, 2, 28, tzinfo=UTC), contact_uids=("cy",), kind=InteractionKind.MEETING
        )
    )
    after = scoring.rank(net, as_of=date(2025, 3, 1))
    assert len(calls) == 2
    assert "cy" in {h.uid for h in after}
    monkeypatch.setattr(_health, "COLUMNAR_FROM", 10**12)
    assert [(h.uid, h.score) for h in scoring.rank(net, as_of=date(2025, 3, 1))] == [
        (h.uid, h.score) for h in after
    ]
