"""CSV reading: runaway quotes, UTF-16 without BOM, the column map's checks (RT-codecs)."""

from __future__ import annotations

import pytest

from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats import csv
from netcore.formats.issues import Severity


def _people(parsed: list) -> list[tuple[str | None, list[str]]]:
    return [(c.formatted_name, [e.address for e in c.emails]) for c in parsed]


def test_stray_quote_rows_are_read_again_with_a_warning_naming_the_line() -> None:
    text = 'Name,E-mail\nAda,a@x.example\n"Bob,b@x.example\nCy,c@x.example\nDee,d@x.example\n'
    parsed = csv.loads(text)
    assert _people(parsed) == [
        ("Ada", ["a@x.example"]),
        ("Bob", ["b@x.example"]),
        ("Cy", ["c@x.example"]),
        ("Dee", ["d@x.example"]),
    ]
    (issue,) = parsed.issues
    assert issue.severity is Severity.WARNING
    assert issue.line == 3
    assert "line 3" in issue.message
    assert "never closed" in issue.message


def test_two_stray_quotes_that_pair_up_are_reported_with_their_lines() -> None:
    text = 'Name,E-mail\n"Ada,a@x.example\nBob,b@x.example\n"Cy,c@x.example\nDee,d@x.example\n'
    parsed = csv.loads(text)
    assert ("Dee", ["d@x.example"]) in _people(parsed)
    (issue,) = parsed.issues
    assert issue.severity is Severity.WARNING
    assert issue.line == 2
    assert "lines 2-4" in issue.message


def test_closed_multiline_cell_with_a_literal_quote_is_not_a_runaway() -> None:
    parsed = csv.loads('Name,Note\nAda 5" disk,"one\ntwo"\n')
    assert [(c.formatted_name, c.note) for c in parsed] == [('Ada 5" disk', "one\ntwo")]
    assert parsed.issues == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_with_an_odd_last_byte_warns(codec: str) -> None:
    parsed = csv.loads("Name,E-mail\nZo\u00eb,z@x.example\n".encode(codec) + b"!")
    assert _people(parsed) == [("Zo\u00eb", ["z@x.example"])]
    assert any("odd number of bytes" in i.message for i in parsed.issues)


def test_column_map_naming_a_missing_column_warns_on_the_header_line() -> None:
    parsed = csv.loads(
        "x\nName,E-mail\nAda,a@x.example\n", columns={"Nope": "email", "Name": "display"}
    )
    (issue,) = [i for i in parsed.issues if "Nope" in i.message]
    assert issue.severity is Severity.WARNING
    assert issue.line == 2
    assert "'E-mail'" in issue.message


def test_column_map_position_past_the_last_column_warns() -> None:
    parsed = csv.loads("Name,E-mail\nAda,a@x.example\n", columns={"Column 3": "note"})
    assert any("'Column 3'" in i.message for i in parsed.issues)


def test_column_map_pref_on_a_phone_marks_it_preferred_and_keeps_other_types() -> None:
    parsed = csv.loads("Name,Tel\nAda,+44 20 7946 0958\n", columns={"Tel": "phone:cell,pref"})
    (phone,) = parsed[0].phones
    assert phone.preferred
    assert phone.types == ("cell",)


def test_sniff_shows_pref_in_the_column_map() -> None:
    layout = csv.sniff("Name,Tel\nAda,+44 20 7946 0958\n", columns={"Tel": "phone:pref"})
    assert layout is not None
    assert layout.fields["Tel"] == "phone:pref"


def test_column_map_with_a_non_text_entry_is_a_typed_error() -> None:
    with pytest.raises(UnsupportedFormatError, match="both text"):
        csv.loads("Name\nAda\n", columns={"Name": 3})  # type: ignore[dict-item]


def test_header_only_file_error_says_so() -> None:
    with pytest.raises(ParseError, match="header but no rows"):
        csv.loads("First Name,Last Name,E-mail Address\n")


def test_empty_input_is_not_an_error() -> None:
    assert list(csv.loads("")) == []


def test_oversized_cell_error_names_the_limit_and_the_line() -> None:
    with pytest.raises(ParseError, match=r"field larger than field limit \(131072\) \(line 2\)"):
        csv.loads('Name,E-mail\n"' + "x" * 200_000 + '",a@x.example\n')


def test_formula_guard_after_word_joiner_and_ideographic_space_round_trips() -> None:
    from netcore._text import safe_cell, unguard

    for value in ("\u2060=1+1", "\u3000\u00a0@SUM(A1)", "\u200b+1"):
        assert safe_cell(value) == "'" + value
        assert unguard(safe_cell(value)) == value
    assert safe_cell("\u00a0Ada") == "\u00a0Ada"


def test_a_run_of_empty_cells_without_a_header_costs_little_memory() -> None:
    # Found by tools/fuzz.py: an address, 16,830 tabs and more addresses (17 KB) peaked
    # at 6.8 MB (406x): every empty column got a name, a key and a cell of its own.
    from _watchdog import peak_bytes

    data = b"ann@x.org" + b"\t" * 16_830 + b"Ann Lee\nbo@x.org\ncy@x.org\n"
    csv.loads(b"Email\r\na@b.c\r\n")  # imports and caches outside the measurement
    result, peak = peak_bytes(lambda: csv.loads(data))
    assert not isinstance(result, BaseException)
    assert [(c.formatted_name, c.emails[0].address) for c in result] == [
        ("Ann Lee", "ann@x.org"),
        ("", "bo@x.org"),
        ("", "cy@x.org"),
    ]
    assert peak < 50 * len(data)


def test_rows_of_thousands_of_short_cells_are_refused_at_little_memory_cost() -> None:
    # Found with the fuzzer's shapes: two rows of 16,000 one-letter cells (64 KB) needed
    # 55x their size to be refused: a set of every filled position, and the key of every
    # "Column N" name kept at once while the fields were resolved.
    from _watchdog import peak_bytes

    row = b",".join([b"a"] * 16_000)
    data = row + b"\r\n" + row + b"\r\n"
    peak_bytes(lambda: csv.loads(b"a,a,a\r\na,a,a\r\n"))  # imports and caches
    result, peak = peak_bytes(lambda: csv.loads(data))
    assert isinstance(result, ParseError)
    assert "no contact could be read" in str(result)
    assert peak < 50 * len(data)
