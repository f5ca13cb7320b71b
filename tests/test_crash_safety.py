"""A harvest killed with SIGKILL half-way, then run again: the dataset stays readable, no
document's rows are duplicated, and every document ends extracted."""

from __future__ import annotations

import os
import signal
import time

import duckdb

from conftest import SAMPLES, harvest_process, journal_commits, read
from piagam.schema.dataset import read_table

N_DOCUMENTS = 24  # enough that the kill lands while most are still to do


def test_a_harvest_killed_half_way_and_run_again_loses_and_duplicates_nothing(tmp_path, prefect_server):
    page = (SAMPLES / "001_counts.html").read_bytes()
    names = []
    for k in range(N_DOCUMENTS):  # monthly reports, each its own bytes
        names.append(f"laporan_{k:02d}.html")
        (tmp_path / names[-1]).write_bytes(page + f"<!-- salinan {k} -->".encode())
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: suk-contoh\n    agency: SUK Contoh\n    urls:\n"
                       + "".join(f"      - {name}\n" for name in names))
    out = tmp_path / "out"

    first = harvest_process(sources, out)
    deadline = time.monotonic() + 120
    while journal_commits(out) < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL  # killed, not finished
    written = len(read_table(out, "documents"))  # what it committed
    assert 2 <= written < N_DOCUMENTS

    # what the killed run left is a readable dataset without duplicates
    con = duckdb.connect()
    assert read_table(out, "documents")["doc_id"].is_unique
    assert len(read_table(out, "pledges")) == written * len(read(SAMPLES / "001_counts.html").pledges)

    second = harvest_process(sources, out)
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr
    docs = con.execute(f"select regexp_extract(url, '[^/]+$'), status, n_pledges, doc_id "
                       f"from '{out}/documents/**/*.parquet' order by 1").fetchall()
    rows = len(read(SAMPLES / "001_counts.html").pledges)
    assert [d[:3] for d in docs] == [(name, "ok", rows) for name in names]
    per_doc = dict(con.execute(f"select doc_id, count(*) from '{out}/pledges/**/*.parquet' group by 1").fetchall())
    assert per_doc == {d[3]: rows for d in docs}
    dupes = con.execute(f"select count(*) - count(distinct (doc_id, table_no, row_no, period_label)) "
                        f"from '{out}/pledges/**/*.parquet'").fetchone()[0]
    assert dupes == 0
