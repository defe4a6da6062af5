"""Writing events as iCalendar text."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime

import icalendar

from netcore import _gc
from netcore._files import PathOrFile, scrub_surrogates, write_bytes
from netcore.errors import UnsupportedFormatError
from netcore.formats.ical._common import (
    _CONTROL,
    _LINE_BREAKS,
    _PRODID,
    _sort_key,
)
from netcore.formats.ical._event import (
    _PARTSTAT,
    _ROLE,
)
from netcore.formats.ical._zones import install_provider
from netcore.model.event import (
    Attendee,
    Event,
)

_PARTSTAT_OUT = {v: k for k, v in _PARTSTAT.items()}
_ROLE_OUT = {v: k for k, v in _ROLE.items()}


# ---- writing ------------------------------------------------------------------------


def _text(value: str) -> str:
    r"""Text for a value: CR and CRLF become LF (escaped as ``\n``), other controls go.

    Lone surrogates become U+FFFD (no UTF-8 file can hold them). Every string the writers
    hand to icalendar goes through here or :func:`_param`.
    """
    text = scrub_surrogates(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _param(value: str) -> str:
    """Text for a parameter or a single-line value: line breaks become spaces, see :func:`_text`."""
    return _LINE_BREAKS.sub(" ", _CONTROL.sub("", scrub_surrogates(value)))


def _time_out(value: date) -> date:
    if not isinstance(value, datetime):
        return value
    if isinstance(value.tzinfo, zoneinfo.ZoneInfo):
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise UnsupportedFormatError(
            f"{value.isoformat()} cannot be written as iCalendar: in UTC it falls outside "
            "the years 1 to 9999 (give it a zoneinfo.ZoneInfo zone to keep its local time)"
        ) from None


def _stamp(value: date) -> datetime:
    """DTSTAMP: the start in UTC, clamped to the years 1 to 9999 at the calendar's edges."""
    key = _sort_key(value)
    try:
        return key.astimezone(UTC)
    except OverflowError:
        edge = datetime.max if key.year > 1 else datetime.min
        return edge.replace(microsecond=0, tzinfo=UTC)


def _no_address(name: str) -> str:
    """The cal-address of a person known by name only (RFC 5545 requires a URI).

    A ``urn:uuid:`` (RFC 4122 name-based, so the same name always gives the same value)
    is a valid URI that names no mailbox: the reader takes only ``mailto:`` (or a bare
    ``a@b``) as an email address, so the person reads back with the name and no email.
    """
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "netcore:attendee:" + name))


def _address(person: Attendee) -> icalendar.vCalAddress:
    addr = icalendar.vCalAddress(
        f"mailto:{_param(person.email)}" if person.email else _no_address(person.name or "")
    )
    if person.name:
        # icalendar reads a backslash in a parameter as an escape (``\\`` and ``\;`` lose
        # their backslash), so each one is written doubled; and it leaves a CN with a
        # backslash unquoted (CN=\;PARTSTAT=... loses PARTSTAT), so the CN is quoted.
        addr.params["CN"] = _param(person.name).replace("\\", "\\\\")
        quoted: tuple[str, ...] = (*addr.params.always_quoted, "CN")
        addr.params.always_quoted = quoted  # type: ignore[assignment]
    addr.params["PARTSTAT"] = _PARTSTAT_OUT[person.status]
    addr.params["ROLE"] = _ROLE_OUT[person.role]
    if person.cutype:
        addr.params["CUTYPE"] = _param(person.cutype).upper()
    return addr


def _calendar() -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("PRODID", _PRODID)
    cal.add("VERSION", "2.0")
    return cal


def _finish(cal: icalendar.Calendar) -> str:
    install_provider()
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text


def dumps(events: Iterable[Event]) -> str:
    """Write events as an iCalendar text (CRLF line endings, folded at 75 octets).

    Datetimes in a :class:`zoneinfo.ZoneInfo` zone keep their TZID (with a VTIMEZONE);
    other aware datetimes are written in UTC. A second occurrence with the same uid is
    written with a RECURRENCE-ID (its start), so that the uid stays unique per series.
    ``kind`` goes to ``X-NETCORE-KIND``; DTSTAMP is the start in UTC (netcore never reads
    the clock). CR and LF inside values are written escaped, never as line breaks; other
    control characters are dropped. Lone surrogates (which no UTF-8 file can hold) are
    written as U+FFFD, so that writing never fails. A text value that starts with U+FEFF
    (a byte-order mark) loses it: icalendar drops it on writing.

    Examples:
        >>> from datetime import date
        >>> from netcore.formats.ical import loads
        >>> text = dumps([Event(uid="e1", title="Offsite", start=date(2026, 6, 1))])
        >>> "DTSTART;VALUE=DATE:20260601" in text, loads(text)[0].title
        (True, 'Offsite')
    """
    with _gc.paused():
        cal = _calendar()
        seen: set[str] = set()
        for event in events:
            v = icalendar.Event()
            v.add("UID", _param(event.uid))
            v.add("DTSTAMP", _stamp(event.start))
            v.add("DTSTART", _time_out(event.start))
            if event.uid in seen:
                v.add("RECURRENCE-ID", _time_out(event.start))
            seen.add(event.uid)
            if event.end is not None:
                v.add("DTEND", _time_out(event.end))
            if event.title:
                v.add("SUMMARY", _text(event.title))
            if event.location is not None:
                v.add("LOCATION", _text(event.location))
            if event.url is not None:
                v.add("URL", _param(event.url))
            if event.description is not None:
                v.add("DESCRIPTION", _text(event.description))
            if event.categories:
                v.add("CATEGORIES", [_text(c) for c in event.categories])
            v.add("X-NETCORE-KIND", event.kind.value)
            v.add("STATUS", event.status.value.upper())
            if event.organizer is not None:
                v.add("ORGANIZER", _address(event.organizer))
            for person in event.attendees:
                v.add("ATTENDEE", _address(person))
            cal.add_component(v)
        return _finish(cal)


def dump(events: Iterable[Event], path_or_file: PathOrFile) -> None:
    """Write :func:`dumps` output to a path (atomically) or a binary file object.

    Examples:
        >>> import io
        >>> from datetime import date
        >>> buf = io.BytesIO()
        >>> dump([Event(uid="e1", start=date(2026, 6, 1))], buf)
        >>> buf.getvalue().startswith(b"BEGIN:VCALENDAR")
        True
    """
    write_bytes(dumps(events).encode("utf-8"), path_or_file)
