"""scoring.due_within and scoring.birthdays: the days ahead."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netcore import Contact, Interaction, InteractionKind, Network, PartialDate, scoring

AS_OF = date(2026, 4, 1)


def net_with_last_calls(**days_ago: int) -> Network:
    net = Network()
    net.add_contacts([Contact(uid=u, cadence_days=30) for u in days_ago])
    for uid, ago in days_ago.items():
        when = datetime.fromordinal(AS_OF.toordinal() - ago).replace(hour=9, tzinfo=UTC)
        net.log(Interaction(at=when, contact_uids=(uid,), kind=InteractionKind.CALL))
    return net


def test_due_within_adds_who_becomes_due_soon_after_who_is_due_now() -> None:
    # due on: ada 5 days ago, bob in 3 days, cy in 7 days, di in 8 days
    net = net_with_last_calls(ada=35, bob=27, cy=23, di=22)
    got = scoring.due_within(net, as_of=AS_OF, within_days=7)
    assert [(n.uid, n.due_on, n.overdue_days) for n in got] == [
        ("ada", date(2026, 3, 27), 5),
        ("bob", date(2026, 4, 4), -3),
        ("cy", date(2026, 4, 8), -7),
    ]
    assert [n.uid for n in scoring.due(net, as_of=AS_OF)] == ["ada"]


def test_due_within_zero_is_due_and_limit_cuts() -> None:
    net = net_with_last_calls(ada=35, bob=27, cy=23)
    assert [n.uid for n in scoring.due_within(net, as_of=AS_OF, within_days=0)] == ["ada"]
    assert [n.uid for n in scoring.due_within(net, as_of=AS_OF, within_days=30, limit=2)] == [
        "ada",
        "bob",
    ]
    with pytest.raises(ValueError, match="within_days"):
        scoring.due_within(net, as_of=AS_OF, within_days=-1)


def test_birthdays_with_and_without_a_year_soonest_first() -> None:
    net = Network()
    net.add_contacts(
        [
            Contact(uid="ada", birthday=date(1990, 4, 20)),
            Contact(uid="bob", birthday=PartialDate(month=4, day=2)),
            Contact(uid="cy", birthday=PartialDate(month=4)),  # no day: no birthday to show
            Contact(uid="di", birthday=date(1980, 3, 31)),  # yesterday: next year, out of range
            Contact(uid="eve", birthday=date(1970, 4, 1)),  # today
        ]
    )
    got = scoring.birthdays(net, as_of=AS_OF, within_days=30)
    assert [(b.uid, b.on, b.in_days, b.turning) for b in got] == [
        ("eve", date(2026, 4, 1), 0, 56),
        ("bob", date(2026, 4, 2), 1, None),
        ("ada", date(2026, 4, 20), 19, 36),
    ]


def test_birthdays_across_the_new_year_and_on_29_february() -> None:
    net = Network()
    net.add_contacts(
        [
            Contact(uid="leap", birthday=date(2000, 2, 29)),
            Contact(uid="jan", birthday=PartialDate(month=1, day=3)),
        ]
    )
    got = scoring.birthdays(net, as_of=date(2026, 12, 20), within_days=80)
    assert [(b.uid, b.on, b.in_days) for b in got] == [
        ("jan", date(2027, 1, 3), 14),
        ("leap", date(2027, 2, 28), 70),  # 2027 is a common year
    ]
    with pytest.raises(ValueError, match="within_days"):
        scoring.birthdays(net, as_of=date(2026, 12, 20), within_days=-1)
