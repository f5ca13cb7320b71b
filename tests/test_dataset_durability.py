"""The dataset under the accidents of real runs: a writer killed between a document's files, a
file left over from an earlier layout or a crash (with orphan rows), two runs into one folder,
and a month of 3,000 documents written by several runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timezone

import duckdb
import pyarrow.parquet as pq

from conftest import ROOT, SAMPLES, read
from piagam.flows.cli import main
from piagam.schema.dataset import JOURNAL, read_table, writing
from piagam.schema.tables import to_arrow


def _run_child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _no_duplicate_or_orphan_rows(out) -> None:
    documents = read_table(out, "documents")
    known = set(documents["doc_id"].dropna())
    for table in ("pledges", "findings"):
        rows = duckdb.execute(f"select doc_id, table_no, row_no, period_start, rule from "
                              f"read_parquet('{out}/{table}/**/*.parquet', union_by_name = true)"
                              if table == "findings" else
                              f"select doc_id, table_no, row_no, period_start from '{out}/{table}/**/*.parquet'"
                              ).fetchall()
        assert {r[0] for r in rows} <= known, f"{table} rows without a documents row"
        if table == "pledges":
            assert len(rows) == len(set(rows)), "duplicate pledge rows"
    assert documents["doc_id"].dropna().is_unique


def test_a_writer_killed_between_a_documents_files_leaves_no_orphan(tmp_path):
    out = tmp_path / "out"
    child = _run_child("""
        import os, signal, sys
        from pathlib import Path
        from piagam.extractors.document import read_document
        from piagam.schema import dataset

        out, first, second = sys.argv[1:]
        def rows(path):
            result = read_document(Path(path).read_bytes(), source_id="suk-contoh", agency="SUK Contoh",
                                   url=Path(path).as_uri())
            return result.document, result.pledges, result.findings

        with dataset.writing(out) as writer:
            document, pledges, findings = rows(first)
            writer.commit([document], pledges, findings)
            real = dataset.Root.write_bytes

            def dying(self, path, data):
                real(self, path, data)
                if path.endswith("pledges.arrow"):  # the second document's pledges are on disk, nothing else
                    os.kill(os.getpid(), signal.SIGKILL)

            dataset.Root.write_bytes = dying
            document, pledges, findings = rows(second)
            writer.commit([document], pledges, findings)
        """, str(out), str(SAMPLES / "001_counts.html"), str(SAMPLES / "001_counts.pdf"))
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, stderr
    commits = sorted(p.name for p in (out / JOURNAL).iterdir())
    assert len(commits) == 2 and not (out / "pledges").exists()  # one whole commit, one half: nothing compacted

    # what the killed writer committed is read, what it did not finish is not
    assert len(read_table(out, "documents")) == 1 and len(read_table(out, "pledges")) == 94

    # a partition file's temporary copy, as a writer killed while compacting leaves it
    (out / "pledges" / "period=2022-01").mkdir(parents=True)
    (out / "pledges" / "period=2022-01" / ".part-0.parquet.0123.tmp").write_bytes(b"PAR1 half")

    # the next run folds the whole commit in, drops the half one, and goes on
    assert main(["extract", str(SAMPLES / "003_narrative.html"), "--out", str(out), "--source", "suk-contoh"]) == 0
    assert not list((out / JOURNAL).iterdir()) and not list((out / "pledges").rglob(".*.tmp"))
    documents = read_table(out, "documents")
    assert sorted(u.rsplit("/", 1)[1] for u in documents["url"]) == ["001_counts.html", "003_narrative.html"]
    _no_duplicate_or_orphan_rows(out)
    count = duckdb.execute(f"select count(*) from '{out}/pledges/**/*.parquet'").fetchone()[0]
    assert count == documents["n_pledges"].sum()
    assert main(["audit", "--out", str(out)]) == 0


def test_left_over_files_are_folded_in_and_orphans_read_around(tmp_path):
    """Files in the per-document layout of earlier versions: a whole document is kept, rows whose
    documents row is missing (a writer killed between files) are left out, also by the
    cross-document checks that met them with a KeyError before."""
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLES / "003_narrative.html"), "--out", str(out), "--source", "pw-contoh"]) == 0
    base = read(SAMPLES / "003_narrative.html", source_id="pw-contoh")
    assert any(p["cumulative"] for p in base.pledges)

    def restated(doc_id, shift):  # the same report a month later, its cumulatives lower
        rows = []
        for p in base.pledges:
            end = p["period_end"]
            later = date(end.year, end.month + 1, 28) if end and end.month < 12 else end
            rows.append({**p, "doc_id": doc_id, "period_end": later,
                         "cumulative": p["cumulative"] - shift if p["cumulative"] else p["cumulative"]})
        return rows

    legacy = out / "pledges" / "period=2023-11" / "source=pw-contoh"
    legacy.mkdir(parents=True)
    orphan, whole = "f" * 64, "e" * 64
    pq.write_table(to_arrow("pledges", restated(orphan, 1)), legacy / f"pw-contoh-{orphan}.parquet")  # no documents row
    pq.write_table(to_arrow("pledges", restated(whole, 0)), legacy / f"pw-contoh-{whole}.parquet")
    (out / "documents" / "period=2023-11" / "source=pw-contoh").mkdir(parents=True)
    document = {**base.document, "doc_id": whole, "url": "https://example.gov.my/laporan-dis.pdf",
                "fetched_at": datetime.now(timezone.utc)}
    pq.write_table(to_arrow("documents", [document]),
                   out / "documents" / "period=2023-11" / "source=pw-contoh" / f"pw-contoh-{whole}.parquet")

    # read around the orphan before anything is compacted
    assert orphan not in set(read_table(out, "pledges")["doc_id"])
    assert main(["audit", "--out", str(out)]) == 0  # the catalog's cross-document checks meet the orphan file
    assert main(["extract", str(SAMPLES / "001_counts.html"), "--out", str(out), "--source", "suk-contoh"]) == 0
    assert not list((out / "pledges").glob("*/source=*"))  # folded into the partitions
    pledges = read_table(out, "pledges")
    assert orphan not in set(pledges["doc_id"]) and (pledges["doc_id"] == whole).sum() == len(base.pledges)
    _no_duplicate_or_orphan_rows(out)
    for table in ("documents", "pledges", "findings"):
        assert all(f.name == "part-0.parquet" for f in (out / table).rglob("*.parquet"))


def _holding(out):
    """Another process that holds the folder's lock (for two minutes, or until it is killed)."""
    holder = _run_child("""
        import sys, time
        from piagam.schema.dataset import writing
        with writing(sys.argv[1]):
            print("holding", flush=True)
            time.sleep(120)
        """, str(out))
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_two_runs_into_one_folder_the_second_refuses_in_one_sentence(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLES / "001_counts.html"), "--out", str(out)]) == 0
    capsys.readouterr()
    holder = _holding(out)
    try:
        before = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
        for argv in (["extract", str(SAMPLES / "001_counts.pdf"), "--out", str(out)],
                     ["audit", "--out", str(out)],
                     ["harvest", "--sources", str(SAMPLES / "sources.yaml"), "--out", str(out)]):
            assert main(argv) == 2, argv
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and f"process {holder.pid}" in err and str(out) in err, err
            assert err.startswith("piagam: Another piagam run") and err.rstrip().endswith(".")
        assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == before  # nothing written
    finally:
        holder.kill()  # SIGKILL: the kernel releases the lock with the process
        holder.communicate()
    assert main(["extract", str(SAMPLES / "001_counts.pdf"), "--out", str(out)]) == 0
    assert len(read_table(out, "documents")) == 2


def test_a_scheduled_run_into_a_busy_folder_fails_in_one_sentence(tmp_path, prefect_server):
    from piagam.flows.harvest import harvest

    out = tmp_path / "out"
    holder = _holding(out)
    try:
        state = harvest(sources_file=str(SAMPLES / "sources.yaml"), out=str(out), return_state=True)  # as a deployment runs it
    finally:
        holder.kill()
        holder.communicate()
    summary = state.result(raise_on_failure=False)
    assert state.is_failed() and summary.exit_code == 2 and not summary.documents
    assert summary.fatal.startswith("Another piagam run") and f"process {holder.pid}" in summary.fatal


AGENCIES, PER_AGENCY = 300, 10


def _synthetic_document(agency: int, k: int, version: int = 0) -> tuple[dict, list[dict], list[dict]]:
    doc_id = f"{agency:04d}{k:04d}".ljust(64, "0")
    source = f"agency-{agency:03d}"
    document = {"doc_id": doc_id, "source_id": source, "agency": f"Agency {agency}",
                "url": f"https://agency{agency}.gov.my/laporan-{k}.pdf", "format": "pdf",
                "fetched_at": datetime(2025, 4, 1, tzinfo=timezone.utc), "period_start": date(2025, 3, 1),
                "period_end": date(2025, 3, 31), "status": "ok", "n_pledges": 5, "n_findings": 1}
    months = [date(2025, 3, 1)] * 4 + [date(2025, 2, 1) if k == 0 else date(2025, 3, 1)]  # one matrix column
    pledges = [{"doc_id": doc_id, "source_id": source, "agency": document["agency"], "period_start": start,
                "period_end": date(start.year, start.month, 28), "section": "BAHAGIAN A", "item_no": str(n + 1),
                "pledge": f"Aduan {n}", "met": 10 + version, "total": 10 + version, "is_total": False,
                "table_no": 1, "row_no": n + 2} for n, start in enumerate(months)]
    findings = [{"doc_id": doc_id, "source_id": source, "agency": document["agency"],
                 "period_start": date(2025, 3, 1), "rule": "range", "severity": "error", "message": "x",
                 "table_no": 1, "row_no": 2}]
    return document, pledges, findings


def _commit(writer, batch) -> None:
    writer.commit([d for d, _, _ in batch], [p for _, ps, _ in batch for p in ps],
                  [f for _, _, fs in batch for f in fs])


def test_a_month_of_3000_documents_is_one_file_per_table_and_partition_however_many_runs_wrote_it(tmp_path):
    documents = [(a, k) for a in range(AGENCIES) for k in range(PER_AGENCY)]
    again = set(documents[:100])  # read again by the last run, with other figures
    runs = [documents[:1000], documents[1000:2200], documents[2200:] + documents[:100]]
    for n, run in enumerate(runs):
        with writing(tmp_path) as writer:
            for i in range(0, len(run), 50):  # committed as the harvest does, a batch at a time
                _commit(writer, [_synthetic_document(a, k, version=2 if n == 2 and (a, k) in again else 0)
                                 for a, k in run[i:i + 50]])
    for table, months in (("documents", ["2025-03"]), ("pledges", ["2025-02", "2025-03"]), ("findings", ["2025-03"])):
        files = sorted(p.relative_to(tmp_path / table).as_posix() for p in (tmp_path / table).rglob("*.parquet"))
        assert files == [f"period={m}/part-0.parquet" for m in months], table
    assert not list((tmp_path / JOURNAL).iterdir())
    con = duckdb.connect()
    count, distinct, rewritten = con.execute(
        f"select count(*), count(distinct (doc_id, row_no)), count(*) filter (where met = 12) "
        f"from '{tmp_path}/pledges/**/*.parquet'").fetchone()
    assert count == distinct == AGENCIES * PER_AGENCY * 5 and rewritten == 100 * 5
    assert con.execute(f"select count(*) from '{tmp_path}/pledges/period=2025-02/*.parquet'").fetchone()[0] == AGENCIES
    assert con.execute(f"select count(distinct doc_id) from '{tmp_path}/documents/**/*.parquet'").fetchone()[0] == 3000


def test_a_fetched_document_replaces_the_failed_row_of_its_url(tmp_path):
    document, pledges, findings = _synthetic_document(1, 1)
    failed = {**document, "doc_id": None, "status": "failed", "error": "The server answered 503.",
              "n_pledges": 0, "n_findings": 0}
    with writing(tmp_path) as writer:
        writer.commit([failed])
    with writing(tmp_path) as writer:
        writer.commit([document], pledges, findings)
        assert [d["status"] for d in writer.documents(document["source_id"])] == ["ok"]
    assert list(read_table(tmp_path, "documents")["status"]) == ["ok"]


def test_the_same_bytes_under_two_sources_are_two_documents(tmp_path):
    document, pledges, findings = _synthetic_document(1, 1)
    other = {"source_id": "mirror", "agency": "Mirror"}
    with writing(tmp_path) as writer:
        writer.commit([document], pledges, findings)
        writer.commit([{**document, **other}], [{**p, **other} for p in pledges], [{**f, **other} for f in findings])
    for table, n in (("documents", 1), ("pledges", 5), ("findings", 1)):
        assert read_table(tmp_path, table).groupby("source_id").size().to_dict() == {"agency-001": n, "mirror": n}
