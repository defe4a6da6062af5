"""Hypothesis fuzzing of every parser: a value or a ParseError, never anything else, quickly.

Inputs are built from the grammar's own pieces (names, separators, line endings, encodings)
mixed with arbitrary bytes, which reaches far more code than uniform random bytes. Each
call runs under a watchdog (``signal.setitimer``): an input that takes more than
``BUDGET`` seconds fails the test as a hang.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _watchdog import BUDGET, watchdog
from netcore.errors import ParseError

PIECES = [
    "BEGIN:VCARD",
    "END:VCARD",
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VTIMEZONE",
    "END:VTIMEZONE",
    "BEGIN:DAYLIGHT",
    "END:DAYLIGHT",
    "BEGIN:VALARM",
    "END:VALARM",
    "VERSION:2.1",
    "VERSION:3.0",
    "VERSION:4.0",
    "FN:",
    "N:",
    "TEL;CELL;PREF:",
    "EMAIL;TYPE=work:",
    "item1.",
    "X-ABLabel:",
    "ADR:;;",
    "BDAY:",
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:",
    ";ENCODING=QUOTED-PRINTABLE:",
    ";CHARSET=UTF-8",
    ";CHARSET=SHIFT_JIS",
    ";CHARSET=nope",
    "=0D=0A",
    "=\r\n",
    "UID:",
    "DTSTART:",
    "DTSTART;TZID=Europe/Paris:",
    "DTSTART;VALUE=DATE:",
    "DTEND:",
    "RRULE:FREQ=",
    "SECONDLY",
    "MINUTELY",
    "DAILY",
    "WEEKLY",
    ";COUNT=",
    ";INTERVAL=",
    ";BYDAY=",
    ";UNTIL=",
    "EXDATE:",
    "RECURRENCE-ID:",
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=",
    "ORGANIZER:mailto:",
    "mailto:",
    "REPEAT:",
    "TRIGGER:-PT15M",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "20261112T090000",
    "20261112T090000Z",
    "20261112",
    "--0229",
    "2147483647",
    "0",
    "\r\n",
    "\n",
    "\r",
    "\r\n ",
    "\r\n\t",
    ":",
    ";",
    ",",
    "=",
    '"',
    "\\",
    "\\n",
    "^^",
    "^n",
    "\ufeff",
    "\x00",
    "\u00e4",
    "\u65e5\u672c",
    "\ud800",
]
JSON_PIECES = [
    '["vcard",',
    "[",
    "]",
    "{",
    "}",
    '"',
    ":",
    ",",
    '"fn"',
    '"text"',
    '"n"',
    '"format": "netcore/network"',
    '"version": 1',
    '"contacts"',
    "null",
    "1e999",
    "true",
    "-0",
    '"\\ud800"',
    "{}",
    "[]",
]
CSV_PIECES = [
    "First Name",
    "Last Name",
    "Email Address",
    "E-mail 1 - Value",
    "Company",
    "Connected On",
    "Notes:",
    ",",
    '"',
    '""',
    "\r\n",
    "\n",
    "=1+1",
    "+44",
    "@x",
    "15 Mar 2021",
    "\ufeff",
    " ::: ",
    "\t",
]


def _docs(pieces: list[str]) -> st.SearchStrategy[str | bytes]:
    text = st.lists(st.sampled_from(pieces) | st.text(max_size=12), max_size=40).map("".join)
    as_bytes = text.flatmap(
        lambda s: st.sampled_from(["utf-8", "latin-1", "utf-16"]).map(
            lambda enc: s.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace")
        )
    )
    return text | as_bytes | st.binary(max_size=300)


TARGETS: dict[str, tuple[str, str, st.SearchStrategy[str | bytes]]] = {
    "contentline": ("netcore.formats.contentline", "parse", _docs(PIECES)),
    "vcard": ("netcore.formats.vcard", "loads", _docs(PIECES)),
    "ical": ("netcore.formats.ical", "loads", _docs(PIECES)),
    "ical-window": ("netcore.formats.ical", "loads", _docs(PIECES)),
    "jcard": ("netcore.formats.jcard", "loads", _docs(JSON_PIECES + PIECES[:20])),
    "csv": ("netcore.formats.csv", "loads", _docs(CSV_PIECES)),
    "json": ("netcore.formats.json", "loads", _docs(JSON_PIECES)),
}


# Recurrence is expanded only inside a window: fuzz that path too.
WINDOWS: dict[str, dict[str, object]] = {
    "ical-window": {
        "expand_from": datetime(1990, 1, 1, tzinfo=UTC),
        "expand_to": datetime(2040, 1, 1, tzinfo=UTC),
    }
}


def _parser(module: str, attr: str) -> Callable[[str | bytes], object]:
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_parser_gives_a_value_or_a_parse_error_in_bounded_time(name):
    module, attr, strategy = TARGETS[name]
    parse = _parser(module, attr)

    @given(strategy)
    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def run(data: str | bytes) -> None:
        with watchdog(BUDGET), suppress(ParseError):
            parse(data, **WINDOWS.get(name, {}))

    run()


@pytest.mark.parametrize("name", ["vcard", "ical", "jcard", "csv"])
def test_strict_mode_raises_only_parse_error(name):
    module, attr, strategy = TARGETS[name]
    parse = _parser(module, attr)

    @given(strategy)
    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def run(data: str | bytes) -> None:
        with watchdog(BUDGET), suppress(ParseError):
            parse(data, strict=True)  # type: ignore[call-arg]

    run()
