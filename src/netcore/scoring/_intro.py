"""Warm introductions: the strongest paths from me to a person, an organisation or a domain.

Private; re-exported by ``netcore.scoring``. See docs/guides/intro.md for the rule and
its sources.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import pairwise

import networkx as nx

from netcore.errors import AmbiguousReferenceError, NotFoundError
from netcore.model import Network, Relation
from netcore.model.relations import describe_relation, is_organisation, org_key
from netcore.scoring._aggregates import Agg, state_for
from netcore.scoring._due import _strength_score, held_back
from netcore.scoring._health import _ago, _policy, me_uids, rhythm_days
from netcore.scoring._policy import Policy
from netcore.scoring._results import Result
from netcore.scoring._time import DAY
from netcore.scoring._time import as_of as read_as_of

__all__ = ["IntroPath", "intro_paths", "tie_strengths"]

PAIR_CAP = 0.95
"""The strongest a tie between two contacts can be, however many relations join them."""

_ME = ("\x00me", 0)
_END = ("\x00end", 0)


class IntroPath(Result):
    """One way to reach the target: through whom, how strongly, and why.

    Attributes:
        hops: Contact uids from my first contact to the target (one uid: I know the
            target myself).
        strength: The product of the hop strengths, in (0, 1].
        reasons: One plain sentence per hop, in order.
        target: The uid reached (for an organisation or a domain: the person there).

    Examples:
        >>> p = IntroPath(hops=("ana", "bo"), strength=0.4, target="bo",
        ...               reasons=("you are in touch with Ana about weekly",
        ...                        "Ana and Bo worked at Acme 2019-2023"))
        >>> p.hops[-1] == p.target
        True
    """

    hops: tuple[str, ...]
    strength: float
    reasons: tuple[str, ...]
    target: str


class IntroPaths(list[IntroPath]):
    """The paths :func:`intro_paths` found, strongest first, and whether the search finished.

    A list of :class:`IntroPath`; ``complete`` is False when the search stopped at its
    budget of :data:`MAX_EXPANSIONS` extensions with fewer than ``k`` paths found: a
    stronger or another path may exist (only a contrived, very dense graph gets there).

    Examples:
        >>> found = IntroPaths([], complete=False)
        >>> (list(found), found.complete)
        ([], False)
    """

    def __init__(self, paths: Iterable[IntroPath] = (), *, complete: bool = True) -> None:
        super().__init__(paths)
        self.complete = complete


def tie_strengths(
    net: Network, *, as_of: date | datetime, policy: Policy | None = None
) -> dict[str, float]:
    """Each contact's tie strength with me at ``as_of``, 0 to 1 (contacts with none left out).

    The strength ``due`` and ``follow_ups`` rank by: the tie's decayed intensity,
    discounted when the initiative is one-sided, saturating
    (``strength / (strength + Policy.intensity_half_saturation)``).

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 20, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.VIDEO))
        >>> sorted(tie_strengths(net, as_of=date(2026, 4, 1)))
        ['ada']
    """
    policy = _policy(policy)
    when = read_as_of(as_of)
    aggs = state_for(net, policy, when.ts).aggs
    mine = me_uids(net)
    out: dict[str, float] = {}
    for uid in net.contacts:
        if uid in mine:
            continue
        s = _strength_score(aggs.get(uid), when.ts, policy)
        if s > 0.0:
            out[uid] = s
    return out


def _target_uids(net: Network, target: str) -> list[str]:
    """The contacts ``target`` names: a contact, else an organisation, else an email domain.

    A company card (``KIND:org``) named by ``target`` stands for its organisation: the
    people there are the targets, never the card. A name several contacts share (and no
    organisation has) is ambiguous, as everywhere a contact is named (``Network.resolve``):
    the error lists their uids, so the caller can give an email or a uid.

    Raises:
        AmbiguousReferenceError: ``target`` is a name several contacts share.
        NotFoundError: ``target`` names nobody.
    """
    card: str | None = None
    ambiguous: AmbiguousReferenceError | None = None
    try:
        card = net.resolve(target)
    except AmbiguousReferenceError as exc:
        ambiguous = exc
    except NotFoundError:
        pass
    if card is not None and not is_organisation(net.contacts[card]):
        return [card]
    key = org_key(target)
    if key:
        found = [
            uid
            for uid, c in net.contacts.items()
            if not is_organisation(c) and any(org_key(o.name) == key for o in c.organizations)
        ]
        if found:
            return found
    if card is not None:
        return [card]
    if ambiguous is not None:
        raise ambiguous
    domain = target.strip().lstrip("@").casefold()
    if "." in domain and " " not in domain:
        found = [
            uid
            for uid, c in net.contacts.items()
            if any(
                (d := e.normalized.rpartition("@")[2]) == domain or d.endswith("." + domain)
                for e in c.emails
            )
        ]
        if found:
            return found
    raise NotFoundError(f"{target!r} names no contact, organisation or email domain")


def _frequency(days: float) -> str:
    if days <= 10:
        return "about weekly"
    if days <= 20:
        return "about every two weeks"
    if days <= 45:
        return "about monthly"
    return f"about every {round(days)} days"


def _my_reason(net: Network, uid: str, a: Agg | None, ts: float, strength: float, p: Policy) -> str:
    name = _given(net, uid)
    rhythm = rhythm_days(a, ts, p)
    last = "" if a is None or a.last_ts == -math.inf else _ago((ts - a.last_ts) / DAY)
    if rhythm is not None:
        text = f"you are in touch with {name} {_frequency(rhythm)}"
        detail = f"last {last}; " if last else ""
    else:
        text = f"you were last in touch with {name} {last}" if last else f"you know {name}"
        detail = ""
    return f"{text} ({detail}tie strength {strength:.2f})"


def _given(net: Network, uid: str) -> str:
    c = net.contact(uid)
    if c.name is not None and c.name.given.strip():
        return c.name.given.strip()
    return c.display_name


def _pairs(net: Network, mine: frozenset[str]) -> dict[tuple[str, str], list[Relation]]:
    pairs: dict[tuple[str, str], list[Relation]] = {}
    for r in net.relations():
        if r.a in mine or r.b in mine:
            continue
        pairs.setdefault(r.pair, []).append(r)
    return pairs


def _pair_weight(relations: list[Relation]) -> float:
    miss = 1.0
    for r in relations:
        miss *= 1.0 - r.weight
    return min(PAIR_CAP, 1.0 - miss)


def intro_paths(
    net: Network,
    target: str,
    *,
    as_of: date | datetime,
    max_hops: int = 3,
    k: int = 3,
    policy: Policy | None = None,
) -> IntroPaths:
    """The ``k`` strongest paths from me to ``target``, strongest first.

    ``target`` is a contact (uid, email, phone or exact name), else an organisation
    name (case, accents and "Corp"/"Ltd" ignored), else an email domain
    (``example.com``). A path is a chain of my contacts, each knowing the next
    (``Network.relations``), ending at a contact who is (or is at) the target; it has
    at most ``max_hops`` contacts. Its strength is the product of its hop strengths
    (trust propagated along a chain multiplies, Richardson, Agrawal & Domingos 2003):
    my tie strength with the first contact (:func:`tie_strengths`), then for each
    next pair the combined weight of their relations (``1 - prod(1 - weight)``, at most
    :data:`PAIR_CAP`). A path through someone I know directly at least as strongly as
    the path reaches them, or on which two contacts that are not next to each other
    know each other, is a detour and is left out (ask that person instead). Searched
    best-first on ``-log(strength)``, pruning detours as they appear (no contact twice),
    so a large ``max_hops`` on a dense graph costs no more than the paths it can show
    (bounded by :data:`MAX_EXPANSIONS`; the result's ``complete`` says whether the search
    finished within it).

    Never through anyone the nudge guard holds back (unanswered outreach, or too soon
    after my last, as in :func:`netcore.scoring.due`): such a contact is neither asked
    nor passed through; as the target, they are reached only through others.

    Args:
        net: The network.
        target: Whom to reach.
        as_of: An aware datetime, or a date (the end of that day in UTC).
        max_hops: At most this many contacts per path (>= 1).
        k: At most this many paths (>= 1).
        policy: The scoring policy; the documented defaults if ``None``.

    Raises:
        NotFoundError: ``target`` names no contact, organisation or email domain.
        AmbiguousReferenceError: ``target`` is a name several contacts share.
        ValueError: ``max_hops`` or ``k`` is below 1.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Organization
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ana", formatted_name="Ana"),
        ...     Contact(uid="bo", formatted_name="Bo",
        ...             organizations=(Organization(name="Acme Corp"),))])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 20, tzinfo=timezone.utc),
        ...                         contact_uids=("ana",), kind=InteractionKind.VIDEO))
        >>> _ = net.relate("ana", "bo", "colleague", context="Initech")
        >>> [p.hops for p in intro_paths(net, "Acme", as_of=date(2026, 4, 1))]
        [('ana', 'bo')]
    """
    if max_hops < 1 or k < 1:
        raise ValueError(f"max_hops and k must be >= 1 (got {max_hops}, {k})")
    policy = _policy(policy)
    when = read_as_of(as_of)
    ts = when.ts
    mine = me_uids(net)
    targets = [u for u in _target_uids(net, target) if u not in mine]
    if not targets:
        raise NotFoundError(f"{target!r} names only you")
    aggs = state_for(net, policy, ts).aggs
    ties = tie_strengths(net, as_of=as_of, policy=policy)
    held = set(held_back(net, ts, policy))
    # a company card (switchboard) introduces nobody
    held |= {uid for uid, c in net.contacts.items() if is_organisation(c) and uid not in targets}
    pairs = _pairs(net, mine)
    chains, complete = _strongest(ties, pairs, set(targets), held, max_hops, k)
    found = [_path(net, hops, ties, aggs, ts, pairs, policy) for hops in chains]
    found.sort(key=lambda p: -p.strength)
    return IntroPaths(found, complete=complete)


def _detour(
    hops: tuple[str, ...],
    v: str,
    strength: float,
    ties: Mapping[str, float],
    adjacent: Mapping[str, set[str]],
    held: set[str],
) -> bool:
    """True when ``v`` after ``hops`` (reached with ``strength``) puts a shorter way on the path.

    ``me -> Lucas -> Kwame -> Chen`` is a detour when my own tie with Kwame is at least
    the strength of ``me -> Lucas -> Kwame``: ``me -> Kwame -> Chen`` is then as strong
    or stronger and asks one person fewer, so the longer path is never worth showing.
    And ``Kwame -> Chen -> Ethan`` is a detour when Kwame knows Ethan himself: two
    contacts on a path who are not next to each other must not know each other. Every
    longer path through a detour is one too, so the search never extends it. A target
    the nudge guard holds back (in ``held``) cannot be asked directly, so my own tie with
    them never makes the way through a friend a detour.
    """
    if v not in held and ties.get(v, 0.0) >= strength:
        return True  # ask v directly instead
    known = adjacent[v]
    return any(h in known for h in hops[:-1])


def _distances(
    pairs: Mapping[tuple[str, str], list[Relation]], ends: set[str], held: set[str], limit: int
) -> dict[str, int]:
    """Hops from each contact to the nearest target, up to ``limit`` (a backward BFS).

    Only contacts within reach of a target can be on a path: the layered graph is built
    around the target, not over the whole network.
    """
    adjacent: dict[str, list[str]] = {}
    for a, b in pairs:
        adjacent.setdefault(a, []).append(b)
        adjacent.setdefault(b, []).append(a)
    dist = dict.fromkeys(ends, 0)
    frontier = list(ends)
    for step in range(1, limit + 1):
        nxt = []
        for v in frontier:
            for u in adjacent.get(v, ()):
                # u is passed through: never a target, never held back
                if u not in dist and u not in held:
                    dist[u] = step
                    nxt.append(u)
        frontier = nxt
    return dist


MAX_EXPANSIONS = 20_000
"""The most partial paths :func:`intro_paths` extends in one search.

The search prunes every detour as soon as it appears and is guided by a lower bound of
the cost still to go, so on real networks it extends a few partial paths per path
found. Paths without a detour (induced paths) can still be exponentially many in
``max_hops`` on a contrived graph; the search then stops after this many extensions
and returns the strongest paths found so far (docs/limits.md)."""


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _strongest(
    ties: Mapping[str, float],
    pairs: Mapping[tuple[str, str], list[Relation]],
    ends: set[str],
    held: set[str],
    max_hops: int,
    k: int,
) -> tuple[list[tuple[str, ...]], bool]:
    """The hops of the ``k`` strongest paths without a detour, strongest first.

    And whether the search finished: False when it stopped after :data:`MAX_EXPANSIONS`
    extensions with partial paths still to extend and fewer than ``k`` found.

    A best-first (A*) search over partial paths on ``-log(strength)``: each partial path
    is ranked by its cost so far plus a lower bound of the cost from its last contact to
    a target (:func:`_to_go`, networkx Dijkstra from the targets), so complete paths come
    out cheapest first. A partial path that is already a detour (:func:`_detour`: both
    rules hold for every longer path too), that comes back to a contact, that passes
    through a target or someone held back, or whose last contact is too many hops from
    every target, is never extended: the work is bounded by the paths without a detour,
    not by every walk of ``max_hops`` contacts (a dense graph has exponentially many).
    """
    adjacent: dict[str, set[str]] = {}
    for a, b in pairs:
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)
    weights = {pair: _pair_weight(relations) for pair, relations in pairs.items()}
    dist = _distances(pairs, ends, held, max_hops - 1)
    to_go = _to_go(weights, ends, set(dist))
    heap: list[tuple[float, int, float, float, tuple[str, ...]]] = []
    for uid, s in sorted(ties.items()):
        if uid not in held and dist.get(uid, max_hops) <= max_hops - 1:
            heap.append((-math.log(s) + to_go[uid], len(heap), -math.log(s), s, (uid,)))
    heapq.heapify(heap)
    counter = len(heap)
    found: list[tuple[str, ...]] = []
    for _ in range(MAX_EXPANSIONS):
        if not heap or len(found) == k:
            return found, True
        _, _, cost, strength, hops = heapq.heappop(heap)
        last = hops[-1]
        if last in ends:
            found.append(hops)
            continue
        left = max_hops - len(hops) - 1  # hops still allowed after the next contact
        for v in sorted(adjacent.get(last, ())):
            if v in hops or dist.get(v, max_hops) > left:
                continue  # back to someone, held back, or too far from every target
            weight = weights[_key(last, v)]
            if _detour(hops, v, strength * weight, ties, adjacent, held):
                continue
            step = cost - math.log(weight)
            entry = (step + to_go[v], counter, step, strength * weight, (*hops, v))
            heapq.heappush(heap, entry)
            counter += 1
    return found, not heap or len(found) == k


def _to_go(
    weights: Mapping[tuple[str, str], float], ends: set[str], near: set[str]
) -> dict[str, float]:
    """For each contact in ``near``, the least cost from it to a target (a lower bound).

    Dijkstra from the targets (networkx) over the relations among ``near`` (the
    contacts within ``max_hops`` of a target that are not held back), ignoring the hop
    limit and the detour rules: never more than the cost of a real path, so the best-first
    search that uses it still finds the cheapest paths first.
    """
    graph = nx.Graph()
    graph.add_nodes_from(near)
    graph.add_weighted_edges_from(
        ((a, b, -math.log(w)) for (a, b), w in weights.items() if a in near and b in near),
        weight="cost",
    )
    found: dict[str, float] = nx.multi_source_dijkstra_path_length(graph, ends, weight="cost")
    return found


def _path(
    net: Network,
    hops: tuple[str, ...],
    ties: Mapping[str, float],
    aggs: Mapping[str, Agg],
    ts: float,
    pairs: Mapping[tuple[str, str], list[Relation]],
    policy: Policy,
) -> IntroPath:
    first = hops[0]
    strength = ties[first]
    reasons = [_my_reason(net, first, aggs.get(first), ts, strength, policy)]
    contacts = net.contacts
    for a, b in pairwise(hops):
        relations = pairs[(a, b) if a < b else (b, a)]
        strength *= _pair_weight(relations)
        texts = dict.fromkeys(describe_relation(r, contacts, first=a) for r in relations)
        reasons.append("; ".join(texts))
    return IntroPath(hops=hops, strength=strength, reasons=tuple(reasons), target=hops[-1])
