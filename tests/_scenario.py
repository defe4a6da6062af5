"""A realistic network with a user's judgements about it (issue 12).

Sam Carter's address book, a Google and an Outlook calendar, and a few logged emails, as
of Wednesday 4 November 2026 (end of day, UTC). Written before the scoring changes of
issue 12, together with the judgements in ``JUDGEMENTS``: what Sam says should hold. The
scenario tests (tests/scoring/test_scoring_scenario.py) check every judgement.

People (uid: who, and why they are in the fixture):

- lena: my manager; a weekly Tuesday one-to-one on Google Meet that she organises; one
  occurrence moved (13 Oct to Thursday 15 Oct), one skipped (27 Oct, STATUS:CANCELLED).
- priya: a client at Globex; monthly emails for a year, a 90-minute review meeting I
  organised on 30 Sep, and a call she set up 14 days ago (21 Oct, location ``tel:``).
- daniel: Priya's colleague at the review meeting.
- marta: a 90-minute one-to-one lunch on 20 Oct (my invitation), after her email.
- tom: one of 40 attendees of the 2-day PyData Berlin conference (14-15 Oct); we never
  spoke otherwise.
- chloe: weekly emails both ways since March, silent since the conference 3 weeks ago.
- ben: an old colleague; two-way emails every two months for two years, last 45 days ago.
- amira: my mentor; a lunch every quarter, the last 84 days ago.
- julia: a partner (Outlook, Microsoft Teams): sends me a "Partner sync" invitation every
  two weeks; I accept.
- kai, nina: co-invitees on Julia's invitations; Kai answers TENTATIVE, Nina never
  answers. Kai and I last wrote to each other in July.
- leo: I invited him to a coffee on 30 Oct; he has not answered (NEEDS-ACTION). I keep a
  30-day cadence with him.
- hannah: a friend; we met every two months until June; dinner booked on 11 Nov.
- felix: organises the architecture guild; I declined his 29 Oct invitation. We last met
  on 5 May.
- omar: monthly calls until 20 Aug; the Q4 planning I set up for 28 Oct was cancelled.
- greta: my sister (category ``family``); calls every two weeks, the last 10 days ago.
- sofia: met at the Berlin Python Meetup (organised by a mailing list) on 22 Oct.
- eleven address-book contacts never met, and 34 conference attendees the calendar
  names who are not in the address book (``create_missing=True`` makes them contacts).

Not people: "PyData Berlin" (info@ address, the conference organiser), the "Berlin Python
Meetup" mailing list, the Google group "Engineering team", and the room "Spree (10)".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from netcore import Contact, Direction, Email, Interaction, InteractionKind, Me, Network
from netcore.model.event import Attendee, AttendeeStatus, Event, EventKind, EventStatus

AS_OF = date(2026, 11, 4)
BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")

ME_EMAILS = ("sam.carter@acme.example", "sam@carter.example")
ME_NAME = "Sam Carter"

ACCEPTED = AttendeeStatus.ACCEPTED
DECLINED = AttendeeStatus.DECLINED
TENTATIVE = AttendeeStatus.TENTATIVE
NEEDS_ACTION = AttendeeStatus.NEEDS_ACTION


def berlin(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """A wall-clock time in Berlin."""
    return datetime(y, m, d, hh, mm, tzinfo=BERLIN)


def _person(uid: str, name: str, email: str, **extra: object) -> Contact:
    return Contact(
        uid=uid,
        formatted_name=name,
        emails=(Email(address=email),),
        **extra,  # type: ignore[arg-type]
    )


CONTACTS: tuple[Contact, ...] = (
    _person("lena", "Lena Hoffmann", "lena.hoffmann@acme.example"),
    _person("priya", "Priya Raman", "priya.raman@globex.example"),
    _person("daniel", "Daniel Cho", "daniel.cho@globex.example"),
    _person("marta", "Marta Silva", "marta.silva@gmail.example"),
    _person("tom", "Tom Becker", "tom.becker@datalab.example"),
    _person("chloe", "Chloe Dubois", "chloe@dubois.example"),
    _person("ben", "Ben Ortiz", "ben.ortiz@fastmail.example"),
    _person("amira", "Amira Nasser", "amira@nasser-consulting.example"),
    _person("julia", "Julia Weber", "julia.weber@contoso.example"),
    _person("kai", "Kai Neumann", "kai.neumann@contoso.example"),
    _person("nina", "Nina Park", "nina.park@contoso.example"),
    _person("leo", "Leo Brandt", "leo@brandt.example", cadence_days=30),
    _person("hannah", "Hannah Klein", "hannah.klein@posteo.example"),
    _person("felix", "Felix Wagner", "felix.wagner@acme.example"),
    _person("omar", "Omar Haddad", "omar.haddad@initech.example"),
    _person("greta", "Greta Carter", "greta.carter@web.example", categories=("family",)),
    _person("sofia", "Sofia Rossi", "sofia.rossi@outlook.example"),
    # The address book also holds people not met in the last years.
    _person("ines", "Ines Moreau", "ines.moreau@orange.example"),
    _person("jonas", "Jonas Richter", "jonas.richter@gmx.example"),
    _person("yuki", "Yuki Tanaka", "yuki.tanaka@example.jp"),
    _person("pablo", "Pablo García", "pablo.garcia@telefonica.example"),
    _person("olga", "Olga Ivanova", "olga.ivanova@yandex.example"),
    _person("samir", "Samir Khan", "samir.khan@hotmail.example"),
    _person("lucy", "Lucy Brown", "lucy.brown@btinternet.example"),
    _person("mateo", "Mateo Rossi", "mateo.rossi@libero.example"),
    _person("zoe", "Zoë Martin", "zoe.martin@free.example"),
    _person("erik", "Erik Lund", "erik.lund@telia.example"),
    _person("anna", "Anna Kowalska", "anna.kowalska@wp.example"),
)

_CONFERENCE_STRANGERS = (
    "Aaron Fischer", "Bianca Lopez", "Carl Jensen", "Dana Levi", "Eli Novak", "Fatima Zahra",
    "Georg Huber", "Hana Sato", "Igor Petrov", "Jana Svoboda", "Karim Aziz", "Lara Costa",
    "Milan Horvat", "Noor Ahmed", "Oskar Berg", "Paula Meyer", "Quentin Roux", "Rosa Vidal",
    "Stefan Wolf", "Tara Singh", "Uwe Krause", "Vera Nilsson", "Wen Li", "Xavier Dupont",
    "Yara Haddad", "Zeynep Kaya", "Anton Weiss", "Birgit Lang", "Cem Yilmaz", "Dora Kiss",
    "Emil Sauer", "Frida Holm", "Gustav Ek", "Helga Brandt",
)  # fmt: skip


def _email_of(name: str) -> str:
    first, last = name.lower().split(" ", 1)
    return f"{first}.{last.replace(' ', '')}@attendee.example"


def _me(status: AttendeeStatus = ACCEPTED) -> Attendee:
    return Attendee(email=ME_EMAILS[0], name=ME_NAME, status=status)


def _me_organizer() -> Attendee:
    # Google writes the organiser as a bare mailto with the account's name.
    return Attendee(email=ME_EMAILS[0], name=ME_NAME)


def _att(uid: str, status: AttendeeStatus = ACCEPTED) -> Attendee:
    c = next(c for c in CONTACTS if c.uid == uid)
    return Attendee(email=c.emails[0].address, name=c.formatted_name, status=status)


def _outlook(uid: str, status: AttendeeStatus = ACCEPTED) -> Attendee:
    # Outlook writes "Last, First" and MAILTO addresses in their original case.
    c = next(c for c in CONTACTS if c.uid == uid)
    first, last = c.formatted_name.split(" ", 1)
    email = ".".join(p.capitalize() for p in c.emails[0].address.split("@")[0].split("."))
    domain = c.emails[0].address.split("@")[1].capitalize()
    return Attendee(email=f"{email}@{domain}", name=f"{last}, {first}", status=status)


ROOM = Attendee(
    email="c_1889f0b2e8aa4c1d@resource.calendar.google.com",
    name="Berlin-3-Spree (10)",
    cutype="RESOURCE",
    status=ACCEPTED,
)
ENG_GROUP = Attendee(email="eng-team@acme.example", name="Engineering team", cutype="GROUP")
PYDATA = Attendee(email="info@pydata-berlin.example", name="PyData Berlin")
MEETUP_LIST = Attendee(email="python-berlin@lists.example", name="Berlin Python Meetup")


def _one_to_ones() -> list[Event]:
    """Lena's weekly Tuesday one-to-one (Google Meet): Jan 2026 to 17 Nov (two booked)."""
    events = []
    day = date(2026, 1, 6)
    while day <= date(2026, 11, 17):
        start = berlin(day.year, day.month, day.day, 10)
        status = EventStatus.CONFIRMED
        if day == date(2026, 10, 13):  # moved to Thursday afternoon
            start = berlin(2026, 10, 15, 14)
        if day == date(2026, 10, 27):  # skipped: Lena was ill
            status = EventStatus.CANCELLED
        events.append(
            Event(
                uid="1on1-lena-7f3a@google.com",
                title="Sam / Lena 1:1",
                start=start,
                end=start + timedelta(minutes=30),
                location="https://meet.google.com/qwe-rtyu-iop",
                organizer=Attendee(email="lena.hoffmann@acme.example", name="Lena Hoffmann"),
                attendees=(_att("lena"), _me()),
                kind=EventKind.MEETING,
                status=status,
            )
        )
        day += timedelta(days=7)
    return events


def _conference() -> Event:
    strangers = tuple(
        Attendee(email=_email_of(n), name=n, status=ACCEPTED) for n in _CONFERENCE_STRANGERS
    )
    attendees = (_me(), _att("tom"), _att("chloe"), *strangers, _att("sofia", NEEDS_ACTION))
    assert len(attendees) == 38
    attendees += (
        Attendee(email="speaker-desk@pydata-berlin.example", name="Speaker desk"),
        Attendee(email="volunteers@pydata-berlin.example", name="PyData Volunteers"),
    )
    return Event(
        uid="pydata-berlin-2026@pydata-berlin.example",
        title="PyData Berlin 2026",
        start=berlin(2026, 10, 14, 9),
        end=berlin(2026, 10, 15, 18),
        location="bcc Berlin Congress Center, Alexanderstraße 11, Berlin",
        organizer=PYDATA,
        attendees=attendees,
        kind=EventKind.CONFERENCE,
    )


def _partner_syncs() -> list[Event]:
    """Julia's Outlook invitations; Kai tentative, Nina never answers."""
    events = []
    for d in (date(2026, 10, 7), date(2026, 10, 21), date(2026, 11, 2)):
        start = datetime(d.year, d.month, d.day, 15, tzinfo=BERLIN)
        events.append(
            Event(
                uid=f"040000008200E00074C5B7101A82E0080000000{d.day:02d}A1B2C3D4",
                title="Partner sync",
                start=start,
                end=start + timedelta(minutes=45),
                location="Microsoft Teams Meeting",
                description="Microsoft Teams meeting\nJoin on your computer: "
                "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc",
                organizer=_outlook("julia"),
                attendees=(
                    _me(),
                    _outlook("kai", TENTATIVE),
                    _outlook("nina", NEEDS_ACTION),
                ),
                kind=EventKind.MEETING,
            )
        )
    return events


def _other_events() -> list[Event]:
    return [
        Event(  # I organised the quarterly review at Globex, in person
            uid="globex-review-q3@google.com",
            title="Globex Q3 review",
            start=datetime(2026, 9, 30, 14, tzinfo=LONDON),
            end=datetime(2026, 9, 30, 15, 30, tzinfo=LONDON),
            location="Globex House, 1 Canada Square, London",
            organizer=_me_organizer(),
            attendees=(_me(), _att("priya"), _att("daniel"), ROOM),
            kind=EventKind.MEETING,
        ),
        Event(  # Priya's call, 14 days before as_of
            uid="globex-call-1021@google.com",
            title="Globex rollout: call",
            start=datetime(2026, 10, 21, 11, tzinfo=LONDON),
            end=datetime(2026, 10, 21, 11, 30, tzinfo=LONDON),
            location="tel:+44-20-7946-0018",
            organizer=Attendee(email="priya.raman@globex.example", name="Priya Raman"),
            attendees=(_att("priya"), _me()),
            kind=EventKind.MEETING,
        ),
        Event(  # a one-to-one lunch I proposed
            uid="lunch-marta@google.com",
            title="Lunch with Marta",
            start=berlin(2026, 10, 20, 12, 30),
            end=berlin(2026, 10, 20, 14),
            location="Café Einstein, Kurfürstenstraße 58, Berlin",
            organizer=_me_organizer(),
            attendees=(_me(), _att("marta")),
            kind=EventKind.MEETING,
        ),
        Event(  # my coffee invitation, unanswered
            uid="coffee-leo@google.com",
            title="Coffee?",
            start=berlin(2026, 10, 30, 9),
            end=berlin(2026, 10, 30, 9, 45),
            location="Bonanza Coffee, Oderberger Str. 35",
            organizer=_me_organizer(),
            attendees=(_me(), _att("leo", NEEDS_ACTION)),
            kind=EventKind.MEETING,
        ),
        Event(  # booked: dinner with Hannah next week
            uid="dinner-hannah@google.com",
            title="Dinner",
            start=berlin(2026, 11, 11, 19),
            end=berlin(2026, 11, 11, 21, 30),
            location="Lokal, Linienstraße 160",
            organizer=Attendee(email="hannah.klein@posteo.example", name="Hannah Klein"),
            attendees=(_att("hannah"), _me()),
            kind=EventKind.SOCIAL,
        ),
        Event(  # Felix's guild: I declined
            uid="arch-guild-1029@google.com",
            title="Architecture guild",
            start=berlin(2026, 10, 29, 16),
            end=berlin(2026, 10, 29, 17),
            location="https://meet.google.com/abc-defg-hij",
            organizer=Attendee(email="felix.wagner@acme.example", name="Felix Wagner"),
            attendees=(_att("felix"), _me(DECLINED), ENG_GROUP, ROOM),
            kind=EventKind.MEETING,
        ),
        Event(  # my Q4 planning with Omar, cancelled
            uid="q4-planning-omar@google.com",
            title="Q4 planning",
            start=berlin(2026, 10, 28, 11),
            end=berlin(2026, 10, 28, 12),
            location="https://zoom.us/j/95512345678",
            organizer=_me_organizer(),
            attendees=(_me(), _att("omar")),
            kind=EventKind.MEETING,
            status=EventStatus.CANCELLED,
        ),
        Event(  # a meetup run by a mailing list
            uid="meetup-2026-10@lists.example",
            title="Berlin Python Meetup: October",
            start=berlin(2026, 10, 22, 19),
            end=berlin(2026, 10, 22, 21, 30),
            location="Wayfair, Friedrichstraße 123",
            organizer=MEETUP_LIST,
            attendees=(_me(), _att("sofia")),
            kind=EventKind.MEETUP,
        ),
        Event(  # Felix and I met in May
            uid="felix-may@google.com",
            title="Platform roadmap",
            start=berlin(2026, 5, 5, 11),
            end=berlin(2026, 5, 5, 12),
            location="Berlin-3-Spree (10)",
            organizer=_me_organizer(),
            attendees=(_me(), _att("felix"), ROOM),
            kind=EventKind.MEETING,
        ),
    ]


def _email(
    uid: str, when: datetime, direction: Direction, replied: bool | None = None
) -> Interaction:
    return Interaction(
        at=when,
        contact_uids=(uid,),
        kind=InteractionKind.EMAIL,
        direction=direction,
        replied=replied,
    )


def _logged() -> list[Interaction]:
    """The emails, calls and meetings logged by hand (the mail log and a CRM)."""
    out = Direction.OUTBOUND
    inb = Direction.INBOUND
    items: list[Interaction] = []
    # Priya: monthly threads for a year, alternating who starts
    for i, d in enumerate(
        (
            date(2025, 11, 12), date(2025, 12, 10), date(2026, 1, 15), date(2026, 2, 12),
            date(2026, 3, 20), date(2026, 4, 22), date(2026, 5, 19), date(2026, 6, 25),
            date(2026, 7, 21), date(2026, 8, 26), date(2026, 9, 15), date(2026, 10, 8),
        )
    ):  # fmt: skip
        when = datetime(d.year, d.month, d.day, 9, 30, tzinfo=LONDON)
        items.append(_email("priya", when, out if i % 2 else inb, True if i % 2 else None))
    # Chloe: weekly, both ways, March to the conference
    d = date(2026, 3, 4)
    i = 0
    while d <= date(2026, 10, 7):
        items.append(_email("chloe", berlin(d.year, d.month, d.day, 17), inb if i % 2 else out,
                            None if i % 2 else True))  # fmt: skip
        d += timedelta(days=7)
        i += 1
    # Ben: every two months for two years
    d = date(2024, 11, 18)
    i = 0
    while d <= date(2026, 9, 20):
        items.append(_email("ben", berlin(d.year, d.month, d.day, 20), inb if i % 2 else out,
                            None if i % 2 else True))  # fmt: skip
        d += timedelta(days=61)
        i += 1
    # Amira: quarterly lunches
    for d in (date(2025, 11, 10), date(2026, 2, 11), date(2026, 5, 13), date(2026, 8, 12)):
        items.append(
            Interaction(
                at=berlin(d.year, d.month, d.day, 12, 30),
                contact_uids=("amira",),
                kind=InteractionKind.MEETING,
                duration=timedelta(minutes=75),
            )
        )
    # Kai: a thread in spring and summer
    for d, direction in (
        (date(2026, 4, 14), inb), (date(2026, 4, 15), out), (date(2026, 5, 28), inb),
        (date(2026, 7, 1), out),
    ):  # fmt: skip
        replied = True if direction is out else None
        items.append(_email("kai", berlin(d.year, d.month, d.day, 11), direction, replied))
    # Julia: a few emails around the partner syncs
    for d in (date(2026, 9, 1), date(2026, 9, 24)):
        items.append(_email("julia", berlin(d.year, d.month, d.day, 9), inb))
    # Leo: spring emails, a meeting in September
    items.append(_email("leo", berlin(2026, 3, 2, 10), out, True))
    items.append(_email("leo", berlin(2026, 3, 4, 10), inb))
    items.append(
        Interaction(
            at=berlin(2026, 9, 10, 18),
            contact_uids=("leo",),
            kind=InteractionKind.MEETING,
            duration=timedelta(minutes=60),
        )
    )
    # Hannah: every two months until June
    for d in (date(2025, 12, 12), date(2026, 2, 14), date(2026, 4, 17), date(2026, 6, 18)):
        items.append(
            Interaction(
                at=berlin(d.year, d.month, d.day, 19),
                contact_uids=("hannah",),
                kind=InteractionKind.MEETING,
                duration=timedelta(minutes=120),
            )
        )
        items.append(_email("hannah", berlin(d.year, d.month, d.day + 2, 10), inb))
    # Omar: monthly calls until August
    for d in (
        date(2026, 2, 19), date(2026, 3, 19), date(2026, 4, 23), date(2026, 5, 21),
        date(2026, 6, 18), date(2026, 7, 23), date(2026, 8, 20),
    ):  # fmt: skip
        items.append(
            Interaction(
                at=berlin(d.year, d.month, d.day, 16),
                contact_uids=("omar",),
                kind=InteractionKind.CALL,
                direction=Direction.INBOUND if d.month % 2 else Direction.OUTBOUND,
                duration=timedelta(minutes=30),
            )
        )
    # Greta: calls every two weeks
    d = date(2026, 1, 4)
    while d <= date(2026, 10, 25):
        items.append(
            Interaction(
                at=berlin(d.year, d.month, d.day, 18),
                contact_uids=("greta",),
                kind=InteractionKind.CALL,
                duration=timedelta(minutes=40),
            )
        )
        d += timedelta(days=14)
    # Marta wrote first about lunch
    items.append(_email("marta", berlin(2026, 10, 12, 8), inb))
    return items


def events() -> list[Event]:
    """Every calendar event of the fixture (Google and Outlook), in no particular order."""
    return [*_one_to_ones(), _conference(), *_partner_syncs(), *_other_events()]


def build() -> Network:
    """The scenario network: contacts, logged interactions, then the calendars."""
    net = _new_network()
    net.add_contacts(CONTACTS)
    net.log_many(_logged())
    net.add_events(events(), create_missing=True)
    return net


def _new_network() -> Network:
    return Network(me=Me(emails=ME_EMAILS, names=(ME_NAME,)))


def uid_of(net: Network, email: str) -> str | None:
    """The uid of the contact with this email, or None."""
    found = net.find(email=email)
    return found[0].uid if found else None


@dataclass(frozen=True)
class Judgement:
    """One thing Sam says should hold, with the reason."""

    name: str
    reason: str
    check: Callable[[Network], bool]


def _rank_pos(net: Network, uid: str) -> int:
    from netcore import scoring

    return [h.uid for h in scoring.rank(net, as_of=AS_OF)].index(uid)


def above(a: str, b: str, reason: str) -> Judgement:
    """``a`` should rank above ``b``."""
    return Judgement(
        f"{a} ranks above {b}", reason, lambda net: _rank_pos(net, a) < _rank_pos(net, b)
    )


def _suggested(net: Network) -> set[str]:
    from netcore import scoring

    return {n.uid for n in scoring.due(net, as_of=AS_OF)}


def _held(net: Network) -> dict[str, str]:
    from netcore import scoring

    return {n.uid: n.held_because or "" for n in scoring.due(net, as_of=AS_OF).held_back}


def is_due(uid: str, reason: str) -> Judgement:
    """``uid`` should be suggested by ``due``."""
    return Judgement(f"{uid} is due", reason, lambda net: uid in _suggested(net))


def not_due(uid: str, reason: str) -> Judgement:
    """``uid`` should not be suggested by ``due``."""
    return Judgement(f"{uid} is not due", reason, lambda net: uid not in _suggested(net))


def _not_a_contact(email: str) -> Callable[[Network], bool]:
    return lambda net: uid_of(net, email) is None


def _last_day(net: Network, uid: str) -> date | None:
    from netcore import scoring

    last = scoring.health(net, uid, as_of=AS_OF).last_interaction
    return None if last is None else last.astimezone(BERLIN).date()


def _kind_on(net: Network, uid: str, day: date) -> set[InteractionKind]:
    return {i.kind for i in net.interactions_with(uid) if i.at.astimezone(BERLIN).date() == day}


def _initiative(net: Network, uid: str) -> str:
    from netcore import scoring

    reasons = scoring.health(net, uid, as_of=AS_OF).reasons
    return next((r for r in reasons if r.startswith("initiative")), "")


def _hannah_booked(net: Network) -> bool:
    from netcore import scoring

    d = scoring.due(net, as_of=AS_OF)
    if "hannah" in {n.uid for n in d}:
        return False
    texts = [r for n in d.held_back if n.uid == "hannah" for r in n.reasons]
    return any("11 Nov" in t for t in texts)


def _conference_follow_ups(net: Network) -> bool:
    from netcore import scoring

    uids = {n.uid for n in scoring.follow_ups(net, _conference().uid, as_of=AS_OF)}
    pydata = uid_of(net, PYDATA.email or "")
    me = uid_of(net, ME_EMAILS[0])
    return "tom" in uids and pydata not in uids and (me is None or me not in uids)


def _conference_only(net: Network) -> list[str]:
    return [u for n in _CONFERENCE_STRANGERS if (u := uid_of(net, _email_of(n))) is not None]


def _marta_above_conference(net: Network) -> bool:
    return all(_rank_pos(net, "marta") < _rank_pos(net, u) for u in _conference_only(net))


def _me_not_ranked(net: Network) -> bool:
    from netcore import scoring

    ranked = {h.uid for h in scoring.rank(net, as_of=AS_OF)}
    return (
        all(uid_of(net, e) not in ranked for e in ME_EMAILS) and uid_of(net, ME_EMAILS[0]) is None
    )


JUDGEMENTS: tuple[Judgement, ...] = (
    above(
        "marta",
        "tom",
        "a 90-minute one-to-one lunch 15 days ago says more than sitting "
        "among 40 people at a conference and never speaking",
    ),
    above(
        "priya",
        "tom",
        "a client with a review meeting, a call 14 days ago and a year of "
        "monthly emails is a stronger tie than a conference face",
    ),
    above("lena", "tom", "a weekly one-to-one all year outranks a conference face"),
    above("ben", "tom", "two years of two-way emails every two months outrank one conference"),
    above(
        "julia",
        "kai",
        "Julia invites me and I accept; Kai only shares her invitations and we last wrote in July",
    ),
    above("greta", "tom", "my sister, on the phone every two weeks"),
    Judgement(
        "marta ranks above every conference-only attendee",
        "one of 40 at a 2-day conference, never spoke, is weaker than a one-to-one lunch",
        _marta_above_conference,
    ),
    Judgement(
        "me is never a contact",
        "with create_missing the calendar must not make me a contact, nor rank me",
        _me_not_ranked,
    ),
    Judgement(
        "the conference organiser is not a person",
        "'PyData Berlin' (info@) is an organisation, not someone to follow up",
        _not_a_contact(PYDATA.email or ""),
    ),
    Judgement(
        "a mailing-list organiser is not a person",
        "python-berlin@lists.example is a list",
        _not_a_contact(MEETUP_LIST.email or ""),
    ),
    Judgement(
        "a group attendee is not a person",
        "CUTYPE=GROUP is a group of people",
        _not_a_contact(ENG_GROUP.email or ""),
    ),
    Judgement(
        "a room is not a person", "CUTYPE=RESOURCE is a room", _not_a_contact(ROOM.email or "")
    ),
    Judgement(
        "the conference's role addresses are not people",
        "speaker-desk@ and volunteers@ are role mailboxes",
        lambda net: _not_a_contact("volunteers@pydata-berlin.example")(net),
    ),
    not_due("priya", "a call 14 days ago with a client I write to monthly: not yet due"),
    not_due("ben", "we write every two months; 45 days of quiet is his normal rhythm"),
    not_due("amira", "a lunch every quarter; 84 days since the last is on rhythm"),
    not_due("lena", "I met her yesterday and meet her every week"),
    not_due("greta", "we spoke 10 days ago; we speak every two weeks"),
    is_due(
        "omar",
        "monthly calls until August; the Q4 planning was cancelled, so 76 days without contact",
    ),
    is_due("chloe", "we wrote every week until the conference; 3 weeks of silence is unusual"),
    Judgement(
        "hannah is not due: we meet on 11 Nov",
        "dinner is booked for next week; the nudge says so",
        _hannah_booked,
    ),
    Judgement(
        "kai is not held back for unanswered outreach",
        "Julia sent those invitations, "
        "not me; a tentative co-invitee is no unanswered attempt of mine",
        lambda net: "kai" not in _held(net) or "in a row" not in _held(net)["kai"],
    ),
    Judgement(
        "my declined invitation is not contact with Felix",
        "I declined the guild on 29 Oct; we last met on 5 May",
        lambda net: _last_day(net, "felix") == date(2026, 5, 5),
    ),
    Judgement(
        "the cancelled Q4 planning is not contact with Omar",
        "STATUS:CANCELLED: it did not happen",
        lambda net: _last_day(net, "omar") == date(2026, 8, 20),
    ),
    Judgement(
        "my unanswered coffee invitation is my outreach to Leo",
        "I sent it; he has not answered",
        lambda net: "you started 2" in _initiative(net, "leo"),
    ),
    Judgement(
        "leo is not suggested",
        "my invitation of 30 Oct is unanswered and recent",
        lambda net: "leo" not in _suggested(net),
    ),
    Judgement(
        "a one-to-one lunch is a meeting",
        "two people at a table is a MEETING, not an EVENT",
        lambda net: InteractionKind.MEETING in _kind_on(net, "marta", date(2026, 10, 20)),
    ),
    Judgement(
        "a Teams invitation is a video call",
        "Microsoft Teams in the location",
        lambda net: InteractionKind.VIDEO in _kind_on(net, "julia", date(2026, 10, 21)),
    ),
    Judgement(
        "a tel: location is a call",
        "the location is a phone number",
        lambda net: InteractionKind.CALL in _kind_on(net, "priya", date(2026, 10, 21)),
    ),
    Judgement(
        "follow-ups after the conference: people, not me or the organiser",
        "Tom is to follow up; PyData Berlin and I are not",
        _conference_follow_ups,
    ),
)
"""Sam's judgements, written before the change (issue 12)."""
