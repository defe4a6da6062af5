"""Naming a person on the command line: a uid, an email, a phone or a name."""

from __future__ import annotations

from collections.abc import Mapping

from netcore.cli._common import EXIT_USAGE, fail
from netcore.errors import AmbiguousReferenceError, NotFoundError
from netcore.model import Network


def resolve_person(net: Network, ref: str, *, aliases: Mapping[str, str] | None = None) -> str:
    """The uid ``ref`` names in ``net`` (a stored alias first), or exit with a clear message.

    An ambiguous name lists every candidate with its uid and email, so the person can
    run the command again with one of those.
    """
    target = (aliases or {}).get(ref.strip())
    if target is not None and target in net:
        return target
    try:
        return net.resolve(ref)
    except AmbiguousReferenceError as exc:
        raise fail(f"{exc}", EXIT_USAGE) from None
    except NotFoundError:
        raise fail(
            f"{ref!r} names nobody: give a uid, an email, a phone or the exact name "
            "(`netcore search TEXT` finds people)",
            EXIT_USAGE,
        ) from None
