"""Write ``mail/inbox.mbox``: invented mail between me and people of the sample network.

Me is Alex Morgan <alex.morgan@example.net> (``--me alex.morgan@example.net``). The
output is deterministic (fixed dates, no clock): running this again rewrites the same
bytes. What the mailbox holds, and what netcore should make of it:

* a weekly thread with Julia Kowalski for twelve weeks, each of my messages answered
  the next day (and her last answer answered too): she turns from "at risk" to healthy;
* Arjun Mehta asked twice for an introduction and I have not answered: waiting on me;
* three messages of mine to Chen Wei without an answer: held back, not nagged;
* Elena Popescu wrote and I answered: not waiting;
* a group message to Kenji Watanabe with five people in copy, each answering, and my
  thanks to all: one interaction each, weaker by the group factor (``MailRead.weights``);
* a newsletter (List-Id) and a no-reply notification: no interactions;
* Jordan Blake, who is not in the address book: reported (``--create-missing`` adds him);
* a subject in RFC 2047 encoded words from Tomás Ferreira.

Run: python examples/data/make_mail.py
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "inbox.mbox"
ME = "Alex Morgan <alex.morgan@example.net>"


def _message(
    n: int,
    at: datetime,
    sender: str,
    to: str,
    subject: str,
    *,
    cc: str | None = None,
    reply_to: int | None = None,
    extra: tuple[str, ...] = (),
) -> str:
    lines = [
        f"From {sender.split('<')[-1].rstrip('>')} {at.strftime('%a %b %d %H:%M:%S %Y')}",
        f"From: {sender}",
        f"To: {to}",
    ]
    if cc:
        lines.append(f"Cc: {cc}")
    lines += [
        f"Subject: {subject}",
        f"Date: {format_datetime(at)}",
        f"Message-ID: <m{n}@mail.example.net>",
    ]
    if reply_to is not None:
        lines += [f"In-Reply-To: <m{reply_to}@mail.example.net>"]
        lines += [f"References: <m{reply_to}@mail.example.net>"]
    lines += [*extra, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""]
    lines += ["(an invented message body; netcore never reads it)", ""]
    return "\n".join(lines) + "\n"


def theirs_at(start: datetime, week: int) -> datetime:
    """When my thanks for Julia's answer of ``week`` went out (a day after it)."""
    return start + timedelta(weeks=week, days=2)


def build() -> str:
    """The mailbox's text."""
    msgs: list[str] = []
    n = 0

    def add(at: datetime, sender: str, to: str, subject: str, **kw: object) -> int:
        nonlocal n
        n += 1
        msgs.append(_message(n, at, sender, to, subject, **kw))  # type: ignore[arg-type]
        return n

    julia = "Julia Kowalski <julia.kowalski@example.org>"
    start = datetime(2026, 9, 3, 9, 30, tzinfo=UTC)
    for week in range(12):
        at = start + timedelta(weeks=week)
        mine = add(at, ME, julia, f"Weekly sync, week {week + 1}")
        theirs = add(
            at + timedelta(days=1, hours=2),
            julia,
            ME,
            f"Re: Weekly sync, week {week + 1}",
            reply_to=mine,
        )
    add(theirs_at(start, 11), ME, julia, "Re: Weekly sync, week 12", reply_to=theirs)
    arjun = "Arjun Mehta <arjun.mehta@example.org>"
    first = add(datetime(2026, 11, 12, 16, 5, tzinfo=UTC), arjun, ME, "Intro to your data team?")
    add(
        datetime(2026, 11, 20, 8, 40, tzinfo=UTC),
        arjun,
        ME,
        "Re: Intro to your data team?",
        reply_to=first,
    )
    chen = "Chen Wei <chen.wei@example.com>"
    for k, day in enumerate((10, 24, 31)):
        add(
            datetime(2026, 10, day, 10, 0, tzinfo=UTC)
            if day < 31
            else datetime(2026, 11, 7, 10, 0, tzinfo=UTC),
            ME,
            chen,
            "Coffee next time you are in Lisbon?" if k == 0 else "Re: Coffee?",
        )
    elena = "Elena Popescu <elena.popescu@example.org>"
    asked = add(datetime(2026, 11, 17, 14, 0, tzinfo=UTC), elena, ME, "Slides from the meetup")
    add(
        datetime(2026, 11, 18, 9, 15, tzinfo=UTC),
        ME,
        elena,
        "Re: Slides from the meetup",
        reply_to=asked,
    )
    copies = ", ".join(
        f"{name} <{addr}>"
        for name, addr in (
            ("Emma Johansson", "emma.johansson@example.com"),
            ("Lars Eriksen", "lars.eriksen@example.com"),
            ("Marco Bianchi", "marco.bianchi@example.com"),
            ("Olga Ivanova", "olga.ivanova@example.org"),
            ("Diego Torres", "diego.torres@example.com"),
        )
    )
    kenji = "Kenji Watanabe <kenji.watanabe@example.com>"
    plan = add(
        datetime(2026, 11, 19, 11, 0, tzinfo=UTC),
        ME,
        kenji,
        "Planning the December meetup",
        cc=copies,
    )
    for k, person in enumerate([kenji, *copies.split(", ")]):
        add(
            datetime(2026, 11, 19, 13 + k, 0, tzinfo=UTC),
            person,
            ME,
            "Re: Planning the December meetup",
            reply_to=plan,
        )
    add(
        datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        ME,
        kenji,
        "Re: Planning the December meetup",
        cc=copies,
        reply_to=plan + 1,
    )
    add(
        datetime(2026, 11, 21, 7, 0, tzinfo=UTC),
        "PyData News <news@pydata.example.org>",
        ME,
        "This month in PyData",
        extra=(
            "List-Id: <news.pydata.example.org>",
            "List-Unsubscribe: <mailto:leave@pydata.example.org>",
        ),
    )
    add(
        datetime(2026, 11, 22, 7, 0, tzinfo=UTC),
        "Calendar <no-reply@calendar.example.com>",
        ME,
        "Reminder: team summer dinner photos",
        extra=("Auto-Submitted: auto-generated",),
    )
    add(
        datetime(2026, 11, 23, 18, 30, tzinfo=UTC),
        "Jordan Blake <jordan.blake@example.net>",
        ME,
        "We met at PyData Lisbon",
    )
    add(
        datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
        "=?utf-8?q?Tom=C3=A1s_Ferreira?= <tomas.ferreira@example.org>",
        ME,
        "=?utf-8?q?Caf=C3=A9_na_sexta=3F?=",
    )
    return "".join(msgs)


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(build().encode("utf-8"))
    print(f"wrote {OUT}")
