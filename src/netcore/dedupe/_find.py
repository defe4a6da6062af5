"""``find_duplicates`` and the ``Match`` it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from netcore import _gc
from netcore.dedupe._blocking import candidate_pairs, features
from netcore.dedupe._merge import merged_values
from netcore.dedupe._scoring import score as _score
from netcore.model import Contact

DEFAULT_THRESHOLD = 0.75
"""The score from which :func:`find_duplicates` reports a pair."""

DEFAULT_MAX_BLOCK = 40
"""Blocks with more members are compared by sorted neighbourhood, not all pairs."""

PROGRESS_EVERY = 1000
"""How many candidate pairs :func:`find_duplicates` compares between progress calls."""


@attrs.frozen(slots=True)
class Match:
    """Two contacts that are probably the same person.

    Attributes:
        a: The contact met first in the input; the survivor of a merge unless swapped.
        b: The other one.
        score: How sure, from 0 to 1 (see ``netcore.dedupe`` for the formula).
        reasons: Why, in words a person can check ("same email a.b@x.com").

    Examples:
        >>> from netcore.model import Contact
        >>> m = Match(Contact(uid="1"), Contact(uid="2"), 0.9, ("same phone +441234567",))
        >>> m.keep.uid, m.drop.uid, m.swapped().keep.uid
        ('1', '2', '2')
    """

    a: Contact
    b: Contact
    score: float
    reasons: tuple[str, ...]

    @property
    def keep(self) -> Contact:
        """The contact that survives a merge (its uid is kept)."""
        return self.a

    @property
    def drop(self) -> Contact:
        """The contact merged into :attr:`keep` and removed."""
        return self.b

    @property
    def uids(self) -> tuple[str, str]:
        """The two uids in sorted order: the key of a rejected pair."""
        x, y = self.a.uid, self.b.uid
        return (x, y) if x < y else (y, x)

    def swapped(self) -> Match:
        """The same match with the other contact as survivor."""
        return Match(self.b, self.a, self.score, self.reasons)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """Two uids as a sorted pair (the form rejected pairs are kept in)."""
    return (a, b) if a < b else (b, a)


def _identities(c: Contact, rejected_uids: set[str]) -> list[str]:
    """``c``'s uid and the uids merged into it that a rejected pair names."""
    merged = [u for u in merged_values(c).get("UID", ()) if u in rejected_uids]
    return [c.uid, *merged]


def _rejected(a: Contact, b: Contact, no: set[tuple[str, str]], rejected_uids: set[str]) -> bool:
    """A person rejected this pair, or a pair of records since merged into these two."""
    if pair_key(a.uid, b.uid) in no:
        return True
    return any(
        pair_key(x, y) in no
        for x in _identities(a, rejected_uids)
        for y in _identities(b, rejected_uids)
    )


def find_duplicates(
    contacts: Iterable[Contact],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = DEFAULT_MAX_BLOCK,
    rejected: Iterable[tuple[str, str]] = (),
    progress: Callable[[int, int], None] | None = None,
) -> list[Match]:
    """Pairs of contacts that are probably the same person, most likely first.

    Candidate pairs come from blocks sharing an email, a phone, a profile URL or a
    name key (see ``netcore.dedupe``); the work grows with the number of contacts,
    never with all pairs: no block yields more than ``WINDOW`` pairs per member once it
    is larger than ``max_block``.

    Args:
        contacts: The contacts to search, e.g. ``network.contacts.values()``.
        threshold: The lowest score reported, 0..1.
        max_block: Blocks with more members are compared by sorted neighbourhood.
        rejected: Pairs of uids a person said are not one person (either order), e.g.
            ``Store.rejected_pairs()``: never proposed again, also once either record
            is merged into another (the uids a merge recorded, ``merged_values(c)["UID"]``,
            count as the survivor's).
        progress: Called as ``progress(done, total)`` with the candidate pairs compared
            so far and their number: once before the first, every ``PROGRESS_EVERY``
            pairs and once after the last (the CLI draws its bar with it).

    Returns:
        One :class:`Match` per pair scoring at least ``threshold``: highest score first,
        ties in input order; ``a`` is the contact that came first in ``contacts``.

    Raises:
        ValueError: ``threshold`` is outside 0..1 or ``max_block`` is below 2.

    Examples:
        >>> from netcore.model import Contact, Name, Organization
        >>> a = Contact(uid="1", name=Name(given="Liz", family="Müller"),
        ...             organizations=(Organization(name="ACME"),))
        >>> b = Contact(uid="2", formatted_name="Elizabeth Mueller",
        ...             organizations=(Organization(name="Acme"),))
        >>> [(m.a.uid, m.b.uid, round(m.score, 2)) for m in find_duplicates([a, b])]
        [('1', '2', 0.9)]
        >>> find_duplicates([a, b])[0].reasons[:2]
        ('names 1.00 similar, same company', "'liz' is a nickname of 'elizabeth'")
        >>> find_duplicates([a, b], rejected=[("2", "1")])
        []
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within 0..1, got {threshold!r}")
    if max_block < 2:
        raise ValueError(f"max_block must be at least 2, got {max_block!r}")
    no = {pair_key(a, b) for a, b in rejected}
    items = list(contacts)
    rejected_uids = {u for pair in no for u in pair}
    matches: list[tuple[float, int, int, tuple[str, ...]]] = []
    # Features and blocks are many long-lived objects: the cyclic collector would scan
    # them again and again and free nothing (as in Network.log_many).
    with _gc.paused():
        feats = [features(c) for c in items]
        pairs, sizes = candidate_pairs(feats, max_block)
        total = len(pairs)
        if progress is not None:
            progress(0, total)
        for done, (i, j) in enumerate(sorted(pairs), 1):  # in index order: memory order
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            a, b = items[i], items[j]
            if (a.uid == b.uid and a == b) or (no and _rejected(a, b, no, rejected_uids)):
                continue
            value, reasons = _score(feats[i], feats[j], sizes)
            if value >= threshold:
                matches.append((value, i, j, tuple(reasons)))
    if progress is not None:
        progress(total, total)
    matches.sort(key=lambda m: (-m[0], m[1], m[2]))
    return [Match(items[i], items[j], value, reasons) for value, i, j, reasons in matches]
