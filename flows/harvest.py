"""The Prefect flow `harvest`: sources -> document URLs -> fetch -> extract -> validate -> write.

Thin over the plain-Python core (flows.pipeline, extractors, schema): the flow adds retries,
caching by content hash, concurrency and the schedule. Importing this module configures
Prefect's environment first (flows.prefect_env).
"""

from __future__ import annotations

from . import prefect_env

prefect_env.configure()

import hashlib  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE as NO_CACHE  # noqa: E402

from ..extractors.document import EXTRACTOR_VERSION, Result  # noqa: E402
from ..schema.dataset import write_document  # noqa: E402
from .archive import archive  # noqa: E402
from .fetch import FetchError, Fetched, fetch  # noqa: E402
from .parallel import Item, read_many  # noqa: E402
from .pipeline import Summary, failed_document  # noqa: E402
from .sources import Source, load_sources  # noqa: E402

from .cli import DEFAULT_SOURCES  # noqa: E402

BATCH_SIZE = 64  # documents per extract task


@task(name="discover", cache_policy=NO_CACHE)
def discover(source: Source) -> list[tuple[str, str]]:
    """The document URLs of a source, with their link titles."""
    return [(url, source.title or "") for url in source.urls]


@task(name="fetch", retries=2, retry_delay_seconds=[1, 4], cache_policy=NO_CACHE)
def fetch_task(url: str) -> Fetched:
    return fetch(url)


def _batch_key(context, parameters) -> str:
    keys = "\n".join(f"{i.digest} {i.source_id} {i.agency} {i.url} {i.title}" for i in parameters["items"])
    return f"extract-batch-{hashlib.sha256(keys.encode()).hexdigest()}-{EXTRACTOR_VERSION}"


@dataclass(frozen=True)
class Archived(Item):
    digest: str = ""  # sha256 of the bytes: the cache key of their reading


@task(name="extract-batch", cache_key_fn=_batch_key, persist_result=True, cache_expiration=timedelta(days=3650))
def extract_batch(items: list[Archived], workers: int | None = None) -> list[Result]:
    """Read and check a batch of archived documents (in `workers` processes): one task per
    batch, so that Prefect's cost per task is not paid per small document; cached by the
    documents' content hashes and the extractor version."""
    return read_many(items, workers)


@task(name="write", cache_policy=NO_CACHE)
def write_task(out: str, result: Result) -> None:
    write_document(out, result.document, result.pledges, result.findings)


@flow(name="harvest", log_prints=False)
def harvest(sources_file: str = str(DEFAULT_SOURCES), out: str = "output", workers: int | None = None,
            batch_size: int = BATCH_SIZE) -> Summary:
    """Harvest every source of the sources file into the dataset under `out`: documents are
    fetched and archived, then read in batches of `batch_size` (each batch in `workers`
    processes, default the machine's cores; the batches run on the flow's task runner)."""
    summary = Summary(out=str(Path(out).resolve()))
    archived: list[Archived] = []
    for source in load_sources(sources_file):
        try:
            links = discover(source)
        except FetchError as exc:
            links = []
            result = failed_document(source_id=source.id, agency=source.agency, url=source.listing or "",
                                     reason=str(exc))
            write_task(out, result)
            summary.add(result)
        for url, title in links:
            item = fetch_document(source, url, title, out)
            if isinstance(item, Result):
                summary.add(item)
            else:
                archived.append(item)
    extract = extract_batch.with_options(result_storage=Path(out).resolve() / "cache")
    batches = [archived[k:k + batch_size] for k in range(0, len(archived), batch_size)]
    for batch, future in zip(batches, [extract.submit(batch, workers) for batch in batches]):
        for item, result in zip(batch, future.result()):
            result.document["archive_path"] = item.path
            write_task(out, result)
            summary.add(result)
    return summary


def fetch_document(source: Source, url: str, title: str, out: str) -> Archived | Result:
    """The archived document, or the failed documents row (written) when it cannot be fetched."""
    try:
        fetched = fetch_task(url)
    except FetchError as exc:
        result = failed_document(source_id=source.id, agency=source.agency, url=url, reason=str(exc), title=title)
        write_task(out, result)
        return result
    digest, path = archive(out, fetched.data, {"url": fetched.url, "fetched_at": fetched.fetched_at,
                                               "status": fetched.status, "headers": fetched.headers,
                                               "source_id": source.id})
    return Archived(str(path), source.id, source.agency, url, title, fetched.fetched_at, digest)


def harvest_on_dask(address: str, sources_file: str = str(DEFAULT_SOURCES), out: str = "output",
                    batch_size: int = BATCH_SIZE) -> Summary:
    """The harvest with its batches run on the Dask cluster at `address` (one process per
    batch on the cluster's workers)."""
    from prefect_dask import DaskTaskRunner

    return harvest.with_options(task_runner=DaskTaskRunner(address=address))(
        sources_file=sources_file, out=out, workers=1, batch_size=batch_size)
