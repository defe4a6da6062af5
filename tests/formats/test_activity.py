"""The interactions and ledger CSV codec, and ``Network.resolve`` that names people in it."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _complexity import assert_linear
from _watchdog import watchdog
from netcore.errors import AmbiguousReferenceError, NotFoundError, ParseError
from netcore.formats import activity
from netcore.model import (
    Contact,
    Direction,
    Email,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    Phone,
)

HEADER = "date,contact,kind,direction,note,duration_minutes,replied\n"


def people() -> Network:
    net = Network()
    net.add_contacts(
        [
            Contact(
                uid="ines",
                formatted_name="Inês Duarte",
                emails=(Email(address="ines@example.pt"),),
                phones=(Phone(number="+351 912 345 678"),),
            ),
            Contact(uid="a1", formatted_name="Ana Costa", emails=(Email(address="a1@x.org"),)),
            Contact(uid="a2", formatted_name="Ana Costa", emails=(Email(address="a2@x.org"),)),
        ]
    )
    return net


def test_resolve_by_uid_email_phone_and_name() -> None:
    net = people()
    assert net.resolve("ines") == "ines"
    assert net.resolve("INES@example.pt") == "ines"
    assert net.resolve("+351912345678") == "ines"
    assert net.resolve("Inês Duarte") == "ines"
    with pytest.raises(AmbiguousReferenceError) as info:
        net.resolve("Ana Costa")
    assert info.value.candidates == ("a1", "a2")
    assert "a1@x.org" in str(info.value)
    assert "a2@x.org" in str(info.value)
    with pytest.raises(NotFoundError):
        net.resolve("Nobody")


def test_an_ambiguous_name_in_a_row_is_an_issue_listing_the_candidates() -> None:
    rows = activity.read_interactions(HEADER + "2026-11-02,Ana Costa,call,,,,\n", people())
    assert list(rows) == []
    (issue,) = rows.issues
    assert issue.line == 2
    assert issue.property == "contact"
    assert "a1 (Ana Costa <a1@x.org>)" in issue.message


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_encodings_with_and_without_a_byte_order_mark(encoding: str, bom: bytes) -> None:
    text = HEADER + "2026-11-02,Inês Duarte,call,inbound,Café talk,30,yes\n"
    rows = activity.read_interactions(bom + text.encode(encoding), people())
    assert rows.issues == []
    assert rows[0].contact_uids == ("ines",)
    assert rows[0].note == "Café talk"
    assert rows[0].duration == timedelta(minutes=30)


def test_windows_1252_is_read_with_a_warning() -> None:
    data = (HEADER + "2026-11-02,Inês Duarte,call,,Café,,\n").encode("cp1252")
    rows = activity.read_interactions(data, people())
    assert rows[0].contact_uids == ("ines",)
    assert rows[0].note == "Café"
    assert [i.severity.value for i in rows.issues] == ["warning"]
    assert "Windows-1252" in rows.issues[0].message


def test_a_cell_over_the_limit_skips_its_row_with_an_error_naming_it() -> None:
    long = "x" * (activity.MAX_CELL_CHARS + 1)
    text = HEADER + f"2026-11-02,ines,call,,{long},,\n2026-11-03,ines,email,,short,,\n"
    rows = activity.read_interactions(text, people())
    assert [r.note for r in rows] == ["short"]
    (issue,) = rows.issues
    assert (issue.line, issue.property) == (2, "note")
    with pytest.raises(ParseError):
        activity.read_interactions(text, people(), strict=True)


def test_a_field_over_the_csv_module_limit_is_an_issue_not_an_exception() -> None:
    text = HEADER + '2026-11-02,ines,call,,"' + "y" * 200_000 + '",,\n'
    rows = activity.read_interactions(text, people())
    assert list(rows) == []
    assert rows.issues[0].severity.value == "error"


def test_interactions_round_trip() -> None:
    net = people()
    records = [
        Interaction(
            at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
            contact_uids=("ines", "a1"),
            kind=InteractionKind.MEETING,
            direction=Direction.OUTBOUND,
            duration=timedelta(minutes=45),
            note='Lunch, "the usual"\nsecond line',
            replied=False,
        )
    ]
    again = activity.read_interactions(activity.dumps_interactions(records), net)
    assert again.issues == []
    assert again[0].model_dump(exclude={"id"}) == records[0].model_dump(exclude={"id"})
    # Ids derive from content: the same file read twice gives the same ids.
    text = activity.dumps_interactions(records)
    assert activity.read_interactions(text, net)[0].id == again[0].id


def test_ledger_round_trip_and_ref() -> None:
    net = people()
    entry = LedgerEntry(
        on=date(2026, 3, 1),
        contact_uid="ines",
        direction=FavourDirection.RECEIVED,
        kind=FavourKind.JOB_LEAD,
        weight=2.5,
        note="CTO office role",
    )
    by_email = activity.dumps_ledger([entry], ref=lambda uid: net.contact(uid).emails[0].address)
    assert "ines@example.pt" in by_email
    (again,) = activity.read_ledger(by_email, net)
    assert again.model_dump(exclude={"id"}) == entry.model_dump(exclude={"id"})


@pytest.mark.slow
def test_reading_is_linear_in_rows() -> None:
    net = people()

    def make(n: int) -> str:
        return HEADER + "".join(f"2026-11-02,ines@example.pt,call,,note {i},5,\n" for i in range(n))

    assert_linear(
        make, lambda text: activity.read_interactions(str(text), net), 400, what="rows", repeat=5
    )


@pytest.mark.slow
def test_resolving_is_linear_in_contacts_sharing_a_name() -> None:
    def make(n: int) -> Network:
        net = Network()
        net.add_contacts(Contact(uid=f"u{i}", formatted_name="Same Name") for i in range(n))
        return net

    def run(net: object) -> None:
        assert isinstance(net, Network)
        with pytest.raises(AmbiguousReferenceError):
            net.resolve("Same Name")

    assert_linear(make, run, 20_000, what="contacts sharing a name", repeat=5)


@pytest.mark.slow
def test_writing_is_linear_in_records() -> None:
    def make(n: int) -> list[Interaction]:
        at = datetime(2026, 11, 2, tzinfo=UTC)
        return [
            Interaction(
                id=f"i{k}",
                at=at,
                contact_uids=("ines", "a1"),
                kind=InteractionKind.CALL,
                note='comma, "quote"\nline',
            )
            for k in range(n)
        ]

    def run(items: object) -> None:
        assert isinstance(items, list)
        activity.dumps_interactions(items)

    assert_linear(make, run, 2_000, what="interactions written", repeat=5)


def test_a_byte_order_mark_is_recognised_by_the_pipeline_too() -> None:
    from netcore.io import FileKind, detect

    data = (HEADER + "2026-11-02,ines,call,,,,\n").encode("utf-16")
    assert detect(data, "log.csv") is FileKind.INTERACTIONS


def test_unknown_columns_are_one_warning_naming_the_first_five() -> None:
    # Found by tools/fuzz.py: one warning per column made a 22 KB header of 3,000 made-up
    # names hold 3,000 issues (32x the input after parsing).
    header = "date,contact,kind," + ",".join(f"extra{i}" for i in range(3000))
    rows = activity.read_interactions(header + "\n2026-11-02,ines@example.pt,call\n", people())
    warnings = [i for i in rows.issues if "not read by netcore" in i.message]
    assert len(warnings) == 1
    message = warnings[0].message
    assert "4 (extra0)" in message
    assert "8 (extra4)" in message
    assert "extra5" not in message
    assert "and 2995 more" in message
    assert len(list(rows)) == 1


def test_an_unknown_column_name_is_cut_in_the_warning() -> None:
    header = "date,contact,kind," + "x" * 5000
    rows = activity.read_interactions(header + "\n2026-11-02,ines@example.pt,call\n", people())
    (warning,) = [i for i in rows.issues if "not read by netcore" in i.message]
    assert "column 4 (" + "x" * 39 + "…) not read" in warning.message


# ---- no crash: any input gives rows and issues (or, strict, a ParseError) -------------

_ACTIVITY_PIECES = [
    HEADER,
    ",".join(activity.LEDGER_COLUMNS) + "\n",
    "received",
    "introduction",
    "open",
    "fulfilled",
    "2026-03-02T09:00:00Z",
    "2026-03-02",
    "2026-02-30",
    "ines",
    "Ana Costa",
    "ines@example.pt",
    "+351 912 345 678",
    "call",
    "email",
    "favour",
    "ask",
    "inbound",
    "given",
    "yes",
    "-5",
    "1e999",
    "nan",
    ",",
    '"',
    "\n",
    "\r\n",
    "\ufeff",
    "\x00",
]


@given(
    st.lists(st.sampled_from(_ACTIVITY_PIECES) | st.text(max_size=8), max_size=40).map("".join)
    | st.binary(max_size=200)
)
def test_any_input_gives_records_and_issues_never_another_exception(data: str | bytes) -> None:
    net = people()
    for read in (activity.read_interactions, activity.read_ledger):
        with watchdog():
            got = read(data, net, source="x.csv")
            assert all(i.source == "x.csv" for i in got.issues)
            with contextlib.suppress(ParseError):
                read(data, net, source="x.csv", strict=True)
