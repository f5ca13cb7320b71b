"""Ctrl-C (SIGINT) and then SIGKILL in the middle of `piagam harvest` over a loopback site of 24
reports, then a run to the end: the signal stops the command within seconds with one line
saying what was kept, no reader process outlives it, and what was finished before a signal is
neither downloaded in full nor read again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb

from agency_site import AgencySite, Page
from conftest import SAMPLES, harvest_process, journal_commits

N_DOCUMENTS = 24
HTML = (SAMPLES / "001_counts.html").read_bytes()


def _written(out) -> int:
    """The documents rows of the dataset, the journal a killed run left included."""
    from piagam.schema.dataset import read_table

    return len(read_table(out, "documents"))


def _descendants(pid: int) -> set[int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(") ", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z":
                alive.add(pid)
        except OSError:
            pass
    return alive


def _interrupt(sources, out, sig: int, at: int) -> tuple[subprocess.Popen, str, float, set[int]]:
    """Start a harvest, send `sig` once it has committed `at` documents; (process, stderr, seconds
    from the signal to the end, the processes it had started)."""
    run = harvest_process(sources, out)
    deadline = time.monotonic() + 120
    while journal_commits(out) < at and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    children = _descendants(run.pid)
    sent = time.monotonic()
    assert run.poll() is None, "the harvest ended before the signal could be sent"
    os.kill(run.pid, sig)
    _, stderr = run.communicate(timeout=60)
    return run, stderr, time.monotonic() - sent, children


def test_sigint_then_sigkill_then_a_full_run(tmp_path, prefect_server):
    with AgencySite() as site:
        for k in range(N_DOCUMENTS):
            site.pages[f"/laporan/pencapaian-{k:02d}.html"] = Page(
                HTML.replace(b"</body>", f"<!-- {k} --></body>".encode()), delay=0.6)  # slow enough that a
            # stop that takes a few seconds to reach the running batches leaves documents for the next run
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  - id: suk-contoh\n    agency: SUK\n    allow_private: true\n"
                           "    requests_per_second: 100\n    urls:\n"
                           + "".join(f"      - {site.base}/laporan/pencapaian-{k:02d}.html\n"
                                     for k in range(N_DOCUMENTS)), encoding="utf-8")
        out = tmp_path / "out"

        run, stderr, took, children = _interrupt(sources, out, signal.SIGINT, at=3)
        assert run.returncode == 130, stderr
        assert took < 15
        said = [line for line in stderr.splitlines() if line.strip()]
        assert said[-1].startswith("piagam: stopped by SIGINT: the ") and "the next run does the rest" in said[-1]
        assert "Traceback" not in stderr
        kept = _written(out)
        assert 3 <= kept < N_DOCUMENTS
        saved = json.loads(next((out / "runs").glob("*.json")).read_text())  # the stopped run's summary
        assert saved["stopped"] == "SIGINT" and saved["exit_code"] == 130 and sum(saved["documents"].values()) >= 3
        time.sleep(1)
        assert _alive(children) == set()  # no reader (nor fork server) outlives the command

        run, stderr, took, children = _interrupt(sources, out, signal.SIGKILL, at=3)
        assert run.returncode == -signal.SIGKILL
        time.sleep(2)
        assert _alive(children) == set()  # killed outright: its readers die with their fork server
        kept = _written(out)
        before = len(site.log)

        full = harvest_process(sources, out)
        stdout, stderr = full.communicate(timeout=300)
        assert full.returncode == 0, stderr
        # what was finished before the signals was asked for conditionally and not sent again (but
        # for one the SIGKILL may have caught between its rows and its HTTP state)
        third = [h for h in site.log[before:] if h.path.startswith("/laporan/")]
        assert len(third) == N_DOCUMENTS and sum(h.status == 304 for h in third) >= kept - 1
        con = duckdb.connect()
        docs = con.execute(f"select status, n_pledges from '{out}/documents/**/*.parquet'").fetchall()
        assert len(docs) == N_DOCUMENTS and all(d == ("ok", 94) for d in docs)
        assert con.execute(f"select count(*) - count(distinct (doc_id, table_no, row_no, period_label)) "
                           f"from '{out}/pledges/**/*.parquet'").fetchone()[0] == 0
