"""The mail reader and the mail-to-interactions table (netcore.formats.mail)."""

from __future__ import annotations

import io
import mailbox
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _complexity import assert_linear
from netcore.errors import ParseError
from netcore.formats import mail
from netcore.model import Contact, Direction, Email, InteractionKind, Network

ME = "me@example.net"
BOOK = {
    "ada@example.org": "ada",
    "bob@example.org": "bob",
    "cy@example.org": "cy",
    "di@example.org": "di",
}


def msg(
    sender: str,
    to: str,
    *,
    date: str | None = "Mon, 02 Nov 2026 10:00:00 +0000",
    mid: str | None = None,
    reply: str | None = None,
    cc: str | None = None,
    subject: str = "Hello",
    extra: tuple[str, ...] = (),
    body: str = "secret body text\n",
) -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if cc:
        lines.append(f"Cc: {cc}")
    if date:
        lines.append(f"Date: {date}")
    if mid:
        lines.append(f"Message-ID: <{mid}>")
    if reply:
        lines += [f"In-Reply-To: <{reply}>", f"References: <{reply}>"]
    lines += list(extra)
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def mbox(*messages: bytes) -> bytes:
    out = b""
    for m in messages:
        out += b"From sender@example.org Mon Nov  2 10:00:00 2026\n" + m + b"\n"
    return out


def read(data: bytes, **kw: object) -> mail.MailRead:
    return mail.read_interactions(
        io.BytesIO(data),
        me_emails=[ME],
        contacts_lookup=BOOK.get,
        **kw,  # type: ignore[arg-type]
    )


def test_received_mail_is_inbound_from_the_sender() -> None:
    r = read(msg("Ada <ada@example.org>", ME, mid="1@x"))
    [i] = r.interactions
    assert (i.contact_uids, i.direction, i.kind) == (
        ("ada",),
        Direction.INBOUND,
        InteractionKind.EMAIL,
    )
    assert i.at == datetime(2026, 11, 2, 10, tzinfo=UTC)
    assert i.replied is False


def test_sent_mail_is_outbound_to_each_recipient() -> None:
    r = read(msg(ME, "ada@example.org, Bob <bob@example.org>", cc="cy@example.org", mid="1@x"))
    assert sorted((i.contact_uids[0], i.direction) for i in r.interactions) == [
        ("ada", Direction.OUTBOUND),
        ("bob", Direction.OUTBOUND),
        ("cy", Direction.OUTBOUND),
    ]


def test_my_address_matches_case_insensitively() -> None:
    r = read(msg("Me <ME@Example.NET>", "ada@example.org", mid="1@x"))
    assert [i.direction for i in r.interactions] == [Direction.OUTBOUND]


def test_their_reply_marks_my_outreach_replied_and_mine_answers_theirs() -> None:
    data = mbox(
        msg(ME, "ada@example.org, bob@example.org", mid="m1@x"),
        msg(
            "ada@example.org", ME, mid="a1@x", reply="m1@x", date="Tue, 03 Nov 2026 10:00:00 +0000"
        ),
        msg("cy@example.org", ME, mid="c1@x", date="Tue, 03 Nov 2026 11:00:00 +0000"),
        msg(ME, "cy@example.org", mid="m2@x", reply="c1@x", date="Wed, 04 Nov 2026 09:00:00 +0000"),
    )
    r = read(data)
    got = {(i.contact_uids[0], i.direction): i.replied for i in r.interactions}
    assert got == {
        ("ada", Direction.OUTBOUND): True,
        ("bob", Direction.OUTBOUND): False,  # Bob never answered
        ("ada", Direction.INBOUND): False,  # I did not answer Ada's reply
        ("cy", Direction.INBOUND): True,  # I answered Cy
        ("cy", Direction.OUTBOUND): None,  # my answer to Cy asks nothing (RT-score-8)
    }


def test_a_reply_read_before_the_message_it_answers_still_counts() -> None:
    data = mbox(
        msg(
            "ada@example.org", ME, mid="a1@x", reply="m1@x", date="Tue, 03 Nov 2026 10:00:00 +0000"
        ),
        msg(ME, "ada@example.org", mid="m1@x"),
    )
    got = {i.direction: i.replied for i in read(data).interactions}
    assert got[Direction.OUTBOUND] is True


def test_a_thread_counts_once_per_day_per_person() -> None:
    day1 = [
        msg(
            "ada@example.org",
            ME,
            mid=f"a{k}@x",
            reply="root@x",
            date=f"Mon, 02 Nov 2026 {10 + k}:00:00 +0000",
        )
        for k in range(5)
    ]
    day2 = msg(
        "ada@example.org", ME, mid="a9@x", reply="root@x", date="Tue, 03 Nov 2026 09:00:00 +0000"
    )
    other_thread = msg("ada@example.org", ME, mid="z@x", date="Mon, 02 Nov 2026 12:30:00 +0000")
    r = read(mbox(*day1, day2, other_thread))
    days = sorted(i.at.isoformat() for i in r.interactions)
    assert days == [
        "2026-11-02T10:00:00+00:00",  # the thread on day 1: once, at its first message
        "2026-11-02T12:30:00+00:00",  # another thread the same day
        "2026-11-03T09:00:00+00:00",
    ]


@pytest.mark.parametrize(
    ("sender", "extra", "reason"),
    [
        (
            "ada@example.org",
            ("List-Id: <dev.lists.example.org>",),
            "a mailing list message (List-Id)",
        ),
        ("ada@example.org", ("Precedence: bulk",), "Precedence: bulk"),
        ("ada@example.org", ("Auto-Submitted: auto-replied",), "Auto-Submitted: auto-replied"),
        ("no-reply@example.org", (), "from a no-reply address"),
        ("Mailer <MAILER-DAEMON@example.org>", (), "from a no-reply address"),
        (
            "ada@example.org",
            ("Content-Type: multipart/report; report-type=delivery-status",),
            "a delivery or read report (multipart/report)",
        ),
    ],
)
def test_lists_bulk_and_automatic_mail_are_not_interactions(
    sender: str, extra: tuple[str, ...], reason: str
) -> None:
    r = read(msg(sender, ME, mid="1@x", extra=extra))
    assert r.interactions == ()
    assert r.skipped == {reason: 1}


def test_auto_submitted_no_is_a_personal_message() -> None:
    assert len(read(msg("ada@example.org", ME, extra=("Auto-Submitted: no",))).interactions) == 1


def test_no_reply_recipients_are_left_out_of_my_mail() -> None:
    r = read(msg(ME, "ada@example.org, noreply@example.org"))
    assert [i.contact_uids for i in r.interactions] == [("ada",)]


def test_group_factor_weakens_large_cc_lists() -> None:
    one = read(msg(ME, "ada@example.org", mid="1@x"))
    four = read(msg(ME, "ada@example.org", cc="bob@example.org, cy@example.org, di@example.org"))
    assert list(one.weights.values()) == [1.0]
    assert sorted(four.weights.values()) == [0.25] * 4
    received = read(msg("ada@example.org", ME, cc="bob@example.org"))
    assert list(received.weights.values()) == [0.5]  # Ada and Bob were on it besides me


def test_a_mass_mailing_of_mine_is_not_contact() -> None:
    many = ", ".join(f"p{k}@example.org" for k in range(mail.BULK_RECIPIENTS + 1))
    r = read(msg(ME, many), create_missing=True)
    assert r.interactions == ()
    assert r.skipped == {f"from me to more than {mail.BULK_RECIPIENTS} people": 1}


def test_people_not_in_the_address_book_are_reported_or_created() -> None:
    data = mbox(msg("Zoe Q <zoe@example.org>", ME), msg("zoe@example.org", ME, mid="2@x"))
    r = read(data)
    assert r.interactions == ()
    assert r.missing == {"zoe@example.org": mail.Missing("zoe@example.org", "Zoe Q", 2)}
    created = read(data, create_missing=True)
    [c] = created.new_contacts
    assert (c.formatted_name, c.emails[0].address, c.source) == ("Zoe Q", "zoe@example.org", "mail")
    assert {i.contact_uids for i in created.interactions} == {(c.uid,)}
    assert created.missing == {}


def test_importing_the_same_mailbox_twice_adds_nothing() -> None:
    data = mbox(msg(ME, "ada@example.org", mid="1@x"), msg("ada@example.org", ME, reply="1@x"))
    net = Network()
    net.add_contacts([Contact(uid="ada", emails=(Email(address="ada@example.org"),))])
    first = mail.read_interactions(
        io.BytesIO(data), me_emails=[ME], contacts_lookup=mail.lookup_in(net)
    )
    assert mail.log_into(net, first) == 2
    again = mail.read_interactions(
        io.BytesIO(data), me_emails=[ME], contacts_lookup=mail.lookup_in(net)
    )
    assert [i.id for i in again.interactions] == [i.id for i in first.interactions]
    assert mail.log_into(net, again) == 0
    assert len(net.interactions) == 2


def _ada_net() -> Network:
    net = Network()
    net.add_contacts(
        [
            Contact(uid="ada", emails=(Email(address="ada@example.org"),)),
            Contact(uid="bob", emails=(Email(address="bob@example.org"),)),
        ]
    )
    return net


def _log(net: Network, data: bytes) -> mail.MailRead:
    r = mail.read_interactions(
        io.BytesIO(data), me_emails=[ME], contacts_lookup=mail.lookup_in(net)
    )
    mail.log_into(net, r)
    return r


def _replied(net: Network) -> dict[tuple[str, Direction], bool | None]:
    return {(i.contact_uids[0], i.direction): i.replied for i in net.interactions}


def test_a_reply_read_in_a_later_read_marks_my_earlier_outreach_replied() -> None:
    net = _ada_net()
    _log(net, mbox(msg(ME, "ada@example.org, bob@example.org", mid="m1@x")))
    assert _replied(net)[("ada", Direction.OUTBOUND)] is False
    # Ada answers a week later; Bob never does.
    later = _log(
        net,
        mbox(
            msg(
                "ada@example.org",
                ME,
                mid="a1@x",
                reply="m1@x",
                date="Mon, 09 Nov 2026 10:00:00 +0000",
            )
        ),
    )
    assert [(a.uid, a.address, a.day) for a in later.answers] == [
        ("ada", "ada@example.org", "2026-11-09")
    ]
    assert _replied(net) == {
        ("ada", Direction.OUTBOUND): True,
        ("bob", Direction.OUTBOUND): False,
        ("ada", Direction.INBOUND): False,
    }


def test_a_later_reply_in_a_thread_i_did_not_start_marks_my_message() -> None:
    net = _ada_net()
    # Mine answers Ada's m0 (thread m0); her answer names m0 first and mine last.
    _log(net, mbox(msg(ME, "ada@example.org", mid="m1@x", reply="m0@x")))
    reply = msg(
        "ada@example.org",
        ME,
        mid="a1@x",
        date="Tue, 03 Nov 2026 10:00:00 +0000",
        extra=("In-Reply-To: <m1@x>", "References: <m0@x> <m1@x>"),
    )
    _log(net, mbox(reply))
    assert _replied(net)[("ada", Direction.OUTBOUND)] is True


def test_a_later_reading_marks_only_what_the_answer_can_answer() -> None:
    net = _ada_net()
    _log(net, mbox(msg(ME, "ada@example.org, bob@example.org", mid="m1@x")))
    before = list(net.interactions)
    _log(
        net,
        mbox(
            # Bob answers another thread; Ada answers a message of mine read nowhere;
            # Ada's "answer" to m1 dated before m1 cannot answer it.
            msg(
                "bob@example.org",
                ME,
                mid="b1@x",
                reply="other@x",
                date="Tue, 03 Nov 2026 10:00:00 +0000",
            ),
            msg(
                "ada@example.org",
                ME,
                mid="a1@x",
                reply="unknown@x",
                date="Tue, 03 Nov 2026 10:00:00 +0000",
            ),
            msg(
                "ada@example.org",
                ME,
                mid="a0@x",
                reply="m1@x",
                date="Sun, 01 Nov 2026 10:00:00 +0000",
            ),
        ),
    )
    assert list(net.interactions)[: len(before)] == before


def test_network_mark_replied_raises_only_and_changes_nothing_else() -> None:
    net = _ada_net()
    r = _log(
        net,
        mbox(
            msg(ME, "ada@example.org", mid="m1@x"),
            msg(
                "ada@example.org",
                ME,
                mid="a1@x",
                reply="m1@x",
                date="Tue, 03 Nov 2026 10:00:00 +0000",
            ),
            msg("bob@example.org", ME, mid="b1@x", date="Tue, 03 Nov 2026 10:00:00 +0000"),
            msg(
                ME,
                "bob@example.org",
                mid="m2@x",
                reply="b1@x",
                date="Wed, 04 Nov 2026 10:00:00 +0000",
            ),
        ),
    )
    by_id = {i.id: i for i in r.interactions}
    revision = net.revision
    ids = [i.id for i in net.interactions]
    assert net.mark_replied(["no-such-id"]) == 0
    assert net.revision == revision
    # Ada's unanswered inbound (False) and my answer to Bob (None) rise; True stays.
    targets = [i.id for i in net.interactions if i.replied is not True]
    assert len(targets) == 2
    assert net.mark_replied([*ids, "no-such-id"]) == 2
    assert net.revision == revision + 1
    assert [i.id for i in net.interactions] == ids
    for i in net.interactions:
        assert i.replied is True
        assert i.model_dump(exclude={"replied"}) == by_id[i.id].model_dump(exclude={"replied"})
    assert net.mark_replied(ids) == 0


def test_me_is_required() -> None:
    with pytest.raises(ValueError, match="me_emails"):
        mail.read_interactions(io.BytesIO(b""), me_emails=[" "], contacts_lookup=BOOK.get)


def test_bodies_are_never_kept() -> None:
    data = msg("ada@example.org", ME, subject="Plans", body="TOP-SECRET-BODY\n")
    r = read(data)
    for i in r.interactions:
        assert "TOP-SECRET" not in i.model_dump_json()
    assert "TOP-SECRET" not in repr(mail.read_headers(io.BytesIO(data)))


# ---- reading ------------------------------------------------------------------------


def test_encoded_words_and_8bit_headers_are_decoded() -> None:
    data = (
        b"From: =?iso-8859-1?q?Andr=E9?= <andre@example.org>\n"
        b"To: =?utf-8?b?w4lsaXNl?= <elise@example.org>, J\xc3\xbcrgen <jurgen@example.org>\n"
        b"Subject: =?utf-8?q?Caf=C3=A9?= =?utf-8?q?_ce_soir?=\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0100\n\nbody\n"
    )
    [h] = mail.read_headers(io.BytesIO(data))
    assert h.sender == ("André", "andre@example.org")
    assert h.to == (("Élise", "elise@example.org"), ("Jürgen", "jurgen@example.org"))
    assert h.subject == "Café ce soir"


def test_control_characters_never_reach_a_terminal() -> None:
    data = (
        b"From: =?utf-8?q?Ada=1B=5B2J?= <ada@example.org>\n"
        b"Subject: =?utf-8?q?hi=07=1B]0;pwned=07?= there\x1b[31m\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0000\n\n"
    )
    [h] = mail.read_headers(io.BytesIO(data))
    assert h.sender == ("Ada [2J", "ada@example.org")
    assert h.subject == "hi ]0;pwned there [31m"


def test_windows_1252_bytes_in_headers_are_read() -> None:
    data = b"From: Ren\xe9 <rene@example.org>\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n\n"
    [h] = mail.read_headers(io.BytesIO(data))
    assert h.sender == ("René", "rene@example.org")


def test_broken_encoded_words_and_unknown_charsets_are_reported_not_raised() -> None:
    data = (
        b"From: a@example.org\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n"
        b"Subject: =?utf-8?b?abc?= and =?x-nonsense?q?hi?=\n\n"
    )
    parsed = mail.read_headers(io.BytesIO(data))
    assert parsed[0].subject is not None
    assert "hi" in parsed[0].subject
    assert any(i.property == "Subject" for i in parsed.issues)


def test_broken_messages_become_issues_with_their_position() -> None:
    data = mbox(
        msg("ada@example.org", ME, mid="ok@x"),
        msg("bob@example.org", ME, date="yesterday-ish"),
        msg("cy@example.org", ME, date=None),
    )
    r = read(data)
    assert sorted(i.contact_uids for i in r.interactions) == [("ada",), ("bob",), ("cy",)]
    # no readable Date: the mbox From line's date is used, and said so, at the message's line
    notes = [(i.line, i.message.split(":")[0]) for i in r.issues]
    starts = [n for n, line in enumerate(data.split(b"\n"), 1) if line.startswith(b"From sender")]
    assert notes == [(starts[1], "message 2"), (starts[2], "message 3")]
    no_date = mail.read_interactions(
        io.BytesIO(msg("ada@example.org", ME, date=None)), me_emails=[ME], contacts_lookup=BOOK.get
    )
    assert no_date.interactions == ()
    assert no_date.skipped == {"no date": 1}
    assert no_date.issues[0].line == 1


def test_strict_raises_parse_error_on_a_message_that_cannot_be_placed() -> None:
    in_mbox = read(mbox(msg("ada@example.org", ME, date="garbage")), strict=True)
    assert [i.severity.value for i in in_mbox.issues] == ["info"]  # the From line's date
    with pytest.raises(ParseError, match="message 1: no Date"):
        read(msg("ada@example.org", ME, date=None), strict=True)


def test_mbox_body_lines_starting_with_from_do_not_split_a_message() -> None:
    body = "From the start, a body line.\n\nFrom here too, after a blank line.\n"
    data = mbox(msg("ada@example.org", ME, body=body), msg("bob@example.org", ME))
    headers = mail.read_headers(io.BytesIO(data))
    # the second "From here" follows a blank line: mboxo reads it as a separator, which
    # gives a message without headers, reported, never a crash
    senders = [h.sender[1] if h.sender else None for h in headers]
    assert senders[0] == "ada@example.org"
    assert senders[-1] == "bob@example.org"


def test_maildir_eml_and_folders(tmp_path: Path) -> None:
    md = mailbox.Maildir(str(tmp_path / "md"), create=True)
    md.add(msg("ada@example.org", ME, mid="1@x"))
    md.add(msg(ME, "bob@example.org", mid="2@x"))
    eml = tmp_path / "one.eml"
    eml.write_bytes(msg("cy@example.org", ME))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.eml").write_bytes(msg("ada@example.org", ME))
    (folder / "b.mbox").write_bytes(mbox(msg("bob@example.org", ME), msg("cy@example.org", ME)))
    (folder / "notes.csv").write_bytes(b"date,contact,kind\n")

    def senders(src: Path) -> list[str]:
        return sorted(h.sender[1] for h in mail.read_headers(src) if h.sender)

    assert senders(tmp_path / "md") == ["ada@example.org", ME]
    assert senders(eml) == ["cy@example.org"]
    assert senders(folder) == ["ada@example.org", "bob@example.org", "cy@example.org"]
    assert mail.looks_like_mail(tmp_path / "md")
    assert mail.looks_like_mail(eml)
    assert not mail.looks_like_mail(folder / "notes.csv")


@pytest.mark.parametrize(
    "text",
    [
        b"BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nEMAIL:ada@example.org\nEND:VCARD\n",
        b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//y//EN\nEND:VCALENDAR\n",
        b"date,contact,kind\n2026-01-01,Ada,call\n",
        b'{"contacts": []}',
    ],
)
def test_other_formats_do_not_look_like_mail(tmp_path: Path, text: bytes) -> None:
    p = tmp_path / "x"
    p.write_bytes(text)
    assert not mail.looks_like_mail(p)


def test_the_sample_mailbox_looks_like_mail() -> None:
    root = Path(__file__).resolve().parents[3] / "examples" / "data" / "inbox.mbox"
    assert mail.looks_like_mail(root)


# ---- complexity -----------------------------------------------------------------------


def _count(data: bytes) -> int:
    return len(read(data, create_missing=True).interactions)


@pytest.mark.slow
def test_many_messages_take_linear_time() -> None:
    def make(n: int) -> bytes:
        return mbox(
            *(msg(ME, f"p{k % 50}@example.org", mid=f"{k}@x", reply=f"{k - 1}@x") for k in range(n))
        )

    assert_linear(make, lambda d: _count(d), 200, what="messages in an mbox")  # type: ignore[arg-type]


@pytest.mark.slow
def test_many_recipients_take_linear_time() -> None:
    def make(n: int) -> bytes:
        return msg("ada@example.org", ", ".join(f"P {k} <p{k}@example.org>" for k in range(n)))

    assert_linear(
        make,
        lambda d: mail.read_headers(io.BytesIO(d)),  # type: ignore[arg-type]
        4000,  # below this, cache effects make the small run unrepresentatively fast
        what="recipients of one message",
    )


def test_blanks_in_an_address_list_take_linear_time() -> None:
    # A run of blanks in a To: header: the fast path's pattern tried every split of the
    # run between a name and the blanks around it (2,000 blanks: 2.5 s, x6.5 per x2).
    def make(n: int) -> bytes:
        return msg("ada@example.org", "Bo <bo@example.org>, " + " " * n + "x, Cy " + " " * n)

    assert_linear(
        make,
        lambda d: mail.read_headers(io.BytesIO(d)),  # type: ignore[arg-type]
        2000,
        what="blanks in an address list",
    )


def test_the_address_fast_path_reads_names_and_bare_addresses() -> None:
    from netcore.formats.mail._decode import parse_addresses

    found, problem = parse_addresses(
        ["  Ana  Lima   <ana@x.example> ,bo@y.example,\t Cy <cy@z.example>\t, ,"]
    )
    assert found == [("Ana Lima", "ana@x.example"), ("", "bo@y.example"), ("Cy", "cy@z.example")]
    assert problem is None
    # shapes the fast path leaves to the standard parser still read the same
    quoted, _ = parse_addresses(['"Lima, Ana" <ana@x.example>', "Bo <b o@y.example>"])
    assert quoted == [("Lima, Ana", "ana@x.example")]


@pytest.mark.slow
def test_long_header_lines_take_linear_time() -> None:
    def make(n: int) -> bytes:
        word = "=?utf-8?q?" + "caf=C3=A9_" * 4 + "?= "
        return msg("ada@example.org", ME, subject=word * n, extra=("X-Long: " + "x" * (50 * n),))

    assert_linear(
        make,
        lambda d: mail.read_headers(io.BytesIO(d)),  # type: ignore[arg-type]
        2000,
        what="length of header lines",
    )


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab .-'=?_\u00e9", max_size=8),
            st.text(alphabet="abc.+-", min_size=1, max_size=6),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_fast_address_path_agrees_with_the_standard_parser(
    people: list[tuple[str, str, bool]],
) -> None:
    from email.utils import getaddresses

    from netcore.formats.mail._decode import _simple

    value = ", ".join(
        f"{name} <{local}@example.org>" if named else f"{local}@example.org"
        for name, local, named in people
    )
    fast = _simple(value)
    if fast is not None:  # names compared with runs of white space collapsed, as the reader does
        assert [(" ".join(n.split()), a) for n, a in fast] == [
            (" ".join(n.split()), a) for n, a in getaddresses([value]) if a
        ]


_HEADER_NAMES = ["From", "To", "Cc", "Date", "Subject", "Message-ID", "References", "List-Id"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*_HEADER_NAMES, "From ", ""]),
            st.binary(max_size=40)
            | st.text(alphabet='=?qQbB<>@,;:"() \t\r\n\u00e9aZ', max_size=40).map(str.encode),
        ),
        max_size=12,
    )
)
def test_any_input_gives_headers_or_issues_never_another_exception(
    lines: list[tuple[str, bytes]],
) -> None:
    data = b"".join(
        (name.encode() + (b"" if name.endswith(" ") or not name else b": ") + value + b"\n")
        for name, value in lines
    )
    for source in (data, b"From x Mon Nov  2 10:00:00 2026\n" + data):
        r = mail.read_interactions(
            io.BytesIO(source), me_emails=[ME], contacts_lookup=BOOK.get, create_missing=True
        )
        assert r.messages >= 0
        for inter in r.interactions:
            assert inter.at.tzinfo is not None


def test_a_later_answer_is_looked_for_within_the_reply_window() -> None:
    assert mail.REPLY_WINDOW_DAYS == 90
    net = _ada_net()
    # 2 Nov + 90 days = 31 Jan 2027; 1 Feb 2027 is one day too late.
    _log(net, mbox(msg(ME, "ada@example.org", mid="m1@x"), msg(ME, "bob@example.org", mid="m2@x")))
    _log(
        net,
        mbox(
            msg("ada@example.org", ME, reply="m1@x", date="Sun, 31 Jan 2027 10:00:00 +0000"),
            msg("bob@example.org", ME, reply="m2@x", date="Mon, 01 Feb 2027 10:00:00 +0000"),
        ),
    )
    got = _replied(net)
    assert got[("ada", Direction.OUTBOUND)] is True
    assert got[("bob", Direction.OUTBOUND)] is False


@pytest.mark.slow
def test_many_later_answers_to_one_person_take_linear_time() -> None:
    # Hostile: one person, n days with an unanswered message of mine in its own thread,
    # then n answers read later, each naming a thread of its own.
    def make(n: int) -> tuple[Network, mail.MailRead]:
        net = _ada_net()
        start = datetime(2020, 1, 1, 10, tzinfo=UTC)
        mine = [
            msg(
                ME,
                "ada@example.org",
                mid=f"m{k}@x",
                date=format_datetime(start + timedelta(days=k)),
            )
            for k in range(n)
        ]
        _log(net, mbox(*mine))
        theirs = [
            msg(
                "ada@example.org",
                ME,
                reply=f"m{k}@x",
                date=format_datetime(start + timedelta(days=k)),
            )
            for k in range(n)
        ]
        r = mail.read_interactions(
            io.BytesIO(mbox(*theirs)), me_emails=[ME], contacts_lookup=mail.lookup_in(net)
        )
        assert len(r.answers) == n
        return net, r

    def run(data: tuple[Network, mail.MailRead]) -> None:
        net, r = data
        assert len(mail.answered_ids(net, r.answers)) == len(r.answers)

    assert_linear(make, run, 200, what="answers read later to one person")  # type: ignore[arg-type]


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x7f"])
def test_an_address_holding_a_control_character_is_left_out_with_an_issue(control: str) -> None:
    # Found by the no-exception property test: "From: @\x00" reached the attendee record,
    # whose validation error escaped from read_interactions.
    raw = f"From x Mon Nov  2 10:00:00 2026\nFrom: @{control}\n".encode()
    r = mail.read_interactions(
        io.BytesIO(raw), me_emails=[ME], contacts_lookup=BOOK.get, create_missing=True
    )
    assert not r.interactions
    assert any("control character was left out" in i.message for i in r.issues)
    # In a list, the other addresses are still read.
    raw = (
        "From x Mon Nov  2 10:00:00 2026\n"
        f"From: {ME}\n"
        f'To: "B" <b{control}@y.org>, ada@example.org\n'
        "Date: Mon, 2 Nov 2026 10:00:00 +0000\n\nhi\n"
    ).encode()
    r = mail.read_interactions(
        io.BytesIO(raw), me_emails=[ME], contacts_lookup=BOOK.get, create_missing=True
    )
    assert [i.line for i in r.issues if "control character" in i.message] == [1]
    assert len(r.interactions) == 1
    assert r.interactions[0].contact_uids == (BOOK["ada@example.org"],)
