"""Who is due, who is held back so as not to pester, Dunbar tiers and event follow-ups."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _scoring_fixtures import AS_OF, at, log, net_with
from netcore import (
    Attendee,
    AttendeeStatus,
    Contact,
    Direction,
    Email,
    Event,
    Interaction,
    InteractionKind,
    Network,
    NotFoundError,
    scoring,
)
from netcore.scoring import Policy

# ---- due ----------------------------------------------------------------------------


def test_any_logged_interaction_resets_the_due_date() -> None:
    # Monica #1814: the keep-in-touch date must reset on any logged interaction.
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 60)
    first = scoring.due(net, as_of=AS_OF)
    assert [n.uid for n in first] == ["ada"]
    assert first[0].due_on == at(60).date() + timedelta(days=30)
    assert first[0].overdue_days == 30
    log(net, "ada", 2, InteractionKind.SOCIAL, Direction.INBOUND)
    assert list(scoring.due(net, as_of=AS_OF)) == []
    assert scoring.health(net, "ada", as_of=AS_OF).next_due == at(2).date() + timedelta(days=30)


def test_a_contact_not_yet_due_is_not_listed_and_one_never_met_is_due_now() -> None:
    net = net_with(Contact(uid="recent", cadence_days=30), Contact(uid="new", cadence_days=30))
    log(net, "recent", 10)
    d = scoring.due(net, as_of=AS_OF)
    assert [(n.uid, n.due_on, n.overdue_days) for n in d] == [("new", AS_OF, 0)]
    assert d[0].reasons[0].startswith("no interaction logged yet")


def test_priority_prefers_the_more_overdue_and_the_stronger_tie() -> None:
    net = net_with(
        Contact(uid="strong", cadence_days=30),
        Contact(uid="weak", cadence_days=30),
        Contact(uid="very_late", cadence_days=30),
    )
    for k in range(12):
        log(net, "strong", 40 + 7 * k)  # a close tie, 10 days overdue
    log(net, "weak", 40, InteractionKind.EMAIL)  # one email, equally overdue
    log(net, "very_late", 100, InteractionKind.EMAIL)  # one email, 70 days overdue
    d = scoring.due(net, as_of=AS_OF)
    order = [n.uid for n in d]
    assert order.index("strong") < order.index("weak")
    assert order.index("very_late") < order.index("weak")
    assert all(0 <= n.priority <= 100 for n in d)
    assert [n.priority for n in d] == sorted((n.priority for n in d), reverse=True)
    assert [n.uid for n in scoring.due(net, as_of=AS_OF, limit=1)] == order[:1]
    with pytest.raises(ValueError, match="limit"):
        scoring.due(net, as_of=AS_OF, limit=-1)


def test_unanswered_outreach_in_a_row_holds_a_contact_back_until_they_answer() -> None:
    net = net_with(Contact(uid="ada", cadence_days=7))
    log(net, "ada", 100)
    for days in (60, 45, 30):
        log(net, "ada", days, InteractionKind.EMAIL, Direction.OUTBOUND)
    d = scoring.due(net, as_of=AS_OF)
    assert list(d) == []
    assert [n.uid for n in d.held_back] == ["ada"]
    assert d.held_back[0].held_because is not None
    assert "3 outreach attempts in a row without an answer" in d.held_back[0].held_because
    assert d.held_back[0].reasons[0] == d.held_back[0].held_because
    log(net, "ada", 20, InteractionKind.EMAIL, Direction.INBOUND)  # they answer
    d = scoring.due(net, as_of=AS_OF)
    assert [n.uid for n in d] == ["ada"]
    assert d.held_back == ()


def test_fewer_unanswered_attempts_than_the_limit_are_not_held_back() -> None:
    net = net_with(Contact(uid="ada", cadence_days=7))
    log(net, "ada", 100)
    log(net, "ada", 60, InteractionKind.EMAIL, Direction.OUTBOUND, replied=False)
    log(net, "ada", 30, InteractionKind.EMAIL, Direction.OUTBOUND, replied=False)
    assert [n.uid for n in scoring.due(net, as_of=AS_OF)] == ["ada"]
    strict = Policy(max_unanswered=2)
    assert [n.uid for n in scoring.due(net, as_of=AS_OF, policy=strict).held_back] == ["ada"]


def test_a_minimum_gap_follows_my_last_unanswered_outreach() -> None:
    net = net_with(Contact(uid="ada", cadence_days=3))
    log(net, "ada", 40)
    log(net, "ada", 10, InteractionKind.MESSAGE, Direction.OUTBOUND)
    d = scoring.due(net, as_of=AS_OF)
    assert list(d) == []
    assert "leave at least 14 days" in (d.held_back[0].held_because or "")
    later = scoring.due(net, as_of=AS_OF + timedelta(days=5))
    assert [n.uid for n in later] == ["ada"]


def test_an_answered_outreach_is_not_pestering() -> None:
    net = net_with(Contact(uid="ada", cadence_days=3))
    for days in (40, 30, 20, 10):
        log(net, "ada", days, InteractionKind.EMAIL, Direction.OUTBOUND, replied=True)
    d = scoring.due(net, as_of=AS_OF)
    assert [n.uid for n in d] == ["ada"]
    assert d.held_back == ()


def test_out_of_order_logging_gives_the_same_streak_and_scores() -> None:
    events = [
        (90, InteractionKind.MEETING, Direction.MUTUAL),
        (70, InteractionKind.EMAIL, Direction.OUTBOUND),
        (50, InteractionKind.EMAIL, Direction.INBOUND),
        (40, InteractionKind.EMAIL, Direction.OUTBOUND),
        (30, InteractionKind.EMAIL, Direction.OUTBOUND),
        (25, InteractionKind.EMAIL, Direction.OUTBOUND),
    ]
    ordered = net_with(Contact(uid="ada", cadence_days=7))
    for days, kind, direction in events:
        log(ordered, "ada", days, kind, direction)
    shuffled = net_with(Contact(uid="ada", cadence_days=7))
    mixed = events[:]
    random.Random(3).shuffle(mixed)
    for days, kind, direction in mixed:
        log(shuffled, "ada", days, kind, direction)
        scoring.due(shuffled, as_of=AS_OF)  # fold as we go: answers arrive out of order
    a, b = scoring.due(ordered, as_of=AS_OF), scoring.due(shuffled, as_of=AS_OF)
    assert [n.uid for n in a.held_back] == [n.uid for n in b.held_back] == ["ada"]
    ha, hb = (
        scoring.health(ordered, "ada", as_of=AS_OF),
        scoring.health(shuffled, "ada", as_of=AS_OF),
    )
    assert hb.score == pytest.approx(ha.score)
    assert hb.reasons == ha.reasons


def test_due_counts_interactions_after_as_of() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 60)
    log(net, "ada", -5)
    d = scoring.due(net, as_of=AS_OF)
    assert d.ignored_future == 1
    assert [n.uid for n in d] == ["ada"]


# ---- tiers --------------------------------------------------------------------------


def test_tiers_follow_strength_rank_with_dunbar_sizes() -> None:
    uids = [f"c{k:03d}" for k in range(210)]
    net = net_with(*(Contact(uid=u) for u in uids))
    for k, uid in enumerate(uids[:200]):  # c000 strongest, c199 weakest, c200.. never met
        for j in range(200 - k):
            log(net, uid, 1 + j)
    layers = scoring.tiers(net, as_of=AS_OF)
    assert list(layers) == uids
    counts = {size: sum(1 for v in layers.values() if v == size) for size in (5, 15, 50, 150, 500)}
    assert counts == {5: 5, 15: 10, 50: 35, 150: 100, 500: 60}
    assert (layers["c000"], layers["c005"], layers["c205"]) == (5, 15, 500)
    sizes = [layers[u] for u in uids]
    assert sizes == sorted(sizes)  # stronger ties never sit in an outer layer
    # The tier gives the default cadence: weekly for the closest five.
    top = scoring.health(net, "c000", as_of=AS_OF)
    assert (top.tier, top.cadence_days) == (5, 7)
    assert scoring.health(net, "c100", as_of=AS_OF).cadence_days == 365
    assert scoring.health(net, "c205", as_of=AS_OF).cadence_days is None


def test_custom_layer_sizes_and_outer_cadence() -> None:
    net = net_with(*(Contact(uid=f"c{k}") for k in range(4)))
    for k in range(3):
        for j in range(3 - k):
            log(net, f"c{k}", 1 + j)
    policy = Policy(layer_sizes=(1, 2), tier_cadence_days=(3, 10), outer_layer=50,
                    outer_cadence_days=100, layer_evidence=0)  # fmt: skip
    assert dict(scoring.tiers(net, as_of=AS_OF, policy=policy)) == {
        "c0": 1, "c1": 2, "c2": 50, "c3": 50,
    }  # fmt: skip
    assert scoring.health(net, "c3", as_of=AS_OF, policy=policy).cadence_days == 100


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 400)), max_size=60))
def test_every_contact_gets_exactly_one_layer(rows) -> None:
    net = net_with(*(Contact(uid=f"c{k}") for k in range(31)))
    for who, days in rows:
        log(net, f"c{who}", days)
    layers = scoring.tiers(net, as_of=AS_OF)
    assert set(layers) == set(net.contacts)
    assert set(layers.values()) <= {5, 15, 50, 150, 500}
    assert sum(1 for v in layers.values() if v == 5) <= 5
    met = {f"c{who}" for who, _ in rows}
    assert all(layers[u] == 500 for u in net.contacts if u not in met)


# ---- event follow-ups ---------------------------------------------------------------


def conference_network() -> Network:
    net = net_with(
        Contact(uid="ada", emails=(Email(address="ada@example.org"),)),
        Contact(uid="bob", emails=(Email(address="bob@example.org"),)),
        Contact(uid="cy", emails=(Email(address="cy@example.org"),)),
        Contact(uid="dee", emails=(Email(address="dee@example.org"),)),
    )
    net.add_events(
        [
            Event(
                uid="pycon",
                title="PyCon",
                start=datetime(2026, 6, 20, 9, tzinfo=UTC),
                attendees=tuple(
                    Attendee(email=f"{u}@example.org", status=s)
                    for u, s in (
                        ("ada", AttendeeStatus.ACCEPTED),
                        ("bob", AttendeeStatus.ACCEPTED),
                        ("cy", AttendeeStatus.NEEDS_ACTION),  # invited only
                    )
                ),
            )
        ]
    )
    return net


def test_follow_ups_list_people_met_with_no_interaction_since() -> None:
    net = conference_network()
    net.log(
        Interaction(
            at=datetime(2026, 6, 22, tzinfo=UTC), contact_uids=("bob",), kind=InteractionKind.EMAIL
        )
    )
    nudges = scoring.follow_ups(net, "pycon", as_of=AS_OF)
    assert [n.uid for n in nudges] == ["ada"]
    assert nudges[0].due_on == date(2026, 6, 23)
    assert nudges[0].overdue_days == 7
    assert nudges[0].reasons[0].startswith("met at PyCon on 2026-06-20")
    soon = scoring.follow_ups(net, "pycon", as_of=date(2026, 6, 21), within_days=5)
    # On the 21st, bob's email of the 22nd had not happened yet.
    assert [(n.uid, n.overdue_days) for n in soon] == [("ada", -4), ("bob", -4)]
    assert "due in 4 days" in soon[0].reasons[1]


def test_follow_ups_before_the_event_and_for_unknown_events() -> None:
    net = conference_network()
    assert scoring.follow_ups(net, "pycon", as_of=date(2026, 6, 1)) == []
    with pytest.raises(NotFoundError):
        scoring.follow_ups(net, "no-such-event", as_of=AS_OF)
    with pytest.raises(ValueError, match="within_days"):
        scoring.follow_ups(net, "pycon", as_of=AS_OF, within_days=-1)


def test_follow_ups_rank_longer_waits_first() -> None:
    net = net_with(Contact(uid="ada"), Contact(uid="bob"))
    for uid, day in (("ada", 25), ("bob", 28)):
        net.log(
            Interaction(
                at=datetime(2026, 6, day, 18, tzinfo=UTC),
                contact_uids=(uid,),
                kind=InteractionKind.EVENT,
                event_uid="meetup",
            )
        )
    nudges = scoring.follow_ups(net, "meetup", as_of=AS_OF)
    assert [n.uid for n in nudges] == ["ada", "bob"]
    assert nudges[0].priority > nudges[1].priority
