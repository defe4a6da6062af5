"""Every real-world .ics file in the corpus: no crash, nothing silently lost, fast."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from _watchdog import watched
from netcore.errors import ParseError
from netcore.formats import ical
from netcore.formats.issues import Parsed
from netcore.model.event import Event

pytestmark = pytest.mark.corpus

_FROM, _TO = date(2025, 1, 1), date(2027, 1, 1)
_BEGIN_VEVENT = re.compile(rb"^[ \t]*BEGIN:VEVENT[ \t]*$", re.IGNORECASE | re.MULTILINE)


def test_lenient_never_raises_and_accounts_for_every_vevent(ical_corpus_file: Path) -> None:
    data = ical_corpus_file.read_bytes()
    result = watched(lambda: ical.load(ical_corpus_file))
    assert isinstance(result, Parsed)
    assert all(isinstance(e, Event) for e in result)
    # Count BEGIN:VEVENT lines independently of netcore's scanner (any line ending).
    normalized = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    vevents = len(_BEGIN_VEVENT.findall(normalized))
    assert len(result) + len(result.issues) >= vevents
    for issue in result.issues:
        assert issue.source == str(ical_corpus_file)


def test_strict_raises_only_parse_error(ical_corpus_file: Path) -> None:
    def read() -> object:
        try:
            return ical.load(ical_corpus_file, strict=True)
        except ParseError as exc:
            return exc

    result = watched(read)
    if isinstance(result, ParseError):
        assert result.issues  # says what it found, with line and property where known
    else:
        assert isinstance(result, Parsed)
        assert not result.errors


def test_expansion_in_a_window_is_bounded(ical_corpus_file: Path) -> None:
    result = watched(lambda: ical.load(ical_corpus_file, expand_from=_FROM, expand_to=_TO))
    assert isinstance(result, Parsed)
