"""The guides docs/guides/help.md and report.md: every example runs and prints what they show.

Each ``python`` block is run (in a folder where ``examples/data`` is the sample data) and
must print the ``text`` block that follows it; each ``sh`` block is a ``netcore`` command
run through the CLI, whose standard output must be the ``text`` block that follows it.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [ROOT / "docs" / "guides" / "help.md", ROOT / "docs" / "guides" / "report.md"]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def _pairs(path: Path) -> list[tuple[str, str, str]]:
    """(language, code, the text block after it) for each python or sh block."""
    blocks = BLOCK.findall(path.read_text(encoding="utf-8"))
    out = []
    for (lang, code), (next_lang, shown) in itertools.pairwise(blocks):
        if lang in {"python", "sh"} and next_lang == "text":
            out.append((lang, code, shown))
    return out


@pytest.fixture
def sample_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_each_guide_has_python_and_cli_examples(guide: Path) -> None:
    langs = [lang for lang, _, _ in _pairs(guide)]
    assert "python" in langs
    assert "sh" in langs


@pytest.mark.slow  # builds the sample network once per example (about 1 s each)
@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_examples_print_what_the_guide_shows(guide: Path, sample_cwd: Path) -> None:
    for lang, code, shown in _pairs(guide):
        if lang == "python":
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(code, str(guide), "exec"), {"__name__": "__guide__"})
            assert buf.getvalue() == shown, f"{guide.name}: python example\n{buf.getvalue()}"
        else:
            args = shlex.split(code.strip())
            assert args[0] == "netcore"
            result = CliRunner().invoke(app, args[1:])
            assert result.exit_code == 0, result.stderr
            assert result.stdout == shown, f"{guide.name}: {code}\n{result.stdout}"
    if guide.name == "report.md":
        page = (sample_cwd / "report.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert os.path.getsize(sample_cwd / "report.html") > 1000


def test_the_guides_are_in_the_docs_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "guides/help.md" in nav
    assert "guides/report.md" in nav
