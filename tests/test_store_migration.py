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

_V1 = Path(__file__).parent / "data" / "store-v1.db"


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
_V2 = Path(__file__).parent / "data" / "store-v2.db"
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
