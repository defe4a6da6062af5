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


# --------------------------------------------------------------------------- floods (issue 14)

from netcore.formats import contentline, jcard, vcard  # noqa: E402
from netcore.formats.issues import MAX_ISSUES, MAX_ISSUES_PER_KIND  # noqa: E402


def test_a_capped_collector_keeps_a_few_of_each_kind_and_counts_the_rest():
    c = IssueCollector("f", capped=True)
    for n in range(1, 51):
        c.warning(f"line without ':' ignored (line {n}): 'x{n}'", line=n)
    c.error("something else", line=99)
    assert [i.line for i in c.issues] == [*range(1, MAX_ISSUES_PER_KIND + 1), 99]
    [summary] = c.summary()
    assert summary.line == MAX_ISSUES_PER_KIND + 1
    assert summary.message.startswith(f"{50 - MAX_ISSUES_PER_KIND} more issues like this one")


def test_an_uncapped_collector_keeps_everything():
    c = IssueCollector()
    for n in range(50):
        c.warning(f"w {n}")
    assert len(c.issues) == 50
    assert c.summary() == []


def test_colon_less_lines_cannot_flood_the_issues_whole_or_streamed():
    data = b"BEGIN:VCARD\nFN:A\n" + b"no colon here\n" * 20_000 + b"END:VCARD\n"
    for issues in (
        contentline.parse(data).issues,
        vcard.loads(data).issues,
        _streamed_issues(data),
    ):
        assert len(issues) <= MAX_ISSUES_PER_KIND + 5
        assert any(i.message.startswith(f"{20_000 - MAX_ISSUES_PER_KIND} more") for i in issues)


def _streamed_issues(data: bytes):
    import io

    found: list[Issue] = []
    list(vcard.iter_load(io.BytesIO(data), issues=found))
    return found


def test_many_kinds_of_issues_are_capped_in_all():
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = [a + b + c for a in letters for b in letters for c in letters][: 3 * MAX_ISSUES]
    lines = "".join(f"END:X{name}\n" for name in names).encode()
    issues = contentline.parse(b"BEGIN:VCARD\n" + lines + b"END:VCARD\n").issues
    assert len(issues) <= MAX_ISSUES + 1
    assert issues[-1].message.endswith(f"(at most {MAX_ISSUES} are)")


def test_jcard_issues_are_capped():
    props = ",".join('["bad name!",{},"text","x"]' for _ in range(500))
    issues = jcard.loads(f'["vcard",[["version",{{}},"text","4.0"],{props}]]').issues
    assert len(issues) <= MAX_ISSUES_PER_KIND + 3
