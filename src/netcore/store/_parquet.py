"""Parquet files of contacts, interactions and ledger entries, in and out (private).

The files hold the columns of :mod:`netcore.store._columns`. Out: the store's frames,
written by Polars. In: a file is recognised by its columns, checked column by column
(present, of the right type, a value where one is required), and turned into records
that pydantic validates, so that a bad value is reported with its column and row.
Polars is imported inside the functions.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pydantic

from netcore._files import atomic_write_bytes, read_bytes, source_name
from netcore.errors import ParseError, UnsupportedFormatError
from netcore.model import Contact, Interaction, LedgerEntry
from netcore.store._columns import NOT_NULL

if TYPE_CHECKING:
    import polars as pl

__all__ = ["PARQUET_FILES", "Table", "TableKind", "read_table", "records", "write_tables"]

TableKind = Literal["contacts", "interactions", "ledger"]

PARQUET_FILES: Mapping[TableKind, str] = {
    "contacts": "contacts.parquet",
    "interactions": "interactions.parquet",
    "ledger": "ledger.parquet",
}
"""The file each table is written to by ``netcore export --format parquet``."""

Table = tuple[TableKind, "pl.DataFrame"]


def _schemas() -> dict[TableKind, pl.Schema]:
    from netcore.store._columns import contacts_schema, interactions_schema, ledger_schema

    return {
        "contacts": contacts_schema(),
        "interactions": interactions_schema(),
        "ledger": ledger_schema(),
    }


def _kind_of(columns: list[str], source: str) -> TableKind:
    """Which table a file holds, from its columns."""
    names = set(columns)
    if {"score", "status", "layer"} <= names:  # what `netcore score` writes
        raise ParseError(
            "a file of scores (netcore score's output), not a table to import: its "
            "cadence_days are computed cadences, not the contacts' own",
            source=source,
        )
    if "interaction_id" in names:
        return "interactions"
    if "on" in names or {"id", "contact_uid"} <= names:
        return "ledger"
    if "uid" in names:
        return "contacts"
    shown = ", ".join(columns[:12])
    raise ParseError(
        "not a netcore table: interactions have an interaction_id column, ledger entries "
        f"id and contact_uid (or on), contacts uid (found: {shown})",
        source=source,
    )


def _accepts(want: pl.DataType, got: pl.DataType) -> bool:
    """Whether a column of type ``got`` can stand for the schema's ``want`` (no loss)."""
    import polars as pl

    if want == got:
        return True
    if isinstance(want, pl.Datetime):
        return isinstance(got, pl.Datetime) and got.time_zone is not None
    if want == pl.Float64():
        return got.is_float() or got.is_integer()
    if want == pl.Int64():
        return got.is_integer() and got != pl.UInt64()
    if want == pl.String():
        return isinstance(got, (pl.Categorical, pl.Enum)) or got == pl.Null()
    if isinstance(want, pl.List):
        return isinstance(got, pl.List) and got.inner in (pl.String(), pl.Null())
    return False


def read_table(path: str) -> Table:
    """Read and check one Parquet file: which table it is, and its columns in our types.

    Raises:
        ParseError: Not a Parquet file, a table of no known kind, a column missing or of
            the wrong type, or a null where a value is required (naming column and row).
        LimitExceededError: The file is larger than the input limit.
    """
    import polars as pl

    source = source_name(path) or str(path)
    data = read_bytes(path)  # the one input-size limit
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParseError(f"not a readable Parquet file ({first[:200]})", source=source) from exc
    kind = _kind_of(frame.columns, source)
    schema = _schemas()[kind]
    optional = {"contacts": {"cadence_days", "categories", "formatted_name"}}.get(kind, set())
    out: list[pl.Series] = []
    for name, want in schema.items():
        if name not in frame.columns:
            if name in optional or name not in NOT_NULL[kind]:
                out.append(pl.Series(name, [None] * frame.height, dtype=want))
                continue
            raise ParseError(f"the column {name!r} is missing", source=source, property=name)
        column = frame[name]
        if not _accepts(want, column.dtype):
            raise ParseError(
                f"the column is {column.dtype}, not {want}", source=source, property=name
            )
        column = column.cast(want)
        if name in NOT_NULL[kind] and column.null_count():
            row = int(column.is_null().arg_max() or 0) + 1
            raise ParseError(
                "no value where one is required", source=source, line=row, property=name
            )
        out.append(column)
    return kind, pl.DataFrame(out)


def _invalid(
    exc: pydantic.ValidationError, source: str, row: int, fields: Mapping[str, str]
) -> ParseError:
    """A pydantic error about the record built from ``row``, naming the column."""
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    column = fields.get(field, field) or None
    return ParseError(str(first["msg"])[:200], source=source, line=row, property=column)


_INTERACTION_FIELDS = {
    "id": "interaction_id",
    "contact_uids": "contact_uid",
    "duration": "duration_minutes",
}


def _interactions(
    frame: pl.DataFrame, source: str, resolve: Callable[[str], str | None]
) -> tuple[list[Interaction], list[tuple[int, str]]]:
    """One interaction per ``interaction_id`` (its rows' contacts in row order).

    A row whose ``contact_uid`` names no stored contact is left out and returned as
    ``(row, uid)``; an interaction all of whose rows are unmatched is not imported.
    """
    from datetime import timedelta

    groups: dict[str, dict[str, Any]] = {}
    unmatched: list[tuple[int, str]] = []
    for n, row in enumerate(frame.iter_rows(named=True), start=1):
        uid = resolve(row["contact_uid"])
        if uid is None:
            unmatched.append((n, row["contact_uid"]))
        group = groups.get(row["interaction_id"])
        if group is not None:
            if uid is not None:
                group["contact_uids"].setdefault(uid, None)  # a dict: ordered, no repeats
            continue
        minutes = row["duration_minutes"]
        if minutes is not None and not math.isfinite(minutes):
            raise ParseError(
                "not a finite number of minutes", source=source, line=n, property="duration_minutes"
            )
        groups[row["interaction_id"]] = {
            "row": n,
            "id": row["interaction_id"],
            "at": row["at"],
            "contact_uids": {} if uid is None else {uid: None},
            "first_uid": row["contact_uid"],
            "kind": row["kind"],
            "direction": row["direction"],
            "replied": row["replied"],
            "duration": None if minutes is None else timedelta(minutes=minutes),
            "participants": row["participants"],
            "event_uid": row["event_uid"],
        }
    out: list[Interaction] = []
    for group in groups.values():
        row_no = group.pop("row")
        first_uid = group.pop("first_uid")
        matched = bool(group["contact_uids"])
        # Checked all the same when unmatched: a bad value is an error, matched or not.
        group["contact_uids"] = list(group["contact_uids"]) if matched else [first_uid]
        try:
            interaction = Interaction.model_validate(group)
        except pydantic.ValidationError as exc:
            raise _invalid(exc, source, row_no, _INTERACTION_FIELDS) from exc
        except OverflowError as exc:
            raise ParseError(str(exc), source=source, line=row_no) from exc
        if matched:
            out.append(interaction)
    return out, unmatched


def _entries(
    frame: pl.DataFrame, source: str, resolve: Callable[[str], str | None]
) -> tuple[list[LedgerEntry], list[tuple[int, str]]]:
    out: list[LedgerEntry] = []
    unmatched: list[tuple[int, str]] = []
    for n, row in enumerate(frame.iter_rows(named=True), start=1):
        uid = resolve(row["contact_uid"])
        try:
            fields = {k: v for k, v in row.items() if v is not None or k != "type"}
            entry = LedgerEntry.model_validate({**fields, "contact_uid": uid or row["contact_uid"]})
        except pydantic.ValidationError as exc:
            raise _invalid(exc, source, n, {}) from exc
        if uid is None:
            unmatched.append((n, row["contact_uid"]))
        else:
            out.append(entry)
    return out, unmatched


def _contacts(frame: pl.DataFrame, source: str) -> list[Contact]:
    out: list[Contact] = []
    for n, row in enumerate(frame.iter_rows(named=True), start=1):
        fields = {
            "uid": row["uid"],
            "formatted_name": row["formatted_name"] or "",
            "categories": tuple(c for c in row["categories"] or () if c is not None),
            "cadence_days": row["cadence_days"],
        }
        try:
            out.append(Contact.model_validate(fields))
        except pydantic.ValidationError as exc:
            raise _invalid(exc, source, n, {}) from exc
    return out


Records = tuple[list[Contact], list[Interaction], list[LedgerEntry], list[tuple[int, str]]]


def records(table: Table, source: str, resolve: Callable[[str], str | None]) -> Records:
    """The records of a checked table: (contacts, interactions, entries, unmatched rows).

    ``resolve`` maps a ``contact_uid`` to the stored uid it names (a uid or an alias),
    or ``None`` when it names nobody: such rows are returned as ``(row, uid)``.

    Raises:
        ParseError: A value the model refuses (an empty id, an unknown kind, a naive
            timestamp...), naming the column and row.
    """
    kind, frame = table
    if kind == "contacts":
        return _contacts(frame, source), [], [], []
    if kind == "interactions":
        interactions, unmatched = _interactions(frame, source, resolve)
        return [], interactions, [], unmatched
    entries, unmatched = _entries(frame, source, resolve)
    return [], [], entries, unmatched


def write_tables(frames: Mapping[TableKind, pl.DataFrame], folder: Path) -> list[Path]:
    """Write each frame to its file in ``folder`` (created if missing); return the paths.

    Raises:
        UnsupportedFormatError: ``folder`` is a file, or cannot be created.
    """
    if folder.exists() and not folder.is_dir():
        raise UnsupportedFormatError(f"{folder}: Parquet export writes a folder; that is a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnsupportedFormatError(f"cannot create {folder}: {exc}") from exc
    written = []
    for kind, frame in frames.items():
        path = folder / PARQUET_FILES[kind]
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        atomic_write_bytes(path, buffer.getvalue())  # never a half-written file
        written.append(path)
    return written
