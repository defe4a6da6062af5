"""Red-team tests for the CLI papercuts (issue 20) and one-line errors (issue 14).

Each xfail(strict=True) test asserts the correct behaviour of a finding that is still
open; unmarked tests are regression guards for attacks that the code already withstands.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data"
AS_OF = dt.date(2026, 11, 27)
VCF = "BEGIN:VCARD\nVERSION:4.0\nUID:u-ada\nFN:Ada Lovelace\nEMAIL:ada@example.org\nEND:VCARD\n"


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def assert_one_error_line(code, err, exc, expected=(1, 2)):
    assert exc is None, f"uncaught {type(exc).__name__}: {exc}"
    assert code in expected, (code, err)
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error:"), err


@pytest.fixture
def vcf(tmp_path):
    p = tmp_path / "c.vcf"
    p.write_text(VCF, encoding="utf-8")
    return p


# --- guards: attacks the code withstands -------------------------------------------


def test_guard_pdf_input_one_line(tmp_path):
    p = tmp_path / "doc.pdf"
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\x00")
    code, _, err, exc = run("inspect", p)
    assert_one_error_line(code, err, exc)


def test_guard_symlink_loop(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, _, err, exc = run("inspect", tmp_path / "a")
    assert_one_error_line(code, err, exc)


def test_guard_dev_zero_bounded(monkeypatch):
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "1000")
    code, _, err, exc = run("inspect", "/dev/zero")
    assert_one_error_line(code, err, exc, expected=(1,))


def test_guard_size_limit_low(vcf, monkeypatch):
    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "10")
    code, _, err, exc = run("inspect", vcf)
    assert_one_error_line(code, err, exc, expected=(1,))


@pytest.mark.parametrize("target", ["outdir", "outdir/", "d.vcf"])
def test_guard_output_is_folder(vcf, tmp_path, target):
    (tmp_path / "outdir").mkdir()
    (tmp_path / "d.vcf").mkdir()
    code, _, err, exc = run("convert", vcf, "-o", tmp_path / target, "--to", "vcard4")
    assert_one_error_line(code, err, exc)
    assert ".tmp" not in err
    assert "/." not in err


def test_guard_output_into_missing_folder(vcf, tmp_path):
    code, _, err, exc = run("convert", vcf, "-o", tmp_path / "missing" / "x.vcf")
    assert_one_error_line(code, err, exc)
    assert "missing" in err


def test_guard_output_equal_to_input_keeps_data(vcf):
    code, _, err, exc = run("convert", vcf, "-o", vcf)
    assert exc is None, err
    assert code == 0, err
    assert "Ada Lovelace" in vcf.read_text(encoding="utf-8")


def test_guard_folder_with_db_and_pdf_is_skipped(vcf, tmp_path):
    (tmp_path / "x.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4\n\x00\x00")
    code, _out, err, exc = run("health", tmp_path, "--as-of", "2026-11-27")
    assert exc is None, err
    assert code == 0, err
    assert "x.db" in err
    assert "doc.pdf" in err


def test_guard_written_file_follows_umask(vcf, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        out = tmp_path / "o.vcf"
        code, _, err, _exc = run("convert", vcf, "-o", out)
        assert code == 0, err
        assert out.stat().st_mode & 0o777 == 0o644
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    finally:
        os.umask(old)


# --- findings -------------------------------------------------------------------------


# RT-final-1: fixed (a usage error is one error: line, exit 2).
def test_unknown_to_value_is_one_error_line(vcf, tmp_path):
    code, _, err, exc = run("convert", vcf, "-o", tmp_path / "x.vcf", "--to", "vcard5")
    assert_one_error_line(code, err, exc, expected=(2,))
    assert "vcard5" in err


def test_unknown_option_is_one_error_line(vcf):
    code, _, err, exc = run("inspect", vcf, "-v")
    assert_one_error_line(code, err, exc, expected=(2,))
    assert "No such option: -v" in err


def _health_rows():
    code, out, err, exc = run(
        "health", EXAMPLES, "--as-of", AS_OF.isoformat(), "--me", "alex.morgan@example.net"
    )
    assert exc is None, err
    assert code == 0, err
    rows = []
    for line in out.splitlines():
        m = re.match(
            r"\s*\d+\s+(.+?)\s+\d+\s+(thriving|healthy|cooling|at risk|dormant)\s+"
            r"(\d{4}-\d\d-\d\d)\s+(\d{4}-\d\d-\d\d)?\s*(.*)$",
            line,
        )
        if m:
            rows.append(m.groups())
    assert rows
    return rows


# RT-final-2: fixed (a later contact that moves the next check is named in the reason).
def test_overdue_reason_agrees_with_next_due():
    bad = []
    for name, _status, _last, due, reason in _health_rows():
        m = re.search(r"(\d+\.\d)x ", reason)
        if m and float(m.group(1)) > 1.0 and due and dt.date.fromisoformat(due) > AS_OF:
            bad.append((name, due, reason))
    assert not bad, bad


# RT-final-3: fixed (a good status despite an old two-way contact says what keeps it up).
def test_healthy_status_never_with_far_overdue_reason():
    bad = []
    for name, status, _last, _due, reason in _health_rows():
        m = re.search(r"(\d+\.\d)x ", reason)
        overdue = m and float(m.group(1)) >= 1.5
        if overdue and status in ("thriving", "healthy") and "but" not in reason:
            bad.append((name, status, reason))
    assert not bad, bad


# RT-final-4: fixed (the ignored line is shown decoded, its line number only once).
def test_binary_decode_message_has_no_surrogates(tmp_path):
    p = tmp_path / "bin.vcf"
    p.write_bytes(b"\x00\x01\xff\xfe binary\x00")
    _code, out, err, exc = run("inspect", p)
    assert exc is None
    assert "\\udc" not in out + err
    assert "\u00ff\u00fe binary" in out + err  # the bytes as windows-1252 decodes them
    assert "(line 1)" not in out + err


WIDE = (
    "BEGIN:VCARD\nVERSION:4.0\nUID:u1\nFN:山田太郎\nEMAIL:y@example.org\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nUID:u2\nFN:Ann 😀😀 Lee\nEMAIL:a@example.org\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nUID:u3\nFN:Zoe\u200bZero\nEMAIL:z@example.org\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nUID:u4\nFN:Ame\u0301lie\nEMAIL:m@example.org\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nUID:u5\nTEL:+15550001\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nUID:u6\nFN:Evil\x1b[31mRed\nEMAIL:evil@example.org\nEND:VCARD\n"
)


def test_guard_wide_names_align_nameless_and_escapes(tmp_path):
    from rich.cells import cell_len

    p = tmp_path / "w.vcf"
    p.write_text(WIDE, encoding="utf-8")
    code, out, err, exc = run("health", p, "--as-of", "2026-11-27")
    assert exc is None, err
    assert code == 0, err
    assert "\x1b" not in out + err
    assert "urn:uuid" not in out
    assert "+15550001" in out
    starts = {cell_len(ln[: ln.find(" 10  ")]) for ln in out.splitlines() if " 10  " in ln}
    assert len(starts) == 1, out


def test_guard_ledger_add_unknown_person(tmp_path):
    p = tmp_path / "w.vcf"
    p.write_text(VCF, encoding="utf-8")
    led = tmp_path / "l.csv"
    code, _, err, exc = run(
        "ledger", "add", "Nobody Known", "received", "introduction", "--ledger", led, "-c", p
    )
    assert_one_error_line(code, err, exc)
    assert "Nobody Known" in err
    assert "--strict" not in err
    assert "row" not in err
    assert not led.exists()


# RT-final-5: fixed (a line that declares its CHARSET is not reported as not UTF-8).
def test_declared_charset_is_not_reported_as_bad_utf8(tmp_path):
    p = tmp_path / "w.vcf"
    p.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u1\r\nFN:A\r\n"
        b"NOTE;CHARSET=Windows-1252:caf\xe9\r\nEND:VCARD\r\n"
    )
    code, out, err, exc = run("--verbose", "inspect", p)
    assert exc is None, err
    assert code == 0, err
    assert "not valid UTF-8" not in out + err


def test_guard_every_suggested_output_format_is_accepted(vcf, tmp_path):
    code, _, err, exc = run("convert", vcf, "-o", tmp_path / "x.pdf")
    assert_one_error_line(code, err, exc, expected=(2,))
    suggested = re.search(r"--to ([\w|-]+)", err).group(1).split("|")
    assert len(suggested) >= 5
    for i, fmt in enumerate(suggested):
        code, _, err, exc = run("convert", vcf, "-o", tmp_path / f"o{i}.out", "--to", fmt)
        assert exc is None, (fmt, err)
        assert code == 0, (fmt, err)


def test_guard_ios_abuid_used_and_no_uid_noise_summarised(tmp_path):
    p = tmp_path / "a.vcf"
    p.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:P{i}\nX-ABUID:AB-{i}:ABPerson\nEND:VCARD\n"
            for i in range(3)
        )
        + "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Q{i}\nEND:VCARD\n" for i in range(21)),
        encoding="utf-8",
    )
    code, _, err, exc = run("convert", p, "-o", tmp_path / "o.json")
    assert exc is None, err
    assert code == 0, err
    assert "21 cards had no UID" in err
    assert err.count("no UID") == 1
    assert "AB-0" in (tmp_path / "o.json").read_text(encoding="utf-8")


def test_moved_next_check_is_named_in_the_reason():
    rows = {name: (status, due, reason) for name, status, _last, due, reason in _health_rows()}
    _status, due, reason = rows["Yusuf Demir"]
    assert due == "2027-02-10"
    assert "197 days ago" in reason
    assert "moves the next check to 10 Feb 2027" in reason
    status, _due, reason = rows["Bruno Carvalho"]
    assert status == "healthy"
    assert f"keeps it {status}" in reason
