"""Contact, Interaction, Event and LedgerEntry: validation and JSON round trips."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from pydantic import ValidationError

from netcore.model import (
    Attendee,
    AttendeeStatus,
    Contact,
    Direction,
    Email,
    Event,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Name,
    Organization,
    PartialDate,
)
from netcore.testing import attendees, contacts, events, interactions, ledger_entries

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)

# ---- Contact ------------------------------------------------------------------------------


def test_contact_gets_a_urn_uuid_when_no_uid_is_given():
    a, b = Contact(), Contact()
    assert a.uid.startswith("urn:uuid:")
    assert a.uid != b.uid


@pytest.mark.parametrize("bad", ["", "   ", "a\nb", "x\x00"])
def test_contact_uid_must_be_one_non_empty_line(bad):
    with pytest.raises(ValidationError):
        Contact(uid=bad)


def test_birthday_accepts_dates_and_partial_dates_but_not_datetimes():
    assert Contact(birthday=date(1990, 5, 1)).birthday == date(1990, 5, 1)
    assert Contact(birthday="--05-01").birthday == PartialDate(month=5, day=1)
    with pytest.raises(ValidationError, match="not a datetime"):
        Contact(birthday=NOW)


def test_revision_must_be_timezone_aware():
    with pytest.raises(ValidationError, match="timezone-aware"):
        Contact(revision=datetime(2020, 1, 1))


@pytest.mark.parametrize("bad", [0, -3, 100_000])
def test_cadence_days_must_be_a_sensible_positive_number(bad):
    with pytest.raises(ValidationError):
        Contact(cadence_days=bad)


def test_display_name_falls_back_from_fn_to_name_to_org_to_email_to_uid():
    assert Contact(uid="u", formatted_name="Ada L").display_name == "Ada L"
    assert (
        Contact(uid="u", name=Name(given="Ada", family="Lovelace")).display_name == "Ada Lovelace"
    )
    assert Contact(uid="u", organizations=(Organization(name="ACME"),)).display_name == "ACME"
    assert Contact(uid="u", emails=(Email(address="a@b.c"),)).display_name == "a@b.c"
    assert Contact(uid="u").display_name == "u"


def test_model_copy_changes_one_field_and_leaves_the_original():
    c = Contact(uid="u", formatted_name="A")
    d = c.model_copy(update={"cadence_days": 14})
    assert (c.cadence_days, d.cadence_days) == (None, 14)


@given(contacts())
def test_contact_json_round_trip_is_exact(c):
    assert Contact.model_validate_json(c.model_dump_json()) == c


# ---- Interaction --------------------------------------------------------------------------


def test_interaction_rejects_a_naive_datetime_with_a_clear_message():
    with pytest.raises(ValidationError, match="timezone-aware"):
        Interaction(at=datetime(2026, 1, 1), contact_uids=("a",), kind=InteractionKind.CALL)


def test_interaction_rejects_naive_iso_text_from_json():
    with pytest.raises(ValidationError, match="timezone-aware"):
        Interaction.model_validate_json(
            '{"at": "2026-01-01T10:00:00", "contact_uids": ["a"], "kind": "call"}'
        )


def test_interaction_needs_at_least_one_distinct_contact():
    with pytest.raises(ValidationError):
        Interaction(at=NOW, contact_uids=(), kind=InteractionKind.CALL)
    with pytest.raises(ValidationError, match="twice"):
        Interaction(at=NOW, contact_uids=("a", "a"), kind=InteractionKind.CALL)


def test_interaction_rejects_negative_duration():
    with pytest.raises(ValidationError, match="negative"):
        Interaction(
            at=NOW, contact_uids=("a",), kind=InteractionKind.CALL, duration=timedelta(minutes=-1)
        )


def test_interaction_defaults_to_a_new_id_and_mutual_direction():
    a = Interaction(at=NOW, contact_uids=("a",), kind=InteractionKind.EMAIL)
    b = Interaction(at=NOW, contact_uids=("a",), kind=InteractionKind.EMAIL)
    assert a.id != b.id
    assert a.direction is Direction.MUTUAL


def test_enums_are_their_lowercase_names_in_json():
    i = Interaction(
        at=NOW, contact_uids=("a",), kind=InteractionKind.VIDEO, direction=Direction.OUTBOUND
    )
    dumped = i.model_dump(mode="json")
    assert dumped["kind"] == "video"
    assert dumped["direction"] == "outbound"
    for enum_cls in (InteractionKind, Direction, AttendeeStatus, FavourKind, FavourDirection):
        for member in enum_cls:
            assert member.value == member.name.lower()


def test_interaction_in_another_zone_round_trips_equal():
    at = datetime(2026, 7, 14, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    i = Interaction(at=at, contact_uids=("a",), kind=InteractionKind.MEETING)
    assert Interaction.model_validate_json(i.model_dump_json()) == i


@given(interactions())
def test_interaction_json_round_trip_is_exact(i):
    assert Interaction.model_validate_json(i.model_dump_json()) == i


# ---- Event --------------------------------------------------------------------------------


def test_event_start_may_be_a_date_for_all_day_events():
    e = Event(uid="e", start=date(2026, 5, 1), end=date(2026, 5, 2))
    assert type(e.start) is date


def test_event_rejects_a_naive_midnight_datetime_instead_of_turning_it_into_a_date():
    with pytest.raises(ValidationError, match="timezone-aware"):
        Event(uid="e", start=datetime(2026, 5, 1))


def test_event_end_before_start_is_an_error():
    with pytest.raises(ValidationError, match="before start"):
        Event(uid="e", start=NOW, end=NOW - timedelta(hours=1))


def test_event_mixing_date_and_datetime_is_an_error():
    with pytest.raises(ValidationError, match="both"):
        Event(uid="e", start=date(2026, 5, 1), end=NOW)


def test_attendee_needs_an_email_or_a_name():
    with pytest.raises(ValidationError, match="email or a name"):
        Attendee()
    assert Attendee(name="Ada").email is None


@given(events())
def test_event_json_round_trip_is_exact(e):
    assert Event.model_validate_json(e.model_dump_json()) == e


@given(attendees())
def test_attendee_json_round_trip_is_exact(a):
    assert Attendee.model_validate_json(a.model_dump_json()) == a


# ---- LedgerEntry --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_ledger_weight_must_be_finite_and_non_negative(bad):
    with pytest.raises(ValidationError, match="finite and >= 0"):
        LedgerEntry(
            on=date(2026, 1, 1),
            contact_uid="a",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
            weight=bad,
        )


def test_ledger_entry_on_is_a_date_not_a_datetime():
    with pytest.raises(ValidationError, match="is a date"):
        LedgerEntry(
            on=NOW, contact_uid="a", direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE
        )


@given(ledger_entries())
def test_ledger_entry_json_round_trip_is_exact(e):
    assert LedgerEntry.model_validate_json(e.model_dump_json()) == e


@pytest.mark.parametrize(
    ("wall", "fold"),
    [(datetime(2026, 3, 29, 2, 30), 0), (datetime(2026, 10, 25, 2, 30), 1)],
    ids=["dst-gap", "dst-overlap"],
)
def test_a_wall_time_in_a_dst_gap_or_overlap_is_pinned_to_its_utc_offset(wall, fold):
    at = wall.replace(tzinfo=ZoneInfo("Europe/Berlin"), fold=fold)
    i = Interaction(at=at, contact_uids=("a",), kind=InteractionKind.MEETING)
    assert i.at.utcoffset() == at.utcoffset()
    assert i.at.timestamp() == at.timestamp()
    assert Interaction.model_validate_json(i.model_dump_json()) == i


# ---- types, looked at once per distinct tuple ---------------------------------------------


def test_types_are_cleaned_the_same_when_seen_again() -> None:
    from netcore.model import Phone, Related

    for _ in range(2):  # the second time from the caches of what was already seen
        assert Email(address="a@x.org", types=("Work", "work")).types == ("work",)
        assert Phone(number="1", types=("cell",)).types == ("cell",)
        p = Phone(number="1", types=("cell", "PREF"))
        assert (p.types, p.preferred) == (("cell",), True)
        # Related has no preferred mark: its "pref" type stays a type.
        assert Related(value="x", types=("pref",)).types == ("pref",)
        e = Email(address="a@x.org", types=("pref",))
        assert (e.types, e.preferred) == ((), True)
        with pytest.raises(ValidationError, match="a type must be a single line"):
            Email(address="a@x.org", types=("wo\nrk",))
        with pytest.raises(ValidationError):
            Email(address="a@x.org", types=(["unhashable"],))  # type: ignore[arg-type]


def test_data_in_any_mapping_is_stored_nfc() -> None:
    from collections import OrderedDict

    # A dict subclass is a dict of fields too (it used to skip the NFC check).
    email = Email.model_validate(OrderedDict(address="jose\u0301@x.org"))
    assert email.address == "jos\u00e9@x.org"


def test_extension_line_breaks_follow_one_rule_in_any_mapping() -> None:
    from collections import OrderedDict

    from netcore.model import Extension

    ext = Extension.model_validate(OrderedDict(name="X-A", value="a\r\nb"))
    assert ext.value == "a\\nb"
