"""Cell values both ways: dates, phone numbers, names, labels, and the cells the writers format."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers

from netcore import _clock
from netcore._text import safe_cell
from netcore.formats.csv._core import _SEP
from netcore.model import (
    Contact,
    Name,
    PartialDate,
)

_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_", re.DOTALL)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PHONE_CELL = re.compile(r"\+[0-9 ()./\-]*[0-9][0-9 ()./\-]*")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")

# ---- small parsers ------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DMY_WORDS = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?,?[ -](\d{4}|\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


def _year(text: str) -> int:
    """A year as written; a two-digit one is the latest such year not after this one.

    Every date a contacts CSV holds (a birthday, an anniversary, LinkedIn's "Connected
    On") is in the past: ``3/15/45`` is 1945, never 2045 (RT-codecs2-4).
    """
    year = int(text)
    if len(text) != 2:
        return year
    now = _clock.today().year
    year += now - now % 100
    return year - 100 if year > now else year


def slash_order(text: str) -> str | None:
    """What a ``D/M/Y`` or ``M/D/Y`` cell shows of its column's order.

    ``"dmy"`` when its first number cannot be a month (``20/01/1981``), ``"mdy"`` when its
    second cannot (``3/15/1945``), ``"ambiguous"`` when either order gives another date
    (``06/03/2005``), else ``None`` (another form, or both orders give the same date).
    """
    m = _US_DATE.fullmatch(text.strip())
    if m is None:
        return None
    first, second = int(m.group(1)), int(m.group(2))
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return "ambiguous" if first != second and first and second else None


def _parse_date(text: str, *, day_first: bool = False) -> date | PartialDate:
    """ISO and partial dates, ``15 Mar 2021``, US ``3/15/2021`` and German ``31.1.1972``.

    A US-looking date whose first number cannot be a month is read day first (``20/01/1991``),
    and so is any when ``day_first`` (its column proved day-first).
    """
    text = text.strip()
    m = _DMY_WORDS.fullmatch(text)
    if m and m.group(2).casefold() in _MONTHS:
        return date(_year(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1)))
    m = _US_DATE.fullmatch(text)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second or (day_first and second <= 12):
            first, second = second, first
        return date(_year(m.group(3)), first, second)
    m = _DOTTED_DATE.fullmatch(text)
    if m:
        return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    try:
        return date.fromisoformat(text)
    except ValueError:
        return PartialDate.parse(text)


def _e164(number: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _one_line(text: str) -> str:
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(_SEP.strip())] if _SEP.strip() in cell else [cell]


def _name_fields(
    given: str, family: str, additional: str = "", prefix: str = "", suffix: str = ""
) -> tuple[Name | None, str]:
    # Each part is one line without control characters (a NUL or a line break in a cell
    # becomes a space), as in the formatted name built from them; spacing is kept.
    given, family, prefix, suffix = (
        _LINE_BREAKS.sub(" ", v) for v in (given, family, prefix, suffix)
    )
    additional = _LINE_BREAKS.sub(" ", additional)
    name = Name(
        given=given,
        family=family,
        additional=tuple(v for v in additional.split(_SEP) if v) if additional else (),
        prefixes=(prefix,) if prefix else (),
        suffixes=(suffix,) if suffix else (),
    )
    if name.is_empty():
        return None, ""
    parts = [prefix, given, additional.replace(_SEP, " "), family, suffix]
    return name, _one_line(" ".join(p for p in parts if p))


# ---- type labels --------------------------------------------------------------------------

_PHONE_LABELS: dict[str, tuple[str, ...]] = {
    "mobile": ("cell",),
    "home": ("home",),
    "work": ("work",),
    "main": ("main",),
    "home fax": ("home", "fax"),
    "work fax": ("work", "fax"),
    "other fax": ("fax",),
    "pager": ("pager",),
    "work mobile": ("work", "cell"),
    "work pager": ("work", "pager"),
    "other": (),
}
_PLAIN_LABELS: dict[str, tuple[str, ...]] = {"home": ("home",), "work": ("work",), "other": ()}


def plain_label(label: str) -> str:
    """A label as a person writes it: Apple's ``_$!<HomePage>!$_`` becomes ``Home Page``.

    Examples:
        >>> plain_label("_$!<HomeFAX>!$_"), plain_label("Work")
        ('Home Fax', 'Work')
    """
    m = _APPLE_LABEL.fullmatch(label.strip())
    if m is None:
        return label
    return " ".join(w.capitalize() for w in _CAMEL.sub(" ", m.group(1)).split())


def _labels_to(
    mapping: dict[str, tuple[str, ...]], cell: str
) -> tuple[tuple[str, ...], str | None, bool]:
    """(types, label, preferred) from a Google label cell like ``* Work``."""
    text = plain_label(cell.strip())
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    if not text:
        return (), None, preferred
    types = mapping.get(text.casefold())
    if types is not None:
        return types, None, preferred
    return (), _one_line(text), preferred


# Types that say nothing about which kind of phone or address a value is: Apple, Android
# and most 3.0 writers add VOICE to every phone and INTERNET to every email; PREF is the
# preferred flag. The CSV writers ignore them when they pick a column or a label
# (RT-codecs2-1, RT-codecs2-2).
UNSPECIFIC_TYPES = frozenset({"voice", "internet", "pref"})


def _label_from(
    mapping: dict[str, tuple[str, ...]], types: tuple[str, ...], label: str | None, preferred: bool
) -> str:
    wanted = frozenset(t.casefold() for t in types)
    text = ""
    if label:
        text = plain_label(label)
    elif wanted:
        text = _mapped_label(mapping, wanted) or _mapped_label(mapping, wanted - UNSPECIFIC_TYPES)
        if not text:
            text = " ".join(t.title() for t in types)
    if preferred:
        return f"* {text or 'Other'}"
    return text


def _mapped_label(mapping: dict[str, tuple[str, ...]], wanted: frozenset[str]) -> str:
    """The label ``mapping`` gives exactly the types ``wanted``, title-cased, else ``""``."""
    if wanted:
        for name, mapped in mapping.items():
            if mapped and frozenset(mapped) == wanted:
                return name.title()
    return ""


def _cell(value: str, *, phone: bool = False) -> str:
    if isinstance(value, Formatted) or (phone and _PHONE_CELL.fullmatch(value)):
        return value
    return safe_cell(value)


def _csv_columns(contact: Contact) -> list[tuple[str, str]]:
    out = []
    for ext in contact.extensions:
        if not ext.name.upper().startswith("X-CSV-"):
            continue
        column = next((v[0] for k, v in ext.params if k.upper() == "X-COLUMN" and v), None)
        out.append((column if column is not None else ext.name[6:], _cell_text(ext.value)))
    return out


_ESCAPED = re.compile(r"\\([\\nN,;])")


def _cell_text(value: str) -> str:
    r"""An extension's written text as a cell.

    ``\n`` is a line break; ``\\``, ``\,`` and ``\;`` are the character (the escapes the
    readers make); any other backslash stays as it is.
    """
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


class Formatted(str):
    """A cell netcore formatted itself from a typed value (a date), never a formula.

    The formula guard leaves it as it is: a year-less birthday ``--11-02`` stays a date.
    """

    __slots__ = ()


def _date_out(value: date | PartialDate | None, *, us: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return Formatted(f"{value.month}/{value.day}/{value.year}" if us else value.isoformat())
    return "" if us else Formatted(str(value))


def _name_out(c: Contact) -> Name:
    if c.name is not None and not c.name.is_empty():
        return c.name
    family, comma, given = c.formatted_name.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        # "Lovelace, Ada": family name first (RT-codecs2-16), not cut at the last space.
        return Name(given=given.strip(), family=family.strip())
    words = c.formatted_name.split()
    if len(words) >= 2:
        return Name(given=" ".join(words[:-1]), family=words[-1])
    return Name(given=words[0] if words else "")
