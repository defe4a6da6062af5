"""Compute relationship health in a script: the sample data, scored as of one day.

Reads every file in examples/data (vCards, the calendar, the mailbox, the interactions
log and the ledger), ranks everyone, and prints who is thriving, who is cooling and whom
to call. The numbers are the ones `netcore health examples/data --as-of ... --me ...`
prints: both go through the same loading pipeline (`netcore.io.build_network`).

Run: python examples/health_report.py [FOLDER] [--as-of YYYY-MM-DD] [--me EMAIL]
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from netcore import Me, io, scoring

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DATA)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    parser.add_argument("--me", default="alex.morgan@example.net", help="your email address(es)")
    args = parser.parse_args()
    as_of: date = args.as_of

    # Recurring events are expanded inside the pipeline's bounded window, up to as_of.
    loaded = io.build_network([args.folder], as_of=as_of, me=Me.from_emails(args.me))
    net = loaded.network
    print(
        f"{len(net)} contacts, {len(net.interactions)} interactions, "
        f"{len(loaded.issues)} issue(s) while reading"
    )

    ranked = scoring.rank(net, as_of=as_of)
    statuses = Counter(h.status.value for h in ranked)
    print("status: " + ", ".join(f"{n} {s}" for s, n in statuses.most_common()))

    print("\nstrongest ties:")
    for h in ranked[:5]:
        print(f"  {h.score:5.1f}  {net.contact(h.uid).display_name:<18} {h.reasons[0]}")

    print("\ncall this week:")
    for nudge in scoring.due(net, as_of=as_of, limit=5):
        name = net.contact(nudge.uid).display_name
        print(f"  {name:<18} due {nudge.due_on}  {nudge.reasons[0]}")


if __name__ == "__main__":
    main()
