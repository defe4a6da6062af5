"""``netcore mail``, ``netcore waiting`` and ``netcore birthdays``: mail in, the days ahead out.

Mail is read by :mod:`netcore.formats.mail` (headers only). Who "me" is comes from
``--me`` (comma-separated addresses), else the ``NETCORE_ME`` environment variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import attrs
import typer

from netcore.cli._common import (
    Quiet,
    check_strict,
    fail,
    handle_errors,
    info,
    print_json,
    report_issues,
    table,
    write_text,
)
from netcore.cli._load import (
    AsOf,
    Calendars,
    Contacts,
    Db,
    Interactions,
    Ledgers,
    MeOpt,
    Paths,
    Strict,
    load_at,
)
from netcore.cli._scores import Format, FormatOpt, _csv_out, _name
from netcore.model import Network

if TYPE_CHECKING:
    from netcore.formats.mail import Missing

__all__ = ["register"]

MailPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--mail",
        "-m",
        help="An mbox file, a Maildir folder, a .eml file or a folder of them (repeatable).",
        show_default=False,
    ),
]
CreateMissing = Annotated[
    bool,
    typer.Option("--create-missing", help="Add people not in the address book as contacts."),
]


def me_emails(net: Network) -> list[str]:
    """My addresses as the network knows them (``--me`` > ``$NETCORE_ME`` > the store)."""
    emails = list(net.me.emails) if net.me is not None else []
    if not emails:
        raise fail(
            "who are you? give your email addresses with --me a@x.org,b@y.org, "
            "set NETCORE_ME, or save them in the store; mail is read as sent by or to you"
        )
    return emails


def _split(paths: list[Path] | None, mail: list[Path] | None) -> tuple[list[Path], list[Path]]:
    """Positional paths that hold mail join ``--mail``; the rest go to the loading pipeline."""
    from netcore.formats.mail import looks_like_mail

    rest: list[Path] = []
    found = list(mail or [])
    for p in paths or []:
        (found if p.is_file() and looks_like_mail(p) else rest).append(p)
    return rest, found


def add_mail(
    net: Network,
    mail: list[Path],
    me: list[str],
    *,
    create_missing: bool,
    strict: bool,
    missing: dict[str, Missing] | None = None,
) -> int:
    """Read each mailbox into ``net`` (new contacts, then interactions); report what was left.

    Args:
        net: The network to add to.
        mail: The mailboxes.
        me: My addresses.
        create_missing: Add people not in the address book as contacts.
        strict: Stop on the first error.
        missing: Filled with the people not in the address book, by address key.

    Returns:
        How many interactions were logged.
    """
    from netcore.formats.mail import log_into, lookup_in, read_interactions

    logged = 0
    for path in mail:
        if not path.exists():
            raise fail(f"{path}: no such file or folder")
        read = read_interactions(
            path,
            me_emails=me,
            contacts_lookup=lookup_in(net),
            create_missing=create_missing,
            strict=strict,
        )
        report_issues(read.issues)
        check_strict(read.issues, strict)
        n = log_into(net, read)
        logged += n
        skipped = sum(read.skipped.values())
        info(
            f"{path}: {read.messages} messages -> {n} interactions"
            + (f", {len(read.new_contacts)} new contacts" if read.new_contacts else "")
            + (f"; {skipped} left out" if skipped else "")
            + (
                " (" + ", ".join(f"{k}: {v}" for k, v in sorted(read.skipped.items())) + ")"
                if skipped
                else ""
            )
        )
        if missing is not None:
            for key, m in read.missing.items():
                seen = missing.get(key)
                missing[key] = (
                    m if seen is None else attrs.evolve(seen, messages=seen.messages + m.messages)
                )
        if read.missing:
            some = sorted(read.missing.values(), key=lambda m: (-m.messages, m.address))[:3]
            n_missing = len(read.missing)
            info(
                f"{n_missing} {'person' if n_missing == 1 else 'people'} not in the address book "
                f"(e.g. {', '.join(m.name or m.address for m in some)}); "
                "--create-missing adds them"
            )
    return logged


@handle_errors
def mail(
    paths: Annotated[
        list[Path],
        typer.Argument(help="mbox files, Maildir folders, .eml files or folders of them."),
    ],
    contacts: Contacts = None,
    db: Db = None,
    me: MeOpt = None,
    create_missing: CreateMissing = False,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Read mail headers (never bodies) into interactions, against your contacts or store.

    With --db the new interactions (and, with --create-missing, the new contacts) are
    added to the store; importing the same mailbox again adds nothing.

    People not in the address book are listed (standard output), most messages first.

    Example: netcore mail examples/data/inbox.mbox --contacts examples/data --me me@example.net
    """
    if not contacts and db is None:
        raise fail("give --contacts FILE (the address book) or --db PATH (a store)")
    _, net = load_at(
        paths=None,
        contacts=contacts,
        calendar=None,
        interactions=None,
        ledger=None,
        db=db,
        as_of=None,
        strict=strict,
        quiet=quiet,
        me=me,
    )
    my = me_emails(net)
    before = set(net.contacts)
    missing: dict[str, Missing] = {}
    logged = add_mail(net, paths, my, create_missing=create_missing, strict=strict, missing=missing)
    if missing:
        table(
            "Not in your address book (--create-missing adds them)",
            ["name", "email", "messages"],
            [
                [m.name, m.address, m.messages]
                for m in sorted(missing.values(), key=lambda m: (-m.messages, m.address))
            ],
            right=("messages",),
        )
    if db is None:
        info(f"{logged} interactions read (give --db to keep them)")
        return
    from netcore.store import Store

    new = [c for uid, c in net.contacts.items() if uid not in before]
    with Store.open(db) as store:
        if new:
            store.add_contacts(new)
        stored = store.log_many(net.interactions)
    info(f"{stored} new interactions stored in {db}")


@handle_errors
def waiting(
    paths: Paths = None,
    mail_paths: MailPaths = None,
    contacts: Contacts = None,
    calendar: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    me: MeOpt = None,
    as_of: AsOf = None,
    create_missing: CreateMissing = False,
    max_age: Annotated[
        int,
        typer.Option("--max-age", min=0, help="Leave out messages older than this many days."),
    ] = 90,
    fmt: FormatOpt = Format.TABLE,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Who is waiting on me: messages I have not answered, the longest waiting first.

    Example: netcore waiting examples/data --mail examples/data/inbox.mbox --me me@example.net
    """
    rest, mail_list = _split(paths, mail_paths)
    day, net = load_at(
        paths=rest or None,
        contacts=contacts,
        calendar=calendar,
        interactions=interactions,
        ledger=ledger,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=me,
    )
    if mail_list:
        add_mail(net, mail_list, me_emails(net), create_missing=create_missing, strict=strict)
    from netcore import scoring

    found = scoring.waiting(net, as_of=day, max_age_days=max_age)
    if fmt is Format.JSON:
        print_json(
            [{"name": _name(net, w.uid), **w.model_dump(mode="json")} for w in found],
        )
        return
    header = ["contact", "since", "days", "messages", "subject"]
    rows: list[list[object]] = [
        [_name(net, w.uid), w.since.date().isoformat(), w.days, w.messages, w.note or ""]
        for w in found
    ]
    if fmt is Format.CSV:
        _csv_out(header, rows)
        return
    table(f"Waiting on me as of {day.isoformat()}", header, rows, right=("days", "messages"))
    info(f"{len(found)} waiting on you" if found else "nobody is waiting on you")


@handle_errors
def birthdays(
    paths: Paths = None,
    contacts: Contacts = None,
    db: Db = None,
    as_of: AsOf = None,
    within: Annotated[
        int, typer.Option("--within", min=0, help="Days ahead to look (from --as-of).")
    ] = 30,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            help="Also write them as yearly all-day events to this .ics file ('-' for stdout).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    strict: Strict = False,
    quiet: Quiet = False,
    me: MeOpt = None,
) -> None:
    """Upcoming birthdays, soonest first (birthdays without a year too).

    Example: netcore birthdays examples/data --within 30 --as-of 2026-11-27
    """
    day, net = load_at(
        paths=paths,
        contacts=contacts,
        calendar=None,
        interactions=None,
        ledger=None,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=me,
    )
    from netcore import scoring

    found = scoring.birthdays(net, as_of=day, within_days=within)
    if ics is not None:
        from netcore.formats import ical

        write_text(str(ics), ical.birthdays([net.contact(b.uid) for b in found]))
        if str(ics) == "-":
            return
        info(f"wrote {len(found)} birthday(s) to {ics}")
    if fmt is Format.JSON:
        print_json([{"name": _name(net, b.uid), **b.model_dump(mode="json")} for b in found])
        return
    header = ["contact", "on", "in days", "turning"]
    rows: list[list[object]] = [
        [_name(net, b.uid), b.on.isoformat(), b.in_days, b.turning or ""] for b in found
    ]
    if fmt is Format.CSV:
        _csv_out(header, rows)
        return
    table(
        f"Birthdays from {day.isoformat()} to {within} days ahead",
        header,
        rows,
        right=("in days", "turning"),
    )


def register(app: typer.Typer) -> None:
    """Add ``mail``, ``waiting`` and ``birthdays`` to the ``netcore`` command."""
    app.command("mail")(mail)
    app.command("waiting")(waiting)
    app.command("birthdays")(birthdays)
