r"""iCalendar (RFC 5545) <-> :class:`~netcore.model.Event`; follow-ups and birthdays as ``.ics``.

This package is the only part of netcore that imports ``icalendar`` and
``recurring_ical_events``. One module per job: ``_guard`` (plain-text guards and limits),
``_read`` (reading), ``_event`` (one VEVENT to one event), ``_expand`` (recurrences),
``_kind`` (the event classifier), ``_zones`` (time zones and icalendar's zone provider),
``_write`` (writing events) and ``_export`` (follow-ups and birthdays). Reading goes in
three steps:

1. **Guards** (``_ical_guard``, plain text, before icalendar sees anything): the input is
   decoded (UTF-8; stray bytes as Windows-1252 with an issue; a byte-order mark
   dropped), lone-CR line endings are accepted, lines longer than
   :attr:`Limits.max_line_length` and nesting deeper than :attr:`Limits.max_depth` are
   refused, unclosed components are closed with an issue, alarms, to-dos, journals and
   free/busy components are dropped (netcore reads events only; a VALARM ``REPEAT`` above
   :attr:`Limits.max_alarm_repeat` is reported), and a VTIMEZONE whose sub-rules recur
   more often than daily is replaced by the IANA zone its TZID names, else by a fixed
   offset (such a rule makes icalendar spin for minutes on the first time lookup).
2. **icalendar** parses the events and time zones that are left. Windows zone names
   (``W. Europe Standard Time``) become IANA zones (icalendar's copy of the CLDR
   ``windowsZones`` table); Google's ``X-WR-TIMEZONE`` is applied to floating times only,
   never to a time with its own TZID or in UTC; custom VTIMEZONEs are resolved per input
   (icalendar's own cache is process-wide, so a TZID is never resolved through it). An
   unknown TZID keeps its text as the zone name at UTC offset 0, with an
   issue; floating times are read as UTC, with an issue. Only names that
   :func:`zoneinfo.available_timezones` lists are looked up in the tz database (a TZID
   like ``Europe`` would otherwise open a directory there). To enforce that, the first
   read or write installs such a provider into icalendar (``icalendar.timezone.tzp.use``)
   for the whole process when icalendar uses zoneinfo (not importing netcore); it answers
   as before for every name zoneinfo can load as a zone.
3. **Recurrences** are expanded with ``recurring_ical_events`` inside
   ``[expand_from, expand_to)``, honouring EXDATE and RECURRENCE-ID overrides, at most
   :attr:`Limits.max_instances` occurrences a series (an issue says when the cap cut a
   series). Invalid rules (``INTERVAL=0``, ``COUNT=0``, ``BYDAY=0TH``, a malformed
   ``UNTIL``: see ``_ical_guard.invalid_rule``) are an ``ERROR`` and rules no date
   satisfies (``BYMONTH=2;BYMONTHDAY=30``) a ``WARNING``; both are read
   as their first occurrence, rules with a start far before the window are fast-forwarded
   by whole intervals, and each step of the expansion asks for a span that cannot hold
   more than the cap, so that ``FREQ=SECONDLY`` without an end stays bounded; series
   denser than hourly share one budget of :attr:`Limits.max_instances` occurrences per
   input (a further one is read as its first occurrence, with a warning).
   **Without a window** a recurring series gives its first occurrence (DTSTART) and then
   each of its RECURRENCE-ID overrides (an override of DTSTART replaces the first
   occurrence), with one ``INFO`` issue; :func:`dumps` writes those overrides back with
   a RECURRENCE-ID. The window bounds expansion only: events that do not recur are
   always returned.

Every exception raised by icalendar, recurring_ical_events or dateutil becomes an issue
with the line and property where known (the whole VEVENT's line otherwise); with
``strict=True`` the first ``ERROR`` raises :class:`~netcore.errors.ParseError` instead.

**EventKind rule.** ``X-NETCORE-KIND`` (written by :func:`dumps`) wins; else each
CATEGORIES value in order, then the SUMMARY, is matched (case-insensitively, whole words)
against these keyword lists, checked in this order; the first list with a match decides:

* ``CONFERENCE``: conference, summit, congress, symposium, convention, expo, forum
* ``TRAINING``: training, workshop, course, seminar, webinar, bootcamp, tutorial, class, lecture
* ``MEETUP``: meetup, meet-up, user group, hackathon, hack night
* ``SOCIAL``: party, dinner, lunch, breakfast, drinks, happy hour, coffee, reception,
  celebration, birthday, bbq
* ``MEETING``: meeting, call, sync, 1:1, one-on-one, standup, stand-up, interview,
  catch-up, catch up, review, appointment

otherwise ``OTHER``.

Examples:
    >>> cal = (
    ...     "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:PyCon US\r\n"
    ...     "CATEGORIES:Conference\r\nDTSTART:20260514T090000Z\r\n"
    ...     "ATTENDEE;CN=Ada;PARTSTAT=ACCEPTED:mailto:ada@example.org\r\n"
    ...     "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ... )
    >>> [(e.title, e.kind.value, e.attendees[0].email) for e in loads(cal)]
    [('PyCon US', 'conference', 'ada@example.org')]
"""

from __future__ import annotations

from netcore.formats.ical._common import DEFAULT_LIMITS
from netcore.formats.ical._export import NudgeLike, birthdays, follow_ups
from netcore.formats.ical._guard import Limits
from netcore.formats.ical._kind import guess_kind
from netcore.formats.ical._read import load, loads
from netcore.formats.ical._write import dump, dumps
from netcore.formats.issues import Parsed as Parsed  # read results (``ical.Parsed``)

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "NudgeLike",
    "birthdays",
    "dump",
    "dumps",
    "follow_ups",
    "guess_kind",
    "load",
    "loads",
]
