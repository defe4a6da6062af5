"""RFC 7095 jCard: reading, writing, round trips, bad input and the real-world corpus."""

from __future__ import annotations

import contextlib
import gc
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError
from netcore.formats import contentline, jcard, vcard
from netcore.formats.contentline import Component, Limits, Property
from netcore.formats.issues import Severity
from netcore.model import Contact, Email, Extension, Name, PartialDate, Phone
from netcore.testing import contacts

# The example of RFC 7095 section 3 (Simon Perreault's card), written out by hand.
RFC7095_EXAMPLE = """
["vcard",
  [
    ["version", {}, "text", "4.0"],
    ["fn", {}, "text", "Simon Perreault"],
    ["n", {}, "text", ["Perreault", "Simon", "", "", ["ing. jr", "M.Sc."]]],
    ["bday", {}, "date-and-or-time", "--02-03"],
    ["anniversary", {}, "date-and-or-time", "2009-08-08T14:30:00-05:00"],
    ["gender", {}, "text", "M"],
    ["lang", {"pref": "1"}, "language-tag", "fr"],
    ["lang", {"pref": "2"}, "language-tag", "en"],
    ["org", {"type": "work"}, "text", "Viagenie"],
    ["adr", {"type": "work"}, "text",
      ["", "Suite D2-630", "2875 Laurier", "Quebec", "QC", "G1V 2M2", "Canada"]],
    ["tel", {"type": ["work", "voice"], "pref": "1"}, "uri", "tel:+1-418-656-9254;ext=102"],
    ["tel", {"type": ["work", "cell", "voice", "video", "text"]}, "uri", "tel:+1-418-262-6501"],
    ["email", {"type": "work"}, "text", "simon.perreault@viagenie.ca"],
    ["geo", {"type": "work"}, "uri", "geo:46.772673,-71.282945"],
    ["key", {"type": "work"}, "uri", "http://www.viagenie.ca/simon.perreault/simon.asc"],
    ["tz", {}, "utc-offset", "-05:00"],
    ["url", {"type": "home"}, "uri", "http://nomis80.org"]
  ]
]
"""


def card(*props: list[object]) -> str:
    return json.dumps(["vcard", [["version", {}, "text", "4.0"], *props]])


def one(data: str) -> Contact:
    parsed = jcard.loads(data)
    assert parsed.errors == []
    assert len(parsed) == 1
    return parsed[0]


def ext(c: Contact, name: str) -> list[Extension]:
    return [e for e in c.extensions if e.name == name]


# --------------------------------------------------------------------------- reading


def test_rfc7095_example() -> None:
    c = one(RFC7095_EXAMPLE)
    assert c.formatted_name == "Simon Perreault"
    assert c.name == Name(family="Perreault", given="Simon", suffixes=("ing. jr", "M.Sc."))
    assert c.birthday == PartialDate(month=2, day=3)
    assert c.gender == "M"
    assert [o.name for o in c.organizations] == ["Viagenie"]
    (adr,) = c.addresses
    assert (adr.extended, adr.street, adr.locality, adr.postal_code, adr.country) == (
        "Suite D2-630",
        "2875 Laurier",
        "Quebec",
        "G1V 2M2",
        "Canada",
    )
    assert adr.types == ("work",)
    assert [p.number for p in c.phones] == ["+1-418-656-9254;ext=102", "+1-418-262-6501"]
    assert [p.preferred for p in c.phones] == [True, False]
    assert c.emails == (Email(address="simon.perreault@viagenie.ca", types=("work",)),)
    assert [u.value for u in c.urls] == ["http://nomis80.org"]
    # Unmodelled properties are kept in their vCard 4.0 form.
    assert [(e.value, e.params) for e in ext(c, "LANG")] == [
        ("fr", (("PREF", ("1",)),)),
        ("en", (("PREF", ("2",)),)),
    ]
    assert ext(c, "GEO")[0].value == "geo:46.772673,-71.282945"
    assert [(e.value, e.params) for e in ext(c, "TZ")] == [("-0500", (("VALUE", ("utc-offset",)),))]


def test_array_of_cards_and_group_parameter() -> None:
    doc = json.dumps(
        [
            json.loads(card(["fn", {}, "text", "A"])),
            json.loads(
                card(
                    ["fn", {}, "text", "B"],
                    ["email", {"group": "item1"}, "text", "b@example.org"],
                    ["x-ablabel", {"group": "item1"}, "unknown", "Lab"],
                )
            ),
        ]
    )
    a, b = jcard.loads(doc)
    assert (a.formatted_name, b.formatted_name) == ("A", "B")
    assert b.emails[0].label == "Lab"


def test_text_values_are_unescaped_and_structured_values_are_arrays() -> None:
    c = one(
        card(
            ["fn", {}, "text", "Doe, Jane; PhD\\"],
            ["note", {}, "text", "line 1\nline 2, with comma"],
            ["nickname", {}, "text", "JJ", "Jay, J."],
            ["categories", {}, "text", "a", "b;c"],
            ["org", {}, "text", ["ACME, Inc.", "R&D"]],
            ["n", {}, "text", ["Doe", "Jane", ["Ann", "Marie"], "", ["PhD", "MD"]]],
        )
    )
    assert c.formatted_name == "Doe, Jane; PhD\\"
    assert c.note == "line 1\nline 2, with comma"
    assert c.nicknames == ("JJ", "Jay, J.")
    assert c.categories == ("a", "b;c")
    assert (c.organizations[0].name, c.organizations[0].units) == ("ACME, Inc.", ("R&D",))
    assert c.name == Name(
        family="Doe", given="Jane", additional=("Ann", "Marie"), suffixes=("PhD", "MD")
    )


def test_unknown_properties_carry_raw_text_both_ways() -> None:
    c = one(card(["x-thing", {"a": ["1", "2"]}, "unknown", "x\\,y;z"]))
    assert ext(c, "X-THING") == [
        Extension(name="X-THING", value="x\\,y;z", params=(("A", ("1", "2")),))
    ]
    written = json.loads(jcard.dumps(c))
    assert ["x-thing", {"a": ["1", "2"]}, "unknown", "x\\,y;z"] in written[1]


@pytest.mark.parametrize(
    ("vtype", "jcard_value", "vcard_value"),
    [
        ("date-and-or-time", "--02-03", "--0203"),
        ("date-and-or-time", "1985-04-12", "19850412"),
        ("date-and-or-time", "1985-04", "1985-04"),
        ("date-and-or-time", "---12", "---12"),
        ("date-and-or-time", "2009-08-08T14:30:00-05:00", "20090808T143000-0500"),
        ("date-and-or-time", "2009-08-08T14:30-05", "20090808T1430-05"),
        ("date-and-or-time", "T10:22", "T1022"),
        ("date-and-or-time", "--04-12T10:22Z", "--0412T1022Z"),
        ("date", "1985", "1985"),
        ("time", "-22:00", "-2200"),
        ("time", "--00", "--00"),
        ("date-time", "1985-04-12T10:22:00", "19850412T102200"),
        ("timestamp", "1996-10-22T14:00:00+05:30", "19961022T140000+0530"),
        ("utc-offset", "-05:00", "-0500"),
        ("utc-offset", "+12", "+12"),
    ],
)
def test_dates_switch_between_extended_and_basic(
    vtype: str, jcard_value: str, vcard_value: str
) -> None:
    comp = jcard.component_from_jcard(
        ["vcard", [["version", {}, "text", "4.0"], ["x-d", {}, vtype, jcard_value]]]
    )
    assert comp is not None
    prop = comp.properties[1]
    assert prop.value == vcard_value
    assert prop.params == (("VALUE", (vtype,)),)
    assert jcard.component_to_jcard(comp)[1][1] == ["x-d", {}, vtype, jcard_value]


def test_value_parameter_only_where_the_type_is_not_the_default() -> None:
    comp = jcard.component_from_jcard(
        [
            "vcard",
            [
                ["version", {}, "text", "4.0"],
                ["bday", {}, "date-and-or-time", "--02-03"],
                ["bday", {}, "text", "circa 1800"],
                ["related", {"type": "friend"}, "text", "Jane, the neighbour"],
                ["geo", {}, "float", [37.386013, -122.082932]],
                ["x-flag", {}, "boolean", True],
                ["x-count", {}, "integer", 3, 4],
            ],
        ]
    )
    assert comp is not None
    got = [(p.name, p.params, p.value) for p in comp.properties[1:]]
    assert got == [
        ("BDAY", (), "--0203"),
        ("BDAY", (("VALUE", ("text",)),), "circa 1800"),
        ("RELATED", (("TYPE", ("friend",)), ("VALUE", ("text",))), "Jane\\, the neighbour"),
        ("GEO", (("VALUE", ("float",)),), "37.386013;-122.082932"),
        ("X-FLAG", (("VALUE", ("boolean",)),), "TRUE"),
        ("X-COUNT", (("VALUE", ("integer",)),), "3,4"),
    ]
    back = [p[1:] for p in jcard.component_to_jcard(comp)[1][1:]]
    assert back == [
        [{}, "date-and-or-time", "--02-03"],
        [{}, "text", "circa 1800"],
        [{"type": "friend"}, "text", "Jane, the neighbour"],
        [{}, "float", [37.386013, -122.082932]],
        [{}, "boolean", True],
        [{}, "integer", 3, 4],
    ]


def test_vcard_lines_to_jcard() -> None:
    comps = contentline.parse(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nitem1.ADR;TYPE=home;TYPE=pref:;;1 Main St\\, Apt 2;"
        'Town;;;\r\nTZ;VALUE=utc-offset:+0100\r\nX-Y;Q="a,b":raw\\;text\r\n'
        "CLIENTPIDMAP:1;urn:uuid:x\r\nEND:VCARD\r\n"
    )
    props = jcard.component_to_jcard(comps[0])[1]
    assert props[1:] == [
        ["adr", {"group": "item1", "type": ["home", "pref"]}, "text",
         ["", "", "1 Main St, Apt 2", "Town", "", "", ""]],
        ["tz", {}, "utc-offset", "+01:00"],
        ["x-y", {"q": "a,b"}, "unknown", "raw\\;text"],
        ["clientpidmap", {}, "text", ["1", "urn:uuid:x"]],
    ]  # fmt: skip


def test_children_survive_the_content_line_mapping() -> None:
    inner = Component("VCARD", (Property(None, "FN", (), "Agent"),))
    outer = Component("VCARD", (Property(None, "VERSION", (), "4.0"),), (inner,))
    as_json = jcard.component_to_jcard(outer)
    assert as_json[2] == [["vcard", [["fn", {}, "text", "Agent"]]]]
    back = jcard.component_from_jcard(as_json)
    assert back is not None
    assert back.children[0].properties == (
        Property(None, "VERSION", (), "4.0"),
        Property(None, "FN", (), "Agent"),
    )


def test_missing_or_old_version_is_read_as_40() -> None:
    parsed = jcard.loads('["vcard", [["fn", {}, "text", "A\\\\,B"]]]')
    assert parsed[0].formatted_name == "A\\,B"
    assert [i.property for i in parsed.issues if i.severity is Severity.WARNING] == ["VERSION"]
    parsed = jcard.loads(
        '["vcard", [["version", {}, "text", "2.1"], ["note", {}, "text", "a\\nb"]]]'
    )
    assert parsed[0].note == "a\nb"
    assert "read as 4.0" in parsed.issues[0].message


# --------------------------------------------------------------------------- writing


def test_dumps_shapes_and_file_round_trip(tmp_path: Path) -> None:
    a = Contact(uid="a", formatted_name="Zoë", phones=(Phone(number="+44 20 7946 0958"),))
    b = Contact(uid="b", formatted_name="Bo", birthday=date(1990, 5, 17))
    single = json.loads(jcard.dumps(a))
    assert single[0] == "vcard"
    assert ["fn", {}, "text", "Zoë"] in single[1]
    many = json.loads(jcard.dumps([a, b]))
    assert [c[0] for c in many] == ["vcard", "vcard"]
    assert ["bday", {}, "date-and-or-time", "1990-05-17"] in many[1][1]
    assert jcard.dumps([]) == "[]"
    path = tmp_path / "out.json"
    jcard.dump([a, b], path)
    back = jcard.load(path)
    assert [c.uid for c in back] == ["a", "b"]
    assert {c.source for c in back} == {str(path)}
    buf = io.BytesIO()
    jcard.dump(b, buf)
    assert jcard.load(io.BytesIO(buf.getvalue()))[0].birthday == date(1990, 5, 17)


def test_revision_and_partial_dates_are_written_extended() -> None:
    rev = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    c = Contact(uid="u", formatted_name="A", birthday=PartialDate(month=2, day=29), revision=rev)
    props = json.loads(jcard.dumps(c))[1]
    assert ["bday", {}, "date-and-or-time", "--02-29"] in props
    assert ["rev", {}, "timestamp", "2024-01-02T03:04:05Z"] in props


def _expected(c: Contact) -> Contact:
    """What the vCard 4.0 mapping gives back, with repeated extension parameters merged."""
    exts = []
    for e in c.extensions:
        merged: dict[str, tuple[str, ...]] = {}
        for name, values in e.params:
            merged[name] = merged.get(name, ()) + values
        exts.append(e.model_copy(update={"params": tuple(merged.items())}))
    update = {"source": None, "extensions": tuple(exts)}
    mapped = vcard.contact_from_component(vcard.contact_to_component(c, version="4.0"))
    return mapped.model_copy(update=update)


@given(c=contacts())
def test_round_trip_of_any_contact(c: Contact) -> None:
    back = jcard.loads(jcard.dumps(c))
    assert back.errors == []
    assert list(back) == [_expected(c)]
    # What the jCard path keeps is what the vCard path keeps, minus nothing but the
    # documented differences: the vCard reader's own normalisations are checked in
    # test_vcard, so here the modelled fields must equal the original's.
    got = back[0]
    assert got.emails == c.emails
    assert got.addresses == c.addresses
    assert got.organizations == c.organizations
    assert got.birthday == c.birthday
    assert got.anniversary == c.anniversary
    assert got.note == c.note
    assert got.categories == c.categories
    assert got.nicknames == c.nicknames
    assert got.related == c.related
    assert got.photo == c.photo
    assert got.revision == c.revision
    assert [e.value for e in got.extensions] == [e.value for e in c.extensions]


@given(cs=st.lists(contacts(), max_size=3))
def test_round_trip_of_lists(cs: list[Contact]) -> None:
    assert list(jcard.loads(jcard.dumps(cs))) == [_expected(c) for c in cs]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("doc", "fragment"),
    [
        ("", "not a JSON text"),
        ("[1, 2", "not a JSON text"),
        ('{"vcard": []}', "the document is an object"),
        ("42", "the document is a int"),
        ('["vcalendar", [], []]', 'is not "vcard"'),
        ('[["vcard", {}]]', "must be an array"),
        ('["vcard", [["fn", {}, "text"]]]', "a property is [name"),
        ('["vcard", [["f n", {}, "text", "x"]]]', "is not a vCard name"),
        ('["vcard", [["fn", [], "text", "x"]]]', "must be an object"),
        ('["vcard", [["fn", {}, 7, "x"]]]', "type must be a string"),
        ('["vcard", [["n", {}, "text", [["a", ["b"]]]]]]', "one level of nesting"),
        ('["vcard", [["note", {}, "text", {"a": 1}]]]', "one level of nesting"),
        ("[NaN]", "not a JSON text"),
        ("[" * 100_000 + "]" * 100_000, "not a JSON text"),
        # Deep, yet parseable: 900 leaves room under the recursion limit of 1,000 for the
        # frames of the test runner (950 failed inside a pytest-xdist worker).
        ('["vcard", [["note", {}, "text", ' + "[" * 900 + "]" * 900 + "]]]", "one level of"),
    ],
)
def test_bad_input_is_an_issue_or_a_parse_error(doc: str, fragment: str) -> None:
    parsed = jcard.loads(doc)
    assert any(fragment in i.message for i in parsed.errors), parsed.issues
    with pytest.raises(ParseError, match=r"\S"):
        jcard.loads(doc, strict=True)


def test_repairs_are_warnings_and_keep_the_value() -> None:
    parsed = jcard.loads(
        card(
            ["bday", {}, "date-and-or-time", "someday"],
            ["note", {"x-n": 5, "x-bad": {"a": 1}}, "text", 12],
            ["email", {"group": "not a group"}, "text", "a@b.org"],
        )
    )
    assert parsed.errors == []
    c = parsed[0]
    assert ext(c, "BDAY")[0].value == "someday"
    assert c.note == "12"
    assert c.emails[0].address == "a@b.org"
    messages = " | ".join(i.message for i in parsed.issues)
    assert "not a date-and-or-time value" in messages
    assert "holds a dict" in messages
    assert "group must be letters, digits and '-' (dot-separated pieces)" in messages
    assert all("(at $[1][" in i.message for i in parsed.issues if i.severity is Severity.WARNING)


def test_vcard_mapping_issues_point_at_the_json_property() -> None:
    parsed = jcard.loads(card(["email", {}, "text", "not-an-address"]))
    (issue,) = [i for i in parsed.issues if i.property == "EMAIL"]
    assert issue.line is None
    assert issue.message.endswith("(at $[1][1])")


def test_limits_bound_properties_and_nesting() -> None:
    many = card(*[["note", {}, "text", str(i)] for i in range(20)])
    parsed = jcard.loads(many, limits=Limits(max_properties=5))
    assert "more than 5 properties" in parsed.errors[0].message
    nested: list[object] = ["vcard", [["version", {}, "text", "4.0"]]]
    for _ in range(12):
        nested = ["vcard", [["version", {}, "text", "4.0"]], [nested]]
    parsed = jcard.loads(json.dumps(nested))
    assert any("nested deeper" in i.message for i in parsed.errors)


def test_non_utf8_bytes_are_repaired_with_a_warning() -> None:
    doc = '["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Zoë"]]]'
    parsed = jcard.loads(doc.encode("latin-1"))
    assert parsed[0].formatted_name == "Zo\ufffd"
    assert parsed.issues[0].severity is Severity.WARNING


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["vcard", "text", "fn", "n", "unknown", "date-and-or-time", "--02-03"]),
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=30,
)  # fmt: skip


@given(doc=_JSON)
def test_any_json_gives_contacts_or_parse_error(doc: object) -> None:
    text = json.dumps(doc)
    for wrapped in (text, f'["vcard", [{text}]]', f'["vcard", [["fn", {{}}, "text", {text}]]]'):
        try:
            parsed = jcard.loads(wrapped)
        except ParseError:  # pragma: no cover - lenient mode records issues instead
            pytest.fail("lenient mode raised")
        assert all(isinstance(c, Contact) for c in parsed)
        with contextlib.suppress(ParseError):
            jcard.loads(wrapped, strict=True)


@given(data=st.binary(max_size=100) | st.text(max_size=100))
def test_any_bytes_give_contacts_or_parse_error(data: bytes | str) -> None:
    with contextlib.suppress(ParseError):
        jcard.loads(data, strict=True)
    assert isinstance(jcard.loads(data), list)


# --------------------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus_json_reads_and_round_trips(jcard_corpus_file: Path) -> None:
    vcard_corpus_file = jcard_corpus_file
    data = vcard_corpus_file.read_bytes()
    parsed = jcard.loads(data, source=vcard_corpus_file.name)
    try:
        doc = json.loads(data)
    except ValueError:
        doc = None
    cards = [doc] if isinstance(doc, list) and doc and doc[0] == "vcard" else doc
    is_jcard = (
        isinstance(cards, list)
        and bool(cards)
        and all(isinstance(c, list) and c and c[0] == "vcard" for c in cards)
    )
    if not is_jcard:
        # Some JSON beside the vCards may be something else: that is an issue, not a crash.
        assert parsed.errors
        assert list(parsed) == []
        return
    assert parsed.errors == []
    assert len(parsed) == len(cards)
    written = jcard.dumps(list(parsed))
    again = jcard.loads(written, source=vcard_corpus_file.name)
    assert again.errors == []
    assert list(again) == list(parsed)
    # Every property lands in a modelled field or an extension, so each property name of
    # the input is written back (LABEL becomes the ADR label parameter in vCard 4.0).
    for card_in, card_out in zip(cards, json.loads(written), strict=True):
        names_out = {p[0] for p in card_out[1]}
        for name in {p[0] for p in card_in[1]} - {"label"}:
            assert name in names_out, name


def test_nul_in_a_parameter_value_is_replaced_with_a_warning() -> None:
    card = [["version", {}, "text", "4.0"], ["fn", {}, "text", "A"]]
    card.append(["x-foo", {"x-p": "a\x00b"}, "text", "v"])
    parsed = jcard.loads(json.dumps([["vcard", card]]))
    (c,) = parsed
    assert c.extensions[0].params[0] == ("X-P", ("a\ufffdb",))
    assert any("NUL" in i.message and i.severity is Severity.WARNING for i in parsed.issues)
    assert len(vcard.loads(vcard.dumps([c]))) == 1


def test_loads_runs_no_cyclic_collection_while_it_builds() -> None:
    # A large document is millions of long-lived objects: collecting while they are built
    # frees nothing and made a 9 MB jCard twice as slow.
    doc = json.dumps(
        [
            ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", f"A{i}"]]]
            for i in range(3000)
        ]
    )
    started: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(watch)
    try:
        cards = jcard.loads(doc)
    finally:
        gc.callbacks.remove(watch)
    assert len(cards) == 3000
    # At most the one collection due as the collector comes back on, as loads returns.
    assert len(started) <= 1, started


@pytest.mark.parametrize(
    ("params", "written", "back"),
    [
        # Found by test_round_trip_of_lists: the second value of VALUE=0,0 was lost.
        ((("VALUE", ("0", "0")),), '{"x-netcore-value": ["0", "0"]}, "unknown"', None),
        ((("VALUE", ("a", "b")),), '{"x-netcore-value": ["a", "b"]}, "unknown"', None),
        # Two VALUE parameters: repeated parameters are merged into one (module doc).
        (
            (("VALUE", ("a",)), ("VALUE", ("b",))),
            '{"x-netcore-value": ["a", "b"]}, "unknown"',
            (("VALUE", ("a", "b")),),
        ),
        # One value is the type element, as before.
        ((("VALUE", ("uri",)),), '{}, "uri"', None),
        # A parameter already named X-NETCORE-VALUE takes one prefix more.
        (
            (("X-NETCORE-VALUE", ("q",)), ("VALUE", ("x", "y"))),
            '{"x-netcore-x-netcore-value": "q", "x-netcore-value": ["x", "y"]}, "unknown"',
            None,
        ),
    ],
)
def test_a_value_parameter_of_several_values_survives(
    params: tuple[tuple[str, tuple[str, ...]], ...],
    written: str,
    back: tuple[tuple[str, tuple[str, ...]], ...] | None,
) -> None:
    c = Contact(
        uid="u", formatted_name="A", extensions=(Extension(name="X-A", value="v", params=params),)
    )
    text = jcard.dumps(c)
    assert f'["x-a", {written}, "v"]' in text
    parsed = jcard.loads(text)
    assert parsed.issues == []
    assert parsed[0].extensions[0].params == (params if back is None else back)
