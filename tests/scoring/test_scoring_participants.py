"""The one group-size rule for events and mail (``Interaction.participants``), standing
meetings, and how far a booking holds a contact back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pydantic
import pytest

from netcore import Contact, Direction, Interaction, InteractionKind, Network, scoring
from netcore.model.interaction import group_factor
from netcore.scoring import Policy

AS_OF = date(2026, 11, 4)
AT = datetime(2026, 11, 2, 10, tzinfo=UTC)


def test_group_factor_is_newmans_one_over_n_minus_one() -> None:
    assert group_factor(None) == 1.0
    assert group_factor(1) == 1.0
    assert group_factor(2) == 1.0
    assert group_factor(5) == pytest.approx(0.25)
    assert group_factor(40) == pytest.approx(1 / 39)
    assert group_factor(5, exponent=0.5) == pytest.approx(0.5)


def test_participants_is_optional_and_old_documents_load() -> None:
    old = {"at": AT.isoformat(), "contact_uids": ["ada"], "kind": "email"}
    assert Interaction.model_validate(old).participants is None
    new = Interaction.model_validate({**old, "participants": 5})
    assert Interaction.model_validate_json(new.model_dump_json()).participants == 5
    with pytest.raises(pydantic.ValidationError):
        Interaction.model_validate({**old, "participants": 0})


def _intensity(participants: int | None) -> tuple[float, float]:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=30)])
    net.log(
        Interaction(
            at=AT,
            contact_uids=("ada",),
            kind=InteractionKind.EMAIL,
            direction=Direction.INBOUND,
            participants=participants,
        )
    )
    h = scoring.health(net, "ada", as_of=AS_OF)
    return h.components["intensity"], h.components["recency"]


def test_mail_participants_weigh_by_the_shared_rule() -> None:
    one, one_recency = _intensity(2)
    assert _intensity(None) == (one, one_recency)  # unknown weighs as a one-to-one
    four, four_recency = _intensity(4)  # me and three: still a conversation
    k = Policy().intensity_half_saturation
    # intensity = I / (I + K): recover I and compare the weights.
    weight = lambda x: x * k / (1 - x)  # noqa: E731
    assert weight(four) == pytest.approx(weight(one) / 3)
    assert four_recency == one_recency == 1.0
    crowd, crowd_recency = _intensity(6)  # more than conversation_limit: no conversation
    assert weight(crowd) == pytest.approx(weight(one) / 5)
    assert crowd_recency == 0.0


def _series(n_people: int, occurrences: int) -> Network:
    from netcore import Attendee, AttendeeStatus, Event, Me

    me = "me@ex.org"
    net = Network(me=Me(emails=(me,)))
    net.add_contacts(
        [Contact(uid=f"p{k}", emails=[{"address": f"p{k}@ex.org"}]) for k in range(n_people - 1)]
    )
    start = datetime(2026, 9, 7, 9, tzinfo=UTC)
    net.add_events(
        Event(
            uid="sync",
            start=start + timedelta(weeks=w),
            end=start + timedelta(weeks=w, hours=1),
            organizer=Attendee(email=me),
            attendees=tuple(
                Attendee(email=f"p{k}@ex.org", status=AttendeeStatus.ACCEPTED)
                for k in range(n_people - 1)
            ),
        )
        for w in range(occurrences)
    )
    return net


def test_a_standing_meeting_is_a_conversation_but_a_one_off_is_not() -> None:
    once = scoring.health(_series(6, 1), "p0", as_of=AS_OF)
    assert once.components["recency"] == 0.0  # a one-off meeting of six: a crowd
    weekly = scoring.health(_series(6, 8), "p0", as_of=AS_OF)
    assert weekly.components["recency"] > 0.5  # a weekly sync of six: a conversation
    assert weekly.reasons[0].startswith("last two-way contact 9 days ago"), weekly.reasons
    all_hands = scoring.health(_series(40, 8), "p0", as_of=AS_OF)
    assert all_hands.components["recency"] == 0.0  # above standing_meeting_limit
    tight = Policy(standing_meeting_limit=4)
    assert (
        scoring.health(_series(6, 8), "p0", as_of=AS_OF, policy=tight).components["recency"] == 0.0
    )


def test_a_known_contact_overrides_only_the_display_name_signal() -> None:
    from netcore import Attendee, AttendeeStatus, Event, Me

    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts(
        [
            Contact(uid="anna", emails=[{"address": "anna@acme.example"}]),
            Contact(uid="team", emails=[{"address": "team@acme.example"}]),
            Contact(uid="room", emails=[{"address": "room4@acme.example"}]),
        ]
    )
    report = net.add_events(
        [
            Event(
                uid="m",
                start=AT,
                organizer=Attendee(email="me@ex.org"),
                attendees=(
                    Attendee(
                        email="anna@acme.example",
                        name="Anna (she/her) [EXT]",
                        status=AttendeeStatus.ACCEPTED,
                    ),
                    Attendee(email="team@acme.example", status=AttendeeStatus.ACCEPTED),
                    Attendee(
                        email="room4@acme.example",
                        name="Room 4",
                        cutype="ROOM",
                        status=AttendeeStatus.ACCEPTED,
                    ),
                ),
            )
        ]
    )
    assert [m.contact_uid for m in report.matched] == ["anna"]
    assert {p.email for p, _ in report.skipped} >= {"team@acme.example", "room4@acme.example"}
