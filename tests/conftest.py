from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real, temporary Prefect server and database for the tests that run flows; state in a
    temporary folder, never the user's; stopped before pytest closes its output streams."""
    os.environ.setdefault("PREFECT_HOME", str(tmp_path_factory.mktemp("prefect-home")))
    from piagam.flows import prefect_env

    prefect_env.configure()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def read(path: Path, **kw):
    from piagam.extractors.document import read_document

    return read_document(path.read_bytes(), source_id=kw.get("source_id", "test"),
                         agency=kw.get("agency", "Test agency"), url=path.resolve().as_uri())


def harvest_process(sources, out) -> subprocess.Popen:
    """`piagam harvest` in a process of its own (to be signalled or killed), on the tests'
    Prefect server."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the tests' server, started once
    return subprocess.Popen([sys.executable, "-m", "piagam.flows.cli", "harvest", "--sources", str(sources),
                             "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def journal_commits(out) -> int:
    """The documents a running harvest has committed so far (cheap: its journal's markers)."""
    return len(list(Path(out).glob("_journal/*/commit.json")))
