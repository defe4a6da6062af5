"""netcore mail, waiting, birthdays and due --within, on the sample data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
MAILBOX = DATA / "inbox.mbox"
ME = "alex.morgan@example.net"
runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_waiting_on_the_sample_mailbox() -> None:
    code, out, err = invoke(
        "waiting",
        str(DATA),
        "--mail",
        str(MAILBOX),
        "--me",
        ME,
        "--as-of",
        "2026-11-27",
        "-f",
        "json",
    )
    assert code == 0, err
    rows = json.loads(out)
    names = [r["name"] for r in rows]
    assert "Arjun Mehta" in names  # asked twice, never answered
    assert "Elena Popescu" not in names  # I answered her
    assert "Julia Kowalski" not in names  # the weekly thread ends with my answer
    arjun = next(r for r in rows if r["name"] == "Arjun Mehta")
    assert (arjun["messages"], arjun["days"], arjun["note"]) == (2, 15, "Intro to your data team?")
    assert "1 person not in the address book (e.g. Jordan Blake)" in err
    assert "a mailing list message (List-Id): 1" in err


def test_me_comes_from_the_environment_or_is_asked_for() -> None:
    args = ("waiting", str(DATA), "--mail", str(MAILBOX), "--as-of", "2026-11-27", "-q")
    code, out, _ = invoke(*args, env={"NETCORE_ME": f"someone@example.org,{ME}"})
    assert code == 0
    assert "Arjun Mehta" in out
    code, _, err = invoke(*args, env={"NETCORE_ME": ""})
    assert code == 2
    assert "--me" in err


def test_mail_import_into_a_store_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert invoke("import", str(DATA), "--db", str(db), "-q")[0] == 0
    code, _, err = invoke("mail", str(MAILBOX), "--db", str(db), "--me", ME, "--create-missing")
    assert code == 0, err
    assert "new interactions stored" in err
    first = int(err.split(" new interactions stored")[0].split()[-1])
    assert first > 30
    code, _, err = invoke("mail", str(MAILBOX), "--db", str(db), "--me", ME, "--create-missing")
    assert "0 new interactions stored" in err
    code, out, _ = invoke("health", "--db", str(db), "--as-of", "2026-11-27", "-f", "json", "-q")
    by_name = {r["name"]: r for r in json.loads(out)}
    assert by_name["Julia Kowalski"]["status"] in {"healthy", "thriving"}
    assert "Jordan Blake" in by_name  # --create-missing added him


def test_mail_lists_people_not_in_the_address_book() -> None:
    code, out, _ = invoke("mail", str(MAILBOX), "--contacts", str(DATA), "--me", ME, "-q")
    assert code == 0
    assert out.splitlines()[-1].split() == ["Jordan", "Blake", "jordan.blake@example.net", "1"]


def test_mail_needs_an_address_book() -> None:
    code, _, err = invoke("mail", str(MAILBOX), "--me", ME)
    assert code == 2
    assert "--contacts" in err


def test_due_within_lists_who_becomes_due_soon() -> None:
    base = ("due", str(DATA), "--as-of", "2026-11-27", "-f", "json", "-q")
    _, now, _ = invoke(*base)
    _, ahead, _ = invoke(*base, "--within", "7")
    due_now = [n["name"] for n in json.loads(now)["due"]]
    due_soon = json.loads(ahead)["due"]
    assert [n["name"] for n in due_soon][: len(due_now)] == due_now
    later = due_soon[len(due_now) :]
    assert later, "someone becomes due within a week in the sample"
    assert all(-7 <= n["overdue_days"] < 0 for n in later)


@pytest.mark.parametrize("target", ["-", "file"])
def test_birthdays_table_and_ics(tmp_path: Path, target: str) -> None:
    ics = "-" if target == "-" else str(tmp_path / "b.ics")
    code, out, _ = invoke(
        "birthdays", str(DATA), "--as-of", "2026-11-27", "--within", "200", "--ics", ics, "-q"
    )
    assert code == 0
    text = out if target == "-" else Path(ics).read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1  # Inês, 12 April (no year)
    assert "SUMMARY:" in text
    code, out, _ = invoke("birthdays", str(DATA), "--as-of", "2026-11-27", "-f", "json", "-q")
    assert json.loads(out) == []  # none within the default 30 days


def test_sample_mailbox_is_what_make_mail_writes(tmp_path: Path) -> None:
    # The committed mailbox must be exactly what the generator writes: run it on a copy.
    import subprocess
    import sys

    source = (DATA / "make_mail.py").read_text(encoding="utf-8")
    (tmp_path / "make_mail.py").write_text(source, encoding="utf-8")
    subprocess.run(
        [sys.executable, str(tmp_path / "make_mail.py")],
        check=True,
        timeout=60,
        capture_output=True,
    )
    written = (tmp_path / "inbox.mbox").read_bytes()
    assert written == MAILBOX.read_bytes()


def test_convert_of_a_mailbox_is_one_usage_line_naming_netcore_mail(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["convert", str(DATA / "inbox.mbox"), "-o", str(tmp_path / "x.vcf")]
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "this is mail" in lines[0]
    assert "netcore mail FILE --me ADDRESS -c CONTACTS" in lines[0]
    assert "CSV" not in lines[0]


def test_inspect_of_a_message_lists_its_issues_and_strict_fails(tmp_path: Path) -> None:
    eml = tmp_path / "note.eml"
    eml.write_bytes(b"From: Ada <ada@example.org>\nSubject: no date\n\nhello\n")
    lenient = runner.invoke(app, ["inspect", str(eml)])
    assert lenient.exit_code == 0, lenient.stderr
    assert "messages: 1 (0 with a date, 1 sender address(es), 0 with a Message-ID)" in (
        lenient.stdout
    )
    assert "no Date" in lenient.stdout
    strict = runner.invoke(app, ["inspect", "--strict", str(eml)])
    assert strict.exit_code == 1
    assert strict.stderr.strip().splitlines()[-1].startswith("error:")
