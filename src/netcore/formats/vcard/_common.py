"""What the vCard reader and writer share: versions, types, names (private)."""

from __future__ import annotations

import re
import sys
import uuid
from functools import lru_cache

from pydantic import ValidationError

from netcore.formats.contentline import Params, Property
from netcore.model import (
    Contact,
    Extension,
)
from netcore.model.values import type_names

VERSIONS = ("2.1", "3.0", "4.0")
"""The vCard versions netcore reads and writes."""

_UID_NAMESPACE = uuid.UUID("6f1c1a52-3b9e-5c1e-9a63-0e2f3c8b7d41")
_TYPE_SKIP = {"ENCODING", "CHARSET", "QUOTED-PRINTABLE", "BASE64", "VALUE", "LANGUAGE", "8BIT"}
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_LABELLED = {"EMAIL", "TEL", "ADR", "URL", "IMPP", "X-SOCIALPROFILE", "RELATED"}
_MODELLED = {
    "FN", "N", "NICKNAME", "EMAIL", "TEL", "ADR", "LABEL", "ORG", "TITLE", "ROLE", "URL",
    "BDAY", "ANNIVERSARY", "NOTE", "CATEGORIES", "UID", "REV", "PHOTO", "RELATED", "KIND",
    "GENDER", "IMPP", "X-SOCIALPROFILE", "VERSION", "X-NETCORE-CADENCE-DAYS",
}  # fmt: skip


def _types(prop: Property) -> tuple[tuple[str, ...], bool]:
    """Lowercase types (TYPE values and 2.1 bare params) and whether the property is preferred.

    Results are cached by the (hashable) parameters: cards repeat a handful of parameter
    lists (``TYPE=work``, ``TYPE=cell,voice``, ...), so the cache makes this a dict lookup
    and every contact shares the same small type tuples instead of holding copies.
    """
    params = prop.params
    if not params:
        return _NO_TYPES
    try:
        return _TYPES_CACHE[params]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - params built by hand with lists: not hashable
        return _compute_types(params)
    result = _compute_types(params)
    if len(_TYPES_CACHE) >= _TYPES_CACHE_SIZE:
        _TYPES_CACHE.clear()
    _TYPES_CACHE[params] = result
    return result


_NO_TYPES: tuple[tuple[str, ...], bool] = ((), False)
_TYPES_CACHE: dict[Params, tuple[tuple[str, ...], bool]] = {}
_TYPES_CACHE_SIZE = 2048


def _compute_types(params: Params) -> tuple[tuple[str, ...], bool]:
    # A dict keeps the first-seen order and finds a repeat in O(1): a list made this
    # quadratic on a line with thousands of types.
    types: dict[str, None] = {}
    preferred = False
    for name, values in params:
        key = name.upper()
        if key == "TYPE":
            for v in values:
                for t in type_names(v):
                    if t == "pref":
                        preferred = True
                    else:
                        types.setdefault(t)
        elif key == "PREF":
            if not values or values[0].strip() == "1":
                preferred = True
        elif not values and key not in _TYPE_SKIP:
            for t in type_names(name):
                if t == "pref":
                    preferred = True
                else:
                    types.setdefault(t)
    return tuple(sys.intern(t) for t in types), preferred


# Parameters a modelled property's record holds in its own fields (or that the writer
# derives again), by how the property is read; every other one goes to ``params``.
_CONSUMED_TYPED = frozenset({"TYPE", "ENCODING", "CHARSET", "VALUE"})
_CONSUMED_PLAIN = frozenset({"ENCODING", "CHARSET"})


def other_params(
    prop: Property, *, typed: bool = True, also: frozenset[str] = frozenset()
) -> Params:
    """The parameters of ``prop`` that its record keeps in ``params``.

    ``typed``: the property's types are read (``TYPE``, bare 2.1 parameters and ``PREF=1``
    are consumed); otherwise (``N``, ``ORG``) only the transfer encoding and charset are.
    ``also``: parameters the handler reads itself (``LABEL`` on ``ADR``, ``X-SERVICE-TYPE``).
    """
    params = prop.params
    if not params:
        return ()
    return _other_params(params, typed, also)


@lru_cache(maxsize=2048)
def _other_params(params: Params, typed: bool, also: frozenset[str]) -> Params:
    consumed = _CONSUMED_TYPED if typed else _CONSUMED_PLAIN
    out: list[tuple[str, tuple[str, ...]]] = []
    for name, values in params:
        key = name.upper()
        if key in consumed or key in also:
            continue
        if not values and (typed or key in _TYPE_SKIP):
            continue  # a 2.1 type (TEL;CELL), PREF, or a transfer marker (QUOTED-PRINTABLE)
        if typed and key == "PREF" and values[0].strip() == "1":
            continue
        out.append((name, values))
    return tuple(out)


def _param(prop: Property, name: str) -> str | None:
    values = prop.param(name)
    return values[0] if values else None


def _extension(prop: Property) -> Extension:
    try:
        return Extension(name=prop.name, value=prop.value, group=prop.group, params=prop.params)
    except ValidationError:
        # A name no content line can carry (a control character in it): keep the property
        # under a name that can, with the original name, escaped, as its first parameter.
        # Never model_construct an invalid record: it would not survive JSON or the store.
        written = f"{prop.group}.{prop.name}" if prop.group is not None else prop.name
        original = written.encode("unicode_escape").decode("ascii")
        return Extension(
            name="X-NETCORE-BAD-NAME",
            value=prop.value,
            params=(("X-ORIGINAL-NAME", (original,)), *prop.params),
        )


_BAD_NAME = "X-NETCORE-BAD-NAME"
_WRITABLE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_ORIGINAL = "X-ORIGINAL-NAME"
# The escapes of an X-ORIGINAL-NAME: Python's ``unicode_escape`` forms (what the reader
# writes for a name with a control character) and a doubled backslash.
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\\ntr])")
_SIMPLE_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def _unescape(match: re.Match[str]) -> str:
    text = match.group()[1:]
    return _SIMPLE_ESCAPES.get(text) or chr(int(text[1:], 16))


# Extension names the reader would take as a modelled property when written as they are:
# a LABEL extension next to an address without a formatted text would become its label.
SHADOWED = frozenset({"LABEL"})


def safe_extension_head(
    name: str, params: Params, shadowed: frozenset[str] = frozenset()
) -> tuple[str, Params]:
    """The name and parameters an extension is written with.

    A name outside ``[A-Za-z0-9_-]+`` (RFC 6350's letters, digits and ``-``, plus the
    ``_`` that Outlook and WAB write and every reader accepts: ``X-WAB-SPOUSE_NAME``), such
    as ``X-GOOGLE TALK`` or ``X-messaging/twitter-All``, which the model keeps as read, is
    written as
    ``X-NETCORE-BAD-NAME`` with the name in a first ``X-ORIGINAL-NAME`` parameter, so the
    line is a valid content line; :func:`restored_extension_head` reads it back. So is a
    name in ``shadowed`` (upper case), which the reader would otherwise map.
    """
    if _WRITABLE_NAME.match(name) and name.upper() not in shadowed:
        return name, params
    # A backslash is doubled: a single one starts the escapes the reader writes for a
    # control character (``\x01``), so ``X\A`` and ``X\x41`` both come back as they were.
    return _BAD_NAME, ((_ORIGINAL, (name.replace("\\", "\\\\"),)), *params)


def restored_extension_head(name: str, params: Params) -> tuple[str, Params]:
    r"""The inverse of :func:`safe_extension_head` for names the model can hold.

    Its escapes (``\\`` for a backslash; ``\x01`` and the like, the escaped form the
    reader gives a name with a control character) are undone; a name the model then
    refuses (a control character) stays as it is, under ``X-NETCORE-BAD-NAME``.
    """
    if name.upper() != _BAD_NAME or not params:
        return name, params
    pname, values = params[0]
    if pname.upper() != _ORIGINAL or len(values) != 1:
        return name, params
    original = _ESCAPE.sub(_unescape, values[0]) if "\\" in values[0] else values[0]
    if (
        _WRITABLE_NAME.match(original) and original.upper() not in SHADOWED
    ) or not Extension._NAME.match(original):
        return name, params
    if original.rstrip(" \t").upper() in Extension._STRUCTURE:
        return name, params
    return original, params[1:]


def derive_formatted_name(contact: Contact) -> str:
    """The FN netcore writes for a contact without one: from N, else ORG, else email.

    Examples:
        >>> from netcore.model import Contact, Name
        >>> derive_formatted_name(Contact(uid="u", name=Name(given="Ada", family="Lovelace")))
        'Ada Lovelace'
    """
    if contact.formatted_name:
        return contact.formatted_name
    n = contact.name
    if n is not None:
        parts = [*n.prefixes, n.given, *n.additional, n.family, *n.suffixes]
        text = _one_line(" ".join(p for p in parts if p))
        if text:
            return text
    for org in contact.organizations:
        if _one_line(org.name):
            return _one_line(org.name)
    if contact.emails:
        return contact.emails[0].address
    return ""


_BREAKS = re.compile(r"[\t\r\n]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(text: str) -> str:
    """``text`` as a formatted name may hold it: line breaks as spaces, no control characters."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)).strip()


_SHARED: dict[str, str] = {}


def _share(text: str) -> str:
    """One shared copy of short strings that repeat across cards (labels, media types)."""
    if len(text) > 40:
        return text
    shared = _SHARED.get(text)
    if shared is None:
        if len(_SHARED) >= 1024:
            _SHARED.clear()
        _SHARED[text] = shared = text
    return shared


_COMPONENT = "X-NETCORE-COMPONENT"
"""The extension holding a nested component other than a vCard, as escaped text."""


_TOKEN = re.compile(r"^[A-Za-z0-9-]+$")


def label_needs_group(addresses: list[tuple[frozenset[str], bool]]) -> list[bool]:
    """Which 2.1/3.0 ``LABEL`` lines must share their ``ADR``'s group to read back on it.

    ``addresses``: each address's set of types and whether it has a formatted text, in
    order. The reader gives a ``LABEL`` without a group to the first address of its types
    that has no formatted text yet; each address's ``LABEL`` is written right after its
    ``ADR``, so that rule gives it back to its own address unless an earlier address of
    the same types has no formatted text (that one would take it). Such a ``LABEL`` is
    written in its address's group instead, which the reader pairs first.
    """
    unlabelled: set[frozenset[str]] = set()
    needs: list[bool] = []
    for types, formatted in addresses:
        needs.append(formatted and types in unlabelled)
        if not formatted:
            unlabelled.add(types)
    return needs
