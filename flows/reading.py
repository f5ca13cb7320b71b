"""How a harvest reads a new document version: from the extraction cache when the same bytes
were read by the same extractor version before, else in a reader process of this process
(`read_limited`) or, when the harvest was given a Dask cluster, on one of its workers.

The cache is Prefect's result store under `<out>/cache` (the default result storage for an
object-store output), one record per document keyed by content hash, extractor version and
source, holding what `read_document` returned (the checked rows: documents row, pledge rows and
findings); its records are written and read here, per document, so that a task reading a batch
of documents still finds each document's own record. A document whose reader died before it
answered (`limits.Lost`) is not cached: it is LOST, and read again on the next run.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from prefect.filesystems import LocalFileSystem
from prefect.results import ResultStore

from ..extractors.document import EXTRACTOR_VERSION, Result
from ..extractors.limits import DEFAULT_LIMITS, Limits, Lost, over_limit, read_limited
from ..schema.dataset import Root
from .discover import Link
from .pipeline import CACHED, LOST, RUN
from .sources import Source

KEPT = timedelta(days=3650)  # how long a cache record holds


def cache_key(digest: str, source_id: str) -> str:
    return f"read-{digest}-{EXTRACTOR_VERSION}-{source_id}"  # "read-": checked Results ("extract-" held unchecked ones)


class Reading:
    """The reader (`pipeline.Reader`) of one harvest; safe to call from several threads."""

    def __init__(self, out: str, client=None):
        root = Root(out)
        storage = LocalFileSystem(basepath=str(Path(root.base) / "cache")) if root.local else None
        self.store = ResultStore(result_storage=storage, cache_result_in_memory=False)
        self.client = client  # a distributed.Client, or None to read in this process

    def __call__(self, data: bytes | Path, digest: str, source: Source, link: Link, fetched_at: datetime,
                 format: str | None = None) -> tuple[Result, str]:
        """The checked Result of a document (its bytes, or their file; their sha256 `digest` and sniffed `format`
        as the caller found them), and how it was had (RUN, CACHED, LOST)."""
        key = cache_key(digest, source.id)
        if self.store.exists(key):
            return self.store.read(key).result, CACHED
        fields = {"source_id": source.id, "agency": source.agency, "url": link.url, "title": link.title,
                  "fetched_at": fetched_at, "doc_id": digest, "format": format, "limits": Limits(source.read_timeout or DEFAULT_LIMITS.timeout_s,
                                                             source.memory_mb or DEFAULT_LIMITS.memory_mb)}
        if self.client is None:
            result = read_limited(data, **fields)
        else:
            from .dask_cluster import read_on_worker

            body = data if isinstance(data, bytes) else data.read_bytes()  # a worker may be on another machine
            result = self.client.submit(read_on_worker, body, fields, pure=False).result()
        if isinstance(result, Lost):
            return result, LOST
        if not over_limit(result.document):  # stopped by a limit: read again next time, perhaps with a higher one
            self.store.write(result, key=key, expiration=datetime.now(timezone.utc) + KEPT)
        return result, RUN


@contextmanager
def reading(out: str, dask: str | None = None):
    """The Reading of a harvest into `out`, on the Dask cluster `dask` (see dask_cluster) if given."""
    if dask is None:
        yield Reading(out)
        return
    from .dask_cluster import dask_client

    with dask_client(dask) as client:
        yield Reading(out, client)
