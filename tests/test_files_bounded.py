"""The one input-size rule of netcore._files: stat before reading, a streamed limit for the rest."""

import io
import os
import subprocess
import sys

import pytest

from _watchdog import BUDGET, watchdog
from netcore._files import (
    MAX_INPUT_BYTES,
    LimitedReader,
    check_input,
    iter_chunks,
    max_input_bytes,
    read_bytes,
    read_head,
)
from netcore.errors import LimitExceededError, UnsupportedFormatError


def test_the_default_limit_is_256_mib_and_the_environment_changes_it(monkeypatch):
    monkeypatch.delenv("NETCORE_MAX_INPUT_BYTES", raising=False)
    assert MAX_INPUT_BYTES == 256 * 1024 * 1024
    assert max_input_bytes() == MAX_INPUT_BYTES
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "1000")
    assert max_input_bytes() == 1000


def test_a_bad_limit_in_the_environment_is_a_netcore_error(monkeypatch):
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "lots")
    with pytest.raises(UnsupportedFormatError, match="NETCORE_MAX_INPUT_BYTES"):
        max_input_bytes()


def test_a_sparse_file_over_the_limit_is_refused_before_a_byte_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.vcf"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024**3)  # 3 GiB, sparse: reading it would take seconds and memory
    opened = []
    real_open = open

    def spy(*args, **kwargs):
        opened.append(args[0])
        return real_open(*args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(LimitExceededError, match="NETCORE_MAX_INPUT_BYTES") as info:
        list(iter_chunks(big))
    assert info.value.source == str(big)
    assert opened == []
    with pytest.raises(LimitExceededError):
        read_head(big, 10)


def test_a_stream_is_cut_as_soon_as_it_passes_the_limit(monkeypatch):
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "2500")
    assert read_bytes(io.BytesIO(b"x" * 2500)) == b"x" * 2500
    stream = io.BytesIO(b"x" * 10_000)
    with pytest.raises(LimitExceededError, match="2,500 bytes"):
        for _ in iter_chunks(stream, chunk_size=1000):
            pass
    assert stream.tell() <= 3000  # stopped at the first chunk past the limit


def test_dev_zero_ends_with_a_limit_error(monkeypatch):
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", str(4 * 1024 * 1024))
    with pytest.raises(LimitExceededError, match="/dev/zero"):
        read_bytes("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.vcf"
    os.mkfifo(fifo)
    with watchdog():  # a reader waiting for a writer would never return at all
        with pytest.raises(UnsupportedFormatError, match="named pipe"):
            check_input(fifo)
        with pytest.raises(UnsupportedFormatError, match="named pipe"):
            read_head(fifo, 10)
        with pytest.raises(UnsupportedFormatError, match="named pipe"):
            read_bytes(fifo)


def test_a_symlink_loop_is_an_os_error_naming_the_path(tmp_path):
    loop = tmp_path / "loop.vcf"
    loop.symlink_to(loop)
    with pytest.raises(OSError, match="symbolic links") as info:
        read_bytes(loop)
    assert info.value.filename == str(loop)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", ["inspect", "health", "import"])
def test_the_cli_refuses_a_fifo_and_dev_zero_in_one_line(tmp_path, command):
    fifo = tmp_path / "pipe.vcf"
    os.mkfifo(fifo)
    extra = ["--db", str(tmp_path / "s.db")] if command == "import" else []
    env = dict(os.environ, NETCORE_MAX_INPUT_BYTES=str(8 * 1024 * 1024))
    for target in (str(fifo), "/dev/zero"):
        proc = subprocess.run(
            [sys.executable, "-m", "netcore", command, target, *extra],
            capture_output=True,
            text=True,
            timeout=BUDGET,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode in (1, 2), proc.stderr
        assert "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_limited_reader_counts_a_re_read_once_and_stops_past_the_limit():
    reader = LimitedReader(io.BytesIO(b"x" * 20), "s", limit=10)
    for _ in range(5):  # reading the same bytes again (a seek back) costs nothing more
        assert reader.read(8) == b"x" * 8
        reader.seek(0)
    reader.seek(8)
    with pytest.raises(LimitExceededError, match="s: input is larger than the limit of 10"):
        reader.read()


def test_a_limited_reader_stops_dev_zero_read_line_by_line():
    def read_lines(reader: LimitedReader) -> None:
        while reader.readline(1000):
            pass

    with open("/dev/zero", "rb") as raw, pytest.raises(LimitExceededError):
        read_lines(LimitedReader(raw, "/dev/zero", limit=4096))
