"""LinkedIn's ``Connections.csv``: its columns and the Connected On interactions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from netcore.formats.csv._core import _NS, CONNECTED_ON
from netcore.formats.csv.row import _Reader
from netcore.formats.csv.values import _name_out, _parse_date
from netcore.model import (
    Contact,
    Direction,
    Extension,
    Interaction,
    InteractionKind,
    Organization,
    Url,
)

_LINKEDIN_COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_LINKEDIN_MARKS = frozenset({"url", "email address", "position", "connected on"})


def _read_linkedin(r: _Reader) -> None:
    """The profile URL and the connection date (the rest is read through the header table)."""
    row = r.row
    url = row.get("url")
    socials: list[Url] = []
    r.url("url", url, into=socials, service="linkedin")
    r.f["social_profiles"] = tuple(socials)
    connected = row.get("connected on")
    if connected:
        parsed = row.build("connected on", lambda: _parse_date(connected))
        if isinstance(parsed, date):
            r.extensions.append(Extension(name=CONNECTED_ON, value=parsed.isoformat()))
        elif parsed is not None:
            row.bad("connected on", f"not a full date: {connected!r}")


def _write_linkedin(c: Contact) -> dict[str, str]:
    name = _name_out(c)
    org = c.organizations[0] if c.organizations else Organization()
    profile = next(
        (
            u
            for u in c.social_profiles
            if (u.service or "").casefold() == "linkedin" or "linkedin." in u.value.casefold()
        ),
        c.social_profiles[0] if c.social_profiles else None,
    )
    connected = ""
    for ext in c.extensions:
        if ext.name.upper() == CONNECTED_ON:
            try:
                day = date.fromisoformat(ext.value.strip())
                connected = f"{day.day:02d} {day.strftime('%b')} {day.year}"
            except ValueError:
                connected = ext.value
            break
    return {
        "First Name": name.given,
        "Last Name": name.family,
        "URL": profile.value if profile else "",
        "Email Address": c.emails[0].address if c.emails else "",
        "Company": org.name,
        "Position": org.title or "",
        "Connected On": connected,
    }


# ---- interactions -------------------------------------------------------------------------


def connection_interactions(contacts: Iterable[Contact]) -> list[Interaction]:
    """One ``SOCIAL`` interaction per contact that carries LinkedIn's "Connected On" date.

    The interaction is ``MUTUAL``, at midnight UTC of that date, noted "Connected on
    LinkedIn", with an id derived from the contact's uid and the date (the same file
    imported twice gives the same ids).

    Examples:
        >>> from netcore.model import Contact, Extension
        >>> c = Contact(uid="ada", extensions=(Extension(name=CONNECTED_ON, value="2021-03-15"),))
        >>> [(i.contact_uids, i.at.date().isoformat()) for i in connection_interactions([c])]
        [(('ada',), '2021-03-15')]
    """
    out: list[Interaction] = []
    for contact in contacts:
        for ext in contact.extensions:
            if ext.name.upper() != CONNECTED_ON:
                continue
            try:
                day = date.fromisoformat(ext.value.strip())
            except ValueError:
                continue
            out.append(
                Interaction(
                    id=str(uuid.uuid5(_NS, f"linkedin-connected\x1f{contact.uid}\x1f{day}")),
                    at=datetime.combine(day, time(), UTC),
                    contact_uids=(contact.uid,),
                    kind=InteractionKind.SOCIAL,
                    direction=Direction.MUTUAL,
                    note="Connected on LinkedIn",
                )
            )
            break
    return out
