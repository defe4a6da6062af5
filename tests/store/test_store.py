from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import netcore.store
from netcore import (
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
    Network,
    NotFoundError,
    Organization,
    Phone,
    RecordConflictError,
    StoreError,
)
from netcore.dedupe import merged_values
from netcore.store import ImportReport, Store, StoreCounts, default_db_path
from netcore.store._schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from netcore.testing import networks

AT = datetime(2026, 1, 5, 9, tzinfo=UTC)


def snapshot(net: Network) -> tuple[object, ...]:
    return (
        list(net.contacts.items()),
        list(net.interactions),
        net.events,
        net.ledger.entries,
        net.ledger.aliases,
    )


def dump(store: Store) -> list[str]:
    return list(store._connection().iterdump())


def network(*contacts: Contact) -> Network:
    net = Network()
    net.add_contacts(contacts)
    return net


def ada(**changes: object) -> Contact:
    base = Contact(
        uid="ada",
        formatted_name="Ada Lovelace",
        emails=(Email(address="ada@example.org"),),
        phones=(Phone(number="+44 20 7946 0958"),),
    )
    return base.model_copy(update=changes)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as s:
        yield s


# ---- the public surface -----------------------------------------------------------------


def test_all_is_sorted_and_exact() -> None:
    assert netcore.store.__all__ == sorted(netcore.store.__all__)
    assert set(netcore.store.__all__) == {
        "ImportReport",
        "Store",
        "StoreCounts",
        "default_db_path",
    }


# ---- default location -------------------------------------------------------------------


def test_env_var_overrides_everything() -> None:
    env = {"NETCORE_DB": "/srv/n.db", "XDG_DATA_HOME": "/data", "APPDATA": "C:\\x"}
    assert default_db_path(env, platform="linux") == Path("/srv/n.db")
    assert default_db_path(env, platform="win32") == Path("/srv/n.db")


def test_xdg_data_home_when_absolute_else_local_share() -> None:
    assert default_db_path({"HOME": "/h", "XDG_DATA_HOME": "/x"}, platform="linux") == Path(
        "/x/netcore/netcore.db"
    )
    assert default_db_path({"HOME": "/h", "XDG_DATA_HOME": "rel"}, platform="linux") == Path(
        "/h/.local/share/netcore/netcore.db"
    )
    assert default_db_path({"HOME": "/h", "NETCORE_DB": ""}, platform="linux") == Path(
        "/h/.local/share/netcore/netcore.db"
    )


def test_macos_and_windows_locations() -> None:
    mac = default_db_path({"HOME": "/Users/ada", "XDG_DATA_HOME": "/x"}, platform="darwin")
    assert mac == Path("/Users/ada/Library/Application Support/netcore/netcore.db")
    win = default_db_path({"APPDATA": "C:\\Users\\ada\\AppData\\Roaming"}, platform="win32")
    assert win.parts[-3:] == ("Roaming", "netcore", "netcore.db")
    assert win.parts[0] == "C:\\"
    no_appdata = default_db_path({"USERPROFILE": "C:\\Users\\bo"}, platform="win32")
    assert no_appdata.parts[-5:] == ("bo", "AppData", "Roaming", "netcore", "netcore.db")


def test_default_reads_os_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETCORE_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    with Store.open() as s:
        assert s.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").is_file()


# ---- opening, pragmas, versions --------------------------------------------------------


def test_open_creates_folder_wal_and_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "n.db"
    with Store.open(path) as s:
        assert s.path == path
        assert s.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        conn = s._connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.closed
    with pytest.raises(StoreError, match="closed"):
        s.load()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade netcore"):
        Store.open(path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    path.write_bytes(b"BEGIN:VCARD\r\n" * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_migrations_run_once_in_order_and_roll_back_on_failure() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    ran: list[int] = []

    def step(n: int) -> object:
        def run(c: sqlite3.Connection) -> None:
            ran.append(n)
            c.execute(f"CREATE TABLE t{n} (x)")

        return run

    assert migrate(conn, [step(0), step(1)]) == 0
    assert migrate(conn, [step(0), step(1)]) == 2
    assert ran == [0, 1]
    assert user_version(conn) == 2

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE t2 (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(conn, [step(0), step(1), broken])
    assert user_version(conn) == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "t2" not in tables
    with pytest.raises(StoreError):
        migrate(conn, [step(0)])


# ---- re-import rules --------------------------------------------------------------------


def test_reimport_adds_nothing(store: Store) -> None:
    net = network(ada(), Contact(uid="bob", formatted_name="Bob"))
    net.log(Interaction(id="i1", at=AT, contact_uids=("ada", "bob"), kind=InteractionKind.CALL))
    first = store.import_network(net, source="a.vcf")
    before = dump(store)
    again = store.import_network(net, source="a.vcf")
    assert first.added == ("ada", "bob")
    assert first.interactions_added == 1
    assert again.rows_added == 0
    assert not again.changed
    assert again.unchanged == ("ada", "bob")
    assert again.interactions_known == 1
    assert dump(store) == before


def test_overlapping_file_adds_new_people_and_updates_known_ones(store: Store) -> None:
    store.import_network(
        network(ada(), Contact(uid="bob", emails=(Email(address="bob@example.org"),))),
        source="phone.vcf",
    )
    # Another export: fresh uids; Ada by phone with a new title, Bob by email unchanged,
    # Cy new.
    ada2 = Contact(
        uid="x-1",
        formatted_name="Ada Lovelace",
        phones=(Phone(number="+442079460958", types=("work",)),),
        organizations=(Organization(name="Analytical Engines", title="Programmer"),),
    )
    bob2 = Contact(uid="x-2", emails=(Email(address="BOB@example.org"),))
    cy = Contact(uid="x-3", formatted_name="Cy")
    second = network(ada2, bob2, cy)
    second.log(
        Interaction(id="i9", at=AT, contact_uids=("x-1", "x-3"), kind=InteractionKind.MEETING)
    )
    report = store.import_network(second, source="outlook.csv")
    assert report.added == ("x-3",)
    # Bob's address spelt in capitals is kept as an alternate spelling: an update.
    assert report.updated == ("ada", "bob")
    assert report.unchanged == ()
    assert dict(report.remapped) == {"x-1": "ada", "x-2": "bob"}
    loaded = store.load()
    assert list(loaded.contacts) == ["ada", "bob", "x-3"]
    merged = loaded.contact("ada")
    assert merged.emails == (Email(address="ada@example.org"),)  # kept
    assert merged.phones == (Phone(number="+44 20 7946 0958", types=("work",)),)  # re-typed
    assert merged.organizations[0].title == "Programmer"  # added
    assert loaded.contact("x-3").source == "outlook.csv"
    assert loaded.contact("ada").source == "phone.vcf"
    assert loaded.interactions[0].contact_uids == ("ada", "x-3")
    # The imported uids are remembered: the next import matches them at once.
    assert store.contact("x-1").uid == "ada"
    assert not store.import_network(second, source="outlook.csv").changed


def test_match_by_content_when_uid_email_and_phone_give_nothing(store: Store) -> None:
    store.add_contacts([Contact(uid="u1", formatted_name="Dee", note="met in Lyon")])
    report = store.add_contacts([Contact(uid="u2", formatted_name="Dee", note="met in Lyon")])
    assert report.unchanged == ("u1",)
    assert report.remapped == (("u2", "u1"),)
    other = store.add_contacts([Contact(uid="u3", formatted_name="Dee", note="met in Rome")])
    assert other.added == ("u3",)
    assert store.counts().contacts == 2


def test_a_stored_contact_is_matched_once_per_import(store: Store) -> None:
    store.add_contacts([Contact(uid="s", emails=(Email(address="shared@example.org"),))])
    twins = [
        Contact(uid="a", formatted_name="A", emails=(Email(address="shared@example.org"),)),
        Contact(uid="b", formatted_name="B", emails=(Email(address="shared@example.org"),)),
    ]
    report = store.add_contacts(twins)
    assert report.updated == ("s",)
    assert report.added == ("b",)
    # The uid pass comes first: "s" goes to the contact that names it.
    report2 = store.add_contacts(
        [
            Contact(uid="z", emails=(Email(address="shared@example.org"),), note="z"),
            Contact(uid="s", emails=(Email(address="shared@example.org"),)),
        ]
    )
    assert report2.unchanged[0] == "s"
    assert ("z", "s") not in report2.remapped


def test_update_keeps_everything_stored() -> None:
    from netcore.store._keys import update

    old = ada(name=Name(given="Ada"), note="first", categories=("math",))
    new = Contact(
        uid="other",
        emails=(Email(address="ADA@example.org", types=("home",)), Email(address="a@b.org")),
        note="second",
        categories=("poetry",),
    )
    merged = update(old, new)
    assert merged.uid == "ada"
    assert merged.name == Name(given="Ada")
    assert merged.formatted_name == "Ada Lovelace"
    # The stored note stays primary (no REV says the import is newer); the other is kept.
    assert merged.note == "first"
    assert merged_values(merged)["NOTE"] == ("second",)
    assert merged_values(merged)["ADDRESS"] == ("ADA@example.org",)
    assert merged.categories == ("math", "poetry")
    assert merged.emails == (
        Email(address="ada@example.org", types=("home",)),
        Email(address="a@b.org"),
    )
    assert merged.phones == old.phones
    assert update(merged, new) == merged


def test_events_and_ledger_entries_are_keyed(store: Store) -> None:
    net = network(ada())
    net.add_events([Event(uid="e", start=AT), Event(uid="e", start=date(2026, 2, 1))])
    entry = net.ledger.record(
        LedgerEntry(
            id="f1",
            on=date(2026, 1, 1),
            contact_uid="ada",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
        )
    )
    net.ledger.reverse(entry.id, on=date(2026, 1, 2))
    first = store.import_network(net)
    again = store.import_network(net)
    assert (first.events_added, first.ledger_added) == (2, 2)
    assert (again.events_known, again.ledger_known, again.rows_added) == (2, 2, 0)
    assert store.counts() == StoreCounts(contacts=1, interactions=0, events=2, ledger_entries=2)


def test_a_ledger_conflict_rolls_back_the_whole_import(store: Store) -> None:
    base = LedgerEntry(
        id="f1",
        on=date(2026, 1, 1),
        contact_uid="ada",
        direction=FavourDirection.GIVEN,
        kind=FavourKind.ADVICE,
    )
    store.add_contacts([ada()])
    assert store.record(base)
    assert store.record(base.model_copy(update={"id": "r1", "reverses": "f1"}))
    net = network(ada(), Contact(uid="new"))
    net.ledger.record(base)
    net.ledger.record(base.model_copy(update={"id": "r2", "reverses": "f1"}))
    before = dump(store)
    with pytest.raises(RecordConflictError, match="already reversed"):
        store.import_network(net)
    assert dump(store) == before
    with pytest.raises(NotFoundError):
        store.record(base.model_copy(update={"id": "r3", "reverses": "nope"}))


def test_log_checks_contacts_and_resolves_aliases(store: Store) -> None:
    store.add_contacts([ada()])
    store.add_contacts([Contact(uid="x-ada", emails=(Email(address="ada@example.org"),))])
    call = Interaction(id="c", at=AT, contact_uids=("x-ada",), kind=InteractionKind.CALL)
    assert store.log(call)
    assert store.load().interactions[0].contact_uids == ("ada",)
    ghost = Interaction(id="g", at=AT, contact_uids=("ghost",), kind=InteractionKind.CALL)
    before = dump(store)
    with pytest.raises(NotFoundError, match="ghost"):
        store.log_many([Interaction(id="ok", at=AT, contact_uids=("ada",), kind="call"), ghost])
    assert dump(store) == before


def test_add_contacts_refuses_duplicate_uids(store: Store) -> None:
    with pytest.raises(RecordConflictError):
        store.add_contacts([Contact(uid="a"), Contact(uid="a")])
    assert store.counts().total == 0


def test_add_events_links_attendees_and_is_idempotent(store: Store) -> None:
    store.add_contacts([ada()])
    ev = Event(
        uid="pycon",
        start=AT,
        # Accepted: pending attendees of someone else's invitation get nothing (issue 12).
        attendees=(
            Attendee(email="ADA@example.org", status=AttendeeStatus.ACCEPTED),
            Attendee(email="new@example.org", status=AttendeeStatus.ACCEPTED),
        ),
    )
    first = store.add_events([ev], create_missing=True)
    again = store.add_events([ev], create_missing=True)
    assert (first.events_added, first.interactions_created, len(first.created)) == (1, 2, 1)
    assert (again.events_added, again.events_known, again.interactions_created) == (0, 1, 0)
    assert store.counts() == StoreCounts(contacts=2, interactions=2, events=1, ledger_entries=0)


def test_find_by_email_and_phone(store: Store) -> None:
    store.add_contacts([ada(), Contact(uid="local", phones=(Phone(number="020 7946 0958"),))])
    assert [c.uid for c in store.find(email=" ADA@example.org ")] == ["ada"]
    assert [c.uid for c in store.find(phone="+44 (20) 7946-0958")] == ["ada"]
    assert store.find(phone="020 7946 0958") == []
    with pytest.raises(ValueError, match="exactly one"):
        store.find()
    with pytest.raises(NotFoundError):
        store.contact("nobody")


def test_save_replaces_and_load_round_trips(store: Store, tmp_path: Path) -> None:
    store.add_contacts([Contact(uid="old")])
    net = network(ada(), Contact(uid="bob"))
    net.log(Interaction(id="i", at=AT, contact_uids=("bob",), kind=InteractionKind.EMAIL))
    store.save(net)
    assert snapshot(store.load()) == snapshot(net)
    assert store.find(email="ada@example.org")[0].uid == "ada"


def test_load_reports_a_corrupt_record(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with Store.open(path) as s:
        s.add_contacts([ada()])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET data = ?", ('{"uid": ""}',))
    conn.commit()
    conn.close()
    with Store.open(path) as s, pytest.raises(StoreError, match="cannot read"):
        s.load()


def test_report_summary() -> None:
    report = ImportReport(source="a.vcf", added=("x",), unchanged=("y", "z"), events_added=2)
    assert report.summary() == (
        "a.vcf: 1 contact added, 0 updated, 2 unchanged; events 2 added, 0 already stored"
    )
    assert report.rows_added == 3


# ---- properties -------------------------------------------------------------------------


@given(networks())
def test_save_load_round_trip(net: Network) -> None:
    with Store.open(":memory:") as s:
        s.save(net)
        assert snapshot(s.load()) == snapshot(net)
        s.save(net)
        assert snapshot(s.load()) == snapshot(net)


@given(networks())
def test_import_into_an_empty_store_equals_save(net: Network) -> None:
    with Store.open(":memory:") as s:
        report = s.import_network(net)
        assert len(report.added) == len(net.contacts)
        assert snapshot(s.load()) == snapshot(net)


@st.composite
def overlapping(draw: st.DrawFn) -> tuple[Network, Network]:
    """A network and a second one that shares people with it under other uids."""
    first = draw(networks(max_contacts=4))
    second = draw(networks(max_contacts=3))
    shared = [c for c in first.contacts.values() if draw(st.booleans())]
    extra = []
    for n, c in enumerate(shared):
        copy = c.model_copy(update={"uid": f"copy-{n}"})
        if draw(st.booleans()):
            copy = copy.model_copy(update={"note": draw(st.sampled_from(["new", None, "x"]))})
        extra.append(copy)
    second.add_contacts(extra)
    return first, second


@given(overlapping())
def test_importing_twice_changes_nothing(pair: tuple[Network, Network]) -> None:
    first, second = pair
    with Store.open(":memory:") as s:
        s.import_network(first, source="first")
        s.import_network(second, source="second")
        before = dump(s)
        loaded = snapshot(s.load())
        report = s.import_network(second, source="second")
        assert report.rows_added == 0
        assert report.updated == ()
        assert dump(s) == before
        assert snapshot(s.load()) == loaded
        again = s.import_network(first, source="first")
        assert again.rows_added == 0


# ---- scale ------------------------------------------------------------------------------


@pytest.mark.slow
def test_reimport_of_10000_contacts_adds_no_row(tmp_path: Path) -> None:
    people = [
        Contact(
            uid=f"urn:uuid:{n:08d}",
            formatted_name=f"Person {n}",
            emails=(Email(address=f"p{n}@example.org"),),
            phones=(Phone(number=f"+4420{n:08d}"),),
            organizations=(Organization(name=f"Org {n % 97}", title="Engineer"),),
        )
        for n in range(10_000)
    ]
    net = network(*people)
    with Store.open(tmp_path / "n.db") as s:
        first = s.import_network(net, source="big.vcf")
        again = s.import_network(net, source="big.vcf")
        assert len(first.added) == 10_000
        assert again.rows_added == 0
        assert len(again.unchanged) == 10_000
        assert s.counts().contacts == 10_000


def test_reimporting_a_contact_that_lists_one_number_several_times_changes_nothing() -> None:
    # Found by the CI hypothesis profile: merging duplicate numbers used to take three
    # imports to settle, so the second import of the same file still "updated" the contact.
    from netcore import Phone

    one = Phone(number="+1 1000000")
    first, second = Network(), Network()
    first.add_contacts([Contact(uid="a", phones=(one,))])
    second.add_contacts(
        [
            Contact(
                uid="b",
                phones=(
                    one,
                    one.model_copy(update={"preferred": True}),
                    one.model_copy(update={"types": ("home",)}),
                    one,
                ),
            )
        ]
    )
    with Store.open(":memory:") as s:
        s.import_network(first)
        assert s.import_network(second).updated == ("a",)
        again = s.import_network(second)
        assert (again.updated, again.rows_added) == ((), 0)


def _mail(iid: str, replied: bool | None, note: str = "Lunch?") -> Interaction:
    return Interaction(
        id=iid,
        at=AT,
        contact_uids=("ada",),
        kind=InteractionKind.EMAIL,
        direction=Direction.OUTBOUND,
        replied=replied,
        note=note,
    )


def test_replied_only_rises_when_a_stored_interaction_is_imported_again() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([Contact(uid="ada")])
        assert store.log_many([_mail("f", False), _mail("n", None), _mail("t", True)]) == 3
        # The same ids again: replied False never lowers True, and other fields never change.
        again = [_mail("f", True, note="other"), _mail("n", True), _mail("t", False, note="x")]
        assert store.log_many(again) == 0
        got = {i.id: (i.replied, i.note) for i in store.load().interactions}
        assert got == {"f": (True, "Lunch?"), "n": (True, "Lunch?"), "t": (True, "Lunch?")}
        assert store.counts().interactions == 3


def test_mark_replied_raises_stored_interactions_and_ignores_unknown_ids() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([Contact(uid="ada")])
        store.log_many([_mail("f", False), _mail("n", None), _mail("t", True)])
        before = {i.id: i for i in store.load().interactions}
        assert store.mark_replied(["f", "nope"]) == 1
        assert store.mark_replied(["f", "n", "t"]) == 1
        assert store.mark_replied(["f", "n", "t"]) == 0
        after = {i.id: i for i in store.load().interactions}
        assert [i.replied for i in after.values()] == [True, True, True]
        for iid, i in after.items():
            assert i.model_dump(exclude={"replied"}) == before[iid].model_dump(exclude={"replied"})
