"""Duplicate contacts: find candidate pairs with reasons, review them, merge losslessly.

People import the same contacts again and again, from a phone, Google, Outlook and
LinkedIn; :func:`find_duplicates` proposes the pairs that are probably one person, each
with a score and the reasons a person can check, and :func:`merge` combines two contacts
without losing a value. :func:`merge_into` does both halves of a merge inside a
:class:`~netcore.model.Network` (interactions and ledger entries move to the kept uid).

One module per job:

* ``_keys``: the one normalisation (NFC, email/phone/profile keys, transliterated and
  folded names, titles stripped, ``Last, First``);
* ``_blocking``: features and blocks, with the oversized-block fallback;
* ``_scoring``: evidence first, then names (the formula is in its docstring);
* ``_find``: :func:`find_duplicates` and :class:`Match`;
* ``_merge``: :func:`merge`, :func:`merged_values`, :func:`merge_into`;
* ``_review``: :func:`side_by_side`, what a reviewer sees.

**Why anyascii** for transliteration: it is ISC-licensed (Unidecode is GPL, which an
MIT library cannot depend on), covers every script Unicode has (Cyrillic, Greek, CJK,
Hangul, Arabic...), is maintained, has no dependencies and ships type hints; measured
here, about 4 µs per name (``anyascii("Ольга Смирнова")``, timeit over 100,000 calls).

**Why rapidfuzz** rather than jellyfish: it is maintained, implemented in C++, has
token-based ratios (``token_sort_ratio``) and Jaro-Winkler in one MIT-licensed library
with type hints; jellyfish has no token ratios.

Examples:
    >>> from netcore.model import Contact, Email, Name
    >>> a = Contact(uid="a", name=Name(given="Robert", family="Smith"),
    ...             emails=(Email(address="bob@example.org"),))
    >>> b = Contact(uid="b", formatted_name="Bob Smith",
    ...             emails=(Email(address="BOB@example.org"),))
    >>> [m.reasons[0] for m in find_duplicates([a, b])]
    ['same email bob@example.org']
    >>> merged = merge(a, b)
    >>> merged.uid, merged.formatted_name, merged_values(merged)["UID"]
    ('a', 'Bob Smith', ('b',))
"""

from __future__ import annotations

from netcore.dedupe._find import (
    DEFAULT_MAX_BLOCK,
    DEFAULT_THRESHOLD,
    Match,
    find_duplicates,
    pair_key,
)
from netcore.dedupe._merge import MERGED_PREFIX, merge, merge_into, merged_values
from netcore.dedupe._review import side_by_side

__all__ = [
    "DEFAULT_MAX_BLOCK",
    "DEFAULT_THRESHOLD",
    "MERGED_PREFIX",
    "Match",
    "find_duplicates",
    "merge",
    "merge_into",
    "merged_values",
    "pair_key",
    "side_by_side",
]
