"""Measure vCard fidelity on the real-world corpus: netcore L0-L3 against vobject and icalendar.

Run from the repository root::

    .venv/bin/python tools/fidelity.py                  # writes docs/fidelity.md
    .venv/bin/python tools/fidelity.py --corpus PATH --out -   # print instead

Every vCard text file under ``<corpus>/vcard`` (jCard ``.json`` files excluded; they have
their own test) is measured in a fresh subprocess, each library's calls under a signal
alarm and the whole subprocess under a timeout, so that a hang in any library costs one
cell of the table and not the run.

Levels (see DESIGN.md, "Fidelity levels"):

* **L0**: ``vcard.loads`` raises nothing and every physical line lands in a property, a
  ``BEGIN``/``END`` line or an issue (blank lines excepted).
* **L1**: ``loads(dumps(loads(x))) == loads(x)`` as Contacts (``dumps`` at its default, 4.0).
* **L2**: ``contentline.parse(serialize(parse(x))) == parse(x)``: the same properties,
  parameters, groups, values and order.
* **L3**: ``serialize(parse(x))`` is byte-identical to ``x`` (expected only where the
  input was already canonical: UTF-8, CRLF, 75-octet folds).

Peers: vobject (``list(vobject.readComponents(text))`` raises nothing; then the share of
input lines that ``serialize()`` writes back unchanged) and icalendar used as a vCard
parser (``icalendar.Component.from_ical(text, multiple=True)`` raises nothing). Peers get
the text decoded as UTF-8, else Latin-1 (the decoding is the caller's job, not theirs).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = ROOT / "docs" / "fidelity.md"
CALL_TIMEOUT = 10  # seconds per library call (signal alarm inside the worker)
FILE_TIMEOUT = 120  # seconds per file (subprocess timeout, the backstop)

_EOL_BYTES = re.compile(rb"\r\r\n|\r\n|\n|\r")
_SPAN = re.compile(r"\(lines? (\d+)(?:-(\d+))?\)")


# --------------------------------------------------------------------------- worker side


class _TimeoutError(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise _TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _attempt(fn: Callable[[], Any]) -> tuple[Any, str | None]:
    """Run ``fn`` under the alarm; return its result, or None and a short reason."""
    try:
        with _alarm(CALL_TIMEOUT):
            return fn(), None
    except _TimeoutError as exc:
        return None, f"timeout: {exc}"
    except Exception as exc:
        return None, f"{type(exc).__name__}: {str(exc)[:80]}"


_FOLD = re.compile(rb"(?:\r\r\n|\r\n|\n|\r)[ \t]")


def _split_bytes(data: bytes, unfold: bool) -> list[bytes]:
    """Physical lines, or content lines (folds removed as RFC 6350 says) when ``unfold``."""
    if unfold:
        data = _FOLD.sub(b"", data)
    lines = _EOL_BYTES.split(data)
    if lines and lines[-1] == b"":
        lines.pop()
    return [ln for ln in lines if ln.strip()]


def _unchanged(src: str | bytes, out: str | bytes, *, unfold: bool = False) -> tuple[int, int]:
    """(input lines found unchanged in the output, input lines), blank lines not counted.

    Text is compared as its UTF-8 bytes, so that a fold inside a multi-byte character is
    undone before lines are compared.
    """
    src_b = src.encode("utf-8", "surrogateescape") if isinstance(src, str) else src
    out_b = out.encode("utf-8", "surrogateescape") if isinstance(out, str) else out
    src_lines = _split_bytes(src_b, unfold)
    have = collections.Counter(_split_bytes(out_b, unfold))
    kept = 0
    for ln in src_lines:
        if have[ln] > 0:
            have[ln] -= 1
            kept += 1
    return kept, len(src_lines)


def _peer_text(data: bytes) -> str:
    """The file as ``open(path)`` reads it: UTF-8 (else Latin-1), universal newlines."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _covered(comps: list[Any], into: set[int]) -> None:
    for comp in comps:
        for n in (comp.line, comp.end_line):
            if n is not None:
                into.add(n)
        for prop in comp.properties:
            if prop.line is not None:
                end = prop.end_line if prop.end_line is not None else prop.line
                into.update(range(prop.line, end + 1))
        _covered(list(comp.children), into)


def _netcore(data: bytes, name: str) -> dict[str, Any]:
    from netcore.formats import contentline, vcard

    out: dict[str, Any] = {}
    parsed, err = _attempt(lambda: vcard.loads(data, source=name))
    comps, err2 = _attempt(lambda: contentline.parse(data, source=name, implicit="VCARD"))
    if err is None and err2 is None:
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        physical = _EOL_BYTES.split(raw)
        if physical and physical[-1] == b"":
            physical.pop()
        covered: set[int] = set()
        _covered(list(comps), covered)
        for issue in comps.issues:
            if issue.line is not None:
                covered.add(issue.line)
            for m in _SPAN.finditer(issue.message):
                covered.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
        missing = [i for i, ln in enumerate(physical, 1) if ln.strip() and i not in covered]
        out["L0"] = not missing
        out["L0_note"] = f"lines not accounted for: {missing[:5]}" if missing else ""
        out["contacts"] = len(parsed)
        out["issues"] = len(parsed.issues)
    else:
        out["L0"] = False
        out["L0_note"] = err or err2
    if err is None:

        def l1() -> str:
            again = vcard.loads(vcard.dumps(list(parsed)), source=name)
            if len(again) != len(parsed):
                return f"L1: {len(parsed)} contacts read, {len(again)} after the round trip"
            for a, b in zip(parsed, again, strict=True):
                for field in type(a).model_fields:
                    if getattr(a, field) != getattr(b, field):
                        return f"L1: {field} changes: {str(getattr(a, field))[:60]!r}"
            return ""

        diff, e = _attempt(l1)
        out["L1"] = e is None and not diff
        out["L1_note"] = e or diff or ""
    else:
        out["L1"], out["L1_note"] = False, err
    if err2 is None:
        text, e = _attempt(lambda: contentline.serialize(list(comps)))
        if e is None:
            again, e = _attempt(lambda: contentline.parse(text, source=name, implicit="VCARD"))
        out["L2"] = e is None and list(again) == list(comps)
        out["L2_note"] = e or ""
        out["L3"] = e is None and text.encode("utf-8") == data
        if e is None:
            out["nc_kept"], out["nc_lines"] = _unchanged(data, text)
            out["nc_ckept"], out["nc_clines"] = _unchanged(data, text, unfold=True)
    else:
        out["L2"] = out["L3"] = False
        out["L2_note"] = err2
    return out


def _vobject(data: bytes, text: str) -> dict[str, Any]:
    import vobject

    comps, err = _attempt(lambda: list(vobject.readComponents(text)))
    out: dict[str, Any] = {"vobject": err is None, "vobject_note": err or ""}
    kept, total = _unchanged(data, "")
    ckept, ctotal = _unchanged(data, "", unfold=True)
    if err is None:
        out["vobject_components"] = len(comps)
        written, e = _attempt(lambda: "".join(c.serialize() for c in comps))
        if e is None:
            kept, total = _unchanged(data, written)
            ckept, ctotal = _unchanged(data, written, unfold=True)
        else:
            out["vobject_note"] = f"serialize: {e}"
    out["vobject_kept"], out["vobject_lines"] = kept, total
    out["vobject_ckept"], out["vobject_clines"] = ckept, ctotal
    return out


def _icalendar(data: bytes) -> dict[str, Any]:
    import icalendar

    _, err = _attempt(lambda: icalendar.Component.from_ical(data, multiple=True))
    return {"icalendar": err is None, "icalendar_note": err or ""}


def worker(path: Path, name: str) -> dict[str, Any]:
    data = path.read_bytes()
    text = _peer_text(data)
    result: dict[str, Any] = {"file": name, "bytes": len(data)}
    version = re.search(rb"(?im)^[ \t]*VERSION[ \t]*:[ \t]*([0-9.]+)", data)
    result["version"] = version.group(1).decode() if version else "?"
    result.update(_netcore(data, name))
    result.update(_vobject(data, text))
    result.update(_icalendar(data))
    return result


# --------------------------------------------------------------------------- driver side


def vcard_files(corpus: Path) -> list[Path]:
    root = corpus / "vcard"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() != ".json")


def measure(path: Path, corpus: Path) -> dict[str, Any]:
    name = str(path.relative_to(corpus / "vcard"))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), name]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=FILE_TIMEOUT, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        return {"file": name, "failed": f"worker timed out after {FILE_TIMEOUT} s"}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"file": name, "failed": proc.stderr.strip().splitlines()[-1:] or "no output"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _mark(ok: Any) -> str:
    return "yes" if ok else "**no**"


def _pct(kept: int, total: int) -> str:
    return f"{100 * kept / total:.0f} %" if total else "-"


def render(rows: list[dict[str, Any]], corpus: Path, seconds: float) -> str:
    import icalendar
    import vobject  # noqa: F401

    n = len(rows)
    good = [r for r in rows if "failed" not in r]

    def count(key: str) -> int:
        return sum(1 for r in good if r.get(key))

    vo_parsed = [r for r in good if r.get("vobject")]

    def share(rs: list[dict[str, Any]], kept: str, total: str) -> str:
        return _pct(sum(r.get(kept, 0) for r in rs), sum(r.get(total, 0) for r in rs))

    lines = [
        "# vCard fidelity",
        "",
        "How faithfully netcore reads and writes real-world vCard files, measured on every",
        f"vCard text file of the corpus ({n} files from 13 projects: phones, Outlook, Apple,",
        "Google, Evolution, KDE, CardDAV servers, parser test suites; provenance in the",
        "corpus's `SOURCES.md`), next to the two Python libraries people reach for.",
        "",
        "Generated by `.venv/bin/python tools/fidelity.py` (it writes this page; every number",
        "is measured by that script, each library call in a subprocess under a timeout).",
        "",
        "## Levels",
        "",
        "| level | holds when |",
        "|---|---|",
        "| **L0** | `vcard.loads` raises nothing and every physical line lands in a property, a "
        "`BEGIN`/`END` line or an issue (blank lines excepted): nothing is dropped silently |",
        "| **L1** | `loads(dumps(loads(x))) == loads(x)`: writing the contacts (vCard 4.0) and "
        "reading them back gives equal `Contact` records |",
        "| **L2** | `parse(serialize(parse(x))) == parse(x)` in the content-line layer: the same "
        "properties, parameters, groups, values, in the same order |",
        "| **L3** | `serialize(parse(x))` is byte-identical to `x`; expected only for input that "
        "was already canonical (UTF-8, CRLF, folds at 75 octets), so a **no** here is not a "
        "defect but a normalisation (line endings, folds, quoted-printable re-encoded) |",
        "",
        f"Peers: vobject {vobject_version()} (`list(vobject.readComponents(text))` raises "
        "nothing; *lines written back unchanged* is the share of the file's non-blank lines "
        "that `serialize()` writes back unchanged, compared as UTF-8 bytes) and icalendar "
        f"{icalendar.__version__} used as a vCard parser "
        "(`icalendar.Component.from_ical(data, multiple=True)` raises nothing). Each gets the "
        "file as its documentation reads one: vobject the text of `open(path)` (UTF-8, else "
        "Latin-1; universal newlines), icalendar the bytes. netcore gets the bytes; its "
        "lines are the same measure for `contentline.serialize`.",
        "",
        "## Summary",
        "",
        "| | files | L0 | L1 | L2 | L3 | physical lines written back unchanged "
        "| content lines (unfolded) written back unchanged |",
        "|---|---|---|---|---|---|---|---|",
        f"| **netcore** | {n} | {count('L0')} | {count('L1')} | {count('L2')} | {count('L3')} "
        f"| {share(good, 'nc_kept', 'nc_lines')} | {share(good, 'nc_ckept', 'nc_clines')} |",
        f"| **vobject** | {n} | parses {len(vo_parsed)} | | | "
        f"| {share(vo_parsed, 'vobject_kept', 'vobject_lines')} of the files it parses "
        f"({share(good, 'vobject_kept', 'vobject_lines')} of all) "
        f"| {share(vo_parsed, 'vobject_ckept', 'vobject_clines')} of the files it parses "
        f"({share(good, 'vobject_ckept', 'vobject_clines')} of all) |",
        f"| **icalendar** | {n} | parses {count('icalendar')} | | | | | |",
        "",
        "*Physical lines* compares the files line by line as stored; *content lines* first "
        "removes folds on both sides, so that a line folded at another width is not counted "
        "as changed. A file a library cannot parse, or whose result it cannot serialize, "
        "counts with no line kept in the *of all* figures.",
        "",
        f"Measured in {seconds:.0f} s. Failed workers: {sum(1 for r in rows if 'failed' in r)}.",
        "",
        "## Per file",
        "",
        "| file | ver | L0 | L1 | L2 | L3 | netcore content lines kept | vobject parses "
        "| vobject content lines kept | icalendar parses |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "failed" in r:
            lines.append(f"| `{r['file']}` | | worker failed: {r['failed']} | | | | | | | |")
            continue
        vo_cell = _pct(r["vobject_ckept"], r["vobject_clines"]) if r.get("vobject") else "-"
        lines.append(
            f"| `{r['file']}` | {r['version']} | {_mark(r['L0'])} | {_mark(r['L1'])} | "
            f"{_mark(r['L2'])} | {'yes' if r['L3'] else 'no'} | "
            f"{_pct(r.get('nc_ckept', 0), r.get('nc_clines', 0))} | {_mark(r['vobject'])} | "
            f"{vo_cell} | {_mark(r['icalendar'])} |"
        )
    notes = [
        r
        for r in rows
        if "failed" not in r and any(r.get(k) for k in ("L0_note", "L1_note", "L2_note"))
    ]
    lines += ["", "## Why a cell says no", ""]
    if notes:
        lines.append("netcore:")
        lines.append("")
        for r in notes:
            why = "; ".join(r[k] for k in ("L0_note", "L1_note", "L2_note") if r.get(k))
            lines.append(f"- `{r['file']}`: {_md(why)}")
        lines.append("")
    for peer in ("vobject", "icalendar"):
        failed = [r for r in rows if "failed" not in r and r.get(f"{peer}_note")]
        if failed:
            lines.append(f"{peer}:")
            lines.append("")
            lines.extend(f"- `{r['file']}`: {_md(r[f'{peer}_note'])}" for r in failed)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")


def vobject_version() -> str:
    from importlib.metadata import version

    return version("vobject")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output file, or - for stdout")
    parser.add_argument("--worker", nargs=2, metavar=("PATH", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(Path(args.worker[0]), args.worker[1])))
        return 0
    files = vcard_files(args.corpus)
    if not files:
        print(f"no vCard files under {args.corpus / 'vcard'}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    rows = []
    for i, path in enumerate(files, 1):
        rows.append(measure(path, args.corpus))
        print(f"\r{i}/{len(files)} {path.name[:50]:<50}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    page = render(rows, args.corpus, time.perf_counter() - start)
    if args.out == "-":
        sys.stdout.write(page)
    else:
        Path(args.out).write_text(page, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
