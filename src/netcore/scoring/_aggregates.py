"""Per-contact aggregates, folded in O(1) per interaction and cached per Network (private).

Every decayed sum of a contact is kept relative to a reference time ``ref`` (its first
interaction folded): ``S = sum(w_i * exp(lam * (t_i - ref)))``, so reading it at an
instant ``T`` is ``S * exp(-lam * (T - ref)) = sum(w_i * 2 ** (-(T - t_i) / H))``.
Folding one interaction adds one term to the sums it touches, in any time order: O(1).
When a term would grow past ``exp(_REBASE)`` the sums are rescaled to a new ``ref``
(once per ~700 half-lives), so nothing overflows.

The cache remembers, per Network (weakly) and per set of fold settings, how many of
``net.interactions`` it has folded and ``net.revision``; the next call folds only the
tail. When the revision changed (a contact replaced or merged) it starts again; when
``as_of`` is earlier than the latest interaction folded, it folds a filtered copy.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from netcore import _gc
from netcore.model import Contact, Direction, Interaction, InteractionKind, Network
from netcore.model.event import participants
from netcore.model.interaction import group_factor
from netcore.scoring._policy import Policy
from netcore.scoring._time import DAY

__all__ = ["Agg", "State", "state_for"]


_LN2 = math.log(2.0)
_SYNC = frozenset({InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.VIDEO})
"""Kinds where an outbound interaction with unknown reply still was a conversation."""
_OUT = Direction.OUTBOUND
_IN = Direction.INBOUND
_NEG_INF = float("-inf")


def is_two_way(interaction: Interaction) -> bool:
    """True when the interaction was contact both ways (not an unanswered outreach).

    Inbound and mutual interactions are two-way; an outbound one is when it was replied
    to, or when it is a meeting, call or video call whose reply is not recorded as ``False``
    and that is not an event invitation (``event_uid`` set) still waiting for an answer.
    """
    if interaction.direction is not _OUT:
        return True
    replied = interaction.replied
    if replied is None:
        # An outbound event interaction is my invitation, not yet accepted: no conversation.
        return interaction.kind in _SYNC and interaction.event_uid is None
    return replied


_REBASE = 500.0
"""Largest exponent a term may reach before the sums are rescaled (exp(500) ~ 1e217)."""


class Agg:
    """What scoring keeps about one contact (mutable; owned by one ``State``)."""

    __slots__ = (
        "dirty",
        "kin",
        "lam",
        "last_at",
        "last_ts",
        "n_in",
        "n_mut",
        "n_out",
        "ow_ts",
        "r_known",
        "r_yes",
        "ref",
        "reset_ts",
        "s_in",
        "s_int",
        "s_mut",
        "s_out",
        "s_rknown",
        "s_ryes",
        "streak",
        "two_at",
        "two_days",
        "two_ts",
    )

    def __init__(self, lam: float, kin: bool, ref: float) -> None:
        self.lam = lam  # decay rate per second: ln 2 / half-life
        self.kin = kin  # decays at the kin half-life
        self.ref = ref  # the time the sums are relative to
        self.s_int = 0.0  # intensity: kind weight x duration factor
        self.s_out = 0.0  # initiative: outbound, kind-weighted
        self.s_in = 0.0  # initiative: inbound
        self.s_mut = 0.0  # initiative: mutual
        self.s_ryes = 0.0  # my outreach with replied=True (decayed count)
        self.s_rknown = 0.0  # my outreach with replied known (decayed count)
        self.n_out = 0
        self.n_in = 0
        self.n_mut = 0
        self.r_yes = 0
        self.r_known = 0
        self.last_at: datetime | None = None  # latest interaction of any kind
        self.last_ts = _NEG_INF
        self.two_at: datetime | None = None  # latest two-way interaction
        self.two_ts = _NEG_INF
        self.ow_ts = _NEG_INF  # latest one-way outreach
        self.reset_ts = _NEG_INF  # latest interaction that was not a one-way outreach
        self.streak = 0  # one-way outreach after reset_ts
        self.dirty = False  # streak must be recounted (an answer was logged out of order)
        self.two_days: list[float] = []  # times of two-way contact (for the rhythm)

    @property
    def n(self) -> int:
        """How many interactions were folded."""
        return self.n_out + self.n_in + self.n_mut

    def mark(self, ts: float, at: datetime, two_way: bool) -> None:
        """Note an interaction's time: the latest of any kind, the latest two-way, streaks."""
        newest = ts >= self.last_ts
        if newest:
            self.last_ts = ts
            self.last_at = at
        if two_way:
            self.two_days.append(ts)
            if ts >= self.two_ts:
                self.two_ts = ts
                self.two_at = at
            if ts > self.reset_ts:
                self.reset_ts = ts
                if newest:
                    self.streak = 0
                else:
                    self.dirty = True

    def decay_to(self, ts: float) -> float:
        """The factor that turns the sums into decayed weights at ``ts``."""
        return math.exp(-(ts - self.ref) * self.lam)

    def rebase(self, ts: float) -> None:
        """Make the sums relative to ``ts`` instead of ``ref``."""
        d = self.decay_to(ts)
        self.s_int *= d
        self.s_out *= d
        self.s_in *= d
        self.s_mut *= d
        self.s_ryes *= d
        self.s_rknown *= d
        self.ref = ts


class State:
    """The aggregates of every contact over a set of folded interactions."""

    __slots__ = (
        "aggs",
        "by_event",
        "cutoff",
        "folded",
        "ignored",
        "ignored_by_uid",
        "max_ts",
        "memo",
        "planned",
        "ranked",
        "revision",
        "touched",
    )

    def __init__(self, revision: int, cutoff: float | None) -> None:
        self.aggs: dict[str, Agg] = {}
        self.by_event: dict[str, list[Interaction]] = {}
        self.folded = 0  # how many of net.interactions were read
        self.revision = revision
        self.max_ts = _NEG_INF
        self.cutoff = cutoff  # None: everything folded; else only interactions <= cutoff
        self.ignored = 0  # interactions after the cutoff
        self.ignored_by_uid: dict[str, int] = {}
        self.planned: dict[str, tuple[float, datetime]] = {}  # first booked event after cutoff
        self.memo: dict[object, object] = {}  # tiers per as_of; cleared by every fold
        self.touched: set[str] = set()  # contacts folded into since rank() last looked
        self.ranked: object = None  # rank()'s last results, reused for untouched contacts

    def fold(
        self,
        items: Iterable[Interaction],
        contacts: Mapping[str, Contact],
        policy: Policy,
        group_size: Callable[[Interaction], int] | None = None,
    ) -> None:
        """Fold ``items`` (in log order) into the aggregates.

        An interaction of ``n`` people (``Interaction.participants``, else for an event
        interaction ``group_size``: the people its occurrence brought together) weighs
        ``group_factor(n, group_size_exponent)``, and is no conversation with each when
        ``n`` exceeds ``conversation_limit`` (``standing_meeting_limit`` for a later
        occurrence of a recurring meeting, call or video call).
        """
        self.memo.clear()
        aggs = self.aggs
        weights = policy.kind_weights
        ref_seconds = policy.duration_reference_minutes * 60.0
        lo, hi = policy.duration_factor_range
        lam = _LN2 / (policy.half_life_days * DAY)
        kin_lam = _LN2 / (policy.kin_half_life_days * DAY)
        kin = policy.kin_categories
        cutoff = self.cutoff
        max_ts = self.max_ts
        exp = math.exp
        rebase_at = _REBASE
        touched_add = self.touched.add
        sync = _SYNC
        out, inb = _OUT, _IN
        count = 0
        limit = math.inf if cutoff is None else cutoff
        exponent = policy.group_size_exponent
        conversation = policy.conversation_limit
        limits = (conversation, max(policy.standing_meeting_limit, conversation))
        for it in items:
            count += 1
            at = it.at
            ts = at.timestamp()
            if ts > limit:
                self._leave_out(it, ts)
                continue
            if ts > max_ts:
                max_ts = ts
            kind = it.kind
            direction = it.direction
            w = weights[kind]
            factor, crowd = self._of_group(it, group_size, exponent, limits)
            w *= factor
            duration = it.duration
            if duration is None:
                wi = w
            else:
                f = duration.total_seconds() / ref_seconds
                wi = w * (lo if f < lo else hi if f > hi else f)
            replied = it.replied
            two_way = not crowd  # among many people is no conversation between the two
            if direction is out:
                # see is_two_way: an event invitation not yet accepted is no conversation
                two_way = (kind in sync and it.event_uid is None) if replied is None else replied
            for uid in it.contact_uids:
                touched_add(uid)
                a = aggs.get(uid)
                if a is None:
                    c = contacts.get(uid)
                    is_kin = c is not None and any(x.casefold() in kin for x in c.categories)
                    a = aggs[uid] = Agg(kin_lam if is_kin else lam, is_kin, ts)
                x = (ts - a.ref) * a.lam
                if x > rebase_at:
                    a.rebase(ts)
                    x = 0.0
                e = exp(x)
                a.s_int += wi * e
                if direction is out:
                    a.s_out += w * e
                    a.n_out += 1
                    if replied is not None:
                        a.s_rknown += e
                        a.r_known += 1
                        if replied:
                            a.s_ryes += e
                            a.r_yes += 1
                    if not two_way:
                        if ts > a.ow_ts:
                            a.ow_ts = ts
                        if ts > a.reset_ts:
                            a.streak += 1
                elif direction is inb:
                    a.s_in += w * e
                    a.n_in += 1
                else:
                    a.s_mut += w * e
                    a.n_mut += 1
                a.mark(ts, at, two_way)
        self.max_ts = max_ts
        self.folded += count

    def _leave_out(self, it: Interaction, ts: float) -> None:
        """Count an interaction after the cutoff; a booked event is remembered as planned."""
        self.ignored += 1
        booked = it.event_uid is not None and it.direction is not _OUT
        planned = self.planned
        for uid in it.contact_uids:
            self.ignored_by_uid[uid] = self.ignored_by_uid.get(uid, 0) + 1
            if booked and (uid not in planned or ts < planned[uid][0]):
                planned[uid] = (ts, it.at)

    def _of_group(
        self,
        it: Interaction,
        group_size: Callable[[Interaction], int] | None,
        exponent: float,
        limits: tuple[int, int],
    ) -> tuple[float, bool]:
        """The group-size factor of an interaction of several people, and whether a crowd.

        ``limits``: the conversation limit, and the one for a standing meeting.
        """
        n = it.participants
        limit = limits[0]
        if it.event_uid is not None:
            n_event, held_before = self._of_event(it, group_size)
            if n is None:
                n = n_event
            if held_before and it.kind in _SYNC:
                limit = limits[1]
        if n is None or n <= 2:
            return 1.0, False
        return group_factor(n, exponent), n > limit

    def _of_event(
        self, it: Interaction, group_size: Callable[[Interaction], int] | None
    ) -> tuple[int | None, bool]:
        """File an event interaction by event.

        Returns how many people its occurrence brought together, and whether the event
        was held before (an earlier-filed occurrence: a standing meeting).
        """
        assert it.event_uid is not None
        bucket = self.by_event.get(it.event_uid)
        if bucket is None:
            self.by_event[it.event_uid] = [it]
            held_before = False
        else:
            held_before = bucket[0].at != it.at
            bucket.append(it)
        n = None if group_size is None or it.participants is not None else group_size(it)
        return n, held_before


def recount_streak(a: Agg, history: Sequence[Interaction], cutoff: float) -> None:
    """Recount the unanswered-outreach streak of ``a`` from its interactions (<= cutoff)."""
    streak = 0
    for it in history:
        ts = it.at.timestamp()
        if ts <= cutoff and ts > a.reset_ts and it.direction is _OUT and not is_two_way(it):
            streak += 1
    a.streak = streak
    a.dirty = False


_CACHE: weakref.WeakKeyDictionary[Network, dict[object, State]] = weakref.WeakKeyDictionary()
_FILTERED: weakref.WeakKeyDictionary[Network, tuple[object, State]] = weakref.WeakKeyDictionary()


def state_for(net: Network, policy: Policy, cutoff: float) -> State:
    """The aggregates of ``net`` over the interactions at or before ``cutoff``.

    Folds only what was appended since the last call; starts again when
    ``net.revision`` changed; folds a filtered copy when ``cutoff`` is earlier than an
    interaction already folded.
    """
    key = policy._fold_key()
    contacts = net.contacts
    interactions = net.interactions
    total = len(interactions)
    per_net = _CACHE.get(net)
    if per_net is None:
        per_net = _CACHE[net] = {}
    state = per_net.get(key)
    if state is None or state.revision != net.revision or state.folded > total:
        state = State(net.revision, None)
        if len(per_net) >= 4:  # a few policies at a time; drop the oldest
            del per_net[next(iter(per_net))]
        per_net[key] = state
    sizes = _group_sizes(net)
    if state.folded < total:
        with _gc.paused():
            state.fold(interactions[state.folded :], contacts, policy, sizes)
    if state.max_ts <= cutoff:
        return state
    # as_of is in the past of what was folded: fold again, leaving out what came after.
    memo_key = (key, net.revision, total, cutoff)
    cached = _FILTERED.get(net)
    if cached is not None and cached[0] == memo_key:
        return cached[1]
    filtered = State(net.revision, cutoff)
    with _gc.paused():
        filtered.fold(interactions, contacts, policy, sizes)
    _FILTERED[net] = (memo_key, filtered)
    return filtered


def _group_sizes(net: Network) -> Callable[[Interaction], int]:
    """How many people the occurrence of an event interaction brought together (1: unknown)."""
    cache: dict[tuple[str, float], int] = {}

    def size(it: Interaction) -> int:
        assert it.event_uid is not None
        key = (it.event_uid, it.at.timestamp())
        found = cache.get(key)
        if found is None:
            event = net.occurrence(it.event_uid, it.at)
            found = cache[key] = 1 if event is None else participants(event, is_me=net.is_me)
        return found

    return size
