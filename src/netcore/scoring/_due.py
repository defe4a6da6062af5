"""Who is due for contact, and whom to follow up after an event (private; re-exported)."""

from __future__ import annotations

from datetime import date, datetime

from netcore import _gc
from netcore.errors import NotFoundError
from netcore.model import Direction, Network
from netcore.scoring._aggregates import Agg, recount_streak, state_for
from netcore.scoring._health import (
    _ago,
    _n,
    _policy,
    cadence_for,
    cadence_text,
    me_uids,
    strength_of,
    tier_table,
)
from netcore.scoring._policy import Policy
from netcore.scoring._results import DueList, FollowUp, Nudge
from netcore.scoring._time import DAY, AsOf, shift
from netcore.scoring._time import as_of as read_as_of

__all__ = ["due", "follow_ups"]


def _strength_score(a: Agg | None, ts: float, policy: Policy) -> float:
    strength = strength_of(a, ts, policy.reciprocity_evidence)[2]
    return strength / (strength + policy.intensity_half_saturation)


def _priority(urgency: float, strength: float, policy: Policy) -> float:
    share = policy.priority_overdue_share
    value = 100.0 * (share * urgency + (1.0 - share) * strength)
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


def due(
    net: Network,
    *,
    as_of: date | datetime,
    limit: int | None = None,
    policy: Policy | None = None,
) -> DueList:
    """Who is due for contact at ``as_of``, most urgent first, and who was held back.

    A contact is due on the day of their last interaction of *any* kind (so any logged
    interaction resets the date) plus their cadence: ``Contact.cadence_days``, else their
    Dunbar layer's (``Policy.tier_cadence_days``; the outer layer has none by default).
    A contact with a cadence and no interaction at all is due on ``as_of``'s day.

    Priority (0..100) blends how overdue (in cadences, full at
    ``Policy.overdue_saturation``) with how strong the tie is.

    Never intrusive: a due contact is held back, not suggested, after
    ``Policy.max_unanswered`` unanswered outreach attempts in a row, or within
    ``Policy.min_gap_days`` of my last unanswered outreach. ``held_back`` lists them,
    each with ``held_because``.

    Args:
        net: The network.
        as_of: An aware datetime, or a date (the end of that day in UTC).
        limit: At most this many suggestions (``held_back`` is always complete).
        policy: The scoring policy; the documented defaults if ``None``.

    Returns:
        A :class:`DueList`.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", cadence_days=30),
        ...                   Contact(uid="bob", cadence_days=30)])
        >>> _ = net.log(Interaction(at=datetime(2026, 1, 5, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.CALL))
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 20, tzinfo=timezone.utc),
        ...                         contact_uids=("bob",), kind=InteractionKind.CALL))
        >>> d = due(net, as_of=date(2026, 4, 1))
        >>> [(n.uid, n.due_on.isoformat(), n.overdue_days) for n in d]
        [('ada', '2026-02-04', 56)]
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None (got {limit})")
    policy = _policy(policy)
    with _gc.paused():  # one nudge per due contact: see netcore._gc
        return _due(net, read_as_of(as_of), limit, policy)


def _due(net: Network, when: AsOf, limit: int | None, policy: Policy) -> DueList:
    state = state_for(net, policy, when.ts)
    layer_of = tier_table(net, state, when, policy)
    aggs = state.aggs
    ts = when.ts
    nudges: list[Nudge] = []
    held: list[Nudge] = []
    mine = me_uids(net)
    for uid, contact in net.contacts.items():
        if uid in mine:
            continue
        tier = layer_of[uid]
        a = aggs.get(uid)
        cadence, origin = cadence_for(contact, a, tier, ts, policy)
        if cadence is None:
            continue
        source = cadence_text(cadence, origin, tier)
        if a is None or a.last_at is None:
            due_on = when.day
            reasons = [f"no interaction logged yet: due now ({source})"]
        else:
            due_on = shift(when.date_of(a.last_at), cadence)
            ago = _ago((ts - a.last_ts) / DAY)
            past = "past" if when.day > due_on else "at the end of"
            reasons = [f"last contact of any kind {ago}, {past} {source}"]
        overdue = (when.day - due_on).days
        if overdue < 0:
            continue
        reasons.append(f"overdue by {_n(overdue, 'day')}" if overdue else "due today")
        strength = _strength_score(a, ts, policy)
        reasons.append(f"tie strength {strength:.2f} (layer {tier})")
        urgency = min(1.0, overdue / cadence / policy.overdue_saturation)
        priority = _priority(urgency, strength, policy)
        why = _held_because(uid, a, net, when.ts, policy)
        booked = state.planned.get(uid)
        if booked is not None:
            on = when.date_of(booked[1])
            # A booking counts only within one cadence: a meeting years ahead is no reason
            # to stay silent until then.
            if (on - when.day).days <= cadence:
                why = f"already planned: you meet on {on.day} {on:%b} ({on.isoformat()})"
        if why is None:
            nudges.append(
                Nudge(
                    uid=uid,
                    due_on=due_on,
                    overdue_days=overdue,
                    priority=priority,
                    reasons=tuple(reasons),
                )
            )
        else:
            held.append(
                Nudge(
                    uid=uid,
                    due_on=due_on,
                    overdue_days=overdue,
                    priority=priority,
                    reasons=(why, *reasons),
                    held_because=why,
                )
            )
    order = _urgency_order
    nudges.sort(key=order)
    held.sort(key=order)
    if limit is not None:
        nudges = nudges[:limit]
    return DueList(nudges=tuple(nudges), held_back=tuple(held), ignored_future=state.ignored)


def _urgency_order(n: Nudge) -> tuple[float, int, str]:
    return (-n.priority, -n.overdue_days, n.uid)


def held_back(net: Network, ts: float, policy: Policy) -> dict[str, str]:
    """Everyone the nudge guard holds back at the instant ``ts``, with why: the one rule.

    ``due`` holds them back, ``intro_paths`` goes through none of them and ``report``
    urges reviving none of them.
    """
    aggs = state_for(net, policy, ts).aggs
    found: dict[str, str] = {}
    for uid, a in aggs.items():
        why = _held_because(uid, a, net, ts, policy)
        if why is not None:
            found[uid] = why
    return found


def _held_because(
    uid: str, a: Agg | None, net: Network, cutoff: float, policy: Policy
) -> str | None:
    if a is None or a.ow_ts == float("-inf"):
        return None
    if a.dirty:
        recount_streak(a, net.interactions_with(uid), cutoff)
    if a.streak == 0:
        return None
    since = (cutoff - a.ow_ts) / DAY
    if a.streak >= policy.max_unanswered:
        return (
            f"held back: {_n(a.streak, 'outreach attempt')} in a row without an answer "
            f"(latest {_ago(since)}); wait for them to reply"
        )
    if since < policy.min_gap_days:
        return (
            f"held back: your last outreach, {_ago(since)}, is unanswered; "
            f"leave at least {policy.min_gap_days} days before another"
        )
    return None


def follow_ups(
    net: Network,
    event_uid: str,
    *,
    as_of: date | datetime,
    within_days: int = 3,
    policy: Policy | None = None,
) -> list[FollowUp]:
    """People met at an event with no interaction since, to follow up ``within_days`` after.

    Someone was met at the event when they have an interaction carrying ``event_uid``
    whose direction is not ``OUTBOUND`` (an outbound event interaction is my invitation
    they did not accept). For a recurring event the latest occurrence up to ``as_of``
    counts. Anyone with an interaction of any kind after that is left out, and so is me
    (``Network.me``).

    Each :class:`FollowUp` is due ``within_days`` after the day they were met;
    ``overdue_days`` is negative while there is time left. Priority blends how much of
    that time has passed (full on the due day) with how strong the tie already is.

    Args:
        net: The network.
        event_uid: The event (``Event.uid``, as carried by ``Interaction.event_uid``).
        as_of: An aware datetime, or a date (the end of that day in UTC).
        within_days: Days after the event by which to follow up (>= 0).
        policy: The scoring policy; the documented defaults if ``None``.

    Returns:
        The follow-ups, most urgent first (ties by uid).

    Raises:
        NotFoundError: Neither an event nor an interaction carries ``event_uid``.
        ValueError: ``within_days`` is negative.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> for uid in ("ada", "bob"):
        ...     _ = net.log(Interaction(at=datetime(2026, 5, 14, 9, tzinfo=timezone.utc),
        ...                             contact_uids=(uid,), kind=InteractionKind.EVENT,
        ...                             event_uid="pycon-2026"))
        >>> _ = net.log(Interaction(at=datetime(2026, 5, 15, tzinfo=timezone.utc),
        ...                         contact_uids=("bob",), kind=InteractionKind.EMAIL))
        >>> [(n.uid, n.due_on.isoformat(), n.overdue_days)
        ...  for n in follow_ups(net, "pycon-2026", as_of=date(2026, 5, 16))]
        [('ada', '2026-05-17', -1)]
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0 (got {within_days})")
    policy = _policy(policy)
    when = read_as_of(as_of)
    state = state_for(net, policy, when.ts)
    found = state.by_event.get(event_uid, [])
    if not found:
        try:
            net.event(event_uid)
        except NotFoundError:
            if not any(it.event_uid == event_uid for it in net.interactions):
                raise NotFoundError(
                    f"no event or interaction carries event uid {event_uid!r}"
                ) from None
    met: dict[str, tuple[float, datetime, str]] = {}
    mine = me_uids(net)
    for it in found:
        if it.direction is Direction.OUTBOUND:
            continue
        ts = it.at.timestamp()
        for uid in it.contact_uids:
            seen = met.get(uid)
            if seen is None or ts > seen[0]:
                met[uid] = (ts, it.at, it.note or event_uid)
    nudges: list[FollowUp] = []
    for uid, (ts, at, title) in met.items():
        if uid in mine:
            continue
        a = state.aggs[uid]
        if a.last_ts > ts:
            continue
        met_on = when.date_of(at)
        due_on = shift(met_on, within_days)
        overdue = (when.day - due_on).days
        since = (when.day - met_on).days
        reasons = [
            f"met at {title} on {met_on.isoformat()} ({_ago((when.ts - ts) / DAY)}), "
            "no interaction since",
            f"overdue by {_n(overdue, 'day')}"
            if overdue > 0
            else "due today"
            if overdue == 0
            else f"due in {_n(-overdue, 'day')} (follow up within {within_days} days)",
        ]
        ignored = state.ignored_by_uid.get(uid, 0)
        if ignored:
            reasons.append(f"{_n(ignored, 'interaction')} after as_of left out")
        urgency = min(1.0, (since + 1) / (within_days + 1))
        strength = _strength_score(a, when.ts, policy)
        nudges.append(
            FollowUp(
                uid=uid,
                due_on=due_on,
                overdue_days=overdue,
                priority=_priority(urgency, strength, policy),
                reasons=tuple(reasons),
                event_uid=event_uid,
                met_on=met_on,
            )
        )
    nudges.sort(key=_urgency_order)
    return nudges
