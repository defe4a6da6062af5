"""The store's explicit relations and its FTS5 search index (private; mixed into ``Store``).

Schema version 3 (``store/_schema._v3``): table ``relations`` and the FTS5 table
``contact_search``, rebuilt from the stored network when ``search_state`` says it is
stale (a contact changed) or interactions or events were added since it was built.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from netcore.errors import NotFoundError
from netcore.model import Contact, Network, Relation, RelationKind
from netcore.model.relations import (
    RELATION_WEIGHTS,
    SEARCH_FIELDS,
    SearchDocument,
    folded_fields,
    rank_documents,
    search_documents,
    search_fields,
    search_terms,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

__all__ = ["RelationsMixin", "import_relations", "insert_relations", "read_relations"]


def insert_relations(conn: sqlite3.Connection, relations: Iterable[Relation]) -> None:
    """Write explicit relations (one row per pair and kind: a later one replaces)."""
    conn.executemany(
        "INSERT INTO relations (a, b, kind, data) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (a, b, kind) DO UPDATE SET data = excluded.data",
        [(*r.pair, r.kind.value, r.model_dump_json()) for r in relations],
    )


def import_relations(
    conn: sqlite3.Connection, relations: Iterable[Relation], remapped: dict[str, str]
) -> None:
    """Store an imported network's explicit relations under the stored uids.

    A relation naming an imported uid that matched a stored contact is stored under the
    stored uid (``remapped``); one naming a contact the store does not hold (a forgotten
    person) is not stored, as that person's other records are not.
    """
    stored = []
    for relation in relations:
        a, b = remapped.get(relation.a, relation.a), remapped.get(relation.b, relation.b)
        if a == b or not _both_stored(conn, a, b):
            continue
        if (a, b) != (relation.a, relation.b):
            relation = Relation.model_validate({**relation.model_dump(), "a": a, "b": b})
        stored.append(relation)
    insert_relations(conn, stored)


def _both_stored(conn: sqlite3.Connection, a: str, b: str) -> bool:
    row = conn.execute("SELECT count(*) FROM contacts WHERE uid IN (?, ?)", (a, b)).fetchone()
    return int(row[0]) == 2


def read_relations(conn: sqlite3.Connection, net: Network) -> None:
    """Add the stored explicit relations to ``net`` (those naming a contact it lacks: skipped)."""
    for (data,) in conn.execute("SELECT data FROM relations ORDER BY a, b, kind"):
        relation = Relation.model_validate_json(data)
        if relation.a in net and relation.b in net:
            net.add_relation(relation)


def _fingerprint(conn: sqlite3.Connection) -> str:
    parts = []
    for table in ("interactions", "events"):  # constant names
        n, top = conn.execute(f"SELECT count(*), max(seq) FROM {table}").fetchone()
        parts.append(f"{n}:{top}")
    return ",".join(parts)


def _state(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM search_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _match_query(terms: list[str]) -> str:
    """An FTS5 query: every term quoted (no syntax passes) as a prefix, all required."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in terms)


class RelationsMixin:
    """``Store.relate``, ``Store.relations`` and ``Store.search``."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by Store

        def _transaction(
            self, *, write: bool = True
        ) -> AbstractContextManager[sqlite3.Connection]: ...

        def load(self) -> Network: ...

        def contact(self, uid: str) -> Contact: ...

    def relate(
        self,
        a_uid: str,
        b_uid: str,
        kind: RelationKind | str = RelationKind.EXPLICIT,
        *,
        weight: float | None = None,
        since: date | None = None,
        until: date | None = None,
        note: str | None = None,
        context: str | None = None,
    ) -> Relation:
        """Keep an explicit relation between two stored contacts (as ``Network.relate``).

        Raises:
            NotFoundError: Either uid is not a stored contact.
            ValueError: The uids are equal, the weight is not in (0, 1], or the kind is
                unknown.

        Examples:
            >>> from netcore import Contact
            >>> from netcore.store import Store
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="ana"), Contact(uid="bo")])
            ...     _ = store.relate("bo", "ana", "colleague", context="Acme")
            ...     [(r.a, r.b, r.kind.value) for r in store.relations()]
            [('bo', 'ana', 'colleague')]
        """
        kind = RelationKind(kind)
        relation = Relation(
            a=a_uid,
            b=b_uid,
            kind=kind,
            weight=RELATION_WEIGHTS[kind] if weight is None else weight,
            since=since,
            until=until,
            note=note,
            context=context,
        )
        with self._transaction() as conn:
            for uid in (a_uid, b_uid):
                if conn.execute("SELECT 1 FROM contacts WHERE uid = ?", (uid,)).fetchone() is None:
                    raise NotFoundError(f"no stored contact with uid {uid!r}")
            insert_relations(conn, (relation,))
        return relation

    def relations(self) -> list[Relation]:
        """The stored explicit relations (derived ones come from ``Network.relations``)."""
        with self._transaction(write=False) as conn:
            return [
                Relation.model_validate_json(d)
                for (d,) in conn.execute("SELECT data FROM relations ORDER BY a, b, kind")
            ]

    def search(
        self,
        text: str,
        *,
        strengths: Mapping[str, float] | None = None,
        limit: int | None = None,
    ) -> list[Contact]:
        """Stored contacts matching ``text``, best first, through the FTS5 index.

        The same answer as ``Network.search`` on the loaded network: the index holds each
        field's words folded in Python (``netcore.model.relations.fold``, the rule the
        query terms are folded by, in every script), FTS5 finds the contacts holding
        every term (or a word it begins), and the one ranking rule (``rank_documents``)
        orders them. Each
        term is quoted, so no text is query syntax; an empty query finds nobody. The
        index is rebuilt first when stale.

        Examples:
            >>> from netcore import Contact, Organization
            >>> from netcore.store import Store
            >>> with Store.open(":memory:") as store:
            ...     _ = store.add_contacts([Contact(uid="a", formatted_name="Zoë Ång",
            ...         organizations=(Organization(name="Acme Corp"),))])
            ...     [c.uid for c in store.search("zoe acme")], store.search('" NEAR *')
            (['a'], [])
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0 or None (got {limit})")
        terms = search_terms(text)
        if not terms:
            return []
        self._fresh_index()
        columns = ", ".join(SEARCH_FIELDS)  # constant names
        with self._transaction(write=False) as conn:
            rows = conn.execute(
                f"SELECT uid, {columns} FROM contact_search WHERE contact_search MATCH ?",
                (_match_query(terms),),
            ).fetchall()
        docs = [
            SearchDocument(uid=row[0], fields=dict(zip(SEARCH_FIELDS, row[1:], strict=True)))
            for row in rows
        ]
        contacts = {d.uid: self.contact(d.uid) for d in docs}
        fields = search_fields(text)
        ranked = rank_documents(docs, terms, contacts, strengths, fields)
        if not ranked and fields is not None:  # nobody at it: whoever mentions it
            ranked = rank_documents(docs, terms, contacts, strengths)
        if limit is not None:
            ranked = ranked[:limit]
        return [contacts[uid] for uid, _ in ranked]

    def _fresh_index(self) -> None:
        """Rebuild the index when stale.

        The index is marked fresh (and its fingerprint taken) *before* the network is
        loaded: a contact another process writes meanwhile marks it stale again, and the
        next search rebuilds it, instead of a late "fresh" hiding that contact for good.
        """
        with self._transaction() as conn:
            if _state(conn, "stale") == "0" and _state(conn, "built") == _fingerprint(conn):
                return
            conn.execute("UPDATE search_state SET value = '0' WHERE key = 'stale'")
            conn.execute(
                "INSERT INTO search_state (key, value) VALUES ('built', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_fingerprint(conn),),
            )
        net = self.load()
        docs = [folded_fields(d) for d in search_documents(net)]
        columns = ", ".join(SEARCH_FIELDS)  # constant names
        marks = ", ".join("?" * (len(SEARCH_FIELDS) + 1))
        with self._transaction() as conn:
            conn.execute("DELETE FROM contact_search")
            conn.executemany(
                f"INSERT INTO contact_search (uid, {columns}) VALUES ({marks})",
                [(d.uid, *(d.fields[f] for f in SEARCH_FIELDS)) for d in docs],
            )
            # one segment, without the tokens of rows deleted before (forgotten people)
            conn.execute("INSERT INTO contact_search (contact_search) VALUES ('optimize')")
