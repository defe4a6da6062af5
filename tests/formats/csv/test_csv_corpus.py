"""Every contact CSV of the corpus (part 3): its layout, its contacts, where fields land.

The expected number of contacts is computed here with the standard library's ``csv``
module from my own reading of each file (its encoding, separator, header and which of
its columns hold a name, an organisation or an e-mail address): a data row counts when
one of those cells is not empty. netcore's parser computes none of the expectations.
"""

from __future__ import annotations

import csv as stdcsv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from netcore.errors import ParseError
from netcore.formats import csv
from netcore.model import Contact, Name, Organization

TB_EN = (
    "First Name",
    "Last Name",
    "Display Name",
    "Primary Email",
    "Secondary Email",
    "Organization",
)
TB_DE = (
    "Vorname",
    "Nachname",
    "Anzeigename",
    "Primäre E-Mail-Adresse",
    "Sekundäre E-Mail-Adresse",
    "Organisation",
)
OUTLOOK = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Company",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
)
GOOGLE_OLD = (
    "Name",
    "Given Name",
    "Family Name",
    *(f"E-mail {i} - Value" for i in range(1, 7)),
    "Organization 1 - Name",
)
LINKEDIN = ("First Name", "Last Name", "Email Address", "Company")


@dataclass(frozen=True)
class Expect:
    """My reading of one corpus file."""

    encoding: str
    separator: str  # "mixed": tab where a line has one, else comma
    skip: int  # physical lines before the header (or the first data row)
    header: bool
    person: tuple[str | int, ...]  # columns (names, or 0-based positions) naming a person
    product: str


FILES: dict[str, Expect] = {
    "folkerkinzel-contacts-io/Google.csv": Expect("utf-8", ",", 0, True, GOOGLE_OLD, "google"),
    "folkerkinzel-contacts-io/GoogleCreatedOutlook.csv": Expect(
        "utf-8", ",", 0, True, OUTLOOK, "outlook"
    ),
    "folkerkinzel-contacts-io/Outlook365.csv": Expect("cp1252", ",", 0, True, OUTLOOK, "outlook"),
    "folkerkinzel-contacts-io/ThunderbirdAnsi.csv": Expect(
        "cp1252", ",", 0, True, TB_DE, "thunderbird (German)"
    ),
    "folkerkinzel-contacts-io/ThunderbirdUtf8.csv": Expect(
        "utf-8", ",", 0, True, TB_DE, "thunderbird (German)"
    ),
    "folkerkinzel-contacts-io/ThunderbirdUtf8EnglishColumnsInvalidBDay.csv": Expect(
        "utf-8-sig", ",", 0, True, TB_EN, "thunderbird"
    ),
    "folkerkinzel-contacts-io/WindowsLiveMail.csv": Expect(
        "utf-8-sig",
        ";",
        0,
        True,
        ("Vorname", "Nachname", "Name", "E-Mail-Adresse", "Firma"),
        "windows live mail (German)",
    ),
    # two columns named First and Second holding the same umlaut test string: no contact
    "folkerkinzel-csvtools/Ansi.csv": Expect("cp1252", ";", 0, True, (), ""),
    "folkerkinzel-csvtools/Google9.csv": Expect(
        "utf-8", ",", 0, True, (*GOOGLE_OLD[:6], GOOGLE_OLD[-1]), "google"
    ),
    "folkerkinzel-csvtools/GoogleCreatedOutlook.csv": Expect(
        "utf-8", ",", 0, True, OUTLOOK, "outlook"
    ),
    "kawsay/Connections.csv": Expect("utf-8-sig", ",", 3, True, LINKEDIN, "linkedin"),
    "network-jobs/Connections.csv": Expect("utf-8", ",", 3, True, LINKEDIN, "linkedin"),
    "rolomind/google.csv": Expect(
        "utf-8",
        ",",
        0,
        True,
        ("First Name", "Last Name", "E-mail 1 - Value", "Organization Name"),
        "google",
    ),
    "rolomind/linkedin.csv": Expect("utf-8", ",", 0, True, LINKEDIN, "linkedin"),
    "roundcube/all.csv": Expect(
        "utf-8-sig",
        ",",
        0,
        True,
        ("Display Name", "First Name", "Last Name", "Company", "Email Home", "Email Work"),
        "outlook",
    ),
    "roundcube/email.csv": Expect("utf-8", ",", 0, True, ("Primary Email",), "generic"),
    "roundcube/gmail.csv": Expect("utf-8", ",", 0, True, GOOGLE_OLD[:7], "google"),
    "roundcube/outlook.csv": Expect("utf-8", ",", 0, True, OUTLOOK[4:], "outlook"),
    "roundcube/tb_plain.csv": Expect("utf-8", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/basic_addressbook.csv": Expect("utf-8", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/basic_csv_addressbook.csv": Expect("utf-8", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/browser-import.csv": Expect("utf-8", ",", 0, True, ("Name", "Email"), "generic"),
    "thunderbird/csv_no_header.csv": Expect("utf-8", ",", 0, False, (0, 1, 2, 3), "no header"),
    "thunderbird/csv_semicolon.csv": Expect("utf-8", ";", 0, True, TB_EN[:4], "thunderbird"),
    "thunderbird/export-tab.txt": Expect("utf-8", "\t", 0, True, TB_EN, "thunderbird"),
    "thunderbird/export.csv": Expect("utf-8", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/quote.csv": Expect("utf-8", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/shiftjis_addressbook.csv": Expect("shift_jis", ",", 0, True, TB_EN, "thunderbird"),
    "thunderbird/tab_comma_mixed.csv": Expect(
        "utf-8", "mixed", 0, False, (0, 1, 2, 4), "no header"
    ),
    "thunderbird/utf16_addressbook.csv": Expect("utf-16", ",", 0, True, TB_EN, "thunderbird"),
    "tine20/adb_google_import.csv": Expect(
        "utf-8",
        ",",
        0,
        True,
        ("Given Name", "Family Name", "E-mail 1 - Value", "E-mail 2 - Value", "Company"),
        "google",
    ),
    "tine20/adb_mac_import.csv": Expect(
        "utf-8",
        "\t",
        0,
        True,
        ("Vorname", "Nachname", "Firma", "Arbeit E-Mail", "Privat E-Mail", "Andere E-Mail"),
        "apple (German)",
    ),
    "tine20/adb_outlook2007_default_de.csv": Expect(
        "utf-8",
        ",",
        0,
        True,
        ("Vorname", "Nachname", "Firma", "E-Mail-Adresse", "E-Mail 2: Adresse"),
        "outlook (German)",
    ),
    "tine20/adb_tine_import.csv": Expect(
        "utf-8", ",", 0, True, ("n_given", "n_family", "n_fn", "org_name", "email"), "tine 2.0"
    ),
    "tine20/importtest_win1252.csv": Expect(
        "cp1252", ";", 0, True, ("First Name", "Last Name", "E-Mail"), "generic"
    ),
}


def _my_rows(path: Path, e: Expect) -> tuple[list[str], list[list[str]]]:
    text = path.read_bytes().decode(e.encoding)
    lines = io.StringIO(text, newline="")
    for _ in range(e.skip):
        lines.readline()
    if e.separator == "mixed":
        rows = [
            next(stdcsv.reader([line], delimiter="\t" if "\t" in line else ","))
            for line in lines.read().splitlines()
            if line
        ]
    else:
        rows = list(stdcsv.reader(lines, delimiter=e.separator))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not e.header:
        return [], rows
    return rows[0], rows[1:]


def expected_contacts(path: Path, e: Expect) -> int:
    """Data rows holding a person's name, an organisation or an e-mail address."""
    header, rows = _my_rows(path, e)
    wanted = [c if isinstance(c, int) else header.index(c) for c in e.person]
    return sum(1 for r in rows if any(i < len(r) and r[i].strip() for i in wanted))


def test_the_table_covers_every_corpus_csv_file(corpus_dir: Path) -> None:
    found = {str(p.relative_to(corpus_dir / "csv")) for p in (corpus_dir / "csv").rglob("*")}
    assert {f for f in found if (corpus_dir / "csv" / f).is_file()} == set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_corpus_file_gives_its_contacts_or_a_clear_error(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / "csv" / name
    e = FILES[name]
    want = expected_contacts(path, e)
    if want == 0:
        with pytest.raises(ParseError, match="columns seen") as info:
            csv.load(path)
        assert "--columns" in str(info.value)
        return
    contacts = csv.load(path)
    assert len(contacts) == want
    assert all(c.formatted_name or c.emails or c.organizations for c in contacts)


@pytest.mark.parametrize("name", sorted(FILES))
def test_corpus_file_layout_is_detected(corpus_dir: Path, name: str) -> None:
    e = FILES[name]
    layout = csv.sniff((corpus_dir / "csv" / name).read_bytes())
    if not e.product:
        assert layout is None
        return
    assert layout is not None
    assert layout.product == e.product
    if e.separator != "mixed":
        assert layout.separator == e.separator
    assert (layout.header_line is not None) == e.header


def _load(corpus_dir: Path, name: str) -> list[Contact]:
    return list(csv.load(corpus_dir / "csv" / name))


# ---- where the fields land, per layout (values read off each file by eye) ------------------


def test_thunderbird_german(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "folkerkinzel-contacts-io/ThunderbirdUtf8.csv")
    assert c.name == Name(given="Max", family="Mustermann")
    assert c.formatted_name == "Dr. Max Middle Name Mustermann jr."
    assert c.nicknames == ("Maxl",)
    assert [e.address for e in c.emails] == ["privat@folker-kinzel.de", "business@folker-kinzel.de"]
    home, work = c.addresses
    assert (home.street, home.locality, home.postal_code, home.types) == (
        "Privatstr. 88\n2. Zeile",
        "Wohnort",
        "06779",
        ("home",),
    )
    assert (work.street, work.types) == ("Straße Work\nStr. Work 2. Zeile", ("work",))
    assert c.organizations == (Organization(name="Firma", units=("Department",), title="Position"),)
    assert c.birthday == date(1972, 1, 31)  # Geburtsjahr, Geburtsmonat, Geburtstag (the day)
    assert c.note == "Kommentar für Maxl"
    assert [(p.number, p.types) for p in c.phones][-1] == ("Handy", ("cell",))


def test_thunderbird_impossible_birthday_is_kept_with_an_error(corpus_dir: Path) -> None:
    parsed = csv.load(
        corpus_dir / "csv/folkerkinzel-contacts-io/ThunderbirdUtf8EnglishColumnsInvalidBDay.csv"
    )
    (c,) = parsed
    assert c.birthday is None
    assert [i.line for i in parsed.errors] == [2]
    assert {e.value for e in c.extensions} >= {"1977", "2", "31"}


def test_windows_live_mail_german(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "folkerkinzel-contacts-io/WindowsLiveMail.csv")
    assert c.name == Name(given="Max", family="Mustermann", additional=("Middle Name",))
    assert [e.address for e in c.emails] == ["privat@folker-kinzel.de"]
    home, work = c.addresses
    assert (home.street, home.locality, home.types) == ("Straße 42", "Ort", ("home",))
    assert (work.street, work.locality, work.postal_code, work.types) == (
        "Eisenbahnstraße",
        "Leipzig",
        "04315",
        ("work",),
    )
    assert c.note == "Kommentar Äöü"
    assert [(u.value, u.types) for u in c.urls] == [
        ("http://www.privat.de", ("home",)),
        ("web@work.de", ("work",)),
    ]
    assert [e.value for e in c.extensions] == ["Büro"]  # the one column not understood


def test_outlook_german_with_lost_umlauts(corpus_dir: Path) -> None:
    first, second = _load(corpus_dir, "tine20/adb_outlook2007_default_de.csv")
    assert first.organizations == (Organization(name="The Firm"),)
    assert second.name == Name(given="Vorname", family="Nachname")
    assert [e.address for e in second.emails] == ["email@example.org"]
    assert second.organizations == (Organization(name="Firma", title="Pressestelle"),)
    # "Telefon gesch\ufffdftlich" is matched although its umlaut was lost
    assert ("tel_work", ("work",)) in [(p.number, p.types) for p in second.phones]
    assert second.birthday is None  # 0.0.00
    assert second.anniversary is None


def test_outlook_english(corpus_dir: Path) -> None:
    anita = _load(corpus_dir, "folkerkinzel-contacts-io/Outlook365.csv")[0]
    assert anita.name == Name(given="Anita", family="Jorgensen")
    assert anita.birthday == date(1981, 1, 20)
    assert anita.anniversary == date(2005, 6, 3)
    assert [e.address for e in anita.emails] == ["Anita@contoso.com"]
    assert [u.value for u in anita.urls] == ["http://www.microsoft.com/"]


def test_google_created_outlook_reads_day_first_dates(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "folkerkinzel-csvtools/GoogleCreatedOutlook.csv")
    assert c.birthday == date(1972, 1, 31)  # written 31.1.1972
    assert c.name is not None
    assert c.name.prefixes == ("Dr.",)


def test_apple_german_tab_separated(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "tine20/adb_mac_import.csv")
    assert c.name == Name(given="Max", family="Mustermann")
    assert [(e.address, e.types) for e in c.emails] == [("max@muster.de", ("work",))]
    (work,) = c.addresses
    assert (work.street, work.locality, work.postal_code, work.country, work.types) == (
        "Musterstraße 1",
        "Hamburg",
        "22767",
        "DE",
        ("work",),
    )
    assert c.birthday == date(1999, 1, 1)  # 01.01.99


def test_tine_snake_case_columns(corpus_dir: Path) -> None:
    klaus, fritz = _load(corpus_dir, "tine20/adb_tine_import.csv")
    assert klaus.name == Name(given="Klaus", family="Müller")
    assert klaus.organizations == (Organization(name="Hotel Adlon"),)
    assert [(p.number, p.types) for p in klaus.phones] == [("030239923", ("work",))]
    assert fritz.addresses[0].street == "Jungfernstieg 20"


def test_no_header_finds_the_email_column_by_content(corpus_dir: Path) -> None:
    john, jane = _load(corpus_dir, "thunderbird/csv_no_header.csv")
    assert (john.formatted_name, [e.address for e in john.emails]) == (
        "John Doe",
        ["john@doe.invalid"],
    )
    assert jane.emails[0].address == "jane@doe.invalid"


def test_mixed_separators_read_each_row(corpus_dir: Path) -> None:
    contacts = _load(corpus_dir, "thunderbird/tab_comma_mixed.csv")
    assert [c.emails[0].address for c in contacts] == [f"{i}@host.invalid" for i in range(1, 5)]


def test_name_email_and_email_only_files(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "thunderbird/browser-import.csv")
    assert (c.formatted_name, c.emails[0].address) == ("contact number one", "contact1@invalid")
    emails = [c.emails[0].address for c in _load(corpus_dir, "roundcube/email.csv")]
    assert emails == [f"test{i}@domain.tld" for i in range(1, 5)]
    (three,) = _load(corpus_dir, "roundcube/outlook.csv")
    assert [e.address for e in three.emails] == [f"test{i}@domain.tld" for i in range(1, 4)]


def test_thunderbird_quoting_and_custom_columns(corpus_dir: Path) -> None:
    parsed = csv.load(corpus_dir / "csv/thunderbird/export.csv")
    two = parsed[1]
    assert two.organizations == (Organization(title='"worker"'),)
    # An extension holds its written text: a line break (CR or LF) is the "\n" escape, the
    # model's one newline rule; the CSV writer writes it back as a line break (LF).
    assert [e.value for e in two.extensions] == [
        "custom, 1",
        "custom\t2",
        "custom\\n3",
        "custom\\n4",
    ]
    assert any("'Custom 1', 'Custom 2', 'Custom 3', 'Custom 4'" in i.message for i in parsed.issues)


def test_utf16_and_semicolon_thunderbird(corpus_dir: Path) -> None:
    (c,) = _load(corpus_dir, "thunderbird/utf16_addressbook.csv")
    assert (c.formatted_name, c.emails[0].address) == ("John Doe", "johndoe@host.invalid")
    john, _ = _load(corpus_dir, "thunderbird/csv_semicolon.csv")
    assert john.name == Name(given="John", family="Doe")
    assert john.emails[0].address == "john@doe.invalid"


def test_windows_1252_semicolons(corpus_dir: Path) -> None:
    contacts = _load(corpus_dir, "tine20/importtest_win1252.csv")
    assert contacts[2].name == Name(given="ÖzdemirÖ", family="Üglü")


def test_ansi_test_file_without_contact_columns_is_a_clear_error(corpus_dir: Path) -> None:
    with pytest.raises(ParseError, match="columns seen: 'First', 'Second'"):
        csv.load(corpus_dir / "csv/folkerkinzel-csvtools/Ansi.csv")
    (c,) = csv.load(corpus_dir / "csv/folkerkinzel-csvtools/Ansi.csv", columns={"First": "given"})
    assert c.name == Name(given="ÄÖÜäöüß€µ")


def test_unknown_column_names_above_email_addresses_are_a_header() -> None:
    text = "Kontakt,Adresse\nAda Lovelace,ada@example.org\nGrace Hopper,grace@example.org\n"
    layout = csv.sniff(text)
    assert layout is not None
    assert (layout.header_line, layout.fields) == (1, {"Adresse": "email"})
    parsed = csv.loads(text)
    assert [c.emails[0].address for c in parsed] == ["ada@example.org", "grace@example.org"]
    assert [e.value for e in parsed[0].extensions] == ["Ada Lovelace"]  # kept, and reported
    assert any("'Kontakt'" in i.message for i in parsed.issues)


def test_a_first_person_without_an_address_is_not_taken_for_a_header() -> None:
    contacts = csv.loads("Ada Lovelace,\nGrace Hopper,grace@example.org\n")
    assert [c.formatted_name for c in contacts] == ["Ada Lovelace", "Grace Hopper"]


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        # a quoted cell full of other separators does not outvote the header
        ('Name,Notes,E-mail\nAda,"a;b;c;d;e\tf\tg",ada@example.org\n', ","),
        # quoted line breaks that a wrong separator would cut into extra records
        ('First Name,Notes\nAda,"x;\n0"\nGrace,"y;\n1"\n', ","),
        ("Notes:\n\nVorname;Nachname;E-Mail\nAda;L;a@example.org\n", ";"),
        ("First Name\tNotes\nAda\ta, b; c\n", "\t"),
    ],
)
def test_separator_follows_the_header_not_the_cells(text: str, separator: str) -> None:
    layout = csv.sniff(text)
    assert layout is not None
    assert layout.separator == separator
