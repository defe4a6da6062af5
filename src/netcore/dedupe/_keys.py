"""The one normalisation every part of dedupe uses: identifier keys and folded names.

Every key is computed from NFC text, so an address typed in NFC and one pasted in NFD
(``é`` as one code point or as ``e`` plus a combining accent) give the same key.

* **Email**: stripped, NFC, case-folded (``Email.normalized``).
* **Phone**: the E.164 form, else the digits.
* **URL** (for merging): case-folded, without scheme, ``www.`` and trailing ``/``.
* **Profile** (for matching): the URL key also without query, fragment and a
  ``linkedin.com`` country or mobile subdomain (``uk.linkedin.com/in/ada`` =
  ``linkedin.com/in/ada``).
* **Names** are never changed in a record; only their *keys* are folded: lower-cased
  (``str.lower``, which leaves ``ß`` alone), transliterated to Latin with ``anyascii``
  (``Ольга`` -> ``olga``, ``王芳`` -> ``wang fang``: a Chinese or Korean syllable becomes
  its own word), dots, apostrophes and hyphens dropped, other punctuation a space.
  A name written in such a script without spaces is read family name first
  (``王秀英`` -> given ``xiuying``, family ``wang``; ``김민준`` -> ``minjun gim``);
  a two-character Japanese family name is read as one syllable of family name.
  Two **fold variants** are made so that both spellings of a German or Nordic name meet:
  the *plain* one (``ü`` -> ``u``, ``ø`` -> ``o``, ``å`` -> ``a``) and the *expanded* one
  (``ä ö ü`` -> ``ae oe ue``, ``å`` -> ``aa``, ``ø`` -> ``oe``); ``æ`` is ``ae`` and ``ß``
  is ``ss`` in both. ``Müller`` has keys ``muller`` and ``mueller``; ``Mueller`` has
  ``mueller``: they meet.
* **Titles**: honorifics before a name (``Dr``, ``Prof``, ``Mrs``...) and post-nominals
  after it (``PhD``, ``CFA``, ``MBA``, ``Jr``...) are dropped, also as their own
  comma-separated part (``Carter, PhD``). Otherwise a comma means ``Last, First``.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from netcore._nicknames import canonical_given
from netcore.model import Contact, Email, Phone

__all__ = [
    "NameKey",
    "email_key",
    "fold_text",
    "name_keys",
    "nfc",
    "phone_key",
    "profile_key",
    "url_key",
]

MIN_PHONE_DIGITS = 7

_DIGITS = re.compile(r"\D")
_JOINERS = str.maketrans("", "", ".'\u2019\u02bc\u2010\u2011-")
_WORD = re.compile(r"[^\W_]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LINKEDIN_SUB = re.compile(r"^[a-z]{2,3}\.(linkedin\.com/)")
_EXPANDED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe"})
_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "hon",
        "herr",
        "frau",
        "mme",
        "mlle",
    ]
)
_POST_NOMINALS = frozenset(
    [
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "phd",
        "dphil",
        "md",
        "dds",
        "esq",
        "mba",
        "cfa",
        "cpa",
        "msc",
        "bsc",
        "meng",
        "llm",
        "jd",
        "rn",
        "obe",
        "mbe",
        "cbe",
        "frs",
    ]
)
_TITLES = _HONORIFICS | _POST_NOMINALS
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "la",
        "le",
        "ten",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed)."""
    return unicodedata.normalize("NFC", text)


def email_key(email: Email) -> str:
    """The key two addresses share when they are one mailbox: ``Email.normalized``."""
    return email.normalized


def phone_key(phone: Phone) -> str:
    """The E.164 form when known, else the digits as written."""
    return phone.e164 if phone.e164 is not None else _DIGITS.sub("", phone.number)


def url_key(value: str) -> str:
    """A URL case-folded, without scheme, ``www.`` and trailing ``/`` (merging key)."""
    key = _SCHEME.sub("", nfc(value.strip()).casefold())
    return key.removeprefix("www.").rstrip("/")


def profile_key(value: str) -> str:
    """A profile URL's identity: :func:`url_key` less query, fragment, LinkedIn subdomain."""
    key = url_key(value).split("#", 1)[0].split("?", 1)[0].rstrip("/")
    key = key.removeprefix("m.")
    return _LINKEDIN_SUB.sub(r"\1", key)


def _latin(text: str) -> str:
    """Lower-cased ``text`` in ASCII; a caseless syllable (CJK, Hangul) becomes a word."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
            continue
        latin = anyascii(ch)
        if latin[:1].isupper() and ch.isalpha() and not (ch.isupper() or ch.islower()):
            out.append(f" {latin} ")
        else:
            out.append(latin)
    return "".join(out).lower()


def _words(segment: str) -> list[str]:
    return _WORD.findall(segment.translate(_JOINERS))


def fold_text(text: str) -> str:
    """Any text as folded words (plain variant): for organisation names and the like."""
    if text.isascii():
        return " ".join(_words(text.lower()))
    return " ".join(_words(_latin(nfc(text).lower())))


def _strip_titles(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) - 1 and words[start] in _HONORIFICS:
        start += 1
    end = len(words)
    while end - start > 1 and words[end - 1] in _POST_NOMINALS:
        end -= 1
    return words[start:end]


def _given_family(text: str) -> tuple[str, str]:
    """(first given name, family name without spaces) of one folded name; either may be ""."""
    segments = [_words(s) for s in text.split(",")]
    segments = [s for s in segments if s and not _TITLES.issuperset(s)]
    if len(segments) >= 2:
        family, given = _strip_titles(segments[0]), _strip_titles(segments[1])
        return (given[0] if given else "", "".join(family))
    words = _strip_titles(segments[0]) if segments else []
    if len(words) < 2:
        return "", "".join(words)
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return words[0], "".join(words[start:])


class NameKey:
    """One fold variant of a person's name, ready for blocking and comparison.

    Attributes:
        given: The first given name, folded (``""`` when unknown).
        canon: Its formal form, nicknames resolved (``bob`` -> ``robert``).
        family: The family name, folded, spaces removed.
        full: ``canon family`` (``""`` unless both parts are known).
    """

    __slots__ = ("canon", "family", "full", "given")

    def __init__(self, given: str, family: str) -> None:
        self.given = given
        self.family = family
        self.canon = canonical_given(given) if given else ""
        self.full = f"{self.canon} {family}" if given and family else ""


def _is_syllabic(text: str) -> bool:
    """A name written in a caseless syllabic script without spaces (``王芳``, ``김민준``)."""
    if not text or text.isascii():
        return False
    return all(ch.isalpha() and not (ch.isupper() or ch.islower()) for ch in text)


def _without_titles(raw: str) -> str:
    """``raw`` less the words that are titles (``Prof. 赵秀军 CFA`` -> ``赵秀军``)."""
    words = raw.split()
    kept = [w for w in words if "".join(_words(w)) not in _TITLES]
    return " ".join(kept) if kept else raw


def _syllabic_parts(text: str) -> tuple[str, str]:
    """Family name first, as Chinese and Korean write it: ``王秀英`` -> (xiuying, wang)."""
    syllables = _words(_latin(text))
    if len(syllables) < 2:
        return "", "".join(syllables)
    return "".join(syllables[1:]), syllables[0]


def _raw_name(c: Contact) -> str:
    if c.name is not None and (c.name.given.strip() or c.name.family.strip()):
        given = c.name.given.strip()
        if _is_syllabic(given):  # 秀英: one given name of two syllables, not two names
            given = "".join(_words(_latin(nfc(given))))
        return f"{c.name.family}, {given}"
    return c.formatted_name


def name_keys(c: Contact) -> tuple[NameKey, ...]:
    """The fold variants of ``c``'s name (one, or two when German/Nordic letters differ).

    Examples:
        >>> from netcore.model import Contact, Name
        >>> [(k.given, k.family) for k in name_keys(Contact(uid="1",
        ...     formatted_name="Dr. Jürgen Müller-Lüdenscheid PhD"))]
        [('jurgen', 'mullerludenscheid'), ('juergen', 'muellerluedenscheid')]
        >>> [(k.given, k.family) for k in name_keys(Contact(uid="2",
        ...     name=Name(given="Emily", family="Carter, PhD")))]
        [('emily', 'carter')]
        >>> [k.full for k in name_keys(Contact(uid="3", formatted_name="王秀英"))]
        ['xiuying wang']
    """
    raw = _raw_name(c)
    raw = raw.lower() if raw.isascii() else nfc(raw).lower()
    variants = [raw]
    if not raw.isascii():
        expanded = raw.translate(_EXPANDED)
        if expanded != raw:
            variants.append(expanded)
    out: list[NameKey] = []
    seen: set[tuple[str, str]] = set()
    core = raw if raw.isascii() else _without_titles(raw)
    syllabic = _is_syllabic(core)
    for text in variants:
        parts = _syllabic_parts(core) if syllabic else _given_family(_latin(text))
        if parts not in seen and any(parts):
            seen.add(parts)
            out.append(NameKey(*parts))
    return tuple(out)
