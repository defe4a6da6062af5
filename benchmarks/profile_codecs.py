"""Profile one codec step with cProfile: where the time of a benchmark's miss goes.

Run from the repository root::

    .venv/bin/python benchmarks/profile_codecs.py vcard-loads          # 2,000 cards
    .venv/bin/python benchmarks/profile_codecs.py vcard-dumps --n 4000 --top 25
    .venv/bin/python benchmarks/profile_codecs.py ical-window --events 3000
    .venv/bin/python benchmarks/profile_codecs.py ical-window --functions loads,add_events

Steps: ``vcard-loads``, ``vcard-dumps``, ``jcard-loads``, ``jcard-dumps``,
``contentline`` (``contentline.parse``), ``ical-window`` (``ical.loads`` with the one-year
window of ``benchmarks/ical.py`` plus ``Network.add_events``) and ``ical-no-window``. The
inputs are the benchmarks' own generated ones; the step runs once (collector paused, as
``benchmarks/_timing.py`` times it) under cProfile, and the functions with the most
own time are printed, with their share of the total.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import load

from netcore import _gc


def _vcard_step(step: str, n: int) -> Callable[[], Any]:
    from vcard import generate

    from netcore.formats import contentline, jcard, vcard

    data = "".join(generate(n)).encode("utf-8")
    if step == "contentline":
        return lambda: contentline.parse(data)
    if step == "vcard-loads":
        return lambda: vcard.loads(data)
    contacts = list(vcard.loads(data))
    if step == "vcard-dumps":
        return lambda: vcard.dumps(contacts)
    if step == "jcard-dumps":
        return lambda: jcard.dumps(contacts)
    text = jcard.dumps(contacts)
    return lambda: jcard.loads(text)


def _ical_step(step: str, events: int, contacts: int) -> Callable[[], Any]:
    import ical as bench

    text = bench.generate(events)
    people = bench.contacts(contacts)
    return lambda: bench.netcore_read(text, people, window=step == "ical-window")


STEPS = (
    "vcard-loads",
    "vcard-dumps",
    "jcard-loads",
    "jcard-dumps",
    "contentline",
    "ical-window",
    "ical-no-window",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("--n", type=int, default=2000, help="cards (vCard/jCard steps)")
    parser.add_argument("--events", type=int, default=3000, help="events (iCalendar steps)")
    parser.add_argument("--contacts", type=int, default=1500, help="contacts (iCalendar)")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--functions", default="", help="comma-separated names: print their cumulative share"
    )
    args = parser.parse_args()
    if args.step.startswith("ical"):
        fn = _ical_step(args.step, args.events, args.contacts)
    else:
        fn = _vcard_step(args.step, args.n)
    fn()  # warm: caches, lazy imports
    profile = cProfile.Profile()
    gc.collect()
    with _gc.paused():
        profile.runcall(fn)
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{args.step}: {total:.3f} s under cProfile; {load()}")
    print(f"{'own %':>6} {'cum %':>6} {'calls':>9}  function")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)  # type: ignore[attr-defined]
    for (path, line, name), (_, calls, own, cum, _) in rows[: args.top]:
        where = f"{Path(path).name}:{line}" if line else path
        print(f"{100 * own / total:6.1f} {100 * cum / total:6.1f} {calls:9,}  {name} ({where})")
    wanted = {name for name in args.functions.split(",") if name}
    if wanted:
        print("\nnamed functions, by cumulative share:")
        named = [row for row in rows if row[0][2] in wanted]
        for (path, line, name), (_, calls, own, cum, _) in sorted(
            named, key=lambda kv: kv[1][3], reverse=True
        ):
            where = f"{Path(path).name}:{line}" if line else path
            print(f"{100 * own / total:6.1f} {100 * cum / total:6.1f} {calls:9,}  {name} ({where})")


if __name__ == "__main__":
    main()
