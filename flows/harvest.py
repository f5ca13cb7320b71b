"""The Prefect flow `harvest`: sources -> links -> fetch -> archive -> extract -> check -> write.

Thin over the plain-Python core (flows.pipeline): the flow adds a task per source (discovery and
conditional fetches: an unchanged month ends there) and a task per new document version (archive,
extract, check, write), run concurrently on a thread pool; retries of tasks that fail unexpectedly;
extraction cached by content hash and extractor version, its results persisted under
`<out>/cache`; a `host:<name>` tag on each document task, so that a Prefect tag concurrency
limit (`prefect concurrency-limit create host:<name> 2`) holds a host's documents across
workers; and the monthly schedule (`piagam serve`, `prefect.yaml`). Politeness towards each
host (requests at once, delay between them) is the fetcher's, in every run. Importing this
module configures Prefect's environment first (flows.prefect_env).
"""

from __future__ import annotations

from . import prefect_env

prefect_env.configure()

from datetime import datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE as NO_CACHE  # noqa: E402
from prefect.schedules import Cron  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from ..extractors.document import EXTRACTOR_VERSION, Result, validate  # noqa: E402
from ..extractors.limits import read_limited  # noqa: E402
from ..schema.catalog import refresh  # noqa: E402
from ..schema.dataset import Root, write_document  # noqa: E402
from .cli import DEFAULT_SOURCES  # noqa: E402
from .discover import Link  # noqa: E402
from .fetch import Fetched  # noqa: E402
from .pipeline import (CACHED, FAILED, RUN, Run, Summary, discover_source, failed_document,  # noqa: E402
                       fetch_document, read_version)  # noqa: E402
from .sources import Source, load_sources  # noqa: E402

WORKERS = 8  # documents fetched and read at once (each host still gets only its own few at once)
MONTHLY = Cron("0 6 1 * *", timezone="Asia/Kuala_Lumpur")  # 06:00 on the 1st, Malaysian time


@task(name="source", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def source_task(run: Run, source: Source):
    """Discover a source's links and fetch each (conditionally): what failed, and per link what
    came of it, new bytes to read or not."""
    links, failure = discover_source(run, source)
    return failure, [(link, *fetch_document(run, source, link)) for link in links]


def _extract_key(context, parameters) -> str:
    return f"extract-{parameters['digest']}-{EXTRACTOR_VERSION}-{parameters['source_id']}"


@task(name="extract", cache_key_fn=_extract_key, persist_result=True, cache_expiration=timedelta(days=3650))
def extract_task(data: bytes, digest: str, source_id: str, agency: str, url: str, title: str,
                 fetched_at: datetime) -> Result:
    """Read one document; cached by content hash and extractor version."""
    return read_limited(data, source_id=source_id, agency=agency, url=url, title=title, fetched_at=fetched_at)


def _cached_reader(out: str):
    root = Root(out)  # the cache of an object-store run stays in Prefect's local storage
    extract = extract_task.with_options(result_storage=Path(root.base) / "cache") if root.local else extract_task

    def read(data: bytes, digest: str, source: Source, link: Link, fetched_at: datetime) -> tuple[Result, str]:
        state = extract(data, digest, source.id, source.agency, link.url, link.title, fetched_at,
                        return_state=True)
        return validate(state.result()), CACHED if state.name == "Cached" else RUN

    return read


@task(name="document", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def document_task(run: Run, source: Source, link: Link, fetched: Fetched):
    return read_version(run, source, link, fetched, read=_cached_reader(run.out))


@flow(name="harvest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=WORKERS))
def harvest(sources_file: str = str(DEFAULT_SOURCES), out: str = "output") -> Summary:
    """Harvest every source of the sources file into the dataset under `out`."""
    summary = Summary(out=Root(out).url)
    sources = load_sources(sources_file)
    with Run(out) as run:
        listings = [(source, _tagged(source_task, source.listing or source.urls[0]).submit(run, source))
                    for source in sources]
        documents = []
        for source, listing in listings:
            answer = listing.result(raise_on_failure=False)
            if isinstance(answer, BaseException):
                answer = (_crashed(out, source, Link(source.listing or ""), answer), [])
            failure, links = answer
            if failure is not None:
                summary.add(failure, FAILED)
            for link, fetched, result, how in links:
                if fetched is None:
                    summary.add(result, how)
                else:
                    documents.append((source, link, _tagged(document_task, link.url).submit(run, source, link, fetched)))
        for source, link, future in documents:
            outcome = future.result(raise_on_failure=False)
            if isinstance(outcome, BaseException):
                outcome = (_crashed(out, source, link, outcome), FAILED, None)
            summary.add(*outcome)
    summary.findings.update(refresh(out).findings)  # the cross-document checks
    return summary


def _tagged(task_, url: str):
    return task_.with_options(tags={f"host:{urlparse(url).hostname or 'local'}"})


def _crashed(out: str, source: Source, link: Link, error: BaseException) -> Result:
    """The failed row of a task that raised (a bug, not bad input): say so, and the run goes on."""
    result = failed_document(source_id=source.id, agency=source.agency, url=link.url, title=link.title,
                             reason=f"piagam could not process {link.url} ({type(error).__name__}: {error}).")
    write_document(out, result.document, [], [])
    return result


def deployment(sources_file: str, out: str):
    """The monthly deployment of the flow, for `piagam serve`."""
    return harvest.to_deployment(name="monthly", schedules=[MONTHLY],
                                 parameters={"sources_file": str(Path(sources_file).resolve()),
                                             "out": str(Path(out).resolve())})
