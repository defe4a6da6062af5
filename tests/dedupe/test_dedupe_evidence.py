"""Issue 15 item 1: evidence first, names across scripts and spellings, titles, NFC/NFD."""

from __future__ import annotations

import unicodedata

from netcore.dedupe import DEFAULT_THRESHOLD, Match, find_duplicates
from netcore.dedupe._keys import email_key, name_keys, profile_key
from netcore.model import Contact, Email, Name, Organization, Phone, Url


def _c(uid: str, fn: str = "", **kw: object) -> Contact:
    return Contact(uid=uid, formatted_name=fn, **kw)  # type: ignore[arg-type]


def _one(contacts: list[Contact]) -> Match:
    matches = find_duplicates(contacts)
    assert len(matches) == 1, matches
    assert matches[0].score >= DEFAULT_THRESHOLD
    return matches[0]


def test_cyrillic_and_latin_olga_sharing_emails_phone_company() -> None:
    shared = {
        "emails": (Email(address="olga@example.ru"), Email(address="o.smirnova@corp.example")),
        "phones": (Phone(number="+7 495 123 45 67"),),
        "organizations": (Organization(name="Rosatom"),),
    }
    m = _one([_c("1", "Ольга Смирнова", **shared), _c("2", "Olga Smirnova", **shared)])
    assert m.score > 0.95
    assert "same email olga@example.ru" in m.reasons
    assert "same email o.smirnova@corp.example" in m.reasons
    assert "same phone +74951234567" in m.reasons
    assert "names 1.00 similar, same company" in m.reasons


def test_chinese_characters_and_pinyin_sharing_an_email() -> None:
    email = (Email(address="wang.fang@example.cn"),)
    m = _one([_c("1", "王芳", emails=email), _c("2", "Wang Fang", emails=email)])
    assert m.reasons[0] == "same email wang.fang@example.cn"
    assert "names 1.00 similar" in m.reasons


def test_a_shared_email_decides_whatever_the_names_say() -> None:
    email = (Email(address="x@example.org"),)
    m = _one([_c("1", "Alice Walker", emails=email), _c("2", "Zoe Quinn", emails=email)])
    assert m.reasons[0] == "same email x@example.org"


def test_german_umlauts_meet_their_ue_spelling() -> None:
    org = (Organization(name="Siemens AG", title="Ingenieur"),)
    a = _c("1", "Jürgen Müller-Lüdenscheid", organizations=org)
    b = _c("2", "Juergen Mueller-Luedenscheid", organizations=org)
    m = _one([a, b])
    assert "names 1.00 similar, same company" in m.reasons
    assert "compared as 'juergen muellerluedenscheid' and 'juergen muellerluedenscheid'" in (
        m.reasons
    )


def test_plain_u_spelling_still_meets_the_umlaut() -> None:
    _one([_c("1", "Jürgen Müller"), _c("2", "Jurgen Muller")])


def test_nordic_letters_fold_both_ways() -> None:
    _one([_c("1", "Søren Ågård"), _c("2", "Soeren Aagaard")])
    _one([_c("1", "Søren Ågård"), _c("2", "Soren Agard")])


def test_eszett_is_not_changed_in_the_record_only_in_the_key() -> None:
    a = _c("1", "Johann Strauß")
    m = _one([a, _c("2", "Johann Strauss")])
    assert m.a.formatted_name == "Johann Strauß"
    assert {k.family for k in name_keys(a)} == {"strauss"}


def test_titles_and_post_nominals_are_stripped() -> None:
    a = _c("1", "Dr. Emily Jane Carter PhD")
    b = Contact(uid="2", name=Name(given="Emily", family="Carter, PhD"), source="linkedin")
    m = _one([a, b])
    assert "names 1.00 similar" in m.reasons
    for fn in ("Prof. Emily Carter, CFA", "Emily Carter MBA", "Carter, Emily, Jr."):
        assert [(k.given, k.family) for k in name_keys(_c("x", fn))] == [("emily", "carter")], fn


def test_last_comma_first_order() -> None:
    assert [(k.given, k.family) for k in name_keys(_c("x", "Carter, Emily"))] == [
        ("emily", "carter")
    ]


def test_nfc_and_nfd_email_are_one_key() -> None:
    composed = unicodedata.normalize("NFC", "josé@café.example")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert email_key(Email(address=composed)) == email_key(Email(address=decomposed.upper()))
    m = _one(
        [
            _c("1", "José Álvarez", emails=(Email(address=composed),)),
            _c(
                "2",
                unicodedata.normalize("NFD", "José Álvarez"),
                emails=(Email(address=decomposed),),
            ),
        ]
    )
    assert m.reasons[0] == f"same email {composed}"


def test_linkedin_profile_url_is_a_strong_identifier() -> None:
    assert profile_key("https://uk.linkedin.com/in/emily-carter/?trk=x") == (
        "linkedin.com/in/emily-carter"
    )
    a = _c(
        "1", "E. Carter", social_profiles=(Url(value="https://www.linkedin.com/in/emily-carter"),)
    )
    b = _c("2", "Emily C", urls=(Url(value="http://uk.linkedin.com/in/Emily-Carter/"),))
    m = _one([a, b])
    assert m.reasons[0] == "same profile linkedin.com/in/emily-carter"


def test_same_name_at_different_companies_with_different_emails_is_not_paired() -> None:
    a = _c(
        "1",
        "John Smith",
        emails=(Email(address="john@acme.example"),),
        organizations=(Organization(name="Acme"),),
    )
    b = _c(
        "2",
        "John Smith",
        emails=(Email(address="jsmith@globex.example"),),
        organizations=(Organization(name="Globex"),),
    )
    assert find_duplicates([a, b]) == []
    (m,) = find_duplicates([a, b], threshold=0.5)
    assert "different companies" in m.reasons
    assert "different emails" in m.reasons


def test_role_mailbox_does_not_decide() -> None:
    email = (Email(address="info@acme.example"),)
    assert (
        find_duplicates([_c("1", "Alice Walker", emails=email), _c("2", "Zoe Quinn", emails=email)])
        == []
    )


def test_an_identifier_shared_by_many_is_not_strong() -> None:
    email = (Email(address="team@lab.example"),)
    names = ["Ann Lee", "Bo Diaz", "Cy Ford", "Di Moss", "Ed Kahn", "Fay Ruiz", "Gus Ode", "Hal Yu"]
    people = [_c(str(i), name, emails=email) for i, name in enumerate(names)]
    assert find_duplicates(people) == []
    m = find_duplicates(people, threshold=0.0)[0]
    assert "same email team@lab.example, but 8 contacts share it" in m.reasons


def test_chinese_given_name_of_two_syllables_stays_one_name() -> None:
    structured = Contact(uid="1", name=Name(given="秀英", family="王"), source="linkedin")
    assert [(k.given, k.family) for k in name_keys(structured)] == [("xiuying", "wang")]
    assert [(k.given, k.family) for k in name_keys(_c("2", "王秀英"))] == [("xiuying", "wang")]
    m = _one([structured, _c("3", "Xiuying Wang")])
    assert "names 1.00 similar" in m.reasons


def test_short_family_names_need_close_given_names() -> None:
    assert find_duplicates([_c("1", "Xiumei Li"), _c("2", "Xiumin Li")]) == []
    assert find_duplicates([_c("1", "Wei Li"), _c("2", "Wei Liu")]) == []


def test_huge_initials_block_is_bounded() -> None:
    people = [
        _c(
            str(i),
            "J. Smith" if i % 10 == 0 else "John Smith",
            organizations=(Organization(name=f"Co {i}"),),
        )
        for i in range(1500)
    ]
    from netcore.dedupe._blocking import WINDOW, candidate_pairs, features

    pairs, _ = candidate_pairs([features(c) for c in people], 40)
    # every key's block is walked by sorted neighbourhood: at most WINDOW pairs per member
    # per key (each contact has at most 4 name keys and 2 organisation keys here)
    assert len(pairs) <= 1500 * WINDOW * 3
    assert len(pairs) < 280_000 // 5


def test_generation_read_from_a_comma_part_and_from_name_suffixes() -> None:
    (comma,) = name_keys(_c("1", "Smith, John, Jr."))
    assert (comma.given, comma.family, comma.generation) == ("john", "smith", "jr")
    (parts,) = name_keys(_c("2", name=Name(given="John", family="Smith", suffixes=("III",))))
    assert parts.generation == "iii"
    (plain,) = name_keys(_c("3", "Dr. John Smith PhD"))
    assert plain.generation == ""


def test_junior_and_third_are_two_people_even_at_one_company() -> None:
    acme = (Organization(name="Acme"),)
    a = _c("1", "John Smith Jr.", organizations=acme)
    b = _c("2", "John Smith III", organizations=acme)
    assert find_duplicates([a, b]) == []


def test_one_side_generation_is_named_in_the_reasons() -> None:
    phone = (Phone(number="+44 20 7946 0958"),)
    m = _one([_c("1", "John Smith", phones=phone), _c("2", "John Smith Jr.", phones=phone)])
    assert m.score < 0.9
    assert "Jr on one side only (father and son?)" in m.reasons


def test_household_phone_keeps_a_typo_or_an_initial_strong() -> None:
    phone = (Phone(number="+49 30 1234567"),)
    typo = _one([_c("1", "Jon Schmidt", phones=phone), _c("2", "John Schmidt", phones=phone)])
    assert "same phone +49301234567" in typo.reasons
    initial = _one([_c("1", "H. Schmidt", phones=phone), _c("2", "Hans Schmidt", phones=phone)])
    assert "same phone +49301234567" in initial.reasons


def test_plus_sub_address_is_a_weak_shared_mailbox() -> None:
    a = _c("1", "Ann Lee", emails=(Email(address="ann@x.com"),))
    b = _c("2", "Ann Lee", emails=(Email(address="Ann+News@x.com"),))
    m = _one([a, b])
    assert "same mailbox ann@x.com (another +sub-address)" in m.reasons
    assert not any("different emails" in r for r in m.reasons)
    assert m.score < 0.9


def test_korean_family_name_common_spelling_and_kana_long_vowel() -> None:
    assert ("minjun", "kim") in {(k.given, k.family) for k in name_keys(_c("1", "김민준"))}
    assert ("yamada", "taro") in {(k.given, k.family) for k in name_keys(_c("2", "ヤマダ タロウ"))}


def test_typo_birthdays_cost_less_than_different_ones() -> None:
    from datetime import date

    def bday(d: date) -> list[Contact]:
        return [
            _c("1", "Ann Lee", emails=(Email(address="ann@x.com"),), birthday=date(1990, 1, 2)),
            _c("2", "Ann Lee", emails=(Email(address="ann@x.com"),), birthday=d),
        ]

    (swapped,) = find_duplicates(bday(date(1990, 2, 1)), threshold=0.0)
    (other,) = find_duplicates(bday(date(1975, 7, 30)), threshold=0.0)
    assert other.score < swapped.score < 0.9
    assert any("(a typo?)" in r for r in swapped.reasons)
