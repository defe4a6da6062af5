"""``netcore ledger add`` and ``netcore ledger show``: the favours given and received."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated, Any

import pydantic
import typer

from netcore.cli._common import (
    Quiet,
    fail,
    handle_errors,
    info,
    parse_as_of,
    set_quiet,
    table,
)
from netcore.cli._load import AsOf, Contacts, Db, Ledgers, Paths, Strict, _first_line, load_at
from netcore.cli._people import resolve_person
from netcore.formats.activity import LEDGER_COLUMNS, MAX_WEIGHT
from netcore.model import EntryType, FavourDirection, FavourKind, LedgerEntry

app = typer.Typer(
    help="Record favours given and received, and show who owes whom.",
    no_args_is_help=True,
)


@app.command("add")
@handle_errors
def add(
    contact: Annotated[
        str, typer.Argument(help="The contact: email, uid or exact name.", show_default=False)
    ],
    direction: Annotated[
        FavourDirection,
        typer.Argument(help="given (I did it for them) or received (they did it for me)."),
    ],
    kind: Annotated[FavourKind, typer.Argument(help="What sort of favour.")],
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            help="The ledger CSV to append to (created with its header when new).",
            show_default=False,
        ),
    ] = None,
    db: Db = None,
    contacts: Contacts = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The day (YYYY-MM-DD); default today.", show_default=False),
    ] = None,
    weight: Annotated[
        float,
        typer.Option(
            "--weight",
            help=f"How much it counted (1 is ordinary; 0 to {MAX_WEIGHT:g}).",
        ),
    ] = 1.0,
    note: Annotated[str, typer.Option("--note", help="What it was.")] = "",
    entry_type: Annotated[
        EntryType,
        typer.Option(
            "--type",
            help="favour (done), or an open ask or offer: with given, they asked me or I "
            "offered; with received, I asked them or they offered.",
        ),
    ] = EntryType.FAVOUR,
    topic: Annotated[
        str, typer.Option("--topic", help="What an ask or offer is about (kubernetes, ...).")
    ] = "",
    quiet: Quiet = False,
) -> None:
    """Record one favour, ask or offer, in a ledger CSV or in the store.

    The person must be known: in the store with --db; with --ledger, in the address
    book given with --contacts (else the default store).

    Example: netcore ledger add "Inês Duarte" received introduction --ledger f.csv -c examples/data
    """
    set_quiet(quiet)
    if not 0 <= weight <= MAX_WEIGHT:
        raise fail(f"--weight {weight:g}: give a number from 0 to {MAX_WEIGHT:g}")
    day = parse_as_of(on)
    if entry_type is EntryType.DECLINE:
        raise fail("--type decline: a decline closes an ask; give favour, ask or offer")
    if (ledger is None) == (db is None):
        raise fail("give exactly one of --ledger FILE and --db PATH")
    if ledger is not None:
        from netcore.formats.activity import dumps_ledger

        _check_known(contact, contacts)
        # The row as the ledger CSV codec writes it; its header only when the file is new.
        # The person is named as given and resolved when the ledger is read.
        entry = _entry(
            on=day,
            contact_uid=contact,
            direction=direction,
            kind=kind,
            weight=weight,
            note=note or None,
            type=entry_type,
            topic=topic or None,
        )
        if ledger.exists() and ledger.stat().st_size > 0:
            before, header = _after_existing_ledger(ledger)
            try:
                text = dumps_ledger([entry], header=header)
            except ValueError:  # a ledger of favours only: widen its header, keep its rows
                _widen_ledger_header(ledger)
                before, header = _after_existing_ledger(ledger)
                text = dumps_ledger([entry], header=header)
            text = before + text.split("\n", 1)[1]
        else:
            text = dumps_ledger([entry])
        with ledger.open("a", encoding="utf-8", newline="") as fh:
            fh.write(text)
        what = "" if entry_type is EntryType.FAVOUR else f"{entry_type.value} "
        info(f"recorded: {day} {what}{direction.value} {kind.value} {contact} in {ledger}")
        return
    assert db is not None
    from netcore.store import Store

    with Store.open(db) as store:
        net = store.load()
        uid = resolve_person(net, contact, aliases=store.aliases())
        entry = _entry(
            id=str(uuid.uuid4()),
            on=day,
            contact_uid=uid,
            direction=direction,
            kind=kind,
            weight=weight,
            note=note or None,
            type=entry_type,
            topic=topic or None,
        )
        store.record(entry)
    who = net.contact(entry.contact_uid).display_name
    what = "" if entry_type is EntryType.FAVOUR else f"{entry_type.value} "
    info(f"recorded: {day} {what}{direction.value} {kind.value} {who} in {db} (id {entry.id})")


def _entry(**fields: Any) -> LedgerEntry:
    """The entry the options describe; a value it refuses is a one-line usage error.

    A ``--topic`` pasted with a line break, a ``--note`` with a control character: the
    message names the option, and nothing is written.
    """
    try:
        return LedgerEntry(**fields)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else None
        where = f"--{first['loc'][0]}: " if first and first["loc"] else ""
        raise fail(f"{where}{_first_line(exc).removeprefix('Value error, ')}") from None


def _check_known(ref: str, contacts: list[Path] | None) -> None:
    """Exit with one line unless ``ref`` names someone in ``contacts`` (else the default store)."""
    if contacts:
        from netcore.io import build_network

        resolve_person(build_network(contacts=contacts).network, ref)
        return
    from netcore.store import Store, default_db_path

    path = default_db_path()
    if not path.exists():
        raise fail(
            f"who is {ref!r}? give the address book with --contacts FILE (or import it "
            "with `netcore import FILE...`), so that the person can be checked"
        )
    with Store.open(path) as store:
        resolve_person(store.load(), ref, aliases=store.aliases())


@app.command("show")
@handle_errors
def show(
    paths: Paths = None,
    contacts: Contacts = None,
    ledger: Ledgers = None,
    db: Db = None,
    contact: Annotated[
        str | None,
        typer.Option("--contact", help="Show one contact's entries (email, uid or name)."),
    ] = None,
    as_of: AsOf = None,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Show the favour balance with each contact (recent favours weigh more), or one's entries.

    Example: netcore ledger show examples/data --as-of 2026-11-27
    """
    day, net = load_at(
        paths=paths,
        contacts=contacts,
        calendar=None,
        interactions=None,
        ledger=ledger,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=None,
    )
    from netcore import scoring

    if contact is not None:
        uid = resolve_person(net, contact)
        entries = net.ledger.for_contact(uid)
        table(
            f"Favours with {net.contact(uid).display_name}",
            ["date", "direction", "kind", "weight", "note", "status"],
            [
                [
                    e.on,
                    e.direction.value,
                    e.kind.value,
                    e.weight,
                    e.note or "",
                    e.type.value
                    if e.type is not EntryType.FAVOUR
                    else "reversal"
                    if e.reverses
                    else ("reversed" if net.ledger.is_reversed(e.id) else ""),
                ]
                for e in entries
            ],
            right=("weight",),
        )
        b = scoring.balance(net, uid, as_of=day)
        info(b.reasons[0] if b.reasons else f"balance {b.net:+.1f}")
        return
    uids = list(dict.fromkeys(net.ledger.resolve(e.contact_uid) for e in net.ledger.favours()))
    balances = [scoring.balance(net, u, as_of=day) for u in uids if u in net]
    balances.sort(key=lambda b: (b.net, b.uid))
    table(
        f"Favour balances as of {day.isoformat()} (below 0: you owe them)",
        ["contact", "given", "received", "net", "why"],
        [
            [
                net.contact(b.uid).display_name,
                f"{b.given:.1f}",
                f"{b.received:.1f}",
                f"{b.net:+.1f}",
                b.reasons[0] if b.reasons else "",
            ]
            for b in balances
        ],
        right=("given", "received", "net"),
    )


@app.command("asks")
@handle_errors
def asks(
    paths: Paths = None,
    contacts: Contacts = None,
    ledger: Ledgers = None,
    db: Db = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Also the fulfilled and declined ones.")
    ] = False,
    as_of: AsOf = None,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Show the asks and offers (open ones; --all for every one), oldest first.

    Example: netcore ledger asks examples/data --as-of 2026-11-27
    """
    from netcore.report import ask_text

    day, net = load_at(
        paths=paths,
        contacts=contacts,
        calendar=None,
        interactions=None,
        ledger=ledger,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=None,
    )
    # Oldest first, as the help says; asks of one day in the order recorded (a stable sort).
    rows = sorted(
        (a for a in net.ledger.asks(as_of=day) if everything or a.is_open),
        key=lambda a: a.asked_on,
    )
    table(
        f"{'Asks and offers' if everything else 'Open asks and offers'} as of {day.isoformat()}",
        ["id", "asked on", "who", "what", "kind", "topic", "state", "closed on"],
        [
            [
                a.id[:8],
                a.asked_on,
                net.contact(a.contact_uid).display_name if a.contact_uid in net else a.contact_uid,
                ask_text(a),
                a.kind.value,
                a.topic or "",
                a.state.value,
                a.closed_on or "",
            ]
            for a in rows
        ],
    )


@app.command("close")
@handle_errors
def close(
    ask_id: Annotated[
        str,
        typer.Argument(
            help="The ask or offer: its id, or the start of it that `netcore ledger asks` shows.",
            show_default=False,
        ),
    ],
    db: Db = None,
    declined: Annotated[
        bool, typer.Option("--declined", help="Declined, not fulfilled (counts nothing).")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The day (YYYY-MM-DD); default today.", show_default=False),
    ] = None,
    weight: Annotated[
        float,
        typer.Option("--weight", help=f"How much the favour counted (0 to {MAX_WEIGHT:g})."),
    ] = 1.0,
    note: Annotated[str, typer.Option("--note", help="What was done.")] = "",
    quiet: Quiet = False,
) -> None:
    """Close an open ask or offer in the store: fulfilled (a favour) or --declined.

    (In a ledger CSV, set its state and closed_on columns instead.)

    Example: netcore ledger close 3f2a9c1e --db net.db --on 2026-11-28
    """
    from netcore.store import Store, default_db_path

    set_quiet(quiet)
    if not 0 <= weight <= MAX_WEIGHT:
        raise fail(f"--weight {weight:g}: give a number from 0 to {MAX_WEIGHT:g}")
    day = parse_as_of(on)
    path = db if db is not None else default_db_path()
    if not path.exists():
        raise fail(f"no store at {path}: give --db PATH (see `netcore import`)")
    with Store.open(path) as store:
        net = store.load()
        found = [a for a in net.ledger.asks() if a.id.startswith(ask_id)]
        if len(found) != 1:
            raise fail(
                f"{ask_id!r} names no ask or offer; `netcore ledger asks --db {path}` lists them"
                if not found
                else f"{ask_id!r} names {len(found)} asks or offers; give more of the id"
            )
        entry = net.ledger.close(
            found[0].id, on=day, fulfilled=not declined, weight=weight, note=note or None
        )
        store.record(entry)
    who = net.contact(found[0].contact_uid).display_name
    info(
        f"closed: {found[0].type.value} of {who} {'declined' if declined else 'fulfilled'} on {day}"
    )


def _after_existing_ledger(path: Path) -> tuple[str, tuple[str, ...]]:
    """What goes before a row appended to ``path``, and its header (the columns to write).

    The first is ``""`` or the missing final newline.

    Refuses (usage error, nothing written) a file that is not a UTF-8 ledger CSV whose
    header is netcore's ledger columns in order, since rows appended to it would be
    misread or would corrupt it (a database, a UTF-16 file, another CSV).
    """
    import csv
    import io

    from netcore.formats.activity import ASK_COLUMNS, FAVOUR_COLUMNS

    def refuse() -> typer.Exit:  # prints its line only when raised
        expected = ",".join(FAVOUR_COLUMNS) + " (and maybe the ask columns)"
        return fail(
            f"{path}: not a ledger CSV (a UTF-8 file whose header is {expected}); "
            "nothing written: give a new file or a ledger netcore wrote"
        )

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
            fh.seek(-1, 2)
            last = fh.read(1)
        first = head.split(b"\n", 1)[0].decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(first)), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise refuse() from exc
    found = tuple(h.strip().lower() for h in header)
    if found not in (LEDGER_COLUMNS, ASK_COLUMNS, FAVOUR_COLUMNS):
        raise refuse()
    return ("" if last == b"\n" else "\n"), found


def _widen_ledger_header(path: Path) -> None:
    """Give a ledger of favours only (checked by the caller) the four ask columns.

    Only the header line changes: the old rows, six columns each, read back the same
    (missing trailing columns are empty). The file is replaced atomically.
    """
    from netcore._files import atomic_write_bytes
    from netcore.formats.activity import ASK_COLUMNS

    data = path.read_bytes()
    first, sep, rest = data.partition(b"\n")
    bom = b"\xef\xbb\xbf" if first.startswith(b"\xef\xbb\xbf") else b""
    cr = b"\r" if first.endswith(b"\r") else b""
    header = bom + ",".join(ASK_COLUMNS).encode("utf-8") + cr
    atomic_write_bytes(path, header + (sep or b"\n") + rest)
