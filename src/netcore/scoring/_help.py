"""Whom can I help: open asks, favours owed, introductions to make (private; re-exported)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from netcore.model import Ask, EntryType, FavourDirection, Network
from netcore.model.relations import fold_words
from netcore.scoring._aggregates import state_for
from netcore.scoring._due import _strength_score
from netcore.scoring._health import _n, _policy, balance_rows, me_uids, tier_table
from netcore.scoring._policy import Policy
from netcore.scoring._results import HelpItem, HelpQueue, IntroMatch, Owed
from netcore.scoring._time import as_of as read_as_of

__all__ = ["AGE_FULL_DAYS", "TIE_SHARE", "help_queue"]

TIE_SHARE = 0.6
"""The share of an ask's priority that comes from tie strength; the rest is its age."""

AGE_FULL_DAYS = 28
"""An ask this many days old (or older) gets the whole age share of its priority."""


def _what(a: Ask) -> str:
    kind = a.kind.value.replace("_", " ")
    if kind != "advice":
        kind = ("an " if kind[0] in "aeiou" else "a ") + kind
    return kind + (f" ({a.topic})" if a.topic else "")


def help_queue(
    net: Network,
    *,
    as_of: date | datetime,
    name: Callable[[str], str] | None = None,
    policy: Policy | None = None,
) -> HelpQueue:
    """Whom I can help now, with reasons: open asks, favours I owe, introductions to make.

    * **asks**: the open asks made to me (type ``ask``, direction ``given``) up to
      ``as_of``, by priority: ``100 x (TIE_SHARE x tie + (1 - TIE_SHARE) x age)``, where
      ``tie`` is the tie strength scaled to 0..1 as ``due`` scales it and ``age`` the
      days open over ``AGE_FULL_DAYS`` (at most 1). A close contact's ask open three
      weeks comes before a stranger's made yesterday.
    * **owed**: contacts whose decayed favour balance (``balance``) is below zero, the
      most owed first.
    * **introductions**: an open ask made to me and an open offer made to me (type
      ``offer``, direction ``received``) by two different people on the same topic
      (compared as search compares words: case, accents and Unicode forms folded by
      ``netcore.model.relations.fold_words``): I could introduce the one to the other.

    Args:
        net: The network.
        as_of: An aware datetime, or a date (the end of that day in UTC).
        name: Turns a uid into the name reasons show (default: the contact's
            display name).
        policy: The scoring policy; the documented defaults if ``None``.

    Returns:
        A :class:`HelpQueue`.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import (Contact, EntryType, FavourDirection, FavourKind,
        ...                      LedgerEntry, Network)
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada"),
        ...                   Contact(uid="bo", formatted_name="Bo")])
        >>> ask = LedgerEntry(on=date(2026, 3, 1), contact_uid="ada", type=EntryType.ASK,
        ...                   direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE,
        ...                   topic="Rust")
        >>> offer = LedgerEntry(on=date(2026, 3, 2), contact_uid="bo", type=EntryType.OFFER,
        ...                     direction=FavourDirection.RECEIVED, kind=FavourKind.ADVICE,
        ...                     topic="rust")
        >>> _ = net.ledger.record(ask), net.ledger.record(offer)
        >>> q = help_queue(net, as_of=date(2026, 3, 8))
        >>> [(i.uid, i.age_days) for i in q.asks]
        [('ada', 7)]
        >>> q.introductions[0].reasons[0]
        'Ada asked for advice (Rust) and Bo offered advice (rust): introduce them'
    """
    policy = _policy(policy)
    when = read_as_of(as_of)
    day = when.day
    state = state_for(net, policy, when.ts)
    tiers = tier_table(net, state, when, policy)
    mine = me_uids(net)

    def show(uid: str) -> str:
        if name is not None:
            return name(uid)
        return net.contact(uid).display_name if uid in net.contacts else uid

    open_asks = [a for a in net.ledger.asks(as_of=day) if a.is_open and a.contact_uid not in mine]
    items: list[HelpItem] = []
    for a in open_asks:
        if a.type is not EntryType.ASK or a.direction is not FavourDirection.GIVEN:
            continue
        tie = _strength_score(state.aggs.get(a.contact_uid), when.ts, policy)
        age = a.age_days(day)
        age_part = min(1.0, age / AGE_FULL_DAYS)
        priority = 100.0 * (TIE_SHARE * tie + (1.0 - TIE_SHARE) * age_part)
        tier = tiers.get(a.contact_uid, policy.outer_layer)
        reasons = (
            f"{show(a.contact_uid)} asked you for {_what(a)} {_n(age, 'day')} ago"
            if age
            else f"{show(a.contact_uid)} asked you for {_what(a)} today",
            f"tie strength {tie:.2f} of 1 (your {tier}-person layer)",
        )
        items.append(
            HelpItem(
                uid=a.contact_uid,
                ask_id=a.id,
                kind=a.kind,
                topic=a.topic,
                asked_on=a.asked_on,
                age_days=age,
                tie=tie,
                priority=priority,
                reasons=(*reasons, *([f"note: {a.note}"] if a.note else [])),
            )
        )
    items.sort(key=lambda i: (-i.priority, i.asked_on, i.uid))
    owed = [
        Owed(uid=b.uid, owed=-b.net, reasons=b.reasons)
        for b in balance_rows(net, when, policy)
        if b.net < -0.05 and b.uid not in mine
    ]
    owed.sort(key=lambda o: (-o.owed, o.uid))
    return HelpQueue(
        as_of=day,
        asks=tuple(items),
        owed=tuple(owed),
        introductions=tuple(_matches(open_asks, show)),
    )


def _topic_key(topic: str) -> str:
    """What topics are matched on: their words folded as search folds them (``fold_words``).

    "Développement web", its NFD spelling, "developpement web" and "DÉVELOPPEMENT-WEB"
    are one topic.
    """
    return " ".join(fold_words(topic))


def _matches(open_asks: list[Ask], show: Callable[[str], str]) -> list[IntroMatch]:
    """Open asks made to me and open offers made to me on the same topic, by two people.

    One match per (asker, offerer, topic), the first ask and offer recorded; at most
    ``_MAX_MATCHES``. Every pair looked at is a match but the one where the asker is the
    offerer, so the work is bounded by the asks plus the matches.
    """
    offers: dict[str, dict[str, Ask]] = {}
    for a in open_asks:
        if a.type is EntryType.OFFER and a.direction is FavourDirection.RECEIVED and a.topic:
            offers.setdefault(_topic_key(a.topic), {}).setdefault(a.contact_uid, a)
    asks: dict[tuple[str, str], Ask] = {}
    for a in open_asks:
        if a.type is EntryType.ASK and a.direction is FavourDirection.GIVEN and a.topic:
            asks.setdefault((a.contact_uid, _topic_key(a.topic)), a)
    out: list[IntroMatch] = []
    for (asker, topic), a in asks.items():
        assert a.topic is not None
        for offerer, o in offers.get(topic, {}).items():
            if offerer == asker:
                continue
            out.append(
                IntroMatch(
                    asker_uid=asker,
                    offerer_uid=offerer,
                    topic=a.topic,
                    ask_id=a.id,
                    offer_id=o.id,
                    reasons=(
                        f"{show(asker)} asked for {_what(a)} and "
                        f"{show(offerer)} offered {_what(o)}: introduce them",
                    ),
                )
            )
            if len(out) >= _MAX_MATCHES:
                return out
    return out


_MAX_MATCHES = 1000
"""At most this many introductions (each ask-offer pair is one): bounded output."""
