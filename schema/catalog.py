"""After each run: the cross-document findings and the DuckDB database dashboards open.

`refresh(out)` checks the pledge rows of every document version together (CROSS_DOCUMENT
checks), writes their findings next to each document's own as `<source>-<doc_id>.crossdoc.parquet`
(replacing those of the run before), and rewrites `<out>/piagam.duckdb`: views `documents`,
`pledges`, `findings` over the Parquet files, so Superset, Power BI (through DuckDB) or the
`duckdb` shell read the dataset as it is.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

import duckdb

from .crossdoc import cumulative_decrease
from .dataset import Root, _safe, partition, read_arrow, write_table_file
from .tables import TABLES

CROSS_DOCUMENT = (cumulative_decrease,)
CROSSDOC_SUFFIX = ".crossdoc.parquet"
DATABASE = "piagam.duckdb"


class Refreshed(NamedTuple):
    findings: Counter  # cross-document findings by severity
    database: str | None  # the DuckDB database (none for an object-store output)


def refresh(out: str | Path | Root) -> Refreshed:
    """Cross-document findings and the DuckDB database (local outputs only: a database file is not
    written into an object store)."""
    root = Root.of(out)
    findings = write_crossdoc_findings(root)
    return Refreshed(findings, write_database(root) if root.local else None)


def write_crossdoc_findings(root: Root) -> Counter:
    pledges = read_arrow(root, "pledges").to_pylist()
    documents = {d["doc_id"]: d for d in read_arrow(root, "documents").to_pylist() if d["doc_id"]}
    by_doc = defaultdict(list)
    for check in CROSS_DOCUMENT:
        for item in check(pledges):
            by_doc[item["doc_id"]].append(item)
    wanted = {}
    for doc_id, items in by_doc.items():
        document = documents[doc_id]
        name = f"{_safe(document['source_id'])}-{doc_id}{CROSSDOC_SUFFIX}"
        wanted[root.path("findings", partition(document), name)] = items
    for old in root.files("findings", CROSSDOC_SUFFIX):
        if old not in wanted:
            root.fs.delete_file(old)
    for path, items in wanted.items():
        write_table_file(root, path, "findings", items)
    return Counter(item["severity"] for items in by_doc.values() for item in items)


def write_database(root: Root) -> str:
    """`<out>/piagam.duckdb` with one view per table over its Parquet files (written anew, atomically)."""
    target = root.path(DATABASE)
    tmp = root.path(f".{DATABASE}.{uuid.uuid4().hex}.tmp")
    con = duckdb.connect(tmp)
    try:
        for table, schema in TABLES.items():
            if root.files(table):
                glob = root.path(table, "**", "*.parquet").replace("'", "''")
                source = f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"
            else:  # no file yet: an empty view of the same columns
                con.register("empty", schema.empty_table())
                con.execute(f"create table _empty_{table} as select *, ''::varchar as period, "
                            f"''::varchar as source from empty")
                con.unregister("empty")
                source = f"_empty_{table}"
            con.execute(f"create or replace view {table} as select * from {source}")
    finally:
        con.close()
    os.replace(tmp, target)
    return target
