"""Ctrl-C (SIGINT) and then SIGKILL in the middle of `piagam harvest` over a loopback site of 60
reports, then a run to the end: the signal stops the command within seconds with one line saying
what was kept, and no document starts after it; no reader process outlives the command; what
was finished before a signal is neither downloaded in full nor read again. A second Ctrl-C, while
the harvest stops or during the final compaction, ends the command at once in one line, and
what was committed stays in the journal for the next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from agency_site import AgencySite, Page
from conftest import ROOT, harvest_process, journal_commits

N_DOCUMENTS = 60
REPORT = """<html><head><title>Pencapaian Piagam Pelanggan {k}</title></head><body>
<h1>Pencapaian Piagam Pelanggan Bagi Bulan Januari 2022</h1><table border="1">
<tr><th>Bil</th><th>Piagam Pelanggan</th><th>Bil. Menepati</th><th>% Menepati</th><th>Bil. Tidak Menepati</th>
<th>% Tidak Menepati</th><th>Jumlah</th></tr>
<tr><td>1</td><td>Aduan diambil tindakan dalam tempoh 3 hari bekerja</td><td>9</td><td>90%</td><td>1</td>
<td>10%</td><td>10</td></tr>
<tr><td>2</td><td>Permohonan lesen diproses dalam tempoh 14 hari bekerja</td><td>20</td><td>100%</td><td>0</td>
<td>0%</td><td>20</td></tr></table><!-- laporan {k} --></body></html>"""


def _written(out) -> int:
    """The documents rows of the dataset, the journal a stopped or killed run left included."""
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


def _interrupt(sources, out, sig: int, at: int):
    """Start a harvest, send `sig` once it has committed `at` documents; (the process, its
    stderr, the documents committed when the signal was sent, when it was sent (time.monotonic),
    the seconds from it to the end, the processes the harvest had started)."""
    run = harvest_process(sources, out)
    deadline = time.monotonic() + 120
    while journal_commits(out) < at and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    children = _descendants(run.pid)
    committed, sent = journal_commits(out), time.monotonic()
    assert run.poll() is None, "the harvest ended before the signal could be sent"
    os.kill(run.pid, sig)
    _, stderr = run.communicate(timeout=60)
    return run, stderr, committed, sent, time.monotonic() - sent, children


def test_sigint_then_sigkill_then_a_full_run(tmp_path, prefect_server):
    with AgencySite() as site:
        for k in range(N_DOCUMENTS):
            site.pages[f"/laporan/pencapaian-{k:02d}.html"] = Page(REPORT.format(k=k).encode(), delay=0.15)
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  - id: suk-contoh\n    agency: SUK\n    allow_private: true\n"
                           "    requests_per_second: 100\n    concurrency: 4\n    urls:\n"
                           + "".join(f"      - {site.base}/laporan/pencapaian-{k:02d}.html\n"
                                     for k in range(N_DOCUMENTS)), encoding="utf-8")
        out = tmp_path / "out"

        # Ctrl-C once half of the reports are written
        run, stderr, committed, sent, took, children = _interrupt(sources, out, signal.SIGINT, at=30)
        assert run.returncode == 130, stderr
        assert took < 15
        said = [line for line in stderr.splitlines() if line.strip()]
        assert said[-1].startswith("piagam: stopped by SIGINT: the ") and "the next run does the rest" in said[-1]
        assert "Traceback" not in stderr
        # no report is asked for once the stop has had a moment to reach the running batches, and
        # what was finished is kept: the documents committed then, and at most one a batch that was
        # past its reading
        assert [h.path for h in site.log if h.path.startswith("/laporan/") and h.started > sent + 1.0] == []
        kept = _written(out)
        assert committed <= kept <= committed + 8 and kept < N_DOCUMENTS
        saved = json.loads(next((out / "runs").glob("*.json")).read_text())  # the stopped run's summary
        assert saved["stopped"] == "SIGINT" and saved["exit_code"] == 130
        assert sum(saved["documents"].values()) == kept and f"the {kept} documents finished" in said[-1]
        time.sleep(1)
        assert _alive(children) == set()  # no reader (nor fork server) outlives the command

        run, stderr, committed, sent, took, children = _interrupt(sources, out, signal.SIGKILL, at=3)
        assert run.returncode == -signal.SIGKILL
        time.sleep(2)
        assert _alive(children) == set()  # killed outright: its readers die with their fork server
        kept = _written(out)
        before = len(site.log)

        full = harvest_process(sources, out)
        stdout, stderr = full.communicate(timeout=300)
        assert full.returncode == 0, stderr
        # what was finished before the signals was asked for conditionally and not sent again: its
        # HTTP state was committed with its rows
        third = [h for h in site.log[before:] if h.path.startswith("/laporan/")]
        assert len(third) == N_DOCUMENTS and sum(h.status == 304 for h in third) == kept
        con = duckdb.connect()
        docs = con.execute(f"select status, n_pledges from '{out}/documents/**/*.parquet'").fetchall()
        assert len(docs) == N_DOCUMENTS and all(d == ("ok", 2) for d in docs)
        assert con.execute(f"select count(*) - count(distinct (doc_id, table_no, row_no, period_label)) "
                           f"from '{out}/pledges/**/*.parquet'").fetchone()[0] == 0


# a harvest's outer work, with its stop and its final compaction made slow (a big dataset) so that
# signals can be sent during either
STOPPING = """
import os, signal, sys, time
from piagam.flows.pipeline import failed_document
from piagam.flows.signals import at_once, stopping
from piagam.schema import dataset

out, when = sys.argv[1:]
compact = dataset.compact
def slow(root):
    if dataset.commits(root):
        print("compacting", flush=True)
        time.sleep(60)
    return compact(root)
dataset.compact = slow
with at_once(out), dataset.writing(out) as writer:
    with stopping(out) as stop:
        writer.commit([failed_document(source_id="s", agency="A", url="http://a/1", reason="Gone.").document])
        os.kill(os.getpid(), signal.SIGINT)  # the first Ctrl-C: the harvest stops gracefully
        while not stop.signal:
            time.sleep(0.01)
        if when == "stopping":
            print("stopping", flush=True)
            time.sleep(60)
"""


@pytest.mark.parametrize("when", ["stopping", "compacting"])
def test_a_second_ctrl_c_ends_at_once_in_one_line_and_the_journal_is_kept(tmp_path, when):
    from piagam.schema.dataset import read_table, writing

    run = subprocess.Popen([sys.executable, "-c", STOPPING, str(tmp_path), when], cwd=ROOT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout.readline().strip() == when
    os.kill(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 130
    what = "the documents finished before the first one are" if when == "stopping" else "every document finished is"
    assert stderr.splitlines() == [f"piagam: stopped at once by SIGINT: {what} committed in {tmp_path} (its journal, "
                                   f"which the next run folds in); the next run does the rest."]
    assert read_table(tmp_path, "documents")["url"].tolist() == ["http://a/1"]  # kept in the journal
    with writing(tmp_path):  # the next writer folds it in
        pass
    assert list((tmp_path / "_journal").iterdir()) == [] and len(list((tmp_path / "documents").rglob("*.parquet"))) == 1
