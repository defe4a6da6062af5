"""What the store reports (private; re-exported by ``netcore.store``)."""

from __future__ import annotations

import attrs

__all__ = ["ImportReport", "StoreCounts"]


@attrs.frozen(slots=True)
class ImportReport:
    """What one import changed: committed together, in one transaction.

    Contact uids are the *stored* ones: an imported contact that matched a stored contact
    by email, phone or content keeps the stored uid, and :attr:`remapped` says so.

    Attributes:
        source: The label given to the import (usually the file name), or ``None``.
        added: Uids of contacts new to the store, in the order imported.
        updated: Uids of stored contacts the import changed (new emails, a new title, ...).
        unchanged: Uids of stored contacts the import matched and left as they were.
        remapped: ``(imported uid, stored uid)`` for every contact that matched a stored
            contact of another uid; interactions and ledger entries naming the imported
            uid were stored under the stored one.
        interactions_added: Interactions new to the store.
        interactions_known: Interactions whose id was already stored (left as stored).
        events_added: Event occurrences new to the store.
        events_known: Occurrences whose uid and start were already stored.
        ledger_added: Ledger entries new to the store.
        ledger_known: Ledger entries whose id was already stored.
        forgotten: Uids of imported contacts not stored because the person was removed
            with ``forget`` (their records naming them were skipped too); import with
            ``restore_forgotten=True`` to bring them back.
        unmatched: ``(file, reference)`` for every attendee or CSV row of the import that
            matched no contact (as the loading pipeline reported them).

    Examples:
        >>> from netcore import Contact, Network
        >>> from netcore.store import Store
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
        >>> with Store.open(":memory:") as store:
        ...     first = store.import_network(net, source="a.vcf")
        ...     again = store.import_network(net, source="a.vcf")
        >>> first.added, again.unchanged, again.changed
        (('ada',), ('ada',), False)
        >>> first.summary()
        'a.vcf: 1 contact added, 0 updated, 0 unchanged'
    """

    source: str | None = None
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    remapped: tuple[tuple[str, str], ...] = ()
    interactions_added: int = 0
    interactions_known: int = 0
    events_added: int = 0
    events_known: int = 0
    ledger_added: int = 0
    ledger_known: int = 0
    forgotten: tuple[str, ...] = ()
    unmatched: tuple[tuple[str, str], ...] = ()

    @property
    def rows_added(self) -> int:
        """Records new to the store: contacts, interactions, events and ledger entries."""
        return len(self.added) + self.interactions_added + self.events_added + self.ledger_added

    @property
    def changed(self) -> bool:
        """True when the import added or updated anything."""
        return bool(self.rows_added or self.updated)

    def summary(self) -> str:
        """One line for people: contacts always, other records when the import had any."""
        noun = "contact" if len(self.added) == 1 else "contacts"
        parts = [
            f"{len(self.added)} {noun} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        ]
        for label, added, known in (
            ("interactions", self.interactions_added, self.interactions_known),
            ("events", self.events_added, self.events_known),
            ("ledger entries", self.ledger_added, self.ledger_known),
        ):
            if added or known:
                parts.append(f"{label} {added} added, {known} already stored")
        if self.forgotten:
            parts.append(
                f"{len(self.forgotten)} forgotten person(s) skipped (--restore-forgotten "
                "imports them)"
            )
        if self.unmatched:
            parts.append(f"{len(self.unmatched)} reference(s) matched nobody")
        text = "; ".join(parts)
        return f"{self.source}: {text}" if self.source else text


@attrs.frozen(slots=True)
class StoreCounts:
    """How many records the store holds.

    Examples:
        >>> from netcore.store import Store
        >>> with Store.open(":memory:") as store:
        ...     store.counts()
        StoreCounts(contacts=0, interactions=0, events=0, ledger_entries=0)
    """

    contacts: int
    interactions: int
    events: int
    ledger_entries: int

    @property
    def total(self) -> int:
        """All records together."""
        return self.contacts + self.interactions + self.events + self.ledger_entries
