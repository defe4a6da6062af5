"""The one normalisation every part of dedupe uses: identifier keys and folded names.

Every key is computed from NFC text, so an address typed in NFC and one pasted in NFD
(``é`` as one code point or as ``e`` plus a combining accent) give the same key.

* **Email**: stripped, NFC, case-folded (``Email.normalized``). Its *mailbox*
  (for comparing only) is the key less a ``+tag`` sub-address.
* **Phone**: the E.164 form, else the digits (``00`` first read as ``+``).
* **URL** (for merging): case-folded, without scheme, ``www.`` and trailing ``/``.
* **Profile** (for matching): the URL key, percent-decoded, also without query,
  fragment and a ``linkedin.com`` country or mobile subdomain (``uk.linkedin.com/in/ada``
  = ``mobile.linkedin.com/in/ada`` = ``linkedin.com/in/ada/details/experience`` =
  ``linkedin.com/in/ada``).
* **Names** are never changed in a record; only their *keys* are folded: lower-cased
  (``str.lower``, which leaves ``ß`` alone), transliterated to Latin with ``anyascii``
  (``Ольга`` -> ``olga``, ``王芳`` -> ``wang fang``: a Chinese or Korean syllable becomes
  its own word), dots, apostrophes and hyphens dropped, other punctuation, emoji and
  symbols a space; a phone book's note in brackets or after `` - `` is dropped
  (``Ann Lee (Acme)``, ``Ann Lee - Acme``).
  A name written in such a script without spaces is read family name first
  (``王秀英`` -> given ``xiuying``, family ``wang``; ``김민준`` -> ``minjun gim``);
  a two-character Japanese family name is read as one syllable of family name.
  A Korean family name also gets the spelling most of its bearers use (``gim`` ->
  ``kim``, ``i`` -> ``lee``, ``bag`` -> ``park``...); a name in kana writes long vowels
  as Hepburn does (``タロウ`` -> ``taro``). A Cyrillic name gets a third variant in the
  other common spelling (``ю я й щ ш ия`` -> ``ju ja j sch sch ia``, kha -> ``ch``):
  ``Юлия Щербакова`` has ``yuliya shcherbakova`` and ``julia scherbakova``.
  Two **fold variants** are made so that both spellings of a German or Nordic name meet:
  the *plain* one (``ü`` -> ``u``, ``ø`` -> ``o``, ``å`` -> ``a``) and the *expanded* one
  (``ä ö ü`` -> ``ae oe ue``, ``å`` -> ``aa``, ``ø`` -> ``oe``); ``æ`` is ``ae`` and ``ß``
  is ``ss`` in both. ``Müller`` has keys ``muller`` and ``mueller``; ``Mueller`` has
  ``mueller``: they meet.
* **Titles**: honorifics before a name (``Dr``, ``Prof``, ``Mrs``...) and post-nominals
  after it (``PhD``, ``CFA``, ``MBA``...) are dropped, also as their own
  comma-separated part (``Carter, PhD``). Otherwise a comma means ``Last, First``.
* **Generations** (``Jr``, ``Sr``, ``II``, ``III``, ``IV``) are stripped from the name
  words but kept as ``NameKey.generation``: they tell a son from his father.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from anyascii import anyascii

from netcore._nicknames import canonical_given
from netcore.model import Contact, Email, Phone

__all__ = [
    "NameKey",
    "email_key",
    "fold_text",
    "mailbox_key",
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
_MOBILE = re.compile(r"^(?:m|mobile)\.")
_LINKEDIN_SUB = re.compile(r"^[a-z]{2,3}\.(linkedin\.com/)")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ANNOTATION = re.compile(r"\s[-\u2013\u2014|/]\s.*$")
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
_GENERATIONS = {
    "jr": "jr",
    "junior": "jr",
    "sr": "sr",
    "senior": "sr",
    "ii": "ii",
    "iii": "iii",
    "iv": "iv",
}
"""Generational suffixes: part of the name (father and son), never a title."""
_POST_NOMINALS = frozenset(
    [
        *_GENERATIONS,
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
_KOREAN_FAMILY = {
    "gim": "kim",
    "i": "lee",
    "bag": "park",
    "choe": "choi",
    "jeong": "jung",
    "gang": "kang",
    "jo": "cho",
    "yun": "yoon",
    "im": "lim",
    "o": "oh",
    "sin": "shin",
    "gwon": "kwon",
    "an": "ahn",
    "lyu": "ryu",
    "yu": "yoo",
    "go": "ko",
    "mun": "moon",
    "baeg": "baek",
    "sim": "shim",
    "no": "noh",
    "gwag": "kwak",
    "seong": "sung",
    "ju": "joo",
    "u": "woo",
    "gu": "koo",
    "cheon": "chun",
    "hyeon": "hyun",
}
"""Korean family names as anyascii writes them -> as most of their bearers write them."""
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_IA = re.compile("ия")
_CYRILLIC_ALT = str.maketrans(
    {"ю": "ju", "я": "ja", "й": "j", "щ": "sch", "ш": "sch", "\u0445": "ch"}
)
"""The other common Latin spelling of Cyrillic letters (German, passports before 2010)."""
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA_LONG = (("ou", "o"), ("uu", "u"), ("oo", "o"))
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


def mailbox_key(key: str) -> str:
    """An email key less its sub-address: ``ann+news@x.com`` -> ``ann@x.com``.

    For comparing only: the two addresses stay two values of a record.
    """
    local, at, domain = key.rpartition("@")
    base = local.split("+", 1)[0]
    return f"{base}{at}{domain}" if base and at else key


def phone_key(phone: Phone) -> str:
    """The E.164 form when known, else the digits as written.

    A number written with the international prefix ``00`` (``0049 30 1234567``) is
    read as ``+`` (``+49301234567``), as E.164 writes it.
    """
    if phone.e164 is not None:
        return phone.e164
    digits = _DIGITS.sub("", phone.number)
    if digits.startswith("00") and phone.number.lstrip().startswith("00"):
        return "+" + digits[2:]
    return digits


def url_key(value: str) -> str:
    """A URL case-folded, without scheme, ``www.`` and trailing ``/`` (merging key)."""
    key = _SCHEME.sub("", nfc(value.strip()).casefold())
    return key.removeprefix("www.").rstrip("/")


def profile_key(value: str) -> str:
    """A profile URL's identity: :func:`url_key` less query, fragment, LinkedIn subdomain.

    Percent-encoding is decoded (``j%C3%BCrgen`` = ``jürgen``), and a LinkedIn page
    below a profile (``/in/ann/details/experience``) is the profile ``/in/ann``.
    """
    key = url_key(unquote(value)).split("#", 1)[0].split("?", 1)[0].rstrip("/")
    key = _MOBILE.sub("", key)
    key = _LINKEDIN_SUB.sub(r"\1", key)
    if key.startswith("linkedin.com/in/"):
        key = "/".join(key.split("/", 3)[:3])
    return key


def _latin(text: str) -> str:
    """Lower-cased ``text`` in ASCII; a caseless syllable (CJK, Hangul) becomes a word."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
            continue
        if unicodedata.category(ch)[0] in "SC":  # an emoji or a symbol is not a name
            out.append(" ")
            continue
        latin = anyascii(ch)
        if latin[:1].isupper() and ch.isalpha() and not (ch.isupper() or ch.islower()):
            out.append(f" {latin} ")
        else:
            out.append(latin)
    return "".join(out).lower()


def _latin_name(text: str) -> str:
    """:func:`_latin` for a name; kana long vowels as Hepburn writes them (tarou -> taro)."""
    latin = _latin(text)
    if _KANA.search(text):
        for long, short in _KANA_LONG:
            latin = latin.replace(long, short)
    return latin


def _words(segment: str) -> list[str]:
    return _WORD.findall(segment.translate(_JOINERS))


def fold_text(text: str) -> str:
    """Any text as folded words (plain variant): for organisation names and the like."""
    if text.isascii():
        return " ".join(_words(text.lower()))
    return " ".join(_words(_latin(nfc(text).lower())))


def _strip_titles(words: list[str], generation: list[str]) -> list[str]:
    """``words`` less leading honorifics and trailing post-nominals.

    A generational suffix among the trailing ones (``Jr``, ``III``) is appended to
    ``generation``: it tells a son from his father and is compared, not ignored.
    """
    start = 0
    while start < len(words) - 1 and words[start] in _HONORIFICS:
        start += 1
    end = len(words)
    while end - start > 1 and words[end - 1] in _POST_NOMINALS:
        end -= 1
        if words[end] in _GENERATIONS:
            generation.append(_GENERATIONS[words[end]])
    return words[start:end]


def _given_family(text: str) -> list[tuple[str, str, str]]:
    """(first given name, family name without spaces, generation) of one folded name.

    Any part may be ``""``; the generation is ``jr``, ``sr``, ``ii``, ``iii`` or ``iv``.
    A name of three words or more, written given names first, also gives its first two
    words as one given name (``Jean Pierre Dubois`` meets ``Jean-Pierre Dubois``); one of
    four words or more also gives the second-last word as the family name (the Spanish
    first surname: ``María José García López`` meets ``María García``).
    """
    generation: list[str] = []
    segments = []
    for segment in (_words(s) for s in text.split(",")):
        if segment and _TITLES.issuperset(segment):
            generation += [_GENERATIONS[w] for w in segment if w in _GENERATIONS]
        elif segment:
            segments.append(segment)
    if len(segments) >= 2:
        family = _strip_titles(segments[0], generation)
        given = _strip_titles(segments[1], generation)
        return [(given[0] if given else "", "".join(family), "".join(generation[:1]))]
    words = _strip_titles(segments[0], generation) if segments else []
    gen = "".join(generation[:1])
    if len(words) < 2:
        return [("", "".join(words), gen)]
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    out = [(words[0], "".join(words[start:]), gen)]
    if start == len(words) - 1 >= 2 and len(words[1]) > 1:
        out.append((words[0] + words[1], words[-1], gen))
        if len(words) >= 4 and words[-2] not in _PARTICLES:
            out.append((words[0], words[-2], gen))
    return out


class NameKey:
    """One fold variant of a person's name, ready for blocking and comparison.

    Attributes:
        given: The first given name, folded (``""`` when unknown).
        canon: Its formal form, nicknames resolved (``bob`` -> ``robert``).
        family: The family name, folded, spaces removed.
        full: ``canon family`` (``""`` unless both parts are known).
        generation: A generational suffix (``jr``, ``sr``, ``ii``, ``iii``, ``iv``) or ``""``.
    """

    __slots__ = ("canon", "family", "full", "generation", "given")

    def __init__(self, given: str, family: str, generation: str = "") -> None:
        self.given = given
        self.family = family
        self.generation = generation
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


def _syllabic_parts(text: str) -> tuple[str, str, str]:
    """Family name first, as Chinese and Korean write it: ``王秀英`` -> (xiuying, wang)."""
    syllables = _words(_latin(text))
    if len(syllables) < 2:
        return "", "".join(syllables), ""
    return "".join(syllables[1:]), syllables[0], ""


def _without_notes(text: str) -> str:
    """A name less a phone book's notes: ``Ann Lee (Acme)`` and ``Ann Lee - Acme``."""
    kept = _ANNOTATION.sub(" ", _BRACKETS.sub(" ", text)).strip()
    return kept if _words(kept) else text


def _raw_name(c: Contact) -> str:
    if c.name is not None and (c.name.given.strip() or c.name.family.strip()):
        given = c.name.given.strip()
        if _is_syllabic(given):  # 秀英: one given name of two syllables, not two names
            given = "".join(_words(_latin(nfc(given))))
        generations = [x for x in c.name.suffixes if "".join(_words(x.lower())) in _GENERATIONS]
        return ", ".join([c.name.family, given, *generations])
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
    raw = _without_notes(_raw_name(c))
    raw = raw.lower() if raw.isascii() else nfc(raw).lower()
    variants = [raw]
    if not raw.isascii():
        expanded = raw.translate(_EXPANDED)
        if expanded != raw:
            variants.append(expanded)
        if _CYRILLIC.search(raw):
            variants.append(_CYRILLIC_IA.sub("ia", raw).translate(_CYRILLIC_ALT))
    out: list[NameKey] = []
    seen: set[tuple[str, str, str]] = set()
    core = raw if raw.isascii() else _without_titles(raw)
    syllabic = _is_syllabic(core)
    for text in variants:
        found = [_syllabic_parts(core)] if syllabic else _given_family(_latin_name(text))
        if syllabic and _HANGUL.search(core) and found[0][1] in _KOREAN_FAMILY:
            given, family, gen = found[0]
            found.append((given, _KOREAN_FAMILY[family], gen))
        for parts in found:
            if parts not in seen and any(parts[:2]):
                seen.add(parts)
                out.append(NameKey(*parts))
    return tuple(out)
