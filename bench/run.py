"""Bench: piagam end to end on the bench corpus, as `piagam extract` runs (flows.pipeline.extract:
the files read, archived, read and checked on reader processes handed batches of documents,
their rows committed and compacted into the Parquet dataset, the run's cross-document checks,
data package and DuckDB file: bytes in, checked rows written), with one reader and with one
per core, against baselines measured in the same run: pdfplumber's `extract_tables()`, the raw
text of pypdfium2 (the floor: no table is read at all) and camelot where it is installed
(`pip install -e '.[bench]'`). What a document costs beyond its pages is measured on the PDFs
of up to 5 pages read one at a time through one reader process (`read_limited`: each
document's own time). Prints a markdown table (the README's "Speed" section).

    python bench/run.py [--corpus bench/corpus] [--quick]

Every measurement runs in a fresh child process, so that its peak memory is its own (piagam's:
the highest of that process and its readers).
Timings never go into the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "samples"))
sys.path.insert(0, str(HERE))

import corpus as bench_corpus  # noqa: E402


def subsets(entries: list[dict], quick: bool) -> dict[str, list[dict]]:
    """all: the corpus of ordinary reports (1-60 pages, HTML and PDF); pdf: its PDFs (what the
    slow baselines read); small: each PDF of at most 5 pages once (for camelot, the slowest); long: the
    500-page report (its peak memory; one document is not shared out between readers)."""
    ordinary = [e for e in entries if not e.get("long") and (not quick or e["pages"] <= 12)]
    pdfs = [e for e in ordinary if e["format"] != "html"]
    distinct = list({e["file"]: e for e in pdfs if e["pages"] <= 5}.values())  # camelot takes 1 s a document
    return {"all": ordinary, "pdf": pdfs, "small": distinct,
            "long": [] if quick else [e for e in entries if e.get("long")]}


# ------------------------------------------------------------------ measurements (child process)

SMALL_PAGES = 5  # the documents whose times give a document's cost beyond its pages

def measure_piagam(entries: list[dict], folder: Path, workers: int) -> dict:
    """`piagam extract` on the documents with `workers` readers, end to end: the files read to
    their rows written (committed, compacted, refreshed); accuracy from the rows read back."""
    import tempfile

    from evaluate import compare

    from piagam.extractors.limits import peak_mb, shutdown
    from piagam.flows.pipeline import extract
    from piagam.schema.catalog import refresh
    from piagam.schema.dataset import read_arrow, writing

    with tempfile.TemporaryDirectory() as out:
        warm = min(entries, key=lambda e: (folder / e["file"]).stat().st_size)  # the fork server, the readers
        for _ in extract([folder / warm["file"]] * workers, Path(out) / "warm", source_id="bench", agency="bench",
                         workers=workers):
            pass
        start = time.perf_counter()
        with writing(out):
            for _ in extract([folder / e["file"] for e in entries], out, source_id="bench", agency="bench",
                             workers=workers):
                pass
            refresh(out)
        elapsed = time.perf_counter() - start
        shutdown()
        documents = {d["url"]: d["doc_id"] for d in read_arrow(out, "documents").to_pylist()}
        rows: dict[str, list[dict]] = {}
        for row in read_arrow(out, "pledges").to_pylist():
            rows.setdefault(row["doc_id"], []).append(row)
    right = checked = 0
    for entry in entries:
        expected = json.loads((folder / "expected" / entry["expected"]).read_text())["rows"]
        got = rows.get(documents.get((folder / entry["file"]).resolve().as_uri()), [])
        got.sort(key=lambda r: (r["table_no"], r["row_no"], str(r["period_end"]), str(r["period_start"])))
        r, c, _, _ = compare(got, expected)
        right, checked = right + r, checked + c
    return {"elapsed": elapsed, "right": right, "checked": checked, "reader_peak_mb": peak_mb(),
            "pages": sum(e["pages"] for e in entries)}  # an HTML page: the pages its PDF prints on


def measure_one_at_a_time(entries: list[dict], folder: Path) -> dict:
    """Each document read and checked through one reader process, one after another
    (`read_limited`), timed on its own: what a document costs beyond its pages."""
    from evaluate import compare

    from piagam.extractors.limits import peak_mb, read_limited

    def read(entry: dict):
        path = folder / entry["file"]
        start = time.perf_counter()
        result = read_limited(path.read_bytes(), source_id="bench", agency="bench", url=path.as_uri())
        return result, time.perf_counter() - start

    read(min(entries, key=lambda e: (folder / e["file"]).stat().st_size))  # the fork server and a reader
    start = time.perf_counter()
    results, times = zip(*map(read, entries))
    elapsed = time.perf_counter() - start
    right = checked = 0
    for entry, result in zip(entries, results):
        expected = json.loads((folder / "expected" / entry["expected"]).read_text())["rows"]
        r, c, _, _ = compare(result.pledges, expected)
        right, checked = right + r, checked + c
    return {"elapsed": elapsed, "right": right, "checked": checked, "reader_peak_mb": peak_mb(),
            "pages": sum(e["pages"] for e in entries),
            "document_s": per_document([e["pages"] for e in entries], times)}


def per_document(pages: list[int], seconds: list[float], most: int = SMALL_PAGES) -> float | None:
    """What a document costs beyond its pages: the intercept of the least-squares line of each
    document's time (bytes in to checked rows out) over its pages, for the documents of at most
    `most` pages (a page of a long report costs more: its tables run longer); None without two sizes."""
    pages, seconds = zip(*[(p, t) for p, t in zip(pages, seconds) if p <= most]) if min(pages) <= most else ((), ())
    n = len(pages)
    if n < 2:
        return None
    mean_p, mean_s = sum(pages) / n, sum(seconds) / n
    spread = sum((p - mean_p) ** 2 for p in pages)
    if not spread:
        return None
    return mean_s - sum((p - mean_p) * (t - mean_s) for p, t in zip(pages, seconds)) / spread * mean_p


def measure_pdfplumber(entries: list[dict], folder: Path) -> dict:
    import pdfplumber

    start = time.perf_counter()
    pages = 0
    for e in entries:
        with pdfplumber.open(folder / e["file"]) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return {"elapsed": time.perf_counter() - start, "pages": pages}


def measure_pypdfium2(entries: list[dict], folder: Path) -> dict:
    import pypdfium2 as pdfium

    start = time.perf_counter()
    pages = 0
    for e in entries:
        doc = pdfium.PdfDocument(folder / e["file"])
        for k in range(len(doc)):
            page = doc[k]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return {"elapsed": time.perf_counter() - start, "pages": pages}


def measure_camelot(entries: list[dict], folder: Path) -> dict:
    import camelot

    start = time.perf_counter()
    for e in entries:
        camelot.read_pdf(str(folder / e["file"]), pages="all", flavor="lattice")
    return {"elapsed": time.perf_counter() - start, "pages": sum(e["pages"] for e in entries)}


def child(args) -> None:
    folder = args.corpus.resolve()
    entries = subsets(bench_corpus.load(folder), args.quick)[args.subset]
    kind = args.measure
    if kind == "piagam":
        out = measure_piagam(entries, folder, args.workers)
    elif kind == "piagam-each":
        out = measure_one_at_a_time(entries, folder)
    else:
        out = {"pdfplumber": measure_pdfplumber, "pypdfium2": measure_pypdfium2,
               "camelot": measure_camelot}[kind](entries, folder)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.update(docs=len(entries), peak_mb=max(own, out.pop("reader_peak_mb", 0)))
    print(json.dumps(out))


def run_once(kind: str, subset: str, args, workers: int = 1) -> dict | None:
    """The measurement in a fresh process (None, and why on stderr, when it failed)."""
    command = [sys.executable, __file__, "--measure", kind, "--subset", subset, "--workers", str(workers),
               "--corpus", str(args.corpus)] + (["--quick"] if args.quick else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
        print(f"{kind} on {subset}: failed: {last}", file=sys.stderr)
        return None
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out.update(kind=kind, subset=subset, workers=workers)
    print(f"  {kind} ({subset}, {workers} reader{'s' if workers > 1 else ''}): {out['pages']} pages "
          f"in {out['elapsed']:.1f} s", file=sys.stderr)
    return out


def run_rounds(plan: dict[str, tuple], args, rounds: int) -> dict[str, dict | None]:
    """Each measurement of the plan once a round, `rounds` rounds, taking each one's fastest run:
    this machine may be shared, and a measurement repeated in turn with the others is less
    likely to have all its runs slowed by the same burst of other work."""
    best: dict[str, dict | None] = {}
    for _ in range(rounds):
        for name, (kind, subset, workers) in plan.items():
            if name in best and best[name] is None:
                continue  # failed: not tried again
            m = run_once(kind, subset, args, workers)
            if m is None or name not in best or m["elapsed"] < best[name]["elapsed"]:
                best[name] = m
    return best


# ------------------------------------------------------------------ the report

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    ram = next((int(line.split()[1]) // (1024 * 1024) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({model}), {ram} GiB RAM, Python {platform.python_version()}"


def row(name: str, m: dict | None, accuracy: bool = False) -> str:
    if m is None:
        return f"| {name} | not run | | | | | | |"
    acc = f"{100 * m['right'] / m['checked']:.1f}% ({m['right']}/{m['checked']})" if accuracy and m.get("checked") \
        else "n/a (no rows)"
    document = f"{1000 * m['document_s']:.1f}" if m.get("document_s") is not None else ""
    return (f"| {name} | {m['docs']} | {m['pages']} | {m['pages'] / m['elapsed']:.1f} | {m['docs'] / m['elapsed']:.2f} "
            f"| {document} | {m['peak_mb']:.0f} | {acc} |")


def rate(m: dict | None) -> float | None:
    return m["pages"] / m["elapsed"] if m else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=bench_corpus.DEFAULT_OUT)
    parser.add_argument("--quick", action="store_true", help="documents of up to 12 pages only, no long report")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast measurement (the fastest counts)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--subset", default="all", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return child(args)
    entries = bench_corpus.load(args.corpus)
    cores = len(os.sched_getaffinity(0))
    print(f"corpus: {len(entries)} documents in {args.corpus}", file=sys.stderr)
    load = os.getloadavg()[0]
    fast = run_rounds({"one": ("piagam", "all", 1), "many": ("piagam", "all", cores), "on_pdf": ("piagam", "pdf", 1),
                       "floor": ("pypdfium2", "pdf", 1), "on_small": ("piagam-each", "small", 1)}, args, args.repeat)
    one, many, on_pdf, floor, on_small = (fast[k] for k in ("one", "many", "on_pdf", "floor", "on_small"))
    plumber = run_once("pdfplumber", "pdf", args)
    camelot = run_once("camelot", "small", args)
    long = None if args.quick else run_once("piagam", "long", args)

    print(f"Machine: {machine()}; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n")
    pages = [e["pages"] for e in subsets(entries, args.quick)["all"]]
    print(f"The corpus: {len(pages)} documents, {sum(p <= 3 for p in pages)} of 1-3 pages, "
          f"{sum(pages) / len(pages):.1f} pages on average, at most {max(pages)}; and one of {long['pages'] if long else 500}.\n")
    print("| run | documents | pages | pages/s | documents/s | ms a document beyond its pages* | peak MB "
          "| accuracy (fields right) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(row("`piagam extract`, the corpus (HTML and PDF), 1 reader", one, True))
    print(row(f"`piagam extract`, the corpus (HTML and PDF), {cores} readers", many, True))
    print(row("`piagam extract`, PDFs, 1 reader", on_pdf, True))
    print(row("pdfplumber `extract_tables()`, PDFs", plumber))
    print(row("pypdfium2 raw text, PDFs (the floor)", floor))
    print(row("piagam, each PDF of up to 5 pages once, one at a time through 1 reader", on_small, True))
    print(row("camelot lattice, each PDF of up to 5 pages once", camelot))
    if long:
        print(row(f"`piagam extract`, the {long['pages']}-page report, 1 reader", long, True))
    print()
    ratios = [("`piagam extract` 1 reader / pdfplumber `extract_tables()` (same PDFs)", rate(on_pdf), rate(plumber)),
              ("`piagam extract` 1 reader / pypdfium2 raw text (same PDFs)", rate(on_pdf), rate(floor)),
              ("piagam / camelot (same PDFs)", rate(on_small), rate(camelot)),
              (f"`piagam extract` {cores} readers / 1 reader (the corpus)", rate(many), rate(one))]
    for name, a, b in ratios:
        print(f"- {name}: " + (f"{a / b:.2f}x" if a and b else "not measured"))
    print(f"- `piagam extract` pages/s a core: {rate(many) / cores:.1f} ({cores} readers on {cores} cores), "
          f"{rate(one):.1f} (1 reader)" if one and many else "- pages/s a core: not measured")
    print(f"\n\\* the intercept of the least-squares line of each document's time (bytes in to checked rows "
          f"out, one at a time through a reader process) over its pages, on the documents of up to {SMALL_PAGES} "
          "pages: what a document costs whatever its size")


if __name__ == "__main__":
    main()
