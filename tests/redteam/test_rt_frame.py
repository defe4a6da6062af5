"""Red team: the columnar scoring engine, `netcore score` and the store's Parquet (issue 16).

Written from the public docs only (docs/scale.md, docs/frame-schema.json, docs/cli.md,
docs/storage.md, docs/limits.md). Each test asserts what a demanding user expects; a
defect still open is marked ``xfail(strict=True)`` with its finding id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from netcore import Contact, Interaction, InteractionKind, Network
from netcore.cli import app
from netcore.errors import ParseError
from netcore.scoring import frame, rank

AS_OF = date(2026, 11, 27)


def _interactions(**over: list[Any]) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {
        "interaction_id": ["i1", "i2"],
        "contact_uid": ["ada", "bob"],
        "at": [datetime(2026, 11, 1, tzinfo=UTC)] * 2,
        "kind": ["call", "email"],
        "direction": ["mutual", "outbound"],
    }
    columns.update(over)
    return pl.DataFrame(columns)


def _ledger(**over: list[Any]) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {
        "id": ["e1", "e2"],
        "contact_uid": ["ada", "ada"],
        "on": [date(2026, 1, 1)] * 2,
        "direction": ["given", "received"],
        "kind": ["favour", "advice"],
        "weight": [1.0, 2.0],
    }
    columns.update(over)
    return pl.DataFrame(columns)


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"NETCORE_ME": ""})


# --- RT-frame-1: due dates past the end of the calendar -----------------------------


def _late_network() -> Network:
    net = Network()
    net.add_contacts([Contact(uid="ada", cadence_days=36500), Contact(uid="bob")])
    net.log(
        Interaction(
            at=datetime(9990, 1, 1, tzinfo=UTC),
            contact_uids=("ada",),
            kind=InteractionKind.CALL,
            direction="mutual",
        )
    )
    return net


def test_object_engine_clamps_a_due_date_past_9999() -> None:
    # the reference: scoring.rank below its columnar threshold
    health = {h.uid: h for h in rank(_late_network(), as_of=date(9999, 12, 31))}
    assert health["ada"].next_due == date(9999, 12, 31)


def test_frame_due_on_is_clamped_to_the_calendar_like_the_object_engine() -> None:
    interactions, contacts, ledger = frame.frames_of(_late_network())
    result = frame.rank(interactions, contacts, ledger, as_of=date(9999, 12, 31))
    rows = {row["uid"]: row for row in result.iter_rows(named=True)}
    assert rows["ada"]["due_on"] == date(9999, 12, 31)
    assert (rows["ada"]["due"], rows["ada"]["overdue_days"]) == (True, 0)  # as scoring.due


def test_object_api_above_threshold_clamps_a_due_date_past_9999(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import netcore.scoring._health as health_module

    monkeypatch.setattr(health_module, "COLUMNAR_FROM", 1)
    health = {h.uid: h for h in rank(_late_network(), as_of=date(9999, 12, 31))}
    assert health["ada"].next_due == date(9999, 12, 31)


def test_cli_score_writes_readable_due_dates_at_the_end_of_the_calendar(
    tmp_path: Path,
) -> None:
    interactions, contacts, _ledger_frame = frame.frames_of(_late_network())
    folder = tmp_path / "tables"
    folder.mkdir()
    interactions.write_parquet(folder / "interactions.parquet")
    contacts.write_parquet(folder / "contacts.parquet")
    out = tmp_path / "scores.parquet"
    result = _run("score", "--input", str(folder), "--output", str(out), "--as-of", "9999-12-31")
    assert result.exit_code == 0, result.output
    scores = pl.read_parquet(out)
    assert max(d for d in scores["due_on"].to_list() if d is not None) == date(9999, 12, 31)


# --- RT-frame-2: one interaction's row repeated ----------------------------------------


def test_a_repeated_interaction_row_is_refused() -> None:
    doubled = pl.concat([_interactions(), _interactions().head(1)])
    with pytest.raises(ParseError, match="interaction_id"):
        frame.rank(doubled, as_of=AS_OF)


# --- RT-frame-3: two ledger entries with one id ----------------------------------------


def test_two_ledger_entries_with_one_id_are_refused() -> None:
    with pytest.raises(ParseError, match="id"):
        frame.rank(_interactions(), None, _ledger(id=["e1", "e1"]), as_of=AS_OF)


# --- RT-frame-4: fractions in integer columns -------------------------------------------


def test_a_fractional_cadence_is_refused() -> None:
    contacts = pl.DataFrame({"uid": ["ada", "bob"], "cadence_days": [3.5, 7.0]})
    with pytest.raises(ParseError, match="cadence_days"):
        frame.rank(_interactions(), contacts, as_of=AS_OF)


def test_a_fractional_participant_count_is_refused() -> None:
    with pytest.raises(ParseError, match="participants"):
        frame.rank(_interactions(participants=[2.5, 1.0]), as_of=AS_OF)


def test_whole_floats_in_an_integer_column_still_score_like_integers() -> None:
    # pandas has no nullable int without extension types: 7.0 must keep working
    as_float = frame.rank(
        _interactions(),
        pl.DataFrame({"uid": ["ada", "bob"], "cadence_days": [3.0, None]}),
        as_of=AS_OF,
    )
    as_int = frame.rank(
        _interactions(),
        pl.DataFrame({"uid": ["ada", "bob"], "cadence_days": [3, None]}),
        as_of=AS_OF,
    )
    assert as_float.equals(as_int)


# --- RT-frame-5: --output over an input table ------------------------------------------


def test_score_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    tables = tmp_path / "interactions.parquet"
    _interactions().write_parquet(tables)
    before = tables.read_bytes()
    result = _run("score", "--input", str(tables), "--output", str(tables), "--as-of", "2026-11-27")
    assert result.exit_code == 2, result.output
    assert tables.read_bytes() == before


def test_score_refuses_to_write_over_a_table_of_its_input_folder(tmp_path: Path) -> None:
    _interactions().write_parquet(tmp_path / "interactions.parquet")
    _ledger().write_parquet(tmp_path / "ledger.parquet")
    before = (tmp_path / "ledger.parquet").read_bytes()
    out = tmp_path / "ledger.parquet"
    result = _run("score", "--input", str(tmp_path), "--output", str(out), "--as-of", "2026-11-27")
    assert result.exit_code == 2, result.output
    assert out.read_bytes() == before


# --- RT-frame-6: rows naming no contact are dropped without a word ----------------------


def test_interactions_naming_no_contact_are_refused() -> None:
    with pytest.raises(ParseError, match="bob"):
        frame.rank(_interactions(), pl.DataFrame({"uid": ["ada"]}), as_of=AS_OF)


# --- RT-frame-7: empty uids -------------------------------------------------------------


def test_an_empty_contact_uid_is_refused() -> None:
    # the model refuses Contact(uid=""); the store import refuses an empty id
    with pytest.raises(ParseError, match="contact_uid"):
        frame.rank(_interactions(contact_uid=["", "bob"]), as_of=AS_OF)
    categorical = _interactions(contact_uid=["", "bob"]).with_columns(
        pl.col("contact_uid").cast(pl.Categorical)
    )
    with pytest.raises(ParseError, match="contact_uid"):
        frame.rank(categorical, as_of=AS_OF)
    with pytest.raises(ParseError, match="uid"):
        frame.rank(_interactions(), pl.DataFrame({"uid": ["ada", "bob", ""]}), as_of=AS_OF)


# --- RT-frame-8: a ledger entry reversing itself ----------------------------------------


def test_a_ledger_entry_reversing_itself_is_refused() -> None:
    with pytest.raises(ParseError, match="reverses"):
        frame.rank(_interactions(), None, _ledger(reverses=["e1", None]), as_of=AS_OF)


# --- RT-frame-9: importing a scores file rewrites every contact's cadence -----------------


def test_importing_a_scores_file_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    from netcore.store import Store

    db = tmp_path / "n.db"
    with Store.open(db) as store:
        store.add_contacts([Contact(uid="ada"), Contact(uid="bob", cadence_days=30)])
    tables = tmp_path / "tables"
    assert _run("export", "--db", str(db), "--format", "parquet", "-o", str(tables)).exit_code == 0
    _interactions().write_parquet(tables / "interactions.parquet")
    scores = tmp_path / "scores.parquet"
    result = _run("score", "--input", str(tables), "--output", str(scores), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    result = _run("import", "--db", str(db), str(scores))
    assert result.exit_code == 1, result.output
    assert "scores" in result.output
    with Store.open(db) as store:
        cadences = dict(store.contacts_frame().select("uid", "cadence_days").iter_rows())
    assert cadences == {"ada": None, "bob": 30}


# --- RT-frame-10: a table written as a folder of parts (Spark, Dask) ----------------------


def test_score_reads_a_table_written_as_a_folder_of_parts(tmp_path: Path) -> None:
    parts = tmp_path / "tables" / "interactions.parquet"
    parts.mkdir(parents=True)
    _interactions().head(1).write_parquet(parts / "part-0.parquet")
    _interactions().tail(1).write_parquet(parts / "part-1.parquet")
    out = tmp_path / "scores.parquet"
    result = _run(
        "score", "--input", str(parts.parent), "--output", str(out), "--as-of", "2026-11-27"
    )
    assert result.exit_code == 0, result.output
    expected = frame.rank(_interactions(), as_of=AS_OF)
    assert pl.read_parquet(out).equals(expected)


# --- RT-frame-11: an engine's or Python's exception instead of a ParseError ----------------


def test_duplicate_column_names_are_a_parse_error() -> None:
    import pandas as pd

    both = _interactions().to_pandas()
    with pytest.raises(ParseError, match="kind"):
        frame.rank(pd.concat([both, both[["kind"]]], axis=1), as_of=AS_OF)


def test_categories_that_are_not_strings_are_a_parse_error() -> None:
    contacts = pl.DataFrame({"uid": ["ada", "bob"], "categories": [[1], [2]]})
    with pytest.raises(ParseError, match="categories"):
        frame.rank(_interactions(), contacts, as_of=AS_OF)


def test_an_all_null_categories_column_reads_as_no_category() -> None:
    nulls = frame.rank(
        _interactions(),
        pl.DataFrame({"uid": ["ada", "bob"], "categories": [None, None]}),
        as_of=AS_OF,
    )
    none = frame.rank(_interactions(), pl.DataFrame({"uid": ["ada", "bob"]}), as_of=AS_OF)
    assert nulls.equals(none)


def test_decimal_durations_score_like_floats() -> None:
    decimal = _interactions(duration_minutes=[1.5, 30.0]).with_columns(
        pl.col("duration_minutes").cast(pl.Decimal(10, 2))
    )
    expected = frame.rank(_interactions(duration_minutes=[1.5, 30.0]), as_of=AS_OF)
    assert frame.rank(decimal, as_of=AS_OF).equals(expected)


# --- RT-frame-12: pandas contacts with their categories as Python lists ------------------


def test_pandas_contacts_with_lists_of_categories_score_like_polars() -> None:
    contacts = pl.DataFrame({"uid": ["ada", "bob"], "categories": [["family"], []]})
    expected = frame.rank(_interactions(), contacts, as_of=AS_OF)
    result = frame.rank(_interactions().to_pandas(), contacts.to_pandas(), as_of=AS_OF)
    keys = ["uid", "score", "kin", "layer"]
    assert result[keys].to_dict("list") == expected.select(keys).to_dict(as_series=False)
    assert expected.filter(pl.col("uid") == "ada")["kin"].to_list() == [True]


# --- RT-frame-13: pandas without a replied column: every outreach "not answered" ----------


def test_pandas_without_replied_scores_like_polars() -> None:
    expected = frame.rank(_interactions(), as_of=AS_OF)
    result = frame.rank(_interactions().to_pandas(), as_of=AS_OF)
    keys = ["uid", "score", "responsiveness", "replies_known"]
    assert result[keys].to_dict("list") == expected.select(keys).to_dict(as_series=False)


@pytest.mark.slow  # about 10 s: Dask's import and scheduler
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_dask_without_replied_scores_like_polars() -> None:
    dd = pytest.importorskip("dask.dataframe")
    expected = frame.rank(_interactions(), pl.DataFrame({"uid": ["ada", "bob"]}), as_of=AS_OF)
    result = frame.rank(
        dd.from_pandas(_interactions().to_pandas(), npartitions=2),
        dd.from_pandas(pl.DataFrame({"uid": ["ada", "bob"]}).to_pandas(), npartitions=1),
        as_of=AS_OF,
    )
    keys = ["uid", "score", "responsiveness", "replies_known"]
    assert result.select(keys).equals(expected.select(keys))


# --- checks that hold (regressions guarded) ----------------------------------------------


def test_upper_case_kind_is_one_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "upper.parquet"
    _interactions(kind=["CALL", "email"]).write_parquet(path)
    result = _run("score", "--input", str(path), "--output", str(tmp_path / "o.parquet"))
    assert result.exit_code == 1
    assert "'CALL'" in result.output
    assert "Traceback" not in result.output


def test_a_corrupted_ledger_in_the_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    _interactions().write_parquet(tmp_path / "interactions.parquet")
    (tmp_path / "ledger.parquet").write_bytes(b"PAR1 not parquet PAR1")
    result = _run("score", "--input", str(tmp_path), "--output", str(tmp_path / "o.parquet"))
    assert result.exit_code == 1
    assert "ledger.parquet" in result.output
    assert not (tmp_path / "o.parquet").exists()


def test_a_time_zone_other_than_utc_scores_like_the_same_instant_in_utc() -> None:
    from datetime import timedelta, timezone

    at = datetime(2026, 11, 27, 22, tzinfo=timezone(timedelta(hours=-5)))
    local = frame.rank(_interactions(at=[at, at]), as_of=AS_OF)
    utc = frame.rank(_interactions(at=[at.astimezone(UTC)] * 2), as_of=AS_OF)
    assert local.equals(utc)
    assert local["ignored_future"].to_list() == [1, 1]


def test_object_api_above_threshold_with_my_own_card_in_an_interaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # me is a contact that interactions may name: never scored, never "naming nobody"
    import netcore.scoring._health as health_module
    from netcore.model import Email, Me

    net = Network(me=Me(emails=("sam@example.org",)))
    net.add_contacts(
        [Contact(uid="sam", emails=(Email(address="sam@example.org"),)), Contact(uid="ada")]
    )
    net.log(
        Interaction(
            at=datetime(2026, 11, 1, tzinfo=UTC),
            contact_uids=("sam", "ada"),
            kind=InteractionKind.MEETING,
            direction="mutual",
        )
    )
    objects = [(h.uid, h.score, h.tier, h.next_due) for h in rank(net, as_of=AS_OF)]
    monkeypatch.setattr(health_module, "COLUMNAR_FROM", 1)
    columnar = [(h.uid, h.score, h.tier, h.next_due) for h in rank(net, as_of=AS_OF)]
    assert [u for u, *_ in objects] == ["ada"]
    assert [u for u, *_ in columnar] == ["ada"]
    assert columnar[0][1] == pytest.approx(objects[0][1], abs=1e-9)
    assert columnar[0][2:] == objects[0][2:]
