"""netcore: typed professional networks, lossless contact codecs, explainable scores.

The records (:class:`Contact`, :class:`Interaction`, :class:`Event`, :class:`LedgerEntry`, ...)
and the :class:`Network` aggregate are importable from here; the codecs live in
``netcore.formats`` (``vcard``, ``jcard``, ``ical``, ``csv``, ``json``) and the scores
in ``netcore.scoring``.

Examples:
    >>> import netcore
    >>> net = netcore.Network()
    >>> net.add_contacts([netcore.Contact(uid="ada", formatted_name="Ada Lovelace")])
    >>> net.contact("ada").formatted_name
    'Ada Lovelace'
"""

import importlib as _importlib
import typing as _typing

from netcore._version import __version__
from netcore.errors import (
    LimitExceededError,
    MissingDependencyError,
    NetcoreError,
    NotFoundError,
    ParseError,
    RecordConflictError,
    StoreError,
    UnsupportedFormatError,
)

if _typing.TYPE_CHECKING:
    from netcore.model import (
        Address,
        Ask,
        AskState,
        Attendee,
        AttendeeMatch,
        AttendeeRole,
        AttendeeStatus,
        Contact,
        Direction,
        Email,
        EntryType,
        Event,
        EventKind,
        EventReport,
        EventStatus,
        Extension,
        FavourDirection,
        FavourKind,
        Interaction,
        InteractionKind,
        Ledger,
        LedgerEntry,
        Me,
        Name,
        Network,
        Organization,
        PartialDate,
        Phone,
        Photo,
        Related,
        Relation,
        RelationKind,
        Url,
    )

_MODEL_NAMES = frozenset(
    {
        "Address",
        "Ask",
        "AskState",
        "Attendee",
        "AttendeeMatch",
        "AttendeeRole",
        "AttendeeStatus",
        "Contact",
        "Direction",
        "Email",
        "EntryType",
        "Event",
        "EventKind",
        "EventReport",
        "EventStatus",
        "Extension",
        "FavourDirection",
        "FavourKind",
        "Interaction",
        "InteractionKind",
        "Ledger",
        "LedgerEntry",
        "Me",
        "Name",
        "Network",
        "Organization",
        "PartialDate",
        "Phone",
        "Photo",
        "Related",
        "Relation",
        "RelationKind",
        "Url",
    }
)
"""The records and the aggregate, imported from ``netcore.model`` on first use."""

_SUBPACKAGES = frozenset(
    {"cli", "dedupe", "errors", "formats", "io", "model", "report", "scoring", "store", "testing"}
)


__all__ = [
    "Address",
    "Ask",
    "AskState",
    "Attendee",
    "AttendeeMatch",
    "AttendeeRole",
    "AttendeeStatus",
    "Contact",
    "Direction",
    "Email",
    "EntryType",
    "Event",
    "EventKind",
    "EventReport",
    "EventStatus",
    "Extension",
    "FavourDirection",
    "FavourKind",
    "Interaction",
    "InteractionKind",
    "Ledger",
    "LedgerEntry",
    "LimitExceededError",
    "Me",
    "MissingDependencyError",
    "Name",
    "NetcoreError",
    "Network",
    "NotFoundError",
    "Organization",
    "ParseError",
    "PartialDate",
    "Phone",
    "Photo",
    "RecordConflictError",
    "Related",
    "Relation",
    "RelationKind",
    "StoreError",
    "UnsupportedFormatError",
    "Url",
    "__version__",
]


def __getattr__(name: str) -> _typing.Any:
    """Import the model (pydantic) only when a record is first asked for.

    ``import netcore`` (and so every ``netcore`` command, ``--help`` too) stays quick:
    pydantic and the records are built on first use of ``netcore.Contact`` and the like.
    """
    if name in _MODEL_NAMES:
        value = getattr(_importlib.import_module("netcore.model"), name)
        globals()[name] = value
        return value
    if name in _SUBPACKAGES:
        return _importlib.import_module(f"netcore.{name}")
    raise AttributeError(f"module 'netcore' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
