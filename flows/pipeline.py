"""The plain-Python core of a run, shared by `piagam extract`, the Prefect flow and the tests:
discover a source's links, fetch, archive, read, check and write one document (flows.summary
counts what happened). Nothing here raises for bad input: a failure is a `documents` row and a sentence."""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from ..extractors.document import Result, sniff, validate
from ..extractors.limits import Limits, over_limit, read_limited, shutdown
from ..schema.crossdoc import restated
from ..schema.dataset import Root, clear_failure, read_source_table, write_document, writing
from .archive import Archive
from .discover import Link, discover
from .fetch import Fetched, Fetcher, FetchError, without_credentials
from .sources import Source
from .state import HttpState, entry

# how a document was fetched, and whether it was read
DOWNLOADED, NOT_MODIFIED, SAME_BYTES, FAILED = "downloaded", "not modified", "unchanged bytes", "failed"
RUN, CACHED, LOST = "run", "from cache", "reader lost (read again next run)"


def failed_document(*, source_id: str, agency: str, url: str, reason: str, title: str = "") -> Result:
    """The `documents` row of a document that could not even be fetched."""
    return Result({
        "doc_id": None, "source_id": source_id, "agency": agency, "url": url, "title": title or None,
        "format": None, "fetched_at": datetime.now(timezone.utc), "size_bytes": None, "pages": None,
        "status": "failed", "error": reason, "n_pledges": 0, "n_findings": 0,
    })


def process(data: bytes, out: str | Path, *, source_id: str, agency: str, url: str, title: str = "",
            fetched_at: datetime | None = None, limits: Limits | None = None) -> Result:
    """Archive, read (in a reader process within `limits`) and write one local document; never
    raises for bad input."""
    fetched = Fetched(url, data, 200, fetched_at or datetime.now(timezone.utc))
    location = Archive(out).store(fetched, hashlib.sha256(data).hexdigest(), source_id)
    result = validate(read_limited(data, limits=limits, source_id=source_id, agency=agency, url=url,
                                   title=title, fetched_at=fetched.fetched_at))
    result.document["archive_path"] = Root.of(out).relative(location)
    write_document(out, result.document, result.pledges, result.findings)
    return result


class Run:
    """What the documents of one harvest share: the dataset's writer (the output folder's lock:
    DatasetBusy if another run holds it), the fetcher, this run's WARC file, the state."""

    def __init__(self, out: str | Path):
        self.out = str(out)
        self._stack = ExitStack()
        self.dataset = self._stack.enter_context(writing(out))
        self.root = self.dataset.root
        self.archive = Archive(out)
        self.fetcher = Fetcher(self.archive.spool)  # bodies streamed to disk beside the archive
        self.state = HttpState(out)

    def close(self) -> None:
        try:
            self.fetcher.close()
            shutdown()  # the idle reader processes
        finally:
            self._stack.close()  # the last user of the writer compacts the dataset and unlocks it

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def discover_source(run: Run, source: Source) -> tuple[list[Link], Result | None]:
    """A source's report links; on failure none, and the failed row (written) of its listing."""
    def get(url):
        page = run.fetcher.fetch(url, source)
        run.archive.store(page, page.sha256, source.id)
        data = page.data
        page.discard()
        return page.url, data

    try:
        return discover(source, get), None
    except FetchError as exc:
        result = failed_document(source_id=source.id, agency=source.agency,
                                 url=without_credentials(source.listing or ""),
                                 reason=f"The listing page could not be read: {exc}")
        write_document(run.out, result.document, [], [])
        return [], result


Reader = Callable[[bytes | Path, str, Source, Link, datetime], tuple[Result, str]]  # flows.reading.Reading


def not_a_report(fetched: Fetched, source: Source, link: Link) -> str | None:
    """Why bytes served where a PDF was expected are not one (an error page), or None."""
    content_type = (fetched.headers.get("content-type") or "").lower()
    path = urlparse(link.url).path.lower()
    expected = source.format or ("pdf" if "pdf" in content_type or path.endswith(".pdf") else None)
    actual = sniff(fetched.head())
    if expected == "pdf" and actual == "html":
        return f"{link.url} should be a PDF but the server sent an HTML page instead (an error page?), not a report."
    return None


def fetch_document(run: Run, source: Source, link: Link) -> tuple[Fetched | None, Result | None, str]:
    """Fetch one document: (the new version's bytes, None, DOWNLOADED) when there is something to
    read; else (None, the failed row written or None if unchanged, how it was fetched)."""
    known = run.state.get(link.url)
    if known and not any(d["doc_id"] == known["sha256"] for d in run.dataset.documents(source.id)):
        known = {}  # the rows of the version we remember are gone: fetch and write it anew
    try:
        fetched = run.fetcher.fetch(link.url, source, known.get("etag"), known.get("last_modified"))
    except FetchError as exc:
        result = failed_document(source_id=source.id, agency=source.agency, url=link.url, reason=str(exc),
                                 title=link.title)
        write_document(run.out, result.document, [], [])
        return None, result, FAILED
    if fetched.not_modified:
        if not known:
            reason = f"{link.url} answered 304 Not Modified to a request that was not conditional."
            result = failed_document(source_id=source.id, agency=source.agency, url=link.url, reason=reason,
                                     title=link.title)
            write_document(run.out, result.document, [], [])
            return None, result, FAILED
        run.archive.revisit(fetched, known["sha256"], source.id, known["archived_at"])
        clear_failure(run.out, source.id, link.url)  # a URL that failed last time and holds again
        return None, None, NOT_MODIFIED
    if fetched.sha256 == known.get("sha256"):  # no validators, same bytes again
        fetched.discard()
        state = _state(link, fetched, known["sha256"], known["archived_at"], known["location"])
        run.dataset.commit([], http_state=state)  # its new validators
        run.state.remember(state)
        clear_failure(run.out, source.id, link.url)
        return None, None, SAME_BYTES
    return fetched, None, DOWNLOADED


def read_version(run: Run, source: Source, link: Link, fetched: Fetched,
                 read: Reader) -> tuple[Result, str, str | None]:
    """Archive, read, check (restated included) and write a new version of a document."""
    digest = fetched.sha256
    location = run.archive.store(fetched, digest, source.id)
    reason = not_a_report(fetched, source, link)
    if reason:
        result = failed_document(source_id=source.id, agency=source.agency, url=link.url, reason=reason,
                                 title=link.title)
        result.document.update(doc_id=digest, format=sniff(fetched.head()), size_bytes=fetched.size,
                               fetched_at=fetched.fetched_at)
        extraction = None
    else:
        result, extraction = read(fetched.body(), digest, source, link, fetched.fetched_at)
        _check_restated(run, source, link, result)
    result.document.update(archive_path=run.root.relative(location), url=link.url, title=link.title or result.document.get("title"),
                           fetched_at=fetched.fetched_at)
    state = {}
    if extraction != LOST and not over_limit(result.document):  # a lost reader, a limit: the next run reads it again
        state = _state(link, fetched, digest, fetched.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), location)
    write_document(run.out, result.document, result.pledges, result.findings, http_state=state)  # durable together
    run.state.remember(state)
    return result, DOWNLOADED, extraction


def _state(link: Link, fetched: Fetched, digest: str, archived_at: str, location: str) -> dict[str, dict]:
    return entry(link.url, etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"),
                 sha256=digest, archived_at=archived_at, location=location)


def _check_restated(run: Run, source: Source, link: Link, result: Result) -> None:
    """Compare a new version with the latest earlier version of the same URL: `restated` findings."""
    doc = result.document
    earlier = [d for d in run.dataset.documents(source.id)
               if d["url"] == link.url and d["status"] == "ok" and d["doc_id"] not in (None, doc["doc_id"])]
    if not earlier or doc["status"] != "ok":
        return
    previous = max(earlier, key=lambda d: d["fetched_at"])
    doc["previous_doc_id"] = previous["doc_id"]
    old_rows = read_source_table(run.out, "pledges", source.id, previous["doc_id"])
    found = restated(old_rows, result.pledges, previous["doc_id"], doc["doc_id"])
    keys = {"doc_id": doc["doc_id"], "source_id": doc["source_id"], "agency": doc["agency"]}
    for item in found:
        item.update(keys)
    result.findings.extend(found)
    doc["n_findings"] = len(result.findings)
