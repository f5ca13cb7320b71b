"""Every sample layout, from HTML, ruled PDF and unruled PDF, extracts to exactly its expected
rows (samples/expected/*.json, the truth the sample tables are drawn from), and each format of
one report gives the same rows."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import SAMPLES, read

sys.path.insert(0, str(SAMPLES))
from evaluate import compare, sample_files  # noqa: E402

FILES = [(p, e) for p, e in sample_files() if ".scanned." not in p.name]  # OCR: tests/test_scanned.py


@pytest.mark.parametrize("path,expected", FILES, ids=[p.name for p, _ in FILES])
def test_sample_extracts_to_its_expected_rows(path, expected):
    rows = json.loads(expected.read_text(encoding="utf-8"))["rows"]
    result = read(path)
    right, checked, rows_right, diffs = compare(result.pledges, rows)
    assert diffs == [], "\n".join(diffs[:20])
    assert len(result.pledges) == len(rows) == rows_right
    assert result.document["status"] == "ok"


def test_every_layout_is_sampled_in_every_format():
    layouts = {json.loads(e.read_text())["layout"] for _, e in FILES}
    assert layouts >= {"charter", "counts", "percentages", "narrative", "programmes", "monthly matrix",
                       "quarterly matrix", "time buckets"}
    for name in {e.stem for _, e in FILES}:
        assert {p.suffix for p, e in FILES if e.stem == name} == {".html", ".pdf"}


KEYS = ["section", "item_no", "pledge", "standard", "standard_value", "standard_unit", "met", "met_pct",
        "missed", "missed_pct", "total", "target_pct", "achievement_pct", "cumulative", "count_unit",
        "responsible", "is_total", "period_label", "period_start", "period_end"]


@pytest.mark.parametrize("name", sorted({e.stem for _, e in FILES}))
def test_html_and_pdf_of_one_report_give_the_same_rows(name):
    results = [read(p) for p, e in FILES if e.stem == name]
    first = [{k: r[k] for k in KEYS} for r in results[0].pledges]
    for other in results[1:]:
        assert [{k: r[k] for k in KEYS} for r in other.pledges] == first
        assert sorted((f["rule"], str(f["item_no"]), f["stated"]) for f in other.findings) == \
            sorted((f["rule"], str(f["item_no"]), f["stated"]) for f in results[0].findings)


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".unruled.pdf"])
def test_bilingual_counts_findings_are_the_published_errors_and_no_others(suffix):
    result = read(SAMPLES / f"005_counts_bilingual{suffix}")
    errors = sorted(((f["rule"], f["section"][:1], f["item_no"], f["stated"], f["expected"])
                     for f in result.findings if f["severity"] == "error"), key=str)
    assert errors == sorted([
        ("counts_sum", "B", "3", "249", "248"),  # 237 + 11 printed with a total of 249
        ("met_pct", "B", "3", "95.56%", "95.18%"),  # ...and percentages of 248, not of the 249 printed
        ("missed_pct", "B", "3", "4.43%", "4.42%"),
        ("counts_sum", "C", None, "26521", "26520"),  # the grand total carries the same slip
        ("met_pct", "A", "2", "100%", "99.07%"),  # 106 of 107 printed as 100%
        ("pct_sum", "A", "2", "100.93%", "100%"),
    ], key=str)
    total = next(r for r in result.pledges if r["is_total"])
    assert (total["pledge"], total["total"], total["met"], total["missed"]) == ("JUMLAH / TOTAL", 26521, 26331, 189)


def test_figures_in_every_printed_style():
    rows = {(r["section"][:1], r["item_no"]): r for r in read(SAMPLES / "005_counts_bilingual.unruled.pdf").pledges
            if not r["is_total"]}
    first = rows[("A", "1")]  # "1,270" "1,250" "98.42%" (98.425 truncated) "20" "1.57%"
    assert (first["total"], first["met"], first["met_pct"], first["missed"], first["missed_pct"]) == \
        (1270, 1250, 98.42, 20, 1.57)
    assert rows[("A", "4")]["missed"] == 0  # "NIL"
    assert rows[("A", "5")]["missed"] == 0  # "-"
    assert rows[("A", "14")]["met_pct"] is None  # "TB": not published, never 0
    assert rows[("A", "8")]["standard_value"] == 0.0  # serta-merta


def test_narrative_counts_cumulative_and_sub_items():
    rows = {r["item_no"]: r for r in read(SAMPLES / "003_narrative.pdf").pledges if r["item_no"]}
    # "100% 22 Penyelenggaraan": 22 met, 100% of the month's cases
    assert (rows["3a"]["met_pct"], rows["3a"]["met"], rows["3a"]["total"], rows["3a"]["count_unit"],
            rows["3a"]["cumulative"]) == (100.0, 22, 22, "Penyelenggaraan", 241)
    # "0% 0 Cadangan" beside "tiada (0) cadangan ... diterima": none received
    assert (rows["1"]["met"], rows["1"]["total"]) == (0, 0)
    assert rows["11"]["total"] == 92 and rows["11"]["cumulative"] == 804
    # "1 Januari 2023 hingga 30 November 2023, sebanyak enam puluh tiga (63) keputusan": to date, not November's
    assert (rows["20"]["total"], rows["20"]["cumulative"]) == (None, 63)
    assert rows["19a"]["responsible"] == "BTM"
    assert "Sebanyak 22 aduan" in rows["3a"]["remarks"]


def test_monthly_matrix_gives_a_row_per_month_and_flags_below_target():
    result = read(SAMPLES / "006_monthly_matrix.pdf")
    first = [r for r in result.pledges if r["item_no"] == "1"]
    # the months not yet reported (blank: OKT/OCT, NOV, DIS/DEC) give no row
    assert [r["period_label"] for r in first] == [f"{m} 2024" for m in ("JAN", "FEB", "MAC/MAR", "APR", "MEI", "JUN",
                                                                        "JUL", "OGOS/AUG", "SEP")]
    below = [f for f in result.findings if f["rule"] == "below_target"]
    assert below and all(f["severity"] == "info" for f in below)
    assert not [f for f in result.findings if f["severity"] == "error"]


def test_an_overall_percentage_sentence_is_checked_against_the_rows(tmp_path):
    """'... KESELURUHAN IALAH - 98%' is the mean of the top-level rows' percentages (sub-items
    2a, 2b are inside item 2); printed as 90% it is a finding on the total row."""
    page = (SAMPLES / "009_numerator_denominator.html").read_text(encoding="utf-8")
    assert not [f for f in read(SAMPLES / "009_numerator_denominator.html").findings if f["severity"] == "error"]
    wrong = tmp_path / "wrong.html"
    wrong.write_text(page.replace("IALAH - 98%", "IALAH - 90%"), encoding="utf-8")
    [finding] = [f for f in read(wrong).findings if f["severity"] == "error"]
    assert (finding["rule"], finding["stated"]) == ("section_total", "90%")
    assert "KESELURUHAN" in finding["cells"][0]


def test_a_file_of_two_monthly_reports_starts_the_second_without_the_firsts_last_section(tmp_path):
    """Two copies of a report in one page (a file of monthly reports): the second copy's first
    pledges, above any heading of their own, are read as in the first copy, not under the last
    section of the copy before."""
    sample = SAMPLES / "011_monthly_groups.html"
    head, rest = sample.read_text(encoding="utf-8").split("<body>", 1)
    body, tail = rest.rsplit("</body>", 1)
    twice = tmp_path / "two_months.html"
    twice.write_text(f"{head}<body>{body}{body}</body>{tail}", encoding="utf-8")
    once = [r["section"] for r in read(sample).pledges]
    assert once[0] is None and once[-1] is not None  # the copy ends under a section heading
    assert [r["section"] for r in read(twice).pledges] == once * 2
