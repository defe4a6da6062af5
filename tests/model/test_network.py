from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from netcore.errors import NotFoundError, RecordConflictError
from netcore.model import (
    Contact,
    Email,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
    Phone,
)
from netcore.testing import networks

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def ada(**kw):
    return Contact(
        uid="ada",
        formatted_name="Ada Lovelace",
        emails=(Email(address="Ada@Example.org"),),
        phones=(Phone(number="+44 20 7946 0958"), Phone(number="030 1234567")),
        **kw,
    )


def call(uid="ada", days=0, **kw):
    return Interaction(
        at=T0 + timedelta(days=days), contact_uids=(uid,), kind=InteractionKind.CALL, **kw
    )


def test_adding_a_second_contact_with_the_same_uid_is_an_error_not_an_overwrite():
    net = Network()
    net.add_contacts([ada()])
    with pytest.raises(RecordConflictError, match="replace_contact"):
        net.add_contact(ada(note="other"))
    assert net.contact("ada").note is None


def test_add_contacts_is_all_or_nothing():
    net = Network()
    with pytest.raises(RecordConflictError):
        net.add_contacts([Contact(uid="b"), ada(), ada()])
    assert len(net) == 0


def test_replace_contact_is_the_explicit_overwrite_and_reindexes():
    net = Network()
    net.add_contact(ada())
    old = net.replace_contact(Contact(uid="ada", emails=(Email(address="new@example.org"),)))
    assert old.formatted_name == "Ada Lovelace"
    assert net.find(email="ada@example.org") == []
    assert [c.uid for c in net.find(email="NEW@example.org")] == ["ada"]
    with pytest.raises(NotFoundError):
        net.replace_contact(Contact(uid="ghost"))


def test_find_by_email_is_case_insensitive_and_by_phone_uses_e164_or_digits():
    net = Network()
    net.add_contact(ada())
    assert net.find(email="  ADA@example.ORG ")[0].uid == "ada"
    assert net.find(phone="+442079460958")[0].uid == "ada"
    assert net.find(phone="+44 (20) 7946-0958")[0].uid == "ada"
    assert net.find(phone="030/123 4567")[0].uid == "ada"
    assert net.find(name="Ada Lovelace")[0].uid == "ada"
    assert net.find(name="ada lovelace") == []


def test_find_needs_exactly_one_criterion():
    with pytest.raises(ValueError, match="exactly one"):
        Network().find()
    with pytest.raises(ValueError, match="exactly one"):
        Network().find(email="a@b.c", name="A")


def test_contact_lookup_of_an_unknown_uid_is_not_found():
    with pytest.raises(NotFoundError, match="ghost"):
        Network().contact("ghost")


def test_log_rejects_unknown_contacts_and_duplicate_ids():
    net = Network()
    net.add_contact(ada())
    i = net.log(call())
    with pytest.raises(RecordConflictError, match="already logged"):
        net.log(i)
    with pytest.raises(NotFoundError, match="unknown contact"):
        net.log(call(uid="ghost"))
    assert len(net.interactions) == 1


def test_interactions_with_returns_oldest_first_whatever_the_log_order():
    net = Network()
    net.add_contact(ada())
    late, early = net.log(call(days=5)), net.log(call(days=1))
    assert net.interactions_with("ada") == (early, late)
    assert list(net.interactions) == [late, early]


def test_interactions_view_is_read_only():
    net = Network()
    view = net.interactions
    assert not hasattr(view, "append")


def test_log_many_logs_until_the_first_bad_one_and_restores_gc():
    import gc

    net = Network()
    net.add_contact(ada())
    with pytest.raises(NotFoundError):
        net.log_many([call(days=1), call(days=2), call(uid="ghost"), call(days=3)])
    assert len(net.interactions) == 2
    assert gc.isenabled()


def test_merge_contacts_repoints_interactions_and_ledger():
    net = Network()
    net.add_contacts([ada(), Contact(uid="ada2", formatted_name="A. Lovelace")])
    net.log(call(uid="ada2"))
    both = net.log(Interaction(at=T0, contact_uids=("ada", "ada2"), kind=InteractionKind.MEETING))
    net.ledger.record(
        LedgerEntry(
            on=T0.date(),
            contact_uid="ada2",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.REFERRAL,
        )
    )
    before = net.revision
    net.merge_contacts("ada", "ada2", ada(nicknames=("A. Lovelace",)))
    assert "ada2" not in net
    assert net.revision > before
    assert all(i.contact_uids in {("ada",)} for i in net.interactions_with("ada"))
    assert len(net.interactions_with("ada")) == 2
    assert [i.id for i in net.interactions if i.id == both.id]
    assert net.ledger.totals("ada") == (0.0, 1.0)
    assert net.find(name="A. Lovelace") == []


def test_merge_contacts_refuses_a_merged_record_with_another_uid():
    net = Network()
    net.add_contacts([ada(), Contact(uid="b")])
    with pytest.raises(RecordConflictError, match="must keep uid"):
        net.merge_contacts("ada", "b", Contact(uid="b"))
    with pytest.raises(RecordConflictError, match="itself"):
        net.merge_contacts("ada", "ada", ada())


def test_repr_is_a_short_summary():
    net = Network()
    net.add_contact(ada())
    assert repr(net) == "Network(contacts=1, interactions=0, events=0, ledger_entries=0)"


@given(networks())
def test_every_logged_interaction_is_found_from_each_of_its_contacts(net):
    for inter in net.interactions:
        for uid in inter.contact_uids:
            assert inter in net.interactions_with(uid)
