"""Benchmark: what a Prefect task costs, what batching small documents saves, and the harvest of
the samples on threads against the same harvest read on a local 2-worker Dask cluster.

    .venv/bin/python bench/dask_batches.py [--sources 60] [--reports 3]

1. Prefect's cost per task: a flow of no-op tasks on the harvest's thread pool (8 at once) and
   on one thread, milliseconds per task.
2. Batches: the loopback mirror of bench/harvest_mirror.py (each report the sample HTML with its
   own bytes), harvested cold with one document per task and with the flow's batch (4).
3. The samples (bench/harvest_mirror's warm-up set), cold, on threads and on `local:2`: the
   cluster started before the clock, and `dask="local:2"` started by the run itself.

Everything is imported inside main(): the reader processes re-import this script.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=60)
    parser.add_argument("--reports", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=200)
    args = parser.parse_args()
    from piagam.flows.harvest import BATCH, WORKERS, harvest  # first: it sets Prefect's quiet defaults

    from agency_site import AgencySite
    from harvest_mirror import mirror
    from piagam.flows.dask_cluster import dask_client
    from prefect import flow, task
    from prefect.cache_policies import NONE as NO_CACHE
    from prefect.task_runners import ThreadPoolTaskRunner

    @task(cache_policy=NO_CACHE)
    def nothing(i: int) -> int:
        return i

    def no_op_flow(threads: int):
        @flow(task_runner=ThreadPoolTaskRunner(max_workers=threads))
        def tasks(n: int) -> None:
            for future in [nothing.submit(i) for i in range(n)]:
                future.result()
        return tasks

    samples = str(ROOT / "samples" / "sources.yaml")
    print(f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp, AgencySite() as site:
        tmp = Path(tmp)
        harvest(sources_file=samples, out=str(tmp / "warm-up"))  # Prefect's temporary server starts here
        for threads in (WORKERS, 1):
            run = no_op_flow(threads)
            run(5)
            seconds, _ = timed(run, args.tasks)
            print(f"Prefect task, {threads} at once: {1000 * seconds / args.tasks:.1f} ms per task "
                  f"({args.tasks} no-op tasks in {seconds:.2f} s)")

        sources = str(mirror(site, args.sources, args.reports, tmp))
        docs = args.sources * args.reports
        one, _ = timed(harvest, sources_file=sources, out=str(tmp / "batch-1"), batch=1)
        batched, _ = timed(harvest, sources_file=sources, out=str(tmp / f"batch-{BATCH}"), batch=BATCH)
        print(f"mirror, {docs} small HTML reports, cold: 1 document a task {one:.1f} s "
              f"({1000 * one / docs:.0f} ms a document), {BATCH} a task {batched:.1f} s "
              f"({1000 * batched / docs:.0f} ms a document); batched/one: {batched / one:.2f}")

        threads_s, summary = timed(harvest, sources_file=samples, out=str(tmp / "threads"))
        n = sum(summary.documents.values())
        start = time.perf_counter()
        with dask_client("local:2") as cluster:
            started = time.perf_counter() - start
            dask_s, _ = timed(harvest, sources_file=samples, out=str(tmp / "dask"), dask=cluster.scheduler.address)
        own_s, _ = timed(harvest, sources_file=samples, out=str(tmp / "dask-own"), dask="local:2")
        print(f"samples, {n} documents, cold: threads {threads_s:.1f} s; local:2 cluster {dask_s:.1f} s "
              f"(cluster started in {started:.1f} s before); dask='local:2' started by the run {own_s:.1f} s; "
              f"dask/threads: {dask_s / threads_s:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
