"""scoring.frame's one input schema: published as JSON Schema and Arrow, read by the store."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from netcore.scoring.frame import arrow_schema, json_schema, polars_schema
from netcore.scoring.frame._schema import TABLES, columns
from netcore.store import _columns

DOC = Path(__file__).resolve().parents[3] / "docs" / "frame-schema.json"


def test_docs_file_is_the_generated_json_schema() -> None:
    # Regenerate with: python -c "import json; from netcore.scoring.frame import json_schema;
    # open('docs/frame-schema.json', 'w').write(json.dumps(json_schema(), indent=2) + '\n')"
    assert json.loads(DOC.read_text(encoding="utf-8")) == json_schema()


def test_every_schema_names_the_same_columns_in_the_same_order() -> None:
    for table in TABLES:
        names = [c.name for c in columns(table)]
        assert list(polars_schema(table)) == names
        assert arrow_schema(table).names == names
        assert list(json_schema()["$defs"][table]["properties"]) == names


def test_arrow_schema_marks_required_columns_not_nullable() -> None:
    schema = arrow_schema("interactions")
    assert not schema.field("contact_uid").nullable
    assert schema.field("replied").nullable
    assert schema.field("at").type == pa.timestamp("us", tz="UTC")


def test_json_schema_lists_the_lowercase_enum_values() -> None:
    kind = json_schema()["$defs"]["interactions"]["properties"]["kind"]
    assert "meeting" in kind["enum"]
    assert all(v == v.lower() for v in kind["enum"])


def test_store_reads_its_frame_schemas_from_the_scoring_schema() -> None:
    assert _columns.interactions_schema() == polars_schema("interactions")
    assert _columns.ledger_schema() == polars_schema("ledger")
    assert _columns.contacts_schema() == polars_schema("contacts")
    assert "group_size" in _columns.INTERACTION_COLUMNS
