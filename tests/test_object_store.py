"""Harvest and audit into an object store: `--out s3://bucket/prefix` against a real S3-compatible
server (moto's server mode) on 127.0.0.1, read back through pyarrow as a dashboard would."""

from __future__ import annotations

import csv
import io
import logging

import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest

from conftest import SAMPLES
from piagam.schema.dataset import read_table


@pytest.fixture()
def bucket(monkeypatch):
    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    for key, value in {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "piagam",
                       "AWS_SECRET_ACCESS_KEY": "piagam-secret", "AWS_DEFAULT_REGION": "us-east-1",
                       "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(key, value)
    boto3.client("s3").create_bucket(Bucket="charters")
    yield boto3.client("s3")
    server.stop()


def _keys(client, prefix):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket="charters", Prefix=prefix)
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def test_harvest_and_audit_into_s3(bucket, prefect_server, tmp_path):
    from piagam.flows.audit import audit
    from piagam.flows.harvest import harvest

    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: suk-contoh\n    agency: SUK Contoh\n    urls:\n" + "".join(
        f"      - {(SAMPLES / name).as_uri()}\n" for name in ("001_counts.html", "001_counts.pdf")))
    out = "s3://charters/piagam"
    summary = harvest(sources_file=str(sources), out=out)
    assert summary.documents == {"ok": 2} and summary.out == out
    again = harvest(sources_file=str(sources), out=out)  # the state in the store: nothing read again
    assert again.documents == {"unchanged": 2} and not again.extractions

    keys = _keys(bucket, "piagam/")
    assert [k for k in keys if k.startswith("piagam/pledges/")] == ["piagam/pledges/period=2022-01/part-0.parquet"]
    assert [k for k in keys if k.startswith("piagam/_journal/")] in ([], ["piagam/_journal/"])  # all compacted
    assert sum(k.startswith("piagam/warc/") and k.endswith(".warc.gz") for k in keys) == 2  # a record each
    assert not any("/." in k for k in keys)  # no temporary names left behind

    fs, path = pafs.FileSystem.from_uri(out + "/pledges")
    pledges = ds.dataset(path, filesystem=fs, format="parquet", partitioning="hive").to_table()
    assert pledges.num_rows == 2 * 94 and set(pledges.column("period").to_pylist()) == {"2022-01"}
    assert pledges.schema.metadata[b"piagam.schema_version"] == b"2"
    documents = read_table(out, "documents")
    assert documents["archive_path"].str.startswith("warc/").all()  # relative to the output

    written = audit(out)
    assert written == [f"{out}/reports/audit.html", f"{out}/reports/findings.csv"]
    report = bucket.get_object(Bucket="charters", Key="piagam/reports/audit.html")["Body"].read().decode()
    assert "The rows of BAHAGIAN TEKNOLOGI MAKLUMAT add up to 51 cases" in report
    assert report.count('"evidence/') == 31  # every PDF finding shows a picture beside the report, cut from
    pictures = bucket.list_objects_v2(Bucket="charters", Prefix="piagam/reports/evidence/")  # the archived copy in S3
    assert pictures["KeyCount"] >= 1
    table = bucket.get_object(Bucket="charters", Key="piagam/reports/findings.csv")["Body"].read().decode()
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == 2 * 31
    [pdf_error] = [r for r in rows if r["rule"] == "section_total" and r["page"]]
    assert pdf_error["source_link"].endswith(f"/001_counts.pdf#page={pdf_error['page']}")
    assert pdf_error["archive_path"].startswith("s3://")
