r"""RFC 7095 jCard, the JSON form of vCard 4.0, to and from :class:`~netcore.model.Contact`.

A jCard is ``["vcard", [property, ...]]`` and each property is
``[name, {parameters}, type, value, ...]``. This module maps jCard to the lossless
content-line layer (:class:`~netcore.formats.contentline.Component` and
:class:`~netcore.formats.contentline.Property`) and back, and leaves the meaning of the
properties to :mod:`netcore.formats.vcard`, so a jCard and the vCard with the same
content give the same contacts.

How the two forms correspond:

* **Names** are lowercase in jCard and uppercase in the content lines; the ``group``
  parameter holds the group (``item1.TEL`` is ``["tel", {"group": "item1"}, ...]``).
* **Parameters** keep their order; a parameter with several values is an array. A
  parameter written twice in a vCard (``TYPE=a;TYPE=b``) becomes one array, which is what
  vCard means by it. ``VALUE`` is not a parameter in jCard: it is the type element, and
  it is written back only where it differs from the property's default type.
* **Types** (RFC 7095 section 3.5): ``text`` values are unescaped (``\,`` is ``,``);
  structured values (``N``, ``ADR``, ``ORG``, ``GENDER``, ``CLIENTPIDMAP``) are arrays
  of components, a component with several values an array in the array; multi-valued
  properties (``NICKNAME``, ``CATEGORIES``) carry one element per value. Dates and times
  switch between the basic format of vCard (``--0203``, ``20090808T1430-0500``) and the
  extended format of jCard (``--02-03``, ``2009-08-08T14:30-05:00``); ``utc-offset``
  likewise (``-0500`` / ``-05:00``); ``integer``, ``float`` and ``boolean`` are JSON
  numbers and booleans. ``uri``, ``language-tag`` and unregistered types are kept as
  written.
* **Unknown properties** (``X-`` names and any name without a registered default
  type) are of type ``unknown`` and carry the raw vCard text, escapes included, so they
  come back byte for byte.

What does not survive ``dumps`` then ``loads`` beyond what the vCard 4.0 round trip of
:mod:`netcore.formats.vcard` already loses: the case of property and parameter names
(jCard is lowercase) and repeated parameters (merged into one). A vCard parameter
named ``GROUP`` is written as ``x-netcore-group`` (and ``X-NETCORE-GROUP`` as
``x-netcore-x-netcore-group``, and so on), read back as the parameter: the ``group``
member is only ever the property's group. A ``VALUE`` that is not exactly one value
(``VALUE=a,b``, or two ``VALUE`` parameters) cannot be the type element, which holds one
type: it is written as ``x-netcore-value`` the same way, with the property's default
type, and read back as ``VALUE``.

Reading is lenient: invalid JSON, a document that is not a jCard, a property of the
wrong shape, a value that does not match its type all become issues (a JSON path such
as ``$[1][4]`` says where), and ``strict=True`` raises
:class:`~netcore.errors.ParseError` instead. No other exception escapes.

Examples:
    >>> doc = '["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Ada"],'\
    ...       ' ["bday", {}, "date-and-or-time", "--12-10"]]]'
    >>> ada = loads(doc)[0]
    >>> ada.formatted_name, str(ada.birthday)
    ('Ada', '--12-10')
    >>> print(dumps(ada.model_copy(update={"uid": "ada"})))
    ["vcard",
      [
        ["version", {}, "text", "4.0"],
        ["fn", {}, "text", "Ada"],
        ["n", {}, "text", ["", "", "", "", ""]],
        ["bday", {}, "date-and-or-time", "--12-10"],
        ["uid", {}, "uri", "ada"]
      ]
    ]
"""

from __future__ import annotations

import json as _json
import json.encoder as _json_encoder
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from netcore import _gc
from netcore._files import PathOrFile, read_bytes, source_name, write_bytes
from netcore.errors import ParseError
from netcore.formats import vcard
from netcore.formats._vcard_text import escape, split_escaped
from netcore.formats.contentline import Component, Limits, Params, Property
from netcore.formats.contentline._records import new_property
from netcore.formats.issues import Issue, IssueCollector, Parsed, Severity
from netcore.formats.vcard._writing import write_jcard_properties
from netcore.model import Contact
from netcore.model.values import group_ok, param_name_ok

__all__ = [
    "component_from_jcard",
    "component_to_jcard",
    "dump",
    "dumps",
    "load",
    "loads",
]

JSONValue = Any
"""A decoded JSON value (``json.loads`` output)."""

# ----------------------------------------------------------------------- property tables

_TEXT = "text"
_URI = "uri"
_DAT = "date-and-or-time"

_DEFAULT_TYPES: dict[str, str] = {
    # RFC 6350
    "SOURCE": _URI, "KIND": _TEXT, "XML": _TEXT, "FN": _TEXT, "N": _TEXT, "NICKNAME": _TEXT,
    "PHOTO": _URI, "BDAY": _DAT, "ANNIVERSARY": _DAT, "GENDER": _TEXT, "ADR": _TEXT,
    "TEL": _TEXT, "EMAIL": _TEXT, "IMPP": _URI, "LANG": "language-tag", "TZ": _TEXT,
    "GEO": _URI, "TITLE": _TEXT, "ROLE": _TEXT, "LOGO": _URI, "ORG": _TEXT, "MEMBER": _URI,
    "RELATED": _URI, "CATEGORIES": _TEXT, "NOTE": _TEXT, "PRODID": _TEXT, "REV": "timestamp",
    "SOUND": _URI, "UID": _URI, "CLIENTPIDMAP": _TEXT, "URL": _URI, "VERSION": _TEXT,
    "KEY": _URI, "FBURL": _URI, "CALADRURI": _URI, "CALURI": _URI,
    # RFC 6474, RFC 6715, RFC 8605
    "BIRTHPLACE": _TEXT, "DEATHPLACE": _TEXT, "DEATHDATE": _DAT, "EXPERTISE": _TEXT,
    "HOBBY": _TEXT, "INTEREST": _TEXT, "ORG-DIRECTORY": _URI, "CONTACT-URI": _URI,
    # vCard 3.0 properties that 4.0 dropped, still met in jCards converted from 3.0
    "LABEL": _TEXT, "MAILER": _TEXT, "SORT-STRING": _TEXT, "CLASS": _TEXT, "NAME": _TEXT,
    "PROFILE": _TEXT,
}  # fmt: skip
"""The default value type of every property whose default is registered."""

# Structured properties: their components, and which of them may hold a comma list.
_STRUCTURED: dict[str, bool] = {
    "N": True, "ADR": True, "ORG": False, "GENDER": False, "CLIENTPIDMAP": False,
}  # fmt: skip
_MULTI = frozenset({"NICKNAME", "CATEGORIES"})
# Types whose value jCard holds as the vCard text, escapes included (RFC 7095 3.5.3:
# a URI is not text-escaped; an unknown type carries its raw text).
_AS_WRITTEN = frozenset({"unknown", _URI})
_TEXT_TYPES = frozenset({"text", "vcard", "phone-number"})
_DATE_TYPES = frozenset({"date", "time", "date-time", _DAT, "timestamp"})
_NUMBER_TYPES = frozenset({"integer", "float"})
_NAME_OK = re.compile(r"[A-Za-z0-9_-]+\Z")
_MAX_VALUE_DEPTH = 2  # a value is a string, or an array of (strings or arrays of strings)

# ----------------------------------------------------------------------- text escaping

_UNESCAPE = re.compile(r"\\(.)|\\\Z", re.DOTALL)


def _unescape_sub(m: re.Match[str]) -> str:
    ch = m.group(1)
    if ch is None:
        return "\\"
    if ch in "nN":
        return "\n"
    if ch in "\\,;":
        return ch
    return m.group(0)  # not an escape vCard knows: keep the backslash


def _unescape(value: str) -> str:
    return _UNESCAPE.sub(_unescape_sub, value) if "\\" in value else value


def _escape(value: str) -> str:
    """A jCard text value as vCard 4.0 text: the vCard writer's one escaping rule."""
    return escape(value, "4.0")


# ----------------------------------------------------------------------- dates and times

_DATE = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})|(\d{4})-(\d{2})|(\d{4})|--(\d{2})-?(\d{2})|--(\d{2})|---(\d{2})"
)
_TIME = re.compile(
    r"(?:(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?|-(\d{2})(?::?(\d{2}))?|--(\d{2}))"
    r"([.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?"
)
_ZONE = re.compile(r"(Z)|([+-]\d{2})(?::?(\d{2}))?")


def _date(text: str, ext: bool) -> str | None:
    m = _DATE.fullmatch(text)
    if m is None:
        return None
    y, mo, d, ym_y, ym_m, yy, md_m, md_d, mm, dd = m.groups()
    sep = "-" if ext else ""
    if y is not None:
        return f"{y}{sep}{mo}{sep}{d}"
    if ym_y is not None:
        return f"{ym_y}-{ym_m}"
    if yy is not None:
        return yy
    if md_m is not None:
        return f"--{md_m}{sep}{md_d}"
    if mm is not None:
        return f"--{mm}"
    return f"---{dd}"


def _zone(text: str, ext: bool) -> str | None:
    m = _ZONE.fullmatch(text)
    if m is None:
        return None
    if m.group(1):
        return "Z"
    minutes = m.group(3)
    if minutes is None:
        return m.group(2)
    return f"{m.group(2)}{':' if ext else ''}{minutes}"


def _time(text: str, ext: bool) -> str | None:
    m = _TIME.fullmatch(text)
    if m is None:
        return None
    h, mi, se, m_mi, m_se, s_se, frac, zone = m.groups()
    sep = ":" if ext else ""
    if h is not None:
        body = h + (f"{sep}{mi}" if mi else "") + (f"{sep}{se}" if se else "")
    elif m_mi is not None:
        body = f"-{m_mi}" + (f"{sep}{m_se}" if m_se else "")
    else:
        body = f"--{s_se}"
    body += frac or ""
    if zone:
        z = _zone(zone, ext)
        if z is None:  # pragma: no cover - the pattern only admits valid zones
            return None
        body += z
    return body


def _datetime_value(text: str, vtype: str, ext: bool) -> str | None:
    """``text`` in the extended (jCard) or basic (vCard) format, or ``None`` if it is not one."""
    if vtype == "time":
        return _time(text, ext)
    if text.startswith("T"):
        t = _time(text[1:], ext)
        return None if t is None else f"T{t}"
    if "T" in text:
        d, _, t = text.partition("T")
        dd, tt = _date(d, ext), _time(t, ext)
        return None if dd is None or tt is None else f"{dd}T{tt}"
    if vtype in ("date-time", "timestamp"):
        return None
    d2 = _date(text, ext)
    if d2 is None and vtype == _DAT:
        # jCard may write a time of day without its "T"; vCard needs it.
        t = _time(text, ext)
        return None if t is None else (f"T{t}" if not ext else t)
    return d2


# ----------------------------------------------------------------------- content line -> jCard


def _type_of(name: str) -> str:
    return _DEFAULT_TYPES.get(name, "unknown")


def _number(text: str, vtype: str) -> JSONValue:
    try:
        return int(text) if vtype == "integer" else float(text)
    except ValueError:
        return text  # not a number: kept as written


def _scalar_to_json(text: str, vtype: str) -> JSONValue:
    if vtype in _TEXT_TYPES:
        return _unescape(text)
    if vtype in _DATE_TYPES:
        return _datetime_value(text, vtype, True) or text
    if vtype == "utc-offset":
        return _zone(text, True) or text
    if vtype in _NUMBER_TYPES:
        return _number(text, vtype)
    if vtype == "boolean":
        upper = text.strip().upper()
        return True if upper == "TRUE" else False if upper == "FALSE" else text
    return text


def _values_to_json(value: str, name: str, vtype: str) -> list[JSONValue]:
    if vtype in _AS_WRITTEN:
        return [value]
    if vtype in _TEXT_TYPES:
        if name in _STRUCTURED:
            comps = split_escaped(value, ";")
            if len(comps) == 1 and not _STRUCTURED[name]:
                return [_unescape(comps[0])]
            out: list[JSONValue] = []
            for comp in comps:
                items = split_escaped(comp, ",") if _STRUCTURED[name] else [comp]
                out.append(
                    _unescape(items[0]) if len(items) == 1 else [_unescape(x) for x in items]
                )
            return [out[0]] if len(out) == 1 else [out]
        if name in _MULTI:
            return [_unescape(x) for x in split_escaped(value, ",")]
        return [_unescape(value)]
    if vtype in _NUMBER_TYPES and ";" in value:
        return [[_number(x, vtype) for x in value.split(";")]]
    if vtype in _NUMBER_TYPES or vtype in _DATE_TYPES or vtype == "boolean":
        return [_scalar_to_json(x, vtype) for x in value.split(",")]
    return [_scalar_to_json(value, vtype)]


def _json_name(name: str) -> str:
    """A property or parameter name as jCard writes it: lowercase when written in capitals.

    jCard writes names in lowercase (RFC 7095); a name in mixed case (an extension such as
    ``X-Foo``) is written as it is, so that :func:`_vcard_name` gives it back unchanged.
    """
    return name.lower() if name == name.upper() else name


def _vcard_name(name: str) -> str:
    """The name a jCard name stands for: capitals for a lowercase name, else as written."""
    return name.upper() if name == name.lower() else name


# Property names already read (each a valid name) -> (upper case, the vCard name): the
# cards of a document repeat a few dozen names. Bounded: cleared when full.
_NAMES: dict[str, tuple[str, str]] = {}


# Parameter names already read -> the vCard name, or "" for the group: only the plain
# ones (see _plain_param). Bounded as _NAMES.
_PLAIN_PARAMS: dict[str, str] = {}


def _plain_param(name: str) -> str | None:
    """What :meth:`_Reader.params` makes of parameter ``name`` when it has nothing to say.

    The vCard name, ``""`` for the group, ``None`` for a name it warns about or treats
    otherwise (not a parameter name, ``VALUE``, an escaped ``group``).
    """
    if not param_name_ok(name):
        return None
    key = name.lower()
    if key == "group":
        out = ""
    elif key == "value" or _GROUP_LIKE.match(key):
        return None
    else:
        out = _vcard_name(name)
    if len(_PLAIN_PARAMS) >= 4096:
        _PLAIN_PARAMS.clear()
    _PLAIN_PARAMS[name] = out
    return out


def _plain_params(
    params: dict[str, JSONValue],
) -> tuple[str | None, list[tuple[str, tuple[str, ...]]]] | None:
    """Group and parameters of a plain property (see :meth:`_Reader.plain`), or ``None``.

    ``None`` when :meth:`_Reader.params` would say something or read a value otherwise:
    a name :func:`_plain_param` refuses, a value that is not one string without NUL, a
    group that is not well formed.
    """
    group: str | None = None
    plist: list[tuple[str, tuple[str, ...]]] = []
    for pname, pvalue in params.items():
        out = _PLAIN_PARAMS.get(pname)
        if out is None:
            out = _plain_param(pname)
            if out is None:
                return None
        if type(pvalue) is not str or "\x00" in pvalue:
            return None
        if out:
            plist.append((out, (pvalue,)))
        elif group_ok(pvalue):
            group = pvalue
        else:
            return None
    return group, plist


def _plain_value(raw: list[JSONValue], key: str, vtype: str) -> str | None:
    """The value text of a plain property (see :meth:`_Reader.plain`), or ``None``.

    As :meth:`_Reader.values` makes it, for the values it has nothing to say about.
    """
    text = vtype in _TEXT_TYPES
    if len(raw) > 4:
        if text and key not in _STRUCTURED and all(type(v) is str for v in raw[3:]):
            return ",".join([_escape(v) for v in raw[3:]])
        return None
    v = raw[3]
    if type(v) is list:
        return _plain_structured(v) if text else None
    if type(v) is not str:
        return None
    if text:
        return _escape(v)
    if vtype in _DATE_TYPES:  # (no default type is utc-offset)
        return _datetime_value(v, vtype, False)  # None: not such a value (property() says so)
    return v


def _plain_structured(value: list[JSONValue]) -> str | None:
    """A structured text value (strings, or arrays of strings) as vCard text, or ``None``."""
    comps: list[str] = []
    for c in value:
        if type(c) is str:
            comps.append(_escape(c))
        elif type(c) is list and all(type(x) is str for x in c):
            comps.append(",".join([_escape(x) for x in c]))
        else:
            return None
    return ";".join(comps)


def _known_name(name: str) -> tuple[str, str]:
    if len(_NAMES) >= 4096:
        _NAMES.clear()
    _NAMES[name] = known = (name.upper(), _vcard_name(name))
    return known


def component_to_jcard(component: Component) -> list[JSONValue]:
    r"""The jCard array of one ``VCARD`` component of the content-line layer.

    Args:
        component: A component from :func:`netcore.formats.contentline.parse` or
            :func:`netcore.formats.vcard.contact_to_component`.

    Returns:
        ``["vcard", [property, ...]]``, plus a third element with the nested components
        when there are any (jCard itself has none; netcore reads them back).

    Examples:
        >>> from netcore.formats import contentline
        >>> card = contentline.parse("BEGIN:VCARD\nVERSION:4.0\nitem1.TEL:+1 555\n"
        ...                          "N:Doe;Jo;;;\nEND:VCARD\n")[0]
        >>> for prop in component_to_jcard(card)[1][1:]:
        ...     print(prop)
        ['tel', {'group': 'item1'}, 'text', '+1 555']
        ['n', {}, 'text', ['Doe', 'Jo', '', '', '']]
    """
    props: list[JSONValue] = []
    for prop in component.properties:
        _add_property(props, prop.group, prop.name, prop.params, prop.value)
    out: list[JSONValue] = [component.name.lower(), props]
    if component.children:
        out.append([component_to_jcard(child) for child in component.children])
    return out


_Head = tuple[str, dict[str, JSONValue], str, str]

_ESCAPE = "x-netcore-"
# A vCard parameter named GROUP (any case) cannot be written as the jCard parameter
# "group": that member is the property's group (RFC 7095 section 3.3.1.2). So the writer
# puts one "x-netcore-" before the name of every parameter that is GROUP with any number
# of such prefixes (GROUP, X-NETCORE-GROUP, ...), and the reader takes one off again: the
# mapping is one to one, nothing is lost, and the group member means only the group.
# VALUE is jCard's type element, which holds one type: a VALUE that is not exactly one
# value (``VALUE=a,b``, two VALUE parameters, none) is carried the same way, as
# ``x-netcore-value``, and the type element is the property's default.
_GROUP_LIKE = re.compile(r"(?:x-netcore-)*(?:group|value)\Z", re.IGNORECASE)


def _one_type(pparams: Params) -> bool:
    """Whether the ``VALUE`` of ``pparams`` is one value, which jCard's type element holds."""
    found = [values for key, values in pparams if key.lower() == "value"]
    return len(found) == 1 and len(found[0]) == 1


def _jcard_head(group: str | None, pname: str, pparams: Params) -> _Head:
    """The jCard name, parameters and value type of a property head, and its name in capitals.

    The one rule for a head (:func:`_add_property` and :func:`dumps` both use it): names
    lowercase when written in capitals, ``group`` a parameter, ``VALUE`` the value type,
    a repeated parameter's values gathered into one list.
    """
    name = pname.upper()
    params: dict[str, JSONValue] = {}
    if group:
        params["group"] = group
    vtype = _type_of(name)
    one_type: bool | None = None  # decided at the first VALUE
    for key_written, values in pparams:
        key = _json_name(key_written)
        if key == "value":
            if one_type is None:
                one_type = _one_type(pparams)
            if one_type:
                vtype = values[0].strip().lower() or vtype
                continue
        if _GROUP_LIKE.match(key):
            key = _ESCAPE + key  # a parameter, never jCard's group member (see _GROUP_LIKE)
        old = params.get(key)
        if old is None:
            params[key] = values[0] if len(values) == 1 else list(values)
        elif isinstance(old, list):
            old.extend(values)  # a list made here: extended in place, not rebuilt
        else:
            params[key] = [old, *values]
    return _json_name(pname), params, vtype, name


def _add_property(
    props: list[JSONValue], group: str | None, pname: str, pparams: Params, value: str
) -> None:
    """Append the jCard array of one content-line property (for :func:`component_to_jcard`)."""
    jname, params, vtype, name = _jcard_head(group, pname, pparams)
    props.append([jname, params, vtype, *_values_to_json(value, name, vtype)])


# ----------------------------------------------------------------------- jCard -> content line


class _Reader:
    """Turns decoded JSON into components, recording what it cannot read."""

    def __init__(self, issues: IssueCollector, limits: Limits) -> None:
        self.issues = issues
        self.limits = limits
        self.next_id = 0
        # synthetic line -> (the card's JSON path, the property's index in it)
        self.paths: dict[int, tuple[str, int]] = {}

    def error(self, message: str, path: str, prop: str | None = None) -> None:
        self.issues.error(f"{message} (at {path})", property=prop)

    def warning(self, message: str, path: str, prop: str | None = None) -> None:
        self.issues.warning(f"{message} (at {path})", property=prop)

    def document(self, doc: JSONValue) -> list[Component]:
        if isinstance(doc, list) and doc and isinstance(doc[0], str):
            comp = self.component(doc, "$", 1)
            return [] if comp is None else [comp]
        if isinstance(doc, list):
            if not doc:
                self.issues.info("the JSON array holds no jCard")
            out: list[Component] = []
            for i, item in enumerate(doc):
                comp = self.component(item, f"$[{i}]", 1)
                if comp is not None:
                    out.append(comp)
            return out
        kind = "an object" if isinstance(doc, dict) else f"a {type(doc).__name__}"
        self.error(f'not a jCard: the document is {kind}, not a ["vcard", [...]] array', "$")
        return []

    def component(self, node: JSONValue, path: str, depth: int) -> Component | None:
        if not (isinstance(node, list) and len(node) in (2, 3) and isinstance(node[0], str)):
            self.error('not a jCard: expected ["vcard", [properties]]', path)
            return None
        name = node[0]
        if name.lower() != "vcard":
            self.error(f'not a jCard: component {name[:40]!r} is not "vcard"; skipped', path)
            return None
        if depth > self.limits.max_depth:
            self.issues.error(
                f"components nested deeper than {self.limits.max_depth}; skipped (at {path})"
            )
            return None
        if not isinstance(node[1], list):
            self.error("the properties of a jCard must be an array; card skipped", f"{path}[1]")
            return None
        props: list[Property] = []
        version_at: int | None = None
        for i, raw in enumerate(node[1]):
            if len(props) >= self.limits.max_properties:
                self.issues.error(
                    f"more than {self.limits.max_properties} properties; the rest of the card "
                    f"is skipped (at {path}[1][{i}])"
                )
                break
            prop = self.plain(raw, path, i)
            if prop is None:
                prop = self.property(raw, path, i)
                if prop is None:
                    continue
            if version_at is None and prop.name.upper() == "VERSION":
                version_at = len(props)
            props.append(prop)
        if version_at is None:
            self.warning("a jCard needs a version property; read as vCard 4.0", path, "VERSION")
            props.insert(0, Property(None, "VERSION", (), "4.0"))
        elif props[version_at].value.strip() not in ("3.0", "4.0"):
            old = props[version_at]
            self.warning(
                f"jCard is vCard 4.0; version {old.value[:20]!r} read as 4.0",
                f"{path}[1]",
                "VERSION",
            )
            props[version_at] = Property(old.group, old.name, old.params, "4.0", old.line)
        children: list[Component] = []
        if len(node) == 3:
            subs = node[2]
            if not isinstance(subs, list):
                self.warning("the third element of a jCard is not an array; ignored", f"{path}[2]")
            else:
                for j, sub in enumerate(subs):
                    child = self.component(sub, f"{path}[2][{j}]", depth + 1)
                    if child is not None:
                        children.append(child)
        return Component("VCARD", tuple(props), tuple(children))

    def plain(self, raw: JSONValue, path: str, i: int) -> Property | None:
        """:meth:`property` of a property of the common shape, or ``None`` for any other.

        The common shape: a name already read, string parameters (none escaped, no
        ``VALUE``, a well-formed group), the name's default type (or ``unknown``) and
        values that need no word: one string (a date or time one that reads as such),
        one array of strings (or of arrays of strings) for a text type, or several
        strings for a text property that is not structured. Its
        record is :meth:`property`'s, with nothing to say about it; its JSON path is
        made only when an issue names it (:func:`_relocate`). Anything else (``None``)
        is read by :meth:`property`, which says what it must.
        """
        if type(raw) is not list or len(raw) < 4:
            return None
        name, params, vtype = raw[0], raw[1], raw[2]
        known = _NAMES.get(name) if type(name) is str else None
        if known is None or type(params) is not dict or type(vtype) is not str:
            return None
        key, name = known
        if vtype != _DEFAULT_TYPES.get(key, "unknown") and vtype != "unknown":
            return None
        group: str | None = None
        plist: list[tuple[str, tuple[str, ...]]] = []
        if params:
            found = _plain_params(params)
            if found is None:
                return None
            group, plist = found
        value = _plain_value(raw, key, vtype)
        if value is None:
            return None
        self.next_id += 1
        self.paths[self.next_id] = (path, i)
        return new_property(group, name, tuple(plist), value, self.next_id, None)

    def property(self, raw: JSONValue, card: str, i: int) -> Property | None:
        path = f"{card}[1][{i}]"
        if not isinstance(raw, list) or len(raw) < 4:
            self.error("a property is [name, {parameters}, type, value, ...]; skipped", path)
            return None
        name, params, vtype = raw[0], raw[1], raw[2]
        known = _NAMES.get(name) if type(name) is str else None
        if known is None:
            if not isinstance(name, str) or not _NAME_OK.match(name):
                self.error(f"property name {str(name)[:40]!r} is not a vCard name; skipped", path)
                return None
            known = _known_name(name)
        key, name = known
        if not isinstance(params, dict):
            self.error("property parameters must be an object; property skipped", path, key)
            return None
        if not isinstance(vtype, str) or not vtype.strip():
            self.error("property type must be a string; property skipped", path, key)
            return None
        vtype = vtype.strip().lower()
        group, plist = self.params(params, f"{path}[1]", key)
        value = self.values(raw[3:], key, vtype, path)
        if value is None:
            return None
        default = _type_of(key)
        if vtype not in (default, "unknown") and not (vtype == "phone-number" and default == _TEXT):
            plist.append(("VALUE", (vtype,)))
        self.next_id += 1
        self.paths[self.next_id] = (card, i)
        return new_property(group, name, tuple(plist), value, self.next_id, None)

    def params(
        self, params: dict[str, JSONValue], path: str, prop: str
    ) -> tuple[str | None, list[tuple[str, tuple[str, ...]]]]:
        group: str | None = None
        out: list[tuple[str, tuple[str, ...]]] = []
        for pname, pvalue in params.items():
            if not param_name_ok(pname):
                self.warning(
                    f"parameter name {pname[:40]!r} is not a vCard parameter name; dropped",
                    f"{path}.{pname}",
                    prop,
                )
                continue
            if type(pvalue) is str and "\x00" not in pvalue:
                texts = [pvalue]  # the common case: one plain string
            else:
                texts = self.param_texts(pvalue, path, pname, prop)
            key = pname.lower()
            if key not in ("group", "value") and _GROUP_LIKE.match(key):
                # an escaped vCard parameter (see _GROUP_LIKE): one prefix comes off
                out.append((_vcard_name(pname[len(_ESCAPE) :]), tuple(texts)))
                continue
            if key == "group":
                if len(texts) == 1 and group_ok(texts[0]):
                    group = texts[0]
                else:
                    self.warning(
                        "group must be letters, digits and '-' (dot-separated pieces); dropped",
                        f"{path}.{pname}",
                        prop,
                    )
                continue
            if key == "value":
                self.warning(
                    "VALUE belongs in the type element, not the parameters; dropped",
                    f"{path}.{pname}",
                    prop,
                )
                continue
            out.append((_vcard_name(pname), tuple(texts)))
        return group, out

    def param_texts(self, pvalue: JSONValue, path: str, pname: str, prop: str) -> list[str]:
        values = pvalue if isinstance(pvalue, list) else [pvalue]
        texts: list[str] = []
        for v in values:
            if isinstance(v, str) and "\x00" in v:
                # The model refuses NUL in a parameter value (no vCard can write it).
                self.warning(
                    f"NUL in parameter {pname} replaced by U+FFFD", f"{path}.{pname}", prop
                )
                texts.append(v.replace("\x00", "\ufffd"))
            elif isinstance(v, str):
                texts.append(v)
            elif isinstance(v, bool | int | float):
                texts.append(_json_scalar_text(v))
            else:
                self.warning(
                    f"parameter {pname} holds a {type(v).__name__}; dropped",
                    f"{path}.{pname}",
                    prop,
                )
        return texts

    def values(self, values: list[JSONValue], name: str, vtype: str, path: str) -> str | None:
        if len(values) == 1 and type(values[0]) is str:  # the common case: one string
            return self.scalar(values[0], vtype, path, name)
        for i, v in enumerate(values):
            if _too_deep(v, _MAX_VALUE_DEPTH) or isinstance(v, dict) or _holds_dict(v):
                self.error(
                    "a value is a string, number, boolean or an array of them (one level of "
                    "nesting); property skipped",
                    f"{path}[{3 + i}]",
                    name,
                )
                return None
        if vtype == "unknown":
            return ",".join(self.raw(v, path, name) for v in values)
        if len(values) > 1 and (name in _STRUCTURED or any(isinstance(v, list) for v in values)):
            self.warning("several structured values; joined with ','", path, name)
        texts: list[str] = []
        for v in values:
            if isinstance(v, list):
                comps = [
                    ",".join(self.scalar(x, vtype, path, name) for x in c)
                    if isinstance(c, list)
                    else self.scalar(c, vtype, path, name)
                    for c in v
                ]
                texts.append(";".join(comps))
            else:
                texts.append(self.scalar(v, vtype, path, name))
        return ",".join(texts)

    def raw(self, v: JSONValue, path: str, name: str) -> str:
        if isinstance(v, str):
            return v
        self.warning("an unknown-typed value should be a string; written as JSON", path, name)
        return _json.dumps(v, ensure_ascii=False) if isinstance(v, list) else _json_scalar_text(v)

    def scalar(self, v: JSONValue, vtype: str, path: str, name: str) -> str:
        if v is None:
            self.warning("null value read as empty text", path, name)
            return ""
        if not isinstance(v, str):
            text = _json_scalar_text(v)
            if vtype in _TEXT_TYPES:
                self.warning(
                    f"{vtype} value is a JSON {type(v).__name__}; read as text", path, name
                )
            return _escape(text) if vtype in _TEXT_TYPES else text
        if vtype in _TEXT_TYPES:
            return _escape(v)
        if vtype in _DATE_TYPES:
            basic = _datetime_value(v, vtype, False)
            if basic is None:
                self.warning(f"not a {vtype} value: {v[:40]!r}; kept as written", path, name)
                return v
            return basic
        if vtype == "utc-offset":
            z = _zone(v, False)
            if z is None:
                self.warning(f"not a utc-offset: {v[:40]!r}; kept as written", path, name)
                return v
            return z
        return v


def _json_scalar_text(v: JSONValue) -> str:
    if v is True:
        return "TRUE"
    if v is False:
        return "FALSE"
    if v is None:
        return ""
    if isinstance(v, float):
        text = repr(v)
        if "e" in text or "E" in text:
            text = f"{v:.20f}".rstrip("0").rstrip(".")
        return text
    return str(v)


def _too_deep(v: JSONValue, limit: int) -> bool:
    """Whether arrays nest deeper than ``limit`` in ``v`` (never recurses past ``limit``)."""
    if not isinstance(v, list):
        return False
    if limit == 0:
        return True
    return any(_too_deep(x, limit - 1) for x in v if isinstance(x, list))


def _holds_dict(v: JSONValue) -> bool:
    return isinstance(v, list) and any(isinstance(x, dict) or _holds_dict(x) for x in v)


def component_from_jcard(
    node: JSONValue,
    *,
    issues: IssueCollector | None = None,
    limits: Limits | None = None,
) -> Component | None:
    """The content-line component of one decoded jCard, or ``None`` if it is not one.

    Args:
        node: A decoded jCard, ``["vcard", [...]]``.
        issues: Where to record problems (a new collector if omitted).
        limits: Bounds on properties per card and nesting.

    Returns:
        The ``VCARD`` component, with uppercase names and vCard-escaped values.

    Raises:
        ParseError: The collector is strict and the jCard has an error.

    Examples:
        >>> card = component_from_jcard(["vcard", [["version", {}, "text", "4.0"],
        ...                                        ["n", {}, "text", ["Doe", "Jo", "", "", ""]]]])
        >>> card.properties[1].value
        'Doe;Jo;;;'
    """
    reader = _Reader(issues or IssueCollector(), limits or Limits())
    return reader.component(node, "$", 1)


# ----------------------------------------------------------------------- public API


def _decode(data: str | bytes, issues: IssueCollector) -> str:
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warning(f"JSON text is not valid UTF-8 (byte {exc.start}); bad bytes read as U+FFFD")
        return data.decode("utf-8", "replace")


def _reject_constant(name: str) -> JSONValue:
    raise ValueError(f"{name} is not a JSON number")


def _relocate(issue: Issue, paths: dict[int, tuple[str, int]]) -> Issue:
    """Replace a synthetic line number (a property id) by the JSON path it stands for."""
    if issue.line is None or issue.line not in paths:
        return issue
    card, i = paths[issue.line]
    message = f"{issue.message} (at {card}[1][{i}])"
    return Issue(issue.source, None, issue.property, issue.severity, message)


def loads(
    data: str | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Parsed[Contact]:
    r"""Read a jCard, or a JSON array of jCards.

    Args:
        data: JSON text or UTF-8 bytes.
        strict: Raise :class:`~netcore.errors.ParseError` at the first error instead of
            recording an issue.
        source: Name of the input, for issues and ``Contact.source``.
        limits: Bounds on properties per card and nesting
            (:class:`~netcore.formats.contentline.Limits`).

    Returns:
        The contacts, with ``.issues``; an issue's ``message`` ends with the JSON path of
        what it concerns (``$[1][3]``: the fourth property of the card).

    Raises:
        ParseError: In strict mode only; no other exception escapes, whatever the input.

    Examples:
        >>> cards = loads('[["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "A"],'
        ...               ' ["x-foo", {"group": "item1"}, "unknown", "a\\\\,b"]]]]')
        >>> print(cards[0].extensions[0].value)
        a\,b
        >>> loads("[1, 2").issues[0].message[:17]
        'not a JSON text: '
    """
    # The cyclic garbage collector is paused while the document and the records are
    # built: a 9 MB document is millions of long-lived objects that it would scan again
    # and again, freeing nothing.
    with _gc.paused():
        return _loads(data, strict=strict, source=source, limits=limits)


def _loads(
    data: str | bytes, *, strict: bool, source: str | None, limits: Limits | None
) -> Parsed[Contact]:
    collector = IssueCollector(source, strict=strict, capped=True)
    lim = limits or Limits()
    try:
        text = _decode(data, collector)
        try:
            doc = _json.loads(text, parse_constant=_reject_constant)
        except RecursionError:
            collector.error("not a JSON text: arrays nested too deeply")
            return Parsed([], collector.issues)
        except ValueError as exc:
            collector.error(f"not a JSON text: {exc}")
            return Parsed([], collector.issues)
        reader = _Reader(collector, lim)
        comps = reader.document(doc)
        contacts: list[Contact] = []
        mapped = IssueCollector(source, strict=False, capped=True)
        for comp in comps:
            try:
                contacts.append(
                    vcard.contact_from_component(
                        comp, issues=mapped, source=source, from_jcard=True
                    )
                )
            except (ValidationError, ValueError) as exc:
                mapped.error(f"card could not be read: {exc}")
            for issue in mapped.issues:
                collector.issues.append(_relocate(issue, reader.paths))
                if strict and issue.severity is Severity.ERROR:
                    raise ParseError.from_issue(collector.issues[-1], collector.issues)
            mapped.issues.clear()
        collector.issues.extend(collector.summary())
        collector.issues.extend(_relocate(i, reader.paths) for i in mapped.summary())
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("JSON nested too deeply", source=source, issues=collector.issues) from None
    except Exception as exc:  # pragma: no cover - a bug: never let it escape as another type
        raise ParseError(f"internal error: {exc!r}", source=source) from exc
    return Parsed(contacts, collector.issues)


def load(
    path_or_file: PathOrFile,
    *,
    strict: bool = False,
    limits: Limits | None = None,
) -> Parsed[Contact]:
    """Read a jCard file (JSON is read whole: it has no record boundaries to stream on).

    Args:
        path_or_file: A path or a binary file object.
        strict: As for :func:`loads`.
        limits: As for :func:`loads`.

    Returns:
        The contacts, with ``.issues``.

    Raises:
        ParseError: In strict mode only.
        OSError: The file cannot be read.

    Examples:
        >>> import io
        >>> load(io.BytesIO(b'["vcard", [["version", {}, "text", "4.0"], '
        ...                 b'["uid", {}, "uri", "u1"]]]'))[0].uid
        'u1'
    """
    return loads(
        read_bytes(path_or_file), strict=strict, source=source_name(path_or_file), limits=limits
    )


def dumps(contacts: Iterable[Contact] | Contact) -> str:
    """Write one contact as a jCard, or several as a JSON array of jCards.

    The layout puts one property per line, as RFC 7095 prints its examples.

    Args:
        contacts: A :class:`~netcore.model.Contact` (gives ``["vcard", ...]``) or an
            iterable of them (gives ``[["vcard", ...], ...]``, also when it holds one).

    Returns:
        The JSON text.

    Examples:
        >>> from netcore.model import Contact, Email
        >>> c = Contact(uid="u1", formatted_name="Ann", emails=(Email(address="a@b.org"),))
        >>> print(dumps([c]))
        [
          ["vcard",
            [
              ["version", {}, "text", "4.0"],
              ["fn", {}, "text", "Ann"],
              ["n", {}, "text", ["", "", "", "", ""]],
              ["email", {}, "text", "a@b.org"],
              ["uid", {}, "uri", "u1"]
            ]
          ]
        ]
    """
    single = isinstance(contacts, Contact)
    items = [contacts] if isinstance(contacts, Contact) else list(contacts)
    # Building the cards creates many long-lived objects that the cyclic collector would
    # scan again and again and free nothing (it made time grow x11 for x8 contacts).
    with _gc.paused():
        text = _write_cards(items, single, ensure_ascii=False)
        if not text.isascii():
            try:
                # a lone surrogate, which UTF-8 cannot hold: UTF-16 refuses exactly those
                # too, and checks in less than half the time
                text.encode("utf-16-le")
            except UnicodeEncodeError:  # lone surrogates: let JSON escape them as \\udcxx
                text = _write_cards(items, single, ensure_ascii=True)
    return text


def _write_cards(contacts: list[Contact], single: bool, *, ensure_ascii: bool) -> str:
    """The jCard text of the contacts, one property a line (as RFC 7095 prints them).

    Each property is what ``component_to_jcard(contact_to_component(c))`` holds, written
    as JSON without building it: the vCard 4.0 writer's properties, text properties'
    values unescaped as the writer hands them over, any other value through
    :func:`_values_to_json`. Each distinct head is turned into jCard (:func:`_jcard_head`)
    and encoded once, as ``["name", {parameters}, "type", `` (the encoder writes a list
    as its items joined by ``", "``); a property whose one value is a string then takes
    one call of the C string encoder, any other one encoder call per value.
    """
    encode = _encoder(ensure_ascii=ensure_ascii)
    string = (
        _json_encoder.encode_basestring_ascii if ensure_ascii else _json_encoder.encode_basestring
    )
    heads: dict[tuple[str | None, str, Params], tuple[str, str, str]] = {}
    indent = "" if single else "  "
    inner = indent + "    "
    start = f'{indent}["vcard",\n{indent}  [\n{inner}'
    sep = ",\n" + inner
    end = f"\n{indent}  ]\n{indent}]"
    cards: list[str] = []
    for contact in contacts:
        if len(heads) >= 4096:  # bounded, as the content-line writer's head cache
            heads.clear()
        props: list[str] = []
        append = props.append
        for group, pname, pparams, value in write_jcard_properties(contact):
            key = (group, pname, pparams)
            try:
                prefix, vtype, name = heads[key]
            except KeyError:
                jname, params, vtype, name = _jcard_head(group, pname, pparams)
                prefix = encode([jname, params, vtype])[:-1] + ", "
                heads[key] = (prefix, vtype, name)
            if not isinstance(value, list):  # vCard text, read as component_to_jcard reads it
                if vtype in _AS_WRITTEN:  # _values_to_json's first case, without the call
                    append(f"{prefix}{string(value)}]")
                    continue
                value = _values_to_json(value, name, vtype)
            if len(value) == 1 and type(value[0]) is str:
                append(f"{prefix}{string(value[0])}]")
            else:
                append(f"{prefix}{', '.join([encode(x) for x in value])}]")
        cards.append(start + sep.join(props) + end)
    if single:
        return cards[0]
    return "[\n" + ",\n".join(cards) + "\n]" if cards else "[]"


def _encoder(*, ensure_ascii: bool) -> Callable[[JSONValue], str]:
    """``JSONEncoder(ensure_ascii=...).encode``, made once for every value it encodes.

    ``JSONEncoder.encode`` makes a new C encoder for every call, about half of the cost
    of encoding one jCard property; CPython's ``c_make_encoder`` is the encoder it makes
    (the same arguments as ``iterencode`` gives it, so the same text), made once here.
    Without it (another Python), ``encode`` itself.
    """
    base = _json.JSONEncoder(ensure_ascii=ensure_ascii)
    make = getattr(_json_encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has it
        return base.encode
    strings = (
        _json_encoder.encode_basestring_ascii if ensure_ascii else _json_encoder.encode_basestring
    )
    one = make({}, base.default, strings, None, ": ", ", ", False, False, True)
    join = "".join

    def encode(value: JSONValue) -> str:
        return join(one(value, 0))

    return encode


def dump(contacts: Iterable[Contact] | Contact, path_or_file: PathOrFile) -> None:
    """Write contacts as jCard to a path (atomically) or a binary file object, UTF-8 encoded.

    Examples:
        >>> import io
        >>> from netcore.model import Contact
        >>> buf = io.BytesIO()
        >>> dump(Contact(uid="u", formatted_name="A"), buf)
        >>> buf.getvalue().startswith(b'["vcard",')
        True
    """
    write_bytes(dumps(contacts).encode("utf-8"), path_or_file)
