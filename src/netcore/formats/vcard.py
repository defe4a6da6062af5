r"""vCard 2.1, 3.0 and 4.0 to and from :class:`~netcore.model.Contact`.

Reading goes through :mod:`netcore.formats.contentline` (every line kept, every quirk of
the three versions understood) and maps the properties netcore models; every other
property, and every modelled one whose value cannot be read (an email without ``@``, a
birthday that is not a date), goes to ``Contact.extensions`` verbatim, with an issue.
Apple's ``itemN.X-ABLabel`` becomes the ``label`` of the property in the same group.

Details worth knowing:

* **uid**: a card without ``UID`` gets ``urn:uuid:`` + a UUID 5 of the card's own
  content lines, so the same input always gives the same uid.
* **formatted_name**: a card without ``FN`` gets one derived from ``N`` (prefixes, given,
  additional, family, suffixes), else the first ``ORG``, else the first email.
* ``ORG``, ``TITLE`` and ``ROLE`` pair up in order into ``Organization`` records.
* ``LABEL`` (2.1/3.0) attaches to the first ``ADR`` with the same types; the 4.0
  ``LABEL`` parameter of ``ADR`` is read too. Both fill ``Address.formatted``.
* Dates: ``YYYYMMDD``, ``YYYY-MM-DD``, date-times (the time is dropped), ``--MMDD``, ISO
  partial dates, and Apple's ``X-APPLE-OMIT-YEAR`` / year 1604 for "no year".
* ``PHOTO`` accepts base64 (``ENCODING=b``/``BASE64``), ``data:`` URIs and URLs; a
  second photo is an extension; a ``data:`` URI whose data is not valid base64 (any
  character outside the alphabet but whitespace), or a base64 value that cannot be
  decoded, is kept verbatim in extensions with a warning. A nested 2.1 ``AGENT`` card becomes an
  ``AGENT`` extension holding the escaped card text; any other nested component (a
  ``VEVENT``, say) becomes an ``X-NETCORE-COMPONENT`` extension holding its escaped text,
  with a warning naming its ``BEGIN`` line.
* Types are read case-insensitively and kept lowercase; ``pref`` (type or ``PREF=1``)
  becomes ``preferred``. Other parameters of modelled properties are not kept.
* ``cadence_days`` is written as ``X-NETCORE-CADENCE-DAYS`` and read back.

Writing follows each version: 2.1 writes bare type parameters and quoted-printable
with ``CHARSET=UTF-8`` for non-ASCII text or line breaks, and ends base64 with a blank
line; 3.0 writes ``TYPE=``, ``ENCODING=b`` photos and Apple's omitted year for
birthdays without one; 4.0 writes ``TYPE=``, ``PREF=1``, ``data:`` URIs and ``--MMDD``.
``FN`` is always written in 3.0 and 4.0 (derived when empty) and ``N`` in 2.1/3.0.

What a round trip ``loads(dumps(c, version=v))`` does not give back unchanged:

* every version: ``source`` (the reader sets it from its own argument); an empty
  ``formatted_name`` comes back derived; a phone's ``e164`` is recomputed from the number;
  group names of unlabelled properties and parameters other than types, pref, label,
  ``X-SERVICE-TYPE`` and (4.0) the ADR ``LABEL`` are not kept;
* every version: a ``Name`` whose components are all empty comes back as ``None`` (both
  are written as an empty ``N``, which 2.1 and 3.0 require); ``revision`` keeps its
  instant but not sub-second precision.

Examples:
    >>> from netcore.model import Contact, Email
    >>> text = dumps([Contact(uid="u1", formatted_name="Ada",
    ...                       emails=(Email(address="ada@example.org", label="Lab"),))])
    >>> print(text.replace("\r\n", "\n"), end="")
    BEGIN:VCARD
    VERSION:4.0
    FN:Ada
    N:;;;;
    item1.EMAIL:ada@example.org
    item1.X-ABLabel:Lab
    UID:u1
    END:VCARD
    >>> loads(text)[0].emails[0].label
    'Lab'
"""

from __future__ import annotations

import base64
import binascii
import gc
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any

import phonenumbers
from pydantic import ValidationError

from netcore._files import PathOrFile, iter_chunks, source_name, write_bytes
from netcore.errors import MissingDependencyError, ParseError, UnsupportedFormatError
from netcore.formats import contentline
from netcore.formats._vcard_text import (
    escape,
    format_date,
    format_timestamp,
    parse_date,
    parse_timestamp,
    split_escaped,
    unescape,
)
from netcore.formats.contentline import Component, Limits, Params, Property
from netcore.formats.issues import Issue, IssueCollector, Parsed
from netcore.model import (
    Address,
    Contact,
    Email,
    Extension,
    Name,
    Organization,
    PartialDate,
    Phone,
    Photo,
    Related,
    Url,
)

__all__ = [
    "VERSIONS",
    "contact_from_component",
    "contact_to_component",
    "derive_formatted_name",
    "dump",
    "dumps",
    "from_vobject",
    "iter_load",
    "load",
    "loads",
    "to_vobject",
]

VERSIONS = ("2.1", "3.0", "4.0")
"""The vCard versions netcore reads and writes."""

_UID_NAMESPACE = uuid.UUID("6f1c1a52-3b9e-5c1e-9a63-0e2f3c8b7d41")
_TYPE_SKIP = {"ENCODING", "CHARSET", "QUOTED-PRINTABLE", "BASE64", "VALUE", "LANGUAGE", "8BIT"}
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_DATA_URI = re.compile(r"data:([^;,]*)((?:;[^;,]*)*),(.*)\Z", re.DOTALL | re.IGNORECASE)
_LABELLED = {"EMAIL", "TEL", "ADR", "URL", "IMPP", "X-SOCIALPROFILE", "RELATED"}
_MODELLED = {
    "FN", "N", "NICKNAME", "EMAIL", "TEL", "ADR", "LABEL", "ORG", "TITLE", "ROLE", "URL",
    "BDAY", "ANNIVERSARY", "NOTE", "CATEGORIES", "UID", "REV", "PHOTO", "RELATED", "KIND",
    "GENDER", "IMPP", "X-SOCIALPROFILE", "VERSION", "X-NETCORE-CADENCE-DAYS",
}  # fmt: skip


# --------------------------------------------------------------------------- reading


def _types(prop: Property) -> tuple[tuple[str, ...], bool]:
    """Lowercase types (TYPE values and 2.1 bare params) and whether the property is preferred.

    Results are cached by the (hashable) parameters: cards repeat a handful of parameter
    lists (``TYPE=work``, ``TYPE=cell,voice``, ...), so the cache makes this a dict lookup
    and every contact shares the same small type tuples instead of holding copies.
    """
    params = prop.params
    if not params:
        return _NO_TYPES
    try:
        return _TYPES_CACHE[params]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - params built by hand with lists: not hashable
        return _compute_types(params)
    result = _compute_types(params)
    if len(_TYPES_CACHE) >= _TYPES_CACHE_SIZE:
        _TYPES_CACHE.clear()
    _TYPES_CACHE[params] = result
    return result


_NO_TYPES: tuple[tuple[str, ...], bool] = ((), False)
_TYPES_CACHE: dict[Params, tuple[tuple[str, ...], bool]] = {}
_TYPES_CACHE_SIZE = 2048


def _compute_types(params: Params) -> tuple[tuple[str, ...], bool]:
    # A dict keeps the first-seen order and finds a repeat in O(1): a list made this
    # quadratic on a line with thousands of types.
    types: dict[str, None] = {}
    preferred = False
    for name, values in params:
        key = name.upper()
        if key == "TYPE":
            for v in values:
                for t in v.split(","):
                    t = t.strip().lower()
                    if not t:
                        continue
                    if t == "pref":
                        preferred = True
                    else:
                        types.setdefault(t)
        elif key == "PREF":
            if not values or values[0].strip() == "1":
                preferred = True
        elif not values and key not in _TYPE_SKIP:
            t = name.strip().lower()
            if t == "pref":
                preferred = True
            elif t:
                types.setdefault(t)
    return tuple(sys.intern(t) for t in types), preferred


def _param(prop: Property, name: str) -> str | None:
    values = prop.param(name)
    return values[0] if values else None


def _extension(prop: Property) -> Extension:
    try:
        return Extension(name=prop.name, value=prop.value, group=prop.group, params=prop.params)
    except ValidationError:
        # A name no content line can carry (a control character in it): keep the property
        # under a name that can, with the original name, escaped, as its first parameter.
        # Never model_construct an invalid record: it would not survive JSON or the store.
        written = f"{prop.group}.{prop.name}" if prop.group is not None else prop.name
        original = written.encode("unicode_escape").decode("ascii")
        return Extension(
            name="X-NETCORE-BAD-NAME",
            value=prop.value,
            params=(("X-ORIGINAL-NAME", (original,)), *prop.params),
        )


def derive_formatted_name(contact: Contact) -> str:
    """The FN netcore writes for a contact without one: from N, else ORG, else email.

    Examples:
        >>> from netcore.model import Contact, Name
        >>> derive_formatted_name(Contact(uid="u", name=Name(given="Ada", family="Lovelace")))
        'Ada Lovelace'
    """
    if contact.formatted_name:
        return contact.formatted_name
    n = contact.name
    if n is not None:
        parts = [*n.prefixes, n.given, *n.additional, n.family, *n.suffixes]
        text = _one_line(" ".join(p for p in parts if p))
        if text:
            return text
    for org in contact.organizations:
        if _one_line(org.name):
            return _one_line(org.name)
    if contact.emails:
        return contact.emails[0].address
    return ""


_BREAKS = re.compile(r"[\t\r\n]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(text: str) -> str:
    """``text`` as a formatted name may hold it: line breaks as spaces, no control characters."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)).strip()


class _Builder:
    """Collects the fields of one contact while walking the card's properties.

    It runs in one of two modes with the same handlers:

    * **lazy** (the fast path): handlers collect plain dicts and the whole contact is
      validated once by ``Contact.model_validate``: pydantic-core validates the nested
      records in one call, far cheaper than one Python-level constructor call per
      property. Good cards (nearly all of them) take this path only.
    * **eager** (the reference): every record is constructed as its property is read, so
      that a value the model refuses goes to ``extensions`` with an issue, property by
      property. The lazy path falls back to it, after dropping the issues it recorded,
      whenever the one-shot validation fails, so the result is the same either way.
    """

    def __init__(
        self, comp: Component, issues: IssueCollector, source: str | None, *, eager: bool
    ) -> None:
        self.comp = comp
        self.issues = issues
        self.source = source
        self.eager = eager
        self.version = "2.1"
        self.f: dict[str, Any] = {}
        # Records in eager mode, their keyword dicts in lazy mode.
        self.emails: list[Any] = []
        self.phones: list[Any] = []
        self.addresses: list[Any] = []
        self.orgs: list[dict[str, Any]] = []
        self.titles: list[str | None] = []
        self.roles: list[str | None] = []
        self.urls: list[Any] = []
        self.impps: list[Any] = []
        self.socials: list[Any] = []
        self.related: list[Any] = []
        self.nicknames: list[str] = []
        self.categories: list[str] = []
        self.extensions: list[Any] = []
        self.labels: list[Property] = []
        self.label_map: dict[str, str] = {}
        self.groups_modelled: set[str] = set()

    def record(self, cls: type[Any], kw: dict[str, Any]) -> Any:
        """``cls(**kw)`` in eager mode; ``kw`` itself, validated later, in lazy mode."""
        return cls(**kw) if self.eager else kw

    def extension(self, prop: Property) -> Any:
        if self.eager:
            ext = _extension(prop)
            if ext.name != prop.name:
                self.issues.warning(
                    "property name or group cannot be written back as it is; kept as "
                    "X-NETCORE-BAD-NAME with the original in X-ORIGINAL-NAME",
                    line=prop.line,
                    property=prop.name,
                )
            return ext
        return {"name": prop.name, "value": prop.value, "group": prop.group, "params": prop.params}

    def _warn(self, prop: Property, message: str) -> None:
        self.issues.warning(f"{message}; kept in extensions", line=prop.line, property=prop.name)
        self.extensions.append(self.extension(prop))

    def text(self, prop: Property) -> str:
        return unescape(prop.value, self.version)

    def build(self) -> Contact:
        comp = self.comp
        props = comp.properties
        keys = [prop.name.upper() for prop in props]
        labels = self.label_map
        groups_modelled = self.groups_modelled
        for key, prop in zip(keys, props, strict=True):
            group = prop.group
            if key == "VERSION":
                v = prop.value.strip()
                if v in VERSIONS:
                    self.version = v
            elif key == "X-ABLABEL" and group:
                labels.setdefault(group.lower(), _share(unescape(prop.value, "3.0")))
            if group and key in _LABELLED:
                groups_modelled.add(group.lower())
        handlers = _HANDLERS
        for key, prop in zip(keys, props, strict=True):
            handler = handlers.get(key)
            if handler is not None:
                try:
                    handler(self, prop)
                except ValidationError as exc:
                    first = exc.errors()[0].get("msg", "invalid value") if exc.errors() else ""
                    self._warn(prop, f"value not accepted ({first})")
            elif key == "X-ABLABEL" and prop.group and prop.group.lower() in groups_modelled:
                continue  # read as the label of the property in its group
            else:
                self.extensions.append(self.extension(prop))
        for child in comp.children:
            text = escape(contentline.digest_text(child).replace("\r\n", "\n"), "3.0")
            if child.name.upper() == "VCARD":  # a 2.1 AGENT: the card of someone else
                self.extensions.append(self.record(Extension, {"name": "AGENT", "value": text}))
                continue
            self.issues.warning(
                f"{child.name} component inside a vCard is not part of the card; kept "
                f"verbatim in extensions as {_COMPONENT}",
                line=child.line,
                property="BEGIN",
            )
            self.extensions.append(self.record(Extension, {"name": _COMPONENT, "value": text}))
        if self.labels:
            self._attach_labels()
        return self._finish()

    def label(self, prop: Property) -> str | None:
        if prop.group:
            return self.label_map.get(prop.group.lower())
        return None

    def _attach_labels(self) -> None:
        eager = self.eager
        # The addresses still without a formatted text, by their set of types, in order:
        # each LABEL takes the first of its set (one pass over each, not LABEL x ADR).
        free: dict[frozenset[str], list[int]] = {}
        for i, adr in enumerate(self.addresses):
            formatted, adr_types = (
                (adr.formatted, adr.types) if eager else (adr["formatted"], adr["types"])
            )
            if formatted is None:
                free.setdefault(frozenset(adr_types), []).append(i)
        for queue in free.values():
            queue.reverse()  # pop() from the end gives the first address
        for prop in self.labels:
            text = self.text(prop)
            types, _ = _types(prop)
            waiting = free.get(frozenset(types))
            target = waiting.pop() if waiting else None
            if target is None:
                self.extensions.append(self.extension(prop))
                continue
            if eager:
                self.addresses[target] = self.addresses[target].model_copy(
                    update={"formatted": text}
                )
            else:
                self.addresses[target]["formatted"] = text

    def _finish(self) -> Contact:
        f = self.f
        orgs: list[Any] = []
        count = max(len(self.orgs), len(self.titles), len(self.roles))
        for i in range(count):
            base = self.orgs[i] if i < len(self.orgs) else {}
            title = self.titles[i] if i < len(self.titles) else None
            role = self.roles[i] if i < len(self.roles) else None
            orgs.append(
                self.record(Organization, {**base, "title": title or None, "role": role or None})
            )
        uid = f.pop("uid", None)
        if not uid:
            digest = contentline.digest_text(self.comp)
            uid = f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, digest)}"
            self.issues.info(
                f"card has no UID; derived {uid} from its content", line=self.comp.line
            )
        data = {
            "uid": uid,
            "nicknames": tuple(self.nicknames),
            "emails": tuple(self.emails),
            "phones": tuple(self.phones),
            "addresses": tuple(self.addresses),
            "organizations": tuple(orgs),
            "urls": tuple(self.urls),
            "impps": tuple(self.impps),
            "social_profiles": tuple(self.socials),
            "categories": tuple(self.categories),
            "related": tuple(self.related),
            "extensions": tuple(self.extensions),
            "source": self.source,
            **f,
        }
        contact = Contact(**data) if self.eager else Contact.model_validate(data)
        if not contact.formatted_name:
            derived = derive_formatted_name(contact)
            if derived:
                contact = contact.model_copy(update={"formatted_name": derived})
        return contact


_SHARED: dict[str, str] = {}


def _share(text: str) -> str:
    """One shared copy of short strings that repeat across cards (labels, media types)."""
    if len(text) > 40:
        return text
    shared = _SHARED.get(text)
    if shared is None:
        if len(_SHARED) >= 1024:
            _SHARED.clear()
        _SHARED[text] = shared = text
    return shared


def _build(comp: Component, issues: IssueCollector, source: str | None) -> Contact:
    """The contact of one card: the lazy path, or the eager one when validation fails."""
    mark = len(issues.issues)
    try:
        return _Builder(comp, issues, source, eager=False).build()
    except ValidationError:
        # Some value is refused by the model: redo the card property by property so that
        # exactly the refused ones go to extensions, with the issues of that pass only.
        del issues.issues[mark:]
    return _Builder(comp, issues, source, eager=True).build()


_Handler = Callable[[_Builder, Property], None]


def _check_field(field: str, value: Any) -> None:
    """Validate one field of ``Contact`` alone; raises ``ValidationError`` if refused."""
    Contact.model_validate({"uid": value} if field == "uid" else {"uid": "u", field: value})


def _once(field: str) -> Callable[[_Handler], _Handler]:
    """A handler for a single-valued field: a second property goes to extensions.

    In eager mode the value the handler stored is validated at once; a refused one is
    taken back out of the fields before the ``ValidationError`` reaches
    :meth:`_Builder.build` (which keeps the property in extensions with a warning), so that
    it cannot fail the whole card when the contact is built.
    """

    def decorator(fn: _Handler) -> _Handler:
        def wrapper(b: _Builder, prop: Property) -> None:
            if field in b.f:
                b.extensions.append(b.extension(prop))
                return
            if not b.eager:
                fn(b, prop)
                return
            try:
                fn(b, prop)
                if field in b.f:
                    _check_field(field, b.f[field])
            except ValidationError:
                b.f.pop(field, None)
                raise

        return wrapper

    return decorator


@_once("formatted_name")
def _fn(b: _Builder, prop: Property) -> None:
    b.f["formatted_name"] = b.text(prop).strip("\n")


@_once("name")
def _n(b: _Builder, prop: Property) -> None:
    parts = [*split_escaped(prop.value, ";"), "", "", "", "", ""]
    version = b.version

    def many(raw: str) -> tuple[str, ...]:
        if not raw:
            return ()
        return tuple(t for t in (unescape(x, version) for x in split_escaped(raw, ",")) if t != "")

    extra = ";".join(parts[5:]).strip(";")
    if extra:
        b.issues.info("N has more than five components; the rest are ignored", line=prop.line)
        b.extensions.append(b.extension(prop))
    if not any(p.strip() for p in parts[:5]):
        b.f["name"] = None  # an empty N is the same as none
        return
    b.f["name"] = b.record(
        Name,
        {
            "family": unescape(parts[0], version),
            "given": unescape(parts[1], version),
            "additional": many(parts[2]),
            "prefixes": many(parts[3]),
            "suffixes": many(parts[4]),
        },
    )


def _nickname(b: _Builder, prop: Property) -> None:
    b.nicknames.extend(_items(prop.value, b.version))


def _items(value: str, version: str) -> list[str]:
    """The comma-separated items of a list value, spaces kept as the model keeps them.

    Only blank items (``a,,b``) are left out.
    """
    items = (unescape(x, version) for x in split_escaped(value, ","))
    return [t for t in items if t.strip()]


def _email(b: _Builder, prop: Property) -> None:
    types, pref = _types(prop)
    # Spaces kept as written, as the model keeps them; a line break at either end (an
    # escaped \n some exporters append) cannot stand in an address and is dropped.
    address = b.text(prop).strip("\r\n")
    if address[:7].lower() == "mailto:":
        address = address[7:]
    b.emails.append(
        b.record(
            Email, {"address": address, "types": types, "preferred": pref, "label": b.label(prop)}
        )
    )


@lru_cache(maxsize=4096)
def _e164(number: str) -> str | None:
    """The E.164 form of an international number when ``phonenumbers`` finds it valid.

    Cached (bounded): parsing and validating a number costs far more than mapping the
    rest of a card, and address books repeat numbers (switchboards, duplicated cards).
    """
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def _tel(b: _Builder, prop: Property) -> None:
    types, pref = _types(prop)
    number = b.text(prop).strip("\r\n")
    if number[:4].lower() == "tel:":
        number = number[4:]
    if not number.strip():
        b._warn(prop, "empty phone number")
        return
    b.phones.append(
        b.record(
            Phone,
            {
                "number": number,
                "e164": _e164(number) if number.startswith("+") else None,
                "types": types,
                "preferred": pref,
                "label": b.label(prop),
            },
        )
    )


def _adr(b: _Builder, prop: Property) -> None:
    types, pref = _types(prop)
    version = b.version
    parts = [unescape(p, version) for p in split_escaped(prop.value, ";")]
    if len(parts) > 7:
        parts = [*parts[:6], ";".join(parts[6:])]
    elif len(parts) < 7:
        parts += [""] * (7 - len(parts))
    formatted = _param(prop, "LABEL") if prop.params else None
    if formatted is not None and version == "4.0":
        # RFC 6350 writes line breaks in LABEL as \n; netcore writes ^n (RFC 6868) and
        # escapes its backslashes, so both read back.
        formatted = unescape(formatted, version)
    b.addresses.append(
        b.record(
            Address,
            {
                "po_box": parts[0],
                "extended": parts[1],
                "street": parts[2],
                "locality": parts[3],
                "region": parts[4],
                "postal_code": parts[5],
                "country": parts[6],
                "types": types,
                "preferred": pref,
                "label": b.label(prop),
                "formatted": formatted,
            },
        )
    )


def _label(b: _Builder, prop: Property) -> None:
    b.labels.append(prop)


def _org(b: _Builder, prop: Property) -> None:
    parts = [unescape(p, b.version) for p in split_escaped(prop.value, ";")]
    units = tuple(parts[1:])
    while units and units[-1] == "":
        units = units[:-1]
    b.orgs.append({"name": parts[0], "units": units})


def _title(b: _Builder, prop: Property) -> None:
    b.titles.append(b.text(prop))


def _role(b: _Builder, prop: Property) -> None:
    b.roles.append(b.text(prop))


def _url_of(b: _Builder, prop: Property) -> Any:
    types, pref = _types(prop)
    service = _param(prop, "X-SERVICE-TYPE") if prop.params else None
    return b.record(
        Url,
        {
            "value": b.text(prop).strip("\r\n"),
            "types": types,
            "preferred": pref,
            "label": b.label(prop),
            "service": service,
        },
    )


def _url(b: _Builder, prop: Property) -> None:
    b.urls.append(_url_of(b, prop))


def _impp(b: _Builder, prop: Property) -> None:
    b.impps.append(_url_of(b, prop))


def _social(b: _Builder, prop: Property) -> None:
    b.socials.append(_url_of(b, prop))


def _date_prop(field: str) -> _Handler:
    @_once(field)
    def handler(b: _Builder, prop: Property) -> None:
        omit = _param(prop, "X-APPLE-OMIT-YEAR") if prop.params else None
        value = parse_date(b.text(prop), omit)
        if value is None:
            b._warn(prop, f"not a date: {prop.value[:40]!r}")
            return
        b.f[field] = value

    return handler


@_once("note")
def _note(b: _Builder, prop: Property) -> None:
    b.f["note"] = b.text(prop)


def _categories(b: _Builder, prop: Property) -> None:
    b.categories.extend(_items(prop.value, b.version))


@_once("uid")
def _uid(b: _Builder, prop: Property) -> None:
    value = b.text(prop).strip("\r\n")  # "ann" and "ann " are two uids, as in the model
    if not value.strip():
        b._warn(prop, "empty UID")
        return
    b.f["uid"] = value


@_once("revision")
def _rev(b: _Builder, prop: Property) -> None:
    value, floating = parse_timestamp(b.text(prop))
    if value is None:
        b._warn(prop, f"not a timestamp: {prop.value[:40]!r}")
        return
    if floating:
        b.issues.info("REV has no time zone; read as UTC", line=prop.line, property=prop.name)
    b.f["revision"] = value


_IMAGE_SUBTYPES = frozenset(
    {"jpeg", "jpg", "png", "gif", "bmp", "tiff", "tif", "webp", "heic", "heif", "svg+xml"}
)
_TOKEN = re.compile(r"^[A-Za-z0-9-]+$")


def _media_type(prop: Property) -> str | None:
    for name, values in prop.params:
        key = name.upper()
        if key in ("TYPE", "MEDIATYPE") and values:
            v = values[0].strip().lower()
            # TYPE=WORK on a PHOTO (KDE writes it) is not a media type.
            if "/" in v:
                return _share(v)
            if v in _IMAGE_SUBTYPES:
                return _share(f"image/{v}")
        elif not values and key in ("JPEG", "PNG", "GIF", "BMP", "TIFF", "JPG"):
            return _share(f"image/{name.lower()}")
    return None


_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)


def _sniff(data: bytes, declared: str | None) -> str | None:
    """The media type of inline photo bytes: as declared, else from the file's magic bytes.

    ``application/octet-stream`` (what a writer puts for "unknown") counts as undeclared,
    so that a photo read without a type reads back the same after a 4.0 round trip.
    """
    if declared and declared != "application/octet-stream":
        return declared
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@_once("photo")
def _photo(b: _Builder, prop: Property) -> None:
    value = prop.value.strip()
    if not value:
        b._warn(prop, "empty PHOTO")
        return
    if prop.encoding == "base64":
        try:
            data = base64.b64decode(value + "=" * (-len(value) % 4), validate=False)
        except (binascii.Error, ValueError):
            b._warn(prop, "PHOTO is not valid base64")
            return
        if not data:
            b._warn(prop, "empty PHOTO")
            return
        media = _sniff(data, _media_type(prop))
        b.f["photo"] = b.record(Photo, {"data": data, "media_type": media})
        return
    uri = unescape(value, "3.0" if b.version == "2.1" else b.version)
    m = _DATA_URI.match(uri)
    if m is not None and ";base64" in m.group(2).lower():
        payload = "".join(m.group(3).split())
        try:
            # validate=True: a character outside the base64 alphabet is an error, not
            # silently skipped (which would lose the value).
            data = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
        except (binascii.Error, ValueError):
            b._warn(prop, "PHOTO data: URI is not valid base64")
            return
        media = _sniff(data, _share(m.group(1).lower()) or None)
        b.f["photo"] = b.record(Photo, {"data": data, "media_type": media})
        return
    b.f["photo"] = b.record(Photo, {"uri": uri, "media_type": _media_type(prop)})


def _related(b: _Builder, prop: Property) -> None:
    types, _ = _types(prop)
    value = b.text(prop).strip("\r\n")
    if not value.strip():
        b._warn(prop, "empty RELATED")
        return
    b.related.append(b.record(Related, {"value": value, "types": types, "label": b.label(prop)}))


@_once("kind")
def _kind(b: _Builder, prop: Property) -> None:
    b.f["kind"] = _share(b.text(prop).strip().lower())


@_once("gender")
def _gender(b: _Builder, prop: Property) -> None:
    b.f["gender"] = b.text(prop)


@_once("cadence_days")
def _cadence(b: _Builder, prop: Property) -> None:
    try:
        b.f["cadence_days"] = int(prop.value.strip())
    except ValueError:
        b._warn(prop, "not a number of days")


def _version(b: _Builder, prop: Property) -> None:
    if prop.value.strip() not in VERSIONS:
        b.issues.warning(
            f"unknown vCard version {prop.value.strip()!r}; read with the 2.1-3.0 rules",
            line=prop.line,
            property="VERSION",
        )
        b.extensions.append(b.extension(prop))


_COMPONENT = "X-NETCORE-COMPONENT"
"""The extension holding a nested component other than a vCard, as escaped text."""

_HANDLERS: dict[str, _Handler] = {
    "VERSION": _version,
    "FN": _fn,
    "N": _n,
    "NICKNAME": _nickname,
    "EMAIL": _email,
    "TEL": _tel,
    "ADR": _adr,
    "LABEL": _label,
    "ORG": _org,
    "TITLE": _title,
    "ROLE": _role,
    "URL": _url,
    "IMPP": _impp,
    "X-SOCIALPROFILE": _social,
    "BDAY": _date_prop("birthday"),
    "ANNIVERSARY": _date_prop("anniversary"),
    "NOTE": _note,
    "CATEGORIES": _categories,
    "UID": _uid,
    "REV": _rev,
    "PHOTO": _photo,
    "RELATED": _related,
    "KIND": _kind,
    "GENDER": _gender,
    "X-NETCORE-CADENCE-DAYS": _cadence,
}


def contact_from_component(
    component: Component, *, issues: IssueCollector | None = None, source: str | None = None
) -> Contact:
    r"""Map one parsed ``VCARD`` component to a :class:`~netcore.model.Contact`.

    Args:
        component: A component from :func:`netcore.formats.contentline.parse`.
        issues: Where to record what could not be mapped (a new collector if omitted).
        source: Copied into ``Contact.source``.

    Returns:
        The contact; properties netcore does not model are in ``extensions``.

    Examples:
        >>> comp = contentline.parse("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nUID:1\nEND:VCARD\n")[0]
        >>> contact_from_component(comp).formatted_name
        'Ann'
    """
    collector = issues if issues is not None else IssueCollector(source)
    return _build(component, collector, source)


def _read_components(
    comps: Iterable[Component], collector: IssueCollector, source: str | None
) -> Iterator[Contact]:
    for comp in comps:
        if comp.name.upper() != "VCARD":
            collector.warning(
                f"{comp.name} component is not a vCard; skipped",
                line=comp.line,
                property="BEGIN",
            )
            continue
        try:
            yield _build(comp, collector, source)
        except ParseError:
            raise
        except (ValidationError, ValueError) as exc:
            collector.error(f"card could not be read: {exc}", line=comp.line)


def loads(
    data: str | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Parsed[Contact]:
    r"""Read every card in ``data``.

    Args:
        data: vCard text or bytes (2.1, 3.0 or 4.0; several cards; any charset).
        strict: Raise :class:`~netcore.errors.ParseError` on the first error (a missing
            END, a limit) instead of recording an issue.
        source: Name of the input, for issues and ``Contact.source``.
        limits: Bounds on line length, card size, property count and nesting
            (:class:`~netcore.formats.contentline.Limits`).

    Returns:
        The contacts, with ``.issues`` naming line and property.

    Raises:
        ParseError: In strict mode only; no other exception escapes, whatever the input.

    Examples:
        >>> cards = loads(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\n"
        ...               b"TEL;CELL;PREF:+1 202 555 0143\r\nEND:VCARD\r\n")
        >>> c = cards[0]
        >>> c.formatted_name, c.phones[0].types, c.phones[0].preferred, c.phones[0].e164
        ('John Doe', ('cell',), True, '+12025550143')
    """
    collector = IssueCollector(source, strict=strict, capped=True)
    # The cyclic garbage collector is paused while the batch is built: it would otherwise
    # dominate bulk record creation while freeing nothing (see DESIGN.md).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        comps = contentline.parse(
            data, strict=strict, source=source, limits=limits, implicit="VCARD"
        )
        collector.issues.extend(comps.issues)
        contacts = list(_read_components(comps, collector, source))
        collector.issues.extend(collector.summary())
    except ParseError:
        raise
    except Exception as exc:  # pragma: no cover - a bug: never let it escape as another type
        raise ParseError(f"internal error: {exc!r}", source=source) from exc
    finally:
        if was_enabled:
            gc.enable()
    return Parsed(contacts, collector.issues)


def iter_load(
    path_or_file: PathOrFile,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[Contact]:
    r"""Yield the contacts of a vCard file one at a time, reading it in chunks.

    Memory stays bounded by the largest card, not by the file: use this to import files
    too large to hold as one list (a store import, a conversion). Issues are appended to
    ``issues`` as they are found.

    Args:
        path_or_file: A path or a binary file object.
        strict: As for :func:`loads`.
        limits: As for :func:`loads`.
        issues: A list that receives every :class:`~netcore.formats.issues.Issue`.

    Raises:
        ParseError: In strict mode only.
        OSError: The file cannot be read.

    Examples:
        >>> import io
        >>> found: list[Issue] = []
        >>> data = b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\nBEGIN:VCARD\nUID:b\n"
        >>> [c.uid for c in iter_load(io.BytesIO(data), issues=found)]
        ['a', 'b']
        >>> found[0].message
        'BEGIN:VCARD (line 6) has no END before the end of the input'
    """
    source = source_name(path_or_file)
    collector = IssueCollector(source, strict=strict, capped=True)
    if issues is not None:
        collector.issues = issues
    try:
        comps = contentline.iter_components(
            iter_chunks(path_or_file),
            strict=strict,
            source=source,
            limits=limits,
            implicit="VCARD",
            issues=collector.issues,
        )
        yield from _read_components(comps, collector, source)
        collector.issues.extend(collector.summary())
    except (ParseError, OSError):
        raise
    except Exception as exc:  # pragma: no cover - a bug: never let it escape as another type
        raise ParseError(f"internal error: {exc!r}", source=source) from exc


def load(
    path_or_file: PathOrFile, *, strict: bool = False, limits: Limits | None = None
) -> Parsed[Contact]:
    r"""Read a vCard file card by card into a list (see :func:`iter_load` to stream).

    The cyclic garbage collector is paused while the batch is built: it would otherwise
    dominate bulk record creation while freeing nothing (see DESIGN.md).

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
        >>> load(io.BytesIO(b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\n"))[0].uid
        'a'
    """
    sink: list[Issue] = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        out = list(iter_load(path_or_file, strict=strict, limits=limits, issues=sink))
    finally:
        if was_enabled:
            gc.enable()
    return Parsed(out, sink)


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self, version: str, contact: Contact) -> None:
        self.v = version
        self.props: list[Property] = []
        taken = {e.group.lower() for e in contact.extensions if e.group}
        self.taken = taken
        self.next_group = 1

    def group(self) -> str:
        while f"item{self.next_group}" in self.taken:
            self.next_group += 1
        g = f"item{self.next_group}"
        self.taken.add(g)
        return g

    def text_params(self, value: str) -> Params:
        if self.v == "2.1" and (not value.isascii() or "\n" in value or "\r" in value):
            return (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))
        return ()

    def add(
        self,
        name: str,
        value: str,
        params: Params = (),
        *,
        label: str | None = None,
        raw: bool = False,
    ) -> None:
        if not raw:
            params = params + self.text_params(value)
        group = self.group() if label is not None else None
        self.props.append(Property(group, name, params, value))
        if label is not None:
            lab = self.text(label)
            self.props.append(Property(group, "X-ABLabel", self.text_params(lab), lab))

    def typed(self, types: tuple[str, ...], preferred: bool) -> Params:
        key = (self.v, types, preferred)
        params = _TYPED.get(key)
        if params is None:
            params = self._typed(types, preferred)
            if len(_TYPED) >= 1024:
                _TYPED.clear()
            _TYPED[key] = params
        return params

    def _typed(self, types: tuple[str, ...], preferred: bool) -> Params:
        if self.v == "2.1":
            # 2.1 writes types as bare parameters (TEL;CELL;PREF); a type that is not a
            # plain token (it holds ':' or ';', say) is written as TYPE="..." instead.
            out: list[tuple[str, tuple[str, ...]]] = [
                (t.upper(), ()) if _TOKEN.match(t) else ("TYPE", (t,)) for t in types
            ]
            if preferred:
                out.append(("PREF", ()))
            return tuple(out)
        values = list(types)
        if preferred and self.v == "3.0":
            values.append("pref")
        params: list[tuple[str, tuple[str, ...]]] = []
        if values:
            params.append(("TYPE", tuple(values)))
        if preferred and self.v == "4.0":
            params.append(("PREF", ("1",)))
        return tuple(params)

    def esc(self, value: str, structured: bool = True) -> str:
        return escape(value, self.v, structured=structured)

    def text(self, value: str) -> str:
        r"""A TEXT value: ``,`` ``;`` and ``\\`` escaped in 3.0/4.0 (RFC 2426, RFC 6350 3.4)."""
        return escape(value, self.v, structured=self.v != "2.1")


# Type parameters as written, by (version, types, preferred): shared by every contact.
_TYPED: dict[tuple[str, tuple[str, ...], bool], Params] = {}


def _write_date(w: _Writer, name: str, value: date | PartialDate | None) -> None:
    if value is None:
        return
    text, omit = format_date(value, w.v)
    params: Params = (("X-APPLE-OMIT-YEAR", ("1604",)),) if omit else ()
    w.add(name, text, params, raw=True)


def contact_to_component(contact: Contact, *, version: str = "4.0") -> Component:
    """Build the ``VCARD`` component that :func:`dumps` writes for ``contact``.

    Args:
        contact: The contact.
        version: ``"2.1"``, ``"3.0"`` or ``"4.0"``.

    Returns:
        The component (properties in netcore's order, extensions last).

    Raises:
        UnsupportedFormatError: An unknown version.

    Examples:
        >>> from netcore.model import Contact
        >>> [p.name for p in contact_to_component(Contact(uid="u", formatted_name="A")).properties]
        ['VERSION', 'FN', 'N', 'UID']
    """
    if version not in VERSIONS:
        raise UnsupportedFormatError(f"vCard version must be one of {VERSIONS}, got {version!r}")
    w = _Writer(version, contact)
    for part in _PARTS:
        part(w, contact)
    return Component("VCARD", tuple(w.props), ())


def _write_names(w: _Writer, contact: Contact) -> None:
    v = w.v
    w.add("VERSION", v, raw=True)
    fn = contact.formatted_name or (derive_formatted_name(contact) if v != "2.1" else "")
    if fn or v != "2.1":
        w.add("FN", w.text(fn))
    name = contact.name or Name()  # written in every version, empty when there is none
    comps = [
        w.esc(name.family),
        w.esc(name.given),
        ",".join(w.esc(x) for x in name.additional),
        ",".join(w.esc(x) for x in name.prefixes),
        ",".join(w.esc(x) for x in name.suffixes),
    ]
    w.add("N", ";".join(comps))
    if contact.nicknames:
        w.add("NICKNAME", ",".join(w.esc(x) for x in contact.nicknames))


def _write_photo(w: _Writer, contact: Contact) -> None:
    photo = contact.photo
    if photo is None:
        return
    v = w.v
    if photo.data is not None:
        b64 = base64.b64encode(photo.data).decode("ascii")
        mt = photo.media_type
        if v == "4.0":
            w.add("PHOTO", f"data:{mt or 'application/octet-stream'};base64,{b64}", raw=True)
            return
        sub = None
        if mt:
            sub = mt[6:].upper() if mt.lower().startswith("image/") else mt
        if v == "3.0":
            p: Params = (("ENCODING", ("b",)),)
            if sub:
                p += (("TYPE", (sub,)),)
        else:
            p = (("ENCODING", ("BASE64",)),)
            if sub:
                p += ((sub, ()) if "/" not in sub else ("TYPE", (sub,)),)
        w.add("PHOTO", b64, p, raw=True)
    elif photo.uri is not None:
        p = ()
        if v == "3.0":
            p = (("VALUE", ("uri",)),)
        elif v == "2.1":
            p = (("VALUE", ("URL",)),)
        if photo.media_type:
            key = "MEDIATYPE" if v == "4.0" else "TYPE"
            p += ((key, (photo.media_type,)),)
        w.add("PHOTO", w.esc(photo.uri, structured=False), p)


def _write_dates(w: _Writer, contact: Contact) -> None:
    _write_date(w, "BDAY", contact.birthday)
    _write_date(w, "ANNIVERSARY", contact.anniversary)
    if contact.gender is not None:
        w.add("GENDER", w.esc(contact.gender, structured=False))


def _write_addresses(w: _Writer, contact: Contact) -> None:
    v = w.v
    for adr in contact.addresses:
        parts = [
            adr.po_box,
            adr.extended,
            adr.street,
            adr.locality,
            adr.region,
            adr.postal_code,
            adr.country,
        ]
        params = w.typed(adr.types, adr.preferred)
        if v == "4.0" and adr.formatted is not None:
            params += (("LABEL", (adr.formatted.replace("\\", "\\\\"),)),)
        w.add("ADR", ";".join(w.esc(x) for x in parts), params, label=adr.label)
        if v != "4.0" and adr.formatted is not None:
            w.add("LABEL", w.text(adr.formatted), w.typed(adr.types, False))


def _write_reachable(w: _Writer, contact: Contact) -> None:
    for tel in contact.phones:
        value = w.esc(tel.number, structured=False)
        w.add("TEL", value, w.typed(tel.types, tel.preferred), label=tel.label)
    for em in contact.emails:
        w.add(
            "EMAIL",
            w.esc(em.address, structured=False),
            w.typed(em.types, em.preferred),
            label=em.label,
        )
    for pname, items in (("IMPP", contact.impps), ("X-SOCIALPROFILE", contact.social_profiles)):
        for url in items:
            _write_url(w, pname, url)


def _write_url(w: _Writer, pname: str, url: Url) -> None:
    params = w.typed(url.types, url.preferred)
    if url.service is not None:
        params += (("X-SERVICE-TYPE", (url.service,)),)
    w.add(pname, w.esc(url.value, structured=False), params, label=url.label)


def _write_work(w: _Writer, contact: Contact) -> None:
    orgs = contact.organizations
    last_title = max((i for i, o in enumerate(orgs) if o.title is not None), default=-1)
    last_role = max((i for i, o in enumerate(orgs) if o.role is not None), default=-1)
    for org in orgs:
        w.add("ORG", ";".join(w.esc(x) for x in (org.name, *org.units)))
    for i in range(last_title + 1):
        w.add("TITLE", w.text(orgs[i].title or ""))
    for i in range(last_role + 1):
        w.add("ROLE", w.text(orgs[i].role or ""))
    if contact.categories:
        w.add("CATEGORIES", ",".join(w.esc(x) for x in contact.categories))
    if contact.note is not None:
        w.add("NOTE", w.text(contact.note))


def _write_links(w: _Writer, contact: Contact) -> None:
    for rel in contact.related:
        params = w.typed(rel.types, False)
        if w.v == "4.0" and not _URL_LIKE.match(rel.value):
            params += (("VALUE", ("text",)),)
        w.add("RELATED", w.esc(rel.value), params, label=rel.label)
    for url in contact.urls:
        _write_url(w, "URL", url)
    if contact.kind is not None:
        w.add("KIND", w.esc(contact.kind, structured=False))


def _write_identity(w: _Writer, contact: Contact) -> None:
    w.add("UID", w.esc(contact.uid, structured=False))
    if contact.revision is not None:
        w.add("REV", format_timestamp(contact.revision), raw=True)
    if contact.cadence_days is not None:
        w.add("X-NETCORE-CADENCE-DAYS", str(contact.cadence_days), raw=True)


def _write_extensions(w: _Writer, contact: Contact) -> None:
    for ext in contact.extensions:
        value = ext.value
        params = ext.params
        if ("\n" in value or "\r" in value) and contentline.Property(
            None, ext.name, params
        ).encoding != "quoted-printable":
            value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        w.props.append(Property(ext.group, ext.name, params, value))


# The parts of a card in the order netcore writes them.
_PARTS: tuple[Callable[[_Writer, Contact], None], ...] = (
    _write_names,
    _write_photo,
    _write_dates,
    _write_addresses,
    _write_reachable,
    _write_work,
    _write_links,
    _write_identity,
    _write_extensions,
)


def dumps(contacts: Iterable[Contact] | Contact, *, version: str = "4.0") -> str:
    """Write contacts as vCard text of ``version``.

    Args:
        contacts: One contact or several.
        version: ``"2.1"``, ``"3.0"`` or ``"4.0"``.

    Returns:
        The text, CRLF line endings, folded at 75 octets. A lone surrogate in a value
        (which no UTF-8 file can hold) is written as U+FFFD REPLACEMENT CHARACTER, so the
        text always encodes as UTF-8 (see :func:`netcore.formats.contentline.serialize`).

    Raises:
        UnsupportedFormatError: An unknown version.

    Examples:
        >>> from netcore.model import Contact
        >>> dumps(Contact(uid="u", formatted_name="Zoë"), version="2.1").splitlines()[2]
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB'
    """
    if version not in VERSIONS:
        raise UnsupportedFormatError(f"vCard version must be one of {VERSIONS}, got {version!r}")
    if isinstance(contacts, Contact):
        contacts = (contacts,)
    return "".join(
        contentline.serialize(contact_to_component(c, version=version)) for c in contacts
    )


def dump(
    contacts: Iterable[Contact] | Contact, path_or_file: PathOrFile, *, version: str = "4.0"
) -> None:
    r"""Write contacts to a path (atomically) or a binary file object, UTF-8 encoded.

    Examples:
        >>> import io
        >>> from netcore.model import Contact
        >>> buf = io.BytesIO()
        >>> dump(Contact(uid="u", formatted_name="A"), buf, version="3.0")
        >>> buf.getvalue().startswith(b"BEGIN:VCARD\r\nVERSION:3.0")
        True
    """
    write_bytes(dumps(contacts, version=version).encode("utf-8"), path_or_file)


# --------------------------------------------------------------------------- vobject


def _vobject() -> Any:
    try:
        import vobject
    except ImportError as exc:
        raise MissingDependencyError(
            "vobject interop needs the optional extra: pip install 'netcore[vobject]'"
        ) from exc
    return vobject


def from_vobject(component: Any) -> Contact:
    r"""Convert a vobject vCard component (as CardDAV clients hold them) to a Contact.

    The component is serialized by vobject and read back by netcore, so everything
    netcore reads from a file it reads here too.

    Raises:
        MissingDependencyError: vobject is not installed (``pip install 'netcore[vobject]'``).
        ParseError: vobject's output has no vCard in it.

    Examples:
        >>> import vobject
        >>> card = vobject.readOne("BEGIN:VCARD\nVERSION:3.0\nFN:A\nN:;A;;;\nEND:VCARD\n")
        >>> from_vobject(card).formatted_name
        'A'
    """
    _vobject()
    text = component.serialize()
    parsed = loads(text)
    if not parsed:
        raise ParseError("the vobject component holds no vCard", issues=parsed.issues)
    return parsed[0]


def to_vobject(contact: Contact) -> Any:
    """Convert a Contact to a vobject vCard 3.0 component (vobject knows only 3.0).

    Raises:
        MissingDependencyError: vobject is not installed (``pip install 'netcore[vobject]'``).

    Examples:
        >>> from netcore.model import Contact
        >>> to_vobject(Contact(uid="u", formatted_name="A")).fn.value
        'A'
    """
    vobject = _vobject()
    return vobject.readOne(dumps(contact, version="3.0"))
