"""Reading documents on a Dask cluster: connecting to one (or starting a local one) and the
function its workers run.

Only the pure reading travels: a document's bytes and fields go to a worker, which reads them
with `read_limited` (a reader process within the time and memory limits) and sends the Result
back. Fetching, archiving, the cache and writing stay in the flow's process. A worker process
must be allowed children of its own, so the workers must not be daemonic: a local cluster is
started that way, and the workers of an existing cluster are checked before anything is read
(`DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ...` starts them so).

This module imports no Prefect: it is what a worker imports to run `read_on_worker`. Dask's
own logging is at WARNING unless the user's environment says otherwise (set before Dask is
imported, and inherited by a local cluster's workers).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from contextlib import contextmanager

os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")

import dask  # noqa: E402
from distributed import Client, LocalCluster, get_worker  # noqa: E402

from ..extractors.document import Result  # noqa: E402
from ..extractors.limits import read_limited  # noqa: E402

EVENT = "piagam-read"  # the Dask event each read logs: doc_id, worker address, process id
CONNECT_TIMEOUT_S = 10
_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(Exception):
    """The Dask cluster asked for cannot be used (one sentence, for the command line)."""


def check_spec(spec: str) -> str:
    """`local:N` or a scheduler address (`tcp://host:8786`); else a ClusterError."""
    local = _LOCAL.fullmatch(spec)
    if (local and int(local.group(1)) > 0) or (not spec.startswith("local") and re.fullmatch(r"[\w+.-]+://\S+", spec)):
        return spec
    raise ClusterError(f"{spec!r} is neither local:N (N worker processes on this machine) "
                       f"nor a Dask scheduler address such as tcp://scheduler:8786.")


@contextmanager
def dask_client(spec: str):
    """A Client of the cluster `spec`: `local:N` starts N worker processes on this machine (one
    thread each; scheduler, workers and status page on 127.0.0.1) for the time of the block;
    an address connects to an existing cluster, whose workers must not be daemonic."""
    local = _LOCAL.fullmatch(check_spec(spec))
    if local:
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0")
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(spec, timeout=CONNECT_TIMEOUT_S)
    except OSError as exc:
        raise ClusterError(f"The Dask scheduler at {spec} did not answer within {CONNECT_TIMEOUT_S} s ({exc}).") from exc
    with client:
        daemonic = sorted(address for address, daemon in client.run(_daemonic).items() if daemon)
        if daemonic:
            raise ClusterError(f"The Dask workers {', '.join(daemonic)} are daemonic processes, which cannot start "
                               f"the reader processes: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False.")
        if not client.scheduler_info()["workers"]:
            raise ClusterError(f"The Dask cluster at {spec} has no workers.")
        yield client


def _daemonic() -> bool:
    return multiprocessing.current_process().daemon


def read_on_worker(data: bytes, fields: dict) -> Result:
    """What a worker runs: read one document within the limits, and log the event."""
    result = read_limited(data, **fields)
    worker = get_worker()
    worker.log_event(EVENT, {"doc_id": result.document["doc_id"], "worker": worker.address, "pid": os.getpid()})
    return result
