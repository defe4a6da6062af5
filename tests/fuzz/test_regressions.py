"""Replay every input the fuzzer (``python -m tools.fuzz``) ever saved as a failure.

Each file under ``regressions/<target>/`` must now give a value or a ``ParseError``, within
the fuzzer's time budget (a saved hang must not hang any more).
"""

from __future__ import annotations

import contextlib
import importlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from _watchdog import BUDGET, watchdog
from netcore.errors import ParseError

HERE = Path(__file__).parent / "regressions"
ENTRY = {
    "contentline": ("netcore.formats.contentline", "parse"),
    "vcard": ("netcore.formats.vcard", "loads"),
    "jcard": ("netcore.formats.jcard", "loads"),
    "ical": ("netcore.formats.ical", "loads"),
    "ical-window": ("netcore.formats.ical", "loads"),
    "csv": ("netcore.formats.csv", "loads"),
    "json": ("netcore.formats.json", "loads"),
}


def _mail(data: bytes) -> object:
    from netcore.formats.mail import iter_headers

    return list(iter_headers(io.BytesIO(data)))


def _interactions(data: bytes) -> object:
    from netcore.formats.activity import read_interactions
    from netcore.model import Network

    return read_interactions(data, Network())


# Targets whose entry point takes more than the bytes (as in tools/fuzz.py).
ADAPTERS = {"mail": _mail, "interactions": _interactions}
CASES = sorted(HERE.glob("*/*.bin"))


def test_every_regression_folder_names_a_known_parser():
    assert {p.parent.name for p in CASES} <= set(ENTRY) | set(ADAPTERS)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_saved_fuzz_input_gives_a_value_or_a_parse_error(path):
    if path.parent.name in ADAPTERS:
        parse = ADAPTERS[path.parent.name]
    else:
        module, attr = ENTRY[path.parent.name]
        parse = getattr(importlib.import_module(module), attr)
    kwargs = {}
    if path.parent.name == "ical-window":
        kwargs = {
            "expand_from": datetime(1990, 1, 1, tzinfo=UTC),
            "expand_to": datetime(2040, 1, 1, tzinfo=UTC),
        }
    with watchdog(BUDGET), contextlib.suppress(ParseError):
        parse(path.read_bytes(), **kwargs)
