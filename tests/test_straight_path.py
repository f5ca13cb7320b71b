"""One straight path: one call reads and checks a document, `piagam extract` reads on every
core in batches and commits many documents at once, start-up stays light, and the modules
import each other without a cycle."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SAMPLES
from piagam.extractors import limits
from piagam.extractors.document import read_document
from piagam.extractors.limits import Lost, read_all
from piagam.flows.cli import main
from piagam.schema.dataset import read_arrow

sys.path.insert(0, str(ROOT / "bench"))
from extract_costs import documents as distinct_copies  # noqa: E402

PACKAGES = ("flows", "extractors", "schema")
SMALL = ("001_counts.pdf", "002_percentages.pdf", "005_counts_bilingual.pdf", "002_percentages.html",
         "010_counts_styles.html", "000_charter.html")


def test_read_document_returns_the_rows_with_their_findings():
    path = SAMPLES / "001_counts.pdf"
    result = read_document(path.read_bytes(), source_id="s", agency="a", url=path.as_uri())
    assert result.document["status"] == "ok" and result.pledges
    assert result.document["n_findings"] == len(result.findings) > 0  # seed 001's 38 cases that say 39
    assert {f["doc_id"] for f in result.findings} == {result.document["doc_id"]}


def test_extract_on_every_core_writes_what_read_document_gives_each_file(tmp_path):
    paths = distinct_copies(tmp_path / "docs", 24, SMALL)
    out = tmp_path / "out"
    assert main(["extract", *map(str, paths), "--out", str(out)]) == 0
    pledges = read_arrow(out, "pledges").to_pylist()
    documents = read_arrow(out, "documents").to_pylist()
    assert len(documents) == 24 and {d["status"] for d in documents} == {"ok"}
    assert len({d["archive_path"].split("#")[0] for d in documents}) == 1  # one WARC file for the run
    for path in paths[:len(SMALL)]:
        alone = read_document(path.read_bytes(), source_id="local", agency="", url=path.resolve().as_uri())
        mine = [{k: v for k, v in r.items() if k in alone.pledges[0]} for r in pledges
                if r["doc_id"] == alone.document["doc_id"]]
        key = lambda r: (r["table_no"], r["row_no"], str(r["period_start"]))  # noqa: E731
        assert sorted(mine, key=key) == sorted(alone.pledges, key=key), path.name
    assert not list((out / "_journal").glob("*"))  # compacted at the end of the run
    assert sorted(p.relative_to(out).parts[0] for p in out.glob("*/period=*/*.parquet")) == \
        sorted(t for t in ("documents", "pledges", "findings") for _ in (out / t).glob("period=*"))


def test_a_reader_killed_in_the_middle_of_a_batch_loses_that_document_only(tmp_path):
    paths = distinct_copies(tmp_path, 24, SMALL)
    expected = {p.name: read_document(p.read_bytes(), source_id="s", agency="a", url=p.as_uri()) for p in paths}
    items = ((p.name, p.read_bytes(), {"source_id": "s", "agency": "a", "url": p.as_uri()}) for p in paths)
    got, killed = {}, None
    for name, result in read_all(items, workers=1, batch_documents=8):
        got[name] = result
        while killed is None and len(got) >= 8:  # the reader is on its second batch (or about to be)
            busy = list(limits._busy)
            if busy:
                killed = busy[0].process.pid
                os.kill(killed, signal.SIGKILL)
            else:
                time.sleep(0.001)
    limits.shutdown()
    assert set(got) == set(expected)
    lost = [name for name, result in got.items() if isinstance(result, Lost)]
    assert len(lost) == 1 and "SIGKILL" in got[lost[0]].document["error"]
    for name, result in got.items():
        if name not in lost:
            assert result.document["status"] == "ok" and result.pledges == expected[name].pledges, name


def test_extract_stopped_by_ctrl_c_keeps_what_it_committed_and_leaves_no_orphan(tmp_path):
    paths = distinct_copies(tmp_path / "docs", 400, SMALL)
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "piagam.flows.cli", "extract", "--out", str(out), *map(str, paths)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while run.poll() is None and not list((out / "_journal").glob("*/commit.json")) and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    documents = read_arrow(out, "documents").to_pylist()
    ids = {d["doc_id"] for d in documents}
    assert {r["doc_id"] for r in read_arrow(out, "pledges").to_pylist()} <= ids  # no pledge row without its document
    assert {r["doc_id"] for r in read_arrow(out, "findings").to_pylist()} <= ids
    assert {d["status"] for d in documents} == {"ok"} and not list((out / "_journal").glob("*"))
    if run.returncode == 130:
        assert 0 < len(documents) < 400 and "stopped by SIGINT" in err, err
    else:  # the run was done before the signal reached it
        assert run.returncode == 0 and len(documents) == 400, err


def test_help_and_extract_import_no_prefect(tmp_path):
    """Neither imports Prefect; `piagam --help` not even pyarrow and pandas (the dataset's)."""
    for argv, heavy in ((["--help"], ("prefect", "pyarrow", "pandas")),
                        (["extract", str(SAMPLES / "000_charter.html"), "--out", str(tmp_path)], ("prefect",))):
        code = ("import sys; from piagam.flows.cli import main\ntry: main(%r)\nexcept SystemExit: pass\n"
                "print([m for m in %r if m in sys.modules])" % (argv, heavy))
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert run.stdout.strip().endswith("[]"), (argv, run.stdout[-300:], run.stderr)


def imports(package: str, path: Path) -> set[str]:
    """The piagam modules a module imports (anywhere in it, functions included), as 'package.module'."""
    modules = {f"{p}.{f.stem}" for p in PACKAGES for f in (ROOT / p).glob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0:
            target = (node.module or "").removeprefix("piagam.")
        else:
            target = ".".join(([package] if node.level == 1 else []) + ((node.module or "").split(".")
                                                                         if node.module else []))
        if target in modules:
            found.add(target)
        else:  # from . import x, from ..extractors import limits
            found |= {f"{target or package}.{alias.name}" for alias in node.names} & modules
    return found


def test_the_modules_import_each_other_without_a_cycle():
    graph = {f"{p}.{f.stem}": imports(p, f) for p in PACKAGES for f in (ROOT / p).glob("*.py")}
    assert "extractors.limits" in graph["flows.pipeline"] and "flows.pipeline" in graph["flows.reading"]  # the scan sees edges
    done, path = set(), []

    def visit(module: str) -> None:
        assert module not in path, f"import cycle: {' -> '.join(path[path.index(module):] + [module])}"
        if module in done:
            return
        path.append(module)
        for other in sorted(graph[module]):
            visit(other)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert "flows.cli" not in graph["flows.harvest"]


def test_only_extractors_open_documents():
    """The PDF libraries are imported by extractors/ only (the evidence pictures included)."""
    for package in ("flows", "schema"):
        for path in (ROOT / package).glob("*.py"):
            names = {a.name.split(".")[0] for node in ast.walk(ast.parse(path.read_text()))
                     if isinstance(node, ast.Import) for a in node.names}
            names |= {(node.module or "").split(".")[0] for node in ast.walk(ast.parse(path.read_text()))
                      if isinstance(node, ast.ImportFrom) and node.level == 0}
            assert not names & {"pypdfium2", "pdfplumber"}, path
