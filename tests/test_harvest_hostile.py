"""The harvest against loopback sites that misbehave or attack: a body dripped a byte a second, an
endless chunked body, Retry-After: 600, Crawl-delay: 100000, a 5 MB robots.txt, a wildcard
robots.txt, a file:// link and a `user:password@` link on a web page, a name that lands on
127.0.0.1. Each ends as a failed row (or a success) within the bounds set, and the WARC files
read back as the server sent them."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import signal
import threading
import time
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from agency_site import AgencySite, Page
from conftest import SAMPLES

HTML = (SAMPLES / "001_counts.html").read_bytes()


def variant(name: str) -> bytes:
    return HTML.replace(b"</body>", f"<!-- {name} --></body>".encode())


def documents(out) -> dict[str, dict]:
    rows = duckdb.execute(f"select * from read_parquet('{out}/documents/**/*.parquet', union_by_name=true)").fetchdf()
    return {row["url"].rsplit("/", 1)[-1]: row for row in rows.astype(object).where(rows.notna(), None).to_dict("records")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, prefect_server):
    """One harvest (the real flow) of four sources: a hostile site, one whose robots.txt asks for
    a day between requests, one reached as `localhost` without allow_private, and a well-behaved
    one; timed."""
    from piagam.flows.harvest import harvest

    tmp = tmp_path_factory.mktemp("hostile")
    secret = tmp / "pencapaian-rahsia.html"
    secret.write_bytes(b"<html><body>RAHSIA-MESIN</body></html>")
    with AgencySite() as site, AgencySite() as slow, AgencySite() as hidden, AgencySite() as good:
        base = site.base
        creds = base.replace("http://", "http://pegawai:katalaluan@")
        site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /*.pdf$\n" + b"# " + b"x" * 5_000_000 + b"\n",
                                         "text/plain")
        site.pages["/piagam/"] = Page(f"""<html><body><ul>
          <li><a href="/laporan/pencapaian-titis.html">drip</a></li>
          <li><a href="/laporan/pencapaian-tanpa-henti.html">endless</a></li>
          <li><a href="/laporan/pencapaian-sibuk.html">busy</a></li>
          <li><a href="/laporan/pencapaian-408.html">408</a></li>
          <li><a href="/laporan/pencapaian-mampat.html">gzip</a></li>
          <li><a href="{creds}/laporan/pencapaian-kata-laluan.html">credentials</a></li>
          <li><a href="{secret.as_uri()}">file</a></li>
          <li><a href="/laporan/pencapaian-dilarang.pdf">wildcard robots</a></li>
        </ul></body></html>""".encode())
        site.pages["/laporan/pencapaian-titis.html"] = Page(variant("drip"), drip=1.0)
        site.pages["/laporan/pencapaian-tanpa-henti.html"] = Page(b"<html>" * 10, endless=True)
        site.pages["/laporan/pencapaian-sibuk.html"] = Page(variant("busy"), throttle_first=5, retry_after="600")
        site.pages["/laporan/pencapaian-408.html"] = Page(variant("408"), fail_first=1, fail_status=408)
        site.pages["/laporan/pencapaian-mampat.html"] = Page(gzip.compress(variant("gzip")), gzip=True)
        site.pages["/laporan/pencapaian-kata-laluan.html"] = Page(variant("creds"))
        site.pages["/laporan/pencapaian-dilarang.pdf"] = Page(b"%PDF-1.4", "application/pdf")
        slow.pages["/robots.txt"] = Page(b"User-agent: *\nCrawl-delay: 100000\n", "text/plain")
        slow.pages["/laporan/pencapaian-perlahan.html"] = Page(variant("slow"))
        hidden.pages["/laporan/pencapaian-dalaman.html"] = Page(variant("hidden"))
        good.pages["/laporan/pencapaian-baik.html"] = Page(variant("good"))
        sources = tmp / "sources.yaml"
        sources.write_text(f"""
defaults: {{timeout: 1, deadline: 2, retries: 2, retry_delay: 0.05, requests_per_second: 100, allow_private: true}}
sources:
  - id: hostile
    agency: Laman nakal
    listing: {base}/piagam/
    match: 'pencapaian'
  - id: crawl-delay
    agency: Laman perlahan
    urls: [{slow.base}/laporan/pencapaian-perlahan.html]
  - id: localhost
    agency: Nama yang menuju 127.0.0.1
    urls: ['{hidden.base.replace("127.0.0.1", "localhost")}/laporan/pencapaian-dalaman.html']
    allow_private: false
  - id: good
    agency: Laman baik
    urls: [{good.base}/laporan/pencapaian-baik.html]
""", encoding="utf-8")
        out = tmp / "out"
        started = time.monotonic()
        summary = harvest(sources_file=str(sources), out=str(out), return_state=True).result(raise_on_failure=False)
        elapsed = time.monotonic() - started
        print(f"hostile harvest: {elapsed:.1f} s")
        yield {"site": site, "slow": slow, "hidden": hidden, "out": out, "summary": summary,
               "elapsed": elapsed, "secret": secret}


def test_hostile_servers_end_as_failed_rows_within_the_bounds(hostile):
    docs = documents(hostile["out"])
    error = {name: row["error"] for name, row in docs.items() if row["status"] == "failed"}
    assert "not fully received within 2 s" in error["pencapaian-titis.html"]
    assert "not fully received within 2 s" in error["pencapaian-tanpa-henti.html"]
    assert "asked to come back after 600 s, longer than piagam waits (60 s)" in error["pencapaian-sibuk.html"]
    assert len(hostile["site"].hits("/laporan/pencapaian-sibuk.html")) == 1  # no 10-minute wait, no retry
    assert "Crawl-delay" in error["pencapaian-perlahan.html"] and "100000 s" in error["pencapaian-perlahan.html"]
    assert all("\n" not in e and e.endswith(".") for e in error.values())
    # a 408 is retried; the 5 MB robots.txt is read (its first 500 KiB), not refused
    assert docs["pencapaian-408.html"]["status"] == "ok"
    assert [h.status for h in hostile["site"].hits("/laporan/pencapaian-408.html")] == [408, 200]
    # the well-behaved source on another address is written although the others misbehaved
    assert docs["pencapaian-baik.html"]["status"] == "ok"
    assert hostile["elapsed"] < 60


def test_wildcard_robots_txt_is_obeyed_as_protego_reads_it(hostile):
    docs = documents(hostile["out"])
    assert "robots.txt" in docs["pencapaian-dilarang.pdf"]["error"]
    assert hostile["site"].hits("/laporan/pencapaian-dilarang.pdf") == []


def test_a_file_link_on_a_web_page_is_refused_and_nothing_of_the_machine_is_archived(hostile):
    docs, out = documents(hostile["out"]), hostile["out"]
    row = docs["pencapaian-rahsia.html"]
    assert row["status"] == "failed" and row["doc_id"] is None
    assert "file of this machine linked from a web page" in row["error"]
    for warc in (out / "warc").glob("*.warc.gz"):
        assert b"RAHSIA-MESIN" not in gzip.decompress(warc.read_bytes())


def test_a_name_that_lands_on_a_private_address_is_refused_after_connecting_before_sending(hostile):
    docs = documents(hostile["out"])
    row = docs["pencapaian-dalaman.html"]
    assert row["status"] == "failed" and "private or loopback address 127.0.0.1" in row["error"]
    assert hostile["hidden"].log == []  # not even robots.txt was asked for: refused before sending


def test_credentials_in_a_link_are_never_sent_nor_stored(hostile):
    site, out = hostile["site"], hostile["out"]
    docs = documents(out)
    assert docs["pencapaian-kata-laluan.html"]["status"] == "ok"
    assert docs["pencapaian-kata-laluan.html"]["url"] == f"{site.base}/laporan/pencapaian-kata-laluan.html"
    hit = site.hits("/laporan/pencapaian-kata-laluan.html")[0]
    assert "Authorization" not in hit.headers
    stored = [(out / "state" / "http.json").read_bytes(), (out / "warc" / "index.cdxj").read_bytes()]
    for warc_file in (out / "warc").glob("*.warc.gz"):  # the records' headers (a listing's body is as published)
        with open(warc_file, "rb") as warc:
            for record in ArchiveIterator(warc):
                stored.append(record.rec_headers.to_bytes() + (record.http_headers.to_bytes()
                                                                if record.http_headers else b""))
    stored += [duckdb.execute(f"select string_agg(url, ' ') from '{out}/documents/**/*.parquet'").fetchone()[0]
               .encode()]
    assert not any(b"katalaluan" in blob or b"pegawai" in blob for blob in stored)


def test_the_warc_holds_what_the_server_sent_and_reads_back_as_the_documents(hostile):
    from piagam.flows.archive import read_bytes

    out = hostile["out"]
    docs = [d for d in documents(out).values() if d["doc_id"] is not None]
    by_location = {d["archive_path"]: d for d in docs}
    responses, requests, found = {}, set(), set()
    for warc_file in (out / "warc").glob("*.warc.gz"):
        with open(warc_file, "rb") as warc:
            records = ArchiveIterator(warc)
            for n, record in enumerate(records):
                if n == 0:
                    assert record.rec_type == "warcinfo" and b"piagam/" in record.content_stream().read()
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "request":
                    requests.add(record.rec_headers.get_header("WARC-Concurrent-To"))
                    assert record.http_headers.protocol == "GET"
                elif record.rec_type == "response":
                    responses[record.rec_headers.get_header("WARC-Record-ID")] = uri
                    body = record.content_stream().read()
                    # archive_path is relative to the output folder; the offset is read after the body (it skips the rest)
                    location = f"{warc_file.relative_to(out).as_posix()}#{records.get_record_offset()}"
                    if location in by_location:
                        assert hashlib.sha256(body).hexdigest() == by_location[location]["doc_id"]
                        found.add(location)
    assert found == set(by_location)  # every documents row's bytes, at its archive_path
    assert set(responses) <= requests  # each response with the request that was sent
    # the gzip-encoded page is stored as sent (compressed, with its Content-Encoding), read back decoded
    gz = next(d for d in docs if d["url"].endswith("pencapaian-mampat.html"))
    path, offset = gz["archive_path"].rsplit("#", 1)
    with open(out / path, "rb") as warc:
        warc.seek(int(offset))
        record = next(iter(ArchiveIterator(warc)))
        assert record.http_headers.get_header("Content-Encoding") == "gzip"
        assert record.http_headers.statusline == "200 OK"
        assert record.raw_stream.read(2) == b"\x1f\x8b"
    assert hashlib.sha256(read_bytes(out, gz["doc_id"])).hexdigest() == gz["doc_id"]
    # the CDXJ index: SURT, timestamp, JSON with the record's place
    for line in (out / "warc" / "index.cdxj").read_text().splitlines():
        key, stamp, fields = line.split(" ", 2)
        fields = json.loads(fields)
        assert key.startswith("1,0,0,127:") and len(stamp) == 14 and {"offset", "filename", "digest"} <= set(fields)


def test_private_address_forms_are_all_refused():
    from piagam.flows.fetch import refused_address

    for address in ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "::ffff:127.0.0.1", "64:ff9b::7f00:1",
                    "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
                    "::127.0.0.1", "fe80::1%eth0", "fc00::1"]:
        assert refused_address(address), address
    for address in ["8.8.8.8", "103.8.160.1", "64:ff9b::808:808", "2001:4860:4860::8888", "::ffff:8.8.8.8"]:
        assert not refused_address(address), address


def _readers() -> list[int]:
    """The reader processes: the children of this process's multiprocessing fork server."""
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
            stats[int(pid)] = (int(rest.rsplit(") ", 1)[1].split()[1]), (stat.parent / "cmdline").read_bytes())
        except (OSError, ValueError, IndexError):
            continue
    servers = {pid for pid, (ppid, cmd) in stats.items() if ppid == os.getpid() and b"forkserver" in cmd}
    return [pid for pid, (ppid, _) in stats.items() if ppid in servers]


def test_a_reader_killed_once_is_read_again_on_the_next_run(tmp_path, prefect_server):
    """As the out-of-memory killer would: every reader of the first run is killed with SIGKILL."""
    from piagam.flows.harvest import harvest
    from piagam.flows.pipeline import LOST

    with AgencySite() as site:
        site.pages["/laporan/pencapaian-jan.html"] = Page(variant("killed"))
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - id: suk-contoh\n    agency: SUK\n    allow_private: true\n"
                           f"    urls: [{site.base}/laporan/pencapaian-jan.html]\n", encoding="utf-8")
        out = tmp_path / "out"
        done = threading.Event()

        def killer():
            while not done.is_set():
                for pid in _readers():
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                time.sleep(0.002)

        thread = threading.Thread(target=killer)
        thread.start()
        try:
            first = harvest(sources_file=str(sources), out=str(out), return_state=True).result(raise_on_failure=False)
        finally:
            done.set()
            thread.join()
        assert first.extractions == {LOST: 1}
        row = documents(out)["pencapaian-jan.html"]
        assert row["status"] == "failed" and "read again on the next run" in row["error"]

        second = harvest(sources_file=str(sources), out=str(out), return_state=True).result(raise_on_failure=False)
        assert second.extractions == {"run": 1} and second.fetches["downloaded"] == 1
        assert "If-None-Match" not in site.hits("/laporan/pencapaian-jan.html")[-1].headers
        row = documents(out)["pencapaian-jan.html"]
        assert row["status"] == "ok" and row["n_pledges"] == 94


def test_the_http_state_is_durable_with_its_document_and_survives_null_and_lists(tmp_path):
    from piagam.flows.pipeline import failed_document
    from piagam.flows.state import HttpState, entry
    from piagam.schema.dataset import writing

    def state(url):
        return entry(url, etag='"1"', last_modified=None, sha256="ab" * 32, archived_at="2026-01-01T00:00:00Z",
                     location="x.warc.gz#0")

    file = tmp_path / "state" / "http.json"
    file.parent.mkdir()
    for junk in ("null", "[]", '{"http://a/": null, "http://b/": [1]}', '{"torn'):
        file.write_text(junk)
        assert HttpState(tmp_path).get("http://a/") == {}
    file.write_text(json.dumps(state("http://b/")))  # an earlier run's
    with writing(tmp_path) as writer:
        document = failed_document(source_id="s", agency="A", url="http://a/", reason="Gone.").document
        writer.commit([document], http_state=state("http://a/"))
        # in the commit that writes the document: read from the journal, not yet in the file
        assert HttpState(tmp_path).get("http://a/")["etag"] == '"1"' and set(json.loads(file.read_text())) == {"http://b/"}
    assert set(json.loads(file.read_text())) == {"http://a/", "http://b/"}  # compaction merged it in


def test_a_url_that_fails_once_and_recovers_loses_its_failed_row(tmp_path, prefect_server):
    from piagam.flows.discover import Link
    from piagam.flows.pipeline import NOT_MODIFIED, Run, fetch_document, read_version
    from piagam.flows.reading import Reading
    from piagam.flows.sources import Source

    with AgencySite() as site:
        page = site.pages["/laporan/pencapaian-jan.html"] = Page(variant("recovers"))
        source = Source(id="suk-contoh", agency="SUK", urls=[f"{site.base}/laporan/pencapaian-jan.html"],
                        allow_private=True, retries=0)
        link, out = Link(source.urls[0]), tmp_path / "out"

        def harvest_once():
            with Run(out) as run:
                fetched, result, how = fetch_document(run, source, link)
                if fetched is not None:
                    result, how, _ = read_version(run, source, link, fetched, Reading(str(out)))
                return how

        harvest_once()
        page.fail_first, page.fail_status = page.requests + 1, 404  # the next request only
        harvest_once()
        statuses = duckdb.execute(f"select status from '{out}/documents/**/*.parquet'").fetchall()
        assert sorted(statuses) == [("failed",), ("ok",)]
        assert harvest_once() == NOT_MODIFIED
        rows = duckdb.execute(f"select status, n_pledges from '{out}/documents/**/*.parquet'").fetchall()
        assert rows == [("ok", 94)]


def test_local_files_are_read_only_when_listed_only_regular_and_only_up_to_the_cap(tmp_path):
    from piagam.flows.fetch import Fetcher, FetchError
    from piagam.flows.sources import Source

    report = tmp_path / "pencapaian.html"
    report.write_bytes(b"x" * 1000)
    listed = Source(id="local", agency="A", urls=[report.as_uri(), "file:///dev/zero"], max_bytes=500)
    with Fetcher() as fetcher:
        with pytest.raises(FetchError, match="not a regular file"):
            fetcher.fetch("file:///dev/zero", listed)  # would grow without end
        with pytest.raises(FetchError, match="over the size limit of 500 bytes"):
            fetcher.fetch(report.as_uri(), listed)
        web = Source(id="web", agency="A", listing="https://www.example.gov.my/piagam", match="x")
        with pytest.raises(FetchError, match="linked from a web page"):
            fetcher.fetch("file:///etc/passwd", web)


def test_an_unknown_host_is_one_sentence_without_retries():
    from piagam.flows.fetch import Fetcher, FetchError
    from piagam.flows.sources import Source

    source = Source(id="web", agency="A", urls=["http://tiada-hos.invalid/laporan.pdf"], retry_delay=5)
    started = time.monotonic()
    with Fetcher() as fetcher, pytest.raises(FetchError) as refused:
        fetcher.fetch(source.urls[0], source)
    assert str(refused.value) == "The host tiada-hos.invalid could not be found (DNS)."
    assert time.monotonic() - started < 5  # not retried
