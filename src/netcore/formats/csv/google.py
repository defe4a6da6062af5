"""Google Contacts' CSV: its header marks, its reader (numbered columns, labels) and writer."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from netcore.formats.csv._core import _SEP
from netcore.formats.csv.row import _Reader, _Row
from netcore.formats.csv.values import (
    _PHONE_LABELS,
    _PLAIN_LABELS,
    _date_out,
    _label_from,
    _labels_to,
    _name_out,
    _one_line,
    _split,
    plain_label,
)
from netcore.model import (
    Address,
    Contact,
    Organization,
    Photo,
    Related,
)

_GOOGLE_MARKS = frozenset(
    {
        "given name",
        "family name",
        "additional name",
        "group membership",
        "labels",
        "file as",
        "nickname",
        "name prefix",
        "organization name",
        "organization title",
        "phonetic first name",
        "given name yomi",
        "middle name",
        "name suffix",
    }
)
_GOOGLE_NUMBERED = re.compile(
    r"^(e-mail|phone|address|website|relation|event|im|organization|custom field|external id)"
    r" (\d+) - (.+)$"
)


def _google_groups(row: _Row) -> dict[tuple[str, int], dict[str, str]]:
    groups: dict[tuple[str, int], dict[str, str]] = {}
    for key in row.cells:
        m = _GOOGLE_NUMBERED.match(key)
        if m:
            groups.setdefault((m.group(1), int(m.group(2))), {})[m.group(3)] = key
    return dict(sorted(groups.items()))


def _read_google(r: _Reader) -> None:
    """Google's own columns; the header table reads the rest (``Title``, ``Company``...)."""
    _google_person(r)
    _google_orgs(r)
    for (kind, _n), subs in _google_groups(r.row).items():
        label_key = subs.get("label") or subs.get("type") or ""
        _GROUP_READERS.get(kind, _google_other)(r, label_key, subs)


def _google_person(r: _Reader) -> None:
    """Google's ways with the person's cells (the name is read through the header table)."""
    row = r.row
    r.f["nicknames"] = r.split_list("nickname")
    r.date("birthday", "birthday")
    r.f["note"] = row.get("notes") or None
    r.f["categories"] = r.split_list("labels") + r.split_list("group membership")
    gender = row.get("gender")
    r.f["gender"] = _one_line(gender) or None
    photo = row.get("photo")
    if photo:
        r.f["photo"] = row.build("photo", lambda: Photo(uri=_one_line(photo)))


def _add_org(r: _Reader, name: str, title: str, dept: str) -> None:
    if name or title or dept:
        r.orgs.append(Organization(name=name, units=(dept,) if dept else (), title=title or None))


def _google_orgs(r: _Reader) -> None:
    row = r.row
    names = _split(row.get("organization name"))
    titles = _split(row.get("organization title"))
    depts = _split(row.get("organization department"))
    for i in range(max(len(names), len(titles), len(depts))):
        _add_org(
            r,
            names[i] if i < len(names) else "",
            titles[i] if i < len(titles) else "",
            depts[i] if i < len(depts) else "",
        )


def _google_emails(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    _google_values(r, label_key, subs.get("value"), _PLAIN_LABELS, r.email)


def _google_phones(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    _google_values(r, label_key, subs.get("value"), _PHONE_LABELS, r.phone)


def _google_websites(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    _google_values(r, label_key, subs.get("value"), _PLAIN_LABELS, r.url)


def _google_org_group(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    row = r.row
    _add_org(
        r,
        row.get(subs.get("name", "")),
        row.get(subs.get("title", "")),
        row.get(subs.get("department", "")),
    )


def _google_relations(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    _google_relation(r, label_key, subs.get("value"))


def _google_event(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    row = r.row
    if "value" not in subs:
        return
    label = plain_label(row.cells.get(label_key, ("", "", 0))[1].strip()).lstrip("*").strip()
    if label.casefold() == "anniversary" and "anniversary" not in r.f:
        row.get(label_key)
        r.date(subs["value"], "anniversary")
        if "anniversary" not in r.f:
            row.used.discard(label_key)


def _google_other(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    """IM, custom fields, external ids: kept as ``X-CSV-*`` extensions, cell by cell."""


_GROUP_READERS: dict[str, Callable[[_Reader, str, dict[str, str]], None]] = {
    "e-mail": _google_emails,
    "phone": _google_phones,
    "website": _google_websites,
    "address": lambda r, label_key, subs: _google_address(r, label_key, subs),
    "organization": _google_org_group,
    "relation": _google_relations,
    "event": _google_event,
}


def _google_values(
    r: _Reader,
    label_key: str,
    value_key: str | None,
    mapping: dict[str, tuple[str, ...]],
    add: Callable[..., None],
) -> None:
    if value_key is None:
        return
    values = [v for v in _split(r.row.get(value_key)) if v]
    if not values:
        return
    types, label, preferred = _labels_to(mapping, r.row.get(label_key) if label_key else "")
    for value in values:
        add(value_key, value, types=types, label=label, preferred=preferred)


_GOOGLE_ADDRESS = (
    ("po box", "po_box"),
    ("extended address", "extended"),
    ("street", "street"),
    ("city", "locality"),
    ("region", "region"),
    ("postal code", "postal_code"),
    ("country", "country"),
    ("formatted", "formatted"),
)


def _google_address(r: _Reader, label_key: str, subs: dict[str, str]) -> None:
    columns = {field: _split(r.row.get(subs[sub])) for sub, field in _GOOGLE_ADDRESS if sub in subs}
    count = max((len(v) for v in columns.values()), default=0)
    types, label, preferred = _labels_to(_PLAIN_LABELS, r.row.get(label_key) if label_key else "")
    for i in range(count):
        parts: dict[str, Any] = {f: (v[i] if i < len(v) else "") for f, v in columns.items()}
        if not any(parts.values()):
            continue
        formatted = parts.pop("formatted", "") or None
        key = subs.get("street") or next(iter(subs.values()))
        found = r.row.build(
            key,
            also=subs.values(),
            make=functools.partial(
                Address,
                **parts,
                formatted=formatted,
                types=types,
                label=label,
                preferred=preferred,
            ),
        )
        if found is not None:
            r.addresses.append(found)


def _google_relation(r: _Reader, label_key: str, value_key: str | None) -> None:
    if value_key is None:
        return
    label = plain_label(r.row.get(label_key)).lstrip("*").strip() if label_key else ""
    for value in _split(r.row.get(value_key)):
        if value:
            r.related.append(Related(value=value, types=(label.casefold(),) if label else ()))


_GOOGLE_HEAD = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
)
_GOOGLE_ADDRESS_OUT = (
    "Formatted",
    "Street",
    "City",
    "PO Box",
    "Region",
    "Postal Code",
    "Country",
    "Extended Address",
)


def _google_header(contacts: list[Contact]) -> list[str]:
    n_email = max([1, *(len(c.emails) for c in contacts)])
    n_phone = max([1, *(len(c.phones) for c in contacts)])
    n_addr = max([1, *(len(c.addresses) for c in contacts)])
    n_web = max([1, *(len(c.urls) for c in contacts)])
    n_rel = max([0, *(len(c.related) for c in contacts)])
    has_anniv = any(c.anniversary is not None for c in contacts)
    head = list(_GOOGLE_HEAD)
    for i in range(1, n_email + 1):
        head += [f"E-mail {i} - Label", f"E-mail {i} - Value"]
    for i in range(1, n_phone + 1):
        head += [f"Phone {i} - Label", f"Phone {i} - Value"]
    for i in range(1, n_addr + 1):
        head += [f"Address {i} - Label"] + [f"Address {i} - {s}" for s in _GOOGLE_ADDRESS_OUT]
    for i in range(1, n_web + 1):
        head += [f"Website {i} - Label", f"Website {i} - Value"]
    for i in range(1, n_rel + 1):
        head += [f"Relation {i} - Label", f"Relation {i} - Value"]
    if has_anniv:
        head += ["Event 1 - Label", "Event 1 - Value"]
    return head


def _write_google(c: Contact) -> dict[str, str]:
    name = c.name if c.name is not None and not c.name.is_empty() else _name_out(c)
    orgs = c.organizations
    out = {
        "First Name": name.given,
        "Middle Name": _SEP.join(name.additional),
        "Last Name": name.family,
        "Name Prefix": " ".join(name.prefixes),
        "Name Suffix": " ".join(name.suffixes),
        "Nickname": _SEP.join(c.nicknames),
        "Organization Name": _SEP.join(o.name for o in orgs),
        "Organization Title": _SEP.join(o.title or "" for o in orgs).strip(),
        "Organization Department": _SEP.join(", ".join(o.units) for o in orgs).strip(),
        "Birthday": _date_out(c.birthday, us=False),
        "Notes": c.note or "",
        "Photo": c.photo.uri if c.photo is not None and c.photo.uri else "",
        "Labels": _SEP.join(c.categories),
    }
    if not any(o.title for o in orgs):
        out["Organization Title"] = ""
    if not any(o.units for o in orgs):
        out["Organization Department"] = ""
    for i, e in enumerate(c.emails, 1):
        out[f"E-mail {i} - Label"] = _label_from(_PLAIN_LABELS, e.types, e.label, e.preferred)
        out[f"E-mail {i} - Value"] = e.address
    for i, p in enumerate(c.phones, 1):
        out[f"Phone {i} - Label"] = _label_from(_PHONE_LABELS, p.types, p.label, p.preferred)
        out[f"Phone {i} - Value"] = p.number
    for i, a in enumerate(c.addresses, 1):
        out[f"Address {i} - Label"] = _label_from(_PLAIN_LABELS, a.types, a.label, a.preferred)
        for sub, value in zip(
            _GOOGLE_ADDRESS_OUT,
            (
                a.formatted or "",
                a.street,
                a.locality,
                a.po_box,
                a.region,
                a.postal_code,
                a.country,
                a.extended,
            ),
            strict=True,
        ):
            out[f"Address {i} - {sub}"] = value
    for i, u in enumerate(c.urls, 1):
        out[f"Website {i} - Label"] = _label_from(_PLAIN_LABELS, u.types, u.label, u.preferred)
        out[f"Website {i} - Value"] = u.value
    for i, r in enumerate(c.related, 1):
        out[f"Relation {i} - Label"] = plain_label(r.label or "") or (
            r.types[0].title() if r.types else ""
        )
        out[f"Relation {i} - Value"] = r.value
    if c.anniversary is not None:
        out["Event 1 - Label"] = "Anniversary"
        out["Event 1 - Value"] = _date_out(c.anniversary, us=False)
    return out
