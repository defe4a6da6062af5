"""The store's records as Polars frames, read from the stored JSON (private).

No pydantic object is built: SQLite hands the stored JSON over in blobs of
newline-delimited records, which Polars decodes with only the needed keys, so the
three frames of 100,000 contacts and 1,000,000 interactions take seconds, not the
minute of :meth:`Store.load`, and stay well under a gigabyte.
The names and types are those of :mod:`netcore.store._columns`.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING

from netcore.errors import StoreError
from netcore.store._columns import contacts_schema, interactions_schema, ledger_schema

if TYPE_CHECKING:
    import polars as pl

__all__ = ["contacts_frame", "interactions_frame", "ledger_frame"]

_CHUNK = 100_000
"""Rows fetched from SQLite (and decoded by Polars) at a time."""


def _decode(conn: sqlite3.Connection, table: str, fields: dict[str, object]) -> pl.DataFrame:
    """The JSON records of ``table`` (a constant name), decoded into ``fields``, by seq.

    SQLite joins each range of rows into one newline-delimited JSON blob (a stored
    record is compact JSON, with no raw newline), which Polars reads with the schema
    given: no Python object per row.
    """
    import polars as pl

    schema = pl.Schema(fields)  # type: ignore[arg-type]
    parts: list[pl.DataFrame] = []
    lo, hi = conn.execute(f"SELECT min(seq), max(seq) FROM {table}").fetchone()
    if lo is not None:
        sql = (
            "SELECT count(*), CAST(group_concat(data, char(10)) AS BLOB) FROM "
            f"(SELECT data FROM {table} WHERE seq >= ? AND seq < ? ORDER BY seq)"
        )
        for start in range(int(lo), int(hi) + 1, _CHUNK):
            n, blob = conn.execute(sql, (start, start + _CHUNK)).fetchone()
            if not n:
                continue
            part = pl.read_ndjson(io.BytesIO(blob), schema=schema)
            if part.height != n:
                raise StoreError(
                    f"{table} holds a record that is not one line of JSON (edited outside "
                    f"netcore?) among seq {start} to {start + _CHUNK - 1}"
                )
            parts.append(part)
    if not parts:
        return pl.DataFrame(schema=schema)
    return pl.concat(parts, rechunk=True)


def _minutes(durations: pl.Series) -> pl.Series:
    """ISO 8601 durations as pydantic writes them (``PT1H30M``) in minutes, nulls kept.

    Each distinct value is read once by pydantic's own parser, the one that wrote it.
    """
    import polars as pl
    from pydantic import TypeAdapter

    adapter = TypeAdapter(timedelta)
    distinct = durations.drop_nulls().unique().to_list()
    minutes = {text: adapter.validate_python(text).total_seconds() / 60.0 for text in distinct}
    return durations.replace_strict(minutes, default=None, return_dtype=pl.Float64())


def interactions_frame(conn: sqlite3.Connection) -> pl.DataFrame:
    """One row per stored interaction and contact, in the order they were stored."""
    import polars as pl

    fields: dict[str, object] = {
        "id": pl.String(),
        "at": pl.String(),
        "contact_uids": pl.List(pl.String()),
        "kind": pl.String(),
        "direction": pl.String(),
        "duration": pl.String(),
        "event_uid": pl.String(),
        "replied": pl.Boolean(),
        "participants": pl.Int64(),
    }
    try:
        raw = _decode(conn, "interactions", fields)
        frame = raw.explode("contact_uids").select(
            pl.col("id").alias("interaction_id"),
            pl.col("contact_uids").alias("contact_uid"),
            pl.col("at").str.strptime(pl.Datetime("us", "UTC"), format="%+"),
            "kind",
            "direction",
            "replied",
            pl.col("duration").alias("duration_minutes"),
            "participants",
            "event_uid",
        )
        frame = frame.with_columns(_minutes(frame["duration_minutes"]))
        frame = _with_group_size(conn, frame)
        return frame.cast(interactions_schema())
    except (pl.exceptions.PolarsError, ValueError) as exc:
        raise StoreError(f"a stored interaction cannot be read: {_one_line(exc)}") from exc


def _with_group_size(conn: sqlite3.Connection, frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``group_size``: ``participants``, else the people of the event occurrence.

    The occurrences are read from the stored events (only those the interactions name,
    once per occurrence) and counted by the model's own rule
    (``netcore.model.event.participants``, me counted once), as scoring counts them.
    """
    import polars as pl

    from netcore.model import Event, Network
    from netcore.model.event import participants
    from netcore.store._store import _read_me

    wanted = frame.filter(pl.col("participants").is_null() & pl.col("event_uid").is_not_null())
    pairs = wanted.select("event_uid", "at").unique()
    sizes: list[int] = []
    if pairs.height:
        net = Network()
        uids = pairs["event_uid"].unique().to_list()
        events: list[Event] = []
        for start in range(0, len(uids), 500):  # under SQLite's limit on parameters
            chunk = uids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT data FROM events WHERE uid IN ({marks}) ORDER BY seq"
            events.extend(Event.model_validate_json(d) for (d,) in conn.execute(sql, chunk))
        net.add_events(events, link=False)
        net.me = _read_me(conn)
        for event_uid, at in pairs.iter_rows():
            event = net.occurrence(event_uid, at)
            sizes.append(1 if event is None else participants(event, is_me=net.is_me))
    found = pairs.with_columns(pl.Series("_size", sizes, dtype=pl.Int64()))
    frame = frame.join(found, on=["event_uid", "at"], how="left", maintain_order="left")
    size = pl.coalesce(pl.col("participants"), pl.col("_size"))
    return frame.with_columns(size.alias("group_size")).drop("_size")


def contacts_frame(conn: sqlite3.Connection) -> pl.DataFrame:
    """One row per stored contact (uid, cadence, categories, name), in stored order."""
    import polars as pl

    schema = contacts_schema()
    fields: dict[str, object] = {
        "uid": pl.String(),
        "cadence_days": pl.Int64(),
        "categories": pl.List(pl.String()),
        "formatted_name": pl.String(),
    }
    try:
        frame = _decode(conn, "contacts", fields)
        mine = list(_me_uids(conn))
        frame = frame.with_columns(
            pl.col("categories").fill_null([]), pl.col("uid").is_in(mine).alias("is_me")
        )
        return frame.select(list(schema)).cast(schema)
    except pl.exceptions.PolarsError as exc:
        raise StoreError(f"a stored contact cannot be read: {_one_line(exc)}") from exc


def ledger_frame(conn: sqlite3.Connection) -> pl.DataFrame:
    """One row per stored ledger entry, in stored order."""
    import polars as pl

    schema = ledger_schema()
    fields: dict[str, object] = {
        "id": pl.String(),
        "on": pl.String(),
        "contact_uid": pl.String(),
        "direction": pl.String(),
        "kind": pl.String(),
        "weight": pl.Float64(),
        "reverses": pl.String(),
        "type": pl.String(),
    }
    try:
        frame = _decode(conn, "ledger_entries", fields)
        frame = frame.with_columns(
            pl.col("type").fill_null("favour"),
            pl.col("contact_uid").replace(_ledger_aliases(conn)),
        )
        frame = frame.with_columns(pl.col("on").str.strptime(pl.Date(), format="%Y-%m-%d"))
        return frame.select(list(schema)).cast(schema)
    except pl.exceptions.PolarsError as exc:
        raise StoreError(f"a stored ledger entry cannot be read: {_one_line(exc)}") from exc


def _me_uids(conn: sqlite3.Connection) -> set[str]:
    """The stored contacts that are me: found by my emails and phones, as ``Store.find``."""
    from netcore.model import Phone
    from netcore.store._store import _read_me

    me = _read_me(conn)
    found: set[str] = set()
    if not me:
        return found
    by_email = (
        "SELECT c.uid FROM contact_emails k JOIN contacts c ON c.seq = k.seq WHERE k.email = ?"
    )
    by_phone = (
        "SELECT c.uid FROM contact_phones k JOIN contacts c ON c.seq = k.seq WHERE k.e164 = ?"
    )
    for email in me.emails:
        key = email.strip().casefold()
        found.update(uid for (uid,) in conn.execute(by_email, (key,)))
    for number in me.phones:
        try:
            e164 = Phone(number=number).e164
        except ValueError:
            continue
        if e164:
            found.update(uid for (uid,) in conn.execute(by_phone, (e164,)))
    return found


def _ledger_aliases(conn: sqlite3.Connection) -> dict[str, str]:
    """Merged-away uid -> the uid its ledger entries count for now (``Ledger.resolve``)."""
    aliases: dict[str, str] = {}
    for old, new in conn.execute("SELECT old_uid, new_uid FROM ledger_aliases ORDER BY seq"):
        new = aliases.get(new, new)
        for alias, target in aliases.items():
            if target == old:
                aliases[alias] = new
        aliases[old] = new
    return aliases


def _one_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__
