"""Red team, iCalendar reading after issue 14's memory fixes: defects found, each a test.

Every test states what a user expects from the documented behaviour (docs/limits.md,
docs/formats.md, ``help(netcore.formats.ical)``); a test is marked
``xfail(strict=True)`` while the defect named in its reason is open (then the marker goes,
the assertion stays). Expected values are written by hand from RFC 5545, never taken from
the reader.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from netcore.formats import ical

WINDOW = {
    "expand_from": datetime(2026, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2027, 1, 1, tzinfo=UTC),
}


def _calendar(*lines: str, head: tuple[str, ...] = ()) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    top = "".join(f"{line}\r\n" for line in head)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{top}BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\n"
        f"DTSTART:20260105T100000Z\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.mark.parametrize(
    "folded",
    [
        ("CATEGORIES", " :Workshop,b"),  # folded right before the value's colon
        ("CATEGORIE", " S:Workshop,b"),  # folded inside the name
        ("CAT", " EGORIES;LANGUAGE=en:Workshop,b"),  # inside the name, with a parameter
    ],
)
def test_categories_folded_in_the_head_are_kept(folded: tuple[str, str]) -> None:
    """RT-ical-1: a CATEGORIES line folded before its value's colon loses every item.

    RFC 5545 section 3.1 lets a line be folded anywhere, name included; the reader before
    this session's memory fix (commit a949905) read ``CATEGORIES\\r\\n :a,b`` as
    categories ``a`` and ``b``. Since the items are split by netcore from its own copy of
    the block (``block_categories``), only a physical line that starts with
    ``CATEGORIES:``/``CATEGORIES;`` was looked at: the categories were silently dropped
    (no issue) and the event's kind, which the categories decide, changed from TRAINING
    to OTHER. Minimal input: ``CATEGORIES\\r\\n :Workshop,b`` in a VEVENT.
    """
    parsed = ical.loads(_calendar(*folded))
    (event,) = parsed
    assert event.categories == ("Workshop", "b")
    assert event.kind.value == "training"
    assert parsed.issues == []


@pytest.mark.xfail(
    strict=True,
    reason="RT-ical-2: an aware EXDATE moves a floating X-WR-TIMEZONE series to UTC",
)
def test_x_wr_timezone_series_with_an_utc_exdate_keeps_its_zone() -> None:
    """RT-ical-2: adding an EXDATE in UTC to a floating series read in X-WR-TIMEZONE moves it.

    ``help(netcore.formats.ical)``: Google's ``X-WR-TIMEZONE`` is applied to floating
    times. A daily series ``DTSTART:20260105T100000`` under ``X-WR-TIMEZONE:Europe/Paris``
    expands to 10:00 Paris (09:00 UTC) each day, and is read so without an EXDATE. With
    ``EXDATE:20260106T090000Z`` (10:00 Paris on 6 January, how Google writes an
    exclusion) every occurrence is read at 10:00 UTC instead, an hour late, and the
    excluded one is still there; no issue says so. The same before this session (commit
    a949905): not a regression, but silent wrong times on a shape Google exports.
    """
    parsed = ical.loads(
        _calendar(
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE:20260106T090000Z",
            head=("X-WR-TIMEZONE:Europe/Paris",),
        ).replace("DTSTART:20260105T100000Z", "DTSTART:20260105T100000"),
        **WINDOW,
    )
    paris_winter = timezone(timedelta(hours=1))
    got = [e.start.astimezone(UTC) for e in parsed if isinstance(e.start, datetime)]
    assert got == [
        datetime(2026, 1, 5, 10, tzinfo=paris_winter).astimezone(UTC),
        datetime(2026, 1, 7, 10, tzinfo=paris_winter).astimezone(UTC),
    ]
