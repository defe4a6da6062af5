"""``netcore dedupe`` (``netcore import`` is in ``_import``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcore.cli._common import (
    Quiet,
    check_strict,
    fail,
    handle_errors,
    info,
    report_issues,
    set_quiet,
    table,
)
from netcore.cli._load import Db, Strict
from netcore.io import build_network, save


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
    if db is not None:
        from netcore.store import Store

        # One write transaction that re-reads both contacts of every pair: an import
        # committed since the pairs were found is kept, and merged-away uids become
        # aliases, so re-importing the same files adds nobody.
        with Store.open(db) as store:
            done = store.merge_many((m.a.uid, m.b.uid) for m in matches)
            left = store.counts().contacts
        info(f"merged {len(done)} pair(s); {left} contacts in {db}")
        return
    merged = 0
    for m in matches:
        keep = net.ledger.resolve(m.a.uid)
        drop = m.b.uid
        if keep in net and drop in net and keep != drop:
            merge_into(net, keep, drop)
            merged += 1
    assert output is not None
    fmt = save(output, list(net.contacts.values()))
    info(f"merged {merged} pair(s); wrote {len(net)} contacts to {output} ({fmt})")


def _who(c: object) -> str:
    from netcore.model import Contact

    assert isinstance(c, Contact)
    email = c.emails[0].address if c.emails else ""
    return f"{c.display_name} <{email}>" if email else c.display_name
