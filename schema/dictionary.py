"""The data dictionary (docs/data-dictionary.md), generated from the Arrow schemas of the contract.

  python -m piagam.schema.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import pyarrow as pa

from .tables import DESCRIPTIONS, PARTITION, SCHEMA_VERSION, TABLES, doc


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
             "files, one per partition, `<table>/period=YYYY-MM/part-0.parquet`, a view of `piagam.duckdb` "
             "(with these meanings as its COMMENTs) and a resource of `datapackage.json`.", ""]
    for table, schema in TABLES.items():
        lines += [f"## {table}", "", DESCRIPTIONS[table], "", "| column | Arrow type | DuckDB type | meaning |", "| --- | --- | --- | --- |"]
        types = duckdb_types(schema)
        for field in schema:
            lines.append(f"| `{field.name}` | {_cell(str(field.type))} | {types[field.name]} | {_cell(doc(field))} |")
        lines.append(f"| `{PARTITION[0]}` | string | VARCHAR | {_cell(PARTITION[1])} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
