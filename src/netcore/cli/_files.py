"""``netcore convert``, ``netcore inspect`` and ``netcore schema``."""

from __future__ import annotations

import json as _json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from netcore._files import read_bytes
from netcore.cli._common import (
    EXIT_PROBLEMS,
    Quiet,
    Verbose,
    check_strict,
    fail,
    handle_errors,
    info,
    pair_progress,
    progress,
    report_issues,
    say,
    set_quiet,
    set_verbose,
    table,
    text,
    write_text,
)
from netcore.errors import UnsupportedFormatError
from netcore.formats.issues import Issue
from netcore.io import (
    FileKind,
    LoadedFile,
    OutputFormat,
    detect,
    load,
    loads,
    output_format_for,
)
from netcore.model import Contact


def _read(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "-", read_bytes(sys.stdin.buffer)
    return path, read_bytes(path)


@handle_errors
def convert(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Contact files (vCard, jCard, CSV, netcore JSON); '-' reads standard input.",
            metavar="IN...",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="Where to write; '-' writes to standard output.", metavar="OUT"
        ),
    ],
    to: Annotated[
        OutputFormat | None,
        typer.Option(
            "--to",
            help="Output format; by default from OUT's suffix (.vcf vcard4, .jcard jcard, "
            ".json json, .csv csv-google), vcard4 for '-'.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop with exit code 1 on the first error.")
    ] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="For CSV inputs: map columns to fields where detection misses them, "
            'e.g. "Vorname=given,Nachname=family,E-Mail-Adresse=email,Handy=phone:cell" '
            "(without a header: Column 1=email). See docs/csv.md.",
            show_default=False,
        ),
    ] = None,
    dedupe: Annotated[
        bool,
        typer.Option(
            "--dedupe",
            help="Merge, losslessly, the contacts that are surely one person (score at "
            "least 0.9, as `netcore dedupe --apply`); `netcore dedupe FILE` lists the pairs.",
        ),
    ] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Convert contact files to another format or version; several inputs are concatenated.

    Several inputs are written one after the other: the same person in two files is
    written twice, unless --dedupe merges the sure duplicates (as `netcore dedupe
    --apply` does). Nothing netcore reads is lost: properties it does not model travel as
    extensions (the vCard outputs write them back).

    Example: netcore convert phone.vcf google.csv -o all.vcf --to vcard3
    """
    set_quiet(quiet)
    set_verbose(verbose)
    fmt: OutputFormat
    if to is not None:
        fmt = to
    elif output == "-":
        fmt = OutputFormat.VCARD4
    else:
        fmt = output_format_for(output)
    contacts: list[Contact] = []
    issues: list[Issue] = []
    column_map = _column_map(columns)
    with progress(len(inputs), "converting") as step:
        for name in inputs:
            step(Path(name))
            contacts.extend(_convert_one(name, strict, column_map, issues))
    report_issues(issues)
    check_strict(issues, strict)
    if dedupe:
        contacts = _deduplicated(contacts)
    from netcore.io import dumps

    with progress(1, "writing"):  # a bar over the contacts written, past a second
        written = dumps(contacts, fmt)
    write_text(output, written)
    if output != "-":
        info(f"wrote {len(contacts)} contact(s) to {output} ({fmt})")


def _deduplicated(contacts: list[Contact]) -> list[Contact]:
    """``contacts`` with the sure duplicates merged, as ``netcore dedupe --apply`` merges them.

    A uid read twice is one contact (merged); then every pair scoring at least 0.9.
    """
    from netcore.cli._store import _merge_all
    from netcore.dedupe import find_duplicates, merge
    from netcore.model import Network

    by_uid: dict[str, Contact] = {}
    for c in contacts:
        by_uid[c.uid] = merge(by_uid[c.uid], c) if c.uid in by_uid else c
    net = Network()
    net.add_contacts(list(by_uid.values()))
    with pair_progress() as step:
        found = find_duplicates(net.contacts.values(), progress=step)
    sure = [m for m in found if m.score >= _SURE]
    merged = _merge_all(net, sure)
    again = len(contacts) - len(by_uid)
    info(
        f"merged {len(merged)} pair(s) of duplicates"
        + (f" and {again} contact(s) read twice (same uid)" if again else "")
    )
    return list(net.contacts.values())


_SURE = 0.9
"""The score from which ``convert --dedupe`` merges a pair (``dedupe --apply-above``'s default)."""


def _convert_one(
    name: str, strict: bool, column_map: dict[str, str] | None, issues: list[Issue]
) -> list[Contact]:
    """The contacts of one input of ``convert``; its issues are added to ``issues``."""
    source, data = _read(name)
    kind = _kind(data, source)
    if kind is FileKind.CSV:
        from netcore.formats import csv

        parsed = csv.loads(data, strict=strict, source=source, columns=column_map)
        read: list[Contact] = list(parsed)
        issues.extend(parsed.issues)
        if not read and data.strip():
            raise fail(f"{source}: no contact in this CSV (a header without rows?)", 1)
    else:
        if kind is FileKind.VCARD and source != "-":
            # Streamed card by card, so that the progress bar follows the parsing.
            loaded = load(source, kind=kind, strict=strict)
        else:
            loaded = loads(data, source=source, strict=strict, kind=kind)
        if loaded.kind is FileKind.ICAL:
            raise fail(f"{source}: is a calendar; convert reads contact files", 2)
        read = list(loaded.contacts)
        issues.extend(loaded.issues)
        if not read and data.strip():  # junk, a deep JSON, an interactions CSV
            report_issues(issues)
            raise fail(f"{source}: no contact could be read; nothing written", 1)
    return read


def _kind(data: bytes, source: str) -> FileKind:
    """What ``data`` holds; a TAB- or semicolon-separated export named ``.txt`` is a CSV."""
    try:
        return detect(data, None if source == "-" else source)
    except UnsupportedFormatError:
        from netcore.formats import csv

        if csv.sniff(data) is None:
            raise
        return FileKind.CSV


def _column_map(text: str | None) -> dict[str, str] | None:
    """``--columns "A=given,B=email,Fax=phone:work,fax"`` as a dict.

    A part without ``=`` continues the previous field's types.
    """
    if text is None:
        return None
    out: dict[str, str] = {}
    last: str | None = None
    for part in text.split(","):
        column, eq, target = part.partition("=")
        if eq:
            last = column.strip()
            out[last] = target.strip()
        elif last is not None and part.strip():
            out[last] += "," + part.strip()
        elif part.strip():
            raise fail(f"--columns: {part.strip()!r} is not COLUMN=FIELD")
    return out


@handle_errors
def inspect(
    file: Annotated[
        str,
        typer.Argument(
            help="Any file netcore reads; '-' reads standard input.", show_default=False
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 1 when the file has any error.")
    ] = False,
) -> None:
    """Show what a file holds: its kind, counts, versions, and every issue with its line.

    Example: netcore inspect examples/data/contacts-3.0.vcf
    """
    source, data = _read(file)
    kind = detect(data, None if source == "-" else source)
    if kind in {FileKind.INTERACTIONS, FileKind.LEDGER}:
        import csv as _csv
        import io as _io

        from netcore.formats._encoding import decode_export
        from netcore.formats.issues import IssueCollector

        # The encoding rule of every CSV reader (UTF-8, UTF-16 with a BOM, Windows-1252).
        decoded = decode_export(data, IssueCollector(source))
        try:
            rows = list(_csv.reader(_io.StringIO(decoded, newline="")))
        except _csv.Error as exc:  # a cell over csv.field_size_limit(), a NUL byte
            raise fail(f"{source}: unreadable CSV ({exc})", EXIT_PROBLEMS) from None
        body = [r for r in rows[1:] if any(c.strip() for c in r)]
        say(f"{source}: {kind.value} CSV, {len(body)} row(s)")
        say(f"columns: {', '.join(rows[0]) if rows else '(none)'}")
        option = "interactions" if kind is FileKind.INTERACTIONS else "ledger"
        say(
            "its contact column is checked against contacts when read with them "
            f"(netcore health CONTACTS... --{option} {source})"
        )
        return
    if kind is FileKind.MAIL:
        _inspect_mail(source, data, strict)
        return
    loaded = loads(data, source=source, kind=kind, strict=strict)
    _summary(loaded)
    _issues(loaded.issues, strict)


def _issues(issues: Sequence[Issue], strict: bool) -> None:
    """The issues of ``inspect`` as a table (or "no issues"); exit 1 on an error if strict."""
    if issues:
        table(
            f"{len(issues)} issue(s)",
            ["line", "severity", "property", "message"],
            [[i.line, i.severity.value, i.property, i.message] for i in issues],
            right=("line",),
        )
    else:
        say("no issues")
    check_strict(issues, strict)


def _inspect_mail(source: str, data: bytes, strict: bool) -> None:
    """``inspect`` of an mbox or a message: its messages, senders and dates (headers only)."""
    import io as _io

    from netcore.formats import mail

    buffer = _io.BytesIO(data)
    buffer.name = source  # named in the issues
    read = mail.read_headers(buffer, strict=strict)
    dated = sorted(h.date for h in read if h.date is not None)
    senders = {h.sender[1].lower() for h in read if h.sender is not None}
    say(f"{source}: mail")
    say(
        f"messages: {len(read)} ({len(dated)} with a date, {len(senders)} sender address(es), "
        f"{sum(1 for h in read if h.message_id)} with a Message-ID)"
    )
    if dated:
        say(f"dates: {text(dated[0])} to {text(dated[-1])}")
    say(f"read it against contacts: netcore mail {source} --me ADDRESS -c CONTACTS")
    _issues(read.issues, strict)


def _summary(loaded: LoadedFile) -> None:
    parts = [f"{loaded.source}: {loaded.kind.value}"]
    if loaded.versions:
        parts.append("versions " + ", ".join(f"{v} x{n}" for v, n in loaded.versions.items()))
    say("; ".join(parts))
    if loaded.contacts or loaded.kind in {FileKind.VCARD, FileKind.JCARD, FileKind.CSV}:
        cs = loaded.contacts
        with_email = sum(1 for c in cs if c.emails)
        with_phone = sum(1 for c in cs if c.phones)
        with_org = sum(1 for c in cs if c.organizations)
        with_photo = sum(1 for c in cs if c.photo is not None)
        extensions = sum(len(c.extensions) for c in cs)
        say(
            f"contacts: {len(cs)} ({with_email} with email, {with_phone} with phone, "
            f"{with_org} with organization, {with_photo} with photo; "
            f"{extensions} extension properties kept verbatim)"
        )
    if loaded.events or loaded.kind is FileKind.ICAL:
        es = loaded.events
        kinds = Counter(e.kind.value for e in es)
        series = len({e.uid for e in es})
        attendees = sum(len(e.attendees) for e in es)
        say(
            f"events: {len(es)} occurrence(s) of {series} event(s) "
            f"({', '.join(f'{n} {k}' for k, n in kinds.most_common())}); "
            f"{attendees} attendee entries"
        )
        if es:
            starts = sorted(text(e.start) for e in es)
            say(f"dates: {starts[0]} to {starts[-1]}")
    if loaded.network is not None:
        net = loaded.network
        say(f"interactions: {len(net.interactions)}; ledger entries: {len(net.ledger)}")


@handle_errors
def schema(
    output: Annotated[
        str, typer.Option("--output", "-o", help="Write it here instead of standard output.")
    ] = "-",
    results: Annotated[
        bool,
        typer.Option(
            "--results",
            help="Print the schemas of the scoring results instead (Health, Nudge, FollowUp, "
            "DueList, Balance, Waiting, Birthday: what `--format json` and an app return).",
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of netcore's network document (what `--to json` writes).

    Example: netcore schema -o network.schema.json
    """
    if results:
        write_text(output, _json.dumps(_results_schema(), indent=2))
        return
    from netcore.formats import json

    write_text(output, _json.dumps(json.schema(), indent=2))


def _results_schema() -> dict[str, object]:
    """One JSON Schema document: each scoring result under ``$defs``, by name."""
    from pydantic.json_schema import models_json_schema

    from netcore import scoring

    models = (
        scoring.Health,
        scoring.Nudge,
        scoring.FollowUp,
        scoring.DueList,
        scoring.Balance,
        scoring.Waiting,
        scoring.Birthday,
    )
    _, document = models_json_schema(
        [(m, "serialization") for m in models], title="netcore scoring results"
    )
    return document
