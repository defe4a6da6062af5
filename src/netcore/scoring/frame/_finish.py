"""From per-contact aggregates to scores, layers, due dates and flags, in Polars (private).

One row per contact: what the engine collected (``_engine.Reduced``), the contacts and the
ledger, finished with the object engine's formulas (``netcore.scoring._health`` and
``_due``) as Polars expressions; only the Dunbar layers (at most ``layer_sizes[-1]``
contacts) are filled in a Python loop, as the object engine does.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import polars as pl

from netcore.model import FavourDirection
from netcore.model.ledger import EntryType
from netcore.scoring._health import weights_of
from netcore.scoring._policy import Policy, Status
from netcore.scoring._time import DAY, AsOf
from netcore.scoring.frame._engine import Reduced

__all__ = ["RESULT_COLUMNS", "finish", "kin_uids", "ledger_rows"]

_YEAR = 365

RESULT_COLUMNS = (
    "uid",
    "score",
    "status",
    "layer",
    "due_on",
    "recency",
    "intensity",
    "reciprocity",
    "responsiveness",
    "ledger",
    "cadence_days",
    "cadence_source",
    "last_interaction",
    "ignored_future",
    "interactions",
    "outbound",
    "inbound",
    "mutual",
    "replies",
    "replies_known",
    "two_way_age_days",
    "decayed_intensity",
    "kin",
    "strength",
    "given",
    "received",
    "given_last_year",
    "received_last_year",
    "given_total",
    "received_total",
    "ledger_ignored_future",
    "due",
    "overdue_days",
    "priority",
    "unanswered_streak",
    "last_outreach_days",
    "planned_on",
    "held_back",
)
"""The result's columns, in order (documented in ``docs/scale.md``)."""


def _kin_values(contacts: pl.DataFrame, policy: Policy) -> list[str]:
    """The distinct category spellings that mark kin (casefolded as the object engine does)."""
    kin = policy.kin_categories
    found = contacts.select(pl.col("categories").explode().drop_nulls().unique())
    return [c for c in found.to_series().to_list() if c.casefold() in kin]


def _base(contacts: pl.DataFrame | None, reduced: Reduced, policy: Policy) -> pl.DataFrame:
    """One row per contact: uid, cadence_days, kin."""
    if contacts is None:
        uids = pl.concat(
            [reduced.past.select("contact_uid"), reduced.future.select("contact_uid")]
        ).unique()
        return uids.select(
            pl.col("contact_uid").alias("uid"),
            pl.lit(None, pl.Int64).alias("cadence_days"),
            pl.lit(False).alias("kin"),
        )
    values = _kin_values(contacts, policy)
    kin = pl.col("categories").list.eval(pl.element().is_in(values)).list.any().fill_null(False)
    if "is_me" in contacts.columns:  # me is never scored
        contacts = contacts.filter(~pl.col("is_me").fill_null(False))
    return contacts.select("uid", "cadence_days", kin.alias("kin"))


def _pick(name: str, both: bool) -> pl.Expr:
    """A decayed sum: the kin one for kin when both were summed, else the one there is."""
    if not both:  # one decay per contact, chosen in the engine
        return pl.col(f"{name}_f")
    return pl.when(pl.col("kin")).then(pl.col(f"{name}_k")).otherwise(pl.col(f"{name}_f"))


def kin_uids(contacts: pl.DataFrame | None, policy: Policy) -> list[str]:
    """The uids of the kin contacts (a category of ``Policy.kin_categories``)."""
    if contacts is None:
        return []
    values = _kin_values(contacts, policy)
    kin = pl.col("categories").list.eval(pl.element().is_in(values)).list.any().fill_null(False)
    return contacts.filter(kin)["uid"].to_list()


def _aggregates(base: pl.DataFrame, reduced: Reduced, evidence: float) -> pl.DataFrame:
    """Contacts joined with their sums (decay chosen by kin), strength and reciprocity."""
    both = "s_int_k" in reduced.past.columns
    frame = base.join(reduced.past, left_on="uid", right_on="contact_uid", how="left")
    frame = frame.with_columns(
        pl.col("n_out").is_not_null().alias("_has"),
        *(_pick(f"s_{q}", both).alias(q) for q in ("int", "out", "in", "mut", "ryes", "rknown")),
    ).with_columns((pl.col("out") + pl.col("in") + pl.col("mut")).alias("_total"))
    recip = (pl.col("_total") - (pl.col("out") - pl.col("in")).abs()) / (
        pl.col("_total") + evidence
    )
    return frame.with_columns(recip.alias("_recip")).with_columns(
        (pl.col("int") * (0.5 + 0.5 * pl.col("_recip"))).alias("_strength")
    )


def _layers(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """Each contact's Dunbar layer: rank fills the layers, evidence gates each."""
    sizes = policy.layer_sizes
    scored = frame.filter(pl.col("_has") & (pl.col("_strength") > 0)).select("uid", "_strength")
    top = scored.sort(["_strength", "uid"], descending=[True, False]).head(sizes[-1])
    needs = [policy.layer_min_strength(c) for c in policy.tier_cadence_days]
    placed: dict[str, int] = {}
    layer = 0
    for position, (uid, strength) in enumerate(top.iter_rows()):
        while layer < len(sizes) and (position >= sizes[layer] or strength < needs[layer]):
            layer += 1
        if layer == len(sizes):
            break
        placed[uid] = sizes[layer]
    table = pl.DataFrame(
        {"uid": list(placed), "layer": list(placed.values())},
        schema={"uid": pl.String(), "layer": pl.Int64()},
    )
    joined = frame.join(table, on="uid", how="left")
    return joined.with_columns(pl.col("layer").fill_null(policy.outer_layer))


def _rhythm(reduced: Reduced, policy: Policy) -> pl.LazyFrame:
    """Per contact: the observed rhythm of two-way contact in whole days (or absent)."""
    need = policy.rhythm_min_gaps
    low, high = policy.cadence_bounds
    enough = reduced.past.filter(pl.col("n_two") > need).select("contact_uid")
    days = reduced.days.lazy().join(enough.lazy(), on="contact_uid", how="semi")
    gaps = (
        days.sort(["contact_uid", "_day"])
        .with_columns(pl.col("_day").diff().over("contact_uid").alias("_gap"))
        .filter(pl.col("_gap") >= low)
        .group_by("contact_uid")
        .agg(pl.len().alias("_gaps"), pl.col("_gap").median().alias("_median"))
        .filter(pl.col("_gaps") >= need)
    )
    observed = pl.min_horizontal(pl.lit(high), pl.col("_median"))
    rounded = observed.round(0, mode="half_to_even").cast(pl.Int64)
    return gaps.select(
        pl.col("contact_uid").alias("uid"), pl.max_horizontal(pl.lit(1), rounded).alias("_rhythm")
    )


def _cadence(frame: pl.LazyFrame, policy: Policy) -> pl.LazyFrame:
    by_layer = {
        size: policy.cadence_for_tier(size) for size in (*policy.layer_sizes, policy.outer_layer)
    }
    layer_cadence = pl.col("layer").replace_strict(by_layer, return_dtype=pl.Int64)
    cadence = pl.coalesce(pl.col("cadence_days"), pl.col("_rhythm"), layer_cadence)
    source = (
        pl.when(pl.col("cadence_days").is_not_null())
        .then(pl.lit("contact"))
        .when(pl.col("_rhythm").is_not_null())
        .then(pl.lit("rhythm"))
        .when(layer_cadence.is_not_null())
        .then(pl.lit("layer"))
    )
    return frame.with_columns(cadence.alias("_cadence"), source.alias("cadence_source"))


def _components(frame: pl.LazyFrame, policy: Policy, when: AsOf) -> pl.LazyFrame:
    has = pl.col("_has")
    reference = pl.col("_cadence").fill_null(policy.tier_cadence_days[-1]).cast(pl.Float64)
    age = pl.max_horizontal(pl.lit(0.0), (when.ts - pl.col("two_ts")) / DAY)
    excess = age / reference - 1.0
    recency = (
        pl.when(~has | pl.col("two_ts").is_null())
        .then(0.0)
        .when(excess <= 0)
        .then(1.0)
        .otherwise(pl.lit(2.0).pow(-excess))
    )
    raw = pl.when(has).then(pl.col("int")).otherwise(0.0)
    sat = policy.intensity_half_saturation
    responsiveness = pl.when(has).then((pl.col("ryes") + 1.0) / (pl.col("rknown") + 2.0))
    return frame.with_columns(
        recency.alias("recency"),
        (raw / (raw + sat)).alias("intensity"),
        pl.when(has).then(pl.col("_recip")).otherwise(0.0).alias("reciprocity"),
        responsiveness.otherwise(0.5).alias("responsiveness"),
        pl.when(has & pl.col("two_ts").is_not_null()).then(age).alias("two_way_age_days"),
        raw.alias("decayed_intensity"),
        pl.when(has).then(pl.col("_strength")).otherwise(0.0).alias("strength"),
    )


def _score(frame: pl.LazyFrame, policy: Policy) -> pl.LazyFrame:
    w_rec, w_int, w_rcp, w_rsp, w_led = weights_of(policy)
    raw = 100.0 * (
        w_rec * pl.col("recency")
        + w_int * pl.col("intensity")
        + w_rcp * pl.col("reciprocity")
        + w_rsp * pl.col("responsiveness")
        + w_led * pl.col("ledger")
    )
    score = pl.min_horizontal(pl.lit(100.0), pl.max_horizontal(pl.lit(0.0), raw))
    frame = frame.with_columns(score.alias("score"))
    status = pl.lit(Status.DORMANT.value)
    bands = zip(
        reversed(policy.status_bands),
        (Status.AT_RISK, Status.COOLING, Status.HEALTHY, Status.THRIVING),
        strict=True,
    )
    for band, value in bands:
        status = pl.when(pl.col("score") >= band).then(pl.lit(value.value)).otherwise(status)
    return frame.with_columns(status.alias("status"))


def _day_of(microseconds: pl.Expr, when: AsOf) -> pl.Expr:
    """The calendar day, in ``as_of``'s zone, of a UTC instant in microseconds."""
    instant = pl.from_epoch(microseconds, time_unit="us").dt.replace_time_zone("UTC")
    zone = when.zone
    if zone is UTC:
        return instant.dt.date()
    if isinstance(zone, ZoneInfo):
        return instant.dt.convert_time_zone(zone.key).dt.date()
    if isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        return (instant + pl.lit(offset)).dt.date()
    return microseconds.map_elements(  # any other tzinfo: ask it, one instant at a time
        lambda us: when.date_of(datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)),
        return_dtype=pl.Date,
    )


def _due(frame: pl.LazyFrame, policy: Policy, when: AsOf) -> pl.LazyFrame:
    day = when.day
    cadence = pl.col("_cadence")
    last_day = _day_of(pl.col("last_us"), when)
    due_on = (
        pl.when(cadence.is_null())
        .then(None)
        .when(pl.col("last_us").is_null())
        .then(pl.lit(day))
        # clamped to the calendar like scoring._time.shift (9999-12-31 at the latest)
        .otherwise(pl.min_horizontal(last_day + pl.duration(days=cadence), pl.lit(date.max)))
    )
    frame = frame.with_columns(due_on.alias("due_on"))
    overdue = (pl.lit(day) - pl.col("due_on")).dt.total_days()
    urgency = pl.min_horizontal(pl.lit(1.0), overdue / cadence / policy.overdue_saturation)
    strength = pl.col("strength") / (pl.col("strength") + policy.intensity_half_saturation)
    share = policy.priority_overdue_share
    priority = 100.0 * (share * urgency + (1.0 - share) * strength)
    since = (when.ts - pl.col("ow_ts")) / DAY
    streak = pl.col("unanswered_streak")
    unanswered = (
        pl.col("ow_ts").is_not_null()
        & (streak > 0)
        & ((streak >= policy.max_unanswered) | (since < policy.min_gap_days))
    )
    planned = pl.col("planned_on")
    booked = planned.is_not_null() & ((planned - pl.lit(day)).dt.total_days() <= cadence)
    return frame.with_columns(
        overdue.alias("overdue_days"),
        (cadence.is_not_null() & (overdue >= 0)).alias("due"),
        pl.min_horizontal(pl.lit(100.0), pl.max_horizontal(pl.lit(0.0), priority)).alias(
            "priority"
        ),
        since.alias("last_outreach_days"),
        (unanswered | booked).alias("_held"),
    ).with_columns((pl.col("due") & pl.col("_held")).alias("held_back"))


def ledger_rows(ledger: pl.DataFrame | None, policy: Policy, today: date) -> pl.DataFrame:
    """Per contact: decayed and counted favours up to ``today`` (active favours only)."""
    schema = {
        "uid": pl.String(),
        "given": pl.Float64(),
        "received": pl.Float64(),
        "given_last_year": pl.Int64(),
        "received_last_year": pl.Int64(),
        "given_total": pl.Int64(),
        "received_total": pl.Int64(),
        "ledger_ignored_future": pl.Int64(),
    }
    if ledger is None or ledger.height == 0:
        return pl.DataFrame(schema=schema)
    reversed_ids = ledger.select(pl.col("reverses").drop_nulls().unique())
    active = ledger.filter(
        pl.col("reverses").is_null()
        & pl.col("type").fill_null(EntryType.FAVOUR.value).eq(EntryType.FAVOUR.value)
    ).join(reversed_ids, left_on="id", right_on="reverses", how="anti")
    lam = math.log(2.0) / policy.ledger_half_life_days
    age = (pl.lit(today) - pl.col("on")).dt.total_days()
    past = age >= 0
    given = pl.col("direction") == FavourDirection.GIVEN.value
    decayed = pl.col("weight") * (-age.cast(pl.Float64) * lam).exp()

    def total(condition: pl.Expr, value: pl.Expr) -> pl.Expr:
        return pl.when(condition).then(value).otherwise(0).sum()

    one = pl.lit(1, pl.Int64)
    recent = past & (age < _YEAR)
    out = active.group_by(pl.col("contact_uid").alias("uid")).agg(
        total(past & given, decayed).cast(pl.Float64).alias("given"),
        total(past & ~given, decayed).cast(pl.Float64).alias("received"),
        total(recent & given, one).alias("given_last_year"),
        total(recent & ~given, one).alias("received_last_year"),
        total(past & given, one).alias("given_total"),
        total(past & ~given, one).alias("received_total"),
        total(~past, one).alias("ledger_ignored_future"),
    )
    return out.cast(schema)  # type: ignore[arg-type]


def _ledger(frame: pl.LazyFrame, rows: pl.DataFrame) -> pl.LazyFrame:
    frame = frame.join(rows.lazy(), on="uid", how="left")
    g, r = pl.col("given"), pl.col("received")
    total = g + r
    component = 0.5 + 0.25 * (total + 2.0 * pl.min_horizontal(g, r)) / (total + 1.0)
    return frame.with_columns(component.fill_null(0.5).alias("ledger"))


def finish(
    reduced: Reduced,
    contacts: pl.DataFrame | None,
    ledger: pl.DataFrame | None,
    policy: Policy,
    when: AsOf,
) -> pl.DataFrame:
    """The result frame: one row per contact, strongest first (ties by uid)."""
    frame = _aggregates(_base(contacts, reduced, policy), reduced, policy.reciprocity_evidence)
    layered = _layers(frame, policy).lazy()  # the rest is one plan: Polars optimises it
    lazy = layered.join(_rhythm(reduced, policy), on="uid", how="left")
    lazy = _cadence(lazy, policy)
    lazy = _components(lazy, policy, when)
    lazy = _ledger(lazy, ledger_rows(ledger, policy, when.day))
    lazy = _score(lazy, policy)
    streaks = reduced.streaks.rename({"contact_uid": "uid", "streak": "unanswered_streak"})
    future = reduced.future.rename({"contact_uid": "uid"})
    lazy = lazy.join(streaks.lazy(), on="uid", how="left")
    lazy = lazy.join(future.lazy(), on="uid", how="left").with_columns(
        pl.col("unanswered_streak").fill_null(0),
        pl.col("ignored").fill_null(0).alias("ignored_future"),
        _day_of(pl.col("planned_us"), when).alias("planned_on"),
    )
    lazy = _due(lazy, policy, when)
    last = pl.from_epoch(pl.col("last_us"), time_unit="us").dt.replace_time_zone("UTC")
    counts = {"n_out": "outbound", "n_in": "inbound", "n_mut": "mutual"}
    lazy = lazy.with_columns(
        last.alias("last_interaction"),
        pl.col("_cadence").alias("cadence_days"),
        *(pl.col(k).fill_null(0).alias(v) for k, v in counts.items()),
        pl.col("r_yes").fill_null(0).alias("replies"),
        pl.col("r_known").fill_null(0).alias("replies_known"),
        *(pl.col(c).fill_null(0) for c in ("given_last_year", "received_last_year")),
        *(pl.col(c).fill_null(0) for c in ("given_total", "received_total")),
        pl.col("ledger_ignored_future").fill_null(0),
        pl.col("given").fill_null(0.0),
        pl.col("received").fill_null(0.0),
    )
    total = pl.col("outbound") + pl.col("inbound") + pl.col("mutual")
    lazy = lazy.with_columns(total.alias("interactions")).select(RESULT_COLUMNS)
    return lazy.sort(["score", "uid"], descending=[True, False]).collect()
