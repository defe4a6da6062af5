"""Parquet out of the store and back in: the Python API and the CLI (issue 16)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from _complexity import assert_linear
from netcore import (
    Contact,
    Direction,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
)
from netcore.cli import app
from netcore.errors import ParseError
from netcore.store import Store

runner = CliRunner()
AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def fill(store: Store) -> None:
    store.add_contacts(
        [
            Contact(uid="ada", formatted_name="Ada", categories=("work",), cadence_days=30),
            Contact(uid="bob", formatted_name="Bob"),
        ]
    )
    store.log_many(
        [
            Interaction(
                id="m1",
                at=AT,
                contact_uids=("ada", "bob"),
                kind=InteractionKind.MEETING,
                duration=timedelta(minutes=45),
                participants=3,
                event_uid="ev",
            ),
            Interaction(
                id="e1",
                at=AT + timedelta(days=1),
                contact_uids=("bob",),
                kind=InteractionKind.EMAIL,
                direction=Direction.OUTBOUND,
                replied=False,
            ),
        ]
    )
    for n, rev in ((1, None), (2, "f1")):
        store.record(
            LedgerEntry(
                id=f"f{n}",
                on=date(2026, 3, n),
                contact_uid="ada",
                direction=FavourDirection.RECEIVED,
                kind=FavourKind.INTRODUCTION,
                weight=2.5,
                reverses=rev,
            )
        )


def frames(store: Store) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return store.contacts_frame(), store.interactions_frame(), store.ledger_frame()


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    with Store.open(tmp_path / "a.db") as store:
        fill(store)
        written = store.export_parquet(tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "contacts.parquet",
        "interactions.parquet",
        "ledger.parquet",
    ]
    return tmp_path / "out"


def test_round_trip_through_parquet_keeps_interactions_and_ledger(
    tmp_path: Path, exported: Path
) -> None:
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        for name in ("contacts", "interactions", "ledger"):
            b.import_parquet(exported / f"{name}.parquet")
        for left, right in zip(frames(a), frames(b), strict=True):
            assert left.equals(right)
        original, copy = a.load(), b.load()
    assert [i.model_dump() for i in copy.interactions] == [
        i.model_dump() for i in original.interactions
    ]
    assert list(copy.ledger.entries) == list(original.ledger.entries)
    assert copy.contact("ada").categories == ("work",)


def test_parquet_file_as_written_holds_the_shared_schema(exported: Path) -> None:
    frame = pl.read_parquet(exported / "interactions.parquet")
    assert frame.columns[:3] == ["interaction_id", "contact_uid", "at"]
    assert frame.schema["at"] == pl.Datetime("us", "UTC")
    assert frame.select("interaction_id", "contact_uid").rows() == [
        ("m1", "ada"),
        ("m1", "bob"),
        ("e1", "bob"),
    ]
    assert pl.read_parquet(exported / "ledger.parquet")["weight"].to_list() == [2.5, 2.5]


def test_cli_and_api_give_the_same_store(tmp_path: Path, exported: Path) -> None:
    code, out = invoke("export", "--db", str(tmp_path / "a.db"), "--format", "parquet",
                       "-o", str(tmp_path / "cli-out"))  # fmt: skip
    assert code == 0, out
    for name in ("contacts", "interactions", "ledger"):
        left = pl.read_parquet(exported / f"{name}.parquet")
        assert left.equals(pl.read_parquet(tmp_path / "cli-out" / f"{name}.parquet"))
    code, out = invoke("import", str(tmp_path / "cli-out"), "--db", str(tmp_path / "c.db"))
    assert code == 0, out
    assert "interactions 2 added" in out
    with Store.open(tmp_path / "c.db") as c, Store.open(tmp_path / "d.db") as d:
        for name in ("contacts", "interactions", "ledger"):
            d.import_parquet(exported / f"{name}.parquet")
        for left, right in zip(frames(c), frames(d), strict=True):
            assert left.equals(right)
    code, out = invoke("import", str(tmp_path / "cli-out"), "--db", str(tmp_path / "c.db"))
    assert code == 0
    assert "interactions 0 added, 2 already stored" in out


def interactions_file(path: Path, **columns: object) -> Path:
    base: dict[str, object] = {
        "interaction_id": ["x1", "x1", "x2"],
        "contact_uid": ["ada", "nobody", "ghost"],
        "at": pl.Series([AT, AT, AT], dtype=pl.Datetime("us", "UTC")),
        "kind": ["call", "call", "email"],
        "direction": ["mutual", "mutual", "inbound"],
    }
    base.update(columns)
    pl.DataFrame({k: v for k, v in base.items() if v is not None}).write_parquet(path)
    return path


def test_rows_naming_nobody_are_reported_not_dropped(tmp_path: Path) -> None:
    path = interactions_file(tmp_path / "calls.parquet")
    with Store.open(tmp_path / "s.db") as store:
        store.add_contacts([Contact(uid="ada")])
        report = store.import_parquet(path)
        assert report.interactions_added == 1
        assert report.unmatched == ((str(path), "row 2: nobody"), (str(path), "row 3: ghost"))
        assert store.interactions_frame()["contact_uid"].to_list() == ["ada"]
    code, out = invoke("import", str(path), "--db", str(tmp_path / "s.db"))
    assert code == 0
    assert "2 matched nobody: row 2: nobody, row 3: ghost" in out


def test_an_alias_in_contact_uid_names_its_contact(tmp_path: Path) -> None:
    path = interactions_file(tmp_path / "calls.parquet", contact_uid=["ada", "x-ada", "ada"])
    with Store.open(tmp_path / "s.db") as store:
        store.add_contacts([Contact(uid="ada")])
        store.add_contacts([Contact(uid="x-ada")])  # the same content: an alias of ada
        report = store.import_parquet(path)
        assert report.unmatched == ()
        frame = store.interactions_frame()
    assert frame.select("interaction_id", "contact_uid").rows() == [("x1", "ada"), ("x2", "ada")]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"at": None}, "at: the column 'at' is missing"),
        ({"at": ["2026-01-05", "x", "y"]}, "at: the column is String"),
        ({"contact_uid": ["ada", None, "ada"]}, ":2: contact_uid: no value"),
        ({"kind": ["call", "call", "bogus"]}, ":3: kind: "),
        ({"interaction_id": ["x1", "x1", ""]}, ":3: interaction_id: "),
        ({"direction": ["mutual", "mutual", "\x00" * 5000]}, ":3: direction: "),
        (
            {"at": pl.Series([AT.replace(tzinfo=None)] * 3, dtype=pl.Datetime("us"))},
            "at: the column is Datetime",
        ),
        ({"interaction_id": None, "at": None, "uid2": [1, 2, 3]}, "not a netcore table"),
    ],
)
def test_bad_parquet_is_one_error_naming_column_and_row(
    tmp_path: Path, columns: dict[str, object], expected: str
) -> None:
    path = interactions_file(tmp_path / "bad.parquet", **columns)
    with Store.open(tmp_path / "s.db") as store:
        store.add_contacts([Contact(uid="ada")])
        with pytest.raises(ParseError) as err:
            store.import_parquet(path)
        assert expected in str(err.value)
        assert store.counts().interactions == 0
    code, out = invoke("import", str(path), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert expected in out
    assert "Traceback" not in out


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("uid,name\nada,Ada\n")
    code, out = invoke("import", str(path), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "not a readable Parquet file" in out
    assert len(out.strip().splitlines()) == 1


def test_export_parquet_needs_a_folder(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        fill(store)
    code, out = invoke("export", "--db", str(tmp_path / "a.db"), "--format", "parquet", "-o", "-")
    assert code != 0
    assert "folder" in out


@pytest.mark.slow
def test_parquet_import_grows_linearly(tmp_path: Path) -> None:
    # Hostile shape: one interaction naming every contact, plus one row each naming nobody.
    counter = iter(range(10**9))

    def make(n: int) -> tuple[Path, int]:
        path = tmp_path / f"in{n}.parquet"
        interactions_file(
            path,
            interaction_id=["x"] * n + [f"y{k}" for k in range(n)],
            contact_uid=[f"c{k}" for k in range(n)] + ["nobody"] * n,
            at=pl.Series([AT] * (2 * n), dtype=pl.Datetime("us", "UTC")),
            kind=["call"] * (2 * n),
            direction=["mutual"] * (2 * n),
        )
        return path, n

    def run(made: object) -> None:
        assert isinstance(made, tuple)
        path, n = made
        with Store.open(tmp_path / f"s{next(counter)}.db") as store:
            store.add_contacts([Contact(uid=f"c{k}", formatted_name=f"P{k}") for k in range(n)])
            report = store.import_parquet(path)
        assert report.interactions_added == 1
        assert len(report.unmatched) == n

    assert_linear(make, run, 500, what="Store.import_parquet", repeat=2)
