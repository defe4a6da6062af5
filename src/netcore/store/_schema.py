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


def _v3(conn: sqlite3.Connection) -> None:
    """Version 3: who knows whom (``relations``) and the search index (``contact_search``).

    ``relations`` holds the explicit relations (``Network.relate``) as JSON, keyed by the
    two uids in sorted order and the kind; derived relations are computed, not stored.
    ``contact_search`` is an FTS5 index of each contact's search document (names,
    organisations, titles, categories, emails and phones, event titles, notes) with
    the ``unicode61 remove_diacritics 2`` tokenizer; ``search_state`` says when it must
    be rebuilt. Triggers mark it stale when a contact changes; when a contact is
    deleted they hand its relations to the contact it was merged into (a
    ``ledger_aliases`` row), else remove them, and empty the index, so that nothing of
    a forgotten person stays in either.
    """
    statements = (
        """CREATE TABLE relations (
               a TEXT NOT NULL,
               b TEXT NOT NULL,
               kind TEXT NOT NULL,
               data TEXT NOT NULL,
               PRIMARY KEY (a, b, kind),
               CHECK (a < b)) WITHOUT ROWID""",
        "CREATE INDEX relations_b ON relations(b)",
        """CREATE VIRTUAL TABLE contact_search USING fts5(
               uid UNINDEXED, name, organization, title, categories, contact, events, notes,
               alternates,
               tokenize = 'unicode61 remove_diacritics 2')""",
        """CREATE TABLE search_state (
               key TEXT PRIMARY KEY,
               value TEXT NOT NULL)""",
        "INSERT INTO search_state (key, value) VALUES ('stale', '1')",
        """CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
               UPDATE search_state SET value = '1' WHERE key = 'stale';
           END""",
        """CREATE TRIGGER contacts_search_update AFTER UPDATE ON contacts BEGIN
               UPDATE search_state SET value = '1' WHERE key = 'stale';
           END""",
        # A merged-away contact (``Store.merge`` records it in ledger_aliases first)
        # hands its relations to the survivor; a forgotten one takes them along.
        """CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
               UPDATE search_state SET value = '1' WHERE key = 'stale';
               INSERT OR IGNORE INTO relations (a, b, kind, data)
                   SELECT min(m.new_uid, o.other), max(m.new_uid, o.other), o.kind,
                          json_set(o.data,
                                   CASE WHEN json_extract(o.data, '$.a') = OLD.uid
                                        THEN '$.a' ELSE '$.b' END,
                                   m.new_uid)
                   FROM (SELECT kind, data, CASE WHEN a = OLD.uid THEN b ELSE a END AS other
                         FROM relations WHERE a = OLD.uid OR b = OLD.uid) AS o
                   JOIN ledger_aliases AS m ON m.old_uid = OLD.uid
                   WHERE o.other <> m.new_uid;
               DELETE FROM relations WHERE a = OLD.uid OR b = OLD.uid;
               DELETE FROM contact_search;
               -- merge the index segments: no deleted token stays in an old one
               INSERT INTO contact_search (contact_search) VALUES ('optimize');
           END""",
    )
    for statement in statements:
        conn.execute(statement)


def _v4(conn: sqlite3.Connection) -> None:
    """Version 4: the search index holds text folded in Python (one folding rule).

    ``contact_search`` is recreated with the ``ascii`` tokenizer (it splits only on
    ASCII punctuation and spaces): each field is stored as its words folded by
    ``netcore.model.relations.fold`` (every script: Hangul, Greek, Cyrillic,
    Devanagari, ``ß``), which the query terms are folded by too. The index is rebuilt
    from the stored network at the next search.
    """
    statements = (
        "DROP TABLE contact_search",
        """CREATE VIRTUAL TABLE contact_search USING fts5(
               uid UNINDEXED, name, organization, title, categories, contact, events, notes,
               alternates,
               tokenize = 'ascii')""",
        "UPDATE search_state SET value = '1' WHERE key = 'stale'",
    )
    for statement in statements:
        conn.execute(statement)


def _v5(conn: sqlite3.Connection) -> None:
    """Version 5: the search index holds the words of ``index_words`` (issue 17).

    A word with an apostrophe also as one word (``obrien``), CJK words also by their
    suffixes, phones also by their key, the Arabic tatweel folded away: the table is
    unchanged, its rows are rebuilt from the stored network at the next search.
    """
    conn.execute("UPDATE search_state SET value = '1' WHERE key = 'stale'")


MIGRATIONS: Sequence[Migration] = (_v1, _v2, _v3, _v4, _v5)
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
