"""The fast PDF reader (pypdfium2) against the reference (pdfplumber) on every sample PDF, and
a long report read page by page in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder, cells_to_tables, edges_to_intersections, intersections_to_cells

from piagam.extractors import ocr, pdf
from piagam.extractors.document import read_document
from piagam.extractors.pdfium_pages import INTERSECT, connected_tables, grid_cells, intersections, open_pages

from conftest import SAMPLES

SAMPLE_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if "scanned" not in p.name)  # text PDFs (OCR: below)


def _rows(path: Path, reader: str) -> list[dict]:
    result = read_document(path.read_bytes(), source_id="s", agency="a", url=path.as_uri(),
                           pdf_reader=reader)
    assert result.document["status"] == "ok", result.document["error"]
    return result.pledges


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_fast_reader_gives_the_rows_of_pdfplumber(path):
    fast, reference = _rows(path, "pdfium"), _rows(path, "pdfplumber")
    assert len(fast) == len(reference) > 0
    for a, b in zip(fast, reference):
        assert {k: v for k, v in a.items() if k != "bbox"} == {k: v for k, v in b.items() if k != "bbox"}
        # boxes come from each library's own glyph metrics: the same to within a point
        assert (a["bbox"] is None) == (b["bbox"] is None)
        if a["bbox"] is not None:
            assert max(abs(x - y) for x, y in zip(a["bbox"], b["bbox"])) < 1.5, (a["cells"], a["bbox"], b["bbox"])


def _turned(path: Path, rotate: int) -> bytes:
    """The PDF as a landscape table stored on a turned page: its content drawn turned the
    other way and the page told to /Rotate, so that a viewer shows it as before."""
    import io

    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=path)
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        move = {90: (h, 0), 180: (w, h), 270: (0, w)}[rotate]
        page.add_transformation(Transformation().rotate(rotate).translate(*move))
        if rotate != 180:
            page.mediabox.upper_right = (h, w)
        page.rotation = rotate
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["001_counts.pdf", "005_counts_bilingual.unruled.pdf"])
@pytest.mark.parametrize("rotate", [90, 270])
def test_a_turned_page_reads_like_the_upright_one(name, rotate, tmp_path):
    upright = SAMPLES / name
    turned = tmp_path / name
    turned.write_bytes(_turned(upright, rotate))
    # the fast reader only: pdfplumber's turned coordinates split some words and cells
    rows = [{k: v for k, v in r.items() if k not in ("bbox", "doc_id")} for r in _rows(turned, "pdfium")]
    assert len(rows) > 20
    assert rows == [{k: v for k, v in r.items() if k not in ("bbox", "doc_id")} for r in _rows(upright, "pdfium")]


@pytest.mark.parametrize("path", [p for p in SAMPLE_PDFS if "unruled" not in p.name], ids=lambda p: p.name)
def test_ruling_lines_and_cells_are_pdfplumbers(path):
    """The rules pdfium finds are pdfplumber's edges, and the grid-indexed cell search finds
    pdfplumber's cells from them; the intersections and the tables grouped from the cells are pdfplumber's too."""
    doc, _, pages = open_pages(path.read_bytes())
    with pdfplumber.open(path) as reference:
        for page, ref in zip(pages, reference.pages):
            ours = page.edges()
            finder = TableFinder(ref)
            key = lambda e: (e["orientation"], round(e["x0"], 1), round(e["top"], 1), round(e["x1"], 1),  # noqa: E731
                             round(e["bottom"], 1))
            assert sorted(map(key, ours)) == sorted(map(key, finder.edges))
            theirs = edges_to_intersections(ours, INTERSECT, INTERSECT)
            points = intersections(ours)
            assert points == {pt: ({id(e) for e in v["v"]}, {id(e) for e in v["h"]}) for pt, v in theirs.items()}
            cells = grid_cells(points)
            assert sorted(cells) == sorted(intersections_to_cells(theirs))
            assert len(finder.cells) == len(cells) > 0
            assert [sorted(t) for t in connected_tables(cells)] == [sorted(t) for t in cells_to_tables(cells)]
            page.close()
    doc.close()


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_both_readers_find_the_scanned_pages(monkeypatch, reader):
    """A page with no text layer but a picture is scanned for both readers (OCR off here:
    tests/test_scanned.py reads it); a text PDF has none."""
    monkeypatch.setattr(ocr, "available", lambda: False)
    scanned = pdf.extract((SAMPLES / "001_counts.scanned.pdf").read_bytes(), reader)
    assert scanned.pages > 1 and scanned.scanned_pages == scanned.pages and scanned.grids == []
    assert pdf.extract((SAMPLES / "001_counts.pdf").read_bytes(), reader).scanned_pages == 0


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_damaged_pdf_is_one_sentence(reader):
    data = (SAMPLES / "001_counts.pdf").read_bytes()
    cuts = {"The PDF is truncated (its end is missing), so it cannot be parsed.": data[: len(data) // 3],
            "The PDF is damaged or truncated and cannot be parsed.": data[: len(data) // 3] + data[-200:]}
    for sentence, cut in cuts.items():
        result = read_document(cut, source_id="s", agency="a", url="file:///cut.pdf", pdf_reader=reader)
        assert (result.document["status"], result.document["error"]) == ("failed", sentence)


def write_long_report(path: Path, pages: int) -> int:
    """A ruled counts table running over `pages` pages (drawn directly: seconds, not minutes).
    The number of pledge rows it holds."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    xs = [40, 70, 330, 400, 470, 550]
    header = ["Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"]
    n = 0
    for p in range(pages):
        top = 800
        if p == 0:
            c.setFont("Helvetica-Bold", 11)
            c.drawString(40, 815, "LAPORAN PENCAPAIAN PIAGAM PELANGGAN BAGI TEMPOH JANUARI 2024")
        c.setFont("Helvetica", 8)
        rows = [header] + [[f"{n + k + 1}.", f"Perkhidmatan kaunter nombor {n + k + 1}", str(40 + k), str(38 + k), "2"]
                           for k in range(36)]
        n += 36
        ys = [top - 20 * r for r in range(len(rows) + 1)]
        for r, cells in enumerate(rows):
            for x, text in zip(xs, cells):
                c.drawString(x + 3, ys[r] - 13, text)
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        c.showPage()
    c.save()
    return n


def test_a_500_page_report_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "long.pdf"
    n_rows = write_long_report(path, 500)
    # the peak is VmHWM, this process's own: ru_maxrss would carry the parent's over the exec
    code = ("import json, re, sys; from pathlib import Path; "
            "from piagam.extractors.document import read_document; "
            "r = read_document(Path(sys.argv[1]).read_bytes(), source_id='s', agency='a', url='u'); "
            "print(json.dumps({'pages': r.document['pages'], 'rows': len(r.pledges), 'status': r.document['status'], "
            "'peak_kb': int(re.search(r'VmHWM:\\s*(\\d+)', Path('/proc/self/status').read_text()).group(1))}))")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["status"] == "ok" and out["pages"] == 500 and out["rows"] == n_rows
    assert out["peak_kb"] / 1024 < 500
