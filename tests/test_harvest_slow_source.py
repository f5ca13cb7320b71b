"""A source that drip-feeds its report holds back no other: while its body is still arriving,
the other sources' documents are already in the dataset (committed as each is done), and a
Ctrl-C then keeps them and leaves the slow one for the next run."""

from __future__ import annotations

import os
import signal
import time

from agency_site import AgencySite, Page
from conftest import harvest_process
from test_harvest_signals import REPORT


def test_the_other_sources_are_written_while_a_slow_one_still_drips(tmp_path, prefect_server):
    from piagam.schema.dataset import read_table

    with AgencySite() as slow, AgencySite() as good:
        slow.pages["/laporan/titis.html"] = Page(REPORT.format(k="titis").encode(), drip=0.5)  # minutes
        for k in range(4):
            good.pages[f"/laporan/baik-{k}.html"] = Page(REPORT.format(k=k).encode())
        sources = tmp_path / "sources.yaml"
        sources.write_text(
            "defaults: {allow_private: true, requests_per_second: 100, deadline: 600}\nsources:\n"
            f"  - id: lambat\n    agency: Laman lambat\n    urls: [{slow.base}/laporan/titis.html]\n"
            + "".join(f"  - id: baik-{k}\n    agency: Laman baik\n    urls: [{good.base}/laporan/baik-{k}.html]\n"
                      for k in range(4)), encoding="utf-8")
        out = tmp_path / "out"
        run = harvest_process(sources, out)
        deadline = time.monotonic() + 240
        written = set()
        while len(written) < 4 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            written = set(read_table(out, "documents")["source_id"]) if (out / "_journal").exists() else set()
        assert written == {f"baik-{k}" for k in range(4)}  # every other source's report is written ...
        assert slow.hits("/laporan/titis.html") == [] and run.poll() is None  # ... while the slow one drips
        os.kill(run.pid, signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert sorted(read_table(out, "documents")["source_id"]) == [f"baik-{k}" for k in range(4)]
