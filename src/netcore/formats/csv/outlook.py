"""Outlook's CSV: its header marks and the columns it writes (read through the header table)."""

from __future__ import annotations

from collections.abc import Callable

from netcore.formats.csv.headers import KNOWN, header_key
from netcore.formats.csv.values import UNSPECIFIC_TYPES, _date_out, _name_out
from netcore.model import (
    Contact,
    Organization,
    Phone,
)

_OUTLOOK_MARKS = frozenset(
    {
        "e-mail address",
        "e-mail 2 address",
        "mobile phone",
        "business phone",
        "home phone",
        "job title",
        "business street",
        "categories",
        "suffix",
        "title",
        "department",
        "home street",
        "web page",
        "business fax",
    }
)


# Outlook: (column, types, label) for phones, in the order Outlook writes them.
_OUTLOOK_PHONE_COLUMNS = (
    "Assistant's Phone",
    "Business Fax",
    "Business Phone",
    "Business Phone 2",
    "Callback",
    "Car Phone",
    "Company Main Phone",
    "Home Fax",
    "Home Phone",
    "Home Phone 2",
    "ISDN",
    "Mobile Phone",
    "Other Fax",
    "Other Phone",
    "Pager",
    "Primary Phone",
    "Radio Phone",
    "TTY/TDD Phone",
    "Telex",
)
# (column, types, label): the header table says what each column holds, for the reader
# (which reads Outlook files through that table) and for this writer alike.
_OUTLOOK_PHONES: tuple[tuple[str, tuple[str, ...], str | None], ...] = tuple(
    (column, KNOWN[header_key(column)].types, KNOWN[header_key(column)].label)
    for column in _OUTLOOK_PHONE_COLUMNS
)
_OUTLOOK_ADDRESSES = (("Business", ("work",)), ("Home", ("home",)), ("Other", ()))


_OUTLOOK_HEAD = (
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business Street 2",
    "Business Street 3",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home Street 2",
    "Home Street 3",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other Street 2",
    "Other Street 3",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    *(column for column, _, _ in _OUTLOOK_PHONES),
    "Account",
    "Anniversary",
    "Assistant's Name",
    "Billing Information",
    "Birthday",
    "Business Address PO Box",
    "Categories",
    "Children",
    "Directory Server",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "E-mail 3 Address",
    "E-mail 3 Type",
    "E-mail 3 Display Name",
    "Gender",
    "Government ID Number",
    "Hobby",
    "Home Address PO Box",
    "Initials",
    "Internet Free Busy",
    "Keywords",
    "Language",
    "Location",
    "Manager's Name",
    "Mileage",
    "Notes",
    "Office Location",
    "Organizational ID Number",
    "Other Address PO Box",
    "Priority",
    "Private",
    "Profession",
    "Referred By",
    "Sensitivity",
    "Spouse",
    "User 1",
    "User 2",
    "User 3",
    "User 4",
    "Web Page",
)


def _kinds(p: Phone) -> frozenset[str]:
    """The phone's types that choose an Outlook column (VOICE and PREF left out)."""
    return frozenset(t.casefold() for t in p.types) - UNSPECIFIC_TYPES


def _place_phones(phones: tuple[Phone, ...]) -> dict[str, str]:
    """Give each phone an Outlook column: exact type and label, type, kin, plain, then any."""
    free = [column for column, _, _ in _OUTLOOK_PHONES]
    spec = {column: (frozenset(types), label) for column, types, label in _OUTLOOK_PHONES}
    out: dict[str, str] = {}
    pending = list(phones)
    tests: tuple[Callable[[Phone, str], bool], ...] = (
        lambda p, col: spec[col] == (_kinds(p), p.label),
        lambda p, col: spec[col][0] == _kinds(p),
        lambda p, col: spec[col][1] is None and spec[col][0] <= _kinds(p),
        lambda p, col: spec[col][1] is None and not spec[col][0],
        lambda p, col: True,
    )
    for test in tests:
        still: list[Phone] = []
        for p in pending:
            column = next((col for col in free if test(p, col)), None)
            if column is None:
                still.append(p)
            else:
                free.remove(column)
                out[column] = p.number
        pending = still
    return out


def _write_outlook(c: Contact) -> dict[str, str]:
    name = _name_out(c)
    org = c.organizations[0] if c.organizations else Organization()
    out = {
        "Title": " ".join(name.prefixes),
        "First Name": name.given,
        "Middle Name": " ".join(name.additional),
        "Last Name": name.family,
        "Suffix": " ".join(name.suffixes),
        "Company": org.name,
        "Department": ", ".join(org.units),
        "Job Title": org.title or "",
        "Profession": org.role or "",
        "Birthday": _date_out(c.birthday, us=True),
        "Anniversary": _date_out(c.anniversary, us=True),
        "Notes": c.note or "",
        "Categories": ";".join(c.categories),
        "Web Page": c.urls[0].value if c.urls else "",
        "Gender": {"M": "Male", "F": "Female"}.get(c.gender or "", ""),
    }
    for column, e in zip(
        ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"), c.emails, strict=False
    ):
        out[column] = e.address
    out.update(_place_phones(c.phones))
    remaining = list(c.addresses)
    for prefix, types in _OUTLOOK_ADDRESSES:
        wanted = frozenset(types)
        pick = next(
            (a for a in remaining if wanted and wanted <= {t.casefold() for t in a.types}), None
        )
        if pick is None and not wanted:
            pick = next((a for a in remaining), None)
        if pick is None:
            continue
        remaining.remove(pick)
        lines = pick.street.split("\n")
        streets = [*lines[:2], " ".join(lines[2:])] if len(lines) > 2 else lines
        for i, line in enumerate(streets):
            out[f"{prefix} Street" + (f" {i + 1}" if i else "")] = line
        out[f"{prefix} City"] = pick.locality
        out[f"{prefix} State"] = pick.region
        out[f"{prefix} Postal Code"] = pick.postal_code
        out[f"{prefix} Country/Region"] = pick.country
        out[f"{prefix} Address PO Box"] = pick.po_box
    spouse = next((r for r in c.related if "spouse" in {t.casefold() for t in r.types}), None)
    if spouse is not None:
        out["Spouse"] = spouse.value
    return out
