import inspect

import netcore
import netcore.errors
import netcore.model

EXPECTED = {
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
    "EventStatus",
    "EventReport",
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
}


def test_all_is_sorted_and_unique():
    assert list(netcore.__all__) == sorted(set(netcore.__all__))


def test_all_is_exactly_the_public_names():
    assert set(netcore.__all__) == EXPECTED


def test_every_exported_name_is_importable_and_not_private():
    for name in netcore.__all__:
        assert hasattr(netcore, name), name
    public_module_attrs = {
        n for n, v in vars(netcore).items() if not n.startswith("_") and not inspect.ismodule(v)
    }
    assert public_module_attrs <= set(netcore.__all__), public_module_attrs - set(netcore.__all__)


def test_design_md_import_line_works():
    from netcore import (  # noqa: F401
        Attendee,
        Contact,
        Direction,
        Email,
        Event,
        FavourDirection,
        FavourKind,
        Interaction,
        InteractionKind,
        Ledger,
        LedgerEntry,
        Name,
        NetcoreError,
        Network,
        Organization,
        ParseError,
        PartialDate,
        Phone,
    )
    from netcore.formats import json  # noqa: F401


def test_subpackage_all_lists_are_sorted():
    for module in (netcore.model, netcore.errors):
        assert list(module.__all__) == sorted(module.__all__), module.__name__


def test_every_public_name_has_a_docstring():
    for name in netcore.__all__:
        if name == "__version__":
            continue
        obj = getattr(netcore, name)
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_version_is_a_string():
    assert isinstance(netcore.__version__, str)
    assert netcore.__version__
