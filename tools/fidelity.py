"""Measure codec fidelity on the real-world corpus: what survives ``dumps(loads(file))``.

Run from the repository root::

    .venv/bin/python tools/fidelity.py                         # writes docs/fidelity.md
    .venv/bin/python tools/fidelity.py --out - --json run.json  # print; keep the raw rows
    .venv/bin/python tools/fidelity.py --save-baseline tools/fidelity_before.json

The "before" columns come from ``tools/fidelity_before.json`` (per-file figures measured on
main before the issue-13 codec fixes) whenever it exists, the "round 2 before" columns
from ``tools/fidelity_before_round2.json`` (main at the start of the second round, this
script); ``--no-before`` leaves both out.

Every file under ``<corpus>/vcard`` and ``<corpus>/ical`` (parts 1 and 2 of the corpus,
see ``SOURCES.md`` and ``SOURCES-2.md``) is measured in batches of worker subprocesses,
each library call under a signal alarm and each batch under a timeout; a batch that
crashes or hangs is re-run one file per subprocess, so a hang costs one row, not the run.

**Semantic measure** (the headline; the goal is 100 % for every file not listed in
``tools/fidelity_exceptions.toml``):

* **vCard text** (``.vcf``, in the file's own version 2.1, 3.0 or 4.0; 3.0 where none
  is declared; each card in its own where the cards of a file declare different ones):
  every input property (group, name, parameters compared case-insensitively as sets of
  name -> values with ``ENCODING``/``CHARSET`` left out, and the decoded value:
  quoted-printable and base64 undone, charset decoded, text unescaped, line breaks as LF,
  dates in one form; EMAIL, TEL, URL, IMPP and UID values without line breaks at either
  end, which no address, number or identifier holds; an empty parameter, as in
  ``ADR;HOME;PREF;:``, names nothing) must have an equal property in
  ``vcard.dumps(vcard.loads(file))``, in the same card. Both sides are read by the
  independent reader below, never by netcore's own parser.
* **jCard** (``.json`` under ``vcard/``): the same, for ``jcard.dumps(jcard.loads(file))``;
  a value whose type is a date or time (``date-and-or-time``, ...) is compared in one form.
* **iCalendar** (``.ics``): per VEVENT as icalendar reads it, the key fields UID,
  SUMMARY, DTSTART and DTEND as instants (DURATION turned into an end), ORGANIZER and
  each ATTENDEE address, STATUS must be the same in ``ical.dumps(ical.loads(file))`` as
  icalendar reads it back, in the event with the same UID and RECURRENCE-ID (else the
  same UID and start). A floating time is compared as UTC (netcore's documented reading).
  The reference reading follows RFC 5545 where icalendar does not: a date with a TZID
  (``VALUE=DATE``, or eight digits) is a date, a quoted address is the address, a time
  with spaces around it is that time, and each file's VTIMEZONEs are its own (icalendar
  caches them per process). ``ical.loads`` is called without a window: a recurring series
  comes back as its first occurrence and its overrides, so a master whose DTSTART an
  override replaces is measured by that override.

**Levels and peers** (vCard text only, as before; see DESIGN.md "Fidelity levels"):
L0 nothing dropped silently, L1 ``loads(dumps(loads(x))) == loads(x)`` at 4.0, L2 the
content-line layer round-trips, L3 byte-identical output; vobject and icalendar as peers.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import codecs
import collections
import contextlib
import dataclasses
import json
import re
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = ROOT / "docs" / "fidelity.md"
EXCEPTIONS = Path(__file__).resolve().with_name("fidelity_exceptions.toml")
BASELINE = Path(__file__).resolve().with_name("fidelity_before.json")
# main's codecs at the start of the second issue-13 round, measured by this script
ROUND_BASELINE = Path(__file__).resolve().with_name("fidelity_before_round2.json")
CALL_TIMEOUT = 10  # seconds per library call (signal alarm inside the worker)
FILE_TIMEOUT = 120  # seconds per file (subprocess timeout, the backstop)
BATCH = 40  # files per worker subprocess
VCARD_VERSIONS = ("2.1", "3.0", "4.0")

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


# ------------------------------------------------------------------ semantic reference reader
#
# An independent reader of vCard text (2.1, 3.0, 4.0) and jCard, written for this measure
# only: it shares no code with netcore, so that a defect of netcore's reader cannot hide
# itself by reading the input and the output the same wrong way.

_EOL_SPLIT = re.compile(rb"\r\r\n|\r\n|\n|\r")
_B64_ONLY = re.compile(rb"[A-Za-z0-9+/=]+")
_ENCODINGS = {"QUOTED-PRINTABLE": "qp", "BASE64": "b64", "B": "b64", "8BIT": "", "7BIT": ""}
_STRUCTURED = {"N", "ADR", "ORG", "GENDER", "CLIENTPIDMAP"}
_DATES = {"BDAY", "ANNIVERSARY", "DEATHDATE", "REV", "X-ANNIVERSARY"}
_NOT_COMPARED_PARAMS = {"ENCODING", "CHARSET"}
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_LISTS = {"NICKNAME", "CATEGORIES"}  # one comparison per value: two lines or one list mean the same
_URIS = {"URL", "SOURCE", "IMPP", "FBURL", "CALURI", "CALADRURI", "MEMBER"}
_DATE_TYPES = {"date", "date-time", "date-and-or-time", "timestamp"}
# How binary data is carried (TYPE=JPEG with ENCODING=b, or a data: URI) is not compared:
_BINARY_CARRIER_PARAMS = {"TYPE", "VALUE", "MEDIATYPE"}
_DATA_URI = re.compile(r"data:([^,;]*)((?:;[^,;]*)*?);base64,(.*)", re.DOTALL | re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class SemProp:
    """One property as it means, not as it is written.

    ``path`` names the component (``VCARD``, ``VCARD/VCARD`` for a 2.1 AGENT card);
    ``group`` and ``name`` are compared case-insensitively (kept upper-cased / lower-cased);
    ``params`` is a set of (NAME, set of casefolded values), the transfer parameters
    ``ENCODING`` and ``CHARSET`` left out (the value is compared decoded); ``value`` is the
    decoded value: text unescaped with line breaks as ``\\n``, a tuple of components for
    structured properties, ``bytes`` for base64, a canonical form for dates.
    """

    path: str
    group: str
    name: str
    params: frozenset[tuple[str, frozenset[str]]]
    value: Any

    def label(self) -> str:
        return f"{self.group}.{self.name}" if self.group else self.name


def to_utf8(data: bytes) -> bytes:
    """The bytes with a byte-order mark dropped and UTF-16 (with or without BOM) re-encoded."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(enc, "replace").encode("utf-8")
    if len(data) >= 4 and data[0] == 0 and data[1] != 0 and data[2] == 0:
        return data.decode("utf-16-be", "replace").encode("utf-8")
    if len(data) >= 4 and data[1] == 0 and data[0] != 0 and data[3] == 0:
        return data.decode("utf-16-le", "replace").encode("utf-8")
    return data


def _text(raw: bytes, charset: str | None = None) -> str:
    """UTF-8 first, then the declared charset, then Windows-1252, then Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in (charset, "windows-1252"):
        if enc:
            try:
                return raw.decode(enc)
            except (LookupError, UnicodeDecodeError):
                pass
    return raw.decode("latin-1")


def _split_unquoted(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes."""
    parts, cur, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _head_end(line: bytes) -> int:
    """Index of the ``:`` that ends the head of a content line, or -1."""
    quoted = False
    for i, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return i
    return -1


_CARETS = {"^n": "\n", "^N": "\n", "^'": '"', "^^": "^"}
_LABEL_ESCAPE = re.compile(r"\\[nN\\]")
_LABEL_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\"}


def _param_values(text: str) -> list[str]:
    values = []
    for v in _split_unquoted(text, ","):
        v = v.strip()
        if len(v) >= 2 and v[0] == v[-1] == '"':
            v = v[1:-1]
        values.append(re.sub(r"\^[nN'^]", lambda m: _CARETS[m[0]], v))
    return values


@dataclasses.dataclass
class _Head:
    group: str
    name: str
    params: list[tuple[str, list[str]]]
    encoding: str  # "", "qp" or "b64"
    charset: str | None


def parse_head(head: str) -> _Head:
    """``[group.]name;params`` into its parts; bare 2.1 parameters become TYPE or ENCODING."""
    parts = _split_unquoted(head, ";")
    group, _, name = parts[0].strip().rpartition(".")
    params: list[tuple[str, list[str]]] = []
    encoding, charset = "", None
    for part in parts[1:]:
        pname, eq, pvalue = part.partition("=")
        pname = pname.strip().upper()
        if not eq and not pname:
            continue  # an empty parameter (ADR;HOME;PREF;:) names nothing
        if not eq:
            if pname in _ENCODINGS:
                encoding = _ENCODINGS[pname]
                continue
            params.append(("TYPE", [pname]))
            continue
        values = _param_values(pvalue)
        if pname == "TYPE":  # TYPE="work,voice" (RFC 6350's own examples) is two types
            values = [t for v in values for t in v.split(",")]
        if pname == "LABEL":  # RFC 6350 6.3.1 writes LABEL's line breaks as \n
            values = [_LABEL_ESCAPE.sub(lambda m: _LABEL_ESCAPES[m[0][1]], v) for v in values]
        if pname == "ENCODING":
            for v in values:
                encoding = _ENCODINGS.get(v.upper(), encoding)
        elif pname == "CHARSET":
            charset = values[0] if values else None
        params.append((pname, values))
    name = name.upper()
    # netcore's written form of a name no content line carries (docs/formats.md), which
    # its reader restores: compared under the original name.
    if (
        name == "X-NETCORE-BAD-NAME"
        and params
        and params[0][0] == "X-ORIGINAL-NAME"
        and len(params[0][1]) == 1
    ):
        name = params[0][1][0].upper()
        params = params[1:]
    return _Head(group.lower(), name, params, encoding, charset)


def logical_lines(data: bytes) -> list[bytes]:
    """Unfold: folds (a line starting with a space or TAB), quoted-printable soft breaks
    (``=`` at the end of a line of a property whose parameters say quoted-printable: the
    next line is taken verbatim, kept as ``=\\n`` for the decoder) and 2.1 base64 blocks
    (unindented base64 lines after a base64 property, up to a blank line or another line).
    """
    out: list[bytes] = []
    cur: bytearray | None = None
    mode = ""

    def mode_of(line: bytes) -> str:
        end = _head_end(line)
        return parse_head(_text(line[:end])).encoding if end > 0 else ""

    for ln in _EOL_SPLIT.split(data):
        if cur is not None and mode == "qp" and cur.endswith(b"="):
            cur += b"\n" + ln
            continue
        if not ln.strip():
            if cur is not None and mode == "b64":  # a blank line ends a 2.1 base64 block
                out.append(bytes(cur))
                cur, mode = None, ""
            continue  # elsewhere blank lines are skipped: a fold after one still continues
        if cur is not None and ln[:1] in (b" ", b"\t"):
            cur += ln.lstrip() if mode == "b64" else ln[1:]
            if not mode:
                mode = mode_of(bytes(cur))
            continue
        if cur is not None and mode == "b64" and _B64_ONLY.fullmatch(ln.strip()):
            cur += ln.strip()
            continue
        if cur is not None:
            out.append(bytes(cur))
        cur = bytearray(ln)
        mode = mode_of(ln)
    if cur is not None:
        out.append(bytes(cur))
    return out


def _split_struct(text: str) -> list[str]:
    """Split on ``;`` not escaped by a backslash (escapes kept)."""
    parts, cur, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _unescape(text: str, version: str) -> str:
    """Undo backslash escapes: in 3.0 and 4.0 ``\\n`` is a line break and ``\\\\ \\, \\; \\:
    \\"`` stand for the character; 2.1 defines only ``\\;``, and (as Android's reader, the
    main 2.1 producer, does) ``\\\\ \\, \\:`` are taken as the character too. Any other
    backslash is literal."""
    if version == "2.1":
        text = re.sub(r"\\([\\;:,])", lambda m: m[1], text)
    else:
        text = re.sub(
            r"\\(.)",
            lambda m: "\n" if m[1] in "nN" else m[1] if m[1] in '\\,;:"' else m[0],
            text,
            flags=re.DOTALL,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _date_norm(text: str) -> str:
    """``1990-01-01`` and ``19900101``, ``--11-02`` and ``--1102`` are the same date."""
    if not re.fullmatch(r"[0-9T:.Z+\-]+", text):
        return text
    prefix = ""
    while text.startswith("-"):
        prefix, text = prefix + "-", text[1:]
    day, t, clock = text.partition("T")
    return prefix + day.replace("-", "") + t + clock.replace(":", "")


def decode_value(raw: bytes, head: _Head, version: str) -> Any:
    """The value as it means: transfer encoding, charset and escapes undone."""
    if head.encoding == "b64":
        compact = re.sub(rb"\s+", b"", raw)
        try:
            return base64.b64decode(compact + b"=" * (-len(compact) % 4), validate=True)
        except (binascii.Error, ValueError):
            return _text(compact)
    if head.encoding == "qp":
        raw = binascii.a2b_qp(raw)
    text = _text(raw, head.charset)
    if head.name in _DATES:
        return _date_norm(text.strip())
    if head.name in _BINARY:
        data_uri = _DATA_URI.fullmatch(_unescape(text, version).strip())
        if data_uri:
            return decode_value(
                data_uri[3].encode(), dataclasses.replace(head, encoding="b64"), version
            )
    if head.name in _STRUCTURED:
        parts = [_unescape(part, version) for part in _split_struct(text)]
        while parts and not parts[-1]:  # "Doe;John" and "Doe;John;;;" are the same name
            parts.pop()
        return tuple(parts)
    if head.name in _LISTS:  # "a, b" is the list a and b: spaces around items do not count
        return tuple(_unescape(part, version).strip() for part in _split_list(text))
    if head.name == "TEL" and text[:4].lower() == "tel:":
        text = text[4:]
    if head.name in _SINGLE_LINE:
        # An address, number or identifier is one line: a line break an exporter appends
        # (an escaped \n after an address) is no part of it.
        return _unescape(text, version).strip("\r\n")
    return _unescape(text, version)


_SINGLE_LINE = frozenset({"EMAIL", "TEL", "URL", "IMPP", "UID"})


def _split_list(text: str) -> list[str]:
    """Split on ``,`` not escaped by a backslash (escapes kept)."""
    return re.findall(r"(?:\\.|[^,\\])+|(?<=,)(?=,|$)|^(?=,)", text, flags=re.DOTALL) or [""]


def significant_params(
    name: str, params: Iterable[tuple[str, Iterable[str]]], value: Any, version: str = "?"
) -> frozenset[tuple[str, frozenset[str]]]:
    """The parameters that carry meaning: ``VALUE`` naming the property's default type
    (``BDAY;VALUE=date``, ``TEL;VALUE=uri`` with a ``tel:`` value, ``URL;VALUE=uri``, ``VALUE=text``
    elsewhere; ``VALUE=uri`` on ``PHOTO``, ``LOGO``, ``SOUND`` and ``KEY`` in a 4.0 card, RFC
    6350's default for them, where 2.1's and 3.0's is inline data) is dropped, and so are the
    ways binary data is carried once it is decoded."""
    kept = []
    for pname, values in params:
        key = pname.upper()
        vals = [v.lower() for v in values]
        if key == "VALUE" and vals == ["url"]:  # 2.1 says URL where 3.0 and 4.0 say uri
            values = vals = ["uri"]
        if key == "VALUE":
            if name in _DATES and set(vals) <= _DATE_TYPES:
                continue
            if name == "TEL" and set(vals) <= {"uri", "text", "phone-number"}:
                continue
            if name in _URIS and vals == ["uri"]:
                continue
            if name in _BINARY and vals == ["binary"]:
                continue
            if name in _BINARY and vals == ["uri"] and version == "4.0":
                continue
            if name not in _URIS | _BINARY | {"RELATED", "GEO", "TZ", "UID", "KEY"} and vals == [
                "text"
            ]:
                continue
        if name in _BINARY and isinstance(value, bytes) and key in _BINARY_CARRIER_PARAMS:
            continue
        kept.append((pname, values))
    return _freeze_params(kept)


def _freeze_params(
    params: Iterable[tuple[str, Iterable[str]]],
) -> frozenset[tuple[str, frozenset[str]]]:
    merged: dict[str, set[str]] = {}
    for name, values in params:
        key = name.upper()
        if key in _NOT_COMPARED_PARAMS:
            continue
        merged.setdefault(key, set()).update(v.casefold() for v in values)
    return frozenset((k, frozenset(v)) for k, v in merged.items())


def read_vcard_text(data: bytes) -> tuple[list[list[SemProp]], str]:
    """Cards (each a list of :class:`SemProp`, nested cards' properties included) and the
    version of the first card (``?`` when none is declared).

    Properties outside any card open an implicit one; a ``BEGIN:VCARD`` inside an open card
    is a nested (AGENT) card only right after an ``AGENT`` property with an empty value,
    otherwise it closes the open card and starts the next one. VERSION, like BEGIN and
    END, says how the card is written and is not compared. Lines without a ``:`` are
    not properties and are not counted.
    """
    cards: list[list[SemProp]] = []
    stack: list[str] = []
    version = "?"
    card_version = "?"
    last_agent_empty = False
    for line in logical_lines(to_utf8(data)):
        end = _head_end(line)
        if end <= 0:
            continue
        head = parse_head(_text(line[:end]))
        raw = line[end + 1 :]
        if head.name == "BEGIN" and not head.group:
            what = _text(raw).strip().upper()
            if stack and not last_agent_empty and what == "VCARD":
                stack = []
            if not stack:
                cards.append([])
                card_version = "?"
            stack.append(what)
            last_agent_empty = False
            continue
        if head.name == "END" and not head.group:
            if stack:
                stack.pop()
            continue
        if not stack:
            cards.append([])
            stack.append("VCARD")
            card_version = "?"
        if head.name == "VERSION" and len(stack) == 1:
            card_version = _text(raw).strip()
            if version == "?":
                version = card_version
            continue  # how the card is written, like BEGIN and END: not compared
        value = decode_value(raw, head, card_version)
        params = significant_params(head.name, head.params, value, card_version)
        last_agent_empty = head.name == "AGENT" and not raw.strip()
        for one in value if head.name in _LISTS else (value,):
            cards[-1].append(SemProp("/".join(stack), head.group, head.name, params, one))
    return cards, version


def card_versions(data: bytes) -> list[str]:
    """The VERSION each top-level card declares, in order (``?`` for none)."""
    versions: list[str] = []
    depth = 0
    for line in logical_lines(to_utf8(data)):
        end = _head_end(line)
        if end <= 0:
            continue
        head = parse_head(_text(line[:end]))
        if head.group:
            continue
        if head.name == "BEGIN":
            if depth == 0:
                versions.append("?")
            depth += 1
        elif head.name == "END":
            depth = max(depth - 1, 0)
        elif head.name == "VERSION" and depth == 1 and versions:
            versions[-1] = _text(line[end + 1 :]).strip()
    return versions


def _jvalue(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_jvalue(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


_JCARD_DATE_TYPES = frozenset({"date", "time", "date-time", "date-and-or-time", "timestamp"})


def read_jcard(data: bytes) -> tuple[list[list[SemProp]], str]:
    """jCard (RFC 7095): one ``["vcard", [...]]`` or a JSON array of them."""
    doc = json.loads(to_utf8(data).decode("utf-8", "replace"))
    if isinstance(doc, list) and doc and doc[0] == "vcard":
        doc = [doc]
    cards: list[list[SemProp]] = []
    version = "?"
    for card in doc if isinstance(doc, list) else []:
        if not (isinstance(card, list) and len(card) >= 2 and isinstance(card[1], list)):
            continue
        props: list[SemProp] = []
        for prop in card[1]:
            if not (isinstance(prop, list) and len(prop) >= 4 and isinstance(prop[1], dict)):
                continue
            name = str(prop[0]).upper()
            params = dict(prop[1])
            group = str(params.pop("group", "")).lower()
            values = [_jvalue(v) for v in prop[3:]]
            value: Any = values[0] if len(values) == 1 else tuple(values)
            if name in _STRUCTURED:
                parts = list(value) if isinstance(value, tuple) else [value]
                while parts and parts[-1] in ("", ()):
                    parts.pop()
                value = tuple(parts)
            if name == "TEL" and isinstance(value, str) and value[:4].lower() == "tel:":
                value = value[4:]
            listed = [
                (k, [str(x) for x in (v if isinstance(v, list) else [v])])
                for k, v in params.items()
            ]
            frozen = significant_params(name, [*listed, ("VALUE", [str(prop[2])])], value)
            if (name in _DATES or str(prop[2]).lower() in _JCARD_DATE_TYPES) and isinstance(
                value, str
            ):
                value = _date_norm(value)  # the type says it is a date: one form
            if isinstance(value, str):
                value = value.replace("\r\n", "\n").replace("\r", "\n")
            if name == "VERSION":
                version = str(value) if version == "?" else version
                continue
            many = values if name in _LISTS else [value]
            props.extend(SemProp("VCARD", group, name, frozen, one) for one in many)
        cards.append(props)
    return cards, version


# --------------------------------------------------------------------------- semantic comparison


@dataclasses.dataclass
class Comparison:
    """What survived: properties in, properties found in the output, and what was lost."""

    total: int = 0
    kept: int = 0
    lost: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    note: str = ""

    @property
    def percent(self) -> float:
        return 100.0 * self.kept / self.total if self.total else 100.0


def _why(prop: SemProp, pool: collections.Counter[SemProp]) -> str:
    """A short reason why ``prop`` has no equal in the unmatched output ``pool``."""
    same = [p for p, n in pool.items() if n > 0 and p.name == prop.name and p.path == prop.path]
    if any(p.value == prop.value and p.params == prop.params for p in same):
        return "group"
    near = [p for p in same if p.value == prop.value and p.group == prop.group]
    if near:
        mine, theirs = dict(prop.params), dict(near[0].params)
        keys = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
        return "params " + ",".join(keys)
    if any(p.params == prop.params and p.group == prop.group for p in same):
        return "value"
    return "missing"


def compare(inp: list[list[SemProp]], out: list[list[SemProp]]) -> Comparison:
    """Match every input property with an equal output property (a multiset match).

    Cards are matched by position when both sides hold as many cards; otherwise the
    properties of all cards are matched as one pool (and the note says so).
    """
    result = Comparison()
    if len(inp) == len(out):
        pairs = list(zip(inp, out, strict=True))
    else:
        result.note = f"{len(inp)} cards in, {len(out)} out"
        pairs = [([p for c in inp for p in c], [p for c in out for p in c])]
    for props_in, props_out in pairs:
        pool = collections.Counter(props_out)
        lost: list[SemProp] = []
        for prop in props_in:
            result.total += 1
            if pool[prop] > 0:
                pool[prop] -= 1
                result.kept += 1
            else:
                lost.append(prop)
        for prop in lost:
            result.lost[f"{prop.label()} ({_why(prop, pool)})"] += 1
    return result


# --------------------------------------------------------------------------- iCalendar key fields

_EVENT_FIELDS = ("UID", "SUMMARY", "DTSTART", "DTEND", "ORGANIZER", "STATUS")


def _instant(value: Any) -> str:
    """A datetime as its UTC instant (a floating time read as UTC), a date as a date."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return "date " + value.isoformat()
    return str(value)


def _address(value: Any) -> str:
    text = str(value).strip().strip('"').strip()  # a quoted address is the address
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return text.strip().lower()


def _decoded(event: Any, name: str) -> Any:
    try:
        return event.decoded(name)
    except Exception:
        return event.get(name)


def _time(event: Any, name: str) -> Any:
    """A DTSTART or DTEND as RFC 5545 means it: ``VALUE=DATE`` is a day even with a TZID
    (icalendar makes it midnight in that zone), and a time written with spaces around it
    (`` 20240812T223000Z``, which icalendar leaves unread) is the time without them."""
    import icalendar

    value = _decoded(event, name)
    if isinstance(value, str | icalendar.vBroken):
        with contextlib.suppress(Exception):
            value = icalendar.vDDDTypes.from_ical(str(value).strip())
    params = getattr(event.get(name), "params", None) or {}
    if (
        isinstance(value, datetime)
        and str(params.get("VALUE", "")).upper() == "DATE"
        and "TZID" in params
        and value.time() == datetime.min.time()
    ):
        return value.date()  # not VALUE=DATE:20110804T120000, a date-time mislabelled
    return value


def event_fields(event: Any) -> dict[str, Any]:
    """The key fields of one icalendar VEVENT: UID, SUMMARY, DTSTART and DTEND as instants
    (DTEND from DURATION where given so), ORGANIZER and ATTENDEE addresses, STATUS; the
    RECURRENCE-ID instant under ``RID``. Absent fields are absent."""
    fields: dict[str, Any] = {}
    if str(event.get("UID", "")).strip():  # an empty UID identifies nothing
        fields["UID"] = str(event["UID"])
    if str(event.get("SUMMARY", "")):  # an empty SUMMARY says nothing
        fields["SUMMARY"] = str(event["SUMMARY"]).replace("\r\n", "\n")
    start = _time(event, "DTSTART") if "DTSTART" in event else None
    if start is not None:
        fields["DTSTART"] = _instant(start)
    if "DTEND" in event:
        fields["DTEND"] = _instant(_time(event, "DTEND"))
    elif "DURATION" in event and isinstance(start, date):
        duration = _decoded(event, "DURATION")
        if isinstance(duration, timedelta):
            fields["DTEND"] = _instant(start + duration)
    if "ORGANIZER" in event:
        fields["ORGANIZER"] = _address(event["ORGANIZER"])
    if "STATUS" in event:
        fields["STATUS"] = str(event["STATUS"]).upper()
    attendees = event.get("ATTENDEE")
    if attendees is not None:
        items = attendees if isinstance(attendees, list) else [attendees]
        fields["ATTENDEE"] = sorted(_address(a) for a in items)
    if "RECURRENCE-ID" in event:
        fields["RID"] = _instant(_decoded(event, "RECURRENCE-ID"))
    return fields


def calendar_text(data: bytes) -> str:
    """The calendar as text: BOM and UTF-16 handled, each line UTF-8 else Windows-1252."""
    return "".join(_text(line) for line in to_utf8(data).splitlines(keepends=True))


_DATE_WITH_TZID = re.compile(
    r"^((?:DTSTART|DTEND|RECURRENCE-ID)(?![^:\r\n]*VALUE=)(?:;[^:\r\n]*)?;TZID=[^:\r\n]*)"
    r"(:\d{8}[ \t]*\r?$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A time in a DATE's form with a TZID and no VALUE (Google: ``DTSTART;TZID=X:20041225``):
read as the date it is (icalendar makes it midnight in that zone)."""


def read_events(data: bytes | str) -> list[dict[str, Any]]:
    """Every VEVENT of every calendar in ``data``, as read by icalendar (with Google's
    ``X-WR-TIMEZONE`` applied to floating times by ``x_wr_timezone``, as calendar clients do)."""
    import icalendar
    import x_wr_timezone
    from icalendar.timezone import tzp

    text = calendar_text(data) if isinstance(data, bytes) else data
    text = _DATE_WITH_TZID.sub(r"\1;VALUE=DATE\2", text)
    # icalendar caches each VTIMEZONE by TZID for the whole process, first one wins; a
    # worker reads many files, so an earlier file's "Customized Time Zone" would be used.
    with contextlib.suppress(AttributeError):
        tzp._TZP__tz_cache.clear()  # type: ignore[attr-defined]
    events = []
    for cal in icalendar.Calendar.from_ical(text, multiple=True):
        cal = x_wr_timezone.to_standard(cal)
        events.extend(event_fields(ev) for ev in cal.walk("VEVENT"))
    return events


_MIDNIGHT_UTC = "T00:00:00+00:00"


def compare_events(inp: list[dict[str, Any]], out: list[dict[str, Any]]) -> Comparison:
    """Each input event's key fields against the output event with its UID and
    RECURRENCE-ID (else its UID and start; an event without UID: its start and summary);
    every field present in the input counts once, each attendee once. A master whose
    DTSTART an override replaces is left out (that occurrence is the override's)."""
    result = Comparison()
    unused = list(range(len(out)))
    # A master whose own DTSTART is overridden (an override's RECURRENCE-ID is that
    # start) holds no occurrence of its own: the override is measured in its place.
    # Google writes the RECURRENCE-ID of an all-day occurrence as midnight UTC of its day.
    moved = {(ev.get("UID"), ev["RID"]) for ev in inp if ev.get("RID")}
    moved |= {(uid, "date " + rid[:10]) for uid, rid in moved if rid.endswith(_MIDNIGHT_UTC)}
    inp = [ev for ev in inp if ev.get("RID") or (ev.get("UID"), ev.get("DTSTART")) not in moved]

    def take(ev: dict[str, Any], keys: tuple[str, str]) -> dict[str, Any] | None:
        for pos, i in enumerate(unused):
            if all(out[i].get(k) == ev.get(k) for k in keys):
                del unused[pos]
                return out[i]
        return None

    for ev in inp:
        if "UID" in ev:
            got = take(ev, ("UID", "RID")) or take(ev, ("UID", "DTSTART"))
        else:  # netcore gives such an event a uid of its own: match it by what it holds
            got = take(ev, ("DTSTART", "SUMMARY"))
        for field in _EVENT_FIELDS:
            if field not in ev:
                continue
            result.total += 1
            if got is None:
                result.lost[f"{field} (event missing)"] += 1
            elif got.get(field) == ev[field]:
                result.kept += 1
            else:
                result.lost[f"{field} ({'value' if field in got else 'missing'})"] += 1
        have = collections.Counter(got.get("ATTENDEE", [])) if got is not None else None
        for address in ev.get("ATTENDEE", []):
            result.total += 1
            if have is None:
                result.lost["ATTENDEE (event missing)"] += 1
            elif have[address] > 0:
                have[address] -= 1
                result.kept += 1
            else:
                result.lost["ATTENDEE (missing)"] += 1
    return result


# --------------------------------------------------------------------------- one file


def _semantic_vcard(data: bytes, name: str) -> dict[str, Any]:
    from netcore.formats import vcard

    got, err = _attempt(lambda: read_vcard_text(data))
    if err is not None:
        return {"error": f"reference reader: {err}"}
    cards, version = got
    target = version if version in VCARD_VERSIONS else "3.0"

    def write() -> str:
        contacts = list(vcard.loads(data, source=name))
        versions = card_versions(data)
        if len(set(versions)) > 1 and len(versions) == len(contacts):
            # A file whose cards declare different versions: each card in its own.
            return "".join(
                vcard.dumps([c], version=v if v in VCARD_VERSIONS else target)
                for c, v in zip(contacts, versions, strict=True)
            )
        return vcard.dumps(contacts, version=target)

    text, err = _attempt(write)
    if err is not None:
        return {"version": version, "error": f"netcore: {err}"}
    got, err = _attempt(lambda: read_vcard_text(text.encode("utf-8")))
    if err is not None:
        return {"version": version, "error": f"reference reader on netcore output: {err}"}
    again = got[0]
    return {"version": version, "written_as": target, **_row(compare(cards, again))}


def _semantic_jcard(data: bytes, name: str) -> dict[str, Any]:
    from netcore.formats import jcard

    got, err = _attempt(lambda: read_jcard(data))
    if err is not None:
        return {"error": f"reference reader: {err}"}
    cards = got[0]
    text, err = _attempt(lambda: jcard.dumps(list(jcard.loads(data, source=name))))
    if err is not None:
        return {"version": "jCard", "error": f"netcore: {err}"}
    got, err = _attempt(lambda: read_jcard(text.encode("utf-8")))
    if err is not None:
        return {"version": "jCard", "error": f"reference reader on netcore output: {err}"}
    again = got[0]
    return {"version": "jCard", **_row(compare(cards, again))}


def _semantic_ical(data: bytes, name: str) -> dict[str, Any]:
    from netcore.formats import ical

    events, err = _attempt(lambda: read_events(data))
    if err is not None:
        return {"version": "2.0", "error": f"icalendar cannot read the input: {err}"}
    text, err = _attempt(lambda: ical.dumps(list(ical.loads(data, source=name))))
    if err is not None:
        return {"version": "2.0", "error": f"netcore: {err}"}
    again, err = _attempt(lambda: read_events(text))
    if err is not None:
        return {"version": "2.0", "error": f"icalendar cannot read netcore's output: {err}"}
    row = _row(compare_events(events, again))
    row["events"] = [len(events), len(again)]
    return {"version": "2.0", **row}


def _row(result: Comparison) -> dict[str, Any]:
    return {
        "total": result.total,
        "kept": result.kept,
        "lost": dict(result.lost.most_common()),
        "note": result.note,
    }


def kind_of(rel: str) -> str:
    """``vcard``, ``jcard``, ``ical`` or ``other`` (not measured) for a corpus-relative path."""
    top, _, rest = rel.partition("/")
    suffix = Path(rest).suffix.lower()
    if top == "vcard":
        return "jcard" if suffix == ".json" else "vcard"
    if top == "ical" and suffix in (".ics", ".ical", ".ifb"):
        return "ical"
    return "other"


def worker(path: Path, name: str) -> dict[str, Any]:
    data = path.read_bytes()
    kind = kind_of(name)
    result: dict[str, Any] = {"file": name, "kind": kind, "bytes": len(data)}
    if kind == "vcard":
        result.update(_semantic_vcard(data, name))
        version = re.search(rb"(?im)^[ \t]*VERSION[ \t]*:[ \t]*([0-9.]+)", data)
        result["levels"] = {"version": version.group(1).decode() if version else "?"}
        result["levels"].update(_netcore(data, name))
        result["levels"].update(_vobject(data, _peer_text(data)))
        result["levels"].update(_icalendar(data))
    elif kind == "jcard":
        result.update(_semantic_jcard(data, name))
    elif kind == "ical":
        result.update(_semantic_ical(data, name))
    return result


# --------------------------------------------------------------------------- driver side


def corpus_files(corpus: Path) -> list[Path]:
    """Every file of parts 1 and 2: all of ``vcard/`` and ``ical/``, sorted."""
    return sorted(p for top in ("vcard", "ical") for p in (corpus / top).rglob("*") if p.is_file())


def _run(paths: list[Path], corpus: Path, timeout: float) -> tuple[list[dict[str, Any]], str]:
    args = [x for p in paths for x in (str(p), str(p.relative_to(corpus)))]
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
        )
        out, why = proc.stdout, "" if proc.returncode == 0 else f"exit {proc.returncode}"
        if why:
            why += ": " + " ".join(proc.stderr.strip().splitlines()[-1:])
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        out = raw.decode() if isinstance(raw, bytes) else raw
        why = f"worker timed out after {timeout:.0f} s"
    rows = [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]
    return rows, why


def measure(paths: list[Path], corpus: Path) -> list[dict[str, Any]]:
    """Rows for ``paths``: one batch subprocess; files it did not answer for, one by one."""
    rows, _ = _run(paths, corpus, FILE_TIMEOUT * len(paths))
    done = {r["file"] for r in rows}
    for path in paths:
        name = str(path.relative_to(corpus))
        if name not in done:
            single, why = _run([path], corpus, FILE_TIMEOUT)
            rows.extend(single or [{"file": name, "kind": kind_of(name), "failed": why}])
    return rows


def save_baseline(rows: list[dict[str, Any]], path: Path) -> None:
    """Per file: kind, properties in, kept (one compact JSON line per file)."""
    lines = [
        json.dumps([r["file"], r.get("kind"), r["total"], r["kept"]]) for r in rows if "total" in r
    ]
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def load_baseline(path: Path) -> list[dict[str, Any]]:
    """Rows as :func:`render` reads them, from :func:`save_baseline` or ``--json`` output."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc and isinstance(doc[0], list):
        return [{"file": f, "kind": k, "total": t, "kept": n} for f, k, t, n in doc]
    return list(doc)


def load_exceptions(path: Path = EXCEPTIONS) -> dict[str, str]:
    """Files listed as deliberately broken: corpus-relative path -> reason."""
    if not path.is_file():
        return {}
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return {entry["file"]: entry["reason"] for entry in doc.get("broken", [])}


# --------------------------------------------------------------------------- the page

_KINDS = (("vcard", "vCard text"), ("jcard", "jCard"), ("ical", "iCalendar (event key fields)"))


def _mark(ok: Any) -> str:
    return "yes" if ok else "**no**"


def _pct(kept: int, total: int) -> str:
    return f"{100 * kept / total:.0f} %" if total else "-"


def _pct1(kept: int, total: int) -> str:
    return f"{100 * kept / total:.1f} %" if total else "-"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")


def _measured(r: dict[str, Any]) -> bool:
    return "total" in r


def _lost_text(r: dict[str, Any], limit: int = 12) -> str:
    items = list(r.get("lost", {}).items())
    text = ", ".join(f"{k}" + (f" x{n}" if n > 1 else "") for k, n in items[:limit])
    if len(items) > limit:
        text += f", ... ({len(items) - limit} more)"
    if r.get("note"):
        text = f"{r['note']}; {text}" if text else r["note"]
    return _md(text)


def summarise(rows: list[dict[str, Any]], broken: dict[str, str]) -> dict[str, dict[str, int]]:
    """Per kind (and ``all``): files, measured, broken, properties in and kept, files at 100 %
    (properties and files listed as broken left out)."""
    out: dict[str, dict[str, int]] = {}
    for kind in [k for k, _ in _KINDS] + ["all"]:
        rs = [r for r in rows if kind in ("all", r.get("kind")) and r.get("kind") != "other"]
        good = [r for r in rs if _measured(r) and r["file"] not in broken]
        out[kind] = {
            "files": len(rs),
            "measured": sum(1 for r in rs if _measured(r)),
            "broken": sum(1 for r in rs if r["file"] in broken),
            "total": sum(r["total"] for r in good),
            "kept": sum(r["kept"] for r in good),
            "perfect": sum(1 for r in good if r["kept"] == r["total"]),
            "good": len(good),
            "all_total": sum(r["total"] for r in rs if _measured(r)),
            "all_kept": sum(r["kept"] for r in rs if _measured(r)),
        }
    return out


def render(
    rows: list[dict[str, Any]],
    seconds: float,
    broken: dict[str, str],
    before: list[dict[str, Any]] | None = None,
    *,
    levels: bool = True,
    round_before: list[dict[str, Any]] | None = None,
) -> str:
    summary = summarise(rows, broken)
    prior = summarise(before, broken) if before else None
    round_prior = summarise(round_before, broken) if round_before else None
    prior_rows = {r["file"]: r for r in before or []}
    lines = [
        "# Corpus fidelity",
        "",
        "What survives a round trip through netcore's codecs, measured on every vCard, jCard",
        "and iCalendar file of parts 1 and 2 of the real-world corpus (provenance in the",
        "corpus's `SOURCES.md` and `SOURCES-2.md`).",
        "",
        "Generated by `.venv/bin/python tools/fidelity.py` (it writes this page; every number",
        "is measured by that script, in worker subprocesses, each library call under a",
        "timeout). How each figure is measured is the script's docstring; in short:",
        "",
        "- **vCard text**: each input property (group, name, parameters compared",
        "  case-insensitively as sets, `ENCODING`/`CHARSET` left out, and the *decoded* value:",
        "  quoted-printable, base64, charset and backslash escapes undone) must come back equal",
        "  from `vcard.dumps(vcard.loads(file))` written in the file's own version, in the",
        "  same card (each card in its own version in a file of several). EMAIL, TEL, URL,",
        "  IMPP and UID values are compared without line breaks at either end, and an empty",
        "  parameter (`ADR;HOME;PREF;:`) names nothing. Input and output are read by an",
        "  independent reader in the script, not by netcore.",
        "- **jCard**: the same for `jcard.dumps(jcard.loads(file))` (a value typed as a date",
        "  or time compared in one form).",
        "- **iCalendar**: per VEVENT as icalendar reads it, UID, SUMMARY, DTSTART and DTEND",
        "  (as instants), ORGANIZER, each ATTENDEE address and STATUS must come back equal from",
        "  `ical.dumps(ical.loads(file))`, read by icalendar. A recurring series is read",
        "  without a window (its first occurrence and each override, written back as",
        "  overrides); a master whose first occurrence an override replaces is measured by that",
        "  override. Where icalendar departs from RFC 5545 the reference reads as the RFC says:",
        "  a date with a TZID is a date, a quoted address is the address, a time with spaces",
        "  around it is that time, each file's VTIMEZONEs are its own.",
        "",
        "The goal is 100 % of the properties of every file that is not listed as deliberately",
        "broken (`tools/fidelity_exceptions.toml`, each with its reason; below).",
        "",
        "## Summary",
        "",
        "| format | files | measured | listed as broken | properties in | surviving | % "
        "| files at 100 % |"
        + (" round 2 before: % | round 2 before: files at 100 % |" if round_prior else "")
        + (" before: % | before: files at 100 % |" if prior else ""),
        "|---|---|---|---|---|---|---|---|"
        + ("---|---|" if round_prior else "")
        + ("---|---|" if prior else ""),
    ]
    for kind, title in [*_KINDS, ("all", "**all**")]:
        s = summary[kind]
        cells = (
            f"| {title} | {s['files']} | {s['measured']} | {s['broken']} | {s['total']} "
            f"| {s['kept']} | {_pct1(s['kept'], s['total'])} | {s['perfect']} of {s['good']} |"
        )
        for earlier in (round_prior, prior):
            if earlier:
                p = earlier[kind]
                cells += f" {_pct1(p['kept'], p['total'])} | {p['perfect']} of {p['good']} |"
        lines.append(cells)
    a = summary["all"]
    if round_prior:
        lines += [
            "",
            "*round 2 before*: the same script on main's codecs at the start of the second "
            "issue-13 round (per-file figures in `tools/fidelity_before_round2.json`).",
        ]
    if prior:
        lines += [
            "",
            "*before*: the same script on main's codecs before the issue-13 fixes (per-file "
            "figures in `tools/fidelity_before.json`).",
        ]
    lines += [
        "",
        f"With the files listed as broken counted too: {a['all_kept']} of {a['all_total']} "
        f"properties ({_pct1(a['all_kept'], a['all_total'])}). Measured in {seconds:.0f} s.",
        "",
        "## Files below 100 %",
        "",
        "Files not listed as broken, worst first. *Lost* names each input property that has",
        "no equal in the output, with why: `missing` (no such property), `value` (same name,",
        "group and parameters, another value), `params X` (parameter X differs), `group`",
        "(the group differs), `event missing` (no output event with that UID).",
        "",
        "| file | ver | in | kept | % | lost |",
        "|---|---|---|---|---|---|",
    ]
    below = sorted(
        (r for r in rows if _measured(r) and r["kept"] < r["total"] and r["file"] not in broken),
        key=lambda r: (r["kept"] / r["total"], r["file"]),
    )
    for r in below:
        lines.append(
            f"| `{r['file']}` | {r.get('version', '?')} | {r['total']} | {r['kept']} "
            f"| {_pct1(r['kept'], r['total'])} | {_lost_text(r)} |"
        )
    if not below:
        lines.append("| (none) | | | | | |")
    lines += [
        "",
        "## Files listed as deliberately broken",
        "",
        "| file | % | reason |",
        "|---|---|---|",
    ]
    by_name = {r["file"]: r for r in rows}
    for name, reason in sorted(broken.items()):
        r = by_name.get(name, {})
        pct = _pct1(r["kept"], r["total"]) if _measured(r) else "not measured"
        lines.append(f"| `{name}` | {pct} | {_md(reason)} |")
    unmeasured = [r for r in rows if not _measured(r)]
    lines += ["", "## Not measured", ""]
    if unmeasured:
        for r in unmeasured:
            why = r.get("error") or r.get("failed") or "not a vCard, jCard or iCalendar file"
            lines.append(f"- `{r['file']}`: {_md(str(why))}")
    else:
        lines.append("Every file was measured.")
    lines += [
        "",
        "## Per file",
        "",
        "| file | ver | in | kept | % |" + (" before |" if prior else ""),
        "|---|---|---|---|---|" + ("---|" if prior else ""),
    ]
    for r in rows:
        if not _measured(r):
            continue
        cell = f"| `{r['file']}` | {r.get('version', '?')} | {r['total']} | {r['kept']} | "
        cell += _pct1(r["kept"], r["total"]) + " |"
        if prior:
            p = prior_rows.get(r["file"], {})
            cell += f" {_pct1(p['kept'], p['total']) if _measured(p) else '-'} |"
        lines.append(cell)
    if levels:
        lines += render_levels([r for r in rows if r.get("levels")])
    return "\n".join(lines).rstrip() + "\n"


def render_levels(rows: list[dict[str, Any]]) -> list[str]:
    """The L0-L3 and peer tables for vCard text files."""
    import icalendar

    n = len(rows)
    lv = [r["levels"] for r in rows]

    def count(key: str) -> int:
        return sum(1 for x in lv if x.get(key))

    vo_parsed = [x for x in lv if x.get("vobject")]

    def share(xs: list[dict[str, Any]], kept: str, total: str) -> str:
        return _pct(sum(x.get(kept, 0) for x in xs), sum(x.get(total, 0) for x in xs))

    lines = [
        "",
        "## Levels L0-L3 and peers (vCard text files)",
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
        "defect but a normalisation |",
        "",
        "L0-L2 use netcore's own parser on both sides, so they cannot see a defect of that "
        "parser; the semantic measure above can.",
        "",
        f"Peers: vobject {vobject_version()} (`list(vobject.readComponents(text))` raises "
        "nothing; *content lines kept* is the share of the file's unfolded non-blank lines "
        "that `serialize()` writes back unchanged) and icalendar "
        f"{icalendar.__version__} used as a vCard parser "
        "(`icalendar.Component.from_ical(data, multiple=True)` raises nothing).",
        "",
        "| | files | L0 | L1 | L2 | L3 | content lines (unfolded) written back unchanged |",
        "|---|---|---|---|---|---|---|",
        f"| **netcore** | {n} | {count('L0')} | {count('L1')} | {count('L2')} | {count('L3')} "
        f"| {share(lv, 'nc_ckept', 'nc_clines')} |",
        f"| **vobject** | {n} | parses {len(vo_parsed)} | | | "
        f"| {share(vo_parsed, 'vobject_ckept', 'vobject_clines')} of the files it parses "
        f"({share(lv, 'vobject_ckept', 'vobject_clines')} of all) |",
        f"| **icalendar** | {n} | parses {count('icalendar')} | | | | |",
        "",
        "| file | ver | L0 | L1 | L2 | L3 | netcore content lines kept | vobject parses "
        "| vobject content lines kept | icalendar parses |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        x = r["levels"]
        if "L0" not in x:
            continue
        vo_cell = _pct(x["vobject_ckept"], x["vobject_clines"]) if x.get("vobject") else "-"
        lines.append(
            f"| `{r['file']}` | {x['version']} | {_mark(x['L0'])} | {_mark(x['L1'])} | "
            f"{_mark(x['L2'])} | {'yes' if x['L3'] else 'no'} | "
            f"{_pct(x.get('nc_ckept', 0), x.get('nc_clines', 0))} | {_mark(x['vobject'])} | "
            f"{vo_cell} | {_mark(x['icalendar'])} |"
        )
    notes = [r for r in rows if any(r["levels"].get(k) for k in ("L0_note", "L1_note", "L2_note"))]
    if notes:
        lines += ["", "Why a netcore level says no:", ""]
        for r in notes:
            x = r["levels"]
            why = "; ".join(x[k] for k in ("L0_note", "L1_note", "L2_note") if x.get(k))
            lines.append(f"- `{r['file']}`: {_md(why)}")
    return lines


def vobject_version() -> str:
    from importlib.metadata import version

    return version("vobject")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output file, or - for stdout")
    parser.add_argument("--json", type=Path, help="also write the raw rows as JSON here")
    parser.add_argument(
        "--before",
        type=Path,
        default=BASELINE if BASELINE.is_file() else None,
        help=f"baseline of an earlier run for the 'before' columns (default {BASELINE.name})",
    )
    parser.add_argument("--no-before", action="store_true", help="no 'before' columns")
    parser.add_argument(
        "--save-baseline", type=Path, help="write this run's per-file figures as a baseline"
    )
    parser.add_argument("--only", help="measure only files whose path contains this")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        pairs = args.worker
        for i in range(0, len(pairs) - 1, 2):
            print(json.dumps(worker(Path(pairs[i]), pairs[i + 1]), default=str), flush=True)
        return 0
    files = corpus_files(args.corpus)
    if args.only:
        files = [p for p in files if args.only in str(p.relative_to(args.corpus))]
    if not files:
        print(f"no files under {args.corpus}/vcard or /ical", file=sys.stderr)
        return 1
    start = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for i in range(0, len(files), BATCH):
        rows.extend(measure(files[i : i + BATCH], args.corpus))
        print(f"\r{len(rows)}/{len(files)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    rows.sort(key=lambda r: r["file"])
    before = None if args.no_before or not args.before else load_baseline(args.before)
    round_before = (
        None if args.no_before or not ROUND_BASELINE.exists() else load_baseline(ROUND_BASELINE)
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=str) + "\n", encoding="utf-8")
    if args.save_baseline:
        save_baseline(rows, args.save_baseline)
    page = render(
        rows, time.perf_counter() - start, load_exceptions(), before, round_before=round_before
    )
    if args.out == "-":
        sys.stdout.write(page)
    else:
        Path(args.out).write_text(page, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
