import pickle

import pytest

from netcore.errors import (
    LimitExceededError,
    MissingDependencyError,
    NetcoreError,
    NotFoundError,
    ParseError,
    RecordConflictError,
    StoreError,
    UnsupportedFormatError,
)
from netcore.formats.issues import Issue, Severity


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ParseError, ValueError),
        (LimitExceededError, ValueError),
        (RecordConflictError, ValueError),
        (NotFoundError, LookupError),
        (UnsupportedFormatError, ValueError),
        (MissingDependencyError, ImportError),
        (StoreError, RuntimeError),
    ],
)
def test_every_error_is_a_netcore_error_and_its_builtin(cls, builtin):
    assert issubclass(cls, NetcoreError)
    assert issubclass(cls, builtin)


def test_limit_exceeded_is_a_parse_error():
    assert issubclass(LimitExceededError, ParseError)


def test_parse_error_message_names_source_line_and_property():
    err = ParseError("bad value", source="a.vcf", line=12, property="TEL")
    assert str(err) == "a.vcf:12: TEL: bad value"
    assert (err.source, err.line, err.property, err.message) == ("a.vcf", 12, "TEL", "bad value")


def test_parse_error_without_source_says_line():
    assert str(ParseError("oops", line=3)) == "line 3: oops"
    assert str(ParseError("oops")) == "oops"


def test_parse_error_from_issue_carries_all_issues():
    first = Issue("x.ics", 1, "DTSTART", Severity.WARNING, "guessed zone")
    bad = Issue("x.ics", 9, "RRULE", Severity.ERROR, "INTERVAL=0")
    err = ParseError.from_issue(bad, [first, bad])
    assert err.line == 9
    assert err.property == "RRULE"
    assert err.issues == (first, bad)


def test_parse_error_survives_pickling():
    err = pickle.loads(pickle.dumps(ParseError("m", source="s", line=2, property="P")))
    assert isinstance(err, ParseError)
    assert (err.source, err.line, err.property) == ("s", 2, "P")
    assert str(err) == "s:2: P: m"


def test_module_docstring_draws_the_tree():
    import netcore.errors

    doc = netcore.errors.__doc__ or ""
    for name in (
        "NetcoreError",
        "ParseError",
        "LimitExceededError",
        "RecordConflictError",
        "NotFoundError",
        "UnsupportedFormatError",
        "MissingDependencyError",
        "StoreError",
    ):
        assert name in doc
