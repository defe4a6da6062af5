"""Merges that stick, aliases that survive, and forgetting a person (the store's side)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netcore.dedupe import merge_into
from netcore.errors import NotFoundError, RecordConflictError
from netcore.model import (
    Attendee,
    Contact,
    Email,
    Event,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    Organization,
    Phone,
)
from netcore.store import Store

AT = datetime(2026, 11, 2, 9, tzinfo=UTC)


def ada(uid: str = "ada", **kw: object) -> Contact:
    fields: dict[str, object] = {
        "formatted_name": "Ada Lovelace",
        "emails": (Email(address="ada@example.org"),),
    }
    fields.update(kw)
    return Contact(uid=uid, **fields)  # type: ignore[arg-type]


def test_merge_records_aliases_and_moves_interactions(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add_contacts([ada(), Contact(uid="bob")])
        store.add_contacts([ada("ada-2", emails=(Email(address="ada@work.example"),))])
        store.log(
            Interaction(id="i1", at=AT, contact_uids=("ada-2", "bob"), kind=InteractionKind.CALL)
        )
        store.record(
            LedgerEntry(
                id="l1",
                on=date(2026, 1, 1),
                contact_uid="ada-2",
                direction=FavourDirection.GIVEN,
                kind=FavourKind.ADVICE,
            )
        )
        merged = store.merge("ada", "ada-2")
        assert [e.address for e in merged.emails] == ["ada@example.org", "ada@work.example"]
        assert store.aliases()["ada-2"] == "ada"
        net = store.load()
        assert list(net.contacts) == ["ada", "bob"]
        assert net.interactions[0].contact_uids == ("ada", "bob")
        assert [e.contact_uid for e in net.ledger.active("ada")] == ["ada-2"]
        # Re-importing the merged-away record, by uid or by its email, adds nobody.
        again = store.add_contacts([ada("ada-2", emails=(Email(address="ada@work.example"),))])
        assert again.added == ()
        assert store.counts().contacts == 2
        with pytest.raises(RecordConflictError):
            store.merge("ada", "ada")
        with pytest.raises(NotFoundError):
            store.merge("ada", "nobody")


def test_merge_keeps_an_import_committed_after_the_pairs_were_found(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add_contacts([ada(), ada("ada-2", note="second record")])
        snapshot = store.load()  # what `dedupe` showed the user
        with Store.open(db) as other:  # another process imports meanwhile
            other.add_contacts([Contact(uid="new", formatted_name="Newcomer")])
            other.add_contacts(
                [ada("ada-2", note="second record", phones=(Phone(number="+33 1 23 45 67 89"),))]
            )
        assert "new" not in snapshot
        store.merge_many([("ada", "ada-2")])
        net = store.load()
    # The merge read both records when it ran: nothing the other import wrote is lost.
    assert list(net.contacts) == ["ada", "new"]
    assert [p.number for p in net.contact("ada").phones] == ["+33 1 23 45 67 89"]
    assert net.contact("ada").note == "second record"


def test_save_never_drops_aliases() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([ada()])
        store.add_contacts([ada("phone-17", note="from the phone")])  # alias phone-17 -> ada
        store.add_contacts([Contact(uid="dup", formatted_name="Ada L.")])
        net = store.load()
        merge_into(net, "ada", "dup")  # merged in memory, then saved
        store.save(net)
        assert store.aliases() == {"phone-17": "ada", "dup": "ada"}
        assert store.add_contacts([Contact(uid="dup", formatted_name="Ada L.")]).added == ()


def test_forget_removes_every_trace_and_leaves_a_salted_tombstone(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    phone = Phone(number="+44 20 7946 0958")
    with Store.open(db) as store:
        store.add_contacts([ada(phones=(phone,)), Contact(uid="bob", formatted_name="Bob Stone")])
        store.add_contacts([ada("ada-old", note="old export", phones=(phone,))])  # an alias
        store.log(
            Interaction(id="i1", at=AT, contact_uids=("ada", "bob"), kind=InteractionKind.MEETING)
        )
        store.log(Interaction(id="i2", at=AT, contact_uids=("ada",), kind=InteractionKind.CALL))
        store.add_events(
            [
                Event(
                    uid="ev",
                    start=AT,
                    title="Standup",
                    attendees=(
                        Attendee(email="ada@example.org", name="Ada Lovelace"),
                        Attendee(email="bob@example.org", name="Bob Stone"),
                    ),
                )
            ]
        )
        assert store.forget("ada-old") > 1  # by an alias: the same person
        net = store.load()
        assert list(net.contacts) == ["bob"]
        assert "i2" not in {i.id for i in net.interactions}
        assert "i1" in {i.id for i in net.interactions}
        assert all(i.contact_uids == ("bob",) for i in net.interactions)
        assert [a.name for e in net.events for a in e.attendees] == ["Bob Stone"]
        assert store.aliases() == {}
        assert store.find(email="ada@example.org") == []
        # A later import says so, and skips them with what names them.
        net2 = Network()
        net2.add_contacts([ada("fresh")])
        net2.log(Interaction(id="i9", at=AT, contact_uids=("fresh",), kind=InteractionKind.CALL))
        report = store.import_network(net2, source="again.vcf")
        assert report.forgotten == ("fresh",)
        assert "forgotten" in report.summary()
        assert store.counts().contacts == 1
        assert store.import_network(net2, restore_forgotten=True).added == ("fresh",)
    # Restored by the user's choice; what the forget removed stays removed.
    assert b"old export" not in db.read_bytes()


def test_records_without_email_or_phone_stay_merged_when_reexported_with_new_uids() -> None:
    linkedin = Contact(uid="li-1", formatted_name="Priscilla Nunes", note="Designer")
    google = Contact(uid="g-1", formatted_name="Priscilla Nunes", note="Tailspin")
    with Store.open(":memory:") as store:
        store.add_contacts([linkedin])
        store.add_contacts([google])
        assert store.counts().contacts == 2  # nothing shared: dedupe's job
        store.merge("li-1", "g-1")
        # The next exports give both records fresh uids (many CSV exports do).
        again_li = store.add_contacts([linkedin.model_copy(update={"uid": "li-2"})])
        again_g = store.add_contacts([google.model_copy(update={"uid": "g-2"})])
        assert (again_li.added, again_g.added) == ((), ())
        assert store.counts().contacts == 1
        assert set(store.aliases()) == {"g-1", "li-2", "g-2"}


def _two_anns(tag: str) -> list[Contact]:
    phone = (Phone(number="+44 20 7946 0958"),)
    return [
        Contact(uid=f"{tag}1", formatted_name="Ann Lee", phones=phone),
        Contact(
            uid=f"{tag}2",
            formatted_name="Ann Lee",
            phones=phone,
            organizations=(Organization(name="Acme"),),
        ),
    ]


@pytest.mark.parametrize("fresh_uids", [False, True], ids=["same-uids", "fresh-uids"])
def test_two_records_of_one_file_merged_stay_one_on_reimport(fresh_uids: bool) -> None:
    # RT-dedupe-15: both records of one file may claim the contact they were merged into.
    with Store.open(":memory:") as store:
        store.import_records(contacts=_two_anns("x"), source="phone.vcf")
        store.merge("x1", "x2")
        again = store.import_records(
            contacts=_two_anns("y" if fresh_uids else "x"), source="phone.vcf"
        )
        assert again.added == ()
        assert store.counts().contacts == 1


def test_two_records_of_one_file_not_merged_stay_two() -> None:
    with Store.open(":memory:") as store:
        store.import_records(contacts=_two_anns("x"), source="phone.vcf")
        again = store.import_records(contacts=_two_anns("y"), source="phone.vcf")
        assert again.added == ()
        assert store.counts().contacts == 2
