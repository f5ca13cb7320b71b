"""Make the sample documents in samples/ from samples/layouts.py: each report as an HTML page,
as a ruled PDF and, for some, as an unruled (whitespace-aligned) PDF, plus the rows a reader
must get from it in samples/expected/<name>.json.

    python samples/make_samples.py

The files it writes are committed; run it again after changing a layout.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from layouts import Report, TableSpec, all_reports  # noqa: E402

def write_html(report: Report, path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html lang="ms"><head><meta charset="utf-8">',
           f"<title>{html.escape(' '.join(report.title))}</title>",
           "<style>table{border-collapse:collapse}td,th{border:1px solid #444;padding:3px;vertical-align:top}"
           "</style></head><body>"]
    out += [f"<h2>{html.escape(line)}</h2>" for line in report.title]
    out += [_block(para) for para in report.intro]
    for table in getattr(report, "html_tables", report.tables):
        out.append('<table border="1"><thead>')
        out += ["<tr>" + "".join(_td(c, "th") for c in row) + "</tr>" for row in table.header]
        out.append("</thead><tbody>")
        out += ["<tr>" + "".join(_td(c, "td") for c in row) + "</tr>" for row in table.body]
        out.append("</tbody></table><p>&nbsp;</p>")
    out += [_block(para) for para in report.outro]
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _block(para: str) -> str:
    """A paragraph, or a list as it is (a list is not inside a <p>)."""
    return para if para.startswith(("<ul", "<ol")) else f"<p>{para}</p>"


def _td(cell, tag: str) -> str:
    attrs = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
            (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    return f"<{tag}{attrs}>{cell.text}</{tag}>"


STYLE = ParagraphStyle("cell", fontName="Helvetica", fontSize=7.5, leading=9)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=11, leading=14)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11)


def _para(text: str, style: ParagraphStyle = STYLE) -> Paragraph:
    """Cell markup as reportlab draws it: links as text, list items as lines."""
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", text)
    text = re.sub(r"<ol[^>]*>(.*?)</ol>", lambda m: "".join(
        f"<br/>{n}. {item}" for n, item in enumerate(re.findall(r"<li>(.*?)</li>", m.group(1), re.S), start=1)),
        text, flags=re.S)
    text = re.sub(r"</?(ul|ol)[^>]*>", "", text)
    # a list outside tables gets a bullet both PDF readers read as "•" (Helvetica's is unmapped)
    bullet = '<font name="Symbol">•</font>' if style is BODY else "•"
    text = re.sub(r"<li>", f"<br/>{bullet} ", text).replace("</li>", "")
    text = re.sub(r"^(<br/>)+", "", text.strip())
    return Paragraph(text.replace("&nbsp;", " "), style)


def _table(table: TableSpec, usable: float, ruled: bool) -> Table:
    width = len(table.widths)
    data, spans, covered = [], [], set()
    for r, row in enumerate(table.header + table.body):
        line: list = [""] * width
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            line[c] = _para(cell.text)
            if cell.colspan > 1 or cell.rowspan > 1:
                spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
                covered |= {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
            c += cell.colspan
        data.append(line)
    total = sum(table.widths)
    t = Table(data, colWidths=[usable * w / total for w in table.widths], repeatRows=len(table.header),
              splitInRow=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)] + spans
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    t.setStyle(TableStyle(style))
    return t


def write_pdf(report: Report, path: Path, ruled: bool, copies: int = 1) -> None:
    """The report as a PDF; `copies` > 1 prints it that many times over, each from a new page
    (as a yearly file of monthly reports), for the bench corpus."""
    pagesize = landscape(A4) if report.landscape else A4
    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=30, rightMargin=30, topMargin=30,
                            bottomMargin=30, title=" ".join(report.title), invariant=1)
    story = []
    for copy in range(copies):
        story += ([PageBreak()] if copy else []) + [_para(line, TITLE) for line in report.title] + [Spacer(1, 6)]
        if copy:  # a part of a compiled file says so (and so is not taken for the previous table's next page)
            story.append(_para(f"Salinan {copy + 1} daripada {copies}, dicetak semula untuk arkib tahunan jabatan", BODY))
        story += [_para(p, BODY) for p in report.intro] + [Spacer(1, 8)]
        for table in report.tables:
            story += [_table(table, pagesize[0] - 60, ruled), Spacer(1, 10)]
        story += [_para(p, BODY) for p in report.outro]
    doc.build(story)


def write_scanned(pdf_path: Path, path: Path, dpi: int = 200) -> None:
    """An image-only copy of a PDF, as a scanner gives it: each page a grey picture, no text."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    pages = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    fixed = time.strptime("2022-02-01", "%Y-%m-%d")  # the same bytes every run: only a changed source changes the file
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, creationDate=fixed, modDate=fixed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    (args.out / "expected").mkdir(parents=True, exist_ok=True)

    for report in all_reports():
        write_html(report, args.out / f"{report.name}.html")
        for style in report.pdf_styles:
            suffix = ".pdf" if style == "ruled" else f".{style}.pdf"
            write_pdf(report, args.out / f"{report.name}{suffix}", ruled=style == "ruled")
        if report.scanned:
            write_scanned(args.out / f"{report.name}.pdf", args.out / f"{report.name}.scanned.pdf")
        expected = {"layout": report.layout, "rows": report.expected}
        (args.out / "expected" / f"{report.name}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{report.name}: html, {', '.join(report.pdf_styles)} pdf, {len(report.expected)} expected rows")


if __name__ == "__main__":
    main()
