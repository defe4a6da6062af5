"""The days ahead: who becomes due within N days, and upcoming birthdays (private; re-exported)."""

from __future__ import annotations

import calendar
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from netcore.model import Contact, Network, PartialDate
from netcore.scoring._due import due
from netcore.scoring._health import me_uids, rank
from netcore.scoring._policy import Policy
from netcore.scoring._results import DueList, Nudge
from netcore.scoring._time import as_of as read_as_of
from netcore.scoring._time import shift

__all__ = ["Birthday", "birthdays", "due_within"]


def due_within(
    net: Network,
    *,
    as_of: date | datetime,
    within_days: int,
    limit: int | None = None,
    policy: Policy | None = None,
) -> DueList:
    """Who is due at ``as_of`` and who becomes due in the next ``within_days`` days.

    The first nudges are :func:`~netcore.scoring.due`'s, unchanged (most urgent first);
    after them come the contacts whose next due day (their :class:`Health`'s
    ``next_due``) falls after ``as_of``'s day and at most ``within_days`` later, soonest
    first, each with a negative ``overdue_days`` (due in that many days) and priority 0.
    ``held_back`` is ``due``'s. ``limit`` keeps the first ``limit`` nudges.

    Raises:
        ValueError: ``within_days`` or ``limit`` is negative.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from netcore import Contact, Interaction, InteractionKind, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", cadence_days=30)])
        >>> _ = net.log(Interaction(at=datetime(2026, 3, 5, tzinfo=timezone.utc),
        ...                         contact_uids=("ada",), kind=InteractionKind.CALL))
        >>> [(n.uid, n.due_on.isoformat(), n.overdue_days)
        ...  for n in due_within(net, as_of=date(2026, 4, 1), within_days=7)]
        [('ada', '2026-04-04', -3)]
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0 (got {within_days})")
    now = due(net, as_of=as_of, policy=policy)
    day = read_as_of(as_of).day
    # Clamped at the end of the calendar: "within 10**12 days" means "any time from now".
    last = shift(day, within_days)
    listed = {n.uid for n in now.nudges} | {n.uid for n in now.held_back}
    upcoming: list[Nudge] = []
    for h in rank(net, as_of=as_of, policy=policy):
        nd = h.next_due
        if nd is None or h.uid in listed or not day < nd <= last:
            continue
        left = (nd - day).days
        upcoming.append(
            Nudge(
                uid=h.uid,
                due_on=nd,
                overdue_days=-left,
                priority=0.0,
                reasons=(
                    f"due on {nd.isoformat()}, in {left} day{'s' if left != 1 else ''}, "
                    f"under a {h.cadence_days}-day cadence",
                    *h.reasons[:1],
                ),
            )
        )
    upcoming.sort(key=lambda n: (n.due_on, n.uid))
    nudges = [*now.nudges, *upcoming]
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be >= 0 or None (got {limit})")
        nudges = nudges[:limit]
    return DueList(
        nudges=tuple(nudges),
        held_back=now.held_back,
        ignored_future=now.ignored_future,
    )


class Birthday(BaseModel):
    """A birthday coming up.

    Attributes:
        uid: The contact.
        on: The day it falls on (29 February falls on 28 February in common years).
        in_days: Days from ``as_of``'s day (0: today).
        turning: The age they turn, when the year of birth is known.

    Examples:
        >>> from datetime import date
        >>> Birthday(uid="ada", on=date(2026, 12, 10), in_days=13, turning=211).turning
        211
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    uid: str
    on: date
    in_days: int
    turning: int | None


def _month_day(c: Contact) -> tuple[int, int, int | None] | None:
    b = c.birthday
    if isinstance(b, date):
        return b.month, b.day, b.year
    if isinstance(b, PartialDate) and b.month is not None and b.day is not None:
        return b.month, b.day, None
    return None


def _occurrence(year: int, month: int, day: int) -> date:
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def birthdays(net: Network, *, as_of: date | datetime, within_days: int = 30) -> list[Birthday]:
    """Birthdays from ``as_of``'s day to ``within_days`` days later, soonest first.

    Full dates and year-less ones (``--MM-DD``) count; a birthday with only a year or a
    month does not. Me (``Network.me``) is left out: my own birthday is no reminder.
    29 February falls on 28 February in common years, as in
    :func:`netcore.formats.ical.birthdays`.

    Raises:
        ValueError: ``within_days`` is negative.

    Examples:
        >>> from datetime import date
        >>> from netcore import Contact, Network, PartialDate
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="ada", birthday=date(1815, 12, 10)),
        ...                   Contact(uid="bob", birthday=PartialDate(month=12, day=1))])
        >>> [(b.uid, b.in_days, b.turning) for b in birthdays(net, as_of=date(2026, 11, 27))]
        [('bob', 4, None), ('ada', 13, 211)]
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0 (got {within_days})")
    day = read_as_of(as_of).day
    mine = me_uids(net)
    out: list[Birthday] = []
    for uid, c in net.contacts.items():
        md = _month_day(c)
        if md is None or uid in mine:
            continue
        month, dom, born = md
        on = _occurrence(day.year, month, dom)
        if on < day:
            if day.year == date.max.year:
                continue  # next year is past the end of the calendar (9999)
            on = _occurrence(day.year + 1, month, dom)
        left = (on - day).days
        if left > within_days:
            continue
        turning = on.year - born if born is not None and on.year > born else None
        out.append(Birthday(uid=uid, on=on, in_days=left, turning=turning))
    out.sort(key=lambda b: (b.on, b.uid))
    return out
