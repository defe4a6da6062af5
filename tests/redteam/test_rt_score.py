"""Red-team probes of scoring semantics, the owner identity ("me") and the mail source.

Each ``xfail(strict=True)`` test is a finding (``RT-score-N``): it asserts the behaviour a
demanding user expects and fails today. The other tests are probes that held and stay as
regression guards. Written from the public docs (docs/scoring.md, docs/mail.md,
docs/cli.md) and briefs 12 and 19 only.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pydantic
import pytest
from typer.testing import CliRunner

from netcore import (
    Contact,
    Direction,
    Email,
    Interaction,
    InteractionKind,
    Me,
    NetcoreError,
    Network,
    NotFoundError,
    PartialDate,
    scoring,
)
from netcore.cli import app
from netcore.formats import ical, mail

ME = "sam@ex.org"
AS_OF = date(2026, 11, 4)


# --------------------------------------------------------------------------- helpers


def _cal(*events: list[str]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rt//rt//EN"]
    for ev in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20261001T000000Z", *ev, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _net(
    text: str,
    *,
    me: tuple[str, ...] | None = (ME,),
    people: tuple[str, ...] = ("marta", "tom", "omar"),
    create_missing: bool = False,
) -> Network:
    net = Network(me=Me(emails=me) if me else None)
    net.add_contacts([Contact(uid=p, emails=[Email(address=f"{p}@ex.org")]) for p in people])
    events = ical.loads(text, expand_from=date(2026, 1, 1), expand_to=date(2027, 6, 1))
    net.add_events(events, create_missing=create_missing)
    return net


def _seen(net: Network) -> list[tuple[tuple[str, ...], str, str]]:
    return [(tuple(i.contact_uids), i.kind.value, i.direction.value) for i in net.interactions]


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _mail(raw: bytes, lookup: dict[str, str] | None = None) -> mail.MailRead:
    return mail.read_interactions(
        io.BytesIO(raw),
        me_emails=["me@ex.org"],
        contacts_lookup=(lookup or {"ada@ex.org": "ada", "bob@ex.org": "bob"}).get,
    )


def _cli(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, args, env={"NETCORE_ME": "", **(env or {})})


def _clean_failure(result) -> None:
    """A failure is a one-line CLI error (exit 1 or 2), never an uncaught exception."""
    assert result.exit_code in (1, 2), (result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


VCF = """BEGIN:VCARD\r
VERSION:4.0\r
UID:ada\r
FN:Ada Lovelace\r
EMAIL:ada@ex.org\r
BDAY:--0229\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
UID:me\r
FN:Me Myself\r
EMAIL:me@ex.org\r
BDAY:--1205\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
UID:jan\r
FN:Jan First\r
BDAY:--0101\r
END:VCARD\r
"""


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETCORE_DB", str(tmp_path / "no-default.db"))
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "c.vcf").write_text(VCF, newline="")
    return folder


# --------------------------------------------------------------- (a) event semantics


# RT-score-1 (STATUS not read): fixed by the iCalendar reader.
def test_cancelled_meeting_from_ical_is_no_interaction() -> None:
    # A real calendar marks a cancelled meeting with STATUS:CANCELLED.
    text = _cal(
        [
            "UID:a",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Sync",
            "STATUS:CANCELLED",
            "ORGANIZER:mailto:sam@ex.org",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@ex.org",
        ]
    )
    net = _net(text)
    assert _seen(net) == []


# RT-score-1 (STATUS not read): fixed by the iCalendar reader.
def test_ical_reads_status_cancelled() -> None:
    text = _cal(
        [
            "UID:a",
            "DTSTART:20261020T120000Z",
            "SUMMARY:Sync",
            "STATUS:CANCELLED",
        ]
    )
    (event,) = ical.loads(text)
    assert event.status.value == "cancelled"


# RT-score-1 (STATUS not read): fixed by the iCalendar reader.
def test_cancelled_future_meeting_does_not_hold_back_due() -> None:
    past = [
        "UID:po",
        "DTSTART:20260601T120000Z",
        "DTEND:20260601T130000Z",
        "SUMMARY:Coffee",
        "ORGANIZER:mailto:omar@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    cancelled = [
        "UID:fc",
        "DTSTART:20261112T120000Z",
        "DTEND:20261112T130000Z",
        "SUMMARY:Dinner",
        "STATUS:CANCELLED",
        "ORGANIZER:mailto:omar@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    net = _net(_cal(past, cancelled), people=("omar",))
    due = scoring.due(net, as_of=AS_OF)
    assert [n.uid for n in due.nudges] == ["omar"]
    assert due.held_back == ()


def test_tentative_coinvitee_on_someone_elses_invitation_gets_nothing() -> None:
    text = _cal(
        [
            "UID:b",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Sync",
            "ORGANIZER:mailto:omar@ex.org",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
            "ATTENDEE;PARTSTAT=TENTATIVE:mailto:tom@ex.org",
        ]
    )
    assert _seen(_net(text)) == [(("omar",), "meeting", "mutual")]


def test_my_unanswered_invitation_is_outbound() -> None:
    text = _cal(
        [
            "UID:c",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Sync",
            "ORGANIZER:mailto:SAM@EX.ORG",
            "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:tom@ex.org",
        ]
    )
    assert _seen(_net(text)) == [(("tom",), "meeting", "outbound")]


def test_declined_by_me_is_nothing() -> None:
    text = _cal(
        [
            "UID:d",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Guild",
            "ORGANIZER:mailto:omar@ex.org",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:sam@ex.org",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:tom@ex.org",
        ]
    )
    assert _seen(_net(text)) == []


def test_one_to_one_lunch_outranks_one_of_40_conference_attendees() -> None:
    lunch = [
        "UID:lunch",
        "DTSTART:20261020T120000Z",
        "DTEND:20261020T133000Z",
        "SUMMARY:Lunch",
        "ORGANIZER:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@ex.org",
    ]
    conf = [
        "UID:conf",
        "DTSTART:20261020T080000Z",
        "DTEND:20261021T180000Z",
        "SUMMARY:Data Conference",
        "CATEGORIES:CONFERENCE",
        "ORGANIZER;CN=Anna Schmidt:mailto:anna@conf.example",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:tom@ex.org",
        *[f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{i}@ex.org" for i in range(38)],
    ]
    ranked = [h.uid for h in scoring.rank(_net(_cal(lunch, conf)), as_of=AS_OF)]
    assert ranked.index("marta") < ranked.index("tom")


def test_me_under_two_of_my_addresses_is_one_participant() -> None:
    lunch = [
        "UID:m",
        "DTSTART:20261020T120000Z",
        "DTEND:20261020T133000Z",
        "SUMMARY:Lunch",
        "ORGANIZER;CN=Sam:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@ex.org",
    ]
    plain = _net(_cal(lunch), me=(ME, "sam@home.example"))
    twice = _net(
        _cal([*lunch, "ATTENDEE;PARTSTAT=ACCEPTED;CN=Sam:mailto:sam@home.example"]),
        me=(ME, "sam@home.example"),
    )
    a = scoring.health(plain, "marta", as_of=AS_OF).components["intensity"]
    b = scoring.health(twice, "marta", as_of=AS_OF).components["intensity"]
    assert b == pytest.approx(a)


def test_weekly_one_to_one_with_moved_and_skipped_occurrence_is_on_rhythm() -> None:
    weekly = [
        "UID:w",
        "DTSTART:20260803T090000Z",
        "DTEND:20260803T093000Z",
        "RRULE:FREQ=WEEKLY;COUNT=20",
        "EXDATE:20261005T090000Z",
        "SUMMARY:1:1 Marta",
        "ORGANIZER:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@ex.org",
    ]
    moved = [
        "UID:w",
        "RECURRENCE-ID:20261012T090000Z",
        "DTSTART:20261014T150000Z",
        "DTEND:20261014T153000Z",
        "SUMMARY:1:1 Marta (moved)",
        "ORGANIZER:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@ex.org",
    ]
    net = _net(_cal(weekly, moved))
    days = sorted(i.at.date() for i in net.interactions)
    assert date(2026, 10, 5) not in days
    assert date(2026, 10, 12) not in days
    assert date(2026, 10, 14) in days
    h = scoring.health(net, "marta", as_of=date(2026, 10, 20))
    assert h.cadence_source == "rhythm"
    assert h.cadence_days == 7
    assert h.status.value == "thriving"
    assert scoring.due(net, as_of=date(2026, 10, 20)).nudges == ()


def test_future_meeting_the_contact_declined_does_not_hold_them_back() -> None:
    past = [
        "UID:p",
        "DTSTART:20260601T120000Z",
        "DTEND:20260601T130000Z",
        "SUMMARY:Coffee",
        "ORGANIZER:mailto:tom@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    declined = [
        "UID:f",
        "DTSTART:20261111T120000Z",
        "DTEND:20261111T130000Z",
        "SUMMARY:Dinner",
        "ORGANIZER:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=DECLINED:mailto:tom@ex.org",
    ]
    due = scoring.due(_net(_cal(past, declined), people=("tom",)), as_of=AS_OF)
    assert [n.uid for n in due.nudges] == ["tom"]


def test_future_booked_meeting_holds_back_with_the_date() -> None:
    past = [
        "UID:p",
        "DTSTART:20260601T120000Z",
        "DTEND:20260601T130000Z",
        "SUMMARY:Coffee",
        "ORGANIZER:mailto:tom@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    booked = [
        "UID:f",
        "DTSTART:20261111T120000Z",
        "DTEND:20261111T130000Z",
        "SUMMARY:Dinner",
        "ORGANIZER:mailto:tom@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    due = scoring.due(_net(_cal(past, booked), people=("tom",)), as_of=AS_OF)
    assert due.nudges == ()
    (held,) = due.held_back
    assert held.uid == "tom"
    assert "11 Nov" in (held.held_because or "")


_FUTURE_VCF = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:tom\r\nFN:Tom Becker\r\nEMAIL:tom@ex.org\r\n"
    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nUID:omar\r\nFN:Omar Haddad\r\n"
    "EMAIL:omar@ex.org\r\nEND:VCARD\r\n"
)


def _past(person: str, uid: str) -> list[str]:
    return [
        f"UID:{uid}",
        "DTSTART:20260601T120000Z",
        "DTEND:20260601T130000Z",
        "SUMMARY:Coffee",
        f"ORGANIZER:mailto:{person}@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]


def test_cli_due_holds_back_a_booked_single_meeting(tmp_path: Path, book: Path) -> None:
    folder = tmp_path / "fut"
    folder.mkdir()
    (folder / "c.vcf").write_text(_FUTURE_VCF, newline="")
    booked = [
        "UID:f1",
        "DTSTART:20261111T120000Z",
        "DTEND:20261111T130000Z",
        "SUMMARY:Dinner",
        "ORGANIZER:mailto:tom@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    (folder / "cal.ics").write_text(_cal(_past("tom", "p1"), booked), newline="")
    r = _cli(["due", str(folder), "--as-of", "2026-11-04", "--me", ME, "-q", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert "already planned" in r.output


def test_cli_due_holds_back_a_booked_recurring_series(tmp_path: Path, book: Path) -> None:
    folder = tmp_path / "fut"
    folder.mkdir()
    (folder / "c.vcf").write_text(_FUTURE_VCF, newline="")
    series = [
        "UID:f2",
        "DTSTART:20261112T120000Z",
        "DTEND:20261112T130000Z",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "SUMMARY:Lunch series",
        "ORGANIZER:mailto:omar@ex.org",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
    ]
    (folder / "cal.ics").write_text(_cal(_past("omar", "p2"), series), newline="")
    r = _cli(["due", str(folder), "--as-of", "2026-11-04", "--me", ME, "-q", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert "already planned" in r.output


def test_weekly_team_sync_colleague_is_not_cooling() -> None:
    team = [
        "UID:t",
        "DTSTART:20260504T090000Z",
        "DTEND:20260504T100000Z",
        "RRULE:FREQ=WEEKLY;COUNT=30",
        "SUMMARY:Team sync",
        "ORGANIZER:mailto:sam@ex.org",
        *[
            f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{p}@ex.org"
            for p in ("marta", "tom", "omar", "lena")
        ],
    ]
    net = _net(_cal(team), people=("marta", "tom", "omar", "lena"))
    h = scoring.health(net, "marta", as_of=AS_OF)
    assert not h.reasons[0].startswith("no two-way contact yet"), h.reasons
    assert h.status.value in ("healthy", "thriving"), (h.score, h.status)


def test_a_booking_years_ahead_does_not_silence_an_overdue_contact() -> None:
    from netcore import Attendee, AttendeeStatus, Event

    net = Network(me=Me(emails=(ME,)))
    net.add_contacts([Contact(uid="tom", emails=[Email(address="tom@ex.org")], cadence_days=30)])
    net.log(
        Interaction(
            contact_uids=("tom",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 3, 1, 10),
        )
    )
    net.add_events(
        [
            Event(
                uid="far",
                title="Reunion",
                start=_at(2029, 6, 1, 18),
                organizer=Attendee(email="tom@ex.org"),
                attendees=(Attendee(email=ME, status=AttendeeStatus.ACCEPTED),),
            )
        ]
    )
    due = scoring.due(net, as_of=AS_OF)
    assert [n.uid for n in due.nudges] == ["tom"], due.held_back


def _unrsvped_weekly() -> Network:
    weekly = [
        "UID:w",
        "DTSTART:20260803T090000Z",
        "DTEND:20260803T093000Z",
        "RRULE:FREQ=WEEKLY;COUNT=20",
        "SUMMARY:1:1 Marta",
        "ORGANIZER:mailto:sam@ex.org",
        "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:marta@ex.org",
    ]
    return _net(_cal(weekly))


def test_unanswered_invitations_reasons_do_not_contradict() -> None:
    reasons = scoring.health(_unrsvped_weekly(), "marta", as_of=AS_OF).reasons
    said_unanswered = any("without an answer" in r for r in reasons)
    said_no_replies = any("no replies recorded" in r for r in reasons)
    assert not (said_unanswered and said_no_replies), reasons


def test_weekly_one_to_one_without_rsvp_is_not_at_risk() -> None:
    h = scoring.health(_unrsvped_weekly(), "marta", as_of=AS_OF)
    assert h.status.value not in ("at_risk", "dormant"), (h.score, h.reasons)


# ------------------------------------------------------ (a) explanations vs statuses


def _two_way(net: Network, uid: str, *dirs_and_times: tuple[Direction, datetime]) -> None:
    for direction, at in dirs_and_times:
        net.log(
            Interaction(
                contact_uids=(uid,),
                kind=InteractionKind.EMAIL,
                direction=direction,
                at=at,
                replied=True if direction is Direction.OUTBOUND else None,
            )
        )


def test_initiative_one_each_is_not_called_uneven() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada")])
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.EMAIL,
            direction=Direction.OUTBOUND,
            at=_at(2026, 11, 1, 10),
        )
    )
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.EMAIL,
            direction=Direction.INBOUND,
            at=_at(2026, 11, 2, 10),
        )
    )
    reasons = scoring.health(net, "ada", as_of=AS_OF).reasons
    line = next(r for r in reasons if r.startswith("initiative"))
    assert "you started 1, they started 1" in line
    assert "uneven" not in line, line


def test_initiative_only_mutual_is_not_called_uneven() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada")])
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.MEETING,
            direction=Direction.MUTUAL,
            at=_at(2026, 11, 1, 10),
        )
    )
    reasons = scoring.health(net, "ada", as_of=AS_OF).reasons
    line = next(r for r in reasons if r.startswith("initiative"))
    assert "uneven" not in line, line


# RT-score-3: fixed by the papercuts work (reasons agree with the status).
def test_overdue_nudge_does_not_say_under_the_cadence() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=7)])
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 9, 1, 10),
        )
    )
    (nudge,) = scoring.due(net, as_of=AS_OF).nudges
    assert nudge.overdue_days > 0
    assert not any("under your" in r for r in nudge.reasons), nudge.reasons


def test_health_status_and_first_reason_agree() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=30), Contact(uid="bob", cadence_days=30)])
    _two_way(net, "ada", (Direction.INBOUND, _at(2026, 11, 1, 10)))
    _two_way(net, "bob", (Direction.INBOUND, _at(2026, 5, 1, 10)))
    ada = scoring.health(net, "ada", as_of=AS_OF)
    bob = scoring.health(net, "bob", as_of=AS_OF)
    assert "within" in ada.reasons[0]
    assert "within" not in bob.reasons[0]
    assert "x your 30-day cadence" in bob.reasons[0]


# ------------------------------------------------------------------------- (b) me


def test_me_with_case_and_whitespace_is_never_linked_or_created() -> None:
    text = _cal(
        [
            "UID:e",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Sync",
            "ORGANIZER:mailto:Sam@Ex.Org",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:tom@ex.org",
        ]
    )
    net = _net(text, me=(" SAM@ex.org ",), create_missing=True)
    assert set(net.contacts) == {"marta", "tom", "omar"}
    assert _seen(net) == [(("tom",), "meeting", "mutual")]


def test_me_card_in_address_book_is_never_scored() -> None:
    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts([Contact(uid="me", emails=[Email(address="ME@ex.org")]), Contact(uid="a")])
    assert [h.uid for h in scoring.rank(net, as_of=AS_OF)] == ["a"]
    assert "me" not in scoring.tiers(net, as_of=AS_OF)
    with pytest.raises(NotFoundError):
        scoring.health(net, "me", as_of=AS_OF)


def test_my_own_birthday_is_not_a_reminder() -> None:
    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts(
        [
            Contact(
                uid="me",
                emails=[Email(address="me@ex.org")],
                birthday=PartialDate(month=12, day=5),
            )
        ]
    )
    assert scoring.birthdays(net, as_of=date(2026, 12, 1), within_days=30) == []


def test_cli_birthdays_leaves_out_me(book: Path) -> None:
    r = _cli(
        ["birthdays", str(book), "--as-of", "2026-12-01", "--within", "30", "--me", "me@ex.org"]
    )
    assert r.exit_code == 0, r.output
    assert "Me Myself" not in r.output


@pytest.mark.parametrize("command", ["health", "due"])
def test_me_precedence_flag_over_env(book: Path, command: str) -> None:
    # env says ada is me, the flag says me@ex.org is: the flag wins.
    r = _cli(
        [command, str(book), "--as-of", "2026-11-04", "-q", "-f", "json", "--me", "me@ex.org"],
        env={"NETCORE_ME": "ada@ex.org"},
    )
    assert r.exit_code == 0, r.output
    assert '"uid": "me"' not in r.output


def test_me_from_store_and_env_override(tmp_path: Path, book: Path) -> None:
    from netcore.store import Store

    db = tmp_path / "s.db"
    assert _cli(["import", str(book / "c.vcf"), "--db", str(db), "-q"]).exit_code == 0
    store = Store.open(db)
    store.set_me(Me(emails=("me@ex.org",)))
    store.close()
    r = _cli(["health", "--db", str(db), "--as-of", "2026-11-04", "-q", "-f", "json"])
    assert '"uid": "me"' not in r.output
    r = _cli(
        ["health", "--db", str(db), "--as-of", "2026-11-04", "-q", "-f", "json"],
        env={"NETCORE_ME": "ada@ex.org"},
    )
    assert '"uid": "me"' in r.output
    assert '"uid": "ada"' not in r.output


def test_organiser_named_like_a_conference_is_not_a_person() -> None:
    # Brief 12: 'organisers like "PyData Berlin" become people to follow up'.
    text = _cal(
        [
            "UID:f",
            "DTSTART:20261020T080000Z",
            "DTEND:20261020T180000Z",
            "SUMMARY:PyData Berlin 2026",
            "CATEGORIES:CONFERENCE",
            "ORGANIZER;CN=PyData Berlin:mailto:berlin@pydata.org",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
        ]
    )
    net = _net(text, create_missing=True)
    assert set(net.contacts) == {"marta", "tom", "omar"}
    assert scoring.follow_ups(net, "f", as_of=date(2026, 10, 21)) == []


def test_rooms_lists_and_groups_are_not_people() -> None:
    text = _cal(
        [
            "UID:g",
            "DTSTART:20261020T080000Z",
            "DTEND:20261020T090000Z",
            "SUMMARY:Board",
            "ORGANIZER;CN=Conf Room 4B:mailto:c_188abc@resource.calendar.google.com",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@ex.org",
            "ATTENDEE;CN=Dev Mailing List;PARTSTAT=ACCEPTED:mailto:dev@python.org",
            "ATTENDEE;CN=Python Announce;PARTSTAT=ACCEPTED:mailto:python-announce-list@python.org",
            "ATTENDEE;CUTYPE=GROUP;CN=Eng;PARTSTAT=ACCEPTED:mailto:eng@ex.org",
        ]
    )
    net = _net(text, create_missing=True)
    assert set(net.contacts) == {"marta", "tom", "omar"}


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param("José Núñez", id="nfc"),
        pytest.param(unicodedata.normalize("NFD", "José Núñez"), id="nfd"),
        pytest.param(" josé  núñez ", id="case-space"),
    ],
)
def test_me_by_name_without_email_is_never_created(variant: str) -> None:
    text = _cal(
        [
            "UID:nm",
            "DTSTART:20261020T120000Z",
            "DTEND:20261020T130000Z",
            "SUMMARY:Sync",
            "ORGANIZER;CN=Tom:mailto:tom@ex.org",
            f"ATTENDEE;CN={variant};PARTSTAT=ACCEPTED:urn:x-none",
        ]
    )
    net = Network(me=Me(emails=("jose@work.example",), names=("José Núñez",)))
    net.add_contacts([Contact(uid="tom", emails=[Email(address="tom@ex.org")])])
    net.add_events(ical.loads(text), create_missing=True)
    assert set(net.contacts) == {"tom"}


@pytest.mark.parametrize(
    "cn",
    ["Anna Schmidt (she/her)", "Schmidt, Anna (ACME GmbH)", "Anna Schmidt [EXT]"],
)
def test_known_contact_with_decorated_display_name_is_met(cn: str) -> None:
    text = _cal(
        [
            "UID:m",
            "DTSTART:20261020T080000Z",
            "DTEND:20261020T090000Z",
            "SUMMARY:Sync",
            "ORGANIZER:mailto:sam@ex.org",
            f'ATTENDEE;PARTSTAT=ACCEPTED;CN="{cn}":mailto:anna@acme.example',
        ]
    )
    net = Network(me=Me(emails=(ME,)))
    net.add_contacts([Contact(uid="anna", emails=[Email(address="anna@acme.example")])])
    net.add_events(ical.loads(text))
    assert _seen(net) == [(("anna",), "meeting", "mutual")]


def test_me_with_a_newline_is_a_one_line_cli_error(book: Path) -> None:
    r = _cli(["health", str(book), "--as-of", "2026-11-04", "--me", "a@b.c\r\nx"])
    _clean_failure(r)
    assert "pydantic" not in r.output
    assert len(r.output.strip().splitlines()) <= 2, r.output


# ---------------------------------------------------------------------- (c) mail

_ADA = b"From: Ada <ada@ex.org>\nTo: me@ex.org\nMessage-ID: <1@x>\n"
_DATE = b"Date: Mon, 2 Nov 2026 10:00:00 +0000\n"

HOSTILE = {
    "no-date": _ADA + b"\nbody\n",
    "year-9999-west": _ADA + b"Date: Fri, 31 Dec 9999 23:59:59 -1200\n\n",
    "tz-9999": _ADA + b"Date: Mon, 2 Nov 2026 10:00:00 +9999\n\n",
    "broken-encoded-word": b"From: =?utf-8?q?Ada=ZZ?= <ada@ex.org>\nTo: me@ex.org\n"
    b"Subject: =?bogus?b?!!!?=\nMessage-ID: <1@x>\n" + _DATE + b"\n",
    "nul": b"From: Ada\x00 <ada@ex.org>\nTo: me@ex.org\x00\nMessage-ID: <1\x00@x>\n"
    + _DATE
    + b"\n",
    "crlf": (_ADA + _DATE + b"\nhi\n").replace(b"\n", b"\r\n"),
    "utf16": (_ADA + _DATE + b"\n").decode().encode("utf-16"),
    "1mb-header": _ADA + b"Subject: " + b"x" * 1_000_000 + b"\n" + _DATE + b"\n",
    "nested-rfc822": _ADA + _DATE + b"Content-Type: message/rfc822\n\n"
    b"From: Bob <bob@ex.org>\nTo: me@ex.org\nMessage-ID: <2@x>\n" + _DATE + b"\n",
    "10k-recipients": b"From: me@ex.org\nTo: "
    + b", ".join(b"p%d@ex.org" % i for i in range(10_000))
    + b", ada@ex.org\nMessage-ID: <1@x>\n"
    + _DATE
    + b"\n",
    "from-line-in-body": b"From ada@ex.org Mon Nov  2 10:00:00 2026\n" + _ADA + _DATE + b"\n"
    b"line\nFrom here on\n\nFrom the start\nmore\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_mail_never_crashes(name: str) -> None:
    read = _mail(HOSTILE[name])
    assert len(read.interactions) <= 1
    for it in read.interactions:
        assert it.contact_uids == ("ada",)


def test_mail_date_year_0001_is_not_read_as_2001() -> None:
    read = _mail(_ADA + b"Date: Mon, 1 Jan 0001 00:00:00 +0000\n\n")
    assert all(i.at.year != 2001 for i in read.interactions), read.interactions


def test_bulk_list_noreply_are_not_interactions() -> None:
    for extra in (
        b"List-Id: <dev.ex.org>\n",
        b"Precedence: BULK\n",
        b"Auto-Submitted: auto-replied\n",
        b"List-Unsubscribe: <mailto:u@ex.org>\n",
    ):
        assert _mail(_ADA + extra + _DATE + b"\n").interactions == ()
    noreply = b"From: No Reply <No-Reply@ex.org>\nTo: me@ex.org\nMessage-ID: <1@x>\n"
    assert _mail(noreply + _DATE + b"\n").interactions == ()


def test_thread_counts_once_per_day_per_person() -> None:
    msgs = b"".join(
        b"From ada@ex.org Mon Nov  2 1%d:00:00 2026\nFrom: ada@ex.org\nTo: me@ex.org\n"
        b"Message-ID: <t%d@x>\nReferences: <t0@x>\nDate: Mon, 2 Nov 2026 1%d:00:00 +0000\n\n"
        b"hi\n\n" % (i, i, i)
        for i in range(1, 6)
    )
    assert len(_mail(msgs).interactions) == 1


def test_my_answer_to_their_message_is_not_an_unanswered_attempt(tmp_path: Path) -> None:
    # Ada writes, I answer: the ball is in her court, but I did not "reach out" and
    # get no reply; health should not report an unanswered attempt of mine.
    (tmp_path / "in.mbox").write_bytes(
        b"From ada@ex.org Mon Nov  2 10:00:00 2026\nFrom: Ada <ada@ex.org>\nTo: me@ex.org\n"
        b"Message-ID: <a1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nquestion\n\n"
    )
    (tmp_path / "sent.mbox").write_bytes(
        b"From me@ex.org Tue Nov  3 10:00:00 2026\nFrom: me@ex.org\nTo: ada@ex.org\n"
        b"Message-ID: <m1@x>\nIn-Reply-To: <a1@x>\nDate: Tue, 3 Nov 2026 10:00:00 +0000\n\n"
        b"answer\n\n"
    )
    read = mail.read_interactions(
        tmp_path, me_emails=["me@ex.org"], contacts_lookup={"ada@ex.org": "ada"}.get
    )
    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts([Contact(uid="ada", emails=[Email(address="ada@ex.org")])])
    mail.log_into(net, read)
    h = scoring.health(net, "ada", as_of=AS_OF)
    assert not any("answered 0 of your" in r for r in h.reasons), h.reasons
    assert h.components["responsiveness"] >= 0.5


def test_replies_matched_across_files_in_one_read(tmp_path: Path) -> None:
    (tmp_path / "sent.mbox").write_bytes(
        b"From me@ex.org Mon Nov  2 10:00:00 2026\nFrom: me@ex.org\nTo: ada@ex.org\n"
        b"Message-ID: <m1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhello\n\n"
    )
    (tmp_path / "in.mbox").write_bytes(
        b"From ada@ex.org Tue Nov  3 10:00:00 2026\nFrom: Ada <ada@ex.org>\nTo: me@ex.org\n"
        b"Message-ID: <a1@x>\nIn-Reply-To: <m1@x>\nDate: Tue, 3 Nov 2026 10:00:00 +0000\n\nhi\n\n"
    )
    read = mail.read_interactions(
        tmp_path, me_emails=["me@ex.org"], contacts_lookup={"ada@ex.org": "ada"}.get
    )
    out = [i for i in read.interactions if i.direction is Direction.OUTBOUND]
    assert [i.replied for i in out] == [True]


def _mbox_store(tmp_path: Path, book: Path) -> tuple[Path, Path]:
    db = tmp_path / "s.db"
    assert _cli(["import", str(book / "c.vcf"), "--db", str(db), "-q"]).exit_code == 0
    box = tmp_path / "in.mbox"
    box.write_bytes(
        b"From ada@ex.org Mon Nov  2 10:00:00 2026\nFrom: Ada <ada@ex.org>\nTo: me@ex.org\n"
        b"Message-ID: <a1@x>\nSubject: Intro?\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\n"
        b"BODY-SECRET-4711 please answer\n\n"
    )
    return db, box


def test_mail_import_twice_adds_nothing_and_stores_no_body(tmp_path: Path, book: Path) -> None:
    db, box = _mbox_store(tmp_path, book)
    r1 = _cli(["mail", str(box), "--db", str(db), "--me", "me@ex.org"])
    assert r1.exit_code == 0, r1.output
    assert "1 new interactions" in r1.output
    r2 = _cli(["mail", str(box), "--db", str(db), "--me", "me@ex.org"])
    assert r2.exit_code == 0, r2.output
    assert "0 new interactions" in r2.output
    assert b"BODY-SECRET-4711" not in db.read_bytes()
    w = _cli(["waiting", "--db", str(db), "--me", "me@ex.org", "--as-of", "2026-11-05", "-q"])
    assert w.exit_code == 0
    assert "Ada Lovelace" in w.output
    assert "Intro?" in w.output


def test_reply_in_a_later_import_marks_my_stored_outreach_answered(
    tmp_path: Path, book: Path
) -> None:
    db = tmp_path / "s.db"
    assert _cli(["import", str(book / "c.vcf"), "--db", str(db), "-q"]).exit_code == 0
    sent = tmp_path / "sent.mbox"
    sent.write_bytes(
        b"From me@ex.org Mon Nov  2 10:00:00 2026\nFrom: Me <ME@EX.ORG>\nTo: ada@ex.org\n"
        b"Message-ID: <m1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhello\n\n"
    )
    reply = tmp_path / "reply.mbox"
    reply.write_bytes(
        b"From ada@ex.org Tue Nov  3 10:00:00 2026\nFrom: Ada <ada@ex.org>\nTo: me@ex.org\n"
        b"Message-ID: <a1@x>\nReferences: <zz@x> <m1@x>\n"
        b"Date: Tue, 3 Nov 2026 10:00:00 +0000\n\nhi\n\n"
    )
    for box in (sent, reply):
        r = _cli(["mail", str(box), "--db", str(db), "--me", "me@ex.org", "-q"])
        assert r.exit_code == 0, r.output
    r = _cli(
        ["health", "--db", str(db), "--me", "me@ex.org", "--as-of", "2026-11-05", "-f", "json"]
    )
    assert r.exit_code == 0, r.output
    assert "answered 0 of your 1" not in r.output
    assert "answered 1 of your 1" in r.output


def test_mail_to_lists_and_groups_creates_no_people() -> None:
    raw = (
        b"From: me@ex.org\nTo: Python Dev <python-dev@lists.python.org>, "
        b"Eng Team <team@company.example>, Group <x@googlegroups.com>\n"
        b"Message-ID: <1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\n"
    )
    read = mail.read_interactions(
        io.BytesIO(raw),
        me_emails=["me@ex.org"],
        contacts_lookup=lambda _address: None,
        create_missing=True,
    )
    assert read.new_contacts == () or list(read.new_contacts) == []
    assert read.interactions == ()


def _mail_net(raw: bytes) -> Network:
    read = _mail(raw)
    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts([Contact(uid="ada", emails=[Email(address="ada@ex.org")])])
    mail.log_into(net, read)
    return net


_BLAST = (
    b"From: Ada <ada@ex.org>\nTo: "
    + b", ".join(b"p%d@ex.org" % i for i in range(60))
    + b"\nCc: me@ex.org\nSubject: Our office moves\nMessage-ID: <1@x>\n"
    + _DATE
    + b"\n"
)


def test_mail_to_sixty_people_weighs_less_than_one_to_one() -> None:
    one = scoring.health(_mail_net(_ADA + _DATE + b"\n"), "ada", as_of=AS_OF)
    blast = scoring.health(_mail_net(_BLAST), "ada", as_of=AS_OF)
    assert blast.components["intensity"] < one.components["intensity"]
    assert blast.score < one.score


def test_announcement_to_sixty_people_is_not_waiting_on_me() -> None:
    assert scoring.waiting(_mail_net(_BLAST), as_of=AS_OF) == []


def test_one_to_one_mail_is_waiting_on_me() -> None:
    (w,) = scoring.waiting(_mail_net(_ADA + _DATE + b"\n"), as_of=AS_OF)
    assert w.uid == "ada"


def test_maildir_with_junk_files_reads_the_rest(tmp_path: Path) -> None:
    md = tmp_path / "md"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "cur" / "1.eml").write_bytes(_ADA + _DATE + b"\nbody\n")
    (md / "cur" / "junk").write_bytes(bytes(range(256)) * 20)
    (md / "new" / "empty").write_bytes(b"")
    (md / "cur" / "subdir").mkdir()
    read = mail.read_interactions(
        md, me_emails=["me@ex.org"], contacts_lookup={"ada@ex.org": "ada"}.get
    )
    assert len(read.interactions) == 1


def test_maildir_with_a_dangling_entry_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    md = tmp_path / "md"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "cur" / "1.eml").write_bytes(_ADA + _DATE + b"\nbody\n")
    (md / "cur" / "gone").symlink_to(tmp_path / "nonexistent")
    read = mail.read_interactions(
        md, me_emails=["me@ex.org"], contacts_lookup={"ada@ex.org": "ada"}.get
    )
    assert len(read.interactions) == 1
    assert read.issues


def test_cli_maildir_with_a_dangling_entry_is_not_a_usage_error(tmp_path: Path, book: Path) -> None:
    md = tmp_path / "md"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "cur" / "1.eml").write_bytes(_ADA + _DATE + b"\nbody\n")
    (md / "cur" / "gone").symlink_to(tmp_path / "nonexistent")
    r = _cli(["mail", str(md), "--contacts", str(book), "--me", "me@ex.org"])
    assert r.exit_code == 0, r.output


# ------------------------------------------------------- (c) the days ahead, birthdays


def test_birthdays_29_feb_wrap_and_yearless() -> None:
    net = Network()
    net.add_contacts(
        [
            Contact(uid="leap", birthday=date(2000, 2, 29)),
            Contact(uid="jan", birthday=PartialDate(month=1, day=1)),
            Contact(uid="dec", birthday=PartialDate(month=12, day=31)),
        ]
    )
    got = scoring.birthdays(net, as_of=date(2026, 12, 31), within_days=1)
    assert [(b.uid, b.on) for b in got] == [("dec", date(2026, 12, 31)), ("jan", date(2027, 1, 1))]
    (leap,) = scoring.birthdays(net, as_of=date(2027, 2, 28), within_days=0)
    assert leap.on == date(2027, 2, 28)
    assert leap.turning == 27
    (leap,) = scoring.birthdays(net, as_of=date(2028, 2, 28), within_days=1)
    assert leap.on == date(2028, 2, 29)


def test_birthdays_ics_has_no_injected_lines(book: Path) -> None:
    evil = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:evil\r\n"
        "FN:Eve\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\nSUMMARY:pwn\r\nBDAY:--1231\r\nEND:VCARD\r\n"
    )
    (book / "evil.vcf").write_text(evil, newline="")
    r = _cli(["birthdays", str(book), "--as-of", "2026-12-30", "--within", "5", "--ics", "-", "-q"])
    assert r.exit_code == 0, r.output
    lines = r.output.replace("\r\n", "\n").split("\n")
    assert "SUMMARY:pwn" not in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2


def test_due_ics_has_no_injected_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETCORE_DB", str(tmp_path / "none.db"))
    (tmp_path / "c.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:evil\r\n"
        "FN:Eve\\nEND:VTODO\\r\\nBEGIN:VTODO\\nSUMMARY:pwn\r\nEMAIL:eve@ex.org\r\n"
        "X-NETCORE-CADENCE-DAYS:7\r\nEND:VCARD\r\n",
        newline="",
    )
    (tmp_path / "interactions.csv").write_text(
        'date,contact,kind,direction,note\n2026-01-01,eve@ex.org,call,inbound,"x\r\nEND:VTODO"\n',
        newline="",
    )
    r = _cli(["due", str(tmp_path), "--as-of", "2026-11-04", "--ics", "-", "-q", "--me", ME])
    assert r.exit_code == 0, r.output
    lines = r.output.replace("\r\n", "\n").split("\n")
    assert "SUMMARY:pwn" not in lines
    assert lines.count("BEGIN:VTODO") == lines.count("END:VTODO") == 1


def test_mail_uses_the_me_saved_in_the_store(tmp_path: Path, book: Path) -> None:
    from netcore.store import Store

    db, box = _mbox_store(tmp_path, book)
    store = Store.open(db)
    store.set_me(Me(emails=("me@ex.org",)))
    store.close()
    r = _cli(["mail", str(box), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "1 new interactions" in r.output


def test_due_within_lists_who_becomes_due_soon() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=30)])
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 10, 10, 10),
        )
    )
    assert scoring.due(net, as_of=AS_OF).nudges == ()
    got = scoring.due_within(net, as_of=AS_OF, within_days=7).nudges
    assert [(n.uid, n.due_on) for n in got] == [("ada", date(2026, 11, 9))]
    assert scoring.due_within(net, as_of=AS_OF, within_days=4).nudges == ()


# ------------------------------------------------------------- (d) pydantic results


def test_results_round_trip_and_have_schemas() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=7)])
    net.log(
        Interaction(
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 9, 1, 10),
        )
    )
    for obj in (
        scoring.rank(net, as_of=AS_OF)[0],
        scoring.due(net, as_of=AS_OF),
        scoring.balance(net, "ada", as_of=AS_OF),
    ):
        again = type(obj).model_validate_json(obj.model_dump_json())
        assert again == obj
        assert type(obj).model_json_schema(mode="serialization")["type"] == "object"
    with pytest.raises(pydantic.ValidationError):  # frozen
        scoring.rank(net, as_of=AS_OF)[0].score = 1  # type: ignore[misc]


def test_schema_results_lists_every_result() -> None:
    r = _cli(["schema", "--results"])
    assert r.exit_code == 0
    for name in ("Health", "Nudge", "DueList", "Balance", "FollowUp", "Waiting", "Birthday"):
        assert f'"{name}"' in r.output, name


def test_fastapi_example_rejects_a_negative_limit_cleanly() -> None:
    pytest.importorskip("fastapi")
    import asyncio
    import sys

    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
    try:
        import fastapi_app
    finally:
        sys.path.pop(0)
    api = fastapi_app.create_app(fastapi_app.load_network())

    async def status(url: str) -> int:
        transport = httpx.ASGITransport(app=api, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return (await client.get(url)).status_code

    assert asyncio.run(status("/health?limit=2")) == 200
    assert asyncio.run(status("/due?limit=-1")) in (400, 422)


# ------------------------------------------------------------------ (e) extremes


def _small_net() -> Network:
    net = Network(me=Me(emails=("me@ex.org",)))
    net.add_contacts([Contact(uid="a", cadence_days=30, birthday=PartialDate(month=1, day=1))])
    net.log(
        Interaction(
            contact_uids=("a",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 1, 1, 10),
        )
    )
    return net


@pytest.mark.parametrize("as_of", [date(1, 1, 1), date(9999, 12, 30)])
def test_extreme_as_of_is_served(as_of: date) -> None:
    net = _small_net()
    scoring.rank(net, as_of=as_of)
    scoring.due(net, as_of=as_of)
    scoring.waiting(net, as_of=as_of)


@pytest.mark.parametrize("call", ["rank", "due", "waiting", "tiers"])
def test_as_of_9999_12_31_is_served_or_a_typed_error(call: str) -> None:
    net = _small_net()
    with contextlib.suppress(NetcoreError):
        getattr(scoring, call)(net, as_of=date(9999, 12, 31))


def test_birthdays_at_the_end_of_time_is_served_or_a_typed_error() -> None:
    with contextlib.suppress(NetcoreError):
        scoring.birthdays(_small_net(), as_of=date(9999, 12, 20), within_days=30)


def test_due_within_enormous_is_served_or_a_typed_error() -> None:
    with contextlib.suppress(NetcoreError, ValueError):
        scoring.due_within(_small_net(), as_of=AS_OF, within_days=10**12)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["health", "--as-of", "9999-12-31"], id="health"),
        pytest.param(["due", "--as-of", "9999-12-31"], id="due"),
        pytest.param(["waiting", "--as-of", "9999-12-31"], id="waiting"),
        pytest.param(["birthdays", "--as-of", "9999-12-20", "--within", "30"], id="birthdays"),
        pytest.param(["due", "--as-of", "2026-01-01", "--within", "99999999999"], id="due-within"),
        pytest.param(["health", "--as-of", "0001-01-01"], id="health-0001"),
        pytest.param(["due", "--as-of", "0002-01-05", "--within", "7"], id="due-0002"),
        pytest.param(["health", "--as-of", "0005-01-01"], id="health-0005"),
    ],
)
def test_cli_extremes_never_traceback(book: Path, args: list[str]) -> None:
    r = _cli([args[0], str(book), *args[1:], "-q", "--me", "me@ex.org"])
    if r.exit_code != 0:
        _clean_failure(r)


def test_empty_and_one_contact_networks() -> None:
    empty = Network()
    assert scoring.rank(empty, as_of=AS_OF) == []
    assert scoring.due(empty, as_of=AS_OF).nudges == ()
    assert scoring.waiting(empty, as_of=AS_OF) == []
    assert scoring.birthdays(empty, as_of=AS_OF) == []
    one = Network()
    one.add_contacts([Contact(uid="a", cadence_days=36500)])
    (h,) = scoring.rank(one, as_of=AS_OF)
    assert h.score == pytest.approx(10.0)


def test_enormous_cadence_is_not_due() -> None:
    net = Network()
    net.add_contacts([Contact(uid="a", cadence_days=36500)])
    net.log(
        Interaction(
            contact_uids=("a",),
            kind=InteractionKind.CALL,
            direction=Direction.INBOUND,
            at=_at(2026, 1, 1, 10),
        )
    )
    assert scoring.due(net, as_of=AS_OF).nudges == ()
    assert scoring.health(net, "a", as_of=AS_OF).reasons[0].startswith("last two-way contact")


# ---------------------------------------------------------------------- cost


@pytest.mark.slow
def test_mail_thread_reading_is_linear() -> None:
    from _complexity import assert_linear

    def make(n: int) -> bytes:
        out = []
        for i in range(n):
            sender = b"me@ex.org" if i % 2 else b"ada@ex.org"
            to = b"ada@ex.org" if i % 2 else b"me@ex.org"
            out.append(
                b"From x Mon Nov  2 10:00:00 2026\nFrom: %s\nTo: %s\nMessage-ID: <m%d@x>\n"
                b"In-Reply-To: <m%d@x>\nReferences: <m0@x>\n"
                b"Date: Mon, 2 Nov 2026 10:00:00 +0000\n\nbody\n\n" % (sender, to, i, i - 1)
            )
        return b"".join(out)

    assert_linear(make, lambda raw: _mail(raw), 400, what="messages in one thread")


@pytest.mark.slow
def test_waiting_is_linear_in_inbound_messages() -> None:
    from _complexity import assert_linear

    def make(n: int) -> Network:
        net = Network()
        net.add_contacts([Contact(uid="ada")])
        net.log_many(
            Interaction(
                contact_uids=("ada",),
                kind=InteractionKind.EMAIL,
                direction=Direction.INBOUND,
                at=_at(2026, 10, 1, 10) + timedelta(minutes=i),
                replied=False,
            )
            for i in range(n)
        )
        return net

    # waiting sorts the interactions (n log n): more runs per size keep the ratio stable.
    assert_linear(
        make,
        lambda net: scoring.waiting(net, as_of=AS_OF),
        16_000,  # at 4000 the small run took 3 ms: too little, x15 under load
        what="inbound messages",
        repeat=5,
    )
