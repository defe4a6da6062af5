"""The network report: one pure summary of the whole network (private; re-exported)."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime

from netcore.model import Direction, FavourDirection, Network
from netcore.model.event import participants
from netcore.model.relations import org_key
from netcore.scoring._due import held_back
from netcore.scoring._health import _policy, health, me_uids, rank, tiers
from netcore.scoring._policy import Policy, Status
from netcore.scoring._results import Count, EventOutcome, NetworkReport, Revive, Taker
from netcore.scoring._time import as_of as read_as_of
from netcore.scoring._time import shift

__all__ = ["LASTING_DAYS", "MAX_EVENTS", "report"]

LASTING_DAYS = 90
"""A relationship met at an event is lasting when healthy this many days after it."""

MAX_EVENTS = 12
"""The report judges at most this many event occurrences (the most recent old enough)."""

_GOOD = (Status.THRIVING, Status.HEALTHY)
_TOP = 10


def report(net: Network, *, as_of: date | datetime, policy: Policy | None = None) -> NetworkReport:
    """The network at a glance at ``as_of``: a pure value, rendered by ``netcore report``.

    * size by Dunbar layer (``tiers``) and the health distribution (``rank``);
    * ties to revive: contacts in a layer of 50 or closer a year before ``as_of`` who
      are cooling, at risk or dormant now, except anyone the nudge guard holds back
      (unanswered outreach, as ``due`` holds them back: a further message reads as
      pressure);
    * reciprocity outliers: contacts with two or more favours done (ledger, up to
      ``as_of``), all one way;
    * organisation and category diversity (contacts per organisation, evenness);
      organisations are counted under ``org_key``, the key intro paths and relations
      compare them by ("Acme Corp", "ACME" and "Acme Corp." are one; "Self-employed"
      and "N/A" none), and shown by their most common spelling;
    * events that produced lasting relationships: for the ``MAX_EVENTS`` most recent
      event occurrences at least ``LASTING_DAYS`` old where someone was first met (their
      first interaction was there, not my invitation, at an occurrence of more than two
      people), the share of those people
      whose health ``LASTING_DAYS`` later was healthy or thriving;
    * the asks and offers open at ``as_of``.

    Cost: one ``rank`` at ``as_of``, one ``tiers`` a year earlier and one fold per judged
    event (at most ``MAX_EVENTS``): linear in the network.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", organizations=()), Contact(uid="bo")])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 30, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.CALL))
        >>> r = report(net, as_of=date(2026, 4, 1))
        >>> r.contacts, r.layers[500]
        (2, 1)
    """
    policy = _policy(policy)
    when = read_as_of(as_of)
    day = when.day
    mine = me_uids(net)
    ranked = rank(net, as_of=as_of, policy=policy)
    layers = dict.fromkeys((*policy.layer_sizes, policy.outer_layer), 0)
    statuses = {s.value: 0 for s in Status}
    for h in ranked:
        layers[h.tier] = layers.get(h.tier, 0) + 1
        statuses[h.status.value] += 1
    before = tiers(net, as_of=shift(day, -365), policy=policy)
    revive: list[Revive] = []
    held = held_back(net, when.ts, policy)
    for h in ranked:
        was = before.get(h.uid, policy.outer_layer)
        if was <= policy.layer_sizes[2] and h.status not in _GOOD and h.uid not in held:
            seen = (
                f"last interaction {h.last_interaction.date()}"
                if h.last_interaction
                else "no interaction"
            )
            revive.append(
                Revive(
                    uid=h.uid,
                    was_tier=was,
                    tier=h.tier,
                    status=h.status,
                    last_interaction=h.last_interaction,
                    reasons=(
                        f"in your {was}-person layer a year ago; "
                        f"{h.status.value.replace('_', ' ')} now ({seen})",
                    ),
                )
            )
    revive.sort(key=lambda r: (r.was_tier, r.uid))
    taking, giving = _outliers(net, day, mine)
    orgs, org_count, evenness, categories = _diversity(net, mine)
    names = {uid: c.display_name for uid, c in net.contacts.items()}
    return NetworkReport(
        as_of=day,
        contacts=len(ranked),
        layers=layers,
        health=statuses,
        revive=tuple(revive),
        taking=taking,
        giving=giving,
        organisations=orgs,
        organisation_count=org_count,
        organisation_evenness=evenness,
        categories=categories,
        events=tuple(_events(net, day, mine, policy)),
        open_asks=tuple(
            sorted(
                (a for a in net.ledger.asks(as_of=day) if a.is_open),
                key=lambda a: (a.asked_on, a.id),
            )
        ),
        names=names,
    )


def _outliers(
    net: Network, day: date, mine: frozenset[str]
) -> tuple[tuple[Taker, ...], tuple[Taker, ...]]:
    counts: dict[str, list[int]] = {}
    ledger = net.ledger
    for e in ledger.favours():
        if e.on > day:
            continue
        row = counts.setdefault(ledger.resolve(e.contact_uid), [0, 0])
        row[0 if e.direction is FavourDirection.GIVEN else 1] += 1
    taking: list[Taker] = []
    giving: list[Taker] = []
    for uid, (given, received) in counts.items():
        if uid in mine or uid not in net.contacts or given + received < 2:
            continue
        if received == 0:
            taking.append(
                Taker(
                    uid=uid,
                    given=given,
                    received=0,
                    side="only_taking",
                    reasons=(f"you did them {given} favours and they did you none",),
                )
            )
        elif given == 0:
            giving.append(
                Taker(
                    uid=uid,
                    given=0,
                    received=received,
                    side="only_giving",
                    reasons=(f"they did you {received} favours and you did them none",),
                )
            )
    taking.sort(key=lambda t: (-t.given, t.uid))
    giving.sort(key=lambda t: (-t.received, t.uid))
    return tuple(taking), tuple(giving)


def _diversity(
    net: Network, mine: frozenset[str]
) -> tuple[tuple[Count, ...], int, float, tuple[Count, ...]]:
    orgs: Counter[str] = Counter()  # by org_key, the key intro paths and relations use
    spellings: dict[str, Counter[str]] = {}
    cats: Counter[str] = Counter()
    for uid, c in net.contacts.items():
        if uid in mine:
            continue
        names: dict[str, str] = {}
        for o in c.organizations:
            key = org_key(o.name)
            if key:  # a placeholder ("Self-employed", "N/A") is no organisation
                names.setdefault(key, o.name.strip())
        orgs.update(names.keys())
        for key, name in names.items():
            spellings.setdefault(key, Counter())[name] += 1
        cats.update({x.strip().casefold() for x in c.categories if x.strip()})
    total = sum(orgs.values())
    evenness = 0.0
    if len(orgs) > 1:
        entropy = -sum(n / total * math.log(n / total) for n in orgs.values())
        evenness = entropy / math.log(len(orgs))
    # Each organisation is shown by its most common spelling (the first seen on a tie).
    shown = {key: names.most_common(1)[0][0] for key, names in spellings.items()}
    top = tuple(
        Count(name=shown[key], count=k)
        for key, k in sorted(orgs.items(), key=lambda kv: (-kv[1], shown[kv[0]], kv[0]))[:_TOP]
    )
    top_cats = tuple(Count(name=n, count=k) for n, k in sorted(cats.items(), key=_big)[:_TOP])
    return top, len(orgs), evenness, top_cats


def _big(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _events(net: Network, day: date, mine: frozenset[str], policy: Policy) -> list[EventOutcome]:
    first: dict[str, float] = {}
    end = read_as_of(day).ts  # the end of that day in UTC, as everywhere in scoring
    for it in net.interactions:
        ts = it.at.timestamp()
        if ts > end:
            continue
        for uid in it.contact_uids:
            if ts < first.get(uid, math.inf):
                first[uid] = ts
    met: dict[tuple[str, date], tuple[str, set[str]]] = {}
    latest = shift(day, -LASTING_DAYS)
    for it in net.interactions:
        if it.event_uid is None or it.direction is Direction.OUTBOUND:
            continue
        on = it.at.date()
        if on > latest:
            continue
        ts = it.at.timestamp()
        for uid in it.contact_uids:
            if first.get(uid) != ts or uid in mine or uid not in net.contacts:
                continue
            key = (it.event_uid, on)
            if key not in met:
                found = net.occurrence(it.event_uid, it.at)
                if found is not None and participants(found, is_me=net.is_me) <= 2:
                    continue  # one to one: nobody is met *at* it
                title = found.title if found is not None and found.title else it.event_uid
                met[key] = (title, set())
            met[key][1].add(uid)
    chosen = sorted(met.items(), key=lambda kv: (kv[0][1], kv[0][0]), reverse=True)[:MAX_EVENTS]
    out: list[EventOutcome] = []
    for (event_uid, on), (title, uids) in chosen:
        later = shift(on, LASTING_DAYS)
        lasting = sorted(
            u for u in uids if health(net, u, as_of=later, policy=policy).status in _GOOD
        )
        out.append(
            EventOutcome(
                event_uid=event_uid,
                title=title,
                day=on,
                met=len(uids),
                lasting=len(lasting),
                share=len(lasting) / len(uids),
                lasting_uids=tuple(lasting),
            )
        )
    return out
