"""``netcore help`` and ``netcore report``: whom I can help, and the network at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcore.cli._common import Quiet, handle_errors, info, out, table
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


@handle_errors
def help_(
    paths: Paths = None,
    contacts: Contacts = None,
    calendars: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    strict: Strict = False,
    quiet: Quiet = False,
    me: MeOpt = None,
) -> None:
    """Whom you can help now: open asks to you, favours you owe, introductions to make.

    Example: netcore help examples/data --as-of 2026-11-27
    """
    from netcore import scoring

    day, net = load_at(
        paths=paths,
        contacts=contacts,
        calendar=calendars,
        interactions=interactions,
        ledger=ledger,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=me,
    )
    q = scoring.help_queue(net, as_of=day)

    def name(uid: str) -> str:
        return net.contact(uid).display_name if uid in net.contacts else uid

    table(
        f"Asks to you, open as of {q.as_of.isoformat()}",
        ["#", "contact", "priority", "asked on", "kind", "topic", "why"],
        [
            [
                n,
                name(i.uid),
                f"{i.priority:.0f}",
                i.asked_on,
                i.kind.value,
                i.topic or "",
                "; ".join(i.reasons[1:2]),
            ]
            for n, i in enumerate(q.asks, start=1)
        ],
        right=("#", "priority"),
    )
    table(
        "Favours you owe",
        ["contact", "owed", "why"],
        [[name(o.uid), f"{o.owed:.1f}", o.reasons[0] if o.reasons else ""] for o in q.owed],
        right=("owed",),
    )
    table(
        "Introductions you could make",
        ["asked", "offered", "topic"],
        [[name(m.asker_uid), name(m.offerer_uid), m.topic] for m in q.introductions],
    )


@handle_errors
def report(
    paths: Paths = None,
    contacts: Contacts = None,
    calendars: Calendars = None,
    interactions: Interactions = None,
    ledger: Ledgers = None,
    db: Db = None,
    as_of: AsOf = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the report as one self-contained HTML page (no scripts, "
            "charts as inline SVG).",
            show_default=False,
        ),
    ] = None,
    strict: Strict = False,
    quiet: Quiet = False,
    me: MeOpt = None,
) -> None:
    """The network at a glance: layers, health, ties to revive, reciprocity, diversity, events.

    Example: netcore report examples/data --as-of 2026-11-27 --html report.html
    """
    from netcore import scoring
    from netcore.report import ask_text, render_html

    day, net = load_at(
        paths=paths,
        contacts=contacts,
        calendar=calendars,
        interactions=interactions,
        ledger=ledger,
        db=db,
        as_of=as_of,
        strict=strict,
        quiet=quiet,
        me=me,
    )
    r = scoring.report(net, as_of=day)

    def name(uid: str) -> str:
        return r.names.get(uid, uid)

    out().print(f"Network report as of {r.as_of.isoformat()}: {r.contacts} contacts", markup=False)
    table(
        "Size by layer",
        ["layer", "contacts"],
        [[k, v] for k, v in r.layers.items()],
        right=("layer", "contacts"),
    )
    table(
        "Health", ["status", "contacts"], [[k, v] for k, v in r.health.items()], right=("contacts",)
    )
    table("Ties to revive", ["contact", "why"], [[name(x.uid), x.reasons[0]] for x in r.revive])
    table(
        "Reciprocity outliers",
        ["contact", "side", "why"],
        [[name(t.uid), t.side, t.reasons[0]] for t in (*r.taking, *r.giving)],
    )
    table(
        f"Organisations ({r.organisation_count}, evenness {r.organisation_evenness:.2f})",
        ["organisation", "contacts"],
        [[c.name, c.count] for c in r.organisations],
        right=("contacts",),
    )
    table(
        "Categories",
        ["category", "contacts"],
        [[c.name, c.count] for c in r.categories],
        right=("contacts",),
    )
    table(
        "Events: people first met there, healthy 90 days later",
        ["day", "event", "met", "lasting", "share"],
        [[e.day, e.title, e.met, e.lasting, f"{e.share:.0%}"] for e in r.events],
        right=("met", "lasting", "share"),
    )
    table(
        "Open asks and offers",
        ["asked on", "who", "what", "topic"],
        [[a.asked_on, name(a.contact_uid), ask_text(a), a.topic or ""] for a in r.open_asks],
    )
    if html is not None:
        from netcore._files import atomic_write_bytes

        atomic_write_bytes(html, render_html(r).encode("utf-8"))
        info(f"wrote {html}")
