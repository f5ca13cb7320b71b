"""Reading and writing the Parquet dataset: documents / pledges / findings under one root.

Layout (docs/data-contract.md says what each partition holds):

  <root>/<table>/period=YYYY-MM/part-0.parquet   one file per table and partition, however many
                                                 runs wrote it (hive partitions: DuckDB's
                                                 '**/*.parquet', pandas.read_parquet('<root>/<table>'))
  <root>/_journal/<commit>/                      documents committed and not yet compacted (Arrow IPC
                                                 files of the three tables, then commit.json)
  <root>/.lock                                   held by the one run that writes the root

Every write goes through the root's Writer (one per root and process; it holds the lock, so a
second run into the same folder stops with one sentence, DatasetBusy). A document, or a batch of
them, is committed to the journal as one unit: its three tables' files first, `commit.json`
last, so a commit is whole or absent and a pledge row never exists without its documents row.
Compaction folds the commits into the partitions, each partition touched rewritten once and
replaced atomically (a temporary name and a rename on a local disk, one PUT on an object store),
documents first; the commits are removed oldest first, so a writer killed anywhere leaves what
the next writer (which compacts on opening) folds again with the same result. The readers here
see the partitions and the journal together; other readers (DuckDB, pandas) see the partitions.

A commit replaces: a document's rows replace every earlier row of its source and doc_id, a fetched
document replaces the failed row (no doc_id) of its URL, a commit may clear the failed row of a
URL that holds again without a new row (clear_failure), and a commit may replace all findings
of some rules (the cross-document checks, schema/catalog.py). Files in a table folder outside
the layout (the per-document files of earlier versions, a file left by hand) are read as older
than any partition file, their rows of documents the partitions already hold or without a
documents row (orphans) left out, and folded in by the next compaction.

A commit may also carry the harvest's HTTP state of the URLs it writes (flows.state): the
entries are durable with the rows they describe, `http_state` reads them over
`state/http.json`, and compaction merges them into that file before it removes the commits.

The root is a local folder or an object-store URL (`s3://bucket/prefix`, resolved by pyarrow's
filesystems). The lock needs a local folder: on an object store one run at a time is the
deployment's concurrency limit.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from .lock import DatasetBusy, lock_folder, unlock_folder
from .tables import TABLES, to_arrow

__all__ = ["DatasetBusy", "Pending", "Root", "Writer", "clear_failure", "http_state", "read_arrow", "read_table",
           "read_source_table", "write_document", "writing"]

PART = "part-0.parquet"  # the one file of a partition
JOURNAL = "_journal"
COMMITTED = "commit.json"  # written last: a commit folder without it is a write that did not finish
SORT = {"documents": ["source_id", "url", "fetched_at"],
        "pledges": ["source_id", "doc_id", "table_no", "row_no", "period_start"],
        "findings": ["source_id", "doc_id", "table_no", "row_no", "rule"]}
ROW_GROUP = 65536  # rows per row group: readers filtering on doc_id skip the others
HTTP_STATE = ("state", "http.json")  # the harvest's HTTP state per URL (flows.state)


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

    def relative(self, location: str) -> str:
        """A path or URL inside the root as the dataset stores it: relative to the root."""
        for prefix in (self.base + "/", self.url + "/"):
            if location.startswith(prefix):
                return location[len(prefix):]
        return location

    def resolve(self, location: str | None) -> str | None:
        """A location the dataset stores (relative to the root, or absolute) as a path or URL."""
        if not location or "://" in location or location.startswith("/"):
            return location
        return self.uri(self.path(location))

    def files(self, folder: str, suffix: str = ".parquet") -> list[str]:
        """Files under a folder of the root (recursively), sorted; hidden temporary files left out."""
        selector = pafs.FileSelector(self.path(folder), recursive=True, allow_not_found=True)
        return sorted(info.path for info in self.fs.get_file_info(selector)
                      if info.type == pafs.FileType.File and info.path.endswith(suffix)
                      and not info.base_name.startswith("."))

    def folders(self, folder: str) -> list[str]:
        """The folders right under a folder of the root."""
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


def partitions(table: pa.Table) -> pa.Array:
    """Each row's partition: `YYYY-MM` of its own period_start (a pledge row of a monthly matrix
    is filed under its column's month), or `unknown`."""
    return pc.fill_null(pc.strftime(table.column("period_start"), format="%Y-%m"), "unknown")


def _parquet_bytes(table: pa.Table) -> bytes:
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, compression="zstd", row_group_size=ROW_GROUP)
    return buffer.getvalue().to_pybytes()


def _arrow_bytes(table: pa.Table) -> bytes:
    """A commit's table as an Arrow IPC file: many times cheaper than Parquet for a few rows."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _conform(name: str, table: pa.Table) -> pa.Table:
    """A table with exactly the contract's columns and schema (its metadata included)."""
    schema = TABLES[name]
    return table.select(schema.names).cast(schema) if table.schema != schema else table


# --- what a commit replaces -------------------------------------------------------------------

@dataclass
class Replaces:
    doc_ids: set = field(default_factory=set)  # "source_id\0doc_id": every row of these documents
    urls: set = field(default_factory=set)  # "source_id\0url": the failed row (no doc_id) of these URLs
    rules: set = field(default_factory=set)  # every finding of these rules

    def update(self, other: Replaces) -> None:
        self.doc_ids |= other.doc_ids
        self.urls |= other.urls
        self.rules |= other.rules

    def __bool__(self) -> bool:
        return bool(self.doc_ids or self.urls or self.rules)

    @classmethod
    def of(cls, documents: pa.Table, rules: Iterable[str] = (), urls: Iterable[str] = ()) -> Replaces:
        ids = {d for d in _doc_keys(documents).to_pylist() if d}
        return cls(ids, set(_url_keys(documents).to_pylist()) | set(urls), set(rules))

    def mask(self, name: str, table: pa.Table) -> pa.Array:
        """True for the rows of `table` this replaces."""
        hit = pc.is_in(_doc_keys(table), value_set=pa.array(sorted(self.doc_ids), pa.string()))
        if name == "documents" and self.urls:
            failed = pc.is_in(_url_keys(table), value_set=pa.array(sorted(self.urls), pa.string()))
            hit = pc.or_(hit, pc.and_(pc.is_null(table.column("doc_id")), failed))
        if name == "findings" and self.rules:
            hit = pc.or_(hit, pc.is_in(table.column("rule"), value_set=pa.array(sorted(self.rules), pa.string())))
        return pc.fill_null(hit, False)

    def keep(self, name: str, table: pa.Table) -> pa.Table:
        return table.filter(pc.invert(self.mask(name, table))) if self and table.num_rows else table


def _doc_keys(table: pa.Table) -> pa.Array:
    """A document's key: its source and doc_id (the same bytes under two sources are two documents);
    null without a doc_id."""
    return pc.binary_join_element_wise(pc.fill_null(table.column("source_id"), ""), table.column("doc_id"), "\0")


def _url_keys(documents: pa.Table) -> pa.Array:
    return pc.binary_join_element_wise(pc.fill_null(documents.column("source_id"), ""),
                                       pc.fill_null(documents.column("url"), ""), "\0")


# --- the journal --------------------------------------------------------------------------------

@dataclass
class Commit:
    path: str
    root: Root
    rules: list[str]
    urls: list[str]  # "source_id\0url": failed rows cleared without a new row (clear_failure)
    http_state: dict[str, dict]  # URL -> its HTTP state entry, written with this commit
    _tables: dict = field(default_factory=dict)
    _replaces: Replaces | None = None

    def table(self, name: str) -> pa.Table:
        if name not in self._tables:
            path = f"{self.path}/{name}.arrow"
            self._tables[name] = (_conform(name, pa.ipc.open_file(pa.py_buffer(self.root.read_bytes(path))).read_all())
                                  if self.root.exists(path) else TABLES[name].empty_table())
        return self._tables[name]

    @property
    def replaces(self) -> Replaces:
        if self._replaces is None:
            self._replaces = Replaces.of(self.table("documents"), self.rules, self.urls)
        return self._replaces


_known_commits: dict[str, Commit] = {}  # a whole commit never changes: read once per process


def commits(root: Root) -> list[Commit]:
    """The whole commits of the journal, oldest first."""
    out = []
    for folder in root.folders(JOURNAL):
        commit = _known_commits.get(folder)
        if commit is None:
            marker = f"{folder}/{COMMITTED}"
            if not root.exists(marker):
                continue
            meta = json.loads(root.read_bytes(marker))
            commit = _known_commits[folder] = Commit(folder, root, meta.get("replace_rules", []),
                                                           meta.get("replace_urls", []), meta.get("http_state", {}))
        out.append(commit)
    return out


def fold(name: str, base: pa.Table, journal: list[Commit], where: ds.Expression | None = None) -> pa.Table:
    """`base` (older than every commit) with the commits applied in order: each commit's rows
    replace what it replaces. A row stays when no later commit replaces it."""
    if not journal:
        return base
    latest = {"doc": {}, "url": {}, "rule": {}}  # key -> the last commit replacing it
    pieces = []
    for i, commit in enumerate(journal):
        replaces = commit.replaces
        for kind, keys in (("doc", replaces.doc_ids), ("url", replaces.urls), ("rule", replaces.rules)):
            latest[kind].update(dict.fromkeys(keys, i))
        rows = commit.table(name)
        pieces.append(rows.append_column("_commit", pa.repeat(pa.scalar(i, pa.int64()), rows.num_rows)))
    added = pa.concat_tables(pieces)
    if where is not None:
        added = added.filter(where)
    rows = pa.concat_tables([base.append_column("_commit", pa.repeat(pa.scalar(-1, pa.int64()), base.num_rows)),
                             added])
    by = _latest(_doc_keys(rows), latest["doc"])
    if name == "documents":
        failed = pc.if_else(pc.is_null(rows.column("doc_id")), _latest(_url_keys(rows), latest["url"]), -2)
        by = pc.max_element_wise(by, failed)
    if name == "findings":
        by = pc.max_element_wise(by, _latest(rows.column("rule"), latest["rule"]))
    return rows.filter(pc.greater_equal(rows.column("_commit"), by)).drop_columns(["_commit"])


def _latest(values, last: dict) -> pa.Array:
    """For each value, the index of the last commit replacing it (-2 for none)."""
    if not last:
        return pa.repeat(pa.scalar(-2, pa.int64()), len(values))
    position = pc.index_in(values, value_set=pa.array(list(last), pa.string()))
    return pc.fill_null(pc.take(pa.array(list(last.values()), pa.int64()), position), -2)


# --- reading ------------------------------------------------------------------------------------

def _layout(root: Root, table: str) -> tuple[dict[str, str], list[str]]:
    """A table's partition files by partition, and the files outside the layout."""
    parts, strays = {}, []
    for path in root.files(table):
        inner = path[len(root.path(table)) + 1:].split("/")
        if len(inner) == 2 and inner[0].startswith("period=") and inner[1] == PART:
            parts[inner[0][len("period="):]] = path
        else:
            strays.append(path)
    return parts, strays


def _read(root: Root, table: str, files: list[str], where: ds.Expression | None = None,
          columns: list[str] | None = None) -> pa.Table:
    if not files:
        empty = TABLES[table].empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset(files, schema=TABLES[table], format="parquet", filesystem=root.fs)
    return dataset.to_table(filter=where, columns=columns)


def _without_strays_known(root: Root, table: str, parts: dict[str, str], strays: list[str],
                          where: ds.Expression | None) -> pa.Table:
    """The rows of files outside the layout that the partitions do not already hold, and (for
    pledges and findings) only those of a document with a documents row."""
    rows = _read(root, table, strays, where)
    if not rows.num_rows:
        return rows
    known = _read(root, table, list(parts.values()), columns=["doc_id", "source_id", "url"]
                  if table == "documents" else ["doc_id", "source_id"])
    held = Replaces.of(known) if table == "documents" else Replaces({d for d in _doc_keys(known).to_pylist() if d})
    rows = held.keep(table, rows)
    if table != "documents":
        documents = Replaces.of(read_arrow(root, "documents")).doc_ids
        rows = rows.filter(pc.fill_null(pc.is_in(_doc_keys(rows), value_set=pa.array(sorted(documents), pa.string())),
                                        False))
    return rows


def _state(root: Root, table: str, where: ds.Expression | None) -> pa.Table:
    parts, strays = _layout(root, table)
    base = _read(root, table, list(parts.values()), where)
    if strays:
        base = pa.concat_tables([base, _without_strays_known(root, table, parts, strays, where)])
    return fold(table, base, commits(root), where)


def read_arrow(root: str | Path | Root, table: str, where: ds.Expression | None = None) -> pa.Table:
    """A table of the dataset (its rows satisfying `where`, if given) as an Arrow table of the
    contract's schema, the journal's commits included; empty if none."""
    root = Root.of(root)
    for _ in range(2):
        try:
            return _state(root, table, where)
        except FileNotFoundError:  # a writer compacted the journal meanwhile: read again
            pass
    return _state(root, table, where)


def read_table(root: str | Path | Root, table: str):
    """A table of the dataset as a pandas DataFrame with the contract's columns (empty if none)."""
    return read_arrow(root, table).to_pandas()


def read_source_table(root: str | Path | Root, table: str, source_id: str, doc_id: str | None = None) -> list[dict]:
    """The rows of one source (of one of its documents, given `doc_id`) as dicts."""
    where = ds.field("source_id") == source_id
    if doc_id:
        where = where & (ds.field("doc_id") == doc_id)
    return read_arrow(root, table, where).to_pylist()


# --- writing ------------------------------------------------------------------------------------

def compact(root: Root) -> bool:
    """Fold the journal (and any file outside the layout) into the partitions; True if anything
    was written. The caller holds the lock."""
    journal = commits(root)
    whole = {commit.path for commit in journal}
    for folder in root.folders(JOURNAL):  # a commit without its marker: a writer stopped in it
        if folder not in whole:
            root.fs.delete_dir(folder)
    if root.local:  # the temporary files of a write that was killed
        for table in TABLES:
            for folder, _, names in os.walk(root.path(table)):
                for name in names:
                    if name.startswith(".") and name.endswith(".tmp"):
                        os.remove(os.path.join(folder, name))
    layouts = {table: _layout(root, table) for table in TABLES}
    if not journal and not any(strays for _, strays in layouts.values()):
        return False
    replaced = Replaces()
    for commit in journal:
        replaced.update(commit.replaces)
    for table in ("documents", "pledges", "findings"):  # documents first: no pledge row without one
        parts, strays = layouts[table]
        new = fold(table, TABLES[table].empty_table(), journal)
        if strays:
            new = pa.concat_tables([replaced.keep(table, _without_strays_known(root, table, parts, strays, None)),
                                    new])
        new_parts = partitions(new)
        touched = set(new_parts.to_pylist())
        for period, path in parts.items():
            if period not in touched and replaced:
                keys = _read(root, table, [path], columns=[c for c in ("doc_id", "source_id", "url", "rule")
                                                           if c in TABLES[table].names])
                if pc.any(replaced.mask(table, keys)).as_py():
                    touched.add(period)
        for period in sorted(touched):
            path = parts.get(period) or root.path(table, f"period={period}", PART)
            kept = replaced.keep(table, _read(root, table, [path])) if period in parts else None
            rows = new.filter(pc.equal(new_parts, period))
            rows = pa.concat_tables([kept, rows]) if kept is not None else rows
            if rows.num_rows:
                rows = rows.sort_by([(c, "ascending") for c in SORT[table]])
                root.write_bytes(path, _parquet_bytes(_with_metadata(table, rows)))
            elif period in parts:
                root.fs.delete_file(path)
        for path in strays:
            root.fs.delete_file(path)
        _prune(root, {path.rsplit("/", 1)[0] for path in strays}, root.path(table))
    _merge_http_state(root, journal)
    for commit in journal:  # oldest first: what is left is newer than what the partitions hold
        root.fs.delete_dir(commit.path)
        _known_commits.pop(commit.path, None)
    return True


def _http_state_file(root: Root) -> dict:
    try:
        state = json.loads(root.read_bytes(root.path(*HTTP_STATE)))
    except (FileNotFoundError, ValueError, OSError):  # none yet, or torn by hand
        return {}
    return state if isinstance(state, dict) else {}


def http_state(root: str | Path | Root) -> dict:
    """The HTTP state of the harvest (URL -> entry): `state/http.json` with the entries of the
    commits not yet compacted over it (a mapping even when the file holds something else)."""
    root = Root.of(root)
    state = _http_state_file(root)
    for commit in commits(root):
        state.update(commit.http_state)
    return state


def _merge_http_state(root: Root, journal: list[Commit]) -> None:
    """The commits' HTTP state entries into `state/http.json` (rewritten whole, atomically)."""
    entries = {url: entry for commit in journal for url, entry in commit.http_state.items()}
    if entries:
        state = {**_http_state_file(root), **entries}
        root.write_bytes(root.path(*HTTP_STATE), json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))


def _prune(root: Root, folders: set[str], top: str) -> None:
    """Remove the folders (and their parents below `top`) left empty."""
    for folder in sorted(folders, key=len, reverse=True):
        while folder.startswith(top + "/"):
            if root.fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True)):
                break
            root.fs.delete_dir(folder)
            folder = folder.rsplit("/", 1)[0]


def _with_metadata(table: str, rows: pa.Table) -> pa.Table:
    """Rows already in Arrow, with the contract's schema and metadata."""
    return _conform(table, rows).replace_schema_metadata(to_arrow(table, []).schema.metadata)


_ids = itertools.count()
_registry: dict[str, Writer] = {}
_registry_lock = threading.Lock()


class Writer:
    """The one writer of a root in this process: holds the lock, commits, compacts when closed.
    Opened by `writing(root)`, shared by whoever in the process writes the same root."""

    def __init__(self, root: Root):
        self.root = root
        self.users = 0
        self._mutex = threading.Lock()
        self._documents: dict[str, list[dict]] | None = None
        self._lock_fd = lock_folder(root.base, root.url) if root.local else None
        try:
            compact(root)  # what a killed run left
        except BaseException:
            self._unlock()
            raise

    def commit(self, documents: list[dict], pledges: list[dict] = (), findings: list[dict] = (),
               replace_rules: Iterable[str] = (), replace_urls: Iterable[tuple[str, str]] = (),
               http_state: dict[str, dict] | None = None) -> None:
        """One commit: these documents' rows replace every earlier row of theirs (and the failed
        rows of their URLs); `replace_rules` replaces every finding of those rules and
        `replace_urls` the failed rows of those (source_id, url); `http_state` (URL -> entry) is
        the HTTP state of the URLs written, durable with them."""
        tables = {"pledges": to_arrow("pledges", list(pledges)), "findings": to_arrow("findings", list(findings)),
                  "documents": to_arrow("documents", list(documents))}
        folder = self.root.path(JOURNAL, f"{time.time_ns():020d}-{os.getpid()}-{next(_ids):08d}")
        for name, table in tables.items():
            if table.num_rows:
                self.root.write_bytes(f"{folder}/{name}.arrow", _arrow_bytes(table))
        urls = sorted(f"{source}\0{url}" for source, url in replace_urls)
        meta = {"documents": tables["documents"].num_rows, "replace_rules": sorted(replace_rules),
                "replace_urls": urls, **({"http_state": http_state} if http_state else {})}
        self.root.write_bytes(f"{folder}/{COMMITTED}", json.dumps(meta).encode())
        with self._mutex:
            if self._documents is not None:
                replaced = Replaces.of(tables["documents"], urls=urls)
                for source, known in self._documents.items():
                    self._documents[source] = [
                        d for d in known if f"{d['source_id']}\0{d['doc_id']}" not in replaced.doc_ids
                        and not (d["doc_id"] is None and f"{d['source_id']}\0{d['url']}" in replaced.urls)]
                for row in tables["documents"].to_pylist():
                    self._documents.setdefault(row["source_id"], []).append(row)

    def documents(self, source_id: str) -> list[dict]:
        """The documents rows of a source (read once per writer, then kept up to date)."""
        with self._mutex:
            if self._documents is None:
                self._documents = {}
                for row in read_arrow(self.root, "documents").to_pylist():
                    self._documents.setdefault(row["source_id"], []).append(row)
            return list(self._documents.get(source_id, []))

    def compact(self) -> bool:
        with self._mutex:
            return compact(self.root)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            unlock_folder(self._lock_fd)
            self._lock_fd = None


class Pending:
    """Documents gathered for one commit of many (`piagam extract` commits its documents in
    batches, not one by one): a document added later replaces an earlier one of the batch as a
    later commit would (the same source and doc_id; a failed row without a doc_id of the same
    URL), so one commit of the batch leaves what its commits one by one would have."""

    def __init__(self) -> None:
        self._rows: dict[tuple, tuple[dict, list[dict], list[dict]]] = {}
        self.since = time.monotonic()  # when the first document of the batch came

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, document: dict, pledges: list[dict], findings: list[dict]) -> None:
        if not self._rows:
            self.since = time.monotonic()
        failed_key = ("url", document["source_id"], document["url"])
        self._rows.pop(failed_key, None)  # a failed row of the URL: replaced by any row of it
        key = failed_key if document["doc_id"] is None else ("doc", document["source_id"], document["doc_id"])
        self._rows.pop(key, None)
        self._rows[key] = (document, pledges, findings)

    def commit(self, writer: Writer) -> None:
        """Commit the batch as one (nothing when it is empty), and start a new one."""
        if self._rows:
            rows = list(self._rows.values())
            writer.commit([d for d, _, _ in rows], [p for _, ps, _ in rows for p in ps],
                          [f for _, _, fs in rows for f in fs])
            self._rows.clear()


@contextmanager
def writing(root: str | Path | Root) -> Iterator[Writer]:
    """The root's writer for the duration of the block; the outermost block compacts and unlocks
    at its end. DatasetBusy when another process writes the root."""
    root = Root.of(root)
    with _registry_lock:
        writer = _registry.get(root.url)
        if writer is None:
            writer = _registry[root.url] = Writer(root)
        writer.users += 1
    failed = False
    try:
        yield writer
    except BaseException:
        failed = True
        raise
    finally:
        with _registry_lock:
            writer.users -= 1
            last = writer.users == 0
            if last:
                del _registry[root.url]
        if last:
            try:
                writer.compact()  # what was committed is kept, even when the block stopped on an error
            except Exception:
                if not failed:
                    raise  # else the journal stays, for the next writer; the block's error is the one to see
            finally:
                writer._unlock()


def write_document(root: str | Path | Root, document: dict, pledges: list[dict], findings: list[dict],
                   http_state: dict[str, dict] | None = None) -> None:
    """Commit one document's rows to the three tables, replacing any earlier write of it (see the
    module's docstring), with its URL's HTTP state if given; compacted at once unless a run holds
    the root's writer."""
    with writing(root) as writer:
        writer.commit([document], pledges, findings, http_state=http_state)


def clear_failure(root: str | Path | Root, source_id: str, url: str) -> None:
    """Remove the failed row of a URL that failed to be fetched before and holds again now (a
    commit replacing it with nothing; none when the URL has no failed row)."""
    with writing(root) as writer:
        if any(d["doc_id"] is None and d["url"] == url for d in writer.documents(source_id)):
            writer.commit([], replace_urls=[(source_id, url)])
