"""Bench: piagam end to end (bytes to validated rows) on the bench corpus, read as a harvest
reads it (threads, each handing one document at a time to a reader process that reads it
within its limits: `read_limited`), with one reader and with as many readers as there are cores, against
baselines measured in the same run: pdfplumber's `extract_tables()`, the raw text of pypdfium2
(the floor: no table is read at all) and camelot where it is installed
(`pip install -e '.[bench]'`). Prints a markdown table (the README's "Speed" section).

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "samples"))
sys.path.insert(0, str(HERE))

import corpus as bench_corpus  # noqa: E402


def subsets(entries: list[dict], quick: bool) -> dict[str, list[dict]]:
    """all: the corpus of ordinary reports (1-60 pages, HTML and PDF); pdf: its PDFs (what the
    slow baselines read); small: PDFs of at most 5 pages (for camelot, the slowest); long: the
    500-page report (its peak memory; one document is not shared out between readers)."""
    ordinary = [e for e in entries if not e.get("long") and (not quick or e["pages"] <= 12)]
    pdfs = [e for e in ordinary if e["format"] != "html"]
    return {"all": ordinary, "pdf": pdfs, "small": [e for e in pdfs if e["pages"] <= 5],
            "long": [] if quick else [e for e in entries if e.get("long")]}


# ------------------------------------------------------------------ measurements (child process)

def measure_piagam(entries: list[dict], folder: Path, workers: int) -> dict:
    """Read and check the documents as a harvest does: `workers` threads, each handing one
    document at a time to a reader process (`read_limited`)."""
    from evaluate import compare

    from piagam.extractors.document import validate
    from piagam.extractors.limits import peak_mb, read_limited

    def read(entry: dict):
        path = folder / entry["file"]
        return validate(read_limited(path.read_bytes(), source_id="bench", agency="bench", url=path.as_uri()))

    read(min(entries, key=lambda e: (folder / e["file"]).stat().st_size))  # the fork server and a reader start once per run
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(read, entries))
    elapsed = time.perf_counter() - start
    right = checked = 0
    for entry, result in zip(entries, results):
        expected = json.loads((folder / "expected" / entry["expected"]).read_text())["rows"]
        r, c, _, _ = compare(result.pledges, expected)
        right, checked = right + r, checked + c
    return {"elapsed": elapsed, "right": right, "checked": checked, "reader_peak_mb": peak_mb(),
            "pages": sum(e["pages"] for e in entries)}  # an HTML page: the pages its PDF prints on


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
    folder = args.corpus
    entries = subsets(bench_corpus.load(folder), args.quick)[args.subset]
    kind = args.measure
    if kind == "piagam":
        out = measure_piagam(entries, folder, args.workers)
    else:
        out = {"pdfplumber": measure_pdfplumber, "pypdfium2": measure_pypdfium2,
               "camelot": measure_camelot}[kind](entries, folder)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.update(docs=len(entries), peak_mb=max(own, out.pop("reader_peak_mb", 0)))
    print(json.dumps(out))


def run(kind: str, subset: str, args, workers: int = 1, repeat: int = 1) -> dict | None:
    """The measurement in a fresh process; the fastest of `repeat` runs (this machine may be
    shared: the fastest run is the one least slowed by others)."""
    command = [sys.executable, __file__, "--measure", kind, "--subset", subset, "--workers", str(workers),
               "--corpus", str(args.corpus)] + (["--quick"] if args.quick else [])
    runs = []
    for _ in range(repeat):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
            print(f"{kind} on {subset}: failed: {last}", file=sys.stderr)
            return None
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    out = min(runs, key=lambda m: m["elapsed"])
    out.update(kind=kind, subset=subset, workers=workers)
    print(f"  {kind} ({subset}, {workers} reader{'s' if workers > 1 else ''}): {out['pages']} pages "
          f"in {out['elapsed']:.1f} s", file=sys.stderr)
    return out


# ------------------------------------------------------------------ the report

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    ram = next((int(line.split()[1]) // (1024 * 1024) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({model}), {ram} GiB RAM, Python {platform.python_version()}"


def row(name: str, m: dict | None, accuracy: bool = False) -> str:
    if m is None:
        return f"| {name} | not run | | | | | |"
    acc = f"{100 * m['right'] / m['checked']:.1f}% ({m['right']}/{m['checked']})" if accuracy and m.get("checked") \
        else "n/a (no rows)"
    return (f"| {name} | {m['docs']} | {m['pages']} | {m['pages'] / m['elapsed']:.1f} | {m['docs'] / m['elapsed']:.2f} "
            f"| {m['peak_mb']:.0f} | {acc} |")


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
    one = run("piagam", "all", args, repeat=args.repeat)
    many = run("piagam", "all", args, workers=cores, repeat=args.repeat)
    on_pdf = run("piagam", "pdf", args, repeat=args.repeat)
    plumber = run("pdfplumber", "pdf", args)
    floor = run("pypdfium2", "pdf", args, repeat=args.repeat)
    on_small = run("piagam", "small", args, repeat=args.repeat)
    camelot = run("camelot", "small", args)
    long = None if args.quick else run("piagam", "long", args)

    print(f"Machine: {machine()}; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n")
    print("| run | documents | pages | pages/s | documents/s | peak MB | accuracy (fields right) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(row("piagam, the corpus (HTML and PDF), 1 reader", one, True))
    print(row(f"piagam, the corpus (HTML and PDF), {cores} readers at once", many, True))
    print(row("piagam, PDFs, 1 reader", on_pdf, True))
    print(row("pdfplumber `extract_tables()`, PDFs", plumber))
    print(row("pypdfium2 raw text, PDFs (the floor)", floor))
    print(row("piagam, PDFs of up to 5 pages, 1 reader", on_small, True))
    print(row("camelot lattice, PDFs of up to 5 pages", camelot))
    if long:
        print(row(f"piagam, the {long['pages']}-page report, 1 reader", long, True))
    print()
    ratios = [("piagam / pdfplumber `extract_tables()` (same PDFs)", rate(on_pdf), rate(plumber)),
              ("piagam / pypdfium2 raw text (same PDFs)", rate(on_pdf), rate(floor)),
              ("piagam / camelot (same PDFs)", rate(on_small), rate(camelot)),
              (f"piagam {cores} readers at once / 1 reader (the corpus)", rate(many), rate(one))]
    for name, a, b in ratios:
        print(f"- {name}: " + (f"{a / b:.2f}x" if a and b else "not measured"))


if __name__ == "__main__":
    main()
