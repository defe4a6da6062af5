"""``netcore dedupe``, and Parquet in and out of the store (``netcore import``: ``_import``)."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netcore.cli._common import (
    Quiet,
    check_strict,
    fail,
    handle_errors,
    info,
    pair_progress,
    report_issues,
    set_quiet,
    table,
)
from netcore.cli._load import Db, Strict
from netcore.io import build_network, save

if TYPE_CHECKING:
    from netcore.dedupe import Match
    from netcore.model import Network
    from netcore.store import Store


class TableFormat(enum.StrEnum):
    """``netcore export --format``: the store's tables in columns."""

    PARQUET = "parquet"


def export_parquet(db: Path, output: str) -> None:
    """Write the store's contacts, interactions and ledger as Parquet files into ``output``."""
    from netcore.store import Store

    if output == "-":
        raise fail("--format parquet writes a folder of files; give -o FOLDER")
    with Store.open(db) as store:
        written = store.export_parquet(output)
    info(f"wrote {', '.join(p.name for p in written)} to {output} (parquet)")


def is_parquet(path: Path) -> bool:
    """A file named ``*.parquet`` (what ``netcore import`` hands to Parquet import)."""
    return path.suffix.lower() == ".parquet" and not path.is_dir()


def split_parquet(files: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(Parquet files, everything else): folders give their ``*.parquet`` files too."""
    from netcore.io import expand_paths

    parquet: list[Path] = []
    rest: list[Path] = []
    for path in files:
        if is_parquet(path):
            parquet.append(path)
            continue
        rest.append(path)
        if path.is_dir():
            parquet.extend(f for f in expand_paths([path]) if is_parquet(f))
    # Contacts first, so that interactions and ledger entries find the people they name.
    order = {"contacts.parquet": 0}
    parquet.sort(key=lambda p: order.get(p.name.lower(), 1))
    return parquet, rest


def import_parquet(store: Store, files: Sequence[Path], *, restore_forgotten: bool) -> None:
    """Import each Parquet file into ``store``; report its summary and unmatched rows."""
    from netcore.cli._common import report_unmatched

    for path in files:
        report = store.import_parquet(path, restore_forgotten=restore_forgotten)
        if report.unmatched:
            report_unmatched({str(path): [ref for _, ref in report.unmatched]})
        info(report.summary())


@handle_errors
def dedupe(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A contacts file or folder; or use --db for the store.", show_default=False
        ),
    ] = None,
    db: Db = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Ask pair by pair: accept, reject (remembered in the store), swap survivor, "
            "skip or quit; then write the accepted merges like --apply.",
        ),
    ] = False,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Merge (losslessly) every pair scoring at least --apply-above and write the "
            "result to -o, or back to the store with --db.",
        ),
    ] = False,
    apply_above: Annotated[
        float,
        typer.Option(
            "--apply-above",
            min=0.0,
            max=1.0,
            help="The lowest score --apply merges without asking (0..1).",
        ),
    ] = 0.9,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where merged contacts are written.", show_default=False
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0.0, max=1.0, help="The lowest score to show (0..1)."),
    ] = 0.75,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Find contacts that are probably the same person; --review them or --apply the sure ones.

    Example: netcore dedupe examples/data
    """
    set_quiet(quiet)
    from netcore.dedupe import find_duplicates

    if (file is None) == (db is None):
        raise fail("give a contacts FILE or --db PATH (not both)")
    if review and apply:
        raise fail("give --review or --apply, not both")
    if (apply or review) and file is not None and output is None:
        raise fail("--apply or --review on a file needs -o OUT for the merged contacts")
    rejected: list[tuple[str, str]] = []
    if db is not None:
        from netcore.store import Store

        with Store.open(db) as store:
            net = store.load()
            rejected = store.rejected_pairs()
    else:
        assert file is not None
        loaded = build_network(contacts=[file], strict=strict)
        report_issues(loaded.issues)
        check_strict(loaded.issues, strict)
        net = loaded.network
    with pair_progress() as step:
        matches = find_duplicates(
            net.contacts.values(), threshold=threshold, rejected=rejected, progress=step
        )
    if review:
        merged = _review(net, matches, db, threshold, rejected)
    else:
        table(
            f"{len(matches)} probable duplicate pair(s)",
            ["score", "contact", "duplicate", "why"],
            [[_shown(m.score), _who(m.a), _who(m.b), "; ".join(m.reasons)] for m in matches],
            right=("score",),
        )
        if not apply:
            if matches:
                info("review the pairs with --review, or merge the sure ones with --apply")
            return
        sure = [m for m in matches if m.score >= apply_above]
        merged = _merge_all(net, sure)
        if len(sure) < len(matches):
            info(f"{len(matches) - len(sure)} pair(s) below {apply_above:.2f} left for --review")
    _write(net, merged, db, output)


def _merge_all(net: Network, matches: Sequence[Match]) -> list[tuple[str, str]]:
    """Merge each pair (drop into keep), following earlier merges; return the pairs merged."""
    from netcore.dedupe import merge_into

    merged: list[tuple[str, str]] = []
    for m in matches:
        keep, drop = net.ledger.resolve(m.keep.uid), net.ledger.resolve(m.drop.uid)
        if keep in net and drop in net and keep != drop:
            merge_into(net, keep, drop)
            merged.append((m.keep.uid, m.drop.uid))
    return merged


_CHOICES = {"a": "accept", "r": "reject", "s": "swap", "k": "skip", "q": "quit"}


def _rematch(
    net: Network, m: Match, threshold: float, rejected: list[tuple[str, str]]
) -> Match | None:
    """``m`` between the records its two sides are now (after earlier merges), rescored."""
    from netcore.dedupe import find_duplicates

    a, b = net.ledger.resolve(m.a.uid), net.ledger.resolve(m.b.uid)
    if a == m.a.uid and b == m.b.uid:
        return m
    if a == b or a not in net or b not in net:
        return None  # already one record
    found = find_duplicates(
        [net.contacts[a], net.contacts[b]], threshold=threshold, rejected=rejected
    )
    return found[0] if found else None


def _ask(prompt: str) -> str:
    """One answer: a letter or a word of the prompt, any case; end of input is [q]uit."""
    while True:
        try:
            # typer's own prompt: recent typer carries its own copy of click, and click
            # itself is not one of netcore's dependencies.
            raw = typer.prompt(prompt, default="", show_default=False)
        except typer.Abort:  # end of input, Ctrl-D or Ctrl-C: stop as [q]uit does
            typer.echo("")
            info("input ended: writing the merges accepted so far")
            return "q"
        answer = raw.strip().lower()
        for letter, word in _CHOICES.items():
            if answer in (letter, word):
                return letter
        typer.echo(f"{raw.strip()!r} is not one of a, r, s, k, q (or accept, reject, ...)")


def _review(
    net: Network,
    matches: Sequence[Match],
    db: Path | None,
    threshold: float,
    rejected: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """Ask about each pair; merge accepted ones, remember rejected ones; return the merges.

    A pair whose record was merged into another meanwhile is asked about as the pair of
    records it is now (rescored), or not at all when they are one record already.
    """
    from netcore.dedupe import side_by_side

    merged: list[tuple[str, str]] = []
    rejected = list(rejected)
    prompt = "[a]ccept, [r]eject, [s]wap survivor, s[k]ip, [q]uit"
    for number, found in enumerate(matches, 1):
        now = _rematch(net, found, threshold, rejected)
        if now is None:
            continue
        m = now
        while True:
            table(
                f"pair {number} of {len(matches)}: score {_shown(m.score)}",
                ["field", "keep", "merge into it"],
                side_by_side(m.keep, m.drop),
            )
            typer.echo("why: " + "; ".join(m.reasons))
            answer = _ask(prompt)
            if answer != "s":
                break
            m = m.swapped()
        if answer == "q":
            break
        if answer == "a":
            merged += _merge_all(net, [m])
        elif answer == "r":
            _reject(m, db)
            rejected.append(m.uids)
    return merged


def _reject(m: Match, db: Path | None) -> None:
    if db is None:
        info("rejected for this run (use --db to remember rejected pairs)")
        return
    from netcore.store import Store

    with Store.open(db) as store:
        store.reject_pair(m.a.uid, m.b.uid)
    info(f"rejected; {m.a.uid} and {m.b.uid} will not be proposed again")


def _write(
    net: Network, merged: list[tuple[str, str]], db: Path | None, output: Path | None
) -> None:
    if db is not None:
        from netcore.store import Store

        # One write transaction that re-reads both contacts of every pair: an import
        # committed since the pairs were found is kept, and merged-away uids become
        # aliases, so re-importing the same files adds nobody.
        with Store.open(db) as store:
            done = store.merge_many(merged)
            left = store.counts().contacts
        info(f"merged {len(done)} pair(s); {left} contacts in {db}")
        return
    assert output is not None
    fmt = save(output, list(net.contacts.values()))
    info(f"merged {len(merged)} pair(s); wrote {len(net)} contacts to {output} ({fmt})")


def _shown(score: float) -> str:
    """A score rounded down to 2 decimals, so 0.898 shows 0.89, as --apply-above 0.9 sees it."""
    return f"{math.floor(round(score * 100, 6)) / 100:.2f}"


def _who(c: object) -> str:
    from netcore.model import Contact

    assert isinstance(c, Contact)
    email = c.emails[0].address if c.emails else ""
    return f"{c.display_name} <{email}>" if email else c.display_name
