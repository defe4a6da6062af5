"""Hypothesis strategies for every netcore record and for whole networks.

Use them to test your own code against the full range of values netcore accepts::

    from hypothesis import given
    from netcore.testing import contacts

    @given(contacts())
    def test_my_exporter_keeps_the_name(contact):
        assert my_export(contact)["name"] == contact.formatted_name

Every strategy builds valid records only; the values stay small so that tests run fast.
This module imports hypothesis, which is a development dependency: install
``netcore[dev]`` (or ``hypothesis``) to use it.
"""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from netcore.model import (
    Address,
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Contact,
    Direction,
    Email,
    Event,
    EventKind,
    Extension,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Name,
    Network,
    Organization,
    PartialDate,
    Phone,
    Photo,
    Related,
    RelationKind,
    Url,
)

__all__ = [
    "addresses",
    "attendees",
    "aware_datetimes",
    "contacts",
    "emails",
    "events",
    "extensions",
    "interactions",
    "ledger_entries",
    "names",
    "networks",
    "organizations",
    "partial_dates",
    "phones",
    "photos",
    "related",
    "texts",
    "urls",
]

_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
)


def texts(
    *, min_size: int = 0, max_size: int = 20, multiline: bool = False
) -> st.SearchStrategy[str]:
    r"""Unicode text without control characters (optionally with newlines).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(texts(multiline=True))
        ... def check(s):
        ...     assert not any(ord(ch) < 32 and ch != "\n" for ch in s)
        >>> check()
    """
    alphabet = st.one_of(_ALPHABET, st.just("\n")) if multiline else _ALPHABET
    return st.text(alphabet, min_size=min_size, max_size=max_size)


def _words(max_size: int = 12) -> st.SearchStrategy[str]:
    return texts(min_size=1, max_size=max_size).filter(lambda s: s.strip() == s and bool(s))


def _lower(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(string.ascii_lowercase + string.digits, min_size=min_size, max_size=max_size)


def _upper(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(string.ascii_uppercase, min_size=min_size, max_size=max_size)


_TYPES = st.lists(
    st.sampled_from(["home", "work", "cell", "voice", "fax", "internet", "x-other"]),
    max_size=2,
    unique=True,
).map(tuple)
_LABELS = st.none() | _words()


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Every shape of :class:`~netcore.model.PartialDate`, 29 February included."""
    md = st.integers(1, 12).flatmap(
        lambda m: st.integers(1, 29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31).map(
            lambda d: PartialDate(month=m, day=d)
        )
    )
    ym = st.builds(
        lambda y, m: PartialDate(year=y, month=m), st.integers(1900, 2100), st.integers(1, 12)
    )
    return st.one_of(md, ym, st.integers(1900, 2100).map(lambda y: PartialDate(year=y)))


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes between 1990 and 2035, at whole seconds, with fixed offsets."""
    offsets = st.sampled_from(
        [
            UTC,
            timezone(timedelta(hours=2)),
            timezone(timedelta(hours=-5)),
            timezone(timedelta(hours=5, minutes=30)),
        ]
    )
    return st.builds(
        lambda dt, tz: dt.replace(tzinfo=tz),
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)).map(
            lambda d: d.replace(microsecond=0)
        ),
        offsets,
    )


def emails() -> st.SearchStrategy[Email]:
    """Email records with plausible addresses, types, labels and preference."""
    local = st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=10)
    domain = st.builds(
        "{}.{}".format, _lower(1, 8), st.sampled_from(["com", "org", "example", "de"])
    )
    return st.builds(
        Email,
        address=st.builds(lambda lp, d: f"{lp}@{d}", local, domain),
        types=_TYPES,
        preferred=st.booleans(),
        label=_LABELS,
    )


def phones() -> st.SearchStrategy[Phone]:
    """Phone records: international numbers with E.164 and local ones without."""
    intl = st.builds(
        lambda cc, n: f"+{cc} {n}",
        st.sampled_from(["1", "44", "49", "33", "81"]),
        st.integers(10**6, 10**10 - 1),
    )
    local = st.builds(lambda a, b: f"0{a} {b}", st.integers(10, 9999), st.integers(1000, 99999999))
    return st.builds(
        Phone, number=intl | local, types=_TYPES, preferred=st.booleans(), label=_LABELS
    )


def addresses() -> st.SearchStrategy[Address]:
    """Postal addresses with any subset of components filled."""
    part = st.just("") | _words()
    return st.builds(
        Address,
        po_box=part,
        extended=part,
        street=part,
        locality=part,
        region=part,
        postal_code=part,
        country=part,
        types=_TYPES,
        preferred=st.booleans(),
        label=_LABELS,
    )


def organizations() -> st.SearchStrategy[Organization]:
    """Organizations with units, title and role."""
    return st.builds(
        Organization,
        name=_words(),
        units=st.lists(_words(), max_size=2).map(tuple),
        title=st.none() | _words(),
        role=st.none() | _words(),
    )


def urls() -> st.SearchStrategy[Url]:
    """URLs with types and labels."""
    return st.builds(
        Url,
        value=st.builds("https://{}.example/{}".format, _lower(1, 8), _lower(0, 6)),
        types=_TYPES,
        preferred=st.booleans(),
        label=_LABELS,
        service=st.none() | st.sampled_from(["twitter", "linkedin", "mastodon"]),
    )


def related() -> st.SearchStrategy[Related]:
    """Related people: names or ``urn:uuid:`` references."""
    return st.builds(
        Related,
        value=_words() | st.uuids().map(lambda u: f"urn:uuid:{u}"),
        types=st.lists(
            st.sampled_from(["spouse", "colleague", "friend", "child"]), max_size=2, unique=True
        ).map(tuple),
        label=_LABELS,
    )


def photos() -> st.SearchStrategy[Photo]:
    """Photos as inline bytes or as a URI."""
    inline = st.builds(
        Photo,
        data=st.binary(min_size=1, max_size=64),
        media_type=st.sampled_from(["image/jpeg", "image/png"]),
    )
    return inline | st.builds(Photo, uri=st.just("https://img.example/p.jpg"))


def extensions() -> st.SearchStrategy[Extension]:
    """Unmodelled properties kept verbatim (``X-`` names, parameters, groups)."""
    return st.builds(
        Extension,
        name=_upper(1, 10).map(lambda s: f"X-{s}"),
        value=texts(max_size=30),
        group=st.none() | st.integers(1, 9).map(lambda i: f"item{i}"),
        params=st.lists(
            st.tuples(
                _upper(1, 6),
                st.lists(_lower(1, 6), min_size=1, max_size=2).map(tuple),
            ),
            max_size=2,
        ).map(tuple),
    )


def names() -> st.SearchStrategy[Name]:
    """Structured names."""
    few = st.lists(_words(), max_size=2).map(tuple)
    return st.builds(
        Name,
        family=st.just("") | _words(),
        given=st.just("") | _words(),
        additional=few,
        prefixes=few,
        suffixes=few,
    )


def contacts(*, uid: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Contact]:
    """Contacts using every field, each present or absent.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(contacts())
        ... def check(c):
        ...     assert Contact.model_validate_json(c.model_dump_json()) == c
        >>> check()
    """
    small = st.lists
    return st.builds(
        Contact,
        uid=uid if uid is not None else st.uuids().map(lambda u: f"urn:uuid:{u}"),
        formatted_name=_words(30) | st.just(""),
        name=st.none() | names(),
        nicknames=small(_words(), max_size=2).map(tuple),
        emails=small(emails(), max_size=3).map(tuple),
        phones=small(phones(), max_size=3).map(tuple),
        addresses=small(addresses(), max_size=2).map(tuple),
        organizations=small(organizations(), max_size=2).map(tuple),
        urls=small(urls(), max_size=2).map(tuple),
        impps=small(urls(), max_size=1).map(tuple),
        social_profiles=small(urls(), max_size=1).map(tuple),
        birthday=st.none() | st.dates(date(1900, 1, 1), date(2030, 12, 31)) | partial_dates(),
        anniversary=st.none() | st.dates(date(1950, 1, 1), date(2030, 12, 31)) | partial_dates(),
        gender=st.none() | st.sampled_from(["M", "F", "O", "N", "U"]),
        kind=st.none() | st.sampled_from(["individual", "org", "group"]),
        categories=small(_words(), max_size=3).map(tuple),
        note=st.none() | texts(min_size=1, max_size=60, multiline=True),
        related=small(related(), max_size=2).map(tuple),
        photo=st.none() | photos(),
        revision=st.none() | aware_datetimes(),
        cadence_days=st.none() | st.integers(1, 730),
        extensions=small(extensions(), max_size=3).map(tuple),
        source=st.none() | st.sampled_from(["phone.vcf", "linkedin", "google"]),
    )


def interactions(
    contact_uids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Interaction]:
    """Interactions with one to three contacts drawn from ``contact_uids``."""
    uids = contact_uids if contact_uids is not None else st.uuids().map(str)
    return st.builds(
        Interaction,
        id=st.uuids().map(str),
        at=aware_datetimes(),
        contact_uids=st.lists(uids, min_size=1, max_size=3, unique=True).map(tuple),
        kind=st.sampled_from(InteractionKind),
        direction=st.sampled_from(Direction),
        duration=st.none() | st.integers(0, 8 * 3600).map(lambda s: timedelta(seconds=s)),
        event_uid=st.none() | st.uuids().map(str),
        note=st.none() | texts(max_size=40, multiline=True),
        replied=st.none() | st.booleans(),
    )


def attendees() -> st.SearchStrategy[Attendee]:
    """Attendees with an email, a name, or both."""
    return st.builds(
        Attendee,
        email=emails().map(lambda e: e.address),
        name=st.none() | _words(),
        status=st.sampled_from(AttendeeStatus),
        role=st.sampled_from(AttendeeRole),
        cutype=st.none() | st.sampled_from(["individual", "group"]),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Timed or all-day events with an organizer and attendees."""
    all_day = draw(st.booleans())
    start: datetime | date
    end: datetime | date | None
    if all_day:
        start = draw(st.dates(date(1995, 1, 1), date(2035, 1, 1)))
        end = draw(st.none() | st.just(start + timedelta(days=draw(st.integers(1, 3)))))
    else:
        start = draw(aware_datetimes())
        end = draw(st.none() | st.just(start + timedelta(minutes=draw(st.integers(0, 600)))))
    return Event(
        uid=draw(st.uuids().map(str)),
        title=draw(_words(30) | st.just("")),
        start=start,
        end=end,
        location=draw(st.none() | _words()),
        url=draw(st.none() | st.just("https://events.example/x")),
        organizer=draw(st.none() | attendees()),
        attendees=tuple(draw(st.lists(attendees(), max_size=4))),
        kind=draw(st.sampled_from(EventKind)),
        description=draw(st.none() | texts(max_size=60, multiline=True)),
        categories=tuple(draw(st.lists(_words(), max_size=2))),
    )


def ledger_entries(
    contact_uids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[LedgerEntry]:
    """Ledger entries (never reversals; see :func:`networks` for those)."""
    uids = contact_uids if contact_uids is not None else st.uuids().map(str)
    return st.builds(
        LedgerEntry,
        id=st.uuids().map(str),
        on=st.dates(date(2000, 1, 1), date(2035, 1, 1)),
        contact_uid=uids,
        direction=st.sampled_from(FavourDirection),
        kind=st.sampled_from(FavourKind),
        weight=st.floats(0, 10, allow_nan=False, allow_infinity=False),
        note=st.none() | texts(max_size=30),
    )


@st.composite
def networks(draw: st.DrawFn, *, max_contacts: int = 6) -> Network:
    """Whole networks: contacts, interactions, events, ledger entries, reversals, relations.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(networks())
        ... def check(net):
        ...     assert all(uid in net for i in net.interactions for uid in i.contact_uids)
        >>> check()
    """
    people = draw(
        st.lists(contacts(), min_size=0, max_size=max_contacts, unique_by=lambda c: c.uid)
    )
    net = Network()
    net.add_contacts(people)
    if people:
        uids = st.sampled_from([c.uid for c in people])
        for inter in draw(st.lists(interactions(uids), max_size=8, unique_by=lambda i: i.id)):
            net.log(inter)
        entries = draw(st.lists(ledger_entries(uids), max_size=5, unique_by=lambda e: e.id))
        for entry in entries:
            net.ledger.record(entry)
        for entry in entries:
            if draw(st.booleans()):
                net.ledger.reverse(entry.id, on=entry.on + timedelta(days=1), note="correction")
        if len(people) > 1:
            for a, b, kind in draw(
                st.lists(st.tuples(uids, uids, st.sampled_from(RelationKind)), max_size=3)
            ):
                if a != b:
                    net.relate(a, b, kind, context=draw(st.none() | st.sampled_from(["Acme"])))
    net.add_events(draw(st.lists(events(), max_size=3, unique_by=lambda e: e.uid)))
    return net
