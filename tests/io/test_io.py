"""netcore.io: recognising files, the interactions and ledger CSVs, whole networks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from netcore import Contact, Direction, Email, InteractionKind, Me, Network, ParseError, io
from netcore.errors import UnsupportedFormatError

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
SAMPLE_ME = "alex.morgan@example.net"


def net() -> Network:
    n = Network()
    n.add_contacts(
        [
            Contact(
                uid="ada", formatted_name="Ada Lovelace", emails=(Email(address="ada@example.org"),)
            ),
            Contact(uid="bob", formatted_name="Bob Stone"),
        ]
    )
    return n


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"BEGIN:VCARD\r\nVERSION:2.1\r\n", None, io.FileKind.VCARD),
        (b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n", "x.txt", io.FileKind.ICAL),
        (b'{"format": "netcore/network", "version": 1}', "n.json", io.FileKind.JSON),
        (b'["vcard", [["version", {}, "text", "4.0"]]]', "a.json", io.FileKind.JCARD),
        (b"First Name,Last Name,Email Address\n", "Connections.csv", io.FileKind.CSV),
        (b"date,contact,kind\n", "log.csv", io.FileKind.INTERACTIONS),
        (b"date,contact,direction,kind,weight,note\n", None, io.FileKind.LEDGER),
        (b"date,contact,direction,kind\n2026-01-01,ada,given,advice\n", None, io.FileKind.LEDGER),
        (
            b"date,contact,direction,kind\n2026-01-01,ada,outbound,call\n",
            None,
            io.FileKind.INTERACTIONS,
        ),
        (b"", "x.vcf", io.FileKind.VCARD),
    ],
)
def test_detect(data: bytes, name: str | None, kind: io.FileKind) -> None:
    assert io.detect(data, name) is kind


def test_detect_refuses_what_it_cannot_tell() -> None:
    with pytest.raises(UnsupportedFormatError, match="cannot tell"):
        io.detect(b"hello world", "notes.txt")


def test_interactions_rows_resolve_by_email_uid_and_name() -> None:
    text = (
        "date,contact,kind,direction,note,duration_minutes,replied\n"
        "2026-11-02,ADA@example.org,call,outbound,Career chat,30,no\n"
        "2026-11-03T09:30:00+01:00,bob;ada,meeting,,,,\n"
        "2026-11-04T10:00,Bob Stone,email,inbound,,,yes\n"
    )
    rows = io.read_interactions(text, net())
    assert rows.issues == []
    assert [r.contact_uids for r in rows] == [("ada",), ("bob", "ada"), ("bob",)]
    assert rows[0].at == datetime(2026, 11, 2, 12, tzinfo=UTC)
    assert rows[0].duration == timedelta(minutes=30)
    assert rows[0].replied is False
    assert rows[0].direction is Direction.OUTBOUND
    assert rows[1].direction is Direction.MUTUAL
    assert rows[1].kind is InteractionKind.MEETING
    assert rows[2].at.tzinfo is not None
    assert rows[2].replied is True
    # ids derive from content: the same file gives the same ids
    assert [r.id for r in io.read_interactions(text, net())] == [r.id for r in rows]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("yesterday,ada,call", "date", "not an ISO date"),
        ("2026-11-02,Nobody,call", "contact", "matches no contact"),
        ("2026-11-02,ada,telegram", "kind", "not one of"),
        ("2026-11-02,ada,call,sideways", "direction", "not one of"),
    ],
)
def test_bad_rows_name_line_and_column(row: str, column: str, message: str) -> None:
    header = "date,contact,kind,direction"
    rows = io.read_interactions(f"{header}\n2026-11-01,ada,call\n{row}\n", net(), source="log.csv")
    assert len(rows) == 1
    (issue,) = rows.issues
    assert issue.line == 3
    assert issue.property == column
    assert f"column {header.split(',').index(column) + 1} ({column})" in issue.message
    assert message in issue.message
    with pytest.raises(ParseError) as exc:
        io.read_interactions(f"{header}\n{row}\n", net(), source="log.csv", strict=True)
    assert str(exc.value).startswith(f"log.csv:2: {column}: column ")


def test_missing_required_column_is_an_error_on_line_1() -> None:
    rows = io.read_ledger("date,contact,kind\n2026-01-01,ada,advice\n", net())
    assert list(rows) == []
    assert rows.issues[0].line == 1
    assert "missing column(s) direction" in rows.issues[0].message


def test_ambiguous_name_asks_for_an_email() -> None:
    n = net()
    n.add_contact(Contact(uid="ada2", formatted_name="Ada Lovelace"))
    rows = io.read_ledger("date,contact,direction,kind\n2026-01-01,Ada Lovelace,given,gift\n", n)
    assert "names 2 contacts" in rows.issues[0].message


def test_ledger_rows() -> None:
    rows = io.read_ledger(
        "date,contact,direction,kind,weight,note\n2026-01-01,ada@example.org,received,job_lead,2,x\n",
        net(),
    )
    assert rows[0].contact_uid == "ada"
    assert rows[0].weight == 2.0
    assert rows[0].kind.value == "job_lead"
    bad = io.read_ledger(
        "date,contact,direction,kind,weight\n2026-01-01,ada,given,gift,-1\n", net()
    )
    assert bad.issues[0].property == "weight"


def test_build_network_from_the_sample_folder() -> None:
    loaded = io.build_network([DATA], as_of=date(2026, 11, 27), me=Me.from_emails(SAMPLE_ME))
    assert len(loaded.network) == 59
    assert loaded.interactions == 226 + 51  # the interactions CSV, then the sample mailbox
    assert loaded.ledger_entries == 34  # 20 favours, 11 asks and offers, 3 closing entries
    assert loaded.issues == ()  # recurring series expanded in the default window
    assert loaded.as_of == date(2026, 11, 27)
    kinds = sorted(f.kind.value for f in loaded.files)
    assert kinds == ["ical", "vcard", "vcard", "vcard"]
    assert loaded.events is not None
    assert loaded.events.interactions_created > 0
    assert loaded.unmatched[str(DATA / "inbox.mbox")] == ("jordan.blake@example.net",)


def test_mail_without_me_is_skipped_with_a_warning() -> None:
    loaded = io.build_network([DATA], as_of=date(2026, 11, 27))
    assert loaded.interactions == 226
    (issue,) = loaded.issues
    assert issue.source.endswith("inbox.mbox")
    assert "who is me?" in issue.message


def test_expand_window_bounds_recurring_events() -> None:
    end = datetime(2026, 6, 30, 23, 59, tzinfo=UTC)
    loaded = io.build_network([DATA], expand_from=end - timedelta(days=365), expand_to=end)
    assert all(
        (e.start if isinstance(e.start, datetime) else None) is None or e.start <= end
        for e in loaded.network.events
    )
    syncs = [e for e in loaded.network.events if e.uid == "platform-sync@example.org"]
    assert 20 < len(syncs) < 27  # weekly from January to June, less the April week off


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    contacts = list(io.load(DATA / "contacts-3.0-apple.vcf").contacts)
    for name, fmt in (("a.vcf", "vcard4"), ("a.json", "json"), ("a.jcard", "jcard")):
        assert io.save(tmp_path / name, contacts) == fmt
        again = io.load(tmp_path / name)
        assert [c.formatted_name for c in again.contacts] == [c.formatted_name for c in contacts]
    with pytest.raises(UnsupportedFormatError):
        io.output_format_for("x.pdf")


def test_a_json_document_brings_its_relations_to_every_command(tmp_path: Path) -> None:
    from netcore.formats import json

    first, second = net(), net()
    first.relate("ada", "bob", "colleague", context="Initech")
    second.relate("ada", "bob", "colleague", context="Globex")  # the same pair and kind
    second.relate("ada", "bob", note="chess club")
    (tmp_path / "a.json").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(second), encoding="utf-8")
    loaded = io.build_network([tmp_path / "a.json", tmp_path / "b.json"], as_of=date(2026, 1, 1))
    kept = [(r.kind.value, r.context, r.note) for r in loaded.network.explicit_relations]
    assert kept == [("colleague", "Initech", None), ("explicit", None, "chess club")]


def test_plan_gives_each_file_its_kind_and_role() -> None:
    planned = {p.path.name: (p.kind.value, p.role.value) for p in io.plan([DATA])}
    assert planned["calendar.ics"] == ("ical", "calendars")
    assert planned["interactions.csv"] == ("interactions", "interactions")
    assert planned["ledger.csv"] == ("ledger", "ledgers")
    assert planned["contacts-4.0.vcf"] == ("vcard", "contacts")


def test_activity_resolves_against_a_base_network_and_its_aliases(tmp_path: Path) -> None:
    base = Network()
    base.add_contacts(
        [Contact(uid="stored-ada", formatted_name="Ada", emails=(Email(address="ada@x.org"),))]
    )
    log = tmp_path / "log.csv"
    log.write_text(
        "date,contact,kind\n2026-11-02,ada@x.org,call\n2026-11-03,old-uid,email\n"
        "2026-11-04,Nobody,call\n",
        encoding="utf-8",
    )
    loaded = io.build_network(
        [log], base=base, aliases={"old-uid": "stored-ada"}, as_of=date(2026, 11, 27)
    )
    assert [i.contact_uids for i in loaded.new_interactions] == [("stored-ada",), ("stored-ada",)]
    assert loaded.unmatched == {str(log): ("Nobody",)}
    assert loaded.contacts_read == ()


def test_reading_the_same_ledger_again_onto_its_network_is_silent() -> None:
    first = io.build_network([DATA / "ledger.csv", DATA], as_of=date(2026, 11, 27))
    again = io.build_network([DATA / "ledger.csv"], base=first.network, as_of=date(2026, 11, 27))
    assert again.issues == ()
    assert again.ledger_entries == 0
    assert again.new_entries == ()


def test_a_large_vcard_file_is_read_card_by_card_with_its_versions(tmp_path: Path) -> None:
    cards = []
    for n in range(6000):  # about 1.2 MB: lines fall across the 1 MiB read chunks
        version = "3.0" if n % 3 else "4.0"
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:u{n}\r\nFN:Person {n}\r\n"
            f"NOTE:{'x' * 150}\r\nEND:VCARD\r\n"
        )
    path = tmp_path / "big.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    assert path.stat().st_size > 1 << 20
    loaded = io.load(path)
    assert len(loaded.contacts) == 6000
    assert loaded.versions == {"3.0": 4000, "4.0": 2000}
    assert loaded.versions == io.loads(path.read_bytes(), source=str(path)).versions
