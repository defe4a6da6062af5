"""Check: what the readers read, as digests, for comparing two trees.

Run from the repository root, once with each tree's ``src`` on the path, and compare::

    D="--drawn-file /tmp/drawn-texts.pickle"   # drawn once (first run), then read by both
    PYTHONPATH=/path/to/base/src .venv/bin/python benchmarks/loads_identity.py $D > old.txt
    .venv/bin/python benchmarks/loads_identity.py $D > new.txt
    diff old.txt new.txt                        # any line that differs is a changed reading

Inputs: every corpus file (``.vcf`` and ``.ics`` through ``contentline.parse``, ``.vcf``
through ``vcard.loads`` and ``vcard.iter_load``, ``.json`` through ``jcard.loads``), the
benchmark's generated cards (``benchmarks/vcard.py``'s ``generate``), and drawn texts:
vCards written in each version and jCards written from contacts drawn by
``netcore.testing.contacts()``, and hostile line soups (derandomized; pass the same
``--drawn-file`` to both runs, as Hypothesis also draws string constants found in the
code under test, which differ between trees). Each reading is printed as one line
``key<TAB>sha256`` of everything it gave: every component with its line numbers, or
every contact's ``repr``, and every issue. ``--show KEY`` prints that key's reading
instead, to read a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _drawn import draw_values
from hypothesis import strategies as st

from netcore.errors import NetcoreError
from netcore.formats import contentline, jcard, vcard
from netcore.formats.contentline import Component
from netcore.testing import contacts as contact_strategy

_LINES = st.sampled_from(
    ["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "VERSION:2.1", "FN:Ann", "N:A;B;;;",
     "item1.EMAIL;TYPE=work:a@b.org", "item1.X-ABLabel:x", "TEL;CELL:1", 'X-A;P="q:r":v',
     "PHOTO;ENCODING=b:QUFB", "PHOTO;ENCODING=BASE64:QUFB", "QUFB", "NOTE:a\\",
     "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "=41", "", " ", " x", "  y", "\tz", " BEGIN:X",
     "BEGIN:AGENT", "END:AGENT", "AGENT:", ".G:v", "BAD_NAME:v", "x", "UID:u1", "UID:u2"]
)  # fmt: skip
_EOL = st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"])


def _texts(drawn: int, drawn_file: Path | None) -> dict[str, list[str]]:
    if drawn_file is not None and drawn_file.exists():
        made: dict[str, list[str]] = pickle.loads(drawn_file.read_bytes())  # written below
        return made
    soups = st.tuples(st.lists(st.tuples(_LINES | st.text(max_size=6), _EOL), max_size=30))
    made = {
        f"written{v}": [
            vcard.dumps(cs, version=v)
            for cs in draw_values(st.lists(contact_strategy(), min_size=1, max_size=3), drawn)
        ]
        for v in vcard.VERSIONS
    }
    made["jwritten"] = [
        jcard.dumps(cs)
        for cs in draw_values(st.lists(contact_strategy(), min_size=1, max_size=3), drawn)
    ]
    made["soup"] = [
        "".join(line + eol for line, eol in lines) for (lines,) in draw_values(soups, drawn * 2)
    ]
    if drawn_file is not None:
        drawn_file.write_bytes(pickle.dumps(made))
    return made


def _shape(comps: list[Component]) -> list[Any]:
    return [
        (
            c.name,
            c.line,
            c.end_line,
            [(p.group, p.name, p.params, p.value, p.line, p.end_line) for p in c.properties],
            _shape(list(c.children)),
        )
        for c in comps
    ]


def _reading(fn: Callable[[], Any]) -> str:
    try:
        got = fn()
    except NetcoreError as exc:
        return f"{type(exc).__name__}: {exc}"
    items, issues = got
    return repr((items, [repr(i) for i in issues]))


def _parse(data: str | bytes) -> tuple[Any, Any]:
    parsed = contentline.parse(data)
    return _shape(list(parsed)), parsed.issues


def _loads(data: str | bytes) -> tuple[Any, Any]:
    got = vcard.loads(data)
    return [repr(c) for c in got], got.issues


def _iter_load(data: bytes) -> tuple[Any, Any]:
    issues: list[Any] = []
    got = [repr(c) for c in vcard.iter_load(io.BytesIO(data), issues=issues)]
    return got, issues


def _jloads(data: str | bytes) -> tuple[Any, Any]:
    got = jcard.loads(data)
    return [repr(c) for c in got], got.issues


def _inputs(corpus: Path, drawn: int, drawn_file: Path | None) -> Iterator[tuple[str, Any]]:
    from vcard import generate

    for path in sorted(corpus.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in (".vcf", ".ics", ".json"):
            continue
        data = path.read_bytes()
        name = str(path.relative_to(corpus))
        if suffix == ".json":
            if "vcard" in path.relative_to(corpus).parts:
                yield f"{name}\tjloads", lambda d=data: _jloads(d)
            continue
        yield f"{name}\tparse", lambda d=data: _parse(d)
        if suffix == ".vcf":
            yield f"{name}\tloads", lambda d=data: _loads(d)
            yield f"{name}\titer_load", lambda d=data: _iter_load(d)
    bench = "".join(generate(300)).encode()
    yield "benchmark\tparse", lambda: _parse(bench)
    yield "benchmark\tloads", lambda: _loads(bench)
    yield "benchmark\tjloads", lambda: _jloads(jcard.dumps(list(vcard.loads(bench))))
    for kind, texts in _texts(drawn, drawn_file).items():
        if kind == "jwritten":
            for i, text in enumerate(texts):
                yield f"{kind}/{i}\tjloads", lambda t=text: _jloads(t)
            continue
        for i, text in enumerate(texts):
            yield f"{kind}/{i}\tparse", lambda t=text: _parse(t)
            yield f"{kind}/{i}\tloads", lambda t=text: _loads(t)
            raw = text.encode("utf-8", "surrogatepass")
            yield f"{kind}/{i}\titer_load", lambda r=raw: _iter_load(r)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=os.environ.get("NETCORE_CORPUS", "../shared/corpus"), type=Path
    )
    parser.add_argument("--drawn", type=int, default=200, help="texts per strategy")
    parser.add_argument(
        "--drawn-file",
        type=Path,
        help="keep the drawn texts here (pickled) and reuse them: Hypothesis draws string "
        "constants of the code under test, so two trees draw different texts",
    )
    parser.add_argument("--show", help="print the reading of this key instead")
    args = parser.parse_args()
    for key, fn in _inputs(args.corpus, args.drawn, args.drawn_file):
        text = _reading(fn)
        if args.show is not None:
            if key.replace("\t", " ") == args.show:
                print(text)
                return
            continue
        print(f"{key}\t{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}")


if __name__ == "__main__":
    main()
