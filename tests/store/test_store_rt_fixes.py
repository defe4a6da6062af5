"""Store-level regression tests for red-team findings (RT-store-N) fixed in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcore import Contact
from netcore.store import Store


def test_set_cadence_out_of_range_is_refused_and_nothing_is_written() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
        with pytest.raises(ValueError, match="cadence_days"):  # bad input, not a bad store
            store.set_cadence("ada", 99_999_999_999)
        assert store.contact("ada").cadence_days is None
        assert store.load().contact("ada").formatted_name == "Ada"


def test_tombstone_is_scrypt_and_an_old_sha256_tombstone_still_matches() -> None:
    import hashlib

    from netcore import Email
    from netcore.store._keys import TOMBSTONE_KDF, salted

    ada = Contact(uid="ada", emails=(Email(address="ada@example.org"),))
    with Store.open(":memory:") as store:
        store.add_contacts([ada])
        store.forget("ada")
        conn = store._connection()
        salt = conn.execute("SELECT value FROM settings WHERE key = 'forget.salt'").fetchone()
        salt_text = salt[0].strip('"')
        rows = {r[0] for r in conn.execute("SELECT key_hash FROM forgotten")}
        expected = hashlib.scrypt(
            b"email:ada@example.org", salt=salt_text.encode(), **TOMBSTONE_KDF
        ).hex()
        assert "scrypt1$" + expected in rows
        # a store written before: its plain salted SHA-256 tombstone still stops a re-import
        conn.execute("DELETE FROM forgotten")
        conn.execute(
            "INSERT INTO forgotten (key_hash, at) VALUES (?, 'x')",
            (salted(salt_text, "email:ada@example.org"),),
        )
        again = store.add_contacts([ada.model_copy(update={"uid": "other"})])
        assert again.forgotten == ("other",)
        assert again.added == ()


def test_compact_fails_while_a_reader_holds_a_snapshot_then_succeeds(tmp_path: Path) -> None:
    import sqlite3

    from netcore.errors import StoreError

    db = tmp_path / "n.db"
    with Store.open(db) as store:
        store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM contacts").fetchone()
    with Store.open(db, timeout=0.1) as store:
        store.add_contacts([Contact(uid="bob", formatted_name="Bob")])
        with pytest.raises(StoreError, match="another connection"):
            store.compact()
        reader.close()
        store.compact()
        assert store.counts().contacts == 2


def test_key_less_contact_matches_its_csv_shape_without_the_structured_name() -> None:
    from netcore.model import Name

    stored = Contact(uid="nokey", formatted_name="Only Name", note="no key")
    back = Contact(
        uid="fresh",
        formatted_name="Only Name",
        note="no key",
        name=Name(given="Only", family="Name"),
    )
    other = back.model_copy(update={"uid": "other", "note": "another person"})
    with Store.open(":memory:") as store:
        store.add_contacts([stored])
        report = store.add_contacts([back], source="out.csv")
        assert report.added == ()
        assert store.add_contacts([other], source="x.csv").added == ("other",)


def test_merging_a_pair_twice_is_a_record_conflict() -> None:
    from netcore.errors import RecordConflictError

    with Store.open(":memory:") as store:
        store.add_contacts(
            [Contact(uid="a", formatted_name="A"), Contact(uid="b", formatted_name="B")]
        )
        store.merge("a", "b")
        with pytest.raises(RecordConflictError):
            store.merge("a", "b")
        assert [c.uid for c in store.load().contacts.values()] == ["a"]


def test_ledger_add_appends_after_a_ledger_without_a_final_newline(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from netcore.cli import app

    ledger = tmp_path / "favours.csv"
    ledger.write_text(
        "date,contact,direction,kind,weight,note\n2026-01-01,ada,given,advice,1,x", encoding="utf-8"
    )
    book = tmp_path / "book.vcf"  # ledger add --ledger checks the person (issue 20 item 4)
    book.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:bob\nFN:Bob\nEND:VCARD\n", encoding="utf-8")
    args = ["ledger", "add", "bob", "received", "introduction", "--ledger", str(ledger)]
    args += ["--contacts", str(book)]
    result = CliRunner().invoke(app, [*args, "--on", "2026-02-01"])
    assert result.exit_code == 0, result.stderr
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "2026-01-01,ada,given,advice,1,x"
    assert lines[2].startswith("2026-02-01,bob,received,introduction,1")
