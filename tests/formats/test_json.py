import io
import json as stdjson
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from netcore.errors import ParseError
from netcore.formats import json
from netcore.model import Contact, Email, Network, Related
from netcore.testing import networks


def same(a: Network, b: Network) -> bool:
    return (
        list(a.contacts.values()) == list(b.contacts.values())
        and list(a.interactions) == list(b.interactions)
        and a.events == b.events
        and a.ledger.entries == b.ledger.entries
        and a.ledger.aliases == b.ledger.aliases
        and a.explicit_relations == b.explicit_relations
    )


@given(networks())
def test_network_json_round_trip_is_exact(net):
    again = json.loads(json.dumps(net))
    assert same(net, again)
    assert json.dumps(again) == json.dumps(net)


def test_merge_aliases_survive_the_round_trip():
    net = Network()
    net.add_contacts([Contact(uid="a"), Contact(uid="b")])
    net.merge_contacts("a", "b", Contact(uid="a"))
    assert json.loads(json.dumps(net)).ledger.aliases == {"b": "a"}


def test_document_carries_format_and_version():
    doc = stdjson.loads(json.dumps(Network()))
    assert doc["format"] == "netcore/network"
    assert doc["version"] == 1


def test_invalid_json_is_a_parse_error_with_the_line():
    with pytest.raises(ParseError) as info:
        json.loads('{\n"format": "netcore/network",\n oops}', source="n.json")
    assert info.value.line == 3
    assert info.value.source == "n.json"


def test_a_foreign_document_is_refused():
    with pytest.raises(ParseError, match="not a netcore network document"):
        json.loads('{"contacts": []}')
    with pytest.raises(ParseError, match="version"):
        json.loads('{"format": "netcore/network", "version": 99}')


def test_an_invalid_record_names_its_json_path():
    bad = (
        '{"format": "netcore/network", "version": 1, "contacts": '
        '[{"uid": "a"}, {"uid": "b", "emails": [{"address": "no-at-sign"}]}]}'
    )
    with pytest.raises(ParseError) as info:
        json.loads(bad)
    assert info.value.property == "contacts[1].emails[0].address"


def test_a_dangling_interaction_is_a_parse_error():
    bad = (
        '{"format": "netcore/network", "version": 1, "interactions": [{"at": '
        '"2026-01-01T00:00:00Z", "contact_uids": ["ghost"], "kind": "call"}]}'
    )
    with pytest.raises(ParseError, match="ghost"):
        json.loads(bad)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", "[" * 100_000, "null", "[]", '"x"'])
def test_garbage_gives_a_parse_error_and_nothing_else(data):
    with pytest.raises(ParseError):
        json.loads(data)


def test_dump_and_load_through_files(tmp_path):
    net = Network()
    net.add_contact(Contact(uid="a", formatted_name="Ä"))
    p = tmp_path / "n.json"
    json.dump(net, p)
    assert json.load(p).contact("a").formatted_name == "Ä"
    buf = io.BytesIO()
    json.dump(net, buf, indent=None)
    assert json.load(io.BytesIO(buf.getvalue())).contact("a").formatted_name == "Ä"


def test_schema_describes_every_collection():
    schema = json.schema()
    assert set(schema["properties"]) >= {"contacts", "interactions", "events", "ledger"}
    assert schema["required"] == ["format", "version"]


def test_every_corpus_contact_survives_a_json_round_trip(vcard_corpus_file):
    # What the vCard and jCard readers produce must be valid records: a JSON document (and
    # so the store, which keeps records as JSON) must give back the same contacts.
    from netcore.formats import jcard, vcard

    data = vcard_corpus_file.read_bytes()
    codec = jcard if vcard_corpus_file.suffix.lower() == ".json" else vcard
    contacts = list({c.uid: c for c in codec.loads(data)}.values())
    net = Network()
    net.add_contacts(contacts)
    assert list(json.loads(json.dumps(net)).contacts.values()) == contacts


def test_a_document_written_before_groups_and_params_loads_and_writes_the_same():
    # written by the code before records carried group/params (commit 21aa88b)
    path = Path(__file__).resolve().parents[1] / "data" / "network-before-params.json"
    old = path.read_text(encoding="utf-8")
    net = json.loads(old)
    [c] = net.contacts.values()
    assert (c.emails[0].group, c.emails[0].params) == (None, ())
    assert c.phones[0].label == "mobile"
    assert json.dumps(net) == old.rstrip("\n")


def test_relations_said_with_relate_survive_the_document():
    net = Network()
    net.add_contacts([Contact(uid=u) for u in ("ana", "bo", "cy")])
    net.relate("ana", "bo", "colleague", context="Initech", since=date(2019, 1, 1))
    net.relate("bo", "cy", weight=0.3, note="ex-partner")
    derived = Contact(uid="dee", related=(Related(value="ana", types=("friend",)),))
    net.add_contacts([derived])
    again = json.loads(json.dumps(net))
    assert again.explicit_relations == net.explicit_relations
    assert [(r.pair, r.kind.value, r.context, r.note) for r in again.explicit_relations] == [
        (("ana", "bo"), "colleague", "Initech", None),
        (("bo", "cy"), "explicit", None, "ex-partner"),
    ]
    assert again.relations() == net.relations()  # the derived one derived again, not kept
    assert len(stdjson.loads(json.dumps(net))["relations"]) == 2


def test_a_relation_naming_nobody_is_a_parse_error():
    doc = (
        '{"format": "netcore/network", "version": 1, "contacts": [{"uid": "ana"}], '
        '"relations": [{"a": "ana", "b": "ghost", "kind": "explicit", "weight": 0.8}]}'
    )
    with pytest.raises(ParseError, match="ghost"):
        json.loads(doc, source="n.json")


def test_a_document_written_before_relations_loads_and_writes_the_same():
    # written by netcore's main branch at 7340b12, before documents carried relations
    path = Path(__file__).resolve().parents[1] / "data" / "network-before-relations.json"
    old = path.read_text(encoding="utf-8")
    net = json.loads(old)
    assert list(net.contacts) == ["u-ana", "u-bo", "u-cy"]
    assert net.explicit_relations == ()
    assert [(a.state.value, a.closed_by) for a in net.ledger.asks()] == [("fulfilled", "e-done")]
    assert net.ledger.totals("u-bo") == (2.0, 0.0)
    assert len(net.interactions) == 1
    assert json.dumps(net) == old.rstrip("\n")


def test_empty_group_and_params_are_left_out_of_record_json():
    # the JSON the store hashes and keeps: byte for byte what it was before they existed
    assert (
        Email(address="a@x.org").model_dump_json()
        == '{"address":"a@x.org","types":[],"preferred":false,"label":null}'
    )
    carried = Email(address="a@x.org", group="item1", params=(("PID", ("1",)),))
    assert '"group":"item1","params":[["PID",["1"]]]' in carried.model_dump_json()
    assert Email.model_validate_json(carried.model_dump_json()) == carried
