"""The Prefect flow `harvest`: sources -> links -> fetch -> archive -> extract -> check -> write.

Thin over the plain-Python core (flows.pipeline): the flow adds a task per source (discovery:
the listing pages) and a task per batch of its documents (conditional fetch, archive, extract,
check, write: an unchanged month ends at the 304; a few documents to a task so that Prefect's
cost per task is not the cost), run concurrently on a thread pool. A source's documents are
handed to tasks as soon as its listing is read, whatever the other sources are doing, so a
slow or stalled site holds back no other, and each document is committed as soon as it is done;
no body is held in memory whole (flows.fetch streams it to disk). A retry of a source task that fails unexpectedly;
extraction cached by content hash and extractor version, its results persisted under
`<out>/cache` (flows.reading); the reading done on a Dask cluster when the run is given one
(flows.dask_cluster), everything else staying in this process; a `host:<name>` tag on each
task, so that a Prefect tag concurrency limit (`prefect concurrency-limit create host:<name>
2`) holds a host's documents across workers; and the monthly schedule (`piagam serve`,
`prefect.yaml`). Politeness towards each host (requests at once, delay between them) is the
fetcher's, in every run. Importing this module configures Prefect's environment first
(flows.prefect_env).

What a run did shows in Prefect as its users expect: log lines through the run logger (one per
source, one per document that failed, the summary at the end; each carries a `piagam` record
of the event, which `piagam harvest` turns into its progress display), three artifacts (the
summary in Markdown with a link to the audit report, a table of the documents that failed, a
table of the error findings), and the final state: Failed when a document failed (or the output
could not be written), with the summary as its result either way.
"""

from __future__ import annotations

from . import prefect_env

prefect_env.configure()

import logging  # noqa: E402
import queue  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact, create_table_artifact  # noqa: E402
from prefect.cache_policies import NONE as NO_CACHE  # noqa: E402
from prefect.schedules import Cron  # noqa: E402
from prefect.states import Failed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from ..extractors.document import Result  # noqa: E402
from ..extractors.limits import Stopped  # noqa: E402
from ..schema.catalog import refresh  # noqa: E402
from ..schema.dataset import Root, write_document, writing  # noqa: E402
from ..schema.lock import DatasetBusy  # noqa: E402
from .discover import Link  # noqa: E402
from .fetch import without_credentials  # noqa: E402
from .output import problem  # noqa: E402
from .pipeline import FAILED, Run, discover_source, failed_document, fetch_document, read_version  # noqa: E402
from .reading import Reading, reading  # noqa: E402
from .signals import at_once, stopping  # noqa: E402
from .sources import Source, SourcesError, load_sources  # noqa: E402
from .summary import Summary, short  # noqa: E402

WORKERS = 8  # tasks at once: sources fetched, batches of documents read (each host still gets only its own few at once)
BATCH = 4  # documents fetched and read in one task at most (Prefect's cost per task is paid per batch)
# seconds the main thread waits for a task at a time: the kernel may hand a SIGINT to any thread,
# and Python runs its handler (flows.signals) only in the main thread, once that runs Python code
# again; a wait without end (a task's result) would hold the stop back until the task ends
POLL = 0.1
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
            if fetched is None:
                outcomes.append((result, how, None))
                continue
            try:
                outcomes.append(read_version(run, source, link, fetched, read))
            finally:
                fetched.discard()  # its body's temporary file: archived and read by now
        except Stopped:
            break
        except Exception as exc:
            outcomes.append((_crashed(run.out, source, link, exc), FAILED, None))
    return outcomes


def batches(items: list, size: int):
    """Consecutive items grouped by `size` at most."""
    return [items[k:k + size] for k in range(0, len(items), size)]


@flow(name="harvest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=WORKERS))
def harvest(sources_file: str = "sources.yaml", out: str = "output", dask: str | None = None,
            batch: int = BATCH, timeout: float | None = None, memory_mb: int | None = None):
    """Harvest every source of the sources file into the dataset under `out`; the documents are
    fetched and read `batch` at most to a task, on the Dask cluster `dask` (`local:N` or a
    scheduler address) if given, else in reader processes of this process; `timeout` and
    `memory_mb`, if given, are every source's limits of reading one document. Returns the
    Summary, in a Failed state when a document failed or the output could not be written; after
    SIGINT or SIGTERM (flows.signals) `summary.stopped` names the signal."""
    logger = get_run_logger()
    summary = Summary(out=Root(out).url)
    try:
        limits = {key: value for key, value in (("read_timeout", timeout), ("memory_mb", memory_mb)) if value}
        sources = [replace(source, **limits) for source in load_sources(sources_file)]
        _event(logger, f"harvesting {len(sources)} sources of {sources_file} into {summary.out}",
               "start", total=len(sources))
        # the folder's lock (DatasetBusy if another run holds it), the checks included; a signal
        # outside the documents' work (the checks, the final compaction) ends the run at once
        with at_once(summary.out), writing(out):
            _harvest(sources, out, dask, batch, summary, logger)
            summary.findings.update(refresh(out).findings)  # the cross-document checks
        summary.save()
    except (SourcesError, DatasetBusy, OSError) as exc:  # OSError: the output folder or object store
        summary.fatal = str(exc) if isinstance(exc, (SourcesError, DatasetBusy)) else problem(out, exc)
        logger.error(summary.fatal)
        return Failed(message=summary.fatal, data=summary)
    logger.info(summary.text())
    _artifacts(summary)
    if summary.failed:
        return Failed(message=f"{summary.failed} of {sum(summary.documents.values())} documents failed.",
                      data=summary)
    return summary


def _harvest(sources: list[Source], out: str, dask: str | None, batch: int, summary: Summary, logger) -> None:
    def count(result, fetch=None, extraction=None):
        summary.add(result, fetch, extraction)
        if result is None:
            _event(logger, f"unchanged since the last run ({fetch})", "document", status="unchanged")
            return
        doc = result.document
        why = f": {doc['error']}" if doc["status"] != "ok" else f" ({len(result.pledges)} pledge rows)"
        _event(logger, f"{doc['status']}: {short(doc['url'])}{why}", "document", status=doc["status"],
               warning=doc["status"] == "failed")

    with stopping(summary.out) as stop, Run(out) as run, reading(out, dask) as read:
        finished = queue.SimpleQueue()  # the tasks done, in the order they end
        pending = {}  # task -> its source (a listing) or its group of (source, link) (a batch of documents)

        def submit(future, what):
            pending[future] = what
            future.add_done_callback(finished.put)

        for source in sources:
            submit(_tagged(source_task, [source.listing or source.urls[0]]).submit(run, source), source)
        while pending:
            try:
                future = finished.get(timeout=POLL)
            except queue.Empty:
                continue  # in Python code again: a signal's handler, if one is due, runs now
            what = pending.pop(future)
            answer = future.result(raise_on_failure=False)
            if isinstance(what, list):  # a batch of documents
                if isinstance(answer, BaseException):
                    answer = [(_crashed(out, source, link, answer), FAILED, None) for source, link in what]
                for outcome in answer:
                    count(*outcome)
                continue
            source = what  # a source's listing: its documents start now, whatever the other sources do
            if isinstance(answer, BaseException):
                answer = ([], _crashed(out, source, Link(without_credentials(source.listing or "")), answer))
            links, failure = answer
            _event(logger, f"source {source.id}: {len(links)} links" + (" (its listing failed)" if failure else ""),
                   "source", links=len(links))
            if failure is not None:
                count(failure, FAILED)
            elif source.listing and len(links) == len(source.urls) and not stop.signal:
                note = (f"The listing {source.listing} of source {source.id!r} has no link matching "
                        f"{source.match!r} (if the listing is itself a report, list it under 'urls').")
                summary.notes.append(note)
                _event(logger, note, "note", warning=True)
            for group in batches([(source, link) for link in links], batch):
                submit(_tagged(documents_task, [link.url for _, link in group]).submit(run, read, group), group)
    summary.stopped = stop.signal


def _event(logger, message: str, event: str, warning: bool = False, **fields) -> None:
    """A log line of the run, carrying the event for the progress display of `piagam harvest`."""
    logger.log(logging.WARNING if warning else logging.INFO, message, extra={"piagam": {"event": event, **fields}})


def _artifacts(summary: Summary) -> None:
    """The run's summary, its failed documents and its error findings as Prefect artifacts."""
    root = Root(summary.out)
    report = root.uri(root.path("reports", "audit.html"))
    link = f"file://{report}" if root.local else report
    exists = "" if root.exists(root.path("reports", "audit.html")) else " (not written yet: run `piagam audit`)"
    lines = ["# Harvest summary", "", "```", summary.text(), "```", "",
             f"The auditor's report: [{report}]({link}){exists}; `piagam audit --out {summary.out}` rewrites it."]
    create_markdown_artifact("\n".join(lines), key="harvest-summary", description="What the harvest did")
    create_table_artifact(summary.failures or [{"status": "", "url": "no document failed"}], key="failed-documents",
                          description="The documents that were not read, and why")
    create_table_artifact(summary.errors or [{"rule": "", "message": "no error finding"}], key="error-findings",
                          description="The error findings of the documents read in this run")


def _tagged(task_, urls: list[str]):
    return task_.with_options(tags={f"host:{_host(url)}" for url in urls})


def _host(url: str) -> str:
    try:
        return urlparse(url).hostname or "local"
    except ValueError:  # a broken address: its fetch fails with a sentence
        return "local"



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
