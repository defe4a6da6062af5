"""``netcore health``, ``netcore due`` and ``netcore followups``."""

from __future__ import annotations

import csv as _csv
import enum
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from netcore._text import safe_cell, visible
from netcore.cli._common import (
    Quiet,
    Verbose,
    fail,
    handle_errors,
    info,
    print_json,
    table,
    write_text,
)
from netcore.cli._import import refuse_store_output
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
from netcore.errors import NotFoundError
from netcore.model import Network


class Format(enum.StrEnum):
    """Output formats of ``health`` and ``due``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="table (rich on a terminal, plain when piped), json or csv."
    ),
]


def _name(net: Network, uid: str) -> str:
    return net.contact(uid).display_name if uid in net else uid


def _csv_out(header: list[str], rows: list[list[object]]) -> None:
    writer = _csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    # Names and reasons come from other people's files: neutralise formula cells and
    # show control characters (a terminal escape) visibly.
    writer.writerows(
        [safe_cell(visible(v)) if isinstance(v, str) else "" if v is None else str(v) for v in row]
        for row in rows
    )
    sys.stdout.flush()


@handle_errors
def health(
    paths: Paths = None,
    contacts: Contacts = None,
    calendar: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    fmt: FormatOpt = Format.TABLE,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show the first N only.")
    ] = None,
    strict: Strict = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    me: MeOpt = None,
) -> None:
    """Rank every contact by relationship health, with its status and the main reason.

    Example: netcore health examples/data --as-of 2026-11-27
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
        verbose=verbose,
        me=me,
    )
    from netcore import scoring

    ranked = scoring.rank(net, as_of=day)
    if limit is not None:
        ranked = ranked[:limit]
    if fmt is Format.JSON:
        print_json(
            [
                {
                    "uid": h.uid,
                    "name": _name(net, h.uid),
                    "score": round(h.score, 1),
                    "status": h.status.value,
                    "tier": h.tier,
                    "cadence_days": h.cadence_days,
                    "last_interaction": h.last_interaction.isoformat()
                    if h.last_interaction
                    else None,
                    "next_due": h.next_due.isoformat() if h.next_due else None,
                    "components": {k: round(v, 3) for k, v in h.components.items()},
                    "reasons": list(h.reasons),
                }
                for h in ranked
            ]
        )
        return
    rows: list[list[object]] = [
        [
            i,
            _name(net, h.uid),
            round(h.score),
            h.status.value.replace("_", " "),
            h.last_interaction,
            h.next_due,
            h.reasons[0] if h.reasons else "",
        ]
        for i, h in enumerate(ranked, start=1)
    ]
    header = ["#", "contact", "score", "status", "last contact", "next due", "top reason"]
    if fmt is Format.CSV:
        _csv_out(
            ["rank", "contact", "score", "status", "last_contact", "next_due", "top_reason"],
            [[*r[:4], _day(r[4]), _day(r[5]), r[6]] for r in rows],
        )
        return
    table(f"Relationship health as of {day.isoformat()}", header, rows, right=("#", "score"))
    counts: dict[str, int] = {}
    for h in ranked:
        counts[h.status.value] = counts.get(h.status.value, 0) + 1
    info(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))


def _day(value: object) -> str:
    from netcore.cli._common import text

    return text(value)


@handle_errors
def due(
    paths: Paths = None,
    contacts: Contacts = None,
    calendar: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Suggest at most N people.")
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            help="Also write the suggestions as VTODOs to this .ics file ('-' for stdout).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    within: Annotated[
        int | None,
        typer.Option("--within", min=0, help="Also list who becomes due in the next N days."),
    ] = None,
    strict: Strict = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    me: MeOpt = None,
) -> None:
    """Whom to get in touch with now, and why (most urgent first).

    People you reached out to recently without an answer are held back so as not to
    pester them; the count is shown at the end.

    Example: netcore due examples/data --as-of 2026-11-27 --limit 10 --ics todo.ics
    """
    if ics is not None:
        refuse_store_output(ics, db)
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
        verbose=verbose,
        me=me,
    )
    from netcore import scoring

    nudges = (
        scoring.due(net, as_of=day, limit=limit)
        if within is None
        else scoring.due_within(net, as_of=day, within_days=within, limit=limit)
    )
    if ics is not None:
        from netcore.formats import ical

        names = {n.uid: _name(net, n.uid) for n in nudges}
        write_text(str(ics), ical.follow_ups(list(nudges), names=names))
        if str(ics) != "-":
            info(f"wrote {len(nudges)} to-do(s) to {ics}")
        if str(ics) == "-":
            return
    rows: list[list[object]] = [
        [
            _name(net, n.uid),
            n.due_on,
            _overdue(n.overdue_days),
            round(n.priority),
            n.reasons[0] if n.reasons else "",
        ]
        for n in nudges
    ]
    if fmt is Format.JSON:
        print_json(
            {
                "as_of": day.isoformat(),
                "due": [_nudge_json(net, n) for n in nudges],
                "held_back": [_nudge_json(net, n) for n in nudges.held_back],
            }
        )
        return
    if fmt is Format.CSV:
        _csv_out(
            ["contact", "due_on", "overdue_days", "priority", "reason"],
            [
                [r[0], _day(r[1]), n.overdue_days, r[3], r[4]]
                for r, n in zip(rows, nudges, strict=True)
            ],
        )
        return
    table(
        f"Due for contact as of {day.isoformat()}",
        ["contact", "due on", "overdue", "priority", "why"],
        rows,
        right=("priority",),
    )
    if nudges.held_back:
        info(
            f"{len(nudges.held_back)} more held back so as not to pester "
            f"(e.g. {_name(net, nudges.held_back[0].uid)}: {nudges.held_back[0].held_because})"
        )


def _overdue(days: int) -> str:
    if days > 0:
        return f"{days} d"
    if days == 0:
        return "today"
    return f"in {-days} d"


def _nudge_json(net: Network, n: object) -> dict[str, object]:
    from netcore.scoring import Nudge

    assert isinstance(n, Nudge)
    return {
        "uid": n.uid,
        "name": _name(net, n.uid),
        "due_on": n.due_on.isoformat(),
        "overdue_days": n.overdue_days,
        "priority": round(n.priority, 1),
        "reasons": list(n.reasons),
        "held_because": n.held_because,
    }


@handle_errors
def followups(
    event: Annotated[
        str,
        typer.Option(
            "--event",
            "-e",
            help="The event's UID, or its title (case-insensitive; a unique part of it will do).",
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
    within_days: Annotated[
        int, typer.Option("--within-days", min=0, help="Follow up this many days after the event.")
    ] = 3,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", help="Also write them as VTODOs to this .ics file.", show_default=False
        ),
    ] = None,
    strict: Strict = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    me: MeOpt = None,
) -> None:
    """Whom to follow up with after an event: people met there with no contact since.

    Attendees who match no contact are listed too (by name or email).

    Example: netcore followups examples/data --event "PyData Lisbon" --as-of 2026-11-27
    """
    if ics is not None:
        refuse_store_output(ics, db)
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
        verbose=verbose,
        me=me,
        create_missing=True,
    )
    uid, title, start = _find_event(net, event, day)
    from netcore import scoring

    nudges = scoring.follow_ups(net, uid, as_of=day, within_days=within_days)
    if ics is not None:
        from netcore.formats import ical

        names = {n.uid: _name(net, n.uid) for n in nudges}
        write_text(str(ics), ical.follow_ups(nudges, names=names))
    rows: list[list[object]] = []
    for n in nudges:
        c = net.contact(n.uid) if n.uid in net else None
        email = c.emails[0].address if c is not None and c.emails else ""
        rows.append([_name(net, n.uid), email, n.due_on, _overdue(n.overdue_days)])
    table(
        f"Follow up after {title} ({start})",
        ["contact", "email", "by", "overdue"],
        rows,
    )
    info(f"{len(nudges)} to follow up" if nudges else "everyone met there has heard from you since")


def _find_event(net: Network, query: str, as_of: date) -> tuple[str, str, str]:
    from netcore.cli._common import text

    events = [e for e in net.events if _day_of(e.start) <= as_of]
    exact = [e for e in events if e.uid == query]
    if not exact:
        exact = [e for e in events if e.title.casefold() == query.casefold()]
    if not exact:
        exact = [e for e in events if query.casefold() in e.title.casefold()]
    if not exact:
        raise NotFoundError(
            f"no event before {as_of} has the uid or title {query!r}; "
            "`netcore inspect CALENDAR.ics` lists the events"
        )
    uids = {e.uid for e in exact}
    if len(uids) > 1:
        titles = "; ".join(sorted({f"{e.title} ({e.uid})" for e in exact})[:5])
        raise fail(f"--event {query!r} matches several events: {titles}; give its uid")
    latest = max(exact, key=lambda e: _day_of(e.start))
    return latest.uid, latest.title or latest.uid, text(latest.start)


def _day_of(value: object) -> date:
    from datetime import datetime

    if isinstance(value, datetime):
        return value.date()
    assert isinstance(value, date)
    return value
