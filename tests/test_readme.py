"""Try the README as a new user would: build the wheel, install it fresh, run its commands.

The commands come from the README's fenced ``sh`` blocks, so this test breaks when the
README changes in a way that no longer works. The setup steps of the first command
(making a venv, activating it, ``pip install``) are replaced by installing the freshly
built wheel into a new venv; what follows them runs verbatim with that venv first on
PATH. The second command (the tests) is checked to collect the test suite, since running
the whole suite from inside itself would recurse.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = re.compile(r"^(python3? -m venv |\. |source |pip install )")


def sh_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)]


def test_readme_has_two_commands_install_and_run_then_test() -> None:
    blocks = sh_blocks()
    assert len(blocks) == 2
    assert "\n" not in blocks[0]  # one line to copy
    assert "netcore health examples/data" in blocks[0]
    assert all(line.startswith("python -m pytest") for line in blocks[1].splitlines())


@pytest.mark.slow
def test_readme_commands_work_from_a_fresh_wheel(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("netcore-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    env["NETCORE_DB"] = str(tmp_path / "no.db")

    first, second = sh_blocks()
    steps = [s.strip() for s in first.split("&&")]
    user_steps = [s for s in steps if not SETUP.match(s)]
    assert user_steps, f"the first README command runs nothing after installing: {first}"
    for step in user_steps:
        proc = subprocess.run(
            shlex.split(step),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Relationship health as of 2026-11-27"
    assert "thriving" in lines[2]
    assert len(lines) > 50
    # The installed command is the wheel's, not the checkout's.
    where = subprocess.run(
        [str(bindir / "python"), "-c", "import netcore; print(netcore.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert str(env_dir) in where.stdout

    for command in second.splitlines():  # each test command collects the suite
        args = shlex.split(command)
        assert args[:3] == ["python", "-m", "pytest"]
        proc = subprocess.run(
            [sys.executable, *args[1:], "--collect-only", "-p", "no:cacheprovider"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout[-2000:]
        assert re.search(r"(\d+(/\d+)?|no) tests? collected", proc.stdout)
