"""The semantic measure of tools/fidelity.py on small hand-made inputs (no corpus needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tools import fidelity


def _measure(before: bytes, after: bytes) -> fidelity.Comparison:
    inp, _ = fidelity.read_vcard_text(before)
    out, _ = fidelity.read_vcard_text(after)
    return fidelity.compare(inp, out)


CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
    b"item1.TEL;TYPE=cell,voice:+1 555 0100\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n"
)


def test_identical_card_keeps_every_property() -> None:
    result = _measure(CARD, CARD)
    assert (result.total, result.kept, dict(result.lost)) == (4, 4, {})


def test_a_property_lost_is_named() -> None:
    result = _measure(CARD, CARD.replace(b"EMAIL:ann@example.org\r\n", b""))
    assert (result.total, result.kept) == (4, 3)
    assert dict(result.lost) == {"EMAIL (missing)": 1}


def test_a_group_lost_is_named() -> None:
    result = _measure(CARD, CARD.replace(b"item1.TEL", b"TEL"))
    assert dict(result.lost) == {"item1.TEL (group)": 1}


def test_a_parameter_lost_is_named() -> None:
    result = _measure(CARD, CARD.replace(b"TYPE=cell,voice", b"TYPE=cell"))
    assert dict(result.lost) == {"item1.TEL (params TYPE)": 1}


def test_a_value_changed_is_named() -> None:
    result = _measure(CARD, CARD.replace(b"FN:Ann Lee", b"FN:Ann"))
    assert dict(result.lost) == {"FN (value)": 1}


def test_parameter_and_name_case_do_not_matter() -> None:
    after = CARD.replace(b"item1.TEL;TYPE=cell,voice", b"ITEM1.tel;type=VOICE;Type=CELL")
    assert _measure(CARD, after).kept == 4


def test_parameter_value_case_does_not_matter_but_its_text_does() -> None:
    after = CARD.replace(b"TYPE=cell,voice", b"TYPE=CELL,VOICE")
    assert _measure(CARD, after).kept == 4
    assert _measure(CARD, CARD.replace(b"TYPE=cell,voice", b"TYPE=cell,fax")).kept == 3


def test_quoted_printable_equal_after_decoding() -> None:
    before = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Gr=FC=DFe=0D=0Aaus =\r\nK=F6ln\r\n"
        b"END:VCARD\r\n"
    )
    after = "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;CHARSET=UTF-8:Grüße\\naus Köln\r\nEND:VCARD\r\n"
    # 2.1 has no \n escape: written raw, the backslash-n stays text and the value differs
    assert _measure(before, after.encode()).kept == 0
    qp = b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe=0Aaus K=C3=B6ln"
    again = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + qp + b"\r\nEND:VCARD\r\n"
    assert _measure(before, again).kept == 1


def test_quoted_printable_soft_break_only_where_the_parameters_say_so() -> None:
    # a value ending in "=" without QUOTED-PRINTABLE does not swallow the next line
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nURL:https://example.org/?ref=\r\nUID:u1\r\n"
        b"X-NOTE;X-LABEL=QUOTED-PRINTABLE:a=\r\nEND:VCARD\r\n"
    )
    cards, _ = fidelity.read_vcard_text(card)
    assert [(p.name, p.value) for p in cards[0]] == [
        ("URL", "https://example.org/?ref="),
        ("UID", "u1"),
        ("X-NOTE", "a="),
    ]


def test_base64_compared_as_bytes_whatever_the_carrier() -> None:
    v3 = b"BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4A==\r\nEND:VCARD\r\n"
    folded = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;TYPE=jpeg;ENCODING=B:/9j\r\n /4A==\r\nEND:VCARD\r\n"
    )
    uri = b"BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO:data:image/jpeg;base64,/9j/4A==\r\nEND:VCARD\r\n"
    other = b"BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b:/9j/4AAA\r\nEND:VCARD\r\n"
    assert _measure(v3, folded).kept == 1
    assert _measure(v3, uri).kept == 1
    assert _measure(v3, other).kept == 0


def test_value_uri_of_a_binary_property_is_its_default_in_4_0_only() -> None:
    # RFC 6350: PHOTO, LOGO, SOUND and KEY are a URI by default, so VALUE=uri names the
    # default type in 4.0; in 2.1 and 3.0 their default is inline data and it counts.
    def card(version: str, head: bytes) -> bytes:
        return (
            b"BEGIN:VCARD\r\nVERSION:" + version.encode() + b"\r\n"
            + head + b":http://example.org/k.asc\r\nEND:VCARD\r\n"
        )  # fmt: skip

    for name in (b"PHOTO", b"LOGO", b"SOUND", b"KEY"):
        with_value = card("4.0", name + b";TYPE=work;VALUE=uri")
        assert _measure(with_value, card("4.0", name + b";TYPE=work")).kept == 1
        assert _measure(with_value, card("4.0", name + b";TYPE=work;VALUE=text")).kept == 0
        assert _measure(card("3.0", name + b";VALUE=uri"), card("3.0", name)).kept == 0


def test_bare_21_parameters_mean_type_and_encoding() -> None:
    bare = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;WORK;VOICE:1\r\nPHOTO;JPEG;B:/9j/4A==\r\nEND:VCARD\r\n"
    )
    named = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;TYPE=VOICE;TYPE=WORK:1\r\n"
        b"PHOTO;TYPE=JPEG;ENCODING=BASE64:/9j/4A==\r\nEND:VCARD\r\n"
    )
    assert _measure(bare, named).kept == 2


def test_escapes_undone_per_version() -> None:
    v3 = b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:a\\, b\\nc\\\\d\r\nORG:A\\;B;Unit\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(v3)
    assert [p.value for p in cards[0]] == ["a, b\nc\\d", ("A;B", "Unit")]
    v21 = b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:C:\\temp\\new\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(v21)
    assert cards[0][0].value == "C:\\temp\\new"


def test_21_backslash_escapes_as_android_reads_them() -> None:
    v21 = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\\;B\\\\C\\,D\\:E\\xF\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(v21)
    assert cards[0][0].value == "A;B\\C,D:E\\xF"


def test_quote_escape_and_escaped_comma_in_data_uri() -> None:
    card = (
        b'BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:say \\"hi\\"\r\n'
        b"PHOTO:data:image/png;base64\\,/9j/4A==\r\nEND:VCARD\r\n"
    )
    cards, _ = fidelity.read_vcard_text(card)
    assert [p.value for p in cards[0]] == ['say "hi"', b"\xff\xd8\xff\xe0"]


def test_a_fold_after_a_blank_line_still_continues() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:ab\r\n\r\n cd\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(card)
    assert [p.value for p in cards[0]] == ["abcd"]


def test_trailing_empty_components_and_date_forms_are_equal() -> None:
    before = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nBDAY:1990-01-31\r\nEND:VCARD\r\n"
    after = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann\r\nBDAY;VALUE=date:19900131\r\nEND:VCARD\r\n"
    assert _measure(before, after).kept == 2


def test_list_values_compare_one_by_one() -> None:
    two = b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:a\r\nCATEGORIES:b\\,c,d\r\nEND:VCARD\r\n"
    one = b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:a,b\\,c,d\r\nEND:VCARD\r\n"
    split = b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:a,b,c,d\r\nEND:VCARD\r\n"
    assert _measure(two, one).kept == 3
    assert _measure(two, split).kept == 2


def test_cards_are_compared_card_by_card() -> None:
    a = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"
    b = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n"
    assert _measure(a + b, b + a).kept == 0
    result = _measure(a + b, a + b.replace(b"END:VCARD\r\n", b"") + b"END:VCARD\r\n")
    assert result.kept == 2
    merged = _measure(a + b, b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nFN:B\r\nEND:VCARD\r\n")
    assert (merged.kept, merged.note) == (2, "2 cards in, 1 out")


def test_unclosed_card_then_next_card_is_two_cards() -> None:
    data = b"BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(data)
    assert [[p.value for p in c] for c in cards] == [["A"], ["B"]]
    agent = b"BEGIN:VCARD\r\nFN:A\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\nEND:VCARD\r\n"
    cards, _ = fidelity.read_vcard_text(agent)
    assert [(p.path, p.value) for p in cards[0]] == [
        ("VCARD", "A"),
        ("VCARD", ""),
        ("VCARD/VCARD", "B"),
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_read(codec: str) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
    for data in (text.encode(codec), ("\ufeff" + text).encode(codec)):
        cards, version = fidelity.read_vcard_text(data)
        assert (version, [p.value for p in cards[0]]) == ("3.0", ["Zoë"])


def test_jcard_reader() -> None:
    doc = (
        b'["vcard",[["version",{},"text","4.0"],["fn",{},"text","Ann"],'
        b'["tel",{"type":["WORK","voice"],"group":"item1"},"uri","tel:+1-555"],'
        b'["n",{},"text",["Lee","Ann","","",""]]]]'
    )
    cards, version = fidelity.read_jcard(doc)
    assert version == "4.0"
    assert [(p.group, p.name, p.value) for p in cards[0]] == [
        ("", "FN", "Ann"),
        ("item1", "TEL", "+1-555"),
        ("", "N", ("Lee", "Ann")),
    ]
    assert cards[0][1].params == frozenset({("TYPE", frozenset({"work", "voice"}))})


EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
    "DTSTAMP:20260101T000000Z\r\nSUMMARY:Sync\r\nDTSTART;TZID=Europe/Berlin:20260105T100000\r\n"
    "DURATION:PT1H\r\nORGANIZER:MAILTO:Boss@Example.org\r\n"
    "ATTENDEE;CN=A:mailto:a@example.org\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_event_fields_as_instants_and_addresses() -> None:
    (event,) = fidelity.read_events(EVENT)
    assert event == {
        "UID": "e1",
        "SUMMARY": "Sync",
        "DTSTART": "2026-01-05T09:00:00+00:00",
        "DTEND": "2026-01-05T10:00:00+00:00",
        "ORGANIZER": "boss@example.org",
        "STATUS": "TENTATIVE",
        "ATTENDEE": ["a@example.org"],
    }


def test_event_comparison_counts_each_field() -> None:
    same = EVENT.replace(
        "DTSTART;TZID=Europe/Berlin:20260105T100000\r\nDURATION:PT1H",
        "DTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z",
    )
    result = fidelity.compare_events(fidelity.read_events(EVENT), fidelity.read_events(same))
    assert (result.total, result.kept) == (7, 7)
    worse = same.replace("STATUS:TENTATIVE\r\n", "").replace("mailto:a@", "mailto:b@")
    result = fidelity.compare_events(fidelity.read_events(EVENT), fidelity.read_events(worse))
    assert (result.kept, dict(result.lost)) == (5, {"STATUS (missing)": 1, "ATTENDEE (missing)": 1})
    gone = fidelity.compare_events(fidelity.read_events(EVENT), [])
    assert (gone.kept, gone.lost["UID (event missing)"]) == (0, 1)


def test_exceptions_file_lists_reasons_for_existing_paths() -> None:
    broken = fidelity.load_exceptions()
    assert broken, "the exceptions file is empty or missing"
    for name, reason in broken.items():
        assert fidelity.kind_of(name) in {"vcard", "jcard", "ical"}, name
        assert len(reason) > 20, name
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if corpus.is_dir():
        assert [n for n in broken if not (corpus / n).is_file()] == []


def test_a_date_with_a_tzid_is_a_date() -> None:
    # RFC 5545 3.3.4: VALUE=DATE is a day, which has no zone (icalendar makes it midnight).
    cal = EVENT.replace(
        "DTSTART;TZID=Europe/Berlin:20260105T100000",
        "DTSTART;TZID=Europe/Berlin;VALUE=DATE:20260105",
    ).replace("DURATION:PT1H", "DTEND;TZID=Europe/Berlin;VALUE=DATE:20260106")
    (event,) = fidelity.read_events(cal)
    assert (event["DTSTART"], event["DTEND"]) == ("date 2026-01-05", "date 2026-01-06")


def test_an_eight_digit_time_with_a_tzid_is_a_date() -> None:
    # Google: DTSTART;TZID=America/Los_Angeles:20041225 (a DATE's form, no VALUE=DATE).
    cal = EVENT.replace(
        "DTSTART;TZID=Europe/Berlin:20260105T100000", "DTSTART;TZID=Europe/Berlin:20260105"
    ).replace("DURATION:PT1H", "DURATION:PT86400S")
    (event,) = fidelity.read_events(cal)
    assert (event["DTSTART"], event["DTEND"]) == ("date 2026-01-05", "date 2026-01-06")


def test_a_quoted_address_is_the_address() -> None:
    cal = EVENT.replace("ORGANIZER:MAILTO:Boss@Example.org", 'ORGANIZER:"mailto:boss@example.org"')
    (event,) = fidelity.read_events(cal)
    assert event["ORGANIZER"] == "boss@example.org"


def test_a_time_with_spaces_is_read_without_them() -> None:
    cal = EVENT.replace("DURATION:PT1H", "DTEND: 20260105T100000Z")
    (event,) = fidelity.read_events(cal)
    assert event["DTEND"] == "2026-01-05T10:00:00+00:00"


def _zone_cal(offset: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VTIMEZONE\r\n"
        "TZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        f"TZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:z\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Custom:20260105T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_a_custom_zone_is_read_from_its_own_calendar_not_an_earlier_one() -> None:
    # icalendar caches VTIMEZONEs by TZID for the whole process; a worker reads many files.
    assert fidelity.read_events(_zone_cal("+0200"))[0]["DTSTART"] == "2026-01-05T08:00:00+00:00"
    assert fidelity.read_events(_zone_cal("+0500"))[0]["DTSTART"] == "2026-01-05T05:00:00+00:00"


def test_a_master_whose_first_occurrence_is_moved_is_measured_by_its_override() -> None:
    master = {"UID": "s", "SUMMARY": "Sync", "DTSTART": "2026-01-05T09:00:00+00:00"}
    moved = {**master, "DTSTART": "2026-01-05T11:00:00+00:00", "RID": master["DTSTART"]}
    result = fidelity.compare_events([master, moved], [{**moved, "RID": None}])
    assert (result.total, result.kept) == (3, 3)
    day = {**master, "DTSTART": "date 2026-01-05"}  # Google: an all-day RID at 00:00 UTC
    result = fidelity.compare_events(
        [day, {**day, "RID": "2026-01-05T00:00:00+00:00"}], [{**day, "SUMMARY": "Moved"}]
    )
    assert (result.total, result.kept) == (3, 2)
    other = {**moved, "RID": "2026-01-12T09:00:00+00:00"}  # a later one: the master counts
    result = fidelity.compare_events([master, other], [master, other])
    assert (result.total, result.kept) == (6, 6)


def test_empty_uid_and_summary_are_not_fields() -> None:
    cal = EVENT.replace("UID:e1", "UID:").replace("SUMMARY:Sync", "SUMMARY:")
    (event,) = fidelity.read_events(cal)
    assert "UID" not in event
    assert "SUMMARY" not in event


ROWS = [
    {"file": "vcard/a.vcf", "kind": "vcard", "version": "3.0", "total": 4, "kept": 4},
    {
        "file": "vcard/b.vcf",
        "kind": "vcard",
        "version": "2.1",
        "total": 4,
        "kept": 1,
        "lost": {"item1.ADR (group)": 2, "NOTE (missing)": 1},
        "note": "",
    },
    {"file": "ical/c.ics", "kind": "ical", "version": "2.0", "total": 10, "kept": 0},
    {"file": "ical/d.ics", "kind": "ical", "error": "icalendar cannot read the input: X"},
]


def test_summary_leaves_listed_files_out_of_the_goal() -> None:
    broken = {"ical/c.ics": "a parser test of a malformed DTSTART"}
    s = fidelity.summarise(ROWS, broken)
    assert (s["vcard"]["total"], s["vcard"]["kept"], s["vcard"]["perfect"]) == (8, 5, 1)
    assert (s["ical"]["files"], s["ical"]["measured"], s["ical"]["broken"]) == (2, 1, 1)
    assert (s["ical"]["total"], s["all"]["all_total"], s["all"]["all_kept"]) == (0, 18, 5)


def test_page_names_lost_properties_exceptions_and_unmeasured_files() -> None:
    broken = {"ical/c.ics": "a parser test of a malformed DTSTART"}
    page = fidelity.render(ROWS, 1.0, broken, before=None, levels=False)
    below = page.split("## Files below 100 %")[1].split("## Files listed")[0]
    assert "`vcard/b.vcf` | 2.1 | 4 | 1 | 25.0 % | item1.ADR (group) x2, NOTE (missing) |" in below
    assert "vcard/a.vcf" not in below
    assert "ical/c.ics" not in below
    assert "| `ical/c.ics` | 0.0 % | a parser test of a malformed DTSTART |" in page
    assert "- `ical/d.ics`: icalendar cannot read the input: X" in page


def test_baseline_round_trip_gives_before_columns(tmp_path: Path) -> None:
    path = tmp_path / "before.json"
    fidelity.save_baseline(ROWS, path)
    before = fidelity.load_baseline(path)
    assert [(r["file"], r["total"], r["kept"]) for r in before] == [
        ("vcard/a.vcf", 4, 4),
        ("vcard/b.vcf", 4, 1),
        ("ical/c.ics", 10, 0),
    ]
    after = [dict(r, kept=r["total"]) if "total" in r else r for r in ROWS]
    page = fidelity.render(after, 1.0, {}, before=before, levels=False)
    assert "| vCard text | 2 | 2 | 0 | 8 | 8 | 100.0 % | 2 of 2 | 62.5 % | 1 of 2 |" in page


def test_list_items_and_value_url_spelling() -> None:
    before = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:a, b\r\n"
        b"PHOTO;VALUE=URL:http://e.org/p.gif\r\nEND:VCARD\r\n"
    )
    after = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:a,b\r\n"
        b"PHOTO;VALUE=uri:http://e.org/p.gif\r\nEND:VCARD\r\n"
    )
    assert _measure(before, after).kept == 3


def test_label_parameter_line_breaks_as_rfc_6350_writes_them_equal_rfc_6868() -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n"
        b'ADR;TYPE=work;LABEL="1 Main St\\nTown":;;1 Main St;Town;;;\r\nEND:VCARD\r\n'
    )
    result = _measure(card, card.replace(b"St\\nTown", b"St^nTown"))
    assert (result.total, result.kept) == (2, 2)
    assert _measure(card, card.replace(b"St\\nTown", b"St Town")).kept == 1


def test_card_versions_are_read_per_top_level_card() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:C\r\nEND:VCARD\r\n"
    )
    assert fidelity.card_versions(data) == ["2.1", "?", "4.0"]


def test_a_line_break_at_the_end_of_an_address_is_no_part_of_it() -> None:
    card = CARD.replace(b"EMAIL:ann@example.org", b"EMAIL:ann@example.org\\n")
    assert _measure(card, CARD).kept == 4
    assert _measure(CARD.replace(b"FN:Ann Lee", b"FN:Ann Lee\\n"), CARD).kept == 3  # text: kept


def test_an_empty_parameter_names_nothing() -> None:
    assert _measure(CARD.replace(b"EMAIL:", b"EMAIL;:"), CARD).kept == 4


def test_a_jcard_value_typed_as_a_date_is_compared_in_one_form() -> None:
    def card(value: str) -> bytes:
        return (
            '["vcard", [["version", {}, "text", "4.0"], '
            f'["x-abdate", {{"group": "item1"}}, "date-and-or-time", "{value}"]]]'
        ).encode()

    inp, _ = fidelity.read_jcard(card("20190220T000035"))
    out, _ = fidelity.read_jcard(card("2019-02-20T00:00:35"))
    assert fidelity.compare(inp, out).kept == 1
    other, _ = fidelity.read_jcard(card("2019-02-21T00:00:35"))
    assert fidelity.compare(inp, other).kept == 0
