from __future__ import annotations

import io
import string
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError, UnsupportedFormatError
from netcore.formats import csv
from netcore.formats.issues import Severity
from netcore.model import (
    Address,
    Contact,
    Direction,
    Email,
    Extension,
    InteractionKind,
    Name,
    Network,
    Organization,
    PartialDate,
    Phone,
    Photo,
    Related,
    Url,
)

# ---- fixtures: files as the products write them -------------------------------------------

LINKEDIN = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Grace,Hopper,https://www.linkedin.com/in/gracehopper,grace@navy.example,US Navy,"
    '"Rear Admiral, Computing",15 Mar 2021\r\n'
    'José,Müller,https://www.linkedin.com/in/jose-muller-1a2b3c,,"Acme, Inc.",Engineer,'
    "02 Jan 2024\r\n"
)

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value\r\n"
)
GOOGLE = GOOGLE_HEADER + (
    "Ada,King,Lovelace,,,,Countess,,Addie,,Analytical Engines,Programmer,R&D,1815-12-10,"
    '"Wrote the first program.\nSecond line.",,* myContacts ::: Friends,'
    "* Work,ada@engines.example,Home,ada@home.example ::: lovelace@home.example,"
    "Mobile,+44 20 7946 0958,Work Fax,+44 20 7946 0000,"
    "Home,\"12 St James's Square\nLondon SW1Y 4JH\",12 St James's Square,London,,,"
    "SW1Y 4JH,United Kingdom,,Blog,https://ada.example/blog,Pet,Cat\r\n"
)

GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,"
    "Website 1 - Value\n"
    "Alan M. Turing,Alan,Mathison,Turing,,,,,,,,,,,--06-23,male,,,,,,Running,,,,,,,"
    "* My Contacts ::: Work,* Home ::: Work,alan@home.example ::: alan@work.example,"
    "Mobile,+44 161 496 0000,,University of Manchester,,Reader,Mathematics,,,,"
    "Home Page,https://turing.example\n"
)

OUTLOOK_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business Street 2","Business Street 3","Business City",'
    '"Business State","Business Postal Code","Business Country/Region","Home Street",'
    '"Home Street 2","Home Street 3","Home City","Home State","Home Postal Code",'
    '"Home Country/Region","Other Street","Other Street 2","Other Street 3","Other City",'
    '"Other State","Other Postal Code","Other Country/Region","Assistant\'s Phone",'
    '"Business Fax","Business Phone","Business Phone 2","Callback","Car Phone",'
    '"Company Main Phone","Home Fax","Home Phone","Home Phone 2","ISDN","Mobile Phone",'
    '"Other Fax","Other Phone","Pager","Primary Phone","Radio Phone","TTY/TDD Phone","Telex",'
    '"Account","Anniversary","Assistant\'s Name","Billing Information","Birthday",'
    '"Business Address PO Box","Categories","Children","Directory Server","E-mail Address",'
    '"E-mail Type","E-mail Display Name","E-mail 2 Address","E-mail 2 Type",'
    '"E-mail 2 Display Name","E-mail 3 Address","E-mail 3 Type","E-mail 3 Display Name",'
    '"Gender","Government ID Number","Hobby","Home Address PO Box","Initials",'
    '"Internet Free Busy","Keywords","Language","Location","Manager\'s Name","Mileage",'
    '"Notes","Office Location","Organizational ID Number","Other Address PO Box","Priority",'
    '"Private","Profession","Referred By","Sensitivity","Spouse","User 1","User 2","User 3",'
    '"User 4","Web Page"\r\n'
)
_OUTLOOK_ROW = {
    "Title": "Dr.",
    "First Name": "Katherine",
    "Last Name": "Johnson",
    "Company": "NASA",
    "Department": "Flight Research",
    "Job Title": "Mathematician",
    "Business Street": "1 NASA Drive",
    "Business Street 2": "Building 1244",
    "Business City": "Hampton",
    "Business State": "VA",
    "Business Postal Code": "23681",
    "Business Country/Region": "United States of America",
    "Business Phone": "+1 757 555 0100",
    "Mobile Phone": "+1 757 555 0199",
    "Home Fax": "+1 757 555 0111",
    "Birthday": "8/26/1918",
    "Anniversary": "0/0/00",
    "Categories": "Work;Heroes",
    "E-mail Address": "kj@nasa.example",
    "E-mail Type": "SMTP",
    "E-mail Display Name": "Katherine Johnson (kj@nasa.example)",
    "Gender": "Female",
    "Initials": "K.J.",
    "Notes": "Computed trajectories.",
    "Priority": "Normal",
    "Private": "False",
    "Sensitivity": "Normal",
    "Spouse": "James",
    "Web Page": "https://nasa.example/kj",
}


def _outlook_row(values: dict[str, str]) -> str:
    columns = [c.strip('"') for c in OUTLOOK_HEADER.strip().split('","')]
    cells = [values.get(c, "") for c in columns]
    assert set(values) <= set(columns)
    return ",".join(f'"{c}"' if c else "" for c in cells) + "\r\n"


OUTLOOK = OUTLOOK_HEADER + _outlook_row(_OUTLOOK_ROW)


def _ext(contact: Contact, name: str) -> Extension:
    found = [e for e in contact.extensions if e.name == name]
    assert len(found) == 1, (name, contact.extensions)
    return found[0]


# ---- LinkedIn -----------------------------------------------------------------------------


def test_linkedin_with_preamble_is_sniffed_and_mapped() -> None:
    parsed = csv.loads(LINKEDIN, source="Connections.csv")
    assert len(parsed) == 2
    grace, jose = parsed
    assert grace.name == Name(given="Grace", family="Hopper")
    assert grace.formatted_name == "Grace Hopper"
    assert [e.address for e in grace.emails] == ["grace@navy.example"]
    assert grace.organizations == (Organization(name="US Navy", title="Rear Admiral, Computing"),)
    assert grace.social_profiles[0].value == "https://www.linkedin.com/in/gracehopper"
    assert grace.social_profiles[0].service == "linkedin"
    assert _ext(grace, csv.CONNECTED_ON).value == "2021-03-15"
    assert jose.formatted_name == "José Müller"
    assert jose.emails == ()
    assert jose.organizations[0].name == "Acme, Inc."
    assert grace.source == "Connections.csv"
    assert [i.severity for i in parsed.issues] == [Severity.INFO]  # the preamble, nothing else
    assert parsed.issues[0].source == "Connections.csv"


def test_linkedin_connected_on_becomes_a_deterministic_social_interaction() -> None:
    first = csv.loads(LINKEDIN)
    again = csv.loads(LINKEDIN.encode("utf-8"))
    assert [c.uid for c in first] == [c.uid for c in again]
    inters = csv.connection_interactions(first)
    assert [i.id for i in inters] == [i.id for i in csv.connection_interactions(again)]
    assert len({i.id for i in inters}) == 2
    hopper = inters[0]
    assert hopper.at == datetime(2021, 3, 15, tzinfo=UTC)
    assert hopper.kind is InteractionKind.SOCIAL
    assert hopper.direction is Direction.MUTUAL
    assert hopper.contact_uids == (first[0].uid,)
    via_text = csv.linkedin_interactions(LINKEDIN)
    assert [i.id for i in via_text] == [i.id for i in inters]
    net = Network()
    net.add_contacts(first)
    assert net.log_many(inters) == 2


def test_linkedin_uid_comes_from_the_profile_url_not_the_row() -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    a = csv.loads(header + "Ada,L,https://www.linkedin.com/in/ada,,Old Co,,1 Jan 2020\n")
    b = csv.loads(header + "Ada,Lovelace,https://www.linkedin.com/in/ada/,,New Co,,1 Jan 2020\n")
    c = csv.loads(header + "Ada,L,https://www.linkedin.com/in/other,,Old Co,,1 Jan 2020\n")
    assert a[0].uid == b[0].uid != c[0].uid


def test_linkedin_bad_connected_on_is_kept_and_reported() -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    parsed = csv.loads(header + "Ada,L,,,,,sometime in May\n")
    assert csv.connection_interactions(parsed) == []
    assert _ext(parsed[0], "X-CSV-CONNECTED-ON").value == "sometime in May"
    (issue,) = parsed.errors
    assert (issue.line, issue.property) == (2, "Connected On")


# ---- Google -------------------------------------------------------------------------------


def test_google_current_export() -> None:
    parsed = csv.loads(GOOGLE)
    assert [(i.severity, i.line, i.message.split(";")[0]) for i in parsed.issues] == [
        (
            Severity.WARNING,
            1,
            "2 column(s) not understood, kept as X-CSV-* extensions: "
            "'Custom Field 1 - Label', 'Custom Field 1 - Value'",
        )
    ]
    (ada,) = parsed
    assert ada.name == Name(
        given="Ada", family="Lovelace", additional=("King",), prefixes=("Countess",)
    )
    assert ada.formatted_name == "Countess Ada King Lovelace"
    assert ada.nicknames == ("Addie",)
    assert ada.organizations == (
        Organization(name="Analytical Engines", units=("R&D",), title="Programmer"),
    )
    assert ada.birthday == date(1815, 12, 10)
    assert ada.note == "Wrote the first program.\nSecond line."
    assert ada.categories == ("* myContacts", "Friends")
    assert [(e.address, e.types, e.preferred) for e in ada.emails] == [
        ("ada@engines.example", ("work",), True),
        ("ada@home.example", ("home",), False),
        ("lovelace@home.example", ("home",), False),
    ]
    assert [(p.number, p.e164, p.types) for p in ada.phones] == [
        ("+44 20 7946 0958", "+442079460958", ("cell",)),
        ("+44 20 7946 0000", "+442079460000", ("work", "fax")),
    ]
    (home,) = ada.addresses
    assert (home.street, home.locality, home.postal_code, home.country, home.types) == (
        "12 St James's Square",
        "London",
        "SW1Y 4JH",
        "United Kingdom",
        ("home",),
    )
    assert home.formatted == "12 St James's Square\nLondon SW1Y 4JH"
    assert ada.urls == (Url(value="https://ada.example/blog", label="Blog"),)
    label = _ext(ada, "X-CSV-CUSTOM-FIELD-1-LABEL")
    assert label.value == "Pet"
    assert label.params == (("X-COLUMN", ("Custom Field 1 - Label",)),)
    assert _ext(ada, "X-CSV-CUSTOM-FIELD-1-VALUE").value == "Cat"
    assert len(ada.extensions) == 2  # empty columns (phonetic names, File As) add nothing


def test_google_older_export() -> None:
    parsed = csv.loads(GOOGLE_OLD)
    (alan,) = parsed
    assert alan.formatted_name == "Alan M. Turing"
    assert alan.name == Name(given="Alan", family="Turing", additional=("Mathison",))
    assert alan.birthday == PartialDate(month=6, day=23)
    assert alan.gender == "male"
    assert alan.categories == ("* My Contacts", "Work")
    # the type cell lists one type for all the values of the cell: Google's own quirk
    assert [(e.address, e.preferred) for e in alan.emails] == [
        ("alan@home.example", True),
        ("alan@work.example", True),
    ]
    assert alan.organizations == (
        Organization(name="University of Manchester", units=("Mathematics",), title="Reader"),
    )
    assert alan.phones[0].e164 == "+441614960000"
    assert _ext(alan, "X-CSV-HOBBY").value == "Running"
    assert alan.urls[0].label == "Home Page"


def test_google_dump_writes_the_current_header_and_keeps_extra_columns() -> None:
    (ada,) = csv.loads(GOOGLE)
    text = csv.dumps([ada], dialect="google")
    header = text.split("\r\n")[0].split(",")
    assert header[:3] == ["First Name", "Middle Name", "Last Name"]
    assert "E-mail 3 - Value" in header
    assert header[-2:] == ["Custom Field 1 - Label", "Custom Field 1 - Value"]
    (again,) = csv.loads(text)
    assert again.emails == ada.emails
    assert again.phones == ada.phones
    assert again.addresses == ada.addresses
    assert again.extensions == ada.extensions
    assert again.name == ada.name
    assert again.note == ada.note


# ---- Outlook ------------------------------------------------------------------------------


def test_outlook_export() -> None:
    parsed = csv.loads(OUTLOOK)
    assert [(i.severity, i.line, i.message.split(";")[0]) for i in parsed.issues] == [
        (
            Severity.WARNING,
            1,
            "3 column(s) not understood, kept as X-CSV-* extensions: "
            "'E-mail Type', 'E-mail Display Name', 'Initials'",
        )
    ]
    (kj,) = parsed
    assert kj.name == Name(given="Katherine", family="Johnson", prefixes=("Dr.",))
    assert kj.formatted_name == "Dr. Katherine Johnson"
    assert kj.organizations == (
        Organization(name="NASA", units=("Flight Research",), title="Mathematician"),
    )
    (work,) = kj.addresses
    assert work.street == "1 NASA Drive\nBuilding 1244"
    assert (work.locality, work.region, work.postal_code, work.types) == (
        "Hampton",
        "VA",
        "23681",
        ("work",),
    )
    assert sorted((p.number, p.types) for p in kj.phones) == [
        ("+1 757 555 0100", ("work",)),
        ("+1 757 555 0111", ("home", "fax")),
        ("+1 757 555 0199", ("cell",)),
    ]
    assert kj.birthday == date(1918, 8, 26)
    assert kj.anniversary is None  # Outlook's 0/0/00 means none
    assert kj.categories == ("Work", "Heroes")
    assert kj.gender == "F"
    assert kj.related == (Related(value="James", types=("spouse",)),)
    assert kj.urls == (Url(value="https://nasa.example/kj"),)
    # placeholders (Normal, False) are dropped; real unmapped values are kept
    assert sorted(e.name for e in kj.extensions) == [
        "X-CSV-E-MAIL-DISPLAY-NAME",
        "X-CSV-E-MAIL-TYPE",
        "X-CSV-INITIALS",
    ]


def test_outlook_round_trip_of_a_read_file_keeps_every_cell() -> None:
    (kj,) = csv.loads(OUTLOOK)
    text = csv.dumps([kj], dialect="outlook")
    assert text.split("\r\n")[0] == OUTLOOK_HEADER.strip().replace('"', "")
    (again,) = csv.loads(text)
    assert again.model_dump(exclude={"uid"}) == kj.model_dump(exclude={"uid"})


# ---- encodings, errors, safety ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ("\ufeff" + LINKEDIN).encode("utf-8"),
        LINKEDIN.encode("utf-16"),
        "\ufeff" + LINKEDIN,
    ],
    ids=["utf8-bom", "utf16-bom", "str-bom"],
)
def test_bom_and_utf16_are_read(data: str | bytes) -> None:
    parsed = csv.loads(data)
    assert [c.formatted_name for c in parsed] == ["Grace Hopper", "José Müller"]


def test_windows_1252_falls_back_with_a_warning() -> None:
    parsed = csv.loads(LINKEDIN.encode("cp1252"))
    assert parsed[1].formatted_name == "José Müller"
    assert any(
        i.severity is Severity.WARNING and "Windows-1252" in i.message for i in parsed.issues
    )


def test_bad_cell_names_line_and_column_and_keeps_the_value() -> None:
    text = OUTLOOK_HEADER + _outlook_row(
        {"First Name": "Bo", "E-mail Address": "not-an-email", "Birthday": "31/31/1999"}
    )
    parsed = csv.loads(text)
    (bo,) = parsed
    assert bo.emails == ()
    assert bo.birthday is None
    assert {(i.line, i.property) for i in parsed.errors} == {(2, "E-mail Address"), (2, "Birthday")}
    assert _ext(bo, "X-CSV-E-MAIL-ADDRESS").value == "not-an-email"
    assert _ext(bo, "X-CSV-BIRTHDAY").value == "31/31/1999"
    with pytest.raises(ParseError) as info:
        csv.loads(text, strict=True)
    assert info.value.line == 2
    assert info.value.property in {"E-mail Address", "Birthday"}


def test_line_numbers_count_physical_lines_of_quoted_cells() -> None:
    text = (
        "First Name,Last Name,E-mail Address,Notes\r\n"
        'Ann,A,ann@x.example,"two\r\nlines"\r\n'
        "Bob,B,bob-at-x,\r\n"
    )
    parsed = csv.loads(text)
    assert len(parsed) == 2
    assert [(i.line, i.property) for i in parsed.errors] == [(4, "E-mail Address")]


def test_unknown_header_is_a_parse_error_naming_the_columns() -> None:
    for strict in (False, True):
        with pytest.raises(ParseError, match=r"columns seen: 'foo', 'bar'.*--columns"):
            csv.loads("foo,bar\n1,2\n", strict=strict)


def test_unknown_dialect() -> None:
    with pytest.raises(UnsupportedFormatError):
        csv.dumps([], dialect="vcard")  # type: ignore[arg-type]
    assert csv.loads(LINKEDIN, dialect="excel").errors  # type: ignore[arg-type]


def test_repeated_rows_get_distinct_uids() -> None:
    row = "Ann,A,,ann@x.example,,,\n"
    parsed = csv.loads(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + row + row
    )
    assert len({c.uid for c in parsed}) == 2
    assert parsed[1].uid == parsed[0].uid + "-2"
    assert [i.line for i in parsed.issues] == [3]


def test_ragged_rows_keep_extra_cells() -> None:
    parsed = csv.loads("First Name,Last Name,URL,Email Address\nAnn,A,,,surprise\nBob\n")
    ann, bob = parsed
    assert _ext(ann, "X-CSV-COLUMN-5").value == "surprise"
    assert bob.formatted_name == "Bob"


def test_formula_cells_are_neutralised_but_phones_stay_dialable() -> None:
    c = Contact(
        uid="x",
        name=Name(given='=HYPERLINK("http://evil")', family="@SUM(A1)"),
        phones=(
            Phone(number="+44 20 7946 0958", types=("cell",)),
            Phone(number="+cmd|' /C calc'!A0", types=("home",)),
        ),
        note="-2+3",
        organizations=(Organization(name="\tTab Co", title="'=already quoted"),),
    )
    text = csv.dumps([c], dialect="outlook")
    cells = io.StringIO(text)
    import csv as stdlib_csv

    header, row = list(stdlib_csv.reader(cells))
    values = dict(zip(header, row, strict=True))
    assert values["First Name"] == '\'=HYPERLINK("http://evil")'
    assert values["Last Name"] == "'@SUM(A1)"
    assert values["Mobile Phone"] == "+44 20 7946 0958"
    assert values["Home Phone"] == "'+cmd|' /C calc'!A0"
    assert values["Notes"] == "'-2+3"
    assert values["Company"] == "'\tTab Co"
    assert values["Job Title"] == "''=already quoted"
    (back,) = csv.loads(text)
    assert back.name == c.name
    assert back.note == c.note
    assert back.organizations[0].title == "'=already quoted"
    assert back.organizations[0].name == "Tab Co"  # cells are read stripped
    assert sorted(p.number for p in back.phones) == sorted(p.number for p in c.phones)


def test_output_is_rfc4180() -> None:
    c = Contact(uid="x", name=Name(given='Say "hi"', family="Comma, Jr"), note="a\nb")
    text = csv.dumps([c], dialect="outlook")
    assert text.endswith("\r\n")
    assert '"Say ""hi"""' in text
    assert '"Comma, Jr"' in text
    assert '"a\nb"' in text


def test_load_and_dump_through_files(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    target = tmp_path / "out.csv"
    contacts = csv.loads(LINKEDIN)
    csv.dump(contacts, target, dialect="linkedin")
    back = csv.load(target)
    assert [c.uid for c in back] == [c.uid for c in contacts]
    assert back[0].source == str(target)
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    buf = io.BytesIO()
    csv.dump(contacts, buf, dialect="google")
    assert csv.load(io.BytesIO(buf.getvalue()))[0].emails == contacts[0].emails


def test_national_numbers_use_the_region() -> None:
    text = "First Name,Last Name,E-mail Address,Mobile Phone\nAda,L,,020 7946 0958\n"
    assert csv.loads(text)[0].phones[0].e164 is None
    assert csv.loads(text, region="GB")[0].phones[0].e164 == "+442079460958"


# ---- properties ---------------------------------------------------------------------------


@given(
    st.one_of(st.text(max_size=400), st.binary(max_size=400)),
    st.booleans(),
    st.sampled_from([None, "linkedin", "google", "outlook"]),
)
def test_any_input_gives_contacts_or_a_parse_error(
    data: str | bytes, strict: bool, dialect: csv.Dialect | None
) -> None:
    try:
        parsed = csv.loads(data, strict=strict, dialect=dialect)
    except ParseError as exc:
        message = str(exc)
    else:
        assert all(isinstance(c, Contact) for c in parsed)
        return
    assert strict or "no contact could be read" in message


_HEADERS = st.sampled_from(
    [
        LINKEDIN.split("\r\n")[3],
        GOOGLE_HEADER.strip(),
        GOOGLE_OLD.split("\n")[0],
        OUTLOOK_HEADER.strip(),
    ]
)
_CELL = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
) | st.sampled_from(
    [
        "",
        "* Work ::: Home",
        "0/0/00",
        "15 Mar 2021",
        "--02-30",
        "a@b",
        "@",
        "+44 20 7946 0958",
        "=1+1",
        "'=x",
        '"',
        "\r\n",
        ":::",
        "1815-12-10",
    ]
)


@given(_HEADERS, st.lists(st.lists(_CELL, max_size=40), max_size=4), st.booleans())
def test_rows_of_junk_under_a_real_header_never_crash(
    header: str, rows: list[list[str]], strict: bool
) -> None:
    buffer = io.StringIO()
    import csv as stdlib_csv

    stdlib_csv.writer(buffer).writerows(rows)
    failure = ""
    try:
        parsed = csv.loads(header + "\r\n" + buffer.getvalue(), strict=strict)
    except ParseError as exc:
        failure = str(exc)
    if failure:
        # strict mode, or (docs/csv.md) a non-empty file that gives no contact at all
        assert strict or failure.startswith("no contact could be read"), failure
        return
    for c in parsed:
        assert isinstance(c, Contact)


# Round trips: contacts holding only what a dialect carries come back equal on those fields.

_TEXT = (
    st.text(
        st.sampled_from(string.ascii_letters + string.digits + " ,;\"'=+-@*&éüßł"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
_LABEL = st.sampled_from(["Blog", "School", "Gym", "Assistant 2"])


def _name(max_parts: int) -> st.SearchStrategy[Name]:
    few = st.lists(_TEXT.filter(lambda s: " " not in s), max_size=max_parts).map(tuple)
    return st.builds(Name, given=_TEXT, family=_TEXT, additional=few, prefixes=few, suffixes=few)


_SOME_DATE = st.dates(date(1900, 1, 1), date(2030, 12, 31))


@st.composite
def _linkedin_contacts(draw: st.DrawFn) -> Contact:
    name = draw(st.builds(Name, given=_TEXT, family=_TEXT))
    email = draw(st.none() | st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,8}\.example\Z"))
    slug = draw(st.from_regex(r"\A[a-z0-9-]{1,20}\Z"))
    org = draw(st.none() | st.builds(Organization, name=_TEXT, title=st.none() | _TEXT))
    day = draw(st.none() | _SOME_DATE)
    return Contact(
        name=name,
        emails=(Email(address=email),) if email else (),
        social_profiles=(Url(value=f"https://www.linkedin.com/in/{slug}", service="linkedin"),),
        organizations=(org,) if org else (),
        extensions=(Extension(name=csv.CONNECTED_ON, value=day.isoformat()),) if day else (),
    )


def _typed(types: st.SearchStrategy[tuple[str, ...]]) -> st.SearchStrategy[dict[str, object]]:
    """Either known types or a custom label, and a preferred flag: what a Google label holds."""
    return st.one_of(
        st.builds(lambda t, p: {"types": t, "label": None, "preferred": p}, types, st.booleans()),
        st.builds(lambda la, p: {"types": (), "label": la, "preferred": p}, _LABEL, st.booleans()),
    )


_PLAIN_TYPES = st.sampled_from([(), ("home",), ("work",)])
_PHONE_TYPES = st.sampled_from(
    [
        (),
        ("cell",),
        ("home",),
        ("work",),
        ("main",),
        ("home", "fax"),
        ("work", "fax"),
        ("fax",),
        ("pager",),
    ]
)
_NUMBER = st.from_regex(r"\A\+(1|44|49) [1-9][0-9]{2} [0-9]{3} [0-9]{4}\Z")


@st.composite
def _google_contacts(draw: st.DrawFn) -> Contact:
    emails = draw(
        st.lists(
            st.tuples(st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,6}\.example\Z"), _typed(_PLAIN_TYPES)),
            max_size=3,
        )
    )
    phones = draw(st.lists(st.tuples(_NUMBER, _typed(_PHONE_TYPES)), max_size=3))
    addresses = draw(
        st.lists(
            st.tuples(
                st.fixed_dictionaries(
                    {
                        "street": _TEXT,
                        "locality": _TEXT | st.just(""),
                        "postal_code": _TEXT | st.just(""),
                        "country": _TEXT | st.just(""),
                        "po_box": st.just("") | _TEXT,
                        "region": st.just("") | _TEXT,
                        "extended": st.just("") | _TEXT,
                        "formatted": st.none() | _TEXT,
                    }
                ),
                _typed(_PLAIN_TYPES),
            ),
            max_size=2,
        )
    )
    urls = draw(
        st.lists(
            st.tuples(
                st.from_regex(r"\Ahttps://[a-z]{1,8}\.example/[a-z]{0,5}\Z"), _typed(_PLAIN_TYPES)
            ),
            max_size=2,
        )
    )
    orgs = draw(
        st.lists(
            st.builds(
                Organization,
                name=_TEXT,
                units=st.lists(_TEXT, max_size=1).map(tuple),
                title=st.none() | _TEXT,
            ),
            max_size=2,
        )
    )
    return Contact(
        name=draw(_name(1)),
        nicknames=tuple(draw(st.lists(_TEXT, max_size=2))),
        emails=tuple(Email(address=a, **kw) for a, kw in emails),  # type: ignore[arg-type]
        phones=tuple(Phone(number=n, **kw) for n, kw in phones),  # type: ignore[arg-type]
        addresses=tuple(Address(**parts, **kw) for parts, kw in addresses),  # type: ignore[arg-type]
        urls=tuple(Url(value=u, **kw) for u, kw in urls),  # type: ignore[arg-type]
        organizations=tuple(orgs),
        related=tuple(
            draw(
                st.lists(
                    st.builds(
                        Related,
                        value=_TEXT,
                        types=st.sampled_from([("spouse",), ("friend",), ("child",)]),
                    ),
                    max_size=2,
                )
            )
        ),
        birthday=draw(
            st.none()
            | _SOME_DATE
            | st.builds(PartialDate, month=st.just(2), day=st.integers(1, 29))
        ),
        anniversary=draw(st.none() | _SOME_DATE),
        note=draw(st.none() | st.builds(lambda a, b: f"{a}\n{b}", _TEXT, _TEXT)),
        categories=tuple(draw(st.lists(_TEXT, max_size=3, unique_by=str.casefold))),
        photo=draw(st.none() | st.just(Photo(uri="https://img.example/p.jpg"))),
    )


_OUTLOOK_PHONE_SPECS = [
    (("work", "fax"), None),
    (("work",), None),
    (("cell",), None),
    (("home",), None),
    (("home", "fax"), None),
    (("pager",), None),
    (("car",), None),
    ((), "Assistant"),
    ((), "Telex"),
    (("fax",), None),
    ((), None),
]


@st.composite
def _outlook_contacts(draw: st.DrawFn) -> Contact:
    specs = draw(st.lists(st.sampled_from(_OUTLOOK_PHONE_SPECS), max_size=4, unique=True))
    addresses = []
    for types in draw(
        st.lists(st.sampled_from([("work",), ("home",), ()]), max_size=3, unique=True)
    ):
        street = "\n".join(draw(st.lists(_TEXT, min_size=1, max_size=3)))
        addresses.append(
            Address(
                street=street,
                locality=draw(_TEXT),
                region=draw(_TEXT),
                postal_code=draw(_TEXT),
                country=draw(_TEXT),
                po_box=draw(st.just("") | _TEXT),
                types=types,
            )
        )
    return Contact(
        name=draw(_name(1)),
        organizations=tuple(
            draw(
                st.lists(
                    st.builds(
                        Organization,
                        name=_TEXT,
                        units=st.lists(_TEXT, max_size=1).map(tuple),
                        title=st.none() | _TEXT,
                        role=st.none() | _TEXT,
                    ),
                    max_size=1,
                )
            )
        ),
        emails=tuple(
            Email(address=a)
            for a in draw(
                st.lists(st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,6}\.example\Z"), max_size=3)
            )
        ),
        phones=tuple(Phone(number=draw(_NUMBER), types=t, label=la) for t, la in specs),
        addresses=tuple(addresses),
        birthday=draw(st.none() | _SOME_DATE),
        anniversary=draw(st.none() | _SOME_DATE),
        note=draw(st.none() | _TEXT),
        categories=tuple(draw(st.lists(_TEXT.filter(lambda s: ";" not in s), max_size=3))),
        urls=tuple(
            Url(value=u)
            for u in draw(st.lists(st.from_regex(r"\Ahttps://[a-z]{1,8}\.example/\Z"), max_size=1))
        ),
        gender=draw(st.sampled_from([None, "M", "F"])),
        related=tuple(
            Related(value=v, types=("spouse",)) for v in draw(st.lists(_TEXT, max_size=1))
        ),
    )


def _identity(c: Contact) -> str:
    """Rows that would be identical (or share a profile URL) are one person for the codec."""
    if c.social_profiles:
        return c.social_profiles[0].value
    return c.model_dump_json(exclude={"uid"})


def _addresses(c: Contact) -> list[str]:
    # Outlook's columns fix the order: business, home, other.
    return sorted(a.model_dump_json() for a in c.addresses)


def _phones(c: Contact) -> list[tuple[str, tuple[str, ...], str | None, bool]]:
    return sorted((p.number, p.types, p.label, p.preferred) for p in c.phones)


_CARRIED: dict[str, set[str]] = {
    "linkedin": {"name", "emails", "social_profiles", "organizations", "extensions"},
    "google": {
        "name",
        "nicknames",
        "emails",
        "addresses",
        "urls",
        "organizations",
        "related",
        "birthday",
        "anniversary",
        "note",
        "categories",
        "photo",
    },
    "outlook": {
        "name",
        "organizations",
        "emails",
        "addresses",
        "birthday",
        "anniversary",
        "note",
        "categories",
        "urls",
        "gender",
        "related",
    },
}


@pytest.mark.parametrize(
    ("dialect", "strategy"),
    [
        ("linkedin", _linkedin_contacts()),
        ("google", _google_contacts()),
        ("outlook", _outlook_contacts()),
    ],
)
def test_round_trip_per_dialect(dialect: csv.Dialect, strategy: st.SearchStrategy[Contact]) -> None:
    @given(st.lists(strategy, min_size=1, max_size=3, unique_by=_identity))
    def check(contacts: list[Contact]) -> None:
        text = csv.dumps(contacts, dialect=dialect)
        parsed = csv.loads(text)
        assert parsed.issues == []
        assert len(parsed) == len(contacts)
        for before, after in zip(contacts, parsed, strict=True):
            fields = _CARRIED[dialect] - {"addresses"}
            assert after.model_dump(include=fields) == before.model_dump(include=fields)
            assert _phones(after) == _phones(before)
            assert _addresses(after) == _addresses(before)

    check()


def test_nul_in_a_column_name_is_replaced_with_a_warning() -> None:
    parsed = csv.loads("Name,E-mail,Oth\x00er\nAda,a@x.example,v\n")
    (c,) = parsed
    assert [p for e in c.extensions for p in e.params] == [("X-COLUMN", ("Oth\ufffder",))]
    assert any(
        i.line == 1 and i.severity is Severity.WARNING and "NUL" in i.message for i in parsed.issues
    )
