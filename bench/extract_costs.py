"""Bench: where the time of `piagam extract` goes per document, on documents the size real
harvests hold (1-3 pages).

    python bench/extract_costs.py [--documents 200]

Measures, each on its own and per document: the imports a run pays once (`piagam --help`, and
the modules `extract` loads), reading and checking a document in this process (`read_document`),
the same through one reader process, one document at a time (`read_limited`: the hand-off of
the bytes and the Result over a pipe), through a reader per core handed batches of documents
(`read_all`, as `extract` reads), archiving the bytes (`Archive.store`), writing the rows as
`extract` does (journal commits of many documents, then the compaction into the partitions),
and the end of the run (`refresh`: the cross-document checks, the data package and the DuckDB
file); then `piagam extract` on the same documents end to end, as a user runs it. Prints a markdown table (the README's "Speed"
section). Timings never go into the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
# the sample reports of 1-3 pages, PDF and HTML, as the documents of a harvest
SMALL = ("001_counts.pdf", "002_percentages.pdf", "005_counts_bilingual.pdf", "009_numerator_denominator.pdf",
         "010_counts_styles.pdf", "013_counts_prompts.pdf", "002_percentages.html", "010_counts_styles.html")


def documents(folder: Path, n: int, samples: tuple[str, ...] = SMALL) -> list[Path]:
    """n distinct files, copies of `samples` in turn (each with a comment or trailing bytes that
    make its hash its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sample = SAMPLES / samples[i % len(samples)]
        tail = f"\n<!-- copy {i} -->\n" if sample.suffix == ".html" else f"\n% copy {i}\n"
        path = folder / f"{i:05d}-{sample.name}"
        path.write_bytes(sample.read_bytes() + tail.encode())
        paths.append(path)
    return paths


class Clock:
    """Wall and CPU seconds of a step (CPU: this process's, and its children's that ended)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *_):
        self.wall, self.cpu = time.perf_counter() - self.wall, self._cpu() - self.cpu

    @staticmethod
    def _cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(command: list[str]) -> Clock:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # imports as a user has them
    subprocess.run(command, check=True, capture_output=True, env=env)  # and once to write the bytecode
    with Clock() as clock:
        subprocess.run(command, check=True, capture_output=True, env=env)
    return clock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    n = args.documents
    rows: list[tuple[str, Clock]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = documents(tmp / "docs", n)
        data = [p.read_bytes() for p in paths]
        once = [("`piagam --help` (imports, once a run)", timed([sys.executable, "-m", "piagam.flows.cli", "--help"])),
                ("import what `extract` uses (once a run)", timed([sys.executable, "-c",
                 "import piagam.flows.pipeline, piagam.schema.catalog, piagam.flows.cli"]))]

        from piagam.extractors.document import read_document
        from piagam.extractors.limits import read_all, read_limited, shutdown
        from piagam.flows.archive import Archive
        from piagam.flows.fetch import Fetched
        from piagam.schema.catalog import refresh
        from piagam.schema.dataset import Pending, writing

        fields = [{"source_id": "bench", "agency": "Bench", "url": p.as_uri()} for p in paths]
        with Clock() as clock:
            results = [read_document(d, **f) for d, f in zip(data, fields)]
        rows.append(("read and check, in this process", clock))
        pages = sum(r.document.get("pages") or 1 for r in results)

        read_limited(data[0], **fields[0])  # the fork server and a reader start once a run
        with Clock() as clock:
            for d, f in zip(data, fields):
                read_limited(d, **f)
        rows.append(("read and check, in a reader process, one at a time (CPU: the hand-off only)", clock))
        cores = len(os.sched_getaffinity(0))
        read_all([(0, data[0], fields[0])] * cores)  # a reader per core started
        with Clock() as clock:
            for _ in read_all((k, d, f) for k, (d, f) in enumerate(zip(data, fields))):
                pass
        rows.append((f"read and check, {cores} reader processes handed batches (`read_all`; CPU: the hand-off only)",
                     clock))
        shutdown()

        out = tmp / "out"
        archive, now = Archive(out), datetime.now(timezone.utc)
        with Clock() as clock:
            for d, f in zip(data, fields):
                location = archive.store(Fetched(f["url"], d, 200, now), hashlib.sha256(d).hexdigest(), "bench")
        rows.append(("archive the bytes (WARC)", clock))
        with Clock() as clock:
            with writing(out) as writer:
                pending = Pending()
                for r in results:
                    pending.add({**r.document, "archive_path": location}, r.pledges, r.findings)
                pending.commit(writer)
        rows.append(("write the rows (one journal commit, then compacted into one file a table and month)", clock))
        with Clock() as clock:
            refresh(out)
        rows.append(("end of run (`refresh`: catalog scan, cross-document checks, DuckDB)", clock))
        whole = timed([sys.executable, "-m", "piagam.flows.cli", "extract", "--out", str(tmp / "extract"),
                       *map(str, paths)])
    print(f"\n{n} documents of 1-3 pages ({pages} pages), {len(os.sched_getaffinity(0))} cores, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| step | wall s | CPU s | ms per document (wall) |\n| --- | --- | --- | --- |")
    for label, clock in once:
        print(f"| {label} | {clock.wall:.2f} | {clock.cpu:.2f} | |")
    for label, clock in rows:
        print(f"| {label} | {clock.wall:.2f} | {clock.cpu:.2f} | {1000 * clock.wall / n:.1f} |")
    print(f"| `piagam extract` on the {n} files, end to end | {whole.wall:.2f} | {whole.cpu:.2f} | "
          f"{1000 * whole.wall / n:.1f} |")
    read = rows[0][1].wall
    print(f"\n- the reading itself: {pages / read:.0f} pages/s; `piagam extract` end to end: {pages / whole.wall:.0f} "
          f"pages/s ({1000 * (whole.wall - read) / n:.1f} ms a document beyond the reading)")

if __name__ == "__main__":
    main()
