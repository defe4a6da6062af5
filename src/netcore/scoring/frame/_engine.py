"""The per-contact reductions of the interactions, written once against narwhals (private).

Everything here runs in the engine the interactions live in (Polars, pandas, PyArrow,
DuckDB, Dask, PySpark): one pass of per-row expressions, a few group-bys by contact and
one join; only per-contact rows (and the distinct days of two-way contact the rhythm
needs) are collected, into Polars. Every formula is the object engine's
(:mod:`netcore.scoring._aggregates`), read as a decayed sum at ``as_of`` directly:
``sum(w * exp(-lam * (T - t)))``. The kin half-life applies per contact, which is known
only with the contacts table: both decays are summed, and the finishing step picks one.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import polars as pl

from netcore.model import Direction, InteractionKind
from netcore.scoring._policy import Policy
from netcore.scoring._time import DAY

__all__ = ["Reduced", "reduce_interactions"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SYNC = [InteractionKind.MEETING.value, InteractionKind.CALL.value, InteractionKind.VIDEO.value]
_OUT = Direction.OUTBOUND.value
_IN = Direction.INBOUND.value
_LN2 = math.log(2.0)

Frame = Any
"""A narwhals DataFrame or LazyFrame (the same expressions run on both)."""


@attrs.frozen
class Reduced:
    """What the engine hands to the finishing step (Polars frames, one row per key).

    Attributes:
        past: Per contact: sums (friend and kin decay), counts and times up to ``as_of``.
        future: Per contact: interactions after ``as_of``, and the first booked event.
        streaks: Per contact: unanswered outreach after the last two-way contact.
        days: Distinct (contact, day) of two-way contact within the rhythm window.
    """

    past: pl.DataFrame
    future: pl.DataFrame
    streaks: pl.DataFrame
    days: pl.DataFrame


def collect(frame: Frame) -> pl.DataFrame:
    """A narwhals frame (eager or lazy, any backend) as a Polars DataFrame."""
    if isinstance(frame, nw.LazyFrame):
        if frame.implementation.is_polars():  # Polars' streaming engine: bounded memory
            streamed: pl.DataFrame = frame.collect(engine="streaming").to_native()
            return streamed
        collected: pl.DataFrame = frame.collect(backend="polars").to_native()
        return collected
    native: pl.DataFrame = frame.to_polars()
    return native


def _with_epoch_us(frame: Frame) -> Frame:
    """``frame`` with ``_us``: microseconds since the epoch of ``at``.

    The one step narwhals spells differently per engine: DuckDB has no ``dt.timestamp``,
    Spark neither that nor ``total_microseconds`` (its own ``unix_micros`` is used).
    """
    at = nw.col("at")
    implementation = frame.implementation
    if implementation.is_spark_like():
        from pyspark.sql import functions

        native = frame.to_native().withColumn("_us", functions.unix_micros(functions.col("at")))
        return nw.from_native(native)
    if implementation.is_duckdb():
        return frame.with_columns(_us=(at - _EPOCH).dt.total_microseconds())
    return frame.with_columns(_us=at.dt.timestamp("us"))


def _chain(kind: nw.Expr, items: list[tuple[InteractionKind, float]]) -> nw.Expr:
    """``kind`` mapped to its weight by nested when/then (portable to every engine)."""
    expr: nw.Expr = nw.lit(0.0)
    for k, w in reversed(items):
        expr = nw.when(kind == k.value).then(nw.lit(float(w))).otherwise(expr)
    return expr


def _rows(frame: Frame, policy: Policy, cutoff: float, kin: list[str] | None) -> Frame:
    """Per-row values: time, group factor, weights, two-way flag, decay factors."""
    exponent = policy.group_size_exponent
    conversation = policy.conversation_limit
    standing_limit = max(policy.standing_meeting_limit, conversation)
    ref = policy.duration_reference_minutes
    lo, hi = policy.duration_factor_range
    lam = _LN2 / (policy.half_life_days * DAY)
    kin_lam = _LN2 / (policy.kin_half_life_days * DAY)
    out = nw.col("direction") == _OUT
    n = nw.col("_n")
    sync = nw.col("kind").is_in(_SYNC)
    standing = (
        ~nw.col("event_uid").is_null()
        & (nw.col("at") > nw.col("_first_at")).fill_null(False)
        & sync
    )
    limit = nw.when(standing).then(nw.lit(standing_limit)).otherwise(nw.lit(conversation))
    replied = nw.col("replied")
    frame = frame.with_columns(
        _n=nw.when(nw.col("participants").is_null())
        .then(nw.col("group_size"))
        .otherwise(nw.col("participants"))
        .fill_null(0),
        _w=_chain(nw.col("kind"), list(policy.kind_weights.items())),
    )
    frame = frame.with_columns(
        _factor=nw.when(n > 2).then((n - 1).cast(nw.Float64) ** -exponent).otherwise(nw.lit(1.0)),
        _crowd=n > limit,
    )
    frame = frame.with_columns(
        _wk=nw.col("_w") * nw.col("_factor"),
        _two=nw.when(out)
        .then(
            nw.when(replied.is_null()).then(sync & nw.col("event_uid").is_null()).otherwise(replied)
        )
        .otherwise(~nw.col("_crowd")),
    )
    frame = frame.with_columns(
        _wi=nw.when(nw.col("duration_minutes").is_null())
        .then(nw.col("_wk"))
        .otherwise(nw.col("_wk") * (nw.col("duration_minutes") / ref).clip(lo, hi)),
        **_decays(cutoff, lam, kin_lam, kin),
    )
    return frame


_FEW_KIN = 10_000
"""Up to this many kin contacts, their uids go into the engine as a literal list."""


def _decays(cutoff: float, lam: float, kin_lam: float, kin: list[str] | None) -> dict[str, Any]:
    """The decay factor of each row at ``cutoff``: one column when the kin are known.

    ``kin``: the uids of the kin contacts (their interactions decay at the kin
    half-life), or ``None`` when they are too many to list: then both decays are summed
    (``_df`` and ``_dk``) and the finishing step picks one per contact.
    """
    age = cutoff - nw.col("_ts")
    if kin is None:
        return {"_df": (-age * lam).exp(), "_dk": (-age * kin_lam).exp()}
    if not kin:
        return {"_df": (-age * lam).exp()}
    rate = nw.when(nw.col("contact_uid").is_in(kin)).then(nw.lit(kin_lam)).otherwise(nw.lit(lam))
    return {"_df": (-age * rate).exp()}


def _flag(condition: nw.Expr) -> nw.Expr:
    return nw.when(condition).then(nw.lit(1)).otherwise(nw.lit(0))


def _sums(frame: Frame, both: bool) -> Frame:
    """One column per summed quantity (each aggregation below stays elementary)."""
    direction = nw.col("direction")
    out = direction == _OUT
    inb = direction == _IN
    mut = ~out & ~inb
    replied = nw.col("replied")
    known = out & ~replied.is_null()
    yes = out & replied.fill_null(False)
    wk = nw.col("_wk")
    values: dict[str, nw.Expr] = {}
    decays = (("f", nw.col("_df")), ("k", nw.col("_dk"))) if both else (("f", nw.col("_df")),)
    for suffix, decay in decays:
        values[f"s_int_{suffix}"] = nw.col("_wi") * decay
        values[f"s_out_{suffix}"] = nw.when(out).then(wk * decay).otherwise(nw.lit(0.0))
        values[f"s_in_{suffix}"] = nw.when(inb).then(wk * decay).otherwise(nw.lit(0.0))
        values[f"s_mut_{suffix}"] = nw.when(mut).then(wk * decay).otherwise(nw.lit(0.0))
        values[f"s_ryes_{suffix}"] = nw.when(yes).then(decay).otherwise(nw.lit(0.0))
        values[f"s_rknown_{suffix}"] = nw.when(known).then(decay).otherwise(nw.lit(0.0))
    one_way = out & ~nw.col("_two")
    return frame.with_columns(
        **values,
        n_out=_flag(out),
        n_in=_flag(inb),
        n_mut=_flag(mut),
        r_yes=_flag(yes),
        r_known=_flag(known),
        n_two=_flag(nw.col("_two")),
        _two_ts=nw.when(nw.col("_two")).then(nw.col("_ts")),
        _ow_ts=nw.when(one_way).then(nw.col("_ts")),
    )


_COUNTED = (
    "n_out",
    "n_in",
    "n_mut",
    "r_yes",
    "r_known",
    "n_two",
)


def _summed(both: bool) -> tuple[str, ...]:
    suffixes = "fk" if both else "f"
    names = ("int", "out", "in", "mut", "ryes", "rknown")
    return (*(f"s_{q}_{s}" for s in suffixes for q in names), *_COUNTED)


def reduce_interactions(
    frame: Frame, policy: Policy, cutoff: float, kin: list[str] | None = None
) -> Reduced:
    """The per-contact aggregates of ``frame`` (validated interactions) at ``cutoff``.

    Args:
        frame: The interactions as a narwhals frame with every schema column present.
        policy: The scoring policy.
        cutoff: The POSIX timestamp of ``as_of``; later rows are left out (and counted).
        kin: The uids of kin contacts; ``None``: unknown (both decays are summed).
    """
    if kin is not None and len(kin) > _FEW_KIN:
        kin = None
    both = kin is None
    frame = _with_epoch_us(frame)
    frame = frame.with_columns(_ts=nw.col("_us").cast(nw.Float64) / 1e6)
    past = frame.filter(nw.col("_ts") <= cutoff)
    future = frame.filter(nw.col("_ts") > cutoff)
    first = (
        past.filter(~nw.col("event_uid").is_null())
        .group_by("event_uid")
        .agg(nw.col("at").min().alias("_first_at"))
    )
    past = past.join(first, on="event_uid", how="left")
    rows = _cached(_sums(_rows(past, policy, cutoff, kin), both))
    aggregated = rows.group_by("contact_uid").agg(
        *(nw.col(name).sum() for name in _summed(both)),
        nw.col("_us").max().alias("last_us"),
        nw.col("_two_ts").max().alias("two_ts"),
        nw.col("_ow_ts").max().alias("ow_ts"),
    )
    one_way = rows.filter(~nw.col("_ow_ts").is_null()).select("contact_uid", "_ts")
    after = one_way.join(aggregated.select("contact_uid", "two_ts"), on="contact_uid", how="left")
    streaks = (
        after.filter(nw.col("two_ts").is_null() | (nw.col("_ts") > nw.col("two_ts")))
        .group_by("contact_uid")
        .agg(nw.len().alias("streak"))
    )
    start = cutoff - policy.rhythm_window_days * DAY
    days = (
        rows.filter(nw.col("_two") & (nw.col("_ts") >= start))
        .select("contact_uid", _day=(nw.col("_ts") / DAY).floor())
        .unique(["contact_uid", "_day"])
    )
    booked = (~nw.col("event_uid").is_null()) & (nw.col("direction") != _OUT)
    ahead = (
        future.with_columns(_booked=nw.when(booked).then(nw.col("_us")))
        .group_by("contact_uid")
        .agg(nw.len().alias("ignored"), nw.col("_booked").min().alias("planned_us"))
    )
    try:
        past_, future_, streaks_, days_ = _collect_all([aggregated, ahead, streaks, days])
    finally:
        _uncache(rows)
    return Reduced(
        past=_cast(past_), future=_cast(future_), streaks=_cast(streaks_), days=_cast(days_)
    )


def _cached(frame: Frame) -> Frame:
    """On Spark, the prepared rows kept by the executors for the four reductions."""
    if frame.implementation.is_spark_like():
        return nw.from_native(frame.to_native().cache())
    return frame


def _uncache(frame: Frame) -> None:
    if frame.implementation.is_spark_like():
        frame.to_native().unpersist()


def _collect_all(frames: list[Frame]) -> list[pl.DataFrame]:
    """Collect ``frames``; Polars plans them together, computing their shared part once."""
    first = frames[0]
    if isinstance(first, nw.LazyFrame) and first.implementation.is_polars():
        natives = [f.to_native() for f in frames]
        return pl.collect_all(natives, engine="streaming")
    if isinstance(first, nw.LazyFrame) and first.implementation.is_dask():
        from dask.base import compute

        # One graph for the four: Dask reads and prepares the rows once, not four times.
        computed = compute(*(f.to_native() for f in frames))  # type: ignore[no-untyped-call]
        return [pl.from_pandas(native) for native in computed]
    return [collect(f) for f in frames]


def _cast(frame: pl.DataFrame) -> pl.DataFrame:
    """Engine-specific result types made uniform (DuckDB sums integers into decimals)."""
    casts: dict[str, pl.DataType] = {}
    for name in frame.columns:
        if name == "contact_uid":
            casts[name] = pl.String()
        elif name.startswith(("n_", "r_", "streak", "ignored")) or name.endswith("_us"):
            casts[name] = pl.Int64()
        else:
            casts[name] = pl.Float64()
    return frame.cast(casts)  # type: ignore[arg-type]
