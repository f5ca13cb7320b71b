"""Many documents read in parallel processes: the plain-Python core (read and check one
document) run by a pool of worker processes, documents handed out in batches so that small
documents do not pay a round trip each.

No Prefect here: the flow calls `read_many` once per batch task, `piagam extract` and the
bench call it directly.
"""

from __future__ import annotations

import atexit
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from ..extractors.document import Result, read_document, validate
from .pipeline import failed_document

BATCH_BYTES = 250_000  # a worker's batch: documents up to about this many bytes together
BATCH_DOCS = 4  # small enough for the workers to share the load evenly


@dataclass(frozen=True)
class Item:
    """One document to read: where its bytes are, and what the documents row says of it."""

    path: str
    source_id: str
    agency: str
    url: str
    title: str = ""
    fetched_at: datetime | None = None


def read_item(item: Item) -> Result:
    """Read and check one document; never raises for bad input."""
    try:
        data = Path(item.path).read_bytes()
    except OSError as exc:
        result = failed_document(source_id=item.source_id, agency=item.agency, url=item.url, title=item.title,
                                 reason=f"The file {item.path} cannot be read ({exc.strerror or exc}).")
        result.document["fetched_at"] = item.fetched_at or result.document["fetched_at"]
        return result
    return validate(read_document(data, source_id=item.source_id, agency=item.agency, url=item.url,
                                  title=item.title, fetched_at=item.fetched_at))


def read_batch(items: list[Item]) -> list[Result]:
    """Documents read one after the other in this process."""
    return [read_item(item) for item in items]


def batches(items: list[Item], max_bytes: int = BATCH_BYTES, max_docs: int = BATCH_DOCS) -> list[list[Item]]:
    """Consecutive runs of items, each up to `max_docs` documents or `max_bytes` bytes (a
    large document makes a batch of its own)."""
    out: list[list[Item]] = []
    size = 0
    for item in items:
        n = _bytes(item)
        if not out or len(out[-1]) >= max_docs or size + n > max_bytes:
            out.append([])
            size = 0
        out[-1].append(item)
        size += n
    return out


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started once and kept for the life of this process
    (started fresh, not forked, so that no thread or lock of the caller is copied)."""
    if workers not in _pools:
        _pools[workers] = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
    return _pools[workers]


@atexit.register
def shutdown() -> None:
    """Stop the worker processes."""
    while _pools:
        _pools.popitem()[1].shutdown(cancel_futures=True)


def read_many(items: list[Item], workers: int | None = None) -> list[Result]:
    """Read and check the documents in `workers` processes (default: the machine's cores);
    results in the order of `items`. One worker reads in this process."""
    workers = workers or default_workers()
    if workers <= 1 or len(items) <= 1:
        return read_batch(items)
    runs = batches(items)
    pool = _pool(workers)
    # the largest batches first, so that a long report does not start last and run alone
    futures = {id(run): pool.submit(read_batch, run) for run in sorted(runs, key=_size, reverse=True)}
    return [result for run in runs for result in futures[id(run)].result()]


def _size(items: list[Item]) -> int:
    return sum(map(_bytes, items))


def _bytes(item: Item) -> int:
    try:
        return os.path.getsize(item.path)
    except OSError:
        return 0
