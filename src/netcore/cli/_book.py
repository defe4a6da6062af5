"""The store as an address book: ``show``, ``log``, ``set``, ``export``, ``forget``.

Each command names a person by uid, email, phone or exact name (a stored alias works
too); an ambiguous name lists the candidates and exits with code 2.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from netcore.cli._common import (
    Quiet,
    fail,
    handle_errors,
    info,
    set_quiet,
    table,
    today,
    write_text,
)
from netcore.cli._import import db_path, refuse_store_output
from netcore.cli._load import Db
from netcore.cli._people import resolve_person
from netcore.cli._store import TableFormat, export_parquet
from netcore.io import OutputFormat
from netcore.model import Contact, Direction, Interaction, InteractionKind, Network

MAX_MINUTES = 525_600.0
"""The longest ``log --minutes`` (a year): beyond it, a usage error, not an overflow."""

MAX_CADENCE = 36_500
"""The longest ``set --cadence`` in days (the model's own bound on ``cadence_days``)."""

Person = Annotated[
    str,
    typer.Argument(
        help="The person: a uid, an email, a phone or the exact name.", show_default=False
    ),
]


def _existing(db: Path | None) -> Path:
    path = db_path(db)
    if not path.exists():
        raise fail(f"{path}: no such store; create it with `netcore import FILE... --db {path}`")
    return path


def _load(path: Path) -> tuple[Network, dict[str, str]]:
    from netcore.store import Store

    with Store.open(path) as store:
        return store.load(), store.aliases()


def _facts(c: Contact) -> list[tuple[str, str]]:
    from netcore.dedupe import merged_values

    rows: list[tuple[str, str]] = [("uid", c.uid), ("name", c.display_name)]
    rows += [("email", e.address) for e in c.emails]
    rows += [("phone", p.number) for p in c.phones]
    for o in c.organizations:
        rows.append(("organization", ", ".join(x for x in (o.title, o.name) if x)))
    if c.birthday is not None:
        rows.append(("birthday", str(c.birthday)))
    if c.anniversary is not None:
        rows.append(("anniversary", str(c.anniversary)))
    if c.note:
        rows.append(("note", c.note))
    if c.cadence_days is not None:
        rows.append(("cadence", f"every {c.cadence_days} days"))
    if c.source:
        rows.append(("source", c.source))
    for field, values in merged_values(c).items():
        rows += [(f"also {field.lower()}", v) for v in values]
    return rows


@handle_errors
def show(person: Person, db: Db = None, quiet: Quiet = False) -> None:
    """Show everything stored about one person: values, alternates kept, recent interactions.

    Example: netcore show "Ada Lovelace" --db netcore.db
    """
    set_quiet(quiet)
    net, aliases = _load(_existing(db))
    c = net.contact(resolve_person(net, person, aliases=aliases))
    table(c.display_name, ["field", "value"], _facts(c))
    recent = sorted(net.interactions_with(c.uid), key=lambda i: i.at, reverse=True)
    if recent:
        table(
            f"{len(recent)} interaction(s), latest first",
            ["date", "kind", "direction", "note"],
            [[i.at, i.kind.value, i.direction.value, i.note or ""] for i in recent[:10]],
        )
    else:
        info("no interaction logged yet")


def _when(value: str | None) -> datetime:
    if value is None:
        return datetime.combine(today(), time(12), UTC)
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(12), UTC)
        at = datetime.fromisoformat(value)
    except ValueError:
        raise fail(
            f"--at {value!r} is not a date (2026-11-20) or a time (2026-11-20T09:30)"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


@handle_errors
def log(
    person: Person,
    kind: Annotated[InteractionKind, typer.Option("--kind", help="What it was.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="When (YYYY-MM-DD or an ISO time); default today.", show_default=False
        ),
    ] = None,
    direction: Annotated[
        Direction, typer.Option("--direction", help="Who reached out.")
    ] = Direction.MUTUAL,
    minutes: Annotated[
        float | None,
        typer.Option(
            "--minutes",
            help="How long (0 to 525600, a year).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="What it was about.")] = "",
    db: Db = None,
    quiet: Quiet = False,
) -> None:
    """Log one interaction with a stored person.

    Example: netcore log ada@example.org --kind call --at 2026-11-20 --db netcore.db
    """
    set_quiet(quiet)
    if minutes is not None and not 0 <= minutes <= MAX_MINUTES:
        raise fail(f"--minutes {minutes:g}: give a number of minutes from 0 to {MAX_MINUTES:g}")
    from netcore.store import Store

    path = _existing(db)
    with Store.open(path) as store:
        net, aliases = store.load(), store.aliases()
        uid = resolve_person(net, person, aliases=aliases)
        inter = Interaction(
            id=str(uuid.uuid4()),
            at=_when(at),
            contact_uids=(uid,),
            kind=kind,
            direction=direction,
            duration=timedelta(minutes=minutes) if minutes is not None else None,
            note=note or None,
        )
        store.log(inter)
    info(f"logged: {inter.at.date()} {kind.value} with {net.contact(uid).display_name} in {path}")


@handle_errors
def set_(
    person: Person,
    cadence: Annotated[
        int | None,
        typer.Option(
            "--cadence",
            help="Keep in touch every N days (1 to 36500).",
            show_default=False,
        ),
    ] = None,
    db: Db = None,
    quiet: Quiet = False,
) -> None:
    """Set a stored person's keep-in-touch cadence.

    Example: netcore set "Ada Lovelace" --cadence 30 --db netcore.db
    """
    set_quiet(quiet)
    if cadence is None:
        raise fail("nothing to set: give --cadence DAYS")
    if not 1 <= cadence <= MAX_CADENCE:
        raise fail(f"--cadence {cadence}: give a number of days from 1 to {MAX_CADENCE}")
    from netcore.store import Store

    path = _existing(db)
    with Store.open(path) as store:
        net, aliases = store.load(), store.aliases()
        uid = resolve_person(net, person, aliases=aliases)
        store.set_cadence(uid, cadence)
    info(f"{net.contact(uid).display_name}: keep in touch every {cadence} days")


@handle_errors
def export(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Where to write (.vcf, .csv, .json, .jcard); '-' is standard output with --to.",
            metavar="OUT",
        ),
    ],
    to: Annotated[
        OutputFormat | None,
        typer.Option("--to", help="Output format; default from the suffix.", show_default=False),
    ] = None,
    db: Db = None,
    quiet: Quiet = False,
    table_format: Annotated[
        TableFormat | None,
        typer.Option(
            "--format",
            help="parquet: write contacts.parquet, interactions.parquet and ledger.parquet "
            "into the folder OUT, straight from the store's columns.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write every stored contact in any format the converter writes (JSON: the whole network).

    With --format parquet, the contacts, interactions and ledger as three Parquet files.

    Example: netcore export --db netcore.db -o contacts.vcf
    """
    set_quiet(quiet)
    from netcore.io import OUTPUT_FORMATS, dumps, output_format_for

    refuse_store_output(output, db)
    if table_format is not None:
        if to is not None:
            raise fail("give --to or --format, not both")
        export_parquet(_existing(db), output)
        return
    net, _ = _load(_existing(db))
    if to is None and output == "-":
        raise fail(f"writing to standard output needs --to {'|'.join(OUTPUT_FORMATS)}")
    fmt = to or output_format_for(output)
    if fmt == "json":
        from netcore.formats import json

        content = json.dumps(net)  # contacts with their interactions, events and ledger
    else:
        content = dumps(list(net.contacts.values()), fmt)
    write_text(output, content)
    info(f"wrote {len(net)} contacts to {output} ({fmt})")


@handle_errors
def forget(
    person: Person,
    db: Db = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    quiet: Quiet = False,
) -> None:
    """Remove a person and everything naming them from the store, for good.

    Their interactions, ledger entries, aliases, alternate values and index rows go in one
    transaction, and the file is compacted so nothing can be read back. Only salted hashes
    of their email, phone and uids remain, so a later import says they were forgotten
    instead of bringing them back (`netcore import --restore-forgotten` overrides).

    Example: netcore forget "Ada Lovelace" --db netcore.db --yes
    """
    set_quiet(quiet)
    from netcore.store import Store

    path = _existing(db)
    with Store.open(path) as store:
        net, aliases = store.load(), store.aliases()
        uid = resolve_person(net, person, aliases=aliases)
        name = net.contact(uid).display_name
        if not yes and not typer.confirm(f"forget {name} ({uid}) and everything about them?"):
            raise fail("nothing forgotten", 1)
        removed = store.forget(uid)
    info(f"forgot {name}: {removed} record(s) removed or rewritten in {path}")


@handle_errors
def compact(db: Db = None, quiet: Quiet = False) -> None:
    """Rewrite the store so no freed page still holds deleted data (`forget` does it too).

    Run it when `netcore forget` said another program was reading the store, once that
    program is closed.

    Example: netcore compact --db netcore.db
    """
    set_quiet(quiet)
    from netcore.store import Store

    path = _existing(db)
    with Store.open(path) as store:
        store.compact()
    info(f"compacted {path}")
