"""Mutation fuzzer for every netcore parser, with a per-input watchdog.

Run: ``python -m tools.fuzz --seconds 600`` (or ``--inputs 100000``).

It mutates seeds (the project's own example data and small built-in samples, plus the
real-world corpus where ``NETCORE_CORPUS`` or ``../shared/corpus`` holds it) and feeds
each mutant to each parser in a worker process. A parser may return a value or raise
``netcore.errors.ParseError``; anything else, an input that takes longer than
``--timeout`` seconds, or a worker that dies (memory is capped with RLIMIT_AS) is a
failure: the input is written to ``tests/fuzz/regressions/<target>/<sha1>.bin`` with a
``.txt`` note beside it, and ``tests/fuzz/test_regressions.py`` replays every such file
in CI. At the end it prints inputs run, failures by kind, and the slowest input.

Half of the inputs are *structured* (``--structured``, a share from 0 to 1): built from
the grammar of each format rather than mutated, with the hostile shapes of issue 14:
valid content lines with many or repeated parameters, deep groups and nested cards,
many LABEL/ADR pairs, many recurring series and attendees, wide and long CSV cells and
hostile cells (formulas, NUL, stray quotes), many recipients and folded headers in
mail, deep or wide JSON with huge numbers and lone-surrogate escapes. Sizes are drawn
so that most inputs are small and each larger size is three times rarer: cheap inputs,
so that a run reaches many of them. Input number ``i`` depends only on ``--seed`` and
``i``, so a run is repeatable whatever the order the workers finish in.

``--jobs`` worker processes (default: one per core) are reused across inputs. Each
input is cut at ``--max-bytes`` (64 KiB) and timed without tracing, in CPU seconds of its
worker (wall time is reported too, but on a machine shared with other work it measures
the load, not the parser); inputs of at least ``--memory-min`` bytes (16 KiB) are
then run again under ``tracemalloc`` for their peak memory, and for their *working*
memory: the peak less what the returned value still holds (a contact model is several
times the size of its 40-byte CSV row; what parsing needed beyond it is the parser's
cost). Inputs over ``--slow`` (1 s of CPU) or whose working memory is over
``--max-ratio`` (50) times their size are counted, and written to ``--keep-dir`` when
given. The watchdog (``--timeout``, 5 s) counts the worker's CPU seconds too (from
``/proc``), with a wall-time backstop. ``--log FILE`` writes one tab-separated line per
input (size, outcome, wall and CPU seconds, peak and working bytes); ``--from-log FILE``
prints the figures of a run from its log; ``--replay DIR`` measures every input a run
kept in ``--keep-dir`` again, with the code as it is now. Ctrl-C ends a run after the
inputs under way, with its report. Example:
``python -m tools.fuzz --inputs 100000 --keep-dir /tmp/kept``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import multiprocessing as mp
import os
import random
import resource
import signal
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as mp_wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "fuzz" / "regressions"

TOKENS = [
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"BEGIN:VCALENDAR\r\n",
    b"END:VCALENDAR\r\n",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"BEGIN:VTIMEZONE\r\n",
    b"BEGIN:DAYLIGHT\r\n",
    b"VERSION:2.1\r\n",
    b"VERSION:3.0\r\n",
    b"VERSION:4.0\r\n",
    b";ENCODING=QUOTED-PRINTABLE",
    b";ENCODING=BASE64",
    b";ENCODING=b",
    b";CHARSET=SHIFT_JIS",
    b";CHARSET=bogus",
    b"=\r\n",
    b"\r\n ",
    b"\r\n\t",
    b"\r",
    b"\n",
    b"\r\r\n",
    b"\\",
    b"\\n",
    b"^^",
    b"^'",
    b'"',
    b";",
    b":",
    b",",
    b"=",
    b"item1.",
    b"TEL;CELL;PREF:",
    b"BDAY:--0229",
    b"BDAY:0000-02-30",
    b"RRULE:FREQ=SECONDLY\r\n",
    b"RRULE:FREQ=MINUTELY;COUNT=2147483647\r\n",
    b"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
    b"RRULE:FREQ=DAILY;INTERVAL=0\r\n",
    b"RRULE:FREQ=WEEKLY;BYDAY=0TH\r\n",
    b"RRULE:FREQ=DAILY;UNTIL=203004\r\n",
    b"DTSTART;TZID=../../etc/passwd:20260101T100000\r\n",
    b"DTSTART:20260229T250000Z\r\n",
    b"REPEAT:2000000000\r\n",
    b"DURATION:P99999999999W\r\n",
    b"GEO:1e999;-1e999\r\n",
    b'ATTENDEE;PARTSTAT=ACCEPTED;CN="A, B":mailto:a@b.c\r\n',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3",
    b"\x00",
    b"\xed\xa0\x80",
    b'["vcard",[["fn",{},"text","x"]]]',
    b"[",
    b"]",
    b"{",
    b'"format":"netcore/network"',
    b"=cmd|' /C calc'!A0",
    b"First Name,Last Name,URL\r\n",
]

BUILTIN_SEEDS: dict[str, list[bytes]] = {
    "vcard": [
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        b"item1.EMAIL;type=INTERNET;type=pref:ada@example.org\r\nitem1.X-ABLabel:work\r\n"
        b"TEL;TYPE=CELL:+44 20 7946 0958\r\nNOTE:line one\\nline two with a long folded\r\n"
        b"  continuation\r\nBDAY:--1210\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=84rger;=\r\n"
        b"Hans\r\nTEL;CELL;PREF:0171 1234567\r\nPHOTO;ENCODING=BASE64;JPEG:\r\n"
        b" /9j/4AAQSkZJRgABAQEASABIAAD=\r\n\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace\r\nTEL;VALUE=uri;PREF=1:tel:+1-555-0100\r\n"
        b'ADR;LABEL="1 Main St^nSpringfield":;;1 Main St;Springfield;;;USA\r\nEND:VCARD\r\n',
    ],
    "ical": [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
        b"DTSTART;TZID=Europe/Paris:20261112T090000\r\nDTEND;TZID=Europe/Paris:20261112T180000\r\n"
        b"SUMMARY:PyConf\r\nORGANIZER;CN=Ada:mailto:ada@example.org\r\n"
        b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Grace:mailto:grace@example.org\r\n"
        b"RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Europe/Paris:20261119T090000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
    "jcard": [
        b'["vcard",[["version",{},"text","4.0"],["fn",{},"text","Ada"],'
        b'["n",{},"text",["Lovelace","Ada","","",""]],["bday",{},"date-and-or-time","--12-10"],'
        b'["email",{"type":"work"},"text","ada@example.org"]]]',
    ],
    "csv": [
        b'Notes:\r\n"When exporting..."\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,'
        b"Position,Connected On\r\nAda,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,"
        b"Engines,Programmer,15 Mar 2021\r\n",
        b"First Name,Last Name,E-mail Address,Mobile Phone,Company\r\nAda,Lovelace,"
        b"ada@example.org,+44 20 7946 0958,Engines\r\n",
    ],
    "json": [
        b'{"format":"netcore/network","version":1,"contacts":[{"uid":"a","formatted_name":"A",'
        b'"emails":[{"address":"a@b.c"}]}],"interactions":[{"at":"2026-01-01T00:00:00Z",'
        b'"contact_uids":["a"],"kind":"call"}]}',
    ],
}


# ---- structured (grammar-aware) inputs ----------------------------------------------

_PARAMS = [
    b"TYPE=work",
    b"TYPE=home,work,cell,voice",
    b"PREF=1",
    b'LABEL="1 Main St^nSpringfield"',
    b"CHARSET=UTF-8",
    b"ENCODING=QUOTED-PRINTABLE",
    b"X-P=\xe9",
    b'CN="A, B; C"',
    b"VALUE=uri",
    b"work",
    b"cell",
]


def _size(rng: random.Random, sizes: tuple[int, ...]) -> int:
    """One of ``sizes``, the larger ones rarer: most inputs stay cheap, some are large."""
    weights = [2.0**-i for i in range(len(sizes))]
    return rng.choices(sizes, weights)[0]


def _param_list(rng: random.Random, n: int) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:  # many distinct bare types
        return b"".join(b";t%d" % i for i in range(n))
    if kind == 1:  # one parameter repeated
        p = rng.choice(_PARAMS)
        return b";" + b";".join([p] * n)
    return b"".join(b";" + rng.choice(_PARAMS) for _ in range(n))


def _gen_vcard(rng: random.Random) -> bytes:
    n = _size(rng, (1, 10, 100, 1000, 5000))
    shape = rng.randrange(7)
    lines = [b"BEGIN:VCARD", rng.choice([b"VERSION:2.1", b"VERSION:3.0", b"VERSION:4.0"])]
    lines.append(b"FN:Fuzz")
    if shape == 0:  # one line, many parameters
        lines.append(b"TEL" + _param_list(rng, n) + b":+1 555 0100")
    elif shape == 1:  # many properties
        props = [b"EMAIL", b"TEL", b"NOTE", b"X-CUSTOM", b"CATEGORIES", b"URL"]
        lines += [rng.choice(props) + _param_list(rng, 2) + b":v%d" % i for i in range(n)]
    elif shape == 2:  # deep groups
        group = b".".join(b"g%d" % i for i in range(min(n, 500)))
        lines += [group + b".EMAIL:a%d@x.org" % i for i in range(min(n, 200))]
    elif shape == 3:  # many LABEL / ADR pairs
        for i in range(n):
            lines.append(b"item%d.ADR;TYPE=work:;;%d Main;Town;;;" % (i, i))
            lines.append(b"LABEL;TYPE=work:%d Main\nTown" % i)
    elif shape == 4:  # nested cards (AGENT)
        depth = min(n, 50)
        lines += [b"BEGIN:VCARD"] * depth + [b"FN:in"] + [b"END:VCARD"] * depth
    elif shape == 5:  # long folded lines
        lines.append(b"NOTE:" + b"\r\n ".join([b"x" * 70] * n))
    else:  # many minimal properties (extensions of one letter)
        lines += [rng.choice([b"X:a", b"Y:", b"X-A;B:c"]) for _ in range(n)]
    lines.append(b"END:VCARD")
    return b"\r\n".join(lines) * rng.choice([1, 1, 3]) + b"\r\n"


def _gen_ical(rng: random.Random) -> bytes:
    shape = rng.randrange(11)
    if shape >= 4:
        return _gen_ical_heavy(rng, shape)
    n = _size(rng, (1, 10, 100, 1000))
    out = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//fuzz//EN"]
    freq = rng.choice([b"SECONDLY", b"MINUTELY", b"HOURLY", b"DAILY", b"WEEKLY"])
    for i in range(n if shape in (0, 1) else 1):
        out += [b"BEGIN:VEVENT", b"UID:e%d" % i, b"DTSTART:20200101T0%d0000Z" % (i % 10)]
        if shape == 0:  # many series
            out.append(b"RRULE:FREQ=" + freq + rng.choice([b"", b";COUNT=100000", b";INTERVAL=1"]))
        if shape in (1, 2):  # many attendees
            for j in range(n if shape == 2 else 5):
                out.append(b"ATTENDEE" + _param_list(rng, 2) + b":mailto:p%d@x.org" % j)
            out.append(b"RRULE:FREQ=HOURLY")
        if shape == 3:  # many lines in one event, deep alarms
            out += [b"X-L%d:v" % j for j in range(n)]
            d = min(n, 200)
            out += [b"BEGIN:VALARM"] * d + [b"TRIGGER:-PT5M"] + [b"END:VALARM"] * d
        out.append(b"END:VEVENT")
    out.append(b"END:VCALENDAR")
    return b"\r\n".join(out) + b"\r\n"


_ICAL_ZONES = [b"", b";TZID=Europe/Paris", b";TZID=America/New_York"]


def _gen_ical_heavy(rng: random.Random, shape: int) -> bytes:
    """Shapes that are cheap to write and that icalendar (or expansion) makes heavy.

    4: thousands of properties netcore does not read (``X:a``, no ``X-``); 5: one
    ``CATEGORIES`` line of thousands of one-letter items; 6: thousands of lines without
    a colon; 7: a series with thousands of EXDATE lines; 8: a few weekday series with
    EXDATEs and long text, at the sizes where a whole 50-year expansion is held at once;
    9: hostile heads (a run of backslashes in a name or a parameter name, an unclosed
    quote before a run of ``;``, many ``CATEGORIES:a`` lines); 10: many small components
    (events with a bad DTSTART, short series, VTIMEZONEs, one VTIMEZONE of many parts
    with a line icalendar cannot split).
    """
    n = _size(rng, (10, 100, 1000, 12_000))
    head = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//fuzz//EN"]
    event = [b"BEGIN:VEVENT", b"UID:h", b"DTSTART:20200106T100000Z", b"SUMMARY:s"]
    if shape == 4:  # many unread properties without parameters
        names = [b"X:a", b"Y:", b"FOO:bar", b"COMMENT:c", b"CLASS:PUBLIC", b"X-A:a"]
        event += [rng.choice(names) for _ in range(n)]
    elif shape == 5:  # one CATEGORIES line of many one-letter items
        item = rng.choice([b"a", b"a\\,b", b"", b"\xc3\xa9"])
        value = b",".join([item] * (n * rng.choice([1, 2, 3])))
        if rng.random() < 0.3:  # folded
            value = b"\r\n ".join(value[i : i + 70] for i in range(0, len(value), 70))
        param = rng.choice([b"", b"", b";LANGUAGE=en"])
        event += [b"CATEGORIES" + param + b":" + value] * rng.choice([1, 1, 2])
    elif shape == 6:  # many lines without a colon
        bad = [b"a", b"abc", b"a b", b'"q', b"\\", b"A;B", b"-"]
        event += [rng.choice(bad) for _ in range(n)]
    elif shape == 7:  # a series with many EXDATE lines
        zone = rng.choice(_ICAL_ZONES)
        event[2] = b"DTSTART" + zone + b":20200106T100000" + (b"" if zone else b"Z")
        event.append(rng.choice([b"RRULE:FREQ=DAILY", b"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"]))
        days = [(2020 + i // 336, 1 + i // 28 % 12, 1 + i % 28) for i in range(min(n, 1_700))]
        stamps = [b"%04d%02d%02dT100000" % d + (b"" if zone else b"Z") for d in days]
        if rng.random() < 0.5:
            event += [b"EXDATE" + zone + b":" + t for t in stamps]
        else:  # comma lists
            event += [
                b"EXDATE" + zone + b":" + b",".join(stamps[i : i + 10])
                for i in range(0, len(stamps), 10)
            ]
    elif shape == 9:  # hostile heads
        run = rng.randint(1_000, 20_000)
        event += rng.choice(
            [
                [b"DTSTART;TZI" + b"\\" * run + b"D=Europe/London:20241226T193000"],
                [b"URL;VALUE" + b"\\" * run + b"=URI:url://here/there"],
                [b"X;VALUE=TEXT;MEM" + b"\\" * run + b"BER=a:b"],
                [b"DESCR" + b"\\" * run + b"IPTION:a"],
                [b'ORGANIZER;CN="Gary Po' + b";" * run + rng.choice([b":mailto:g@x.org", b""])],
                [b"CATEGORIES:a"] * (run // 4),
            ]
        )
    elif shape == 10:  # many small components
        return _gen_ical_small_components(rng, head, n)
    else:  # a few weekday series with EXDATEs, padded to the sizes that are measured
        out = head
        zone = rng.choice(_ICAL_ZONES)
        z = b"" if zone else b"Z"
        count = rng.choice([1, 2, 5])
        pad = rng.choice([16_000, 19_000, 21_000]) // count
        for i in range(count):
            out += [
                b"BEGIN:VEVENT",
                b"UID:w%d" % i,
                b"DTSTART" + zone + b":2026111%dT090000" % (i % 10) + z,
                b"DTEND" + zone + b":2026111%dT100000" % (i % 10) + z,
                b"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                b"EXDATE" + zone + b":20261119T090000" + z,
                b"DESCRIPTION:" + b"x" * pad,
                b"END:VEVENT",
            ]
            if rng.random() < 0.3:  # an override: the general path of expansion
                out += [
                    b"BEGIN:VEVENT",
                    b"UID:w%d" % i,
                    b"RECURRENCE-ID" + zone + b":20261124T090000" + z,
                    b"DTSTART" + zone + b":20261124T110000" + z,
                    b"END:VEVENT",
                ]
        return b"\r\n".join([*out, b"END:VCALENDAR"]) + b"\r\n"
    return b"\r\n".join([*head, *event, b"END:VEVENT", b"END:VCALENDAR"]) + b"\r\n"


def _gen_ical_small_components(rng: random.Random, head: list[bytes], n: int) -> bytes:
    """Shape 10 of :func:`_gen_ical_heavy`: ``n`` small components of one kind."""
    kind = rng.randrange(4)
    out = list(head)
    if kind == 3:  # one VTIMEZONE of many parts, one line of it unreadable
        out += [b"BEGIN:VTIMEZONE", b"TZID:Custom/Zone"]
        parts = min(n, 2_000)
        for k in range(parts):
            part = b"STANDARD" if k % 2 == 0 else b"DAYLIGHT"
            out += [b"BEGIN:" + part, b"DTSTART:%04d1025T030000" % (1900 + k % 8000)]
            out += [b"TZOFFSETFROM:+0200", b"TZOFFSETTO:+0100"]
            if k == parts // 2:
                out.append(b"R\x15ULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
            out.append(b"END:" + part)
        out += [b"END:VTIMEZONE", b"BEGIN:VEVENT", b"UID:z"]
        out += [b"DTSTART;TZID=Custom/Zone:20240101T100000", b"END:VEVENT"]
        return b"\r\n".join([*out, b"END:VCALENDAR"]) + b"\r\n"
    for i in range(min(n, 3_000)):
        if kind == 0:  # events whose DTSTART cannot be read
            out += [b"BEGIN:VEVENT", b"UID:u%d" % i, b"DTSTART:2024XX01", b"END:VEVENT"]
        elif kind == 1:  # short series
            out += [b"BEGIN:VEVENT", b"UID:u%d" % i, b"DTSTART:20240101T100000Z"]
            out += [b"RRULE:FREQ=DAILY;COUNT=3", b"END:VEVENT"]
        else:  # VTIMEZONEs of their own, one used
            out += [b"BEGIN:VTIMEZONE", b"TZID:Z%d" % i, b"BEGIN:STANDARD"]
            out += [b"DTSTART:19701025T030000", b"TZOFFSETFROM:+0200", b"TZOFFSETTO:+0100"]
            out += [b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", b"END:STANDARD"]
            out.append(b"END:VTIMEZONE")
    if kind == 2:
        out += [b"BEGIN:VEVENT", b"UID:u", b"DTSTART;TZID=Z0:20240101T100000", b"END:VEVENT"]
    return b"\r\n".join([*out, b"END:VCALENDAR"]) + b"\r\n"


def _gen_csv(rng: random.Random) -> bytes:
    n = _size(rng, (1, 10, 100, 1000, 10_000))
    shape = rng.randrange(6)
    header = b"First Name,Last Name,E-mail Address,Mobile Phone,Company,Notes"
    if shape == 5:  # no header: rows of many one-letter cells, any separator
        sep = rng.choice([b",", b";", b"\t"])
        return b"\r\n".join(sep.join([rng.choice(b"ab@ ").to_bytes()] * n) for _ in range(3))
    if shape == 0:  # many rows
        rows = [b"A%d,B,a%d@x.org,+44 20 7946 0958,Co,n" % (i, i) for i in range(n)]
    elif shape == 1:  # wide rows
        header = b",".join(b"C%d" % i for i in range(n))
        rows = [b",".join(b"v" for _ in range(n))]
    elif shape == 2:  # long cells and quotes
        rows = [b'"' + b'x""' * n + b'",B,"a@x.org' + b"\n" * n + b'",,,']
    elif shape == 3:  # interactions shape
        header = b"date,contact,kind,notes"
        rows = [b"2026-11-%02d,P%d,call,%s" % (i % 28 + 1, i, b"n" * (i % 50)) for i in range(n)]
    else:  # hostile cells: formulas, NUL, stray quotes, control bytes, many empty cells
        cells = [b"=cmd|' /C calc'!A0", b"\x00", b'a"b', b'"', b"\r", b"+1", b"@SUM(1)", b""]
        rows = [b",".join(rng.choice(cells) for _ in range(6)) for _ in range(n)]
    return b"\r\n".join([header, *rows]) + b"\r\n"


def _gen_mail(rng: random.Random) -> bytes:
    n = _size(rng, (1, 10, 100, 1000, 5000))
    shape = rng.randrange(3)
    msgs = []
    for i in range(n if shape == 0 else 1):
        to = b", ".join(b"P%d <p%d@x.org>" % (j, j) for j in range(n if shape == 1 else 2))
        subject = b"Subject: " + b"\n ".join([b"word"] * (n if shape == 2 else 1))
        msgs.append(
            b"From a@x.org Mon Nov  2 10:00:00 2026\nFrom: A <a@x.org>\nTo: " + to + b"\n"
            b"Date: Mon, 2 Nov 2026 10:00:%02d +0000\nMessage-ID: <%d@x>\n"
            % (i % 60, i)
            + subject
            + b"\n\nbody\n"
        )
    return b"\n".join(msgs)


def _gen_json(rng: random.Random) -> bytes:
    n = _size(rng, (1, 10, 100, 1000, 10_000))
    shape = rng.randrange(4)
    head = b'{"format":"netcore/network","version":1,"contacts":'
    if shape == 0:  # deep nesting
        return head + b"[" * n + b"]" * n + b"}"
    if shape == 1:  # huge numbers
        return head + b'[{"uid":"a","formatted_name":' + b"9" * n + b"}]}"
    if shape == 2:  # lone surrogates and control escapes
        return head + b'[{"uid":"a\\ud800","formatted_name":"\\udc80\\u0000"}]}'
    items = b",".join(b'{"uid":"u%d","formatted_name":"P %d"}' % (i, i) for i in range(n))
    return head + b"[" + items + b"]}"


def _gen_jcard(rng: random.Random) -> bytes:
    n = _size(rng, (1, 10, 100, 300))
    params = b"{" + b",".join(b'"p%d":"v"' % i for i in range(n)) + b"}"
    types = b'{"type":[' + b",".join(b'"t%d"' % i for i in range(n)) + b"]}"
    props = [b'["tel",%s,"text","+1"]' % rng.choice([params, types]) for _ in range(n)]
    return b'["vcard",[["version",{},"text","4.0"],' + b",".join(props) + b"]]"


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "vcard": _gen_vcard,
    "ical": _gen_ical,
    "csv": _gen_csv,
    "mail": _gen_mail,
    "json": _gen_json,
    "jcard": _gen_jcard,
}


def _read_mail(data: bytes) -> object:
    import io

    from netcore.formats.mail import iter_headers

    return list(iter_headers(io.BytesIO(data)))


def _read_interactions(data: bytes) -> object:
    from netcore.formats.activity import read_interactions
    from netcore.model import Network

    return read_interactions(data, Network())


def _targets() -> dict[str, Callable[[bytes], object]]:
    """The parser entry points, imported lazily so that a missing codec is only skipped."""
    found: dict[str, Callable[[bytes], object]] = {}
    import importlib

    for name, module, attr in [
        ("contentline", "netcore.formats.contentline", "parse"),
        ("vcard", "netcore.formats.vcard", "loads"),
        ("jcard", "netcore.formats.jcard", "loads"),
        ("ical", "netcore.formats.ical", "loads"),
        ("csv", "netcore.formats.csv", "loads"),
        ("json", "netcore.formats.json", "loads"),
    ]:
        try:
            found[name] = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            continue
    found["mail"] = _read_mail
    found["interactions"] = _read_interactions
    if "ical" in found:
        # Recurrence is only expanded inside a window: fuzz that path too (a rule such as
        # INTERVAL=0 hangs only there).
        from datetime import UTC, datetime

        ical_loads = found["ical"]
        start, end = datetime(1990, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC)
        found["ical-window"] = lambda data: ical_loads(data, expand_from=start, expand_to=end)
    return found


SEED_KIND = {
    "contentline": "vcard",
    "vcard": "vcard",
    "jcard": "jcard",
    "ical": "ical",
    "ical-window": "ical",
    "csv": "csv",
    "json": "json",
    "mail": "mail",
    "interactions": "csv",
}


def _corpus() -> Path | None:
    env = os.environ.get("NETCORE_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if (path / "SOURCES.md").is_file() else None


def load_seeds(max_bytes: int = 16 * 1024) -> dict[str, list[bytes]]:
    """Seeds per kind: built-in samples, examples/data, and the corpus where present."""
    seeds = {k: list(v) for k, v in BUILTIN_SEEDS.items()}
    seeds.setdefault("mail", [])
    mbox = ROOT / "examples" / "data" / "inbox.mbox"
    if mbox.is_file():
        seeds["mail"].append(mbox.read_bytes()[:max_bytes])
    suffix_kind = {".vcf": "vcard", ".ics": "ical", ".csv": "csv", ".json": "jcard"}
    roots = [ROOT / "examples" / "data"]
    corpus = _corpus()
    if corpus is not None:
        roots.append(corpus)
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            kind = suffix_kind.get(path.suffix.lower())
            if kind is None or not path.is_file() or path.stat().st_size > max_bytes:
                continue
            data = path.read_bytes()
            if kind == "jcard" and b'"netcore/network"' in data:
                kind = "json"
            if kind == "jcard" and b"vcalendar" in data[:200].lower():
                kind = "ical"
            seeds[kind].append(data)
    return seeds


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """Apply one to four random mutations to ``data``."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a byte
            i = rng.randrange(len(buf))
            buf[i] = rng.randrange(256)
        elif op == 1:  # insert a token
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and buf:  # delete a range
            end = min(len(buf), pos + rng.randint(1, 64))
            del buf[pos:end]
        elif op == 3 and buf:  # duplicate a range
            start = rng.randrange(len(buf))
            chunk = bytes(buf[start : start + rng.randint(1, 256)])
            buf[pos:pos] = chunk * rng.randint(1, 8)
        elif op == 4 and pool:  # splice in part of another seed
            other = rng.choice(pool)
            if other:
                s = rng.randrange(len(other))
                buf[pos:pos] = other[s : s + rng.randint(1, 512)]
        elif op == 5:  # insert random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 6:  # change line endings
            buf = bytearray(bytes(buf).replace(b"\r\n", rng.choice([b"\n", b"\r", b"\r\r\n"])))
        elif op == 7 and buf:  # truncate
            del buf[pos:]
        elif op == 8:  # a long run
            buf[pos:pos] = bytes([rng.choice(b"A =;:\\\t")]) * rng.randint(100, 20_000)
    return bytes(buf)


def measure_memory(target: Callable[[bytes], object], data: bytes) -> tuple[int, int]:
    """``(peak, working)`` bytes of one run of ``target(data)`` under ``tracemalloc``.

    The working memory is the peak less what the returned value still holds: what
    parsing needed beyond its result. An exception ends the run like a return (the
    untraced run has classified the input already). The fuzzer's one measure of memory;
    the tests of heavy shapes use it too.
    """
    tracemalloc.start()
    value: object = None
    try:
        with contextlib.suppress(BaseException):
            value = target(data)
        # What the value holds, without garbage left in cycles: counted as kept, it would
        # hide working memory (a failed parse's cycles once made 50x look like 5x).
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        del value
        tracemalloc.stop()
    return peak, max(0, peak - kept)


def _worker(conn: Connection, mem_limit: int, slow: float) -> None:
    """Run inputs until told to stop: time untraced, then peak memory in a traced re-run."""
    if mem_limit:
        resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
    # Ctrl-C stops the run in the parent, which lets the inputs under way finish: in a
    # worker it would be a KeyboardInterrupt inside a parser, counted as a crash of it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from netcore.errors import ParseError

    targets = _targets()
    while True:
        msg = conn.recv()
        if msg is None:
            return
        name, data, measure = msg
        started = time.perf_counter()
        cpu_started = time.process_time()
        try:
            targets[name](data)
            outcome, detail = "ok", ""
        except ParseError:
            outcome, detail = "parse_error", ""
        except BaseException as exc:
            outcome = "exception"
            detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"[:4000]
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = work = 0
        if measure and outcome != "exception" and cpu <= slow:
            # A separate run: tracing makes parsing several times slower, so the time above
            # is measured without it.
            peak, work = measure_memory(targets[name], data)
        conn.send((outcome, detail, elapsed, cpu, peak, work))


Result = tuple[str, str, float, float, int, int]
"""outcome, detail, wall seconds, CPU seconds, peak bytes, working bytes (the peak less
the value returned)."""
TRACED_SLOWDOWN = 8
"""How much longer the watchdog waits for an input whose memory is also measured."""
WALL_SLACK = 20
"""A worker that has not used its CPU budget is still a hang after this many times it in
wall time (a machine shared with other work gives a niced worker a fraction of a core)."""


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user and system) that process ``pid`` has used; ``None`` without /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        fields = stat.rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Runner:
    """One worker process, reused across inputs; restarted after a hang or a crash."""

    def __init__(self, timeout: float, mem_limit: int, slow: float = 1.0) -> None:
        self.timeout = timeout
        self.slow = slow
        self.mem_limit = mem_limit
        self.ctx = mp.get_context("fork")
        self.job: tuple[int, str, bytes] | None = None
        self.measured = False
        self.sent = 0.0
        self.cpu_sent: float | None = None
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(
            target=_worker, args=(child, self.mem_limit, self.slow), daemon=True
        )
        self.proc.start()
        child.close()

    def submit(self, job: tuple[int, str, bytes], measure: bool) -> None:
        """Send one input; :meth:`collect` (or :meth:`expire`) takes its answer."""
        self.job = job
        self.measured = measure
        self.sent = time.perf_counter()
        self.cpu_sent = _cpu_of(self.proc.pid or 0)
        self.conn.send((job[1], job[2], measure))

    def collect(self) -> Result:
        """The answer of a worker whose connection is ready (a dead worker is a crash)."""
        try:
            result: Result = self.conn.recv()
            return result
        except EOFError:
            self._restart()
            wall = time.perf_counter() - self.sent
            return "crash", "worker died", wall, 0.0, 0, 0

    def expire(self) -> Result | None:
        """A hang when the input has used more CPU than the watchdog allows (it is replaced).

        The watchdog counts the worker's CPU seconds (from ``/proc``), so that a loaded
        machine does not turn a slow share of a core into a hang; an input still running
        after ``WALL_SLACK`` times the limit in wall time is a hang all the same (a worker
        that sleeps or waits uses no CPU). Without ``/proc`` the limit is in wall time.
        """
        # The traced re-run (only of inputs that took at most ``slow`` seconds) may take
        # several times longer than the untraced one.
        limit = self.timeout + (self.slow * TRACED_SLOWDOWN if self.measured else 0)
        wall = time.perf_counter() - self.sent
        if wall <= limit:
            return None
        now = _cpu_of(self.proc.pid or 0)
        used = None if now is None or self.cpu_sent is None else now - self.cpu_sent
        if used is not None and used <= limit and wall <= limit * WALL_SLACK:
            return None
        self._restart()
        spent = "" if used is None else f" ({used:.1f} s of CPU)"
        return "hang", f"no answer within {self.timeout} s{spent}", wall, used or 0.0, 0, 0

    def run(self, name: str, data: bytes, measure: bool = False) -> Result:
        """One input, waiting for its answer (the serial form used by the tests)."""
        self.submit((0, name, data), measure)
        while not self.conn.poll(0.05):
            result = self.expire()
            if result is not None:
                return result
        return self.collect()

    def _restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()
        self._start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def save_regression(
    name: str, data: bytes, outcome: str, detail: str, root: Path = REGRESSIONS
) -> Path:
    """Write a failing input where ``tests/fuzz/test_regressions.py`` replays it."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:16]
    path = folder / f"{digest}.bin"
    path.write_bytes(data)
    (folder / f"{digest}.txt").write_text(f"{outcome}\n{detail}\n", encoding="utf-8")
    return path


MAX_BYTES = 64 * 1024
"""Default cap on an input's size (``--max-bytes``): what keeps 100,000 inputs to about half
an hour of one core (about 19 ms an input, two thirds of it the traced re-run that measures
memory; 21 ms at 128 KiB, and the uncapped mix reaches 1.4 MB). Super-linear cost in the
size itself is the complexity tests' job (x8 input, at most x12 time); the fuzzer looks
for shapes that are slow or heavy at the sizes of a person's export."""


def make_input(
    seed: int,
    index: int,
    name: str,
    seeds: dict[str, list[bytes]],
    pool: list[bytes],
    share: float,
    max_bytes: int = MAX_BYTES,
) -> bytes:
    """Input number ``index`` for ``name``: the same bytes for the same seed, in any order.

    An input longer than ``max_bytes`` is cut there (0: no cap); a cut input is hostile
    too (a component never ended, a line broken mid-way).
    """
    rng = random.Random(f"{seed}:{index}")
    kind = SEED_KIND[name]
    if rng.random() < share and kind in GENERATORS:
        data = GENERATORS[kind](rng)
        if rng.random() < 0.3:
            data = mutate(rng, data, pool)
    else:
        data = mutate(rng, rng.choice(seeds.get(kind) or pool), pool)
    return data[:max_bytes] if max_bytes > 0 else data


class Tally:
    """What a run found: outcomes, failures, the slowest input and the largest memory ratios."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.counts: dict[str, int] = {}
        self.failures: list[tuple[str, str, Path | None]] = []
        self.slowest = (0.0, "", 0)  # CPU seconds, target, size
        self.slowest_wall = (0.0, "", 0)
        # ratio, target, size, bytes: of the peak, and of the working memory (the peak less
        # what the returned value still holds, i.e. what parsing needed beyond its result)
        self.worst_peak = (0.0, "", 0, 0)
        self.worst_work = (0.0, "", 0, 0)
        self.slow_inputs = 0
        self.heavy_inputs = 0
        self.measured = 0
        self.per_target: dict[str, list[float]] = {}  # name -> [inputs, CPU seconds]
        self.largest = 0

    def add(self, name: str, data: bytes, result: Result) -> None:
        """Count one answer; keep the input when it failed, was slow or heavy."""
        outcome, detail, elapsed, cpu, peak, work = result
        args = self.args
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        spent = self.per_target.setdefault(name, [0, 0.0])
        spent[0] += 1
        spent[1] += cpu
        self.largest = max(self.largest, len(data))
        if cpu > self.slowest[0]:
            self.slowest = (cpu, name, len(data))
        if elapsed > self.slowest_wall[0]:
            self.slowest_wall = (elapsed, name, len(data))
        size = max(1, len(data))
        if peak:
            self.measured += 1
            if peak / size > self.worst_peak[0]:
                self.worst_peak = (peak / size, name, len(data), peak)
            if work / size > self.worst_work[0]:
                self.worst_work = (work / size, name, len(data), work)
        slow = cpu > args.slow
        heavy = peak > 0 and work / size > args.max_ratio
        self.slow_inputs += slow
        self.heavy_inputs += heavy
        if (slow or heavy) and args.keep_dir is not None:
            what = (
                f"{cpu:.3f} s of CPU ({elapsed:.3f} s wall), peak {peak} bytes, working {work} "
                f"bytes, size {len(data)}"
            )
            save_regression(name, data, "slow" if slow else "heavy", what, args.keep_dir)
        if outcome in {"exception", "hang", "crash"}:
            path = None
            if not args.no_save:
                path = save_regression(name, data, outcome, detail, args.save_dir)
            first = (detail.splitlines() or [""])[0]
            self.failures.append((name, f"{outcome}: {first}", path))

    def report(self, targets: list[str], seeds: int, n: int, seconds: float) -> None:
        """Print the figures of the run."""
        args = self.args
        counts = self.counts
        print(f"targets: {', '.join(targets)}")
        took = (
            f" in {seconds:.0f} s with {args.jobs} workers ({n / seconds:.1f} inputs/s)"
            if seconds > 0
            else ""
        )
        print(
            (f"seeds: {seeds}; " if seeds >= 0 else "")
            + f"inputs run: {n}{took}; largest input {self.largest} bytes "
            f"(--max-bytes {args.max_bytes})"
        )
        print("outcomes: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
        print(
            f"untyped exceptions: {counts.get('exception', 0)}; hangs: {counts.get('hang', 0)}; "
            f"crashes: {counts.get('crash', 0)}"
        )
        cpu_total = sum(v[1] for v in self.per_target.values())
        print(
            f"CPU seconds in parsers: {cpu_total:.0f} ({1000 * cpu_total / max(n, 1):.1f} ms an "
            "input); per target: "
            + ", ".join(f"{k} {v[1]:.0f} s/{v[0]:.0f}" for k, v in sorted(self.per_target.items()))
        )
        cpu, name, size = self.slowest
        print(f"slowest input: {cpu:.3f} s of CPU ({name}, {size} bytes)")
        wall, name, size = self.slowest_wall
        print(f"slowest input in wall time: {wall:.3f} s ({name}, {size} bytes)")
        print(f"inputs over {args.slow:g} s of CPU: {self.slow_inputs}")
        if args.memory_min >= 0:
            print(f"memory measured on {self.measured} inputs of >= {args.memory_min} bytes")
            for label, (ratio, target, size, used) in (
                ("peak", self.worst_peak),
                ("working (peak less the value returned)", self.worst_work),
            ):
                print(
                    f"  largest {label} ratio: {ratio:.1f}x ({target}, {size} bytes, {used} bytes)"
                )
            print(f"  inputs whose working memory is over {args.max_ratio:g}x: {self.heavy_inputs}")
        for fname, what, path in self.failures[:50]:
            print(f"  {fname}: {what} -> {path}")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this long")
    parser.add_argument("--inputs", type=int, default=0, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=1, help="random seed (runs are repeatable)")
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="per-input watchdog, CPU seconds"
    )
    parser.add_argument("--mem-mib", type=int, default=1024, help="worker memory cap (RLIMIT_AS)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--targets", default="", help="comma-separated subset of parsers")
    parser.add_argument("--no-save", action="store_true", help="do not write regressions")
    parser.add_argument(
        "--save-dir", type=Path, default=REGRESSIONS, help="where failing inputs are written"
    )
    parser.add_argument(
        "--keep-dir", type=Path, default=None, help="also write slow or heavy inputs here"
    )
    parser.add_argument(
        "--structured", type=float, default=0.5, help="share of grammar-built inputs (0 to 1)"
    )
    parser.add_argument(
        "--memory-min",
        type=int,
        default=16 * 1024,
        help="measure memory (a traced re-run) of inputs of at least this many bytes; -1: never",
    )
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=50.0,
        help="report inputs whose peak memory is over this multiple of their size",
    )
    parser.add_argument(
        "--slow", type=float, default=1.0, help="report inputs slower than this, CPU seconds"
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        help="cut every input at this many bytes (0: no cap)",
    )
    parser.add_argument(
        "--log", type=Path, default=None, help="write one tab-separated line per input here"
    )
    parser.add_argument(
        "--replay",
        type=Path,
        default=None,
        help="run nothing new: measure again every input kept in this --keep-dir",
    )
    parser.add_argument(
        "--from-log",
        type=Path,
        default=None,
        help="run nothing: print the figures of the run whose --log this is",
    )
    return parser.parse_args(argv)


def report_log(args: argparse.Namespace) -> int:
    """Print the figures of a run from its ``--log`` (a run stopped by a kill, say)."""
    args.no_save, args.keep_dir = True, None
    tally = Tally(args)
    targets: set[str] = set()
    n = 0
    with args.from_log.open(encoding="utf-8") as log:
        next(log)  # the header
        for line in log:
            _, name, size, outcome, wall, cpu, peak, work = line.rstrip("\n").split("\t")
            result = (outcome, "", float(wall), float(cpu), int(peak), int(work))
            tally.add(name, bytes(int(size)), result)
            targets.add(name)
            n += 1
    tally.report(sorted(targets), -1, n, 0.0)
    return 1 if tally.failures else 0


def replay(args: argparse.Namespace) -> int:
    """Measure again, with the code as it is now, every input a run kept (``--keep-dir``).

    One line an input: its target, size, CPU seconds and working-memory ratio, and
    whether it is still slow or heavy. Exit status 1 when one still is (or now fails).
    """
    runner = Runner(args.timeout, args.mem_mib * 1024 * 1024, args.slow)
    still = 0
    try:
        for path in sorted(args.replay.glob("*/*.bin")):
            data = path.read_bytes()
            outcome, detail, _, cpu, _, work = runner.run(path.parent.name, data, measure=True)
            ratio = work / max(1, len(data))
            bad = outcome in {"exception", "hang", "crash"}
            bad = bad or cpu > args.slow or ratio > args.max_ratio
            still += bad
            what = "STILL" if bad else "fine"
            note = f" ({detail.splitlines()[0]})" if detail else ""
            print(
                f"{what} {path.parent.name}/{path.name}: {len(data)} bytes, {outcome}{note}, "
                f"{cpu:.3f} s of CPU, working memory {ratio:.1f}x its size"
            )
    finally:
        runner.close()
    print(f"{still} input(s) still slow, heavy or failing")
    return 1 if still else 0


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.from_log is not None:
        return report_log(args)
    if args.replay is not None:
        return replay(args)
    targets = sorted(_targets())
    if args.targets:
        targets = [t for t in targets if t in set(args.targets.split(","))]
    if not targets:
        print("no parser could be imported", file=sys.stderr)
        return 2
    seeds = load_seeds()
    pool = [s for group in seeds.values() for s in group]
    runners = [
        Runner(args.timeout, args.mem_mib * 1024 * 1024, args.slow)
        for _ in range(max(1, args.jobs))
    ]
    tally = Tally(args)
    log = None
    if args.log is not None:
        log = args.log.open("w", encoding="utf-8")
        log.write("index\ttarget\tbytes\toutcome\twall_s\tcpu_s\tpeak_bytes\twork_bytes\n")
    started = time.monotonic()
    deadline = started + args.seconds
    n = done = 0
    stopped: list[int] = []

    def stop(signum: int, frame: object) -> None:
        # The first Ctrl-C (or SIGTERM) ends the run after the inputs under way, with
        # the report of what was run; a second Ctrl-C quits at once.
        stopped.append(signum)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    old_int = signal.signal(signal.SIGINT, stop)
    old_term = signal.signal(signal.SIGTERM, stop)

    def more() -> bool:
        if stopped:
            return False
        if args.inputs:
            return n < args.inputs
        return time.monotonic() < deadline

    try:
        while True:
            for runner in runners:
                if runner.job is None and more():
                    name = targets[n % len(targets)]
                    data = make_input(
                        args.seed, n, name, seeds, pool, args.structured, args.max_bytes
                    )
                    measure = 0 <= args.memory_min <= len(data)
                    runner.submit((n, name, data), measure)
                    n += 1
            busy = [r for r in runners if r.job is not None]
            if not busy:
                break
            ready = set(mp_wait([r.conn for r in busy], timeout=0.5))
            for runner in busy:
                result = runner.collect() if runner.conn in ready else runner.expire()
                if result is None:
                    continue
                assert runner.job is not None
                index, name, data = runner.job
                runner.job = None
                tally.add(name, data, result)
                if log is not None:
                    outcome, _, wall, cpu, peak, work = result
                    # times as Python writes a float back exactly: rounded, two inputs
                    # could tie in the log and --from-log name another slowest input
                    log.write(
                        f"{index}\t{name}\t{len(data)}\t{outcome}\t{wall!r}\t{cpu!r}\t"
                        f"{peak}\t{work}\n"
                    )
                done += 1
                if done % 10_000 == 0:
                    print(
                        f"{done} inputs in {time.monotonic() - started:.0f} s, "
                        f"{len(tally.failures)} failures, {tally.slow_inputs} slow, "
                        f"{tally.heavy_inputs} heavy",
                        flush=True,
                    )
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
        for runner in runners:
            runner.close()
        if log is not None:
            log.close()
    if stopped:
        print(f"stopped by signal {stopped[0]} after {done} inputs", flush=True)
    tally.report(targets, sum(len(v) for v in seeds.values()), done, time.monotonic() - started)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
