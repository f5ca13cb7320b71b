"""One document's bytes to its checked rows: format by the bytes, grids, pledge rows, findings.

`read_document` is the one way a document is read and checked, whoever reads it: the harvest
(flows.reading, in a reader process: extractors.limits), `piagam extract`, the benches,
samples/evaluate.py and the tests. Its bytes are sniffed and hashed once (or not at all when
the caller did it already and says so), and the Result it returns holds the documents row, the
pledge rows and the findings of their checks together. Plain Python, no Prefect. Anything wrong
with the input ends as status `failed` or `empty` with one sentence.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import unquote, urlsplit

from piagam import __version__

from ..schema.checks import Links, check_rows
from . import html, ocr, pdf
from .interpret import NOT_THE_PERIOD, document_year, interpret
from .text import fold, parse_period

EXTRACTOR_VERSION = __version__


def sniff(data: bytes) -> str | None:
    """'pdf' or 'html' from the bytes themselves (never from a name or a header)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<table", b"<meta", b"<!--")) \
            or b"<table" in data[:65536].lower() or b"<html" in head:
        return "html"
    return None


OFFICE_PARTS = {"word/": "a Word document (.docx)", "xl/": "an Excel workbook (.xlsx)",
                "ppt/": "a PowerPoint deck (.pptx)"}
MAGIC = {b"\xd0\xcf\x11\xe0": "an old Microsoft Office document (.doc or .xls)", b"\x89PNG": "a PNG image",
         b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
         b"{\\rtf": "an RTF document"}


def describe_unknown(data: bytes) -> str:
    if not data:
        return "The file is empty (0 bytes)."
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError):
            names = []
        kind = next((k for prefix, k in OFFICE_PARTS.items() if any(n.startswith(prefix) for n in names)),
                    "a ZIP archive")
        return f"The file is {kind}, not a PDF or HTML report."
    kind = next((k for magic, k in MAGIC.items() if data.startswith(magic)), None)
    if kind:
        return f"The file is {kind}, not a PDF or HTML report."
    return "The file is neither a PDF nor an HTML page."


@dataclass
class Result:
    document: dict
    pledges: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


def document_row(data: bytes, *, source_id: str, agency: str, url: str, title: str = "",
                 fetched_at: datetime | None = None, doc_id: str | None = None, format: str | None = None) -> dict:
    """The `documents` row of these bytes before anything is read from them (`doc_id` and
    `format`: their sha256 and sniffed format, when the caller has them already)."""
    return {
        "doc_id": doc_id or hashlib.sha256(data).hexdigest(), "source_id": source_id, "agency": agency, "url": url,
        "title": title or None,
        "format": format or sniff(data), "fetched_at": fetched_at or datetime.now(timezone.utc),
        "size_bytes": len(data), "pages": None, "status": "ok", "error": None,
        "extractor_version": EXTRACTOR_VERSION, "n_pledges": 0, "n_findings": 0,
    }


def read_document(data: bytes, *, source_id: str, agency: str, url: str, title: str = "",
                  fetched_at: datetime | None = None, doc_id: str | None = None, format: str | None = None,
                  pdf_reader: str = "pdfium") -> Result:
    """The documents row, pledge rows and findings of a document's bytes. `doc_id`, `format`:
    the bytes' sha256 and sniffed format when the caller has them already (they are not worked
    out again); `pdf_reader`: "pdfium" (fast, the default) or "pdfplumber" (the reference);
    both give the same rows."""
    document = document_row(data, source_id=source_id, agency=agency, url=url, title=title,
                            fetched_at=fetched_at, doc_id=doc_id, format=format)
    rows, links = _rows(data, document, title, url, pdf_reader)
    findings = check_rows(rows, links) if rows else []
    keys = {"doc_id": document["doc_id"], "source_id": source_id, "agency": agency}
    for item in findings:
        item.update(keys)
    document["n_findings"] = len(findings)
    return Result(document, rows, findings)


def _rows(data: bytes, document: dict, title: str, url: str, pdf_reader: str) -> tuple[list[dict], Links]:
    """The pledge rows of the document and what they are to each other; what went wrong, if
    anything, in the documents row (status and error)."""
    doc_id = document["doc_id"]
    fmt = document["format"]
    if fmt is None:
        failed(document, describe_unknown(data))
        return [], {}
    try:
        parsed = pdf.extract(data, pdf_reader) if fmt == "pdf" else html.extract(data)
    except (pdf.PdfError, html.HtmlError) as exc:
        document.update(status=exc.status, error=str(exc))
        return [], {}
    except MemoryError:
        raise  # the per-document limit (extractors.limits) says so in its own words
    except RecursionError:
        failed(document, f"The {fmt.upper()} nests its contents too deeply to be read.")
        return [], {}
    except Exception as exc:  # a parser bug must not stop the run: say so and go on
        detail = fold(str(exc))[:200]
        failed(document, f"The {fmt.upper()} could not be read ({type(exc).__name__}: {detail}).")
        return [], {}
    document["pages"] = parsed.pages
    document["title"] = document["title"] or parsed.title or None
    tables = [g for g in parsed.grids if not g.text_lines]
    first = tables[0] if tables else None
    texts = [title, parsed.title, _short_lines(first.context) if first else parsed.text,
             " ".join(dict.fromkeys(first.rows[0])) if first and first.rows else "", _file_name(url), url]
    period = next((p for p in (parse_period(t) for t in texts if t) if p), None)
    # (the year a page was updated in is the year of its months where nothing else names one)
    year = period.end.year if period else document_year(*[t for t in texts if t], first.context if first else "")
    if period:
        document.update(period_label=period.label, period_start=period.start, period_end=period.end)
    if not tables and parsed.scanned_pages and not ocr.available():
        document.update(status="empty", error=f"The PDF is scanned, {ocr.missing_reason()}.")
        return [], {}
    rows, links = interpret(parsed.grids, year, period, title=" ".join(t for t in (title, parsed.title) if t))
    if not rows and not tables:
        reason = "scanned, and OCR found no table on its pages" if parsed.scanned_pages else "No table was found"
        document.update(status="empty", error=f"{reason[0].upper()}{reason[1:]} in the document.")
        return [], {}
    if not rows:
        document.update(status="empty", error=f"None of the {len(tables)} tables is a pledge table.")
        return [], {}
    keys = {"doc_id": doc_id, "source_id": document["source_id"], "agency": document["agency"]}
    for row in rows:
        row.update(keys)
    document["n_pledges"] = len(rows)
    return rows, links


def _file_name(url: str) -> str:
    """The name of the file a URL ends with, its words apart: "Pencapaian Piagam Mac 2024" of
    ".../uploads/2024/04/Pencapaian-Piagam-Mac-2024.pdf" (the folders name the upload's month)."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    return re.sub(r"[-_+]+", " ", name.rsplit(".", 1)[0])


def _short_lines(text: str) -> str:
    """The title-like lines of a text (a period named in a long sentence is not the report's,
    nor the date a line says the page was published or updated on)."""
    return "\n".join(line for line in text.split("\n") if len(line) < 100 and not NOT_THE_PERIOD.search(line))


def failed(document: dict, reason: str) -> Result:
    document.update(status="failed", error=reason)
    return Result(document)
