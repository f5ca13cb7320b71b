"""The bad-input corpus (tests/bad_inputs.py) through `piagam extract`: every file ends as its
documents row with status and one sentence, nothing crashes, the good documents in the same run
are all extracted, and a document over its limits is stopped without stopping the run."""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
from functools import cache
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from bad_inputs import SAMPLE_HTML, big_table, make_corpus
from conftest import ROOT, SAMPLES, read
from piagam.extractors.limits import Limits, read_limited, shutdown

SCANNED = "The PDF is scanned, OCR turned off (PIAGAM_OCR=0)."  # OCR itself: tests/test_scanned.py
EXPECTED = {  # file -> (status, its sentence)
    "zero_bytes.pdf": ("failed", "The file is empty (0 bytes)."),
    "random_bytes.pdf": ("failed", "The file is neither a PDF nor an HTML page."),
    "truncated.pdf": ("failed", "The PDF is truncated (its end is missing), so it cannot be parsed."),
    "encrypted_password.pdf": ("failed", "The PDF is encrypted with a password, so it cannot be read."),
    "blank_pages.pdf": ("empty", "The PDF has no text and no pictures on any of its 2000 pages."),
    "nested_objects.pdf": ("empty", "No table was found in the document."),
    "scanned.pdf": ("empty", SCANNED),
    "no_tables.html": ("empty", "No table was found in the document."),
    "nested_tags.html": ("failed", "The HTML nests its contents too deeply to be read."),
    "big_table.html": ("failed", "Reading the document needed more than 100 MB of memory, so it was stopped (raise "
                       "the limit with --memory-mb, or memory_mb in the sources file)."),
    "entity_expansion.html": ("empty", "None of the 1 tables is a pledge table."),
    "external_entity.html": ("empty", "None of the 1 tables is a pledge table."),
    "report.docx": ("failed", "The file is a Word document (.docx), not a PDF or HTML report."),
    "report.xlsx": ("failed", "The file is an Excel workbook (.xlsx), not a PDF or HTML report."),
}
# Bad-looking files that are good reports: read exactly like the sample they were made from.
SAME_AS = {"encrypted_empty_password.pdf": "001_counts.pdf", "windows_1252.html": "001_counts.html",
           "iso_8859_1.html": "001_counts.html", "undeclared_1252.html": "001_counts.html"}


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        body = b'<!ENTITY secret "stolen">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The corpus and the two good samples extracted in one run, with a local server that
    records any fetch of the external entities' DTD."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = tmp_path_factory.mktemp("bad")
    files = make_corpus(folder, dtd_url=f"http://127.0.0.1:{server.server_port}/piagam.dtd")
    out = folder / "out"
    try:
        run = subprocess.run([sys.executable, "-m", "piagam.flows.cli", "extract", *map(str, files.values()),
                              str(SAMPLES / "001_counts.html"), str(SAMPLES / "001_counts.pdf"),
                              "--out", str(out), "--timeout", "60", "--memory-mb", "100"],
                             capture_output=True, text=True, cwd=ROOT, timeout=300,
                             env={**os.environ, "PIAGAM_OCR": "0"})
    finally:
        server.shutdown()
    return run, out, list(Recorder.hits)


@cache
def _rows(name: str) -> int:
    """How many pledge rows the sample gives when read alone."""
    return len(read(SAMPLES / name).pledges)


def _documents(out) -> dict[str, tuple]:
    rows = duckdb.execute(f"select regexp_extract(url, '[^/]+$'), status, error, n_pledges "
                          f"from '{out}/documents/**/*.parquet'").fetchall()
    return {name: rest for name, *rest in rows}


def _pledges(out, name: str) -> list[tuple]:
    return duckdb.execute(f"""select section, item_no, pledge, met, missed, total, met_pct from
        '{out}/pledges/**/*.parquet' p join '{out}/documents/**/*.parquet' d using (doc_id)
        where d.url like '%/{name}' order by table_no, row_no""").fetchall()


def test_every_bad_input_gets_its_row_and_one_sentence(extracted):
    run, out, _ = extracted
    assert run.returncode == 1, run.stderr  # some documents failed
    assert "Traceback" not in run.stdout + run.stderr
    documents = _documents(out)
    for name, (status, sentence) in EXPECTED.items():
        assert documents[name][:2] == [status, sentence], name
        assert re.fullmatch(r"[A-Z][^\n]*\.", sentence)
    assert len(documents) == len(EXPECTED) + len(SAME_AS) + 2


def test_the_good_documents_of_the_run_are_all_extracted(extracted):
    _, out, _ = extracted
    documents = _documents(out)
    for name in ("001_counts.html", "001_counts.pdf"):  # as many rows as when read alone
        assert documents[name] == ["ok", None, _rows(name)], name


def test_old_encodings_and_empty_passwords_read_like_the_originals(extracted):
    _, out, _ = extracted
    for name, original in SAME_AS.items():
        assert _documents(out)[name] == ["ok", None, _rows(original)], name
        assert _pledges(out, name) == _pledges(out, original), name
    # windows-1252 punctuation (the en dash of "negeri – pertanian") came through as itself
    assert any("negeri – pertanian" in row[2] for row in _pledges(out, "iso_8859_1.html"))


def test_entity_tricks_expand_nothing_and_fetch_nothing(extracted):
    _, out, hits = extracted
    assert hits == []
    passwd = open("/etc/passwd").read().split(":")[0]
    text = " ".join(str(v) for v in duckdb.execute(
        f"select * from '{out}/documents/**/*.parquet' where url like '%entity%'").fetchall())
    assert "haha" not in text and "stolen" not in text and f"{passwd}:x" not in text


def test_a_document_over_its_time_limit_is_stopped_and_the_next_one_read():
    limits = Limits(timeout_s=1, memory_mb=4096)
    big = big_table(SAMPLE_HTML.read_text(encoding="utf-8"), 50_000)
    slow = read_limited(big, limits=limits, source_id="t", agency="a", url="file:///big_table.html")
    assert slow.document["status"] == "failed" and slow.pledges == []
    assert slow.document["error"] == ("Reading the document took longer than 1 s, so it was stopped (raise the "
                                      "limit with --timeout, or read_timeout in the sources file).")
    sample = SAMPLES / "001_counts.html"
    good = read_limited(sample.read_bytes(), limits=limits, source_id="t", agency="a", url=sample.as_uri())
    assert good.document["status"] == "ok" and len(good.pledges) == _rows(sample.name) > 0


def test_documents_read_one_after_another_share_one_reader_that_stops_at_the_end():
    shutdown()
    before = set(multiprocessing.active_children())
    sample = SAMPLES / "001_counts.pdf"
    results = [read_limited(sample.read_bytes(), source_id="t", agency="a", url=sample.as_uri()) for _ in range(3)]
    assert [(r.document["status"], len(r.pledges)) for r in results] == [("ok", _rows(sample.name))] * 3
    readers = set(multiprocessing.active_children()) - before
    assert len(readers) == 1  # one process read all three
    shutdown()
    assert not readers & set(multiprocessing.active_children())
