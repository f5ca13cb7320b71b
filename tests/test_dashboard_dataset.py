"""The dataset as a dashboard builder gets it: a DuckDB database whose views read the Parquet as
it is, COMMENTed, and answer the README's example queries with the numbers of the rows, also in a
copied and moved folder; a data package and a data dictionary true to the schemas."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SAMPLES
from piagam.flows.cli import main
from piagam.schema import dictionary
from piagam.schema.catalog import connect
from piagam.schema.dataset import read_table
from piagam.schema.tables import DESCRIPTIONS, TABLES, doc


REPORTS = ("001_counts.html", "001_counts.pdf", "006_monthly_matrix.html", "006_monthly_matrix.pdf",
           "002_percentages.html")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("dashboard") / "out"
    assert main(["extract", *(str(SAMPLES / name) for name in REPORTS), "--out", str(out),
                 "--source", "suk-contoh", "--agency", "SUK Contoh"]) == 0
    return out


def readme_queries() -> dict[str, str]:
    """The README's example queries, by the first words of the sentence that introduces each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {re.split(r" \(|:", title)[0].strip(): sql
            for title, sql in re.findall(r"\n\n([^`]+?):\n\n```sql\n(.*?)```", text, re.S)}


def run_readme_queries(folder: Path) -> dict[str, list]:
    """The README's queries on the database of `folder`, opened as the README says: from the folder."""
    queries = readme_queries()
    assert set(queries) == {"Compliance by agency per month", "The 20 worst pledges", "Findings by rule"}
    here = os.getcwd()
    os.chdir(folder)
    try:
        con = duckdb.connect("piagam.duckdb", read_only=True)
        return {title: con.execute(sql).fetchall() for title, sql in queries.items()}
    finally:
        os.chdir(here)


def test_the_readme_queries_give_the_numbers_of_the_rows(output):
    answers = run_readme_queries(output)
    # the expected numbers, from the rows of one copy of each report (the HTML), by the row's month
    pledges = read_table(output, "pledges")
    documents = read_table(output, "documents")
    html = pledges[pledges["doc_id"].isin(documents.loc[documents["format"] == "html", "doc_id"])]
    html = html[~html["is_total"]]
    month = html["period_start"].map(lambda d: f"{d.year:04d}-{d.month:02d}")
    expected = {period: (len(rows), rows["total"].sum(min_count=1), rows["achievement_pct"].mean())
                for period, rows in html.groupby(month)}
    got = {period: (n, cases, pct) for _, period, n, cases, _, pct in answers["Compliance by agency per month"]}
    # sample 006's months with figures (its blank months give no row), each under its own month
    assert set(got) == set(expected) and {f"2024-{m:02d}" for m in range(1, 10)} <= set(got)
    for period, (n, cases, pct) in expected.items():
        assert got[period][0] == n, period
        assert (got[period][1] is None and pd.isna(cases)) or got[period][1] == cases, period
        assert (got[period][2] is None and pd.isna(pct)) or abs(got[period][2] - pct) <= 0.05 + 1e-9, period
    [(agency, _, _, cases, pct_met, _)] = [a for a in answers["Compliance by agency per month"] if a[1] == "2022-01"]
    assert agency == "SUK Contoh" and cases == html.loc[month == "2022-01", "total"].sum() and 0 < pct_met <= 100
    assert len(answers["The 20 worst pledges"]) == 20
    findings = read_table(output, "findings")
    assert {(rule, severity): (n, docs) for rule, severity, n, docs in answers["Findings by rule"]} == {
        (rule, severity): (len(rows), rows["doc_id"].nunique())
        for (rule, severity), rows in findings.groupby(["rule", "severity"])}
    assert ("section_total", "error", 2, 2) in answers["Findings by rule"]


def test_a_copied_folder_answers_the_readme_queries_with_the_same_numbers(output, tmp_path):
    before = run_readme_queries(output)
    rows = len(read_table(output, "pledges"))
    copy = tmp_path / "elsewhere" / "copy"
    shutil.copytree(output, copy)
    moved = tmp_path / "moved"
    shutil.move(str(copy), moved)  # and moved again
    away = tmp_path / "away"
    output.rename(away)  # the original gone meanwhile: nothing in the copy may point back at it
    try:
        assert run_readme_queries(moved) == before
        # from any folder, with DuckDB's file_search_path set to the copy
        con = connect(moved)
        assert con.execute("select count(*) from pledges").fetchone()[0] == rows
        # the archived bytes are found in the copy too, by paths relative to it
        for location in read_table(moved, "documents")["archive_path"]:
            assert not Path(location).is_absolute() and (moved / location.split("#")[0]).is_file()
    finally:
        away.rename(output)


def test_the_views_carry_the_contract_types_partitions_and_comments(output):
    con = connect(output)
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_name = 'pledges'").fetchall())
    assert types["met"] == "BIGINT" and types["period_start"] == "DATE" and types["cells"] == "VARCHAR[]"
    assert types["period"] == "VARCHAR"
    docs = con.execute("select period, status, n_pledges from documents where format = 'html' "
                       "and url like '%001_counts%'").fetchall()
    assert docs == [("2022-01", "ok", 94)]
    comments = dict(con.execute("select column_name, comment from duckdb_columns() "
                                "where table_name = 'pledges'").fetchall())
    assert comments["cumulative"] == "year-to-date count" and comments["period"].startswith("partition:")
    assert all(comments[f.name] == doc(f) for f in TABLES["pledges"])
    [(view_comment,)] = con.execute("select comment from duckdb_views() where view_name = 'findings'").fetchall()
    assert view_comment == DESCRIPTIONS["findings"]


def test_the_data_package_describes_the_three_tables(output):
    package = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLES)
    for name, resource in resources.items():
        assert [f["name"] for f in resource["schema"]["fields"]] == TABLES[name].names
        assert resource["path"] and all((output / path).is_file() for path in resource["path"])
        assert sum(pq.read_metadata(output / path).num_rows for path in resource["path"]) == len(
            read_table(output, name))
    fields = {f["name"]: f for f in resources["pledges"]["schema"]["fields"]}
    assert fields["met"]["type"] == "integer" and fields["period_start"]["type"] == "date"
    assert fields["cells"]["type"] == "array" and fields["met_pct"]["description"].startswith("% menepati")


def test_a_dataset_without_findings_still_has_every_view(tmp_path):
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), "--out", str(tmp_path / "out")]) == 1  # its one document failed
    con = connect(tmp_path / "out")
    assert con.execute("select status from documents").fetchall() == [("failed",)]
    assert con.execute("select count(*) from pledges").fetchone() == (0,)
    assert "rule" in [c[0] for c in con.execute("describe findings").fetchall()]


def test_the_data_dictionary_is_up_to_date():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary.markdown(), "run: python -m piagam.schema.dictionary > docs/data-dictionary.md"
    assert "| `cumulative` | int64 | BIGINT | year-to-date count |" in committed
