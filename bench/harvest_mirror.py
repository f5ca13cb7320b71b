"""Benchmark: the harvest flow over a local mirror of 200 agency sources with 3 reports each,
cold (an empty output folder) and warm (the same month again: every report answers 304).

    .venv/bin/python bench/harvest_mirror.py [--sources 200] [--reports 3]

Prints both times and warm/cold (the target: under 0.1). The mirror is the tests' loopback
agency site (tests/agency_site.py); each report is the sample HTML with its own bytes. A first
small run starts Prefect's temporary server, so neither timed run pays for that.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from agency_site import AgencySite, Page  # noqa: E402

MONTHS = ["Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober",
          "November", "Disember"]


def mirror(site: AgencySite, n_sources: int, n_reports: int, folder: Path) -> Path:
    html = (ROOT / "samples" / "001_counts.html").read_bytes()
    lines = ["defaults: {requests_per_second: 1000, concurrency: 8, allow_private: true, retry_delay: 0.1}",
             "sources:"]
    for s in range(n_sources):
        links = []
        for r in range(n_reports):
            path = f"/agensi-{s}/pencapaian-{r}.html"
            site.pages[path] = Page(html.replace(b"</body>", f"<!-- agensi {s} laporan {r} --></body>".encode()))
            links.append(f'<a href="{path}">Pencapaian Piagam Pelanggan bagi Bulan {MONTHS[r % 12]} 2022</a>')
        site.pages[f"/agensi-{s}/"] = Page(("<html><body>" + "<br>".join(links) + "</body></html>").encode())
        lines += [f"  - id: agensi-{s}", f"    agency: Agensi {s}", f"    listing: {site.base}/agensi-{s}/",
                  "    match: 'pencapaian-\\d+\\.html$'"]
    site.pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--reports", type=int, default=3)
    args = parser.parse_args()
    from piagam.flows.harvest import harvest

    with tempfile.TemporaryDirectory() as tmp, AgencySite() as site:
        tmp = Path(tmp)
        harvest(sources_file=str(ROOT / "samples" / "sources.yaml"), out=str(tmp / "warm-up"))
        sources = mirror(site, args.sources, args.reports, tmp)
        out = str(tmp / "out")
        start = time.perf_counter()
        cold = harvest(sources_file=str(sources), out=out)
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        warm = harvest(sources_file=str(sources), out=out)
        warm_s = time.perf_counter() - start
    docs = args.sources * args.reports
    print(f"cold: {cold_s:.1f} s for {docs} reports ({dict(cold.fetches)}, extractions {dict(cold.extractions)})")
    print(f"warm: {warm_s:.1f} s ({dict(warm.fetches)}, extractions {dict(warm.extractions) or 'none'})")
    print(f"warm/cold: {warm_s / cold_s:.3f} (target < 0.1)")


if __name__ == "__main__":
    main()
