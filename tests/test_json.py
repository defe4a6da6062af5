import io
import json as stdjson
from pathlib import Path

import pytest
from hypothesis import given

from netcore.errors import ParseError
from netcore.formats import json
from netcore.model import Contact, Email, Network
from netcore.testing import networks


def same(a: Network, b: Network) -> bool:
    return (
        list(a.contacts.values()) == list(b.contacts.values())
        and list(a.interactions) == list(b.interactions)
        and a.events == b.events
        and a.ledger.entries == b.ledger.entries
        and a.ledger.aliases == b.ledger.aliases
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
    path = Path(__file__).parent / "data" / "network-before-params.json"
    old = path.read_text(encoding="utf-8")
    net = json.loads(old)
    [c] = net.contacts.values()
    assert (c.emails[0].group, c.emails[0].params) == (None, ())
    assert c.phones[0].label == "mobile"
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
