"""Red-team tests for the import pipeline and the store (issue 11).

Each xfail(strict=True) test asserts the correct behaviour of a finding that is still
open; unmarked tests are regression guards for attacks that the code already withstands.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data"
STORE_V1 = Path(__file__).resolve().parents[1] / "data" / "store-v1.db"

VCF = """BEGIN:VCARD
VERSION:4.0
UID:u-ada
FN:Ada Lovelace
EMAIL:ada@example.org
TEL:+442079460001
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:u-bob
FN:Bob Stone
EMAIL:bob@example.org
END:VCARD
"""


def run(*args: str | Path):
    """Run the CLI in process; return (exit code, stdout, stderr, exception)."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def assert_clean_error(code, out, err, exc, expected=(1, 2)):
    assert exc is None, f"uncaught {type(exc).__name__}: {exc}"
    assert code in expected, (code, err)
    assert "Traceback" not in err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert lines, "no message on stderr"
    assert lines[-1].startswith("error:"), err


def ok(*args: str | Path) -> tuple[str, str]:
    """Run the CLI and require success; return (stdout, stderr)."""
    code, out, err, exc = run(*args)
    assert exc is None, f"uncaught {type(exc).__name__}: {exc}"
    assert code == 0, err
    return out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    src = tmp_path / "c.vcf"
    src.write_text(VCF, encoding="utf-8")
    path = tmp_path / "n.db"
    ok("import", src, "--db", path)
    return path


# ---- merges that stick --------------------------------------------------------------

CAROL = """BEGIN:VCARD
VERSION:4.0
UID:x1
FN:Carol Diaz
EMAIL:carol@example.org
TEL:+15550001111
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:x2
FN:Carol Díaz
EMAIL:carol@example.org
TEL:+15550001111
NOTE:second
END:VCARD
"""


@pytest.mark.xfail(
    strict=True,
    reason="RT-store-1: duplicates inside one export come back on re-import after dedupe --apply",
)
def test_reimport_after_dedupe_of_duplicates_in_one_file_adds_nobody(tmp_path: Path) -> None:
    src = tmp_path / "phone.vcf"
    src.write_text(CAROL, encoding="utf-8")
    db = tmp_path / "n.db"
    assert run("import", src, "--db", db)[0] == 0
    _, err = ok("dedupe", "--db", db, "--apply", "--apply-above", "0.5")
    assert "merged 1 pair" in err
    ok("import", src, "--db", db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1


def test_reimport_after_dedupe_across_files_adds_nobody(tmp_path: Path) -> None:
    lines = CAROL.splitlines(keepends=True)
    a, b = tmp_path / "a.vcf", tmp_path / "b.vcf"
    a.write_text("".join(lines[:7]), encoding="utf-8")
    b.write_text("".join(lines[7:]), encoding="utf-8")
    db = tmp_path / "n.db"
    assert run("import", a, b, "--db", db)[0] == 0
    assert run("dedupe", "--db", db, "--apply", "--apply-above", "0.5")[0] == 0
    assert run("import", b, a, "--db", db)[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1


def test_forget_through_merged_alias_skips_both_records_later(tmp_path: Path) -> None:
    lines = CAROL.splitlines(keepends=True)
    a, b = tmp_path / "a.vcf", tmp_path / "b.vcf"
    a.write_text("".join(lines[:7]), encoding="utf-8")
    b.write_text("".join(lines[7:]), encoding="utf-8")
    db = tmp_path / "n.db"
    assert run("import", a, b, "--db", db)[0] == 0
    assert run("dedupe", "--db", db, "--apply", "--apply-above", "0.5")[0] == 0
    ok("forget", "x2", "--db", db, "--yes")
    _, err = ok("import", b, a, "--db", db)
    assert "forgotten" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert b"Carol" not in db.read_bytes()


# ---- path edge cases ----------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="RT-store-2: a symlink loop gives an OSError traceback")
def test_import_symlink_loop_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    assert_clean_error(*run("import", tmp_path / "loop1", "--db", tmp_path / "n.db"))


@pytest.mark.xfail(
    strict=True,
    reason="RT-store-3: a non-UTF-8 file name crashes the import (PydanticSerializationError)",
)
def test_import_non_utf8_file_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"phone\xff.vcf")
    (tmp_path / name).write_text(VCF, encoding="utf-8")
    ok("import", tmp_path / name, "--db", tmp_path / "n.db")


@pytest.mark.xfail(strict=True, reason="RT-store-4: importing a FIFO blocks forever")
def test_import_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.vcf"
    os.mkfifo(fifo)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "netcore", "import", str(fifo), "--db", str(tmp_path / "n.db")],
            capture_output=True,
            text=True,
            timeout=1.8,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("netcore import of a FIFO with no writer hangs")
    assert proc.returncode in (1, 2)
    assert proc.stderr.strip().splitlines()[-1].startswith("error:")


def test_import_dev_zero_is_one_line_error(tmp_path: Path) -> None:
    assert_clean_error(*run("import", "/dev/zero", "--db", tmp_path / "n.db"))


def test_export_to_a_folder_is_one_line_error(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "outdir"
    out.mkdir()
    assert_clean_error(*run("export", "--db", db, "-o", out))
    assert_clean_error(*run("export", "--db", db, "-o", out, "--to", "vcard4"))


@pytest.mark.xfail(
    strict=True,
    reason="RT-store-7: export into a missing folder names a hidden temp file, not the output",
)
def test_export_missing_parent_names_the_output(db: Path, tmp_path: Path) -> None:
    code, out, err, exc = run("export", "--db", db, "-o", tmp_path / "nope" / "x.vcf")
    assert_clean_error(code, out, err, exc)
    assert ".tmp" not in err, err


def test_store_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "g.db"
    bad.write_text("garbage\n" * 100)
    assert_clean_error(*run("show", "x", "--db", bad))
    assert_clean_error(*run("import", EXAMPLES / "ledger.csv", "--db", bad))
    assert bad.read_text() == "garbage\n" * 100
