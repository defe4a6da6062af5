"""JSON documents of whole networks, and their published JSON Schema.

A document holds everything a :class:`~netcore.model.Network` holds: contacts,
interactions, event occurrences, ledger entries (corrections included), the ledger's
merge aliases and the relations said with ``Network.relate`` (derived relations are
derived again). ``loads(dumps(net))`` rebuilds an equal network: the same records in the
same order. Fields at their default are left out, so a document without relations (as
netcore wrote them before relations were kept) reads as before. Datetimes are written in ISO 8601
with their UTC offset (a ``ZoneInfo`` comes back as the fixed offset it had, which
compares equal); bytes (photos) are base64.

Examples:
    >>> from netcore.model import Contact, Network
    >>> from netcore.formats import json
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
    >>> again = json.loads(json.dumps(net))
    >>> again.contact("ada").formatted_name
    'Ada Lovelace'
"""

from __future__ import annotations

import contextlib
import json as _json
from collections.abc import Iterator
from typing import Any, Literal

import pydantic
import pydantic_core

from netcore._files import PathOrFile, read_bytes, scrub_surrogates, source_name, write_bytes
from netcore.errors import ParseError
from netcore.model import Contact, Event, Interaction, LedgerEntry, Network
from netcore.model.relations import Relation
from netcore.model.values import Record

__all__ = ["FORMAT", "VERSION", "NetworkDocument", "dump", "dumps", "load", "loads", "schema"]

FORMAT = "netcore/network"
"""The ``format`` field every document carries."""
VERSION = 1
"""The document version this netcore writes and reads."""


class NetworkDocument(Record):
    """The JSON document of a network (what :func:`schema` describes)."""

    format: Literal["netcore/network"]
    version: Literal[1]
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    events: tuple[Event, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    ledger_aliases: dict[str, str] = pydantic.Field(default_factory=dict)
    relations: tuple[Relation, ...] = ()

    @classmethod
    def of(cls, net: Network) -> NetworkDocument:
        """The document of ``net`` (records are shared, not copied)."""
        return cls.model_construct(
            format="netcore/network",
            version=1,
            contacts=tuple(net.contacts.values()),
            interactions=tuple(net.interactions),
            events=net.events,
            ledger=net.ledger.entries,
            ledger_aliases=net.ledger.aliases,
            relations=net.explicit_relations,
        )

    def to_network(self) -> Network:
        """Rebuild the network this document describes.

        Raises:
            RecordConflictError: Two records share a uid or id.
            NotFoundError: An interaction, reversal or relation names something that is
                not there.
        """
        try:
            return self._build()
        except _PlacedError as placed:
            raise placed.error from None

    def _build(self) -> Network:
        """As :meth:`to_network`; an error about one ledger entry or relation is _PlacedError."""
        net = Network()
        net.add_contacts(self.contacts)
        net.log_many(self.interactions)
        net.add_events(self.events, link=False)
        for i, entry in enumerate(self.ledger):
            with _placed(f"ledger[{i}]"):
                net.ledger.record(entry)
        for old, new in self.ledger_aliases.items():
            net.ledger.repoint(old, new)
        for i, relation in enumerate(self.relations):
            with _placed(f"relations[{i}]"):
                net.add_relation(relation)
        return net


class _PlacedError(Exception):
    """An error about the record at ``place`` (a JSON path such as ``relations[1]``)."""

    def __init__(self, place: str, error: LookupError | ValueError) -> None:
        super().__init__(place)
        self.place = place
        self.error = error


@contextlib.contextmanager
def _placed(place: str) -> Iterator[None]:
    try:
        yield
    except (LookupError, ValueError) as exc:
        raise _PlacedError(place, exc) from None


def dumps(net: Network, *, indent: int | None = 2) -> str:
    """The JSON document of ``net``.

    A lone surrogate in a text (which no UTF-8 file can hold) is written as U+FFFD.

    Args:
        net: The network to write.
        indent: Spaces per level, or ``None`` for one compact line.
    """
    doc = NetworkDocument.of(net)
    try:
        return doc.model_dump_json(indent=indent, exclude_defaults=True)
    except pydantic_core.PydanticSerializationError:
        # Only a lone surrogate makes pydantic's UTF-8 writer fail: take the slower road.
        data = doc.model_dump(mode="json", exclude_defaults=True)
        return scrub_surrogates(_json.dumps(data, indent=indent, ensure_ascii=False))


def dump(net: Network, path_or_file: PathOrFile, *, indent: int | None = 2) -> None:
    """Write the JSON document of ``net`` (atomically, for a path)."""
    write_bytes(dumps(net, indent=indent).encode("utf-8"), path_or_file)


def loads(data: str | bytes, *, source: str | None = None) -> Network:
    """Read a network from its JSON document.

    JSON is written by programs, so any invalid record makes the whole document invalid.

    Raises:
        ParseError: The text is not JSON, not a netcore document, or a record in it is
            invalid; ``line`` is set for JSON syntax errors and ``property`` names the
            JSON path of the bad value (e.g. ``contacts[3].emails[0].address``).
    """
    try:
        raw: Any = _json.loads(data)
    except _json.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {exc.msg}", source=source, line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # bad UTF-8, an integer of 5,000 digits
        raise ParseError(f"not JSON: {exc}", source=source) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ParseError(
            f'not a netcore network document (expected {{"format": "{FORMAT}", ...}})',
            source=source,
            property="format",
        )
    if raw.get("version") != VERSION:
        raise ParseError(
            f"document version {raw.get('version')!r} is not supported (this netcore reads "
            f"version {VERSION})",
            source=source,
            property="version",
        )
    try:
        doc = NetworkDocument.model_validate(raw)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        raise ParseError(
            f"{first['msg']} ({exc.error_count()} invalid value(s) in all)",
            source=source,
            property=_path(first["loc"]),
        ) from None
    try:
        return doc._build()
    except _PlacedError as placed:
        raise ParseError(_message(placed.error), source=source, property=placed.place) from None
    except (ValueError, LookupError) as exc:  # RecordConflictError, NotFoundError
        raise ParseError(_message(exc), source=source) from None


def _message(exc: ValueError | LookupError) -> str:
    """The text of ``exc`` (a ``KeyError`` shows its key quoted: its first argument)."""
    return str(exc.args[0] if isinstance(exc, LookupError) and exc.args else exc)


def load(path_or_file: PathOrFile) -> Network:
    """Read a network from a JSON file (path or binary file object).

    Raises:
        ParseError: As :func:`loads`.
    """
    return loads(read_bytes(path_or_file), source=source_name(path_or_file))


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a network document.

    Examples:
        >>> schema()["title"]
        'NetworkDocument'
    """
    return NetworkDocument.model_json_schema()


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
