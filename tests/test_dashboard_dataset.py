"""The dataset as a dashboard builder gets it: a DuckDB database whose views read the Parquet as
it is and answer the README's example queries, and a data dictionary true to the schemas."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import ROOT, SAMPLES
from piagam.flows.cli import main
from piagam.schema import dictionary


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    out = tmp_path_factory.mktemp("dashboard")
    assert main(["extract", str(SAMPLES / "001_counts.html"), str(SAMPLES / "001_counts.pdf"), "--out", str(out),
                 "--source", "kelantan", "--agency", "SUK Kelantan"]) == 0
    return out / "piagam.duckdb"


def readme_queries() -> dict[str, str]:
    """The README's example queries, by the sentence that introduces each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {title.strip(): sql for title, sql in re.findall(r"\n([^\n]+):\n\n```sql\n(.*?)```", text, re.S)}


def test_the_readme_example_queries_run_on_the_database(database):
    queries = readme_queries()
    assert len(queries) == 3, queries.keys()
    con = duckdb.connect(str(database), read_only=True)
    by_title = {title.split(" (")[0]: con.execute(sql).fetchall() for title, sql in queries.items()}
    [(agency, period, cases, pct_met)] = by_title["Compliance by agency per month"]
    # each pledge counts once although the report was read from its HTML and its PDF
    single = con.execute("select sum(p.total) from pledges p join documents d using (doc_id) "
                         "where not p.is_total and d.format = 'html'").fetchone()[0]
    assert (agency, period, cases) == ("SUK Kelantan", "2022-01", single) and 0 < pct_met <= 100
    assert len(by_title["The 20 worst pledges"]) == 20
    assert {(rule, severity): n for rule, severity, n, _ in by_title["Findings by rule"]} == {
        ("section_total", "error"): 2, ("zero_total_pct", "warning"): 60}


def test_the_views_carry_the_contract_types_and_partitions(database):
    con = duckdb.connect(str(database), read_only=True)
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_name = 'pledges'").fetchall())
    assert types["met"] == "BIGINT" and types["period_start"] == "DATE" and types["cells"] == "VARCHAR[]"
    assert types["period"] == "VARCHAR" and types["source"] == "VARCHAR"
    docs = con.execute("select period, source, status, n_pledges from documents order by format").fetchall()
    assert docs == [("2022-01", "kelantan", "ok", 94), ("2022-01", "kelantan", "ok", 94)]


def test_a_dataset_without_findings_still_has_every_view(tmp_path):
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), "--out", str(tmp_path / "out")]) == 1  # its one document failed
    con = duckdb.connect(str(tmp_path / "out" / "piagam.duckdb"), read_only=True)
    assert con.execute("select status from documents").fetchall() == [("failed",)]
    assert con.execute("select count(*) from pledges").fetchone() == (0,)
    assert "rule" in [c[0] for c in con.execute("describe findings").fetchall()]


def test_the_data_dictionary_is_up_to_date():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary.markdown(), "run: python -m piagam.schema.dictionary > docs/data-dictionary.md"
    assert "| `cumulative` | int64 | BIGINT | year-to-date count |" in committed
