"""Lossless merge of two contacts, and the same inside a network."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from netcore.dedupe._keys import email_key, phone_key, url_key
from netcore.model import (
    Address,
    Contact,
    Email,
    Extension,
    Name,
    Network,
    Organization,
    PartialDate,
    Phone,
    Photo,
    Related,
    Url,
)

__all__ = ["MERGED_PREFIX", "merge", "merge_into", "merged_values"]

MERGED_PREFIX = "X-NETCORE-MERGED-"
"""Prefix of the extensions in which :func:`merge` records values it could not keep in place."""


_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _escape(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _name_text(name: Name) -> str:
    parts: list[str] = [
        _escape(name.family),
        _escape(name.given),
        ",".join(map(_escape, name.additional)),
        ",".join(map(_escape, name.prefixes)),
        ",".join(map(_escape, name.suffixes)),
    ]
    return ";".join(parts)


def _photo_text(photo: Photo) -> str:
    if photo.uri is not None:
        return photo.uri
    assert photo.data is not None
    media = photo.media_type or "application/octet-stream"
    return f"data:{media};base64,{base64.b64encode(photo.data).decode('ascii')}"


class _Recorder:
    """Collects the ``X-NETCORE-MERGED-*`` extensions one merge produces."""

    def __init__(self) -> None:
        self.extensions: list[Extension] = []

    def value(self, field: str, text: str) -> None:
        self.extensions.append(Extension(name=MERGED_PREFIX + field, value=text))

    def attribute(self, field: str, key: str, attribute: str, text: str) -> None:
        params = (("FIELD", (field,)), ("KEY", (key,)))
        self.extensions.append(
            Extension(name=MERGED_PREFIX + attribute, value=_escape(text), params=params)
        )


_T = TypeVar("_T")
_Item = TypeVar("_Item", Email, Phone, Address, Url, Related)


def _single(
    field: str, a: _T | None, b: _T | None, rec: _Recorder, text: Callable[[_T], str]
) -> _T | None:
    if a is None or (isinstance(a, str) and not a.strip()):
        return b if b is not None else a
    if b is not None and b != a and not (isinstance(b, str) and not b.strip()):
        rec.value(field, text(b))
    return a


def _union_types(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    seen = {t.casefold() for t in a}
    extra = []
    for t in b:
        if t.casefold() not in seen:
            seen.add(t.casefold())
            extra.append(t)
    return (*a, *extra)


def _merge_items(
    field: str,
    items: Iterable[_Item],
    key: Callable[[_Item], str],
    shown: Callable[[_Item], str],
    attributes: Sequence[str],
    rec: _Recorder,
) -> tuple[_Item, ...]:
    """Union by ``key``: the first item of a key stays, later ones lend types and blanks."""
    out: dict[str, _Item] = {}
    for item in items:
        k = key(item)
        kept = out.get(k)
        if kept is None:
            out[k] = item
            continue
        update: dict[str, Any] = {"types": _union_types(kept.types, item.types)}
        if getattr(item, "preferred", False):
            update["preferred"] = True
        if isinstance(kept, Phone) and isinstance(item, Phone) and kept.e164 is None:
            update["e164_given"] = item.e164
        update.update(_carried(kept, item))
        for attribute in attributes:
            mine, theirs = getattr(kept, attribute), getattr(item, attribute)
            if theirs is None or theirs == mine:
                continue
            if mine is None:
                update[attribute] = theirs
            else:
                rec.attribute(field, shown(kept), attribute.upper(), theirs)
        out[k] = kept.model_copy(update=update)
    return tuple(out.values())


def _carried(kept: Any, item: Any) -> dict[str, Any]:
    """``item``'s group (where ``kept`` has none) and its parameters ``kept`` lacks."""
    update: dict[str, Any] = {}
    if kept.group is None and item.group is not None:
        update["group"] = item.group
    extra = tuple(p for p in item.params if p not in kept.params)
    if extra:
        update["params"] = (*kept.params, *extra)
    return update


def _address_key(a: Address) -> str:
    parts = (a.po_box, a.extended, a.street, a.locality, a.region, a.postal_code, a.country)
    return "\x1f".join(" ".join(p.split()) for p in parts)


def _address_shown(a: Address) -> str:
    return ";".join(
        (a.po_box, a.extended, a.street, a.locality, a.region, a.postal_code, a.country)
    )


def _merge_organizations(items: Iterable[Organization]) -> tuple[Organization, ...]:
    out: list[Organization] = []
    for org in items:
        for pos, kept in enumerate(out):
            if " ".join(kept.name.split()) != " ".join(org.name.split()):
                continue
            if kept == org:
                break
            combined = _combine_org(kept, org)
            if combined is not None:
                out[pos] = combined
                break
        else:
            out.append(org)
    return tuple(out)


def _combine_org(a: Organization, b: Organization) -> Organization | None:
    """``a`` with ``b``'s blanks filled in, when nothing conflicts; else None."""
    units = a.units or b.units
    if a.units and b.units and a.units != b.units:
        return None
    update: dict[str, Any] = {"units": units}
    for attribute in ("title", "role"):
        mine, theirs = getattr(a, attribute), getattr(b, attribute)
        if mine is not None and theirs is not None and mine != theirs:
            return None
        update[attribute] = mine if mine is not None else theirs
    update.update(_carried(a, b))
    return a.model_copy(update=update)


def _unique_text(values: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        k = v.casefold()
        if k not in seen:
            seen.add(k)
            out.append(v)
    return tuple(out)


def _date_text(value: date | PartialDate) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def merge(a: Contact, b: Contact) -> Contact:
    """Combine two records of one person into one, losing nothing.

    Rules:

    * **uid**: ``a``'s is kept; ``b``'s is recorded as ``X-NETCORE-MERGED-UID``.
    * **Multi-valued fields** are unioned in order (``a``'s first) without duplicates:
      emails by normalised address, phones by E.164 else digits, addresses by their
      components as written (runs of spaces aside), URLs, IMPPs and social profiles by
      URL without scheme, ``www.`` and trailing slash, related people by value,
      nicknames and categories case-insensitively, extensions by equality. A duplicate
      lends its types, ``preferred`` and any attribute ``a``'s copy lacks (label,
      E.164, formatted text); an attribute both have with different values (a label,
      a number's spelling) is recorded as
      ``X-NETCORE-MERGED-<ATTRIBUTE>;FIELD=<field>;KEY=<a's value>:<b's value>``.
      Organizations of the same name (as written) are combined when their units,
      title and role do not conflict, else both are kept.
    * **Single values** (formatted name, structured name, birthday, anniversary, gender,
      kind, note, photo, cadence, source): ``a``'s wins when it has one, else ``b``'s is
      taken; when both differ, ``b``'s is recorded as ``X-NETCORE-MERGED-<FIELD>``
      (``FN``, ``N``, ``BDAY``, ``ANNIVERSARY``, ``GENDER``, ``KIND``, ``NOTE``,
      ``PHOTO``, ``CADENCE``, ``SOURCE``), text escaped as in vCard, ``N`` as vCard's
      ``family;given;additional;prefixes;suffixes``, dates in ISO 8601, a photo as its
      URI or a ``data:`` URI. :func:`merged_values` reads them back.
    * **revision** is the later of the two.

    ``merge(a, a) == a``, and merging an already merged contact again adds nothing twice.

    Examples:
        >>> from datetime import date
        >>> from netcore.model import Contact, Phone
        >>> a = Contact(uid="a", formatted_name="Ada", birthday=date(1815, 12, 10),
        ...             phones=(Phone(number="+44 20 7946 0958"),))
        >>> b = Contact(uid="b", formatted_name="Ada", birthday=date(1815, 12, 11),
        ...             phones=(Phone(number="+442079460958", types=("cell",)),))
        >>> m = merge(a, b)
        >>> m.birthday, [(p.number, p.types) for p in m.phones]
        (datetime.date(1815, 12, 10), [('+44 20 7946 0958', ('cell',))])
        >>> merged_values(m)["BDAY"], merged_values(m)["NUMBER"]
        (('1815-12-11',), ('+442079460958',))
    """
    if a == b:
        return a
    rec = _Recorder()
    if b.uid != a.uid:
        rec.value("UID", _escape(b.uid))
    formatted_name = _single("FN", a.formatted_name, b.formatted_name, rec, _escape) or ""
    name_a = a.name if a.name is not None and not a.name.is_empty() else None
    name_b = b.name if b.name is not None and not b.name.is_empty() else None
    name = _single("N", name_a, name_b, rec, _name_text)
    if name is None:
        name = a.name if a.name is not None else b.name
    update: dict[str, Any] = {
        "formatted_name": formatted_name,
        "name": name,
        "birthday": _single("BDAY", a.birthday, b.birthday, rec, _date_text),
        "anniversary": _single("ANNIVERSARY", a.anniversary, b.anniversary, rec, _date_text),
        "gender": _single("GENDER", a.gender, b.gender, rec, _escape),
        "kind": _single("KIND", a.kind, b.kind, rec, _escape),
        "note": _single("NOTE", a.note, b.note, rec, _escape),
        "photo": _single("PHOTO", a.photo, b.photo, rec, _photo_text),
        "cadence_days": _single("CADENCE", a.cadence_days, b.cadence_days, rec, str),
        "source": _single("SOURCE", a.source, b.source, rec, _escape),
        "revision": max((r for r in (a.revision, b.revision) if r is not None), default=None),
        "nicknames": _unique_text((*a.nicknames, *b.nicknames)),
        "categories": _unique_text((*a.categories, *b.categories)),
        "emails": _merge_items(
            "EMAIL",
            (*a.emails, *b.emails),
            email_key,
            lambda e: e.address,
            ("address", "label"),
            rec,
        ),
        "phones": _merge_items(
            "TEL",
            (*a.phones, *b.phones),
            phone_key,
            lambda p: p.number,
            ("number", "label"),
            rec,
        ),
        "addresses": _merge_items(
            "ADR",
            (*a.addresses, *b.addresses),
            _address_key,
            _address_shown,
            ("label", "formatted"),
            rec,
        ),
        "organizations": _merge_organizations((*a.organizations, *b.organizations)),
        "urls": _merge_urls("URL", a.urls, b.urls, rec),
        "impps": _merge_urls("IMPP", a.impps, b.impps, rec),
        "social_profiles": _merge_urls("SOCIALPROFILE", a.social_profiles, b.social_profiles, rec),
        "related": _merge_items(
            "RELATED",
            (*a.related, *b.related),
            lambda r: r.value.strip(),
            lambda r: r.value,
            ("value", "label"),
            rec,
        ),
    }
    extensions = list(dict.fromkeys((*a.extensions, *b.extensions, *rec.extensions)))
    update["extensions"] = tuple(extensions)
    return a.model_copy(update=update)


def _merge_urls(
    field: str, a: tuple[Url, ...], b: tuple[Url, ...], rec: _Recorder
) -> tuple[Url, ...]:
    return _merge_items(
        field,
        (*a, *b),
        lambda u: url_key(u.value),
        lambda u: u.value,
        ("value", "label", "service"),
        rec,
    )


def merged_values(contact: Contact) -> dict[str, tuple[str, ...]]:
    """What merges recorded on ``contact``: field (or attribute) name -> values, in order.

    Keys are the part after ``X-NETCORE-MERGED-`` (``UID``, ``FN``, ``N``, ``BDAY``,
    ``NOTE``, ``LABEL``, ``NUMBER``, ...). Text is unescaped, except ``N`` which stays
    in vCard's structured form ``family;given;additional;prefixes;suffixes``.

    Examples:
        >>> from netcore.model import Contact
        >>> m = merge(Contact(uid="a", note="x"), Contact(uid="b", note="y; z"))
        >>> merged_values(m)
        {'UID': ('b',), 'NOTE': ('y; z',)}
    """
    out: dict[str, list[str]] = {}
    for ext in contact.extensions:
        if ext.name.upper().startswith(MERGED_PREFIX):
            field = ext.name[len(MERGED_PREFIX) :].upper()
            value = ext.value if field in {"N", "PHOTO"} else _unescape(ext.value)
            out.setdefault(field, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def merge_into(network: Network, a_uid: str, b_uid: str) -> Contact:
    """Merge contact ``b_uid`` into ``a_uid`` inside ``network`` and return the result.

    The merged contact (``merge(a, b)``) replaces both; interactions and ledger entries
    about ``b_uid`` now count for ``a_uid`` (``Network.merge_contacts``).

    Raises:
        NotFoundError: Either uid is not in the network.
        RecordConflictError: The two uids are the same.

    Examples:
        >>> from netcore.model import Contact, Network
        >>> net = Network()
        >>> net.add_contacts([Contact(uid="a", formatted_name="Ada"),
        ...                   Contact(uid="b", formatted_name="Ada L.")])
        >>> merge_into(net, "a", "b").formatted_name, sorted(net.contacts)
        ('Ada', ['a'])
    """
    merged = merge(network.contact(a_uid), network.contact(b_uid))
    network.merge_contacts(a_uid, b_uid, merged)
    return merged
