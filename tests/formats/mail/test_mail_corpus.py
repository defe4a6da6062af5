"""Every real-world mail fixture reads without an untyped exception; some headers checked."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import find_corpus
from netcore.errors import ParseError
from netcore.formats import mail

pytestmark = pytest.mark.corpus


def _mail_files() -> list[Path]:
    root = find_corpus()
    if root is None:
        return []
    return sorted(p for p in (root / "mail").rglob("*") if p.is_file() and p.suffix != ".txt")


FILES = _mail_files()


@pytest.fixture
def mail_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "mail"


def test_the_corpus_has_its_84_mail_files() -> None:
    if find_corpus() is None:
        pytest.skip("real-world corpus not found: set NETCORE_CORPUS")
    assert len(FILES) == 84


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_file_reads_and_maps_without_an_untyped_exception(path: Path) -> None:
    parsed = mail.read_headers(path)
    assert len(parsed) >= 1
    r = mail.read_interactions(
        path, me_emails=["nobody@example.invalid"], contacts_lookup=lambda a: "x"
    )
    errors = [i for i in r.issues if i.severity.value == "error"]
    if errors:  # strict stops at the first error with a typed exception naming the message
        with pytest.raises(ParseError, match="message "):
            mail.read_interactions(
                path,
                me_emails=["nobody@example.invalid"],
                contacts_lookup=lambda a: "x",
                strict=True,
            )
    assert r.messages == len(parsed)


def test_rfc2822_example_reply(mail_dir: Path) -> None:
    [h] = mail.read_headers(mail_dir / "mikel-mail" / "rfc2822-example06.eml")
    assert h.sender == ("Mary Smith", "mary@example.net")
    assert h.to == (("John Doe", "jdoe@machine.example"),)
    assert h.date == datetime(1997, 11, 21, 16, 1, 10, tzinfo=UTC)
    assert h.message_id == "3456@example.net"
    assert h.in_reply_to == ("1234@local.machine.example",)
    assert h.subject == "Re: Saying Hello"


def test_encoded_japanese_subject(mail_dir: Path) -> None:
    [h] = mail.read_headers(mail_dir / "mimekit" / "japanese.eml")
    assert h.subject == "日本語メールテスト (testing Japanese emails)"
    assert h.sender == ("Atsushi Eno", "x@x.com")


def test_koi8_r_subject(mail_dir: Path) -> None:
    [h] = mail.read_headers(mail_dir / "thunderbird" / "sample04-koi8-r.eml")
    assert h.subject == "Алфавит"


def test_mbox_with_several_messages(mail_dir: Path) -> None:
    parsed = mail.read_headers(mail_dir / "thunderbird" / "mbox_modern.mbox")
    assert [h.subject for h in parsed][:2] == ["Sample message 1", "Sample message 2"]
    assert parsed[0].sender == ("Author", "author@example.com")


def test_a_file_without_from_gives_an_issue_not_a_crash(mail_dir: Path) -> None:
    r = mail.read_interactions(
        mail_dir / "thunderbird" / "mail-without-from.eml",
        me_emails=["from@foo.invalid"],
        contacts_lookup=lambda a: "x",
    )
    assert r.interactions == ()
    assert r.skipped == {"no From address": 1}
    assert any(i.property == "From" and i.line == 1 for i in r.issues)
