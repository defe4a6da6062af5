"""Match keys and the update rule for re-imported contacts (private).

A contact's *content hash* covers everything but its ``uid`` and ``source``: the same
person exported twice, with a fresh uid each time (many CSV exports do that), hashes the
same. :func:`update` is the rule applied when an imported contact matches a stored one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from netcore.model import Contact, Email, Phone

__all__ = ["content_hash", "email_keys", "phone_keys", "update"]

_T = TypeVar("_T")
_DIGITS = re.compile(r"\D")

_SCALARS = (
    "formatted_name",
    "birthday",
    "anniversary",
    "gender",
    "kind",
    "note",
    "photo",
    "revision",
    "cadence_days",
)
_LISTS = (
    "nicknames",
    "addresses",
    "organizations",
    "urls",
    "impps",
    "social_profiles",
    "categories",
    "related",
    "extensions",
)


def content_hash(contact: Contact) -> str:
    """SHA-256 of the contact's JSON without ``uid`` and ``source``."""
    data = contact.model_dump_json(exclude={"uid", "source"})
    return hashlib.sha256(data.encode()).hexdigest()


def email_keys(contact: Contact) -> list[str]:
    """The contact's case-folded email addresses, first occurrence first, no repeats."""
    return list(dict.fromkeys(e.normalized for e in contact.emails))


def phone_keys(contact: Contact) -> list[str]:
    """The contact's E.164 numbers (numbers without one are not match keys)."""
    return list(dict.fromkeys(p.e164 for p in contact.phones if p.e164 is not None))


def _email_key(email: Email) -> str:
    return email.normalized


def _phone_key(phone: Phone) -> str:
    return phone.e164 if phone.e164 is not None else _DIGITS.sub("", phone.number)


def _same_email(old: Email, new: Email) -> Email:
    # The newer types, label and preference; the address as first written.
    return new.model_copy(update={"address": old.address})


def _same_phone(old: Phone, new: Phone) -> Phone:
    return new.model_copy(update={"number": old.number, "e164": old.e164})


def _union(
    old: Sequence[_T],
    new: Sequence[_T],
    key: Callable[[_T], Hashable] | None = None,
    combine: Callable[[_T, _T], _T] | None = None,
) -> tuple[_T, ...]:
    """``old`` then the items of ``new`` not in it.

    With ``key`` and ``combine``, an item of ``new`` whose key an item of ``old`` has
    replaces that item in place by ``combine(old_item, new_item)``, once per old item.
    Items of ``new`` already present as they are claim their old item first, so that
    applying the same ``new`` twice gives the same result as once, even when a list
    holds the same number or address twice.
    """
    result = list(old)
    used: set[int] = set()
    pending: list[_T] = []
    for item in new:
        pos = next((i for i, x in enumerate(result) if i not in used and x == item), None)
        if pos is None:
            pending.append(item)
        else:
            used.add(pos)
    for item in pending:
        if key is not None and combine is not None:
            k = key(item)
            pos = next((i for i, x in enumerate(result) if i not in used and key(x) == k), None)
            if pos is not None:
                result[pos] = combine(result[pos], item)
                used.add(pos)
                continue
        used.add(len(result))
        result.append(item)
    return tuple(result)


def update(stored: Contact, incoming: Contact) -> Contact:
    """What a stored contact becomes when ``incoming`` matches it.

    The stored ``uid`` stays. A single-valued field takes the incoming value when that
    is set (not ``None``, not empty), else keeps the stored one. A multi-valued field keeps
    the stored items in their order and appends the incoming ones it lacks; an incoming
    email (or phone) with the same address (or number) as a stored one gives it its types,
    label and preference, keeping the stored spelling.
    ``source`` keeps the first one recorded. Nothing stored is dropped, and applying the
    same ``incoming`` twice gives the same result as once.
    """
    changes: dict[str, Any] = {}
    for name in _SCALARS:
        value = getattr(incoming, name)
        if value is not None and value != "" and value != getattr(stored, name):
            changes[name] = value
    if incoming.name is not None and not incoming.name.is_empty() and incoming.name != stored.name:
        changes["name"] = incoming.name
    for name in _LISTS:
        merged = _union(getattr(stored, name), getattr(incoming, name))
        if merged != getattr(stored, name):
            changes[name] = merged
    emails = _union(stored.emails, incoming.emails, _email_key, _same_email)
    if emails != stored.emails:
        changes["emails"] = emails
    phones = _union(stored.phones, incoming.phones, _phone_key, _same_phone)
    if phones != stored.phones:
        changes["phones"] = phones
    if stored.source is None and incoming.source is not None:
        changes["source"] = incoming.source
    return stored.model_copy(update=changes) if changes else stored
