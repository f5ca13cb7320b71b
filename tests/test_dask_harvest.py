"""The harvest flow with its reading on a local 2-worker Dask cluster, against the same flow on
its own threads: the samples served by a real HTTP server on loopback, the same dataset from
both, every document read on the cluster's worker processes, and the extraction cache holding."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest
import yaml

from agency_site import AgencySite, Page
from conftest import SAMPLES

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")

from piagam.flows.dask_cluster import EVENT, ClusterError, check_spec, dask_client  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with dask_client("local:2") as client:
        yield client


def served_samples(site: AgencySite, folder) -> str:
    """samples/sources.yaml with each report served by `site` instead of read from disk."""
    spec = yaml.safe_load((SAMPLES / "sources.yaml").read_text(encoding="utf-8"))
    for source in spec["sources"]:
        for i, name in enumerate(source["urls"]):
            kind = "application/pdf" if name.endswith(".pdf") else "text/html; charset=utf-8"
            site.pages[f"/laporan/{name}"] = Page((SAMPLES / name).read_bytes(), kind)
            source["urls"][i] = f"{site.base}/laporan/{name}"
    site.pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
    spec["defaults"] = {"requests_per_second": 1000, "concurrency": 4, "allow_private": True}
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return str(path)


def table(out, name: str, exclude: str = "") -> list[tuple]:
    columns = f"* exclude ({exclude})" if exclude else "*"
    return duckdb.execute(f"select {columns} from read_parquet('{out}/{name}/**/*.parquet', union_by_name=true) "
                          f"order by all").fetchall()


def test_a_harvest_read_on_a_dask_cluster_gives_the_thread_runs_dataset(tmp_path, prefect_server, cluster):
    from piagam.flows.harvest import harvest

    with AgencySite() as site:
        sources = served_samples(site, tmp_path)
        threads = harvest(sources_file=sources, out=str(tmp_path / "threads"))
        on_dask = harvest(sources_file=sources, out=str(tmp_path / "dask"), dask=cluster.scheduler.address)
        read_on_workers = [msg for _, msg in cluster.get_events(EVENT)]

        # the same documents, pledge rows and findings as the run on threads
        assert on_dask.documents == threads.documents and threads.documents["ok"] == 20
        assert on_dask.pledges == threads.pledges > 500
        assert on_dask.findings == threads.findings
        for name, exclude in (("documents", "fetched_at, archive_path"), ("pledges", ""), ("findings", "")):
            rows = table(tmp_path / "dask", name, exclude)
            assert rows == table(tmp_path / "threads", name, exclude) and rows

        # every document was read once, on the workers of the cluster: processes other than this one
        doc_ids = [row[0] for row in duckdb.execute(
            f"select doc_id from '{tmp_path / 'dask'}/documents/**/*.parquet'").fetchall()]
        assert sorted(msg["doc_id"] for msg in read_on_workers) == sorted(doc_ids)
        assert on_dask.extractions == {"run": 20}
        workers = set(cluster.scheduler_info()["workers"])
        assert {msg["worker"] for msg in read_on_workers} == workers and len(workers) == 2
        assert len({msg["pid"] for msg in read_on_workers}) == 2 and os.getpid() not in {m["pid"] for m in read_on_workers}

        # the HTTP state forgotten, every report is downloaded again but read from the cache
        shutil.rmtree(tmp_path / "dask" / "state")
        again = harvest(sources_file=sources, out=str(tmp_path / "dask"), dask=cluster.scheduler.address)
    assert again.fetches == {"downloaded": 20} and again.extractions == {"from cache": 20}
    assert len(cluster.get_events(EVENT)) == len(read_on_workers)  # nothing read on the workers again
    assert table(tmp_path / "dask", "pledges") == table(tmp_path / "threads", "pledges")  # nothing duplicated


def test_daemonic_workers_are_refused_in_one_sentence():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as daemonic:
        with pytest.raises(ClusterError, match="daemonic processes.*DASK_DISTRIBUTED__WORKER__DAEMON=False"):
            with dask_client(daemonic.scheduler_address):
                pass


def test_the_command_line_refuses_a_mistyped_cluster_before_starting(tmp_path, capsys):
    from piagam.flows.cli import main

    for spec in ("local:0", "local", "scheduler:8786"):
        with pytest.raises(ClusterError):
            check_spec(spec)
    assert check_spec("local:2") == "local:2" and check_spec("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert main(["harvest", "--samples", "--dask", "lokal:2", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("piagam: 'lokal:2' is neither local:N") and err.count("\n") == 1
    assert not (tmp_path / "documents").exists()
