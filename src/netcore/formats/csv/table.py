"""The table reader: a row's cells to contact fields, column by column, through the header table.

It reads every layout that is not LinkedIn's or Google's (Outlook in English and German,
Thunderbird, Windows Live Mail, Apple, Tine 2.0, a hand-made ``Name,Email`` file, a file
mapped by the user) and, after those two dialects' own readers, the columns they leave.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date

from netcore.formats.csv.headers import ADDRESS_KINDS, NAME_KINDS, ORG_KINDS, PLACEHOLDERS, Field
from netcore.formats.csv.row import _Reader
from netcore.formats.csv.values import _name_fields, _one_line
from netcore.model import Address, Organization, PartialDate, Related

_GENDER = {"male": "M", "m": "M", "männlich": "M", "female": "F", "f": "F", "weiblich": "F"}


class _Collect:
    """Cells that only make sense together: name, organisation, addresses, birthday."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.org: dict[str, str] = {}
        self.addresses: dict[tuple[str, ...], dict[str, tuple[str, str]]] = {}
        self.birth: dict[str, tuple[str, str]] = {}


Handler = Callable[[_Reader, _Collect, str, str, Field], None]


def _once(into: dict[str, str], r: _Reader, key: str, kind: str, value: str) -> None:
    if kind in into:
        r.row.used.discard(key)  # a second column for the same field: kept as an extension
    else:
        into[kind] = value


def _field_once(r: _Reader, key: str, field: str, value: object) -> None:
    if r.f.get(field):
        r.row.used.discard(key)
    else:
        r.f[field] = value


def _on_name(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    _once(c.names, r, key, field.kind, value)


def _on_org(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    _once(c.org, r, key, field.kind, value)


def _on_address(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    parts = c.addresses.setdefault(field.types, {})
    if field.kind in parts:
        r.row.used.discard(key)
    else:
        parts[field.kind] = (key, value)


def _on_birth(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    if field.kind in c.birth:
        r.row.used.discard(key)
    else:
        c.birth[field.kind] = (key, value)


def _on_display(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    _field_once(r, key, "formatted_name", _one_line(value))


def _on_nickname(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.f["nicknames"] = (*r.f.get("nicknames", ()), value)


def _on_email(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.email(key, value, types=field.types, preferred=field.preferred)


def _on_phone(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.phone(key, value, types=field.types, label=field.label, preferred=field.preferred)


def _on_url(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.url(key, value, types=field.types, preferred=field.preferred)


def _on_note(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    _field_once(r, key, "note", value)


def _on_date(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    if r.f.get(field.kind):
        r.row.used.discard(key)
    else:
        r.date(key, field.kind)


def _on_categories(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    found = tuple(v.strip() for v in value.split(";") if v.strip())
    r.f["categories"] = (*r.f.get("categories", ()), *found)


def _on_gender(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    gender = _GENDER.get(value.casefold())
    if gender is None or r.f.get("gender"):
        r.row.used.discard(key)
    else:
        r.f["gender"] = gender


def _on_spouse(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.related.append(Related(value=value, types=("spouse",)))


def _on_ignore(r: _Reader, c: _Collect, key: str, value: str, field: Field) -> None:
    r.row.used.discard(key)


_HANDLERS: dict[str, Handler] = {
    **dict.fromkeys(NAME_KINDS, _on_name),
    **dict.fromkeys(ORG_KINDS, _on_org),
    **dict.fromkeys(ADDRESS_KINDS | {"address", "formatted_address"}, _on_address),
    **dict.fromkeys(("birth_year", "birth_month", "birth_day"), _on_birth),
    "display": _on_display,
    "nickname": _on_nickname,
    "email": _on_email,
    "phone": _on_phone,
    "url": _on_url,
    "note": _on_note,
    "birthday": _on_date,
    "anniversary": _on_date,
    "categories": _on_categories,
    "gender": _on_gender,
    "spouse": _on_spouse,
    "ignore": _on_ignore,
}


def _placeholder(column_key: str, value: str) -> bool:
    return value.casefold() in PLACEHOLDERS.get(column_key, frozenset())


def read_table(r: _Reader, fields: Mapping[str, Field], header_keys: Mapping[str, str]) -> None:
    """Read every column of ``fields`` (by row key) that no dialect reader used yet.

    Args:
        r: The reader of the row.
        fields: Row key (:func:`~netcore.formats.csv._core._key` of the column) to field.
        header_keys: Row key to :func:`~netcore.formats.csv.headers.header_key`, for
            Outlook's placeholder values.
    """
    row = r.row
    collect = _Collect()
    for key, field in fields.items():
        if key in row.used or key in row.reported or key not in row.cells:
            continue
        value = row.get(key)
        if value and not _placeholder(header_keys.get(key, ""), value):
            _HANDLERS[field.kind](r, collect, key, value, field)
    _finish_name(r, collect)
    _finish_org(r, collect)
    for types, parts in collect.addresses.items():
        _finish_address(r, types, parts)
    _finish_birthday(r, collect)


def _finish_name(r: _Reader, c: _Collect) -> None:
    if not c.names or r.f.get("name") is not None:
        return
    n = c.names
    name, derived = _name_fields(
        n.get("given", ""),
        n.get("family", ""),
        n.get("additional", ""),
        n.get("prefix", ""),
        n.get("suffix", ""),
    )
    r.f["name"] = name
    if not r.f.get("formatted_name"):
        r.f["formatted_name"] = derived


def _finish_org(r: _Reader, c: _Collect) -> None:
    o = c.org
    if o:
        unit = o.get("unit", "")
        r.orgs.append(
            Organization(
                name=o.get("org", ""),
                units=(unit,) if unit else (),
                title=o.get("title") or None,
                role=o.get("role") or None,
            )
        )


def _finish_address(r: _Reader, types: tuple[str, ...], parts: dict[str, tuple[str, str]]) -> None:
    values: dict[str, str] = {kind: value for kind, (_, value) in parts.items()}
    whole = values.pop("address", "")
    formatted = values.pop("formatted_address", "")
    streets = [values.pop(k, "") for k in ("street", "street2", "street3")]
    if whole and not streets[0]:
        streets[0] = whole  # Thunderbird's "Home Address" is the first street line
    elif whole:
        formatted = formatted or whole  # Outlook's "Home Address" is the whole address
    found = r.row.build(
        next(iter(parts.values()))[0],
        functools.partial(
            Address,
            street="\n".join(s for s in streets if s),
            formatted=formatted or None,
            types=types,
            locality=values.get("locality", ""),
            region=values.get("region", ""),
            postal_code=values.get("postal_code", ""),
            country=values.get("country", ""),
            po_box=values.get("po_box", ""),
        ),
        also=[key for key, _ in parts.values()],
    )
    if found is not None:
        r.addresses.append(found)


def _finish_birthday(r: _Reader, c: _Collect) -> None:
    if not c.birth:
        return
    keys = [key for key, _ in c.birth.values()]
    if r.f.get("birthday"):
        for key in keys:
            r.row.used.discard(key)
        return

    def make() -> date | PartialDate:
        parts = {k.removeprefix("birth_"): int(v) for k, (_, v) in c.birth.items()}
        if {"year", "month", "day"} <= parts.keys():
            return date(parts["year"], parts["month"], parts["day"])
        return PartialDate(**parts)

    found = r.row.build(keys[0], make, also=keys)
    if found is not None:
        r.f["birthday"] = found
