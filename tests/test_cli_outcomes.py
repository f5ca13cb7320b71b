"""What a run says happened: exit codes, the JSON summary, one sentence for a bad output or a bad
sources file, the defaults, and the Prefect run (artifacts, log lines, final state)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest

from agency_site import AgencySite, Page
from conftest import ROOT, SAMPLES

from piagam import __version__


def piagam(*args, cwd=ROOT, prefix=()):
    """The command in its own process (for what only a process shows: its imports, its disk)."""
    run = subprocess.run([*prefix, sys.executable, "-m", "piagam.flows.cli", *map(str, args)],
                         capture_output=True, text=True, cwd=cwd, timeout=300)
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    return run


@pytest.fixture
def cli(capsys):
    """The command in this process: (exit code, stdout, stderr)."""
    from piagam.flows.cli import main

    def run(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit:  # --version, --help and argparse's usage errors
            code = exit.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def one_sentence(code, err) -> str:
    assert code == 2, err
    (line,) = err.strip().splitlines()
    assert line.startswith("piagam: ") and line.endswith(".")
    return line


def test_version_help_with_defaults_and_extract_without_prefect(tmp_path, cli):
    assert cli("--version")[:2] == (0, f"piagam {__version__}\n")
    code, helped, _ = cli("harvest", "--help")
    assert code == 0 and "(default: ./sources.yaml)" in helped and "else 300)" in helped and "else 2048)" in helped
    code = ("import sys; from piagam.flows.cli import main; "
            f"main(['extract', {str(SAMPLES / '000_charter.html')!r}, '--out', {str(tmp_path)!r}]); "
            "print('prefect' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.stdout.strip().endswith("False"), run.stderr


def test_extract_exits_1_when_a_document_failed_and_its_json_says_which_and_why(tmp_path, cli):
    bad = tmp_path / "laporan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    code, printed, err = cli("extract", SAMPLES / "000_charter.html", bad, "--out", out, "--json")
    assert code == 1, err
    summary = json.loads(printed)
    assert summary["exit_code"] == 1 and summary["documents"] == {"ok": 1, "failed": 1}
    (failure,) = summary["failures"]
    assert failure["url"].endswith("/laporan.pdf") and failure["status"] == "failed" and failure["error"]
    assert f"piagam: failed: {bad}: {failure['error']}" in err  # the progress line, plain off a terminal
    (saved,) = (out / "runs").glob("*.json")
    assert json.loads(saved.read_text()) == {**summary, "finished": json.loads(saved.read_text())["finished"]}
    assert summary["summary_file"] == str(saved)

    code, printed, _ = cli("extract", SAMPLES / "000_charter.html", "--out", out)
    assert code == 0 and "run summary: " in printed


def test_an_output_that_is_a_file_or_an_unreachable_store_is_one_sentence(tmp_path, cli, monkeypatch):
    afile = tmp_path / "output"
    afile.write_text("not a folder")
    line = one_sentence(*cli("extract", SAMPLES / "000_charter.html", "--out", afile)[::2])
    assert line == f"piagam: The output {afile} is a file (or lies under one), not a folder; give --out a folder."
    # harvest says the same before Prefect starts
    assert one_sentence(*cli("harvest", "--samples", "--out", afile / "sub")[::2]).startswith("piagam: The output ")

    for key, value in {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "k",
                       "AWS_SECRET_ACCESS_KEY": "s", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    line = one_sentence(*cli("audit", "--out", "s3://charters/run")[::2])
    assert line.startswith("piagam: The object store at s3://charters/run cannot be reached or written (")
    assert "Could not connect to server" in line


def _unshare_works() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", "/mnt"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="needs user and mount namespaces (unshare -rm) for a small disk")
@pytest.mark.parametrize("options, fill, sentence", [
    ("ro,size=1m", False, "cannot be written (permission denied or a read-only disk)."),
    ("size=64k", True, "is full."),
])
def test_a_read_only_or_full_disk_is_one_sentence(tmp_path, options, fill, sentence):
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (f'mount -t tmpfs -o {options} tmpfs "$0" && '
              + ('(head -c 1M /dev/zero > "$0/fill" 2>/dev/null || true) && ' if fill else "")
              + 'exec "$@"')
    run = piagam("extract", SAMPLES / "000_charter.html", "--out", disk / "out",
                 prefix=("unshare", "-rm", "sh", "-c", script, str(disk)))
    line = one_sentence(run.returncode, run.stderr)
    assert line.startswith(f"piagam: The ") and line.endswith(sentence)


@pytest.mark.parametrize("setting, shown", [("timeout: .inf", "'timeout' must be a positive number, not inf."),
                                            ("requests_per_second: .nan", "'requests_per_second' must be a positive "
                                                                          "number, not nan."),
                                            ("memory_mb: 0", "'memory_mb' must be a positive whole number, not 0.")])
def test_config_numbers_must_be_finite(tmp_path, monkeypatch, cli, setting, shown):
    (tmp_path / "sources.yaml").write_text(f"sources:\n  - {{id: a, agency: A, urls: [x.pdf], {setting}}}\n")
    monkeypatch.chdir(tmp_path)
    assert one_sentence(*cli("harvest")[::2]) == f"piagam: Source 'a' key {shown}"
    assert cli("harvest", "--samples", "--timeout", "inf")[0] == 2


def test_limits_come_from_the_sources_file(tmp_path):
    from piagam.flows.sources import load_sources

    path = tmp_path / "sources.yaml"
    path.write_text("defaults: {memory_mb: 4096}\nsources:\n  - {id: a, agency: A, urls: [x.pdf], read_timeout: 900}\n")
    (source,) = load_sources(path)
    assert (source.read_timeout, source.memory_mb) == (900, 4096)


def test_the_samples_only_when_asked_for_and_never_served(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    line = one_sentence(*cli("harvest")[::2])
    assert line == (f"piagam: There is no sources.yaml in {tmp_path}: give --sources FILE "
                    f"(or --samples to harvest the bundled samples).")
    line = one_sentence(*cli("serve", "--sources", SAMPLES / "sources.yaml")[::2])
    assert line == "piagam: piagam serve does not schedule the bundled samples: give it your own --sources FILE."


def test_a_harvest_with_failures_exits_1_and_its_prefect_run_shows_them(tmp_path, monkeypatch, prefect_server,
                                                                         capsys):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import ArtifactSort

    from piagam.flows.cli import main

    with AgencySite() as site:
        site.pages["/robots.txt"] = Page(b"", "text/plain")
        site.pages["/doc/pencapaian-1.html"] = Page((SAMPLES / "000_charter.html").read_bytes())
        long_path = "/doc/pencapaian-" + "x" * 100_000 + ".pdf"
        long_host = "http://" + "a" * 70 + ".example.gov.my/pencapaian-2.pdf"
        site.pages["/senarai"] = Page(f"""<html><body><a href="/doc/pencapaian-1.html">Januari</a>
            <a href="{long_host}">Februari</a><a href="{long_path}">Mac</a>
            <a href="/doc/pencapaian-4.pdf">April</a></body></html>""".encode())
        site.pages["/kosong"] = Page(b"<html><body><a href='/about'>About us</a></body></html>")
        (tmp_path / "sources.yaml").write_text(f"""
defaults: {{allow_private: true, requests_per_second: 50, retries: 0}}
sources:
  - {{id: suk, agency: SUK, listing: "{site.base}/senarai", match: 'pencapaian'}}
  - {{id: kosong, agency: Kosong, listing: "{site.base}/kosong", match: 'pencapaian'}}
""")
        monkeypatch.chdir(tmp_path)  # ./sources.yaml is the default
        code = main(["harvest", "--out", str(tmp_path / "out"), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == summary["exit_code"] == 1
    assert summary["documents"] == {"ok": 1, "failed": 3}
    why = {f["url"][:40]: f["error"] for f in summary["failures"]}
    assert why[long_host[:40]] == (f"The address {long_host[:100]}... cannot be fetched (a part of its host name "
                                   f"is empty or longer than 63 characters).")
    assert why[f"{site.base}{long_path}"[:40]].endswith("... cannot be fetched (URL too long).")
    assert why[f"{site.base}/doc/pencapaian-4.pdf"[:40]].endswith("answered HTTP 404 (not found).")
    assert summary["notes"] == [f"The listing {site.base}/kosong of source 'kosong' has no link matching "
                                f"'pencapaian' (if the listing is itself a report, list it under 'urls')."]

    with get_client(sync_client=True) as client:
        def latest(key):
            (artifact,) = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                                sort=ArtifactSort.CREATED_DESC, limit=1)
            return artifact

        markdown, failed = latest("harvest-summary"), latest("failed-documents")
        assert markdown.flow_run_id == failed.flow_run_id == latest("error-findings").flow_run_id
        assert "documents: 3 failed, 1 ok" in markdown.data and "reports/audit.html" in markdown.data
        rows = json.loads(failed.data)
        assert sorted(row["url"][-20:] for row in rows) == sorted(f["url"][-20:] for f in summary["failures"])
        run = client.read_flow_run(markdown.flow_run_id)
        assert run.state.type == StateType.FAILED and run.state.message == "3 of 4 documents failed."
        for _ in range(60):  # the run's log lines reach the API in batches (slowly on a busy machine)
            logs = [log.message for log in client.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))]
            if any(line.startswith("documents: 3 failed") for line in logs):
                break
            time.sleep(0.5)
        assert "source suk: 4 links" in logs and any(line.startswith("documents: 3 failed") for line in logs)
