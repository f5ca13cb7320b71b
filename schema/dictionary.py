"""The data dictionary (docs/data-dictionary.md), generated from the Arrow schemas of the contract.

  python -m piagam.schema.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import pyarrow as pa

from .tables import SCHEMA_VERSION, TABLES

PARTITIONS = [("period", "partition: YYYY-MM of the document's period_start, or `unknown`"),
              ("source", "partition: the source_id, made safe for a path")]


def duckdb_types(schema: pa.Schema) -> dict[str, str]:
    """The type DuckDB (and so a dashboard over piagam.duckdb) gives each column."""
    import duckdb

    relation = duckdb.from_arrow(schema.empty_table())
    return {name: str(type_) for name, type_ in zip(relation.columns, relation.dtypes)}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def markdown() -> str:
    lines = ["# Data dictionary", "",
             "Generated from the Arrow schemas in `schema/tables.py` by `python -m piagam.schema.dictionary`; "
             "do not edit by hand.", "",
             f"Schema version {SCHEMA_VERSION} (in each Parquet file's metadata as `piagam.schema_version`, "
             "with the table's name as `piagam.table`). Each table is a folder of hive-partitioned Parquet "
             "files, `<table>/period=YYYY-MM/source=<source_id>/`, and a view of `piagam.duckdb`.", ""]
    for table, schema in TABLES.items():
        lines += [f"## {table}", "", "| column | Arrow type | DuckDB type | meaning |", "| --- | --- | --- | --- |"]
        types = duckdb_types(schema)
        for field in schema:
            doc = (field.metadata or {}).get(b"doc", b"").decode()
            lines.append(f"| `{field.name}` | {_cell(str(field.type))} | {types[field.name]} | {_cell(doc)} |")
        for name, doc in PARTITIONS:
            lines.append(f"| `{name}` | string | VARCHAR | {doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
