"""Stores written by earlier versions of main open with this netcore, nothing lost.

``tests/data/store-v1.db`` was written by main at schema version 1 (commit 3333416) with
``netcore import examples/data --db tests/data/store-v1.db``: 59 contacts, 511
interactions, 85 events and 18 ledger entries.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from netcore.model import Contact
from netcore.store import Store
from netcore.store._keys import content_hash
from netcore.store._schema import SCHEMA_VERSION, user_version

_V1 = Path(__file__).resolve().parents[1] / "data" / "store-v1.db"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "store.db"
    shutil.copyfile(_V1, target)
    return target


def test_the_v1_fixture_is_at_version_1() -> None:
    conn = sqlite3.connect(_V1)
    try:
        assert user_version(conn) == 1
    finally:
        conn.close()


def test_a_v1_store_migrates_without_losing_a_record(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        net = store.load()
    assert len(net.contacts) == 59
    assert len(net.interactions) == 511
    assert len(list(net.events)) == 85
    assert len(net.ledger) == 18
    # Every contact written at v1 reads back with its name and uid.
    names = {c.formatted_name for c in net.contacts.values()}
    assert "Oliver Hughes" in names


def test_the_v2_side_tables_exist_after_migration(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"settings", "rejected_pairs", "forgotten"} <= tables


def test_v1_rows_hash_and_serialize_as_they_were_written() -> None:
    # Records gained optional group/params (issue 13): left out of JSON while empty, so a
    # stored row re-serializes byte for byte and its content hash is unchanged.
    conn = sqlite3.connect(_V1)
    try:
        rows = conn.execute("SELECT hash, data FROM contacts").fetchall()
    finally:
        conn.close()
    assert len(rows) == 59
    for stored_hash, data in rows:
        contact = Contact.model_validate_json(data)
        assert contact.model_dump_json() == data
        assert content_hash(contact) == stored_hash


# ``tests/data/store-v2.db`` was written by main at schema version 2 (commit 8643369) with
# ``netcore import examples/data --db tests/data/store-v2.db --me alex.morgan@example.net``,
# then ``Store.set_me(Me(emails=("alex.morgan@example.net",)))`` and one rejected pair:
# 58 contacts, 578 interactions, 89 events, 18 ledger entries.
_V2 = Path(__file__).resolve().parents[1] / "data" / "store-v2.db"
_V2_REJECTED = (
    "ca83c393-577a-51b0-b5d0-fe1a9e7f5adf",
    "urn:uuid:09b6bc6e-fe56-5830-84b7-8c54cc90c37b",
)


def test_the_v2_fixture_is_at_version_2() -> None:
    conn = sqlite3.connect(_V2)
    try:
        assert user_version(conn) == 2
    finally:
        conn.close()


def test_a_v2_store_opens_without_losing_a_record(tmp_path: Path) -> None:
    target = tmp_path / "store.db"
    shutil.copyfile(_V2, target)
    before = sqlite3.connect(_V2)
    try:
        rows = {
            table: sorted(before.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("contacts", "interactions", "events", "ledger_entries")
        }
    finally:
        before.close()
    with Store.open(target) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.me is not None
        assert store.me.emails == ("alex.morgan@example.net",)
        assert store.rejected_pairs() == [_V2_REJECTED]
        net = store.load()
    assert len(net.contacts) == 58
    assert len(net.interactions) == 578
    assert len(list(net.events)) == 89
    assert len(net.ledger) == 18
    after = sqlite3.connect(target)
    try:
        for table, expected in rows.items():
            assert sorted(after.execute(f"SELECT * FROM {table}").fetchall()) == expected, table
    finally:
        after.close()


def test_a_v2_store_migrates_to_v3_keeping_every_row_and_gains_relations_and_search(
    tmp_path: Path,
) -> None:
    target = tmp_path / "store.db"
    shutil.copyfile(_V2, target)
    tables = (
        "contacts",
        "contact_emails",
        "contact_phones",
        "contact_aliases",
        "interactions",
        "interaction_contacts",
        "events",
        "ledger_entries",
        "ledger_aliases",
        "settings",
        "rejected_pairs",
        "forgotten",
    )
    before = sqlite3.connect(_V2)
    try:
        rows = {t: sorted(before.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    finally:
        before.close()
    with Store.open(target) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.relations() == []
        found = [c.formatted_name for c in store.search("kubernetes")]
        net = store.load()
        ana, oliver = net.resolve("Inês Duarte"), net.resolve("Oliver Hughes")
        store.relate(ana, oliver, note="same team")
    assert "Oliver Hughes" in found
    conn = sqlite3.connect(target)
    try:
        assert user_version(conn) == SCHEMA_VERSION
        for table, expected in rows.items():
            assert sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) == expected, table
        assert conn.execute("SELECT count(*) FROM relations").fetchone() == (1,)
        indexed = conn.execute("SELECT count(*) FROM contact_search").fetchone()[0]
    finally:
        conn.close()
    assert indexed == 58


# ``tests/data/store-v4.db`` was written by main at schema version 4 (commit d6192a8) with
# ``python tests/data/build_store_v4.py``: five contacts whose names version 5 folds
# differently for search, and the version 4 search index built by one search.
_V4 = Path(__file__).resolve().parents[1] / "data" / "store-v4.db"


def test_the_v4_fixture_is_at_version_4_with_its_old_index() -> None:
    conn = sqlite3.connect(_V4)
    try:
        assert user_version(conn) == 4
        rows = dict(conn.execute("SELECT uid, name FROM contact_search").fetchall())
        assert rows["o"] == "conor o brien"  # no "obrien" in the version 4 index
    finally:
        conn.close()


def test_a_v4_store_migrates_to_v5_and_searches_with_the_new_folding(tmp_path: Path) -> None:
    # Issue 17 (RT-networker2-4, -5, -14): the index is rebuilt with today's folding.
    target = tmp_path / "store.db"
    shutil.copyfile(_V4, target)
    with Store.open(target) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert [c.uid for c in store.search("obrien")] == ["o"]
        assert [c.uid for c in store.search("小龙")] == ["h"]
        assert [c.uid for c in store.search("太郎")] == ["y"]
        assert [c.uid for c in store.search("محمد")] == ["a"]
        assert [c.uid for c in store.search("lee")] == ["b"]
        assert [c.uid for c in store.search("who at acme")] == ["b", "o"]
        assert len(store.load().contacts) == 5
