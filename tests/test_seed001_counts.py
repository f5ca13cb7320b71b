"""Seed 001 (Kelantan State Secretary, January 2022, counts layout) read from its HTML page and
its ruled PDF: every division, every row and its figures, and exactly the findings the
published figures deserve."""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLES, read, seed_text

FIGURES = ["met", "met_pct", "missed", "missed_pct", "total"]


def expected_rows() -> list[dict]:
    """The rows of seed 001 as printed, read straight from the seed's tab-separated text."""
    rows, section = [], None
    for line in seed_text("001").splitlines():
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in line.split("\t")]
        if "\t" not in line or cells[0] == "JANJI" or "Jumlah Menepati Standard" in cells:
            continue
        values = [c for c in cells if c]
        if len(values) == 1:
            section = values[0]
            continue
        is_total = "PURATA KESELURUHAN" in values
        numbers = values[-5:]
        rows.append({
            "section": section,
            "item_no": None if is_total else cells[0].rstrip("."),
            "is_total": is_total,
            "met": int(numbers[0]), "met_pct": float(numbers[1].rstrip("%")),
            "missed": int(numbers[2]), "missed_pct": float(numbers[3].rstrip("%")),
            "total": int(numbers[4]),
        })
    return rows


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


def test_document_period_from_the_title(result):
    doc = result.document
    assert doc["period_label"] == "JANUARI 2022"
    assert (str(doc["period_start"]), str(doc["period_end"])) == ("2022-01-01", "2022-01-31")
    assert all(r["period_label"] == "JANUARI 2022" for r in result.pledges)


def test_pledge_text_and_standards(result):
    first = result.pledges[0]
    assert first["pledge"] == "Menyediakan Kertas-Kertas Mesyuarat Jawatankuasa/Exco dalam tempoh 14 hari bekerja."
    assert (first["standard"], first["standard_value"], first["standard_unit"], first["standard_working_days"]) \
        == ("14 hari bekerja", 14.0, "day", True)
    by_text = {r["pledge"][:40]: r for r in result.pledges}
    half_hour = by_text["Pengeluaran resit-resit bayaran disempur"]
    assert (half_hour["standard_value"], half_hour["standard_unit"]) == (0.5, "hour")
    words = by_text["Memproses Kertas Kerja EXCO yang diterim"]
    assert (words["standard_value"], words["standard_unit"], words["standard_working_days"]) == (5.0, "day", True)


def test_the_it_division_total_does_not_add_up(result):
    totals = [f for f in result.findings if f["rule"] == "section_total"]
    assert len(totals) == 1
    finding = totals[0]
    assert finding["section"] == "BAHAGIAN PENGURUSAN TEKNOLOGI MAKLUMAT"
    assert (finding["stated"], finding["expected"], finding["severity"]) == ("39", "38", "error")
    assert "add up to 38" in finding["message"] and "says 39" in finding["message"]
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
