"""A bench corpus like a backfill: every sample layout scaled to reports of 1 to 60 pages, as
HTML, ruled PDF and unruled PDF, and one report of 500 pages; each with its expected rows.

    python bench/corpus.py [--out bench/corpus] [--long-pages 500]

An HTML report counts as the pages its PDF prints on (each copy of a report starts a new page,
so `copies` times the sample PDF's pages), so that pages per second mean the same in both formats.
A report is scaled by printing it again (`copies` times: its tables again in the HTML page, the
whole report again from a new page in the PDF, as a file of monthly reports): the expected rows
are the sample's expected rows repeated, so accuracy is measured exactly as
samples/evaluate.py does.
The corpus is generated, not committed (bench/corpus/ is ignored).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
sys.path.insert(0, str(SAMPLES))

from layouts import Report, all_reports  # noqa: E402
from make_samples import DEFAULT_SEEDS, write_html, write_pdf  # noqa: E402

DEFAULT_OUT = HERE / "corpus"
COPIES = (1, 2, 5, 12, 30)  # a 1-page sample printed 30 times runs to about 30-60 pages
MAX_PAGES = 60  # of the ordinary reports; one more runs to `long_pages`
LONG = "005_counts_bilingual"  # the layout of the long report: sections, totals, page breaks


def scaled(report: Report, copies: int) -> Report:
    """The report with its tables printed `copies` times over (and its expected rows so)."""
    big = copy.copy(report)
    big.name = f"{report.name}-x{copies}"
    big.tables = report.tables * copies
    big.expected = report.expected * copies
    big.copies = copies
    if hasattr(report, "html_tables"):
        big.html_tables = report.html_tables * copies
    return big


def pdf_pages(path: Path) -> int:
    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def write_report(report: Report, out: Path, formats: tuple[str, ...], printed_pages: int = 1) -> list[dict]:
    """Write the report in the given formats ("html", "ruled", "unruled"): manifest entries.
    An HTML page counts as the pages the same report prints on (`printed_pages`, its PDF's)."""
    entries = []
    expected = out / "expected" / f"{report.name}.json"
    expected.write_text(json.dumps({"layout": report.layout, "rows": report.expected}, ensure_ascii=False))
    for fmt in formats:
        if fmt == "html":
            path = out / f"{report.name}.html"
            write_html(report, path)
            pages = printed_pages
        else:
            path = out / f"{report.name}{'' if fmt == 'ruled' else '.' + fmt}.pdf"
            single = copy.copy(report)
            single.tables = report.tables[: len(report.tables) // report.copies]
            write_pdf(single, path, ruled=fmt == "ruled", copies=report.copies)
            pages = pdf_pages(path)
        entries.append({"file": path.name, "expected": expected.name, "layout": report.layout,
                        "format": "html" if fmt == "html" else f"pdf {fmt}", "pages": pages})
    return entries


def generate(out: Path = DEFAULT_OUT, seeds: Path = DEFAULT_SEEDS, long_pages: int = 500) -> list[dict]:
    """Write the corpus into `out` and its manifest (out/manifest.json); the manifest entries."""
    (out / "expected").mkdir(parents=True, exist_ok=True)

    def seed(prefix: str) -> str:
        return next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")

    reports = all_reports(seed)
    entries = []
    for report in reports:
        per_copy = pdf_pages(SAMPLES / f"{report.name}.pdf")
        for copies in sorted({min(c, max(1, MAX_PAGES // per_copy)) for c in COPIES}):
            entries += write_report(scaled(report, copies), out, ("html", *report.pdf_styles), per_copy * copies)
    long = next(r for r in reports if r.name == LONG)
    entry = write_report(scaled(long, -(-long_pages // pdf_pages(SAMPLES / f"{LONG}.pdf"))), out, ("ruled",))[0]
    entries.append({**entry, "long": True})
    (out / "manifest.json").write_text(json.dumps(entries, indent=1))
    return entries


def load(out: Path = DEFAULT_OUT) -> list[dict]:
    """The manifest of the corpus in `out`, generating the corpus first when it is missing."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        return generate(out)
    return json.loads(manifest.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--long-pages", type=int, default=500)
    args = parser.parse_args()
    entries = generate(args.out, args.seeds, args.long_pages)
    pdfs = [e for e in entries if e["format"] != "html"]
    print(f"{len(entries)} documents ({len(pdfs)} PDF, {sum(e['pages'] for e in pdfs)} PDF pages) in {args.out}")


if __name__ == "__main__":
    main()
