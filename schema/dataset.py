"""Reading and writing the Parquet dataset: documents / pledges / findings under one root.

Layout: <root>/<table>/period=YYYY-MM/source=<source_id>/<doc_id>.parquet (hive partitions,
read by DuckDB's '**/*.parquet' and by pandas.read_parquet('<root>/<table>')). One file per
document per table, so writing a document again replaces its rows and never duplicates them;
each file is written under a dot-name (ignored by readers) and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

import pyarrow.parquet as pq

from .tables import TABLES, to_arrow


def _safe(value: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", value or "unknown")[:80]


def partition(document: dict) -> str:
    start = document.get("period_start")
    period = f"{start.year:04d}-{start.month:02d}" if start else "unknown"
    return f"period={period}/source={_safe(document.get('source_id'))}"


def write_document(root: str | Path, document: dict, pledges: list[dict], findings: list[dict]) -> None:
    """Write one document's rows to the three tables, replacing any earlier write of it."""
    root = Path(root)
    url_key = "url-" + hashlib.sha256((document.get("url") or "").encode()).hexdigest()[:32]
    source = _safe(document.get("source_id"))
    name = f"{source}-{document['doc_id'] or url_key}.parquet"
    stale = {name, f"{source}-{url_key}.parquet"}  # a failed fetch of the same URL is superseded
    part = partition(document)
    for table, records in (("pledges", pledges), ("findings", findings), ("documents", [document])):
        target = root / table / part / name
        for old_name in stale:
            for old in (root / table).glob(f"*/*/{old_name}") if (root / table).exists() else ():
                if old != target:
                    old.unlink()
        if not records:
            if target.exists():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{name}.{uuid.uuid4().hex}.tmp"
        pq.write_table(to_arrow(table, records), tmp, compression="zstd")
        os.replace(tmp, target)


def read_table(root: str | Path, table: str):
    """A table of the dataset as a pandas DataFrame with the contract's columns (empty if none)."""
    import pyarrow.dataset as ds

    path = Path(root) / table
    files = sorted(path.glob("*/*/*.parquet")) if path.exists() else []
    if not files:
        return TABLES[table].empty_table().to_pandas()
    return ds.dataset([str(f) for f in files], schema=TABLES[table], format="parquet").to_table().to_pandas()


def source_files(root: str | Path, table: str, source_id: str, doc_id: str | None = None) -> list[Path]:
    """The files of one source in a table (of one of its documents, given `doc_id`)."""
    path = Path(root) / table
    pattern = f"*/source={_safe(source_id)}/{_safe(source_id)}-{doc_id or '*'}.parquet"
    return sorted(path.glob(pattern)) if path.exists() else []


def read_source_table(root: str | Path, table: str, source_id: str, doc_id: str | None = None) -> list[dict]:
    """The rows of one source (of one of its documents, given `doc_id`) as dicts; cheap, since
    it reads only that source's files."""
    files = source_files(root, table, source_id, doc_id)
    if not files:
        return []
    import pyarrow.dataset as ds

    return ds.dataset([str(f) for f in files], schema=TABLES[table], format="parquet").to_table().to_pylist()
