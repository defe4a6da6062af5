"""Benchmark: a generated mbox of 50,000 messages (about 1 GB with bodies) read to interactions.

Run from the repository root::

    .venv/bin/python benchmarks/mail.py                  # 50,000 messages, ~1 GB
    .venv/bin/python benchmarks/mail.py --messages 5000  # a quick look

1. The mbox is written to a temporary folder (streaming: one message at a time) with 200
   people in the address book, threads with replies, some mailing-list mail and bodies
   of 2 to 40 KB. It is then read with ``netcore.formats.mail.read_interactions`` in a
   child process, whose peak resident set size (``ru_maxrss``) is the memory figure, so
   that nothing of the writing counts (goal: under 60 s and under 256 MiB).
2. Hostile messages, each read on its own (goal: each under 1 s): no Date, 10,000
   recipients (to me, and from me), 10,000 broken encoded words, a 1 MB header line,
   and 1,000 nested ``message/rfc822`` parts.

The temporary folder is removed at the end.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ME = "me@example.net"
PEOPLE = [f"person{k}@example.org" for k in range(200)]
STRANGERS = [f"stranger{k}@example.com" for k in range(50)]
_LINE = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n"


def write_mbox(path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` messages to ``path``, one at a time; return the bytes written."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    block = _LINE * 600  # 48 KB to cut bodies from
    size = 0
    mine: list[int] = []
    with path.open("wb") as fh:
        for k in range(n):
            at = start + timedelta(minutes=k * 15 + rnd.randrange(10))
            other = rnd.choice(PEOPLE if rnd.random() < 0.9 else STRANGERS)
            head = [f"From {ME} {at.strftime('%a %b %d %H:%M:%S %Y')}"]
            if rnd.random() < 0.5:
                cc = rnd.sample(PEOPLE, rnd.choice((0, 0, 0, 1, 3)))
                head += [f"From: Me <{ME}>", f"To: Person <{other}>"]
                if cc:
                    head.append("Cc: " + ", ".join(cc))
                mine.append(k)
            else:
                head += [f"From: =?utf-8?q?P=C3=A9rson?= <{other}>", f"To: {ME}"]
                if rnd.random() < 0.1:
                    head.append("List-Id: <dev.lists.example.org>")
            head += [
                f"Subject: =?utf-8?q?Caf=C3=A9?= number {k}",
                f"Date: {format_datetime(at)}",
                f"Message-ID: <m{k}@bench.example>",
            ]
            if mine and rnd.random() < 0.4:
                ref = rnd.choice(mine[-50:])
                head += [
                    f"In-Reply-To: <m{ref}@bench.example>",
                    f"References: <m{ref}@bench.example>",
                ]
            head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", ""]
            body = block[: rnd.randrange(2_000, 40_000)]
            body = body[: body.rfind(b"\n") + 1]  # whole lines, then the blank separator line
            data = "\n".join(head).encode() + body + b"\n"
            fh.write(data)
            size += len(data)
    return size


def child(path: str) -> None:
    """Read ``path`` to interactions; print seconds, peak RSS (MiB) and counts."""
    from netcore.formats import mail

    book = {p: f"uid-{p}" for p in PEOPLE}
    t0 = time.perf_counter()
    r = mail.read_interactions(Path(path), me_emails=[ME], contacts_lookup=book.get)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{seconds:.2f} {peak:.1f} {r.messages} {len(r.interactions)} {len(r.missing)}")


def _msg(headers: str, body: bytes = b"body\n") -> bytes:
    return headers.encode() + b"\n\n" + body


def hostile() -> dict[str, bytes]:
    """The hostile messages by name."""
    date = "Date: Mon, 02 Nov 2026 10:00:00 +0000\n"
    many = ", ".join(f"P {k} <p{k}@example.org>" for k in range(10_000))
    nested = b""
    for k in range(1000):
        nested = f"From: n{k}@example.org\nContent-Type: message/rfc822\n\n".encode() + nested
    return {
        "no Date": _msg(f"From: person1@example.org\nTo: {ME}\nSubject: x"),
        "10,000 recipients to me": _msg(f"From: person1@example.org\nTo: {ME}\nCc: {many}\n{date}"),
        "10,000 recipients from me": _msg(f"From: {ME}\nTo: {many}\n{date}"),
        "10,000 broken encoded words": _msg(
            f"From: person1@example.org\nTo: {ME}\n{date}Subject: "
            + " ".join(["=?utf-8?b?abc?= =?x-bad?q?=ZZ?="] * 5000)
        ),
        "1 MB header line": _msg(
            f"From: person1@example.org\nTo: {ME}\n{date}X-Long: " + "x" * 1_048_576
        ),
        "1,000 nested message/rfc822": _msg(
            f"From: person1@example.org\nTo: {ME}\n{date}Content-Type: message/rfc822", nested
        ),
    }


def time_hostile(read: Callable[[bytes], object]) -> list[tuple[str, float]]:
    out = []
    for name, data in hostile().items():
        t0 = time.perf_counter()
        read(data)
        out.append((name, time.perf_counter() - t0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="netcore-mail-bench-") as tmp:
        path = Path(tmp) / "bench.mbox"
        t0 = time.perf_counter()
        size = write_mbox(path, args.messages)
        print(
            f"wrote {args.messages:,} messages, {size / 2**20:,.0f} MiB "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds, peak, messages, interactions, missing = done.stdout.split()
        ok = float(seconds) < 60 and float(peak) < 256
        print(
            f"read {int(messages):,} messages -> {int(interactions):,} interactions "
            f"({int(missing)} people not in the address book) in {float(seconds):.1f} s, "
            f"peak RSS {float(peak):.0f} MiB  [goal < 60 s, < 256 MiB: {'ok' if ok else 'MISSED'}]"
        )
    from netcore.formats import mail

    book = {p: f"uid-{p}" for p in PEOPLE}

    def read(data: bytes) -> object:
        return mail.read_interactions(io.BytesIO(data), me_emails=[ME], contacts_lookup=book.get)

    for name, seconds in time_hostile(read):
        print(
            f"hostile: {name:<30} {seconds * 1000:8.1f} ms  "
            f"[goal < 1 s: {'ok' if seconds < 1 else 'MISSED'}]"
        )


if __name__ == "__main__":
    main()
