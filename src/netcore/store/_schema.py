"""The SQLite schema and its migrations (private).

The schema version is SQLite's ``PRAGMA user_version``. :data:`MIGRATIONS` is the
ordered list of functions that bring a database from version ``i`` to ``i + 1``;
:data:`SCHEMA_VERSION` is its length. :func:`migrate` runs the missing ones in one
transaction together with the version bump, so that a crash leaves the database at the
old version or the new one, never between. A database whose version is higher than
this netcore knows is refused with :class:`~netcore.errors.StoreError`.

To change the schema, append a function to :data:`MIGRATIONS`; never edit one that has
shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from netcore.errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate", "user_version"]

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    """Version 1: records as JSON, with their keys in indexed columns and side tables."""
    statements = (
        # Each record keeps the order it was added in (the integer primary key), its
        # identity, and its JSON exactly as ``model_dump_json`` wrote it.
        """CREATE TABLE contacts (
               seq INTEGER PRIMARY KEY,
               uid TEXT NOT NULL UNIQUE,
               hash TEXT NOT NULL,
               data TEXT NOT NULL)""",
        "CREATE INDEX contacts_hash ON contacts(hash)",
        # Lookup keys: case-folded email addresses and E.164 phone numbers.
        """CREATE TABLE contact_emails (
               email TEXT NOT NULL,
               seq INTEGER NOT NULL REFERENCES contacts(seq) ON DELETE CASCADE,
               PRIMARY KEY (email, seq)) WITHOUT ROWID""",
        "CREATE INDEX contact_emails_seq ON contact_emails(seq)",
        """CREATE TABLE contact_phones (
               e164 TEXT NOT NULL,
               seq INTEGER NOT NULL REFERENCES contacts(seq) ON DELETE CASCADE,
               PRIMARY KEY (e164, seq)) WITHOUT ROWID""",
        "CREATE INDEX contact_phones_seq ON contact_phones(seq)",
        # Imported uids that matched a stored contact of another uid: the next import
        # of the same file matches them at once, as if by uid.
        """CREATE TABLE contact_aliases (
               uid TEXT PRIMARY KEY,
               seq INTEGER NOT NULL REFERENCES contacts(seq) ON DELETE CASCADE)""",
        "CREATE INDEX contact_aliases_seq ON contact_aliases(seq)",
        """CREATE TABLE interactions (
               seq INTEGER PRIMARY KEY,
               id TEXT NOT NULL UNIQUE,
               data TEXT NOT NULL)""",
        """CREATE TABLE interaction_contacts (
               uid TEXT NOT NULL,
               seq INTEGER NOT NULL REFERENCES interactions(seq) ON DELETE CASCADE,
               PRIMARY KEY (uid, seq)) WITHOUT ROWID""",
        "CREATE INDEX interaction_contacts_seq ON interaction_contacts(seq)",
        """CREATE TABLE events (
               seq INTEGER PRIMARY KEY,
               uid TEXT NOT NULL,
               start TEXT NOT NULL,
               data TEXT NOT NULL,
               UNIQUE (uid, start))""",
        """CREATE TABLE ledger_entries (
               seq INTEGER PRIMARY KEY,
               id TEXT NOT NULL UNIQUE,
               contact_uid TEXT NOT NULL,
               data TEXT NOT NULL)""",
        "CREATE INDEX ledger_entries_contact ON ledger_entries(contact_uid)",
        # Ledger aliases left by merges (merged-away uid -> surviving uid), in order.
        """CREATE TABLE ledger_aliases (
               seq INTEGER PRIMARY KEY,
               old_uid TEXT NOT NULL UNIQUE,
               new_uid TEXT NOT NULL)""",
    )
    for statement in statements:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Version 2: side tables for the owner's settings, reviewed pairs and forgotten people.

    ``settings`` holds store-wide values such as the owner's identity ("me") as JSON;
    ``rejected_pairs`` the duplicate pairs a person rejected in review (uids in sorted
    order), so they are not proposed again; ``forgotten`` salted hashes of the match keys
    of people removed with ``forget``, so a later import can say so instead of silently
    bringing them back.
    """
    statements = (
        """CREATE TABLE settings (
               key TEXT PRIMARY KEY,
               value TEXT NOT NULL)""",
        """CREATE TABLE rejected_pairs (
               a TEXT NOT NULL,
               b TEXT NOT NULL,
               at TEXT NOT NULL,
               PRIMARY KEY (a, b),
               CHECK (a < b)) WITHOUT ROWID""",
        """CREATE TABLE forgotten (
               key_hash TEXT PRIMARY KEY,
               at TEXT NOT NULL) WITHOUT ROWID""",
    )
    for statement in statements:
        conn.execute(statement)


MIGRATIONS: Sequence[Migration] = (_v1, _v2)
"""Migration ``i`` brings a database from version ``i`` to ``i + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this netcore writes."""


def user_version(conn: sqlite3.Connection) -> int:
    """The database's schema version (``PRAGMA user_version``)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database to ``len(migrations)``; return the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``): the migrations and
    the version bump run in one ``BEGIN IMMEDIATE`` transaction.

    Raises:
        StoreError: The database is of a newer version than ``migrations`` know.
    """
    target = len(migrations)
    found = user_version(conn)
    if found > target:
        raise StoreError(
            f"the database is at schema version {found}, but this netcore knows only up to "
            f"{target}: upgrade netcore to open it"
        )
    if found == target:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated between our read and our lock.
        current = user_version(conn)
        for step in migrations[current:target]:
            step(conn)
        # PRAGMA takes no parameters; ``target`` is an int computed here, not input.
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
