"""The Parquet dataset as a dashboard builder and DuckDB see it: typed as the contract says,
one file per table and partition, each row filed under its own period, one copy of each document
however often it is written, readable after an interrupted write."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from conftest import SAMPLES
from piagam.flows.pipeline import process
from piagam.schema.dataset import read_table, write_document
from piagam.schema.tables import TABLES


def _extract(out, *names):
    return [process((SAMPLES / n).read_bytes(), out, source_id="suk-contoh", agency="SUK Contoh",
                    url=(SAMPLES / n).as_uri()) for n in names]


def test_duckdb_reads_the_three_tables_with_the_contract_types(tmp_path):
    _extract(tmp_path, "001_counts.html", "001_counts.pdf")
    con = duckdb.connect()
    count = con.execute(f"select count(*) from '{tmp_path}/pledges/**/*.parquet'").fetchone()[0]
    assert count == 2 * 94
    for table, schema in TABLES.items():
        files = sorted((tmp_path / table).rglob("*.parquet"))
        assert [f.relative_to(tmp_path / table).as_posix() for f in files] == ["period=2022-01/part-0.parquet"]
        assert pq.read_schema(files[0]).remove_metadata().equals(schema.remove_metadata())
    types = dict(con.execute(f"describe select * from '{tmp_path}/pledges/**/*.parquet'").fetchall()[i][:2]
                 for i in range(len(TABLES["pledges"]) + 1))
    assert types["met"] == "BIGINT" and types["met_pct"] == "DOUBLE" and types["period_start"] == "DATE"
    assert types["is_total"] == "BOOLEAN" and types["cells"] == "VARCHAR[]"
    it = con.execute(f"""select met, total from '{tmp_path}/pledges/**/*.parquet'
                         where section = 'BAHAGIAN TEKNOLOGI MAKLUMAT' and is_total""").fetchall()
    assert it == [(52, 52), (52, 52)]


def test_pandas_reads_the_hive_partitioned_folder(tmp_path):
    _extract(tmp_path, "001_counts.html")
    frame = pd.read_parquet(tmp_path / "pledges")
    assert len(frame) == 94
    assert set(frame["period"].astype(str)) == {"2022-01"}
    docs = pd.read_parquet(tmp_path / "documents")
    assert docs.loc[0, "status"] == "ok" and docs.loc[0, "n_pledges"] == 94 and docs.loc[0, "n_findings"] == 31
    assert str(docs["fetched_at"].dtype).startswith("datetime64") and docs["fetched_at"].dt.tz is not None


def test_writing_a_document_again_replaces_its_rows(tmp_path):
    _extract(tmp_path, "001_counts.html")
    _extract(tmp_path, "001_counts.html")
    assert len(read_table(tmp_path, "pledges")) == 94
    assert len(read_table(tmp_path, "findings")) == 31
    assert len(read_table(tmp_path, "documents")) == 1


def test_an_interrupted_write_leaves_the_dataset_readable(tmp_path, monkeypatch):
    _extract(tmp_path, "001_counts.html")
    [result] = _extract(tmp_path / "scratch", "001_counts.pdf")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("piagam.schema.dataset.os.replace", crash)
    try:
        write_document(tmp_path, result.document, result.pledges, result.findings)
    except KeyboardInterrupt:
        pass
    count = duckdb.execute(f"select count(*) from '{tmp_path}/pledges/**/*.parquet'").fetchone()[0]
    assert count == 94  # the half-written document is invisible, the earlier one intact
    assert len(read_table(tmp_path, "documents")) == 1


def test_a_matrix_files_each_row_under_its_own_month(tmp_path):
    [result] = _extract(tmp_path, "006_monthly_matrix.html")
    frame = pd.read_parquet(tmp_path / "pledges")
    months = sorted(set(frame["period"].astype(str)))
    assert months == [f"2024-{m:02d}" for m in range(1, 10)]  # not the document's month only (Oct-Dec are blank)
    assert all(str(p)[:7] == m for p, m in zip(frame["period_start"], frame["period"].astype(str)))
    assert len(frame) == len(result.pledges)
    docs = pd.read_parquet(tmp_path / "documents")
    assert list(docs["period"].astype(str)) == ["2024-01"]  # a document: the month its period starts


def test_archive_paths_are_relative_to_the_output_folder(tmp_path):
    _extract(tmp_path, "001_counts.pdf")
    [location] = read_table(tmp_path, "documents")["archive_path"]
    path, offset = location.split("#")
    assert path.startswith("warc/") and (tmp_path / path).is_file() and int(offset) >= 0
