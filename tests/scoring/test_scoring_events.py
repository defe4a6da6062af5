"""Issue 12: me, what an event means for scoring, the rhythm, layer evidence, planned events."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from _complexity import assert_linear
from _scoring_fixtures import AS_OF, log, net_with
from netcore import Contact, Direction, Email, Interaction, InteractionKind, Me, Network, scoring
from netcore.errors import NotFoundError
from netcore.model.event import Attendee, AttendeeStatus, Event, EventKind
from netcore.scoring import Policy

ME = Me(emails=("me@example.org",), names=("Sam Me",))
NOON = datetime(2026, 6, 20, 12, tzinfo=UTC)


def _name(k: int) -> str:
    return "Pat " + "".join(chr(97 + int(d)) for d in str(k)).capitalize()


def _people(n: int) -> list[Contact]:
    return [
        Contact(uid=f"p{k}", formatted_name=_name(k), emails=(Email(address=f"p{k}@x.example"),))
        for k in range(n)
    ]


def _attendee(k: int) -> Attendee:
    return Attendee(email=f"p{k}@x.example", name=_name(k), status=AttendeeStatus.ACCEPTED)


def test_one_of_forty_at_a_conference_weighs_less_than_a_one_to_one_lunch() -> None:
    # Newman's 1/(n-1): a 40-person gathering gives each pair 1/39 of a one-to-one.
    net = net_with(*_people(40))
    net.me = ME
    conference = Event(
        uid="conf",
        title="Conf",
        kind=EventKind.CONFERENCE,
        start=NOON - timedelta(days=2),
        end=NOON - timedelta(days=1),
        attendees=(
            Attendee(email="me@example.org", status=AttendeeStatus.ACCEPTED),
            *(_attendee(k) for k in range(1, 40)),
        ),
    )
    lunch = Event(
        uid="lunch",
        title="Lunch",
        start=NOON - timedelta(days=5),
        end=NOON - timedelta(days=5) + timedelta(minutes=90),
        organizer=Attendee(email="me@example.org"),
        attendees=(_attendee(0),),
    )
    net.add_events([conference, lunch])
    ranked = [h.uid for h in scoring.rank(net, as_of=AS_OF)]
    assert ranked[0] == "p0"
    lunch_i = scoring.health(net, "p0", as_of=AS_OF).components["intensity"]
    conf_i = scoring.health(net, "p1", as_of=AS_OF).components["intensity"]
    # MEETING 4 x duration 2 = 8 against EVENT 2 x duration 2 / 38 (39 people present).
    decayed = 8 * 2 ** (-15.5 / 180)  # 15.5 days before the end of AS_OF
    assert lunch_i == pytest.approx(decayed / (decayed + 10))
    assert conf_i < lunch_i / 20


def test_group_size_exponent_zero_restores_equal_weights() -> None:
    net = net_with(*_people(3))
    net.me = ME
    net.add_events(
        [
            Event(
                uid="m",
                start=NOON,
                organizer=Attendee(email="me@example.org"),
                attendees=(_attendee(0), _attendee(1), _attendee(2)),
            )
        ]
    )
    flat = Policy(group_size_exponent=0)
    a = scoring.health(net, "p0", as_of=AS_OF).components["intensity"]
    b = scoring.health(net, "p0", as_of=AS_OF, policy=flat).components["intensity"]
    assert b > a  # 4 present: each pair weighs 1/3 by default, 1 with exponent 0


def test_me_is_never_ranked_suggested_tiered_or_followed_up() -> None:
    net = net_with(
        Contact(uid="self", formatted_name="Sam Me", emails=(Email(address="ME@example.org"),)),
        Contact(uid="ada", cadence_days=7),
    )
    net.me = ME
    for uid in ("self", "ada"):
        log(net, uid, 30, event_uid="e", kind=InteractionKind.MEETING)
    assert [h.uid for h in scoring.rank(net, as_of=AS_OF)] == ["ada"]
    assert "self" not in scoring.tiers(net, as_of=AS_OF)
    assert [n.uid for n in scoring.due(net, as_of=AS_OF)] == ["ada"]
    assert [n.uid for n in scoring.follow_ups(net, "e", as_of=AS_OF)] == ["ada"]
    with pytest.raises(NotFoundError, match="me"):
        scoring.health(net, "self", as_of=AS_OF)


def test_cadence_comes_from_the_contact_then_the_rhythm_then_the_layer() -> None:
    net = net_with(Contact(uid="set", cadence_days=45), Contact(uid="rhythm"), Contact(uid="one"))
    for days_ago in (100, 80, 60, 40, 20, 19):  # every 20 days; 19 is the same exchange
        log(net, "set", days_ago)
        log(net, "rhythm", days_ago)
    log(net, "one", 20)
    h = {uid: scoring.health(net, uid, as_of=AS_OF) for uid in ("set", "rhythm", "one")}
    assert (h["set"].cadence_days, h["set"].cadence_source) == (45, "contact")
    assert (h["rhythm"].cadence_days, h["rhythm"].cadence_source) == (20, "rhythm")
    assert "usual rhythm of 20 days" in h["rhythm"].reasons[0]
    assert h["one"].cadence_source == "layer"


def test_rhythm_is_bounded_and_needs_two_gaps() -> None:
    net = net_with(Contact(uid="daily"), Contact(uid="twice"))
    for days_ago in range(1, 60):
        log(net, "daily", days_ago)  # every day: gaps below 7 days are one exchange
    log(net, "twice", 300)
    log(net, "twice", 100)
    assert scoring.health(net, "daily", as_of=AS_OF).cadence_source == "layer"
    assert scoring.health(net, "twice", as_of=AS_OF).cadence_source == "layer"  # one gap only


def test_layers_need_evidence_not_rank_alone() -> None:
    # Five contacts with one email each: rank alone made them the weekly 5-layer.
    net = net_with(*(Contact(uid=f"c{k}") for k in range(5)))
    for k in range(5):
        log(net, f"c{k}", 10 + k, kind=InteractionKind.EMAIL, direction=Direction.INBOUND)
    tiers = scoring.tiers(net, as_of=AS_OF)
    assert set(tiers.values()) == {500}  # one email is not yet the evidence of any layer
    # Weekly meetings for half a year earn the inner layer.
    for week in range(26):
        log(net, "c0", 7 * week + 1)
    assert scoring.tiers(net, as_of=AS_OF)["c0"] == 5


def test_layer_min_strength_follows_the_half_life() -> None:
    p = Policy()
    assert p.layer_min_strength(7) == pytest.approx(0.5 / (1 - 2 ** (-7 / 180)))
    assert Policy(layer_evidence=0).layer_min_strength(7) == 0


def test_a_booked_meeting_is_not_contact_but_holds_the_nudge() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30, emails=(Email(address="ada@example.org"),)))
    net.me = ME
    log(net, "ada", 60)
    dinner = Event(
        uid="dinner",
        start=datetime(2026, 7, 11, 19, tzinfo=UTC),
        organizer=Attendee(email="ada@example.org"),
        attendees=(Attendee(email="me@example.org", status=AttendeeStatus.ACCEPTED),),
    )
    net.add_events([dinner])
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.last_interaction is not None
    assert h.last_interaction.date() < AS_OF
    assert h.ignored_future == 1
    d = scoring.due(net, as_of=AS_OF)
    assert list(d) == []
    [held] = d.held_back
    assert held.held_because == "already planned: you meet on 11 Jul (2026-07-11)"
    # Once the day has passed, the dinner is contact.
    assert scoring.health(net, "ada", as_of=date(2026, 7, 12)).ignored_future == 0


def test_a_declined_booking_is_not_planned() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30, emails=(Email(address="a@x.example"),)))
    net.me = ME
    log(net, "ada", 60)
    net.add_events(
        [
            Event(
                uid="x",
                start=datetime(2026, 7, 11, tzinfo=UTC),
                organizer=Attendee(email="a@x.example"),
                attendees=(Attendee(email="me@example.org", status=AttendeeStatus.DECLINED),),
            )
        ]
    )
    assert [n.uid for n in scoring.due(net, as_of=AS_OF)] == ["ada"]


def test_follow_ups_count_meetings_from_events_not_only_event_kind() -> None:
    net = net_with(*_people(2))
    net.me = ME
    net.add_events(
        [
            Event(
                uid="m",
                title="Coffee",
                start=NOON,
                organizer=Attendee(email="me@example.org"),
                attendees=(_attendee(0), Attendee(email="p1@x.example")),  # p1: no answer
            )
        ]
    )
    assert [n.uid for n in scoring.follow_ups(net, "m", as_of=AS_OF)] == ["p0"]


def _rhythm_network(n: int) -> Network:
    net = net_with(Contact(uid="ada"))
    start = datetime(2020, 1, 1, tzinfo=UTC)
    net.log_many(
        Interaction(
            at=start + timedelta(hours=7 * k), contact_uids=("ada",), kind=InteractionKind.CALL
        )
        for k in range(n)
    )
    return net


@pytest.mark.slow
def test_rhythm_is_linear_in_the_history_of_one_contact() -> None:
    def run(net: object) -> object:
        assert isinstance(net, Network)
        return scoring.health(net, "ada", as_of=date(2021, 1, 1))  # the rhythm is read each time

    assert_linear(_rhythm_network, run, 1_000, what="health with a long history of one contact")


def test_a_crowd_is_contact_but_not_a_conversation() -> None:
    # Dunbar, Duncan & Nettle 1995: conversations split beyond about four people.
    net = net_with(*_people(6))
    net.me = ME
    five = Event(
        uid="team",
        start=NOON,
        organizer=Attendee(email="me@example.org"),
        attendees=tuple(_attendee(k) for k in range(5)),
    )
    net.add_events([five])
    h = scoring.health(net, "p0", as_of=AS_OF)
    assert h.components["recency"] == 0.0
    assert h.reasons[0] == "no two-way contact yet: met only among more than 4 people"
    assert h.last_interaction is not None  # still contact: it resets due
    roomy = Policy(conversation_limit=6)
    assert scoring.health(net, "p0", as_of=AS_OF, policy=roomy).components["recency"] == 1.0
    with pytest.raises(ValueError, match="conversation_limit"):
        Policy(conversation_limit=1)


def test_my_unanswered_meeting_invitation_is_outreach_not_a_conversation() -> None:
    net = net_with(Contact(uid="ada", cadence_days=30, emails=(Email(address="a@x.example"),)))
    net.me = ME
    log(net, "ada", 40)  # we last met 40 days ago
    net.add_events(
        [
            Event(
                uid="coffee",
                start=NOON,  # 10 days before AS_OF; Ada has not answered
                organizer=Attendee(email="me@example.org"),
                attendees=(Attendee(email="a@x.example"),),
            )
        ]
    )
    [invite] = [i for i in net.interactions_with("ada") if i.event_uid == "coffee"]
    assert (invite.kind, invite.direction) == (InteractionKind.MEETING, Direction.OUTBOUND)
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert h.reasons[0].startswith("last two-way contact 40 days ago")
    d = scoring.due(net, as_of=AS_OF)
    assert list(d) == []  # any interaction resets the date: due 30 days after the invitation
    assert "you started 1" in h.reasons[2]


def test_a_co_invitee_on_someone_elses_invitation_is_not_my_outreach() -> None:
    # Three invitations from Julia; Kai stays TENTATIVE on each. Before issue 12 each made
    # an OUTBOUND "attempt" of mine: "you started 3", and due held Kai back as pestered.
    kai = Contact(uid="kai", cadence_days=30, emails=(Email(address="kai@x.example"),))
    julia = Contact(uid="julia", emails=(Email(address="julia@x.example"),))
    net = net_with(kai, julia)
    net.me = ME
    log(net, "kai", 90, kind=InteractionKind.EMAIL, direction=Direction.INBOUND)
    net.add_events(
        Event(
            uid=f"sync-{k}",
            start=NOON - timedelta(days=7 * k),
            organizer=Attendee(email="julia@x.example"),
            attendees=(
                Attendee(email="me@example.org", status=AttendeeStatus.ACCEPTED),
                Attendee(email="kai@x.example", status=AttendeeStatus.TENTATIVE),
            ),
        )
        for k in range(3)
    )
    assert [i.kind for i in net.interactions_with("kai")] == [InteractionKind.EMAIL]
    d = scoring.due(net, as_of=AS_OF)
    assert "kai" in [n.uid for n in d]
    assert d.held_back == ()
    assert "you started 0" in scoring.health(net, "kai", as_of=AS_OF).reasons[2]
