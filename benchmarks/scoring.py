"""Benchmark of netcore.scoring at scale: 100,000 contacts and 1,000,000 interactions.

Run it with ``python benchmarks/scoring.py`` (``--contacts`` and ``--interactions`` make it
smaller). It prints a Markdown table of wall-clock times and peak memory (resident set
size from ``resource.getrusage``; tracemalloc would slow everything it measures).

Records are built with ``Contact.model_construct`` and ``Interaction.model_construct``:
they skip pydantic validation, which is right only because the values are generated
here and known to be valid. What is timed is logging (``Network.log_many``) and scoring.

The baseline is numpy computing the same per-contact decayed sums with ``np.bincount``
from arrays (the floor), and the same including the conversion of the interactions into
arrays. numpy is imported lazily: it is a benchmark-only dependency (dev extra).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netcore import Contact, Direction, Interaction, InteractionKind, Network, scoring

AS_OF = date(2026, 6, 30)
KINDS = list(InteractionKind)
DIRECTIONS = list(Direction)


def peak_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def build(
    n_contacts: int, n_interactions: int, seed: int = 42
) -> tuple[Network, list[Interaction]]:
    rng = random.Random(seed)
    gc.disable()  # bulk creation of long-lived objects; see DESIGN.md "Performance facts"
    try:
        contacts = [
            Contact.model_construct(
                uid=f"c{i:06d}",
                formatted_name=f"Person {i}",
                cadence_days=30 if i % 10 == 0 else None,  # a tenth set their own
            )
            for i in range(n_contacts)
        ]
        net = Network()
        net.add_contacts(contacts)
        end = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=UTC)
        span = 2 * 365 * 86_400
        offsets = sorted(rng.randrange(span) for _ in range(n_interactions))
        uids = [c.uid for c in contacts]
        interactions = []
        for k, offset in enumerate(offsets):
            # A few close ties get most of the interactions (a skewed, Dunbar-like shape).
            who = uids[int(n_contacts * rng.random() ** 3)]
            direction = DIRECTIONS[rng.randrange(3)]
            replied = rng.random() < 0.7 if direction is Direction.OUTBOUND else None
            interactions.append(
                Interaction.model_construct(
                    id=f"i{k}",
                    at=end - timedelta(seconds=span - offset),
                    contact_uids=(who,),
                    kind=KINDS[rng.randrange(len(KINDS))],
                    direction=direction,
                    duration=None,
                    event_uid=None,
                    note=None,
                    replied=replied,
                )
            )
    finally:
        gc.enable()
    return net, interactions


def numpy_baseline(net: Network, policy: scoring.Policy) -> tuple[float, float] | None:
    """(conversion + sums, sums alone) in seconds, or None when numpy is missing."""
    try:
        import numpy as np
    except ImportError:
        return None
    cutoff = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=UTC) + timedelta(days=1)
    t_cut = cutoff.timestamp()
    weights = policy.kind_weights
    lam = math.log(2.0) / (policy.half_life_days * 86_400)

    def convert() -> tuple[Any, ...]:
        index = {uid: k for k, uid in enumerate(net.contacts)}
        items = net.interactions
        ts = np.fromiter((i.at.timestamp() for i in items), dtype=np.float64, count=len(items))
        code = np.fromiter((index[i.contact_uids[0]] for i in items), np.int64, len(items))
        w = np.fromiter((weights[i.kind] for i in items), np.float64, len(items))
        direction = np.fromiter((DIRECTIONS.index(i.direction) for i in items), np.int8, len(items))
        return ts, code, w, direction

    def sums(ts: Any, code: Any, w: Any, direction: Any) -> Any:
        n = len(net.contacts)
        decay = np.exp(-(t_cut - ts) * lam)
        wd = w * decay
        intensity = np.bincount(code, weights=wd, minlength=n)
        out = np.bincount(code, weights=np.where(direction == 0, wd, 0.0), minlength=n)
        inb = np.bincount(code, weights=np.where(direction == 1, wd, 0.0), minlength=n)
        mut = intensity - out - inb
        last = np.full(n, -np.inf)
        np.maximum.at(last, code, ts)
        return intensity, out, inb, mut, last

    t_convert, arrays = timed(convert)
    best = min(timed(lambda: sums(*arrays))[0] for _ in range(5))
    return t_convert + best, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    args = parser.parse_args()
    policy = scoring.Policy()
    rows: list[tuple[str, float, float]] = []

    t_build, (net, interactions) = timed(lambda: build(args.contacts, args.interactions))
    rows.append(("build records (model_construct, not validated)", t_build, peak_mib()))
    tail = interactions[-1000:]
    head = interactions[:-1000]
    t_log, _ = timed(lambda: net.log_many(head))
    rows.append((f"Network.log_many({len(head):,} interactions)", t_log, peak_mib()))

    t_cold, ranked = timed(lambda: scoring.rank(net, as_of=AS_OF))
    rows.append(("rank(), cold: fold every interaction, score every contact", t_cold, peak_mib()))
    t_warm = min(timed(lambda: scoring.rank(net, as_of=AS_OF))[0] for _ in range(3))
    rows.append(("rank(), warm, nothing changed (results reused)", t_warm, peak_mib()))
    net.log_many(tail)
    t_tail, _ = timed(lambda: scoring.rank(net, as_of=AS_OF))
    rows.append(("rank() after logging 1,000 more (folds only the tail)", t_tail, peak_mib()))
    t_next = min(
        timed(lambda k=k: scoring.rank(net, as_of=AS_OF + timedelta(days=k)))[0] for k in (1, 2, 3)
    )
    rows.append(("rank(), a later as_of: every contact re-evaluated from aggregates", t_next,
                 peak_mib()))  # fmt: skip
    t_reasons, _ = timed(lambda: [h.reasons for h in ranked[:1000]])
    rows.append(("read reasons of the top 1,000 (formatted lazily)", t_reasons, peak_mib()))
    t_health, _ = timed(lambda: scoring.health(net, ranked[0].uid, as_of=AS_OF))
    rows.append(("health(one contact), warm", t_health, peak_mib()))
    t_due, due_list = timed(lambda: scoring.due(net, as_of=AS_OF))
    rows.append(
        (f"due(), warm ({len(due_list):,} due, {len(due_list.held_back):,} held back)",
         t_due, peak_mib())
    )  # fmt: skip
    t_past, _ = timed(lambda: scoring.rank(net, as_of=AS_OF - timedelta(days=90)))
    rows.append(("rank() 90 days in the past (filtered refold)", t_past, peak_mib()))

    base = numpy_baseline(net, policy)
    if base is None:
        print(
            "numpy is not installed: the baseline is skipped (pip install numpy, or the dev "
            "extra, to compare)",
            file=sys.stderr,
        )
    else:
        with_convert, floor = base
        rows.append(
            ("numpy: convert to arrays + decayed sums (bincount)", with_convert, peak_mib())
        )
        rows.append(("numpy floor: decayed sums from ready arrays", floor, peak_mib()))

    print(f"{args.contacts:,} contacts, {len(net.interactions):,} interactions, "
          f"Python {sys.version.split()[0]}\n")  # fmt: skip
    print("| step | seconds | peak RSS (MiB) |")
    print("|---|---:|---:|")
    for name, seconds, mib in rows:
        print(f"| {name} | {seconds:.3f} | {mib:.0f} |")
    if base is not None:
        print(f"\nrank() re-evaluating all / numpy floor: {t_next / base[1]:.1f}x; "
              f"rank() cold / numpy with conversion: {t_cold / base[0]:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
