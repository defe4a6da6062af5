"""The store in columns: bulk writes of interactions and ledger, frames out (issue 16)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest

from _complexity import assert_linear
from netcore import (
    Contact,
    Direction,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
)
from netcore.errors import NotFoundError, RecordConflictError, StoreError
from netcore.store import Store

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

# The shared schema (docs/storage.md, briefs: columns-schema), spelled out here on purpose.
INTERACTIONS_SCHEMA = {
    "interaction_id": pl.String,
    "contact_uid": pl.String,
    "at": pl.Datetime("us", "UTC"),
    "kind": pl.String,
    "direction": pl.String,
    "replied": pl.Boolean,
    "duration_minutes": pl.Float64,
    "participants": pl.Int64,
    "event_uid": pl.String,
    "group_size": pl.Int64,
}
CONTACTS_SCHEMA = {
    "uid": pl.String,
    "cadence_days": pl.Int64,
    "categories": pl.List(pl.String),
    "formatted_name": pl.String,
    "is_me": pl.Boolean,
}
LEDGER_SCHEMA = {
    "id": pl.String,
    "contact_uid": pl.String,
    "on": pl.Date,
    "direction": pl.String,
    "kind": pl.String,
    "weight": pl.Float64,
    "reverses": pl.String,
    "type": pl.String,
}


def call(n: int, *uids: str, replied: bool | None = None) -> Interaction:
    return Interaction(
        id=f"i{n}",
        at=AT + timedelta(minutes=n),
        contact_uids=uids or ("ada",),
        kind=InteractionKind.CALL,
        replied=replied,
    )


def favour(n: int, uid: str = "ada", reverses: str | None = None) -> LedgerEntry:
    return LedgerEntry(
        id=f"f{n}",
        on=date(2026, 3, 1),
        contact_uid=uid,
        direction=FavourDirection.GIVEN,
        kind=FavourKind.ADVICE,
        reverses=reverses,
    )


@pytest.fixture
def store() -> Store:
    s = Store.open(":memory:")
    s.add_contacts([Contact(uid="ada"), Contact(uid="bob"), Contact(uid="cy")])
    return s


def test_frames_have_exactly_the_shared_schema(store: Store) -> None:
    assert dict(store.interactions_frame().schema) == INTERACTIONS_SCHEMA
    assert dict(store.contacts_frame().schema) == CONTACTS_SCHEMA
    assert dict(store.ledger_frame().schema) == LEDGER_SCHEMA


def test_interactions_frame_holds_one_row_per_contact_with_utc_times(store: Store) -> None:
    rich = Interaction(
        id="m1",
        at=datetime(2026, 1, 5, 11, 30, tzinfo=timezone(timedelta(hours=2))),
        contact_uids=("bob", "ada"),
        kind=InteractionKind.MEETING,
        direction=Direction.OUTBOUND,
        duration=timedelta(minutes=90, seconds=30),
        event_uid="ev-1",
        replied=False,
        participants=3,
        note="not in the frame",
    )
    store.log_many([call(1), rich])
    rows = store.interactions_frame().rows()
    utc = [datetime(2026, 1, 5, 9, 1, tzinfo=UTC), datetime(2026, 1, 5, 9, 30, tzinfo=UTC)]
    assert rows == [
        ("i1", "ada", utc[0], "call", "mutual", None, None, None, None, None),
        ("m1", "bob", utc[1], "meeting", "outbound", False, 90.5, 3, "ev-1", 3),
        ("m1", "ada", utc[1], "meeting", "outbound", False, 90.5, 3, "ev-1", 3),
    ]


def test_contacts_and_ledger_frames(store: Store) -> None:
    store.set_cadence("bob", 14)
    store.add_contacts([Contact(uid="dee", formatted_name="Dee", categories=("work", "x"))])
    store.record(favour(1))
    store.record(favour(2, reverses="f1"))
    contacts = store.contacts_frame()
    assert contacts.rows() == [
        ("ada", None, [], "", False),
        ("bob", 14, [], "", False),
        ("cy", None, [], "", False),
        ("dee", None, ["work", "x"], "Dee", False),
    ]
    assert store.ledger_frame().rows() == [
        ("f1", "ada", date(2026, 3, 1), "given", "advice", 1.0, None, "favour"),
        ("f2", "ada", date(2026, 3, 1), "given", "advice", 1.0, "f1", "favour"),
    ]


@pytest.mark.slow
def test_frames_agree_with_the_loaded_network(tmp_path: Path) -> None:
    from netcore.io import build_network

    data = Path(__file__).resolve().parents[2] / "examples" / "data"
    net = build_network([data], as_of=date(2026, 11, 27)).network
    with Store.open(tmp_path / "s.db") as s:
        s.save(net)
        loaded = s.load()
        frame = s.interactions_frame()
        ledger = s.ledger_frame()
    expected = [
        (i.id, uid, i.at.astimezone(UTC), i.kind.value, i.direction.value, i.replied)
        for i in loaded.interactions
        for uid in i.contact_uids
    ]
    assert len(expected) > 100
    got = frame.select("interaction_id", "contact_uid", "at", "kind", "direction", "replied")
    assert got.rows() == expected
    assert ledger["id"].to_list() == [e.id for e in loaded.ledger.entries]


def test_bulk_import_keeps_order_across_batches_and_skips_known_ids(store: Store) -> None:
    from netcore.store import _store

    n = _store._BATCH + 7
    batch = [call(k, ("ada", "bob", "cy")[k % 3]) for k in range(n)]
    assert store.log_many(batch[:10]) == 10
    assert store.log_many(batch) == n - 10
    assert store.log_many(batch) == 0
    frame = store.interactions_frame()
    assert frame["interaction_id"].to_list() == [f"i{k}" for k in range(n)]
    assert store.counts().interactions == n


def test_bulk_import_raises_replied_on_repeats_within_and_across_batches(store: Store) -> None:
    report = store.import_records(interactions=[call(1, replied=False), call(1, replied=True)])
    assert (report.interactions_added, report.interactions_known) == (1, 1)
    store.log_many([call(2), call(2, replied=True)])
    assert store.interactions_frame()["replied"].to_list() == [True, True]


def test_bulk_import_refuses_unknown_contacts_and_stores_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError, match="'i2' names unknown contact 'zed'"):
        store.log_many([call(1), call(2, "ada", "zed")])
    assert store.counts().interactions == 0


def test_bulk_import_stores_an_alias_under_its_contact(store: Store) -> None:
    store.add_contacts([Contact(uid="x-ada")])  # the same content as ada: matched to her
    assert store.aliases() == {"x-ada": "ada"}
    store.log_many([call(1, "x-ada", "bob"), call(2, "x-ada", "ada")])
    frame = store.interactions_frame()
    assert frame.select("interaction_id", "contact_uid").rows() == [
        ("i1", "ada"),
        ("i1", "bob"),
        ("i2", "ada"),
    ]


def test_bulk_ledger_dedupes_by_id_and_checks_the_whole_ledger(store: Store) -> None:
    report = store.import_records(entries=[favour(1), favour(1), favour(2, reverses="f1")])
    assert (report.ledger_added, report.ledger_known) == (2, 1)
    with pytest.raises(RecordConflictError):
        store.import_records(entries=[favour(3), favour(4, reverses="f1")])
    assert store.ledger_frame()["id"].to_list() == ["f1", "f2"]


def test_a_record_edited_outside_netcore_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as s:
        s.add_contacts([Contact(uid="ada")])
        s.log(call(1))
    conn = sqlite3.connect(path)
    conn.execute('UPDATE interactions SET data = \'{"id": 3, "at": "soon"}\'')
    conn.commit()
    conn.close()
    with Store.open(path) as s, pytest.raises(StoreError, match="cannot be read"):
        s.interactions_frame()


def test_save_writes_interactions_in_bulk_and_load_reads_them_back(store: Store) -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
    net.log_many([call(k, "ada", "bob") for k in range(3)])
    store.save(net)
    assert [i.id for i in store.load().interactions] == ["i0", "i1", "i2"]
    assert store.interactions_frame().height == 6


UIDS = [f"c{k}" for k in range(200)]


def _stored(tmp_path: Path, items: list[Interaction], name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db")
    store.add_contacts([Contact(uid=u) for u in UIDS])
    store.log_many(items)
    return store


@pytest.mark.slow
def test_bulk_import_grows_linearly(tmp_path: Path) -> None:
    counter = iter(range(10**9))

    def make(n: int) -> list[Interaction]:
        # Every interaction names two contacts, the same few again and again.
        return [call(k, UIDS[k % 7], UIDS[k % 5 + 7]) for k in range(n)]

    def run(items: object) -> None:
        assert isinstance(items, list)
        _stored(tmp_path, items, str(next(counter))).close()

    assert_linear(make, run, 2_000, what="Store.log_many", repeat=2)


@pytest.mark.slow
def test_frames_grow_linearly(tmp_path: Path) -> None:
    def make(n: int) -> Store:
        return _stored(tmp_path, [call(k, UIDS[k % 200]) for k in range(n)], f"f{n}")

    def run(store: object) -> None:
        assert isinstance(store, Store)
        store.interactions_frame()
        store.contacts_frame()
        store.ledger_frame()

    assert_linear(make, run, 3_000, what="Store frames", repeat=3)


@pytest.mark.slow
def test_polars_is_imported_only_when_columns_are_asked_for() -> None:
    import subprocess
    import sys

    code = (
        "import sys, netcore.cli, netcore.store\n"
        "assert 'polars' not in sys.modules, 'polars imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
