"""The options that say where a network comes from, and the loading they share."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import pydantic
import typer

from netcore.cli._common import (
    check_strict,
    count,
    fail,
    info,
    parse_as_of,
    progress,
    report_issues,
    report_unmatched,
    set_quiet,
    set_verbose,
)
from netcore.io import NetworkLoad, build_network
from netcore.model import Me, Network

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders of any kind netcore reads (vCard, jCard, CSV, iCalendar, "
        "netcore JSON, the interactions and ledger CSVs), each recognised by its content.",
        show_default=False,
    ),
]
Contacts = Annotated[
    list[Path] | None,
    typer.Option(
        "--contacts", "-c", help="Contacts file or folder (repeatable).", show_default=False
    ),
]
Calendars = Annotated[
    list[Path] | None,
    typer.Option("--calendar", help="iCalendar file (repeatable).", show_default=False),
]
Interactions = Annotated[
    list[Path] | None,
    typer.Option(
        "--interactions",
        help="Interactions CSV (date,contact,kind,direction,note,duration_minutes,replied) "
        "or netcore JSON (repeatable).",
        show_default=False,
    ),
]
Ledgers = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        help="Ledger CSV (date,contact,direction,kind,weight,note) or netcore JSON (repeatable).",
        show_default=False,
    ),
]
Db = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Read the network from this SQLite store (see `netcore import`); with no files "
        "given, the default store is used when it exists ($NETCORE_DB overrides its path).",
        show_default=False,
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Score as of this day (YYYY-MM-DD); default today.",
        metavar="DATE",
        show_default=False,
    ),
]
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Stop with exit code 1 on the first error in any file."),
]
MeOpt = Annotated[
    str | None,
    typer.Option(
        "--me",
        help="Your own email address(es), comma-separated: never a contact, never scored, "
        "and what tells your invitations from other people's. Overrides $NETCORE_ME, which "
        "overrides the value saved in the store.",
        metavar="EMAIL",
        show_default=False,
    ),
]

ME_ENV = "NETCORE_ME"
"""Environment variable with my email addresses, comma-separated."""


def _first_line(exc: ValueError) -> str:
    """A one-line message: a pydantic error's first message, not its multi-line dump."""
    if isinstance(exc, pydantic.ValidationError) and exc.errors():
        return str(exc.errors()[0]["msg"]).splitlines()[0]
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def resolve_me(flag: str | None, saved: Me | None) -> Me | None:
    """Who "me" is: ``--me``, else ``$NETCORE_ME``, else the value saved in the store."""
    for text in (flag, os.environ.get(ME_ENV)):
        if text and text.strip():
            try:
                me = Me.from_emails(text)
            except ValueError as exc:
                raise fail(f"--me / ${ME_ENV}: {_first_line(exc)}") from None
            if me:
                return me
    return saved


def load_network(
    *,
    paths: list[Path] | None,
    contacts: list[Path] | None,
    calendars: list[Path] | None,
    interactions: list[Path] | None,
    ledgers: list[Path] | None,
    db: Path | None,
    as_of: date,
    strict: bool,
    create_missing: bool = False,
    me: str | None = None,
) -> NetworkLoad:
    """Build the network the options name: the store (if any), then every file on top.

    Everything goes through :func:`netcore.io.build_network` with ``as_of`` (its
    defaults decide the recurrence window), against the store's contacts and aliases.
    Issues and what matched nobody are reported; with ``strict``, any error among them
    ends the command (exit code 1). Me comes from ``me`` (``--me``), else
    ``$NETCORE_ME``, else the store (:func:`resolve_me`), and is set before calendars
    are read, so that my invitations are told from others'.
    """
    groups = [paths or [], contacts or [], calendars or [], interactions or [], ledgers or []]
    base = None
    aliases: dict[str, str] = {}
    if db is None and not any(groups):
        from netcore.store import default_db_path

        candidate = default_db_path()
        if not candidate.exists():
            raise fail(
                "no input: give files or folders (e.g. `netcore health examples/data`), or "
                f"import some first with `netcore import FILE...` (store: {candidate})"
            )
        db = candidate
    if db is not None:
        from netcore.store import Store

        if not db.exists():
            raise fail(f"{db}: no such store; create it with `netcore import FILE... --db {db}`")
        with Store.open(db) as store:
            base = store.load()
            aliases = store.aliases()
    owner = resolve_me(me, base.me if base is not None else None)
    if base is None and owner is not None:
        base = Network(me=owner)
    elif base is not None:
        base.me = owner
    total = sum(count(g) for g in groups)
    with progress(total, "reading") as step:
        loaded = build_network(
            paths or [],
            contacts=contacts or [],
            calendars=calendars or [],
            interactions=interactions or [],
            ledgers=ledgers or [],
            base=base,
            aliases=aliases,
            as_of=as_of,
            strict=strict,
            create_missing=create_missing,
            on_file=step,
        )
    report_issues(loaded.issues)
    report_unmatched(loaded.unmatched)
    net = loaded.network
    info(
        f"read {len(net)} contacts, {len(net.interactions)} interactions, "
        f"{len(net.events)} event occurrences, {len(net.ledger)} ledger entries"
        + (f" ({len(loaded.issues)} issue(s))" if loaded.issues else "")
    )
    check_strict(loaded.issues, strict)
    return loaded


def load_at(
    *,
    paths: list[Path] | None,
    contacts: list[Path] | None,
    calendar: list[Path] | None,
    interactions: list[Path] | None,
    ledger: list[Path] | None,
    db: Path | None,
    as_of: str | None,
    strict: bool,
    quiet: bool,
    me: str | None,
    create_missing: bool = False,
    verbose: bool = False,
) -> tuple[date, Network]:
    """What every command that reads a network does first: the day, and the network.

    Sets ``--quiet``/``--verbose``, parses ``--as-of`` and loads what the options name
    with :func:`load_network` (one rule for every reading command: the scores, the
    ledger, intro, search, help and the report).
    """
    set_quiet(quiet)
    set_verbose(verbose)
    day = parse_as_of(as_of)
    loaded = load_network(
        paths=paths,
        contacts=contacts,
        calendars=calendar,
        interactions=interactions,
        ledgers=ledger,
        db=db,
        as_of=day,
        strict=strict,
        create_missing=create_missing,
        me=me,
    )
    return day, loaded.network
