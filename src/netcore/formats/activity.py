r"""The interactions CSV and the ledger CSV, read and written.

Two small formats for what people log by hand or export from a spreadsheet
(documented in ``docs/formats.md``):

* the **interactions CSV**, columns :data:`INTERACTION_COLUMNS`: ``date`` (``2026-11-02``,
  read as noon UTC, or an ISO date-time; a time without offset is UTC), ``contact``
  (a uid, email, phone or exact name; several separated by ``;``), ``kind`` (an
  :class:`~netcore.model.InteractionKind`), and optionally ``direction`` (default
  ``mutual``), ``note``, ``duration_minutes`` and ``replied`` (``yes``/``no``/empty);
* the **ledger CSV**, columns :data:`LEDGER_COLUMNS`: ``date``, ``contact``,
  ``direction`` (``given``/``received``), ``kind`` (a :class:`~netcore.model.FavourKind`),
  and optionally ``weight`` (default 1) and ``note``; asks and offers add ``type``
  (``favour``, the default, ``ask`` or ``offer``: an :class:`~netcore.model.EntryType`),
  ``topic``, ``state`` (``open``, ``fulfilled`` or ``declined``) and ``closed_on`` (the
  day it was fulfilled or declined), and ``closed_note`` (what was done). ``date`` is
  the day it was asked or offered; a closed one reads as two entries: the ask and the
  favour (or decline) that ``closes`` it, dated ``closed_on``, with the row's ``weight``
  (on a fulfilled row, the weight of the favour that fulfilled it: an ask itself counts
  nothing) and ``closed_note`` as its note. The writer adds the four ask columns only
  when it writes an ask or offer, so a ledger of favours keeps its six columns, and
  ``closed_note`` only when a closing entry has a note.

The ``contact`` column names people, so reading needs someone to ask: a
:class:`~netcore.model.Network` (its :meth:`~netcore.model.Network.resolve`) or any
callable that turns a reference into a uid and raises
:class:`~netcore.errors.NotFoundError` (or its
:class:`~netcore.errors.AmbiguousReferenceError`) otherwise.

Encodings are read by the rule of the contacts CSV: UTF-8 with or without a byte order
mark, UTF-16 or UTF-32 with or without one, else Windows-1252 with a warning. A cell longer than
:data:`MAX_CELL_CHARS` skips its row with an error. Every row that cannot be read is an
issue naming its line and column (``strict=True`` raises
:class:`~netcore.errors.ParseError` instead); ids derive from the row's content, so
reading a file twice yields the same ids. Writing gives UTF-8 with a header, ``\n``
line ends, and reads back to the same records.

Examples:
    >>> from netcore.model import Contact, Network
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
    >>> rows = read_interactions(b"date,contact,kind\n2026-11-02,Ada Lovelace,call\n", net)
    >>> rows[0].contact_uids, rows[0].kind.value, rows.issues
    (('ada',), 'call', [])
    >>> read_interactions(dumps_interactions(rows), net)[0] == rows[0]
    True
"""

from __future__ import annotations

import csv as _csv
import enum
import io as _io
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from netcore import _gc
from netcore._text import safe_cell, unguard
from netcore.errors import AmbiguousReferenceError, NotFoundError
from netcore.formats._encoding import decode_export
from netcore.formats.issues import IssueCollector, Parsed
from netcore.model import (
    AskState,
    Direction,
    EntryType,
    FavourDirection,
    FavourKind,
    Interaction,
    InteractionKind,
    LedgerEntry,
    Network,
)

__all__ = [
    "ASK_COLUMNS",
    "FAVOUR_COLUMNS",
    "INTERACTION_COLUMNS",
    "LEDGER_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_WEIGHT",
    "Resolver",
    "dumps_interactions",
    "dumps_ledger",
    "read_interactions",
    "read_ledger",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.StrEnum)

Resolver = Callable[[str], str]
"""Turns a ``contact`` cell (uid, email, phone or name) into a uid, or raises NotFoundError."""

INTERACTION_COLUMNS = (
    "date",
    "contact",
    "kind",
    "direction",
    "note",
    "duration_minutes",
    "replied",
)
"""The columns of the interactions CSV; ``date``, ``contact`` and ``kind`` are required."""

LEDGER_COLUMNS = (
    "date",
    "contact",
    "direction",
    "kind",
    "weight",
    "note",
    "type",
    "topic",
    "state",
    "closed_on",
    "closed_note",
)
"""The columns of the ledger CSV; ``date``, ``contact``, ``direction`` and ``kind`` are required.

A ledger of favours only is written with the first six (:data:`FAVOUR_COLUMNS`), one
with asks or offers with the first ten (:data:`ASK_COLUMNS`), and ``closed_note`` is
added only when a fulfilled or declined one has a note of its own."""

FAVOUR_COLUMNS = LEDGER_COLUMNS[:6]
"""The columns of a ledger CSV without asks or offers (what netcore wrote before them)."""

ASK_COLUMNS = LEDGER_COLUMNS[:10]
"""The columns of a ledger CSV with asks or offers, without ``closed_note``."""

MAX_WEIGHT = 1000.0
"""The heaviest ledger weight read (1 is an ordinary favour); a heavier row is an error.

Sums of weights stay finite, so a favour balance never overflows to infinity."""

MAX_CELL_CHARS = 65_536
"""The longest cell read; a row with a longer one is skipped with an error."""

_NS = uuid.UUID("3b0d7f0e-9a51-4c1b-8d0e-5a4f2f1c7e21")
"""Namespace of the ids derived from CSV rows, so that reading a file twice adds nothing twice."""

_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


class _RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


_SHOWN_COLUMNS = 5
"""How many unknown columns the header's warning names (it counts the rest)."""


def _short(name: str, limit: int = 40) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis (a header cell may be huge)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


class _Rows:
    """A CSV with a header, read into dicts, with the column numbers kept for messages."""

    def __init__(
        self,
        data: bytes | str,
        issues: IssueCollector,
        *,
        columns: Sequence[str],
        required: Sequence[str],
    ) -> None:
        text = decode_export(data, issues)
        self.issues = issues
        self.reader = _csv.reader(_io.StringIO(text, newline=""))
        header = self._next() or []
        self.header = [h.strip().lower() for h in header]
        self.ok = True
        missing = [c for c in required if c not in self.header]
        if missing:
            self.ok = False
            optional = ", ".join(c for c in columns if c not in required)
            issues.error(
                f"missing column(s) {', '.join(missing)}; the header must name "
                f"{', '.join(required)} (and may add {optional})",
                line=1,
            )
        unknown = [
            f"{number} ({_short(name) or 'empty'})"
            for number, name in enumerate(self.header, start=1)
            if name not in columns
        ]
        if unknown:
            # One warning for all of them: a header of 3,000 made-up names is one issue,
            # not 3,000 (each held with its message: 40x the header's size).
            shown = ", ".join(unknown[:_SHOWN_COLUMNS])
            extra = len(unknown) - _SHOWN_COLUMNS
            more = f" and {extra} more" if extra > 0 else ""
            issues.warning(
                f"column{'s' if len(unknown) > 1 else ''} {shown}{more} "
                "not read by netcore; ignored",
                line=1,
            )

    def _next(self) -> list[str] | None:
        """The next row; ``None`` at the end or when the csv module gives up (an issue says)."""
        try:
            return next(self.reader)
        except StopIteration:
            return None
        except _csv.Error as exc:
            # A field over the csv module's own limit, a NUL byte: nothing after it can
            # be trusted to start a row, so reading stops here.
            self.issues.error(
                f"unreadable CSV ({exc}); the rest of the file was not read",
                line=self.reader.line_num or None,
            )
            return None

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        if not self.ok:
            return
        while (row := self._next()) is not None:
            line = self.reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            long = next((i for i, cell in enumerate(row) if len(cell) > MAX_CELL_CHARS), None)
            if long is not None:
                name = self.header[long] if long < len(self.header) else "extra"
                self.issues.error(
                    f"column {long + 1} ({name}) holds {len(row[long])} characters, over the "
                    f"limit of {MAX_CELL_CHARS}; row skipped",
                    line=line,
                    property=name,
                )
                continue
            yield (
                line,
                {
                    name: unguard(row[i].strip()).strip() if i < len(row) else ""
                    for i, name in enumerate(self.header)
                },
            )

    def column(self, name: str) -> int:
        return self.header.index(name) + 1


def _parse_when(value: str) -> datetime:
    if not value:
        raise _RowError("date", "is empty; write a date (2026-11-02) or a time (2026-11-02T09:30)")
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(12), UTC)
        at = datetime.fromisoformat(value)
    except ValueError:
        raise _RowError(
            "date", f"{value!r} is not an ISO date (2026-11-02) or date-time (2026-11-02T09:30)"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RowError("date", f"{value!r} is not an ISO date such as 2026-11-02") from None


def _enum_value(cls: type[E], column: str, value: str, default: E | None) -> E:
    if not value:
        if default is None:
            raise _RowError(column, f"is empty; write one of {', '.join(m.value for m in cls)}")
        return default
    try:
        return cls(value.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise _RowError(
            column, f"{value!r} is not one of {', '.join(m.value for m in cls)}"
        ) from None


def _resolver(net: Network | Resolver) -> Resolver:
    return net.resolve if isinstance(net, Network) else net


def _resolve(resolve: Resolver, value: str) -> str:
    if not value:
        raise _RowError("contact", "is empty; write the contact's email, phone, uid or exact name")
    try:
        return resolve(value)
    except AmbiguousReferenceError as exc:
        raise _RowError("contact", str(exc)) from None
    except NotFoundError:
        raise _RowError(
            "contact", f"{value!r} matches no contact's email, phone, uid or name"
        ) from None


def _row_id(kind: str, fields: Iterable[str], seen: dict[str, int]) -> str:
    key = "\x1f".join((kind, *fields))
    n = seen.get(key, 0)
    seen[key] = n + 1
    return str(uuid.uuid5(_NS, f"{key}\x1f{n}"))


def _read_rows(
    data: bytes | str,
    *,
    source: str | None,
    strict: bool,
    columns: Sequence[str],
    required: Sequence[str],
    make: Callable[[dict[str, str], dict[str, int]], Sequence[T]],
) -> Parsed[T]:
    issues = IssueCollector(source, strict=strict, capped=True)
    rows = _Rows(data, issues, columns=columns, required=required)
    out: list[T] = []
    seen: dict[str, int] = {}
    # Records are created in bulk and all kept: the cyclic collector would scan them again
    # and again and free nothing (docs/architecture.md, "Performance facts"), so it waits.
    with _gc.paused():
        for line, row in rows:
            try:
                out.extend(make(row, seen))
            except _RowError as exc:
                issues.error(
                    f"column {rows.column(exc.column)} ({exc.column}) {exc.message}; row skipped",
                    line=line,
                    property=exc.column,
                )
            except ValueError as exc:  # a record's own validation (pydantic)
                issues.error(f"{_first_error(exc)}; row skipped", line=line)
    return Parsed(out, [*issues.issues, *issues.summary()])


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        return f"{loc}: {first.get('msg', exc)}" if loc else str(first.get("msg", exc))
    return str(exc)


def _duration(minutes: str) -> timedelta | None:
    if not minutes:
        return None
    try:
        duration = timedelta(minutes=float(minutes))
    except (ValueError, OverflowError):
        raise _RowError("duration_minutes", f"{minutes!r} is not a number") from None
    if duration < timedelta(0):
        raise _RowError("duration_minutes", f"{minutes!r} is negative")
    return duration


def _replied(answer: str) -> bool | None:
    answer = answer.lower()
    if answer in _TRUE:
        return True
    if answer in _FALSE:
        return False
    if answer:
        raise _RowError("replied", f"{answer!r} is not yes, no or empty")
    return None


def read_interactions(
    data: bytes | str,
    net: Network | Resolver,
    *,
    source: str | None = None,
    strict: bool = False,
) -> Parsed[Interaction]:
    """Read the interactions CSV, naming people through ``net``.

    Args:
        data: The file's bytes (any encoding of the module's rule) or text.
        net: The network whose :meth:`~netcore.model.Network.resolve` names people, or
            a :data:`Resolver`.
        source: The file name, copied into issues.
        strict: Raise on the first bad row.

    Returns:
        The interactions (not logged: pass them to ``Network.log_many``), with issues.

    Raises:
        ParseError: In strict mode, on the first bad row.
    """
    resolve = _resolver(net)

    def make(row: dict[str, str], seen: dict[str, int]) -> list[Interaction]:
        at = _parse_when(row.get("date", ""))
        refs = [v.strip() for v in row["contact"].split(";")]
        uids = tuple(dict.fromkeys(_resolve(resolve, v) for v in refs if v or len(refs) == 1))
        kind = _enum_value(InteractionKind, "kind", row.get("kind", ""), None)
        direction = _enum_value(Direction, "direction", row.get("direction", ""), Direction.MUTUAL)
        duration = _duration(row.get("duration_minutes", ""))
        replied = _replied(row.get("replied", ""))
        note = row.get("note") or None
        iid = _row_id(
            "interaction",
            (at.isoformat(), ";".join(uids), kind.value, direction.value, note or ""),
            seen,
        )
        return [
            Interaction(
                id=iid,
                at=at,
                contact_uids=uids,
                kind=kind,
                direction=direction,
                duration=duration,
                note=note,
                replied=replied,
            )
        ]

    return _read_rows(
        data,
        source=source,
        strict=strict,
        columns=INTERACTION_COLUMNS,
        required=("date", "contact", "kind"),
        make=make,
    )


def read_ledger(
    data: bytes | str,
    net: Network | Resolver,
    *,
    source: str | None = None,
    strict: bool = False,
) -> Parsed[LedgerEntry]:
    """Read the ledger CSV, naming people through ``net``; as :func:`read_interactions`.

    Raises:
        ParseError: In strict mode, on the first bad row.
    """
    resolve = _resolver(net)

    def make(row: dict[str, str], seen: dict[str, int]) -> list[LedgerEntry]:
        on = _parse_day(row.get("date", ""))
        uid = _resolve(resolve, row.get("contact", ""))
        direction = _enum_value(FavourDirection, "direction", row.get("direction", ""), None)
        kind = _enum_value(FavourKind, "kind", row.get("kind", ""), None)
        weight = _weight(row.get("weight", ""))
        note = row.get("note") or None
        etype = _enum_value(EntryType, "type", row.get("type", ""), EntryType.FAVOUR)
        topic = row.get("topic") or None
        state, closed_on = _state(row, etype, on)
        fields = [on.isoformat(), uid, direction.value, kind.value, repr(weight), note or ""]
        if etype is not EntryType.FAVOUR or topic:
            fields += [etype.value, topic or ""]  # favours keep the ids they always had
        eid = _row_id("ledger", fields, seen)
        if etype is EntryType.FAVOUR:
            return [
                LedgerEntry(
                    id=eid, on=on, contact_uid=uid, direction=direction, kind=kind,
                    weight=weight, note=note, topic=topic,
                )
            ]  # fmt: skip
        first = LedgerEntry(
            id=eid, on=on, contact_uid=uid, direction=direction, kind=kind, weight=weight,
            note=note, type=etype, topic=topic,
        )  # fmt: skip
        if state is AskState.OPEN or closed_on is None:
            return [first]
        fulfilled = state is AskState.FULFILLED
        closer = LedgerEntry(
            id=_row_id("ledger-close", (eid, state.value, closed_on.isoformat()), seen),
            on=closed_on,
            contact_uid=uid,
            direction=direction,
            kind=kind,
            weight=weight if fulfilled else 0.0,
            note=row.get("closed_note") or None,
            type=EntryType.FAVOUR if fulfilled else EntryType.DECLINE,
            topic=topic,
            closes=eid,
        )
        return [first, closer]

    return _read_rows(
        data,
        source=source,
        strict=strict,
        columns=LEDGER_COLUMNS,
        required=("date", "contact", "direction", "kind"),
        make=make,
    )


def _weight(raw: str) -> float:
    if not raw:
        return 1.0
    try:
        weight = float(raw)
    except ValueError:
        raise _RowError("weight", f"{raw!r} is not a number") from None
    if not 0 <= weight <= MAX_WEIGHT:
        raise _RowError("weight", f"{raw!r} must be a number from 0 to {MAX_WEIGHT:g}")
    return weight


def _state(row: dict[str, str], etype: EntryType, on: date) -> tuple[AskState, date | None]:
    """The ``state`` and ``closed_on`` cells of a row, checked against its type and date."""
    raw_state = row.get("state", "")
    raw_closed = row.get("closed_on", "")
    if etype is EntryType.FAVOUR:
        if raw_state or raw_closed or row.get("closed_note"):
            raise _RowError(
                "state" if raw_state else "closed_on" if raw_closed else "closed_note",
                "is only for asks and offers (type ask or offer)",
            )
        return AskState.OPEN, None
    if etype is EntryType.DECLINE:
        raise _RowError("type", "'decline' is written as state declined on its ask or offer")
    state = _enum_value(AskState, "state", raw_state, AskState.OPEN)
    if state is AskState.OPEN:
        if raw_closed or row.get("closed_note"):
            what = "closed_on" if raw_closed else "closed_note"
            raise _RowError(what, f"{row[what]!r} is given but the state is open")
        return state, None
    if not raw_closed:
        raise _RowError("closed_on", f"is empty; a {state.value} ask needs the day it closed")
    try:
        closed_on = date.fromisoformat(raw_closed)
    except ValueError:
        raise _RowError(
            "closed_on", f"{raw_closed!r} is not an ISO date such as 2026-11-02"
        ) from None
    if closed_on < on:
        raise _RowError("closed_on", f"{raw_closed} is before the date it was asked ({on})")
    return state, closed_on


def _write(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buf = _io.StringIO()
    writer = _csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    # Every cell through the one formula guard (netcore._text.safe_cell); the reader
    # strips the guard again (unguard), so what is written reads back unchanged.
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buf.getvalue()


def _minutes(duration: timedelta | None) -> str:
    if duration is None:
        return ""
    return f"{duration.total_seconds() / 60:g}"


def dumps_interactions(
    interactions: Iterable[Interaction], *, ref: Callable[[str], str] | None = None
) -> str:
    """Interactions as the interactions CSV (with its header).

    Args:
        interactions: What to write, in order.
        ref: Writes a uid as the reference to put in the ``contact`` column (an email,
            say); default the uid itself, which reads back exactly.

    Examples:
        >>> from netcore.model import Interaction, InteractionKind
        >>> at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
        >>> print(dumps_interactions([Interaction(at=at, contact_uids=("ada",),
        ...                                       kind=InteractionKind.CALL)]), end="")
        date,contact,kind,direction,note,duration_minutes,replied
        2026-11-02T09:30:00+00:00,ada,call,mutual,,,
    """
    show = ref or (lambda uid: uid)
    return _write(
        INTERACTION_COLUMNS,
        (
            (
                i.at.isoformat(),
                ";".join(show(u) for u in i.contact_uids),
                i.kind.value,
                i.direction.value,
                i.note or "",
                _minutes(i.duration),
                "" if i.replied is None else ("yes" if i.replied else "no"),
            )
            for i in interactions
        ),
    )


def dumps_ledger(
    entries: Iterable[LedgerEntry],
    *,
    ref: Callable[[str], str] | None = None,
    wide: bool = False,
    header: Sequence[str] | None = None,
) -> str:
    """Ledger entries as the ledger CSV (with its header); ``ref`` as in :func:`dumps_interactions`.

    An ask or offer is one row with its ``state`` and ``closed_on`` when the entry that
    closes it is among ``entries`` (that entry is not written again): a fulfilled row's
    ``weight`` is the weight of the favour that fulfilled it, and ``closed_note`` that
    entry's note, so the balance reads back the same. A favour closing an ask that is not
    among ``entries`` is written as a plain favour; a decline whose ask is not among them
    is left out (it would count nothing). Only when an ask or offer is written (or
    ``wide`` is true) does the header have the four ask columns, and ``closed_note`` only
    when a closing entry has a note.

    Args:
        entries: What to write, in order.
        ref: Writes a uid as the reference to put in the ``contact`` column.
        wide: Write the four ask columns even for favours only.
        header: Write exactly these columns (:data:`FAVOUR_COLUMNS`, :data:`ASK_COLUMNS`
            or :data:`LEDGER_COLUMNS`), say the header of a file to append rows to.

    Raises:
        ValueError: ``header`` is none of the three, or lacks columns the entries need.

    Examples:
        >>> from netcore.model import LedgerEntry
        >>> e = LedgerEntry(on=date(2026, 3, 1), contact_uid="ada",
        ...                 direction=FavourDirection.GIVEN, kind=FavourKind.ADVICE)
        >>> print(dumps_ledger([e]), end="")
        date,contact,direction,kind,weight,note
        2026-03-01,ada,given,advice,1,
        >>> ask = LedgerEntry(on=date(2026, 3, 1), contact_uid="ada", type=EntryType.ASK,
        ...                   direction=FavourDirection.GIVEN, kind=FavourKind.JOB_LEAD,
        ...                   topic="data roles")
        >>> print(dumps_ledger([ask]), end="")
        date,contact,direction,kind,weight,note,type,topic,state,closed_on
        2026-03-01,ada,given,job_lead,1,,ask,data roles,open,
    """
    show = ref or (lambda uid: uid)
    entries = list(entries)
    asks = {e.id for e in entries if e.type in (EntryType.ASK, EntryType.OFFER)}
    closers = {e.closes: e for e in entries if e.closes is not None and e.closes in asks}
    columns = _ledger_header(
        FAVOUR_COLUMNS
        if not (wide or asks or any(e.topic for e in entries))
        else LEDGER_COLUMNS
        if any(c.note for c in closers.values())
        else ASK_COLUMNS,
        header,
    )
    rows: list[list[str]] = []
    for e in entries:
        if e.closes is not None and e.closes in asks:
            continue  # written on its ask's row
        if e.type is EntryType.DECLINE:
            continue
        rows.append(_ledger_row(e, closers.get(e.id), e.id in asks, len(columns), show))
    return _write(columns, rows)


def _ledger_header(needed: tuple[str, ...], header: Sequence[str] | None) -> tuple[str, ...]:
    """The columns to write: ``needed``, or ``header`` when given and wide enough."""
    if header is None:
        return needed
    given = tuple(h.strip().lower() for h in header)
    if given not in (FAVOUR_COLUMNS, ASK_COLUMNS, LEDGER_COLUMNS):
        raise ValueError(f"not a ledger CSV header: {','.join(given)}")
    if len(given) < len(needed):
        raise ValueError(
            f"these entries need the columns {','.join(needed[len(given) :])}, "
            f"which the header {','.join(given)} lacks"
        )
    return given


def _ledger_row(
    e: LedgerEntry, closer: LedgerEntry | None, is_ask: bool, width: int, show: Resolver
) -> list[str]:
    """The ``width`` cells of ``e``'s row; an ask's with ``closer``, the entry closing it."""
    done = closer is not None and closer.type is EntryType.FAVOUR
    weight = closer.weight if done and closer is not None else e.weight
    row = [e.on.isoformat(), show(e.contact_uid), e.direction.value, e.kind.value]
    row += [f"{weight:g}", e.note or ""]
    if width > len(FAVOUR_COLUMNS):
        state = "" if not is_ask else "open"
        if closer is not None:
            state = AskState.FULFILLED.value if done else AskState.DECLINED.value
        row += [e.type.value, e.topic or "", state, "" if closer is None else closer.on.isoformat()]
    if width > len(ASK_COLUMNS):
        row.append("" if closer is None else closer.note or "")
    return row
