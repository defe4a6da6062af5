"""RECURRENCE-ID overrides as netcore writes them: what round-trips and what is not kept.

The Event model holds occurrences, not rules: neither the RRULE nor the original
RECURRENCE-ID of a moved occurrence is a field. ``dumps`` writes each further occurrence
of a uid with a RECURRENCE-ID equal to its own start (docs/formats.md); these tests hold
that the events read back are the events written, with and without a window.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netcore.formats import ical

MASTER = (
    "UID:s1\nSUMMARY:m\nDTSTART:20260105T100000Z\nDTEND:20260105T110000Z\nRRULE:FREQ=WEEKLY;COUNT=4"
)
MOVED = "UID:s1\nRECURRENCE-ID:20260112T100000Z\nDTSTART:20260112T130000Z\nSUMMARY:o"
FIRST_MOVED = "UID:s1\nRECURRENCE-ID:20260105T100000Z\nDTSTART:20260105T150000Z\nSUMMARY:f"
WINDOW = {
    "expand_from": datetime(2026, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2026, 12, 31, tzinfo=UTC),
}


def _cal(*events: str) -> str:
    body = "".join(
        "BEGIN:VEVENT\r\n" + e.replace("\n", "\r\n") + "\r\nEND:VEVENT\r\n" for e in events
    )
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + body + "END:VCALENDAR\r\n"


@pytest.mark.parametrize("window", [False, True])
@pytest.mark.parametrize(
    "events", [(MASTER, MOVED), (MASTER, FIRST_MOVED), (MASTER, MOVED, FIRST_MOVED)]
)
def test_written_overrides_read_back_as_the_events_written(
    events: tuple[str, ...], window: bool
) -> None:
    kw = WINDOW if window else {}
    read = list(ical.loads(_cal(*events), **kw))
    assert list(ical.loads(ical.dumps(read), **kw)) == read


def test_an_override_is_written_at_its_own_start_without_the_rule() -> None:
    read = list(ical.loads(_cal(MASTER, MOVED)))
    assert [(e.title, e.start) for e in read] == [
        ("m", datetime(2026, 1, 5, 10, tzinfo=UTC)),
        ("o", datetime(2026, 1, 12, 13, tzinfo=UTC)),
    ]
    text = ical.dumps(read)
    assert "RRULE" not in text  # not in the model: documented as not kept
    assert "RECURRENCE-ID:20260112T130000Z" in text  # its start, not the 10:00 it replaced
    assert "RECURRENCE-ID:20260112T100000Z" not in text
