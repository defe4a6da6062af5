"""Rewrite the outputs shown in docs/guides/help.md and report.md from a fresh run.

Each ``python`` block is run (from a folder where ``examples/data`` is the sample data)
and each ``sh`` block's ``netcore`` command is run through the CLI; the ``text`` block
right after it is replaced by what it printed. tests/test_guides_help_report.py checks
the same. Run after the sample data changes:

    python tools/guide_outputs.py
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from netcore.cli import app

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [ROOT / "docs" / "guides" / "help.md", ROOT / "docs" / "guides" / "report.md"]
PAIR = re.compile(
    r"^```(python|sh)\n(.*?)^```\n(\s*(?:prints\s*)?)^```text\n(.*?)^```", re.M | re.S
)


def run(lang: str, code: str) -> str:
    if lang == "python":
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, "<guide>", "exec"), {"__name__": "__guide__"})
        return buf.getvalue()
    args = shlex.split(code.strip())
    result = CliRunner().invoke(app, args[1:])
    if result.exit_code != 0:
        sys.exit(f"{code.strip()}: exit {result.exit_code}: {result.stderr}")
    return result.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
        here = Path.cwd()
        os.chdir(tmp)
        try:
            for guide in GUIDES:
                text = guide.read_text(encoding="utf-8")

                def fresh(m: re.Match[str]) -> str:
                    lang, code, between = m.group(1), m.group(2), m.group(3)
                    shown = run(lang, code)
                    return f"```{lang}\n{code}```\n{between}```text\n{shown}```"

                guide.write_text(PAIR.sub(fresh, text), encoding="utf-8")
                print(f"updated {guide.relative_to(ROOT)}")
        finally:
            os.chdir(here)


if __name__ == "__main__":
    main()
