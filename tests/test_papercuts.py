"""Issue 20: the papercuts a new user hit in the first hour, each held by a test."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from netcore.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
SAMPLE = [str(DATA), "--as-of", "2026-11-27", "--me", "alex.morgan@example.net"]
runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# ---- 2. words that say the opposite ---------------------------------------------------

_RATIO = re.compile(r"(\d+(?:\.\d+)?)x ")


def test_health_reasons_never_contradict_the_status() -> None:
    code, out, _ = invoke("health", *SAMPLE, "--format", "json")
    assert code == 0
    import json

    rows = json.loads(out)
    rows = rows["rows"] if isinstance(rows, dict) and "rows" in rows else rows
    assert len(rows) > 40
    for row in rows:
        status, top = row["status"], row["reasons"][0]
        if status in {"cooling", "at risk", "dormant"} and "within" in top:
            assert "but" in top, (status, top)  # a fine recency must say what pulls it down
        if status in {"thriving", "healthy"}:
            ratio = _RATIO.search(top)
            assert ratio is None or float(ratio.group(1)) < 2.0, (status, top)


def test_due_reasons_never_say_under_the_cadence_when_overdue() -> None:
    code, out, _ = invoke("due", *SAMPLE, "--format", "json")
    assert code == 0
    import json

    data = json.loads(out)
    nudges = data["due"]
    assert nudges
    for n in nudges:
        top = n["reasons"][0]
        assert " under " not in top, top
        if n["overdue_days"] > 0:
            assert "past" in top or "x " in top, top
