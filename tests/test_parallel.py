"""Documents read in a process pool, and a harvest run on a local Dask cluster, give the rows
of plain sequential reading."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from piagam.flows.parallel import Item, batches, read_batch, read_many

from conftest import SAMPLES

WHEN = datetime(2024, 7, 1, tzinfo=timezone.utc)


def _items() -> list[Item]:
    docs = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("00[0-2]_*.html"))
    return [Item(str(p), "samples", "Sample agency", p.as_uri(), fetched_at=WHEN) for p in docs]


def test_the_process_pool_gives_the_rows_of_sequential_reading(tmp_path):
    missing = Item(str(tmp_path / "hilang.pdf"), "samples", "Sample agency", "file:///hilang.pdf", fetched_at=WHEN)
    items = _items() + [missing]
    assert len(batches(items, max_docs=4)) > 2  # the pool gets several batches to share out
    sequential = read_batch(items)
    parallel = read_many(items, workers=2)
    assert [r.document for r in parallel] == [r.document for r in sequential]
    assert [r.pledges for r in parallel] == [r.pledges for r in sequential]
    assert [r.findings for r in parallel] == [r.findings for r in sequential]
    assert sum(len(r.pledges) for r in parallel) == _expected(items[:-1])
    assert parallel[-1].document["status"] == "failed" and "cannot be read" in parallel[-1].document["error"]


def _expected(items: list[Item]) -> int:
    """The number of pledge rows the sample documents hold."""
    return sum(len(json.loads((SAMPLES / "expected" / f"{Path(i.path).name.split('.')[0]}.json").read_text())["rows"])
               for i in items)


def _sources(tmp_path, items: list[Item]) -> str:
    names = [Path(i.path).name for i in items]
    lines = ["sources:", "  - id: samples", "    agency: Sample agency", "    urls:"]
    lines += [f"      - {SAMPLES / name}" for name in names]
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _pledges(out) -> list[tuple]:
    return duckdb.execute(f"select regexp_extract(url, '[^/]+$') as name, table_no, row_no, item_no, pledge, met, "
                          f"total, achievement_pct, p.period_start from '{out}/pledges/**/*.parquet' p join "
                          f"'{out}/documents/**/*.parquet' d using (doc_id) order by all").fetchall()


def test_a_harvest_on_a_local_dask_cluster_gives_the_rows_of_the_default_run(tmp_path, prefect_server):
    distributed = pytest.importorskip("distributed")
    from piagam.flows.harvest import harvest, harvest_on_dask

    items = _items()
    sources = _sources(tmp_path, items)
    default = harvest(sources_file=sources, out=str(tmp_path / "default"), batch_size=4)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        on_dask = harvest_on_dask(cluster.scheduler_address, sources_file=sources, out=str(tmp_path / "dask"),
                                  batch_size=4)
    assert on_dask.documents == default.documents == {"ok": len(items)}
    assert on_dask.pledges == default.pledges == _expected(items)
    rows = _pledges(tmp_path / "dask")
    assert rows == _pledges(tmp_path / "default") and len(rows) == default.pledges
