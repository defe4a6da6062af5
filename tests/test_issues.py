import pytest

from netcore.errors import ParseError
from netcore.formats.issues import Issue, IssueCollector, Parsed, Severity


def test_parsed_is_a_list_with_issues():
    issue = Issue("a.vcf", 4, "EMAIL", Severity.WARNING, "no @")
    parsed = Parsed(["x", "y"], [issue])
    assert parsed == ["x", "y"]
    assert parsed.issues == [issue]
    assert parsed.errors == []


def test_parsed_errors_filters_by_severity():
    err = Issue(None, 1, None, Severity.ERROR, "broken")
    info = Issue(None, 2, None, Severity.INFO, "fine")
    assert Parsed([], [err, info]).errors == [err]


def test_issue_str_names_where_and_what():
    issue = Issue("a.vcf", 4, "EMAIL", Severity.WARNING, "no @")
    assert str(issue) == "a.vcf:4: warning: EMAIL: no @"
    assert str(Issue(None, None, None, Severity.INFO, "m")) == "<input>: info: m"


def test_collector_is_lenient_by_default():
    c = IssueCollector("f")
    c.error("bad", line=2, property="N")
    c.warning("meh")
    assert [i.severity for i in c.issues] == [Severity.ERROR, Severity.WARNING]
    assert c.issues[0].source == "f"


def test_strict_collector_raises_on_first_error_with_what_came_before():
    c = IssueCollector("f", strict=True)
    c.warning("first", line=1)
    with pytest.raises(ParseError) as info:
        c.error("second", line=7, property="TEL")
    assert info.value.line == 7
    assert info.value.property == "TEL"
    assert [i.message for i in info.value.issues] == ["first", "second"]


def test_strict_collector_does_not_raise_on_warnings():
    c = IssueCollector(strict=True)
    c.warning("w")
    c.info("i")
    assert len(c.issues) == 2
