"""Who knows whom (issue 17): relations, warm-introduction paths and search."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from netcore import (
    Contact,
    Direction,
    Email,
    Extension,
    Interaction,
    InteractionKind,
    Name,
    Network,
    Organization,
    Related,
    scoring,
)
from netcore.errors import NotFoundError
from netcore.model import (
    Attendee,
    AttendeeStatus,
    Event,
    FavourDirection,
    FavourKind,
    LedgerEntry,
    Relation,
    RelationKind,
)
from netcore.model.relations import (
    COLLEAGUE_MAX,
    describe_relation,
    fold,
    index_words,
    relevance,
    search_documents,
    search_terms,
    search_words,
)
from netcore.store import Store

DAY = date(2026, 4, 1)


def _c(uid: str, name: str, org: str = "", email: str = "", **kw: object) -> Contact:
    given, _, family = name.partition(" ")
    return Contact(
        uid=uid,
        formatted_name=name,
        name=Name(given=given, family=family),
        organizations=(Organization(name=org),) if org else (),
        emails=(Email(address=email),) if email else (),
        **kw,  # type: ignore[arg-type]
    )


def _talk(net: Network, uid: str, days_ago: int, n: int = 6, every: int = 7) -> None:
    for i in range(n):
        at = datetime(2026, 3, 31, 12, tzinfo=UTC) - timedelta(days=days_ago + i * every)
        net.log(Interaction(at=at, contact_uids=(uid,), kind=InteractionKind.VIDEO))


def _kinds(net: Network) -> set[tuple[str, str, str]]:
    return {(*r.pair, r.kind.value) for r in net.relations()}


# ---- relations ------------------------------------------------------------------------


def test_a_relation_needs_two_people_and_ordered_dates() -> None:
    with pytest.raises(ValueError, match="two different"):
        Relation(a="x", b="x", kind=RelationKind.EXPLICIT, weight=0.5)
    with pytest.raises(ValueError, match="before since"):
        Relation(
            a="x",
            b="y",
            kind=RelationKind.COLLEAGUE,
            weight=0.5,
            since=date(2024, 1, 1),
            until=date(2020, 1, 1),
        )
    with pytest.raises(ValueError, match="greater than 0"):
        Relation(a="x", b="y", kind=RelationKind.EXPLICIT, weight=0.0)


def test_related_by_uid_mailto_name_and_apple_related_names() -> None:
    net = Network()
    net.add_contacts(
        [
            _c("ana", "Ana Ribeiro", related=(Related(value="bo", types=("spouse",)),)),
            _c("bo", "Bo Chen", email="bo@example.org"),
            _c("cy", "Cy Diaz", related=(Related(value="mailto:BO@example.org"),)),
            _c("di", "Di Eze", related=(Related(value="Ana Ribeiro"),)),
            _c(
                "ed",
                "Ed Fox",
                extensions=(
                    Extension(name="X-ABRELATEDNAMES", value="Cy Diaz", group="item5"),
                    Extension(name="X-ABLabel", value="_$!<Friend>!$_", group="item5"),
                ),
            ),
            _c("fa", "Fa Gil", related=(Related(value="urn:uuid:nobody-here"),)),
        ]
    )
    assert _kinds(net) == {
        ("ana", "bo", "related"),
        ("bo", "cy", "related"),
        ("ana", "di", "related"),
        ("cy", "ed", "related"),
    }
    texts = {describe_relation(r, net.contacts) for r in net.relations()}
    assert "Ana lists Bo as spouse" in texts
    assert "Ed lists Cy as friend" in texts


def test_colleagues_share_an_organisation_but_not_a_huge_one() -> None:
    net = Network()
    net.add_contacts(
        [_c("a", "Ann A", "Acme Corp"), _c("b", "Ben B", "ACME"), _c("c", "Cat C", "Acmeville")]
    )
    big = [_c(f"m{i}", f"Mo M{i}", "MegaCorp Ltd") for i in range(COLLEAGUE_MAX + 1)]
    net.add_contacts(big)
    assert _kinds(net) == {("a", "b", "colleague")}


def test_met_at_small_events_weighted_by_group_size() -> None:
    net = Network()
    people = [_c(u, f"{u.title()} X", email=f"{u}@example.org") for u in "abcdefghijklmn"]
    net.add_contacts(people)

    def event(uid: str, who: str, day: int) -> Event:
        return Event(
            uid=uid,
            start=datetime(2026, 3, day, 9, tzinfo=UTC),
            end=datetime(2026, 3, day, 10, tzinfo=UTC),
            title=f"Talk {uid}",
            attendees=tuple(
                Attendee(email=f"{u}@example.org", status=AttendeeStatus.ACCEPTED) for u in who
            ),
        )

    # a, b and c twice in a group of 3 (the invitation lists no one else: group_factor
    # 1/2 each time); everyone at one gathering of 14 (> 12): no relation from it.
    net.add_events(
        [event("s1", "abc", 2), event("s2", "abc", 3), event("big", "abcdefghijklmn", 4)]
    )
    met = [r for r in net.relations() if r.kind is RelationKind.MET]
    assert sorted(r.pair for r in met) == [("a", "b"), ("a", "c"), ("b", "c")]
    expected = 1 - (1 - 1 / 2) ** 2
    assert all(math.isclose(r.weight, expected) for r in met)
    assert "Talk s1, Talk s2 (twice)" in describe_relation(met[0], net.contacts)


def test_introductions_from_the_ledger_and_interactions() -> None:
    net = Network()
    net.add_contacts(
        [_c("pri", "Priya Raman"), _c("sam", "Samuel Adeyemi"), _c("luc", "Lucas Moreau")]
    )
    net.add_contacts([_c("kwa", "Kwame Mensah")])
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 3, 1),
            contact_uid="pri",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.INTRODUCTION,
            note="Introduced me to Samuel Adeyemi",
        )
    )
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 3, 2),
            contact_uid="luc",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.INTRODUCTION,
            note="Introduced him to Kwame.",
        )
    )
    net.ledger.record(  # names nobody: no relation
        LedgerEntry(
            on=date(2026, 3, 3),
            contact_uid="luc",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.INTRODUCTION,
            note="Introduced me to the Fabrikam data team",
        )
    )
    texts = {describe_relation(r, net.contacts) for r in net.relations()}
    assert texts == {
        "Priya introduced you to Samuel on 2026-03-01",
        "you introduced Lucas to Kwame on 2026-03-02",
    }


def test_two_records_of_one_person_are_no_relation() -> None:
    net = Network()
    net.add_contacts(
        [
            _c("p1", "Priya Raman", "Fabrikam", "priya@example.com"),
            _c("p2", "PRIYA RAMAN", "Fabrikam"),
            _c("k", "Kenji Watanabe", "Fabrikam"),
        ]
    )
    assert _kinds(net) == {("k", "p1", "colleague"), ("k", "p2", "colleague")}


def test_relate_keeps_one_per_pair_and_kind_and_follows_merges() -> None:
    net = Network()
    net.add_contacts([_c("a", "Ann A"), _c("b", "Ben B"), _c("b2", "Benjamin B")])
    with pytest.raises(NotFoundError):
        net.relate("a", "nobody")
    net.relate("a", "b", note="old")
    net.relate("b", "a", weight=0.3, note="new")
    assert [(r.weight, r.note) for r in net.explicit_relations] == [(0.3, "new")]
    net.merge_contacts("b2", "b", net.contact("b2"))
    assert [r.pair for r in net.relations()] == [("a", "b2")]


# ---- intro paths ------------------------------------------------------------------------


def _intro_net() -> Network:
    net = Network()
    net.add_contacts(
        [
            _c("ana", "Ana Ribeiro", "Datum"),
            _c("bo", "Bo Chen", "Initech", "bo@initech.example"),
            _c("cy", "Cy Diaz", "Acme Corp", "cy@acme.example"),
            _c("di", "Di Eze", "Acme Corp", "di@acme.example"),
        ]
    )
    _talk(net, "ana", 2)
    _talk(net, "bo", 80, n=1)
    net.relate(
        "ana", "bo", "colleague", context="Initech", since=date(2019, 1, 1), until=date(2023, 6, 30)
    )
    net.relate("bo", "cy", "explicit", weight=0.5)
    return net


def test_intro_paths_multiply_hop_strengths_with_reasons() -> None:
    net = _intro_net()
    ties = scoring.tie_strengths(net, as_of=DAY)
    paths = scoring.intro_paths(net, "cy", as_of=DAY)
    assert [p.hops for p in paths] == [("ana", "bo", "cy"), ("bo", "cy")]
    best = paths[0]
    assert ties["bo"] * 0.5 < ties["ana"] * 0.5 * 0.5
    assert math.isclose(best.strength, ties["ana"] * 0.5 * 0.5)
    assert math.isclose(paths[1].strength, ties["bo"] * 0.5)
    assert best.reasons[0].startswith("you are in touch with Ana about weekly")
    assert best.reasons[1] == "Ana and Bo worked at Initech 2019-2023"
    assert best.reasons[2] == "Bo knows Cy"
    assert best.target == "cy"
    assert [p.hops for p in scoring.intro_paths(net, "cy", as_of=DAY, max_hops=2)] == [("bo", "cy")]
    assert len(scoring.intro_paths(net, "cy", as_of=DAY, k=1)) == 1


def test_intro_leaves_out_a_detour_through_someone_i_know_better() -> None:
    # Eve knows Ana, but I know Ana far better than Eve does: "Eve -> Ana -> Bo -> Cy"
    # asks one person more for a weaker path than "Ana -> Bo -> Cy"; a networker never
    # wants it offered.
    net = _intro_net()
    net.add_contacts([_c("eve", "Eve Park", "Datum")])
    _talk(net, "eve", 30, n=2, every=20)
    net.relate("eve", "ana", "explicit", weight=0.9)
    ties = scoring.tie_strengths(net, as_of=DAY)
    assert ties["eve"] * 0.9 < ties["ana"]
    paths = scoring.intro_paths(net, "cy", as_of=DAY, max_hops=4, k=5)
    assert [p.hops for p in paths] == [("ana", "bo", "cy"), ("bo", "cy")]


def test_intro_search_stops_after_its_budget_of_extensions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The bound that keeps a contrived graph from costing exponential time: past it the
    # search returns the strongest paths found so far (here: none yet, then both).
    from netcore.scoring import _intro

    net = _intro_net()
    full = [p.hops for p in scoring.intro_paths(net, "cy", as_of=DAY, k=5)]
    assert full == [("ana", "bo", "cy"), ("bo", "cy")]
    seen = []
    for budget in range(1, 12):
        monkeypatch.setattr(_intro, "MAX_EXPANSIONS", budget)
        seen.append([p.hops for p in scoring.intro_paths(net, "cy", as_of=DAY, k=5)])
    assert seen[0] == []
    assert seen[-1] == full
    assert all(found == full[: len(found)] for found in seen)  # the strongest, in order
    assert len({len(found) for found in seen}) == 3  # none, one, then both


def test_intro_targets_an_organisation_or_a_domain() -> None:
    net = _intro_net()
    for target in ("ACME corp.", "acme.example", "@acme.example"):
        paths = scoring.intro_paths(net, target, as_of=DAY)
        assert [p.hops[-1] for p in paths] == ["cy", "cy"], target
    with pytest.raises(NotFoundError):
        scoring.intro_paths(net, "Globex", as_of=DAY)
    with pytest.raises(ValueError, match="must be >= 1"):
        scoring.intro_paths(net, "cy", as_of=DAY, k=0)


def test_intro_never_routes_through_someone_held_back() -> None:
    net = _intro_net()
    # Three unanswered messages to Bo in a row: the nudge guard holds Bo back.
    for i in range(3):
        net.log(
            Interaction(
                at=datetime(2026, 3, 25 + i, 9, tzinfo=UTC),
                contact_uids=("bo",),
                kind=InteractionKind.EMAIL,
                direction=Direction.OUTBOUND,
                replied=False,
            )
        )
    assert scoring.intro_paths(net, "cy", as_of=DAY) == []
    # Bo as the target is still reached, but only through Ana.
    assert [p.hops for p in scoring.intro_paths(net, "bo", as_of=DAY)] == [("ana", "bo")]


# ---- search -----------------------------------------------------------------------------


def test_search_terms_read_a_phone_as_one_key_and_other_digits_as_words() -> None:
    # Issue 17 (RT-networker2-3): the digits of the phone key, as lookup compares phones.
    assert search_terms("+44 (20) 7946-0132") == search_terms("442079460132") == ["442079460132"]
    assert search_terms("2019-2023") == ["2019", "2023"]  # a span of years, no phone
    assert search_terms("020 7946 0132") == ["020", "7946", "0132"]


def test_search_words_and_index_words_agree_on_apostrophes_and_cjk() -> None:
    # Issue 17 (RT-networker2-4, -5): a query word matches an index word it begins.
    assert search_words("O'Brien") == ["obrien"]
    assert set(index_words("Conor O'Brien")) == {"conor", "o", "brien", "obrien"}
    assert set(index_words("山田太郎")) == {"山田太郎", "田太郎", "太郎", "郎"}
    # idempotent: the store keeps the index words and reads them back the same
    assert set(index_words(" ".join(index_words("李小龙 O'Brien")))) == set(
        index_words("李小龙 O'Brien")
    )
    assert fold("محـمد") == fold("محمد")


def test_search_terms_fold_and_drop_question_words() -> None:
    assert search_terms("Who knows Kubernetes?") == ["kubernetes"]
    assert search_terms("who") == ["who"]
    assert search_terms("Inês  DUARTE") == ["ines", "duarte"]
    assert search_terms('"a" NEAR(b*) -c') == ["a", "near", "b", "c"]
    assert search_terms("") == search_terms('  " * ') == []


def _search_net() -> Network:
    net = Network()
    net.add_contacts(
        [
            _c("ana", "Ana Acme", "Datum"),
            _c("bo", "Bo Chen", "Acme Corp"),
            _c("cy", "Cy Diaz", "Initech", note="worked with Acme on pricing"),
            _c("di", "Di Eze", "Acme Corp"),
            _c("ines", "Inês Duarte", "Northwind", categories=("kubernetes",)),
        ]
    )
    return net


def test_search_ranks_by_field_then_tie_strength() -> None:
    net = _search_net()
    assert [c.uid for c in net.search("acme")] == ["ana", "bo", "di", "cy"]
    # Di is closer than Bo: same field, stronger tie first; a name match still wins.
    ties = {"di": 0.9, "bo": 0.1}
    assert [c.uid for c in net.search("acme", strengths=ties)] == ["di", "ana", "bo", "cy"]
    # "who at Acme" asks who is at Acme: organisations only (RT-networker2-12).
    assert [c.uid for c in net.search("who at acme", strengths=ties)] == ["di", "bo"]
    assert [c.uid for c in net.search("INES kube")] == ["ines"]
    assert net.search("acme nobody") == []
    doc = search_documents(net, ["cy"])[0]
    assert relevance(doc, ["acme"]) == 1.0  # a note: the lowest weight


@pytest.mark.parametrize("text", ['"', "NEAR", "*", "-", "", "a OR b", "'", "%", "_", "NOT", "^"])
def test_hostile_queries_never_raise_in_memory_or_in_the_store(text: str) -> None:
    net = _search_net()
    with Store.open(":memory:") as store:
        store.save(net)
        assert [c.uid for c in store.search(text)] == [c.uid for c in net.search(text)]


def test_the_store_keeps_relations_and_its_index_follows_changes(tmp_path: object) -> None:
    net = _search_net()
    net.relate("ana", "bo", note="met at a wedding")
    with Store.open(":memory:") as store:
        store.save(net)
        assert [c.uid for c in store.search("acme")] == ["ana", "bo", "di", "cy"]
        store.relate("cy", "di", "colleague", context="Initech")
        loaded = store.load()
        assert {(r.pair, r.kind.value) for r in loaded.explicit_relations} == {
            (("ana", "bo"), "explicit"),
            (("cy", "di"), "colleague"),
        }
        with pytest.raises(NotFoundError):
            store.relate("cy", "nobody")
        store.add_contacts([_c("eve", "Eve Acme", "Globex")])
        assert [c.uid for c in store.search("acme", limit=2)] == ["ana", "eve"]
        store.forget("bo")
        assert [r.pair for r in store.relations()] == [("cy", "di")]
        assert "bo" not in [c.uid for c in store.search("acme")]


def test_import_network_keeps_relations_under_the_stored_uids() -> None:
    first = Network()
    first.add_contacts(
        [_c("ana", "Ana Lima", email="ana@example.org"), _c("bo", "Bo Chen"), _c("cy", "Cy")]
    )
    second = Network()  # a later export: Ana under another uid, a relation made in memory
    second.add_contacts(
        [_c("ana-2", "Ana Lima", email="ana@example.org"), _c("bo", "Bo Chen"), _c("cy", "Cy")]
    )
    second.relate("ana-2", "bo", "colleague", context="Acme")
    second.relate("bo", "cy", note="climbing club")
    with Store.open(":memory:") as store:
        store.import_network(first, source="phone.vcf")
        store.forget("cy")  # removed on purpose: the later import must not bring cy back
        store.import_network(second, source="laptop.vcf")
        kept = {(r.a, r.b, r.kind.value, r.context) for r in store.relations()}
        assert kept == {("ana", "bo", "colleague", "Acme")}
        assert {(r.a, r.b) for r in store.load().explicit_relations} == {("ana", "bo")}


def test_a_store_merge_hands_relations_to_the_survivor() -> None:
    net = _search_net()
    net.add_contacts([_c("bo2", "Bo Chen", "Acme Corp")])
    net.relate("ana", "bo2", note="old friends")
    net.relate("bo", "bo2", note="a self-loop after the merge")
    with Store.open(":memory:") as store:
        store.save(net)
        store.merge("bo", "bo2")
        kept = store.relations()
        assert [(r.a, r.b, r.note) for r in kept] == [("ana", "bo", "old friends")]
        assert [(r.a, r.b) for r in store.load().explicit_relations] == [("ana", "bo")]


def test_search_finds_alternate_values_kept_by_a_merge() -> None:
    from netcore.dedupe import merge

    net = Network()
    a = _c("a", "Ann Smith", "Acme")
    b = _c("b", "Ann Jones", "Acme", note="maiden name")
    net.add_contacts([merge(a, b)])
    assert [c.uid for c in net.search("jones")] == ["a"]
    with Store.open(":memory:") as store:
        store.save(net)
        assert [c.uid for c in store.search("jones")] == ["a"]


def test_forget_leaves_nothing_in_the_search_index_or_relations(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    net = _search_net()
    net.add_contacts([_c("far", "Farid Haddad", "Acme Corp", "farid.haddad@example.org")])
    net.relate("far", "ana", note="Farid's old friend")
    with Store.open(db) as store:
        store.save(net)
        assert [c.uid for c in store.search("farid")] == ["far"]  # the index now holds him
        store.forget("far")
    for _ in range(2):  # right after forget, and after the index is rebuilt
        data = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
        for needle in (b"Farid", b"farid", b"haddad"):
            assert needle not in data, needle
        with Store.open(db) as store:
            assert store.search("farid") == []
            assert [c.uid for c in store.search("acme")] == ["ana", "bo", "di", "cy"]
