"""Explainable relationship scoring: pure functions of (Network, as_of, Policy).

Every result carries its components and plain-English reasons; every number the
scores use lives in :class:`Policy`, documented with its source in ``docs/scoring.md``.
No function reads the clock: ``as_of`` is always explicit, and interactions after it are
left out (and counted).

Examples:
    >>> from datetime import date, datetime, timezone
    >>> from netcore import Contact, Interaction, InteractionKind, Network
    >>> from netcore import scoring
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="ada", cadence_days=30)])
    >>> _ = net.log(Interaction(at=datetime(2026, 3, 20, tzinfo=timezone.utc),
    ...                         contact_uids=("ada",), kind=InteractionKind.VIDEO))
    >>> scoring.health(net, "ada", as_of=date(2026, 4, 1)).components["recency"]
    1.0
"""

from netcore.scoring._ahead import Birthday, birthdays, due_within
from netcore.scoring._due import due, follow_ups
from netcore.scoring._health import balance, health, rank, tiers
from netcore.scoring._help import help_queue
from netcore.scoring._intro import IntroPath, IntroPaths, intro_paths, tie_strengths
from netcore.scoring._policy import Policy, Status
from netcore.scoring._report import report
from netcore.scoring._results import (
    Balance,
    Count,
    DueList,
    EventOutcome,
    FollowUp,
    Health,
    HelpItem,
    HelpQueue,
    IntroMatch,
    NetworkReport,
    Nudge,
    Owed,
    Result,
    Revive,
    Taker,
)
from netcore.scoring._waiting import Waiting, waiting

__all__ = [
    "Balance",
    "Birthday",
    "Count",
    "DueList",
    "EventOutcome",
    "FollowUp",
    "Health",
    "HelpItem",
    "HelpQueue",
    "IntroMatch",
    "IntroPath",
    "IntroPaths",
    "NetworkReport",
    "Nudge",
    "Owed",
    "Policy",
    "Result",
    "Revive",
    "Status",
    "Taker",
    "Waiting",
    "balance",
    "birthdays",
    "due",
    "due_within",
    "follow_ups",
    "health",
    "help_queue",
    "intro_paths",
    "rank",
    "report",
    "tie_strengths",
    "tiers",
    "waiting",
]
