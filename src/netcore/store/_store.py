"""The SQLite store (private; ``Store`` is re-exported by ``netcore.store``)."""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

import attrs
import pydantic

from netcore import _gc
from netcore.errors import NotFoundError, RecordConflictError, StoreError
from netcore.model import (
    Contact,
    Event,
    EventReport,
    Interaction,
    Ledger,
    LedgerEntry,
    Me,
    Network,
    Phone,
)
from netcore.store._keys import (
    content_hash,
    email_keys,
    forget_keys,
    loose_hash,
    phone_keys,
    record_json,
    salted,
    tombstone,
    update,
)
from netcore.store._paths import default_db_path
from netcore.store._relations import (
    RelationsMixin,
    import_relations,
    insert_relations,
    read_relations,
)
from netcore.store._report import ImportReport, StoreCounts
from netcore.store._schema import migrate, user_version

if TYPE_CHECKING:
    import polars as pl

_ME_KEY = "me"
"""The ``settings`` key of the owner's identity (a JSON ``Me``)."""


def _read_me(conn: sqlite3.Connection) -> Me | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (_ME_KEY,)).fetchone()
    return None if row is None else Me.model_validate_json(row[0])


__all__ = ["Store"]

_MEMORY = ":memory:"

T = TypeVar("T")
R = TypeVar("R")

_Row = tuple[int, str, str]
"""``(seq, hash, data)`` of a stored contact."""


def _first_line(exc: BaseException) -> str:
    """A pydantic error in one line (its first two: the model and the first problem)."""
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return "; ".join(lines[:2])


def _store_errors(cls: type[T]) -> type[T]:
    """Make every public method of ``cls`` raise StoreError for what the database holds.

    A store edited outside netcore (a dropped table, a row of garbage or of the wrong
    type) fails in sqlite3 or pydantic wherever it is read; this is the one place that
    turns those into :class:`StoreError`, naming the store.
    """
    for name, fn in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(fn):
            continue
        setattr(cls, name, _guarded(fn))
    return cls


def _guarded(fn: Callable[..., R]) -> Callable[..., R]:
    @functools.wraps(fn)
    def wrapper(self: object, *args: object, **kwargs: object) -> R:
        try:
            return fn(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"{self} cannot be read or written: {exc}") from exc
        except pydantic.ValidationError as exc:
            raise StoreError(
                f"{self} holds a record netcore cannot read (edited outside netcore?): "
                f"{_first_line(exc)}"
            ) from exc

    return wrapper


@_store_errors
class Store(RelationsMixin):
    """A network kept in a SQLite database: import files into it again and again, safely.

    Open one with :meth:`open` (also a context manager). The database runs in WAL mode
    with ``synchronous=FULL``: every method that writes does so in one transaction that
    is on disk when the method returns, and a crash at any moment leaves the database as
    it was before that transaction or after it.

    Two ways to write:

    * :meth:`import_network` (and :meth:`add_contacts`, :meth:`log`, :meth:`log_many`,
      :meth:`add_events`, :meth:`record`) *accumulate*: a contact matching a stored one by
      uid, else by email address (case-insensitive) or E.164 phone number, else by content
      is updated in place (it keeps the stored uid), never doubled; interactions (by id),
      event occurrences (by uid and start) and ledger entries (by id) already stored are
      left alone. Importing the same file twice adds nothing the second time.
    * :meth:`save` *replaces* the stored network with the one given.

    :meth:`load` reads the whole network back.

    Examples:
        >>> from netcore import Contact, Email, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace",
        ...                           emails=(Email(address="ada@example.org"),))])
        >>> with Store.open(":memory:") as store:
        ...     _ = store.import_network(net, source="phone.vcf")
        ...     # The same person from another export, with another uid and a title:
        ...     other = Network()
        ...     other.add_contacts([Contact(uid="x-17", formatted_name="Ada Lovelace",
        ...                                 emails=(Email(address="ADA@example.org"),),
        ...                                 note="met at the Analytical Society")])
        ...     report = store.import_network(other, source="outlook.csv")
        ...     loaded = store.load()
        >>> report.updated, report.remapped
        (('ada',), (('x-17', 'ada'),))
        >>> list(loaded.contacts), loaded.contact("ada").note
        (['ada'], 'met at the Analytical Society')
    """

    __slots__ = ("_conn", "_path")

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        """Use :meth:`open`."""
        self._conn: sqlite3.Connection | None = conn
        self._path = path

    # ---- opening and closing --------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, timeout: float = 5.0) -> Self:
        """Open (creating if needed) the store at ``path`` and bring its schema up to date.

        Args:
            path: The database file; its folder is created if missing. ``None`` means
                :func:`~netcore.store.default_db_path` (``$NETCORE_DB``, else the per-user
                data folder). ``":memory:"`` opens a private in-memory store.
            timeout: Seconds to wait for another process's write to finish.

        Returns:
            The open store; close it with :meth:`close` or a ``with`` block.

        Raises:
            StoreError: The file is not a SQLite database, is locked, cannot be created, or
                was written by a newer netcore (a newer schema version).

        Examples:
            >>> with Store.open(":memory:") as store:
            ...     store.schema_version
            5
        """
        memory = os.fspath(path) == _MEMORY if path is not None else False
        target: Path | None = None
        if not memory:
            target = Path(path) if path is not None else default_db_path()
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {target}: {exc}") from exc
        try:
            conn = sqlite3.connect(
                _MEMORY if target is None else target, timeout=timeout, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {target}: {exc}") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if target is not None and str(mode).lower() != "wal":
                raise StoreError(f"cannot switch {target} to WAL mode (it stays {mode!r})")
            conn.execute("PRAGMA synchronous = FULL")
            # 64 MiB of page cache (the default is 2 MiB): bulk imports update the indexes
            # of a million rows in one transaction without spilling pages to the WAL.
            conn.execute("PRAGMA cache_size = -65536")
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open {target or _MEMORY} as a netcore store: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, target)

    def close(self) -> None:
        """Close the database; calling it again does nothing.

        Examples:
            >>> store = Store.open(":memory:")
            >>> store.close()
            >>> store.closed
            True
        """
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = _MEMORY if self._path is None else str(self._path)
        state = " (closed)" if self._conn is None else ""
        return f"Store({where!r}){state}"

    @property
    def path(self) -> Path | None:
        """The database file, or ``None`` for an in-memory store.

        Examples:
            >>> Store.open(":memory:").path is None
            True
        """
        return self._path

    @property
    def closed(self) -> bool:
        """True after :meth:`close`.

        Examples:
            >>> with Store.open(":memory:") as store:
            ...     store.closed
            False
        """
        return self._conn is None

    @property
    def schema_version(self) -> int:
        """The database's schema version (``PRAGMA user_version``).

        Examples:
            >>> with Store.open(":memory:") as store:
            ...     store.schema_version
            5
        """
        return user_version(self._connection())

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed")
        return self._conn

    @contextlib.contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a transaction on {self}: {exc}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self}: {exc}") from exc
        except pydantic.ValidationError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"{self} holds a record netcore cannot read: {_first_line(exc)}"
            ) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # ---- reading --------------------------------------------------------------------

    def load(self) -> Network:
        """Read the whole stored network.

        Contacts, interactions, events and ledger entries come back in the order they
        were stored; event occurrences are stored as they are, without matching their
        attendees again (the interactions they made were stored with the rest).

        Raises:
            StoreError: A stored record does not validate (the file was edited outside
                netcore) or the database cannot be read.

        Examples:
            >>> from netcore import Contact, Network
            >>> net = Network()
            >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
            >>> with Store.open(":memory:") as store:
            ...     store.save(net)
            ...     store.load().contact("ada").formatted_name
            'Ada Lovelace'
        """
        with self._transaction(write=False) as conn, _gc.paused():
            net = Network()
            try:
                events = [
                    Event.model_validate_json(d)
                    for (d,) in conn.execute("SELECT data FROM events ORDER BY seq")
                ]
                net.add_events(events, link=False)
                net.add_contacts(
                    Contact.model_validate_json(d)
                    for (d,) in conn.execute("SELECT data FROM contacts ORDER BY seq")
                )
                net.log_many(
                    Interaction.model_validate_json(d)
                    for (d,) in conn.execute("SELECT data FROM interactions ORDER BY seq")
                )
                _replay_ledger(conn, net.ledger)
                read_relations(conn, net)
                net.me = _read_me(conn)
            except (ValueError, LookupError) as exc:
                raise StoreError(f"{self} holds a record netcore cannot read: {exc}") from exc
        return net

    def interactions_frame(self) -> pl.DataFrame:
        """Every stored interaction as a Polars frame, one row per interaction and contact.

        Read straight from the stored JSON, without building pydantic objects: the
        columns and types are those shared with :mod:`netcore.scoring` (the page
        "Storage", section "Columns out and in"): ``interaction_id``, ``contact_uid``,
        ``at`` (UTC), ``kind``, ``direction``, ``replied``, ``duration_minutes``,
        ``participants``, ``event_uid``. Rows come in the order the interactions were
        stored, the contacts of one in their order. Needs Polars.

        Raises:
            StoreError: A stored record cannot be read or the database cannot be read.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from netcore import Contact, Interaction, InteractionKind
            >>> call = Interaction(id="c1", at=datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
            ...                    contact_uids=("ada", "bob"), kind=InteractionKind.CALL)
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
            ...     _ = store.log(call)
            ...     frame = store.interactions_frame()
            >>> frame["contact_uid"].to_list(), frame["kind"].to_list()
            (['ada', 'bob'], ['call', 'call'])
        """
        from netcore.store import _frames

        with self._transaction(write=False) as conn:
            return _frames.interactions_frame(conn)

    def contacts_frame(self) -> pl.DataFrame:
        """Every stored contact as a Polars frame, in stored order.

        Columns ``uid``, ``cadence_days``, ``categories``, ``formatted_name``, read
        without building pydantic objects.

        Raises:
            StoreError: A stored record cannot be read or the database cannot be read.

        Examples:
            >>> from netcore import Contact
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada", cadence_days=30)])
            ...     store.contacts_frame().row(0)
            ('ada', 30, [], '', False)
        """
        from netcore.store import _frames

        with self._transaction(write=False) as conn:
            return _frames.contacts_frame(conn)

    def ledger_frame(self) -> pl.DataFrame:
        """Every stored ledger entry as a Polars frame, in stored order.

        Columns ``id``, ``contact_uid``, ``on``, ``direction``, ``kind``, ``weight``,
        ``reverses``.

        Raises:
            StoreError: A stored record cannot be read or the database cannot be read.

        Examples:
            >>> from datetime import date
            >>> from netcore import FavourDirection, FavourKind, LedgerEntry
            >>> e = LedgerEntry(id="f1", on=date(2026, 3, 1), contact_uid="ada",
            ...                 direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE)
            >>> with Store.open(":memory:") as store:
            ...     _ = store.record(e)
            ...     store.ledger_frame()["on"].to_list()
            [datetime.date(2026, 3, 1)]
        """
        from netcore.store import _frames

        with self._transaction(write=False) as conn:
            return _frames.ledger_frame(conn)

    def export_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write ``contacts.parquet``, ``interactions.parquet`` and ``ledger.parquet``.

        The three frames (:meth:`contacts_frame`, :meth:`interactions_frame`,
        :meth:`ledger_frame`), read in one transaction, each written atomically into
        ``folder`` (created if missing). :meth:`import_parquet` reads them back.

        Returns:
            The files written.

        Raises:
            UnsupportedFormatError: ``folder`` is a file or cannot be created.
        """
        from netcore.store import _frames, _parquet

        with self._transaction(write=False) as conn:
            frames: dict[_parquet.TableKind, pl.DataFrame] = {
                "contacts": _frames.contacts_frame(conn),
                "interactions": _frames.interactions_frame(conn),
                "ledger": _frames.ledger_frame(conn),
            }
        return _parquet.write_tables(frames, Path(folder))

    def import_parquet(
        self, path: str | os.PathLike[str], *, restore_forgotten: bool = False
    ) -> ImportReport:
        """Import one Parquet file of contacts, interactions or ledger entries.

        The file is recognised by its columns (those of :meth:`contacts_frame`,
        :meth:`interactions_frame` or :meth:`ledger_frame`) and imported with the rules
        of :meth:`import_records` in one transaction. A ``contact_uid`` must name a
        stored contact (by uid or alias, as a CSV's ``contact`` column): a row naming
        nobody is not imported and is listed in :attr:`ImportReport.unmatched` as
        ``(file, "row N: uid")``; the rows of one ``interaction_id`` are one interaction
        with several contacts.

        Raises:
            ParseError: Not Parquet, a column missing or of the wrong type, a null where a
                value is required, or a value the model refuses (naming column and row).
            LimitExceededError: The file is larger than the input limit.

        Examples:
            >>> import tempfile
            >>> from datetime import datetime, timezone
            >>> from netcore import Contact, Interaction, InteractionKind
            >>> call = Interaction(id="c1", at=datetime(2026, 1, 5, tzinfo=timezone.utc),
            ...                    contact_uids=("ada",), kind=InteractionKind.CALL)
            >>> folder = tempfile.mkdtemp()
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada")])
            ...     _ = store.log(call)
            ...     files = store.export_parquet(folder)
            >>> with Store.open(":memory:") as copy:
            ...     _ = copy.import_parquet(files[0])  # contacts.parquet
            ...     copy.import_parquet(files[1]).interactions_added
            1
        """
        from netcore.store import _parquet

        source = os.fspath(path)
        table = _parquet.read_table(source)
        aliases = self.aliases()
        with self._transaction(write=False) as conn:
            stored = {str(u) for (u,) in conn.execute("SELECT uid FROM contacts")}

        def resolve(uid: str) -> str | None:
            return uid if uid in stored else aliases.get(uid)

        contacts, interactions, entries, unmatched = _parquet.records(table, source, resolve)
        return self.import_records(
            contacts=contacts,
            interactions=interactions,
            entries=entries,
            source=source,
            restore_forgotten=restore_forgotten,
            unmatched=[(source, f"row {n}: {uid}") for n, uid in unmatched],
        )

    @property
    def me(self) -> Me | None:
        """The owner's identity saved in the store (``None`` when none was saved).

        Raises:
            StoreError: The saved value does not validate or the store cannot be read.

        Examples:
            >>> from netcore import Me
            >>> with Store.open(":memory:") as store:
            ...     store.set_me(Me(emails=("sam@example.org",)))
            ...     store.me.emails, store.load().me.emails
            (('sam@example.org',), ('sam@example.org',))
        """
        try:
            return _read_me(self._connection())
        except sqlite3.Error as exc:
            raise StoreError(f"{self}: {exc}") from exc
        except ValueError as exc:
            raise StoreError(f"{self} holds a 'me' setting netcore cannot read: {exc}") from exc

    def set_me(self, me: Me | None) -> None:
        """Save the owner's identity (``None`` forgets it); ``load`` puts it on the network."""
        with self._transaction() as conn:
            if me is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (_ME_KEY,))
            else:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (_ME_KEY, record_json(me)),
                )

    def contact(self, uid: str) -> Contact:
        """The stored contact with ``uid``, or the one an imported ``uid`` was matched to.

        Raises:
            NotFoundError: No stored contact has that uid.

        Examples:
            >>> from netcore import Contact
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
            ...     store.contact("ada").formatted_name
            'Ada'
        """
        with self._transaction(write=False) as conn:
            row = conn.execute("SELECT uid, data FROM contacts WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                row = conn.execute(
                    "SELECT c.uid, c.data FROM contact_aliases a JOIN contacts c "
                    "ON c.seq = a.seq WHERE a.uid = ?",
                    (uid,),
                ).fetchone()
        if row is None:
            raise NotFoundError(f"no stored contact with uid {uid!r}")
        return self._stored_contact(row[0], row[1])

    def _stored_contact(self, uid: object, data: object) -> Contact:
        """A stored contact's row read back; a row edited outside netcore is a StoreError."""
        try:
            return Contact.model_validate_json(data)  # type: ignore[arg-type]
        except (pydantic.ValidationError, TypeError, ValueError) as exc:
            raise StoreError(
                f"{self}: the stored contact {uid!r} cannot be read (edited outside netcore?): "
                f"{_first_line(exc)}"
            ) from exc

    def find(self, *, email: str | None = None, phone: str | None = None) -> list[Contact]:
        """Stored contacts with this email address (case-insensitive) or phone number.

        Give exactly one. A phone number matches on its E.164 form, so it must be
        international (``+44 20 7946 0958``); numbers without one are not indexed.

        Raises:
            ValueError: Not exactly one of ``email`` and ``phone`` was given.

        Examples:
            >>> from netcore import Contact, Email
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada",
            ...                                     emails=(Email(address="ada@example.org"),))])
            ...     [c.uid for c in store.find(email="ADA@example.org")]
            ['ada']
        """
        if (email is None) == (phone is None):
            raise ValueError("find() takes exactly one of email= and phone=")
        if email is not None:
            sql = "SELECT c.data FROM contact_emails k JOIN contacts c ON c.seq = k.seq "
            sql += "WHERE k.email = ? ORDER BY c.seq"
            key: str | None = email.strip().casefold()
        else:
            assert phone is not None
            sql = "SELECT c.data FROM contact_phones k JOIN contacts c ON c.seq = k.seq "
            sql += "WHERE k.e164 = ? ORDER BY c.seq"
            try:
                key = Phone(number=phone).e164
            except ValueError:
                key = None
        if not key:
            return []
        with self._transaction(write=False) as conn:
            rows = conn.execute(sql.replace("SELECT c.data", "SELECT c.uid, c.data"), (key,))
            found = rows.fetchall()
        return [self._stored_contact(uid, d) for uid, d in found]

    def counts(self) -> StoreCounts:
        """How many contacts, interactions, events and ledger entries are stored.

        Examples:
            >>> with Store.open(":memory:") as store:
            ...     store.counts().total
            0
        """
        with self._transaction(write=False) as conn:
            n = [
                int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("contacts", "interactions", "events", "ledger_entries")
            ]
        return StoreCounts(contacts=n[0], interactions=n[1], events=n[2], ledger_entries=n[3])

    # ---- writing: replace -----------------------------------------------------------

    def save(self, network: Network) -> None:
        """Replace everything stored with ``network``, in one transaction.

        Use :meth:`import_network` to add to what is stored instead. Aliases are kept:
        an alias of a contact that is still there (or was merged, in the network, into
        one that is) keeps naming it, and the network's merged-away uids become aliases,
        so that re-importing the files they came from adds nobody.

        Examples:
            >>> from netcore import Contact, Network
            >>> net = Network()
            >>> net.add_contacts([Contact(uid="ada")])
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="bob")])
            ...     store.save(net)
            ...     list(store.load().contacts)
            ['ada']
        """
        with self._transaction() as conn, _gc.paused():
            kept = conn.execute(
                "SELECT a.uid, c.uid FROM contact_aliases a JOIN contacts c ON c.seq = a.seq"
            ).fetchall()
            for table in (
                "contact_emails",
                "contact_phones",
                "contact_aliases",
                "contacts",
                "interaction_contacts",
                "interactions",
                "events",
                "ledger_entries",
                "ledger_aliases",
            ):
                conn.execute(f"DELETE FROM {table}")  # table names are constants, not input
            for contact in network.contacts.values():
                _insert_contact(conn, contact, content_hash(contact))
            firsts: dict[str, Interaction] = {}
            for interaction in network.interactions:
                firsts.setdefault(interaction.id, interaction)
            for batch in _batches(firsts.values(), _BATCH):
                _insert_interactions(conn, batch)
            for event in network.events:
                _insert_event(conn, event)
            for old, new in network.ledger.aliases.items():
                _insert_alias(conn, old, new)
            for entry in network.ledger.entries:
                _insert_entry(conn, entry)
            conn.execute("DELETE FROM relations")
            insert_relations(conn, network.explicit_relations)
            # Aliases are never dropped: each keeps naming its contact, or the contact that
            # contact was merged into; merged-away uids of the network become aliases too.
            aliases = [*((str(a), str(t)) for a, t in kept), *network.ledger.aliases.items()]
            for alias, target in aliases:
                uid = network.ledger.resolve(target)
                if alias in network or uid not in network:
                    continue
                conn.execute(
                    "INSERT INTO contact_aliases (uid, seq) "
                    "SELECT ?, seq FROM contacts WHERE uid = ? ON CONFLICT (uid) DO NOTHING",
                    (alias, uid),
                )

    # ---- writing: accumulate --------------------------------------------------------

    def import_network(
        self, network: Network, *, source: str | None = None, restore_forgotten: bool = False
    ) -> ImportReport:
        """Add a network to the store without doubling anyone, in one transaction.

        Each contact is matched to a stored one by uid; else by a case-insensitive email
        address or an E.164 phone number (a stored contact whose content is identical is
        preferred among several); else by identical content (everything but uid and
        source). A stored contact is matched by at most one imported contact of each
        ``Contact.source`` per import (two records of one file are two people).

        * No match: the contact is added.
        * A match with nothing new: it is left as it is (*unchanged*).
        * A match with new data: the stored contact is *updated*, keeping its uid, by the
          rule of a dedupe merge: lists gain the new items (a second email), and a
          differing single value (name, note, birthday, photo, ...) is kept as an
          alternate (``X-NETCORE-MERGED-*``). The stored value stays primary unless the
          import carries a later ``REV``. Nothing stored is deleted, and the store does
          not depend on whether files come in one import or several.

        Interactions and ledger entries naming an imported contact that matched another
        uid are stored under the stored uid (see :attr:`ImportReport.remapped`). The store
        remembers such imported uids as aliases: the next import of the same file matches
        them at once, and :meth:`contact`, :meth:`log` and :meth:`record` accept them.
        Interactions (by id), event occurrences (by uid and start), ledger entries (by id)
        and ledger aliases (by merged-away uid) already stored are left as they are.

        Args:
            network: What to import, e.g. the contacts a codec read from one file.
            source: A label for the import, usually the file name: reported back, and
                set as ``Contact.source`` on imported contacts that have none.
            restore_forgotten: Import people removed with :meth:`forget` instead of
                skipping them (:attr:`ImportReport.forgotten` lists the skipped).

        Returns:
            What was added, updated and left unchanged.

        Raises:
            RecordConflictError: A ledger entry breaks the ledger's rules against what is
                stored (it reverses an entry already reversed, ...); nothing was imported.
            NotFoundError: A ledger entry reverses an entry that is not stored; nothing
                was imported.
            StoreError: The database cannot be written.

        Examples:
            >>> from netcore import Contact, Email, Network
            >>> a, b = Network(), Network()
            >>> a.add_contacts([Contact(uid="1", emails=(Email(address="ada@example.org"),))])
            >>> b.add_contacts([Contact(uid="9", emails=(Email(address="ada@example.org"),)),
            ...                 Contact(uid="2", emails=(Email(address="bob@example.org"),))])
            >>> with Store.open(":memory:") as store:
            ...     _ = store.import_network(a, source="a.vcf")
            ...     report = store.import_network(b, source="b.vcf")
            >>> report.added, report.unchanged, report.remapped
            (('2',), ('1',), (('9', '1'),))
        """
        with self._transaction() as conn, _gc.paused():
            report = _Import(conn, source, restore_forgotten=restore_forgotten).run(
                contacts=network.contacts.values(),
                interactions=network.interactions,
                events=network.events,
                entries=network.ledger.entries,
                aliases=network.ledger.aliases.items(),
            )
            import_relations(conn, network.explicit_relations, dict(report.remapped))
            return report

    def import_records(
        self,
        *,
        contacts: Iterable[Contact] = (),
        interactions: Iterable[Interaction] = (),
        events: Iterable[Event] = (),
        entries: Iterable[LedgerEntry] = (),
        source: str | None = None,
        restore_forgotten: bool = False,
        unmatched: Iterable[tuple[str, str]] = (),
    ) -> ImportReport:
        """Import loose records with the rules of :meth:`import_network`, in one transaction.

        What :func:`netcore.io.build_network` read against a loaded store
        (a file's contacts, then ``NetworkLoad.new_interactions``, ``new_events``,
        ``new_entries``). As in :meth:`import_network`, a stored contact is matched by at
        most one imported contact of each source per call (two records of one file are
        two people), while the same person from several files is matched to one stored
        contact; ``netcore import`` calls this once per file. Records naming an imported
        uid are stored under the stored one.

        Args:
            contacts: One file's contacts.
            interactions: Interactions (naming imported or stored uids).
            events: Event occurrences.
            entries: Ledger entries.
            source: A label for the import, usually the file name.
            restore_forgotten: Import people removed with :meth:`forget` (and drop
                their tombstones) instead of skipping them.
            unmatched: ``(file, reference)`` pairs the loading pipeline found matching
                nobody, carried into the report.

        Raises:
            NotFoundError: An interaction names a uid neither imported nor stored.
            RecordConflictError: A ledger entry breaks the ledger's rules.

        Examples:
            >>> from netcore import Contact, Email
            >>> a = Contact(uid="1", emails=(Email(address="ada@example.org"),))
            >>> b = Contact(uid="2", emails=(Email(address="ADA@example.org"),), note="x")
            >>> with Store.open(":memory:") as store:
            ...     _ = store.import_records(contacts=[a], source="phone.vcf")
            ...     report = store.import_records(contacts=[b], source="outlook.csv")
            >>> report.updated, report.remapped
            (('1',), (('2', '1'),))
        """
        with self._transaction() as conn, _gc.paused():
            report = _Import(conn, source, restore_forgotten=restore_forgotten).run(
                contacts=contacts, interactions=interactions, events=events, entries=entries
            )
        return attrs.evolve(report, unmatched=tuple(unmatched))

    def aliases(self) -> dict[str, str]:
        """Every uid that names another stored contact: alias -> the stored uid.

        Aliases are imported uids that matched a stored contact of another uid, and the
        uids of contacts merged away (:meth:`merge`). :func:`netcore.io.build_network`
        honours them when it resolves a CSV's ``contact`` column.

        Examples:
            >>> from netcore import Contact, Email
            >>> a = Contact(uid="1", emails=(Email(address="ada@example.org"),))
            >>> b = Contact(uid="2", emails=(Email(address="ada@example.org"),))
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([a])
            ...     _ = store.add_contacts([b])
            ...     store.aliases()
            {'2': '1'}
        """
        rows = self._connection().execute(
            "SELECT a.uid, c.uid FROM contact_aliases a JOIN contacts c ON c.seq = a.seq "
            "WHERE substr(a.uid, 1, ?) != ? ORDER BY a.rowid",
            (len(_CONTENT), _CONTENT),
        )
        return {str(alias): str(uid) for alias, uid in rows}

    def add_contacts(
        self, contacts: Iterable[Contact], *, source: str | None = None
    ) -> ImportReport:
        """Add contacts with the matching rules of :meth:`import_network`, in one transaction.

        Raises:
            RecordConflictError: Two of ``contacts`` have the same uid; nothing was added.

        Examples:
            >>> from netcore import Contact
            >>> with Store.open(":memory:") as store:
            ...     first = store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
            ...     second = store.add_contacts([Contact(uid="ada", formatted_name="Ada L.")])
            >>> first.added, second.updated
            (('ada',), ('ada',))
        """
        batch = list(contacts)
        seen: set[str] = set()
        for c in batch:
            if c.uid in seen:
                raise RecordConflictError(f"uid {c.uid!r} appears twice in one batch")
            seen.add(c.uid)
        with self._transaction() as conn, _gc.paused():
            return _Import(conn, source).run(contacts=batch)

    def log(self, interaction: Interaction) -> bool:
        """Store one interaction; return False when its id was already stored.

        Raises:
            NotFoundError: It names a contact uid that is not stored.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from netcore import Contact, Interaction, InteractionKind
            >>> call = Interaction(id="c1", at=datetime(2026, 1, 5, tzinfo=timezone.utc),
            ...                    contact_uids=("ada",), kind=InteractionKind.CALL)
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada")])
            ...     store.log(call), store.log(call)
            (True, False)
        """
        return self.log_many((interaction,)) == 1

    def log_many(self, interactions: Iterable[Interaction]) -> int:
        """Store interactions in one transaction; return how many were new.

        Raises:
            NotFoundError: One names a contact uid that is not stored; none was stored.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from netcore import Contact, Interaction, InteractionKind
            >>> at = datetime(2026, 1, 5, tzinfo=timezone.utc)
            >>> calls = [Interaction(id=f"c{n}", at=at, contact_uids=("ada",),
            ...                      kind=InteractionKind.CALL) for n in range(3)]
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada")])
            ...     store.log_many(calls), store.log_many(calls)
            (3, 0)
        """
        with self._transaction() as conn, _gc.paused():
            return _Import(conn, None).run(interactions=interactions).interactions_added

    def mark_replied(self, ids: Iterable[str]) -> int:
        """Mark stored interactions answered (``replied=True``); return how many changed.

        The store's one rule for changing a stored interaction (also applied when an
        import brings a known id with ``replied=True``): ``False`` or ``None`` rises to
        ``True``, nothing else changes, and ids not stored are ignored.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from netcore import Contact, Direction, Interaction, InteractionKind
            >>> mine = Interaction(id="m1", at=datetime(2026, 1, 5, tzinfo=timezone.utc),
            ...                    contact_uids=("ada",), kind=InteractionKind.EMAIL,
            ...                    direction=Direction.OUTBOUND, replied=False)
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada")])
            ...     _ = store.log(mine)
            ...     store.mark_replied(["m1", "nope"]), store.mark_replied(["m1"])
            (1, 0)
        """
        with self._transaction() as conn:
            return _raise_replied(conn, ids)

    def record(self, entry: LedgerEntry) -> bool:
        """Append a ledger entry; return False when its id was already stored.

        Raises:
            RecordConflictError: The entry reverses an entry that is a reversal, already
                reversed, or about another contact; or it closes an entry that is no
                open ask or offer of its contact (``Ledger.record`` says which).
            NotFoundError: The entry reverses (or closes) an entry that is not stored.

        Examples:
            >>> from datetime import date
            >>> from netcore import FavourDirection, FavourKind, LedgerEntry
            >>> e = LedgerEntry(id="f1", on=date(2026, 3, 1), contact_uid="ada",
            ...                 direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE)
            >>> with Store.open(":memory:") as store:
            ...     store.record(e), store.record(e)
            (True, False)
        """
        with self._transaction() as conn:
            return _Import(conn, None).run(entries=(entry,)).ledger_added == 1

    def add_events(self, events: Iterable[Event], *, create_missing: bool = False) -> EventReport:
        """Store event occurrences and link their attendees to stored contacts.

        Works as :meth:`netcore.Network.add_events` on the stored contacts (it reads them
        all): attendees are matched by email, then by display name; each matched person
        gets an ``EVENT`` interaction per occurrence; with ``create_missing`` unmatched
        people become contacts. Occurrences (by uid and start) and interactions already
        stored are not stored twice. One transaction.

        Returns:
            The model's report; ``events_added``, ``events_known`` and
            ``interactions_created`` count what is new to the store.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from netcore import Attendee, AttendeeStatus, Contact, Email, Event
            >>> ev = Event(uid="pycon", start=datetime(2026, 5, 14, 9, tzinfo=timezone.utc),
            ...            attendees=(Attendee(email="ada@example.org",
            ...                                status=AttendeeStatus.ACCEPTED),))
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada",
            ...                                     emails=(Email(address="ada@example.org"),))])
            ...     first, again = store.add_events([ev]), store.add_events([ev])
            >>> (first.events_added, first.interactions_created), again.events_known
            ((1, 1), 1)
        """
        batch = list(events)
        with self._transaction() as conn, _gc.paused():
            net = Network()
            try:
                net.add_contacts(
                    Contact.model_validate_json(d)
                    for (d,) in conn.execute("SELECT data FROM contacts ORDER BY seq")
                )
            except ValueError as exc:
                raise StoreError(f"{self} holds a contact netcore cannot read: {exc}") from exc
            model_report = net.add_events(batch, create_missing=create_missing)
            report = _Import(conn, None).run(
                contacts=model_report.created, interactions=net.interactions, events=batch
            )
        return attrs.evolve(
            model_report,
            events_added=report.events_added,
            events_known=report.events_known,
            interactions_created=report.interactions_added,
        )

    # ---- dedupe review --------------------------------------------------------------

    def reject_pair(self, a: str, b: str) -> bool:
        """Remember that contacts ``a`` and ``b`` are not one person (either order).

        ``netcore dedupe --review`` records a rejected pair here and passes
        :meth:`rejected_pairs` to ``find_duplicates`` so the pair is never proposed again.

        Returns:
            False when the pair was already rejected.

        Raises:
            ValueError: ``a`` and ``b`` are the same uid.

        Examples:
            >>> with Store.open(":memory:") as store:
            ...     store.reject_pair("b", "a"), store.reject_pair("a", "b")
            ...     store.rejected_pairs()
            (True, False)
            [('a', 'b')]
        """
        if a == b:
            raise ValueError(f"a pair needs two different uids, got {a!r} twice")
        low, high = (a, b) if a < b else (b, a)
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO rejected_pairs (a, b, at) VALUES (?, ?, ?)",
                (low, high, at),
            )
            return cur.rowcount == 1

    def rejected_pairs(self) -> list[tuple[str, str]]:
        """Every pair :meth:`reject_pair` recorded, uids in sorted order, sorted."""
        with self._transaction(write=False) as conn:
            rows = conn.execute("SELECT a, b FROM rejected_pairs ORDER BY a, b").fetchall()
        return [(str(a), str(b)) for a, b in rows]

    # ---- merging (pipeline engineer) -------------------------------------------------

    def merge(self, keep: str, drop: str) -> Contact:
        """Merge stored contact ``drop`` into ``keep`` in one write transaction; return the result.

        The merged contact is ``netcore.dedupe.merge(keep, drop)``: nothing is lost. The
        transaction (``BEGIN IMMEDIATE``) reads both contacts as they are stored at that
        moment, so an import committed since they were shown is kept. ``drop``'s uid and
        every alias it had become aliases of ``keep`` (its emails and phones are match
        keys of the merged contact), so re-importing the files it came from adds nobody;
        interactions naming ``drop`` name ``keep``; its ledger entries count for ``keep``.

        Args:
            keep: The uid (or alias) of the contact that stays.
            drop: The uid (or alias) of the contact merged into it.

        Raises:
            NotFoundError: Either is not stored.
            RecordConflictError: Both name the same stored contact (the same uid, or a
                pair merged before: merging it again is refused, nothing changes).

        Examples:
            >>> from netcore import Contact, Email
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([
            ...         Contact(uid="a", formatted_name="Ada"),
            ...         Contact(uid="b", formatted_name="Ada L.",
            ...                 emails=(Email(address="ada@example.org"),))])
            ...     merged = store.merge("a", "b")
            ...     again = store.add_contacts([Contact(uid="b", formatted_name="Ada L.")])
            >>> merged.uid, [e.address for e in merged.emails], again.added
            ('a', ['ada@example.org'], ())
        """
        done = self.merge_many([(keep, drop)])
        if not done:
            raise RecordConflictError(
                f"{keep!r} and {drop!r} name one stored contact already (merged before)"
            )
        return done[0]

    def merge_many(self, pairs: Iterable[tuple[str, str]]) -> list[Contact]:
        """Merge each ``(keep, drop)`` pair as :meth:`merge` does, all in one transaction.

        A pair whose contacts were already merged by an earlier pair (through aliases)
        is skipped. Returns the merged contacts, one per merge done.

        Raises:
            NotFoundError: A uid is not stored; nothing was merged.
        """
        from netcore.dedupe import merge

        done: list[Contact] = []
        with self._transaction() as conn, _gc.paused():
            for keep, drop in pairs:
                krow, drow = _stored_row(conn, keep), _stored_row(conn, drop)
                if keep == drop:
                    raise RecordConflictError("cannot merge a contact with itself")
                if krow[0] == drow[0]:
                    continue  # merged already, by an earlier pair
                a = Contact.model_validate_json(krow[2])
                b = Contact.model_validate_json(drow[2])
                merged = merge(a, b)
                conn.execute(
                    "UPDATE contacts SET hash = ?, data = ? WHERE seq = ?",
                    (content_hash(merged), record_json(merged), krow[0]),
                )
                _insert_keys(conn, krow[0], merged, replace=True)
                conn.execute("UPDATE contact_aliases SET seq = ? WHERE seq = ?", (krow[0], drow[0]))
                conn.execute(
                    "INSERT INTO contact_aliases (uid, seq) VALUES (?, ?) "
                    "ON CONFLICT (uid) DO UPDATE SET seq = excluded.seq",
                    (b.uid, krow[0]),
                )
                _remember_content(conn, krow[0], content_hash(a), content_hash(b))
                _rename_in_interactions(conn, b.uid, a.uid)
                _insert_alias(conn, b.uid, a.uid)
                conn.execute("DELETE FROM contacts WHERE seq = ?", (drow[0],))
                done.append(merged)
        return done

    def set_cadence(self, uid: str, days: int | None) -> Contact:
        """Set the keep-in-touch cadence of a stored contact (by uid or alias); one transaction.

        A cadence set before is kept as an alternate (``X-NETCORE-MERGED-CADENCE``), as
        every replaced single value is.

        The value is validated by the model (1 to 36 500 days) before anything is written,
        so an out-of-range cadence changes nothing.

        Raises:
            NotFoundError: No stored contact has that uid or alias.
            pydantic.ValidationError: ``days`` is out of the model's range (a ``ValueError``).

        Examples:
            >>> from netcore import Contact
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ada")])
            ...     store.set_cadence("ada", 30).cadence_days
            30
        """
        from netcore.dedupe import merge

        try:  # the model's bounds, checked before the store is touched
            Contact(uid="cadence-check", cadence_days=days)
        except pydantic.ValidationError as exc:
            raise ValueError(f"cadence_days {days!r}: {_first_line(exc)}") from None
        with self._transaction() as conn:
            seq, _, data = _stored_row(conn, uid)
            old = Contact.model_validate_json(data)
            # model_copy does not validate: validate the changed record before it is stored.
            changed = Contact.model_validate({**old.model_dump(), "cadence_days": days})
            new = merge(changed, old)
            conn.execute(
                "UPDATE contacts SET hash = ?, data = ? WHERE seq = ?",
                (content_hash(new), record_json(new), seq),
            )
        return new

    # ---- forgetting a person (pipeline engineer) -------------------------------------

    def forget(self, uid: str) -> int:
        """Remove a person and everything that names them, so that nothing can be read back.

        In one write transaction: the contact (by uid or alias), its aliases and index
        rows, its ledger entries and ledger aliases, the reviewed pairs naming it; it is
        taken out of the interactions it shared (an interaction with nobody else left is
        removed) and out of stored events (attendee or organizer with one of its emails
        or names). A tombstone keeps only salted scrypt hashes of its match keys (uids,
        emails, E.164 phones) in table ``forgotten``: a later import skips the person and
        says so (``restore_forgotten=True`` brings them back). Then, with
        ``secure_delete`` on, ``VACUUM`` rewrites the file and the write-ahead log is
        checkpointed and truncated, so the freed pages hold no trace of them.

        Returns:
            How many stored records were removed or rewritten (the contact included).

        Raises:
            NotFoundError: No stored contact has that uid or alias.

        Examples:
            >>> from netcore import Contact, Email
            >>> ada = Contact(uid="ada", emails=(Email(address="ada@example.org"),))
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([ada])
            ...     removed = store.forget("ada")
            ...     again = store.add_contacts([ada.model_copy(update={"uid": "new"})])
            >>> removed, again.forgotten, again.added
            (1, ('new',), ())
        """
        conn = self._connection()
        conn.execute("PRAGMA secure_delete = ON")
        with self._transaction() as conn, _gc.paused():
            seq, stored_uid, data = _stored_row(conn, uid)
            contact = Contact.model_validate_json(data)
            uids = _all_names(conn, seq, stored_uid)
            salt = _salt(conn, create=True)
            assert salt is not None
            conn.executemany(
                "INSERT INTO forgotten (key_hash, at) VALUES (?, datetime('now')) "
                "ON CONFLICT (key_hash) DO NOTHING",
                [(tombstone(salt, k),) for k in forget_keys(contact, uids)],
            )
            removed = 1 + _forget_interactions(conn, uids) + _forget_events(conn, contact)
            marks = ",".join("?" * len(uids))  # only placeholders are formatted in
            for sql in (
                f"DELETE FROM ledger_entries WHERE contact_uid IN ({marks})",
                f"DELETE FROM ledger_aliases WHERE old_uid IN ({marks})",
                f"DELETE FROM ledger_aliases WHERE new_uid IN ({marks})",
                f"DELETE FROM rejected_pairs WHERE a IN ({marks})",
                f"DELETE FROM rejected_pairs WHERE b IN ({marks})",
            ):
                removed += conn.execute(sql, uids).rowcount
            for table in ("contact_aliases", "contact_emails", "contact_phones", "contacts"):
                conn.execute(f"DELETE FROM {table} WHERE seq = ?", (seq,))  # constant names
        try:
            self.compact()
        except StoreError as exc:
            raise StoreError(f"{self}: forgot {uid!r}, but {exc}") from exc
        return removed

    def compact(self) -> None:
        """Rewrite the file so that no freed page still holds deleted data.

        ``VACUUM`` with ``secure_delete`` on, then a ``TRUNCATE`` checkpoint of the
        write-ahead log. :meth:`forget` calls it; call it again when :meth:`forget` raised
        because another connection was reading the store.

        Raises:
            StoreError: The file could not be rewritten, or another connection still reads
                an older snapshot, so old pages stay in the file or its log until it closes.
        """
        conn = self._connection()
        conn.execute("PRAGMA secure_delete = ON")
        try:
            conn.execute("VACUUM")
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"could not compact the file: {exc}") from exc
        if busy:
            raise StoreError(
                "another connection is reading the store, so old pages may still hold the "
                "deleted data; close it and run `netcore compact` (Store.compact())"
            )


# ---- the import itself ----------------------------------------------------------------


class _Import:
    """One import inside an open write transaction."""

    def __init__(
        self, conn: sqlite3.Connection, source: str | None, *, restore_forgotten: bool = False
    ) -> None:
        self.conn = conn
        self.source = source
        self.uid_map: dict[str, str] = {}
        # (stored seq, source): a stored contact is matched by at most one imported contact
        # of each source (two records of one file are two people; the same person in two
        # files, imported together, is one).
        self.claimed: set[tuple[int, str | None]] = set()
        self.outcome: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
        self.restore = restore_forgotten
        self.salt = _salt(conn, create=False)
        self.tombstones = conn.execute("SELECT 1 FROM forgotten LIMIT 1").fetchone() is not None
        self.legacy = (
            conn.execute("SELECT 1 FROM forgotten WHERE key_hash NOT LIKE '%$%' LIMIT 1").fetchone()
            is not None
        )
        self.forgotten: list[str] = []
        self.skipped: set[str] = set()
        self.resolved: dict[str, str] = {}  # _resolve's answers for uids not imported here
        self.present: set[str] = set()  # uids known to name a stored contact

    def _is_forgotten(self, contact: Contact) -> bool:
        """True when a tombstone holds one of the contact's keys (and it is not restored)."""
        if self.salt is None or not self.tombstones:
            return False
        # A key a stored contact holds is not looked up (it is in the file already); the
        # others cost one scrypt each (see _keys.tombstone).
        keys = [k for k in forget_keys(contact) if not _is_stored_key(self.conn, k)]
        if not keys:
            return False
        hashes = [tombstone(self.salt, k) for k in keys]
        if self.legacy:
            hashes += [salted(self.salt, k) for k in keys]
        marks = ",".join("?" * len(hashes))
        found = self.conn.execute(
            f"SELECT key_hash FROM forgotten WHERE key_hash IN ({marks})",  # only ?s
            hashes,
        ).fetchall()
        if not found:
            return False
        if self.restore:
            self.conn.executemany(
                "DELETE FROM forgotten WHERE key_hash = ?", [(h,) for (h,) in found]
            )
            return False
        return True

    def run(
        self,
        *,
        contacts: Iterable[Contact] = (),
        interactions: Iterable[Interaction] = (),
        events: Iterable[Event] = (),
        entries: Iterable[LedgerEntry] = (),
        aliases: Iterable[tuple[str, str]] = (),
    ) -> ImportReport:
        self._contacts(contacts)
        i_added = i_known = 0
        for batch in _batches(interactions, _BATCH):
            added, known = self._interactions(batch)
            i_added += added
            i_known += known
        e_added = e_known = 0
        # With restore_forgotten, stored contacts (restored by this import or an earlier
        # step of the same command) go back into the stored occurrences that forget took
        # them out of. Only stored contacts: nobody still forgotten comes back this way.
        is_restored = _stored_matcher(self.conn) if self.restore else None
        for event in events:
            if _insert_event(self.conn, event):
                e_added += 1
            else:
                e_known += 1
                if is_restored is not None:
                    _restore_event(self.conn, event, is_restored)
        for old, new in aliases:
            _insert_alias(self.conn, self.uid_map.get(old, old), self.uid_map.get(new, new))
        l_added = l_known = 0
        for chunk in _batches(entries, _BATCH):
            added, known = self._entries(chunk)
            l_added += added
            l_known += known
        if l_added:
            # The ledger's rules (no double reversal, ...) hold for the whole stored ledger:
            # replaying it raises, and the transaction rolls back, when they do not.
            _replay_ledger(self.conn, Ledger())
        return ImportReport(
            source=self.source,
            added=tuple(self.outcome["added"]),
            updated=tuple(self.outcome["updated"]),
            unchanged=tuple(self.outcome["unchanged"]),
            remapped=tuple((k, v) for k, v in self.uid_map.items() if k != v),
            interactions_added=i_added,
            interactions_known=i_known,
            events_added=e_added,
            events_known=e_known,
            ledger_added=l_added,
            ledger_known=l_known,
            forgotten=tuple(self.forgotten),
        )

    def _contacts(self, contacts: Iterable[Contact]) -> None:
        conn = self.conn
        pending: list[tuple[Contact, str]] = []
        # Pass 1: uids. They are claimed before anything matches by email, phone or
        # content, so that a stored contact is never taken from the import that names it.
        # A uid or an alias is the store's own record of who someone is (an earlier
        # import or a person's merge said so): it matches even a contact another record
        # of the same file claimed, so two records merged by dedupe stay one.
        for contact in contacts:
            if self._is_forgotten(contact):
                self.forgotten.append(contact.uid)
                self.skipped.add(contact.uid)
                continue
            if self.source is not None and contact.source is None:
                contact = contact.model_copy(update={"source": self.source})
            digest = content_hash(contact)
            row = conn.execute(
                "SELECT seq, hash, data FROM contacts WHERE uid = ?", (contact.uid,)
            ).fetchone()
            if row is None:
                row = conn.execute(
                    "SELECT c.seq, c.hash, c.data FROM contact_aliases a "
                    "JOIN contacts c ON c.seq = a.seq WHERE a.uid = ?",
                    (contact.uid,),
                ).fetchone()
            if row is None:
                pending.append((contact, digest))
            else:
                self.claimed.add((row[0], contact.source))
                self._apply(row, contact, digest)
        # Pass 2: email or phone, else content; else a new contact.
        for contact, digest in pending:
            row = self._match(contact, digest)
            if row is None:
                self.claimed.add((_insert_contact(conn, contact, digest), contact.source))
                self.uid_map[contact.uid] = contact.uid
                self.outcome["added"].append(contact.uid)
            else:
                self.claimed.add((row[0], contact.source))
                self._apply(row, contact, digest)

    def _match(self, contact: Contact, digest: str) -> _Row | None:
        conn = self.conn
        seqs: list[int] = []
        for key in email_keys(contact):
            sql = "SELECT seq FROM contact_emails WHERE email = ? ORDER BY seq"
            seqs.extend(s for (s,) in conn.execute(sql, (key,)))
        for key in phone_keys(contact):
            sql = "SELECT seq FROM contact_phones WHERE e164 = ? ORDER BY seq"
            seqs.extend(s for (s,) in conn.execute(sql, (key,)))
        src = contact.source
        candidates = [s for s in dict.fromkeys(seqs) if (s, src) not in self.claimed]
        rows: list[_Row] = []
        for seq in candidates:
            row = conn.execute("SELECT seq, hash, data FROM contacts WHERE seq = ?", (seq,))
            rows.extend(row.fetchall())
        if rows:
            # Prefer a stored contact identical to the imported one, then one that already
            # holds everything it brings, then the first (oldest) one.
            same = next((r for r in rows if r[1] == digest), None)
            if same is not None:
                return same
            for r in rows:
                stored = Contact.model_validate_json(r[2])
                if update(stored, contact) == stored:
                    return r
            return rows[0]
        sql = "SELECT seq, hash, data FROM contacts WHERE hash = ? ORDER BY seq"
        for row in conn.execute(sql, (digest,)).fetchall():
            if (row[0], src) not in self.claimed:
                return (row[0], row[1], row[2])
        # The content of a record merged away (or of a stored record before an update):
        # the same export, re-read with fresh uids, still finds its contact. Like a uid
        # alias it is the store's record of who this is, so it matches even a contact
        # another record of the same file claimed (the two were merged).
        row = conn.execute(
            "SELECT c.seq, c.hash, c.data FROM contact_aliases a JOIN contacts c "
            "ON c.seq = a.seq WHERE a.uid = ?",
            (_CONTENT + digest,),
        ).fetchone()
        if row is not None:
            return (row[0], row[1], row[2])
        if not email_keys(contact) and not phone_keys(contact):
            # No email or phone: the same content but for the structured name (a CSV
            # export re-read: the writer derived given and family from the name).
            row = conn.execute(
                "SELECT c.seq, c.hash, c.data FROM contact_aliases a JOIN contacts c "
                "ON c.seq = a.seq WHERE a.uid = ?",
                (_CONTENT + loose_hash(contact),),
            ).fetchone()
            if row is not None and (row[0], src) not in self.claimed:
                return (row[0], row[1], row[2])
        return None

    def _apply(self, row: _Row, incoming: Contact, digest: str) -> None:
        seq, stored_hash, data = row
        stored = Contact.model_validate_json(data)
        self.uid_map[incoming.uid] = stored.uid
        if incoming.uid != stored.uid:
            self.conn.execute(
                "INSERT INTO contact_aliases (uid, seq) VALUES (?, ?) ON CONFLICT (uid) DO NOTHING",
                (incoming.uid, seq),
            )
        if stored_hash == digest:
            self.outcome["unchanged"].append(stored.uid)
            return
        merged = update(stored, incoming)
        if merged == stored:
            self.outcome["unchanged"].append(stored.uid)
            return
        self.conn.execute(
            "UPDATE contacts SET hash = ?, data = ? WHERE seq = ?",
            (content_hash(merged), record_json(merged), seq),
        )
        _insert_keys(self.conn, seq, merged, replace=True)
        _remember_content(self.conn, seq, stored_hash, digest)
        self.outcome["updated"].append(stored.uid)

    def _resolve(self, uid: str) -> str:
        # Contacts and their aliases are settled before any interaction or ledger entry
        # is stored, so an answer holds for the rest of the import.
        known = self.resolved.get(uid)
        if known is not None:
            return known
        mapped = self.uid_map.get(uid)
        if mapped is not None:
            self.resolved[uid] = mapped
            return mapped
        row = self.conn.execute(
            "SELECT c.uid FROM contact_aliases a JOIN contacts c ON c.seq = a.seq "
            "WHERE a.uid = ? AND NOT EXISTS (SELECT 1 FROM contacts WHERE uid = ?)",
            (uid, uid),
        ).fetchone()
        found = uid if row is None else str(row[0])
        self.resolved[uid] = found
        return found

    def _interactions(self, batch: list[Interaction]) -> tuple[int, int]:
        """Store one batch of interactions; return (added, already stored).

        The rules of one interaction at a time, in bulk: ids already stored (or earlier
        in the batch) are left alone, but ``replied=True`` rises on them
        (:func:`_raise_replied`); every uid must name a stored or imported contact.
        """
        conn = self.conn
        ready: dict[str, Interaction] = {}
        known = 0
        skipped, resolved, resolve = self.skipped, self.resolved, self._resolve
        for interaction in batch:
            kept = interaction.contact_uids
            if skipped:
                kept = tuple(u for u in kept if u not in skipped)
                if not kept:
                    known += 1  # about forgotten people only
                    continue
            if len(kept) == 1:
                uids: tuple[str, ...] = (resolved.get(kept[0]) or resolve(kept[0]),)
            else:
                uids = tuple(dict.fromkeys(resolved.get(u) or resolve(u) for u in kept))
            if uids != interaction.contact_uids:
                interaction = interaction.model_copy(update={"contact_uids": uids})
            first = ready.get(interaction.id)
            if first is None:
                ready[interaction.id] = interaction
                continue
            known += 1
            if interaction.replied is True and first.replied is not True:
                ready[interaction.id] = first.model_copy(update={"replied": True})
        stored: dict[str, object] = {}
        for part in _chunks(list(ready), _IN):
            sql = "SELECT id, json_extract(data, '$.replied') FROM interactions WHERE id IN "
            stored.update(conn.execute(sql + _marks(part), part))  # only ?s
        new: list[Interaction] = []
        rising: list[str] = []
        for iid, interaction in ready.items():
            if iid not in stored:
                new.append(interaction)
                continue
            known += 1
            if interaction.replied is True and stored[iid] != 1:  # JSON true reads as 1
                rising.append(iid)
        _raise_replied(conn, rising)
        self._check_uids(new)
        return _insert_interactions(conn, new), known

    def _check_uids(self, interactions: list[Interaction]) -> None:
        """Raise NotFoundError at the first interaction naming a contact not stored."""
        wanted = {
            u
            for i in interactions
            for u in i.contact_uids
            if u not in self.uid_map and u not in self.present
        }
        for part in _chunks(list(wanted), _IN):
            sql = "SELECT uid FROM contacts WHERE uid IN "
            self.present.update(str(u) for (u,) in self.conn.execute(sql + _marks(part), part))
        if wanted <= self.present:
            return
        for interaction in interactions:
            for uid in interaction.contact_uids:
                if uid not in self.uid_map and uid not in self.present:
                    raise NotFoundError(
                        f"interaction {interaction.id!r} names unknown contact {uid!r}; "
                        "add the contact first"
                    )

    def _entries(self, batch: list[LedgerEntry]) -> tuple[int, int]:
        """Store one batch of ledger entries; return (added, already stored)."""
        ready: dict[str, LedgerEntry] = {}
        known = 0
        for entry in batch:
            if entry.contact_uid in self.skipped:
                continue
            uid = self._resolve(entry.contact_uid)
            if uid != entry.contact_uid:
                entry = entry.model_copy(update={"contact_uid": uid})
            if entry.id in ready:
                known += 1
            else:
                ready[entry.id] = entry
        stored: set[str] = set()
        for part in _chunks(list(ready), _IN):
            sql = "SELECT id FROM ledger_entries WHERE id IN "
            stored.update(str(i) for (i,) in self.conn.execute(sql + _marks(part), part))
        new = [e for iid, e in ready.items() if iid not in stored]
        start = _next_seq(self.conn, "ledger_entries")
        self.conn.executemany(
            "INSERT INTO ledger_entries (seq, id, contact_uid, data) VALUES (?, ?, ?, ?)",
            [(start + k, e.id, e.contact_uid, record_json(e)) for k, e in enumerate(new)],
        )
        return len(new), known + len(stored)


_BATCH = 5_000
"""Interactions or ledger entries stored per ``executemany``."""

_IN = 500
"""Values per ``IN (...)`` lookup (well under SQLite's limit on parameters)."""


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(values: list[str]) -> str:
    """``(?, ?, ...)``: one placeholder per value (never the values themselves)."""
    return "(" + ",".join("?" * len(values)) + ")"


def _next_seq(conn: sqlite3.Connection, table: str) -> int:
    """The seq SQLite would give the next row of ``table`` (a constant name, not input).

    Called inside the write transaction (``BEGIN IMMEDIATE``), so no other writer can
    take it; rows inserted with explicit seqs keep the order they were given in.
    """
    row = conn.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


# ---- rows -----------------------------------------------------------------------------


def _is_stored_key(conn: sqlite3.Connection, key: str) -> bool:
    """True when a stored contact holds this match key (``uid:``, ``email:``, ``phone:``)."""
    kind, _, value = key.partition(":")
    sql = {
        "uid": "SELECT 1 FROM contacts WHERE uid = ? UNION ALL "
        "SELECT 1 FROM contact_aliases WHERE uid = ?",
        "email": "SELECT 1 FROM contact_emails WHERE email = ? AND ? IS NOT NULL",
        "phone": "SELECT 1 FROM contact_phones WHERE e164 = ? AND ? IS NOT NULL",
    }[kind]
    return conn.execute(sql + " LIMIT 1", (value, value)).fetchone() is not None


def _has_contact(conn: sqlite3.Connection, uid: str) -> bool:
    return conn.execute("SELECT 1 FROM contacts WHERE uid = ?", (uid,)).fetchone() is not None


def _insert_contact(conn: sqlite3.Connection, contact: Contact, digest: str) -> int:
    cur = conn.execute(
        "INSERT INTO contacts (uid, hash, data) VALUES (?, ?, ?)",
        (contact.uid, digest, record_json(contact)),
    )
    seq = cur.lastrowid
    assert seq is not None
    _insert_keys(conn, seq, contact, replace=False)
    if not email_keys(contact) and not phone_keys(contact):
        _remember_content(conn, seq, loose_hash(contact))
    return seq


def _insert_keys(conn: sqlite3.Connection, seq: int, contact: Contact, *, replace: bool) -> None:
    if replace:
        conn.execute("DELETE FROM contact_emails WHERE seq = ?", (seq,))
        conn.execute("DELETE FROM contact_phones WHERE seq = ?", (seq,))
    conn.executemany(
        "INSERT INTO contact_emails (email, seq) VALUES (?, ?)",
        [(k, seq) for k in email_keys(contact)],
    )
    conn.executemany(
        "INSERT INTO contact_phones (e164, seq) VALUES (?, ?)",
        [(k, seq) for k in phone_keys(contact)],
    )


def _insert_interactions(conn: sqlite3.Connection, new: list[Interaction]) -> int:
    """Insert interactions whose ids are not stored (in one ``executemany`` per table)."""
    if not new:
        return 0
    start = _next_seq(conn, "interactions")
    conn.executemany(
        "INSERT INTO interactions (seq, id, data) VALUES (?, ?, ?)",
        [(start + k, i.id, record_json(i)) for k, i in enumerate(new)],
    )
    conn.executemany(
        "INSERT INTO interaction_contacts (uid, seq) VALUES (?, ?)",
        [(uid, start + k) for k, i in enumerate(new) for uid in i.contact_uids],
    )
    return len(new)


def _raise_replied(conn: sqlite3.Connection, ids: Iterable[str]) -> int:
    """The one rule that changes a stored interaction: ``replied`` rises to ``True``.

    A stored interaction whose ``replied`` is ``False`` or ``None`` becomes ``replied=True``
    (their answer, read later than my message); nothing else of it changes, ``True`` is never
    lowered, and ids that are not stored are ignored. Returns how many rose.
    """
    raised = 0
    for iid in dict.fromkeys(ids):
        row = conn.execute("SELECT data FROM interactions WHERE id = ?", (iid,)).fetchone()
        if row is None:
            continue
        stored = Interaction.model_validate_json(row[0])
        if stored.replied is True:
            continue
        conn.execute(
            "UPDATE interactions SET data = ? WHERE id = ?",
            (record_json(stored.model_copy(update={"replied": True})), iid),
        )
        raised += 1
    return raised


def _insert_event(conn: sqlite3.Connection, event: Event) -> bool:
    cur = conn.execute(
        "INSERT INTO events (uid, start, data) VALUES (?, ?, ?) "
        "ON CONFLICT (uid, start) DO NOTHING",
        (event.uid, event.occurrence_key, record_json(event)),
    )
    return cur.rowcount == 1


def _insert_entry(conn: sqlite3.Connection, entry: LedgerEntry) -> bool:
    cur = conn.execute(
        "INSERT INTO ledger_entries (id, contact_uid, data) VALUES (?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        (entry.id, entry.contact_uid, record_json(entry)),
    )
    return cur.rowcount == 1


def _insert_alias(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute(
        "INSERT INTO ledger_aliases (old_uid, new_uid) VALUES (?, ?) "
        "ON CONFLICT (old_uid) DO NOTHING",
        (old, new),
    )


def _replay_ledger(conn: sqlite3.Connection, ledger: Ledger) -> None:
    """Fill an empty ``ledger`` with the stored aliases, then the stored entries in order."""
    for old, new in conn.execute("SELECT old_uid, new_uid FROM ledger_aliases ORDER BY seq"):
        ledger.repoint(old, new)
    for (data,) in conn.execute("SELECT data FROM ledger_entries ORDER BY seq").fetchall():
        ledger.record(LedgerEntry.model_validate_json(data))


# ---- merging and forgetting -----------------------------------------------------------

_CONTENT = "content:"
"""Prefix of the alias rows that hold a content hash instead of a uid (a merge key)."""


def _remember_content(conn: sqlite3.Connection, seq: int, *digests: str) -> None:
    """Record content hashes a contact no longer has as its aliases (match keys kept)."""
    conn.executemany(
        "INSERT INTO contact_aliases (uid, seq) VALUES (?, ?) "
        "ON CONFLICT (uid) DO UPDATE SET seq = excluded.seq",
        [(_CONTENT + d, seq) for d in digests],
    )


def _stored_row(conn: sqlite3.Connection, uid: str) -> _Row:
    """``(seq, uid, data)`` of the stored contact with this uid or alias."""
    row = conn.execute("SELECT seq, uid, data FROM contacts WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT c.seq, c.uid, c.data FROM contact_aliases a JOIN contacts c "
            "ON c.seq = a.seq WHERE a.uid = ?",
            (uid,),
        ).fetchone()
    if row is None:
        raise NotFoundError(f"no stored contact with uid {uid!r}")
    return (int(row[0]), str(row[1]), str(row[2]))


def _rename_in_interactions(conn: sqlite3.Connection, old: str, new: str) -> None:
    rows = conn.execute(
        "SELECT i.seq, i.data FROM interaction_contacts k JOIN interactions i ON i.seq = k.seq "
        "WHERE k.uid = ?",
        (old,),
    ).fetchall()
    for seq, data in rows:
        inter = Interaction.model_validate_json(data)
        uids = tuple(dict.fromkeys(new if u == old else u for u in inter.contact_uids))
        inter = inter.model_copy(update={"contact_uids": uids})
        conn.execute("UPDATE interactions SET data = ? WHERE seq = ?", (record_json(inter), seq))
        conn.execute("DELETE FROM interaction_contacts WHERE seq = ?", (seq,))
        conn.executemany(
            "INSERT INTO interaction_contacts (uid, seq) VALUES (?, ?)", [(u, seq) for u in uids]
        )


def _all_names(conn: sqlite3.Connection, seq: int, uid: str) -> list[str]:
    """Every uid that names the stored contact: its own, its aliases, merged-away uids."""
    names = [uid]
    names += [
        str(u) for (u,) in conn.execute("SELECT uid FROM contact_aliases WHERE seq = ?", (seq,))
    ]
    pending = list(names)
    while pending:  # ledger aliases form chains: a -> b -> uid
        target = pending.pop()
        for (old,) in conn.execute(
            "SELECT old_uid FROM ledger_aliases WHERE new_uid = ?", (target,)
        ):
            if old not in names:
                names.append(str(old))
                pending.append(str(old))
    return list(dict.fromkeys(names))


def _forget_interactions(conn: sqlite3.Connection, uids: list[str]) -> int:
    gone = set(uids)
    marks = ",".join("?" * len(uids))
    rows = conn.execute(
        "SELECT DISTINCT i.seq, i.data FROM interaction_contacts k "
        f"JOIN interactions i ON i.seq = k.seq WHERE k.uid IN ({marks})",  # only ?s
        uids,
    ).fetchall()
    for seq, data in rows:
        inter = Interaction.model_validate_json(data)
        left = tuple(u for u in inter.contact_uids if u not in gone)
        if not left:
            conn.execute("DELETE FROM interactions WHERE seq = ?", (seq,))
            continue
        inter = inter.model_copy(update={"contact_uids": left})
        conn.execute("UPDATE interactions SET data = ? WHERE seq = ?", (record_json(inter), seq))
        conn.execute(
            f"DELETE FROM interaction_contacts WHERE seq = ? AND uid IN ({marks})", (seq, *uids)
        )
    return len(rows)


def _matcher(contacts: Iterable[Contact]) -> Callable[[object], bool]:
    """Whether an attendee or organizer names one of ``contacts`` (by email, else name)."""
    emails: set[str] = set()
    names: set[str] = set()
    for contact in contacts:
        emails.update(email_keys(contact))
        names.update(n.strip() for n in (contact.formatted_name, contact.display_name))
    names.discard("")

    def is_them(person: object) -> bool:
        email = (getattr(person, "email", None) or "").strip().casefold()
        name = (getattr(person, "name", None) or "").strip()
        return bool((email and email in emails) or (name and name in names))

    return is_them


def _stored_matcher(conn: sqlite3.Connection) -> Callable[[object], bool]:
    """Whether an attendee or organizer is a stored contact (by email, else exact name)."""
    names: set[str] | None = None

    def is_stored(person: object) -> bool:
        nonlocal names
        email = (getattr(person, "email", None) or "").strip().casefold()
        if email:
            sql = "SELECT 1 FROM contact_emails WHERE email = ? LIMIT 1"
            return conn.execute(sql, (email,)).fetchone() is not None
        name = (getattr(person, "name", None) or "").strip()
        if not name:
            return False
        if names is None:
            stored = (
                Contact.model_validate_json(d) for (d,) in conn.execute("SELECT data FROM contacts")
            )
            names = {n.strip() for c in stored for n in (c.formatted_name, c.display_name)}
        return name in names

    return is_stored


def _restore_event(
    conn: sqlite3.Connection, event: Event, is_restored: Callable[[object], bool]
) -> bool:
    """Put back into a stored occurrence the people of ``event`` that ``is_restored``."""
    row = conn.execute(
        "SELECT seq, data FROM events WHERE uid = ? AND start = ?",
        (event.uid, event.occurrence_key),
    ).fetchone()
    if row is None:
        return False
    stored = Event.model_validate_json(row[1])
    back = [a for a in event.attendees if a not in stored.attendees and is_restored(a)]
    organizer = stored.organizer
    if organizer is None and event.organizer is not None and is_restored(event.organizer):
        organizer = event.organizer
    if not back and organizer == stored.organizer:
        return False
    # The imported order first, then what only the stored occurrence has.
    attendees = [a for a in event.attendees if a in stored.attendees or a in back]
    attendees += [a for a in stored.attendees if a not in attendees]
    restored = stored.model_copy(update={"attendees": tuple(attendees), "organizer": organizer})
    conn.execute("UPDATE events SET data = ? WHERE seq = ?", (record_json(restored), row[0]))
    return True


def _forget_events(conn: sqlite3.Connection, contact: Contact) -> int:
    """Take the person out of stored events (as attendee or organizer); return how many changed."""
    is_them = _matcher([contact])
    changed = 0
    for seq, data in conn.execute("SELECT seq, data FROM events").fetchall():
        event = Event.model_validate_json(data)
        attendees = tuple(a for a in event.attendees if not is_them(a))
        organizer = (
            None if event.organizer is not None and is_them(event.organizer) else event.organizer
        )
        if attendees != event.attendees or organizer != event.organizer:
            event = event.model_copy(update={"attendees": attendees, "organizer": organizer})
            conn.execute("UPDATE events SET data = ? WHERE seq = ?", (record_json(event), seq))
            changed += 1
    return changed


_SALT_KEY = "forget.salt"
"""The ``settings`` key of the store's random salt for tombstone hashes."""


def _salt(conn: sqlite3.Connection, *, create: bool) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (_SALT_KEY,)).fetchone()
    if row is not None:
        return str(json.loads(row[0]))
    if not create:
        return None
    salt = os.urandom(16).hex()
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (_SALT_KEY, json.dumps(salt)))
    return salt
