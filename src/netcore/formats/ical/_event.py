"""One VEVENT component to one :class:`~netcore.model.Event` (times, people, status, kind)."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import tzinfo as _dt_tzinfo
from typing import Any, TypeVar

import icalendar
from icalendar.parser import split_on_unescaped_comma
from pydantic import ValidationError

from netcore.errors import ParseError
from netcore.formats.ical._common import (
    _as_written,
    _clean,
    _Context,
    _dt_of,
    _first,
    _get,
    _has,
    _once,
    _sort_key,
    read_by_netcore,
)
from netcore.formats.ical._guard import (
    Block,
    limit_error,
    logical_line,
    unsplittable,
    without_value,
)
from netcore.formats.ical._kind import (
    guess_kind,
)
from netcore.formats.ical._zones import (
    _iana_zone,
    _unknown_zone,
)
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventKind,
    EventStatus,
)

# ---- reading ------------------------------------------------------------------------

_T = TypeVar("_T")

_PARTSTAT = {
    "NEEDS-ACTION": AttendeeStatus.NEEDS_ACTION,
    "ACCEPTED": AttendeeStatus.ACCEPTED,
    "DECLINED": AttendeeStatus.DECLINED,
    "TENTATIVE": AttendeeStatus.TENTATIVE,
    "DELEGATED": AttendeeStatus.DELEGATED,
}
_ROLE = {
    "CHAIR": AttendeeRole.CHAIR,
    "REQ-PARTICIPANT": AttendeeRole.REQ_PARTICIPANT,
    "OPT-PARTICIPANT": AttendeeRole.OPT_PARTICIPANT,
    "NON-PARTICIPANT": AttendeeRole.NON_PARTICIPANT,
}


def _repair_time(prop: Any) -> date | None:
    """Read a broken date or date-time again without surrounding spaces (``DTEND: 2024...``)."""
    text = str(prop).strip()
    try:
        value = icalendar.vDDDTypes.from_ical(text)  # type: ignore[no-untyped-call]
    except Exception:
        return None
    return value if isinstance(value, date) else None


_SPACED = ("DTSTART", "DTEND", "RECURRENCE-ID")
"""The single times read again without their spaces by :func:`unspace_times`."""


def unspace_times(comp: icalendar.Component, block: Block, ctx: _Context) -> None:
    """Read again, in place, a DTSTART, DTEND or RECURRENCE-ID written with spaces.

    ``DTSTART:20260320T100000Z `` is no date-time for icalendar (it keeps the property
    as broken); without its spaces it is one, read with a warning naming the line. This
    is done on the component before anything reads it, so that a series is expanded
    from the repaired start (RT-26-7: it was read as one event, its other occurrences
    lost, with a second warning saying the DTSTART could not be read).
    """
    for name in _SPACED:
        prop = comp.get(name)
        if not isinstance(prop, icalendar.vBroken):
            continue
        value = _repair_time(prop)
        if value is None:
            continue  # reported where it is read
        _once(ctx, block, name)  # icalendar's parse error of it is this one: not again
        ctx.col.warning(
            f"{name} {str(prop)[:80]!r} was read without its spaces",
            line=block.line_of(name) or block.line,
            property=name,
        )
        params = dict(prop.params)
        del comp[name]
        comp.add(name, value, parameters=params)


# The value of a calendar user line: a mailto: address or another URI (RFC 7986 principals
# are urn:uuid: with an EMAIL parameter), optionally quoted, at the end of the line.
_MAILTO_TAIL = re.compile(
    r':\s*"?((?:mailto|urn|https?|sips?|tel|ldap):[^"]*)"?\s*$', re.IGNORECASE
)


# One parameter of such a line: a quoted value (``\"`` inside it kept), or the text up to the
# next ``;NAME=``. The quoted form is written as runs of plain characters between escapes:
# an alternation repeated per character keeps a backtracking frame for each one, which for
# 10,000 characters after an unclosed quote cost 1.4 MB (140x the line).
_LOOSE_PARAMS = {
    key: re.compile(rf';{key}=("[^"\\]*(?:\\.[^"\\]*)*"|.*?)(?=;[A-Za-z0-9-]+=|$)', re.IGNORECASE)
    for key in ("CN", "PARTSTAT", "ROLE", "CUTYPE", "EMAIL")
}


def _loose_param(head: str, key: str) -> str | None:
    match = _LOOSE_PARAMS[key].search(head)
    if match is None:
        return None
    text = match.group(1)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('\\"', '"')
    return text


def _loose_person(text: str) -> Attendee | None:
    """An ATTENDEE or ORGANIZER line icalendar cannot parse (quotes inside a CN), read leniently."""
    match = _MAILTO_TAIL.search(text)
    if match is not None:
        head, value = text[: match.start()], match.group(1)
    else:
        head, _, value = text.rpartition(":")
    addr = icalendar.vCalAddress(value)
    for key in _LOOSE_PARAMS:
        found = _loose_param(head, key)
        if found is not None:
            addr.params[key] = found
    return _person(addr)


def _unparsed_lines(block: Block, ctx: _Context) -> None:
    """Report each line of a VEVENT icalendar could not parse; rescue attendees in them.

    icalendar drops such a line and records an error without a property name; here each
    logical line is checked once (only for a block that has such an error), so that the
    issue names the line.
    """
    organizer: Attendee | None = None
    attendees: list[Attendee] = []
    for text, number in block.inner_logical():
        match = re.match(r"[A-Za-z0-9-]+", text)
        name = match.group().upper() if match else None
        try:
            why = unsplittable(text)
            if why is not None:
                raise ValueError(why)
            icalendar.parser.Contentline(text).parts()  # type: ignore[no-untyped-call]
            if name is not None and read_by_netcore(name) and without_value(text):
                raise ValueError("no ':' after the name and parameters")
        except Exception as exc:
            person = _loose_person(text) if name in ("ATTENDEE", "ORGANIZER") else None
            if person is None:
                ctx.col.warning(
                    f"line could not be read and was ignored ({exc}): {text[:80]!r}",
                    line=number,
                    property=name,
                )
                continue
            ctx.col.warning(
                f"{name} is not valid iCalendar (quotes inside a parameter?); it was read "
                "leniently",
                line=number,
                property=name,
            )
            if name == "ORGANIZER":
                organizer = organizer or person
            else:
                attendees.append(person)
    ctx.loose[id(block)] = (organizer, attendees)


def _emit(
    comp: icalendar.Component, block: Block, uid: str, ctx: _Context, out: list[Event]
) -> None:
    if ctx.exhausted:
        return
    try:
        event = _event(comp, block, uid, ctx)
    except ParseError:
        raise
    except Exception as exc:
        ctx.col.error(
            f"VEVENT could not be read ({type(exc).__name__}: {exc}); it was skipped",
            line=block.line,
            property="VEVENT",
        )
        return
    if event is None:
        return
    _add(event, block, ctx, out)


def _add(event: Event, block: Block, ctx: _Context, out: list[Event]) -> None:
    """Append ``event`` unless the input's budgets of occurrences and attendees are spent."""
    if ctx.exhausted:
        return  # reported once, when the budget ran out
    people = len(event.attendees) + (event.organizer is not None)
    limits = ctx.limits
    if (
        ctx.read + 1 > limits.max_occurrences
        or ctx.people + people > limits.max_attendee_occurrences
    ):
        ctx.exhausted = True
        what = (
            f"{limits.max_occurrences} occurrences"
            if ctx.read + 1 > limits.max_occurrences
            else f"{limits.max_attendee_occurrences} attendees summed over occurrences"
        )
        limit_error(
            ctx.col,
            f"the input holds more than {what} (the limit per input); the events from here "
            f"on were not read ({ctx.read} were)",
            line=block.line,
            property="VEVENT",
        )
        return
    ctx.read += 1
    ctx.people += people
    out.append(event)


def _when(prop: Any, name: str, block: Block, ctx: _Context, *, required: bool) -> date | None:
    prop = _first(prop)
    value = _dt_of(prop)
    if not isinstance(value, date):
        message = f"{name} could not be read: {str(prop)[:80]!r}"
        line = block.line_of(name) or block.line
        if required:
            ctx.col.error(message + "; the VEVENT was skipped", line=line, property=name)
        else:
            ctx.col.warning(message + "; it was dropped", line=line, property=name)
        return None
    if not isinstance(value, datetime):
        return value
    params = getattr(prop, "params", None) or {}
    tzid = params.get("TZID")
    if isinstance(tzid, str) and tzid in ctx.tzmap:
        return value.replace(tzinfo=ctx.tzmap[tzid])
    if value.tzinfo is not None and value.utcoffset() is not None and not isinstance(tzid, str):
        # A TZID is resolved here, never by the zone icalendar attached: icalendar caches
        # custom VTIMEZONEs process-wide, so a previous input's zone could be used.
        return value
    zone = _iana_zone(tzid) if isinstance(tzid, str) else None
    if zone is not None:
        return value.replace(tzinfo=UTC if zone == "UTC" else zoneinfo.ZoneInfo(zone))
    if isinstance(tzid, str):
        if tzid not in ctx.unknown_tzids:
            ctx.unknown_tzids.add(tzid)
            ctx.col.warning(
                f"unknown TZID {tzid!r}: its times were read at UTC offset 0, keeping the "
                "TZID as the zone name",
                line=block.line_of(name) or block.line,
                property=name,
            )
        return value.replace(tzinfo=_unknown_zone(tzid))
    if ctx.x_wr_zone is not None:  # a floating time localise_floating did not see
        return in_x_wr_zone(value, ctx.x_wr_zone)
    if ctx.floating == 0:
        ctx.col.info(
            "floating time (no time zone): read as UTC",
            line=block.line_of(name) or block.line,
            property=name,
        )
    ctx.floating += 1
    return value.replace(tzinfo=UTC)


_FLOATING_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def in_x_wr_zone(value: _T, zone: _dt_tzinfo) -> _T:
    """Google's ``X-WR-TIMEZONE`` rule: a floating date-time is a time in that zone.

    It never applies to a time with its own TZID or in UTC, nor to a date; ``value`` is
    returned unchanged then.
    """
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def localise_floating(comp: icalendar.Component, zone: _dt_tzinfo) -> None:
    """Give the floating times of a VEVENT Google's calendar-wide zone, in place.

    :func:`in_x_wr_zone` is applied to the component before its series is
    expanded, so that DTSTART, DTEND, every RDATE and EXDATE and RECURRENCE-ID are times
    in one zone: an EXDATE written in UTC (as Google writes one) or with a TZID then
    names the same instant as the floating occurrence it removes, and the window is
    compared in that zone (RT-ical-2: a UTC EXDATE made recurring_ical_events read the
    whole series in UTC, an hour late in Paris, the excluded occurrence kept).
    """
    for name in _FLOATING_PROPERTIES:
        raw = comp.get(name)
        for prop in raw if isinstance(raw, list) else (raw,):
            if prop is None or isinstance(prop, icalendar.vBroken):
                continue  # reported where it is read
            items = getattr(prop, "dts", None) if name in ("RDATE", "EXDATE") else [prop]
            for item in items or ():
                value = getattr(item, "dt", None)
                if isinstance(value, tuple):  # a PERIOD: (start, end or duration)
                    item.dt = tuple(in_x_wr_zone(v, zone) for v in value)
                elif isinstance(value, datetime):
                    item.dt = in_x_wr_zone(value, zone)


def _email_param(params: Any) -> str | None:
    """The RFC 7986 ``EMAIL`` parameter (section 6.2), the address of a non-mailto: user.

    Calendar servers write principals as ``urn:uuid:...`` with ``EMAIL=a@x.example``; a
    value that is not an address (no ``@``) is not used.
    """
    text = str(_first(_get(params, "EMAIL", "")) or "").strip().strip('"').strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return _clean(text) if "@" in text else None


def _person(value: Any) -> Attendee | None:
    # Some writers quote the whole address ("mailto:a@b") or the part after mailto:.
    text = str(value).strip().strip('"').strip()
    params = getattr(value, "params", None) or {}
    email: str | None = None
    # A mailto: address is kept as written (with or without "@": netcore writes what its
    # model holds); a bare value counts as an address only when it looks like one.
    if text[:7].lower() == "mailto:":
        email = _clean(text[7:].strip().strip('"'))
    elif "@" in text and ":" not in text:
        email = _clean(text)
    else:
        email = _email_param(params)
    # The name as written, its spaces kept as the model keeps them (``CN=" Ann "``).
    name = _as_written(_get(params, "CN"))
    if email is None and name is None:
        return None
    cutype = _clean(_first(_get(params, "CUTYPE")))
    return Attendee(
        email=email,
        name=name,
        status=_PARTSTAT.get(
            str(_first(_get(params, "PARTSTAT", ""))).upper(), AttendeeStatus.NEEDS_ACTION
        ),
        role=_ROLE.get(str(_first(_get(params, "ROLE", ""))).upper(), AttendeeRole.REQ_PARTICIPANT),
        cutype=cutype.lower() if cutype else None,
    )


def _known_person(value: Any, ctx: _Context) -> Attendee | None:
    """:func:`_person`, once per distinct address and parameters in an input.

    The same people come back in event after event (and in every occurrence of a
    series); an :class:`Attendee` is frozen, so one record serves them all.
    """
    params = getattr(value, "params", None) or {}
    key = (
        str(value),
        *(str(_get(params, name)) for name in ("CN", "PARTSTAT", "ROLE", "CUTYPE", "EMAIL")),
    )
    try:
        return ctx.persons[key]
    except KeyError:
        person = ctx.persons[key] = _person(value)
        return person


_CATEGORIES = re.compile(r"CATEGORIES[;:]", re.IGNORECASE)


def categories_head(text: str) -> str | None:
    """A logical ``CATEGORIES`` line up to its value separator, or ``None`` when it is none.

    The separator is the first colon outside a quoted parameter value, icalendar's rule.
    icalendar is given only this head (see ``_read._for_icalendar``): it reads the
    parameters, and reports the line when it cannot, as it did when given the whole line;
    the items are read by :func:`block_categories`.
    """
    if _CATEGORIES.match(text) is None:
        return None
    quoted = False
    for pos, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return text[: pos + 1]
    return None


def categories_line(lines: Sequence[str], i: int) -> str | None:
    """The logical line at ``i`` when it is a ``CATEGORIES`` line, else ``None``.

    RFC 5545 lets a line be folded anywhere, the name included (``CATEGORIE`` then
    `` S:a``): a physical line that is a prefix of the name is unfolded and checked
    whole (RT-ical-1, RT-ical-3). Only such lines are unfolded, each once.
    """
    text = lines[i]
    if _CATEGORIES.match(text) is None and not (
        0 < len(text) <= len("CATEGORIES") and "CATEGORIES".startswith(text.upper())
    ):
        return None
    whole = logical_line(lines, i)[0]
    return whole if _CATEGORIES.match(whole) is not None else None


def block_categories(block: Block) -> list[str]:
    r"""The items of a block's ``CATEGORIES`` lines that icalendar can read, in order.

    Each value is split on unescaped commas and unescaped by icalendar's own rule (the
    one it applies to a whole line), without building a text object with its own
    parameters for every item (30,000 one-letter items cost 130x the input). Items are
    kept as written, spaces included, as the vCard codec keeps list items; only empty
    items (``a,,b``) are left out. A line whose head icalendar cannot read gives none
    (icalendar reports it).

    Examples:
        >>> lines = ["BEGIN:VEVENT", r"CATEGORIES:a\,b,,c", "CATEGORIES;X=1:d", "END:VEVENT"]
        >>> block_categories(Block("VEVENT", 1, lines))
        ['a,b', 'c', 'd']
    """
    lines = block.lines
    out: list[str] = []
    for i in range(1, len(lines)):
        whole = categories_line(lines, i)
        if whole is None:
            continue
        head = categories_head(whole)
        if head is None:
            continue
        try:
            icalendar.parser.Contentline(head).parts()  # type: ignore[no-untyped-call]
        except Exception:
            continue
        out.extend(c for c in split_on_unescaped_comma(whole[len(head) :]) if c)
    return out


_STATUS = {
    "CONFIRMED": EventStatus.CONFIRMED,
    "TENTATIVE": EventStatus.TENTATIVE,
    "CANCELLED": EventStatus.CANCELLED,
    "CANCELED": EventStatus.CANCELLED,
}


def _status(comp: icalendar.Component, block: Block, ctx: _Context) -> EventStatus:
    raw = _get(comp, "STATUS")
    if raw is None:
        return EventStatus.CONFIRMED
    text = str(_first(raw)).strip().upper()
    status = _STATUS.get(text)
    if status is None:
        if _once(ctx, block, "STATUS"):
            ctx.col.warning(
                f"STATUS {text[:40]!r} is not an event status; read as CONFIRMED",
                line=block.line_of("STATUS") or block.line,
                property="STATUS",
            )
        return EventStatus.CONFIRMED
    return status


def _event(comp: icalendar.Component, block: Block, uid: str, ctx: _Context) -> Event | None:
    col = ctx.col
    if "DTSTART" not in comp:
        col.error("VEVENT without DTSTART was skipped", line=block.line, property="DTSTART")
        return None
    start = _when(comp["DTSTART"], "DTSTART", block, ctx, required=True)
    if start is None:
        return None
    end = _end(comp, start, block, ctx)
    title = str(_first(_get(comp, "SUMMARY")) or "")
    categories = tuple(block_categories(block))
    organizer, attendees = _people(comp, block, ctx)
    # URL is a URI, not TEXT (RFC 5545 section 3.8.4.6, value type URI, section 3.3.13):
    # read as written, a backslash in it (``file:///C:\\new``) is no escape.
    url = block.uri_of("URL") if _has(comp, "URL") else None
    for name, message in getattr(comp, "errors", ()):
        if url is not None and str(name).upper() == "URL":
            continue
        if name and not str(name).upper().startswith("X-") and _once(ctx, block, str(name)):
            col.warning(
                f"{name} could not be read: {message}",
                line=block.line_of(str(name)) or block.line,
                property=str(name),
            )
    location = _get(comp, "LOCATION")
    description = _get(comp, "DESCRIPTION")
    try:
        return Event(
            uid=uid,
            title=title,
            start=start,
            end=end,
            location=None if location is None else str(_first(location)),
            url=_clean(url if url is not None else _first(_get(comp, "URL"))),
            organizer=organizer,
            attendees=tuple(attendees),
            kind=_kind_of(comp, title, categories),
            description=None if description is None else str(_first(description)),
            categories=categories,
            status=_status(comp, block, ctx),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        prop = str(first["loc"][0]).upper() if first.get("loc") else "VEVENT"
        col.error(
            f"VEVENT could not be read: {first['msg']}; it was skipped",
            line=block.line,
            property={"TITLE": "SUMMARY", "START": "DTSTART", "END": "DTEND"}.get(prop, prop),
        )
        return None


def _end(comp: icalendar.Component, start: date, block: Block, ctx: _Context) -> date | None:
    """DTEND (or DTSTART + DURATION) of the same type as the start; dropped if before it."""
    end: date | None = None
    source = "DTEND"
    if _has(comp, "DTEND"):
        end = _when(comp["DTEND"], "DTEND", block, ctx, required=False)
    elif _has(comp, "DURATION"):
        source = "DURATION"
        dur = _dt_of(comp["DURATION"])
        if isinstance(dur, timedelta):
            try:
                end = start + dur
            except OverflowError:
                ctx.col.warning(
                    "DTSTART + DURATION ends after the year 9999: the end was dropped",
                    line=block.line_of("DURATION") or block.line,
                    property="DURATION",
                )
                return None
    if end is None:
        return None
    if isinstance(end, datetime) != isinstance(start, datetime):
        if isinstance(start, datetime):
            end = datetime(end.year, end.month, end.day, tzinfo=start.tzinfo)
        elif isinstance(end, datetime):
            end = end.date()
    if _sort_key(end) < _sort_key(start):
        ctx.col.warning(
            "DTEND is before DTSTART: the end was dropped"
            if source == "DTEND"
            else "DURATION is negative: the end was dropped",
            line=block.line_of(source) or block.line,
            property=source,
        )
        return None
    return end


def _kind_of(comp: icalendar.Component, title: str, categories: tuple[str, ...]) -> EventKind:
    kind_text = str(_first(_get(comp, "X-NETCORE-KIND")) or "").strip().lower()
    try:
        return EventKind(kind_text) if kind_text else guess_kind(title, categories)
    except ValueError:
        return guess_kind(title, categories)


def _people(
    comp: icalendar.Component, block: Block, ctx: _Context
) -> tuple[Attendee | None, list[Attendee]]:
    """The organizer and attendees, with those rescued from lines icalendar could not parse."""
    organizer = None
    if _has(comp, "ORGANIZER"):
        organizer = _known_person(_first(comp["ORGANIZER"]), ctx)
    loose_organizer, loose_attendees = ctx.loose.get(id(block), (None, []))
    organizer = organizer or loose_organizer
    attendees: list[Attendee] = list(loose_attendees)
    raw = _get(comp, "ATTENDEE")
    if raw is None:
        return organizer, attendees
    for value in raw if isinstance(raw, list) else [raw]:
        person = _known_person(value, ctx)
        if person is None:
            ctx.col.warning(
                f"ATTENDEE without an email or a name was skipped: {str(value)[:60]!r}",
                line=block.line_of("ATTENDEE") or block.line,
                property="ATTENDEE",
            )
        else:
            attendees.append(person)
    return organizer, attendees
