"""The Prefect flow `harvest`: sources -> links -> fetch -> archive -> extract -> check -> write.

Thin over the plain-Python core (flows.pipeline): the flow adds a task per source (discovery:
the listing pages) and a task per batch of its documents (conditional fetch, archive, extract,
check, write: an unchanged month ends at the 304; a few documents to a task so that Prefect's
cost per task is not the cost), run concurrently on a thread pool. A source's documents are
handed to tasks as soon as its listing is read, whatever the other sources are doing, so a
slow or stalled site holds back no other; each body is held only while its own document is
processed, then written and let go. A retry of a source task that fails unexpectedly;
extraction cached by content hash and extractor version, its results persisted under
`<out>/cache` (flows.reading); the reading done on a Dask cluster when the run is given one
(flows.dask_cluster), everything else staying in this process; a `host:<name>` tag on each
task, so that a Prefect tag concurrency limit (`prefect concurrency-limit create host:<name>
2`) holds a host's documents across workers; and the monthly schedule (`piagam serve`,
`prefect.yaml`). Politeness towards each host (requests at once, delay between them) is the
fetcher's, in every run. Importing this module configures Prefect's environment first
(flows.prefect_env).
"""

from __future__ import annotations

from . import prefect_env

prefect_env.configure()

from pathlib import Path  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE as NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.schedules import Cron  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from ..extractors.document import Result  # noqa: E402
from ..extractors.limits import Stopped  # noqa: E402
from ..schema.catalog import refresh  # noqa: E402
from ..schema.dataset import Root, write_document  # noqa: E402
from .cli import DEFAULT_SOURCES  # noqa: E402
from .discover import Link  # noqa: E402
from .fetch import without_credentials  # noqa: E402
from .pipeline import FAILED, Run, Summary, discover_source, failed_document, fetch_document, read_version  # noqa: E402
from .reading import Reading, reading  # noqa: E402
from .signals import stopping  # noqa: E402
from .sources import Source, load_sources  # noqa: E402

WORKERS = 8  # tasks at once: sources fetched, batches of documents read (each host still gets only its own few at once)
BATCH = 4  # documents fetched and read in one task at most (Prefect's cost per task is paid per batch)
MONTHLY = Cron("0 6 1 * *", timezone="Asia/Kuala_Lumpur")  # 06:00 on the 1st, Malaysian time


@task(name="source", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def source_task(run: Run, source: Source):
    """Discover a source's links: (its links, the failed row of its listing or None)."""
    try:
        return discover_source(run, source)
    except Stopped:  # SIGINT, SIGTERM: nothing more to do
        return [], None


@task(name="documents", cache_policy=NO_CACHE)
def documents_task(run: Run, read: Reading, batch: list[tuple[Source, Link]]):
    """Fetch (conditionally), archive, read, check and write a batch of documents, one after
    another, each written before the next is fetched. A document that raises (a bug, not bad
    input) is a failed row; the batch goes on. After SIGINT or SIGTERM the documents not done
    are left for the next run."""
    outcomes = []
    for source, link in batch:
        try:
            fetched, result, how = fetch_document(run, source, link)
            outcomes.append((result, how, None) if fetched is None else read_version(run, source, link, fetched, read))
        except Stopped:
            break
        except Exception as exc:
            outcomes.append((_crashed(run.out, source, link, exc), FAILED, None))
    return outcomes


def batches(items: list, size: int):
    """Consecutive items grouped by `size` at most."""
    return [items[k:k + size] for k in range(0, len(items), size)]


@flow(name="harvest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=WORKERS))
def harvest(sources_file: str = str(DEFAULT_SOURCES), out: str = "output", dask: str | None = None,
            batch: int = BATCH) -> Summary:
    """Harvest every source of the sources file into the dataset under `out`; the documents are
    fetched and read `batch` at most to a task, on the Dask cluster `dask` (`local:N` or a
    scheduler address) if given, else in reader processes of this process."""
    summary = Summary(out=Root(out).url)
    sources = load_sources(sources_file)
    with stopping() as stop, Run(out) as run, reading(out, dask) as read:
        listings = {_tagged(source_task, [source.listing or source.urls[0]]).submit(run, source): source
                    for source in sources}
        documents = []
        for listing in as_completed(list(listings)):  # a source's documents start as soon as its listing is read
            source = listings[listing]
            answer = listing.result(raise_on_failure=False)
            if isinstance(answer, BaseException):
                answer = ([], _crashed(out, source, Link(without_credentials(source.listing or "")), answer))
            links, failure = answer
            if failure is not None:
                summary.add(failure, FAILED)
            for group in batches([(source, link) for link in links], batch):
                task_ = _tagged(documents_task, [link.url for _, link in group])
                documents.append((group, task_.submit(run, read, group)))
        for group, future in documents:
            outcomes = future.result(raise_on_failure=False)
            if isinstance(outcomes, BaseException):
                outcomes = [(_crashed(out, source, link, outcomes), FAILED, None) for source, link in group]
            for outcome in outcomes:
                summary.add(*outcome)
        summary.stopped = stop.signal
        summary.findings.update(refresh(out).findings)  # the cross-document checks, under the run's lock
    return summary


def _tagged(task_, urls: list[str]):
    return task_.with_options(tags={f"host:{urlparse(url).hostname or 'local'}" for url in urls})


def _crashed(out: str, source: Source, link: Link, error: BaseException) -> Result:
    """The failed row of a task that raised (a bug, not bad input): say so, and the run goes on."""
    result = failed_document(source_id=source.id, agency=source.agency, url=link.url, title=link.title,
                             reason=f"piagam could not process {link.url} ({type(error).__name__}: {error}).")
    write_document(out, result.document, [], [])
    return result


def deployment(sources_file: str, out: str):
    """The monthly deployment of the flow, for `piagam serve`."""
    return harvest.to_deployment(name="monthly", schedules=[MONTHLY], concurrency_limit=1,
                                 parameters={"sources_file": str(Path(sources_file).resolve()),
                                             "out": str(Path(out).resolve())})
