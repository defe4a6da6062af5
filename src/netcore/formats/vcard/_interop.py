"""vobject interop (private; the only module that imports vobject)."""

from __future__ import annotations

from typing import Any

from netcore.errors import MissingDependencyError, ParseError
from netcore.formats.vcard._reading import loads
from netcore.formats.vcard._writing import dumps
from netcore.model import (
    Contact,
)

__all__: list[str] = []

# --------------------------------------------------------------------------- vobject


def _vobject() -> Any:
    try:
        import vobject
    except ImportError as exc:
        raise MissingDependencyError(
            "vobject interop needs the optional extra: pip install 'netcore[vobject]'"
        ) from exc
    return vobject


def from_vobject(component: Any) -> Contact:
    r"""Convert a vobject vCard component (as CardDAV clients hold them) to a Contact.

    The component is serialized by vobject and read back by netcore, so everything
    netcore reads from a file it reads here too.

    Raises:
        MissingDependencyError: vobject is not installed (``pip install 'netcore[vobject]'``).
        ParseError: vobject's output has no vCard in it.

    Examples:
        >>> import vobject
        >>> card = vobject.readOne("BEGIN:VCARD\nVERSION:3.0\nFN:A\nN:;A;;;\nEND:VCARD\n")
        >>> from_vobject(card).formatted_name
        'A'
    """
    _vobject()
    text = component.serialize()
    parsed = loads(text)
    if not parsed:
        raise ParseError("the vobject component holds no vCard", issues=parsed.issues)
    return parsed[0]


def to_vobject(contact: Contact) -> Any:
    """Convert a Contact to a vobject vCard 3.0 component (vobject knows only 3.0).

    Raises:
        MissingDependencyError: vobject is not installed (``pip install 'netcore[vobject]'``).

    Examples:
        >>> from netcore.model import Contact
        >>> to_vobject(Contact(uid="u", formatted_name="A")).fn.value
        'A'
    """
    vobject = _vobject()
    return vobject.readOne(dumps(contact, version="3.0"))
