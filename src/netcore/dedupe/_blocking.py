"""Features of a contact and the blocks that turn them into candidate pairs.

Keys (all from :mod:`netcore.dedupe._keys`):

* ``e:`` email and its mailbox (without ``+tag``), ``p:`` phone (at least 7 digits),
  ``s:`` profile URL;
* ``n:`` family name and formal given name in either order, per fold variant;
* ``i:`` family name and the given name's initial (and the formal name's), per variant;
* ``o:`` an organisation and the given name's initial (a typo anywhere in the family name
  of a colleague).

A block of at most ``max_block`` members yields all its pairs. A larger block (a
switchboard number, an ``info@`` mailbox, the thousandth John Smith) is sorted by
full name, company and email, and each member is paired with the next ``WINDOW``
members only (a *sorted neighbourhood*): at most ``WINDOW`` pairs per member, so no
block costs more than linear work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from netcore.dedupe._keys import (
    MIN_PHONE_DIGITS,
    NameKey,
    email_key,
    fold_text,
    mailbox_key,
    name_keys,
    phone_key,
    profile_key,
)
from netcore.model import Contact

WINDOW = 8
"""Members each member of an oversized block is compared with (sorted neighbourhood)."""

_PROFILE_HOSTS = ("linkedin.com/in/", "xing.com/profile/", "github.com/")


@attrs.frozen(slots=True)
class Features:
    """What scoring compares of one contact (computed once per contact)."""

    emails: frozenset[str]
    mailboxes: frozenset[str]
    phones: frozenset[str]
    profiles: frozenset[str]
    names: tuple[NameKey, ...]
    orgs: frozenset[str]
    birthday: date | None
    ascii_name: bool

    @property
    def full(self) -> str:
        """The first variant's full folded name ("" when incomplete)."""
        return self.names[0].full if self.names else ""


_NONE: frozenset[str] = frozenset()


def _is_repository(key: str) -> bool:
    """``github.com/acme/widget``: a project, not a person's profile."""
    return key.startswith("github.com/") and key.count("/") > 1


def features(c: Contact) -> Features:
    """The comparable features of ``c``."""
    phones = _NONE
    if c.phones:
        phones = frozenset(k for k in map(phone_key, c.phones) if len(k) >= MIN_PHONE_DIGITS)
    profiles = _NONE
    if c.social_profiles or c.urls:
        found = {profile_key(u.value) for u in c.social_profiles}
        found.update(
            k
            for k in (profile_key(u.value) for u in c.urls)
            if k.startswith(_PROFILE_HOSTS) and not _is_repository(k)
        )
        found.discard("")
        profiles = frozenset(found)
    orgs = _NONE
    if c.organizations:
        orgs = frozenset(k for k in (fold_text(o.name) for o in c.organizations) if k)
    emails = frozenset(map(email_key, c.emails)) if c.emails else _NONE
    return Features(
        emails=emails,
        mailboxes=frozenset(map(mailbox_key, emails)) if emails else _NONE,
        phones=phones,
        profiles=profiles,
        names=name_keys(c),
        orgs=orgs,
        birthday=c.birthday if isinstance(c.birthday, date) else None,
        ascii_name=c.display_name.isascii(),
    )


def block_keys(f: Features) -> list[str]:
    """Every block ``f`` belongs to (a key may repeat)."""
    keys = [f"e:{e}" for e in f.emails | f.mailboxes]
    for p in f.phones:
        keys.append(f"p:{p}")
    for s in f.profiles:
        keys.append(f"s:{s}")
    for k in f.names:
        if not k.full:
            continue
        if len(k.given) > 1:
            keys.append(
                f"n:{k.family}|{k.canon}" if k.family < k.canon else f"n:{k.canon}|{k.family}"
            )
        keys.append(f"i:{k.family}|{k.given[0]}")
        if k.canon[0] != k.given[0]:
            keys.append(f"i:{k.family}|{k.canon[0]}")
        for org in f.orgs:
            keys.append(f"o:{org}|{k.canon[0]}")
    return keys


def _order(f: Features) -> tuple[str, str, str]:
    return (f.full, min(f.orgs, default=""), min(f.emails, default=""))


def candidate_pairs(
    feats: Sequence[Features], max_block: int
) -> tuple[set[tuple[int, int]], dict[str, int]]:
    """Candidate index pairs ``(i, j)`` with ``i < j``, and the size of every shared key.

    Args:
        feats: One entry per contact.
        max_block: The largest block expanded into all its pairs.
    """
    blocks: dict[str, list[int]] = {}
    for index, f in enumerate(feats):
        for key in block_keys(f):
            members = blocks.get(key)
            if members is None:
                blocks[key] = [index]
            elif members[-1] != index:
                members.append(index)
    pairs: set[tuple[int, int]] = set()
    sizes: dict[str, int] = {}
    for key, members in blocks.items():
        n = len(members)
        if n < 2:
            continue
        sizes[key] = n
        if n <= max_block:
            pairs.update((members[x], members[y]) for x in range(n) for y in range(x + 1, n))
            continue
        ordered = sorted(members, key=lambda m: _order(feats[m]))
        for x, i in enumerate(ordered):
            for j in ordered[x + 1 : x + 1 + WINDOW]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs, sizes


__all__ = ["WINDOW", "Features", "block_keys", "candidate_pairs", "features"]
