"""Health, rank, tiers and balance (private; re-exported by ``netcore.scoring``)."""

from __future__ import annotations

import heapq
import math
import weakref
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from functools import partial
from itertools import pairwise
from operator import attrgetter
from typing import Any

from netcore import _gc
from netcore.errors import NotFoundError
from netcore.model import Contact, FavourDirection, Network
from netcore.scoring._aggregates import Agg, State, state_for
from netcore.scoring._policy import Policy, Status
from netcore.scoring._results import Balance, CadenceSource, Health
from netcore.scoring._time import DAY, AsOf, day_in, shift
from netcore.scoring._time import as_of as read_as_of

__all__ = ["balance", "health", "rank", "tiers"]

_DEFAULT = Policy()
_YEAR = 365

COLUMNAR_FROM = 1_000_000
"""Interactions from which :func:`rank` runs on the columnar engine (``scoring.frame``).

Below it the object engine's incremental aggregates are faster (200,000 interactions:
0.5 s at a new ``as_of`` against 1.5 s); from it, the columnar engine's first call is
no slower and a new ``as_of`` costs only the columnar rank (docs/scale.md).
"""

_COLUMNAR: weakref.WeakKeyDictionary[Network, tuple[object, Any, dict[object, list[Health]]]]
_COLUMNAR = weakref.WeakKeyDictionary()
"""Per network: its frames (while nothing changed) and the last few rankings."""


# ---- small text helpers ---------------------------------------------------------------


def _n(count: float, noun: str, plural: str | None = None) -> str:
    """``3 favours``, ``1 favour``, ``none`` for zero."""
    if count == 0:
        return "none"
    return f"{count:g} " + (noun if count == 1 else plural or noun + "s")


def _ago(days: float) -> str:
    whole = int(days)
    if whole == 0:
        return "today"
    return "1 day ago" if whole == 1 else f"{whole} days ago"


# ---- tie strength and tiers -----------------------------------------------------------


def strength_of(a: Agg | None, ts: float, evidence: float) -> tuple[float, float, float]:
    """``(decayed intensity, reciprocity, strength)`` of one contact at ``ts``.

    Strength, which orders the Dunbar layers, is intensity x (0.5 + 0.5 x reciprocity):
    time spent together, discounted by up to half when the initiative is one-sided.
    """
    if a is None:
        return 0.0, 0.0, 0.0
    d = a.decay_to(ts)
    intensity = a.s_int * d
    o, i, m = a.s_out * d, a.s_in * d, a.s_mut * d
    reciprocity = (o + i + m - abs(o - i)) / (o + i + m + evidence)
    return intensity, reciprocity, intensity * (0.5 + 0.5 * reciprocity)


def tier_table(net: Network, state: State, when: AsOf, policy: Policy) -> dict[str, int]:
    """Each contact's Dunbar layer (memoised in ``state`` per ``as_of``)."""
    # Contacts can be added without a fold (and without a revision): count them in the key.
    key = (
        "tiers",
        when.ts,
        len(net.contacts),
        policy.layer_sizes,
        policy.outer_layer,
        policy.reciprocity_evidence,
    )
    found = state.memo.get(key)
    if isinstance(found, dict):
        return found
    aggs = state.aggs
    contacts = net.contacts
    ts = when.ts
    evidence = policy.reciprocity_evidence
    scored = []
    exp = math.exp
    mine = me_uids(net)
    for uid, a in aggs.items():  # contacts with no interaction have no aggregate
        d = exp(-(ts - a.ref) * a.lam)
        o, i = a.s_out * d, a.s_in * d
        total = o + i + a.s_mut * d
        s = a.s_int * d * (0.5 + 0.5 * (total - abs(o - i)) / (total + evidence))
        if s > 0 and uid in contacts and uid not in mine:
            scored.append((-s, uid))
    sizes = policy.layer_sizes
    top = heapq.nsmallest(sizes[-1], scored)  # O(n log 150): only the top 150 need sorting
    outer = policy.outer_layer
    table = dict.fromkeys(net.contacts, outer)
    needs = [policy.layer_min_strength(c) for c in policy.tier_cadence_days]
    layer = 0
    for position, (neg, uid) in enumerate(top):
        # Rank fills the layers in order; evidence (a minimum strength) gates each.
        while layer < len(sizes) and (position >= sizes[layer] or -neg < needs[layer]):
            layer += 1
        if layer == len(sizes):
            break
        table[uid] = sizes[layer]
    state.memo[key] = table
    return table


def me_uids(net: Network) -> frozenset[str]:
    """The contacts that are the network's owner (``Network.me``): never scored."""
    me = net.me
    if not me:
        return frozenset()
    found = {c.uid for e in me.emails for c in net.find(email=e)}
    found |= {c.uid for p in me.phones for c in net.find(phone=p)}
    return frozenset(found)


def rhythm_days(a: Agg | None, ts: float, policy: Policy) -> float | None:
    """The median gap in days between two-way contacts over the rhythm window, bounded.

    Gaps shorter than the lower bound are one exchange, not a rhythm, and are left out;
    ``None`` with fewer than ``Policy.rhythm_min_gaps`` gaps.
    """
    need = policy.rhythm_min_gaps
    if a is None or len(a.two_days) <= need:
        return None
    start = ts - policy.rhythm_window_days * DAY
    days = sorted({t // DAY for t in a.two_days if start <= t <= ts})
    low, high = policy.cadence_bounds
    gaps = [b - x for x, b in pairwise(days) if b - x >= low]
    count = len(gaps)
    if count < need:
        return None
    gaps.sort()
    mid = count // 2
    median = gaps[mid] if count % 2 else (gaps[mid - 1] + gaps[mid]) / 2.0
    return min(high, float(median))


def cadence_for(
    contact: Contact, a: Agg | None, tier: int, ts: float, policy: Policy
) -> tuple[int | None, CadenceSource]:
    """The contact's keep-in-touch cadence and where it comes from.

    In order: ``Contact.cadence_days`` (``"contact"``), the observed rhythm of two-way contact
    (``"rhythm"``), the Dunbar layer's (``"layer"``).
    """
    if contact.cadence_days is not None:
        return contact.cadence_days, "contact"
    observed = rhythm_days(a, ts, policy)
    if observed is not None:
        return max(1, round(observed)), "rhythm"
    return policy.cadence_for_tier(tier), "layer"


def cadence_text(cadence: int, source: CadenceSource, tier: int) -> str:
    """How a reason names the cadence: ``your 30-day cadence``, ``your usual rhythm ...``."""
    if source == "contact":
        return f"your {cadence}-day cadence"
    if source == "rhythm":
        return f"your usual rhythm of {cadence} days (median gap of two-way contact)"
    return f"the {cadence}-day cadence of your {tier}-person layer"


# ---- the ledger -----------------------------------------------------------------------

LedgerRow = list[float]
"""given (decayed), received (decayed), given in the last year, received in the last year,
given ever, received ever, entries after as_of."""


def ledger_table(
    net: Network, when: AsOf, policy: Policy, uid: str | None = None
) -> dict[str, LedgerRow]:
    """Per contact (resolved through merges): decayed and counted favours up to ``as_of``.

    Reads every active entry, or only those about ``uid`` when given.
    """
    ledger = net.ledger
    lam = math.log(2.0) / policy.ledger_half_life_days
    today = when.day
    table: dict[str, LedgerRow] = {}
    for e in ledger.favours(uid):
        uid = ledger.resolve(e.contact_uid)
        row = table.get(uid)
        if row is None:
            row = table[uid] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        age = (today - e.on).days
        if age < 0:
            row[6] += 1
            continue
        decayed = e.weight * math.exp(-age * lam)
        recent = age < _YEAR
        if e.direction is FavourDirection.GIVEN:
            row[0] += decayed
            row[2] += recent
            row[4] += 1
        else:
            row[1] += decayed
            row[3] += recent
            row[5] += 1
    return table


def ledger_component(given: float, received: float) -> float:
    """0.5 with no favours; favours either way raise it, balanced exchanges most (< 1)."""
    total = given + received
    return 0.5 + 0.25 * (total + 2.0 * min(given, received)) / (total + 1.0)


def _ledger_reasons(row: LedgerRow | None) -> list[str]:
    if row is None or (row[4] == 0 and row[5] == 0):
        return []
    given_year, received_year = int(row[2]), int(row[3])
    if given_year == 0 and received_year == 0:
        return [
            f"no favours in the last year ({_n(int(row[4]), 'favour')} given and "
            f"{_n(int(row[5]), 'favour')} received before)"
        ]
    text = (
        f"you received {_n(received_year, 'favour')} and gave "
        f"{_n(given_year, 'favour') if given_year else 'none'} in the last year"
        if received_year >= given_year
        else f"you gave {_n(given_year, 'favour')} and received "
        f"{_n(received_year, 'favour') if received_year else 'none'} in the last year"
    )
    balance_now = row[0] - row[1]
    if balance_now < -0.05:
        text += f"; you owe them (decayed balance {balance_now:.1f})"
    elif balance_now > 0.05:
        text += f"; they owe you (decayed balance +{balance_now:.1f})"
    else:
        text += "; the exchange is even"
    return [text]


# ---- health ---------------------------------------------------------------------------


def _explain(
    policy: Policy,
    cadence: int | None,
    source: CadenceSource,
    tier: int,
    snapshot: tuple[float, ...],
    components: tuple[float, float, float, float, float],
    ledger_row: LedgerRow | None,
    ignored: int,
    status: Status = Status.HEALTHY,
    moved: tuple[int, date] | None = None,
) -> tuple[str, ...]:
    (n, n_out, n_in, n_mut, r_yes, r_known, two_age, intensity, is_kin) = snapshot
    recency, _, reciprocity, _, _ = components
    reasons: list[str] = []
    reference = cadence if cadence is not None else policy.tier_cadence_days[-1]
    if cadence is not None:
        said = cadence_text(cadence, source, tier)
    else:
        said = f"{reference} days (outer layer: no keep-in-touch target)"
    if n == 0:
        reasons.append("no interaction logged yet")
    elif two_age < 0 and n_out:
        reasons.append(f"no two-way contact yet: {_n(n_out, 'attempt')} without an answer")
    elif two_age < 0:
        reasons.append(
            f"no two-way contact yet: met only among more than {policy.conversation_limit} people"
        )
    else:
        ratio = int(two_age) / reference  # the whole days the text shows
        if recency >= 1.0:
            top = f"last two-way contact {_ago(two_age)}, within {said}"
            if status not in {Status.THRIVING, Status.HEALTHY}:
                top += f", but {_weakest(policy, components)} keeps it {status.value}"
            reasons.append(top)
        else:
            reasons.append(_overdue(policy, two_age, ratio, said, components, status, moved))
    if n:
        half_life = policy.kin_half_life_days if is_kin else policy.half_life_days
        reasons.append(
            f"{_n(int(n), 'interaction')} in all, weighing {intensity:.1f} after decay "
            f"(half-life {half_life:g} days{', kin' if is_kin else ''})"
        )
        share = (
            "balanced"
            if reciprocity >= 0.67
            else "mostly one-way: you do the reaching out"
            if n_out > n_in
            else "mostly one-way: they do the reaching out"
            if n_in > n_out
            else "even so far, on little evidence"
        )
        reasons.append(
            f"initiative {share} (you started {n_out:g}, they started {n_in:g}, {n_mut:g} mutual)"
        )
    if r_known:
        reasons.append(
            f"they answered {r_yes:g} of your {_n(r_known, 'attempt')} with a recorded reply"
        )
    elif n_out:
        reasons.append("no replies recorded on your outreach (responsiveness counted as neutral)")
    reasons.extend(_ledger_reasons(ledger_row))
    if ignored:
        reasons.append(f"{_n(ignored, 'interaction')} after as_of left out")
    return tuple(reasons)


class Context:
    """What every evaluation at one ``as_of`` under one policy shares (computed once)."""

    __slots__ = (
        "bands",
        "cadence_by_tier",
        "day",
        "evidence",
        "policy",
        "reference",
        "saturation",
        "ts",
        "utc",
        "weights",
        "when",
    )

    def __init__(self, policy: Policy, when: AsOf, layers: Iterable[int]) -> None:
        self.policy = policy
        self.when = when
        self.ts = when.ts
        self.day = when.day
        self.utc = when.zone is UTC
        self.weights = weights_of(policy)
        self.bands = policy.status_bands
        self.evidence = policy.reciprocity_evidence
        self.saturation = policy.intensity_half_saturation
        self.reference = policy.tier_cadence_days[-1]
        self.cadence_by_tier = {t: policy.cadence_for_tier(t) for t in set(layers)}


_SHORTFALL = (
    "little contact overall",
    "a one-sided exchange",
    "few recorded replies",
    "an uneven exchange of favours",
)


def _weakest(policy: Policy, components: tuple[float, float, float, float, float]) -> str:
    """What costs the score most, recency aside (it is fine when this is asked)."""
    weights = weights_of(policy)[1:]
    lost = [w * (1.0 - v) for w, v in zip(weights, components[1:], strict=True)]
    return _SHORTFALL[lost.index(max(lost))]


_STRENGTH = (
    "plenty of contact overall",
    "a balanced exchange",
    "their replies",
    "the favours between you",
)


def _strongest(policy: Policy, components: tuple[float, float, float, float, float]) -> str:
    """What adds most to the score, recency aside (it is short when this is asked)."""
    weights = weights_of(policy)[1:]
    added = [w * v for w, v in zip(weights, components[1:], strict=True)]
    return _STRENGTH[added.index(max(added))]


def _overdue(
    policy: Policy,
    two_age: float,
    ratio: float,
    said: str,
    components: tuple[float, float, float, float, float],
    status: Status,
    moved: tuple[int, date] | None,
) -> str:
    """The recency reason when the last two-way contact is older than the cadence.

    It agrees with the row it explains: when a later (one-way) contact moves the next
    check into the future, it says so instead of calling the contact overdue; when the
    status stays good, it names what keeps it up.
    """
    if moved is not None:
        last_days, due = moved
        text = (
            f"last two-way contact {_ago(two_age)}, longer than {said}; "
            f"a contact {_ago(last_days)} moves the next check to {due.day} {due:%b %Y}"
        )
    else:
        text = f"last two-way contact {_ago(two_age)}, {ratio:.1f}x {said}"
    if status in {Status.THRIVING, Status.HEALTHY}:
        text += f", but {_strongest(policy, components)} keeps it {status.value}"
    return text


_STATUSES = (Status.THRIVING, Status.HEALTHY, Status.COOLING, Status.AT_RISK)


def evaluate(
    uid: str,
    contact: Contact,
    a: Agg | None,
    tier: int,
    ledger_row: LedgerRow | None,
    ignored: int,
    ctx: Context,
) -> Health:
    """The health of one contact from its aggregates."""
    ts = ctx.ts
    cadence, source = cadence_for(contact, a, tier, ts, ctx.policy)
    reference = cadence if cadence is not None else ctx.reference
    if a is None:
        intensity_raw = reciprocity = 0.0
        recency = 0.0
        responsiveness = 0.5
        last = None
        snapshot: tuple[float, ...] = (0, 0, 0, 0, 0, 0, -1.0, 0.0, False)
    else:
        d = math.exp(-(ts - a.ref) * a.lam)
        intensity_raw = a.s_int * d
        o, i = a.s_out * d, a.s_in * d
        total = o + i + a.s_mut * d
        reciprocity = (total - abs(o - i)) / (total + ctx.evidence)
        responsiveness = (a.s_ryes * d + 1.0) / (a.s_rknown * d + 2.0)
        if a.two_at is None:
            recency = 0.0
            two_age = -1.0
        else:
            two_age = (ts - a.two_ts) / DAY
            if two_age < 0:
                two_age = 0.0
            excess = two_age / reference - 1.0
            recency = 1.0 if excess <= 0 else 2.0**-excess
        last = a.last_at
        n_out, n_in, n_mut = a.n_out, a.n_in, a.n_mut
        snapshot = (
            n_out + n_in + n_mut, n_out, n_in, n_mut, a.r_yes, a.r_known, two_age,
            intensity_raw, a.kin,
        )  # fmt: skip
    intensity = intensity_raw / (intensity_raw + ctx.saturation)
    ledger = 0.5 if ledger_row is None else ledger_component(ledger_row[0], ledger_row[1])
    w_rec, w_int, w_rcp, w_rsp, w_led = ctx.weights
    score = 100.0 * (
        w_rec * recency
        + w_int * intensity
        + w_rcp * reciprocity
        + w_rsp * responsiveness
        + w_led * ledger
    )
    score = 0.0 if score < 0.0 else 100.0 if score > 100.0 else score
    status = Status.DORMANT
    for band, candidate in zip(ctx.bands, _STATUSES, strict=True):
        if score >= band:
            status = candidate
            break
    moved: tuple[int, date] | None = None  # a later contact moved the next check ahead
    if cadence is None:
        next_due = None
    elif last is None:
        next_due = ctx.day
    else:
        day = day_in(last, UTC) if ctx.utc else ctx.when.date_of(last)
        next_due = shift(day, cadence)
        if next_due > ctx.day:
            moved = ((ctx.day - day).days, next_due)
    parts = (recency, intensity, reciprocity, responsiveness, ledger)
    # Every value is known valid: built without validation (rank builds one per contact).
    return Health.known_valid(
        {
            "uid": uid,
            "score": score,
            "status": status,
            "components": {
                "recency": recency,
                "intensity": intensity,
                "reciprocity": reciprocity,
                "responsiveness": responsiveness,
                "ledger": ledger,
            },
            "last_interaction": last,
            "next_due": next_due,
            "cadence_days": cadence,
            "tier": tier,
            "ignored_future": ignored,
            "cadence_source": source if cadence is not None else None,
        },
        partial(
            _explain,
            ctx.policy,
            cadence,
            source,
            tier,
            snapshot,
            parts,
            ledger_row,
            ignored,
            status,
            moved,
        ),
    )


def weights_of(policy: Policy) -> tuple[float, float, float, float, float]:
    """The normalised component weights in component order."""
    w = policy.weights
    return (w["recency"], w["intensity"], w["reciprocity"], w["responsiveness"], w["ledger"])


def _policy(policy: Policy | None) -> Policy:
    if policy is None:
        return _DEFAULT
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a netcore.scoring.Policy, not {type(policy).__name__}")
    return policy


def health(
    net: Network, uid: str, *, as_of: date | datetime, policy: Policy | None = None
) -> Health:
    """How the relationship with ``uid`` is doing at ``as_of``, with its components and reasons.

    Args:
        net: The network.
        uid: The contact.
        as_of: An aware datetime (an instant), or a date (the end of that day in UTC).
            Interactions after it are left out and counted in ``ignored_future``.
        policy: Weights, half-lives, cadences and bands; the documented defaults if ``None``.

    Returns:
        The contact's :class:`Health`.

    Raises:
        NotFoundError: No contact has that uid.
        ValueError: ``as_of`` is a naive datetime.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", cadence_days=30)])
        >>> _ = net.log(Interaction(at=datetime(2026, 1, 5, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.MEETING))
        >>> h = health(net, "ada", as_of=date(2026, 4, 9))
        >>> h.status, h.next_due
        (<Status.AT_RISK: 'at_risk'>, datetime.date(2026, 2, 4))
        >>> h.reasons[0]
        'last two-way contact 94 days ago, 3.1x your 30-day cadence'
    """
    policy = _policy(policy)
    contact = net.contact(uid)
    if uid in me_uids(net):
        raise NotFoundError(f"{uid!r} is me (Network.me): me is never scored")
    when = read_as_of(as_of)
    state = state_for(net, policy, when.ts)
    tier = tier_table(net, state, when, policy)[uid]
    table = ledger_table(net, when, policy, uid)
    return evaluate(
        uid,
        contact,
        state.aggs.get(uid),
        tier,
        table.get(uid),
        state.ignored_by_uid.get(uid, 0),
        Context(policy, when, (tier,)),
    )


def rank(net: Network, *, as_of: date | datetime, policy: Policy | None = None) -> list[Health]:
    """Every contact's health, strongest first (ties by uid).

    Runs in time linear in the number of contacts once the aggregates are folded; the
    aggregates are cached per Network and fold only interactions appended since the
    last call. Reasons are written when first read.

    Args:
        net: The network.
        as_of: An aware datetime, or a date (the end of that day in UTC).
        policy: The scoring policy; the documented defaults if ``None``.

    Returns:
        One :class:`Health` per contact, highest score first.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 30, tzinfo=timezone.utc),
        ...                         contact_uids=("bob",), kind=InteractionKind.CALL))
        >>> [h.uid for h in rank(net, as_of=date(2026, 4, 1))]
        ['bob', 'ada']
    """
    policy = _policy(policy)
    when = read_as_of(as_of)
    with _gc.paused():  # one result per contact: see netcore._gc
        if len(net.interactions) >= COLUMNAR_FROM:
            return _rank_columnar(net, as_of, when, policy)
        return _rank(net, when, policy)


def _rank_columnar(
    net: Network, as_of: date | datetime, when: AsOf, policy: Policy
) -> list[Health]:
    """:func:`rank` of a large network on the columnar engine, as the same objects.

    The reasons are written from the result's columns by the same function
    (:func:`_explain`) as for the object engine, on first read.
    """
    from netcore.scoring import frame

    # What the frames depend on; anything else that changes bumps net.revision.
    key = (
        net.revision, len(net.interactions), len(net.contacts), len(net.ledger),
        len(net.events), net.me,
    )  # fmt: skip
    cached = _COLUMNAR.get(net)
    if cached is None or cached[0] != key:
        cached = _COLUMNAR[net] = (key, frame.frames_of(net), {})
    ranked = cached[2]
    asked = (when.ts, when.day, str(when.zone), policy)
    found = ranked.get(asked)
    if found is None:
        result = frame.rank(*cached[1], as_of=as_of, policy=policy)
        found = [_health_of(row, policy, when) for row in result.iter_rows(named=True)]
        if len(ranked) >= 4:  # a few as_of at a time; drop the oldest
            del ranked[next(iter(ranked))]
        ranked[asked] = found
    return list(found)


def _health_of(row: dict[str, object], policy: Policy, when: AsOf) -> Health:
    """One :class:`Health` from one row of ``scoring.frame.rank``."""
    r: dict[str, Any] = row
    cadence, tier, status = r["cadence_days"], r["layer"], Status(r["status"])
    two_age = -1.0 if r["two_way_age_days"] is None else r["two_way_age_days"]
    snapshot = (
        r["interactions"], r["outbound"], r["inbound"], r["mutual"], r["replies"],
        r["replies_known"], two_age, r["decayed_intensity"], r["kin"],
    )  # fmt: skip
    names = ("recency", "intensity", "reciprocity", "responsiveness", "ledger")
    parts = (r["recency"], r["intensity"], r["reciprocity"], r["responsiveness"], r["ledger"])
    ledger_row = [
        r["given"], r["received"], r["given_last_year"], r["received_last_year"],
        r["given_total"], r["received_total"], r["ledger_ignored_future"],
    ]  # fmt: skip
    moved: tuple[int, date] | None = None
    due_on = r["due_on"]
    if r["last_interaction"] is not None and due_on is not None and due_on > when.day:
        moved = ((when.day - shift(due_on, -cadence)).days, due_on)
    source = r["cadence_source"]
    return Health.known_valid(
        {
            "uid": r["uid"],
            "score": r["score"],
            "status": status,
            "components": dict(zip(names, parts, strict=True)),
            "last_interaction": r["last_interaction"],
            "next_due": due_on,
            "cadence_days": cadence,
            "tier": tier,
            "ignored_future": r["ignored_future"],
            "cadence_source": source,
        },
        partial(
            _explain,
            policy,
            cadence,
            source or "layer",
            tier,
            snapshot,
            parts,
            ledger_row,
            r["ignored_future"],
            status,
            moved,
        ),
    )


def _rank(net: Network, when: AsOf, policy: Policy) -> list[Health]:
    state = state_for(net, policy, when.ts)
    tiers_by_uid = tier_table(net, state, when, policy)
    table = ledger_table(net, when, policy)
    ctx = Context(policy, when, (*policy.layer_sizes, policy.outer_layer))
    aggs = state.aggs
    ignored = state.ignored_by_uid
    contacts = net.contacts
    # Reuse the last results for contacts nothing changed for: same as_of, policy and
    # ledger, not folded into since, same layer. Everything else is evaluated afresh.
    key = (when.ts, policy, len(net.ledger), tuple(net.ledger.aliases.items()))
    previous: dict[str, Health] = {}
    memo = state.ranked
    if isinstance(memo, tuple) and memo[0] == key:
        old_tiers: dict[str, int] = memo[1]
        touched = state.touched
        previous = {
            uid: h
            for uid, h in memo[2].items()
            if uid not in touched and old_tiers.get(uid) == tiers_by_uid.get(uid)
        }
    by_uid: dict[str, Health] = {}
    mine = me_uids(net)
    for uid, contact in contacts.items():
        if uid in mine:
            continue
        h = previous.get(uid)
        if h is None:
            h = evaluate(
                uid,
                contact,
                aggs.get(uid),
                tiers_by_uid[uid],
                table.get(uid),
                ignored.get(uid, 0),
                ctx,
            )
        by_uid[uid] = h
    state.touched = set()
    state.ranked = (key, tiers_by_uid, by_uid)
    results = list(by_uid.values())
    results.sort(key=_by_uid)  # ties by uid: two stable sorts beat one tuple key
    results.sort(key=_by_score, reverse=True)
    return results


_by_uid = attrgetter("uid")
_by_score = attrgetter("score")


def tiers(
    net: Network, *, as_of: date | datetime, policy: Policy | None = None
) -> Mapping[str, int]:
    """Each contact's Dunbar layer by uid: 5, 15, 50, 150, or 500 for everyone beyond.

    Contacts are ordered by tie strength (decayed intensity x (0.5 + 0.5 x reciprocity));
    the first 5 are layer 5, the next 10 layer 15, and so on (``Policy.layer_sizes``),
    but only with the evidence each layer needs (``Policy.layer_min_strength``): a weaker
    tie falls to the next layer whose evidence it has. Contacts with no interaction up to
    ``as_of``, and ties too weak for any layer, are in the outer layer. Me is left out.

    Returns:
        A read-only mapping from uid to layer, in the order contacts were added.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 30, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.MEETING))
        >>> dict(tiers(net, as_of=date(2026, 4, 1)))  # one meeting: not yet a weekly tie
        {'ada': 50, 'bob': 500}
    """
    from types import MappingProxyType

    policy = _policy(policy)
    when = read_as_of(as_of)
    state = state_for(net, policy, when.ts)
    mine = me_uids(net)
    table = tier_table(net, state, when, policy)
    return MappingProxyType({u: t for u, t in table.items() if u not in mine})


def balance(
    net: Network, uid: str, *, as_of: date | datetime, policy: Policy | None = None
) -> Balance:
    """The favour balance with ``uid``: what I gave and received, decayed, and who owes whom.

    Each favour done (an active ledger entry of type ``favour``: not reversed, not a
    reversal, not an ask, offer or decline) dated up to ``as_of`` counts
    ``weight x 2 ** (-age_days / Policy.ledger_half_life_days)``.

    Raises:
        NotFoundError: No contact has that uid.

    Examples:
        >>> from datetime import date
        >>> from netcore import (Contact, FavourDirection, FavourKind, LedgerEntry,
        ...                      Network)
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada")])
        >>> _ = net.ledger.record(LedgerEntry(on=date(2026, 3, 1), contact_uid="ada",
        ...     direction=FavourDirection.RECEIVED, kind=FavourKind.INTRODUCTION))
        >>> b = balance(net, "ada", as_of=date(2026, 3, 1))
        >>> b.net
        -1.0
        >>> b.reasons[0]
        'you received 1 favour and gave none in the last year; you owe them (decayed balance -1.0)'
    """
    policy = _policy(policy)
    net.contact(uid)
    when = read_as_of(as_of)
    resolved = net.ledger.resolve(uid)
    row = ledger_table(net, when, policy, uid).get(resolved)
    if row is None:
        return Balance(uid=uid, given=0.0, received=0.0, net=0.0, reasons=("no favours recorded",))
    reasons = _ledger_reasons(row) or ["no favours recorded up to as_of"]
    if row[6]:
        reasons.append(f"{_n(row[6], 'ledger entry', 'ledger entries')} dated after as_of left out")
    return Balance(
        uid=uid,
        given=row[0],
        received=row[1],
        net=row[0] - row[1],
        reasons=tuple(reasons),
        ignored_future=int(row[6]),
    )


def balance_rows(net: Network, when: AsOf, policy: Policy) -> list[Balance]:
    """Every contact's favour balance (those with favours up to ``as_of``), in one pass."""
    out: list[Balance] = []
    for uid, row in ledger_table(net, when, policy).items():
        if uid not in net.contacts or (row[4] == 0 and row[5] == 0):
            continue
        out.append(
            Balance(
                uid=uid,
                given=row[0],
                received=row[1],
                net=row[0] - row[1],
                reasons=tuple(_ledger_reasons(row)),
                ignored_future=int(row[6]),
            )
        )
    return out
