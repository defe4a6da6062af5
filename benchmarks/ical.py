"""Benchmark: netcore.formats.ical against icalendar alone, and the recurrence bombs.

Run from the repository root::

    .venv/bin/python benchmarks/ical.py            # 10,000 events
    .venv/bin/python benchmarks/ical.py --events 2000
    .venv/bin/python benchmarks/ical.py --add-events   # Network.add_events alone, CPU

1. 10,000 generated events (2 to 8 attendees each, every tenth weekly recurring with an
   EXDATE): ``icalendar.Calendar.from_ical`` plus walking every attendee, against netcore
   ``loads`` plus ``Network.add_events`` into a network of 5,000 contacts (goal: at most
   1.2x icalendar alone). ``loads`` runs without a window (recurring series give their
   first occurrence) and with a one-year window (each series expanded).
2. Recurrence expansion against recurring-ical-events alone on the same calendar and
   window: a daily hour-long stand-up with three attendees in a custom VTIMEZONE (not an
   IANA name, so the input's own zone is used), over a 7-year window (goal: at most 1.3x).
3. The bombs: a VTIMEZONE whose DAYLIGHT rule is ``FREQ=MINUTELY`` (icalendar alone spins
   for minutes on the first time lookup), ``FREQ=SECONDLY`` without an end,
   ``COUNT=2147483647`` and ``BYMONTH=2;BYMONTHDAY=30``; netcore reads each with a
   one-year window (goal: each under 1 s).

Peak memory is measured with tracemalloc in a second run of each step (tracemalloc slows
the code down, so times come from the first run). Each step of the first table gives its
wall-clock seconds and the CPU seconds of the same run (``time.process_time``, which also
counts the collection ``run_once`` makes before the run: the same small cost for every
row); on a loaded machine the wall clock measures the neighbours too, so the CPU ratio
is the one to read. Times follow the one rule of
``benchmarks/_timing.py`` (collector collected before and paused during each run, for
netcore and the library it is compared with alike).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of, load, run_once

from netcore import Contact, Email, Network, _gc
from netcore.formats import ical

WINDOW = {"expand_from": date(2026, 1, 1), "expand_to": date(2027, 1, 1)}
# 10,000 events with a year's window hold about 61,000 occurrences and 300,000 attendee
# occurrences: more than the default per-input budget of attendees, raised here so that
# the benchmark measures reading rather than the budget (docs/limits.md).
BUDGET = ical.Limits(max_occurrences=1_000_000, max_attendee_occurrences=10_000_000)
CRLF = "\r\n"


def _fold(line: str) -> list[str]:
    out = []
    while len(line) > 75:
        out.append(line[:75])
        line = " " + line[75:]
    out.append(line)
    return out


def generate(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netcore//benchmark//EN",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    statuses = ["ACCEPTED", "ACCEPTED", "TENTATIVE", "NEEDS-ACTION", "DECLINED"]
    for i in range(n):
        month, day, hour = 1 + (i // 28) % 12, 1 + i % 28, 8 + i % 9
        stamp = f"2026{month:02d}{day:02d}T{hour:02d}0000"
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{i}@bench.example",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID=Europe/Berlin:{stamp}",
            f"DTEND;TZID=Europe/Berlin:2026{month:02d}{day:02d}T{hour + 1:02d}0000",
            f"SUMMARY:Project meeting {i} on topic {rnd.randrange(1000)}",
            f"LOCATION:Room {rnd.randrange(100)}\\, building {rnd.randrange(10)}",
            "DESCRIPTION:" + "Agenda: the roadmap\\, the budget and the next steps. " * 6,
            f"ORGANIZER;CN=Organizer {i % 50}:mailto:person{i % 50}@bench.example",
        ]
        for _ in range(rnd.randint(2, 8)):
            p = rnd.randrange(8000)
            lines.append(
                f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={rnd.choice(statuses)};"
                f"RSVP=TRUE;CN=Person {p}:mailto:person{p}@bench.example"
            )
        if i % 10 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=12")
            week2 = f"2026{month:02d}{day:02d}T{hour:02d}0000"
            lines.append(f"EXDATE;TZID=Europe/Berlin:{week2}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(part for line in lines for part in _fold(line)) + CRLF


def contacts(n: int) -> list[Contact]:
    return [
        Contact(
            uid=f"c{i}",
            formatted_name=f"Person {i}",
            emails=(Email(address=f"person{i}@bench.example"),),
        )
        for i in range(n)
    ]


def icalendar_alone(text: str) -> int:
    # As a user would: parse, walk every event, touch every attendee and the start time.
    cal = icalendar.Calendar.from_ical(text)
    seen = 0
    for event in cal.walk("VEVENT"):
        event["DTSTART"].dt.utcoffset()
        for attendee in event.get("ATTENDEE", []):
            seen += bool(attendee.params.get("CN")) + bool(str(attendee))
    return seen


def netcore_read(text: str, people: list[Contact], window: bool) -> int:
    parsed = ical.loads(text, limits=BUDGET, **(WINDOW if window else {}))
    net = Network()
    net.add_contacts(people)
    report = net.add_events(parsed)
    return report.interactions_created


def add_events_alone(text: str, people: list[Contact], repeat: int = 3) -> None:
    """CPU seconds of ``Network.add_events`` alone (best of ``repeat``), read outside."""
    print(f"{'Network.add_events alone (CPU s, best of ' + str(repeat) + ')':45} {'CPU s':>8}")
    for label, window in (("no window", False), ("2026 window", True)):
        parsed = list(ical.loads(text, limits=BUDGET, **(WINDOW if window else {})))
        best = float("inf")
        for _ in range(repeat):
            net = Network()
            net.add_contacts(people)
            gc.collect()
            with _gc.paused():
                cpu = time.process_time()
                net.add_events(parsed)
                best = min(best, time.process_time() - cpu)
        print(f"{label + f' ({len(parsed):,} occurrences)':45} {best:8.3f}")


def measure(fn: Callable[[], Any]) -> tuple[float, float, float]:
    """Wall-clock and CPU seconds of one run, and the peak MiB of a second run."""
    cpu = time.process_time()
    seconds, _ = run_once(fn)
    cpu = time.process_time() - cpu
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu, peak / 2**20


HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//netcore//bombs//EN\r\n"


def _rule_bomb(rule: str, start: str = "20260101T090000Z") -> str:
    return (
        HEAD + "BEGIN:VEVENT\r\nUID:bomb\r\nSUMMARY:bomb\r\n"
        f"DTSTART:{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


VTIMEZONE_BOMB = (
    HEAD + "BEGIN:VTIMEZONE\r\nTZID:Custom/Zone\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T000000\r\nRRULE:FREQ=MINUTELY\r\n"
    "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:tz\r\nDTSTART;TZID=Custom/Zone:20260101T100000\r\n"
    "SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
BOMBS = {
    "VTIMEZONE RRULE:FREQ=MINUTELY": VTIMEZONE_BOMB,
    "FREQ=SECONDLY (no end)": _rule_bomb("FREQ=SECONDLY"),
    "FREQ=SECONDLY from 1990": _rule_bomb("FREQ=SECONDLY", "19900101T000000Z"),
    "FREQ=DAILY;COUNT=2147483647 from 0001": _rule_bomb(
        "FREQ=DAILY;COUNT=2147483647", "00010101T090000Z"
    ),
    "FREQ=MINUTELY;COUNT=2147483647": _rule_bomb("FREQ=MINUTELY;COUNT=2147483647"),
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30": _rule_bomb("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30": _rule_bomb("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
}


STANDUP = (
    HEAD + "BEGIN:VTIMEZONE\r\nTZID:Team Zone\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:standup\r\nSUMMARY:Stand-up\r\n"
    "DTSTART;TZID=Team Zone:20200106T093000\r\nDTEND;TZID=Team Zone:20200106T103000\r\n"
    "RRULE:FREQ=DAILY\r\nORGANIZER;CN=Lead:mailto:lead@bench.example\r\n"
    + "".join(
        f"ATTENDEE;CN=Member {i};PARTSTAT=ACCEPTED:mailto:member{i}@bench.example\r\n"
        for i in range(3)
    )
    + "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
SEVEN_YEARS = (date(2020, 1, 1), date(2027, 1, 1))


def recurring_alone(text: str) -> int:
    # As a user would: parse, expand in the window, touch each occurrence's start offset.
    cal = icalendar.Calendar.from_ical(text)
    seen = 0
    for event in recurring_ical_events.of(cal).between(*SEVEN_YEARS):
        seen += event["DTSTART"].dt.utcoffset() is not None
    return seen


def netcore_expand(text: str) -> int:
    parsed = ical.loads(
        text,
        expand_from=SEVEN_YEARS[0],
        expand_to=SEVEN_YEARS[1],
        limits=ical.Limits(max_instances=10_000),
    )
    return sum(e.start.utcoffset() is not None for e in parsed)  # type: ignore[union-attr]


def _read_bomb(bomb: str) -> Any:
    parsed = ical.loads(bomb, **WINDOW)
    for event in parsed:
        if hasattr(event.start, "utcoffset"):
            event.start.utcoffset()
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=5_000)
    parser.add_argument(
        "--add-events", action="store_true", help="time Network.add_events alone and stop"
    )
    args = parser.parse_args()
    text = generate(args.events)
    people = contacts(args.contacts)
    if args.add_events:
        print(f"{load()}\n")
        add_events_alone(text, people)
        return
    size = len(text.encode()) / 2**20
    print(f"{args.events:,} events, {size:.1f} MiB; network of {args.contacts:,} contacts")
    print(f"{load()}\n")
    rows = [("icalendar from_ical + walk attendees", *measure(lambda: icalendar_alone(text)))]
    steps = (("no window", False), ("2026 window", True))
    for label, window in steps:
        row = measure(lambda window=window: netcore_read(text, people, window=window))
        rows.append((f"netcore loads + add_events ({label})", *row))
    _, base, base_cpu, _ = rows[0]
    print(f"{'step':41} {'seconds':>7} {'ratio':>6} {'CPU s':>6} {'ratio':>6} {'peak MiB':>8}")
    for name, seconds, cpu, mem in rows:
        print(
            f"{name:41} {seconds:7.2f} {seconds / base:5.2f}x {cpu:6.2f} "
            f"{cpu / base_cpu:5.2f}x {mem:8.1f}"
        )
    print("\ndaily stand-up, custom VTIMEZONE, 7-year window (best of 3; goal <= 1.3x)")
    alone = best_of(3, lambda: recurring_alone(STANDUP))
    ours = best_of(3, lambda: netcore_expand(STANDUP))
    count = netcore_expand(STANDUP)
    assert count == recurring_alone(STANDUP), "the two disagree on the occurrences"
    print(f"{'recurring_ical_events between + utcoffset':45} {alone:8.2f} {1:6.2f}x {count:>9}")
    print(f"{'netcore loads (window)':45} {ours:8.2f} {ours / alone:6.2f}x {count:>9}")
    dense = (
        HEAD
        + "".join(
            f"BEGIN:VEVENT\r\nUID:s{i}\r\nDTSTART:20260101T090000Z\r\n"
            "RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"
            for i in range(40)
        )
        + "END:VCALENDAR\r\n"
    )
    BOMBS["40 x FREQ=SECONDLY (one input)"] = dense
    print("\nbombs, read with netcore loads and a one-year window (goal < 1 s each)")
    print(f"{'input':45} {'seconds':>8} {'events':>7}  issue")
    for name, bomb in BOMBS.items():
        seconds, parsed = run_once(lambda bomb=bomb: _read_bomb(bomb))
        issue = parsed.issues[0].message[:60] if parsed.issues else ""
        print(f"{name:45} {seconds:8.3f} {len(parsed):7}  {issue}")


if __name__ == "__main__":
    main()
