"""Who knows whom: relations between contacts, explicit or derived from the network.

A :class:`Relation` says that two contacts know each other, how (:class:`RelationKind`),
and how strongly (``weight``, 0 to 1). Explicit relations are what you said
(``Network.relate``) and are kept in the store; derived relations are computed from
what the network holds, every time they are asked for (:func:`derive_relations`):

* **related**: a vCard ``RELATED`` property (Apple's ``X-ABRELATEDNAMES``) naming
  another contact, by uid, ``mailto:`` address or exact name;
* **colleague**: the same organisation (name compared without case, accents and legal
  suffixes such as "Corp" or "Ltd"); organisations with more than
  :data:`COLLEAGUE_MAX` of your contacts give none (sharing a big employer says little);
* **met**: both attended the same small event occurrence (at most :data:`MET_MAX_GROUP`
  people, me included; when the count is unknown, as for an event without an attendee
  list, the contacts its interactions name plus me), each occurrence weighted by
  ``group_factor`` as the scores are, and combined as independent chances:
  ``1 - prod(1 - group_factor(n))``;
* **introduced**: a ledger introduction whose note names the other people
  ("Introduced me to Samuel Adeyemi", "Introduced him to Kwame", "Introduced me to
  Dr. Ana Ribeiro and Bo Chen"), or an
  ``INTRODUCTION`` interaction naming several contacts.

The module also holds the one search rule (:func:`search_terms`,
:func:`search_documents`, :func:`relevance`) that ``Network.search`` and the store's
FTS5 index share.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs
from pydantic import Field, field_validator, model_validator

from netcore.model._validate import non_empty_id
from netcore.model.contact import Contact
from netcore.model.event import participants
from netcore.model.interaction import Direction, InteractionKind, group_factor
from netcore.model.ledger import FavourDirection, FavourKind
from netcore.model.values import Record, phone_key

if TYPE_CHECKING:
    from netcore.model.network import Network

__all__ = [
    "CJK_SPAN",
    "COLLEAGUE_MAX",
    "FIELD_WEIGHTS",
    "MET_MAX_GROUP",
    "RELATION_WEIGHTS",
    "SEARCH_FIELDS",
    "Relation",
    "RelationKind",
    "SearchDocument",
    "derive_relations",
    "describe_relation",
    "fold",
    "fold_words",
    "folded_fields",
    "index_words",
    "is_organisation",
    "org_key",
    "rank_documents",
    "relevance",
    "search_documents",
    "search_fields",
    "search_terms",
    "search_words",
]


class RelationKind(enum.StrEnum):
    """How two contacts know each other."""

    RELATED = "related"
    """A vCard RELATED property (spouse, friend, colleague, ...)."""
    COLLEAGUE = "colleague"
    """The same organisation."""
    MET = "met"
    """Co-attendance at small events."""
    INTRODUCED = "introduced"
    """A ledger introduction ("A introduced me to B")."""
    EXPLICIT = "explicit"
    """You said so (``Network.relate``)."""


RELATION_WEIGHTS: Mapping[RelationKind, float] = {
    RelationKind.RELATED: 0.9,
    RelationKind.EXPLICIT: 0.8,
    RelationKind.INTRODUCED: 0.7,
    RelationKind.COLLEAGUE: 0.5,
    RelationKind.MET: 0.9,
}
"""The default weight of each kind (for ``MET``: the cap of the combined events).

A named relation (RELATED) is a close tie; an introduction shows one vouched for the
other; sharing an employer is a weaker, institutional tie (Granovetter 1973: weak ties
bridge, strong ties vouch). See docs/guides/intro.md.
"""

MET_MAX_GROUP = 12
"""The largest event occurrence (people, me included) that makes a ``met`` relation.

Dunbar's sympathy group (about 12-15 people) is the size within which everyone can
actually meet everyone; a conference hall is not.
"""

COLLEAGUE_MAX = 50
"""Organisations with more of your contacts than this give no ``colleague`` relations."""


class Relation(Record):
    """Two contacts who know each other.

    Attributes:
        a: One contact's uid (for ``related``: the one whose card names the other).
        b: The other contact's uid.
        kind: How they know each other.
        weight: How strong the tie is, in (0, 1].
        since: Since when, where known (e.g. the first year at a shared employer).
        until: Until when, where known (a past colleague).
        context: What it rests on: the organisation, the events, the RELATED type, the
            ledger note.
        note: Your own note (explicit relations).

    Examples:
        >>> r = Relation(a="ana", b="bo", kind=RelationKind.COLLEAGUE, weight=0.5,
        ...              context="Acme Corp", since=date(2019, 1, 1), until=date(2023, 6, 30))
        >>> r.pair
        ('ana', 'bo')
    """

    a: str
    b: str
    kind: RelationKind
    weight: float = Field(gt=0.0, le=1.0)
    since: date | None = None
    until: date | None = None
    context: str | None = None
    note: str | None = None

    @field_validator("a", "b")
    @classmethod
    def _check_uid(cls, value: str) -> str:
        return non_empty_id(value, "a contact uid")

    @model_validator(mode="after")
    def _check(self) -> Relation:
        if self.a == self.b:
            raise ValueError(f"a relation needs two different contacts (got {self.a!r} twice)")
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self

    @property
    def pair(self) -> tuple[str, str]:
        """The two uids in sorted order: the key relations between the same two share."""
        return (self.a, self.b) if self.a < self.b else (self.b, self.a)


# ---- text folding: the one rule for matching names, organisations and search terms -----

_TOKEN = re.compile(r"[^\W_]+")
_LEGAL = frozenset(
    (
        *("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"),
        *("llc", "llp", "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "srl", "spa", "oy"),
        *("ab", "as", "pty", "kk", "sarl", "sl", "sprl", "sdn", "bhd"),
    )
)
"""Legal suffixes, folded; a dotted spelling ("S.A.", "L.L.C.", "S.p.A.") folds to
single letters, which :func:`_strip_legal` joins before looking them up."""

_DOTTED_MAX = 4
"""A dotted legal suffix has at most this many letters ("L.L.C.", "S.p.A.")."""


_STROKES = str.maketrans(
    {
        **dict.fromkeys("łƚ", "l"),
        **dict.fromkeys("øǿ", "o"),
        **dict.fromkeys("đð", "d"),
        "ħ": "h",
        "ı": "i",  # noqa: RUF001 - dotless i (Turkish) folds to i
        "ŧ": "t",
        "ƀ": "b",
        "ɨ": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "\u0640": "",  # the Arabic tatweel (kashida) only stretches a word
    }
)
"""Letters with a stroke (or ligatures) that Unicode does not decompose: their base letters."""


def fold(text: str) -> str:
    """The one folding rule: case folded, every mark removed, stroked letters plain.

    Search (in memory and in the store's index), organisation names, names in
    introduction notes and ask/offer topics are all compared folded (NFKD, marks of
    every script removed, case folded, ``ł ø đ æ`` read as ``l o d ae``, the Arabic
    tatweel removed).

    Examples:
        >>> fold("Łukasz Søren Đorđe"), fold("Weiß"), fold("Ελένη"), fold("محـمد") == "محمد"
        ('lukasz soren dorde', 'weiss', 'ελενη', True)
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return bare.casefold().translate(_STROKES)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` (anything not a letter or digit separates words).

    Examples:
        >>> fold_words("Développement-Web!")
        ['developpement', 'web']
    """
    return _TOKEN.findall(fold(text))


_APOSTROPHES = "'\u2019\u02bc"
_SEARCH_WORD = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
_CJK = re.compile(
    "[\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\U00020000-\U0002ffff]"
)
"""Kana, Han ideographs and Hangul syllables: scripts that write names without spaces."""

CJK_SPAN = 16
"""A CJK word is indexed by each of its suffixes, cut to this many characters."""


def search_words(text: str) -> list[str]:
    """The words of a search query: :func:`fold_words`, an apostrophe kept inside a word.

    ``O'Brien`` is the one word ``obrien`` (people type it without the apostrophe), and
    a CJK word longer than :data:`CJK_SPAN` is cut to it (the index holds no longer
    suffix).

    Examples:
        >>> search_words("Conor O\u2019Brien"), search_words("d'Angelo!")
        (['conor', 'obrien'], ['dangelo'])
    """
    found = []
    for word in _SEARCH_WORD.findall(fold(text)):
        joined = "".join(ch for ch in word if ch not in _APOSTROPHES)
        found.append(joined[:CJK_SPAN] if _CJK.search(joined) else joined)
    return found


def index_words(text: str) -> list[str]:
    """The words a search index holds for ``text``, which every query word may match.

    :func:`fold_words` and, the one search folding beyond them: a word with an
    apostrophe also as one word (``O'Brien``: ``o``, ``brien`` and ``obrien``), and a
    word in a script written without spaces (Chinese, Japanese, Korean names, family
    name first) also by each of its suffixes, cut to :data:`CJK_SPAN` characters, so a
    query finds it by any part (``小龙`` finds ``李小龙``; a query word matches an index
    word it equals or begins). Idempotent as a set: the words of the joined words are
    the same words.

    Examples:
        >>> index_words("Conor O'Brien"), index_words("李小龙")
        (['conor', 'o', 'brien', 'obrien'], ['李小龙', '小龙', '龙'])
    """
    found: list[str] = []
    for word in _SEARCH_WORD.findall(fold(text)):
        words = _TOKEN.findall(word)
        if len(words) > 1:
            words.append("".join(words))
        for w in words:
            found.append(w)
            if _CJK.search(w):
                found += [w[i : i + CJK_SPAN] for i in range(1, len(w))]
    return found


_PLACEHOLDER_ORGS = frozenset(
    (
        *("self employed", "selfemployed", "self", "freelance", "freelancer", "freelancing"),
        *("independent", "independent consultant", "retired", "student", "unemployed"),
        *("none", "n a", "na", "tbd", "unknown", "various", "private", "home", "own business"),
        *("looking for work", "open to work", "between jobs", "contractor", "consultant"),
    )
)
"""Organisation values that name no employer ("Self-employed", "Retired", "N/A")."""


def _strip_legal(words: list[str], *, dotted: bool = True) -> list[str]:
    """``words`` without trailing legal suffixes ("Corp", "Pty Ltd", "S.A."), never emptied.

    With ``dotted``, a run of trailing one-letter words is a dotted suffix when the
    letters joined are one ("s a" is "SA", "l l c" is "LLC").
    """
    words = list(words)
    while len(words) > 1:
        if words[-1] in _LEGAL:
            words.pop()
            continue
        for n in range(2, min(_DOTTED_MAX, len(words) - 1) + 1 if dotted else 0):
            tail = words[-n:]
            if all(len(w) == 1 for w in tail) and "".join(tail) in _LEGAL:
                del words[-n:]
                break
        else:
            break
    return words


def org_key(name: str) -> str:
    """The key organisation names are compared under: folded words, legal suffixes dropped.

    A placeholder that names no employer ("Self-employed", "Retired", "N/A") has the
    empty key: it is no organisation (no colleagues, not counted in the report).

    Examples:
        >>> org_key("Acme Corp."), org_key("ACME"), org_key("Société Générale S.A.")
        ('acme', 'acme', 'societe generale')
        >>> org_key("Acme L.L.C."), org_key("Acme S.p.A."), org_key("Acme Pty Ltd")
        ('acme', 'acme', 'acme')
        >>> org_key("Self-employed"), org_key("N/A")
        ('', '')
    """
    key = " ".join(_strip_legal(fold_words(name)))
    return "" if key in _PLACEHOLDER_ORGS else key


def _short(c: Contact) -> str:
    """The name a reason uses: the given name, else the display name."""
    if c.name is not None and c.name.given.strip():
        return c.name.given.strip()
    return c.display_name


def describe_relation(
    relation: Relation, contacts: Mapping[str, Contact], *, first: str | None = None
) -> str:
    """The relation in plain words ("Ana and Bo worked at Acme 2019-2023").

    Examples:
        >>> people = {"ana": Contact(uid="ana", formatted_name="Ana"),
        ...           "bo": Contact(uid="bo", formatted_name="Bo")}
        >>> describe_relation(Relation(a="ana", b="bo", kind=RelationKind.COLLEAGUE,
        ...     weight=0.5, context="Acme", since=date(2019, 1, 1),
        ...     until=date(2023, 1, 1)), people)
        'Ana and Bo worked at Acme 2019-2023'

    ``first``: for a relation that reads both ways (all but ``related`` and
    ``introduced``), the uid to name first.
    """
    if first == relation.b and relation.kind not in (
        RelationKind.RELATED,
        RelationKind.INTRODUCED,
    ):
        relation = relation.model_copy(update={"a": relation.b, "b": relation.a})
    a = _short(contacts[relation.a]) if relation.a in contacts else relation.a
    b = _short(contacts[relation.b]) if relation.b in contacts else relation.b
    ctx = relation.context
    kind = relation.kind
    if kind is RelationKind.RELATED:
        text = f"{a} lists {b} as {ctx}" if ctx else f"{a} lists {b} as related"
    elif kind is RelationKind.COLLEAGUE:
        verb = "worked" if relation.until is not None else "work"
        text = f"{a} and {b} {verb} at {ctx or 'the same organisation'}"
        if relation.since is not None and relation.until is not None:
            text += f" {relation.since.year}-{relation.until.year}"
        elif relation.since is not None:
            text += f" since {relation.since.year}"
        elif relation.until is not None:
            text += f" until {relation.until.year}"
    elif kind is RelationKind.MET:
        text = f"{a} and {b} met at {ctx or 'a small event'}"
    elif kind is RelationKind.INTRODUCED:
        text = ctx or f"{a} and {b} were introduced"
    else:
        text = f"{a} knows {b}" + (f" from {ctx}" if ctx else "")
    if relation.note and kind is not RelationKind.RELATED:
        text += f": {relation.note}"
    return text


# ---- derivation ---------------------------------------------------------------------------


def _derived(
    *,
    a: str,
    b: str,
    kind: RelationKind,
    weight: float,
    context: str | None,
    since: date | None = None,
) -> Relation:
    """A derived relation, built without validation (valid by construction).

    Two different contact uids and a weight in (0, 1]; a large network derives many.
    """
    return Relation.model_construct(
        a=a, b=b, kind=kind, weight=weight, since=since, until=None, context=context, note=None
    )


def _merged_uids(net: Network) -> dict[str, str]:
    """Merged-away uid -> the contact that holds it (``X-NETCORE-MERGED-UID``, store aliases)."""
    out: dict[str, str] = {}
    for uid, c in net.contacts.items():
        for ext in c.extensions:
            if ext.name.upper() == "X-NETCORE-MERGED-UID":
                out.setdefault(ext.value.strip(), uid)
    return out


def _related_target(net: Network, value: str, merged: Mapping[str, str]) -> str | None:
    value = value.strip()
    if value in net.contacts:
        return value
    if value in merged:
        return merged[value]
    alias = net.ledger.resolve(value)
    if alias != value and alias in net.contacts:
        return alias
    if value.lower().startswith("mailto:"):
        found = net.find(email=value[7:])
        return found[0].uid if found else None
    if value.lower().startswith("urn:uuid:"):
        return None
    named = net.find(name=value)
    return named[0].uid if len(named) == 1 else None


_CLOSE = frozenset(
    (
        *("spouse", "child", "parent", "sibling", "kin", "sweetheart", "date", "crush"),
        *("friend", "partner", "husband", "wife", "mother", "father", "brother", "sister"),
        *("son", "daughter", "emergency", "muse", "assistant", "manager"),
        *("family", "relative"),
    )
)
_NEAR = frozenset(("colleague", "co worker", "coworker", "co resident", "neighbor", "agent"))
_LOOSE = frozenset(("acquaintance", "met", "contact"))


def _related_weight(types: str | None) -> float:
    """The weight a RELATED type gives: close family and friends vouch, acquaintances less.

    RFC 6350 types: ``spouse``, ``friend``, ``family``, ... weigh
    :data:`RELATION_WEIGHTS` ``RELATED`` (0.9); ``colleague``, ``neighbor``, ... 0.6;
    ``acquaintance``, ``met``, ``contact`` 0.4; no or another type 0.7.
    """
    words = {" ".join(fold_words(t)) for t in (types or "").split(",")}
    if words & _CLOSE:
        return RELATION_WEIGHTS[RelationKind.RELATED]
    if words & _NEAR:
        return 0.6
    if words & _LOOSE:
        return 0.4
    return 0.7


def _apple_label(c: Contact, group: str | None) -> str | None:
    """The ``X-ABLabel`` of an Apple item group (``_$!<Friend>!$_`` reads ``friend``)."""
    if group is None:
        return None
    for ext in c.extensions:
        if ext.group == group and ext.name.upper() == "X-ABLABEL":
            label = ext.value.strip()
            if label.startswith("_$!<") and label.endswith(">!$_"):
                label = label[4:-4].casefold()
            return label or None
    return None


def _named_relations(c: Contact) -> Iterable[tuple[str, str | None]]:
    """``(value, type)`` of every RELATED property and Apple related name on a card."""
    for rel in c.related:
        yield rel.value, rel.label or (", ".join(rel.types) if rel.types else None)
    for ext in c.extensions:
        if ext.name.upper() == "X-ABRELATEDNAMES":
            yield ext.value.replace("\\,", ",").replace("\\;", ";"), _apple_label(c, ext.group)


def _related(net: Network) -> Iterable[Relation]:
    merged: dict[str, str] | None = None
    for uid, c in net.contacts.items():
        for value, ctx in _named_relations(c):
            if merged is None:
                merged = _merged_uids(net)
            other = _related_target(net, value, merged)
            if other is None or other == uid:
                continue
            yield _derived(
                a=uid, b=other, kind=RelationKind.RELATED, weight=_related_weight(ctx), context=ctx
            )


def _colleagues(net: Network) -> Iterable[Relation]:
    groups: dict[str, tuple[str, list[str]]] = {}
    for uid, c in net.contacts.items():
        if is_organisation(c):
            continue  # a company card (switchboard) is nobody's colleague
        seen: set[str] = set()
        for org in c.organizations:
            key = org_key(org.name)
            if not key or key in seen:
                continue
            seen.add(key)
            groups.setdefault(key, (org.name.strip(), []))[1].append(uid)
    weight = RELATION_WEIGHTS[RelationKind.COLLEAGUE]
    for name, uids in groups.values():
        if len(uids) < 2 or len(uids) > COLLEAGUE_MAX:
            continue
        for i, a in enumerate(uids):
            for b in uids[i + 1 :]:
                yield _derived(a=a, b=b, kind=RelationKind.COLLEAGUE, weight=weight, context=name)


def _met(net: Network) -> Iterable[Relation]:
    # (event uid, start) -> (people, group size, title)
    occurrences: dict[tuple[str, float], tuple[set[str], int | None, str]] = {}
    for it in net.interactions:
        if it.event_uid is None or it.direction is Direction.OUTBOUND:
            continue
        key = (it.event_uid, it.at.timestamp())
        found = occurrences.get(key)
        if found is None:
            event = net.occurrence(it.event_uid, it.at)
            size = it.participants
            if size is None and event is not None:
                size = participants(event, is_me=net.is_me)
            title = (event.title if event is not None else None) or it.note or it.event_uid
            found = occurrences[key] = (set(), size, title)
        found[0].update(it.contact_uids)
    pairs: dict[tuple[str, str], tuple[float, dict[str, None], int]] = {}
    for people, size, title in occurrences.values():
        # An event without an attendee list counts 1 ("unknown"): then the contacts
        # named plus me (a dinner logged with three guests was four people).
        n = size if size is not None and size > 1 else len(people) + 1
        if len(people) < 2 or n > MET_MAX_GROUP or len(people) > MET_MAX_GROUP:
            continue
        g = group_factor(n)
        ordered = sorted(people)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                miss, titles, count = pairs.get((a, b), (1.0, {}, 0))
                titles[title] = None
                pairs[(a, b)] = (miss * (1.0 - g), titles, count + 1)
    cap = RELATION_WEIGHTS[RelationKind.MET]
    for (a, b), (miss, titles, count) in pairs.items():
        names = list(titles)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        times = "once" if count == 1 else "twice" if count == 2 else f"{count} times"
        yield _derived(
            a=a,
            b=b,
            kind=RelationKind.MET,
            weight=max(1e-6, min(cap, 1.0 - miss)),
            context=f"{shown} ({times})",
        )


def is_organisation(c: Contact) -> bool:
    """Whether ``c`` is a card for an organisation (vCard ``KIND:org``), not a person."""
    return (c.kind or "").strip().casefold() in ("org", "organization", "organisation")


_INTRO_NOTE = re.compile(r"introduced\s+(?:me|him|her|them|us)\s+to\s+(.+)$", re.IGNORECASE)
_NAME_WORDS = 4
"""An introduction note names someone in at most this many words after "to"."""

_TITLES = frozenset(
    (
        *("dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir"),
        *("dame", "madam", "monsieur", "madame", "herr", "frau", "sr", "sra", "dott"),
    )
)
"""Honorifics written before a name ("Dr. Ana Ribeiro"), folded: skipped."""

_NAME_LIST = re.compile(r",|;|&|\band\b", re.IGNORECASE)
"""What separates the people of one introduction ("Ana, Bo and Sam")."""


class _Names:
    """Folded full names and given names of the contacts: one index per derivation."""

    def __init__(self, net: Network) -> None:
        self.full: dict[str, set[str]] = {}
        self.given: dict[str, set[str]] = {}
        for uid, c in net.contacts.items():
            names = [c.display_name, c.formatted_name or ""]
            if c.name is not None:
                names.append(f"{c.name.given} {c.name.family}")
                given = " ".join(fold_words(c.name.given))
                if given:
                    self.given.setdefault(given, set()).add(uid)
            for name in names:
                key = " ".join(fold_words(name))
                if key:
                    self.full.setdefault(key, set()).add(uid)


def _named(net: Network, text: str, names: _Names) -> str | None:
    """The one contact an introduction note's rest names (the longest name that fits).

    ``text`` is what follows "introduced me to": an email or uid, else its first words
    as a full name (case and accents ignored, "the" and titles such as "Dr." skipped),
    else a unique given name.
    """
    text = text.strip().rstrip(".!;,")
    first = text.split(maxsplit=1)[0] if text else ""
    for ref in (text, first.rstrip(".!;,")):
        if ref in net.contacts:
            return ref
        if "@" in ref:
            hits = net.find(email=ref.removeprefix("mailto:"))
            return hits[0].uid if hits else None
    words = fold_words(text)
    while words and (words[0] == "the" or words[0] in _TITLES):
        words = words[1:]
    for n in range(min(_NAME_WORDS, len(words)), 0, -1):
        key = " ".join(words[:n])
        found = names.full.get(key, set()) | (names.given.get(key, set()) if n == 1 else set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None  # several people share that name
    return None


def _named_all(net: Network, text: str, names: _Names) -> list[str]:
    """Everyone an introduction note's rest names: "Ana Ribeiro, Bo Chen and Sam Li".

    The rest is split at commas, semicolons, "&" and "and"; each part must begin with a
    name (:func:`_named`), and the list ends at the first part that names nobody ("Ana
    and then Bo" stops at "then Bo").
    """
    found: list[str] = []
    for part in _NAME_LIST.split(text):
        if not part.strip():
            continue
        uid = _named(net, part, names)
        if uid is None:
            break
        if uid not in found:
            found.append(uid)
    return found


def _introduced(net: Network) -> Iterable[Relation]:
    weight = RELATION_WEIGHTS[RelationKind.INTRODUCED]
    names: _Names | None = None
    for entry in net.ledger.active():
        if entry.kind is not FavourKind.INTRODUCTION or not entry.note:
            continue
        match = _INTRO_NOTE.search(entry.note)
        if match is None:
            continue
        who = net.ledger.resolve(entry.contact_uid)
        if names is None:
            names = _Names(net)
        if who not in net.contacts:
            continue
        for other in _named_all(net, match.group(1), names):
            if other == who:
                continue
            a, b = _short(net.contacts[who]), _short(net.contacts[other])
            if entry.direction is FavourDirection.RECEIVED:
                ctx = f"{a} introduced you to {b} on {entry.on.isoformat()}"
            else:
                ctx = f"you introduced {a} to {b} on {entry.on.isoformat()}"
            yield _derived(
                a=who,
                b=other,
                kind=RelationKind.INTRODUCED,
                weight=weight,
                since=entry.on,
                context=ctx,
            )
    for it in net.interactions:
        uids = it.contact_uids
        if it.kind is not InteractionKind.INTRODUCTION or not 2 <= len(uids) <= MET_MAX_GROUP:
            continue
        for i, a in enumerate(uids):
            for b in uids[i + 1 :]:
                yield _derived(
                    a=a,
                    b=b,
                    kind=RelationKind.INTRODUCED,
                    weight=weight,
                    since=it.at.date(),
                    context=f"{_short(net.contacts[a])} and {_short(net.contacts[b])} were "
                    f"introduced on {it.at.date().isoformat()}",
                )


def derive_relations(net: Network) -> list[Relation]:
    """Every relation the network implies (explicit ones not included).

    Linear in contacts, interactions and ledger entries: organisations and events too
    large to say anything (:data:`COLLEAGUE_MAX`, :data:`MET_MAX_GROUP`) give no pairs.

    Examples:
        >>> from netcore.model import Network, Organization
        >>> net = Network()
        >>> net.add_contacts([Contact(uid=u, organizations=(Organization(name=o),))
        ...                   for u, o in (("ana", "Acme Corp"), ("bo", "ACME"))])
        >>> [(r.a, r.b, r.kind.value) for r in derive_relations(net)]
        [('ana', 'bo', 'colleague')]
    """
    out: list[Relation] = []
    out.extend(_related(net))
    out.extend(_colleagues(net))
    out.extend(_met(net))
    out.extend(_introduced(net))
    keys: dict[str, tuple[str, frozenset[str]]] = {}
    return [r for r in out if not _same_person(net, r.a, r.b, keys)]


def _same_person(net: Network, a: str, b: str, keys: dict[str, tuple[str, frozenset[str]]]) -> bool:
    """Two records of one person (a shared email, or the same name): never a relation."""
    ka, kb = _person_key(net, a, keys), _person_key(net, b, keys)
    return bool(ka[1] & kb[1]) or (bool(ka[0]) and ka[0] == kb[0])


def _person_key(
    net: Network, uid: str, keys: dict[str, tuple[str, frozenset[str]]]
) -> tuple[str, frozenset[str]]:
    found = keys.get(uid)
    if found is None:
        c = net.contacts[uid]
        found = keys[uid] = (
            " ".join(fold_words(c.display_name)),
            frozenset(e.normalized for e in c.emails),
        )
    return found


# ---- search ---------------------------------------------------------------------------------

_QUESTION = frozenset(
    (
        *("who", "whom", "knows", "know", "knew", "is", "was", "were", "are", "at"),
        *("works", "work", "worked", "working", "in", "from", "about", "for", "with"),
        *("do", "does", "did", "i", "we", "has", "have", "had", "been", "to", "the"),
        *("a", "an", "of", "on", "me", "my", "went", "there", "anyone", "someone"),
    )
)

FIELD_WEIGHTS: Mapping[str, float] = {
    "name": 5.0,
    "organization": 4.0,
    "title": 3.0,
    "categories": 3.0,
    "contact": 2.0,
    "events": 2.0,
    "notes": 1.0,
    "alternates": 1.0,
}
"""How much a term found in each field counts (a name match outranks a note match)."""

SEARCH_FIELDS: tuple[str, ...] = tuple(FIELD_WEIGHTS)
"""The searchable fields, in the order the store's FTS5 table holds them."""


@attrs.frozen(slots=True)
class SearchDocument:
    """What search reads about one contact: one text per field of :data:`SEARCH_FIELDS`.

    Attributes:
        uid: The contact.
        fields: Field name -> text.
    """

    uid: str
    fields: Mapping[str, str]


def search_terms(text: str) -> list[str]:
    """The terms of a query: folded words (the FTS5 tokenizer's), question words dropped.

    A query that starts with "who" ("who at Acme", "who do I know at Acme", "who has
    been to PyData") loses its question words; trailing legal suffixes are dropped as
    organisation names drop them (``org_key``: "ACME Inc" searches ``acme``). Words are
    folded by :func:`fold`; anything that is not a letter or digit separates words, so
    FTS syntax (quotes, ``NEAR``, ``*``, ``-``) is plain text.

    Words are read by :func:`search_words` (``O'Brien`` is ``obrien``). An international
    phone number ("+44 20 7946 0132") or a run of at least six digits ("442079460132")
    is one term: the digits of its key (``netcore.model.values.phone_key``, the rule
    lookup uses), which the index holds for each phone too. Other digits separated by
    spaces or dashes ("020 7946 0132", "2019-2023") stay words.

    Examples:
        >>> search_terms("who was at PyData?"), search_terms('"NEAR(a* -b)"'), search_terms("")
        (['pydata'], ['near', 'a', 'b'], [])
        >>> search_terms("who works for ACME Inc."), search_terms("+44 (20) 7946-0132")
        (['acme'], ['442079460132'])
    """
    if _PHONE_QUERY.match(text) and len(_NOT_DIGIT.sub("", text)) >= _PHONE_DIGITS:
        return [phone_key(text).lstrip("+")]
    words = search_words(text)
    if words and words[0] in ("who", "whom"):
        kept = [w for w in words if w not in _QUESTION]
        words = kept or words
    # Not the dotted suffixes: one-letter query words ("a b") are no "S.A." to drop.
    return list(dict.fromkeys(_strip_legal(words, dotted=False)))


_PHONE_QUERY = re.compile(r"\s*(?:\+[\d\s().\-/]+|\d+\s*)\Z")
_NOT_DIGIT = re.compile(r"\D")
_PHONE_DIGITS = 6
"""A query of digits and phone separators with at least this many digits is a phone."""

_AT_ORG_AFTER = frozenset(("who", "whom", "works", "work", "worked", "working", "is", "are"))
"""Words after which "at" or "for" names an employer ("who works at Acme"), not a place
("who was at PyData")."""


def search_fields(text: str) -> frozenset[str] | None:
    """The fields the terms of ``text`` must be found in, or ``None`` for any field.

    "Who at Acme", "who works at Acme", "who is at Acme", "who works for Acme" ask whom
    I know *at* an organisation: the terms must match the ``organization`` field (a
    note that mentions Acme is no answer). Any other query searches every field.

    Examples:
        >>> sorted(search_fields("Who at Acme?")), search_fields("who was at PyData")
        (['organization'], None)
    """
    words = search_words(text)
    if not words or words[0] not in ("who", "whom"):
        return None
    for before, word in pairwise(words):
        if word in ("at", "for") and before in _AT_ORG_AFTER:
            return _ORG_ONLY
    return None


_ORG_ONLY = frozenset(("organization",))


def folded_fields(doc: SearchDocument) -> SearchDocument:
    """``doc`` with each field replaced by its folded words, space-separated.

    What the store's FTS5 index holds: the folding happens here, in Python, so that
    the index and :func:`search_terms` agree in every script.
    """
    fields = {name: " ".join(index_words(text)) for name, text in doc.fields.items()}
    return SearchDocument(uid=doc.uid, fields=fields)


def search_documents(net: Network, uids: Iterable[str] | None = None) -> list[SearchDocument]:
    """The search document of each contact (all when ``uids`` is ``None``), in network order.

    Fields: names (formatted, structured, nicknames), organisations and units, titles and
    roles, categories, emails and phones, notes, the titles of the events they attended
    (event interactions that are not my unanswered invitation), and the alternate values
    merges kept. My own card (``Network.is_me``) is never searched.
    """
    wanted = None if uids is None else set(uids)
    events = _event_titles(net, wanted)
    return [
        _document(uid, c, events.get(uid, {}))
        for uid, c in net.contacts.items()
        if (wanted is None or uid in wanted) and not net.is_me(c)
    ]


_MERGED = "X-NETCORE-MERGED-"
"""Values a merge kept (``netcore.dedupe.merged_values``): searched as alternates."""


def _event_titles(net: Network, wanted: set[str] | None) -> dict[str, dict[str, None]]:
    """Contact uid -> titles of the events they attended (in order, once each)."""
    events: dict[str, dict[str, None]] = {}
    for it in net.interactions:
        if it.event_uid is None or it.direction is Direction.OUTBOUND:
            continue
        event = net.occurrence(it.event_uid, it.at)
        title = (event.title if event is not None else None) or it.note
        if not title:
            continue
        for uid in it.contact_uids:
            if wanted is None or uid in wanted:
                events.setdefault(uid, {})[title] = None
    return events


def _document(uid: str, c: Contact, events: Mapping[str, None]) -> SearchDocument:
    names = [c.formatted_name, *c.nicknames]
    if c.name is not None:
        names += [c.name.given, *c.name.additional, c.name.family]
    orgs = [x for o in c.organizations for x in (o.name, *o.units)]
    titles = [x for o in c.organizations for x in (o.title or "", o.role or "")]
    fields = {
        "name": " ".join(n for n in names if n),
        "organization": " ".join(o for o in orgs if o),
        "title": " ".join(t for t in titles if t),
        "categories": " ".join(c.categories),
        "contact": " ".join(
            [
                *(e.address for e in c.emails),
                *(x for p in c.phones for x in (p.number, phone_key(p.number, p.e164))),
            ]
        ),
        "events": " | ".join(events),
        "notes": c.note or "",
        "alternates": " ".join(
            e.value
            for e in c.extensions
            if e.name.upper().startswith(_MERGED) and e.name.upper() != _MERGED + "PHOTO"
        ),
    }
    return SearchDocument(uid=uid, fields=fields)


def relevance(doc: SearchDocument, terms: list[str], fields: frozenset[str] | None = None) -> float:
    """How well ``doc`` answers ``terms``; ``0.0`` unless every term matches a word.

    The one ranking rule (in memory and in the store): a term matches a word it equals
    or begins (the words :func:`index_words` reads); each term counts the weight of the
    best field it matches in (:data:`FIELD_WEIGHTS`), halved for a prefix-only match.
    With ``fields`` (:func:`search_fields`), only those fields are read.

    Examples:
        >>> d = SearchDocument(uid="ana", fields={"name": "Ana", "events": "Kubernetes day"})
        >>> relevance(d, ["kubernetes"]), relevance(d, ["kube"]), relevance(d, ["ana", "x"])
        (2.0, 1.0, 0.0)
    """
    if not terms:
        return 0.0
    words = {
        name: index_words(text)
        for name, text in doc.fields.items()
        if text and (fields is None or name in fields)
    }
    total = 0.0
    for term in terms:
        best = 0.0
        for name, tokens in words.items():
            weight = FIELD_WEIGHTS.get(name, 1.0)
            if weight <= best:
                continue
            if term in tokens:
                best = weight
            elif weight / 2 > best and any(t.startswith(term) for t in tokens):
                best = weight / 2
        if best == 0.0:
            return 0.0
        total += best
    return total


def rank_documents(
    docs: Iterable[SearchDocument],
    terms: list[str],
    contacts: Mapping[str, Contact],
    strengths: Mapping[str, float] | None = None,
    fields: frozenset[str] | None = None,
) -> list[tuple[str, float]]:
    """``(uid, score)`` of the matching documents, best first.

    Score = relevance x (1 + tie strength), the strength (0..1, e.g. from
    ``netcore.scoring.tie_strengths``) at most doubling it; ties by name, then uid.
    ``fields``: as in :func:`relevance`.
    """
    scored = []
    for doc in docs:
        rel = relevance(doc, terms, fields)
        if rel <= 0.0:
            continue
        tie = strengths.get(doc.uid, 0.0) if strengths is not None else 0.0
        scored.append((doc.uid, rel * (1.0 + tie)))
    scored.sort(key=lambda p: (-p[1], contacts[p[0]].display_name.casefold(), p[0]))
    return scored
