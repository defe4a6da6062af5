"""Issue 20: the papercuts a new user hit in the first hour, each held by a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


# ---- 5. one unreadable file in a folder -----------------------------------------------


def _folder_with_junk(tmp_path: Path, junk: str) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "contacts.vcf").write_bytes((DATA / "contacts-4.0.vcf").read_bytes())
    if junk.endswith(".db"):
        import sqlite3

        con = sqlite3.connect(folder / junk)
        con.execute("CREATE TABLE t (a, b)")
        con.execute("INSERT INTO t VALUES ('x,y', 'z')")
        con.commit()
        con.close()
    else:
        (folder / junk).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    return folder


@pytest.mark.parametrize("junk", ["netcore.db", "notes.pdf"])
def test_an_unreadable_file_in_a_folder_is_skipped_with_a_warning(
    tmp_path: Path, junk: str
) -> None:
    folder = _folder_with_junk(tmp_path, junk)
    code, out, err = invoke("health", str(folder), "--as-of", "2026-11-27")
    assert code == 0, err
    assert "Mateo" in out  # the readable file was read
    warning = [line for line in err.splitlines() if junk in line]
    assert len(warning) == 1, err
    assert "skipped" in warning[0], err
    assert len(warning[0]) < 200  # one readable line, not the file's bytes


@pytest.mark.parametrize("junk", ["netcore.db", "notes.pdf"])
def test_strict_still_stops_on_an_unreadable_file(tmp_path: Path, junk: str) -> None:
    folder = _folder_with_junk(tmp_path, junk)
    code, _, err = invoke("health", str(folder), "--as-of", "2026-11-27", "--strict")
    assert code != 0
    assert junk in err


def test_the_library_reports_the_skipped_file_as_an_issue(tmp_path: Path) -> None:
    from netcore import io

    folder = _folder_with_junk(tmp_path, "notes.pdf")
    loaded = io.build_network([folder])
    assert len(loaded.network) > 0
    assert [i.source for i in loaded.issues if "skipped" in i.message] == [
        str(folder / "notes.pdf")
    ]


def test_import_skips_an_unreadable_file_in_a_folder(tmp_path: Path) -> None:
    folder = _folder_with_junk(tmp_path, "notes.pdf")
    code, _, err = invoke("import", str(folder), "--db", str(tmp_path / "n.db"))
    assert code == 0, err
    assert "notes.pdf" in err
    assert "skipped" in err


# ---- 6. tables align wide characters; no urn:uuid for a name --------------------------

_CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nTEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:b\r\nFN:田中太郎\r\nEMAIL:t@example.jp\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c\r\nFN:Ana 🌟 Lopez\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:d\r\nFN:Bo\r\nEND:VCARD\r\n"
)


def test_plain_tables_align_by_display_width(tmp_path: Path) -> None:
    from rich.cells import cell_len

    cards = tmp_path / "c.vcf"
    cards.write_text(_CARDS, encoding="utf-8")
    code, out, _ = invoke("health", str(cards), "--as-of", "2026-11-27")
    assert code == 0
    lines = out.splitlines()[1:]  # the title, then the header and one row per contact
    starts = {
        cell_len(line[: line.index("status" if i == 0 else "dormant")])
        for i, line in enumerate(lines)
    }
    assert len(lines) == 5
    assert len(starts) == 1, out  # the status column starts at one screen column


def test_a_contact_without_a_name_shows_its_phone_not_its_uid(tmp_path: Path) -> None:
    cards = tmp_path / "c.vcf"
    cards.write_text(_CARDS.replace("UID:a", "UID:urn:uuid:0a879929-5fd9-5831-97b4-45ade4500f7b"))
    code, out, _ = invoke("health", str(cards), "--as-of", "2026-11-27")
    assert code == 0
    assert "+44 20 7946 0000" in out
    assert "urn:uuid" not in out


# ---- 1. noise: info issues summarised, X-ABUID used -----------------------------------


def _uidless(n: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nEND:VCARD\r\n"
        for i in range(n)
    )


def test_info_issues_are_summarised_per_kind(tmp_path: Path) -> None:
    cards = tmp_path / "c.vcf"
    cards.write_text(_uidless(21))
    code, _, err = invoke("health", str(cards), "--as-of", "2026-11-27")
    assert code == 0
    assert "21 cards had no UID; derived from their content" in err
    assert "card has no UID" not in err


def test_verbose_lists_every_info_issue(tmp_path: Path) -> None:
    cards = tmp_path / "c.vcf"
    cards.write_text(_uidless(21))
    code, _, err = invoke("health", str(cards), "--as-of", "2026-11-27", "--verbose")
    assert code == 0
    assert err.count("card has no UID") == 21


def test_an_apple_card_without_uid_uses_its_x_abuid(tmp_path: Path) -> None:
    from netcore import io

    cards = tmp_path / "c.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n"
        "X-ABUID:5A3B1C2D-0000-4000-8000-ABCDEF012345:ABPerson\r\nEND:VCARD\r\n"
    )
    for loaded in (io.load(cards), io.loads(cards.read_bytes(), source=str(cards))):
        assert [c.uid for c in loaded.contacts] == ["5A3B1C2D-0000-4000-8000-ABCDEF012345:ABPerson"]
        assert not [i for i in loaded.issues if "UID" in i.message]


def test_a_declared_windows_1252_value_is_not_reported_as_not_utf8(tmp_path: Path) -> None:
    from netcore import io

    cards = tmp_path / "c.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nUID:x1\r\n"
        b"N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nEND:VCARD\r\n"
    )
    loaded = io.load(cards)
    assert loaded.contacts[0].name is not None
    assert loaded.contacts[0].name.family == "Müller"
    assert not [i for i in loaded.issues if "not UTF-8" in i.message]


# ---- 7. files get the umask's permissions; no temporary files left behind --------------


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    import os

    from netcore._files import write_bytes

    old = os.umask(0o022)
    try:
        write_bytes(b"x", tmp_path / "a.vcf")
        os.umask(0o002)
        write_bytes(b"x", tmp_path / "b.vcf")
    finally:
        os.umask(old)
    assert (tmp_path / "a.vcf").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.vcf").stat().st_mode & 0o777 == 0o664


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    from netcore._files import write_bytes

    target = tmp_path / "a.vcf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_bytes(b"new", target)
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_killed_write_leaves_no_temporary_file_after_the_next_run(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "out.vcf"
    # A writer killed between writing its temporary file and the rename.
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import netcore._files as f\n"
        "os.replace = lambda *a: os.kill(os.getpid(), 9)\n"
        f"f.atomic_write_bytes(Path({str(target)!r}), b'half')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    left = [p.name for p in tmp_path.iterdir()]
    assert left, "the killed writer should have left its temporary file"
    assert not target.exists()
    from netcore._files import write_bytes

    write_bytes(b"whole", target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.vcf"]
    assert target.read_bytes() == b"whole"


# ---- 3. one name per output format; every suggestion is accepted -------------------------

_TO = re.compile(r"--to ((?:[a-z0-9-]+\|)+[a-z0-9-]+)")


def _suggested_formats(message: str) -> list[str]:
    found = _TO.search(message)
    assert found is not None, message
    return found.group(1).split("|")


def test_every_format_convert_suggests_is_accepted_by_convert(tmp_path: Path) -> None:
    code, _, err = invoke("convert", str(DATA / "contacts-4.0.vcf"), "-o", str(tmp_path / "x.xyz"))
    assert code == 2
    suggested = _suggested_formats(err)
    from netcore.io import OUTPUT_FORMATS

    assert sorted(suggested) == sorted(OUTPUT_FORMATS)
    for fmt in suggested:
        out = tmp_path / f"out-{fmt}"
        code, _, err = invoke(
            "convert", str(DATA / "contacts-4.0.vcf"), "-o", str(out), "--to", fmt
        )
        assert code == 0, (fmt, err)
        assert out.stat().st_size > 0


def test_every_format_export_suggests_is_accepted_by_export(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert invoke("import", str(DATA / "contacts-4.0.vcf"), "--db", str(db))[0] == 0
    code, _, err = invoke("export", "--db", str(db), "-o", str(tmp_path / "x.xyz"))
    assert code == 2
    for fmt in _suggested_formats(err):
        code, out, err = invoke("export", "--db", str(db), "-o", "-", "--to", fmt)
        assert code == 0, (fmt, err)
        assert out


@pytest.mark.parametrize("command", [["convert", str(DATA / "contacts-4.0.vcf")], ["export"]])
def test_the_cli_and_the_library_share_one_output_format_enum(command: list[str]) -> None:
    from netcore.io import OUTPUT_FORMATS, OutputFormat

    assert list(OUTPUT_FORMATS) == [f.value for f in OutputFormat]
    code, _, err = invoke(*command, "-o", "-", "--to", "vcard")
    assert code == 2
    named = re.findall(r"'([a-z0-9-]+)'", " ".join(err.replace("│", " ").split()))
    assert named[-len(OUTPUT_FORMATS) - 1 :] == ["vcard", *OUTPUT_FORMATS]  # every format, in order


# ---- 8. convert says what it does with several inputs; --dedupe -------------------------

_ADA_PHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-phone\r\nFN:Ada Lovelace\r\n"
    "EMAIL:ada@example.org\r\nTEL:+44 20 7946 0001\r\nEND:VCARD\r\n"
)
_ADA_WORK = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-work\r\nFN:Ada Lovelace\r\n"
    "EMAIL:ADA@example.org\r\nORG:Analytical Engines\r\nEND:VCARD\r\n"
)


def test_convert_help_says_inputs_are_concatenated() -> None:
    code, out, _ = invoke("convert", "--help")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "merged" not in flat.split("--dedupe")[0]  # nothing claims a merge it does not do
    assert "concatenated" in flat
    assert "--dedupe" in flat


def test_convert_concatenates_without_dedupe_and_merges_with_it(tmp_path: Path) -> None:
    from netcore.formats import vcard

    a, b = tmp_path / "phone.vcf", tmp_path / "work.vcf"
    a.write_text(_ADA_PHONE)
    b.write_text(_ADA_WORK)
    plain, merged = tmp_path / "plain.vcf", tmp_path / "merged.vcf"
    assert invoke("convert", str(a), str(b), "-o", str(plain))[0] == 0
    assert len(vcard.loads(plain.read_bytes())) == 2
    code, _, err = invoke("convert", str(a), str(b), "-o", str(merged), "--dedupe")
    assert code == 0, err
    (ada,) = vcard.loads(merged.read_bytes())
    assert [p.number for p in ada.phones] == ["+44 20 7946 0001"]
    assert [o.name for o in ada.organizations] == ["Analytical Engines"]
    assert "merged 1" in err


# ---- 4. ledger add: an unknown person is one clear line -----------------------------------


def _one_clear_line(err: str, who: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert who in lines[0]
    assert "netcore search" in lines[0]
    assert "row" not in lines[0]
    assert "--strict" not in lines[0]


def test_ledger_add_to_a_store_refuses_an_unknown_person(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert invoke("import", str(DATA / "contacts-4.0.vcf"), "--db", str(db))[0] == 0
    code, _, err = invoke(
        "ledger", "add", "nobody@example.org", "given", "introduction", "--db", str(db)
    )
    assert code == 2
    _one_clear_line(err, "nobody@example.org")


def test_ledger_add_to_a_file_refuses_an_unknown_person(tmp_path: Path) -> None:
    ledger = tmp_path / "favours.csv"
    code, _, err = invoke(
        "ledger", "add", "nobody@example.org", "given", "introduction",
        "--ledger", str(ledger), "--contacts", str(DATA / "contacts-4.0.vcf"),
    )  # fmt: skip
    assert code == 2
    _one_clear_line(err, "nobody@example.org")
    assert not ledger.exists()


def test_ledger_add_to_a_file_records_a_known_person(tmp_path: Path) -> None:
    ledger = tmp_path / "favours.csv"
    code, _, err = invoke(
        "ledger", "add", "Inês Duarte", "received", "introduction",
        "--ledger", str(ledger), "--contacts", str(DATA), "--on", "2026-11-20",
    )  # fmt: skip
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8").splitlines()[1].startswith("2026-11-20,")
    code, out, _ = invoke(
        "ledger", "show", str(DATA), "--ledger", str(ledger), "--as-of", "2026-11-27"
    )
    assert code == 0
    assert "Inês Duarte" in out


# ---- 9. the docs' counts are the CLI's own ----------------------------------------------

_DOCS = {
    name: ROOT / name for name in ("README.md", "docs/getting-started.md", "docs/performance.md")
}
_READ = re.compile(
    r"(\d+) contacts, (\d+) interactions, (\d+) event occurrences, (\d+) ledger entries"
)


def _sample_run() -> tuple[str, str]:
    code, out, err = invoke("health", *SAMPLE)
    assert code == 0
    return out, err


def test_the_docs_counts_are_what_the_cli_prints() -> None:
    out, err = _sample_run()
    read = _READ.search(err)
    assert read is not None, err
    statuses = next(line for line in err.splitlines() if "thriving" in line)
    for name, path in _DOCS.items():
        text = " ".join(path.read_text(encoding="utf-8").split())
        said = _READ.findall(text)
        assert said, f"{name} gives no counts"
        assert set(said) == {read.groups()}, name
    readme = " ".join(_DOCS["README.md"].read_text(encoding="utf-8").split())
    assert statuses in readme
    rows = len([line for line in out.splitlines() if re.match(r"\s*\d+ ", line)])
    assert f"{rows} contacts" in readme


def test_the_docs_sample_tables_are_lines_the_cli_prints() -> None:
    out, _ = _sample_run()
    printed = {line.rstrip() for line in out.splitlines()}
    for name in ("README.md", "docs/getting-started.md"):
        text = _DOCS[name].read_text(encoding="utf-8")
        blocks = re.findall(r"```text\n(.*?)```", text, flags=re.S)
        assert blocks, name
        for line in blocks[0].splitlines():
            if line.strip() not in {"...", ""}:
                assert line.rstrip() in printed, (name, line)


def test_the_calendar_count_in_getting_started_is_inspects() -> None:
    code, out, _ = invoke("inspect", str(DATA / "calendar.ics"))
    assert code == 0
    events = re.search(r"of (\d+) event\(s\)", out)
    assert events is not None
    text = " ".join(_DOCS["docs/getting-started.md"].read_text(encoding="utf-8").split())
    assert f"a calendar of {events.group(1)} events" in text


def test_the_planted_duplicate_is_explained_with_the_command_that_finds_it() -> None:
    for name in ("README.md", "docs/getting-started.md"):
        text = " ".join(_DOCS[name].read_text(encoding="utf-8").split())
        assert "`netcore dedupe examples/data`" in text, name
        assert "Priya Raman" in text, name
    code, out, _ = invoke("dedupe", str(DATA))
    assert code == 0
    pairs = [line for line in out.splitlines() if "Priya Raman" in line]
    assert len(pairs) == 1
    assert pairs[0].count("Priya Raman") == 2


def test_the_readme_first_command_prints_no_noise() -> None:
    import os
    import shlex
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S)[0].strip()
    step = next(s.strip() for s in first.split("&&") if s.strip().startswith("netcore "))
    args = shlex.split(step)[1:]
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-m", "netcore", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NETCORE_DB": str(ROOT / "no-such.db")},
    )
    assert proc.returncode == 0, proc.stderr
    flat = " ".join(readme.split())
    for line in proc.stderr.splitlines():
        if line.startswith("read "):
            assert f"`{line}`" in flat  # the README quotes it
        elif re.fullmatch(r"(\d+ [a-z ]+, )+\d+ [a-z ]+", line):
            assert f"`{line}`" in flat
        else:  # per file, the people in no address book: the README says why
            assert re.fullmatch(r"\S+: \d+ matched nobody: .*", line), line
            assert "in no address book" in flat


# ---- linear time for what this issue touched -----------------------------------------------


@pytest.mark.slow
def test_plain_tables_of_wide_names_take_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import io as _io
    import sys

    from _complexity import assert_linear
    from netcore.cli import _common

    monkeypatch.setattr(_common, "is_terminal", lambda: False)

    def run(rows: object) -> None:
        assert isinstance(rows, list)
        monkeypatch.setattr(sys, "stdout", _io.StringIO())
        # The cyclic collector rescans every row list as the table's strings are made,
        # which is the interpreter's cost, not the table's (docs/architecture.md).
        gc.disable()
        try:
            _common.table(None, ["#", "name"], rows, right=("#",))
        finally:
            gc.enable()

    assert_linear(
        lambda n: [[i, "田中🌟" * (i % 7 + 1)] for i in range(n)],
        run,
        4_000,
        what="plain table rows with wide characters",
    )


@pytest.mark.slow
def test_info_summaries_take_linear_time() -> None:
    from _complexity import assert_linear
    from netcore.cli._common import summarise_info
    from netcore.formats.issues import Issue, Severity

    def make(n: int) -> list[Issue]:
        return [
            Issue("c.vcf", i, None, Severity.INFO, f"card has no UID; derived urn:uuid:{i:08x}")
            for i in range(n)
        ]

    assert_linear(make, lambda issues: summarise_info(issues), 4_000, what="info issues")  # type: ignore[arg-type]
