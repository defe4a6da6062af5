"""Columnar scoring: ``rank`` over interaction tables in any dataframe engine (issue 16).

:func:`rank` takes the interactions (one row per contact and interaction), and
optionally the contacts and the ledger, as Polars, pandas, PyArrow, DuckDB, Dask or
PySpark frames, and returns one row per contact with the score, status, Dunbar layer,
due date, every component and the inputs of the reasons, sorted like
:func:`netcore.scoring.rank` (score descending, ties by uid). The formulas are those of
the object API (``docs/scoring.md``); a property test keeps the two equal. The input
columns are documented by :func:`json_schema` and :func:`arrow_schema`
(``docs/frame-schema.json``) and in ``docs/scale.md``.

Examples:
    >>> from datetime import date, datetime, timezone
    >>> import polars as pl
    >>> from netcore.scoring import frame
    >>> interactions = pl.DataFrame({
    ...     "contact_uid": ["ada", "bob"],
    ...     "at": [datetime(2026, 3, 30, tzinfo=timezone.utc)] * 2,
    ...     "kind": ["call", "email"],
    ...     "direction": ["mutual", "outbound"],
    ... })
    >>> frame.rank(interactions, as_of=date(2026, 4, 1))["uid"].to_list()
    ['ada', 'bob']
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import narwhals.stable.v2 as nw
import polars as pl

from netcore.errors import ParseError
from netcore.scoring._health import _policy
from netcore.scoring._policy import Policy
from netcore.scoring._time import as_of as read_as_of
from netcore.scoring.frame._engine import Reduced, collect, reduce_interactions
from netcore.scoring.frame._finish import RESULT_COLUMNS, finish, kin_uids
from netcore.scoring.frame._network import LARGE_NETWORK, frames_of
from netcore.scoring.frame._schema import arrow_schema, json_schema, polars_schema
from netcore.scoring.frame._validate import MAX_ROWS, check, check_unique, conform

__all__ = [
    "LARGE_NETWORK",
    "MAX_ROWS",
    "RESULT_COLUMNS",
    "arrow_schema",
    "frames_of",
    "json_schema",
    "polars_schema",
    "rank",
]


def _frame(native: Any, table: str) -> Any:
    """``native`` as a narwhals frame (eager or lazy), or a typed error."""
    if isinstance(native, nw.DataFrame | nw.LazyFrame):
        return native
    try:
        return nw.from_native(native)
    except TypeError as exc:
        raise ParseError(
            f"not a dataframe narwhals can read ({type(native).__name__})", source=table
        ) from exc


def _from_pandas(frame: Any) -> Any:
    """A pandas frame as a Polars one (others as they are).

    pandas has no null boolean (a missing ``replied`` read as False) and holds lists
    (``categories``) as Python objects; its NaN is its null, as Polars reads it.
    """
    if isinstance(frame, nw.DataFrame) and frame.implementation.is_pandas():
        return nw.from_native(pl.from_pandas(frame.to_native()))
    return frame


def _contacts(native: Any, max_rows: int) -> pl.DataFrame:
    frame = conform(_from_pandas(_frame(native, "contacts")), "contacts")
    check(frame, "contacts", max_rows)
    check_unique(frame, "contacts", "uid")
    names = frame.collect_schema().names()
    wanted = ("uid", "cadence_days", "categories", "is_me")
    out = collect(frame.select([n for n in wanted if n in names]))
    if "categories" not in out.columns:
        out = out.with_columns(pl.lit([], pl.List(pl.String())).alias("categories"))
    return out.with_columns(pl.col("uid").cast(pl.String), pl.col("cadence_days").cast(pl.Int64))


def _ledger(native: Any, max_rows: int) -> pl.DataFrame:
    frame = conform(_from_pandas(_frame(native, "ledger")), "ledger")
    check(frame, "ledger", max_rows)
    check_unique(frame, "ledger", "id")
    out = collect(frame)
    itself = out.filter(pl.col("reverses") == pl.col("id"))
    if itself.height:
        raise ParseError(
            f"an entry reverses itself, for example {itself['id'][0]!r}",
            source="ledger",
            property="reverses",
        )
    if out.schema["on"] == pl.Datetime:
        out = out.with_columns(pl.col("on").dt.date())
    return out.cast({"weight": pl.Float64})


def _same_kind(result: pl.DataFrame, like: Any) -> Any:
    """The result as the input's eager frame type; a Polars DataFrame for lazy inputs."""
    if isinstance(like, nw.DataFrame):
        if like.implementation.is_pandas():
            return result.to_pandas(use_pyarrow_extension_array=True)
        if like.implementation.is_pyarrow():
            return result.to_arrow()
    return result


def rank(
    interactions: Any,
    contacts: Any = None,
    ledger: Any = None,
    *,
    as_of: date | datetime,
    policy: Policy | None = None,
    max_rows: int = MAX_ROWS,
) -> Any:
    """Every contact's health as one row, strongest first (ties by uid).

    Args:
        interactions: One row per contact and interaction (columns in
            ``docs/frame-schema.json``): a Polars, pandas, PyArrow, DuckDB, Dask or
            PySpark frame, eager or lazy.
        contacts: One row per contact; ``None``: every contact of ``interactions``,
            with no cadence and no category.
        ledger: One row per ledger entry, or ``None`` (no favours).
        as_of: An aware datetime, or a date (the end of that day in UTC); later
            interactions are left out and counted in ``ignored_future``.
        policy: The scoring policy; the documented defaults if ``None``.
        max_rows: The most rows one input table may have.

    Returns:
        The columns of :data:`RESULT_COLUMNS`: a frame of the input's kind for Polars,
        pandas and PyArrow inputs, a Polars DataFrame for lazy ones (one row per
        contact fits in memory where the interactions may not).

    Raises:
        ParseError: A missing or mistyped column, a null in a required column, an
            unknown kind or direction, NaN or infinity, a naive timestamp, a value out
            of range, two contacts with one uid, two ledger entries with one id, or
            a repeated (interaction_id, contact_uid) row (the message names the table
            and column).
        LimitExceededError: A table has more than ``max_rows`` rows.
        ValueError: ``as_of`` is a naive datetime.
    """
    policy = _policy(policy)
    when = read_as_of(as_of)
    try:
        source = _frame(interactions, "interactions")
        frame = conform(_from_pandas(source), "interactions")
        if isinstance(frame, nw.DataFrame) and frame.implementation.is_polars():
            frame = frame.lazy()  # one optimised plan instead of a frame per step
        check(frame, "interactions", max_rows)
        check_unique(frame, "interactions", "interaction_id", "contact_uid")
        people = None if contacts is None else _contacts(contacts, max_rows)
        entries = None if ledger is None else _ledger(ledger, max_rows)
        reduced = reduce_interactions(frame, policy, when.ts, kin_uids(people, policy))
        _check_named(reduced, people)
        result = finish(reduced, people, entries, policy, when)
    except Exception as exc:
        if not _engine_error(exc):
            raise
        lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
        said = " ".join(lines[:3]) or type(exc).__name__  # "...names, got: - 'kind' 2 times"
        raise ParseError(f"the engine could not score the tables: {said[:200]}") from exc
    return _same_kind(result, source)


def _check_named(reduced: Reduced, people: pl.DataFrame | None) -> None:
    """Refuse interactions naming no contact of the contacts table (none would be scored).

    Raises:
        ParseError: A ``contact_uid`` is not a ``uid`` of ``people`` (the message names one).
    """
    if people is None:
        return
    named = pl.concat([reduced.past.select("contact_uid"), reduced.future.select("contact_uid")])
    known = people.select(pl.col("uid").alias("contact_uid"))
    missing = named.unique().join(known, on="contact_uid", how="anti").sort("contact_uid")
    if missing.height:
        count = missing.height
        raise ParseError(
            f"{count} uid{'s' if count != 1 else ''} not in the contacts table, "
            f"for example {missing['contact_uid'][0]!r}: add the contacts",
            source="interactions",
            property="contact_uid",
        )


_ENGINES = ("polars", "narwhals", "duckdb", "pyspark", "py4j", "dask", "distributed", "pandas")


def _engine_error(exc: BaseException) -> bool:
    """Whether ``exc`` was raised by a dataframe engine (then it is bad data to the user).

    The checks before the engine runs refuse what netcore knows to be bad; what an engine
    still refuses (a value it cannot compute with) reaches the caller as a
    :class:`ParseError`, never as the engine's own exception.
    """
    module = type(exc).__module__.split(".")[0]
    return module in _ENGINES
