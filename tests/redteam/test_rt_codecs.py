"""Red-team tests for the codecs: vCard 2.1/3.0/4.0, jCard, iCalendar and contacts CSV.

Each xfail(strict=True) test asserts the correct behaviour of a finding that is still
open (``RT-codecs-N`` in its reason); unmarked tests are regression guards for attacks
the codecs already withstand. Written from the public docs and the source only.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from _complexity import assert_linear
from netcore.cli import app
from netcore.errors import LimitExceededError, NetcoreError, ParseError
from netcore.formats import csv, ical, jcard, vcard
from netcore.formats.issues import Severity
from netcore.model import Address, Contact, Email, Extension, Name, Photo
from netcore.model.event import Attendee, Event

VERSIONS = ("2.1", "3.0", "4.0", "jcard")
WINDOW = {
    "expand_from": datetime(2026, 1, 1, tzinfo=UTC),
    "expand_to": datetime(2026, 12, 31, tzinfo=UTC),
}


def run(*args: str | Path):
    """Run the CLI in process; return (exit code, stdout, stderr, exception)."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def roundtrip(contact: Contact, version: str) -> list[Contact]:
    if version == "jcard":
        back = jcard.loads(jcard.dumps([contact]))
    else:
        back = vcard.loads(vcard.dumps([contact], version=version))
    return [c.model_copy(update={"source": None}) for c in back]


def cal(*events: str, pre: str = "") -> str:
    body = "".join(
        "BEGIN:VEVENT\r\n" + e.strip().replace("\n", "\r\n") + "\r\nEND:VEVENT\r\n" for e in events
    )
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:rt\r\n" + pre + body + "END:VCALENDAR\r\n"


MASTER = (
    "UID:s1\nSUMMARY:m\nDTSTART:20260105T100000Z\nDTEND:20260105T110000Z\nRRULE:FREQ=WEEKLY;COUNT=4"
)
MASTER_STARTS = {datetime(2026, 1, d, 10, tzinfo=UTC) for d in (5, 12, 19, 26)}


# ==== (1) round trips and injection: regression guards ==================================

HOSTILE = [
    ",",
    ";",
    ":",
    "\\",
    '"',
    "a\nb",
    "\t x \t",
    " lead",
    "trail ",
    "e\u0301",
    "\u00e9",
    "\u202eRTL\u200f",
    "\U0001f600\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "END:VCARD",
    "\nEND:VCARD\nBEGIN:VCARD\nFN:x",
    "\\n\\,\\;",
    "^n^'^^",
    "=0A=",
    "=",
    "a\\",
    "x" * 5000,
    "\u00e4" * 300,
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t)[:20])
def test_hostile_text_round_trips_in_note_org_and_name(text: str, version: str) -> None:
    from netcore.model import Organization

    c = Contact(
        uid="u1",
        formatted_name="Ada",
        note=text,
        organizations=(Organization(name=text, units=(text,), title=text, role=text),),
        name=Name(family=text, given=text, additional=(text,)),
        emails=(Email(address="a@example.org", label=text),),
        addresses=(Address(street=text, locality=text, formatted=text, label=text),),
    )
    assert roundtrip(c, version) == [c]


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_fn_and_note_cannot_inject_a_card(version: str) -> None:
    evil = "x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:evil\r\nEND:VCARD"
    c = Contact(uid="u1", formatted_name="Ada", note=evil, categories=(evil,))
    text = vcard.dumps([c], version=version)
    back = vcard.loads(text)
    assert len(back) == 1
    assert [ln for ln in text.split("\r\n") if ln.upper().startswith(("BEGIN", "END"))] == [
        "BEGIN:VCARD",
        "END:VCARD",
    ]


def test_jcard_hostile_fn_is_kept_out_of_the_model_without_a_second_card() -> None:
    data = (
        '["vcard",[["version",{},"text","4.0"],'
        '["fn",{},"text","A\\r\\nEND:VCARD\\r\\nBEGIN:VCARD\\r\\nFN:evil"]]]'
    )
    parsed = jcard.loads(data)
    assert len(parsed) == 1
    for v in ("2.1", "3.0", "4.0"):
        assert len(vcard.loads(vcard.dumps(list(parsed), version=v))) == 1


def test_writer_keeps_a_foreign_item1_label_away_from_its_own_labels() -> None:
    c = Contact(
        uid="u",
        formatted_name="A",
        emails=(Email(address="a@x.example", label="Work"),),
        extensions=(Extension(name="X-ABLabel", value="Evil", group="item1"),),
    )
    for v in VERSIONS:
        assert roundtrip(c, v) == [c]


# ==== (1) round trips: findings ========================================================


# RT-codecs-1: fixed (extension names outside the vCard grammar round-trip).
@pytest.mark.parametrize("name", ["X A", "X-\u00e4", "="])
def test_jcard_round_trips_every_extension_name_the_model_accepts(name: str) -> None:
    c = Contact(uid="u", formatted_name="A", extensions=(Extension(name=name, value="z"),))
    assert [e.value for e in roundtrip(c, "jcard")[0].extensions] == ["z"]


def test_a_contact_that_validates_always_writes_nul_in_parameter() -> None:
    # RT-codecs-2, the rule chosen: a NUL in a parameter value is refused by the model (the
    # readers replace it with U+FFFD and say so), so "a contact that validates always
    # writes" holds because such a contact cannot be built.
    with pytest.raises(ValueError, match="must not hold NUL"):
        Extension(name="X-FOO", value="v", params=(("X-P", ("a\x00b",)),))
    c = Contact(
        uid="u",
        formatted_name="A",
        extensions=(Extension(name="X-FOO", value="v", params=(("X-P", ("a\ufffdb",)),)),),
    )
    for v in ("2.1", "3.0", "4.0"):
        assert len(vcard.loads(vcard.dumps([c], version=v))) == 1


def test_csv_with_nul_in_a_column_name_converts_to_vcard() -> None:
    parsed = csv.loads("Name,E-mail,Oth\x00er\nAda,a@x.example,v\n")
    text = vcard.dumps(list(parsed))
    assert len(vcard.loads(text)) == 1


def test_cli_convert_csv_with_nul_header_is_not_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "nul.csv"
    src.write_bytes(b"Name,E-mail,Oth\x00er\nAda,a@x.example,v\n")
    code, _out, err, exc = run("convert", src, "-o", tmp_path / "out.vcf")
    assert exc is None
    assert code == 0, err


def test_cli_export_after_importing_csv_with_nul_header(tmp_path: Path) -> None:
    src = tmp_path / "nul.csv"
    src.write_bytes(b"Name,E-mail,Oth\x00er\nAda,a@x.example,v\n")
    db = tmp_path / "n.db"
    code, _out, err, exc = run("import", src, "--db", db)
    assert exc is None
    assert code == 0, err
    code, _out, err, exc = run("export", "--db", db, "-o", tmp_path / "all.vcf")
    assert exc is None
    assert code == 0, err


@pytest.mark.parametrize("version", VERSIONS)
def test_whitespace_only_nickname_and_category_survive(version: str) -> None:
    c = Contact(uid="u", formatted_name="A", nicknames=(" ",), categories=(" ", "b"))
    back = roundtrip(c, version)[0]
    assert (back.nicknames, back.categories) == ((" ",), (" ", "b"))


@pytest.mark.parametrize("version", VERSIONS)
def test_extension_value_with_line_break_round_trips(version: str) -> None:
    c = Contact(uid="u", formatted_name="A", extensions=(Extension(name="X-FOO", value="a\nb"),))
    assert roundtrip(c, version)[0].extensions == c.extensions


@pytest.mark.parametrize(
    ("media_type", "version"),
    [("image/svg+xml", "2.1"), ("image/x-icon", "3.0"),
     ("application/octet-stream", "4.0"), ("application/octet-stream", "jcard"),
     (None, "4.0"), (None, "jcard")],
)  # fmt: skip
def test_photo_media_type_round_trips(media_type: str | None, version: str) -> None:
    c = Contact(
        uid="u", formatted_name="A", photo=Photo(data=b"\x00\xffabc", media_type=media_type)
    )
    assert roundtrip(c, version)[0].photo == c.photo


def test_extension_named_label_stays_an_extension() -> None:
    c = Contact(
        uid="u",
        formatted_name="A",
        addresses=(Address(street="s", types=("home",)),),
        extensions=(Extension(name="LABEL", value="Evil", params=(("TYPE", ("home",)),)),),
    )
    assert roundtrip(c, "3.0") == [c]


# ==== (2) odd real-world vCard shapes: guards ==========================================

BASE = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\u00eb \u00c4\r\nNOTE:n\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    "data",
    [
        BASE.encode("utf-16"),
        b"\xfe\xff" + BASE.encode("utf-16-be"),
        BASE.encode("utf-16-le"),
        BASE.encode("utf-16-be"),
        BASE.encode("utf-16") + b"\x00",
        BASE.encode("utf-16-le")[:-1],
    ],
    ids=["le-bom", "be-bom", "le", "be", "le-bom-odd", "le-odd"],
)
def test_utf16_vcards_in_every_shape(data: bytes) -> None:
    parsed = vcard.loads(data)
    assert [(c.formatted_name, c.note) for c in parsed] == [("Zo\u00eb \u00c4", "n")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"FN;CHARSET=ISO-8859-1:Zo\xeb", "Zo\u00eb"),
        (b"FN;CHARSET=Windows-1252:Zo\xeb\x80", "Zo\u00eb\u20ac"),
        (b"FN;CHARSET=SHIFT_JIS:" + "\u5c71\u7530".encode("shift_jis"), "\u5c71\u7530"),
        (b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=\r\n=AB", "Zo\u00eb"),
        (b"FN;CHARSET=zlib_codec;ENCODING=QUOTED-PRINTABLE:abc", "abc"),
        (b"FN\r\n\tLove:x", ""),  # a folded name: not a valid line, never a crash
    ],
)
def test_2_1_charsets_and_quoted_printable(line: bytes, expected: str) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + line + b"\r\nEND:VCARD\r\n"
    parsed = vcard.loads(data)
    assert len(parsed) == 1
    if expected:
        assert parsed[0].formatted_name == expected


def test_end_with_space_unclosed_card_and_agent() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN:Bob\r\nEND:VCARD\r\nEND :VCARD\r\nBEGIN:VCARD\r\nFN:Cy\r\n"
        b"BEGIN:VCARD\r\nFN:Dee\r\nEND:VCARD\r\n"
    )
    parsed = vcard.loads(data)
    assert [c.formatted_name for c in parsed] == ["Ada", "Cy", "Dee"]
    assert any(e.name == "AGENT" for e in parsed[0].extensions)
    assert any(i.severity is Severity.ERROR for i in parsed.issues)
    streamed = list(vcard.iter_load(io.BytesIO(data)))
    assert [c.formatted_name for c in streamed] == ["Ada", "Cy", "Dee"]


def test_apple_groups_and_begin_inside_a_value() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE:BEGIN:VCARD\r\n"
        b"item1.EMAIL:a@x.example\r\nitem1.X-ABLabel:Lab\r\n"
        b"item2.ADR;type=HOME:;;1 St;City;;;\r\nitem2.X-ABADR:us\r\nEND:VCARD\r\n"
    )
    (c,) = vcard.loads(data)
    assert c.note == "BEGIN:VCARD"
    assert c.emails[0].label == "Lab"


def test_loads_and_iter_load_agree_on_utf32() -> None:
    data = BASE.encode("utf-32")
    whole = [c.model_copy(update={"source": None}) for c in vcard.loads(data)]
    streamed = [c.model_copy(update={"source": None}) for c in vcard.iter_load(io.BytesIO(data))]
    assert whole == streamed


def test_cadence_in_arabic_indic_digits_is_not_a_number() -> None:
    data = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-NETCORE-CADENCE-DAYS:\u0663\r\nEND:VCARD\r\n"
    (c,) = vcard.loads(data)
    assert c.cadence_days is None


# ==== (3) iCalendar: guards ============================================================


def test_same_uid_masters_and_override_before_its_master() -> None:
    second = MASTER.replace("20260105", "20260302").replace("SUMMARY:m", "SUMMARY:m2")
    override = "UID:s1\nRECURRENCE-ID:20260112T100000Z\nDTSTART:20260112T130000Z\nSUMMARY:o"
    parsed = ical.loads(cal(override, MASTER, second), **WINDOW)
    assert len(parsed) == 8
    assert sum(e.title == "o" for e in parsed) == 1


def test_cancelled_occurrence_exdate_and_rdate_lists() -> None:
    cancel = "UID:s1\nRECURRENCE-ID:20260112T100000Z\nDTSTART:20260112T100000Z\nSTATUS:CANCELLED"
    parsed = ical.loads(
        cal(MASTER + "\nEXDATE:20260119T100000Z,20260126T100000Z", cancel), **WINDOW
    )
    assert [e.status.value for e in parsed] == ["confirmed", "cancelled"]
    parsed = ical.loads(cal(MASTER + "\nRDATE:20260110T100000Z,20260111T100000Z"), **WINDOW)
    assert len(parsed) == 6


def test_time_zones_windows_unknown_x_wr_and_all_day() -> None:
    win = "UID:a\nDTSTART;TZID=W. Europe Standard Time:20260105T100000"
    assert ical.loads(cal(win), **WINDOW)[0].start.utcoffset() == timedelta(hours=1)
    unknown = ical.loads(cal("UID:a\nDTSTART;TZID=Mars/Olympus:20260105T100000"), **WINDOW)
    assert any("Mars/Olympus" in i.message for i in unknown.issues)
    floating = cal("UID:a\nDTSTART:20260105T100000", pre="X-WR-TIMEZONE:Europe/Berlin\r\n")
    assert ical.loads(floating, **WINDOW)[0].start.utcoffset() == timedelta(hours=1)
    allday = ical.loads(cal("UID:a\nDTSTART;TZID=Europe/Berlin;VALUE=DATE:20260105"), **WINDOW)
    assert allday[0].start == date(2026, 1, 5)


def test_attendees_without_addresses_and_quoted_organizer() -> None:
    text = cal(
        'UID:a\nDTSTART:20260105T100000Z\nORGANIZER;CN="A, B":"mailto:a@b.example"\n'
        'ATTENDEE;CN=John "JD" Doe:mailto:j@d.example\nATTENDEE;CN=Bob:\nATTENDEE:'
    )
    (e,) = ical.loads(text, **WINDOW)
    assert e.organizer is not None
    assert e.organizer.email == "a@b.example"
    assert {a.name for a in e.attendees} >= {"Bob"}


def test_years_1_and_9999() -> None:
    y1 = ical.loads(cal("UID:a\nDTSTART:00010101T000000Z\nDTEND:00010101T010000Z"))
    assert y1[0].start.year == 1
    y9999 = ical.loads(cal("UID:a\nDTSTART;TZID=Asia/Tokyo:99991231T235959"))
    assert y9999[0].start.year == 9999


def test_occurrence_budget_names_the_vevent_and_strict_raises() -> None:
    body = "".join(f"UID:s{i}\nDTSTART:20260105T100000Z\nRRULE:FREQ=DAILY" for i in range(1))
    text = cal(*[body.replace("s0", f"s{i}") for i in range(5)])
    limits = ical.Limits(max_occurrences=500)
    parsed = ical.loads(text, limits=limits, **WINDOW)
    assert len(parsed) == 500
    (err,) = [i for i in parsed.issues if i.severity is Severity.ERROR]
    assert err.line is not None
    assert "500" in err.message
    with pytest.raises(LimitExceededError):
        ical.loads(text, limits=limits, strict=True, **WINDOW)


def test_attendee_budget_on_a_huge_attendee_list() -> None:
    att = "\n".join(f"ATTENDEE;CN=P{i}:mailto:p{i}@x.example" for i in range(300))
    text = cal("UID:s\nDTSTART:20260105T100000Z\nRRULE:FREQ=DAILY;COUNT=10\n" + att)
    limits = ical.Limits(max_attendee_occurrences=1000)
    parsed = ical.loads(text, limits=limits, **WINDOW)
    assert 0 < len(parsed) < 10
    with pytest.raises(LimitExceededError):
        ical.loads(text, limits=limits, strict=True, **WINDOW)


@pytest.mark.parametrize(
    "text",
    ["", "hello", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260105T100000Z\r\n",
     cal("UID:a\nDTSTART:garbage"),
     cal("UID:a\nDTSTART:20260105T100000Z\nRRULE:FREQ=DAILY;INTERVAL=0"),
     cal("UID:a\nDTSTART:20260105T100000Z\nDURATION:P999999999W")],
)  # fmt: skip
def test_broken_calendars_are_issues_not_exceptions(text: str) -> None:
    ical.loads(text, **WINDOW)


# ==== (3) iCalendar: findings ==========================================================


def test_unreadable_exdate_keeps_the_series() -> None:
    parsed = ical.loads(cal(MASTER + "\nEXDATE:garbage"), **WINDOW)
    assert {e.start for e in parsed} == MASTER_STARTS


def test_broken_recurrence_id_keeps_the_master_series() -> None:
    override = "UID:s1\nRECURRENCE-ID:xyz\nDTSTART:20260112T150000Z\nSUMMARY:o"
    parsed = ical.loads(cal(MASTER, override), **WINDOW)
    assert {e.start for e in parsed} >= MASTER_STARTS


def test_organizer_address_without_at_sign_round_trips() -> None:
    e = Event(uid="u1", start=datetime(2026, 1, 5, 10, tzinfo=UTC), organizer=Attendee(email="org"))
    (back,) = ical.loads(ical.dumps([e]))
    assert back.organizer is not None
    assert back.organizer.email == "org"


def test_event_uid_with_spaces_round_trips() -> None:
    e = Event(uid=" lead ", start=datetime(2026, 1, 5, 10, tzinfo=UTC))
    assert ical.loads(ical.dumps([e]))[0].uid == " lead "


def test_negative_duration_issue_names_duration() -> None:
    parsed = ical.loads(cal("UID:a\nDTSTART:20260105T100000Z\nDURATION:-PT1H"), **WINDOW)
    assert [i.property for i in parsed.issues] == ["DURATION"]


def test_end_past_year_9999_keeps_the_event() -> None:
    parsed = ical.loads(cal("UID:a\nDTSTART:99991231T100000Z\nDURATION:P2D"))
    assert len(parsed) == 1


def test_mozilla_style_tzid_resolves_to_its_iana_zone() -> None:
    text = cal('UID:a\nDTSTART;TZID="/mozilla.org/20050126_1/Europe/Berlin":20260105T100000')
    (e,) = ical.loads(text, **WINDOW)
    assert e.start == datetime(2026, 1, 5, 10, tzinfo=ZoneInfo("Europe/Berlin"))


# ==== (4) CSV: guards ==================================================================


@pytest.mark.parametrize(
    "trigger", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\x00=1", " =1", "=\x00"]
)
@pytest.mark.parametrize("dialect", ["google", "outlook", "linkedin"])
def test_formula_guard_on_every_written_cell(trigger: str, dialect: str) -> None:
    import csv as std_csv

    c = Contact(
        uid="u",
        formatted_name=trigger if "\r" not in trigger and "\x00" not in trigger else "A",
        note=trigger,
        extensions=(
            # The model refuses NUL in a parameter value (RT-codecs-2), so a column name
            # holds none; the value and note cells still carry the NUL triggers.
            Extension(
                name="X-CSV-FOO",
                value=trigger,
                params=(("X-COLUMN", (trigger.replace("\x00", "\ufffd"),)),),
            ),
        ),
    )
    out = csv.dumps([c], dialect=dialect)
    for row in std_csv.reader(io.StringIO(out)):
        for cell in row:
            stripped = cell.lstrip(" \t\r\n\x00")
            assert not (stripped and stripped[0] in "=+-@") or cell.startswith("'"), cell


def test_year_less_birthday_is_written_as_the_date() -> None:
    from netcore.model.values import PartialDate

    c = Contact(uid="u", formatted_name="A", birthday=PartialDate(month=11, day=2), note="--11-02")
    row = csv.dumps([c], dialect="google").splitlines()[1].split(",")
    assert "--11-02" in row
    assert "'--11-02" in row


def test_csv_odd_shapes_read() -> None:
    mixed = csv.loads("Name,E-mail\nAda;a@x.example\nBob\tb@x.example\nCy,c@x.example\n")
    assert [c.formatted_name for c in mixed] == ["Ada", "Bob", "Cy"]
    nohdr = csv.loads("ada@x.example,Ada\nbob@x.example,Bob\n")
    assert [c.formatted_name for c in nohdr] == ["Ada", "Bob"]
    german = csv.loads("Vorname;Nachname;E-Mail-Adresse\n\u00c4da;L\u00f6ve;a@x.example\n")
    assert german[0].formatted_name == "\u00c4da L\u00f6ve"
    quoted = csv.loads('Name,E-mail\n"Ada\nLovelace",a@x.example\n')
    assert quoted[0].emails[0].address == "a@x.example"
    u16 = csv.loads("Name,E-mail\nZo\u00eb,z@x.example\n".encode("utf-16"))
    assert u16[0].formatted_name == "Zo\u00eb"
    ansi = csv.loads("Name;E-Mail\nZo\u00eb \u20ac;z@x.example\n".encode("cp1252"))
    assert ansi[0].formatted_name == "Zo\u00eb \u20ac"


def test_csv_oversized_cell_is_an_issue() -> None:
    parsed = csv.loads('Name,E-mail\nAda,a@x.example\n"' + "x" * 200_000 + '",z@x.example\n')
    assert len(parsed) == 1
    assert any(i.severity is Severity.ERROR and i.line == 3 for i in parsed.issues)


def test_cli_columns_usage_errors_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("Name,E-mail\nAda,a@x.example\n", encoding="utf-8")
    for bad in ("Name=bogus", "Name", "="):
        code, _out, err, exc = run("convert", src, "-o", tmp_path / "o.vcf", "--columns", bad)
        assert exc is None
        assert code == 2, (bad, err)
        assert err.strip().splitlines()[-1].startswith("error:")


def test_cli_header_only_csv_exits_1(tmp_path: Path) -> None:
    src = tmp_path / "h.csv"
    src.write_text("Vorname;Nachname;E-Mail-Adresse\n", encoding="utf-8")
    code, _out, err, exc = run("convert", src, "-o", tmp_path / "o.vcf")
    assert exc is None
    assert code == 1, err


# ==== (4) CSV: findings ================================================================


def test_stray_quote_swallowing_rows_is_reported() -> None:
    parsed = csv.loads('Name,E-mail\n"Ada,a@x.example\nBob,b@x.example\nCy,c@x.example\n')
    assert any(i.severity in (Severity.WARNING, Severity.ERROR) for i in parsed.issues)


def test_columns_naming_a_missing_column_is_reported() -> None:
    parsed = csv.loads("Name,E-mail\nAda,a@x.example\n", columns={"Nope": "email"})
    assert any("Nope" in i.message for i in parsed.issues)


@pytest.mark.parametrize("columns", [{"Name": None}, {1: "email"}])
def test_bad_columns_argument_is_a_typed_error(columns: dict) -> None:
    with pytest.raises(NetcoreError):
        csv.loads("Name,E-mail\nAda,a@x.example\n", columns=columns)


def test_columns_pref_type_means_preferred() -> None:
    parsed = csv.loads("Name,E-mail\nAda,a@x.example\n", columns={"E-mail": "email:pref,work"})
    (email,) = parsed[0].emails
    assert email.preferred
    assert email.types == ("work",)


def test_header_only_csv_raises_parse_error() -> None:
    with pytest.raises(ParseError):
        csv.loads("Name,Given Name,E-mail 1 - Value\n")


def test_cli_names_the_oversized_cell(tmp_path: Path) -> None:
    src = tmp_path / "big.csv"
    src.write_text('Name,E-mail\n"' + "x" * 200_000 + '",a@x.example\n', encoding="utf-8")
    code, _out, err, _exc = run("convert", src, "-o", tmp_path / "o.vcf")
    assert code == 1
    assert "limit" in err or "larger" in err, err


def test_utf16_csv_with_odd_byte_count_adds_no_contact() -> None:
    parsed = csv.loads("Name,E-mail\nZo\u00eb,z@x.example\n".encode("utf-16") + b"x")
    assert [c.formatted_name for c in parsed] == ["Zo\u00eb"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_csv_without_bom(codec: str) -> None:
    parsed = csv.loads("Name,E-mail\nZo\u00eb,z@x.example\n".encode(codec))
    got = [(c.formatted_name, [e.address for e in c.emails]) for c in parsed]
    assert got == [("Zo\u00eb", ["z@x.example"])]


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\ufeff", "\u200b"])
def test_formula_guard_after_unicode_space(space: str) -> None:
    c = Contact(uid="u", formatted_name="A", note=space + "=1+1")
    out = csv.dumps([c], dialect="google")
    assert "'" + space + "=1+1" in out


# ==== (6) cost =========================================================================


@pytest.mark.slow
def test_cost_csv_rows_each_in_another_separator() -> None:
    assert_linear(
        lambda n: "Name,E-mail\n" + "".join(f"A{i};a{i}@x.example\n" for i in range(n)),
        csv.loads,
        400,
        what="csv rows split by their own separator",
    )


@pytest.mark.slow
def test_cost_csv_many_unknown_columns() -> None:
    assert_linear(
        lambda n: (
            ",".join(f"c{i}" for i in range(n))
            + ",E-mail\n"
            + ",".join("v" for _ in range(n))
            + ",a@x.example\n"
        ),
        csv.loads,
        1500,
        what="csv columns",
    )


@pytest.mark.slow
def test_cost_vcard_nested_components_and_apple_groups() -> None:
    assert_linear(
        lambda n: (
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n"
            + "BEGIN:VEVENT\r\nX:y\r\nEND:VEVENT\r\n" * n
            + "".join(
                f"item{i}.EMAIL:a{i}@x.example\r\nitem{i}.X-ABLabel:L{i}\r\n" for i in range(n)
            )
            + "END:VCARD\r\n"
        ),
        vcard.loads,
        1000,
        what="nested components and item groups",
    )


@pytest.mark.slow
def test_cost_ical_orphan_overrides_and_same_uid_masters() -> None:
    def make(n: int) -> str:
        start = datetime(2026, 1, 1, 10, tzinfo=UTC)
        masters = [
            f"UID:s\nDTSTART:{start + timedelta(days=i):%Y%m%dT%H%M%SZ}\nRRULE:FREQ=WEEKLY;COUNT=2"
            for i in range(n)
        ]
        overrides = [
            f"UID:s\nRECURRENCE-ID:{start + timedelta(hours=i, seconds=7):%Y%m%dT%H%M%SZ}\n"
            f"DTSTART:{start + timedelta(hours=i, minutes=1):%Y%m%dT%H%M%SZ}"
            for i in range(n)
        ]
        return cal(*masters, *overrides)

    assert_linear(make, lambda t: ical.loads(t, **WINDOW), 40, what="same-uid masters")


# ==== (5) CLI errors: findings =========================================================


# RT-codecs-24: fixed by the bounded-input work (the error names the output).
def test_cli_missing_output_folder_names_the_output(tmp_path: Path) -> None:
    src = tmp_path / "a.vcf"
    src.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nUID:u\r\nEND:VCARD\r\n", "utf-8")
    code, _out, err, exc = run("convert", src, "-o", tmp_path / "nodir" / "x.vcf")
    assert exc is None
    assert code in (1, 2)
    last = err.strip().splitlines()[-1]
    assert last.startswith("error:")
    assert ".tmp" not in last, last
    assert str(tmp_path / "nodir" / "x.vcf") in last or "nodir" in last


# RT-codecs-25: fixed by the papercuts work (one output-format enum).
def test_cli_convert_accepts_every_format_its_error_offers(tmp_path: Path) -> None:
    src = tmp_path / "a.vcf"
    src.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nUID:u\r\nEND:VCARD\r\n", "utf-8")
    _code, _out, err, _exc = run("convert", src, "-o", tmp_path / "x.xyz")
    assert "csv-linkedin" in err
    code, _out, err, exc = run("convert", src, "-o", tmp_path / "x.csv", "--to", "csv-linkedin")
    assert exc is None
    assert code == 0, err
