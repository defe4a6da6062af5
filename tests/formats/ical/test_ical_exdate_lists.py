"""Series with long ``EXDATE;TZID=...`` lists, read with a window (issue 14, fuzzer finds).

The fuzzer kept five calendars of about 32 KB, each a daily series in Europe/Paris with
170 ``EXDATE;TZID=Europe/Paris`` lines of 10 dates, read over its 50-year window at 57x
to 59x working memory (docs/limits.md bounds it at 50x). The shape is generated here,
not copied, and measured with the fuzzer's own ``tools.fuzz.measure_memory``. Expected
occurrences are counted by hand from the rule: every day at 10:00 Paris time, less the
excluded days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tools import fuzz

from _complexity import assert_linear
from netcore.formats import ical

pytestmark = pytest.mark.slow  # memory shapes of 32 KB each: CI runs them

MAX_RATIO = 50
"""docs/limits.md: working memory under 50x the input (``tools.fuzz.measure_memory``)."""

WINDOW = {
    "expand_from": datetime(1990, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2040, 1, 1, tzinfo=UTC),
}
"""The window of the fuzzer's ``ical-window`` target."""

PARIS = ZoneInfo("Europe/Paris")
FIRST = date(2020, 1, 6)


def _excluded(lines: int) -> list[date]:
    """Ten days per line from 1 January 2020, the 29th to 31st of a month left out."""
    days: list[date] = []
    day = date(2020, 1, 1)
    while len(days) < lines * 10:
        if day.day <= 28:
            days.append(day)
        day += timedelta(days=1)
    return days


def _calendar(lines: int, *, override: bool = False, tzid: str = "Europe/Paris") -> str:
    days = _excluded(lines)
    exdates = [
        f"EXDATE;TZID={tzid}:" + ",".join(f"{d:%Y%m%d}T100000" for d in days[i : i + 10])
        for i in range(0, len(days), 10)
    ]
    text = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//t//EN",
        "BEGIN:VEVENT",
        "UID:h",
        f"DTSTART;TZID={tzid}:{FIRST:%Y%m%d}T100000",
        "SUMMARY:s",
        "RRULE:FREQ=DAILY",
        *exdates,
        "END:VEVENT",
    ]
    if override:
        text += [
            "BEGIN:VEVENT",
            "UID:h",
            f"RECURRENCE-ID;TZID={tzid}:20250201T100000",
            f"DTSTART;TZID={tzid}:20250201T150000",
            "SUMMARY:moved",
            "END:VEVENT",
        ]
    text.append("END:VCALENDAR")
    return "".join(f"{line}\r\n" for line in text)


def _working_ratio(data: bytes) -> tuple[float, Any]:
    got: list[Any] = []

    def target(raw: bytes) -> object:
        result = ical.loads(raw, **WINDOW)
        got.append(result)
        return result

    ical.loads(data[:300], **WINDOW)  # imports and caches outside the measurement
    _, working = fuzz.measure_memory(target, data)
    return working / len(data), got[-1]


@pytest.mark.parametrize("override", [False, True], ids=["plain", "with-an-override"])
def test_170_exdate_lines_of_10_dates_stay_under_50x(override: bool) -> None:
    data = _calendar(170, override=override).encode()
    assert 30_000 < len(data) < 34_000  # the fuzzer's size
    ratio, got = _working_ratio(data)
    excluded = set(_excluded(170))
    starts = [e.start for e in got]
    assert len(starts) == 3_500  # max_instances: the series is cut
    assert all(isinstance(s, datetime) and s.tzinfo is not None for s in starts)
    days = [s.astimezone(PARIS).date() for s in starts]
    assert not excluded & set(days)
    expected: list[date] = []
    day = FIRST
    while len(expected) < 3_500:
        if day not in excluded:
            expected.append(day)
        day += timedelta(days=1)
    moved = date(2025, 2, 1)
    assert days == expected
    assert [s.astimezone(PARIS).hour for s in starts] == [
        15 if override and d == moved else 10 for d in expected
    ]
    assert ratio < MAX_RATIO


@pytest.mark.parametrize("tzid", ["Europe/Paris", "W. Europe Standard Time"])
def test_exdates_in_another_spelling_of_the_zone_still_exclude(tzid: str) -> None:
    _ratio, got = _working_ratio(_calendar(3, tzid=tzid).encode())
    days = [e.start.astimezone(PARIS).date() for e in got if isinstance(e.start, datetime)]
    assert days[:3] == [date(2020, 1, 29), date(2020, 1, 30), date(2020, 1, 31)]
    assert date(2020, 2, 1) not in days
    assert date(2020, 3, 29) in days


@pytest.mark.slow
def test_exdate_lists_are_read_in_linear_time() -> None:
    assert_linear(
        lambda n: _calendar(n),
        lambda data: ical.loads(str(data), **WINDOW),
        20,
        what="EXDATE;TZID lines of a windowed series",
    )
