"""scoring.waiting: inbound messages I have not answered, oldest first."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest

from netcore import Contact, Direction, Email, Interaction, InteractionKind, Network, scoring
from netcore.formats import mail


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def net_of(*uids: str) -> Network:
    net = Network()
    net.add_contacts([Contact(uid=u, emails=(Email(address=f"{u}@example.org"),)) for u in uids])
    return net


def log(
    net: Network,
    uid: str,
    when: datetime,
    kind: InteractionKind,
    direction: Direction,
    replied: bool | None = None,
) -> None:
    net.log(
        Interaction(at=when, contact_uids=(uid,), kind=kind, direction=direction, replied=replied)
    )


def test_unanswered_inbound_mail_waits_oldest_first() -> None:
    net = net_of("ada", "bob")
    log(net, "bob", at(5), InteractionKind.EMAIL, Direction.INBOUND, False)
    log(net, "ada", at(2), InteractionKind.EMAIL, Direction.INBOUND, False)
    log(net, "ada", at(4), InteractionKind.MESSAGE, Direction.INBOUND)
    found = scoring.waiting(net, as_of=date(2026, 11, 9))
    assert [(w.uid, w.since, w.latest, w.messages, w.days) for w in found] == [
        ("ada", at(2), at(4), 2, 7),
        ("bob", at(5), at(5), 1, 4),
    ]


@pytest.mark.parametrize(
    ("kind", "direction", "replied"),
    [
        (InteractionKind.EMAIL, Direction.OUTBOUND, None),  # I wrote since
        (InteractionKind.MEETING, Direction.MUTUAL, None),  # we met since
        (InteractionKind.CALL, Direction.INBOUND, None),  # they called and we talked
        (InteractionKind.EMAIL, Direction.INBOUND, True),  # a later message of theirs I answered
    ],
)
def test_later_contact_answers(
    kind: InteractionKind, direction: Direction, replied: bool | None
) -> None:
    net = net_of("ada")
    log(net, "ada", at(2), InteractionKind.EMAIL, Direction.INBOUND, False)
    log(net, "ada", at(3), kind, direction, replied)
    assert scoring.waiting(net, as_of=date(2026, 11, 9)) == []


def test_a_message_i_answered_and_social_touches_do_not_wait() -> None:
    net = net_of("ada")
    log(net, "ada", at(2), InteractionKind.EMAIL, Direction.INBOUND, True)
    log(net, "ada", at(3), InteractionKind.SOCIAL, Direction.INBOUND)
    assert scoring.waiting(net, as_of=date(2026, 11, 9)) == []


def test_interactions_after_as_of_are_left_out() -> None:
    net = net_of("ada")
    log(net, "ada", at(2), InteractionKind.EMAIL, Direction.INBOUND, False)
    log(net, "ada", at(8), InteractionKind.EMAIL, Direction.OUTBOUND, False)
    assert [w.uid for w in scoring.waiting(net, as_of=date(2026, 11, 5))] == ["ada"]
    assert scoring.waiting(net, as_of=date(2026, 11, 1)) == []


def test_old_messages_stop_waiting_after_max_age() -> None:
    net = net_of("ada")
    log(net, "ada", at(2), InteractionKind.EMAIL, Direction.INBOUND, False)
    assert scoring.waiting(net, as_of=date(2027, 3, 1)) == []  # 119 days > 90
    assert [w.days for w in scoring.waiting(net, as_of=date(2027, 3, 1), max_age_days=None)] == [
        119
    ]
    with pytest.raises(ValueError, match="max_age_days"):
        scoring.waiting(net, as_of=date(2027, 3, 1), max_age_days=-1)


def test_from_a_mailbox() -> None:
    me = "me@example.net"
    raw = (
        b"From x Mon Nov  2 10:00:00 2026\n"
        b"From: ada@example.org\nTo: me@example.net\nMessage-ID: <a1@x>\nSubject: Question\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0000\n\nbody\n\n"
        b"From x Mon Nov  2 10:00:00 2026\n"
        b"From: bob@example.org\nTo: me@example.net\nMessage-ID: <b1@x>\nSubject: Ping\n"
        b"Date: Mon, 02 Nov 2026 11:00:00 +0000\n\nbody\n\n"
        b"From x Mon Nov  2 10:00:00 2026\n"
        b"From: me@example.net\nTo: bob@example.org\nIn-Reply-To: <b1@x>\n"
        b"Date: Tue, 03 Nov 2026 11:00:00 +0000\n\nbody\n"
    )
    net = net_of("ada", "bob")
    r = mail.read_interactions(io.BytesIO(raw), me_emails=[me], contacts_lookup=mail.lookup_in(net))
    mail.log_into(net, r)
    [w] = scoring.waiting(net, as_of=date(2026, 11, 9))
    assert (w.uid, w.note, w.days) == ("ada", "Question", 7)
