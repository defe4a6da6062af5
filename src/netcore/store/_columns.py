"""The column names and types of the store's frames and Parquet files (private).

They are those of the columnar scoring engine's input schema,
:mod:`netcore.scoring.frame._schema`, read from there (one schema for both):
``Store.contacts_frame``, ``Store.interactions_frame``, ``Store.ledger_frame``, the
Parquet export and the Parquet import all use these names and types.

Polars is imported only inside the functions, so importing netcore stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore.scoring.frame._schema import (
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    polars_schema,
    required,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "CONTACT_COLUMNS",
    "INTERACTION_COLUMNS",
    "LEDGER_COLUMNS",
    "NOT_NULL",
    "contacts_schema",
    "interactions_schema",
    "ledger_schema",
]

NOT_NULL = {
    # The store also needs each interaction's id: its rows are grouped back by it.
    "interactions": ("interaction_id", *required("interactions")),
    "contacts": required("contacts"),
    "ledger": required("ledger"),
}
"""The columns of each table that must hold a value in every row."""


def interactions_schema() -> pl.Schema:
    """The Polars schema of the interactions frame.

    Examples:
        >>> list(interactions_schema()) == list(INTERACTION_COLUMNS)
        True
    """
    return polars_schema("interactions")


def contacts_schema() -> pl.Schema:
    """The Polars schema of the contacts frame.

    Examples:
        >>> contacts_schema()["categories"]
        List(String)
    """
    return polars_schema("contacts")


def ledger_schema() -> pl.Schema:
    """The Polars schema of the ledger frame.

    Examples:
        >>> ledger_schema()["on"]
        Date
    """
    return polars_schema("ledger")
