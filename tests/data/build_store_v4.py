"""Build ``tests/data/store-v4.db``: a store at schema version 4 with its search index built.

Run with a netcore whose store is at version 4 (main at commit d6192a8, 2026-12-02):
``python tests/data/build_store_v4.py``. The store holds five contacts whose names the
search folding of version 5 reads differently (an apostrophe, CJK given names, an Arabic
tatweel); one search builds the version 4 index, so the fixture holds that index as
version 4 wrote it. ``tests/store/test_store_migration.py`` opens and searches a copy.
"""

from __future__ import annotations

from pathlib import Path

from netcore import Contact, Organization
from netcore.store import Store

TARGET = Path(__file__).parent / "store-v4.db"

PEOPLE = (
    ("o", "Conor O'Brien", "Acme S.A."),
    ("h", "李小龙", None),
    ("y", "山田太郎", None),
    ("a", "محـمد علي", None),
    ("b", "Bruce Lee", "Acme Corp"),
)


def main() -> None:
    """Write the fixture (replacing an older one)."""
    TARGET.unlink(missing_ok=True)
    with Store.open(TARGET) as store:
        store.add_contacts(
            [
                Contact(
                    uid=uid,
                    formatted_name=name,
                    organizations=(Organization(name=org),) if org else (),
                )
                for uid, name, org in PEOPLE
            ]
        )
        assert store.schema_version == 4, store.schema_version
        assert [c.uid for c in store.search("lee")] == ["b"]


if __name__ == "__main__":
    main()
