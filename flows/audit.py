"""`piagam audit`: the auditor's report and findings CSV, from the dataset.

Gathers, for every finding, the evidence an auditor shows the agency (document, page, row, the
cells as printed, stated and expected values, links to the source and to the archived copy, and
for PDFs a picture of the page's tables with the row marked), and writes `<out>/reports/audit.html`
(opens offline; the pictures beside it in `<out>/reports/evidence/`) and `<out>/reports/findings.csv`.
A finding published twice (the HTML and the PDF of one report) is one finding with both documents
as its evidence. Prints a line on stderr at each step, so a long audit shows where it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import os
import sys
import time
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from ..schema.catalog import refresh
from ..schema.crossdoc import pledge_key
from ..schema.dataset import Root, read_arrow, writing
from .archive import archived_bytes
from ..extractors.evidence import SCALE, mark, pictures, region, size
from .report import natural, render

CSV_COLUMNS = ["finding_no", "agency", "source_id", "period", "period_label", "severity", "rule", "message", "stated",
               "expected", "difference", "section", "item_no", "table_no", "row_no", "page", "cells", "source_link",
               "archive_path", "archived_copy", "doc_id", "other_doc_id"]

FACT_COLUMNS = ("agency", "source_id", "period", "period_label", "severity", "rule", "message", "stated", "expected",
                "difference", "section", "item_no", "cells")
PLEDGE_COLUMNS = ["doc_id", "source_id", "agency", "period_start", "section", "pledge", "is_total", "met", "total",
                  "achievement_pct", "page", "bbox"]  # what the summary and the pictures use
EVIDENCE = "evidence"  # the pictures' folder, beside the report


class NoDataset(Exception):
    """The output holds no documents to audit."""


@dataclass
class Audit:
    documents: list[dict]
    summary: list[dict]
    findings: list[dict]  # one per fact; "evidence": the finding in each document that shows it
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


def _progress(message: str) -> None:
    print(f"piagam audit: {message}", file=sys.stderr, flush=True)


def gather(root: Root, progress=_progress) -> Audit:
    documents = read_arrow(root, "documents").to_pylist()
    pledges = read_arrow(root, "pledges").select(PLEDGE_COLUMNS).to_pylist()  # a third of the columns: 3x faster
    items = read_arrow(root, "findings").to_pylist()
    progress(f"read {len(documents)} documents, {len(pledges)} pledge rows, {len(items)} findings")
    for document in documents:  # stored relative to the output folder
        document["archive_path"] = root.resolve(document["archive_path"])
    by_doc = {d["doc_id"]: d for d in documents if d["doc_id"]}
    for item in items:
        document = by_doc.get(item["doc_id"], {})
        item["period"] = period_of(item)
        item["period_label"] = document.get("period_label")
        item["document"] = document
        item["source_link"] = source_link(document, item.get("page"))
        item["archive_path"] = document.get("archive_path")
        item["difference"] = difference(item.get("stated"), item.get("expected"))
    _add_pictures(root, items, pledges, by_doc, progress)
    findings = group(items)
    summary, series = summarise(pledges, findings)
    return Audit(documents, summary, findings, series)


def group(items: list[dict]) -> list[dict]:
    """One finding per fact: the same error in the HTML and the PDF of a report (same agency,
    period, rule, row and message) is one finding whose evidence lists both documents; within a
    document, the n-th of identical findings goes with the n-th of another's."""
    groups: dict[tuple, dict] = {}
    seen: dict[tuple, int] = defaultdict(int)
    for item in items:
        fact = (item.get("agency") or "", item["period"], item["rule"], item["severity"], item.get("section"),
                item.get("item_no"), item["message"], item.get("stated"), item.get("expected"))
        occurrence = seen[fact + (item["doc_id"],)]
        seen[fact + (item["doc_id"],)] += 1
        key = fact + (occurrence,)
        if key not in groups:
            groups[key] = {name: item.get(name) for name in FACT_COLUMNS} | {"evidence": []}
        groups[key]["evidence"].append(item)
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(groups.values(), key=lambda f: (
        order.get(f["severity"], 3), natural(f["agency"] or ""), f["period"],
        f["evidence"][0].get("table_no") or 0, f["evidence"][0].get("row_no") or 0))
    for number, finding in enumerate(findings, 1):
        finding["number"] = number
        finding["documents"] = sorted({item["doc_id"] for item in finding["evidence"]})
    return findings


def summarise(pledges: list[dict], findings: list[dict]) -> tuple[list[dict], dict]:
    """Per agency and period: documents, pledges, overall % met, findings by severity; and the
    % met series per agency for the chart."""
    entries = defaultdict(lambda: {"pledges": 0, "met": 0, "total": 0, "error": 0, "warning": 0, "info": 0,
                                   "documents": set(), "printed_pcts": []})
    # a pledge published in several documents of a period (the HTML and the PDF of one report)
    # counts once: the row of the last document read
    latest: dict[tuple, dict] = {}
    keys: dict[tuple, tuple] = {}  # pledge_key of each distinct text: agencies repeat their pledges month after month
    for row in pledges:
        period = period_of(row)
        entries[row.get("agency") or "", period]["documents"].add(row["doc_id"])
        text = (row.get("source_id"), row.get("section"), row.get("pledge"), row.get("is_total"))
        if text not in keys:
            keys[text] = pledge_key(row)
        latest[row.get("agency") or "", period, keys[text]] = row
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
    for (agency, period), entry in sorted(entries.items(), key=lambda e: (natural(e[0][0]), e[0][1])):
        # cases met over all cases; where only percentages are printed, their mean
        pct = (100.0 * entry["met"] / entry["total"] if entry["total"]
               else mean(entry["printed_pcts"]) if entry["printed_pcts"] else None)
        rows.append({"agency": agency, "period": period, "documents": len(entry["documents"]),
                     "pledges": entry["pledges"], "met_pct": pct,
                     **{s: entry[s] for s in ("error", "warning", "info")}})
        if pct is not None:
            series[agency].append((period, pct))
    return rows, dict(series)


def _add_pictures(root: Root, items: list[dict], pledges: list[dict], by_doc: dict, progress) -> None:
    """For each PDF finding, the picture of the tables of its page (`reports/evidence/*.png`, one
    per page with findings, cut to the rows the reader found there; its name from the document's
    hash, the page and the region, so an audit run again renders only new ones) and its row's
    `mark` on it; pictures no finding shows any more are removed."""
    boxes = defaultdict(list)  # (doc_id, page): the row boxes the reader found there
    for row in pledges:
        if row.get("bbox") and row.get("page"):
            boxes[row["doc_id"], row["page"]].append(row["bbox"])
    wanted: dict[str, dict[str, tuple]] = defaultdict(dict)  # doc_id: {file: (page, region)}
    for item in items:
        item["picture"] = item["mark"] = item["picture_size"] = None
        if item["document"].get("format") == "pdf" and item.get("page") and item.get("bbox") \
                and item["document"].get("archive_path"):
            area = region(boxes[item["doc_id"], item["page"]] + [item["bbox"]])
            tag = hashlib.sha256(repr((area, SCALE)).encode()).hexdigest()[:8]
            name = f"{item['doc_id'][:24]}-p{item['page']}-{tag}.png"
            wanted[item["doc_id"]][name] = (item["page"], area)
            item["picture"], item["mark"] = f"{EVIDENCE}/{name}", mark(area, item["bbox"])
            item["picture_size"] = size(area)
    folder = root.path("reports", EVIDENCE)
    have = {path.rsplit("/", 1)[1] for path in root.files(f"reports/{EVIDENCE}", ".png")}
    todo = {doc_id: {n: a for n, a in files.items() if n not in have} for doc_id, files in wanted.items()}
    todo = {doc_id: files for doc_id, files in todo.items() if files}
    total, done, failed = sum(len(f) for f in todo.values()), 0, {}
    progress(f"{len(have & {n for f in wanted.values() for n in f})} evidence pictures made before; "
             f"{total} to make from {len(todo)} PDFs")
    workers = max(1, min(len(os.sched_getaffinity(0)), len(todo)))  # a process per core: rendering is the work
    # the archive is read here (where the output's store is configured), the pages rendered in the pool;
    # a few documents a process in flight, so a year of PDFs is never all in memory at once
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        queue, running = iter(todo.items()), {}
        while True:
            for doc_id, files in queue:
                try:
                    data = archived_bytes(by_doc[doc_id]["archive_path"])
                except Exception as exc:  # a missing or unreadable archive costs the pictures, not the report
                    failed[doc_id] = f"The archived PDF could not be read ({exc})."
                    continue
                running[pool.submit(pictures, data, list(files.values()))] = doc_id
                if len(running) >= 4 * workers:
                    break
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for job in finished:
                doc_id = running.pop(job)
                files = todo[doc_id]
                try:
                    made = job.result()
                except Exception as exc:  # a PDF pdfium cannot render costs its pictures, not the report
                    failed[doc_id] = f"The archived PDF could not be rendered ({exc})."
                    continue
                for name, png in zip(files, made):
                    root.write_bytes(f"{folder}/{name}", png)
                done += len(files)
                if done * 10 // total != (done - len(files)) * 10 // total:
                    progress(f"evidence pictures {done}/{total}")
    for item in items:
        if item["doc_id"] in failed and item["picture"]:
            item["picture"], item["mark"], item["picture_error"] = None, None, failed[item["doc_id"]]
    keep = {n for files in wanted.values() for n in files}
    for old in have - keep:
        root.fs.delete_file(f"{folder}/{old}")


def findings_csv(findings: list[dict]) -> str:
    """One row per finding and document that shows it; `finding_no` is the report's number of
    the finding, the same for its copies in the HTML and the PDF of one report."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for finding in findings:
        for item in finding["evidence"]:
            writer.writerow({**item, "finding_no": finding["number"],
                             "cells": " | ".join(c or "" for c in item.get("cells") or [])})
    return buffer.getvalue()


def _copy_archived(root: Root, findings: list[dict]) -> None:
    """Beside the report, a plain copy of each document with findings, taken from its WARC
    record, so the report links to the bytes as the agency published them (`copy`: the link
    from the report, relative to it; `archived_copy`: where it lies)."""
    have = set(root.files("reports/archive", ""))
    copies: dict[str, tuple] = {}
    for item in (item for finding in findings for item in finding["evidence"]):
        doc = item["document"]
        doc_id, location = doc.get("doc_id"), doc.get("archive_path")
        if doc_id not in copies:
            copies[doc_id] = (None, None)
            if doc_id and location:
                name = f"{doc_id}.{doc.get('format') or 'bin'}"
                path = root.path("reports", "archive", name)
                try:
                    if path not in have:
                        root.write_bytes(path, archived_bytes(location))
                    copies[doc_id] = (f"archive/{name}", root.uri(path))
                except Exception:  # noqa: BLE001 - an archive that cannot be read (a torn WARC) costs the copy, not the report
                    pass
        item["copy"], item["archived_copy"] = copies[doc_id]


def audit(out: str | Path, progress=_progress) -> list[str]:
    """Refresh the cross-document findings and the DuckDB database, write the report and the CSV;
    returns where they were written."""
    started = time.perf_counter()

    def say(message: str) -> None:  # each step with the time since the audit began
        progress(f"{message} ({time.perf_counter() - started:.0f} s)")

    root = Root(out)
    if not root.files("documents"):
        raise NoDataset(f"There is no dataset at {root.url} (no documents table); "
                        "run `piagam harvest` or `piagam extract` into it first.")
    with writing(root):  # the folder's lock first: a busy folder is one sentence, before any progress line
        say("cross-document checks and the DuckDB database")
        database = refresh(root).database
    result = gather(root, say)
    say(f"{len(result.findings)} findings; copying the documents with findings beside the report")
    _copy_archived(root, result.findings)
    say("writing the report")
    report, table = root.path("reports", "audit.html"), root.path("reports", "findings.csv")
    root.write_bytes(report, render(result).encode("utf-8"))
    root.write_bytes(table, findings_csv(result.findings).encode("utf-8"))
    say("done")
    return [root.uri(report), root.uri(table)] + ([database] if database else [])
