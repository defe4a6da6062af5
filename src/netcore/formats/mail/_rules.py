"""The rules that decide what a message means: automatic mail, no-reply senders, group size.

Each rule lives here once; ``docs/mail.md`` shows them as a table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from netcore.model.interaction import group_factor as _shared_group_factor

__all__ = [
    "BULK_RECIPIENTS",
    "SIGNAL_HEADERS",
    "automatic_reason",
    "group_factor",
    "is_no_reply",
]

SIGNAL_HEADERS = frozenset(
    {
        "list-id",
        "list-unsubscribe",
        "list-post",
        "precedence",
        "auto-submitted",
        "x-autoreply",
        "x-autorespond",
        "x-auto-response-suppress",
        "content-type",
    }
)
"""Headers the reader keeps (lower-case names) for :func:`automatic_reason`."""

BULK_RECIPIENTS = 50
"""A message of mine to more than this many other people is a mass mailing, not contact."""

_NO_REPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer-daemon|postmaster|"
    r"bounces?|notifications?|notify|newsletter|news|mailer|automated|auto-?confirm)"
    r"(?:[-+_.].*)?$",
    re.IGNORECASE,
)


def is_no_reply(address: str) -> bool:
    """True for addresses that no person reads: ``noreply@``, ``mailer-daemon@``, ``bounce+x@``...

    Examples:
        >>> is_no_reply("no-reply@github.com"), is_no_reply("ada@example.org")
        (True, False)
    """
    local = address.rpartition("@")[0]
    return bool(_NO_REPLY.match(local))


def automatic_reason(signals: Mapping[str, str]) -> str | None:
    """Why a message is a list, bulk or automatic message, or ``None`` for a personal one.

    Args:
        signals: The message's :data:`SIGNAL_HEADERS` by lower-case name.

    Examples:
        >>> automatic_reason({"precedence": "bulk"})
        'Precedence: bulk'
        >>> automatic_reason({"auto-submitted": "no"}) is None
        True
    """
    for name in ("list-id", "list-unsubscribe", "list-post"):
        if name in signals:
            return f"a mailing list message ({name.title()})"
    precedence = signals.get("precedence", "").strip().lower()
    if precedence in {"bulk", "list", "junk", "auto_reply"}:
        return f"Precedence: {precedence}"
    auto = signals.get("auto-submitted", "").strip().lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto.split(';')[0][:40]}"
    for name in ("x-autoreply", "x-autorespond"):
        if name in signals:
            return f"an automatic reply ({name})"
    ctype = signals.get("content-type", "").strip().lower()
    if ctype.startswith("multipart/report"):
        return "a delivery or read report (multipart/report)"
    return None


def group_factor(people: int) -> float:
    """How much one message counts for each person on it: 1 for one person, 1/n for n.

    ``people`` is everyone on the message besides me. The rule is the model's, shared with
    events (:func:`netcore.model.interaction.group_factor` of ``people + 1``, me
    included): a message to (or from, with copies to) ``n`` people splits my attention
    ``n`` ways, the way tie strength falls with the number of people present.

    Examples:
        >>> group_factor(1), group_factor(4)
        (1.0, 0.25)
    """
    return _shared_group_factor(max(1, people) + 1)
