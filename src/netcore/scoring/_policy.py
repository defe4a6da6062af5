"""The scoring policy: every number the scores use, each with its source or its reason."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from netcore.model import InteractionKind

__all__ = ["DEFAULT_KIND_WEIGHTS", "Policy", "Status"]


class Status(enum.StrEnum):
    """The band a health score falls in. Values are the lowercase member names.

    Examples:
        >>> Status.AT_RISK.value
        'at_risk'
    """

    THRIVING = "thriving"
    """At or above ``Policy.status_bands[0]`` (default 80)."""
    HEALTHY = "healthy"
    """At or above ``Policy.status_bands[1]`` (default 60)."""
    COOLING = "cooling"
    """At or above ``Policy.status_bands[2]`` (default 40)."""
    AT_RISK = "at_risk"
    """At or above ``Policy.status_bands[3]`` (default 20)."""
    DORMANT = "dormant"
    """Below every band."""


DEFAULT_KIND_WEIGHTS: Mapping[InteractionKind, float] = MappingProxyType(
    {
        # Richer media carry more of Granovetter's "emotional intensity and intimacy":
        # in person > video > call > written; a like or comment barely counts.
        InteractionKind.MEETING: 4.0,
        InteractionKind.VIDEO: 3.0,
        InteractionKind.CALL: 2.0,
        InteractionKind.EVENT: 2.0,  # together in a room, but not necessarily one to one
        InteractionKind.INTRODUCTION: 2.0,  # a "reciprocal service" in Granovetter's sense
        InteractionKind.MESSAGE: 1.0,
        InteractionKind.EMAIL: 1.0,
        InteractionKind.SOCIAL: 0.25,
    }
)
"""Default weight of one interaction of each kind (see ``docs/scoring.md``)."""


def _freeze_weights(value: Mapping[InteractionKind, float]) -> Mapping[InteractionKind, float]:
    merged = dict(DEFAULT_KIND_WEIGHTS)
    merged.update({InteractionKind(k): float(v) for k, v in value.items()})
    return MappingProxyType(merged)


def _casefolded(value: Iterable[str]) -> frozenset[str]:
    return frozenset(s.casefold() for s in value)


def _pair(value: Sequence[float]) -> tuple[float, float]:
    low, high = value
    return float(low), float(high)


def _four(value: Sequence[float]) -> tuple[float, float, float, float]:
    a, b, c, d = value
    return float(a), float(b), float(c), float(d)


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(v) for v in value)


def _finite_positive(_: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"Policy.{attribute.name} must be finite and > 0 (got {value!r})")


def _finite_non_negative(_: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"Policy.{attribute.name} must be finite and >= 0 (got {value!r})")


def _unit(_: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise ValueError(f"Policy.{attribute.name} must be within 0..1 (got {value!r})")


@attrs.frozen(slots=True)
class Policy:
    """Every weight, half-life, cadence and band the scores use.

    The defaults are documented with their sources in ``docs/scoring.md``; change any of
    them with ``attrs.evolve(Policy(), half_life_days=90)`` or by passing keywords.
    Invalid values raise ``ValueError`` at construction.

    Attributes:
        recency_weight: Share of the score for recency (0.35, the largest: Gilbert &
            Karahalios 2009 found days since last contact the strongest single predictor).
        intensity_weight: Share for intensity (0.25: Granovetter's time and intensity).
        reciprocity_weight: Share for reciprocity of initiative (0.20: Hidalgo &
            Rodriguez-Sickert 2008, reciprocity best predicts that a tie persists).
        responsiveness_weight: Share for their replies to my outreach (0.10).
        ledger_weight: Share for favours exchanged (0.10: Granovetter's reciprocal services).
        half_life_days: Half-life of an interaction's weight (180 days: Roberts & Dunbar 2011
            saw friendships lose closeness over 18 months of less contact; a year-old
            interaction keeps a quarter of its weight).
        kin_half_life_days: Half-life for kin (540 days: in the same study kin lost far less
            closeness than friends).
        kin_categories: Contact categories (compared case-insensitively) that mark kin.
        kind_weights: Weight of one interaction of each kind; kinds left out keep their
            default (in person 4, video 3, call, event and introduction 2, message and
            email 1, social 0.25).
        duration_reference_minutes: Duration that counts as one ordinary interaction (30).
        duration_factor_range: Bounds of the duration factor ``minutes / reference``
            ((0.5, 2.0): longer talks count more, but a day at a conference is not a
            week of calls).
        intensity_half_saturation: Decayed weight at which intensity scores 0.5 (10: steady
            monthly calls score about 0.65, steady weekly meetings about 0.9).
        reciprocity_evidence: Decayed weight of exchange a tie needs before it can score
            as fully reciprocal (2.0, one call's worth): one meeting does not yet make a
            two-way relationship.
        layer_sizes: Cumulative Dunbar layer sizes (5, 15, 50, 150: Dunbar's layers).
        tier_cadence_days: Keep-in-touch cadence per layer (7, 30, 90, 365: the weekly,
            monthly and yearly contact rates of the layers; 90 days between).
        outer_layer: The layer of everyone beyond the last size (500).
        outer_cadence_days: Cadence for the outer layer; ``None`` (default) means no
            keep-in-touch target, so ``due`` suggests them only with ``Contact.cadence_days``.
        ledger_half_life_days: Half-life of a favour in the ledger (365: favours are
            remembered longer than chats; a year-old favour still weighs half).
        status_bands: Lowest score of THRIVING, HEALTHY, COOLING and AT_RISK (80, 60, 40, 20).
        max_unanswered: Unanswered outreach in a row after which ``due`` holds a contact
            back (3: a fourth unanswered message reads as pressure).
        min_gap_days: Days after my last unanswered outreach during which ``due`` holds a
            contact back (14: time for a busy person to answer).
        overdue_saturation: Cadences overdue at which urgency is full (2.0).
        priority_overdue_share: Share of a nudge's priority from how overdue it is; the rest
            comes from tie strength (0.5).
        group_size_exponent: An interaction that brought ``n`` people together (an event
            occurrence, or ``Interaction.participants``: a message to or from several)
            weighs ``(n - 1) ** -exponent`` (1.0: Newman 2001, *Scientific
            collaboration networks II*, Phys. Rev. E 64, 016132, weighs a tie from a
            collaboration of ``n`` by ``1 / (n - 1)``: time in a group is shared among
            its members). A one-to-one weighs 1, one of 40 at a conference 1/39.
        conversation_limit: An interaction with more people present than this is
            contact (it resets ``due``, it adds intensity) but not two-way contact with
            each of them: it neither sets recency nor answers outreach (4: Dunbar, Duncan
            & Nettle 1995, *Size and structure of freely forming conversational groups*,
            Human Nature 6, found conversations split beyond about four people).
        standing_meeting_limit: The same limit for a *standing* meeting, call or video
            call: an occurrence of a recurring event already held before (8). A
            judgement, not a measured figure: Dunbar, Duncan & Nettle studied freely
            forming groups at one moment; over the weeks of a small team's sync one talks
            with each member, so each later occurrence of up to 8 people is a
            conversation with each, while a one-off workshop of six or an all-hands is
            not. (The larger of the two limits applies to a standing meeting.)
        rhythm_window_days: The observed rhythm of two-way contact is read over this many
            days before ``as_of`` (365: a year holds every season's pattern).
        rhythm_min_gaps: Gaps between two-way contacts needed before the rhythm sets the
            cadence (2: one gap is an anecdote, two show a rhythm).
        cadence_bounds: Bounds of an observed rhythm in days ((7, 365): the contact rates
            of Dunbar's innermost (weekly) and outer (yearly) layers). Gaps shorter than
            the lower bound are one exchange, not a rhythm, and are left out.
        layer_evidence: A contact enters a Dunbar layer only with a tie strength of at
            least this share of what steady written contact at the layer's cadence builds
            (``1 / (1 - 2 ** (-cadence / half_life))``); 0.5 by default: half of it, so
            rank alone never puts a weak tie on a weekly cadence.

    Examples:
        >>> p = Policy(half_life_days=90)
        >>> p.half_life_days, p.tier_cadence_days
        (90.0, (7, 30, 90, 365))
        >>> Policy(half_life_days=0)
        Traceback (most recent call last):
        ...
        ValueError: Policy.half_life_days must be finite and > 0 (got 0.0)
    """

    recency_weight: float = attrs.field(
        default=0.35, converter=float, validator=_finite_non_negative
    )
    intensity_weight: float = attrs.field(
        default=0.25, converter=float, validator=_finite_non_negative
    )
    reciprocity_weight: float = attrs.field(
        default=0.20, converter=float, validator=_finite_non_negative
    )
    responsiveness_weight: float = attrs.field(
        default=0.10, converter=float, validator=_finite_non_negative
    )
    ledger_weight: float = attrs.field(
        default=0.10, converter=float, validator=_finite_non_negative
    )
    half_life_days: float = attrs.field(default=180.0, converter=float, validator=_finite_positive)
    kin_half_life_days: float = attrs.field(
        default=540.0, converter=float, validator=_finite_positive
    )
    kin_categories: frozenset[str] = attrs.field(
        default=frozenset({"family", "kin", "relative", "relatives"}),
        converter=_casefolded,
    )
    kind_weights: Mapping[InteractionKind, float] = attrs.field(
        default=DEFAULT_KIND_WEIGHTS, converter=_freeze_weights, hash=False
    )
    duration_reference_minutes: float = attrs.field(
        default=30.0, converter=float, validator=_finite_positive
    )
    duration_factor_range: tuple[float, float] = attrs.field(default=(0.5, 2.0), converter=_pair)
    intensity_half_saturation: float = attrs.field(
        default=10.0, converter=float, validator=_finite_positive
    )
    reciprocity_evidence: float = attrs.field(
        default=2.0, converter=float, validator=_finite_non_negative
    )
    layer_sizes: tuple[int, ...] = attrs.field(default=(5, 15, 50, 150), converter=_ints)
    tier_cadence_days: tuple[int, ...] = attrs.field(default=(7, 30, 90, 365), converter=_ints)
    outer_layer: int = 500
    outer_cadence_days: int | None = None
    ledger_half_life_days: float = attrs.field(
        default=365.0, converter=float, validator=_finite_positive
    )
    status_bands: tuple[float, float, float, float] = attrs.field(
        default=(80.0, 60.0, 40.0, 20.0),
        converter=_four,
    )
    max_unanswered: int = 3
    min_gap_days: int = 14
    group_size_exponent: float = attrs.field(
        default=1.0, converter=float, validator=_finite_non_negative
    )
    conversation_limit: int = 4
    standing_meeting_limit: int = 8
    rhythm_window_days: int = 365
    rhythm_min_gaps: int = 2
    cadence_bounds: tuple[float, float] = attrs.field(default=(7.0, 365.0), converter=_pair)
    layer_evidence: float = attrs.field(
        default=0.5, converter=float, validator=_finite_non_negative
    )
    overdue_saturation: float = attrs.field(
        default=2.0, converter=float, validator=_finite_positive
    )
    priority_overdue_share: float = attrs.field(default=0.5, converter=float, validator=_unit)

    def __attrs_post_init__(self) -> None:
        total = (
            self.recency_weight
            + self.intensity_weight
            + self.reciprocity_weight
            + self.responsiveness_weight
            + self.ledger_weight
        )
        if total <= 0:
            raise ValueError("Policy: at least one component weight must be > 0")
        for kind, weight in self.kind_weights.items():
            if not (math.isfinite(weight) and weight >= 0):
                raise ValueError(f"Policy.kind_weights[{kind}] must be finite and >= 0")
        low, high = self.duration_factor_range
        if not (0 < low <= high and math.isfinite(high)):
            raise ValueError(
                "Policy.duration_factor_range must be (low, high) with 0 < low <= high"
            )
        sizes = self.layer_sizes
        if not sizes or any(s < 1 for s in sizes) or list(sizes) != sorted(set(sizes)):
            raise ValueError("Policy.layer_sizes must be positive and strictly increasing")
        if self.outer_layer <= sizes[-1]:
            raise ValueError("Policy.outer_layer must be larger than the last layer size")
        if len(self.tier_cadence_days) != len(sizes) or any(c < 1 for c in self.tier_cadence_days):
            raise ValueError("Policy.tier_cadence_days needs one cadence >= 1 per layer size")
        if self.outer_cadence_days is not None and self.outer_cadence_days < 1:
            raise ValueError("Policy.outer_cadence_days must be >= 1 or None")
        bands = self.status_bands
        if not all(0 <= b <= 100 for b in bands) or list(bands) != sorted(bands, reverse=True):
            raise ValueError("Policy.status_bands must be within 0..100 and non-increasing")
        if self.max_unanswered < 1:
            raise ValueError("Policy.max_unanswered must be >= 1")
        if self.min_gap_days < 0:
            raise ValueError("Policy.min_gap_days must be >= 0")
        self._check_events_and_rhythm()

    def _check_events_and_rhythm(self) -> None:
        if self.conversation_limit < 2:
            raise ValueError("Policy.conversation_limit must be >= 2")
        if self.standing_meeting_limit < 2:
            raise ValueError("Policy.standing_meeting_limit must be >= 2")
        if self.rhythm_window_days < 1 or self.rhythm_min_gaps < 1:
            raise ValueError("Policy.rhythm_window_days and rhythm_min_gaps must be >= 1")
        lo, hi = self.cadence_bounds
        if not (1 <= lo <= hi and math.isfinite(hi)):
            raise ValueError("Policy.cadence_bounds must be (low, high) with 1 <= low <= high")

    @property
    def weights(self) -> Mapping[str, float]:
        """The component weights by component name, normalised to sum to 1.

        Examples:
            >>> round(sum(Policy().weights.values()), 9)
            1.0
        """
        raw = {
            "recency": self.recency_weight,
            "intensity": self.intensity_weight,
            "reciprocity": self.reciprocity_weight,
            "responsiveness": self.responsiveness_weight,
            "ledger": self.ledger_weight,
        }
        total = sum(raw.values())
        return MappingProxyType({k: v / total for k, v in raw.items()})

    def status_for(self, score: float) -> Status:
        """The status band of ``score``.

        Examples:
            >>> Policy().status_for(65.0)
            <Status.HEALTHY: 'healthy'>
        """
        thriving, healthy, cooling, at_risk = self.status_bands
        if score >= thriving:
            return Status.THRIVING
        if score >= healthy:
            return Status.HEALTHY
        if score >= cooling:
            return Status.COOLING
        if score >= at_risk:
            return Status.AT_RISK
        return Status.DORMANT

    def cadence_for_tier(self, tier: int) -> int | None:
        """The default keep-in-touch cadence in days of a Dunbar layer (``None``: no target).

        Examples:
            >>> Policy().cadence_for_tier(15), Policy().cadence_for_tier(500)
            (30, None)
        """
        for size, cadence in zip(self.layer_sizes, self.tier_cadence_days, strict=True):
            if tier <= size:
                return cadence
        return self.outer_cadence_days

    def layer_min_strength(self, cadence: int) -> float:
        """The tie strength a contact needs to enter a layer kept at ``cadence`` days.

        Examples:
            >>> round(Policy().layer_min_strength(7), 1), round(Policy().layer_min_strength(30), 1)
            (18.8, 4.6)
        """
        kept = 1.0 - math.pow(2.0, -cadence / self.half_life_days)
        return self.layer_evidence / kept

    def _fold_key(self) -> tuple[object, ...]:
        """The settings the cached per-contact aggregates depend on (internal use)."""
        return (
            self.group_size_exponent,
            self.conversation_limit,
            self.standing_meeting_limit,
            self.half_life_days,
            self.kin_half_life_days,
            self.kin_categories,
            tuple(sorted(self.kind_weights.items())),
            self.duration_reference_minutes,
            self.duration_factor_range,
        )
