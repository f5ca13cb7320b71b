"""One document's bytes to its rows: format by the bytes, grids, pledge rows, findings.

Plain Python, no Prefect: the flows call `read_document`, and so do `piagam extract` and the
tests. Anything wrong with the input ends as status `failed` or `empty` with one sentence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from piagam import __version__

from ..schema.checks import check_rows
from . import html, pdf
from .interpret import document_year, interpret
from .text import parse_period

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


def describe_unknown(data: bytes) -> str:
    if not data:
        return "The file is empty (0 bytes)."
    if data[:4] == b"PK\x03\x04":
        return "The file is a ZIP container (Word or Excel document), not a PDF or HTML report."
    return "The file is neither a PDF nor an HTML page."


@dataclass
class Result:
    document: dict
    pledges: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


def read_document(data: bytes, *, source_id: str, agency: str, url: str, title: str = "",
                  fetched_at: datetime | None = None) -> Result:
    doc_id = hashlib.sha256(data).hexdigest()
    document = {
        "doc_id": doc_id, "source_id": source_id, "agency": agency, "url": url, "title": title or None,
        "format": sniff(data), "fetched_at": fetched_at or datetime.now(timezone.utc),
        "size_bytes": len(data), "pages": None, "status": "ok", "error": None,
        "extractor_version": EXTRACTOR_VERSION, "n_pledges": 0, "n_findings": 0,
    }
    fmt = document["format"]
    if fmt is None:
        return _failed(document, describe_unknown(data))
    try:
        parsed = pdf.extract(data) if fmt == "pdf" else html.extract(data)
    except pdf.PdfError as exc:
        return _failed(document, str(exc))
    except Exception as exc:  # a parser bug must not stop the run: say so and go on
        return _failed(document, f"The {fmt.upper()} could not be read ({type(exc).__name__}: {exc}).")
    document["pages"] = parsed.pages
    document["title"] = document["title"] or parsed.title or None
    texts = [title, parsed.title, parsed.grids[0].context if parsed.grids else parsed.text, url]
    period = next((p for p in (parse_period(t) for t in texts if t) if p), None)
    year = period.end.year if period else document_year(*[t for t in texts if t])
    if period:
        document.update(period_label=period.label, period_start=period.start, period_end=period.end)
    if not parsed.grids:
        document.update(status="empty", error="No table was found in the document.")
        return Result(document)
    rows = interpret(parsed.grids, year, period)
    if not rows:
        document.update(status="empty", error=f"None of the {len(parsed.grids)} tables is a pledge table.")
        return Result(document)
    keys = {"doc_id": doc_id, "source_id": source_id, "agency": agency}
    for row in rows:
        row.update(keys)
    document["n_pledges"] = len(rows)
    return Result(document, rows)


def validate(result: Result) -> Result:
    """The checks of the published arithmetic on a document's rows: its findings."""
    doc = result.document
    findings = check_rows(result.pledges)
    keys = {"doc_id": doc["doc_id"], "source_id": doc["source_id"], "agency": doc["agency"]}
    for item in findings:
        item.update(keys)
    for row in result.pledges:
        row.pop("_closes", None)
    doc["n_findings"] = len(findings)
    return Result(doc, result.pledges, findings)


def _failed(document: dict, reason: str) -> Result:
    document.update(status="failed", error=reason)
    return Result(document)
