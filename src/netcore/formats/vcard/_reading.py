"""Reading vCard text, bytes and files into contacts (private)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import ValidationError

from netcore import _gc
from netcore._files import PathOrFile, iter_chunks, source_name
from netcore.errors import ParseError
from netcore.formats import contentline
from netcore.formats.contentline import Component, Limits
from netcore.formats.issues import Issue, IssueCollector, Parsed
from netcore.formats.vcard._builder import _build
from netcore.model import (
    Contact,
)

__all__: list[str] = []


def contact_from_component(
    component: Component,
    *,
    issues: IssueCollector | None = None,
    source: str | None = None,
    from_jcard: bool = False,
) -> Contact:
    r"""Map one parsed ``VCARD`` component to a :class:`~netcore.model.Contact`.

    Args:
        component: A component from :func:`netcore.formats.contentline.parse`.
        issues: Where to record what could not be mapped (a new collector if omitted).
        source: Copied into ``Contact.source``.
        from_jcard: The component was read from jCard, whose value types are explicit (a
            missing ``VALUE`` there says nothing about how the value was written).

    Returns:
        The contact; properties netcore does not model are in ``extensions``.

    Examples:
        >>> comp = contentline.parse("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nUID:1\nEND:VCARD\n")[0]
        >>> contact_from_component(comp).formatted_name
        'Ann'
    """
    collector = issues if issues is not None else IssueCollector(source)
    return _build(component, collector, source, from_jcard=from_jcard)


def _read_components(
    comps: Iterable[Component], collector: IssueCollector, source: str | None
) -> Iterator[Contact]:
    for comp in comps:
        if comp.name.upper() != "VCARD":
            collector.warning(
                f"{comp.name} component is not a vCard; skipped",
                line=comp.line,
                property="BEGIN",
            )
            continue
        try:
            yield _build(comp, collector, source)
        except ParseError:
            raise
        except (ValidationError, ValueError) as exc:
            collector.error(f"card could not be read: {exc}", line=comp.line)


def loads(
    data: str | bytes,
    *,
    strict: bool = False,
    source: str | None = None,
    limits: Limits | None = None,
) -> Parsed[Contact]:
    r"""Read every card in ``data``.

    Args:
        data: vCard text or bytes (2.1, 3.0 or 4.0; several cards; any charset).
        strict: Raise :class:`~netcore.errors.ParseError` on the first error (a missing
            END, a limit) instead of recording an issue.
        source: Name of the input, for issues and ``Contact.source``.
        limits: Bounds on line length, card size, property count and nesting
            (:class:`~netcore.formats.contentline.Limits`).

    Returns:
        The contacts, with ``.issues`` naming line and property.

    Raises:
        ParseError: In strict mode only; no other exception escapes, whatever the input.

    Examples:
        >>> cards = loads(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\n"
        ...               b"TEL;CELL;PREF:+1 202 555 0143\r\nEND:VCARD\r\n")
        >>> c = cards[0]
        >>> c.formatted_name, c.phones[0].types, c.phones[0].preferred, c.phones[0].e164
        ('John Doe', ('cell',), True, '+12025550143')
    """
    collector = IssueCollector(source, strict=strict, capped=True)
    # The cyclic garbage collector is paused while the batch is built: it would otherwise
    # dominate bulk record creation while freeing nothing (see DESIGN.md).
    with _gc.paused():
        try:
            comps = contentline.parse(
                data, strict=strict, source=source, limits=limits, implicit="VCARD"
            )
            collector.issues.extend(comps.issues)
            contacts = list(_read_components(comps, collector, source))
            collector.issues.extend(collector.summary())
        except ParseError:
            raise
        except Exception as exc:  # pragma: no cover - a bug: never let it escape as another type
            raise ParseError(f"internal error: {exc!r}", source=source) from exc
    return Parsed(contacts, collector.issues)


def iter_load(
    path_or_file: PathOrFile,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[Contact]:
    r"""Yield the contacts of a vCard file one at a time, reading it in chunks.

    Memory stays bounded by the largest card, not by the file: use this to import files
    too large to hold as one list (a store import, a conversion). Issues are appended to
    ``issues`` as they are found.

    Args:
        path_or_file: A path or a binary file object.
        strict: As for :func:`loads`.
        limits: As for :func:`loads`.
        issues: A list that receives every :class:`~netcore.formats.issues.Issue`.

    Raises:
        ParseError: In strict mode only.
        OSError: The file cannot be read.

    Examples:
        >>> import io
        >>> found: list[Issue] = []
        >>> data = b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\nBEGIN:VCARD\nUID:b\n"
        >>> [c.uid for c in iter_load(io.BytesIO(data), issues=found)]
        ['a', 'b']
        >>> found[0].message
        'BEGIN:VCARD (line 6) has no END before the end of the input'
    """
    source = source_name(path_or_file)
    collector = IssueCollector(source, strict=strict, capped=True)
    if issues is not None:
        collector.issues = issues
    try:
        comps = contentline.iter_components(
            iter_chunks(path_or_file),
            strict=strict,
            source=source,
            limits=limits,
            implicit="VCARD",
            issues=collector.issues,
        )
        yield from _read_components(comps, collector, source)
        collector.issues.extend(collector.summary())
    except (ParseError, OSError):
        raise
    except Exception as exc:  # pragma: no cover - a bug: never let it escape as another type
        raise ParseError(f"internal error: {exc!r}", source=source) from exc


def load(
    path_or_file: PathOrFile, *, strict: bool = False, limits: Limits | None = None
) -> Parsed[Contact]:
    r"""Read a vCard file card by card into a list (see :func:`iter_load` to stream).

    The cyclic garbage collector is paused while the batch is built: it would otherwise
    dominate bulk record creation while freeing nothing (see DESIGN.md).

    Args:
        path_or_file: A path or a binary file object.
        strict: As for :func:`loads`.
        limits: As for :func:`loads`.

    Returns:
        The contacts, with ``.issues``.

    Raises:
        ParseError: In strict mode only.
        OSError: The file cannot be read.

    Examples:
        >>> import io
        >>> load(io.BytesIO(b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nUID:a\nEND:VCARD\n"))[0].uid
        'a'
    """
    sink: list[Issue] = []
    with _gc.paused():
        out = list(iter_load(path_or_file, strict=strict, limits=limits, issues=sink))
    return Parsed(out, sink)
