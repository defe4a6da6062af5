"""Shared by the scoring tests: a fixed "now" and small builders of networks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netcore import Contact, Direction, Interaction, InteractionKind, Network

AS_OF = date(2026, 6, 30)
END = datetime(2026, 6, 30, 12, tzinfo=UTC)


def at(days_ago: float) -> datetime:
    """The moment ``days_ago`` days before noon UTC on ``AS_OF``."""
    return END - timedelta(days=days_ago)


def net_with(*contacts: Contact) -> Network:
    """A network holding ``contacts``."""
    net = Network()
    net.add_contacts(contacts)
    return net


def log(
    net: Network,
    uid: str,
    days_ago: float,
    kind: InteractionKind = InteractionKind.MEETING,
    direction: Direction = Direction.MUTUAL,
    replied: bool | None = None,
    **extra: object,
) -> Interaction:
    """Log one interaction with ``uid``, ``days_ago`` days before ``END``."""
    return net.log(
        Interaction(
            at=at(days_ago),
            contact_uids=(uid,),
            kind=kind,
            direction=direction,
            replied=replied,
            **extra,  # type: ignore[arg-type]
        )
    )
