"""Progress: a bar on a terminal (bytes of one big file), nothing when piped or quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netcore._files import observe_reads, read_bytes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

# A pause per chunk makes a small file take longer than the one-second threshold.
SLOW = (
    "import time, netcore._files as f\n"
    "orig = f._iter_file\n"
    "def slow(*a, **k):\n"
    "    for chunk in orig(*a, **k):\n"
    "        time.sleep(0.4)\n"
    "        yield chunk\n"
    "f._iter_file = slow\n"
    "f.iter_chunks.__defaults__ = (4096,)\n"
    "import sys\n"
    "from netcore.cli import main\n"
    "sys.argv = ['netcore'] + sys.argv[1:]\n"
    "main()\n"
)


def _cards(path: Path, n: int) -> Path:
    path.write_bytes(
        b"".join(
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u%d\r\nFN:Person %d\r\nEND:VCARD\r\n" % (i, i)
            for i in range(n)
        )
    )
    return path


def _run_on_pty(args: list[str]) -> str:
    """Run with standard error on a pty; return what the terminal received."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=dict(os.environ, COLUMNS="100", TERM="xterm"),
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(leader)
    return seen.decode("utf-8", "replace")


def test_the_read_observer_sees_every_chunk_and_the_size(tmp_path):
    p = tmp_path / "a.bin"
    p.write_bytes(b"x" * 2_500_000)
    seen: list[tuple[str | None, int, int | None]] = []
    with observe_reads(lambda source, done, size: seen.append((source, done, size))):
        read_bytes(p)
    read_bytes(p)  # outside the block: not observed
    assert seen[-1] == (str(p), 2_500_000, 2_500_000)
    assert len(seen) == 3  # three chunks of at most 1 MiB


@pytest.mark.slow
def test_a_terminal_shows_a_bytes_bar_for_one_slow_file(tmp_path):
    f = _cards(tmp_path / "c.vcf", 600)  # about 30 KB: eight chunks of 4 KiB, 0.4 s each
    seen = _run_on_pty(["health", str(f), "--as-of", "2026-11-27"])
    assert "reading c.vcf" in seen
    assert "KB" in seen or "kB" in seen


@pytest.mark.slow
def test_quiet_hides_the_bar_on_a_terminal(tmp_path):
    f = _cards(tmp_path / "c.vcf", 600)
    seen = _run_on_pty(["--quiet", "health", str(f), "--as-of", "2026-11-27"])
    assert "reading c.vcf" not in seen


@pytest.mark.slow
def test_no_bar_when_standard_error_is_not_a_terminal(tmp_path):
    f = _cards(tmp_path / "c.vcf", 600)
    proc = subprocess.run(
        [sys.executable, "-c", SLOW, "health", str(f), "--as-of", "2026-11-27"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "reading c.vcf" not in proc.stderr
    assert "\x1b[" not in proc.stderr


@pytest.mark.slow
def test_convert_shows_the_bytes_bar_of_one_slow_file(tmp_path):
    f = _cards(tmp_path / "c.vcf", 600)
    seen = _run_on_pty(["convert", str(f), "-o", str(tmp_path / "out.json")])
    assert "reading c.vcf" in seen
    assert (tmp_path / "out.json").is_file()
