"""``netcore import`` (into the SQLite store) and ``netcore dedupe``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcore.cli._common import (
    Quiet,
    check_strict,
    count,
    fail,
    handle_errors,
    info,
    progress,
    report_issues,
    set_quiet,
    table,
    today,
    window,
)
from netcore.cli._load import Db, Strict
from netcore.io import build_network, save


def _db_path(db: Path | None) -> Path:
    if db is not None:
        return db
    from netcore.store import default_db_path

    return default_db_path()


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
    quiet: Quiet = False,
) -> None:
    """Add files to the SQLite store; importing the same file again adds nothing twice.

    Contacts already stored (same uid, email or phone) are updated in place; then
    `netcore health`, `due` and the rest read the store when given no files.

    Example: netcore import examples/data --db netcore.db
    """
    set_quiet(quiet)
    path = _db_path(db)
    from netcore.store import Store

    start, end = window(today())
    with progress(count(files), "importing") as step:
        loaded = build_network(files, strict=strict, expand_from=start, expand_to=end, on_file=step)
    report_issues(loaded.issues)
    check_strict(loaded.issues, strict)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = ", ".join(str(f) for f in files)
    with Store.open(path) as store:
        report = store.import_network(loaded.network, source=source)
    info(f"{report.summary()} -> {path}")


@handle_errors
def dedupe(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A contacts file or folder; or use --db for the store.", show_default=False
        ),
    ] = None,
    db: Db = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Merge every pair shown (losslessly) and write the result to -o, or back to the "
            "store with --db.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where --apply writes the merged contacts.", show_default=False
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0.0, max=1.0, help="The lowest score to show (0..1)."),
    ] = 0.75,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Find contacts that are probably the same person; review the table, then --apply.

    Example: netcore dedupe examples/data
    """
    set_quiet(quiet)
    from netcore.dedupe import find_duplicates, merge_into

    if (file is None) == (db is None):
        raise fail("give a contacts FILE or --db PATH (not both)")
    if apply and file is not None and output is None:
        raise fail("--apply on a file needs -o OUT for the merged contacts")
    if db is not None:
        from netcore.store import Store

        with Store.open(db) as store:
            net = store.load()
    else:
        assert file is not None
        loaded = build_network(contacts=[file], strict=strict)
        report_issues(loaded.issues)
        check_strict(loaded.issues, strict)
        net = loaded.network
    matches = find_duplicates(net.contacts.values(), threshold=threshold)
    table(
        f"{len(matches)} probable duplicate pair(s)",
        ["score", "contact", "duplicate", "why"],
        [[f"{m.score:.2f}", _who(m.a), _who(m.b), "; ".join(m.reasons)] for m in matches],
        right=("score",),
    )
    if not apply:
        if matches:
            info("review the pairs, then run again with --apply to merge them")
        return
    merged = 0
    for m in matches:
        keep = net.ledger.resolve(m.a.uid)
        drop = m.b.uid
        if keep in net and drop in net and keep != drop:
            merge_into(net, keep, drop)
            merged += 1
    if db is not None:
        from netcore.store import Store

        with Store.open(db) as store:
            store.save(net)
        info(f"merged {merged} pair(s); {len(net)} contacts in {db}")
        return
    assert output is not None
    fmt = save(output, list(net.contacts.values()))
    info(f"merged {merged} pair(s); wrote {len(net)} contacts to {output} ({fmt})")


def _who(c: object) -> str:
    from netcore.model import Contact

    assert isinstance(c, Contact)
    email = c.emails[0].address if c.emails else ""
    return f"{c.display_name} <{email}>" if email else c.display_name
