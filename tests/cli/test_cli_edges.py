"""Crashes that were not netcore errors: calendar edges, huge JSON integers, -o paths."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app
from netcore.errors import ParseError
from netcore.formats import json as njson

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", ["health", "due", "birthdays"])
def test_as_of_at_the_calendar_edges_gives_a_result_not_an_overflow(command, day):
    code, err = _run(command, str(DATA), "--as-of", day, "-q")
    assert code == 0, err
    assert "Traceback" not in err


def test_health_scores_at_the_last_day_of_the_calendar():
    from netcore import io, scoring

    net = io.build_network([DATA / "contacts-4.0.vcf"], as_of=date(2026, 11, 27))
    ranked = scoring.rank(net.network, as_of=date(9999, 12, 31))
    assert len(ranked) == len(net.network.contacts)


def test_a_birthday_on_the_last_day_of_the_calendar(tmp_path):
    card = tmp_path / "b.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Last\r\nBDAY:99991231\r\nEND:VCARD\r\n")
    for day in ("9999-12-30", "9999-12-31", "2026-11-27"):
        code, err = _run("birthdays", str(card), "--as-of", day, "-q")
        assert code == 0, err


def test_a_5000_digit_integer_in_json_is_a_parse_error():
    doc = '{"format": "netcore", "version": 1, "contacts": [' + "9" * 5000 + "]}"
    with pytest.raises(ParseError, match="digits"):
        njson.loads(doc)


@pytest.mark.parametrize("target", ["missing/out.vcf", "folder.vcf"])
def test_output_into_a_missing_folder_or_onto_a_folder_names_the_path_given(tmp_path, target):
    (tmp_path / "folder.vcf").mkdir()
    out = tmp_path / target
    code, err = _run("convert", str(DATA / "contacts-4.0.vcf"), "-o", str(out))
    assert code == 2
    assert str(out) in err
    assert ".tmp" not in err
    assert len(err.strip().splitlines()) == 1
