"""Red-team probes of netcore.dedupe and ``netcore dedupe`` (false positives, false
negatives, lossless merges, review, hostile inputs, cost).

Each finding is an ``xfail(strict=True)`` test asserting the behaviour a person expects;
the passing probes stay as regression guards.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netcore.cli import app
from netcore.dedupe import find_duplicates, merge, merge_into, merged_values
from netcore.model import (
    Contact,
    Email,
    Interaction,
    LedgerEntry,
    Name,
    Network,
    Organization,
    Phone,
    Url,
)
from netcore.model.interaction import InteractionKind
from netcore.model.ledger import FavourDirection, FavourKind
from netcore.store import Store

runner = CliRunner()


def c(
    uid: str,
    fn: str = "",
    *,
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    urls: tuple[str, ...] = (),
    name: Name | None = None,
) -> Contact:
    return Contact(
        uid=uid,
        formatted_name=fn,
        name=name,
        emails=tuple(Email(address=e) for e in emails),
        phones=tuple(Phone(number=p) for p in phones),
        organizations=tuple(Organization(name=o) for o in orgs),
        urls=tuple(Url(value=u) for u in urls),
    )


def pairs(*contacts: Contact, **kw: object) -> dict[frozenset[str], float]:
    return {
        frozenset((m.a.uid, m.b.uid)): m.score
        for m in find_duplicates(contacts, **kw)  # type: ignore[arg-type]
    }


AB = frozenset(("1", "2"))

# ---- false positives a person would never accept --------------------------------------


def test_same_name_different_companies_and_emails_not_paired() -> None:
    a = c("1", "Maria Garcia", emails=("maria@acme.com",), orgs=("Acme",))
    b = c("2", "Maria Garcia", emails=("mgarcia@globex.com",), orgs=("Globex",))
    assert pairs(a, b) == {}


def test_family_landline_different_given_names_not_paired() -> None:
    a = c("1", "Anna Schmidt", phones=("+49 30 1234567",))
    b = c("2", "Peter Schmidt", phones=("+49 30 1234567",))
    assert pairs(a, b) == {}


def test_switchboard_and_generic_info_mailbox_not_paired() -> None:
    staff = [
        c(str(i), n, phones=("+44 20 7946 0000",), emails=("Info@acme.com",), orgs=("Acme",))
        for i, n in enumerate(["Ann Lee", "Bob Ray", "Cy Young", "Di Poe"])
    ]
    assert pairs(*staff) == {}


def test_father_and_son_jr_sharing_landline_not_auto_merged() -> None:
    father = c("1", "John Smith", phones=("+44 20 7946 0958",))
    son = c("2", "John Smith Jr.", phones=("+44 20 7946 0958",))
    assert pairs(father, son).get(AB, 0.0) < 0.9


def test_senior_and_junior_are_not_one_name() -> None:
    assert pairs(c("1", "John Smith Sr."), c("2", "John Smith Jr.")) == {}


def test_siblings_sharing_landline_not_proposed() -> None:
    a = c("1", "Hans Schmidt", phones=("+49 30 1234567",))
    b = c("2", "Hanna Schmidt", phones=("+49 30 1234567",))
    assert pairs(a, b) == {}


def test_role_mailbox_variants_are_not_strong() -> None:
    for box in ("info.de@acme.com", "sales-emea@acme.com", "office.berlin@acme.com"):
        assert pairs(c("1", "Ann Lee", emails=(box,)), c("2", "Bob Ray", emails=(box,))) == {}


def test_shared_email_with_conflicting_names_is_flagged() -> None:
    boss = c("1", "Jane Boss", emails=("jane.boss@acme.com",), orgs=("Acme",))
    aide = c("2", "Tom Helper", emails=("jane.boss@acme.com",), orgs=("Acme",))
    (m,) = find_duplicates([boss, aide])
    assert round(m.score, 2) < 0.9
    assert any("different names" in r for r in m.reasons)


# ---- false negatives a person expects found -------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ольга Смирнова", "Olga Smirnova"),
        ("王芳", "Wang Fang"),
        ("王芳", "Fang Wang"),
        ("Νίκος Παπαδόπουλος", "Nikos Papadopoulos"),
        ("Jürgen Müller-Lüdenscheid", "Juergen Mueller-Luedenscheid"),
        ("Thomas Strauß", "Thomas Strauss"),
        ("Søren Kierkegård", "Soeren Kierkegaard"),
        ("Søren Kierkegård", "Soren Kierkegard"),
        ("José Núñez", "Jose Nunez"),
        ("Smith, John", "John Smith"),
        ("J. Smith", "John Smith"),
        ("Bob Smith", "Robert Smith"),
        ("Bill Gates", "William Gates"),
        ("Dr. Emily Carter PhD", "Emily Carter"),
        ("Prof Dr Emily Carter", "Emily Carter"),
        ("José Núñez", unicodedata.normalize("NFD", "José Núñez")),
    ],
)
def test_spellings_of_one_person_at_one_company_found(left: str, right: str) -> None:
    assert AB in pairs(c("1", left, orgs=("Acme",)), c("2", right, orgs=("Acme",)))


def test_linkedin_carter_phd_split_found() -> None:
    a = c("1", "Dr. Emily Jane Carter PhD", orgs=("MIT",))
    b = c("2", name=Name(given="Emily", family="Carter, PhD"), orgs=("MIT",))
    assert AB in pairs(a, b)


@pytest.mark.xfail(
    strict=True, reason="RT-dedupe-5: Japanese kanji 山田太郎 never meets Taro Yamada"
)
def test_japanese_kanji_vs_romaji_found() -> None:
    assert AB in pairs(c("1", "山田太郎", orgs=("Sony",)), c("2", "Taro Yamada", orgs=("Sony",)))


def test_japanese_katakana_vs_romaji_found() -> None:
    a = c("1", "ヤマダ タロウ", orgs=("Sony",))
    assert AB in pairs(a, c("2", "Taro Yamada", orgs=("Sony",)))


def test_korean_hangul_vs_common_romanisation_found() -> None:
    a = c("1", "김민준", orgs=("Samsung",))
    assert AB in pairs(a, c("2", "Minjun Kim", orgs=("Samsung",)))


@pytest.mark.xfail(
    strict=True, reason="RT-dedupe-8: Arabic محمد علي (mhmd ly) never meets Mohammed Ali"
)
def test_arabic_vs_latin_found() -> None:
    a = c("1", "محمد علي", orgs=("Aramco",))
    assert AB in pairs(a, c("2", "Mohammed Ali", orgs=("Aramco",)))


def test_nfc_and_nfd_email_one_key() -> None:
    address = "josé@café.example"
    a = c("1", "Ann Lee", emails=(unicodedata.normalize("NFC", address),))
    b = c("2", "Bo Ray", emails=(unicodedata.normalize("NFD", address),))
    assert AB in pairs(a, b)


def test_email_case_one_key() -> None:
    a = c("1", "Ann Lee", emails=("Ann.Lee@X.COM",))
    assert AB in pairs(a, c("2", "A Lee", emails=("ann.lee@x.com",)))


def test_phone_00_prefix_is_plus() -> None:
    a = c("1", "Hans Maier", phones=("+49 30 1234567",))
    b = c("2", "H. Maier", phones=("0049 30 1234567",))
    assert AB in pairs(a, b)


def test_plus_addressed_email_same_name_proposed() -> None:
    # A person expects a candidate: "+tag" is a sub-address of the same mailbox at
    # virtually every provider; at least the pair should not be penalised as two people.
    a = c("1", "Ann Lee", emails=("ann@x.com",))
    b = c("2", "Ann Lee", emails=("ann+news@x.com",))
    assert AB in pairs(a, b)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("https://www.linkedin.com/in/annlee/", "linkedin.com/in/annlee"),
        ("https://de.linkedin.com/in/annlee", "http://linkedin.com/in/annlee?trk=x"),
        ("https://www.linkedin.com/in/AnnLee", "https://linkedin.com/in/annlee#about"),
    ],
)
def test_linkedin_url_variants_one_profile(left: str, right: str) -> None:
    assert AB in pairs(c("1", "Ann Lee", urls=(left,)), c("2", "Z Q", urls=(right,)))


def test_linkedin_percent_encoded_slug_one_profile() -> None:
    a = c("1", "Jürgen M", urls=("https://www.linkedin.com/in/j%C3%BCrgen",))
    b = c("2", "Z Q", urls=("https://linkedin.com/in/jürgen",))
    assert AB in pairs(a, b)


@pytest.mark.parametrize(
    "variant",
    [
        "https://mobile.linkedin.com/in/annlee",
        "https://www.linkedin.com/in/annlee/details/experience/",
    ],
)
def test_linkedin_subpage_and_mobile_host_one_profile(variant: str) -> None:
    a = c("1", "Ann Lee", urls=(variant,))
    assert AB in pairs(a, c("2", "Z Q", urls=("https://linkedin.com/in/annlee",)))


@pytest.mark.parametrize("url", ["https://github.com/acme", "https://github.com/acme/widget"])
def test_shared_github_org_or_repo_is_not_a_profile(url: str) -> None:
    assert pairs(c("1", "Ann Lee", urls=(url,)), c("2", "Bob Ray", urls=(url,))) == {}


def test_hyphenated_given_name_vs_spaced_found() -> None:
    a = c("1", "Jean-Pierre Dubois", orgs=("Airbus",))
    assert AB in pairs(a, c("2", "Jean Pierre Dubois", orgs=("Airbus",)))


def test_spanish_two_surnames_vs_first_surname_found() -> None:
    a = c("1", "María José García López", orgs=("BBVA",))
    assert AB in pairs(a, c("2", "María García", orgs=("BBVA",)))


def test_namesakes_with_different_mailboxes_at_one_company_not_proposed() -> None:
    a = c("1", "David Chen", emails=("david.chen@google.com",), orgs=("Google",))
    b = c("2", "David Chen", emails=("chen.d.w@google.com",), orgs=("Google",))
    assert pairs(a, b) == {}


@pytest.mark.parametrize("decorated", ["Ann Lee 🎉", "Ann Lee ❤️", "🎂 Ann Lee"])
def test_emoji_in_name_does_not_change_the_name(decorated: str) -> None:
    assert AB in pairs(c("1", decorated, orgs=("Acme",)), c("2", "Ann Lee", orgs=("Acme",)))


@pytest.mark.parametrize("annotated", ["Ann Lee (Acme)", "Ann Lee - Acme"])
def test_annotated_phone_book_name_found(annotated: str) -> None:
    assert AB in pairs(c("1", annotated, orgs=("Acme",)), c("2", "Ann Lee", orgs=("Acme",)))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("LEE Ann", "Ann Lee"),
        ("Ann \u201cAnnie\u201d Lee", "Ann Lee"),
        ('Robert "Bob" Smith', "Bob Smith"),
        ("Ann Lee, MD", "Ann Lee"),
        ("Ann Lee Ph.D.", "Ann Lee"),
        ("Ann Lee, Ph.D., CFA", "Ann Lee"),
        ("van Beethoven, Ludwig", "Ludwig van Beethoven"),
    ],
)
def test_more_spellings_found(left: str, right: str) -> None:
    assert AB in pairs(c("1", left, orgs=("Acme",)), c("2", right, orgs=("Acme",)))


@pytest.mark.parametrize("other", [date(1990, 2, 1), date(1991, 1, 2)], ids=["dm-swap", "year"])
def test_birthday_typo_does_not_veto_a_shared_email(other: date) -> None:
    a = c("1", "Ann Lee", emails=("ann@x.com",)).model_copy(update={"birthday": date(1990, 1, 2)})
    b = c("2", "Ann Lee", emails=("ANN@x.com",)).model_copy(update={"birthday": other})
    assert AB in pairs(a, b)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ольга Ивановна Смирнова", "Olga Smirnova"),
        ("Смирнова Ольга", "Olga Smirnova"),
        ("Nagy János", "János Nagy"),
        ("Александр Пушкин", "Alexander Pushkin"),
        ("Юлия Щербакова", "Yulia Shcherbakova"),
        ("Sergei Ivanov", "Sergey Ivanov"),
    ],
)
def test_cyrillic_and_order_variants_found(left: str, right: str) -> None:
    assert AB in pairs(c("1", left, orgs=("Acme",)), c("2", right, orgs=("Acme",)))


def test_cyrillic_vs_other_transliteration_system_found() -> None:
    a = c("1", "Юлия Щербакова", orgs=("Acme",))
    assert AB in pairs(a, c("2", "Julia Scherbakova", orgs=("Acme",)))


# ---- merging loses nothing ------------------------------------------------------------


def _values(x: Contact) -> set[str]:
    return {
        *(e.address for e in x.emails),
        *(p.number for p in x.phones),
        *(o.name for o in x.organizations),
        *(u.value for u in x.urls),
        x.formatted_name,
        x.note or "",
        str(x.birthday or ""),
    } - {""}


def test_merge_keeps_every_value_somewhere() -> None:
    a = Contact(
        uid="a",
        formatted_name="Ann Lee",
        note="met at PyCon",
        birthday=date(1990, 1, 2),
        emails=(Email(address="Ann@X.com", types=("work",)),),
        phones=(Phone(number="+44 20 7946 0958"),),
        organizations=(Organization(name="Acme", title="CEO"),),
    )
    b = Contact(
        uid="b",
        formatted_name="Ann M. Lee",
        note="likes tea",
        birthday=date(1990, 2, 1),
        emails=(Email(address="ann@x.com", types=("home",)),),
        phones=(Phone(number="+442079460958"),),
        organizations=(Organization(name="Acme", title="CTO"),),
        urls=(Url(value="https://ex.com/Ann"),),
    )
    m = merge(a, b)
    kept = _values(m) | {v for vs in merged_values(m).values() for v in vs}
    assert _values(a) | _values(b) | {"b"} <= kept
    assert merge(m, b) == m
    assert merge(a, a) == a


def test_merge_chain_a_b_c_moves_interactions_and_ledger() -> None:
    net = Network()
    net.add_contacts(
        [c("a", "Ann Lee"), c("b", "Ann Lee", phones=("+15551234567",)), c("c", "A Lee")]
    )
    at = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for uid in "bc":
        net.log(Interaction(at=at, contact_uids=(uid,), kind=InteractionKind.CALL))
        net.ledger.record(
            LedgerEntry(
                on=date(2026, 1, 5),
                contact_uid=uid,
                direction=FavourDirection.GIVEN,
                kind=FavourKind.ADVICE,
            )
        )
    merge_into(net, "b", "c")
    merge_into(net, "a", "b")
    assert sorted(net.contacts) == ["a"]
    assert len(net.interactions_with("a")) == 2
    assert net.ledger.totals("a") == net.ledger.totals(net.ledger.resolve("c"))
    assert net.ledger.resolve("c") == "a"
    assert len(net.ledger.active("a")) == 2
    assert set(merged_values(net.contact("a"))["UID"]) == {"b", "c"}


# ---- the command line -----------------------------------------------------------------


def _store(tmp_path: Path, contacts: list[Contact]) -> Path:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add_contacts(contacts)
    return db


def _review_people() -> list[Contact]:
    # No shared email: an import would join them on its own.
    return [
        c("a", "Ann Lee", phones=("+44 20 7946 0958",)),
        c("b", "Ann Lee", phones=("+44 20 7946 0958",), orgs=("Acme",)),
        c("x", "Bob Ray", phones=("+44 20 7946 0111",)),
        c("y", "Robert Ray", phones=("+44 20 7946 0111",), orgs=("Acme",)),
    ]


def _uids(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(store.load().contacts)


def test_review_reject_is_remembered_across_runs(tmp_path: Path) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="r\nk\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="k\n")
    assert r.exit_code == 0, r.output
    assert "pair 1 of 1" in r.output
    assert _uids(db) == ["a", "b", "x", "y"]


def test_review_swap_keeps_the_other_uid_and_invalid_input_reasks(tmp_path: Path) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="zz\ns\na\nq\n")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    left = _uids(db)
    assert len(left) == 3
    assert {"a", "b"} & set(left) in ({"a"}, {"b"})


def test_review_quit_halfway_writes_what_was_accepted(tmp_path: Path) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="a\nq\n")
    assert r.exit_code == 0, r.output
    assert len(_uids(db)) == 3


def test_review_eof_keeps_accepted_and_is_one_line(tmp_path: Path) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="a\n")
    assert "Traceback" not in r.output
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit)
    assert len(_uids(db)) == 3  # the accepted pair was written, as with [q]uit


def test_review_chain_proposes_the_third_record(tmp_path: Path) -> None:
    people = [
        c("a", "Ann Lee", phones=("+44 20 7946 0958",), urls=("linkedin.com/in/annlee",)),
        c(
            "b",
            "Ann Lee",
            phones=("+44 20 7946 0958", "+44 20 7946 0777"),
            urls=("linkedin.com/in/annlee",),
        ),
        c("c", "A. Lee", phones=("+44 20 7946 0777",)),
    ]
    # a/b first (0.99), then b/c (0.89); once b is merged into a, c must meet a.
    assert set(pairs(*people)) == {frozenset("ab"), frozenset("bc")}
    db = _store(tmp_path, people)
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="a\na\na\n")
    assert r.exit_code == 0, r.output
    assert _uids(db) == ["a"]


def test_rejection_follows_a_merge(tmp_path: Path) -> None:
    people = [
        c("a", "Ann Lee", phones=("+44 20 7946 0958",), urls=("linkedin.com/in/annlee",)),
        c(
            "b",
            "Ann Lee",
            phones=("+44 20 7946 0958", "+44 20 7946 0777"),
            urls=("linkedin.com/in/annlee",),
        ),
        c("c", "A. Lee", phones=("+44 20 7946 0777",)),
    ]
    db = _store(tmp_path, people)
    with Store.open(db) as store:
        store.reject_pair("b", "c")
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="a\n")
    assert r.exit_code == 0, r.output
    assert _uids(db) == ["a", "c"]
    r = runner.invoke(app, ["dedupe", "--db", str(db)])
    assert "0 probable duplicate pair(s)" in r.output


def test_review_swap_on_file_writes_other_survivor(tmp_path: Path) -> None:
    f = tmp_path / "p.vcf"
    f.write_text(_TWO_ANNS)
    out = tmp_path / "o.vcf"
    r = runner.invoke(app, ["dedupe", str(f), "--review", "-o", str(out)], input="s\na\n")
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "UID:b" in text
    assert "X-NETCORE-MERGED-UID:a" in text
    assert "ORG:Acme" in text


def _drive_review_in_pty(db: Path, keys: list[bytes]) -> tuple[int, str]:
    """``netcore dedupe --db DB --review`` in a pseudo-terminal, one key per prompt."""
    import os
    import pty
    import select
    import signal
    import sys
    import time

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        # A shell running pytest in the background ignores SIGINT, and an ignored signal
        # stays ignored across exec: Ctrl-C would then never reach the command.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execvp(
            sys.executable, [sys.executable, "-m", "netcore", "dedupe", "--db", str(db), "--review"]
        )
    buf = b""

    def read(until: bytes | None, seen: int) -> None:
        # Only quiet half-seconds count towards the 60 s a loaded machine may need: a
        # table printed in many small writes used up a count of every read, and the next
        # key then came before the prompt it answers (an interrupt outside the prompt).
        nonlocal buf
        quiet = 0
        while quiet < 120:
            if until is not None and buf.count(until) > seen:
                return
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                quiet += 1
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk

    for seen, key in enumerate(keys):
        read(b"[q]uit", seen)
        os.write(fd, key)
    read(None, 0)
    for _ in range(120):  # a command still running after its input ended must not hang us
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.5)
    else:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), buf.decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("key", [b"\x04", b"\x03"], ids=["ctrl-d", "ctrl-c"])
def test_review_in_a_terminal_interrupted_is_one_line(tmp_path: Path, key: bytes) -> None:
    db = _store(tmp_path, _review_people())
    code, screen = _drive_review_in_pty(db, [b"a\r", key])
    assert code != 0 or "merged" in screen
    assert "Traceback" not in screen
    assert "raise Abort" not in screen
    assert len(_uids(db)) == 3


@pytest.mark.parametrize("answer", ["A", "accept", " a "])
def test_review_accepts_natural_answers(tmp_path: Path, answer: str) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input=f"{answer}\nq\n")
    assert r.exit_code == 0, r.output
    assert len(_uids(db)) == 3


def test_apply_on_file_follows_a_chain(tmp_path: Path) -> None:
    f = tmp_path / "chain.vcf"
    f.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ann Lee\r\nEMAIL:ann@x.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:b\r\nFN:Ann Lee\r\nEMAIL:ANN@x.com\r\n"
        "TEL:+44 20 7946 0958\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c\r\nFN:Ann Lee\r\nTEL:+442079460958\r\n"
        "NOTE:third\r\nEND:VCARD\r\n"
    )
    out = tmp_path / "o.vcf"
    r = runner.invoke(app, ["dedupe", str(f), "--apply", "--apply-above", "0.85", "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert text.count("BEGIN:VCARD") == 1
    for value in ("UID:a", "X-NETCORE-MERGED-UID:b", "X-NETCORE-MERGED-UID:c", "third"):
        assert value in text


def test_review_file_without_output_is_one_line_error(tmp_path: Path) -> None:
    f = tmp_path / "x.vcf"
    f.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ann\r\nEND:VCARD\r\n")
    r = runner.invoke(app, ["dedupe", str(f), "--review"])
    assert r.exit_code == 2
    assert "Traceback" not in r.output


# RT-dedupe-14 (terminal escapes on the --review screen): fixed by the CLI's visible().
def test_review_does_not_print_terminal_escapes(tmp_path: Path) -> None:
    evil = Name(given="Ann\x1b[2J\x1b]0;pwned\x07", family="Lee")
    people = [
        c("a", name=evil, phones=("+44 20 7946 0958",)),
        c("b", "Ann Lee", phones=("+44 20 7946 0958",)),
    ]
    db = _store(tmp_path, people)
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--review"], input="k\n")
    assert "\x1b" not in r.output
    assert "\x07" not in r.output


_TWO_ANNS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ann Lee\r\nTEL:+44 20 7946 0958\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:b\r\nFN:Ann Lee\r\nTEL:+44 20 7946 0958\r\n"
    "ORG:Acme\r\nEND:VCARD\r\n"
)


def test_apply_then_reimport_same_file_adds_nobody(tmp_path: Path) -> None:
    f = tmp_path / "phone.vcf"
    f.write_text(_TWO_ANNS)
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["import", str(f), "--db", db]).exit_code == 0
    r = runner.invoke(app, ["dedupe", "--db", db, "--apply"])
    assert r.exit_code == 0, r.output
    assert _uids(Path(db)) == ["a"]
    assert runner.invoke(app, ["import", str(f), "--db", db]).exit_code == 0
    assert _uids(Path(db)) == ["a"]


def test_apply_merges_in_store(tmp_path: Path) -> None:
    db = _store(tmp_path, _review_people())
    r = runner.invoke(app, ["dedupe", "--db", str(db), "--apply", "--apply-above", "0.8"])
    assert r.exit_code == 0, r.output
    assert _uids(db) == ["a", "x"]


def test_printed_score_agrees_with_apply_above(tmp_path: Path) -> None:
    # RT-dedupe-20. The first version of this test asserted `not ("0.90 " in out and
    # "below 0.90 left" in out)`, which the message "below 0.90 left" satisfies by itself;
    # it now reads the score column: a pair left below 0.90 must not be shown as 0.90.
    f = tmp_path / "s.vcf"
    f.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:1\r\nFN:Jane Boss\r\nEMAIL:jane.boss@acme.com\r\n"
        "ORG:Acme\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nUID:2\r\nFN:Tom Helper\r\n"
        "EMAIL:jane.boss@acme.com\r\nORG:Acme\r\nEND:VCARD\r\n"
    )
    r = runner.invoke(app, ["dedupe", str(f), "--apply", "-o", str(tmp_path / "o.vcf")])
    assert r.exit_code == 0, r.output
    shown = [float(m) for m in re.findall(r"^\s*(\d\.\d\d)\s", r.output, re.M)]
    assert shown  # the table lists the pair
    if "below 0.90 left" in r.output:
        assert min(shown) < 0.90


# ---- hostile inputs -------------------------------------------------------------------


@pytest.mark.slow
def test_ten_thousand_same_name_bounded_pairs() -> None:
    people = [
        c(str(i), "John Smith", emails=(f"j{i}@c{i}.com",), orgs=(f"Co{i}",)) for i in range(10_000)
    ]
    assert find_duplicates(people) == []


def _similar_names(n: int) -> list[str]:
    given = ["Ann", "Bob", "Cyd", "Dora", "Emil", "Fay", "Gus", "Hugo", "Ida", "Jon"]
    family = [f"{a}{b}{d}" for a in "BDKMPT" for b in ("ar", "el", "iv", "on") for d in "gkstz"]
    return [
        f"{given[i % 10]} {family[i // 10 % 120]}{'xyz'[i // 1200 % 3]}{'qw'[i // 3600]}"
        for i in range(n)
    ]


def test_five_thousand_sharing_one_email_adds_no_pairs() -> None:
    names = _similar_names(5_000)
    assert len(set(names)) == 5_000
    alone = find_duplicates([c(str(i), n) for i, n in enumerate(names)])
    shared = find_duplicates(
        [c(str(i), n, emails=("team.all@acme.com",)) for i, n in enumerate(names)]
    )
    assert {m.uids for m in shared} <= {m.uids for m in alone}


@pytest.mark.parametrize(
    "people",
    [
        [Contact(uid="a"), Contact(uid="b")],
        [c("a", ""), c("b", " ")],
        [c("a", "Dr."), c("b", "Dr.")],
        [c("a", ", ,"), c("b", "PhD, Jr.")],
        [c("a", "x" * 100_000), c("b", "x" * 100_000 + " y")],
        [c("a", "Ann " + "x" * 100_000), c("b", "Ann " + "x" * 99_999 + "y")],
    ],
)
def test_degenerate_names_do_not_crash_or_pair(people: list[Contact]) -> None:
    assert find_duplicates(people) == []


def test_bad_threshold_is_typed_error() -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([], threshold=1.5)
    r = runner.invoke(app, ["dedupe", "--db", "x.db", "--threshold", "2"])
    assert r.exit_code == 2
    assert "Traceback" not in r.output


# ---- cost -----------------------------------------------------------------------------


@pytest.mark.slow
def test_cost_same_name_block_linear() -> None:
    from _complexity import assert_linear

    def make(n: int) -> list[Contact]:
        return [c(str(i), "John Smith", emails=(f"j{i}@x{i}.com",)) for i in range(n)]

    assert_linear(make, find_duplicates, 300, what="same-name block", repeat=5)  # type: ignore[arg-type]


@pytest.mark.slow
def test_cost_shared_email_block_linear() -> None:
    from _complexity import assert_linear

    def make(n: int) -> list[Contact]:
        return [c(str(i), f"P{i} Q{i}", emails=("all@acme.com",)) for i in range(n)]

    assert_linear(make, find_duplicates, 300, what="shared-email block", repeat=5)  # type: ignore[arg-type]


@pytest.mark.slow
def test_cost_planted_duplicates_linear() -> None:
    from _complexity import assert_linear

    def make(n: int) -> list[Contact]:
        out = []
        for i in range(n):
            out.append(c(f"a{i}", f"Given{i} Family{i}", emails=(f"p{i}@x.com",)))
            out.append(c(f"b{i}", f"Given{i} Family{i}", emails=(f"P{i}@X.com",)))
        return out

    assert_linear(make, find_duplicates, 400, what="planted duplicates", repeat=5)  # type: ignore[arg-type]


@pytest.mark.slow
def test_cost_many_pair_merges_linear() -> None:
    from _complexity import assert_linear

    def make(n: int) -> Callable[[], Network]:
        def build() -> Network:
            net = Network()
            net.add_contacts(c(f"{k}{i}", "Ann Lee") for i in range(n) for k in "ab")
            return net

        return build

    def run(build: object) -> None:
        assert callable(build)
        net = build()
        for i in range(len(net) // 2):
            merge_into(net, f"a{i}", f"b{i}")

    assert_linear(make, run, 400, what="pair merges", repeat=5)
