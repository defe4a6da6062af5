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
    Url,
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
    "StoreError",
    "UnsupportedFormatError",
    "Url",
    "__version__",
]
