"""The exception tree of netcore.

Bad input is data, misuse is an exception: parsers return what they could read
together with ``issues``, and raise only when asked to be strict. Every exception
netcore raises on purpose derives from :class:`NetcoreError` and also from the
builtin that describes it best, so ``except ValueError`` keeps working::

    NetcoreError
    ├── ParseError (ValueError)          unreadable input; carries source, line, property
    │   └── LimitExceededError           a limit (line, card, nesting, recurrence) was hit
    ├── RecordConflictError (ValueError) a uid or id that already exists; a ledger rule broken
    ├── NotFoundError (LookupError)      a uid, id or event that is not there
    │   └── AmbiguousReferenceError      a name (or email, phone) that several contacts share
    ├── UnsupportedFormatError (ValueError)  a suffix, version or dialect netcore cannot handle
    ├── MissingDependencyError (ImportError) an optional extra (``netcore[vobject]``) is missing
    └── StoreError (RuntimeError)        the SQLite store is unreadable, locked or of a newer schema

Validation of records happens in pydantic: constructing a record with a bad value
raises :class:`pydantic.ValidationError`, which is a ``ValueError`` too.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "AmbiguousReferenceError",
    "IssueLike",
    "LimitExceededError",
    "MissingDependencyError",
    "NetcoreError",
    "NotFoundError",
    "ParseError",
    "RecordConflictError",
    "StoreError",
    "UnsupportedFormatError",
]


class IssueLike(Protocol):
    """What :class:`ParseError` needs of an issue record (see ``netcore.formats.issues.Issue``)."""

    @builtins.property
    def source(self) -> str | None:
        """The file or stream the issue was found in."""

    @builtins.property
    def line(self) -> int | None:
        """1-based line number in the source, where known."""

    @builtins.property
    def property(self) -> str | None:
        """Name of the property (or column, or JSON path) concerned, where known."""

    @builtins.property
    def message(self) -> str:
        """What is wrong and, where possible, what to do."""


class NetcoreError(Exception):
    """Root of every exception netcore raises on purpose."""


class ParseError(NetcoreError, ValueError):
    """Input that cannot be read, or that strict mode refuses.

    Attributes:
        message: What is wrong.
        source: The file or stream name, where known.
        line: The 1-based line number, where known.
        property: The property, column or JSON path concerned, where known.
        issues: Every issue found while reading (strict mode raises after the first error,
            carrying the issues collected so far).

    Examples:
        >>> err = ParseError("unterminated component", source="a.vcf", line=3, property="BEGIN")
        >>> str(err)
        'a.vcf:3: BEGIN: unterminated component'
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        property: str | None = None,
        issues: Sequence[IssueLike] = (),
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.property = property
        self.issues: tuple[IssueLike, ...] = tuple(issues)
        super().__init__(self._render())

    @classmethod
    def from_issue(cls, issue: IssueLike, issues: Sequence[IssueLike] = ()) -> ParseError:
        """Build the error that strict mode raises for ``issue``."""
        return cls(
            issue.message,
            source=issue.source,
            line=issue.line,
            property=issue.property,
            issues=issues or (issue,),
        )

    def _render(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        prefix = f"{where}: " if where else ""
        prop = f"{self.property}: " if self.property else ""
        return f"{prefix}{prop}{self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling of exceptions.
        return (
            _rebuild_parse_error,
            (type(self), self.message, self.source, self.line, self.property),
        )


def _rebuild_parse_error(
    cls: type[ParseError], message: str, source: str | None, line: int | None, prop: str | None
) -> ParseError:
    return cls(message, source=source, line=line, property=prop)


class LimitExceededError(ParseError):
    """A configured limit was hit: line length, card size, property count, nesting, recurrences."""


class RecordConflictError(NetcoreError, ValueError):
    """A uid or id that already exists, or a change the append-only ledger forbids."""


class NotFoundError(NetcoreError, LookupError):
    """A contact uid, interaction id, ledger entry or event that is not there."""


class AmbiguousReferenceError(NotFoundError):
    """A reference to a contact (a name, an email, a phone) that several contacts match.

    Attributes:
        reference: The reference as given.
        candidates: The uids of the contacts it matches, in the order added (the first
            ten; the message says how many there are).
    """

    def __init__(self, reference: str, candidates: Sequence[str], message: str) -> None:
        """Record the reference and its candidates; ``message`` lists them for people."""
        super().__init__(message)
        self.reference = reference
        self.candidates = tuple(candidates)


class UnsupportedFormatError(NetcoreError, ValueError):
    """A file suffix, vCard version, CSV dialect or output format netcore cannot handle."""


class MissingDependencyError(NetcoreError, ImportError):
    """An optional extra is needed: the message names the ``pip install`` that provides it."""


class StoreError(NetcoreError, RuntimeError):
    """The SQLite store cannot be opened, is corrupt, or was written by a newer netcore."""
