"""Duplicate contacts: find candidate pairs with reasons, and merge two contacts losslessly.

People import the same contacts again and again, from a phone, Google, Outlook and
LinkedIn; :func:`find_duplicates` proposes the pairs that are probably one person, each
with a score and the reasons a person can check, and :func:`merge` combines two contacts
without losing a value. :func:`merge_into` does both halves of a merge inside a
:class:`~netcore.model.Network` (interactions and ledger entries move to the kept uid).

**Finding pairs.** Comparing every pair is quadratic (5 billion pairs for 100,000
contacts), so contacts are first put into *blocks* that share a key, and only pairs
within a block are scored:

* ``e:`` a normalised email address (``Email.normalized``);
* ``p:`` a phone's E.164 form, else its digits (at least 7);
* ``s:`` a social-profile URL without scheme, ``www.`` and trailing ``/``;
* ``n:`` the family name and the formal given name, diacritics folded (``unicodedata``
  NFKD) and nicknames resolved (``Bob`` and ``Robert`` share a key), in either order;
* ``i:`` the family name and the given name's initial: catches ``J. Smith`` and
  ``John Smith``, and typos like ``Jon``/``John``. In a large ``i:`` block only pairs in
  which one side is an initial are scored.

A block larger than ``max_block`` (a shared office switchboard, a ``info@`` mailbox, the
thousandth John Smith) is not expanded into all its pairs: each member is compared with
the next one only, which keeps the work linear while still linking the block.

**Scoring** (0..1) combines identifiers and names. Shared identifiers weigh
``email 0.9``, ``social profile 0.9``, ``phone 0.8``, combined as ``1 - prod(1 - w)``.
Name similarity ``s`` is the larger of a structured comparison (half the Jaro-Winkler
similarity of the family names, half that of the formal given names, an initial
counting 0.9 against a name it starts) and rapidfuzz's ``token_sort_ratio`` of the full
folded names (which forgives swapped given and family names). Then::

    with a shared identifier:  score = id * (0.5 + 0.5 * s) + (1 - id) * s
                               (score = id when either side has no name)
    names only:                score = 0.8 * s
    same organization:         + 0.1      same full birthday: + 0.05
    different full birthdays:  * 0.6      (capped to 0..1)

Pairs scoring at least ``threshold`` (default 0.75) are returned: the same full name
alone (0.8) is a candidate; ``Jon Smith``/``John Smith`` (0.77) too; ``John``/``James
Smith`` (0.66) is not, unless they also share a company or an identifier.

**Why rapidfuzz** rather than jellyfish (or our own edit distances): it is actively
maintained, implemented in C++ (tens of times faster than pure-Python code on the
pairs a block produces), has token-based ratios (``token_sort_ratio``) and
Jaro-Winkler in one library, ships type hints, and is MIT-licensed. jellyfish has
Jaro-Winkler and phonetic codes but no token ratios.

**Merging** keeps everything; see :func:`merge` for the rules and
:func:`merged_values` to read back what a merge recorded.

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

import base64
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from netcore._nicknames import canonical_given
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

__all__ = [
    "DEFAULT_THRESHOLD",
    "MERGED_PREFIX",
    "Match",
    "find_duplicates",
    "merge",
    "merge_into",
    "merged_values",
]

DEFAULT_THRESHOLD = 0.75
"""The score from which :func:`find_duplicates` reports a pair."""

MERGED_PREFIX = "X-NETCORE-MERGED-"
"""Prefix of the extensions in which :func:`merge` records values it could not keep in place."""

_SMALL_INITIAL_BLOCK = 30
_MIN_PHONE_DIGITS = 7
_W_EMAIL, _W_SOCIAL, _W_PHONE = 0.9, 0.9, 0.8


@attrs.frozen(slots=True)
class Match:
    """Two contacts that are probably the same person.

    Attributes:
        a: The contact met first in the input.
        b: The other one.
        score: How sure, from 0 to 1 (see the module docstring for the formula).
        reasons: Why, in words a person can check ("same email a.b@x.com").

    Examples:
        >>> from netcore.model import Contact
        >>> m = Match(Contact(uid="1"), Contact(uid="2"), 0.9, ("same phone +441234567",))
        >>> m.score
        0.9
    """

    a: Contact
    b: Contact
    score: float
    reasons: tuple[str, ...]


# ---- folding and features ---------------------------------------------------------------

_EXTRA_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "\u0131": "i"}
)
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\D")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba"})


def _fold(text: str) -> str:
    """Case-folded words of any script: accents removed, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.translate(_EXTRA_FOLD)).strip()


def _url_key(value: str) -> str:
    key = value.strip().casefold()
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", key)
    key = key.removeprefix("www.")
    return key.rstrip("/")


def _phone_key(phone: Phone) -> str:
    return phone.e164 if phone.e164 is not None else _DIGITS.sub("", phone.number)


@attrs.frozen(slots=True)
class _Features:
    emails: frozenset[str]
    phones: frozenset[str]
    socials: frozenset[str]
    given: str  # folded first given name ("" when unknown)
    canon: str  # its formal form (nicknames resolved)
    family: str  # folded family name, spaces removed
    full: str  # canon + family, for token ratios ("" when no name)
    orgs: frozenset[str]
    birthday: date | None


def _name_parts(c: Contact) -> tuple[str, str]:
    """(given, family) folded; either may be empty."""
    if c.name is not None and (c.name.given.strip() or c.name.family.strip()):
        given_words = _fold(c.name.given).split()
        return (given_words[0] if given_words else "", _fold(c.name.family).replace(" ", ""))
    fn = c.formatted_name
    if "," in fn:
        family, _, given = fn.partition(",")
        given_words = [w for w in _fold(given).split() if w not in _NAME_SUFFIXES]
        return (given_words[0] if given_words else "", _fold(family).replace(" ", ""))
    words = [w for w in _fold(fn).split() if w not in _HONORIFICS and w not in _NAME_SUFFIXES]
    if len(words) >= 2:
        return words[0], words[-1]
    return "", words[0] if words else ""


def _features(c: Contact) -> _Features:
    given, family = _name_parts(c)
    canon = canonical_given(given) if given else ""
    phones = frozenset(k for k in map(_phone_key, c.phones) if len(k) >= _MIN_PHONE_DIGITS)
    birthday = c.birthday if isinstance(c.birthday, date) else None
    return _Features(
        emails=frozenset(e.normalized for e in c.emails),
        phones=phones,
        socials=frozenset(k for k in (_url_key(u.value) for u in c.social_profiles) if k),
        given=given,
        canon=canon,
        family=family,
        full=f"{canon} {family}".strip() if given and family else "",
        orgs=frozenset(k for k in (_fold(o.name) for o in c.organizations) if k),
        birthday=birthday,
    )


# ---- blocking ---------------------------------------------------------------------------


def _block_keys(f: _Features) -> list[str]:
    keys = [f"e:{e}" for e in f.emails]
    keys += [f"p:{p}" for p in f.phones]
    keys += [f"s:{s}" for s in f.socials]
    if f.given and f.family:
        if len(f.given) > 1:
            keys.append("n:" + "|".join(sorted((f.family, f.canon))))
        keys.append(f"i:{f.family}|{f.given[0]}")
        if f.canon[0] != f.given[0]:
            keys.append(f"i:{f.family}|{f.canon[0]}")
    return keys


def _candidate_pairs(feats: Sequence[_Features], max_block: int) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = {}
    for index, f in enumerate(feats):
        for key in _block_keys(f):
            blocks.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        n = len(members)
        if n < 2:
            continue
        if key.startswith("i:") and n > _SMALL_INITIAL_BLOCK:
            initials = [m for m in members if len(feats[m].given) == 1]
            for i in initials[:max_block]:
                for j in members:
                    if i != j:
                        pairs.add((min(i, j), max(i, j)))
        elif n > max_block:
            pairs.update(itertools.pairwise(members))
        else:
            for x in range(n):
                for y in range(x + 1, n):
                    pairs.add((members[x], members[y]))
    return pairs


# ---- scoring ----------------------------------------------------------------------------


def _name_similarity(fa: _Features, fb: _Features, reasons: list[str]) -> float | None:
    if not fa.full or not fb.full:
        return None
    family = JaroWinkler.similarity(fa.family, fb.family)
    if fa.canon == fb.canon:
        given = 1.0
        if fa.given != fb.given:
            if fa.canon in (fa.given, fb.given):
                short = fb.given if fa.given == fa.canon else fa.given
                reasons.append(f"{short!r} is a nickname of {fa.canon!r}")
            else:
                reasons.append(f"{fa.given!r} and {fb.given!r} are both short for {fa.canon!r}")
    elif min(len(fa.given), len(fb.given)) == 1 and fa.given[0] == fb.given[0]:
        given = 0.9
        initial, whole = sorted((fa.given, fb.given), key=len)
        reasons.append(f"{initial.upper()!r} is an initial of {whole!r}")
    else:
        given = max(
            JaroWinkler.similarity(fa.given, fb.given), JaroWinkler.similarity(fa.canon, fb.canon)
        )
    structured = 0.5 * family + 0.5 * given
    swapped = fuzz.token_sort_ratio(fa.full, fb.full) / 100.0
    return max(structured, swapped)


def _score(fa: _Features, fb: _Features) -> tuple[float, list[str]]:
    reasons: list[str] = []
    weights: list[float] = []
    for kind, shared, weight in (
        ("email", fa.emails & fb.emails, _W_EMAIL),
        ("phone", fa.phones & fb.phones, _W_PHONE),
        ("profile", fa.socials & fb.socials, _W_SOCIAL),
    ):
        if shared:
            weights.append(weight)
            reasons.extend(f"same {kind} {value}" for value in sorted(shared))
    name_notes: list[str] = []
    s = _name_similarity(fa, fb, name_notes)
    identity = 0.0
    if weights:
        miss = 1.0
        for w in weights:
            miss *= 1.0 - w
        identity = 1.0 - miss
    if identity:
        score = identity if s is None else identity * (0.5 + 0.5 * s) + (1.0 - identity) * s
    else:
        score = 0.8 * s if s is not None else 0.0
    same_org = sorted(fa.orgs & fb.orgs)
    if s is not None:
        text = f"names {s:.2f} similar"
        if same_org:
            text += ", same company"
        reasons.append(text)
        reasons.extend(name_notes)
    elif same_org:
        reasons.append("same company")
    if same_org:
        score += 0.1
    if fa.birthday is not None and fb.birthday is not None:
        if fa.birthday == fb.birthday:
            score += 0.05
            reasons.append(f"same birthday {fa.birthday.isoformat()}")
        else:
            score *= 0.6
            reasons.append(
                f"different birthdays {fa.birthday.isoformat()} and {fb.birthday.isoformat()}"
            )
    return min(1.0, max(0.0, score)), reasons


def find_duplicates(
    contacts: Iterable[Contact],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 200,
) -> list[Match]:
    """Pairs of contacts that are probably the same person, most likely first.

    Candidate pairs come from blocks sharing an email, a phone, a social profile or a
    name key (see the module docstring); the work grows with the number of contacts and
    the size of the blocks, never with all pairs.

    Args:
        contacts: The contacts to search, e.g. ``network.contacts.values()``.
        threshold: The lowest score reported, 0..1.
        max_block: Blocks with more members are linked member to next member instead of
            all pairs.

    Returns:
        One :class:`Match` per pair scoring at least ``threshold``: highest score first,
        ties in input order; ``a`` is the contact that came first in ``contacts``.

    Raises:
        ValueError: ``threshold`` is outside 0..1 or ``max_block`` is below 2.

    Examples:
        >>> from netcore.model import Contact, Name, Organization
        >>> a = Contact(uid="1", name=Name(given="Liz", family="Müller"),
        ...             organizations=(Organization(name="ACME"),))
        >>> b = Contact(uid="2", formatted_name="Elizabeth Muller",
        ...             organizations=(Organization(name="Acme"),))
        >>> [(m.a.uid, m.b.uid, round(m.score, 2)) for m in find_duplicates([a, b])]
        [('1', '2', 0.9)]
        >>> find_duplicates([a, b])[0].reasons
        ('names 1.00 similar, same company', "'liz' is a nickname of 'elizabeth'")
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within 0..1, got {threshold!r}")
    if max_block < 2:
        raise ValueError(f"max_block must be at least 2, got {max_block!r}")
    items = list(contacts)
    feats = [_features(c) for c in items]
    matches: list[tuple[float, int, int, tuple[str, ...]]] = []
    for i, j in _candidate_pairs(feats, max_block):
        if items[i].uid == items[j].uid and items[i] == items[j]:
            continue
        score, reasons = _score(feats[i], feats[j])
        if score >= threshold:
            matches.append((score, i, j, tuple(reasons)))
    matches.sort(key=lambda m: (-m[0], m[1], m[2]))
    return [Match(items[i], items[j], score, reasons) for score, i, j, reasons in matches]


# ---- merging ----------------------------------------------------------------------------

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
            update["e164"] = item.e164
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
            lambda e: e.normalized,
            lambda e: e.address,
            ("address", "label"),
            rec,
        ),
        "phones": _merge_items(
            "TEL",
            (*a.phones, *b.phones),
            _phone_key,
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
        lambda u: _url_key(u.value),
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
