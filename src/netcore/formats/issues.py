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
import re
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


MAX_ISSUES_PER_KIND = 10
"""Issues of one kind kept per input (with their lines); the rest are counted."""

MAX_ISSUES = 1000
"""Issues kept per input in all; the rest are counted in one summary issue."""

# What varies between issues of one kind: numbers and quoted text.
_VARIABLE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


class IssueCollector:
    """Collects issues for one input; raises on the first error when strict.

    With ``capped`` (the vCard, jCard and content-line readers set it), hostile input
    cannot flood it: of each kind of issue (its severity and message with
    numbers and quoted text left out) the first :data:`MAX_ISSUES_PER_KIND` are kept with
    their lines, and at most :data:`MAX_ISSUES` in all; the rest are counted, and
    :meth:`summary` gives one issue per kind that was cut (plus one for the total cap).

    Args:
        source: Name of the input, copied into every issue.
        strict: Raise :class:`~netcore.errors.ParseError` on the first ``ERROR`` issue.
        capped: Keep at most a few issues of a kind (see above); the reader then adds
            :meth:`summary` at the end of the input.
    """

    __slots__ = (
        "_cut",
        "_kinds",
        "_over",
        "_over_line",
        "_total",
        "capped",
        "issues",
        "source",
        "strict",
    )

    def __init__(
        self, source: str | None = None, *, strict: bool = False, capped: bool = False
    ) -> None:
        self.source = source
        self.strict = strict
        self.capped = capped
        self.issues: list[Issue] = []
        self._kinds: dict[tuple[Severity, str], int] = {}
        self._cut: dict[tuple[Severity, str], tuple[Issue, int, int | None]] = {}
        self._total = 0
        self._over = 0
        self._over_line: int | None = None

    def keep(self, issue: Issue) -> bool:
        """Count ``issue`` and say whether it is within the caps (then the caller lists it)."""
        if not self.capped:
            return True
        key = (issue.severity, _VARIABLE.sub("#", issue.message))
        seen = self._kinds.get(key, 0)
        self._kinds[key] = seen + 1
        if self._total >= MAX_ISSUES:
            if not self._over:
                self._over_line = issue.line
            self._over += 1
            return False
        if seen >= MAX_ISSUES_PER_KIND:
            first, n, line = self._cut.get(key, (issue, 0, issue.line))
            self._cut[key] = (first, n + 1, line)
            return False
        self._total += 1
        return True

    def summary(self) -> list[Issue]:
        """One issue per kind that was cut, and one for the total cap; counts reset."""
        out: list[Issue] = []
        for first, n, line in self._cut.values():
            out.append(
                Issue(
                    self.source,
                    line,
                    first.property,
                    first.severity,
                    f"{n} more issues like this one were not listed (at most "
                    f"{MAX_ISSUES_PER_KIND} of a kind are): {first.message}",
                )
            )
        if self._over:
            out.append(
                Issue(
                    self.source,
                    self._over_line,
                    None,
                    Severity.WARNING,
                    f"{self._over} more issues were not listed (at most {MAX_ISSUES} are)",
                )
            )
        self._cut.clear()
        self._over = 0
        return out

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
        if self.strict and severity is Severity.ERROR:
            self.issues.append(issue)
            raise ParseError.from_issue(issue, self.issues)
        if self.keep(issue):
            self.issues.append(issue)
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
