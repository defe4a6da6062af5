"""Match keys and the update rule for re-imported contacts (private).

A contact's *content hash* covers everything but its ``uid`` and ``source``: the same
person exported twice, with a fresh uid each time (many CSV exports do that), hashes the
same. :func:`update` is the rule applied when an imported contact matches a stored one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import pydantic
from pydantic_core import PydanticSerializationError

from netcore._files import scrub_surrogates
from netcore.model import Contact

__all__ = [
    "content_hash",
    "email_keys",
    "forget_keys",
    "phone_keys",
    "record_json",
    "salted",
    "tombstone",
    "update",
]


def record_json(record: pydantic.BaseModel, *, exclude: set[str] | None = None) -> str:
    """The JSON the store keeps for ``record`` (``model_dump_json``, compact).

    A lone surrogate (from a jCard or JSON escape of U+D800 and the like, or a file name that is
    not UTF-8) cannot be encoded as UTF-8; it is stored as U+FFFD, the rule of every
    netcore writer (:func:`netcore._files.scrub_surrogates`).
    """
    try:
        # What ``model_dump_json(exclude=exclude)`` returns, without its Python wrapper
        # (a bulk import writes a million of these).
        return record.__pydantic_serializer__.to_json(record, exclude=exclude).decode()
    except PydanticSerializationError:
        plain = record.model_dump(mode="json", exclude=exclude)
        return scrub_surrogates(json.dumps(plain, ensure_ascii=False, separators=(",", ":")))


def content_hash(contact: Contact) -> str:
    """SHA-256 of the contact's JSON without ``uid`` and ``source``."""
    data = record_json(contact, exclude={"uid", "source"})
    return hashlib.sha256(data.encode()).hexdigest()


def loose_hash(contact: Contact) -> str:
    """SHA-256 of the contact's JSON without ``uid``, ``source`` and the structured name.

    The match key of a contact with no email and no phone whose record comes back
    through a CSV export: the CSV writer derives the structured name (given, family)
    from the formatted name, so the strict :func:`content_hash` differs while every
    other value, the formatted name included, is the same.
    """
    data = record_json(contact, exclude={"uid", "source", "name"})
    return hashlib.sha256(data.encode()).hexdigest()


def email_keys(contact: Contact) -> list[str]:
    """The contact's case-folded email addresses, first occurrence first, no repeats."""
    return list(dict.fromkeys(e.normalized for e in contact.emails))


def phone_keys(contact: Contact) -> list[str]:
    """The contact's E.164 numbers (numbers without one are not match keys)."""
    return list(dict.fromkeys(p.e164 for p in contact.phones if p.e164 is not None))


def update(stored: Contact, incoming: Contact) -> Contact:
    """What a stored contact becomes when ``incoming`` matches it: nothing stored is lost.

    The rule is dedupe's lossless merge (:func:`netcore.dedupe.merge`), so an update and a
    merge keep values the same way:

    * **Which value is primary.** The most recently revised record (vCard ``REV``),
      whatever the order of imports: ``incoming`` is primary when it carries a ``REV``
      and the stored contact has none or an older one; otherwise the stored contact stays
      primary. Files without ``REV`` never displace a stored value.
    * **The other value is kept** as an alternate (``X-NETCORE-MERGED-FN``, ``-NOTE``,
      ``-BDAY``, ``-N``, ``-PHOTO``, ...; ``netcore.dedupe.merged_values`` reads them), and
      lists (emails, phones, addresses, organizations, ...) are unioned.
    * The stored ``uid`` stays; the imported uid becomes an alias in the store, not an
      alternate value.

    Applying the same ``incoming`` twice gives the same result as once.

    Examples:
        >>> from netcore.dedupe import merged_values
        >>> old = Contact(uid="a", formatted_name="王芳", note="Met in Shanghai")
        >>> new = Contact(uid="b", formatted_name="Wang Fang", note="Google: PM")
        >>> up = update(old, new)
        >>> up.uid, up.formatted_name, merged_values(up)["FN"], merged_values(up)["NOTE"]
        ('a', '王芳', ('Wang Fang',), ('Google: PM',))
    """
    from netcore.dedupe import merge

    other = incoming.model_copy(update={"uid": stored.uid})
    # A record with a REV is more recent than one without: the order of imports then
    # never decides which value is primary (RT-store-20).
    newer = incoming.revision is not None and (
        stored.revision is None or incoming.revision > stored.revision
    )
    merged = merge(other, stored) if newer else merge(stored, other)
    if merged.uid != stored.uid:
        merged = merged.model_copy(update={"uid": stored.uid})
    return stored if merged == stored else merged


def forget_keys(contact: Contact, uids: Iterable[str] = ()) -> list[str]:
    """The match keys a tombstone keeps (salted and hashed): uids, emails, E.164 phones."""
    keys = [f"uid:{u}" for u in dict.fromkeys((contact.uid, *uids))]
    keys += [f"email:{e}" for e in email_keys(contact)]
    keys += [f"phone:{p}" for p in phone_keys(contact)]
    return keys


def salted(salt: str, key: str) -> str:
    """The tombstone form of version 1 (one SHA-256 of salt and key): still recognised."""
    return hashlib.sha256(f"{salt}\x1f{key}".encode()).hexdigest()


TOMBSTONE_KDF = {"n": 2**12, "r": 8, "p": 1, "dklen": 32}
"""scrypt parameters of a tombstone hash (4 MiB of memory and a few milliseconds each)."""

_TOMBSTONE_PREFIX = "scrypt1$"


def tombstone(salt: str, key: str) -> str:
    """The tombstone form of a match key: ``scrypt1$`` and scrypt of the key, salted.

    A slow, memory-hard KDF (:data:`TOMBSTONE_KDF`) so that sweeping every phone number
    or a list of emails against a stolen file costs scrypt per guess, not one SHA-256.
    The salt lives in the same file: this raises the price of a sweep, it does not
    prevent a targeted one (see docs/storage.md).
    """
    digest = hashlib.scrypt(
        key.encode(), salt=salt.encode(), maxmem=64 * 1024 * 1024, **TOMBSTONE_KDF
    )
    return _TOMBSTONE_PREFIX + digest.hex()
