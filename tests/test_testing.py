"""The public strategies build valid records, and invalid values raise typed errors."""

import contextlib

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netcore import testing
from netcore.errors import ParseError
from netcore.formats import json
from netcore.model import Contact, Event, Interaction, LedgerEntry, Network


@given(testing.networks())
def test_networks_strategy_builds_consistent_networks(net):
    assert isinstance(net, Network)
    for inter in net.interactions:
        assert all(uid in net for uid in inter.contact_uids)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "uid",
        "formatted_name",
        "emails",
        "phones",
        "birthday",
        "at",
        "contact_uids",
        "kind",
        "start",
        "end",
        "on",
        "weight",
        "direction",
        "cadence_days",
        "attendees",
        "id",
    ]
)


@given(
    st.dictionaries(field_names, json_values, max_size=6),
    st.sampled_from([Contact, Interaction, Event, LedgerEntry]),
)
def test_any_field_values_give_a_record_or_a_validation_error(data, record_type):
    with contextlib.suppress(ValidationError):
        record_type.model_validate(data)


@given(st.text(max_size=200) | st.binary(max_size=200))
def test_json_loads_gives_a_network_or_a_parse_error(data):
    with contextlib.suppress(ParseError):
        json.loads(data)


@given(
    st.dictionaries(
        st.sampled_from(["contacts", "interactions", "events", "ledger", "ledger_aliases"]),
        json_values,
        max_size=3,
    )
)
def test_json_documents_with_arbitrary_collections_give_a_network_or_a_parse_error(body):
    import json as stdjson

    with contextlib.suppress(ParseError):
        json.loads(stdjson.dumps({"format": "netcore/network", "version": 1, **body}))
