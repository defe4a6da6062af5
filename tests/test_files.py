import io
import os

import pytest

from netcore._files import atomic_write_bytes, iter_chunks, read_bytes, source_name, write_bytes


def test_iter_chunks_reads_a_path_in_bounded_chunks(tmp_path):
    p = tmp_path / "a.bin"
    p.write_bytes(b"x" * 2500)
    chunks = list(iter_chunks(p, chunk_size=1000))
    assert [len(c) for c in chunks] == [1000, 1000, 500]


def test_iter_chunks_reads_a_binary_file_object_from_its_position():
    fh = io.BytesIO(b"abcdef")
    fh.read(2)
    assert b"".join(iter_chunks(fh)) == b"cdef"


def test_iter_chunks_refuses_text_mode_files():
    with pytest.raises(TypeError, match="binary mode"):
        list(iter_chunks(io.StringIO("abc")))  # type: ignore[arg-type]


def test_write_bytes_replaces_a_file_atomically_and_leaves_no_temp(tmp_path):
    p = tmp_path / "out.vcf"
    p.write_bytes(b"old")
    write_bytes(b"new", p)
    assert p.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.vcf"]


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    p = tmp_path / "out.vcf"
    p.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(p, b"new")
    assert p.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.vcf"]


def test_atomic_write_keeps_the_file_mode(tmp_path):
    p = tmp_path / "out.vcf"
    p.write_bytes(b"old")
    p.chmod(0o600)
    atomic_write_bytes(p, b"new")
    assert p.stat().st_mode & 0o777 == 0o600


def test_write_bytes_to_a_file_object_writes_in_place():
    fh = io.BytesIO()
    write_bytes(b"abc", fh)
    assert fh.getvalue() == b"abc"


def test_read_bytes_and_source_name(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"hello")
    assert read_bytes(p) == b"hello"
    assert source_name(p) == str(p)
    assert source_name(io.BytesIO()) is None
