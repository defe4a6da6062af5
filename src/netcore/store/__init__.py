"""SQLite storage: keep a network on disk and import files into it again and again.

:class:`Store` is the embedded default store (stdlib ``sqlite3``, WAL mode,
``synchronous=FULL``, one transaction per import). Re-importing a file adds nothing;
importing an overlapping file adds only the new people and updates the known ones in
place. A crash at any moment loses nothing that was committed. See ``docs/storage.md``
for the schema, its versioning and the re-import rules.

Examples:
    >>> from netcore import Contact, Network
    >>> from netcore.store import Store
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="ada", formatted_name="Ada Lovelace")])
    >>> with Store.open(":memory:") as store:
    ...     store.import_network(net, source="contacts.vcf").summary()
    ...     store.import_network(net, source="contacts.vcf").summary()
    'contacts.vcf: 1 contact added, 0 updated, 0 unchanged'
    'contacts.vcf: 0 contacts added, 0 updated, 1 unchanged'
"""

from netcore.store._paths import default_db_path
from netcore.store._report import ImportReport, StoreCounts
from netcore.store._store import Store

__all__ = [
    "ImportReport",
    "Store",
    "StoreCounts",
    "default_db_path",
]
