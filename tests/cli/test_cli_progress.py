"""Progress: a bar on a terminal (bytes of one big file), nothing when piped or quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from _watchdog import BUDGET, watchdog
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


def _run_on_pty(args: list[str], script: str = SLOW, *, stdout_too: bool = False) -> str:
    """Run with standard error (and standard output if asked) on a pty; return what it got."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.DEVNULL,
        stdout=follower if stdout_too else subprocess.DEVNULL,
        stderr=follower,
        env=dict(os.environ, COLUMNS="100", TERM="xterm"),
    )
    os.close(follower)
    seen = b""
    with watchdog():  # a hang detector: the loop ends when the program does
        while True:
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
    proc.wait(timeout=BUDGET)
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


# dedupe: a bar over the candidate pairs. Each comparison is slowed down, and the bar is
# updated every 10 pairs, so that 435 pairs take a few seconds.
SLOW_PAIRS = (
    "import time, netcore.dedupe._find as f\n"
    "orig = f._score\n"
    "def slow(*a, **k):\n"
    "    time.sleep(0.004)\n"
    "    return orig(*a, **k)\n"
    "f._score = slow\n"
    "f.PROGRESS_EVERY = 10\n"
    "import sys\n"
    "from netcore.cli import main\n"
    "sys.argv = ['netcore'] + sys.argv[1:]\n"
    "main()\n"
)


def _namesakes(path: Path, n: int) -> Path:
    """``n`` cards sharing one email: one block, all ``n * (n - 1) / 2`` pairs compared."""
    path.write_bytes(
        b"".join(
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u%d\r\nFN:Ann Lee %d\r\nEMAIL:ann@x.org\r\n"
            b"END:VCARD\r\n" % (i, i)
            for i in range(n)
        )
    )
    return path


def test_find_duplicates_reports_progress_from_zero_to_every_pair():
    from netcore.dedupe import find_duplicates
    from netcore.model import Contact, Email

    people = [Contact(uid=f"u{i}", emails=(Email(address="ann@x.org"),)) for i in range(5)]
    calls: list[tuple[int, int]] = []
    find_duplicates(people, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 10)  # 5 people in one block: 10 pairs
    assert calls[-1] == (10, 10)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.slow
def test_a_terminal_shows_a_pairs_bar_for_a_slow_dedupe(tmp_path):
    f = _namesakes(tmp_path / "c.vcf", 30)
    seen = _run_on_pty(["dedupe", str(f)], script=SLOW_PAIRS)
    assert "comparing pairs" in seen
    assert "/435 pairs" in seen


@pytest.mark.slow
def test_quiet_hides_the_pairs_bar_on_a_terminal(tmp_path):
    f = _namesakes(tmp_path / "c.vcf", 30)
    seen = _run_on_pty(["dedupe", "--quiet", str(f)], script=SLOW_PAIRS, stdout_too=True)
    assert "comparing pairs" not in seen
    assert "probable duplicate" in seen  # the command did run on the terminal


@pytest.mark.slow
def test_no_pairs_bar_when_standard_error_is_not_a_terminal(tmp_path):
    f = _namesakes(tmp_path / "c.vcf", 30)
    proc = subprocess.run(
        [sys.executable, "-c", SLOW_PAIRS, "dedupe", str(f)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "comparing pairs" not in proc.stderr
    assert "\x1b[" not in proc.stderr


# One CSV: read whole at once, then parsed row by row; the bar follows its lines. Each row
# is slowed down and reported, so that 30 rows take a few seconds.
SLOW_ROWS = (
    "import time, netcore.formats.csv.reading as r\n"
    "orig = r._read_row\n"
    "def slow(*a, **k):\n"
    "    time.sleep(0.1)\n"
    "    return orig(*a, **k)\n"
    "r._read_row = slow\n"
    "r._PROGRESS_ROWS = 1\n"
    "import sys\n"
    "from netcore.cli import main\n"
    "sys.argv = ['netcore'] + sys.argv[1:]\n"
    "main()\n"
)


def _csv(path: Path, n: int) -> Path:
    rows = "".join(f"Ann{i},Lee,ann{i}@x.org\n" for i in range(n))
    path.write_text("First Name,Last Name,E-mail Address\n" + rows, encoding="utf-8")
    return path


def test_the_csv_reader_reports_its_lines_to_the_progress_observer():
    from netcore._files import observe_progress
    from netcore.formats import csv

    text = "First Name,E-mail Address\n" + "".join(f"A{i},a{i}@x.org\n" for i in range(600))
    seen: list[tuple[str | None, int, int, str]] = []
    with observe_progress(lambda *a: seen.append(a)):
        csv.loads(text, source="a.csv")
    assert [s[1] for s in seen] == [2, 258, 514]  # every 256 rows, by the line of the row
    assert {(s[0], s[2], s[3]) for s in seen} == {("a.csv", 601, "lines")}


@pytest.mark.slow
def test_a_terminal_shows_a_lines_bar_while_one_csv_is_parsed(tmp_path):
    f = _csv(tmp_path / "people.csv", 30)
    seen = _run_on_pty(["convert", str(f), "-o", str(tmp_path / "out.vcf")], script=SLOW_ROWS)
    assert "parsing people.csv" in seen
    assert "/31 lines" in seen
    assert (tmp_path / "out.vcf").is_file()


@pytest.mark.slow
def test_quiet_hides_the_lines_bar(tmp_path):
    f = _csv(tmp_path / "people.csv", 30)
    seen = _run_on_pty(
        ["convert", "--quiet", str(f), "-o", str(tmp_path / "out.vcf")], script=SLOW_ROWS
    )
    assert "parsing people.csv" not in seen
    assert (tmp_path / "out.vcf").is_file()


# Writing: the vCard writer is slowed down per contact, and every contact is reported.
SLOW_WRITE = (
    "import time, netcore.io._write as w, netcore.formats.vcard as v\n"
    "orig = v.dumps\n"
    "def slow(contacts, **k):\n"
    "    def each():\n"
    "        for c in contacts:\n"
    "            time.sleep(0.1)\n"
    "            yield c\n"
    "    return orig(each(), **k)\n"
    "v.dumps = slow\n"
    "w._PROGRESS_CONTACTS = 1\n"
    "import sys\n"
    "from netcore.cli import main\n"
    "sys.argv = ['netcore'] + sys.argv[1:]\n"
    "main()\n"
)


def test_io_dumps_reports_the_contacts_it_writes():
    from netcore._files import observe_progress
    from netcore.io import dumps
    from netcore.model import Contact

    people = [Contact(uid=f"u{i}", formatted_name=f"P {i}") for i in range(600)]
    seen: list[tuple[str | None, int, int, str]] = []
    with observe_progress(lambda *a: seen.append(a)):
        dumps(people, "vcard4")
        dumps(people, "jcard")
    assert seen == [(None, n, 600, "contacts") for n in (0, 256, 512)] * 2


@pytest.mark.slow
def test_a_terminal_shows_a_contacts_bar_while_a_conversion_is_written(tmp_path):
    f = _csv(tmp_path / "people.csv", 30)
    seen = _run_on_pty(["convert", str(f), "-o", str(tmp_path / "out.vcf")], script=SLOW_WRITE)
    assert "writing contacts" in seen
    assert "/30 contacts" in seen
    assert (tmp_path / "out.vcf").is_file()
