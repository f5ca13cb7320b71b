"""Sample 001 (a state secretariat's January 2022 report, counts layout: invented divisions,
pledges and figures in the shape of a real one) read from its HTML page and its ruled PDF: every
division, every row and its figures, and exactly the findings the printed figures deserve."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES, read

FIGURES = ["met", "met_pct", "missed", "missed_pct", "total"]


def expected_rows() -> list[dict]:
    """The rows of sample 001 as printed (the truth its tables are drawn from)."""
    rows = json.loads((SAMPLES / "expected" / "001_counts.json").read_text(encoding="utf-8"))["rows"]
    return [{k: r[k] for k in ["section", "item_no", "is_total"] + FIGURES} for r in rows]


@pytest.fixture(scope="module", params=["html", "pdf"])
def result(request):
    return read(SAMPLES / f"001_counts.{request.param}")


def test_every_division_and_row_with_its_figures(result):
    expected = expected_rows()
    got = [{k: r[k] for k in ["section", "item_no", "is_total"] + FIGURES} for r in result.pledges]
    assert len(expected) == 94
    assert got == expected
    assert result.document["status"] == "ok"
    assert result.document["n_pledges"] == 94
    assert len({r["section"] for r in result.pledges}) == 13
    # a division with cases that missed the standard: "38 95% 2 5% 40", its total "57 95% 3 5% 60"
    housing = [[r[k] for k in FIGURES] for r in result.pledges if r["section"] == "BAHAGIAN PERUMAHAN AWAM"]
    assert housing == [[38, 95.0, 2, 5.0, 40], [9, 90.0, 1, 10.0, 10], [10, 100.0, 0, 0.0, 10],
                       [57, 95.0, 3, 5.0, 60]]


def test_document_period_from_the_title(result):
    doc = result.document
    assert doc["period_label"] == "JANUARI 2022"
    assert (str(doc["period_start"]), str(doc["period_end"])) == ("2022-01-01", "2022-01-31")
    assert all(r["period_label"] == "JANUARI 2022" for r in result.pledges)


def test_pledge_text_and_standards(result):
    first = result.pledges[0]
    assert first["pledge"] == ("Mengedarkan kertas cadangan projek kepada ahli Jawatankuasa Pembangunan dalam "
                               "tempoh 14 hari bekerja.")
    assert (first["standard"], first["standard_value"], first["standard_unit"], first["standard_working_days"]) \
        == ("14 hari bekerja", 14.0, "day", True)
    by_text = {r["pledge"][:40]: r for r in result.pledges}
    half_hour = by_text["Resit rasmi dikeluarkan dalam masa seten"]
    assert (half_hour["standard_value"], half_hour["standard_unit"]) == (0.5, "hour")
    words = by_text["Mengedarkan kertas perbincangan kepada A"]
    assert (words["standard_value"], words["standard_unit"], words["standard_working_days"]) == (5.0, "day", True)


def test_the_it_division_total_does_not_add_up(result):
    totals = [f for f in result.findings if f["rule"] == "section_total"]
    assert len(totals) == 1
    finding = totals[0]
    assert finding["section"] == "BAHAGIAN TEKNOLOGI MAKLUMAT"
    assert (finding["stated"], finding["expected"], finding["severity"]) == ("52", "51", "error")
    assert "add up to 51" in finding["message"] and "says 52" in finding["message"]
    assert "PURATA KESELURUHAN" in finding["cells"]


def test_every_percentage_of_nothing_is_a_warning_and_nothing_else_is_found(result):
    zero_rows = [r for r in expected_rows() if r["total"] == 0]
    warned = [f for f in result.findings if f["rule"] == "zero_total_pct"]
    assert len(warned) == len(zero_rows) == 30
    assert all(f["severity"] == "warning" for f in warned)
    assert {f["rule"] for f in result.findings} == {"zero_total_pct", "section_total"}
    assert len(result.findings) == 31


def test_pdf_rows_carry_page_and_box():
    pdf = read(SAMPLES / "001_counts.pdf")
    assert pdf.document["pages"] > 1
    assert all(r["page"] >= 1 and len(r["bbox"]) == 4 for r in pdf.pledges)
    assert max(r["page"] for r in pdf.pledges) == pdf.document["pages"]


def test_html_and_pdf_give_the_same_rows():
    keys = ["section", "item_no", "pledge", "standard", "standard_value", "standard_unit",
            "standard_working_days", "is_total", "period_start", "period_end"] + FIGURES
    html, pdf = (read(SAMPLES / f"001_counts.{ext}") for ext in ("html", "pdf"))
    assert [{k: r[k] for k in keys} for r in html.pledges] == [{k: r[k] for k in keys} for r in pdf.pledges]
