"""Build a small network from records and print it as a netcore JSON document.

Run: python examples/build_network.py
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from netcore import (
    Attendee,
    AttendeeStatus,
    Contact,
    Direction,
    Email,
    Event,
    EventKind,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Name,
    Network,
    Organization,
    PartialDate,
    Phone,
)
from netcore.formats import json

PARIS = ZoneInfo("Europe/Paris")


def build() -> Network:
    net = Network()
    net.add_contacts(
        [
            Contact(
                uid="ada",
                formatted_name="Ada Lovelace",
                name=Name(family="Lovelace", given="Ada"),
                emails=(Email(address="ada@analytical.example", types=("work",)),),
                phones=(Phone(number="+44 20 7946 0958", types=("cell",)),),
                organizations=(Organization(name="Analytical Engines Ltd", title="Programmer"),),
                birthday=PartialDate(month=12, day=10),
                cadence_days=30,
            ),
            Contact(
                uid="grace",
                formatted_name="Grace Hopper",
                emails=(Email(address="grace@navy.example"),),
                organizations=(Organization(name="US Navy", title="Rear Admiral"),),
            ),
            Contact(
                uid="alan",
                formatted_name="Alan Turing",
                emails=(Email(address="Alan@Bletchley.example"),),
            ),
        ]
    )
    net.log(
        Interaction(
            at=datetime(2026, 10, 2, 12, 30, tzinfo=PARIS),
            contact_uids=("ada",),
            kind=InteractionKind.MEETING,
            direction=Direction.OUTBOUND,
            duration=timedelta(minutes=45),
            note="Coffee: her new compiler project",
        )
    )
    report = net.add_events(
        [
            Event(
                uid="pyconf-2026",
                title="PyConf 2026",
                kind=EventKind.CONFERENCE,
                start=datetime(2026, 11, 12, 9, tzinfo=PARIS),
                end=datetime(2026, 11, 12, 18, tzinfo=PARIS),
                attendees=(
                    Attendee(email="grace@navy.example", status=AttendeeStatus.ACCEPTED),
                    Attendee(email="alan@bletchley.EXAMPLE", status=AttendeeStatus.DECLINED),
                    Attendee(
                        email="new.person@example.org",
                        name="New Person",
                        status=AttendeeStatus.ACCEPTED,
                    ),
                ),
            )
        ]
    )
    print(
        f"event: {len(report.matched)} matched, {len(report.unmatched)} unmatched, "
        f"{len(report.skipped)} skipped",
        flush=True,
    )
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 11, 13),
            contact_uid="grace",
            direction=FavourDirection.RECEIVED,
            kind=FavourKind.INTRODUCTION,
            note="Introduced me to the compiler team",
        )
    )
    return net


if __name__ == "__main__":
    print(json.dumps(build()))
