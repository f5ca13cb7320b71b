"""Bench: `piagam audit` on a synthetic month of many agencies, and the report opened in Chromium.

    python bench/audit_month.py [--agencies 300] [--months 1] [--runs 10] [--out /tmp/piagam-month]

(An --out that holds a dataset already is audited again from scratch, without writing it anew.)

The month is written through the dataset's writer, in several runs (`--runs`; each run a
commit per agency, compacted when it ends), so it shows that the dataset stays one Parquet file
per table and partition however many runs wrote it: five sample reports (`TEMPLATES`), each
published by every agency as HTML and as PDF (so 10 documents an agency a month: 300 agencies
give 3,000 documents), are read once for real (`process`) and archived once; each agency's
copies carry its own name, source, month and % met and point at the archived template, so the
audit renders every pictured finding from real archived bytes. Prints the time to write, the
Parquet files, the time (and CPU time: the machine may be shared) of `piagam audit` (its
progress lines go to stderr), the size of the HTML and of the evidence pictures beside it, and
how long Chromium takes to open the report. Timings never go into the tests
(tests/test_audit_month.py builds a smaller month with `write_month`).
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
CHROMIUM = Path("/usr/bin/chromium")
TEMPLATES = ("001_counts", "005_counts_bilingual", "002_percentages", "010_counts_styles", "003_narrative")
NAMES = ("Jabatan Kebajikan Masyarakat", "Pejabat Tanah dan Galian", "Majlis Perbandaran", "Pejabat Daerah",
         "Jabatan Pendidikan", "Hospital Daerah")
BULAN = ("Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober",
         "November", "Disember")


def agency_name(number: int) -> str:
    """Names that only sort right in natural order: ... Majlis Perbandaran 9, Majlis Perbandaran 10."""
    return f"{NAMES[number % len(NAMES)]} {number}"


def read_templates(out: Path) -> list[dict]:
    """Each template read once for real (in a scratch folder) and archived once into `out`."""
    from piagam.flows.archive import Archive
    from piagam.flows.fetch import Fetched
    from piagam.flows.pipeline import process
    from piagam.schema.dataset import Root

    archive, root, now = Archive(out), Root(out), datetime.now(timezone.utc)
    templates = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in TEMPLATES:
            for fmt in ("html", "pdf"):
                path = SAMPLES / f"{name}.{fmt}"
                data = path.read_bytes()
                result = process(data, scratch, source_id="template", agency="template", url=path.as_uri())
                location = archive.store(Fetched(path.as_uri(), data, 200, now), hashlib.sha256(data).hexdigest(),
                                         "template")
                templates.append({"name": name, "format": fmt, "document": result.document,
                                  "pledges": result.pledges, "findings": result.findings,
                                  "archive_path": root.relative(location)})  # as the dataset stores it
    return templates


def write_month(out: Path, agencies: int, months: int = 1, first: date = date(2026, 10, 1), runs: int = 1,
                progress=None) -> int:
    """Write `agencies` x len(TEMPLATES) x 2 formats x `months` documents into `out` in `runs`
    runs (each its own writer, compacted when it ends; a commit per agency and month, as a
    harvest commits as it goes); returns how many."""
    from piagam.schema.dataset import Root, writing

    root = Root(out)
    templates = read_templates(out)
    written = 0
    batches = [range(1 + agencies * r // runs, 1 + agencies * (r + 1) // runs) for r in range(runs)]
    for batch in batches:
        with writing(root) as writer:
            for m in range(months):
                for number in batch:
                    writer.commit(*_agency_month(templates, number, m, first))
                    written += len(templates)
                    if progress and number % 50 == 0:
                        progress(f"written {written} documents")
    return written


def _agency_month(templates: list[dict], number: int, m: int, first: date) -> tuple[list, list, list]:
    """The documents, pledge rows and findings of agency `number` in the month `m` after `first`."""
    year, month = first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1
    start, end = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    label = f"{BULAN[month - 1]} {year}"
    agency, source = agency_name(number), f"agency-{number:03d}"
    share = 0.55 + 0.45 * ((number * 37 + m * 11) % 100) / 100  # each agency its own % met
    documents, pledges, findings = [], [], []
    for t in templates:
        doc_id = hashlib.sha256(f"{source}/{start}/{t['name']}.{t['format']}".encode()).hexdigest()
        key = {"doc_id": doc_id, "source_id": source, "agency": agency}
        dated = {"period_start": start, "period_end": end}
        documents.append({**t["document"], **key, **dated, "period_label": label, "archive_path": t["archive_path"],
                          "url": f"https://{source}.example.gov.my/piagam/{start:%Y-%m}/{t['name']}.{t['format']}",
                          "fetched_at": datetime(year, month, 28, tzinfo=timezone.utc), "previous_doc_id": None})
        for row in t["pledges"]:
            met, total = row.get("met"), row.get("total")
            if met is not None and total:
                met = min(total, round(met * share))
            pledges.append({**row, **key, **dated, "period_label": label, "met": met})
        findings += [{**f, **key, **dated} for f in t["findings"]]
    return documents, pledges, findings


def open_in_chromium(html: Path) -> dict:
    """Seconds until the report's load event in headless Chromium, and until its filters answer."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox",
                                                                         "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load")
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        page.select_option("#filter-severity", "error")
        page.locator("#shown").inner_text()
        filtered = time.perf_counter() - start
        browser.close()
    return {"load_s": loaded, "filter_s": filtered}


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6 if folder.exists() else 0.0


def main() -> None:
    import pyarrow.parquet as pq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--months", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10, help="runs that write the month (default 10)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "piagam-month")
    args = parser.parse_args()
    wrote = None
    if (args.out / "documents").exists():  # a month written before: audited again from scratch
        shutil.rmtree(args.out / "reports", ignore_errors=True)
    else:
        start = time.perf_counter()
        write_month(args.out, args.agencies, args.months, runs=args.runs, progress=lambda m: print(m, file=sys.stderr))
        wrote = time.perf_counter() - start
    audits = []
    for _ in range(2):  # the first audit, then one that finds the pictures made
        start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "piagam.flows.cli", "audit", "--out", str(args.out)], check=True)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        audits.append((time.perf_counter() - start, used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime))
    html = args.out / "reports" / "audit.html"
    opened = open_in_chromium(html) if CHROMIUM.exists() else None
    files = {table: sorted(str(f.relative_to(args.out)) for f in (args.out / table).rglob("*.parquet"))
             for table in ("documents", "pledges", "findings")}
    docs = sum(pq.ParquetFile(args.out / f).metadata.num_rows for f in files["documents"])
    print(f"\n{docs} documents in {args.out}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}\n")
    print("| step | result |\n| --- | --- |")
    if wrote is not None:
        print(f"| write the synthetic dataset ({args.runs} runs) | {wrote:.1f} s |")
    print(f"| Parquet files | {', '.join(f'{t}: {len(f)}' for t, f in files.items())} |")
    for name, (wall, cpu) in zip(("first", "again (the pictures kept)"), audits):
        print(f"| `piagam audit`, {name} | {wall:.1f} s ({cpu:.1f} s of CPU) |")
    print(f"| audit.html | {html.stat().st_size / 1e6:.1f} MB |")
    print(f"| evidence pictures beside it | {len(list((args.out / 'reports' / 'evidence').glob('*.png')))} files, "
          f"{size_mb(args.out / 'reports' / 'evidence'):.1f} MB |")
    if opened:
        print(f"| Chromium: open to the load event | {opened['load_s']:.2f} s |")
        print(f"| Chromium: filter the findings to errors | {opened['filter_s']:.2f} s |")


if __name__ == "__main__":
    main()
