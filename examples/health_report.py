"""Compute relationship health in a script: the sample data, scored as of one day.

Reads every file in examples/data (vCards, the calendar, the interactions log and the
ledger), ranks everyone, and prints who is thriving, who is cooling and whom to call.

Run: python examples/health_report.py [FOLDER] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from netcore import io, scoring

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DATA)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    args = parser.parse_args()
    as_of: date = args.as_of

    # Recurring events are expanded inside a bounded window: the last year, up to as_of.
    end = datetime.combine(as_of, time.max, UTC)
    loaded = io.build_network([args.folder], expand_from=end - timedelta(days=365), expand_to=end)
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
