"""The monthly harvest against a real HTTP server on loopback that behaves like an agency site:
a listing over two pages, ETags and 304s, a 500 then a success, a 429 with Retry-After, a
timeout, a redirect to a foreign host, an oversize file, a gzip bomb, an HTML error page served
as laporan.pdf, robots.txt, and a report corrected between two runs."""

from __future__ import annotations

import gzip
import hashlib
import shutil

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from agency_site import AgencySite, Page
from conftest import SAMPLES

HTML = (SAMPLES / "001_counts.html").read_bytes()
PDF = (SAMPLES / "001_counts.pdf").read_bytes()
TOTAL_ROW = b"<td><b>0%</b></td><td><b>52</b></td></tr>"
JAN = "Pencapaian Piagam Pelanggan bagi Bulan Januari 2022"


def variant(name: str) -> bytes:
    """The sample HTML report with its own bytes (so each address holds its own document)."""
    return HTML.replace(b"</body>", f"<!-- {name} --></body>".encode())


def agency_site() -> AgencySite:
    site = AgencySite()
    base = site.base
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /dalaman/\n", "text/plain")
    site.pages["/piagam/"] = Page(f"""<html><body><h1>Piagam Pelanggan</h1><ul>
      <li><a href="/laporan/pencapaian-jan-2022.html">{JAN}</a></li>
      <li><a href="laporan/../../laporan/pencapaian-jan-2022.html#jadual">{JAN} (jadual)</a></li>
      <li><a href="{base}/laporan/pencapaian-jan-2022.pdf" title="{JAN} (PDF)"><img src="/pdf.png" alt=""></a></li>
      <li><a href="/hubungi-kami.html">Hubungi kami</a></li>
      <li><a href="/dalaman/pencapaian-draf.html">Draf</a></li>
    </ul><p><a href="/piagam/2.html">Seterusnya &raquo;</a></p></body></html>""".encode())
    site.pages["/piagam/2.html"] = Page(b"""<html><body><ul>
      <li><a href="/laporan/pencapaian-ralat-sekali.html">Laporan A</a></li>
      <li><a href="/laporan/pencapaian-sibuk.html">Laporan B</a></li>
      <li><a href="/laporan/pencapaian-lambat.pdf">Laporan C</a></li>
      <li><a href="/laporan/pencapaian-pindah.pdf">Laporan D</a></li>
      <li><a href="/laporan/pencapaian-besar.pdf">Laporan E</a></li>
      <li><a href="/laporan/pencapaian-bom.html">Laporan F</a></li>
      <li><a href="/laporan/pencapaian-laporan.pdf">Laporan G</a></li>
      <li><a href="/laporan/pencapaian-hilang.pdf">Laporan H</a></li>
    </ul><a rel="prev" href="/piagam/">Sebelumnya</a></body></html>""")
    site.pages["/laporan/pencapaian-jan-2022.html"] = Page(HTML)
    site.pages["/laporan/pencapaian-jan-2022.pdf"] = Page(PDF, "application/pdf")
    site.pages["/laporan/pencapaian-ralat-sekali.html"] = Page(variant("a"), fail_first=1)
    site.pages["/laporan/pencapaian-sibuk.html"] = Page(variant("b"), throttle_first=1, retry_after="1")
    site.pages["/laporan/pencapaian-lambat.pdf"] = Page(PDF, "application/pdf", delay=0.6)
    site.pages["/laporan/pencapaian-pindah.pdf"] = Page(location="http://127.0.0.2:9/laporan/pencapaian.pdf")
    site.pages["/laporan/pencapaian-besar.pdf"] = Page(PDF + b"%" * 300_000, "application/pdf")
    site.pages["/laporan/pencapaian-bom.html"] = Page(gzip.compress(b"<html>" + b" " * 50_000_000), gzip=True)
    site.pages["/laporan/pencapaian-laporan.pdf"] = Page(
        b"<!DOCTYPE html><html><head><title>Ralat</title></head><body>Halaman tidak dijumpai</body></html>")
    site.pages["/dalaman/pencapaian-draf.html"] = Page(variant("draf"))
    return site


def sources_file(tmp_path, site: AgencySite) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(f"""
defaults: {{timeout: 0.25, retries: 2, retry_delay: 0.05, requests_per_second: 100, concurrency: 2,
            max_bytes: 200000}}
sources:
  - id: suk-contoh
    agency: Pejabat Setiausaha Kerajaan Negeri Contoh
    listing: {site.base}/piagam/
    match: 'pencapaian.*\\.(pdf|html?)$'
    allow_private: true
  - id: cermin-tanpa-izin
    agency: Cermin tanpa allow_private
    urls: [{site.base}/laporan/pencapaian-jan-2022.html]
""", encoding="utf-8")
    return str(path)


def documents(out):
    return duckdb.execute(f"select * from read_parquet('{out}/documents/**/*.parquet', union_by_name=true)").df()


@pytest.fixture(scope="module")
def harvested(tmp_path_factory, prefect_server):
    """Three runs of the real flow: a first harvest, a second over the unchanged site, and a
    third after the January report was corrected at the same address."""
    from piagam.flows.harvest import harvest

    tmp = tmp_path_factory.mktemp("harvest")
    out = tmp / "out"
    with agency_site() as site:
        sources = sources_file(tmp, site)

        def run():  # the summary, also of a run that is Failed because documents failed
            return harvest(sources_file=sources, out=str(out), return_state=True).result(raise_on_failure=False)

        runs = {"first": run()}
        runs["first_docs"] = documents(out)
        runs["first_log"] = len(site.log)
        runs["second"] = run()
        runs["second_log"] = len(site.log)
        site.pages["/laporan/pencapaian-jan-2022.html"].replace(HTML.replace(TOTAL_ROW, TOTAL_ROW.replace(b"52", b"51")))
        runs["third"] = run()
        yield site, out, runs


def test_first_run_finds_every_report_and_records_every_failure(harvested):
    site, out, runs = harvested
    first = runs["first"]
    docs = {row["url"].rsplit("/", 1)[-1]: row for row in runs["first_docs"].to_dict("records")
            if row["source_id"] == "suk-contoh"}
    ok = {name for name, row in docs.items() if row["status"] == "ok"}
    assert ok == {"pencapaian-jan-2022.html", "pencapaian-jan-2022.pdf", "pencapaian-ralat-sekali.html",
                  "pencapaian-sibuk.html"}
    # the link titles are kept; the PDF link's title comes from its title attribute
    assert docs["pencapaian-jan-2022.html"]["title"] == JAN
    assert docs["pencapaian-jan-2022.pdf"]["title"] == f"{JAN} (PDF)"
    errors = {name: row["error"] for name, row in docs.items() if row["status"] == "failed"}
    assert "did not answer within 0.25 s after 3 tries" in errors["pencapaian-lambat.pdf"]
    assert "outside the source's own hosts" in errors["pencapaian-pindah.pdf"]
    assert "over the size limit of 200000 bytes" in errors["pencapaian-besar.pdf"]
    assert "over the size limit of 200000 bytes" in errors["pencapaian-bom.html"]  # stopped while inflating
    assert "HTML page" in errors["pencapaian-laporan.pdf"] and "not a report" in errors["pencapaian-laporan.pdf"]
    assert "HTTP 404" in errors["pencapaian-hilang.pdf"]
    assert "robots.txt" in errors["pencapaian-draf.html"]
    refused = runs["first_docs"][runs["first_docs"]["source_id"] == "cermin-tanpa-izin"]
    assert refused["status"].tolist() == ["failed"]
    assert "private or loopback address 127.0.0.1" in refused["error"].iloc[0]
    assert all(e.count(".") >= 1 and "\n" not in e for e in errors.values())
    assert first.documents["ok"] == 4 and first.documents["failed"] == 8
    assert len(first.failures) == 8 and first.pledges == 4 * 94
    # the listing's duplicate link (another path, a fragment) and the robots-disallowed page were not fetched
    assert len(site.hits("/laporan/pencapaian-jan-2022.html")) == 3  # one per run
    assert site.hits("/dalaman/pencapaian-draf.html") == []
    assert site.hits("/hubungi-kami.html") == []


def test_retries_honour_retry_after_and_politeness_holds(harvested):
    site, out, runs = harvested
    flaky = site.hits("/laporan/pencapaian-ralat-sekali.html")
    assert [h.status for h in flaky[:2]] == [500, 200]
    busy = site.hits("/laporan/pencapaian-sibuk.html")
    assert [h.status for h in busy[:2]] == [429, 200]
    assert busy[1].at - busy[0].at >= 0.9  # the server asked for 1 s
    assert site.max_in_flight <= 2  # the source's concurrency per host, though the flow runs 8 at once
    assert all(h.headers.get("User-Agent", "").startswith("piagam/") for h in site.log)


def test_every_body_is_archived_in_warc_with_its_provenance(harvested):
    site, out, runs = harvested
    from piagam.flows.archive import read_bytes

    docs = documents(out)
    fetched = docs[docs["doc_id"].notna()]
    assert len(fetched) >= 5
    for doc_id, location in zip(fetched["doc_id"], fetched["archive_path"]):
        path, offset = location.rsplit("#", 1)
        assert path.endswith(".warc.gz")
        with open(out / path, "rb") as warc:  # archive_path is relative to the output folder
            warc.seek(int(offset))
            record = next(iter(ArchiveIterator(warc)))
            body = record.content_stream().read()
        assert hashlib.sha256(body).hexdigest() == doc_id
        assert record.rec_headers.get_header("WARC-Target-URI").startswith(site.base)
        assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
        assert record.http_headers.get_statuscode() == "200" and record.http_headers.get_header("ETag")
        assert read_bytes(out, doc_id) == body
    # the listing pages are kept too, and each 304 is a revisit record
    types = []
    for warc_file in (out / "warc").glob("*.warc.gz"):
        with open(warc_file, "rb") as warc:
            types += [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(warc)]
    assert ("response", f"{site.base}/piagam/2.html") in types
    assert sum(t == "revisit" for t, _ in types) >= 5


def test_second_run_over_an_unchanged_site_downloads_and_extracts_nothing(harvested):
    site, out, runs = harvested
    second = runs["second"]
    archived = {"/laporan/pencapaian-jan-2022.html", "/laporan/pencapaian-jan-2022.pdf",
                "/laporan/pencapaian-ralat-sekali.html", "/laporan/pencapaian-sibuk.html",
                "/laporan/pencapaian-laporan.pdf"}
    documents_hits = [h for h in site.log[runs["first_log"]:runs["second_log"]] if h.path in archived]
    assert len(documents_hits) == 5 and all(h.status == 304 for h in documents_hits)
    assert all(h.headers.get("If-None-Match") for h in documents_hits)
    assert second.fetches["not modified"] == 5  # the four reports and the error page
    assert second.fetches.get("downloaded", 0) == 0 and not second.extractions
    assert second.pledges == 0 and second.documents["unchanged"] == 5
    assert second.documents["failed"] == 7  # what failed to be fetched still fails, and says so


def test_a_corrected_report_is_a_new_version_with_a_restated_finding(harvested):
    site, out, runs = harvested
    third = runs["third"]
    assert third.fetches["downloaded"] == 1 and third.extractions == {"run": 1}
    versions = duckdb.execute(f"""select doc_id, previous_doc_id, fetched_at from read_parquet(
        '{out}/documents/**/*.parquet', union_by_name=true)
        where url like '%pencapaian-jan-2022.html' and source_id = 'suk-contoh' order by fetched_at""").fetchall()
    assert len(versions) == 2 and versions[0][0] != versions[1][0]
    old, new = versions[0][0], versions[1][0]
    assert versions[1][1] == old
    restated = duckdb.execute(f"""select doc_id, other_doc_id, severity, section, stated, expected, message
        from read_parquet('{out}/findings/**/*.parquet', union_by_name=true) where rule = 'restated'""").fetchall()
    assert len(restated) == 1
    doc_id, other, severity, section, stated, expected, message = restated[0]
    assert (doc_id, other, severity, stated, expected) == (new, old, "warning", "51", "52")
    assert section == "BAHAGIAN TEKNOLOGI MAKLUMAT"
    assert old[:12] in message and new[:12] in message
    # no duplicate rows: each version's rows once
    counts = duckdb.execute(f"""select doc_id, count(*) from '{out}/pledges/**/*.parquet' group by doc_id""").fetchall()
    assert all(n == 94 for _, n in counts)
    docs = documents(out)
    assert len(docs[docs["doc_id"].notna()]) == docs["doc_id"].nunique()
    assert docs[docs["doc_id"].isna()]["url"].is_unique
