"""A fine series that starts long after the window's start (found by tools/fuzz.py).

964 bytes of ten SECONDLY series starting in 2020, expanded from 1990, took 11 s: the
chunks walked the 30 empty years before DTSTART.
"""

from datetime import UTC, datetime, timedelta

from _complexity import growth_ratio
from netcore.formats import ical

START = datetime(2020, 1, 1, tzinfo=UTC)


def _secondly_series_after(days: int) -> bytes:
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:e\r\n"
        b"DTSTART:20200101T000000Z\r\nRRULE:FREQ=SECONDLY;COUNT=50\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n" + str(days).encode()[:0]
    )


def _read_from(days: int):
    def run(data: object) -> object:
        assert isinstance(data, bytes)
        return ical.loads(
            data, expand_from=START - timedelta(days=days), expand_to=START + timedelta(days=1)
        )

    return run


def test_the_occurrences_are_all_read_however_early_the_window_starts() -> None:
    for days in (0, 1, 11_000):
        assert len(_read_from(days)(_secondly_series_after(days))) == 50


def test_a_series_long_after_the_window_start_costs_the_same_as_one_at_it() -> None:
    ratio = growth_ratio(lambda n: n, lambda n: _read_from(n)(_secondly_series_after(n)), 1_000)  # type: ignore[arg-type]
    assert ratio < 3, f"x8 empty days before DTSTART took x{ratio:.1f} time"
