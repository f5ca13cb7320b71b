"""Make the sample documents in samples/ from the seeds' text: each layout as an HTML page and
as a PDF (reportlab), so that the same report can be read in both formats.

    python samples/make_samples.py [--seeds ../shared/seeds]

The files it writes are committed; run it again after changing a layout here.
"""

from __future__ import annotations

import argparse
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parent.parent / "shared" / "seeds"


@dataclass
class Cell:
    text: str  # may hold <b>...</b>
    colspan: int = 1
    rowspan: int = 1


@dataclass
class TableSpec:
    header: list[list[Cell]]
    body: list[list[Cell]]
    widths: list[float]  # relative column widths


@dataclass
class Report:
    name: str
    title: list[str]  # title lines printed above the first table
    intro: list[str] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    landscape: bool = True
    repeat_header: bool = True


# ------------------------------------------------------------------ seed 001: counts layout

COUNTS_HEADER = [
    [Cell("JANJI", colspan=2, rowspan=2), Cell("Menepati Tempoh Masa / Standard Piagam Pelanggan", colspan=2),
     Cell("Tidak Menepati Tempoh Masa/Standard Piagam Pelanggan", colspan=2),
     Cell("Jumlah Perkhidmatan", rowspan=2)],
    [Cell("Jumlah Menepati Standard"), Cell("% Menepati Standard"),
     Cell("Jumlah Tidak Menepati Standard"), Cell("% Tidak Menepati Standard")],
]


def seed_counts(text: str) -> Report:
    """Seed 001: one table per division, a heading row, numbered rows, a PURATA KESELURUHAN row."""
    lines = text.splitlines()
    title = [re.sub(r"\*", "", l).strip() for l in lines if l.startswith("**")]
    title = [t for part in title for t in part.split("  ") if t.strip()]
    intro = [l.strip() for l in lines if l.strip() and not l.startswith(("**", "JANJI", "\t", "<b>"))
             and "\t" not in l]
    tables: list[TableSpec] = []
    body: list[list[Cell]] | None = None
    for line in lines:
        if line.startswith("JANJI"):
            body = []
            tables.append(TableSpec(COUNTS_HEADER, body, [0.5, 6, 1.3, 1.3, 1.3, 1.3, 1.3]))
            continue
        if body is None or "\t" not in line:
            continue
        cells = line.split("\t")
        if not any(c.strip() for c in cells) or cells[2:3] == ["Jumlah Menepati Standard"]:
            continue
        if all(not c.strip() for c in cells[1:]):
            body.append([Cell(cells[0], colspan=7)])
        elif "PURATA" in line:
            label = cells[0] or cells[1]
            figures = [c for c in cells[1:] if c.strip() and "PURATA" not in c]
            body.append([Cell(label, colspan=2)] + [Cell(f) for f in figures])
        else:
            body.append([Cell(c) for c in cells[:7]])
    return Report("001_counts", title, intro, tables)


# ------------------------------------------------------------------ writers

def write_html(report: Report, path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html lang="ms"><head><meta charset="utf-8">',
           f"<title>{html.escape(' '.join(report.title))}</title>",
           "<style>table{border-collapse:collapse}td,th{border:1px solid #444;padding:3px}</style>",
           "</head><body>"]
    for line in report.title:
        out.append(f"<h2>{html.escape(line)}</h2>")
    for para in report.intro:
        out.append(f"<p>{_inline(para)}</p>")
    for table in report.tables:
        out.append('<table border="1">')
        out.append("<thead>")
        for row in table.header:
            out.append("<tr>" + "".join(_td(c, "th") for c in row) + "</tr>")
        out.append("</thead><tbody>")
        for row in table.body:
            out.append("<tr>" + "".join(_td(c, "td") for c in row) + "</tr>")
        out.append("</tbody></table><p>&nbsp;</p>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _inline(text: str) -> str:
    """Seed text keeps <b>, <a> and entities; anything else is escaped."""
    return text


def _td(cell: Cell, tag: str) -> str:
    attrs = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
            (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    return f"<{tag}{attrs}>{_inline(cell.text)}</{tag}>"


STYLE = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=9.5)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=12, leading=15)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11)


def _para(text: str, style: ParagraphStyle = STYLE) -> Paragraph:
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", text)
    return Paragraph(text.replace("&nbsp;", " "), style)


def write_pdf(report: Report, path: Path) -> None:
    pagesize = landscape(A4) if report.landscape else A4
    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=30, rightMargin=30,
                            topMargin=30, bottomMargin=30, title=" ".join(report.title),
                            invariant=1)
    story = [_para(line, TITLE) for line in report.title] + [Spacer(1, 6)]
    story += [_para(p, BODY) for p in report.intro] + [Spacer(1, 8)]
    for table in report.tables:
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
        usable = pagesize[0] - 60
        t = Table(data, colWidths=[usable * w / total for w in table.widths],
                  repeatRows=len(table.header) if report.repeat_header else 0)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")] + spans))
        story += [t, Spacer(1, 10)]
    doc.build(story)


def reports(seeds: Path) -> list[Report]:
    def seed(prefix: str) -> str:
        return next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")

    return [seed_counts(seed("001"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for report in reports(args.seeds):
        write_html(report, args.out / f"{report.name}.html")
        write_pdf(report, args.out / f"{report.name}.pdf")
        print(f"wrote {report.name}.html and {report.name}.pdf")


if __name__ == "__main__":
    main()
