"""The domain model: records (frozen pydantic) and aggregates (attrs), pure and I/O-free.

This package imports only pydantic, attrs, the standard library and ``netcore.errors``;
an import-linter contract keeps formats, scoring, storage and the CLI out of it.
"""

from netcore.model.contact import Contact, Name
from netcore.model.event import (
    Attendee,
    AttendeeRole,
    AttendeeStatus,
    Event,
    EventKind,
    EventStatus,
)
from netcore.model.interaction import Direction, Interaction, InteractionKind
from netcore.model.ledger import (
    Ask,
    AskState,
    EntryType,
    FavourDirection,
    FavourKind,
    Ledger,
    LedgerEntry,
)
from netcore.model.me import Me
from netcore.model.network import AttendeeMatch, EventReport, Network
from netcore.model.relations import Relation, RelationKind, SearchDocument
from netcore.model.values import (
    Address,
    Email,
    Extension,
    Organization,
    PartialDate,
    Phone,
    Photo,
    PropertyForm,
    Record,
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
    "Me",
    "Name",
    "Network",
    "Organization",
    "PartialDate",
    "Phone",
    "Photo",
    "PropertyForm",
    "Record",
    "Related",
    "Relation",
    "RelationKind",
    "SearchDocument",
    "Url",
]
