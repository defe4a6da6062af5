"""A Network as the columnar engine's three input tables (private; re-exported).

The bridge the object API and the equality tests use: every value the object engine
reads is put in a column (the group size of an event occurrence, the ledger's
merged-away uids resolved, me marked ``is_me``), so the two engines see the
same data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore import _gc
from netcore.model import Network
from netcore.scoring._aggregates import _group_sizes
from netcore.scoring._health import COLUMNAR_FROM, me_uids
from netcore.scoring.frame._schema import polars_schema

if TYPE_CHECKING:
    import polars as pl

__all__ = ["LARGE_NETWORK", "frames_of"]

LARGE_NETWORK = COLUMNAR_FROM
"""Interactions from which :func:`netcore.scoring.rank` runs on the columnar engine."""


def frames_of(net: Network) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """``(interactions, contacts, ledger)`` of ``net`` as Polars frames of the schema.

    Me (``Network.me``) is a contact with ``is_me`` true (as in the store's frames):
    never scored, but an interaction naming me names a contact.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 30, tzinfo=timezone.utc),
        ...                         contact_uids=("ada", "bob"), kind=InteractionKind.CALL))
        >>> interactions, contacts, ledger = frames_of(net)
        >>> interactions["contact_uid"].to_list(), contacts.height, ledger.height
        (['ada', 'bob'], 2, 0)
    """
    with _gc.paused():  # a tuple per row: see netcore._gc
        return _frames(net)


def _frames(net: Network) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return _interactions(net), _contacts(net), _ledger(net)


def _interactions(net: Network) -> pl.DataFrame:
    import polars as pl

    size = _group_sizes(net)
    pairs = [(it, uid) for it in net.interactions for uid in it.contact_uids]
    items = [it for it, _ in pairs]
    columns: dict[str, list[object]] = {
        "interaction_id": [it.id for it in items],
        "contact_uid": [uid for _, uid in pairs],
        "at": [it.at for it in items],
        "kind": [it.kind.value for it in items],
        "direction": [it.direction.value for it in items],
        "replied": [it.replied for it in items],
        "duration_minutes": [
            None if it.duration is None else it.duration.total_seconds() / 60.0 for it in items
        ],
        "participants": [it.participants for it in items],
        "event_uid": [it.event_uid for it in items],
        "group_size": [
            it.participants if it.participants is not None or it.event_uid is None else size(it)
            for it in items
        ],
    }
    return pl.DataFrame(columns, schema=polars_schema("interactions"))


def _contacts(net: Network) -> pl.DataFrame:
    import polars as pl

    mine = me_uids(net)
    people = list(net.contacts.values())
    contacts = pl.DataFrame(
        {
            "uid": [c.uid for c in people],
            "cadence_days": [c.cadence_days for c in people],
            "formatted_name": [c.formatted_name for c in people],
            "is_me": [c.uid in mine for c in people],
        },
        schema={k: v for k, v in polars_schema("contacts").items() if k != "categories"},
    )
    # One list per contact from Python is slow to convert: flat pairs, gathered by uid.
    flat = pl.DataFrame(
        {
            "uid": [c.uid for c in people for _ in c.categories],
            "categories": [x for c in people for x in c.categories],
        },
        schema={"uid": pl.String(), "categories": pl.String()},
    )
    lists = flat.group_by("uid", maintain_order=True).agg(pl.col("categories"))
    contacts = contacts.join(lists, on="uid", how="left", maintain_order="left")
    return contacts.with_columns(pl.col("categories").fill_null([])).select(
        list(polars_schema("contacts"))
    )


def _ledger(net: Network) -> pl.DataFrame:
    import polars as pl

    ledger = net.ledger
    entries = list(ledger)
    return pl.DataFrame(
        {
            "id": [e.id for e in entries],
            "contact_uid": [ledger.resolve(e.contact_uid) for e in entries],
            "on": [e.on for e in entries],
            "direction": [e.direction.value for e in entries],
            "kind": [e.kind.value for e in entries],
            "weight": [e.weight for e in entries],
            "reverses": [e.reverses for e in entries],
            "type": [e.type.value for e in entries],
        },
        schema=polars_schema("ledger"),
    )
