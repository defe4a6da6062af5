"""Network.add_events: matching attendees to contacts and logging EVENT interactions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netcore import Contact, Email, Me, Network
from netcore.formats import ical
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventKind,
    EventStatus,
    contact_kind,
    not_a_person,
    participants,
)
from netcore.model.interaction import Direction, InteractionKind

START = datetime(2026, 3, 10, 18, tzinfo=UTC)


def network() -> Network:
    net = Network()
    net.add_contacts(
        [
            Contact(
                uid="ada", formatted_name="Ada Lovelace", emails=(Email(address="Ada@Example.org"),)
            ),
            Contact(uid="bob", formatted_name="Bob Byte"),
            Contact(uid="cy", formatted_name="Cy", emails=(Email(address="cy@example.org"),)),
        ]
    )
    return net


def meetup(**changes: object) -> Event:
    base = Event(
        uid="meetup-1",
        title="Python meetup",
        start=START,
        end=START + timedelta(hours=2),
        organizer=Attendee(email="cy@example.org", name="Cy"),
        attendees=(
            Attendee(email="ada@EXAMPLE.org", status=AttendeeStatus.ACCEPTED),
            Attendee(name="Bob Byte", status=AttendeeStatus.TENTATIVE),
            Attendee(email="stranger@example.org", name="Stranger", status=AttendeeStatus.ACCEPTED),
            Attendee(email="dee@example.org", status=AttendeeStatus.DECLINED),
            Attendee(name="Room 1", cutype="room"),
            Attendee(email="cc@example.org", role=AttendeeRole.NON_PARTICIPANT),
        ),
    )
    return base.model_copy(update=changes)


def test_matches_by_email_case_insensitively_then_by_exact_name() -> None:
    net = network()
    report = net.add_events([meetup()])
    assert [(m.contact_uid, m.by) for m in report.matched] == [("cy", "email"), ("ada", "email")]
    assert [a.name for a in report.unmatched] == ["Stranger"]
    assert sorted(reason for _, reason in report.skipped) == [
        "a room, not a person",
        "declined",
        "has not accepted someone else's invitation (not my outreach)",
        "non-participant (copied for information)",
    ]
    assert (report.events_added, report.events_known, report.interactions_created) == (1, 0, 2)


def test_interactions_carry_event_direction_time_and_duration() -> None:
    net = network()
    net.add_events([meetup()])
    [ada] = net.interactions_with("ada")
    [cy] = net.interactions_with("cy")
    assert ada.kind is InteractionKind.MEETING  # an event of kind OTHER, in person
    assert ada.event_uid == "meetup-1"
    assert (ada.at, ada.duration, ada.note) == (START, timedelta(hours=2), "Python meetup")
    assert ada.direction is Direction.MUTUAL  # accepted
    assert net.interactions_with("bob") == ()  # tentative on Cy's invitation: not my outreach
    assert cy.direction is Direction.MUTUAL  # the organizer


def test_adding_the_same_occurrence_again_creates_nothing_twice() -> None:
    net = network()
    first = net.add_events([meetup()])
    again = net.add_events([meetup()])
    assert (again.events_added, again.events_known, again.interactions_created) == (0, 1, 0)
    assert len(net.interactions) == first.interactions_created == 2
    assert len(net.events) == 1


def test_ids_are_deterministic_across_networks() -> None:
    a, b = network(), network()
    a.add_events([meetup()])
    b.add_events([meetup()])
    assert [i.id for i in a.interactions] == [i.id for i in b.interactions]


def test_one_interaction_per_contact_per_occurrence() -> None:
    net = network()
    twice = meetup(
        attendees=(
            Attendee(email="cy@example.org", status=AttendeeStatus.ACCEPTED),
            Attendee(name="Cy"),
        )
    )
    report = net.add_events(
        [twice, meetup(start=START + timedelta(days=7), end=START + timedelta(days=7, hours=2))]
    )
    assert len(net.interactions_with("cy")) == 2  # two occurrences, not four
    assert report.events_added == 2


def test_all_day_event_is_logged_at_midnight_utc() -> None:
    net = network()
    net.add_events(
        [
            Event(
                uid="conf",
                start=date(2026, 5, 14),
                end=date(2026, 5, 16),
                attendees=(Attendee(email="ada@example.org", status=AttendeeStatus.ACCEPTED),),
            )
        ]
    )
    [inter] = net.interactions_with("ada")
    assert inter.at == datetime(2026, 5, 14, tzinfo=UTC)
    assert inter.duration is None


def test_create_missing_makes_one_contact_per_person_once() -> None:
    net = network()
    report = net.add_events([meetup()], create_missing=True)
    assert [c.formatted_name for c in report.created] == ["Stranger"]
    assert report.unmatched == ()
    created = report.created[0]
    assert [e.address for e in created.emails] == ["stranger@example.org"]
    assert created.source == "calendar"
    again = net.add_events([meetup(uid="meetup-2")], create_missing=True)
    assert again.created == ()
    assert len(net.interactions_with(created.uid)) == 2


def test_expanded_series_from_ical_gives_one_interaction_per_occurrence() -> None:
    text = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "UID:weekly",
            "SUMMARY:Weekly sync",
            "DTSTART:20260105T090000Z",
            "DTEND:20260105T093000Z",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE:20260112T090000Z",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ada@example.org",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    net = network()
    events = ical.loads(text, expand_from=date(2026, 1, 1), expand_to=date(2026, 12, 31))
    report = net.add_events(events)
    assert report.interactions_created == 3
    assert [i.at.day for i in net.interactions_with("ada")] == [5, 19, 26]
    assert (
        net.add_events(
            ical.loads(text, expand_from=date(2026, 1, 1), expand_to=date(2026, 12, 31))
        ).interactions_created
        == 0
    )


def test_same_instant_in_another_zone_is_the_same_occurrence() -> None:
    net = network()
    net.add_events([meetup()])
    berlin = START.astimezone(ZoneInfo("Europe/Berlin"))
    report = net.add_events([meetup(start=berlin, end=berlin + timedelta(hours=2))])
    assert (report.events_known, report.interactions_created) == (1, 0)


ME = Me(emails=("me@example.org",), names=("Sam Me",))


def _mine(**changes: object) -> Event:
    """An invitation I sent: Ada accepted, Bob has not answered, Cy declined."""
    return meetup(
        organizer=Attendee(email="ME@example.org", name="Sam Me"),
        attendees=(
            Attendee(email="me@example.org", status=AttendeeStatus.ACCEPTED),
            Attendee(email="ada@example.org", status=AttendeeStatus.ACCEPTED),
            Attendee(name="Bob Byte"),
            Attendee(email="cy@example.org", status=AttendeeStatus.DECLINED),
        ),
        **changes,
    )


def _owned() -> Network:
    net = network()
    net.me = ME
    return net


def test_my_invitation_unanswered_is_my_outreach() -> None:
    net = _owned()
    net.add_events([_mine()])
    [ada] = net.interactions_with("ada")
    [bob] = net.interactions_with("bob")
    assert (ada.direction, bob.direction) == (Direction.MUTUAL, Direction.OUTBOUND)
    assert net.interactions_with("cy") == ()


def test_me_is_never_matched_nor_created() -> None:
    net = _owned()
    report = net.add_events([_mine()], create_missing=True)
    assert net.find(email="me@example.org") == []
    assert report.created == ()
    assert [r for a, r in report.skipped if a.email and a.email.lower() == "me@example.org"] == [
        "me (the network's owner)",
        "me (the network's owner)",
    ]


def test_a_cancelled_occurrence_is_no_contact() -> None:
    net = _owned()
    report = net.add_events([_mine(status=EventStatus.CANCELLED)], create_missing=True)
    assert (len(net.interactions), report.created, report.events_added) == (0, (), 1)


def test_my_declined_invitation_is_no_contact_with_anyone() -> None:
    net = _owned()
    theirs = meetup(
        attendees=(
            Attendee(email="me@example.org", status=AttendeeStatus.DECLINED),
            Attendee(email="ada@example.org", status=AttendeeStatus.ACCEPTED),
        )
    )
    net.add_events([theirs])
    assert len(net.interactions) == 0


@pytest.mark.parametrize(
    ("person", "why"),
    [
        (Attendee(email="eng@example.org", name="Eng", cutype="GROUP"), "a group"),
        (Attendee(email="python@lists.example.org", name="Python list"), "mailing list"),
        (Attendee(email="info@pydata.example", name="PyData Berlin"), "role mailbox"),
        (Attendee(email="eng-team@example.org", name="Engineers"), "role mailbox"),
        (Attendee(email="r@resource.calendar.google.com", name="R"), "mailing list or shared"),
        (Attendee(name="Berlin Python Meetup"), "names a group"),
        (Attendee(name="Spree (10)"), "not a person's name"),
    ],
)
def test_groups_rooms_and_lists_are_not_people(person: Attendee, why: str) -> None:
    reason = not_a_person(person)
    assert reason is not None
    assert why in reason
    net = _owned()
    report = net.add_events([meetup(organizer=person, attendees=())], create_missing=True)
    assert report.created == ()
    assert len(net.interactions) == 0


@pytest.mark.parametrize(
    "person",
    [
        Attendee(email="ada.lovelace@example.org", name="Ada Lovelace"),
        Attendee(email="j.o'brien@example.ie", name="Jo O'Brien"),
        Attendee(name="José Álvarez-Núñez"),
    ],
)
def test_people_are_people(person: Attendee) -> None:
    assert not_a_person(person) is None


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"location": "https://meet.google.com/abc-defg-hij"}, InteractionKind.VIDEO),
        ({"location": "Microsoft Teams Meeting"}, InteractionKind.VIDEO),
        ({"description": "Join Zoom Meeting https://zoom.us/j/955"}, InteractionKind.VIDEO),
        ({"location": "tel:+49-30-1234567"}, InteractionKind.CALL),
        ({"location": "+44 20 7946 0018"}, InteractionKind.CALL),
        ({"location": "Café Einstein, Kurfürstenstraße 58"}, InteractionKind.MEETING),
        ({"kind": EventKind.CONFERENCE, "location": "https://zoom.us/j/1"}, InteractionKind.EVENT),
        ({"kind": EventKind.MEETUP}, InteractionKind.EVENT),
    ],
)
def test_what_kind_of_contact_an_event_is(
    changes: dict[str, object], kind: InteractionKind
) -> None:
    assert contact_kind(meetup(**changes)) is kind


def test_participants_count_people_present_once() -> None:
    # Cy organises; Ada and Bob and the stranger count; declined, room and cc do not.
    assert participants(meetup()) == 4
    assert participants(_mine()) == 3  # me, Ada, Bob (Cy declined)


def test_occurrence_finds_the_event_an_interaction_is_for() -> None:
    net = network()
    net.add_events([meetup()])
    [ada] = net.interactions_with("ada")
    found = net.occurrence("meetup-1", ada.at)
    assert found is not None
    assert found.title == "Python meetup"
    assert net.occurrence("meetup-1", ada.at + timedelta(days=1)) is None


@pytest.mark.slow
def test_add_events_is_linear_in_the_number_of_attendees() -> None:
    from _complexity import assert_linear

    def make(n: int) -> tuple[Network, Event]:
        net = Network(me=ME)
        people = [
            Contact(uid=f"c{k}", emails=(Email(address=f"c{k}@x.example"),)) for k in range(n)
        ]
        net.add_contacts(people)
        attendees = tuple(
            Attendee(email=f"c{k}@x.example", status=AttendeeStatus.ACCEPTED) for k in range(n)
        )
        return net, meetup(attendees=(Attendee(email="me@example.org"), *attendees))

    def run(made: object) -> object:
        assert isinstance(made, tuple)
        net, event = made
        return net.add_events([event.model_copy(update={"uid": str(len(net.events))})])

    assert_linear(make, run, 4000, what="add_events with many attendees", repeat=5)
