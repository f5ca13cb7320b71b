"""Reading and writing the Parquet dataset: documents / pledges / findings under one root.

Layout: <root>/<table>/period=YYYY-MM/source=<source_id>/<source>-<doc_id>.parquet (hive
partitions, read by DuckDB's '**/*.parquet' and by pandas.read_parquet('<root>/<table>')). One
file per document per table, so writing a document again replaces its rows and never duplicates
them. The root is a local folder or an object-store URL (`s3://bucket/prefix`, resolved by
pyarrow's filesystems). On a local disk each file is written under a dot-name (ignored by
readers) and renamed into place; on an object store a single PUT is already atomic.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from .tables import TABLES, to_arrow


class Root:
    """The dataset's root: a pyarrow filesystem and the base path inside it."""

    @classmethod
    def of(cls, root: str | Path | Root) -> Root:
        return root if isinstance(root, Root) else cls(root)

    def __init__(self, root: str | Path):
        text = str(root)
        if "://" in text:
            self.fs, self.base = pafs.FileSystem.from_uri(text)
            self.url = text.split("?")[0].rstrip("/")
        else:
            self.fs, self.base = pafs.LocalFileSystem(), str(Path(text).resolve())
            self.url = self.base
        self.base = self.base.rstrip("/")
        self.local = isinstance(self.fs, pafs.LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.base, *parts])

    def uri(self, path: str) -> str:
        """A path inside the root as the user names it: a local path, or the store's URL."""
        return path if self.local else self.url + path[len(self.base):]

    def files(self, folder: str, suffix: str = ".parquet") -> list[str]:
        """Files under a folder of the root (recursively), sorted; hidden temporary files left out."""
        selector = pafs.FileSelector(self.path(folder), recursive=True, allow_not_found=True)
        return sorted(info.path for info in self.fs.get_file_info(selector)
                      if info.type == pafs.FileType.File and info.path.endswith(suffix)
                      and not info.base_name.startswith("."))

    def folders(self, folder: str) -> list[str]:
        """The folders right under a folder of the root (the period partitions of a table)."""
        selector = pafs.FileSelector(self.path(folder), recursive=False, allow_not_found=True)
        return sorted(info.path for info in self.fs.get_file_info(selector) if info.type == pafs.FileType.Directory)

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a whole file atomically: temporary name and rename on a local disk, one PUT on a store."""
        if not self.local:
            with self.fs.open_output_stream(path) as out:
                out.write(data)
            return
        folder, name = path.rsplit("/", 1)
        os.makedirs(folder, exist_ok=True)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "wb") as out:
            out.write(data)
        os.replace(tmp, path)

    def read_bytes(self, path: str) -> bytes:
        with self.fs.open_input_stream(path) as stream:
            return stream.read()


def _safe(value: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", value or "unknown")[:80]


def partition(document: dict) -> str:
    start = document.get("period_start")
    period = f"{start.year:04d}-{start.month:02d}" if start else "unknown"
    return f"period={period}/source={_safe(document.get('source_id'))}"


def write_table_file(root: Root, path: str, table: str, records: list[dict]) -> None:
    """One Parquet file of a table, written atomically (see Root.write_bytes)."""
    buffer = pa.BufferOutputStream()
    pq.write_table(to_arrow(table, records), buffer, compression="zstd")
    root.write_bytes(path, buffer.getvalue().to_pybytes())


def write_document(root: str | Path | Root, document: dict, pledges: list[dict], findings: list[dict]) -> None:
    """Write one document's rows to the three tables, replacing any earlier write of it."""
    root = Root.of(root)
    url_key = _url_key(document.get("url"))
    source = _safe(document.get("source_id"))
    name = f"{source}-{document['doc_id'] or url_key}.parquet"
    stale = {name, f"{source}-{url_key}.parquet"}  # a failed fetch of the same URL is superseded
    part = partition(document)
    for table, records in (("pledges", pledges), ("findings", findings), ("documents", [document])):
        target = root.path(table, part, name)
        for period in root.folders(table):
            for old in (f"{period}/source={source}/{n}" for n in stale):
                if old != target and root.exists(old):
                    root.fs.delete_file(old)
        if records:
            write_table_file(root, target, table, records)
        elif root.exists(target):
            root.fs.delete_file(target)


def _url_key(url: str | None) -> str:
    """The file name part of a document without a doc_id (one that could not be fetched)."""
    return "url-" + hashlib.sha256((url or "").encode()).hexdigest()[:32]


def clear_failure(root: str | Path | Root, source_id: str, url: str) -> None:
    """Remove the failed row of a URL that failed to be fetched before and holds again now."""
    root = Root.of(root)
    source = _safe(source_id)
    for period in root.folders("documents"):
        path = f"{period}/source={source}/{source}-{_url_key(url)}.parquet"
        if root.exists(path):
            root.fs.delete_file(path)


def read_arrow(root: str | Path | Root, table: str) -> pa.Table:
    """A table of the dataset as an Arrow table of the contract's schema (empty if none)."""
    root = Root.of(root)
    files = root.files(table)
    if not files:
        return TABLES[table].empty_table()
    return ds.dataset(files, schema=TABLES[table], format="parquet", filesystem=root.fs).to_table()


def read_table(root: str | Path | Root, table: str):
    """A table of the dataset as a pandas DataFrame with the contract's columns (empty if none)."""
    return read_arrow(root, table).to_pandas()


def source_files(root: str | Path | Root, table: str, source_id: str, doc_id: str | None = None) -> list[str]:
    """The files of one source in a table (of one of its documents, given `doc_id`)."""
    root = Root.of(root)
    source = _safe(source_id)
    name = f"{source}-{doc_id}.parquet" if doc_id else None
    out = []
    for period in root.folders(table):
        if name:
            path = f"{period}/source={source}/{name}"
            if root.exists(path):
                out.append(path)
        else:
            out += [f for f in root.files(f"{period[len(root.base) + 1:]}/source={source}")]
    return sorted(out)


def read_source_table(root: str | Path | Root, table: str, source_id: str, doc_id: str | None = None) -> list[dict]:
    """The rows of one source (of one of its documents, given `doc_id`) as dicts; cheap, since
    it reads only that source's files."""
    root = Root.of(root)
    files = source_files(root, table, source_id, doc_id)
    if not files:
        return []
    return ds.dataset(files, schema=TABLES[table], format="parquet", filesystem=root.fs).to_table().to_pylist()
