"""Workflows as a person runs them: several commands on one store, and the same through Python.

Each test here was a bug report first (issue 11): the API and the CLI scored differently,
activity imported later matched nobody, imports one file at a time lost values, merges
did not stick, LinkedIn connections counted for nothing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _workflow_data import ACTIVITY_FILES, CONTACT_FILES, write
from netcore import io, scoring
from netcore.cli import app
from netcore.dedupe import merged_values
from netcore.model import Direction, InteractionKind, Network
from netcore.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
AS_OF = date(2026, 11, 27)
runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def cli_health(*args: str) -> list[tuple[str, float, str]]:
    code, out, err = cli("health", *args, "--as-of", AS_OF.isoformat(), "-f", "json")
    assert code == 0, err
    return [(r["uid"], r["score"], r["status"]) for r in json.loads(out)]


def api_health(net: Network) -> list[tuple[str, float, str]]:
    return [(h.uid, round(h.score, 1), h.status.value) for h in scoring.rank(net, as_of=AS_OF)]


def stored(db: Path) -> Network:
    with Store.open(db) as store:
        return store.load()


def by_name(net: Network, name: str) -> str:
    return net.resolve(name)


@pytest.fixture
def exports(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    return write(tmp_path / "exports", CONTACT_FILES), write(tmp_path / "later", ACTIVITY_FILES)


# ---- 1. one pipeline: the API and the CLI agree ---------------------------------------


def test_api_and_cli_score_the_sample_data_the_same() -> None:
    cli_rows = cli_health(str(DATA))
    api_rows = api_health(io.build_network([DATA], as_of=AS_OF).network)
    assert len(cli_rows) == 59
    assert api_rows == cli_rows
    farid = next(
        r for r in api_rows if r[0] == by_name(io.build_network([DATA]).network, "Farid Haddad")
    )
    assert farid[2] == "thriving"  # was 51 "cooling" through the API: no recurrences


def test_api_and_cli_agree_on_a_recurring_calendar(
    exports: tuple[list[Path], list[Path]],
) -> None:
    contacts, later = exports
    files = [*contacts, *later]
    cli_rows = cli_health(*map(str, files))
    api_rows = api_health(io.build_network(files, as_of=AS_OF).network)
    assert api_rows == cli_rows
    net = io.build_network(files, as_of=AS_OF).network
    lena = by_name(net, "lena.fischer@example.de")
    weekly = [i for i in net.interactions_with(lena) if i.event_uid is not None]
    held = [i for i in weekly if i.at <= io.end_of(AS_OF)]
    assert len(held) == 47  # Mondays from 5 January to 23 November 2026
    # The booked year ahead is read too (never contact): up to LOOKAHEAD_DAYS after AS_OF.
    booked = [i for i in weekly if i.at > io.end_of(AS_OF)]
    assert len(booked) == 52  # Mondays from 30 November 2026 to 22 November 2027
    assert max(i.at for i in booked).date() <= date(2027, 11, 27)
    # A one-to-one is a meeting, not "one of many at an event" (scoring semantics).
    assert {i.kind for i in weekly} == {InteractionKind.MEETING}


# ---- 3. activity imported later resolves against the store ----------------------------


def test_calendar_and_interactions_imported_later_match_stored_people(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, later = exports
    db = tmp_path / "book.db"
    assert cli("import", *map(str, contacts), "--db", str(db))[0] == 0
    code, _, err = cli("import", *map(str, later), "--db", str(db))
    assert code == 0
    assert "calendar.ics: 2 matched nobody: me@example.org, stranger@example.com" in err
    assert "interactions.csv: 1 matched nobody: Nobody Known" in err
    net = stored(db)
    # Matched by email, phone and name against contacts stored by an earlier command.
    for ref, kind in (
        ("tariq@example.ae", InteractionKind.CALL),
        ("Sam Okoro", InteractionKind.MESSAGE),
        ("Jonas Berg", InteractionKind.VIDEO),
        ("王芳", InteractionKind.EVENT),
    ):
        kinds = {i.kind for i in net.interactions_with(net.resolve(ref))}
        assert kind in kinds, ref
    scores = {uid: score for uid, score, _ in cli_health("--db", str(db))}
    assert scores[net.resolve("Lena Fischer")] > 80
    # Nobody is left at "no interaction logged yet" but Google's Priscilla, who shares no
    # key with LinkedIn's (dedupe proposes the pair).
    (idle,) = [uid for uid, score in scores.items() if score == 10.0]
    assert net.contact(idle).emails[0].address == "priscilla@example.br"


# ---- 4. nothing stored is deleted; one import == several ------------------------------


def _contacts_of(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(d for (d,) in conn.execute("SELECT data FROM contacts"))
    finally:
        conn.close()


def test_four_files_in_one_import_equal_four_imports_and_keep_every_value(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, _ = exports
    one, four = tmp_path / "one.db", tmp_path / "four.db"
    assert cli("import", *map(str, contacts), "--db", str(one))[0] == 0
    for f in contacts:
        assert cli("import", str(f), "--db", str(four))[0] == 0
    assert _contacts_of(one) == _contacts_of(four)
    net = stored(four)
    assert len(net) == 7  # 王芳, Lena, Tariq, Sam, Jonas, Priscilla (twice: no shared key)
    wang = net.contact(net.resolve("wang.fang@example.cn"))
    assert wang.formatted_name == "王芳"  # the first stored stays primary (no REV)
    assert merged_values(wang)["FN"] == ("Wang Fang",)
    assert merged_values(wang)["NOTE"] == ("PM at Ant",)
    lena = net.contact(net.resolve("lena.fischer@example.de"))
    assert lena.note is not None
    assert lena.note.startswith("Long Outlook note")
    assert merged_values(lena)["NOTE"] == ("Fabrikam CTO",)
    tariq = net.contact(net.resolve("tariq@example.ae"))
    assert merged_values(tariq)["ADDRESS"] == ("TARIQ@example.ae",)
    sam = net.contact(net.resolve("sam.okoro@example.ng"))
    assert [p.number for p in sam.phones] == ["+234 803 123 4567"]
    assert sam.birthday == date(1990, 9, 30)  # a Google CSV date in the model, not a string


# ---- 5. merges that stick --------------------------------------------------------------


def test_reimport_after_dedupe_adds_nobody(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, _ = exports
    db = tmp_path / "book.db"
    for f in contacts:
        cli("import", str(f), "--db", str(db))
    code, _, err = cli(
        "dedupe", "--db", str(db), "--apply", "--threshold", "0.5", "--apply-above", "0.5"
    )
    assert code == 0, err
    assert "merged 1 pair(s); 6 contacts" in err
    with Store.open(db) as store:
        aliases = store.aliases()
        priscilla = store.find(email="priscilla@example.br")[0]
    merged_away = [a for a, t in aliases.items() if t == priscilla.uid]
    assert merged_away  # the uid of LinkedIn's Priscilla names the merged contact
    assert all(a not in stored(db) for a in merged_away)
    code, _, err = cli("import", *map(str, contacts), "--db", str(db))
    assert code == 0
    assert len(stored(db)) == 6
    assert " 1 contact added" not in err
    assert "0 contacts added" in err


def test_linkedin_connection_is_a_dated_weak_mutual_interaction(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, _ = exports
    net = io.build_network(contacts, as_of=AS_OF).network
    uid = (
        net.resolve("https://www.linkedin.com/in/pnunes")
        if False
        else next(
            c.uid
            for c in net.contacts.values()
            if c.display_name == "Priscilla Nunes" and not c.emails
        )
    )
    (connected,) = net.interactions_with(uid)
    assert connected.at.date() == date(2026, 10, 15)
    assert (connected.kind, connected.direction) == (InteractionKind.SOCIAL, Direction.MUTUAL)
    health = scoring.health(net, uid, as_of=AS_OF)
    assert health.last_interaction == connected.at
    assert not any("no interaction" in r for r in health.reasons)


# ---- 7 and 9. the address book, and forgetting ----------------------------------------


def test_address_book_commands(tmp_path: Path, exports: tuple[list[Path], list[Path]]) -> None:
    contacts, later = exports
    db = str(tmp_path / "book.db")
    cli("import", *map(str, contacts), *map(str, later), "--db", db)
    code, out, _ = cli("show", "王芳", "--db", db)
    assert code == 0
    assert "Wang Fang" in out
    assert "Met at the Shanghai fintech summit" in out
    code, out, _ = cli("search", "fabrikam", "--db", db)
    assert "Lena Fischer" in out
    assert "Tariq" not in out
    code, _, err = cli("show", "Priscilla Nunes", "--db", db)
    assert code == 2
    assert "names 2 contacts" in err
    code, _, _ = cli("log", "+971 50 123 4567", "--kind", "call", "--at", "2026-11-26", "--db", db)
    assert code == 0
    assert cli("set", "Tariq Aziz", "--cadence", "30", "--db", db)[0] == 0
    net = stored(Path(db))
    tariq = net.contact(net.resolve("tariq@example.ae"))
    assert tariq.cadence_days == 30
    assert max(i.at.date() for i in net.interactions_with(tariq.uid)) == date(2026, 11, 26)
    for name in ("out.vcf", "out.csv", "out.json"):
        assert cli("export", "--db", db, "-o", str(tmp_path / name))[0] == 0
    assert len(io.load(tmp_path / "out.vcf").contacts) == 7
    assert len(io.load(tmp_path / "out.csv").contacts) == 7
    doc = io.load(tmp_path / "out.json")
    assert doc.network is not None
    assert len(doc.network.interactions) == len(net.interactions)


def test_forget_leaves_no_trace_in_the_file_and_stops_reimport(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, later = exports
    db = tmp_path / "book.db"
    cli("import", *map(str, contacts), *map(str, later), "--db", str(db))
    traces = [b"Fischer", b"lena.fischer@example.de", b"+49 151 2345 6789", b"+4915123456789"]
    raw = db.read_bytes() + (
        db.with_name("book.db-wal").read_bytes() if db.with_name("book.db-wal").exists() else b""
    )
    assert all(t in raw for t in traces[:2])
    code, _, err = cli("forget", "Lena Fischer", "--db", str(db), "--yes")
    assert code == 0, err
    for suffix in ("", "-wal"):
        f = db.with_name("book.db" + suffix)
        if f.exists():
            data = f.read_bytes()
            assert not any(t in data for t in traces), suffix
    code, _, err = cli("import", *map(str, contacts), "--db", str(db))
    assert "forgotten person(s) skipped" in err
    assert stored(db).find(email="lena.fischer@example.de") == []
    code, _, err = cli("import", *map(str, contacts), "--db", str(db), "--restore-forgotten")
    assert len(stored(db).find(email="lena.fischer@example.de")) == 1


# ---- 10. the same workflow through Python ----------------------------------------------


def test_the_python_api_workflow(tmp_path: Path, exports: tuple[list[Path], list[Path]]) -> None:
    contacts, later = exports
    with Store.open(tmp_path / "api.db") as store:
        for f in contacts:  # one file at a time, with what it says about the people in it
            read = io.build_network([f], as_of=AS_OF)
            store.import_records(
                contacts=read.contacts_read, interactions=read.new_interactions, source=str(f)
            )
        loaded = io.build_network(later, base=store.load(), aliases=store.aliases(), as_of=AS_OF)
        assert {k.rsplit("/", 1)[-1]: v for k, v in loaded.unmatched.items()} == {
            "calendar.ics": ("me@example.org", "stranger@example.com"),
            "interactions.csv": ("Nobody Known",),
        }
        report = store.import_records(
            interactions=loaded.new_interactions, events=loaded.new_events
        )
        assert report.interactions_added == len(loaded.new_interactions) > 40
        net = store.load()
    cli_db = tmp_path / "cli.db"
    for f in contacts:
        cli("import", str(f), "--db", str(cli_db))
    cli("import", *map(str, later), "--db", str(cli_db))
    assert _contacts_of(tmp_path / "api.db") == _contacts_of(cli_db)
    assert api_health(net) == cli_health("--db", str(cli_db))


def test_one_api_import_of_a_network_read_from_four_files_matches_across_files(
    tmp_path: Path, exports: tuple[list[Path], list[Path]]
) -> None:
    contacts, _ = exports
    net = io.build_network(contacts, as_of=AS_OF).network
    assert len(net) == 13  # in memory, each file's records are kept as read
    with Store.open(tmp_path / "api.db") as store:
        store.import_network(net, source="four files")
        assert store.counts().contacts == 7  # the same people as importing file by file
        again = store.import_network(io.build_network(contacts, as_of=AS_OF).network)
    assert again.added == ()


def test_a_reply_imported_in_a_later_command_counts_as_an_answer(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    book = tmp_path / "c.vcf"
    book.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:ada\r\nFN:Ada Lovelace\r\n"
        "EMAIL:ada@ex.org\r\nEND:VCARD\r\n"
    )
    sent = tmp_path / "sent.mbox"
    sent.write_bytes(
        b"From me@ex.org Mon Nov  2 10:00:00 2026\nFrom: Me <me@ex.org>\nTo: ada@ex.org\n"
        b"Message-ID: <m1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhello\n\n"
    )
    reply = tmp_path / "reply.mbox"
    reply.write_bytes(
        b"From ada@ex.org Fri Nov 13 10:00:00 2026\nFrom: Ada <ada@ex.org>\nTo: me@ex.org\n"
        b"Message-ID: <a1@x>\nIn-Reply-To: <m1@x>\nReferences: <m1@x>\n"
        b"Date: Fri, 13 Nov 2026 10:00:00 +0000\n\nhi\n\n"
    )
    for path in (book, sent, reply):
        code, _, err = cli("import", str(path), "--db", db, "--me", "me@ex.org", "-q")
        assert code == 0, err
    with Store.open(db) as store:
        net = store.load()
    mine = [i for i in net.interactions if i.direction is Direction.OUTBOUND]
    assert [(i.contact_uids, i.replied) for i in mine] == [(("ada",), True)]
    assert len(net.interactions) == 2  # mine, and her answer: nothing doubled
    h = scoring.health(net, "ada", as_of=date(2026, 11, 20))
    assert any("they answered 1 of your 1" in r for r in h.reasons), h.reasons
