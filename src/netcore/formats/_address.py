"""The e-mail address of a value that may carry a ``mailto:`` prefix (private).

One rule for every reader (vCard ``EMAIL``, CSV e-mail cells): ``mailto:ann@x.example``
(RFC 6068; any case) is the address ``ann@x.example``, so that the same address read
from two formats is the same value.
"""

from __future__ import annotations

__all__ = ["without_mailto"]


def without_mailto(text: str) -> str:
    """``text`` without a leading ``mailto:`` (any case); the rest as written.

    Examples:
        >>> without_mailto("MAILTO:ann@x.example"), without_mailto("ann@x.example")
        ('ann@x.example', 'ann@x.example')
    """
    return text[7:] if text[:7].lower() == "mailto:" else text
