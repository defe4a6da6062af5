"""Follow up after an event: whom did I meet at the conference and not contact since?

Reads the sample calendar, contacts and interactions, finds the conference, and lists
the people met there with no interaction since, plus the .ics to-do list for them.

Run: python examples/event_followups.py [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from netcore import EventKind, io, scoring
from netcore.formats import ical

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 27))
    args = parser.parse_args()

    # create_missing: attendees who are in no address book become contacts, so that
    # strangers met at the conference are not forgotten.
    loaded = io.build_network(
        contacts=[
            DATA / "contacts-4.0.vcf",
            DATA / "contacts-3.0-apple.vcf",
            DATA / "contacts-2.1-outlook.vcf",
        ],
        calendars=[DATA / "calendar.ics"],
        interactions=[DATA / "interactions.csv"],
        create_missing=True,
    )
    net = loaded.network
    conference = next(e for e in net.events if e.kind is EventKind.CONFERENCE)
    print(f"{conference.title}: {len(conference.attendees)} attendees")

    nudges = scoring.follow_ups(net, conference.uid, as_of=args.as_of, within_days=3)
    names = {n.uid: net.contact(n.uid).display_name for n in nudges}
    for n in nudges:
        print(f"  follow up with {names[n.uid]:<18} by {n.due_on} ({n.overdue_days:+d} days)")
    todo = ical.follow_ups(nudges, names=names)
    print(f"{todo.count('BEGIN:VTODO')} to-dos in the .ics")


if __name__ == "__main__":
    main()
