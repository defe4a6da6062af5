"""Benchmark: netcore's vCard codec against vobject and a plain unfold-and-split floor.

Run from the repository root::

    .venv/bin/python benchmarks/vcard.py                 # 10,000 cards, about 9 MB
    .venv/bin/python benchmarks/vcard.py --n 2000
    .venv/bin/python benchmarks/vcard.py --stream-mb 100 # also: 100 MB file, iter_load peak RSS
    .venv/bin/python benchmarks/vcard.py --write-docs    # also: update docs/performance.md

The cards are generated with a fixed seed: vCard 3.0 and 4.0 alternating, Apple-style
``itemN.`` groups with ``X-ABLabel``, ``TYPE``/``PREF`` parameters, small base64 photos
on most cards, non-ASCII names and notes long enough to be folded, with escapes.

Every step runs in its own subprocess, so that its peak memory (``ru_maxrss`` after the
step minus ``ru_maxrss`` before it, the input already loaded) is its own. Times are the
best of ``--repeat`` runs (vobject runs once: it is slow), each timed by the one rule of
``benchmarks/_timing.py`` (collector collected before, paused during the run).

Steps:

* **floor**: decode, unfold and split every content line into name, parameters and value
  in plain Python: the least any reader must do.
* **netcore loads**: ``vcard.loads(data)`` to ``Contact`` records.
* **netcore dumps**: ``vcard.dumps(contacts)`` (the contacts of the file, version 4.0).
* **netcore jcard loads**: ``jcard.loads(text)`` of the same contacts written as jCard.
* **netcore jcard dumps**: ``jcard.dumps(contacts)``.
* **vobject parse**: ``vobject.readComponents(text)``, touching ``FN`` and every ``EMAIL``.
* **vobject serialize**: ``serialize()`` of every component vobject read.

Goals (issue 18): ``loads`` at most 2.5x the floor's time, ``dumps`` at most 1.5x; jCard
within 1.2x of vCard on the same cards (each way); ``vcard.iter_load`` of a 100 MB file
under 256 MiB peak RSS. vobject's times are printed for comparison.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of, load

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
HEADING = "## vCard"

GIVEN = [
    "Ada",
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Amélie",
    "Björn",
    "Chiara",
    "Dmitri",
    "Émile",
    "Fatima",
    "Grégoire",
    "Hana",
    "Ines",
    "Jürgen",
    "Kenji",
    "Leila",
    "Mateus",
    "Nuño",
    "Olga",
    "Priya",
    "Quentin",
    "Rūta",
    "Siobhán",
    "Tomás",
    "Uwe",
    "Wei",
    "Yuki",
]
FAMILY = [
    "Lovelace",
    "Müller",
    "O'Brien",
    "Dvořák",
    "Nguyễn",
    "García",
    "Kowalski",
    "Johansson",
    "Rossi",
    "Smith",
    "Öztürk",
    "Papadopoulos",
    "Tanaka",
    "李",
    "Иванова",
    "van der Berg",
    "Ferreira",
    "Dubois",
    "Schäfer",
    "Novák",
    "Haddad",
    "Kim",
]
ORGS = [
    "ACME, Inc.",
    "Globex",
    "Initech",
    "Umbrella Corp.",
    "Stark Industries",
    "Hooli",
    "Vandelay Industries",
    "Wayne Enterprises",
    "Aperture Science",
    "Soylent; Ltd.",
]
TITLES = ["Engineer", "Product Manager", "CTO", "Recruiter", "Designer", "Sales Director"]
CITIES = [
    ("Berlin", "10115", "Germany"),
    ("São Paulo", "01000-000", "Brazil"),
    ("Kraków", "30-001", "Poland"),
    ("Montréal", "H2X 1Y4", "Canada"),
    ("London", "SW1A 1AA", "United Kingdom"),
    ("東京", "100-0001", "Japan"),
]
WORDS = ["met", "at", "the", "conference,", "talked", "about", "hiring;", "follow", "up", "in",
         "March.", "likes", "espresso,", "cycling", "and", "jazz:", "ask", "about", "the", "new",
         "project", "(phase", "2)", "and", "the", "book", "Zürich", "café"]  # fmt: skip
CRLF = "\r\n"


def _fold(line: str) -> Iterator[str]:
    """Fold at 75 octets without splitting a UTF-8 sequence."""
    raw = line.encode("utf-8")
    width = 75
    while len(raw) > width:
        cut = width
        while (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        yield raw[:cut].decode("utf-8")
        raw = b" " + raw[cut:]
        width = 75
    yield raw.decode("utf-8")


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def card(i: int, rnd: random.Random) -> str:
    v4 = i % 2 == 0
    given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
    user = f"{given.lower()[:3]}.{i}".encode("ascii", "ignore").decode() or f"user{i}"
    lines = ["BEGIN:VCARD", f"VERSION:{'4.0' if v4 else '3.0'}"]
    if not v4:
        lines.append("PRODID:-//Apple Inc.//iPhone OS 17.2//EN")
    lines += [f"N:{_esc(family)};{_esc(given)};;;", f"FN:{_esc(given)} {_esc(family)}"]
    org = rnd.choice(ORGS)
    lines += [f"ORG:{_esc(org)};Engineering", f"TITLE:{rnd.choice(TITLES)}"]
    pref = ";PREF=1" if v4 else ";type=pref"
    tel_t = "TYPE=cell,voice" if v4 else "type=CELL;type=VOICE"
    lines.append(f"TEL;{tel_t}{pref}:+49 30 {rnd.randrange(1000000, 9999999)}")
    if rnd.random() < 0.6:
        lines.append(f"TEL;TYPE=work:+1 202 555 {rnd.randrange(1000, 9999)}")
    lines.append(f"item1.EMAIL;TYPE=work:{user}@example.org")
    lines.append("item1.X-ABLabel:_$!<Work>!$_")
    if rnd.random() < 0.5:
        lines.append(f"EMAIL;TYPE=home:{user}@mail.example")
    city, code, country = rnd.choice(CITIES)
    lines.append(f"item2.ADR;TYPE=work:;;{rnd.randrange(1, 200)} Main St\\, Suite 4;"
                 f"{city};;{code};{country}")  # fmt: skip
    lines.append("item2.X-ABLabel:Office")
    if rnd.random() < 0.7:
        lines.append(f"BDAY:{'--' if rnd.random() < 0.3 else str(rnd.randrange(1950, 2000))}"
                     f"{rnd.randrange(1, 13):02d}{rnd.randrange(1, 29):02d}")  # fmt: skip
    lines.append(f"URL:https://www.linkedin.com/in/{user}")
    lines.append(f"X-SOCIALPROFILE;TYPE=twitter:https://twitter.com/{user}")
    note = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(10, 30)))
    lines.append(f"NOTE:{_esc(note)}\\n{_esc(given)} says hi")
    lines.append("CATEGORIES:colleague,conference")
    if rnd.random() < 0.75:
        photo = base64.b64encode(rnd.randbytes(rnd.randrange(100, 240))).decode("ascii")
        if v4:
            lines.append(f"PHOTO:data:image/jpeg;base64,{photo}")
        else:
            lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
    lines.append(f"UID:urn:uuid:{rnd.getrandbits(128):032x}")
    lines.append(f"REV:2024{rnd.randrange(1, 13):02d}{rnd.randrange(1, 29):02d}T120000Z")
    lines.append("END:VCARD")
    return "".join(piece + CRLF for line in lines for piece in _fold(line))


def generate(n: int, seed: int = 7) -> Iterator[str]:
    rnd = random.Random(seed)
    for i in range(n):
        yield card(i, rnd)


# --------------------------------------------------------------------------- steps


def floor(data: bytes) -> int:
    """Decode, unfold, split each content line into (group+name, params, value)."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    out = []
    for line in text.split("\r\n"):
        if not line:
            continue
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        out.append((name, params, value))
    return len(out)


def floor_records(data: bytes) -> int:
    """The floor, plus one ``contentline.Property`` with its line numbers per content line.

    What ``contentline.parse`` cannot do without while every line is a record: the
    floor's work, with the record (made as the reader makes it: ``object.__new__`` and
    its six slots set directly) in place of the floor's tuple, and nothing else. Not a
    goal: the part of ``parse``'s time that is not its own.
    """
    from netcore.formats.contentline import _records as r

    new, prop_class = r._new, r.Property
    set_group, set_name, set_params = r._SET_GROUP, r._SET_NAME, r._SET_PARAMS
    set_value, set_line, set_end = r._SET_VALUE, r._SET_LINE, r._SET_END
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    out = []
    line_no = 0
    for line in text.split("\r\n"):
        line_no += 1
        if not line:
            continue
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        prop = new(prop_class)
        set_group(prop, None)
        set_name(prop, name)
        set_params(prop, params)
        set_value(prop, value)
        set_line(prop, line_no)
        set_end(prop, line_no)
        out.append(prop)
    return len(out)


def _setup(step: str, data: bytes) -> tuple[Callable[[], Any], Any]:
    if step == "floor":
        return (lambda: floor(data)), None
    if step == "netcore loads":
        from netcore.formats import vcard

        return (lambda: vcard.loads(data)), None
    if step == "netcore dumps":
        from netcore.formats import vcard

        contacts = list(vcard.loads(data))
        return (lambda: vcard.dumps(contacts)), contacts
    if step.startswith("netcore jcard"):
        from netcore.formats import jcard, vcard

        contacts = list(vcard.loads(data))
        if step == "netcore jcard dumps":
            return (lambda: jcard.dumps(contacts)), contacts
        text = jcard.dumps(contacts)
        return (lambda: jcard.loads(text)), text
    import vobject

    text = data.decode("utf-8")
    if step == "vobject parse":

        def parse() -> int:
            n = 0
            for comp in vobject.readComponents(text):
                _ = comp.fn.value
                n += len([e.value for e in comp.contents.get("email", [])])
            return n

        return parse, None
    comps = list(vobject.readComponents(text))
    return (lambda: "".join(c.serialize() for c in comps)), comps


def run_step(step: str, path: str, repeat: int) -> dict[str, Any]:
    data = Path(path).read_bytes()
    fn, keep = _setup(step, data)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = best_of(repeat, fn)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del keep
    return {"step": step, "seconds": best, "peak_kib": after - before}


def run_stream(path: str) -> dict[str, Any]:
    from netcore.formats import vcard

    # An import streams: each contact is handled (here: its emails counted) and dropped.
    # vcard.load() would instead keep all 100,000 Contacts in one list (~10 KB each).
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    contacts = emails = 0
    issues: list[object] = []
    for contact in vcard.iter_load(path, issues=issues):  # type: ignore[arg-type]
        contacts += 1
        emails += len(contact.emails)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"contacts": contacts, "seconds": seconds, "peak_kib": peak, "before_kib": before}


def _sub(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- driver

STEPS = [
    "floor",
    "netcore loads",
    "netcore dumps",
    "netcore jcard loads",
    "netcore jcard dumps",
    "vobject parse",
    "vobject serialize",
]


def table(n: int, size: int, results: dict[str, dict[str, Any]]) -> list[str]:
    rows = [
        "| step | time | MB/s | cards/s | peak memory | vs vobject | vs floor |",
        "|---|---|---|---|---|---|---|",
    ]
    vo = {"netcore loads": "vobject parse", "netcore dumps": "vobject serialize"}
    for step in STEPS:
        r = results[step]
        s = r["seconds"]
        vs_vo = f"{results[vo[step]]['seconds'] / s:.1f}x faster" if step in vo else ""
        vs_floor = f"{s / results['floor']['seconds']:.2f}x its time" if step != "floor" else ""
        rows.append(
            f"| {step} | {s:.3f} s | {size / s / 1e6:.1f} | {n / s:,.0f} | "
            f"{r['peak_kib'] / 1024:.0f} MiB | {vs_vo} | {vs_floor} |"
        )
    return rows


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def goals(results: dict[str, dict[str, Any]], stream: dict[str, Any] | None) -> list[str]:
    loads, dumps = results["netcore loads"]["seconds"], results["netcore dumps"]["seconds"]
    floor_s = results["floor"]["seconds"]
    r1, r2 = loads / floor_s, dumps / floor_s
    r3 = results["netcore jcard loads"]["seconds"] / loads
    r4 = results["netcore jcard dumps"]["seconds"] / dumps
    out = [
        f"| `vcard.loads` time vs the floor | <= 2.5x | {r1:.2f}x | {_verdict(r1 <= 2.5)} |",
        f"| `vcard.dumps` time vs the floor | <= 1.5x | {r2:.2f}x | {_verdict(r2 <= 1.5)} |",
        f"| `jcard.loads` time vs `vcard.loads` | <= 1.2x | {r3:.2f}x | {_verdict(r3 <= 1.2)} |",
        f"| `jcard.dumps` time vs `vcard.dumps` | <= 1.2x | {r4:.2f}x | {_verdict(r4 <= 1.2)} |",
    ]  # fmt: skip
    if stream is not None:
        mib = stream["peak_kib"] / 1024
        out.append(
            f"| `vcard.iter_load` of {stream['mb']:.0f} MB ({stream['contacts']:,} cards), "
            "peak RSS "
            f"| < 256 MiB | {mib:.0f} MiB in {stream['seconds']:.1f} s "
            f"| {_verdict(mib < 256)} |"
        )
    return ["| goal | target | measured | |", "|---|---|---|---|", *out]


def write_docs(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    start = text.find(f"\n{HEADING}\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[: start + 1] + section + (text[end + 1 :] if end >= 0 else "")
    DOC.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="cards to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (vobject: 1)")
    parser.add_argument("--stream-mb", type=float, default=0, help="also measure vcard.iter_load "
                        "of a file of this many MB (100,000 cards per 100 MB)")  # fmt: skip
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--step", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--stream", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(run_step(args.step[0], args.step[1], int(args.step[2]))))
        return 0
    if args.stream:
        print(json.dumps(run_stream(args.stream)))
        return 0
    with tempfile.TemporaryDirectory(prefix="netcore-bench-") as tmp:
        path = Path(tmp) / "cards.vcf"
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.writelines(generate(args.n))
        size = path.stat().st_size
        cores = os.cpu_count()
        print(f"{args.n:,} cards, {size / 1e6:.1f} MB, {cores} cores", file=sys.stderr)
        started_at = load()
        results: dict[str, dict[str, Any]] = {}
        for step in STEPS:
            repeat = 1 if step.startswith("vobject") else args.repeat
            print(f"  {step} ...", file=sys.stderr, flush=True)
            results[step] = _sub(["--step", step, str(path), str(repeat)])
        stream = None
        if args.stream_mb:
            big = Path(tmp) / "big.vcf"
            n_big = int(args.stream_mb * 1000)
            with big.open("w", encoding="utf-8", newline="") as fh:
                fh.writelines(generate(n_big, seed=11))
            print(f"  vcard.iter_load of {big.stat().st_size / 1e6:.0f} MB ...", file=sys.stderr)
            stream = _sub(["--stream", str(big)])
            stream["mb"] = big.stat().st_size / 1e6
    lines = [
        f"{args.n:,} generated cards, {size / 1e6:.1f} MB; best of {args.repeat} runs "
        "(vobject: 1); peak memory is the growth of the peak RSS during the step.",
        f"At the start: {started_at}; at the end: {load()}.",
        "",
        *table(args.n, size, results),
        "",
        *goals(results, stream),
    ]
    print("\n".join(lines))
    if args.write_docs:
        section = "\n".join([
            HEADING,
            "",
            "Measured by `python benchmarks/vcard.py"
            + (f" --stream-mb {args.stream_mb:g}" if args.stream_mb else "")
            + "` (see its docstring for what each step does) on the 2-core reference machine, "
            f"Python {sys.version.split()[0]}.",
            "",
            *lines,
            "",
        ])  # fmt: skip
        write_docs(section)
        print(f"updated {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
