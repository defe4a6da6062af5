"""Issue 12: every scoring result is a frozen pydantic model with JSON and a JSON Schema."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pydantic
import pytest

from _scoring_fixtures import AS_OF, log, net_with
from netcore import Contact, InteractionKind, scoring
from netcore.scoring import Balance, DueList, FollowUp, Health, Nudge, Result

RESULTS = (Health, Nudge, FollowUp, DueList, Balance)


def _network():  # type: ignore[no-untyped-def]
    net = net_with(Contact(uid="ada", cadence_days=7), Contact(uid="bob"))
    log(net, "ada", 30, event_uid="pycon", kind=InteractionKind.EVENT)
    log(net, "bob", 2, event_uid="pycon", kind=InteractionKind.EVENT)
    return net


@pytest.mark.parametrize("model", RESULTS, ids=lambda m: m.__name__)
def test_results_are_frozen_pydantic_models_with_a_schema(model: type[Result]) -> None:
    assert issubclass(model, pydantic.BaseModel)
    assert model.model_config.get("frozen") is True
    schema = model.model_json_schema(mode="serialization")
    assert schema["title"] == model.__name__
    json.dumps(schema)  # plain JSON


def test_health_round_trips_through_json_with_its_reasons() -> None:
    h = scoring.health(_network(), "ada", as_of=AS_OF)
    data = json.loads(h.model_dump_json())
    assert data["reasons"] == list(h.reasons)
    assert data["reasons"]
    assert data["status"] == h.status.value
    assert Health.model_validate_json(h.model_dump_json()) == h
    assert "reasons" in Health.model_json_schema(mode="serialization")["properties"]
    with pytest.raises(pydantic.ValidationError):
        h.score = 1.0  # type: ignore[misc]


def test_due_list_serialises_nudges_and_held_back() -> None:
    d = scoring.due(_network(), as_of=AS_OF)
    data = json.loads(d.model_dump_json())
    assert [n["uid"] for n in data["nudges"]] == ["ada"]
    assert data["held_back"] == []
    assert DueList.model_validate_json(d.model_dump_json()) == d
    assert next(iter(d)).uid == "ada"
    assert len(d) == 1


def test_follow_ups_are_nudges_naming_the_event() -> None:
    found = {f.uid: f for f in scoring.follow_ups(_network(), "pycon", as_of=AS_OF)}
    f = found["bob"]
    assert isinstance(f, Nudge)
    assert isinstance(f, FollowUp)
    assert (f.uid, f.event_uid, f.met_on) == ("bob", "pycon", date(2026, 6, 28))
    assert FollowUp.model_validate_json(f.model_dump_json()) == f


def test_balance_serialises() -> None:
    b = scoring.balance(_network(), "ada", as_of=AS_OF)
    assert json.loads(b.model_dump_json())["reasons"] == ["no favours recorded"]


def test_results_reject_unknown_fields_and_bad_values() -> None:
    with pytest.raises(pydantic.ValidationError):
        Nudge(uid="a", due_on=date(2026, 1, 1), overdue_days=0, priority=1.0, reasons=(), x=1)  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        Health(
            uid="a", score="high", status="healthy", components={}, last_interaction=None,  # type: ignore[arg-type]
            next_due=None, cadence_days=None, tier=5,
        )  # fmt: skip
    h = Health(
        uid="a", score=50, status="healthy", components={"recency": 1}, tier=5,  # type: ignore[arg-type]
        last_interaction=datetime(2026, 1, 1, tzinfo=UTC), next_due=None, cadence_days=None,
    )  # fmt: skip
    assert h.reasons == ()
    assert h.score == 50.0
