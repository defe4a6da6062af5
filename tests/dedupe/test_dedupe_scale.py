"""Issue 14/15: candidate finding and merging grow linearly (x8 input, at most x12 time)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from _complexity import assert_linear
from netcore.dedupe import find_duplicates, merge_into
from netcore.model import (
    Contact,
    Email,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    Organization,
)

_GIVEN = ["Anna", "Boris", "Chen", "Dmitri", "Elif", "Femi", "Gita", "Hiro", "Ines", "Jonas"]


def _duplicated(n: int) -> list[Contact]:
    """``n`` people, each exported twice (same email, a nickname-free name variant)."""
    out: list[Contact] = []
    for i in range(n):
        email = (Email(address=f"p{i}@example.org"),)
        name = f"{_GIVEN[i % 10]} Family{i}"
        out.append(Contact(uid=f"a{i}", formatted_name=name, emails=email))
        out.append(Contact(uid=f"b{i}", formatted_name=name.upper(), emails=email))
    return out


def _same_name(n: int) -> list[Contact]:
    """One huge block: ``n`` John Smiths (and J. Smiths) at different companies."""
    return [
        Contact(
            uid=str(i),
            formatted_name="J. Smith" if i % 10 == 0 else "John Smith",
            organizations=(Organization(name=f"Company {i}"),),
        )
        for i in range(n)
    ]


@pytest.mark.slow
def test_candidate_finding_is_linear_in_duplicates() -> None:
    assert_linear(_duplicated, lambda cs: find_duplicates(cs), 500, what="duplicates")  # type: ignore[arg-type]


@pytest.mark.slow
def test_one_huge_same_name_block_is_linear() -> None:
    assert_linear(_same_name, lambda cs: find_duplicates(cs), 800, what="one name block")  # type: ignore[arg-type]


def _network(n: int) -> Network:
    net = Network()
    net.add_contacts(_duplicated(n))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    net.log_many(
        Interaction(
            id=f"i{i}{side}",
            at=start + timedelta(hours=i),
            contact_uids=(f"{side}{i}",),
            kind=InteractionKind.CALL,
        )
        for i in range(n)
        for side in "ab"
    )
    for i in range(n):
        net.ledger.record(
            LedgerEntry(
                on=date(2026, 1, 1),
                contact_uid=f"b{i}",
                direction=FavourDirection.GIVEN,
                kind=FavourKind.ADVICE,
            )
        )
    return net


def _networks(n: int) -> list[Network]:
    """Fresh networks, one per timed run (merging is destructive)."""
    return [_network(n), _network(n)]


def _merge_next(nets: object) -> None:
    assert isinstance(nets, list)
    _merge_all(nets.pop())


def _merge_all(net: Network) -> None:
    n = len(net) // 2
    for i in range(n):
        merge_into(net, f"a{i}", f"b{i}")


@pytest.mark.slow
def test_many_merges_are_linear() -> None:
    assert_linear(_networks, _merge_next, 250, what="merges", repeat=1)


def test_merges_keep_every_lookup_right() -> None:
    net = _network(50)
    group = Interaction(
        id="g",
        at=datetime(2026, 6, 1, tzinfo=UTC),
        contact_uids=("a1", "b1", "a2"),
        kind=InteractionKind.MEETING,
    )
    net.log(group)
    _merge_all(net)
    assert sorted(net.contacts) == sorted(f"a{i}" for i in range(50))
    assert [i.id for i in net.interactions_with("a1")] == ["i1a", "i1b", "g"]
    assert [i.id for i in net.interactions_with("a2")] == ["i2a", "i2b", "g"]
    assert next(i for i in net.interactions if i.id == "g").contact_uids == ("a1", "a2")
    assert len(net.interactions) == 101
    assert len(net.ledger.for_contact("a3")) == 1
    assert len(net.ledger.for_contact("b3")) == 1
    assert [c.uid for c in net.find(email="p7@example.org")] == ["a7"]
    assert net.find(name="ANNA FAMILY0") == []
    assert [c.uid for c in net.find(name="Anna Family0")] == ["a0"]


def test_chained_merges_resolve_in_the_ledger() -> None:
    net = Network()
    net.add_contacts([Contact(uid=u, formatted_name="Ada") for u in "xyz"])
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 1, 1),
            contact_uid="z",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
        )
    )
    merge_into(net, "y", "z")
    merge_into(net, "x", "y")
    assert net.ledger.resolve("z") == "x"
    assert len(net.ledger.for_contact("x")) == 1
