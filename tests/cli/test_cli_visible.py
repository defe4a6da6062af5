"""The CLI shows control characters visibly: no name, cell or message drives the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore._text import visible
from netcore.cli import app

runner = CliRunner()

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
CSI_C1 = "\x9b31m"
HOSTILE_ORG = f"Evil{OSC_TITLE}{OSC_LINK}{CSI_C1}"
RAW = ("\x1b", "\x07", "\x9b")


def _vcard(tmp_path: Path) -> Path:
    # ORG (the display name, as FN is missing) and a property name carry escapes
    org, note = (v.replace(";", "\\;") for v in (HOSTILE_ORG, OSC_CLIPBOARD))
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:evil\r\n"
        f"ORG:{org}\r\n"
        f"NOTE:{note}\r\n"
        "X-BAD\x1bNAME:x\r\nEMAIL:evil@example.org\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "evil.vcf"
    path.write_bytes(card.encode("utf-8"))
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _no_raw_controls(*outputs: str) -> None:
    for output in outputs:
        for char in RAW:
            assert char not in output


def test_visible_escapes_every_control_character() -> None:
    assert visible(HOSTILE_ORG) == (
        "Evil\\x1b]0;pwned\\x07\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\\\x9b31m"
    )
    assert visible("Zoë Ünal, 東京") == "Zoë Ünal, 東京"
    assert visible("a\u202eb") == "a\\u202eb"


@pytest.mark.parametrize("terminal", [False, True])
def test_health_table_shows_hostile_names_visibly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    monkeypatch.setattr("netcore.cli._common.is_terminal", lambda: terminal)
    # Wide enough for the whole name: its backslashes (no vCard escapes, RT-codecs3-8)
    # are kept, and a narrow table would cut off the C1 CSI this test looks for.
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = _run("health", str(_vcard(tmp_path)), "--as-of", "2026-11-27")
    assert code == 0, err
    _no_raw_controls(out, err)
    # The vCard reader derives the display name without C0 controls (ESC, BEL); the C1
    # CSI it keeps is shown as text.
    assert "Evil]0;pwned" in out
    assert "\\x9b31m" in out


def test_health_csv_and_json_carry_no_raw_escape(tmp_path: Path) -> None:
    path = str(_vcard(tmp_path))
    code, out, err = _run("health", path, "--as-of", "2026-11-27", "--format", "json", "-q")
    assert code == 0, err
    _no_raw_controls(out)
    name = json.loads(out)[0]["name"]  # JSON escapes what it carries
    assert name.startswith("Evil]0;pwned")
    assert name.endswith("\x9b31m")
    code, out, err = _run("health", path, "--as-of", "2026-11-27", "--format", "csv")
    assert code == 0, err
    _no_raw_controls(out, err)
    assert "Evil]0;pwned" in out
    assert "\\x9b31m" in out


def test_inspect_shows_property_names_and_messages_visibly(tmp_path: Path) -> None:
    code, out, err = _run("inspect", str(_vcard(tmp_path)))
    assert code == 0, err
    _no_raw_controls(out, err)
    assert "X-BAD\\x1bNAME" in out


def test_convert_messages_show_escapes_visibly(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text(f"Name,Email,Col\x1b]0;x\x07\nAda{OSC_TITLE},ada@example.org,v\n", "utf-8")
    code, out, err = _run("convert", str(src), "-o", str(tmp_path / "out.vcf"))
    assert code == 0, err
    _no_raw_controls(out, err)
    assert "Col\\x1b]0;x\\x07" in err  # the column not understood, named in a warning
    bad = tmp_path / "bad\x1b]0;x\x07.csv"
    bad.write_text("foo\x1b[31m,bar\n1,2\n", "utf-8")
    code, out, err = _run("convert", str(bad), "-o", str(tmp_path / "out2.vcf"))
    assert code == 1
    _no_raw_controls(out, err)
    assert "foo\\x1b[31m" in err
