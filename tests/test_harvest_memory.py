"""Twelve large reports harvested from a loopback site: the harvest streams each body to disk
(hashed on the way), archives it from there and lets its reader process read the file, so the
harvest's own memory never holds one report whole, let alone twelve; every report is still read,
archived and written as usual."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import duckdb
from warcio.archiveiterator import ArchiveIterator

from agency_site import AgencySite, Page
from conftest import ROOT
from test_harvest_signals import REPORT

N_REPORTS, PAD = 12, 32 * 2**20  # each report a small table and 32 MB of comment

# `piagam harvest`, with the Python memory it allocates counted (tracemalloc) from the flow's start
COUNTED = """
import sys, tracemalloc
from piagam.flows import cli, harvest  # Prefect imported before counting
tracemalloc.start()
code = cli.main(sys.argv[1:])
print(f"peak {tracemalloc.get_traced_memory()[1]}", file=sys.stderr)
sys.exit(code)
"""


def test_large_reports_are_streamed_to_disk_not_held_in_memory(tmp_path, prefect_server):
    from prefect.settings import PREFECT_API_URL

    with AgencySite() as site:
        for k in range(N_REPORTS):
            site.pages[f"/laporan/besar-{k:02d}.html"] = Page(REPORT.format(k=f"{k:02d}").encode(), pad=PAD)
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  - id: besar\n    agency: SUK\n    allow_private: true\n"
                           "    requests_per_second: 100\n    urls:\n"
                           + "".join(f"      - {site.base}/laporan/besar-{k:02d}.html\n" for k in range(N_REPORTS)),
                           encoding="utf-8")
        out = tmp_path / "out"
        run = subprocess.run([sys.executable, "-c", COUNTED, "harvest", "--sources", str(sources), "--out", str(out)],
                             cwd=ROOT, env={**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()},
                             capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    peak = int(re.search(r"^peak (\d+)$", run.stderr, re.M).group(1))
    size = len(REPORT.format(k="00").encode()) + len(b"<!--  -->") + PAD
    assert peak < size  # far below the twelve reports' sum (about 400 MB): not even one is held whole
    docs = duckdb.execute(f"select doc_id, size_bytes, status, n_pledges from '{out}/documents/**/*.parquet'").fetchall()
    assert len(docs) == N_REPORTS and all(d[1:] == (size, "ok", 2) for d in docs)
    # each archived whole from its temporary file, which is gone
    digests = set()
    for warc in (out / "warc").glob("*.warc.gz"):
        with open(warc, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    body = record.content_stream().read()
                    assert len(body) == size
                    digests.add(hashlib.sha256(body).hexdigest())
    assert digests == {d[0] for d in docs}
    assert [p.name for p in (out / "warc").iterdir() if p.name.startswith(".")] == []
