"""Check: the text ``vcard.dumps`` and ``jcard.dumps`` write, as digests, for comparing trees.

Run from the repository root of each tree, with that tree's interpreter, and compare::

    D="--drawn-file /tmp/drawn.pickle"   # drawn once (first run), then read by both
    (cd ../base && .venv/bin/python ../new/benchmarks/dumps_identity.py $D) > old.txt
    .venv/bin/python benchmarks/dumps_identity.py $D > new.txt
    diff old.txt new.txt                       # any line that differs is a changed output

Inputs: the contacts of every corpus file netcore reads as contacts (``.vcf`` by
``vcard.loads``, ``.json`` by ``jcard.loads``, ``.csv`` by ``netcore.formats.csv``), the
benchmark's generated cards (``benchmarks/vcard.py``'s ``generate``), and contacts drawn
by ``netcore.testing.contacts()`` and by hostile-text strategies like the round-trip
test's (derandomized; pass the same ``--drawn-file`` to both runs, as Hypothesis also
draws string constants found in the code under test, which differ between trees). Each
contact's output in vCard 2.1, 3.0 and 4.0 and in jCard is printed as one line
``key<TAB>count<TAB>sha256`` (or the error's type and message when writing refuses it).
``--show KEY`` prints that key's text instead, to read a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _drawn import draw_values
from hypothesis import reject
from hypothesis import strategies as st

from netcore.formats import jcard, vcard
from netcore.model import Address, Contact, Email, Extension, Name, Organization, Phone, Url
from netcore.testing import contacts as contact_strategy

_BITS = st.sampled_from(
    [",", ";", ":", "\\", "\\n", "\\,", '"', "^", "^n", "=", "=0D", "\n", "\r", "END:VCARD",
     "BEGIN:VCARD", " ", "\t", "é", "\u00df", "\u2028", "\ufeff", "=\n", "\ud800", "ä" * 40]
)  # fmt: skip
_TEXT = st.lists(_BITS | st.text(max_size=4), max_size=6).map("".join)
_LINE = _TEXT.map(lambda s: s.replace("\n", " ").replace("\r", " "))
T = TypeVar("T")


def _made(draw: st.DrawFn, cls: Callable[..., T], **fields: st.SearchStrategy[Any]) -> T:
    """``cls`` of drawn fields; a draw the model refuses (it validates) is rejected."""
    values = {k: draw(s) for k, s in fields.items()}
    try:
        return cls(**values)
    except ValueError:
        reject()


@st.composite
def _hostile(draw: st.DrawFn) -> Contact:
    words = st.lists(_LINE, max_size=2).map(tuple)
    lines = st.none() | _LINE

    def some(cls: Callable[..., T], n: int, **fields: st.SearchStrategy[Any]) -> tuple[T, ...]:
        return tuple(_made(draw, cls, **fields) for _ in range(draw(st.integers(0, n))))

    return _made(
        draw,
        Contact,
        uid=_LINE,
        formatted_name=_LINE,
        note=st.none() | _TEXT,
        nicknames=words,
        categories=words,
        gender=lines,
        name=st.none() | st.just(_made(draw, Name, family=_LINE, given=_LINE, additional=words)),
        emails=st.just(some(Email, 2, address=_LINE.map(lambda s: f"a{s}@x.org"), label=lines)),
        phones=st.just(some(Phone, 2, number=_LINE, label=lines)),
        addresses=st.just(
            some(Address, 2, street=_TEXT, locality=_LINE, formatted=st.none() | _TEXT, label=lines)
        ),
        urls=st.just(some(Url, 1, value=_LINE, label=lines)),
        organizations=st.just(
            some(Organization, 2, name=_LINE, units=words, title=lines, role=lines)
        ),
        extensions=st.just(
            some(
                Extension,
                2,
                name=st.sampled_from(["X-HOSTILE", "X-A", "LABEL", "NOTE", "X-ABLabel"]),
                value=_TEXT,
                params=st.lists(st.tuples(st.just("X-P"), st.tuples(_TEXT)), max_size=2).map(tuple),
                group=st.none() | st.sampled_from(["item1", "item2", "g"]),
            )
        ),
    )


def _corpus_contacts(root: Path) -> Iterator[tuple[str, list[Contact]]]:
    from netcore.formats import csv as csv_format

    readers: dict[str, Callable[[bytes], list[Contact]]] = {
        ".vcf": lambda b: list(vcard.loads(b)),
        ".json": lambda b: list(jcard.loads(b)),
        ".csv": lambda b: list(csv_format.loads(b)),
    }
    for path in sorted(root.rglob("*")):
        reader = readers.get(path.suffix.lower())
        if reader is None or not path.is_file():
            continue
        try:
            got = reader(path.read_bytes())
        except Exception as exc:  # a file a reader refuses has no contacts
            print(f"# {path.relative_to(root)}: not read ({type(exc).__name__})", file=sys.stderr)
            continue
        yield str(path.relative_to(root)), got


def _inputs(
    corpus: Path, drawn: int, drawn_file: Path | None
) -> Iterator[tuple[str, list[Contact]]]:
    from vcard import generate

    yield from _corpus_contacts(corpus)
    yield "benchmark", list(vcard.loads("".join(generate(300))))
    if drawn_file is not None and drawn_file.exists():
        made = pickle.loads(drawn_file.read_bytes())  # a file this script wrote
    else:
        made = {
            "testing.contacts": draw_values(contact_strategy(), drawn),
            "hostile": draw_values(_hostile(), drawn),
        }
        if drawn_file is not None:
            drawn_file.write_bytes(pickle.dumps(made))
    for kind, items in made.items():
        for i, c in enumerate(items):
            yield f"{kind}/{i}", [c]


def _outputs(items: list[Contact]) -> Iterator[tuple[str, Callable[[], str]]]:
    for version in vcard.VERSIONS:
        yield f"vcard{version}", lambda v=version: vcard.dumps(items, version=v)  # type: ignore[misc]
    yield "jcard", lambda: jcard.dumps(items)
    if len(items) == 1:
        yield "jcard-single", lambda: jcard.dumps(items[0])


def _digest(fn: Callable[[], str]) -> tuple[str, str]:
    try:
        text = fn()
    except Exception as exc:  # a refusal is an output to compare too
        return f"{type(exc).__name__}: {exc}", ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=os.environ.get("NETCORE_CORPUS", "../shared/corpus"), type=Path
    )
    parser.add_argument("--drawn", type=int, default=400, help="contacts per strategy")
    parser.add_argument(
        "--drawn-file",
        type=Path,
        help="keep the drawn contacts here (pickled) and reuse them: Hypothesis draws string "
        "constants of the code under test, so two trees draw different contacts",
    )
    parser.add_argument("--show", help="print the text of this key instead")
    args = parser.parse_args()
    for name, items in _inputs(args.corpus, args.drawn, args.drawn_file):
        for out, fn in _outputs(items):
            key = f"{name}\t{out}"
            digest, text = _digest(fn)
            if args.show is not None:
                if key.replace("\t", " ") == args.show:
                    print(text or digest, end="")
                    return
                continue
            print(f"{key}\t{len(items)}\t{digest}")


if __name__ == "__main__":
    main()
