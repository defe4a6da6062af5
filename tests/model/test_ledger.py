from datetime import date

import pytest

from netcore.errors import NotFoundError, RecordConflictError
from netcore.model import FavourDirection, FavourKind, Ledger, LedgerEntry

D = date(2026, 3, 1)


def entry(uid="ada", direction=FavourDirection.GIVEN, weight=1.0, **kw):
    return LedgerEntry(
        on=D, contact_uid=uid, direction=direction, kind=FavourKind.ADVICE, weight=weight, **kw
    )


def test_record_appends_and_totals_sum_by_direction():
    ledger = Ledger()
    ledger.record(entry(weight=2.0))
    ledger.record(entry(direction=FavourDirection.RECEIVED, weight=0.5))
    ledger.record(entry(uid="bob"))
    assert ledger.totals("ada") == (2.0, 0.5)
    assert len(ledger) == 3


def test_an_id_can_be_recorded_only_once():
    ledger = Ledger()
    e = ledger.record(entry())
    with pytest.raises(RecordConflictError, match="already recorded"):
        ledger.record(e)


def test_a_correction_is_a_new_entry_and_both_stop_counting():
    ledger = Ledger()
    e = ledger.record(entry(weight=3.0))
    fix = ledger.reverse(e.id, on=date(2026, 3, 2), note="wrong person")
    assert fix.reverses == e.id
    assert fix.weight == 3.0
    assert fix.id != e.id
    assert ledger.entries == (e, fix)  # history kept
    assert ledger.active() == ()
    assert ledger.totals("ada") == (0.0, 0.0)
    assert ledger.is_reversed(e.id)


def test_an_entry_cannot_be_reversed_twice_nor_a_reversal_reversed():
    ledger = Ledger()
    e = ledger.record(entry())
    fix = ledger.reverse(e.id, on=D)
    with pytest.raises(RecordConflictError, match="already reversed"):
        ledger.reverse(e.id, on=D)
    with pytest.raises(RecordConflictError, match="itself a reversal"):
        ledger.reverse(fix.id, on=D)


def test_reversing_an_unknown_entry_is_not_found():
    with pytest.raises(NotFoundError):
        Ledger().record(entry(reverses="nope"))
    with pytest.raises(NotFoundError):
        Ledger().reverse("nope", on=D)


def test_a_reversal_must_be_about_the_same_contact():
    ledger = Ledger()
    e = ledger.record(entry(uid="ada"))
    with pytest.raises(RecordConflictError, match="reverses an entry for"):
        ledger.record(entry(uid="bob", reverses=e.id))


def test_entries_tuple_cannot_be_used_to_edit_the_ledger():
    ledger = Ledger()
    ledger.record(entry())
    entries = ledger.entries
    assert isinstance(entries, tuple)


def test_repoint_makes_old_entries_count_for_the_survivor_without_rewriting_them():
    ledger = Ledger()
    a = ledger.record(entry(uid="ada", weight=1.0))
    b = ledger.record(entry(uid="ada2", weight=2.0))
    ledger.repoint("ada2", "ada")
    assert ledger.for_contact("ada") == (a, b)
    assert ledger.for_contact("ada2") == (a, b)
    assert ledger.totals("ada") == (3.0, 0.0)
    assert b.contact_uid == "ada2"
    assert ledger.aliases == {"ada2": "ada"}


def test_repoint_chains_resolve_to_the_last_survivor():
    ledger = Ledger()
    ledger.record(entry(uid="c"))
    ledger.repoint("c", "b")
    ledger.repoint("b", "a")
    assert ledger.resolve("c") == "a"
    assert ledger.totals("a") == (1.0, 0.0)


def test_a_new_entry_for_a_merged_uid_counts_for_the_survivor():
    ledger = Ledger()
    ledger.repoint("old", "new")
    ledger.record(entry(uid="old"))
    assert ledger.totals("new") == (1.0, 0.0)


def test_a_chain_of_aliases_lists_every_uid_against_the_last_survivor():
    ledger = Ledger()
    for i in range(5):
        ledger.repoint(f"a{i}", f"a{i + 1}")
    assert ledger.aliases == {f"a{i}": "a5" for i in range(5)}


def test_repointing_a_merged_away_uid_moves_its_survivor_and_never_loops():
    ledger = Ledger()
    ledger.record(entry(uid="c"))
    ledger.repoint("c", "b")
    ledger.repoint("c", "a")  # c counts for b: b (with c's entry) now counts for a
    ledger.repoint("a", "c")  # back to itself: nothing to do
    assert ledger.resolve("b") == "a"
    assert ledger.resolve("c") == "a"
    assert ledger.totals("a") == (1.0, 0.0)
