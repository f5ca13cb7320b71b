"""After each run: the cross-document findings, the compacted dataset and its descriptions.

`refresh(out)` (holding the dataset's writer) checks the pledge rows of every document version
together (CROSS_DOCUMENT checks) and commits their findings in place of the run before's,
compacts the dataset, and writes what describes it:

- `<out>/piagam.duckdb`: views `documents`, `pledges`, `findings` over the Parquet files, with
  paths relative to the output folder (a moved or copied folder still opens: run DuckDB from the
  folder, or set `file_search_path` to it) and each view and column COMMENTed with its meaning
  from the contract; local folders only, a database file is not written into an object store;
- `<out>/datapackage.json`: a Frictionless data package of the three tables, their files and
  columns.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from .crossdoc import cumulative_decrease
from .dataset import Root, read_arrow, writing
from .tables import DESCRIPTIONS, PARTITION, SCHEMA_VERSION, TABLES, doc, to_arrow

CROSS_DOCUMENT = (cumulative_decrease,)  # given the pledge rows that print a cumulative
CROSS_DOCUMENT_RULES = ("cumulative_decrease",)  # the rules of their findings, replaced on each refresh
DATABASE = "piagam.duckdb"
DATAPACKAGE = "datapackage.json"


class Refreshed(NamedTuple):
    findings: Counter  # cross-document findings by severity
    database: str | None  # the DuckDB database (none for an object-store output)


def refresh(out: str | Path | Root) -> Refreshed:
    """Cross-document findings, compaction, the data package and the DuckDB database."""
    root = Root.of(out)
    with writing(root) as writer:
        findings = write_crossdoc_findings(root, writer)
        writer.compact()
        write_datapackage(root)
        database = write_database(root) if root.local else None
    return Refreshed(findings, database)


def write_crossdoc_findings(root: Root, writer) -> Counter:
    """Commit the cross-document findings in place of the earlier ones (nothing when unchanged)."""
    # the rows the checks compare (a year-to-date cumulative), not the whole dataset; orphans are not read
    pledges = read_arrow(root, "pledges", ds.field("cumulative").is_valid()).to_pylist()
    found = [item for check in CROSS_DOCUMENT for item in check(pledges)]
    earlier = read_arrow(root, "findings", ds.field("rule").isin(list(CROSS_DOCUMENT_RULES)))
    if _rows(to_arrow("findings", found)) != _rows(earlier):
        writer.commit([], findings=found, replace_rules=CROSS_DOCUMENT_RULES)
    return Counter(item["severity"] for item in found)


def _rows(table: pa.Table) -> list[tuple]:
    return sorted((tuple(map(repr, row.values())) for row in table.to_pylist()))


FRICTIONLESS_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "double": "number",
                      "bool": "boolean", "date32[day]": "date", "timestamp[us, tz=UTC]": "datetime"}


def datapackage(root: Root) -> dict:
    """The Frictionless data package (v2) of the dataset: a resource per table, its files
    relative to the output folder, and its columns with their meanings."""
    resources = []
    for table, schema in TABLES.items():
        fields = [{"name": f.name, "type": FRICTIONLESS_TYPES.get(str(f.type), "array"), "description": doc(f)}
                  for f in schema]
        files = [root.relative(path) for path in root.files(table)]
        resource = {"name": table, "type": "table", "format": "parquet",
                    "mediatype": "application/vnd.apache.parquet",
                    "description": f"{DESCRIPTIONS[table]} Hive-partitioned: {PARTITION[0]} is the {PARTITION[1]}.",
                    "schema": {"fields": fields}}
        resource.update({"path": files} if files else {"data": []})
        resources.append(resource)
    return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "name": "piagam",
            "title": "Client charter (Piagam Pelanggan) reports: documents, pledge rows and findings",
            "version": SCHEMA_VERSION, "resources": resources}


def write_datapackage(root: Root) -> str:
    path = root.path(DATAPACKAGE)
    root.write_bytes(path, (json.dumps(datapackage(root), indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return root.uri(path)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(out: str | Path) -> duckdb.DuckDBPyConnection:
    """The database of a local output folder, read-only, from any working folder (its views'
    relative paths resolved against the folder)."""
    folder = Path(out).resolve()
    con = duckdb.connect(str(folder / DATABASE), read_only=True)
    con.execute(f"set file_search_path = {_quoted(str(folder))}")
    return con


def write_database(root: Root) -> str:
    """`<out>/piagam.duckdb` with one view per table over its Parquet files, by paths relative
    to the output folder, COMMENTed from the contract (written anew, atomically)."""
    target = root.path(DATABASE)
    tmp = root.path(f".{DATABASE}.{uuid.uuid4().hex}.tmp")
    con = duckdb.connect(tmp)
    try:
        con.execute(f"set file_search_path = {_quoted(root.base)}")  # the views' paths are relative to it
        for table, schema in TABLES.items():
            if root.files(table):
                source = (f"read_parquet('{table}/**/*.parquet', hive_partitioning = true, "
                          f"hive_types_autocast = false, union_by_name = true)")
            else:  # no file yet: an empty view of the same columns
                con.register("empty", schema.empty_table())
                con.execute(f"create table _empty_{table} as select *, ''::varchar as {PARTITION[0]} from empty")
                con.unregister("empty")
                source = f"_empty_{table}"
            con.execute(f"create or replace view {table} as select * from {source}")
            con.execute(f"comment on view {table} is {_quoted(DESCRIPTIONS[table])}")
            for field in schema:
                con.execute(f"comment on column {table}.{field.name} is {_quoted(doc(field))}")
            con.execute(f"comment on column {table}.{PARTITION[0]} is {_quoted(PARTITION[1])}")
    finally:
        con.close()
    os.replace(tmp, target)
    return target
