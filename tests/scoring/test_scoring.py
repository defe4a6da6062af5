"""Relationship health: properties, edge cases and scenarios a user would state in advance."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _scoring_fixtures import AS_OF, END, at, log, net_with
from netcore import (
    Contact,
    Direction,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    NotFoundError,
    scoring,
)
from netcore.scoring import Policy, Status

# ---- strategies ---------------------------------------------------------------------

kinds = st.sampled_from(list(InteractionKind))
directions = st.sampled_from(list(Direction))
replies = st.sampled_from([None, True, False])
ages = st.floats(min_value=0, max_value=3 * 365, allow_nan=False)
durations = st.one_of(st.none(), st.integers(0, 600).map(lambda m: timedelta(minutes=m)))


@st.composite
def interaction_specs(draw: st.DrawFn) -> tuple[float, InteractionKind, Direction, bool | None]:
    return draw(ages), draw(kinds), draw(directions), draw(replies)


def build(
    specs: list[tuple[float, InteractionKind, Direction, bool | None]], cadence: int | None = 30
) -> Network:
    net = net_with(Contact(uid="ada", cadence_days=cadence), Contact(uid="bob"))
    for days_ago, kind, direction, replied in specs:
        log(net, "ada", days_ago, kind, direction, replied)
    return net


spec_lists = st.lists(interaction_specs(), max_size=25)


# ---- properties ---------------------------------------------------------------------


@given(spec_lists, interaction_specs())
def test_a_more_recent_interaction_never_lowers_recency(specs, extra) -> None:
    net = build(specs)
    before = scoring.health(net, "ada", as_of=AS_OF).components["recency"]
    log(net, "ada", *extra)
    after = scoring.health(net, "ada", as_of=AS_OF).components["recency"]
    assert after >= before


@given(spec_lists, ages, st.sampled_from([None, 45]))
def test_more_two_way_interaction_never_lowers_health(specs, days_ago, cadence) -> None:
    # At a fixed cadence: cadence 45 is the contact's own; with None, every layer keeps
    # 45 days and no rhythm is read, so neither evidence for a closer layer nor a faster
    # observed rhythm can shorten it (issue 12 made both depend on the interactions).
    fixed = Policy(tier_cadence_days=(45, 45, 45, 45), outer_cadence_days=45,
                   rhythm_min_gaps=10**9)  # fmt: skip
    net = build(specs, cadence)
    before = scoring.health(net, "ada", as_of=AS_OF, policy=fixed)
    log(net, "ada", days_ago, InteractionKind.CALL, Direction.MUTUAL)
    after = scoring.health(net, "ada", as_of=AS_OF, policy=fixed)
    assert after.cadence_days == before.cadence_days == 45
    assert after.score >= before.score - 1e-9
    for name in ("recency", "intensity", "reciprocity"):
        assert after.components[name] >= before.components[name] - 1e-12


@given(
    st.lists(st.tuples(st.integers(0, 2000), st.booleans(), st.floats(0.1, 5)), max_size=10),
    st.integers(0, 2000),
    st.floats(0.1, 5),
)
def test_a_favour_received_raises_what_i_owe(entries, days_ago, weight) -> None:
    net = net_with(Contact(uid="ada"))
    for age, gave, w in entries:
        net.ledger.record(
            LedgerEntry(
                on=AS_OF - timedelta(days=age),
                contact_uid="ada",
                direction=FavourDirection.GIVEN if gave else FavourDirection.RECEIVED,
                kind=FavourKind.ADVICE,
                weight=w,
            )
        )
    before = scoring.balance(net, "ada", as_of=AS_OF)
    net.ledger.record(
        LedgerEntry(
            on=AS_OF - timedelta(days=days_ago),
            contact_uid="ada",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.JOB_LEAD,
            weight=weight,
        )
    )
    after = scoring.balance(net, "ada", as_of=AS_OF)
    assert after.received > before.received
    assert after.net < before.net
    assert after.given == before.given


@given(
    st.lists(
        st.tuples(ages, kinds, directions, replies, durations, st.sampled_from(["a", "b", "c"])),
        max_size=40,
    ),
    st.integers(-400, 400),
)
def test_scores_stay_within_bounds_and_are_never_nan(rows, shift) -> None:
    net = net_with(*(Contact(uid=u) for u in "abcd"))
    for days_ago, kind, direction, replied, duration, uid in rows:
        net.log(
            Interaction(
                at=at(days_ago),
                contact_uids=(uid,),
                kind=kind,
                direction=direction,
                replied=replied,
                duration=duration,
            )
        )
    for h in scoring.rank(net, as_of=AS_OF + timedelta(days=shift)):
        assert 0.0 <= h.score <= 100.0
        assert not math.isnan(h.score)
        for value in h.components.values():
            assert 0.0 <= value <= 1.0
        assert h.reasons
        assert h.status is Policy().status_for(h.score)


@given(spec_lists, st.lists(interaction_specs(), min_size=1, max_size=5))
def test_interactions_after_as_of_change_nothing_but_the_count(specs, future) -> None:
    net = build(specs)
    before = scoring.health(net, "ada", as_of=AS_OF)
    for days_ago, kind, direction, replied in future:
        log(net, "ada", -1 - days_ago, kind, direction, replied)  # after as_of
    after = scoring.health(net, "ada", as_of=AS_OF)
    assert after.score == before.score
    assert after.components == before.components
    assert after.ignored_future == len(future)
    assert before.ignored_future == 0
    assert f"{len(future)} interaction" in after.reasons[-1]


@given(st.lists(st.tuples(interaction_specs(), st.sampled_from(["ada", "bob"])), max_size=30))
def test_incremental_aggregates_equal_a_fresh_computation(rows) -> None:
    # One network scored after every append (cache folds the tail); one built at once.
    live = net_with(Contact(uid="ada", cadence_days=30), Contact(uid="bob"))
    records = []
    for (days_ago, kind, direction, replied), uid in rows:
        records.append(log(live, uid, days_ago, kind, direction, replied))
        scoring.rank(live, as_of=AS_OF)
    fresh = net_with(Contact(uid="ada", cadence_days=30), Contact(uid="bob"))
    fresh.log_many(records)
    assert scoring.rank(live, as_of=AS_OF) == scoring.rank(fresh, as_of=AS_OF)
    assert scoring.due(live, as_of=AS_OF) == scoring.due(fresh, as_of=AS_OF)


# ---- edge cases ---------------------------------------------------------------------


def test_a_contact_with_no_interactions_is_dormant_and_says_so() -> None:
    net = net_with(Contact(uid="ada"))
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.status is Status.DORMANT
    assert h.last_interaction is None
    assert h.components["recency"] == 0.0
    assert h.components["intensity"] == 0.0
    assert h.reasons[0] == "no interaction logged yet"
    assert h.tier == 500
    assert h.next_due is None  # outer layer: no keep-in-touch target by default
    assert scoring.rank(Network(), as_of=AS_OF) == []


def test_ten_thousand_interactions_with_one_contact() -> None:
    net = net_with(Contact(uid="ada"))
    net.log_many(
        Interaction(at=at(k / 24), contact_uids=("ada",), kind=InteractionKind.MEETING)
        for k in range(10_000)
    )
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.status is Status.THRIVING
    assert 0 < h.score <= 100
    assert math.isfinite(h.components["intensity"])
    assert "10000 interactions in all" in h.reasons[1]


def test_all_interactions_on_one_day() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    for direction in (Direction.OUTBOUND, Direction.INBOUND, Direction.MUTUAL) * 3:
        net.log(
            Interaction(
                at=at(3), contact_uids=("ada",), kind=InteractionKind.CALL, direction=direction
            )
        )
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.components["recency"] == 1.0
    assert h.last_interaction == at(3)
    assert h.next_due == at(3).date() + timedelta(days=30)
    assert "initiative balanced" in h.reasons[2]


def test_as_of_accepts_a_date_or_an_aware_datetime_and_rejects_naive() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 40)
    by_date = scoring.health(net, "ada", as_of=AS_OF)
    end_of_day = datetime(2026, 7, 1, tzinfo=UTC) - timedelta(microseconds=1)
    assert scoring.health(net, "ada", as_of=end_of_day).score == pytest.approx(by_date.score)
    with pytest.raises(ValueError, match="timezone-aware"):
        scoring.health(net, "ada", as_of=datetime(2026, 6, 30))


def test_an_interaction_on_the_as_of_day_counts_and_one_the_next_day_does_not() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    net.log(
        Interaction(
            at=datetime(2026, 6, 30, 23, 59, tzinfo=UTC),
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
        )
    )
    net.log(
        Interaction(
            at=datetime(2026, 7, 1, 0, 0, tzinfo=UTC),
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
        )
    )
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.last_interaction == datetime(2026, 6, 30, 23, 59, tzinfo=UTC)
    assert h.ignored_future == 1


def test_unknown_contact_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        scoring.health(Network(), "nobody", as_of=AS_OF)
    with pytest.raises(NotFoundError):
        scoring.balance(Network(), "nobody", as_of=AS_OF)


def test_same_input_same_output() -> None:
    def make() -> Network:
        net = net_with(Contact(uid="ada"), Contact(uid="bob", cadence_days=14))
        log(net, "ada", 10, InteractionKind.VIDEO, Direction.OUTBOUND, True)
        log(net, "bob", 50, InteractionKind.EMAIL, Direction.INBOUND)
        return net

    a, b = make(), make()
    first = scoring.rank(a, as_of=AS_OF)
    assert first == scoring.rank(a, as_of=AS_OF) == scoring.rank(b, as_of=AS_OF)
    assert [h.reasons for h in first] == [h.reasons for h in scoring.rank(b, as_of=AS_OF)]


def test_scoring_in_the_past_filters_and_then_the_present_is_unchanged() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 200)
    log(net, "ada", 5)
    now = scoring.health(net, "ada", as_of=AS_OF)
    past = scoring.health(net, "ada", as_of=AS_OF - timedelta(days=100))
    assert past.ignored_future == 1
    assert past.last_interaction == at(200)
    assert scoring.health(net, "ada", as_of=AS_OF) == now


def test_a_replaced_contact_is_scored_with_its_new_cadence() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 60)
    assert scoring.health(net, "ada", as_of=AS_OF).components["recency"] < 1.0
    net.replace_contact(Contact(uid="ada", cadence_days=90))
    assert scoring.health(net, "ada", as_of=AS_OF).components["recency"] == 1.0


# ---- scenarios ----------------------------------------------------------------------


def test_seen_weekly_ranks_above_last_seen_a_year_ago() -> None:
    net = net_with(Contact(uid="weekly"), Contact(uid="lost"), Contact(uid="never"))
    for week in range(20):
        log(net, "weekly", 7 * week + 1)
    for month in range(6):
        log(net, "lost", 365 + 30 * month)
    ranked = scoring.rank(net, as_of=AS_OF)
    assert [h.uid for h in ranked] == ["weekly", "lost", "never"]
    assert ranked[0].status in {Status.THRIVING, Status.HEALTHY}
    assert ranked[1].status in {Status.AT_RISK, Status.DORMANT}


def test_one_way_outreach_scores_below_a_two_way_tie_of_the_same_size() -> None:
    net = net_with(Contact(uid="oneway", cadence_days=30), Contact(uid="twoway", cadence_days=30))
    for k in range(8):
        log(net, "oneway", 3 + 10 * k, InteractionKind.EMAIL, Direction.OUTBOUND, False)
        log(
            net,
            "twoway",
            3 + 10 * k,
            InteractionKind.EMAIL,
            Direction.OUTBOUND if k % 2 else Direction.INBOUND,
            True if k % 2 else None,
        )
    one = scoring.health(net, "oneway", as_of=AS_OF)
    two = scoring.health(net, "twoway", as_of=AS_OF)
    assert one.score < two.score
    assert one.components["reciprocity"] == 0.0
    assert one.components["recency"] == 0.0  # no two-way contact at all
    assert one.components["responsiveness"] < 0.5
    assert one.reasons[0] == "no two-way contact yet: 8 attempts without an answer"
    assert "you do the reaching out" in one.reasons[2]
    assert "they answered 0 of your 8 attempts" in one.reasons[3]


def test_the_recency_reason_gives_days_and_the_multiple_of_the_cadence() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 94, InteractionKind.CALL)
    h = scoring.health(net, "ada", as_of=END)
    assert h.reasons[0] == "last two-way contact 94 days ago, 3.1x your 30-day cadence"
    assert h.components["recency"] < 0.5


def test_the_ledger_reason_counts_favours_of_the_last_year() -> None:
    net = net_with(Contact(uid="ada"))
    for days in (10, 100, 200):
        net.ledger.record(
            LedgerEntry(
                on=AS_OF - timedelta(days=days),
                contact_uid="ada",
                direction=FavourDirection.RECEIVED,
                kind=FavourKind.INTRODUCTION,
            )
        )
    old = net.ledger.record(
        LedgerEntry(
            on=AS_OF - timedelta(days=800),
            contact_uid="ada",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
        )
    )
    b = scoring.balance(net, "ada", as_of=AS_OF)
    assert b.reasons[0].startswith("you received 3 favours and gave none in the last year")
    assert "you owe them" in b.reasons[0]
    assert b.net < 0
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert any(r.startswith("you received 3 favours and gave none") for r in h.reasons)
    # A reversed entry no longer counts.
    net.ledger.reverse(old.id, on=AS_OF)
    assert scoring.balance(net, "ada", as_of=AS_OF).given == 0.0


def test_balanced_favours_raise_health_more_than_one_sided_ones() -> None:
    net = net_with(Contact(uid="even"), Contact(uid="taker"), Contact(uid="none"))
    for uid, directions in (
        ("even", [FavourDirection.GIVEN, FavourDirection.RECEIVED]),
        ("taker", [FavourDirection.RECEIVED, FavourDirection.RECEIVED]),
    ):
        for d in directions:
            net.ledger.record(
                LedgerEntry(on=AS_OF, contact_uid=uid, direction=d, kind=FavourKind.FAVOUR)
            )
    ledger = {h.uid: h.components["ledger"] for h in scoring.rank(net, as_of=AS_OF)}
    assert ledger["even"] > ledger["taker"] > ledger["none"] == 0.5


def test_kin_lose_closeness_more_slowly_than_friends() -> None:
    net = net_with(Contact(uid="friend"), Contact(uid="sister", categories=("Family",)))
    for uid in ("friend", "sister"):
        for k in range(5):
            log(net, uid, 400 + 30 * k)
    friend = scoring.health(net, "friend", as_of=AS_OF)
    sister = scoring.health(net, "sister", as_of=AS_OF)
    assert sister.components["intensity"] > friend.components["intensity"]
    assert "kin" in sister.reasons[1]


def test_richer_and_longer_interactions_weigh_more() -> None:
    net = net_with(*(Contact(uid=u) for u in ("meet", "video", "call", "mail", "long", "short")))
    log(net, "meet", 5, InteractionKind.MEETING)
    log(net, "video", 5, InteractionKind.VIDEO)
    log(net, "call", 5, InteractionKind.CALL)
    log(net, "mail", 5, InteractionKind.EMAIL)
    log(net, "long", 5, InteractionKind.CALL, duration=timedelta(minutes=90))
    log(net, "short", 5, InteractionKind.CALL, duration=timedelta(minutes=2))
    i = {h.uid: h.components["intensity"] for h in scoring.rank(net, as_of=AS_OF)}
    assert i["meet"] > i["video"] > i["call"] > i["mail"]
    assert i["long"] > i["call"] > i["short"]


def test_policy_weights_change_the_score_and_bad_values_are_rejected() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30))
    log(net, "ada", 200)
    recency_only = Policy(
        recency_weight=1, intensity_weight=0, reciprocity_weight=0,
        responsiveness_weight=0, ledger_weight=0,
    )  # fmt: skip
    h = scoring.health(net, "ada", as_of=AS_OF, policy=recency_only)
    assert h.score == pytest.approx(100 * h.components["recency"])
    for bad in (
        {"half_life_days": -1},
        {"layer_sizes": (15, 5)},
        {"tier_cadence_days": (7, 30)},
        {"status_bands": (10, 20, 30, 40)},
        {"recency_weight": 0, "intensity_weight": 0, "reciprocity_weight": 0,
         "responsiveness_weight": 0, "ledger_weight": 0},
    ):  # fmt: skip
        with pytest.raises(ValueError, match="Policy"):
            Policy(**bad)  # type: ignore[arg-type]
    assert attrs.evolve(Policy(), half_life_days=90).half_life_days == 90.0
    with pytest.raises(TypeError):
        scoring.rank(net, as_of=AS_OF, policy="strict")  # type: ignore[arg-type]


def test_public_names() -> None:
    assert scoring.__all__ == sorted(scoring.__all__)
    assert set(scoring.__all__) == {
        "Balance", "Birthday", "Count", "DueList", "EventOutcome", "FollowUp", "Health",
        "HelpItem", "HelpQueue", "IntroMatch", "IntroPath", "IntroPaths", "NetworkReport",
        "Nudge", "Owed",
        "Policy", "Result", "Revive", "Status", "Taker", "Waiting", "balance", "birthdays", "due",
        "due_within", "follow_ups", "health", "help_queue", "intro_paths", "rank", "report",
        "tie_strengths", "tiers", "waiting",
    }  # fmt: skip
    assert [s.value for s in Status] == ["thriving", "healthy", "cooling", "at_risk", "dormant"]
    assert attrs.has(Policy)
    assert "__slots__" in Policy.__dict__
    for cls in (scoring.Health, scoring.Balance, scoring.Nudge, scoring.DueList):
        # frozen pydantic (tests/scoring/test_scoring_results.py)
        assert issubclass(cls, scoring.Result)


def test_rank_sees_ledger_entries_and_contacts_added_after_a_previous_rank() -> None:
    net = net_with(Contact(uid="ada"), Contact(uid="bob"))
    log(net, "ada", 5)
    log(net, "bob", 5)
    first = {h.uid: h for h in scoring.rank(net, as_of=AS_OF)}
    assert first["ada"].components["ledger"] == 0.5
    for d in (FavourDirection.GIVEN, FavourDirection.RECEIVED):
        net.ledger.record(
            LedgerEntry(on=AS_OF, contact_uid="ada", direction=d, kind=FavourKind.ADVICE)
        )
    net.add_contact(Contact(uid="cy"))
    second = {h.uid: h for h in scoring.rank(net, as_of=AS_OF)}
    assert second["ada"].components["ledger"] > 0.5
    assert second["ada"].score > first["ada"].score
    assert second["bob"] == first["bob"]
    assert second["cy"].status is Status.DORMANT
