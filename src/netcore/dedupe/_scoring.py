"""The score of one candidate pair, 0..1, with the reasons a person can check.

**Evidence first.** A *strong* identifier both contacts hold decides the match whatever
the names say: an email address, a profile URL, or a phone number (a phone only while
the names do not contradict it, similarity at least ``0.6``: a switchboard or a family
landline is shared by different people). A phone two records of the same family name
share while their given names are not one name (not a nickname or an initial of each
other, Jaro-Winkler below ``0.9``: *Hans* and *Hanna Schmidt*) is a family's line: it
adds nothing, it only cancels the "nothing in common" penalty. An identifier is *not*
strong when it is a role mailbox (``info@``, ``sales@``..., also ``info.de@``, ``sales-
emea@``): it then only adds ``+0.05`` to a names-based score. One held by more than
``SHARED_LIMIT`` contacts (a team list, a switchboard) adds nothing at all: it is only
named in the reasons. With strong identifiers::

    evidence = 1 - prod(1 - w)       w: email 0.95, profile 0.95, phone 0.9
    score    = evidence * (0.8 + 0.2 * s)     (s = name similarity, 0.5 when unknown)

so one shared email scores at least 0.76, above the default threshold 0.75, and 0.855
when a name is unknown; when the names disagree (``s`` below 0.6: an assistant writing
from the boss's mailbox) a reason says so and the score stays below 0.88, under
``--apply``'s default 0.9. A GitHub URL is strong only while the names do not
contradict it, as a phone (an organisation's account is listed by all its people).

**Names only.** ``score = 0.8 * s``; the same organisation adds ``0.1`` (``0.05`` when
``s`` is below 0.93: colleagues with similar names are not one person); evidence of
two people subtracts: different organisations (both have some, none shared) ``0.1``,
different emails ``0.06`` (``0.16`` at the same domain: one organisation gives each
person one mailbox), different phones ``0.06``, different profile URLs ``0.1``.
When both records carry contact details (an email, phone, profile or organisation)
but share none of them, ``0.06`` is subtracted at least ("nothing in common but the
name"). So the same full name alone is a candidate (0.8) when one record is bare, and
not (0.74) when two full records have nothing else in common, nor at different
companies with different emails (0.64). A shared organisation or a weak shared
identifier cancels only that last penalty.

**Always**: the same full birthday adds ``0.05``; two full birthdays that differ as a
typo would (day and month swapped, or only one of year, month and day different)
multiply the score by ``BIRTHDAY_TYPO`` (0.9), any other two different full birthdays by
``0.6``. The result is capped to 0..1.

**Generations**: ``Jr``/``Sr``/``II``/``III``/``IV`` on both names and different make
``s`` 0; on one name only, ``s`` is multiplied by ``GENERATION_ONE_SIDE`` (0.9).

**Name similarity** ``s`` is the best over the fold variants of both names, in either
order (given and family swapped), of ``f * (0.5 + 0.5 * g)``: ``f`` the Jaro-Winkler
similarity of the family names (names under 4 letters must be equal: ``Li`` is not a
typo of ``Liu``), ``g`` that of the formal given names (nicknames resolved; an initial
counts 0.9 against a name it starts; a name that extends the other by two letters or
more, ``Qiang``/``Qiangjun``, is compared by indel ratio, without Jaro-Winkler's prefix
bonus). When the family names are equal and under 4 letters (``Li``, ``Wang``), ``s`` is
the given-name similarity alone, by indel ratio (``Xiumei``/``Xiumin Li`` 0.83). A
different family name costs more than a different given name: ``John``/``James Smith``
0.74, ``John Smith``/``John Miller`` 0.58, ``John Smith``/``John Smithers`` 0.93 (the
family names share a prefix: what Jaro-Winkler forgives as a typo).
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from netcore.dedupe._blocking import Features
from netcore.dedupe._keys import NameKey

SHARED_LIMIT = 5
"""An identifier held by more contacts than this is shared (a switchboard), not strong."""

BIRTHDAY_TYPO = 0.9
"""Score factor for birthdays that differ as a typo would (day/month swapped, one field)."""

GENERATION_ONE_SIDE = 0.9
"""Name similarity factor when only one name carries a generational suffix (Jr, III)."""

_W_EMAIL, _W_PROFILE, _W_PHONE = 0.95, 0.95, 0.9
_SHORT_FAMILY = 4
_LONGER_NAME = 2
_SIMILAR_FOR_COMPANY = 0.93
_PHONE_NAMES_AGREE = 0.6
_HOUSEHOLD_GIVEN = 0.9
_ROLE_WORD = re.compile(r"[._+]|-(?!reply)")
_ROLE_MAILBOXES = frozenset(
    [
        "info",
        "sales",
        "contact",
        "office",
        "admin",
        "support",
        "hello",
        "team",
        "hr",
        "jobs",
        "careers",
        "enquiries",
        "inquiries",
        "noreply",
        "no-reply",
        "mail",
        "billing",
        "accounts",
        "marketing",
        "press",
        "reception",
    ]
)


def _family_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) < _SHORT_FAMILY:
        return 0.0  # Li and Liu, Wu and Wei: too short for a typo to be told from another name
    return JaroWinkler.similarity(a, b)


def _given_similarity(ka: NameKey, kb: NameKey, notes: list[str]) -> float:
    if ka.canon == kb.canon:
        if ka.given != kb.given:
            if ka.canon in (ka.given, kb.given):
                short = kb.given if ka.given == ka.canon else ka.given
                notes.append(f"{short!r} is a nickname of {ka.canon!r}")
            else:
                notes.append(f"{ka.given!r} and {kb.given!r} are both short for {ka.canon!r}")
        return 1.0
    if min(len(ka.given), len(kb.given)) == 1 and ka.given[0] == kb.given[0]:
        initial, whole = sorted((ka.given, kb.given), key=len)
        notes.append(f"{initial.upper()!r} is an initial of {whole!r}")
        return 0.9
    return max(_given_pair(ka.given, kb.given), _given_pair(ka.canon, kb.canon))


def _given_pair(a: str, b: str) -> float:
    """Jaro-Winkler; but a name that only extends the other is another name, not a typo."""
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) >= _LONGER_NAME and long.startswith(short):
        return fuzz.ratio(short, long) / 100.0  # Qiang and Qiangjun, Hua and Huali
    return JaroWinkler.similarity(a, b)


def _name_pair(ka: NameKey, kb: NameKey, notes: list[str]) -> float:
    """Family similarity times (0.5 + 0.5 given similarity), in either order.

    When the family names are equal and short (``Li``, ``Wang``: shared by millions),
    the given names decide alone, compared without Jaro-Winkler's prefix bonus.
    """
    straight = _family_similarity(ka.family, kb.family)
    if straight and len(ka.family) < _SHORT_FAMILY:
        given = _given_similarity(ka, kb, notes)
        if given < 1.0 and ka.given[1:] and kb.given[1:]:
            given = fuzz.ratio(ka.given, kb.given) / 100.0
        straight = given
    elif straight:
        straight *= 0.5 + 0.5 * _given_similarity(ka, kb, notes)
    crossed = _family_similarity(ka.family, kb.canon) * (
        0.5 + 0.5 * _family_similarity(ka.canon, kb.family)
    )
    return max(straight, crossed)


def name_similarity(fa: Features, fb: Features) -> tuple[float | None, list[str]]:
    """The best similarity over the name variants, and notes explaining it."""
    best: float | None = None
    best_notes: list[str] = []
    for ka in fa.names:
        for kb in fb.names:
            if not ka.full or not kb.full:
                continue
            notes: list[str] = []
            s = _name_pair(ka, kb, notes)
            if best is None or s > best:
                best, best_notes = s, notes
                best_notes.append(f"compared as {ka.full!r} and {kb.full!r}")
    if best_notes and fa.ascii_name and fb.ascii_name and len(fa.names) == len(fb.names) == 1:
        best_notes.pop()  # plain ASCII names: the folded form says nothing new
    if best is not None:
        best = _generations(fa, fb, best, best_notes)
    return best, best_notes


def _generations(fa: Features, fb: Features, s: float, notes: list[str]) -> float:
    """Father and son: two different generational suffixes make ``s`` 0.

    One suffix on one side only multiplies ``s`` by ``GENERATION_ONE_SIDE``
    (``John Smith`` / ``John Smith Jr``).
    """
    ga, gb = fa.names[0].generation, fb.names[0].generation
    if ga == gb:
        return s
    if ga and gb:
        notes.insert(0, f"{ga.title()} and {gb.title()}: two generations")
        return 0.0
    notes.insert(0, f"{(ga or gb).title()} on one side only (father and son?)")
    return s * GENERATION_ONE_SIDE


def _is_role(email: str) -> bool:
    """A role mailbox: its local part, or the first word of it, is a role.

    ``info@``, ``info.de@``, ``sales-emea@``, ``office_berlin@``, ``support+eu@``.
    """
    local = email.partition("@")[0]
    return _ROLE_WORD.split(local, 1)[0] in _ROLE_MAILBOXES


def _evidence(
    fa: Features, fb: Features, s: float | None, sizes: dict[str, int], reasons: list[str]
) -> tuple[list[float], int, bool]:
    """Weights of the strong identifiers shared, the count of weak ones, and a family's line.

    A phone shared by two people of one family adds nothing but cancels the "nothing in
    common" penalty.
    """
    strong: list[float] = []
    weak = 0
    household = False
    for kind, prefix, shared, weight in (
        ("email", "e:", fa.emails & fb.emails, _W_EMAIL),
        ("profile", "s:", fa.profiles & fb.profiles, _W_PROFILE),
        ("phone", "p:", fa.phones & fb.phones, _W_PHONE),
    ):
        for value in sorted(shared):
            holders = sizes.get(prefix + value, 2)
            if holders > SHARED_LIMIT:  # a team list or switchboard says nothing of who
                reasons.append(f"same {kind} {value}, but {holders} contacts share it")
            elif kind == "email" and _is_role(value):
                reasons.append(f"same {kind} {value}, but a role mailbox")
                weak += 1
            elif kind == "phone" and s is not None and s < _PHONE_NAMES_AGREE:
                reasons.append(f"same {kind} {value}, but different names")
                weak += 1
            elif kind == "phone" and _household(fa, fb):
                reasons.append(f"same {kind} {value}, but other given names (a family's line?)")
                household = True
            elif _is_shared_page(kind, value) and s is not None and s < _PHONE_NAMES_AGREE:
                reasons.append(f"same {kind} {value}, but different names (a team's page?)")
                weak += 1
            else:
                reasons.append(f"same {kind} {value}")
                strong.append(weight)
    if not fa.emails & fb.emails:
        for box in sorted(fa.mailboxes & fb.mailboxes):
            reasons.append(f"same mailbox {box} (another +sub-address)")
            weak += 1
    return strong, weak, household


def _household(fa: Features, fb: Features) -> bool:
    """The same family name, given names that are not one name: two people of one home.

    Given names are one name when their formal forms are equal, one is an initial of
    the other, or their Jaro-Winkler similarity is at least ``0.9`` (a typo).
    """
    same_family = False
    for ka in fa.names:
        for kb in fb.names:
            if not ka.given or not kb.given or ka.family != kb.family:
                continue
            same_family = True
            if (
                ka.canon == kb.canon
                or (min(len(ka.given), len(kb.given)) == 1 and ka.given[0] == kb.given[0])
                or JaroWinkler.similarity(ka.given, kb.given) >= _HOUSEHOLD_GIVEN
                or JaroWinkler.similarity(ka.canon, kb.canon) >= _HOUSEHOLD_GIVEN
            ):
                return False
    return same_family


def _is_shared_page(kind: str, value: str) -> bool:
    """A URL a person's colleagues may list too: a GitHub account may be an organisation."""
    return kind == "profile" and value.startswith("github.com/")


def _details(f: Features) -> bool:
    return bool(f.emails or f.phones or f.profiles or f.orgs)


def _against(fa: Features, fb: Features, reasons: list[str], *, corroborated: bool) -> float:
    """What speaks for two people in a names-only match (a penalty)."""
    penalty = 0.0
    if fa.orgs and fb.orgs and not fa.orgs & fb.orgs:
        penalty += 0.1
        reasons.append("different companies")
    if fa.emails and fb.emails and not fa.mailboxes & fb.mailboxes:
        domains = {e.rpartition("@")[2] for e in fa.emails} & {
            e.rpartition("@")[2] for e in fb.emails
        }
        if domains:
            penalty += 0.16
            reasons.append(f"different emails at {min(domains)}")
        else:
            penalty += 0.06
            reasons.append("different emails")
    if fa.phones and fb.phones and not fa.phones & fb.phones:
        penalty += 0.06
        reasons.append("different phones")
    if fa.profiles and fb.profiles and not fa.profiles & fb.profiles:
        penalty += 0.1
        reasons.append("different profiles")
    if not penalty and not corroborated and _details(fa) and _details(fb):
        penalty = 0.06
        reasons.append("nothing in common but the name")
    return penalty


def score(fa: Features, fb: Features, sizes: dict[str, int]) -> tuple[float, list[str]]:
    """The score of a pair and its reasons (see the module docstring).

    Args:
        fa: One contact's features.
        fb: The other's.
        sizes: How many contacts hold each shared identifier key (``e:``, ``p:``, ``s:``).
    """
    s, name_notes = name_similarity(fa, fb)
    reasons: list[str] = []
    strong, weak, household = _evidence(fa, fb, s, sizes, reasons)
    same_org = bool(fa.orgs & fb.orgs)
    if s is not None:
        reasons.append(f"names {s:.2f} similar" + (", same company" if same_org else ""))
        reasons.extend(name_notes)
    elif same_org:
        reasons.append("same company")
    if strong:
        miss = 1.0
        for w in strong:
            miss *= 1.0 - w
        total = (1.0 - miss) * (0.8 + 0.2 * (0.5 if s is None else s))
        if s is not None and s < _PHONE_NAMES_AGREE:
            reasons.append("different names: check they are one person")
    else:
        total = 0.8 * s if s is not None else 0.0
        total += 0.05 * min(weak, 1)
        if same_org:
            total += 0.1 if s is not None and s >= _SIMILAR_FOR_COMPANY else 0.05
        total -= _against(fa, fb, reasons, corroborated=same_org or bool(weak) or household)
    if fa.birthday is not None and fb.birthday is not None:
        total = _birthdays(fa.birthday, fb.birthday, total, reasons)
    return min(1.0, max(0.0, total)), reasons


def _birthdays(a: date, b: date, total: float, reasons: list[str]) -> float:
    """The same birthday adds 0.05; a typo-like difference costs 10 %, another 40 %.

    *Typo-like*: day and month swapped (an export's date order), or only one of year,
    month and day differs.
    """
    if a == b:
        reasons.append(f"same birthday {a.isoformat()}")
        return total + 0.05
    swapped = a.year == b.year and (a.day, a.month) == (b.month, b.day)
    differ = (a.year != b.year) + (a.month != b.month) + (a.day != b.day)
    if swapped or differ == 1:
        reasons.append(f"birthdays {a.isoformat()} and {b.isoformat()} differ (a typo?)")
        return total * BIRTHDAY_TYPO
    reasons.append(f"different birthdays {a.isoformat()} and {b.isoformat()}")
    return total * 0.6
