"""`piagam audit`: the auditor's report and findings CSV, from the dataset.

Gathers, for every finding, the evidence an auditor shows the agency (document, page, row, the
cells as printed, stated and expected values, links to the source and to the archived copy, and
for PDFs a picture of the table with the row highlighted), and writes `<out>/reports/audit.html`
(self-contained: opens offline) and `<out>/reports/findings.csv`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from ..schema.catalog import refresh
from ..schema.crossdoc import pledge_key
from ..schema.dataset import Root, read_arrow
from .archive import archived_bytes
from .evidence import PdfPictures
from .report import render

CSV_COLUMNS = ["agency", "source_id", "period", "period_label", "severity", "rule", "message", "stated", "expected",
               "difference", "section", "item_no", "table_no", "row_no", "page", "cells", "source_link",
               "archive_path", "archived_copy", "doc_id", "other_doc_id"]


class NoDataset(Exception):
    """The output holds no documents to audit."""


@dataclass
class Audit:
    documents: list[dict]
    summary: list[dict]
    findings: list[dict]
    met_series: dict[str, list[tuple[str, float]]] = field(default_factory=dict)


def period_of(row: dict) -> str:
    start = row.get("period_start")
    return f"{start.year:04d}-{start.month:02d}" if start else "unknown"


def source_link(document: dict, page: int | None) -> str:
    url = document.get("url") or ""
    return f"{url}#page={page}" if page and document.get("format") == "pdf" else url


def difference(stated: str, expected: str) -> str:
    """expected - stated when both are plain numbers (with or without %), else empty."""
    try:
        value = float(expected.rstrip("%")) - float(stated.rstrip("%"))
    except (AttributeError, ValueError):
        return ""
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return text + ("%" if stated.endswith("%") else "")


def gather(root: Root) -> Audit:
    documents = read_arrow(root, "documents").to_pylist()
    pledges = read_arrow(root, "pledges").to_pylist()
    findings = read_arrow(root, "findings").to_pylist()
    for document in documents:  # stored relative to the output folder
        document["archive_path"] = root.resolve(document["archive_path"])
    by_doc = {d["doc_id"]: d for d in documents if d["doc_id"]}
    for item in findings:
        document = by_doc.get(item["doc_id"], {})
        item["period"] = period_of(item)
        item["period_label"] = document.get("period_label")
        item["document"] = document
        item["source_link"] = source_link(document, item.get("page"))
        item["archive_path"] = document.get("archive_path")
        item["difference"] = difference(item.get("stated"), item.get("expected"))
    _add_pictures(findings, by_doc)
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order.get(f["severity"], 3), f.get("agency") or "", f["period"],
                                 f.get("table_no") or 0, f.get("row_no") or 0))
    summary, series = summarise(pledges, findings)
    return Audit(documents, summary, findings, series)


def summarise(pledges: list[dict], findings: list[dict]) -> tuple[list[dict], dict]:
    """Per agency and period: documents, pledges, overall % met, findings by severity; and the
    % met series per agency for the chart."""
    entries = defaultdict(lambda: {"pledges": 0, "met": 0, "total": 0, "error": 0, "warning": 0, "info": 0,
                                   "documents": set(), "printed_pcts": []})
    # a pledge published in several documents of a period (the HTML and the PDF of one report)
    # counts once: the row of the last document read
    latest: dict[tuple, dict] = {}
    for row in pledges:
        entries[row.get("agency") or "", period_of(row)]["documents"].add(row["doc_id"])
        latest[row.get("agency") or "", period_of(row), pledge_key(row)] = row
    for (agency, period, _), row in latest.items():
        entry = entries[agency, period]
        if not row.get("is_total"):
            entry["pledges"] += 1
            if row.get("met") is not None and row.get("total"):
                entry["met"] += row["met"]
                entry["total"] += row["total"]
            elif row.get("achievement_pct") is not None:
                entry["printed_pcts"].append(row["achievement_pct"])
    for item in findings:
        entries[item.get("agency") or "", item["period"]][item["severity"]] += 1
    rows, series = [], defaultdict(list)
    for (agency, period), entry in sorted(entries.items()):
        # cases met over all cases; where only percentages are printed, their mean
        pct = (100.0 * entry["met"] / entry["total"] if entry["total"]
               else mean(entry["printed_pcts"]) if entry["printed_pcts"] else None)
        rows.append({"agency": agency, "period": period, "documents": len(entry["documents"]),
                     "pledges": entry["pledges"], "met_pct": pct,
                     **{s: entry[s] for s in ("error", "warning", "info")}})
        if pct is not None:
            series[agency].append((period, pct))
    return rows, dict(series)


def _add_pictures(findings: list[dict], by_doc: dict) -> None:
    """The picture of each PDF finding's table region, its row highlighted (None when it cannot be cut)."""
    pdf_findings = defaultdict(list)
    for item in findings:
        item["picture"] = None
        if item["document"].get("format") == "pdf" and item.get("page") and item["document"].get("archive_path"):
            pdf_findings[item["doc_id"]].append(item)
    for doc_id, items in pdf_findings.items():
        try:
            pictures = PdfPictures(archived_bytes(by_doc[doc_id]["archive_path"]))
        except Exception as exc:  # a missing or unreadable archive costs the pictures, not the report
            for item in items:
                item["picture_error"] = f"The archived PDF could not be rendered ({exc})."
            continue
        try:
            for item in items:
                if item.get("bbox"):
                    item["picture"] = pictures.picture(item["page"], item["bbox"])
        finally:
            pictures.close()


def findings_csv(findings: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for item in findings:
        writer.writerow({**item, "cells": " | ".join(c or "" for c in item.get("cells") or [])})
    return buffer.getvalue()


def _copy_archived(root: Root, findings: list[dict]) -> None:
    """Beside the report, a plain copy of each document with findings, taken from its WARC
    record, so the report links to the bytes as the agency published them."""
    copies: dict[str, str | None] = {}
    for item in findings:
        doc = item["document"]
        doc_id, location = doc.get("doc_id"), doc.get("archive_path")
        if doc_id not in copies:
            copies[doc_id] = None
            if doc_id and location:
                path = root.path("reports", "archive", f"{doc_id}.{doc.get('format') or 'bin'}")
                try:
                    if not root.exists(path):
                        root.write_bytes(path, archived_bytes(location))
                    copies[doc_id] = root.uri(path)
                except (OSError, ValueError, StopIteration):
                    pass  # an archive that cannot be read costs the copy, not the report
        item["archived_copy"] = copies[doc_id]


def audit(out: str | Path) -> list[str]:
    """Refresh the cross-document findings and the DuckDB database, write the report and the CSV;
    returns where they were written."""
    root = Root(out)
    if not root.files("documents"):
        raise NoDataset(f"There is no dataset at {root.url} (no documents table); "
                        "run `piagam harvest` or `piagam extract` into it first.")
    database = refresh(root).database
    result = gather(root)
    _copy_archived(root, result.findings)
    report, table = root.path("reports", "audit.html"), root.path("reports", "findings.csv")
    root.write_bytes(report, render(result).encode("utf-8"))
    root.write_bytes(table, findings_csv(result.findings).encode("utf-8"))
    return [root.uri(report), root.uri(table)] + ([database] if database else [])
