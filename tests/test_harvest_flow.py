"""The real Prefect flow over the bundled samples, and the command line around it."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb

from conftest import ROOT, SAMPLES


def test_the_prefect_flow_harvests_the_samples(tmp_path, prefect_server):
    from prefect.client.schemas.objects import StateType

    from piagam.flows.harvest import harvest

    state = harvest(sources_file=str(SAMPLES / "sources.yaml"), out=str(tmp_path), return_state=True)
    assert state.type == StateType.COMPLETED
    summary = state.result()
    assert summary.documents["ok"] >= 2 and summary.documents["failed"] == 0
    pledges = duckdb.execute(f"select count(*) from '{tmp_path}/pledges/**/*.parquet'").fetchone()[0]
    assert pledges == summary.pledges > 0
    docs = duckdb.execute(f"select url, status, archive_path from '{tmp_path}/documents/**/*.parquet'").fetchall()
    assert all(os.path.exists(tmp_path / path.rsplit("#", 1)[0]) and path.split("#")[0].endswith(".warc.gz")
               for _, _, path in docs)
    assert {url.rsplit("/", 1)[1] for url, _, _ in docs} >= {"001_counts.html", "001_counts.pdf"}

    # a second run of the unchanged samples extracts nothing anew and duplicates nothing
    again = harvest(sources_file=str(SAMPLES / "sources.yaml"), out=str(tmp_path), return_state=True).result()
    assert again.documents == {"unchanged": sum(summary.documents.values())} and not again.extractions
    assert duckdb.execute(f"select count(*) from '{tmp_path}/pledges/**/*.parquet'").fetchone()[0] == pledges


def test_extract_command_reports_bad_files_and_goes_on(tmp_path):
    bad = tmp_path / "laporan.pdf"
    bad.write_bytes(b"<html><body>Not found</body></html>")
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "piagam.flows.cli", "extract", str(SAMPLES / "001_counts.html"),
                          str(bad), str(empty), str(tmp_path / "missing.pdf"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1, run.stderr  # some documents failed
    assert "Traceback" not in run.stdout + run.stderr
    assert "pledge rows: 94" in run.stdout
    rows = dict(duckdb.execute(f"select regexp_extract(url, '[^/]+$'), status || ': ' || coalesce(error, '') "
                               f"from '{out}/documents/**/*.parquet'").fetchall())
    assert rows["001_counts.html"] == "ok: "
    assert rows["kosong.pdf"] == "failed: The file is empty (0 bytes)."
    assert rows["missing.pdf"].startswith("failed: The file") and "cannot be read" in rows["missing.pdf"]
    assert rows["laporan.pdf"].startswith("empty: No table")
