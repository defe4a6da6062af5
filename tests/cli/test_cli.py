"""The netcore command: every command's help, output and exit codes, on the sample data."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
AS_OF = ["--as-of", "2026-11-27"]
runner = CliRunner()

COMMANDS = [
    ["convert"],
    ["inspect"],
    ["health"],
    ["due"],
    ["followups"],
    ["ledger"],
    ["ledger", "add"],
    ["ledger", "show"],
    ["ledger", "asks"],
    ["ledger", "close"],
    ["help"],
    ["report"],
    ["score"],
    ["import"],
    ["dedupe"],
    ["schema"],
    ["show"],
    ["search"],
    ["log"],
    ["set"],
    ["export"],
    ["forget"],
    ["compact"],
]


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert "Usage: netcore" in out
    if command != ["ledger"]:
        assert "Example: netcore " + " ".join(command) in out


def test_every_command_is_in_the_cli_docs() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"netcore {' '.join(command)}" in docs


def test_no_arguments_prints_help() -> None:
    code, out, _ = invoke()
    assert code in (0, 2)
    assert "convert" in out
    assert "health" in out


def test_health_ranks_the_sample_as_plain_text_when_piped() -> None:
    code, out, err = invoke("health", str(DATA), *AS_OF)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Relationship health as of 2026-11-27"
    assert lines[1].split() == [
        "#",
        "contact",
        "score",
        "status",
        "last",
        "contact",
        "next",
        "due",
        "top",
        "reason",
    ]
    assert len(lines) == 2 + 59
    assert "─" not in out  # no box drawing when piped
    first, last = lines[2], lines[-1]
    assert "thriving" in first
    assert "within" in first
    assert "dormant" in last
    assert "read 59 contacts" in err


def test_health_json_and_csv_agree() -> None:
    code, out, _ = invoke("health", str(DATA), *AS_OF, "--format", "json", "-q")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 59
    assert rows[0]["score"] >= rows[-1]["score"]
    assert set(rows[0]) >= {"uid", "name", "score", "status", "reasons", "components"}
    code, out, _ = invoke("health", str(DATA), *AS_OF, "--format", "csv", "--limit", "5")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["contact"] for r in table] == [r["name"] for r in rows[:5]]


def test_health_with_explicit_options_matches_the_folder() -> None:
    args = [
        "health",
        "-q",
        *AS_OF,
        "--format",
        "json",
        "--contacts",
        str(DATA / "contacts-2.1-outlook.vcf"),
        "--contacts",
        str(DATA / "contacts-3.0-apple.vcf"),
        "--contacts",
        str(DATA / "contacts-4.0.vcf"),
        "--calendar",
        str(DATA / "calendar.ics"),
        "--interactions",
        str(DATA / "interactions.csv"),
        "--ledger",
        str(DATA / "ledger.csv"),
    ]
    code, out, _ = invoke(*args)
    assert code == 0
    _code2, out2, _ = invoke("health", "-q", *AS_OF, "--format", "json", str(DATA))
    assert json.loads(out) == json.loads(out2)


def test_as_of_changes_the_result() -> None:
    _, earlier, _ = invoke("health", "-q", str(DATA), "--as-of", "2026-06-01", "-f", "json")
    _, later, _ = invoke("health", "-q", str(DATA), *AS_OF, "-f", "json")
    assert json.loads(earlier) != json.loads(later)


def test_bad_as_of_is_a_usage_error() -> None:
    code, _, err = invoke("health", str(DATA), "--as-of", "27/11/2026")
    assert code == 2
    assert err.strip() == "error: --as-of '27/11/2026' is not a date such as 2026-11-27"


def test_due_suggests_the_overdue_and_writes_vtodos(tmp_path: Path) -> None:
    todo = tmp_path / "todo.ics"
    code, out, err = invoke("due", str(DATA), *AS_OF, "--limit", "5", "--ics", str(todo))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Due for contact as of 2026-11-27"
    assert len(lines) == 2 + 5
    assert lines[2].startswith("Elena Popescu")
    assert todo.read_text(encoding="utf-8").count("BEGIN:VTODO") == 5


def test_followups_after_the_conference() -> None:
    code, out, err = invoke("followups", str(DATA), "--event", "pydata lisbon", *AS_OF)
    assert code == 0, err
    assert out.splitlines()[0] == "Follow up after PyData Lisbon 2026 (2026-11-18)"
    assert "Rui Gomes" in out  # in no address book: made a contact from the invitation
    assert "Samuel Adeyemi" not in out  # already followed up
    assert "12 to follow up" in err


def test_followups_unknown_event_is_one_line_and_exit_2() -> None:
    code, _, err = invoke("followups", str(DATA), "--event", "No Such Event", *AS_OF)
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "no event before 2026-11-27" in errors[0]
    assert "Traceback" not in err


def test_convert_merges_inputs_and_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    code, _, err = invoke(
        "convert",
        str(DATA / "contacts-4.0.vcf"),
        str(DATA / "contacts-2.1-outlook.vcf"),
        "-o",
        str(target),
    )
    assert code == 0, err
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "netcore/network"
    assert len(doc["contacts"]) == 25 + 15
    assert "(json)" in err


def test_convert_stdin_to_stdout_in_another_version() -> None:
    data = (DATA / "contacts-2.1-outlook.vcf").read_bytes()
    code, out, _ = invoke("convert", "-", "-o", "-", "--to", "vcard3", stdin=data)
    assert code == 0
    assert out.count("BEGIN:VCARD") == 15
    assert out.count("VERSION:3.0") == 15
    assert "Vítor Almeida" in out


def test_convert_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("convert", str(DATA / "contacts-4.0.vcf"), "-o", str(tmp_path / "x.doc"))
    assert code == 2
    assert "cannot tell the output format" in err


def test_inspect_reports_versions_counts_and_issue_lines(tmp_path: Path) -> None:
    code, out, _ = invoke("inspect", str(DATA / "contacts-3.0-apple.vcf"))
    assert code == 0
    assert "versions 3.0 x19" in out
    assert "1 with photo" in out
    broken = tmp_path / "broken.vcf"
    broken.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nthis is not a property\r\nEND:VCARD\r\n"
    )
    code, out, _ = invoke("inspect", str(broken))
    assert code == 0
    assert "\n   4  " in out or "\n4  " in out  # the issue's line number
    code, _, _err = invoke("inspect", "--strict", str(broken))
    assert code in (0, 1)


def test_missing_file_is_one_line_and_exit_2() -> None:
    code, _, err = invoke("inspect", "nope.vcf")
    assert code == 2
    assert err.strip() == "error: nope.vcf: no such file"


def test_strict_mode_exits_1_on_a_bad_interaction_row(tmp_path: Path) -> None:
    bad = tmp_path / "log.csv"
    bad.write_text("date,contact,kind\n2026-11-01,Nobody Known,call\n", encoding="utf-8")
    args = ["health", "-c", str(DATA / "contacts-4.0.vcf"), "--interactions", str(bad), *AS_OF]
    code, _, err = invoke(*args)
    assert code == 0
    assert "log.csv:2: error: contact: column 2 (contact)" in err
    code, _, err = invoke(*args, "--strict")
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("error: ")
    assert "log.csv:2" in err


def test_quiet_prints_results_only() -> None:
    code, out, err = invoke("-q", "health", str(DATA), *AS_OF, "--limit", "3")
    assert code == 0
    assert err == ""
    assert len(out.splitlines()) == 5


def test_ledger_add_then_show(tmp_path: Path) -> None:
    ledger = tmp_path / "favours.csv"
    code, _, err = invoke(
        "ledger",
        "add",
        "ines.duarte@example.org",
        "received",
        "introduction",
        "--ledger",
        str(ledger),
        "-c",
        str(DATA / "contacts-4.0.vcf"),
        "--on",
        "2026-11-25",
        "--note",
        "Intro to Ana",
    )
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8").splitlines() == [
        "date,contact,direction,kind,weight,note",
        "2026-11-25,ines.duarte@example.org,received,introduction,1,Intro to Ana",
    ]
    code, out, err = invoke(
        "ledger",
        "show",
        "-c",
        str(DATA / "contacts-4.0.vcf"),
        "--ledger",
        str(ledger),
        *AS_OF,
        "--contact",
        "Inês Duarte",
    )
    assert code == 0, err
    assert "Favours with Inês Duarte" in out
    assert "Intro to Ana" in out


def test_ledger_add_rejects_an_unknown_kind(tmp_path: Path) -> None:
    code, _, _ = invoke(
        "ledger", "add", "x@example.org", "received", "bribe", "--ledger", str(tmp_path / "l.csv")
    )
    assert code == 2


def test_ledger_show_balances() -> None:
    code, out, _ = invoke("ledger", "show", str(DATA), *AS_OF)
    assert code == 0
    assert out.splitlines()[0].startswith("Favour balances as of 2026-11-27")
    assert "Elena Popescu" in out


def test_schema_is_the_network_document_schema() -> None:
    code, out, _ = invoke("schema")
    assert code == 0
    assert json.loads(out)["title"] == "NetworkDocument"


def test_import_twice_adds_nothing_then_health_reads_the_store(tmp_path: Path) -> None:
    pytest.importorskip("netcore.store")
    db = tmp_path / "net.db"
    code, _, err = invoke("import", str(DATA), "--db", str(db))
    assert code == 0, err
    assert "added" in err
    code, _, err = invoke("import", str(DATA), "--db", str(db))
    assert code == 0, err
    assert "0 contacts added" in err
    code, out, err = invoke("health", "--db", str(db), *AS_OF, "-f", "json", "-q")
    assert code == 0, err
    assert len(json.loads(out)) >= 58


def test_default_store_comes_from_netcore_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETCORE_DB", str(tmp_path / "none.db"))
    code, _, err = invoke("health", *AS_OF)
    assert code == 2
    assert "netcore import" in err


def test_dedupe_reviews_then_applies(tmp_path: Path) -> None:
    pytest.importorskip("netcore.dedupe")
    code, out, err = invoke("dedupe", str(DATA))
    assert code == 0, err
    assert "Priya Raman" in out
    assert "--apply" in err
    merged = tmp_path / "merged.vcf"
    code, _, err = invoke("dedupe", str(DATA), "--apply", "-o", str(merged))
    assert code == 0, err
    text = merged.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") < 59
    assert text.count("FN:Priya Raman") == 1


def test_python_dash_m_and_the_console_script_run() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "netcore", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("netcore ")
    proc = subprocess.run(
        [sys.executable, "-m", "netcore", "health", str(DATA), *AS_OF, "--limit", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "Relationship health as of 2026-11-27"
    proc = subprocess.run(
        [sys.executable, "-m", "netcore", "convert", "missing.vcf", "-o", "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: missing.vcf: no such file"
