"""The sources file's errors, and discovery over a listing's pages, without Prefect."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agency_site import AgencySite, Page
from conftest import ROOT


@pytest.mark.parametrize("text, sentence", [
    ("sources:\n  - id: a\n    agency: A\n    urls: [x.pdf]\n    timeout: soon\n",
     "Source 'a' key 'timeout' must be a positive number, not 'soon'."),
    ("sources:\n  - id: a\n    agency: A\n    listing: http://h/\n",
     "Source 'a' has a 'listing' but no 'match' pattern."),
    ("sources:\n  - id: a\n    agency: A\n    urls: [x.pdf]\n    format: docx\n",
     "Source 'a' key 'format' must be 'pdf' or 'html', not 'docx'."),
    ("sources:\n  - id: a\n    agency: A\n    urls: [ftp://h/x.pdf]\n",
     "Source 'a' has the address 'ftp://h/x.pdf', which is not http, https or file."),
    ("defaults: {rps: 2}\nsources: []\n", "have an unknown setting 'rps'."),
    ("sources:\n  - agency: A\n    urls: [x.pdf]\n", "Source number 1 needs the key 'id' (a non-empty text)."),
])
def test_a_malformed_sources_file_gets_one_sentence_naming_the_source_and_key(tmp_path, text, sentence):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "piagam.flows.cli", "harvest", "--sources", str(path),
                          "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2
    assert sentence in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_defaults_apply_to_every_source_and_a_source_overrides_them(tmp_path):
    from piagam.flows.sources import load_sources

    path = tmp_path / "sources.yaml"
    path.write_text("defaults: {timeout: 5, requests_per_second: 2}\nsources:\n"
                    "  - {id: a, agency: A, urls: [x.pdf]}\n  - {id: b, agency: B, urls: [y.pdf], timeout: 9}\n")
    a, b = load_sources(path)
    assert (a.timeout, b.timeout, a.requests_per_second, b.requests_per_second) == (5, 9, 2, 2)
    assert a.urls == [(tmp_path / "x.pdf").as_uri()]


def test_discovery_follows_next_pages_up_to_the_limit_and_keeps_titles():
    from piagam.flows.discover import discover
    from piagam.flows.fetch import Fetcher
    from piagam.flows.sources import Source

    with AgencySite() as site, Fetcher() as fetcher:
        for n in range(1, 5):
            site.pages[f"/senarai/{n}"] = Page(f"""<html><body>
              <a href="/doc/pencapaian-{n}.pdf">Pencapaian Piagam Pelanggan bagi Bulan {n} 2026</a>
              <a href="/doc/pencapaian-{n}.pdf#m">(muat turun)</a>
              <a href="/doc/pencapaian-1.pdf"></a>
              <a href="{n + 1}">Seterusnya</a></body></html>""".encode())
        site.pages["/robots.txt"] = Page(b"", "text/plain")
        source = Source(id="s", agency="A", listing=f"{site.base}/senarai/1", match=r"pencapaian-\d+\.pdf$",
                        allow_private=True, max_pages=3, requests_per_second=100)

        def get(url):
            page = fetcher.fetch(url, source)
            return page.url, page.data

        links = discover(source, get)
    assert [(link.url.rsplit("/", 1)[1], link.title) for link in links] == [
        ("pencapaian-1.pdf", "Pencapaian Piagam Pelanggan bagi Bulan 1 2026"),
        ("pencapaian-2.pdf", "Pencapaian Piagam Pelanggan bagi Bulan 2 2026"),
        ("pencapaian-3.pdf", "Pencapaian Piagam Pelanggan bagi Bulan 3 2026")]
    assert site.hits("/senarai/4") == []  # max_pages: 3
