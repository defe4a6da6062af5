"""CSV reading and writing take linear time in every direction a hostile file can grow.

Each test grows one shape x8 and allows x12 time (tests/_complexity.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from _complexity import assert_linear
from netcore._text import safe_cell, visible
from netcore.formats import csv
from netcore.model import Contact, Email, Name, Phone

pytestmark = pytest.mark.slow

OUTLOOK_ROW = "Ada{i},Lovelace,ada{i}@example.org,+44 20 7946 {i:04d},Engines,12/10/1815\n"


def _many_rows(n: int) -> str:
    head = "First Name,Last Name,E-mail Address,Mobile Phone,Company,Birthday\n"
    return head + "".join(OUTLOOK_ROW.format(i=i % 10000) for i in range(n))


def _many_columns(n: int) -> str:
    # unknown columns (each one kept and named in the warning) around an e-mail column
    head = ",".join(f"Custom {i}" for i in range(n)) + ",Contact\n"
    row = ",".join(f"v{i}" for i in range(n)) + ",ada@example.org\n"
    return head + row * 3


def _long_cells(n: int) -> str:
    # Sixteen rows, each with one cell of length n: one cell of 10,000 characters read in
    # 1 ms, too little to time (x12.5 to x16 under load); the cell limit caps n.
    hostile = ("'\x00 ;\t,@" * (n // 8)) + "x"
    return "Name,Notes,E-mail\n" + "".join(
        f'P{i},"{hostile}",p{i}@example.org\n' for i in range(16)
    )


def _headerless(n: int) -> str:
    return "".join(f"Person {i};p{i}@example.org\n" for i in range(n))


def _spaces_in_an_email_cell(n: int) -> str:
    # found by the fuzzer: a cell of blanks in the e-mail column, split into addresses
    # by a pattern that tried every run of blanks from every start (1.5 s for 17 KB);
    # sixteen rows of it, so the small run is long enough to time
    return "Primary Email\n" + f"URL:https://ww{' ' * n}x\n" * 16


def _stray_quote(n: int) -> str:
    # a quote never closed on the first data row: the rest is read again without it
    return 'Name,E-mail\n"Ada,a@x.example\n' + "".join(f"P{i},p{i}@x.example\n" for i in range(n))


@pytest.mark.parametrize(
    ("what", "make", "small"),
    [
        ("rows after a stray quote", _stray_quote, 400),  # x8 stays under the cell limit
        ("CSV rows", _many_rows, 200),
        ("CSV columns", _many_columns, 800),  # at 400: 16 ms, x13 under load
        ("CSV cell length", _long_cells, 10000),  # x8 stays under the 131,072 cell limit
        ("header-less CSV rows", _headerless, 500),
        ("blanks in an e-mail cell", _spaces_in_an_email_cell, 2000),
    ],
)
def test_reading_is_linear(what: str, make: Callable[[int], str], small: int) -> None:
    assert_linear(make, lambda text: csv.loads(text), small, what=what, repeat=5)  # type: ignore[arg-type]


def _contacts(n: int) -> list[Contact]:
    return [
        Contact(
            uid=str(i),
            name=Name(given=f"=Ada{i}", family="Lovelace"),
            emails=(Email(address=f"ada{i}@example.org"),),
            phones=(Phone(number="+44 20 7946 0958", types=("cell",)),),
        )
        for i in range(n)
    ]


def _one_with_many_emails(n: int) -> list[Contact]:
    emails = tuple(Email(address=f"a{i}@example.org") for i in range(n))
    return [Contact(uid="1", formatted_name="Ada", emails=emails), *_contacts(3)]


@pytest.mark.parametrize("dialect", ["google", "outlook", "linkedin"])
def test_writing_many_contacts_is_linear(dialect: csv.Dialect) -> None:
    def write(contacts: object) -> str:
        assert isinstance(contacts, list)
        return csv.dumps(contacts, dialect=dialect)

    assert_linear(_contacts, write, 1000, what=f"{dialect} rows", repeat=5)


def test_writing_wide_google_rows_is_linear() -> None:
    # every contact gets as many e-mail columns as the one with the most
    assert_linear(
        _one_with_many_emails,
        lambda cs: csv.dumps(cs, dialect="google"),  # type: ignore[arg-type]
        1000,
        what="Google e-mail columns",
    )


def test_guard_and_visible_are_linear_in_hostile_text() -> None:
    def make(n: int) -> str:
        return "'" * n + " \x00" * n + "x"

    assert_linear(
        make,
        lambda s: (safe_cell(s), visible(s)),  # type: ignore[arg-type]
        20000,
        what="formula guard",
    )
