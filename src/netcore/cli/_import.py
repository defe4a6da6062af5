"""``netcore import``: add files to the SQLite store, resolving people against it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netcore.cli._common import (
    Quiet,
    Verbose,
    check_strict,
    count,
    fail,
    handle_errors,
    info,
    progress,
    report_issues,
    report_unmatched,
    set_quiet,
    set_verbose,
    today,
)
from netcore.cli._load import Db, MeOpt, Strict, resolve_me
from netcore.cli._store import import_parquet, split_parquet
from netcore.formats.issues import Issue

if TYPE_CHECKING:
    from netcore.io import NetworkLoad, PlannedFile
    from netcore.model import Event


def db_path(db: Path | None) -> Path:
    """``--db``, else the default store (``$NETCORE_DB`` or the per-user data folder)."""
    if db is not None:
        return db
    from netcore.store import default_db_path

    return default_db_path()


def refuse_store_output(output: str | Path, db: Path | None) -> None:
    """Exit with a usage error when ``output`` is the store itself (or one of its sidecars).

    The output is compared with ``--db`` and with the default store, by resolved path and,
    when both exist, by device and inode (a hard link or another spelling of the same
    path is the same file). ``-`` (standard output) is never a store.
    """
    if str(output) == "-":
        return
    stores = [db_path(None)] if db is None else [db, db_path(None)]
    target = Path(output)
    for store in stores:
        for name in (store, *(Path(f"{store}{s}") for s in ("-wal", "-shm", "-journal"))):
            if _same_file(target, name):
                raise fail(f"{output}: that is the store {store}; write to another file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):
        return False


RestoreForgotten = Annotated[
    bool,
    typer.Option(
        "--restore-forgotten",
        help="Import people removed with `netcore forget` again (by default they are skipped "
        "and reported).",
    ),
]


@handle_errors
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders of any kind netcore reads, each recognised by its content.",
            show_default=False,
        ),
    ],
    db: Db = None,
    strict: Strict = False,
    restore_forgotten: RestoreForgotten = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    me: MeOpt = None,
) -> None:
    """Add files to the SQLite store; importing the same file again adds nothing twice.

    Contacts come first, one file at a time (so one import of four files gives the same
    store as four imports): a contact already stored (same uid, alias, email or phone) is
    updated and keeps every value it had. Calendars, interactions and ledger CSVs are then
    read against every stored contact; what matched nobody is listed per file.

    Parquet files (``*.parquet``, as `netcore export --format parquet` writes them) are
    recognised by their columns: contacts, interactions or ledger entries, imported after
    the contact files; a row naming no stored contact is listed, never dropped silently.

    Example: netcore import examples/data --db netcore.db
    """
    set_quiet(quiet)
    set_verbose(verbose)
    from netcore.io import Role, build_network
    from netcore.io._read import source_of
    from netcore.store import Store

    path = db_path(db)
    day = today()
    parquet, files = split_parquet(files)
    planned = _plan(files, parquet, strict=strict)
    people = [f.path for f in planned if f.role is Role.CONTACTS]
    later = [f for f in planned if f.role is not Role.CONTACTS]
    with progress(count(files), "importing") as step:
        first = build_network(contacts=people, as_of=day, strict=strict, on_file=step)
        report_issues(first.issues)
        check_strict(first.issues, strict)
        path.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(path) as store:
            for loaded in first.files:
                if loaded.network is not None:
                    report = store.import_network(
                        loaded.network, source=loaded.source, restore_forgotten=restore_forgotten
                    )
                else:
                    # With the file's contacts, the interactions read from it (LinkedIn's
                    # "Connected On"), so that a forgotten person's are skipped with them.
                    uids = {c.uid for c in loaded.contacts}
                    report = store.import_records(
                        contacts=loaded.contacts,
                        interactions=[
                            i for i in first.new_interactions if set(i.contact_uids) <= uids
                        ],
                        source=loaded.source,
                        restore_forgotten=restore_forgotten,
                    )
                info(f"{report.summary()} -> {path}")
            import_parquet(store, parquet, restore_forgotten=restore_forgotten)
            if not later:
                return
            # Me as every other command has it (--me, $NETCORE_ME, the store's), so that my
            # invitations and my mail are told from others' and I am never "matched nobody".
            base = store.load()
            base.me = resolve_me(me, base.me)
            stored_events = {(e.uid, e.occurrence_key) for e in base.events}
            second = build_network(
                [f.path for f in later if f.role is Role.MAIL],
                calendars=[f.path for f in later if f.role is Role.CALENDARS],
                interactions=[f.path for f in later if f.role is Role.INTERACTIONS],
                ledgers=[f.path for f in later if f.role is Role.LEDGERS],
                base=base,
                aliases=store.aliases(),
                as_of=day,
                strict=strict,
                on_file=step,
            )
            report_issues(second.issues)
            report_unmatched(second.unmatched)
            check_strict(second.issues, strict)
            report = store.import_records(
                contacts=second.contacts_read,  # people created from attendees or mail
                interactions=second.new_interactions,
                events=_events_to_store(second, stored_events, restore=restore_forgotten),
                entries=second.new_entries,
                source=", ".join(source_of(f.path) for f in later),
                restore_forgotten=restore_forgotten,
                unmatched=[(src, ref) for src, refs in second.unmatched.items() for ref in refs],
            )
            info(f"{report.summary()} -> {path}")


def _plan(files: list[Path], parquet: list[Path], *, strict: bool) -> list[PlannedFile]:
    """Plan the files that are not Parquet; report (or, strict, refuse) unreadable ones."""
    from netcore.io import plan

    skipped: list[Issue] = []  # files in a folder netcore cannot read, unless --strict
    planned = plan(files, skipped=None if strict and not parquet else skipped)
    # Parquet files in a folder are imported by import_parquet, not skipped.
    skipped = [i for i in skipped if Path(i.source or "") not in parquet]
    if strict and skipped:
        raise fail(f"{skipped[0].source}: {skipped[0].message.removeprefix('skipped: ')}", 1)
    report_issues(skipped)
    return planned


def _events_to_store(
    loaded: NetworkLoad, stored: set[tuple[str, str]], *, restore: bool
) -> list[Event]:
    """The occurrences an import hands to the store.

    The new ones; with ``--restore-forgotten`` also the stored ones read again, so that
    the store puts restored people back into them (``Store.import_records``).
    """
    events = list(loaded.new_events)
    if restore:
        events += [e for f in loaded.files for e in f.events if (e.uid, e.occurrence_key) in stored]
    return events
