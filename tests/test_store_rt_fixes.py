"""Store-level regression tests for red-team findings (RT-store-N) fixed in the store."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from netcore import Contact
from netcore.store import Store


def test_set_cadence_out_of_range_is_refused_and_nothing_is_written() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
        with pytest.raises(ValidationError):
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
