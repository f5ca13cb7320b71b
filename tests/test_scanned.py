"""A scanned report (sample 001 printed and scanned: pages of pictures, no text layer) read by
OCR through the same table path as any PDF."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, read
from piagam.extractors import ocr

FIGURES = ["met", "met_pct", "missed", "missed_pct", "total", "is_total"]

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="Tesseract with msa+eng is not installed")


@needs_ocr
def test_the_scanned_sample_001_gives_the_figures_of_its_text_pdf():
    text = read(SAMPLES / "001_counts.pdf")
    scanned = read(SAMPLES / "001_counts.scanned.pdf")
    assert scanned.document["status"] == "ok"
    assert scanned.document["period_label"] == "JANUARI 2022"
    assert len(scanned.pledges) == len(text.pledges) == 94
    want = [[r[k] for k in FIGURES] for r in text.pledges]
    got = [[r[k] for k in FIGURES] for r in scanned.pledges]
    assert got == want  # every figure of the 94 rows, totals included
    # sections are headings as printed: a wrapped pledge's lone line never becomes one
    assert {r["section"] for r in scanned.pledges} <= {r["section"] for r in text.pledges}
    errors = [(f["rule"], f["section"], f["stated"], f["expected"]) for f in scanned.findings
              if f["severity"] == "error"]
    assert errors == [("section_total", "BAHAGIAN TEKNOLOGI MAKLUMAT", "52", "51")]
    assert sum(f["rule"] == "zero_total_pct" for f in scanned.findings) == 30


def test_without_ocr_a_scanned_pdf_is_empty_with_the_reason(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    result = read(SAMPLES / "001_counts.scanned.pdf")
    assert result.document["status"] == "empty"
    assert "scanned, OCR not installed" in result.document["error"]
