"""Content-line records: Property, Component, Limits, and what a head says (private)."""

from __future__ import annotations

from typing import Any

import attrs

from netcore.model._forms import encoding_of

__all__: list[str] = []

_encoding_of = encoding_of  # the one rule of transfer encodings lives in the model

Params = tuple[tuple[str, tuple[str, ...]], ...]
"""Parameters as written: ``(("TYPE", ("WORK", "VOICE")), ("PREF", ()))``."""


@attrs.frozen(slots=True)
class Limits:
    """Bounds that keep hostile or broken input from hanging a reader or exhausting memory.

    Attributes:
        max_line_chars: Longest unfolded content line, in characters (1 MiB).
        max_component_bytes: Largest top-level component (card), in bytes (10 MB).
        max_properties: Most properties in one component (10,000).
        max_depth: Deepest nesting of components (10; a card is depth 1).

    Examples:
        >>> Limits(max_properties=50).max_properties
        50
    """

    max_line_chars: int = 1 << 20
    max_component_bytes: int = 10_000_000
    max_properties: int = 10_000
    max_depth: int = 10


DEFAULT_LIMITS = Limits()


@attrs.frozen(slots=True)
class Property:
    """One content line, as written.

    ``line`` and ``end_line`` (the physical lines it spans, 1-based) do not take part in
    equality, so a property re-read from serialized output equals the original.

    Attributes:
        group: The group before the ``.`` (``item1`` in ``item1.EMAIL``), or ``None``.
        name: The property name, in the case written.
        params: The parameters as an ordered tuple of ``(name, values)`` pairs.
        value: The value text: transfer encodings and charsets decoded, backslash
            escapes kept; base64 values stay base64 text.
        line: First physical line, where known.
        end_line: Last physical line, where known.

    Examples:
        >>> p = Property(None, "TEL", (("TYPE", ("cell",)), ("PREF", ())), "+1 555")
        >>> p.param("type"), p.has_param("pref")
        (('cell',), True)
    """

    group: str | None
    name: str
    params: Params = ()
    value: str = ""
    line: int | None = attrs.field(default=None, eq=False)
    end_line: int | None = attrs.field(default=None, eq=False)

    def param(self, name: str) -> tuple[str, ...] | None:
        """The values of every parameter called ``name`` (any case), or ``None`` if absent."""
        key = name.upper()
        found: list[tuple[str, ...]] = [
            values for pname, values in self.params if pname.upper() == key
        ]
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        return tuple(v for values in found for v in values)  # one pass, not a + per repeat

    def has_param(self, name: str) -> bool:
        """Whether a parameter called ``name`` (any case) is present, even bare."""
        key = name.upper()
        return any(pname.upper() == key for pname, _ in self.params)

    @property
    def encoding(self) -> str | None:
        """``"quoted-printable"``, ``"base64"`` or ``None`` (``ENCODING`` or a bare 2.1 param)."""
        return _encoding_of(self.params)


def _slot_setters() -> tuple[Any, ...]:
    slots = Property.__dict__
    return tuple(slots[f].__set__ for f in ("group", "name", "params", "value", "line", "end_line"))


_SET_GROUP, _SET_NAME, _SET_PARAMS, _SET_VALUE, _SET_LINE, _SET_END = _slot_setters()
_new = object.__new__


def new_property(
    group: str | None,
    name: str,
    params: Params,
    value: str,
    line: int | None,
    end_line: int | None,
) -> Property:
    """``Property(group, name, params, value, line, end_line)``, for the reader's hot loop.

    The same record the attrs ``__init__`` makes (it has no converters nor validators),
    with each slot set directly: about a third cheaper per content line, which is
    measurable next to the plain unfold-and-split floor (issue 18).
    """
    prop = _new(Property)
    _SET_GROUP(prop, group)
    _SET_NAME(prop, name)
    _SET_PARAMS(prop, params)
    _SET_VALUE(prop, value)
    _SET_LINE(prop, line)
    _SET_END(prop, end_line)
    return prop


@attrs.frozen(slots=True)
class Component:
    """A ``BEGIN:name`` ... ``END:name`` block: its properties in order and nested components.

    Attributes:
        name: The component name as written after ``BEGIN:`` (``VCARD``, ``vCard``, ...).
        properties: The properties in input order.
        children: Nested components (a 2.1 ``AGENT`` card, a ``VEVENT`` in a calendar).
        line: Physical line of ``BEGIN``, where known (not part of equality).
        end_line: Physical line of ``END``, where known (not part of equality).

    Examples:
        >>> c = Component("VCARD", (Property(None, "FN", (), "Ann"),))
        >>> c.first("fn").value
        'Ann'
    """

    name: str
    properties: tuple[Property, ...] = ()
    children: tuple[Component, ...] = ()
    line: int | None = attrs.field(default=None, eq=False)
    end_line: int | None = attrs.field(default=None, eq=False)

    def first(self, name: str) -> Property | None:
        """The first property called ``name`` (any case), or ``None``."""
        key = name.upper()
        for prop in self.properties:
            if prop.name.upper() == key:
                return prop
        return None


def _charset_of(params: Params) -> str | None:
    for pname, values in params:
        if pname.upper() == "CHARSET" and values:
            return values[0]
    return None
