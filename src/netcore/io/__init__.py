r"""The loading pipeline: from files on disk to a :class:`~netcore.model.Network`, one way.

The Python API and every ``netcore`` command load through :func:`build_network`, in
four steps, each in its own module (``docs/architecture.md`` draws them):

1. **detect** (:func:`detect`): what a file holds, from its first bytes;
2. **plan** (:func:`plan`): which reader reads which file, and what it contributes;
3. **read** (:func:`load`, :func:`loads`): each file parsed by its codec;
4. **assemble** (:func:`build_network`): contacts, then events, interactions and
   favours, people resolved against everyone read (and a store's contacts), with what
   matched nobody reported per file.

Defaults live in one place (``netcore.io._defaults``): ``as_of`` is today unless given;
calendars are read from :data:`RECURRENCE_YEARS` years before it to :data:`LOOKAHEAD_DAYS`
days after it (what is booked: never contact, but ``due`` knows it is planned).
:func:`save` and :func:`dumps` write contacts in every output format.

Examples:
    >>> from datetime import date
    >>> from netcore import io, scoring
    >>> loaded = io.build_network(["examples/data"], as_of=date(2026, 11, 27))
    >>> len(loaded.network) > 0, loaded.unmatched == {} or isinstance(loaded.unmatched, dict)
    (True, True)
"""

from __future__ import annotations

from netcore.formats.activity import (
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    read_interactions,
    read_ledger,
)
from netcore.io._assemble import NetworkLoad, build_network
from netcore.io._defaults import LOOKAHEAD_DAYS, RECURRENCE_YEARS, end_of, recurrence_window, today
from netcore.io._detect import SNIFF_BYTES, FileKind, detect
from netcore.io._plan import PlannedFile, Role, expand_paths, plan
from netcore.io._read import LoadedFile, load, loads
from netcore.io._write import OUTPUT_FORMATS, OutputFormat, dumps, output_format_for, save

__all__ = [
    "INTERACTION_COLUMNS",
    "LEDGER_COLUMNS",
    "LOOKAHEAD_DAYS",
    "OUTPUT_FORMATS",
    "RECURRENCE_YEARS",
    "SNIFF_BYTES",
    "FileKind",
    "LoadedFile",
    "NetworkLoad",
    "OutputFormat",
    "PlannedFile",
    "Role",
    "build_network",
    "detect",
    "dumps",
    "end_of",
    "expand_paths",
    "load",
    "loads",
    "output_format_for",
    "plan",
    "read_interactions",
    "read_ledger",
    "recurrence_window",
    "save",
    "today",
]
