"""The mapping table: one handler per modelled vCard property (private)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from pydantic import ValidationError

from netcore.formats._address import without_mailto
from netcore.formats._vcard_text import (
    APPLE_NO_YEAR,
    escape,
    format_date,
    format_timestamp,
    parse_date,
    parse_timestamp,
    split_escaped,
    unescape,
)
from netcore.formats.contentline import Params, Property
from netcore.formats.vcard._common import (
    _URL_LIKE,
    VERSIONS,
    _param,
    _share,
    _types,
    other_params,
)
from netcore.formats.vcard._media import (
    MEDIA_EXTENSIONS,
    OCTET,
    base64_data_uri,
    declared_media_type,
    decode_base64,
    sniff,
    to_model_form,
)
from netcore.model import (
    Address,
    Contact,
    Email,
    Name,
    Phone,
    Photo,
    Related,
    Url,
)

if TYPE_CHECKING:
    from netcore.formats.vcard._builder import _Builder

_Handler = Callable[["_Builder", Property], None]

__all__: list[str] = []


def _carried(
    kw: dict[str, Any],
    types: tuple[str, ...] = (),
    preferred: bool = False,
    label: str | None = None,
    group: str | None = None,
    params: Params = (),
) -> dict[str, Any]:
    """``kw`` with those of a record's carried fields that are not their defaults.

    A field left out takes its default without being validated (the records'
    ``validate_default=False``; every default is valid), so the model's validators of
    ``group``, ``params`` and ``types`` run only for the records that have them.
    """
    if types:
        kw["types"] = types
    if preferred:
        kw["preferred"] = True
    if label is not None:
        kw["label"] = label
    if group is not None:
        kw["group"] = group
    if params:
        kw["params"] = params
    return kw


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
                b.forms.pop((prop.name.upper(), 0), None)
                raise

        return wrapper

    return decorator


@_once("formatted_name")
def _fn(b: _Builder, prop: Property) -> None:
    b.f["formatted_name"] = b.text(prop).strip("\n")
    b.keep_form(prop, "FN")


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
        _carried(
            {
                "family": unescape(parts[0], version),
                "given": unescape(parts[1], version),
                "additional": many(parts[2]),
                "prefixes": many(parts[3]),
                "suffixes": many(parts[4]),
            },
            group=b.group_of(prop),
            params=other_params(prop, typed=False),
        ),
    )


def _nickname(b: _Builder, prop: Property) -> None:
    if not b.nicknames:  # the writer writes them all in one property: the first one's form
        b.keep_form(prop, "NICKNAME")
    b.nicknames.extend(_items(prop.value, b.version))


def _items(value: str, version: str) -> list[str]:
    """The comma-separated items of a list value, spaces kept as the model keeps them.

    Only empty items (``a,,b``) are left out; an item of spaces (``a, ,b``) is kept, as
    the model keeps it. Line breaks at either end are dropped (single-line values).
    """
    items = (unescape(x, version).strip("\r\n") for x in split_escaped(value, ","))
    return [t for t in items if t]


def _email(b: _Builder, prop: Property) -> None:
    types, pref = _types(prop)
    # Spaces kept as written, as the model keeps them; a line break at either end (an
    # escaped \n some exporters append) cannot stand in an address and is dropped.
    address = without_mailto(b.text(prop).strip("\r\n"))
    b.emails.append(
        b.record(
            Email,
            _carried(
                {"address": address},
                types,
                pref,
                b.label(prop),
                b.group_of(prop),
                other_params(prop),
            ),
        )
    )


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
            _carried(
                {"number": number},
                types,
                pref,
                b.label(prop),
                b.group_of(prop),
                other_params(prop),
            ),
        )
    )


def _adr(b: _Builder, prop: Property) -> None:
    types, pref = _types(prop)
    version = b.version
    parts = [unescape(p, version) for p in split_escaped(prop.value, ";")]
    while len(parts) > 7 and parts[-1] == "":
        parts.pop()  # a sloppy trailing separator (``...;USA;``), as N's empty extras
    if len(parts) > 7:
        b.issues.info(
            "ADR has more than seven components; the rest are kept in the country",
            line=prop.line,
        )
        parts = [*parts[:6], ";".join(parts[6:])]
    elif len(parts) < 7:
        parts += [""] * (7 - len(parts))
    formatted = _param(prop, "LABEL") if prop.params else None
    if formatted is not None and version == "4.0":
        # RFC 6350 writes line breaks in LABEL as \n; netcore writes ^n (RFC 6868) and
        # escapes its backslashes, so both read back.
        formatted = unescape(formatted, version)
    kw = {
        "po_box": parts[0],
        "extended": parts[1],
        "street": parts[2],
        "locality": parts[3],
        "region": parts[4],
        "postal_code": parts[5],
        "country": parts[6],
    }
    if formatted is not None:
        kw["formatted"] = formatted
    b.addresses.append(
        b.record(
            Address,
            _carried(
                kw,
                types,
                pref,
                b.label(prop),
                b.group_of(prop),
                other_params(prop, also=_ADR_OWN),
            ),
        )
    )


_ADR_OWN = frozenset({"LABEL"})
_URL_OWN = frozenset({"X-SERVICE-TYPE"})


def _label(b: _Builder, prop: Property) -> None:
    b.labels.append((prop, len(b.extensions)))  # its place among the extensions


def _org(b: _Builder, prop: Property) -> None:
    parts = [unescape(p, b.version) for p in split_escaped(prop.value, ";")]
    units = tuple(parts[1:])
    while units and units[-1] == "":
        units = units[:-1]
    b.orgs.append(
        _carried(
            {"name": parts[0], "units": units},
            group=b.group_of(prop),
            params=other_params(prop, typed=False),
        )
    )


def _title(b: _Builder, prop: Property) -> None:
    b.keep_form(prop, "TITLE", len(b.titles))
    b.titles.append(b.text(prop))
    b.title_props.append(prop)


def _role(b: _Builder, prop: Property) -> None:
    b.keep_form(prop, "ROLE", len(b.roles))
    b.roles.append(b.text(prop))
    b.role_props.append(prop)


def _url_of(b: _Builder, prop: Property) -> Any:
    types, pref = _types(prop)
    service = _param(prop, "X-SERVICE-TYPE") if prop.params else None
    kw: dict[str, Any] = {"value": b.text(prop).strip("\r\n")}
    if service is not None:
        kw["service"] = service
    return b.record(
        Url,
        _carried(
            kw,
            types,
            pref,
            b.label(prop),
            b.group_of(prop),
            other_params(prop, also=_URL_OWN),
        ),
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
        written = b.text(prop)
        value = parse_date(written, omit)
        if value is None:
            b._warn(prop, f"not a date: {prop.value[:40]!r}")
            return
        b.f[field] = value
        # The writer's own form in any version needs no text: a date keeps its form
        # through a conversion to another version (19531015 read from 3.0 is written
        # 1953-10-15 in 3.0, 19531015 in 4.0), so that the contact is the same after it.
        owns = [format_date(value, v) for v in VERSIONS]
        omits = any(omit for _, omit in owns)
        b.keep_form(
            prop,
            prop.name.upper(),
            text=None if any(written == own for own, _ in owns) else written,
            own=(("X-APPLE-OMIT-YEAR", (APPLE_NO_YEAR,)),) if omits else (),
        )

    return handler


@_once("note")
def _note(b: _Builder, prop: Property) -> None:
    b.f["note"] = b.text(prop)
    b.keep_form(prop, "NOTE")


def _categories(b: _Builder, prop: Property) -> None:
    if not b.categories:  # written in one property: the first one's form
        b.keep_form(prop, "CATEGORIES")
    b.categories.extend(_items(prop.value, b.version))


@_once("uid")
def _uid(b: _Builder, prop: Property) -> None:
    value = b.text(prop).strip("\r\n")  # "ann" and "ann " are two uids, as in the model
    if not value.strip():
        b._warn(prop, "empty UID")
        return
    b.f["uid"] = value
    b.keep_form(prop, "UID")


@_once("revision")
def _rev(b: _Builder, prop: Property) -> None:
    written = b.text(prop)
    value, floating = parse_timestamp(written)
    if value is None:
        b._warn(prop, f"not a timestamp: {prop.value[:40]!r}")
        return
    if floating:
        b.issues.info("REV has no time zone; read as UTC", line=prop.line, property=prop.name)
    b.f["revision"] = value
    b.keep_form(prop, "REV", text=None if written == format_timestamp(value) else written)


def _media_type(prop: Property) -> str | None:
    media = declared_media_type("PHOTO", prop.params)[0]
    return None if media is None else _share(media)


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
        media = sniff(data, _media_type(prop))
        b.f["photo"] = b.record(Photo, {"data": data, "media_type": media})
        return
    uri = unescape(value, "3.0" if b.version == "2.1" else b.version)
    found = base64_data_uri(uri)
    if found is not None:
        decoded = decode_base64(found[1])
        if decoded is None:
            b._warn(prop, "PHOTO data: URI is not valid base64")
            return
        declared = _share(found[0]) or None
        # MEDIATYPE=application/octet-stream beside the data: URI: the type was given
        # (a photo without one is written as octet-stream with no parameter).
        explicit = declared == OCTET and _media_type(prop) == OCTET
        media = OCTET if explicit else sniff(decoded, declared)
        b.f["photo"] = b.record(Photo, {"data": decoded, "media_type": media})
        return
    b.f["photo"] = b.record(Photo, {"uri": uri, "media_type": _media_type(prop)})
    if not b.from_jcard and prop.param("VALUE") is None:
        # No VALUE=uri (2.1 and 3.0 require it; netcore writes it in every version):
        # written again as given, without VALUE, by the form.
        b.keep_form(prop, "PHOTO", text=escape(uri, b.version, structured=False))


def _media_extension(b: _Builder, prop: Property) -> None:
    """``LOGO``, ``SOUND`` and ``KEY``: extensions, inline data held in the one model form.

    Base64 (``ENCODING=b``, ``BASE64``, bare ``B``, with ``TYPE``) and a base64 ``data:``
    URI are both held as the ``data:`` URI, and a URI without its ``VALUE=uri`` (see
    ``netcore.formats.vcard._media``), so that every version and jCard read the same logo
    alike; anything else is kept as read.
    """
    form, problem = to_model_form(prop.name.upper(), prop.params, prop.value)
    if problem is not None:
        b.issues.warning(f"{problem}; kept as written", line=prop.line, property=prop.name)
    if form is not None:
        prop = attrs.evolve(prop, value=form[0], params=form[1])
    b.extensions.append(b.extension(prop))


def _related(b: _Builder, prop: Property) -> None:
    types, _ = _types(prop)
    value = b.text(prop).strip("\r\n")
    if not value.strip():
        b._warn(prop, "empty RELATED")
        return
    b.related.append(
        b.record(
            Related,
            _carried(
                {"value": value},
                types,
                label=b.label(prop),
                group=b.group_of(prop),
                params=_related_params(b, prop, value),
            ),
        )
    )


def _related_params(b: _Builder, prop: Property, value: str) -> Params:
    """The parameters a Related keeps: ``VALUE`` too, unless it is the one the writer adds.

    The 3.0 and 4.0 writers write ``VALUE=text`` for a value that is no URI; any other
    ``VALUE`` (``VALUE=uri``, ``VALUE=text`` on a URI) is kept as written.
    """
    kept = other_params(prop)
    value_type = _param(prop, "VALUE") if prop.params else None
    if value_type is None or (value_type.lower() == "text" and not _URL_LIKE.match(value)):
        return kept
    others = set(kept)
    return tuple(p for p in prop.params if p in others or p[0].upper() == "VALUE")


@_once("kind")
def _kind(b: _Builder, prop: Property) -> None:
    kind = b.text(prop).strip().lower()
    if not kind.isascii():
        b.nfc = False  # lower-cased: NFC only certain for ASCII (see _Builder.build)
    b.f["kind"] = _share(kind)
    b.keep_form(prop, "KIND")


@_once("gender")
def _gender(b: _Builder, prop: Property) -> None:
    b.f["gender"] = b.text(prop)
    b.keep_form(prop, "GENDER")


@_once("cadence_days")
def _cadence(b: _Builder, prop: Property) -> None:
    # ASCII digits only: int() would also take Arabic-Indic digits, '_' and a sign.
    text = prop.value.strip()
    if text.isascii() and text.isdigit():
        b.f["cadence_days"] = int(text)
    else:
        b._warn(prop, "not a number of days")


def _version(b: _Builder, prop: Property) -> None:
    if prop.value.strip() not in VERSIONS:
        b.issues.warning(
            f"unknown vCard version {prop.value.strip()!r}; read with the 2.1-3.0 rules",
            line=prop.line,
            property="VERSION",
        )
        b.extensions.append(b.extension(prop))


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
    **dict.fromkeys(MEDIA_EXTENSIONS, _media_extension),
    "RELATED": _related,
    "KIND": _kind,
    "GENDER": _gender,
    "X-NETCORE-CADENCE-DAYS": _cadence,
}
