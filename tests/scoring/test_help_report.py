"""scoring.help_queue and scoring.report: answers a person expects, CLI = Python, the page.

What a person expects, written down before the numbers:

* an ask from a close contact, open three weeks, comes before one from a stranger made
  yesterday;
* an open ask is nobody's favour: it never makes me owe anyone;
* two people asking and offering the same topic are an introduction to make, but nobody
  is introduced to themselves, and a closed offer is no longer on the table;
* someone I kept meeting after an event is a lasting relationship from it; someone I
  never saw again is not;
* a contact in my close layers a year ago whom I no longer see is a tie to revive.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _complexity import assert_linear
from netcore import (
    Contact,
    EntryType,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Me,
    Network,
    Organization,
    io,
    scoring,
)
from netcore.cli import app
from netcore.report import escape, render_html

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
DAY = date(2026, 11, 27)
GIVEN, RECEIVED = FavourDirection.GIVEN, FavourDirection.RECEIVED


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _meet(net: Network, uid: str, day: date, **kw: object) -> None:
    net.log(Interaction(at=_at(day), contact_uids=(uid,), kind=InteractionKind.MEETING, **kw))  # type: ignore[arg-type]


def _entry(
    uid: str, on: date, etype: EntryType, direction: FavourDirection, topic: str | None = None
) -> LedgerEntry:
    return LedgerEntry(
        on=on, contact_uid=uid, direction=direction, kind=FavourKind.INTRODUCTION,
        type=etype, topic=topic,
    )  # fmt: skip


@pytest.fixture(scope="module")
def sample() -> Network:
    return io.build_network([DATA], as_of=DAY).network


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, ["-q", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ---- help_queue ---------------------------------------------------------------------------


def test_a_close_contacts_three_week_old_ask_comes_before_a_strangers_from_yesterday() -> None:
    net = Network()
    net.add_contacts([Contact(uid="close"), Contact(uid="stranger")])
    for weeks in range(1, 30):
        _meet(net, "close", DAY - timedelta(weeks=weeks))
    _meet(net, "stranger", DAY - timedelta(days=2))
    net.ledger.record(_entry("stranger", DAY - timedelta(days=1), EntryType.ASK, GIVEN))
    net.ledger.record(_entry("close", DAY - timedelta(days=21), EntryType.ASK, GIVEN))
    q = scoring.help_queue(net, as_of=DAY)
    assert [i.uid for i in q.asks] == ["close", "stranger"]
    assert [i.age_days for i in q.asks] == [21, 1]
    assert q.asks[0].tie > q.asks[1].tie


def test_on_the_sample_priya_three_weeks_comes_before_fatima_yesterday(sample: Network) -> None:
    q = scoring.help_queue(sample, as_of=DAY)
    names = [sample.contact(i.uid).display_name for i in q.asks]
    assert names.index("Priya Raman") < names.index("Fatima Zahra")
    assert names[-1] == "Fatima Zahra"  # a new face, asked yesterday
    assert len(names) == 4  # the open asks made to me; not mine, not offers, not closed


def test_an_open_ask_never_makes_me_owe() -> None:
    net = Network()
    net.add_contacts([Contact(uid="ada")])
    net.ledger.record(_entry("ada", DAY - timedelta(days=3), EntryType.ASK, RECEIVED))
    q = scoring.help_queue(net, as_of=DAY)
    assert q.owed == ()
    net.ledger.record(
        LedgerEntry(on=DAY, contact_uid="ada", direction=RECEIVED, kind=FavourKind.ADVICE)
    )
    assert [o.uid for o in scoring.help_queue(net, as_of=DAY).owed] == ["ada"]


def test_introductions_match_topics_but_not_oneself_nor_a_closed_offer() -> None:
    net = Network()
    net.add_contacts([Contact(uid=u, formatted_name=u.title()) for u in ("ana", "bo", "cy")])
    day = DAY - timedelta(days=5)
    net.ledger.record(_entry("ana", day, EntryType.ASK, GIVEN, "Kubernetes"))
    net.ledger.record(_entry("ana", day, EntryType.OFFER, RECEIVED, "kubernetes"))
    net.ledger.record(_entry("bo", day, EntryType.OFFER, RECEIVED, "KUBERNETES"))
    closed = net.ledger.record(_entry("cy", day, EntryType.OFFER, RECEIVED, "kubernetes"))
    net.ledger.close(closed.id, on=day, fulfilled=False)
    (match,) = scoring.help_queue(net, as_of=DAY).introductions
    assert (match.asker_uid, match.offerer_uid) == ("ana", "bo")
    assert match.reasons == (
        "Ana asked for an introduction (Kubernetes) and Bo offered an introduction "
        "(KUBERNETES): introduce them",
    )


def test_the_sample_introductions_and_the_most_owed(sample: Network) -> None:
    q = scoring.help_queue(sample, as_of=DAY)
    pairs = [
        (sample.contact(m.asker_uid).display_name, sample.contact(m.offerer_uid).display_name)
        for m in q.introductions
    ]
    assert pairs == [("Ravi Kulkarni", "Oliver Hughes"), ("Fatima Zahra", "Daniel Cohen")]
    # Jonas did me two favours and I did him none: I owe him most.
    assert sample.contact(q.owed[0].uid).display_name == "Jonas Lindqvist"
    assert all(o.owed > 0 for o in q.owed)


# ---- report -------------------------------------------------------------------------------


def test_people_i_kept_meeting_after_an_event_are_its_lasting_relationships() -> None:
    net = Network()
    people = ["kept", "lost", "once"]
    net.add_contacts([Contact(uid=u, emails=()) for u in people])
    meetup = date(2026, 5, 1)
    for uid in people:
        net.log(
            Interaction(
                at=_at(meetup), contact_uids=(uid,), kind=InteractionKind.EVENT,
                event_uid="meetup", participants=12,
            )
        )  # fmt: skip
    for weeks in range(1, 14):
        _meet(net, "kept", meetup + timedelta(weeks=weeks))
    r = scoring.report(net, as_of=DAY)
    (event,) = r.events
    assert (event.event_uid, event.day, event.met, event.lasting) == ("meetup", meetup, 3, 1)
    assert event.lasting_uids == ("kept",)
    assert event.share == pytest.approx(1 / 3)


def test_a_close_tie_gone_quiet_is_one_to_revive() -> None:
    net = Network()
    net.add_contacts([Contact(uid="old"), Contact(uid="now")])
    for weeks in range(60, 90):
        _meet(net, "old", DAY - timedelta(weeks=weeks))
    for weeks in range(1, 30):
        _meet(net, "now", DAY - timedelta(weeks=weeks))
    r = scoring.report(net, as_of=DAY)
    assert [x.uid for x in r.revive] == ["old"]
    assert r.revive[0].was_tier <= 15


def test_the_sample_report_adds_up(sample: Network) -> None:
    r = scoring.report(sample, as_of=DAY)
    assert sum(r.layers.values()) == r.contacts == len(sample.contacts)
    assert sum(r.health.values()) == r.contacts
    assert [r.names[x.uid] for x in r.taking] == ["Daniel Cohen"]
    assert [r.names[x.uid] for x in r.giving] == ["Jonas Lindqvist"]
    assert r.organisations[0].name == "Northwind Analytics"
    assert len(r.open_asks) == 8
    assert [a.asked_on for a in r.open_asks] == sorted(a.asked_on for a in r.open_asks)
    assert all(e.day <= DAY - timedelta(days=90) for e in r.events)
    for e in r.events:  # lasting means healthy 90 days on, as scoring.health says
        later = e.day + timedelta(days=90)
        for uid in e.lasting_uids:
            assert scoring.health(sample, uid, as_of=later).status in {
                scoring.Status.THRIVING,
                scoring.Status.HEALTHY,
            }


# ---- CLI and Python agree on one store ----------------------------------------------------


@pytest.mark.slow  # an import of the sample data into a store (about 2.5 s)
def test_cli_and_python_give_the_same_help_and_report_from_one_store(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    result = CliRunner().invoke(app, ["-q", "import", str(DATA), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    from netcore.store import Store

    with Store.open(db) as store:
        net = store.load()
    q = scoring.help_queue(net, as_of=DAY)
    out = _cli("help", "--db", str(db), "--as-of", DAY.isoformat())
    rows = re.findall(r"^(\d+)\s+(.+?)\s{2,}(\d+)\s+(\d{4}-\d\d-\d\d)", out, re.M)
    assert [(n, p, d) for _, n, p, d in rows] == [
        (net.contact(i.uid).display_name, f"{i.priority:.0f}", i.asked_on.isoformat())
        for i in q.asks
    ]
    r = scoring.report(net, as_of=DAY)
    out = _cli("report", "--db", str(db), "--as-of", DAY.isoformat())
    for layer, count in r.layers.items():
        assert re.search(rf"^\s*{layer}\s+{count}$", out, re.M), (layer, out)
    for status, count in r.health.items():
        assert re.search(rf"^{status}\s+{count}$", out, re.M), (status, out)


def test_report_and_help_take_me_like_every_scoring_command() -> None:
    # Without --me, the owner's own calendar invitations count as meetings with
    # everyone invited: the sample has 17 dormant contacts as Alex, 24 without knowing it.
    me = Me.from_emails("alex.morgan@example.net")
    net = io.build_network([DATA], as_of=DAY, me=me).network
    r = scoring.report(net, as_of=DAY)
    assert r.health["dormant"] == 17
    out = _cli("report", str(DATA), "--as-of", DAY.isoformat(), "--me", "alex.morgan@example.net")
    for status, count in r.health.items():
        assert re.search(rf"^{status}\s+{count}$", out, re.M), (status, out)
    q = scoring.help_queue(net, as_of=DAY)
    out = _cli("help", str(DATA), "--as-of", DAY.isoformat(), "--me", "alex.morgan@example.net")
    rows = re.findall(r"^(\d+)\s+(.+?)\s{2,}(\d+)\s+(\d{4}-\d\d-\d\d)", out, re.M)
    assert [(n, p) for _, n, p, _ in rows] == [
        (net.contact(i.uid).display_name, f"{i.priority:.0f}") for i in q.asks
    ]


def test_report_html_writes_one_page(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    _cli("report", str(DATA), "--as-of", DAY.isoformat(), "--html", str(page))
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 3
    assert "<script" not in text
    assert not re.search(r"\b(src|href)=", text)  # nothing to fetch: works offline


def test_every_name_and_note_in_the_page_is_escaped() -> None:
    hostile = '<img src=x onerror="alert(1)">&'
    net = Network()
    net.add_contacts([Contact(uid="h", formatted_name=hostile, organizations=())])
    net.ledger.record(
        LedgerEntry(
            on=DAY, contact_uid="h", direction=GIVEN, kind=FavourKind.ADVICE,
            type=EntryType.ASK, topic=hostile, note=hostile,
        )
    )  # fmt: skip
    page = render_html(scoring.report(net, as_of=DAY))
    assert hostile not in page
    assert page.count(escape(hostile)) == 3  # name, topic, note
    assert "<img" not in page


def test_long_organisation_names_are_cut_with_their_full_name_as_tooltip() -> None:
    long_name = "Contoso <Pharmaceuticals> & Medical Devices"
    wide = "株式会社東京海上日動火災保険システムズ"  # 19 wide characters: 38 columns
    net = Network()
    net.add_contacts(
        [
            Contact(uid=f"u{i}", formatted_name=f"P {i}", organizations=(Organization(name=o),))
            for i, o in enumerate((long_name, long_name, wide, "Acme"))
        ]
    )
    page = render_html(scoring.report(net, as_of=DAY))
    chart = next(s for s in re.findall(r"<svg.*?</svg>", page) if "Largest organisations" in s)
    assert f"<title>{escape(long_name)}</title>" in chart
    assert f"<title>{escape(wide)}</title>" in chart
    labels = re.findall(r'<text x="0" y="\d+" font-size="12">([^<]*)</text>', chart)
    assert labels == [escape("Contoso <Pharmaceuticals> &…"), "Acme", wide[:13] + "…"]
    assert "<Pharmaceuticals>" not in page


def test_the_report_counts_one_firm_under_its_most_common_spelling() -> None:
    net = Network()
    spellings = ("Acme Corp", "Acme Corp", "ACME", "Acme Corp.", "Self-employed", "Datum")
    net.add_contacts(
        [
            Contact(uid=f"u{i}", formatted_name=f"P {i}", organizations=(Organization(name=o),))
            for i, o in enumerate(spellings)
        ]
    )
    r = scoring.report(net, as_of=DAY)
    assert [(c.name, c.count) for c in r.organisations] == [("Acme Corp", 4), ("Datum", 1)]
    assert r.organisation_count == 2


# ---- cost ---------------------------------------------------------------------------------


def _grown(n: int) -> tuple[list[Contact], list[Interaction], list[LedgerEntry]]:
    """n people: all met at one big event, half met weekly since, each asking and offering
    the same topic (the hostile shape for matching), half owed a favour."""
    contacts = [
        Contact(uid=f"c{i}", formatted_name=f"P {i}", categories=("x",), organizations=())
        for i in range(n)
    ]
    start = DAY - timedelta(days=200)
    its = [
        Interaction(
            at=_at(start), contact_uids=(f"c{i}",), kind=InteractionKind.EVENT,
            event_uid=f"ev{i % 20}", participants=50,
        )
        for i in range(n)
    ]  # fmt: skip
    its += [
        Interaction(at=_at(start + timedelta(days=7 * w)), contact_uids=(f"c{i}",),
                    kind=InteractionKind.CALL)
        for i in range(0, n, 2)
        for w in range(1, 4)
    ]  # fmt: skip
    entries = []
    for i in range(n):
        entries.append(_entry(f"c{i}", DAY - timedelta(days=i % 30), EntryType.ASK, GIVEN, "k8s"))
        entries.append(
            _entry(f"c{i}", DAY - timedelta(days=i % 30), EntryType.OFFER, RECEIVED, "k8s")
        )
        if i % 2:
            entries.append(
                LedgerEntry(on=DAY, contact_uid=f"c{i}", direction=RECEIVED, kind=FavourKind.ADVICE)
            )
    return contacts, its, entries


def _build(parts: object) -> Network:
    contacts, its, entries = parts  # type: ignore[misc]
    net = Network()
    net.add_contacts(contacts)
    net.log_many(its)
    for e in entries:
        net.ledger.record(e)
    return net


@pytest.mark.slow
def test_help_queue_is_linear_in_asks_offers_and_people() -> None:
    assert_linear(
        _grown,
        lambda parts: scoring.help_queue(_build(parts), as_of=DAY),
        300,
        what="help_queue",
    )


@pytest.mark.slow
def test_report_is_linear_in_people_interactions_and_events() -> None:
    assert_linear(
        _grown,
        lambda parts: scoring.report(_build(parts), as_of=DAY),
        300,
        what="report",
    )
