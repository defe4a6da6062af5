"""Input checks of the columnar engine: typed netcore errors, never an engine's (private).

Each table is checked in one aggregate pass in its own engine (counts of bad values per
column); only when something is wrong is a second query run, for one example value.
Enum columns take the model's lowercase values only: ``"MEETING"`` is refused, as
``InteractionKind("MEETING")`` is (docs/scale.md).
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw

from netcore.errors import LimitExceededError, ParseError
from netcore.scoring.frame._schema import Column, Table, columns

__all__ = ["MAX_ROWS", "check", "check_unique", "conform"]

MAX_ROWS = 200_000_000
"""The default limit on the rows of one input table (``rank(..., max_rows=...)``)."""

Frame = Any

_NW_TYPES: dict[str, Any] = {
    "string": nw.String(),
    "timestamp": nw.Datetime("us", "UTC"),
    "date": nw.Date(),
    "bool": nw.Boolean(),
    "float": nw.Float64(),
    "int": nw.Int64(),
    "list[string]": nw.List(nw.String()),
}


def _null_type(column: Column) -> Any:
    """The type of an all-null stand-in column (pandas has no null Int64: Float64)."""
    return nw.Float64() if column.dtype == "int" else _NW_TYPES.get(column.dtype, nw.String())


def _nulls(frame: Frame, table: Table, column: Column) -> nw.Expr:
    """An all-null stand-in for a missing optional ``column`` of ``frame``.

    A null boolean literal is False on pandas-backed engines (Dask): there it is the
    null of a ``when`` without ``otherwise`` (an object column of NaN) instead.
    """
    engine = frame.implementation
    if column.dtype == "bool" and (engine.is_dask() or engine.is_pandas_like()):
        key = next(c.name for c in columns(table) if c.required)
        return nw.when(nw.col(key).is_null() & nw.lit(False)).then(nw.lit(True))
    return nw.lit(None, dtype=_null_type(column))


def _kind_ok(column: Column, dtype: Any) -> bool:
    """Whether a column of ``dtype`` can be read as the schema's logical type."""
    logical = column.dtype
    if logical == "string":
        return bool(dtype == nw.String or dtype == nw.Categorical or dtype == nw.Enum)
    if logical == "timestamp":
        return bool(dtype == nw.Datetime)
    if logical == "date":
        return bool(dtype == nw.Date or dtype == nw.Datetime)
    if logical == "bool":
        return bool(dtype == nw.Boolean)
    if logical in ("float", "int"):
        return bool(dtype.is_numeric())
    inner = getattr(dtype, "inner", None)  # a list of strings
    return bool(
        dtype == nw.List and inner is not None and (inner == nw.String or inner == nw.Unknown)
    )


def conform(frame: Frame, table: Table) -> Frame:
    """``frame`` with the schema's columns only, in order, missing optional ones as nulls.

    Raises:
        ParseError: A required column is missing, a column has the wrong type, or a
            timestamp column is naive.
    """
    schema = frame.collect_schema()
    present = set(schema.names())
    exprs: list[nw.Expr] = []
    for column in columns(table):
        name = column.name
        if name not in present:
            if column.required:
                raise ParseError(f"required column {name!r} is missing", source=table)
            if column.dtype == "list[string]":
                continue
            exprs.append(_nulls(frame, table, column).alias(name))
            continue
        dtype = schema[name]
        if dtype == nw.Unknown or (str(dtype) == "Null" and not column.required):
            exprs.append(_nulls(frame, table, column).alias(name))
            continue
        if not _kind_ok(column, dtype):
            raise ParseError(
                f"must be of type {column.dtype}, not {dtype}", source=table, property=name
            )
        if column.dtype == "timestamp" and getattr(dtype, "time_zone", None) is None:
            raise ParseError(
                "naive timestamps are refused: give them a time zone (UTC)",
                source=table,
                property=name,
            )
        if column.dtype == "float" and dtype != nw.Float64:  # Decimal, Float32, integers
            exprs.append(nw.col(name).cast(nw.Float64()))
            continue
        exprs.append(nw.col(name))
    return frame.select(exprs)


def _problems(column: Column) -> dict[str, tuple[nw.Expr, str]]:
    """Named row conditions that make a value of ``column`` bad, with what to say."""
    col = nw.col(column.name)
    out: dict[str, tuple[nw.Expr, str]] = {}
    if column.required:
        out["null"] = (col.is_null(), "holds nulls (a value is required)")
    if column.required and column.dtype == "string" and not column.values:
        # an id or uid: the model refuses an empty one
        out["empty"] = (col.cast(nw.String()) == "", "holds an empty string (a value is required)")
    if column.values:
        out["enum"] = (
            ~col.is_null() & ~col.is_in(list(column.values)),
            "holds a value that is not one of " + ", ".join(column.values) + " (lowercase)",
        )
    if column.dtype == "float":
        # is_finite of a null is null in some engines and False in others (Dask)
        out["finite"] = (~col.is_null() & ~col.is_finite(), "holds NaN or infinity")
    if column.dtype == "int":
        # a float column may stand in for an int (pandas); 3.5, NaN or inf may not
        real = col.cast(nw.Float64())
        out["whole"] = (~col.is_null() & ~((real - real.floor()) == 0), "holds a non-integer")
    if column.minimum is not None:
        out["low"] = (col < column.minimum, f"holds a value below {column.minimum:g}")
    if column.maximum is not None:
        out["high"] = (col > column.maximum, f"holds a value above {column.maximum:g}")
    return out


def _flag(condition: nw.Expr) -> nw.Expr:
    return nw.when(condition.fill_null(False)).then(nw.lit(1)).otherwise(nw.lit(0))


def _collect_row(frame: Frame) -> dict[str, Any]:
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    rows: list[dict[str, Any]] = frame.rows(named=True)
    return rows[0] if rows else {}


def check(frame: Frame, table: Table, max_rows: int) -> None:
    """Count the bad values of every column of a conformed ``frame`` in one pass.

    Raises:
        ParseError: A null in a required column, an unknown enum value, NaN or infinity,
            a value out of range (the message names the column and shows one value).
        LimitExceededError: The table has more than ``max_rows`` rows.
    """
    checks: dict[str, tuple[Column, nw.Expr, str]] = {}
    names = set(frame.collect_schema().names())
    for column in columns(table):
        if column.name not in names:
            continue
        for key, (condition, text) in _problems(column).items():
            checks[f"{column.name}:{key}"] = (column, condition, text)
    flags = frame.select(
        nw.lit(1).alias("_rows"), *(_flag(c).alias(k) for k, (_, c, _) in checks.items())
    )
    counts = _collect_row(flags.select(nw.all().sum()))
    rows = int(counts.get("_rows") or 0)
    if rows > max_rows:
        raise LimitExceededError(
            f"{rows} rows, more than the limit of {max_rows} (rank(..., max_rows=...))",
            source=table,
        )
    for key, (column, condition, text) in checks.items():
        bad = int(counts.get(key) or 0)
        if bad:
            example = _collect_row(frame.filter(condition.fill_null(False)).select(column.name))
            value = example.get(column.name)
            raise ParseError(
                f"{text}: {bad} row{'s' if bad != 1 else ''}, for example {value!r}",
                source=table,
                property=column.name,
            )


def check_unique(frame: Frame, table: Table, key: str, *more: str) -> None:
    """Refuse a table whose ``key`` column (with the ``more`` columns) repeats a value.

    Rows with a null ``key`` are not compared (an interaction without an id).

    Raises:
        ParseError: Two rows share a ``key`` (the message names one).
    """
    keys = (key, *more)
    if more:
        frame = frame.filter(~nw.col(key).is_null())
    repeated = frame.group_by(*keys).agg(nw.len().alias("_n")).filter(nw.col("_n") > 1)
    example = _collect_row(repeated.select(*keys).head(1))
    if example:
        what = " and ".join(keys)
        value = example[key] if not more else tuple(example[k] for k in keys)
        raise ParseError(
            f"the same {what} on several rows, for example {value!r}",
            source=table,
            property=key,
        )
