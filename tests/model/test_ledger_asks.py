"""Asks and offers in the ledger: states, dates, balances, the CSV, the store and the CLI."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore import (
    AskState,
    Contact,
    EntryType,
    FavourDirection,
    FavourKind,
    LedgerEntry,
    Network,
    scoring,
)
from netcore.cli import app
from netcore.errors import NotFoundError, RecordConflictError
from netcore.formats.activity import FAVOUR_COLUMNS, dumps_ledger, read_ledger
from netcore.model import Ledger
from netcore.store import Store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
V2 = ROOT / "tests" / "data" / "store-v2.db"
GIVEN, RECEIVED = FavourDirection.GIVEN, FavourDirection.RECEIVED


def _ask(uid: str = "ada", on: date = date(2026, 3, 1), **kw: object) -> LedgerEntry:
    fields: dict[str, object] = {
        "on": on,
        "contact_uid": uid,
        "direction": GIVEN,
        "kind": FavourKind.INTRODUCTION,
        "type": EntryType.ASK,
        "topic": "data jobs",
    }
    fields.update(kw)
    return LedgerEntry(**fields)  # type: ignore[arg-type]


def _net() -> Network:
    net = Network()
    net.add_contacts([Contact(uid="ada", formatted_name="Ada"), Contact(uid="bo")])
    return net


# ---- the model ----------------------------------------------------------------------------


def test_an_open_ask_is_no_favour_in_the_balance() -> None:
    net = _net()
    net.ledger.record(_ask())
    b = scoring.balance(net, "ada", as_of=date(2026, 3, 5))
    assert (b.given, b.received, b.net) == (0.0, 0.0, 0.0)
    assert net.ledger.totals("ada") == (0.0, 0.0)
    assert net.ledger.favours() == ()


def test_fulfilling_an_ask_records_the_favour_it_was() -> None:
    net = _net()
    ask = net.ledger.record(_ask())
    done = net.ledger.close(ask.id, on=date(2026, 3, 9), weight=2.0)
    (state,) = net.ledger.asks()
    assert (state.state, state.asked_on, state.closed_on, state.closed_by) == (
        AskState.FULFILLED,
        date(2026, 3, 1),
        date(2026, 3, 9),
        done.id,
    )
    assert net.ledger.totals("ada") == (2.0, 0.0)  # I did the introduction: given
    assert scoring.balance(net, "ada", as_of=date(2026, 3, 9)).net == pytest.approx(2.0)


def test_a_declined_ask_counts_nothing_and_says_declined() -> None:
    net = _net()
    ask = net.ledger.record(_ask())
    net.ledger.close(ask.id, on=date(2026, 3, 2), fulfilled=False)
    assert [a.state for a in net.ledger.asks()] == [AskState.DECLINED]
    assert net.ledger.totals("ada") == (0.0, 0.0)


def test_the_state_as_of_a_day_before_it_closed_is_open() -> None:
    ledger = Ledger()
    ask = ledger.record(_ask())
    ledger.close(ask.id, on=date(2026, 3, 9))
    assert [a.state for a in ledger.asks(as_of=date(2026, 3, 8))] == [AskState.OPEN]
    assert ledger.asks(as_of=date(2026, 2, 28)) == ()  # not asked yet
    assert ledger.asks(as_of=date(2026, 3, 8))[0].age_days(date(2026, 3, 8)) == 7


def test_reversing_the_fulfilment_opens_the_ask_again() -> None:
    ledger = Ledger()
    ask = ledger.record(_ask())
    done = ledger.close(ask.id, on=date(2026, 3, 9))
    ledger.reverse(done.id, on=date(2026, 3, 10), note="was someone else's intro")
    assert [a.state for a in ledger.asks()] == [AskState.OPEN]
    assert ledger.totals("ada") == (0.0, 0.0)
    ledger.close(ask.id, on=date(2026, 3, 11), fulfilled=False)  # and it can close again
    assert [a.state for a in ledger.asks()] == [AskState.DECLINED]


def test_a_reversed_ask_is_gone() -> None:
    ledger = Ledger()
    ask = ledger.record(_ask())
    ledger.reverse(ask.id, on=date(2026, 3, 2))
    assert ledger.asks() == ()


def test_closing_refuses_what_cannot_be_closed() -> None:
    ledger = Ledger()
    ask = ledger.record(_ask())
    favour = ledger.record(
        LedgerEntry(on=date(2026, 3, 1), contact_uid="ada", direction=GIVEN, kind=FavourKind.GIFT)
    )
    with pytest.raises(RecordConflictError, match="not an ask or an offer"):
        ledger.close(favour.id, on=date(2026, 3, 2))
    with pytest.raises(RecordConflictError, match="dated later"):
        ledger.close(ask.id, on=date(2026, 2, 1))
    with pytest.raises(RecordConflictError, match="would be given"):
        ledger.record(
            LedgerEntry(
                on=date(2026, 3, 3),
                contact_uid="ada",
                direction=RECEIVED,
                kind=FavourKind.INTRODUCTION,
                closes=ask.id,
            )
        )
    with pytest.raises(RecordConflictError, match="closes an ask or offer of 'ada'"):
        ledger.record(
            LedgerEntry(
                on=date(2026, 3, 3),
                contact_uid="bo",
                direction=GIVEN,
                kind=FavourKind.INTRODUCTION,
                closes=ask.id,
            )
        )
    with pytest.raises(NotFoundError):
        ledger.close("nope", on=date(2026, 3, 2))
    ledger.close(ask.id, on=date(2026, 3, 2))
    with pytest.raises(RecordConflictError, match="already closed"):
        ledger.close(ask.id, on=date(2026, 3, 3))


def test_an_ask_cannot_close_and_a_decline_must() -> None:
    with pytest.raises(ValueError, match="cannot close"):
        _ask(closes="x")
    with pytest.raises(ValueError, match="names the ask"):
        _ask(type=EntryType.DECLINE)


def test_a_favour_serializes_as_it_did_before_asks_existed() -> None:
    favour = LedgerEntry(
        id="f", on=date(2026, 3, 1), contact_uid="ada", direction=GIVEN, kind=FavourKind.ADVICE
    )
    assert favour.model_dump_json() == (
        '{"id":"f","on":"2026-03-01","contact_uid":"ada","direction":"given",'
        '"kind":"advice","weight":1.0,"note":null,"reverses":null}'
    )
    ask = _ask(id="a")
    assert '"type":"ask","topic":"data jobs"' in ask.model_dump_json()
    assert LedgerEntry.model_validate_json(ask.model_dump_json()) == ask


# ---- the store ------------------------------------------------------------------------------


def test_store_v2_ledger_rows_read_and_reserialize_unchanged() -> None:
    conn = sqlite3.connect(V2)
    try:
        rows = [r[0] for r in conn.execute("SELECT data FROM ledger_entries")]
    finally:
        conn.close()
    assert len(rows) == 18
    for data in rows:
        entry = LedgerEntry.model_validate_json(data)
        assert entry.type is EntryType.FAVOUR
        assert entry.model_dump_json() == data


def test_an_ask_and_its_fulfilment_round_trip_through_a_v2_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    shutil.copyfile(V2, path)
    with Store.open(path) as store:
        net = store.load()
        uid = next(iter(c.uid for c in net.contacts.values() if c.display_name == "Priya Raman"))
        ask = _ask(uid, on=date(2026, 11, 6), id="ask-1")
        assert store.record(ask)
        assert store.record(
            LedgerEntry(
                id="done-1",
                on=date(2026, 11, 20),
                contact_uid=uid,
                direction=GIVEN,
                kind=FavourKind.INTRODUCTION,
                closes="ask-1",
            )
        )
    with Store.open(path) as store:
        net = store.load()
    assert len(net.ledger) == 20
    (state,) = net.ledger.asks()
    assert (state.id, state.state, state.closed_on, state.topic) == (
        "ask-1",
        AskState.FULFILLED,
        date(2026, 11, 20),
        "data jobs",
    )
    assert net.ledger.entry("ask-1") == ask


def test_the_store_refuses_a_second_close(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.record(_ask(id="a1"))
        store.record(
            LedgerEntry(
                id="c1",
                on=date(2026, 3, 2),
                contact_uid="ada",
                direction=GIVEN,
                kind=FavourKind.INTRODUCTION,
                type=EntryType.DECLINE,
                closes="a1",
            )
        )
        with pytest.raises(RecordConflictError):
            store.record(
                LedgerEntry(
                    id="c2",
                    on=date(2026, 3, 3),
                    contact_uid="ada",
                    direction=GIVEN,
                    kind=FavourKind.INTRODUCTION,
                    closes="a1",
                )
            )


# ---- the CSV ------------------------------------------------------------------------------


def test_the_csv_reads_states_and_dates() -> None:
    text = (
        "date,contact,direction,kind,weight,note,type,topic,state,closed_on\n"
        "2026-03-01,ada,given,introduction,1,,ask,data jobs,fulfilled,2026-03-09\n"
        "2026-03-02,ada,received,advice,1,,offer,Rust,,\n"
        "2026-03-03,bo,given,referral,1,,ask,,declined,2026-03-04\n"
        "2026-03-04,bo,given,gift,0.5,A book,,,,\n"
    )
    rows = read_ledger(text, _net())
    assert rows.issues == []
    ledger = Ledger()
    for e in rows:
        ledger.record(e)
    assert [(a.contact_uid, a.type, a.state, a.closed_on) for a in ledger.asks()] == [
        ("ada", EntryType.ASK, AskState.FULFILLED, date(2026, 3, 9)),
        ("ada", EntryType.OFFER, AskState.OPEN, None),
        ("bo", EntryType.ASK, AskState.DECLINED, date(2026, 3, 4)),
    ]
    assert ledger.totals("ada") == (1.0, 0.0)
    assert ledger.totals("bo") == (0.5, 0.0)
    again = read_ledger(dumps_ledger(rows), _net())
    assert list(again) == list(rows)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-03-01,ada,given,advice,1,,,,open,", "only for asks and offers"),
        ("2026-03-01,ada,given,advice,1,,ask,,fulfilled,", "needs the day it closed"),
        ("2026-03-01,ada,given,advice,1,,ask,,declined,2026-02-01", "before the date"),
        ("2026-03-01,ada,given,advice,1,,ask,,open,2026-03-05", "the state is open"),
        ("2026-03-01,ada,given,advice,1,,decline,,,", "written as state declined"),
        ("2026-03-01,ada,given,advice,1,,ask,,maybe,", "not one of open"),
    ],
)
def test_the_csv_names_the_bad_cell(row: str, message: str) -> None:
    header = "date,contact,direction,kind,weight,note,type,topic,state,closed_on\n"
    rows = read_ledger(header + row + "\n", _net())
    assert list(rows) == []
    (issue,) = rows.issues
    assert message in issue.message
    assert issue.line == 2


def test_closing_weights_and_notes_survive_the_csv() -> None:
    net = _net()
    done = net.ledger.record(_ask(note="wants a data team"))
    net.ledger.close(done.id, on=date(2026, 3, 9), weight=3, note="she got the job")
    no = net.ledger.record(_ask("bo", topic="rust"))
    net.ledger.close(no.id, on=date(2026, 3, 4), fulfilled=False, note="no time this month")
    text = dumps_ledger(net.ledger.entries)
    assert text.splitlines() == [
        "date,contact,direction,kind,weight,note,type,topic,state,closed_on,closed_note",
        "2026-03-01,ada,given,introduction,3,wants a data team,ask,data jobs,fulfilled,"
        "2026-03-09,she got the job",
        "2026-03-01,bo,given,introduction,1,,ask,rust,declined,2026-03-04,no time this month",
    ]
    rows = read_ledger(text, _net())
    assert rows.issues == []
    assert [(e.type, e.weight, e.note) for e in rows] == [
        (EntryType.ASK, 3.0, "wants a data team"),
        (EntryType.FAVOUR, 3.0, "she got the job"),
        (EntryType.ASK, 1.0, None),
        (EntryType.DECLINE, 0.0, "no time this month"),
    ]
    assert dumps_ledger(rows) == text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-03-01,ada,given,advice,1,,,,,,thanks", "only for asks and offers"),
        ("2026-03-01,ada,given,advice,1,,ask,,open,,thanks", "the state is open"),
    ],
)
def test_a_closing_note_needs_a_closed_ask(row: str, message: str) -> None:
    header = "date,contact,direction,kind,weight,note,type,topic,state,closed_on,closed_note\n"
    rows = read_ledger(header + row + "\n", _net())
    assert list(rows) == []
    (issue,) = rows.issues
    assert message in issue.message
    assert "closed_note" in issue.message


def test_favour_rows_keep_their_ids_in_the_wider_ledger() -> None:
    lines = (DATA / "ledger.csv").read_text(encoding="utf-8").splitlines()
    favours = [line for line in lines[1:] if line.endswith(",,,,")]
    assert len(favours) == 20
    six = ",".join(FAVOUR_COLUMNS) + "\n" + "\n".join(f[: -len(",,,,")] for f in favours)

    def same(ref: str) -> str:  # ids derive from the resolved uid: any fixed resolver will do
        return ref

    wide = [e for e in read_ledger("\n".join(lines), same) if e.type is EntryType.FAVOUR]
    narrow = list(read_ledger(six, same))
    assert [e.id for e in narrow] == [e.id for e in wide if e.closes is None]


def test_the_sample_ledger_has_asks_in_every_state() -> None:
    from netcore.io import build_network

    net = build_network([DATA], as_of=date(2026, 11, 27)).network
    states = [a.state for a in net.ledger.asks(as_of=date(2026, 11, 27))]
    assert states.count(AskState.OPEN) == 8
    assert states.count(AskState.FULFILLED) == 2
    assert states.count(AskState.DECLINED) == 1
    assert len(net.ledger) == 34  # 20 favours, 11 asks and offers, 3 closing entries


# ---- the CLI ------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_ledger_add_an_ask_then_list_it(tmp_path: Path) -> None:
    ledger = tmp_path / "asks.csv"
    code, _, err = _cli(
        "ledger", "add", "Inês Duarte", "given", "introduction", "--type", "ask",
        "--topic", "kubernetes", "--on", "2026-11-20", "--ledger", str(ledger),
        "-c", str(DATA / "contacts-4.0.vcf"),
    )  # fmt: skip
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8").splitlines() == [
        "date,contact,direction,kind,weight,note,type,topic,state,closed_on",
        "2026-11-20,Inês Duarte,given,introduction,1,,ask,kubernetes,open,",
    ]
    code, _, err = _cli(
        "ledger", "add", "Inês Duarte", "received", "advice", "--on", "2026-11-21",
        "--ledger", str(ledger), "-c", str(DATA / "contacts-4.0.vcf"),
    )  # fmt: skip
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8").splitlines()[2] == (
        "2026-11-21,Inês Duarte,received,advice,1,,favour,,,"
    )
    code, out, err = _cli(
        "ledger", "asks", "-c", str(DATA / "contacts-4.0.vcf"), "--ledger", str(ledger),
        "--as-of", "2026-11-27",
    )  # fmt: skip
    assert code == 0, err
    assert "Inês Duarte  they asked me  introduction  kubernetes  open" in out


def test_ledger_add_an_ask_to_a_favours_only_ledger_widens_its_header(tmp_path: Path) -> None:
    # Issue 17, RT-networker2-10: the ledger gains the ask columns; old rows are kept.
    ledger = tmp_path / "favours.csv"
    before = "date,contact,direction,kind,weight,note\n2026-11-01,x@example.org,given,gift,1,\n"
    ledger.write_text(before, encoding="utf-8")
    code, _, err = _cli(
        "ledger", "add", "Inês Duarte", "given", "advice", "--type", "offer",
        "--ledger", str(ledger), "-c", str(DATA / "contacts-4.0.vcf"), "--on", "2026-11-02",
    )  # fmt: skip
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8").splitlines() == [
        "date,contact,direction,kind,weight,note,type,topic,state,closed_on",
        "2026-11-01,x@example.org,given,gift,1,",
        "2026-11-02,Inês Duarte,given,advice,1,,offer,,open,",
    ]


def test_ledger_add_appends_to_a_ledger_with_closing_notes(tmp_path: Path) -> None:
    ledger = tmp_path / "asks.csv"
    before = (
        "date,contact,direction,kind,weight,note,type,topic,state,closed_on,closed_note\n"
        "2026-11-01,Inês Duarte,given,advice,2,,ask,cv,fulfilled,2026-11-03,sent notes\n"
    )
    ledger.write_text(before, encoding="utf-8")
    code, _, err = _cli(
        "ledger", "add", "Inês Duarte", "given", "advice", "--type", "ask", "--topic", "rust",
        "--on", "2026-11-20", "--ledger", str(ledger), "-c", str(DATA / "contacts-4.0.vcf"),
    )  # fmt: skip
    assert code == 0, err
    assert ledger.read_text(encoding="utf-8") == (
        before + "2026-11-20,Inês Duarte,given,advice,1,,ask,rust,open,,\n"
    )


def test_ledger_add_a_topic_of_two_lines_writes_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / "asks.csv"
    result = CliRunner().invoke(
        app,
        ["ledger", "add", "Inês Duarte", "given", "advice", "--type", "ask",
         "--topic", "data\r\nengineering", "--ledger", str(ledger),
         "-c", str(DATA / "contacts-4.0.vcf")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --topic: a topic must be a single line: 'data\\r\\nengineering'"
    ]
    assert not ledger.exists()


def test_asks_and_their_states_survive_the_json_document() -> None:
    from netcore.formats import json as netjson

    net = _net()
    ask = net.ledger.record(_ask())
    net.ledger.close(ask.id, on=date(2026, 3, 4), fulfilled=False)
    net.ledger.record(_ask("bo", type=EntryType.OFFER, direction=RECEIVED))
    again = netjson.loads(netjson.dumps(net))
    assert again.ledger.asks() == net.ledger.asks()
    assert [a.state for a in again.ledger.asks()] == [AskState.DECLINED, AskState.OPEN]


@pytest.mark.slow  # an import and five commands on one store (about 5 s)
def test_ledger_close_in_the_store_then_asks_shows_it_closed(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    code, _, err = _cli("import", str(DATA / "contacts-4.0.vcf"), "--db", str(db))
    assert code == 0, err
    code, _, err = _cli(
        "ledger", "add", "Inês Duarte", "given", "advice", "--type", "ask",
        "--topic", "hiring", "--on", "2026-11-01", "--db", str(db),
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _cli("ledger", "asks", "--db", str(db), "--as-of", "2026-11-27")
    short = re.search(r"^([0-9a-f]{8})  2026-11-01  Inês Duarte", out, re.M)
    assert short is not None, out
    code, _, err = _cli("ledger", "close", "nope", "--db", str(db))
    assert code == 2
    assert "names no ask or offer" in err
    code, _, err = _cli("ledger", "close", short.group(1), "--db", str(db), "--on", "2026-11-10")
    assert code == 0, err
    code, out, _ = _cli("ledger", "asks", "--db", str(db), "--all", "--as-of", "2026-11-27")
    assert "hiring  fulfilled  2026-11-10" in out
    with Store.open(db) as store:
        net = store.load()
    uid = net.ledger.asks()[0].contact_uid
    assert net.ledger.totals(uid) == (1.0, 0.0)  # the advice given counts now
    code, _, err = _cli("ledger", "close", short.group(1), "--db", str(db))
    assert code == 2
    assert "names no ask" not in err  # found, but already closed: the ledger says so
