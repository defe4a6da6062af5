"""A store edited outside netcore, and records netcore cannot write as UTF-8: StoreError or kept."""

import sqlite3

import pytest

from netcore import Contact, Network
from netcore.errors import StoreError
from netcore.store import Store


def _store_with_ada(tmp_path):
    path = tmp_path / "s.db"
    net = Network()
    net.add_contacts([Contact(uid="ada", formatted_name="Ada")])
    with Store.open(path) as store:
        store.import_network(net)
    return path


@pytest.mark.parametrize("data", ["{not json", "5", '{"uid": 7}', 5])
def test_a_row_edited_outside_netcore_is_a_store_error_naming_it(tmp_path, data):
    path = _store_with_ada(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET data = ? WHERE uid = 'ada'", (data,))
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        with pytest.raises(StoreError, match="ada"):
            store.contact("ada")
        with pytest.raises(StoreError):
            store.load()
        net = Network()
        net.add_contacts([Contact(uid="ada", formatted_name="Ada L")])
        with pytest.raises(StoreError):
            store.import_network(net)


def test_find_names_the_bad_row(tmp_path):
    path = tmp_path / "s.db"
    net = Network()
    net.add_contacts([Contact.model_validate({"uid": "bob", "emails": [{"address": "b@x.org"}]})])
    with Store.open(path) as store:
        store.import_network(net)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET data = 'garbage' WHERE uid = 'bob'")
    conn.commit()
    conn.close()
    with Store.open(path) as store, pytest.raises(StoreError, match="bob"):
        store.find(email="b@x.org")


def test_a_dropped_table_is_a_store_error(tmp_path):
    path = _store_with_ada(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE contact_aliases")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError), Store.open(path) as store:
        store.contact("nobody")


def test_lone_surrogates_are_stored_as_replacement_characters(tmp_path):
    net = Network()
    bad = Contact(uid="a", formatted_name="A\ud800b", source="f\udcff.vcf")
    net.add_contacts([bad])
    with Store.open(tmp_path / "s.db") as store:
        store.import_network(net, source="g\udcfe.vcf")
        assert store.contact("a").formatted_name == "A\ufffdb"
        assert store.load().contact("a").formatted_name == "A\ufffdb"
