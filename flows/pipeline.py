"""The plain-Python core of a run, shared by `piagam extract`, the Prefect flow and the tests:
discover a source's links, fetch, archive, read, check and write one document; or, for
`piagam extract`, archive, read and write many local files on every core (flows.summary counts
what happened). Nothing here raises for bad input: a failure is a `documents` row and a sentence."""

from __future__ import annotations

import hashlib
import time
from contextlib import ExitStack, closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlparse

from ..extractors.document import Result, sniff
from ..extractors.limits import Limits, over_limit, read_all, read_limited, shutdown
from ..schema.crossdoc import check_new_version
from ..schema.dataset import Pending, Root, clear_failure, read_source_table, write_document, writing
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
    """Archive, read (in a reader process within `limits`) and write one document's bytes;
    never raises for bad input."""
    fetched = Fetched(url, data, 200, fetched_at or datetime.now(timezone.utc))
    digest = hashlib.sha256(data).hexdigest()
    location = Archive(out).store(fetched, digest, source_id)
    result = read_limited(data, limits=limits, source_id=source_id, agency=agency, url=url, title=title,
                          fetched_at=fetched.fetched_at, doc_id=digest)
    result.document["archive_path"] = Root.of(out).relative(location)
    write_document(out, result.document, result.pledges, result.findings)
    return result


COMMIT_DOCUMENTS = 1000  # `piagam extract` commits its documents to the journal this many at once at most
COMMIT_SECONDS = 2.0  # ... and at least this often (what a run killed with SIGKILL can lose)


def extract(files: Iterable[str | Path], out: str | Path, *, source_id: str, agency: str,
            limits: Limits | None = None, workers: int | None = None) -> Iterator[tuple[str, Result]]:
    """Archive, read and write local files: (file name, checked Result) of each as it is done.
    The files are read on `workers` reader processes at once (default: one per core), handed to
    them in batches (extractors.limits.read_all), each archived just before; their rows are
    committed many documents at once (at most COMMIT_DOCUMENTS, at least every COMMIT_SECONDS),
    and what was read is committed whatever ends the iteration (an error, Ctrl-C). A file that
    cannot be read is a failed row. Never raises for bad input."""
    archive, root = Archive(out), Root.of(out)
    unreadable: list[tuple[str, Result]] = []  # files that could not be opened (filled by the reading threads)

    def documents():
        for name in map(str, files):
            path = Path(name)
            url = path.resolve().as_uri()
            try:
                data = path.read_bytes()
            except OSError as exc:
                unreadable.append((name, failed_document(source_id=source_id, agency=agency, url=url,
                                                         reason=f"The file {name} cannot be read ({exc.strerror or exc}).")))
                continue
            fetched = Fetched(url, data, 200, datetime.now(timezone.utc))
            digest = hashlib.sha256(data).hexdigest()
            location = archive.store(fetched, digest, source_id)
            fields = {"source_id": source_id, "agency": agency, "url": url, "fetched_at": fetched.fetched_at,
                      "doc_id": digest}
            yield (name, root.relative(location)), data, fields

    pending = Pending()
    with writing(out) as writer:
        try:
            with closing(read_all(documents(), limits=limits, workers=workers)) as results:
                for (name, location), result in results:
                    result.document["archive_path"] = location
                    for name_, result_ in [*_drain(unreadable), (name, result)]:
                        pending.add(result_.document, result_.pledges, result_.findings)
                        yield name_, result_
                    if len(pending) >= COMMIT_DOCUMENTS or time.monotonic() - pending.since >= COMMIT_SECONDS:
                        pending.commit(writer)
            for name, result in _drain(unreadable):
                pending.add(result.document, [], [])
                yield name, result
        finally:
            pending.commit(writer)


def _drain(items: list) -> list:
    taken = items[:]
    del items[:len(taken)]
    return taken


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


Reader = Callable[[bytes | Path, str, Source, Link, datetime, str | None], tuple[Result, str]]  # flows.reading.Reading


def not_a_report(fetched: Fetched, source: Source, link: Link, actual: str | None) -> str | None:
    """Why bytes served where a PDF was expected are not one (an error page), or None; `actual`
    is the format sniffed from the bytes."""
    content_type = (fetched.headers.get("content-type") or "").lower()
    path = urlparse(link.url).path.lower()
    expected = source.format or ("pdf" if "pdf" in content_type or path.endswith(".pdf") else None)
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
    digest, fmt = fetched.sha256, sniff(fetched.head())  # once: the reading is told both
    location = run.archive.store(fetched, digest, source.id)
    reason = not_a_report(fetched, source, link, fmt)
    if reason:
        result = failed_document(source_id=source.id, agency=source.agency, url=link.url, reason=reason,
                                 title=link.title)
        result.document.update(doc_id=digest, format=fmt, size_bytes=fetched.size, fetched_at=fetched.fetched_at)
        extraction = None
    else:
        result, extraction = read(fetched.body(), digest, source, link, fetched.fetched_at, fmt)
        result.document["url"] = link.url  # a cached Result holds the URL its bytes were first read at
        check_new_version(result.document, result.pledges, result.findings, run.dataset.documents(source.id),
                          lambda doc_id: read_source_table(run.out, "pledges", source.id, doc_id))
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
