"""A bench corpus sized like a real harvest: every sample layout as HTML, ruled PDF and unruled
PDF, most documents of 1-3 pages (the sample as it is), a tail scaled to 60 pages, and one
report of 500 pages; each with its expected rows.

    python bench/corpus.py [--out bench/corpus] [--long-pages 500]

An HTML report counts as the pages its PDF prints on (each copy of a report starts a new page,
so `copies` times the sample PDF's pages), so that pages per second mean the same in both formats.
A report is scaled by printing it again (`copies` times: the whole report again, further down
the HTML page, or from a new page in the PDF, as a file of monthly reports): the expected rows
are the sample's expected rows repeated, so accuracy is measured exactly as
samples/evaluate.py does.
How many documents of each size: `MIX` (real harvests average 1.7 pages a document). A size
is written once and listed in the manifest as often as it counts (`weight`): each listing is
read in full, as a distinct document would be (the bench reads without the extraction cache).
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
from make_samples import write_html, write_pdf  # noqa: E402

DEFAULT_OUT = HERE / "corpus"
# copies: documents of a layout and format printed that many times (a 1-page sample printed 30
# times runs to about 30-60 pages): 30 of 1-3 pages for each of the tail
MIX = {1: 30, 2: 5, 5: 2, 12: 1, 30: 1}
MAX_PAGES = 60  # of the ordinary reports; one more runs to `long_pages`
LONG = "005_counts_bilingual"  # the layout of the long report: sections, totals, page breaks


def scaled(report: Report, copies: int) -> Report:
    """The report to be printed `copies` times over (and its expected rows so)."""
    big = copy.copy(report)
    big.name = f"{report.name}-x{copies}"
    big.expected = report.expected * copies
    big.copies = copies
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
            write_html(report, path)  # then its body (title, text, lists, tables) `copies` times
            head, rest = path.read_text(encoding="utf-8").split("<body>", 1)
            body, tail = rest.rsplit("</body>", 1)
            path.write_text(f"{head}<body>{body * report.copies}</body>{tail}", encoding="utf-8")
            pages = printed_pages
        else:
            path = out / f"{report.name}{'' if fmt == 'ruled' else '.' + fmt}.pdf"
            write_pdf(report, path, ruled=fmt == "ruled", copies=report.copies)
            pages = pdf_pages(path)
        entries.append({"file": path.name, "expected": expected.name, "layout": report.layout,
                        "format": "html" if fmt == "html" else f"pdf {fmt}", "pages": pages})
    return entries


def generate(out: Path = DEFAULT_OUT, long_pages: int = 500) -> list[dict]:
    """Write the corpus into `out` and its manifest (out/manifest.json); the manifest entries."""
    (out / "expected").mkdir(parents=True, exist_ok=True)

    reports = all_reports()
    entries = []
    for report in reports:
        per_copy = pdf_pages(SAMPLES / f"{report.name}.pdf")
        weights: dict[int, int] = {}
        for copies, weight in MIX.items():
            capped = min(copies, max(1, MAX_PAGES // per_copy))
            weights[capped] = weights.get(capped, 0) + weight
        for copies, weight in sorted(weights.items()):
            entries += [{**e, "weight": weight} for e in
                        write_report(scaled(report, copies), out, ("html", *report.pdf_styles), per_copy * copies)]
    long = next(r for r in reports if r.name == LONG)
    entry = write_report(scaled(long, -(-long_pages // pdf_pages(SAMPLES / f"{LONG}.pdf"))), out, ("ruled",))[0]
    entries.append({**entry, "long": True})
    (out / "manifest.json").write_text(json.dumps(entries, indent=1))
    return entries


def load(out: Path = DEFAULT_OUT) -> list[dict]:
    """The documents of the corpus in `out` (each manifest entry `weight` times), generating the
    corpus first when it is missing or was written before the sizes were weighted."""
    manifest = out / "manifest.json"
    entries = json.loads(manifest.read_text()) if manifest.exists() else []
    if not any("weight" in e for e in entries):
        entries = generate(out)
    return [e for e in entries for _ in range(e.get("weight", 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--long-pages", type=int, default=500)
    args = parser.parse_args()
    generate(args.out, args.long_pages)
    entries = load(args.out)
    pdfs = [e for e in entries if e["format"] != "html"]
    print(f"{len(entries)} documents ({len(pdfs)} PDF, {sum(e['pages'] for e in pdfs)} PDF pages) in {args.out}")


if __name__ == "__main__":
    main()
