"""Interop: what netcore writes is read by the libraries people use, with the same key fields.

For every vCard corpus file: ``vcard.dumps(vcard.loads(x), version="3.0")`` is read by vobject
and, per contact, FN, N, EMAIL, TEL, ORG, TITLE, NOTE, BDAY and ADR must equal what netcore's
:class:`~netcore.model.Contact` holds; ``jcard.dumps`` of the same contacts is read as plain
JSON by RFC 7095's structure (vobject reads no jCard) and compared the same way. For every
iCalendar corpus file: ``ical.dumps(ical.loads(x))`` is read by icalendar and, per event,
UID, SUMMARY, start and end (as instants) and the attendees' addresses must equal the
:class:`~netcore.model.Event`.

Where vobject cannot represent a value, the field is skipped with a named reason (recorded in
the test's ``user_properties``), never silently. Files that fail because of a known netcore
codec defect are ``xfail(strict=True)`` with the defect named, so a fix turns them into an
unexpected pass that must be removed from ``KNOWN_DEFECTS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from netcore.formats import ical, jcard, vcard
from netcore.model import Contact, Event, PartialDate

pytestmark = pytest.mark.corpus

# The netcore codec defects (issue 13) that make a file fail; each file names one (the first
# it hits). When a fix lands, the file's test passes unexpectedly: remove it here.
UTF16 = (
    "UTF-16 vCards (with or without BOM) are read as one card of garbage with "
    "X-NETCORE-BAD-NAME properties that hold NUL characters, written raw"
)
DOTTED_GROUP = (
    "the input writes a dotted group (`some.other.value:`), outside RFC 6350's grammar "
    "(a group is one token); netcore reads the group as 'some.other' and writes it back as "
    "read, which vobject refuses"
)
BAD_BASE64 = (
    "the input's 2.1 PHOTO holds base64 that does not decode (1169 data characters, one more "
    "than a multiple of 4); netcore keeps it as read in an extension, which vobject refuses "
    "to decode"
)
KNOWN_DEFECTS: dict[str, dict[str, str]] = {
    "vobject": {
        "vcard/ez-vcard/John_Doe_ANDROID.vcf": BAD_BASE64,
        "vcard/node-vcf/cards-multiple_occurences_of_type.vcf": DOTTED_GROUP,
    },
    "jcard": {},
    "icalendar": {},
}

# field -> why vobject cannot be asked about it (applied only where the condition holds)
VOBJECT_LIMITS = {
    "BDAY-yearless": "3.0 has no year-less date: netcore writes Apple's convention (year 1604 "
    "with X-APPLE-OMIT-YEAR), which vobject reads as the year 1604",
    "PROFILE": "vobject refuses a card with a PROFILE property ('This component already has a "
    "PROFILE or uses BEGIN'), which RFC 2426 section 2.1.5 allows",
    "N-comma": "vobject splits every N/ADR component on an escaped comma too (\\, becomes a list)",
}


def _rel(path: Path) -> str:
    parts = path.parts
    for top in ("vcard", "ical"):
        if top in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(top) - 1 :])
    return path.name


def _mark_known(request: pytest.FixtureRequest, reader: str, path: Path) -> None:
    reason = KNOWN_DEFECTS[reader].get(_rel(path))
    if reason:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))


def _date_text(value: date | PartialDate | str | None) -> str | None:
    """A birthday in one comparable form: digits, ``--`` before a year-less date."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        prefix = "--" if text.startswith("--") else ""
        return prefix + text.lstrip("-").partition("T")[0].replace("-", "")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    year = f"{value.year:04d}" if value.year is not None else "--"
    month = f"{value.month:02d}" if value.month is not None else "-"
    day = f"{value.day:02d}" if value.day is not None else ""
    return (year + month + day).rstrip("-") if value.year is not None else year + month + day


def _extension_values(c: Contact, name: str) -> list[str]:
    """Values netcore kept as an extension under a key field's name (an EMAIL that is no
    address, a BDAY that is no date): written back as that property, so read back too."""
    return [x.value for x in c.extensions if x.name.upper() == name and x.value]


def _key_fields(c: Contact) -> dict[str, Any]:
    """The key fields of a Contact, in the shape both readers below produce (empty values,
    which carry nothing, left out on both sides)."""
    n = c.name
    bday = _date_text(c.birthday) or next(
        (_date_text(v) for v in _extension_values(c, "BDAY")), None
    )
    return {
        "FN": c.formatted_name,
        "N": (
            ("", "", "", "", "")  # 3.0 requires N: a contact without one is written empty
            if n is None
            else (
                n.family,
                n.given,
                ",".join(n.additional),
                ",".join(n.prefixes),
                ",".join(n.suffixes),
            )
        ),
        "EMAIL": sorted([e.address for e in c.emails] + _extension_values(c, "EMAIL")),
        "TEL": sorted([p.number for p in c.phones] + _extension_values(c, "TEL")),
        "ORG": sorted((o.name, *o.units) for o in c.organizations if o.name or o.units),
        "TITLE": sorted(o.title for o in c.organizations if o.title),
        "NOTE": c.note or None,
        "BDAY": bday,
        "ADR": sorted(
            (a.po_box, a.extended, a.street, a.locality, a.region, a.postal_code, a.country)
            for a in c.addresses
        ),
    }


def _joined(value: Any) -> str:
    return ",".join(value) if isinstance(value, list) else str(value)


def _vobject_fields(card: Any) -> dict[str, Any]:
    def values(name: str) -> list[Any]:
        got = [line.value for line in card.contents.get(name, [])]
        return [v for v in got if v not in ("", [""], [])]

    def first(name: str) -> Any:
        got = values(name)
        return got[0] if got else None

    n = first("n")
    return {
        "FN": first("fn") or "",
        "N": None
        if n is None
        else (
            _joined(n.family),
            _joined(n.given),
            _joined(n.additional),
            _joined(n.prefix),
            _joined(n.suffix),
        ),
        "EMAIL": sorted(values("email")),
        "TEL": sorted(values("tel")),
        "ORG": sorted(tuple(v) if isinstance(v, list) else (v,) for v in values("org")),
        "TITLE": sorted(values("title")),
        "NOTE": first("note"),
        "BDAY": _date_text(first("bday")),
        "ADR": sorted(
            tuple(
                _joined(x)
                for x in (a.box, a.extended, a.street, a.city, a.region, a.code, a.country)
            )
            for a in values("adr")
        ),
    }


def _jcard_fields(card: list[Any]) -> dict[str, Any]:
    """Key fields of one jCard, read by RFC 7095's structure with the json module only."""
    props = [p for p in card[1] if isinstance(p, list) and len(p) >= 4]

    def values(name: str) -> list[Any]:
        got = [p[3] if len(p) == 4 else p[3:] for p in props if str(p[0]).lower() == name]
        return [v for v in got if v not in ("", [""], [])]

    def first(name: str) -> Any:
        got = values(name)
        return got[0] if got else None

    def parts(value: Any, size: int) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        items = [*items, *[""] * (size - len(items))]
        return tuple(_joined(x) for x in items[:size])

    n = first("n")
    return {
        "FN": first("fn") or "",
        "N": None if n is None else parts(n, 5),
        "EMAIL": sorted(values("email")),
        "TEL": sorted(str(v).removeprefix("tel:") for v in values("tel")),
        "ORG": sorted(tuple(v) if isinstance(v, list) else (v,) for v in values("org")),
        "TITLE": sorted(values("title")),
        "NOTE": first("note"),
        "BDAY": _date_text(first("bday")),
        "ADR": sorted(parts(v, 7) for v in values("adr")),
    }


def _diff(want: dict[str, Any], got: dict[str, Any], skip: Iterable[str] = ()) -> list[str]:
    return [
        f"{k}: netcore holds {want[k]!r}, the reader got {got[k]!r}"
        for k in want
        if k not in skip and want[k] != got[k]
    ]


def _vobject_skips(c: Contact) -> dict[str, str]:
    """Fields vobject cannot be asked about for this contact, with the reason."""
    skips = {}
    if isinstance(c.birthday, PartialDate) and c.birthday.year is None:
        skips["BDAY"] = VOBJECT_LIMITS["BDAY-yearless"]
    n = c.name
    if n is not None and any("," in x for x in (n.family, n.given)):
        skips["N"] = VOBJECT_LIMITS["N-comma"]
    if any(
        "," in x
        for a in c.addresses
        for x in (a.po_box, a.extended, a.street, a.locality, a.region, a.postal_code, a.country)
    ):
        skips["ADR"] = VOBJECT_LIMITS["N-comma"]
    return skips


def _read_contacts(path: Path) -> list[Contact]:
    data = path.read_bytes()
    if path.suffix.lower() == ".json":
        return list(jcard.loads(data, source=path.name))
    return list(vcard.loads(data, source=path.name))


def _without_profile(text: str) -> str:
    """``text`` without its PROFILE properties (and their folded continuation lines)."""
    kept: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        if dropping and line[:1] in (" ", "\t"):
            continue
        dropping = line.upper().startswith("PROFILE:")
        if not dropping:
            kept.append(line)
    return "".join(kept)


def test_vcard_30_output_is_read_by_vobject(
    vcard_corpus_file: Path, request: pytest.FixtureRequest
) -> None:
    _mark_known(request, "vobject", vcard_corpus_file)
    contacts = _read_contacts(vcard_corpus_file)
    text = vcard.dumps(contacts, version="3.0")
    if any(line.upper().startswith("PROFILE:") for line in text.splitlines()):
        # vobject refuses the whole card; it reads the rest, compared field by field below.
        request.node.user_properties.append(("PROFILE left out", VOBJECT_LIMITS["PROFILE"]))
        text = _without_profile(text)
    cards = list(vobject.readComponents(text)) if contacts else []
    assert len(cards) == len(contacts)
    problems = []
    for i, (c, card) in enumerate(zip(contacts, cards, strict=True)):
        skips = _vobject_skips(c)
        for field, reason in skips.items():
            request.node.user_properties.append((f"card {i} {field} skipped", reason))
        problems += [f"card {i}: {d}" for d in _diff(_key_fields(c), _vobject_fields(card), skips)]
    assert problems == []


def test_jcard_output_has_the_same_key_fields(
    vcard_corpus_file: Path, request: pytest.FixtureRequest
) -> None:
    _mark_known(request, "jcard", vcard_corpus_file)
    contacts = _read_contacts(vcard_corpus_file)
    doc = json.loads(jcard.dumps(contacts))
    cards = [doc] if doc and doc[0] == "vcard" else doc
    assert len(cards) == len(contacts)
    problems = []
    for i, (c, card) in enumerate(zip(contacts, cards, strict=True)):
        problems += [f"card {i}: {d}" for d in _diff(_key_fields(c), _jcard_fields(card))]
    assert problems == []


def _instant(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    return "date " + value.isoformat()


def _event_fields(e: Event) -> dict[str, Any]:
    return {
        "UID": e.uid,
        "SUMMARY": e.title or None,
        "START": _instant(e.start),
        "END": _instant(e.end),
        "ATTENDEES": sorted((a.email or "").lower() for a in e.attendees),
    }


def _address(value: Any) -> str:
    """An attendee's email as icalendar reads it: after ``mailto:``; a ``urn:uuid:`` (how
    netcore writes a person known by name only, docs/formats.md) is no email address."""
    text = str(value)
    if text[:9].lower() == "urn:uuid:":
        return ""
    return (text[7:] if text[:7].lower() == "mailto:" else text).lower()


def _icalendar_fields(v: Any) -> dict[str, Any]:
    attendees = v.get("ATTENDEE")
    items = [] if attendees is None else attendees if isinstance(attendees, list) else [attendees]
    return {
        "UID": str(v["UID"]) if "UID" in v else None,
        "SUMMARY": str(v["SUMMARY"]) if "SUMMARY" in v else None,
        "START": _instant(v.decoded("DTSTART")) if "DTSTART" in v else None,
        "END": _instant(v.decoded("DTEND")) if "DTEND" in v else None,
        "ATTENDEES": sorted(_address(a) for a in items),
    }


def test_ical_output_is_read_by_icalendar(
    ical_corpus_file: Path, request: pytest.FixtureRequest
) -> None:
    _mark_known(request, "icalendar", ical_corpus_file)
    events = list(ical.loads(ical_corpus_file.read_bytes(), source=ical_corpus_file.name))
    cal = icalendar.Calendar.from_ical(ical.dumps(events))
    got = list(cal.walk("VEVENT"))
    assert len(got) == len(events)
    problems = []
    for i, (e, v) in enumerate(zip(events, got, strict=True)):
        problems += [f"event {i}: {d}" for d in _diff(_event_fields(e), _icalendar_fields(v))]
    assert problems == []
