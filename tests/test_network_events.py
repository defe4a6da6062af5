"""Network.add_events: matching attendees to contacts and logging EVENT interactions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from netcore import Contact, Email, Network
from netcore.formats import ical
from netcore.model.event import Attendee, AttendeeRole, AttendeeStatus, Event
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
            Attendee(email="stranger@example.org", name="Stranger"),
            Attendee(email="dee@example.org", status=AttendeeStatus.DECLINED),
            Attendee(name="Room 1", cutype="room"),
            Attendee(email="cc@example.org", role=AttendeeRole.NON_PARTICIPANT),
        ),
    )
    return base.model_copy(update=changes)


def test_matches_by_email_case_insensitively_then_by_exact_name() -> None:
    net = network()
    report = net.add_events([meetup()])
    assert [(m.contact_uid, m.by) for m in report.matched] == [
        ("cy", "email"),
        ("ada", "email"),
        ("bob", "name"),
    ]
    assert [a.name for a in report.unmatched] == ["Stranger"]
    assert sorted(reason for _, reason in report.skipped) == [
        "a room, not a person",
        "declined",
        "non-participant (copied for information)",
    ]
    assert (report.events_added, report.events_known, report.interactions_created) == (1, 0, 3)


def test_interactions_carry_event_direction_time_and_duration() -> None:
    net = network()
    net.add_events([meetup()])
    [ada] = net.interactions_with("ada")
    [bob] = net.interactions_with("bob")
    [cy] = net.interactions_with("cy")
    assert ada.kind is InteractionKind.EVENT
    assert ada.event_uid == "meetup-1"
    assert (ada.at, ada.duration, ada.note) == (START, timedelta(hours=2), "Python meetup")
    assert ada.direction is Direction.MUTUAL  # accepted
    assert bob.direction is Direction.OUTBOUND  # tentative: an invitation, not a meeting
    assert cy.direction is Direction.MUTUAL  # the organizer


def test_adding_the_same_occurrence_again_creates_nothing_twice() -> None:
    net = network()
    first = net.add_events([meetup()])
    again = net.add_events([meetup()])
    assert (again.events_added, again.events_known, again.interactions_created) == (0, 1, 0)
    assert len(net.interactions) == first.interactions_created == 3
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
                attendees=(Attendee(email="ada@example.org"),),
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
