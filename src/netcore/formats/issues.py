"""Issue records and the ``Parsed`` result every reader returns.

A reader never throws away what it cannot understand: it records an :class:`Issue`
naming the source, the line and the property, and carries on. ``Parsed`` is a plain
list of what was read with the issues beside it.

Examples:
    >>> from netcore.formats.issues import Issue, Parsed, Severity
    >>> p: Parsed[str] = Parsed(["a"], [Issue("x.vcf", 3, "TEL", Severity.WARNING, "bad")])
    >>> p[0], p.issues[0].line
    ('a', 3)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Generic, TypeVar

import attrs

from netcore.errors import ParseError

__all__ = ["Issue", "IssueCollector", "Parsed", "Severity"]

T = TypeVar("T")


class Severity(enum.StrEnum):
    """How serious an issue is.

    ``ERROR``: something could not be read as meant (the raw text is still kept).
    ``WARNING``: read, but repaired or guessed. ``INFO``: worth knowing, nothing lost.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(slots=True)
class Issue:
    """One problem found in the input.

    Attributes:
        source: The file or stream name, where known.
        line: 1-based line number where the problem starts, where known.
        property: The property, parameter, column or JSON path concerned.
        severity: How serious it is.
        message: What is wrong and what netcore did about it.
    """

    source: str | None
    line: int | None
    property: str | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        prop = f" {self.property}:" if self.property else ""
        return f"{where}: {self.severity.value}:{prop} {self.message}"


class Parsed(list[T], Generic[T]):
    """A list of records read from some input, with the :class:`Issue` records found on the way.

    Examples:
        >>> p = Parsed([1, 2])
        >>> list(p), p.issues
        ([1, 2], [])
    """

    __slots__ = ("issues",)

    def __init__(self, items: Iterable[T] = (), issues: Iterable[Issue] = ()) -> None:
        super().__init__(items)
        self.issues: list[Issue] = list(issues)

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity ``ERROR``."""
        return [i for i in self.issues if i.severity is Severity.ERROR]

    def __repr__(self) -> str:
        return f"Parsed({list.__repr__(self)}, issues={self.issues!r})"


class IssueCollector:
    """Collects issues for one input; raises on the first error when strict.

    Args:
        source: Name of the input, copied into every issue.
        strict: Raise :class:`~netcore.errors.ParseError` on the first ``ERROR`` issue.
    """

    __slots__ = ("issues", "source", "strict")

    def __init__(self, source: str | None = None, *, strict: bool = False) -> None:
        self.source = source
        self.strict = strict
        self.issues: list[Issue] = []

    def add(
        self,
        severity: Severity,
        message: str,
        *,
        line: int | None = None,
        property: str | None = None,
    ) -> Issue:
        """Record an issue; in strict mode an ``ERROR`` raises ``ParseError`` at once."""
        issue = Issue(self.source, line, property, severity, message)
        self.issues.append(issue)
        if self.strict and severity is Severity.ERROR:
            raise ParseError.from_issue(issue, self.issues)
        return issue

    def error(self, message: str, *, line: int | None = None, property: str | None = None) -> Issue:
        """Record an ``ERROR`` issue (raises in strict mode)."""
        return self.add(Severity.ERROR, message, line=line, property=property)

    def warning(
        self, message: str, *, line: int | None = None, property: str | None = None
    ) -> Issue:
        """Record a ``WARNING`` issue."""
        return self.add(Severity.WARNING, message, line=line, property=property)

    def info(self, message: str, *, line: int | None = None, property: str | None = None) -> Issue:
        """Record an ``INFO`` issue."""
        return self.add(Severity.INFO, message, line=line, property=property)
