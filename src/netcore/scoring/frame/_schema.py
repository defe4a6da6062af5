"""The one column schema of the columnar scoring engine's inputs (private; re-exported).

Names, types, nullability and meaning of every column of the three input tables
(interactions, contacts, ledger) live here and nowhere else: ``netcore.store`` reads its
frame and Parquet schemas from this module, :func:`json_schema` and :func:`arrow_schema`
publish it for data teams (``docs/frame-schema.json`` is generated from it, and a test
keeps the two equal).

Enum columns hold the model's lowercase values (``"meeting"``, ``"outbound"``);
timestamps are UTC (an aware timestamp of any zone is read as the instant it is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from netcore.errors import MissingDependencyError
from netcore.model import Direction, FavourDirection, FavourKind, InteractionKind
from netcore.model.ledger import EntryType

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa

__all__ = [
    "CONTACT_COLUMNS",
    "INTERACTION_COLUMNS",
    "LEDGER_COLUMNS",
    "TABLES",
    "Column",
    "Table",
    "arrow_schema",
    "columns",
    "json_schema",
    "polars_schema",
    "required",
]

Dtype = Literal["string", "timestamp", "date", "bool", "float", "int", "list[string]"]
Table = Literal["interactions", "contacts", "ledger"]

TABLES: tuple[Table, ...] = ("interactions", "contacts", "ledger")
"""The three input tables, in the order ``frame.rank`` takes them."""


@attrs.frozen
class Column:
    """One column of an input table.

    Attributes:
        name: The column name.
        dtype: Its logical type (``timestamp``: microseconds, UTC).
        required: The column must be present and hold a value in every row.
        doc: What it means.
        values: The allowed values of an enum column (lowercase), else ``()``.
        minimum: The smallest allowed value of a numeric column, else ``None``.
        maximum: The largest allowed value of a numeric column, else ``None``.
    """

    name: str
    dtype: Dtype
    required: bool
    doc: str
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum)


INTERACTIONS: tuple[Column, ...] = (
    Column("interaction_id", "string", False, "The interaction's id (the same on each row)."),
    Column("contact_uid", "string", True, "The contact: one row per contact and interaction."),
    Column("at", "timestamp", True, "When it happened (UTC; a naive timestamp is refused)."),
    Column("kind", "string", True, "What it was.", _values(InteractionKind)),
    Column("direction", "string", True, "Who started it.", _values(Direction)),
    Column("replied", "bool", False, "Whether my outreach was answered (null: unknown)."),
    Column("duration_minutes", "float", False, "How long it lasted (null: unknown).", (), 0.0),
    Column("participants", "int", False, "People it brought together, me included.", (), 1.0),
    Column("event_uid", "string", False, "The event it happened at, if any."),
    Column(
        "group_size",
        "int",
        False,
        "People the interaction brought together, me included: ``participants`` when "
        "set, else the attendees of its event occurrence; scores are weighted by it.",
        (),
        1.0,
    ),
)
"""One row per contact and interaction (an interaction with 3 contacts is 3 rows)."""

CONTACTS: tuple[Column, ...] = (
    Column("uid", "string", True, "The contact's uid (unique)."),
    Column("cadence_days", "int", False, "Keep-in-touch target in days.", (), 1.0, 36_500.0),
    Column("categories", "list[string]", False, "Categories (kin categories decay slower)."),
    Column("formatted_name", "string", False, "The display name (ignored by scoring)."),
    Column("is_me", "bool", False, "The network's owner (``Network.me``): never scored."),
)
"""One row per contact."""

LEDGER: tuple[Column, ...] = (
    Column("id", "string", True, "The entry's id (unique)."),
    Column("contact_uid", "string", True, "The contact (merged-away uids already resolved)."),
    Column("on", "date", True, "The day it happened."),
    Column("direction", "string", True, "Given or received.", _values(FavourDirection)),
    Column("kind", "string", True, "What sort of favour.", _values(FavourKind)),
    Column("weight", "float", True, "How much it counted (1.0: an ordinary favour).", (), 0.0),
    Column("reverses", "string", False, "The id of the entry this one cancels."),
    Column(
        "type", "string", False, "Favour (null too), ask, offer or decline.", _values(EntryType)
    ),
)
"""One row per ledger entry."""

_BY_TABLE: dict[Table, tuple[Column, ...]] = {
    "interactions": INTERACTIONS,
    "contacts": CONTACTS,
    "ledger": LEDGER,
}

INTERACTION_COLUMNS = tuple(c.name for c in INTERACTIONS)
CONTACT_COLUMNS = tuple(c.name for c in CONTACTS)
LEDGER_COLUMNS = tuple(c.name for c in LEDGER)


def columns(table: Table) -> tuple[Column, ...]:
    """The columns of ``table``, in order."""
    return _BY_TABLE[table]


def required(table: Table) -> tuple[str, ...]:
    """The names of the columns of ``table`` that must hold a value in every row.

    Examples:
        >>> required("interactions")
        ('contact_uid', 'at', 'kind', 'direction')
    """
    return tuple(c.name for c in _BY_TABLE[table] if c.required)


def polars_schema(table: Table) -> pl.Schema:
    """The Polars schema of ``table``.

    Examples:
        >>> polars_schema("ledger")["on"]
        Date
    """
    import polars as pl

    types: dict[Dtype, pl.DataType] = {
        "string": pl.String(),
        "timestamp": pl.Datetime("us", "UTC"),
        "date": pl.Date(),
        "bool": pl.Boolean(),
        "float": pl.Float64(),
        "int": pl.Int64(),
        "list[string]": pl.List(pl.String()),
    }
    return pl.Schema({c.name: types[c.dtype] for c in _BY_TABLE[table]})


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of ``table`` (required columns are not nullable).

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - pyarrow comes with the dev extra
        raise MissingDependencyError("arrow_schema needs pyarrow: pip install pyarrow") from exc
    types: dict[Dtype, pa.DataType] = {
        "string": pa.string(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "float": pa.float64(),
        "int": pa.int64(),
        "list[string]": pa.list_(pa.string()),
    }
    return pa.schema(
        [
            pa.field(c.name, types[c.dtype], nullable=not c.required, metadata={"doc": c.doc})
            for c in _BY_TABLE[table]
        ]
    )


def _json_type(column: Column) -> dict[str, Any]:
    bases: dict[Dtype, dict[str, Any]] = {
        "string": {"type": "string"},
        "timestamp": {"type": "string", "format": "date-time"},
        "date": {"type": "string", "format": "date"},
        "bool": {"type": "boolean"},
        "float": {"type": "number"},
        "int": {"type": "integer"},
        "list[string]": {"type": "array", "items": {"type": "string"}},
    }
    out = dict(bases[column.dtype])
    if column.values:
        out["enum"] = list(column.values)
    if column.minimum is not None:
        out["minimum"] = column.minimum
    if column.maximum is not None:
        out["maximum"] = column.maximum
    if not column.required:
        out = {"anyOf": [out, {"type": "null"}]}
    out["description"] = column.doc
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one row of each input table (``$defs``: one per table).

    Examples:
        >>> sorted(json_schema()["$defs"])
        ['contacts', 'interactions', 'ledger']
    """
    defs = {
        table: {
            "type": "object",
            "properties": {c.name: _json_type(c) for c in cols},
            "required": [c.name for c in cols if c.required],
        }
        for table, cols in _BY_TABLE.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://netcore.readthedocs.io/frame-schema.json",
        "title": "netcore.scoring.frame input tables",
        "description": "One row of each input table of netcore.scoring.frame.rank.",
        "$defs": defs,
    }
