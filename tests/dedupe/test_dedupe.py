from __future__ import annotations

import base64
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.dedupe import Match, _find, find_duplicates, merge, merge_into, merged_values
from netcore.dedupe._blocking import WINDOW
from netcore.errors import RecordConflictError
from netcore.model import (
    Contact,
    Email,
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
    Url,
)
from netcore.testing import contacts


def _c(uid: str, fn: str = "", **kw: object) -> Contact:
    return Contact(uid=uid, formatted_name=fn, **kw)  # type: ignore[arg-type]


def _pair(matches: list[Match]) -> tuple[str, str]:
    assert len(matches) == 1, matches
    return matches[0].a.uid, matches[0].b.uid


# ---- find_duplicates ----------------------------------------------------------------------


def test_same_email_different_case() -> None:
    a = _c("1", "Ada Lovelace", emails=(Email(address="a.b@x.com"),))
    b = _c("2", "A. Lovelace", emails=(Email(address="A.B@X.com"),))
    (m,) = find_duplicates([a, b])
    assert (m.a.uid, m.b.uid) == ("1", "2")
    assert "same email a.b@x.com" in m.reasons
    assert m.score > 0.9


def test_nickname_and_company() -> None:
    a = _c(
        "1",
        name=Name(given="Robert", family="Smith"),
        organizations=(Organization(name="ACME Corp."),),
    )
    b = _c("2", "Bob Smith", organizations=(Organization(name="Acme Corp"),))
    (m,) = find_duplicates([a, b])
    assert m.reasons[0] == "names 1.00 similar, same company"
    assert "'bob' is a nickname of 'robert'" in m.reasons


def test_two_nicknames_of_one_name() -> None:
    (m,) = find_duplicates([_c("1", "Bill Gates"), _c("2", "Will Gates")])
    assert "'bill' and 'will' are both short for 'william'" in m.reasons


def test_initial_matches_full_given_name() -> None:
    (m,) = find_duplicates([_c("1", "J. Smith"), _c("2", "John Smith")])
    assert "'J' is an initial of 'john'" in m.reasons


def test_diacritics_are_folded() -> None:
    assert _pair(find_duplicates([_c("1", "José Müller"), _c("2", "Jose Muller")])) == ("1", "2")
    assert find_duplicates([_c("1", "Søren Łukasz"), _c("2", "Soren Lukasz")])


def test_family_first_with_comma() -> None:
    assert _pair(find_duplicates([_c("1", "Smith, John"), _c("2", "John Smith")])) == ("1", "2")


def test_typo_in_given_name_is_found_through_the_initial_block() -> None:
    (m,) = find_duplicates([_c("1", "Jon Smith"), _c("2", "John Smith")])
    assert 0.75 <= m.score < 0.8


def test_different_people_are_not_matched() -> None:
    people = [
        _c("1", "John Smith"),
        _c("2", "James Smith"),
        _c("3", "Joan Smyth"),
        _c("4", "Mary Jones"),
    ]
    assert find_duplicates(people) == []


def test_different_birthdays_speak_against_a_match() -> None:
    a = _c("1", "John Smith", birthday=date(1980, 1, 2))
    b = _c("2", "John Smith", birthday=date(1975, 6, 7))
    assert find_duplicates([a, b]) == []
    (m,) = find_duplicates([a, b], threshold=0.4)
    assert "different birthdays 1980-01-02 and 1975-06-07" in m.reasons


def test_phone_e164_matches_across_spellings() -> None:
    a = _c("1", "Ada", phones=(Phone(number="+44 (20) 7946-0958"),))
    b = _c("2", "", phones=(Phone(number="+442079460958"),))
    (m,) = find_duplicates([a, b])
    assert m.reasons == ("same phone +442079460958",)


def test_shared_switchboard_with_different_names_is_not_a_duplicate() -> None:
    phone = (Phone(number="+1 212 555 0100"),)
    a = _c("1", "Alice Walker", phones=phone)
    b = _c("2", "Zoe Quinn", phones=phone)
    assert find_duplicates([a, b]) == []


def test_results_sorted_by_score_and_threshold_validated() -> None:
    people = [
        _c("1", "John Smith"),
        _c("2", "Jon Smith"),
        _c("3", "Ann Lee", emails=(Email(address="ann@x.org"),)),
        _c("4", "Ann Lee", emails=(Email(address="ann@x.org"),)),
    ]
    scores = [m.score for m in find_duplicates(people)]
    assert scores == sorted(scores, reverse=True)
    assert [(m.a.uid, m.b.uid) for m in find_duplicates(people)] == [("3", "4"), ("1", "2")]
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates(people, threshold=1.5)


def test_blocking_scores_far_fewer_pairs_than_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = _find._score

    def counting(*args: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_find, "_score", counting)
    n = 3000
    people = [
        _c(str(i), f"Given{i} Family{i % 500}", emails=(Email(address=f"p{i}@x.org"),))
        for i in range(n)
    ]
    find_duplicates(people)
    # 500 families of 6 people sharing an initial: 500 * 15 pairs; all pairs would be 4.5 million
    assert calls == 500 * 15


def test_oversized_block_is_linked_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = _find._score

    def counting(*args: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_find, "_score", counting)
    phone = (Phone(number="+1 212 555 0100"),)
    people = [_c(str(i), f"Person{i} Name{i}", phones=phone) for i in range(1000)]
    find_duplicates(people, max_block=50)
    # sorted neighbourhood: each member meets the next WINDOW members (fewer at the end)
    assert calls == 1000 * WINDOW - WINDOW * (WINDOW + 1) // 2


# ---- merge --------------------------------------------------------------------------------


def test_merge_unions_and_records_conflicts() -> None:
    a = Contact(
        uid="a",
        formatted_name="Ada Lovelace",
        emails=(Email(address="ada@x.org", types=("work",)),),
        phones=(Phone(number="+44 20 7946 0958"),),
        birthday=date(1815, 12, 10),
        note="first; note",
        organizations=(Organization(name="Engines", title="Programmer"),),
    )
    b = Contact(
        uid="b",
        formatted_name="Augusta Ada King",
        name=Name(given="Augusta", family="King", additional=("Ada",)),
        emails=(
            Email(address="ADA@x.org", types=("home",), label="old"),
            Email(address="ada@home.org"),
        ),
        phones=(Phone(number="+442079460958", types=("cell",)),),
        birthday=PartialDate(month=12, day=10),
        note="second,\nnote",
        organizations=(Organization(name="Engines", units=("R&D",)),),
        urls=(Url(value="https://ada.example/"),),
    )
    m = merge(a, b)
    assert m.uid == "a"
    assert m.formatted_name == "Ada Lovelace"
    assert m.name == b.name  # a had none: nothing to conflict with
    assert [(e.address, e.types, e.label) for e in m.emails] == [
        ("ada@x.org", ("work", "home"), "old"),
        ("ada@home.org", (), None),
    ]
    assert [(p.number, p.types) for p in m.phones] == [("+44 20 7946 0958", ("cell",))]
    assert m.organizations == (Organization(name="Engines", units=("R&D",), title="Programmer"),)
    assert m.birthday == date(1815, 12, 10)
    assert m.note == "first; note"
    assert m.urls == b.urls
    recorded = merged_values(m)
    assert recorded == {
        "UID": ("b",),
        "FN": ("Augusta Ada King",),
        "BDAY": ("--12-10",),
        "NOTE": ("second,\nnote",),
        "ADDRESS": ("ADA@x.org",),
        "NUMBER": ("+442079460958",),
    }
    assert any(
        e.name == "X-NETCORE-MERGED-NOTE" and e.value == "second\\,\\nnote" for e in m.extensions
    )


def test_merge_records_structured_name_and_photo() -> None:
    a = Contact(uid="a", name=Name(given="Ada", family="Lovelace"), photo=Photo(uri="https://p/a"))
    b = Contact(
        uid="b",
        name=Name(given="Ada", family="King; Byron", prefixes=("Lady", "Hon")),
        photo=Photo(data=b"\x89PNG", media_type="image/png"),
    )
    m = merge(a, b)
    assert m.name == a.name
    assert m.photo == a.photo
    assert merged_values(m)["N"] == ("King\\; Byron;Ada;;Lady,Hon;",)
    data = base64.b64encode(b"\x89PNG").decode()
    assert merged_values(m)["PHOTO"] == (f"data:image/png;base64,{data}",)


def test_conflicting_organizations_are_both_kept() -> None:
    a = Contact(uid="a", organizations=(Organization(name="ACME", title="Engineer"),))
    b = Contact(uid="b", organizations=(Organization(name="ACME", title="Manager"),))
    assert merge(a, b).organizations == (*a.organizations, *b.organizations)


def test_merge_of_a_contact_with_itself_changes_nothing() -> None:
    a = Contact(uid="a", formatted_name="Ada", emails=(Email(address="a@x.org"),))
    assert merge(a, a) == a


def test_merge_into_repoints_interactions_and_ledger() -> None:
    net = Network()
    net.add_contacts(
        [
            Contact(uid="a", formatted_name="Ada"),
            Contact(uid="b", formatted_name="Ada L.", emails=(Email(address="a@x.org"),)),
        ]
    )
    net.log(
        Interaction(
            id="i1",
            at=datetime(2026, 1, 5, tzinfo=UTC),
            contact_uids=("b",),
            kind=InteractionKind.CALL,
        )
    )
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 1, 6),
            contact_uid="b",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.ADVICE,
        )
    )
    merged = merge_into(net, "a", "b")
    assert merged.emails == (Email(address="a@x.org"),)
    assert sorted(net.contacts) == ["a"]
    assert net.contact("a") == merged
    assert [i.id for i in net.interactions_with("a")] == ["i1"]
    assert len(net.ledger.for_contact("a")) == 1
    assert [c.uid for c in net.find(email="a@x.org")] == ["a"]
    with pytest.raises(RecordConflictError):
        merge_into(net, "a", "a")


# ---- properties ---------------------------------------------------------------------------


def _url_key(value: str) -> str:
    key = value.strip().casefold().split("://", 1)[-1]
    return key.removeprefix("www.").rstrip("/")


@st.composite
def _overlapping_pairs(draw: st.DrawFn) -> tuple[Contact, Contact]:
    """Two contacts that share some values with each other and disagree on others."""
    a = draw(contacts())
    b = draw(contacts())
    shared = {
        field: getattr(b, field) + getattr(a, field)[: draw(st.integers(0, 2))]
        for field in ("emails", "phones", "addresses", "urls", "organizations", "categories")
    }
    if draw(st.booleans()):
        shared["birthday"] = a.birthday
    return a, b.model_copy(update=shared)


def _single_kept(merged: Contact, field: str, tag: str, value: object, text: str) -> None:
    if value is None or value == "":
        return
    assert getattr(merged, field) == value or text in merged_values(merged).get(tag, ()), (
        field,
        value,
    )


@given(_overlapping_pairs())
def test_merge_never_loses_a_value(pair: tuple[Contact, Contact]) -> None:
    a, b = pair
    m = merge(a, b)
    recorded = merged_values(m)
    assert m.uid == a.uid
    if b.uid != a.uid:
        assert b.uid in recorded["UID"]
    for c in (a, b):
        assert {e.normalized for e in c.emails} <= {e.normalized for e in m.emails}
        for e in c.emails:
            kept = next(x for x in m.emails if x.normalized == e.normalized)
            assert e.address == kept.address or e.address in recorded["ADDRESS"]
            assert {t.casefold() for t in e.types} <= {t.casefold() for t in kept.types}
            assert e.label in (None, kept.label) or e.label in recorded["LABEL"]
        for p in c.phones:
            key = p.e164 or "".join(ch for ch in p.number if ch.isdigit())
            kept = next(
                x
                for x in m.phones
                if (x.e164 or "".join(ch for ch in x.number if ch.isdigit())) == key
            )
            assert p.number == kept.number or p.number in recorded["NUMBER"]
        for ad in c.addresses:
            parts = (
                ad.street,
                ad.locality,
                ad.region,
                ad.postal_code,
                ad.country,
                ad.po_box,
                ad.extended,
            )
            assert any(
                (x.street, x.locality, x.region, x.postal_code, x.country, x.po_box, x.extended)
                == parts
                for x in m.addresses
            )
        for field in ("urls", "impps", "social_profiles"):
            keys = {_url_key(u.value) for u in getattr(m, field)}
            assert {_url_key(u.value) for u in getattr(c, field)} <= keys
        for org in c.organizations:
            assert any(
                x.name.split() == org.name.split()
                and (org.title is None or x.title == org.title)
                and (org.role is None or x.role == org.role)
                and (not org.units or x.units == org.units)
                for x in m.organizations
            ), org
        for field in ("nicknames", "categories"):
            assert {v.casefold() for v in getattr(c, field)} <= {
                v.casefold() for v in getattr(m, field)
            }
        assert {r.value.strip() for r in c.related} <= {r.value.strip() for r in m.related}
        assert set(c.extensions) <= set(m.extensions)
        _single_kept(m, "formatted_name", "FN", c.formatted_name, c.formatted_name)
        for field, tag in (
            ("gender", "GENDER"),
            ("kind", "KIND"),
            ("note", "NOTE"),
            ("source", "SOURCE"),
        ):
            value = getattr(c, field)
            text = value.replace("\r\n", "\n").replace("\r", "\n") if value else value
            _single_kept(m, field, tag, value, text)
        for field, tag in (("birthday", "BDAY"), ("anniversary", "ANNIVERSARY")):
            value = getattr(c, field)
            if value is not None:
                text = value.isoformat() if isinstance(value, date) else str(value)
                _single_kept(m, field, tag, value, text)
        if c.cadence_days is not None:
            _single_kept(m, "cadence_days", "CADENCE", c.cadence_days, str(c.cadence_days))
        if c.photo is not None:
            text = (
                c.photo.uri
                or "data:"
                + (c.photo.media_type or "application/octet-stream")
                + ";base64,"
                + base64.b64encode(c.photo.data or b"").decode()
            )
            _single_kept(m, "photo", "PHOTO", c.photo, text)
    assert m.name in (a.name, b.name)


@given(_overlapping_pairs())
def test_merging_twice_adds_nothing(pair: tuple[Contact, Contact]) -> None:
    a, b = pair
    once = merge(a, b)
    assert merge(once, b) == once
    assert merge(once, once) == once


def test_merge_keeps_parameters_and_groups_of_both_records() -> None:
    a = Contact(
        uid="a",
        formatted_name="Jo",
        phones=(Phone(number="+1 555 0100", params=(("PID", ("1.1",)),)),),
        organizations=(Organization(name="ACME"),),
    )
    b = Contact(
        uid="b",
        formatted_name="Jo",
        phones=(Phone(number="+1 555 0100", group="item2", params=(("X-COUCHDB-UUID", ("u",)),)),),
        organizations=(Organization(name="ACME", title="CTO", params=(("TYPE", ("work",)),)),),
    )
    merged = merge(a, b)
    [phone] = merged.phones
    assert phone.params == (("PID", ("1.1",)), ("X-COUCHDB-UUID", ("u",)))
    assert phone.group == "item2"
    [org] = merged.organizations
    assert (org.title, org.params) == ("CTO", (("TYPE", ("work",)),))
