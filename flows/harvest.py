"""The Prefect flow `harvest`: sources -> document URLs -> fetch -> extract -> validate -> write.

Thin over the plain-Python core (flows.pipeline, extractors, schema): the flow adds retries,
caching by content hash, concurrency and the schedule. Importing this module configures
Prefect's environment first (flows.prefect_env).
"""

from __future__ import annotations

from . import prefect_env

prefect_env.configure()

from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE as NO_CACHE  # noqa: E402

from ..extractors.document import EXTRACTOR_VERSION, Result, read_document, validate  # noqa: E402
from ..schema.catalog import refresh  # noqa: E402
from ..schema.dataset import Root, write_document  # noqa: E402
from .archive import archive, archived_bytes  # noqa: E402
from .fetch import FetchError, Fetched, fetch  # noqa: E402
from .pipeline import Summary, failed_document  # noqa: E402
from .sources import Source, load_sources  # noqa: E402

from .cli import DEFAULT_SOURCES  # noqa: E402


@task(name="discover", cache_policy=NO_CACHE)
def discover(source: Source) -> list[tuple[str, str]]:
    """The document URLs of a source, with their link titles."""
    return [(url, source.title or "") for url in source.urls]


@task(name="fetch", retries=2, retry_delay_seconds=[1, 4], cache_policy=NO_CACHE)
def fetch_task(url: str) -> Fetched:
    return fetch(url)


def _extract_key(context, parameters) -> str:
    return f"extract-{parameters['digest']}-{EXTRACTOR_VERSION}-{parameters['source_id']}"


@task(name="extract", cache_key_fn=_extract_key, persist_result=True, cache_expiration=timedelta(days=3650))
def extract_task(digest: str, path: str, source_id: str, agency: str, url: str, title: str, fetched_at) -> Result:
    """Read and check one archived document; cached by content hash and extractor version."""
    data = archived_bytes(path)
    return read_document(data, source_id=source_id, agency=agency, url=url, title=title, fetched_at=fetched_at)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(result: Result) -> Result:
    return validate(result)


@task(name="write", cache_policy=NO_CACHE)
def write_task(out: str, result: Result) -> None:
    write_document(out, result.document, result.pledges, result.findings)


@flow(name="harvest", log_prints=False)
def harvest(sources_file: str = str(DEFAULT_SOURCES), out: str = "output") -> Summary:
    """Harvest every source of the sources file into the dataset under `out`."""
    summary = Summary(out=Root(out).url)
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
            result = harvest_document(source, url, title, out)
            summary.add(result)
    summary.findings.update(refresh(out).findings)  # the cross-document checks
    return summary


def harvest_document(source: Source, url: str, title: str, out: str) -> Result:
    try:
        fetched = fetch_task(url)
    except FetchError as exc:
        result = failed_document(source_id=source.id, agency=source.agency, url=url, reason=str(exc), title=title)
        write_task(out, result)
        return result
    digest, path = archive(out, fetched.data, {"url": fetched.url, "fetched_at": fetched.fetched_at,
                                               "status": fetched.status, "headers": fetched.headers,
                                               "source_id": source.id})
    root = Root(out)  # the cache of an object-store run stays in Prefect's local storage
    extract = extract_task.with_options(result_storage=Path(root.base) / "cache") if root.local else extract_task
    result = validate_task(extract(digest, str(path), source.id, source.agency, url, title, fetched.fetched_at))
    result.document["archive_path"] = path
    write_task(out, result)
    return result
