"""What the CSV writers write: the formula guard, plain labels, Google's Event and Relation."""

from __future__ import annotations

import csv as stdcsv
import io
from datetime import date

import pytest

from netcore.formats import csv
from netcore.model import Contact, PartialDate, Phone, Related, Url


def _cells(text: str) -> dict[str, str]:
    header, row = list(stdcsv.reader(io.StringIO(text)))[:2]
    return dict(zip(header, row, strict=False))


def test_year_less_birthday_is_written_as_the_date_not_a_guarded_formula() -> None:
    c = Contact(uid="1", formatted_name="Ada L", birthday=PartialDate(month=11, day=2))
    cells = _cells(csv.dumps([c], dialect="google"))
    assert cells["Birthday"] == "--11-02"
    assert csv.loads(csv.dumps([c], dialect="google"))[0].birthday == PartialDate(month=11, day=2)


def test_a_note_that_looks_like_a_date_is_still_guarded() -> None:
    # the exception covers what netcore formatted as a date, not user text shaped like one
    c = Contact(uid="1", formatted_name="Ada", note="--11-02")
    assert _cells(csv.dumps([c], dialect="google"))["Notes"] == "'--11-02"


@pytest.mark.parametrize(
    "value",
    [
        "\x00=HYPERLINK(1)",
        "\x1b=1+1",
        " =1+1",
        "\x00\x00+1",
        "\x7f@SUM(A1)",
        "\x00",
        "\x1b]0;x\x07",
    ],
)
def test_control_characters_before_a_formula_do_not_pass_the_guard(value: str) -> None:
    assert csv.safe_cell(value) == "'" + value
    if value.startswith(" "):
        return  # the readers strip the spaces around a cell; the guard is what matters here
    c = Contact(uid="1", formatted_name="Ada", note=value)
    text = csv.dumps([c], dialect="google")
    assert _cells(text)["Notes"] == "'" + value
    assert csv.loads(text)[0].note == value


@pytest.mark.parametrize("value", ["Ada", "a=b", "1+1", "x-y", "mail@example.org"])
def test_ordinary_text_is_not_guarded(value: str) -> None:
    assert csv.safe_cell(value) == value


def test_apple_labels_are_written_as_plain_labels() -> None:
    c = Contact(
        uid="1",
        formatted_name="Ada",
        urls=(Url(value="https://ada.example", label="_$!<HomePage>!$_"),),
        phones=(Phone(number="+44 20 7946 0958", label="_$!<Mobile>!$_"),),
        related=(Related(value="Eve", label="_$!<Friend>!$_"),),
    )
    text = csv.dumps([c], dialect="google")
    assert "_$!<" not in text
    cells = _cells(text)
    assert cells["Website 1 - Label"] == "Home Page"
    assert cells["Phone 1 - Label"] == "Mobile"
    assert cells["Relation 1 - Label"] == "Friend"
    back = csv.loads(text)[0]
    assert back.phones[0].types == ("cell",)  # "Mobile" is Google's label for a cell phone
    assert back.related == (Related(value="Eve", types=("friend",)),)


def test_anniversary_and_spouse_use_googles_event_and_relation_columns() -> None:
    c = Contact(
        uid="1",
        formatted_name="Ada",
        anniversary=date(2001, 5, 6),
        related=(Related(value="Bob", types=("spouse",)),),
    )
    text = csv.dumps([c], dialect="google")
    cells = _cells(text)
    assert (cells["Event 1 - Label"], cells["Event 1 - Value"]) == ("Anniversary", "2001-05-06")
    assert (cells["Relation 1 - Label"], cells["Relation 1 - Value"]) == ("Spouse", "Bob")
    back = csv.loads(text)[0]
    assert back.anniversary == date(2001, 5, 6)
    assert back.related == (Related(value="Bob", types=("spouse",)),)


def test_older_google_layout_event_and_relation_types_are_read() -> None:
    text = (
        "Name,Given Name,Family Name,Event 1 - Type,Event 1 - Value,"
        "Relation 1 - Type,Relation 1 - Value\n"
        "Ada L,Ada,L,Anniversary,2001-05-06,Spouse,Bob\n"
    )
    (c,) = csv.loads(text)
    assert c.anniversary == date(2001, 5, 6)
    assert c.related == (Related(value="Bob", types=("spouse",)),)


def test_every_outlook_column_netcore_writes_is_read_back_through_the_header_table() -> None:
    from netcore.formats.csv.headers import KNOWN, header_key
    from netcore.formats.csv.outlook import _OUTLOOK_HEAD

    # Columns Outlook exports that hold nothing netcore models (kept as X-CSV-* on reading).
    not_modelled = {
        "Account", "Assistant's Name", "Billing Information", "Children",
        "Directory Server", "E-mail Type", "E-mail Display Name", "E-mail 2 Type",
        "E-mail 2 Display Name", "E-mail 3 Type", "E-mail 3 Display Name",
        "Government ID Number", "Hobby", "Initials", "Internet Free Busy", "Keywords",
        "Language", "Location", "Manager's Name", "Mileage", "Office Location",
        "Organizational ID Number", "Priority", "Private", "Referred By", "Sensitivity",
        "User 1", "User 2", "User 3", "User 4",
    }  # fmt: skip
    unread = [c for c in _OUTLOOK_HEAD if header_key(c) not in KNOWN]
    assert sorted(unread) == sorted(not_modelled)
