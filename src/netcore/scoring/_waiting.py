"""Waiting on me: messages people sent me that I have not answered (private; re-exported)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from netcore.model import Direction, Interaction, InteractionKind, Network
from netcore.scoring._policy import Policy
from netcore.scoring._time import as_of as read_as_of

__all__ = ["Waiting", "waiting"]

_WRITTEN = frozenset({InteractionKind.EMAIL, InteractionKind.MESSAGE})
"""Kinds that ask for an answer in writing."""

_TALKED = frozenset({InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.VIDEO})
"""Kinds where both spoke, whoever started: they answer what was pending."""


class Waiting(BaseModel):
    """Someone waiting for my answer.

    Attributes:
        uid: The contact.
        since: When the oldest unanswered message arrived.
        latest: When the newest one arrived.
        messages: How many are unanswered.
        days: Whole days from ``since``'s day to ``as_of``'s day.
        note: The oldest one's note (for mail: its subject), where there is one.
        reasons: Plain-English explanation.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)
        >>> Waiting(uid="ada", since=t, latest=t, messages=1, days=3, note=None,
        ...         reasons=("1 message unanswered since 2026-11-02",)).days
        3
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    uid: str
    since: datetime
    latest: datetime
    messages: int
    days: int
    note: str | None
    reasons: tuple[str, ...]


def _answers(it: Interaction) -> bool:
    """True when ``it`` shows I was in touch after what came before."""
    if it.direction is Direction.OUTBOUND or it.direction is Direction.MUTUAL:
        return True
    if it.kind in _TALKED:
        return True
    return it.kind in _WRITTEN and it.replied is True


_DEFAULT_POLICY = Policy()

DEFAULT_MAX_AGE_DAYS = 90
"""Messages older than this are no longer "waiting": the moment to answer has passed."""


def waiting(
    net: Network,
    *,
    as_of: date | datetime,
    max_age_days: int | None = DEFAULT_MAX_AGE_DAYS,
    policy: Policy | None = None,
) -> list[Waiting]:
    """Who is waiting on me at ``as_of``: unanswered messages, oldest first.

    An inbound email or message is unanswered unless ``replied`` is ``True`` (for mail:
    a message of mine names it in ``In-Reply-To``/``References``), and nothing since
    shows I was in touch: no outbound or mutual interaction of any kind, no call,
    video or meeting, and no later message of theirs that I answered. Interactions
    after ``as_of`` are left out, and so is a person whose latest unanswered message
    is more than ``max_age_days`` old (:data:`DEFAULT_MAX_AGE_DAYS`, 90). A message to
    more people than ``policy.conversation_limit`` (``Interaction.participants``, me
    included: an announcement, a round-robin) asks no answer of me and is not waiting.

    Args:
        net: The network.
        as_of: An aware datetime, or a date (the end of that day in UTC).
        max_age_days: Leave out people whose latest unanswered message is older;
            ``None`` keeps everyone.
        policy: Its ``conversation_limit`` (default :class:`Policy`'s, 4) sets how many
            people on a message make it an announcement rather than a question to me.

    Returns:
        One :class:`Waiting` per person, the longest waiting first (ties by uid).

    Raises:
        ValueError: ``max_age_days`` is negative.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Direction, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada"), Contact(uid="bob")])
        >>> for uid, day in (("ada", 2), ("bob", 5)):
        ...     _ = net.log(Interaction(at=datetime(2026, 11, day, tzinfo=timezone.utc),
        ...                             contact_uids=(uid,), kind=InteractionKind.EMAIL,
        ...                             direction=Direction.INBOUND, replied=False))
        >>> _ = net.log(Interaction(at=datetime(2026, 11, 6, tzinfo=timezone.utc),
        ...                         contact_uids=("bob",), kind=InteractionKind.CALL))
        >>> [(w.uid, w.days) for w in waiting(net, as_of=date(2026, 11, 9))]
        [('ada', 7)]
    """
    if max_age_days is not None and max_age_days < 0:
        raise ValueError(f"max_age_days must be >= 0 or None (got {max_age_days})")
    when = read_as_of(as_of)
    limit = (policy or _DEFAULT_POLICY).conversation_limit
    pending: dict[str, list[Interaction]] = {}
    for it in sorted(net.interactions, key=lambda i: i.at):
        if it.at.timestamp() > when.ts:
            break
        unanswered = (
            it.direction is Direction.INBOUND and it.kind in _WRITTEN and it.replied is not True
        )
        if unanswered and it.participants is not None and it.participants > limit:
            continue  # an announcement to many: neither a question to me nor an answer
        for uid in it.contact_uids:
            if unanswered:
                pending.setdefault(uid, []).append(it)
            elif _answers(it):
                pending.pop(uid, None)
    out: list[Waiting] = []
    for uid, items in pending.items():
        first, last = items[0], items[-1]
        days = (when.day - when.date_of(first.at)).days
        if max_age_days is not None and (when.day - when.date_of(last.at)).days > max_age_days:
            continue
        n = len(items)
        noun = "message" if n == 1 else "messages"
        out.append(
            Waiting(
                uid=uid,
                since=first.at,
                latest=last.at,
                messages=n,
                days=days,
                note=first.note,
                reasons=(
                    f"{n} {noun} unanswered since {when.date_of(first.at).isoformat()} "
                    f"({days} days), the latest on {when.date_of(last.at).isoformat()}",
                ),
            )
        )
    out.sort(key=lambda w: (w.since, w.uid))
    return out
