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


def test_ocr_renders_the_pages_on_one_thread_while_tesseract_reads_beside_it(monkeypatch):
    """PDFium is not thread-safe: two threads rendering pages of one document crashed the reader
    now and then (SIGTRAP). Every page is rendered on the calling thread; the reading runs beside."""
    import threading

    import pypdfium2 as pdfium

    rendered, read_on = [], []
    render = pdfium.PdfPage.render
    monkeypatch.setattr(pdfium.PdfPage, "render",
                        lambda self, *a, **k: rendered.append(threading.get_ident()) or render(self, *a, **k))
    monkeypatch.setattr(ocr, "image_words", lambda image, scale: read_on.append(threading.get_ident()) or [])
    doc = pdfium.PdfDocument((SAMPLES / "001_counts.scanned.pdf").read_bytes())
    try:
        pages = ocr.scanned_pages(doc)
        words = ocr.read_pages(doc, pages)
    finally:
        doc.close()
    assert len(pages) >= 2 and sorted(words) == pages
    assert set(rendered) == {threading.get_ident()} and len(rendered) == len(pages)
    assert threading.get_ident() not in read_on
