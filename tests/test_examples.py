"""Every example runs as a user would run it, and prints what its docstring promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(script: str, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_build_network_prints_a_json_document() -> None:
    out = run("build_network.py")
    assert out.startswith("event: 1 matched, 1 unmatched, 1 skipped")
    assert '"format": "netcore/network"' in out


def test_health_report_ranks_the_sample() -> None:
    out = run("health_report.py")
    lines = out.splitlines()
    assert lines[0].startswith("59 contacts, ")
    assert "0 issue(s) while reading" in lines[0]
    assert "thriving" in lines[1]
    assert "dormant" in lines[1]
    strongest = lines[lines.index("strongest ties:") + 1]
    assert "Inês Duarte" in out.split("call this week:")[0]
    assert "within" in strongest
    # Elena wrote and I answered (the sample mailbox): no longer someone to call this week;
    # Ravi, 80 days without contact on a 21-day cadence, is.
    assert "Elena Popescu" not in out.split("call this week:")[1]
    assert "Ravi Kulkarni" in out.split("call this week:")[1]


def test_convert_folder_writes_every_contact(tmp_path: Path) -> None:
    target = tmp_path / "all.vcf"
    out = run("convert_folder.py", "-o", str(target))
    assert "contacts-2.1-outlook.vcf: 15 contacts (2.1 x15), 0 issue(s)" in out
    assert f"wrote 59 contacts to {target} as vcard3" in out
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 59
    assert text.count("VERSION:3.0") == 59
    assert "Vítor Almeida" in text


def test_event_followups_lists_people_met_and_not_contacted() -> None:
    out = run("event_followups.py")
    assert out.startswith("PyData Lisbon 2026: 16 attendees")
    assert "follow up with Rui Gomes" in out  # an attendee in no address book
    assert "Samuel Adeyemi" not in out  # followed up two days after
    assert out.rstrip().endswith("12 to-dos in the .ics")


def test_fastapi_app_serves_contacts_and_health() -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    out = run("fastapi_app.py")
    assert "GET /contacts/nobody -> 404" in out
    assert "thriving" in out.splitlines()[0]


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_fastapi_endpoints_return_the_scoring_results_themselves() -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    import importlib.util
    from datetime import date

    from fastapi.testclient import TestClient

    from netcore import scoring

    spec = importlib.util.spec_from_file_location("fastapi_app", EXAMPLES / "fastapi_app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    net = module.load_network()
    client = TestClient(module.create_app(net))
    as_of = date(2026, 11, 27)
    top = client.get("/health", params={"limit": 3})
    assert top.status_code == 200
    expected = scoring.rank(net, as_of=as_of)[:3]
    assert [scoring.Health.model_validate(row) for row in top.json()] == expected
    uid = expected[0].uid
    one = client.get(f"/health/{uid}").json()
    assert scoring.Health.model_validate(one) == scoring.health(net, uid, as_of=as_of)
    due = client.get("/due", params={"limit": 2}).json()
    assert scoring.DueList.model_validate(due) == scoring.due(net, as_of=as_of, limit=2)
    balance = client.get(f"/balance/{uid}").json()
    assert scoring.Balance.model_validate(balance) == scoring.balance(net, uid, as_of=as_of)
    assert client.get("/health/nobody").status_code == 404
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"Health", "DueList", "Balance", "Nudge"} <= set(schema)


def test_sample_data_is_what_make_data_writes(tmp_path: Path) -> None:
    # The committed data must be exactly what the generator writes: run it on a copy.
    copy = tmp_path / "data"
    copy.mkdir()
    source = (EXAMPLES / "data" / "make_data.py").read_text(encoding="utf-8")
    (copy / "make_data.py").write_text(source, encoding="utf-8")
    subprocess.run(
        [sys.executable, str(copy / "make_data.py")], check=True, timeout=60, capture_output=True
    )
    for name in (
        "contacts-4.0.vcf",
        "contacts-3.0-apple.vcf",
        "contacts-2.1-outlook.vcf",
        "calendar.ics",
        "interactions.csv",
        "ledger.csv",
    ):
        assert (copy / name).read_bytes() == (EXAMPLES / "data" / name).read_bytes(), name
