"""Networks for the columnar engine's equality tests, and the comparison itself."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
from hypothesis import strategies as st

from netcore import (
    Contact,
    Direction,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    scoring,
)
from netcore.model.ledger import EntryType

START = datetime(2025, 1, 1, tzinfo=UTC)
SPAN_HOURS = 24 * 520


@st.composite
def interactions(draw: st.DrawFn, uids: list[str]) -> Interaction:
    minutes = draw(st.none() | st.integers(0, 300))
    return Interaction(
        at=START + timedelta(hours=draw(st.integers(0, SPAN_HOURS))),
        contact_uids=tuple(
            draw(st.lists(st.sampled_from(uids), min_size=1, max_size=3, unique=True))
        ),
        kind=draw(st.sampled_from(list(InteractionKind))),
        direction=draw(st.sampled_from(list(Direction))),
        replied=draw(st.none() | st.booleans()),
        duration=None if minutes is None else timedelta(minutes=minutes),
        participants=draw(st.none() | st.integers(1, 14)),
        event_uid=draw(st.none() | st.sampled_from(["standup", "offsite"])),
    )


def _events_in_time_order(items: list[Interaction]) -> list[Interaction]:
    """Event interactions logged in time order (as calendar imports log them).

    The object engine calls an occurrence standing when an occurrence of the same event
    was *filed* before it; the columnar engine when one happened before it. The two
    agree when event interactions are logged in time order (docs/scale.md).
    """
    slots = [i for i, it in enumerate(items) if it.event_uid is not None]
    ordered = sorted((items[i] for i in slots), key=lambda it: it.at)
    out = list(items)
    for slot, it in zip(slots, ordered, strict=True):
        out[slot] = it
    return out


@st.composite
def networks(draw: st.DrawFn) -> Network:
    n = draw(st.integers(1, 12))
    uids = [f"c{i:02d}" for i in range(n)]
    net = Network()
    net.add_contacts(
        Contact(
            uid=uid,
            cadence_days=draw(st.none() | st.sampled_from([7, 14, 30, 90])),
            categories=draw(st.sampled_from([(), ("Family",), ("work",), ("KIN", "x")])),
        )
        for uid in uids
    )
    items = draw(st.lists(interactions(uids), max_size=60))
    for it in _events_in_time_order(items):
        net.log(it)
    ids: list[str] = []
    for k in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from([EntryType.FAVOUR, EntryType.FAVOUR, EntryType.ASK]))
        reverses = draw(st.none() | st.sampled_from(ids)) if ids and k % 3 == 2 else None
        entry = LedgerEntry(
            id=f"f{k}",
            on=date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 540))),
            contact_uid=draw(st.sampled_from(uids)),
            direction=draw(st.sampled_from(list(FavourDirection))),
            kind=FavourKind.ADVICE,
            weight=draw(st.floats(0, 3)),
            type=kind if reverses is None else EntryType.FAVOUR,
            reverses=reverses,
        )
        try:
            net.ledger.record(entry)
        except ValueError:
            continue
        ids.append(entry.id)
    return net


AS_OF = st.one_of(
    st.dates(date(2025, 1, 1), date(2026, 8, 1)),
    st.builds(
        lambda d, h, z: datetime(d.year, d.month, d.day, h, tzinfo=z),
        st.dates(date(2025, 1, 1), date(2026, 8, 1)),
        st.integers(0, 23),
        st.sampled_from(
            [
                UTC,
                ZoneInfo("Europe/Berlin"),
                ZoneInfo("America/Los_Angeles"),
                timezone(-timedelta(hours=9, minutes=30)),
            ]
        ),
    ),
)


def assert_same(net: Network, as_of: date | datetime, result: pl.DataFrame) -> None:
    """The columnar result equals rank, due and balance of the object API."""
    objects = scoring.rank(net, as_of=as_of)
    rows = {r["uid"]: r for r in result.iter_rows(named=True)}
    assert sorted(rows) == sorted(h.uid for h in objects)
    for h in objects:
        row = rows[h.uid]
        assert abs(row["score"] - h.score) <= 1e-9, h.uid
        for name, value in h.components.items():
            assert abs(row[name] - value) <= 1e-9, (h.uid, name)
        assert (row["status"], row["layer"], row["due_on"]) == (h.status.value, h.tier, h.next_due)
        assert (row["cadence_days"], row["cadence_source"]) == (h.cadence_days, h.cadence_source)
        assert row["ignored_future"] == h.ignored_future
        assert row["last_interaction"] == h.last_interaction
    scores = result["score"].to_list()
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(scores))
    assert dict(scoring.tiers(net, as_of=as_of)) == {u: r["layer"] for u, r in rows.items()}
    due = scoring.due(net, as_of=as_of)
    nudges = {n.uid: n for n in (*due.nudges, *due.held_back)}
    assert {n.uid for n in due.held_back} == {u for u, r in rows.items() if r["held_back"]}
    assert set(nudges) == {u for u, r in rows.items() if r["due"]}
    for uid, n in nudges.items():
        assert abs(rows[uid]["priority"] - n.priority) <= 1e-9
        assert (rows[uid]["due_on"], rows[uid]["overdue_days"]) == (n.due_on, n.overdue_days)
    for uid, row in rows.items():
        b = scoring.balance(net, uid, as_of=as_of)
        assert abs(row["given"] - b.given) <= 1e-9
        assert abs(row["received"] - b.received) <= 1e-9


Convert = Callable[[pl.DataFrame], Any]


def small_network() -> Network:
    """Two contacts, three interactions, one favour: for the tests that need any network."""
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=30), Contact(uid="bob")])
    for day, uid, kind in ((1, "ada", "call"), (20, "bob", "email"), (40, "ada", "meeting")):
        net.log(
            Interaction(
                at=START + timedelta(days=day),
                contact_uids=(uid,),
                kind=InteractionKind(kind),
                direction=Direction.MUTUAL,
            )
        )
    net.ledger.record(
        LedgerEntry(
            on=date(2025, 1, 10),
            contact_uid="bob",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
        )
    )
    return net
