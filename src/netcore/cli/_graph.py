"""``netcore intro`` (who can introduce me), ``search`` (who knows X) and ``relate``."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

import typer

from netcore.cli._common import Quiet, fail, handle_errors, info, print_json, set_quiet, table
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
from netcore.model import Contact, Network, RelationKind


class Output(enum.StrEnum):
    """Output formats of ``intro`` and ``search``."""

    TABLE = "table"
    JSON = "json"


OutputOpt = Annotated[
    Output,
    typer.Option("--format", "-f", help="table (rich on a terminal, plain when piped) or json."),
]


def _name(net: Network, uid: str) -> str:
    return net.contact(uid).display_name if uid in net else uid


@handle_errors
def intro(
    target: Annotated[
        str,
        typer.Argument(
            help="Whom to reach: a contact (uid, email, phone, exact name), an organisation "
            "or an email domain.",
            show_default=False,
        ),
    ],
    paths: Paths = None,
    contacts: Contacts = None,
    calendar: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    max_hops: Annotated[
        int, typer.Option("--max-hops", min=1, max=6, help="At most this many people per path.")
    ] = 3,
    k: Annotated[int, typer.Option("--paths", "-k", min=1, max=50, help="How many paths.")] = 3,
    fmt: OutputOpt = Output.TABLE,
    strict: Strict = False,
    quiet: Quiet = False,
    me: MeOpt = None,
) -> None:
    """Who can introduce you: the strongest paths to a person, an organisation or a domain.

    Example: netcore intro "Acme Corp" examples/data --as-of 2026-11-27
    """
    day, net = load_at(
        paths=paths,
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
    from netcore import scoring
    from netcore.scoring import _intro

    found = scoring.intro_paths(net, target, as_of=day, max_hops=max_hops, k=k)
    if not found.complete:
        info(
            f"the search stopped after {_intro.MAX_EXPANSIONS:,} partial paths: these are the "
            "strongest found so far; a smaller --max-hops finishes (see docs/limits.md)"
        )
    if fmt is Output.JSON:
        print_json(
            [
                {
                    "hops": list(p.hops),
                    "names": [_name(net, u) for u in p.hops],
                    "strength": round(p.strength, 4),
                    "reasons": list(p.reasons),
                }
                for p in found
            ]
        )
        return
    table(
        f"Paths to {target} as of {day.isoformat()}",
        ["#", "strength", "path", "why"],
        [
            [
                i,
                f"{p.strength:.2f}",
                " -> ".join(_name(net, u) for u in p.hops),
                "; ".join(p.reasons),
            ]
            for i, p in enumerate(found, start=1)
        ],
        right=("#", "strength"),
    )
    if not found:
        info("no path: nobody you can ask is known to know them (see docs/guides/intro.md)")


@handle_errors
def search(
    text: Annotated[str, typer.Argument(help="Words to look for.", show_default=False)],
    paths: Paths = None,
    contacts: Contacts = None,
    calendar: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show the first N only.")
    ] = None,
    fmt: OutputOpt = Output.TABLE,
    strict: Strict = False,
    quiet: Quiet = False,
    me: MeOpt = None,
) -> None:
    """Who knows X: people holding every word, best first (relevance x tie strength).

    Searched: names, organisations, titles, categories, emails, phones, notes and the
    titles of the events they attended.

    Reads files, or the store (--db, else the default store), where an FTS5 index answers.

    Example: netcore search kubernetes examples/data --as-of 2026-11-27
    """
    day, net = load_at(
        paths=paths,
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
    from netcore import scoring

    strengths = scoring.tie_strengths(net, as_of=day)
    found: list[Contact]
    if not any((paths, contacts, calendar, interactions, ledger)):
        from netcore.cli._import import db_path
        from netcore.store import Store

        with Store.open(db_path(db)) as store:
            found = store.search(text, strengths=strengths, limit=limit)
    else:
        found = net.search(text, strengths=strengths, limit=limit)
    if fmt is Output.JSON:
        print_json(
            [
                {
                    "uid": c.uid,
                    "name": c.display_name,
                    "organization": c.organizations[0].name if c.organizations else None,
                    "tie_strength": round(strengths.get(c.uid, 0.0), 4),
                }
                for c in found
            ]
        )
        return
    table(
        f"{len(found)} match(es) for {text!r}",
        ["name", "organization", "email", "phone", "tie", "uid"],
        [
            [
                c.display_name,
                c.organizations[0].name if c.organizations else "",
                c.emails[0].address if c.emails else "",
                c.phones[0].number if c.phones else "",
                f"{strengths.get(c.uid, 0.0):.2f}",
                c.uid,
            ]
            for c in found
        ],
        right=("tie",),
    )


def _year_or_date(value: str | None, option: str, *, end: bool) -> date | None:
    if value is None:
        return None
    try:
        if len(value) == 4 and value.isdigit():
            return date(int(value), 12, 31) if end else date(int(value), 1, 1)
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value!r} is not a year (2019) or a date (2019-05-01)") from None


@handle_errors
def relate(
    a: Annotated[str, typer.Argument(help="One person: uid, email, phone or exact name.")],
    b: Annotated[str, typer.Argument(help="The other person.")],
    kind: Annotated[
        RelationKind, typer.Option("--kind", help="How they know each other.")
    ] = RelationKind.EXPLICIT,
    since: Annotated[
        str | None, typer.Option("--since", help="Since (a year or a date).", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Until (a year or a date).", show_default=False)
    ] = None,
    context: Annotated[
        str | None,
        typer.Option("--at", help="Where: the organisation, the event.", show_default=False),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Your note.", show_default=False)
    ] = None,
    weight: Annotated[
        float | None,
        typer.Option(
            "--weight", min=0.01, max=1.0, help="Tie strength, 0.01 to 1.", show_default=False
        ),
    ] = None,
    db: Db = None,
    quiet: Quiet = False,
) -> None:
    """Say that two stored people know each other (kept in the store; used by `intro`).

    Example: netcore relate "Ana Ribeiro" "Bo Chen" --kind colleague --at Acme --since 2019
    --until 2023 --db netcore.db
    """
    set_quiet(quiet)
    from netcore.cli._book import _existing
    from netcore.cli._people import resolve_person
    from netcore.model.relations import describe_relation
    from netcore.store import Store

    start = _year_or_date(since, "--since", end=False)
    end = _year_or_date(until, "--until", end=True)
    if start is not None and end is not None and end < start:
        raise fail(f"--until {until} is before --since {since}")
    with Store.open(_existing(db)) as store:
        net, aliases = store.load(), store.aliases()
        ua = resolve_person(net, a, aliases=aliases)
        ub = resolve_person(net, b, aliases=aliases)
        if ua == ub:
            raise fail(f"{a!r} and {b!r} name the same person")
        r = store.relate(
            ua, ub, kind, weight=weight, since=start, until=end, note=note, context=context
        )
    info(f"kept: {describe_relation(r, net.contacts)}")
