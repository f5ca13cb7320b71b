"""`piagam audit`: the auditor's report and findings CSV, from the dataset.

Gathers, for every finding, the evidence an auditor shows the agency (document, page, row, the
cells as printed, stated and expected values, links to the source and to the archived copy at the
page, and for the errors and the first page of findings in a PDF, a picture of the page's tables
with the row marked), and writes `<out>/reports/audit.html` (opens offline; the pictures beside it
in `<out>/reports/evidence/`) and `<out>/reports/findings.csv`.
A finding published twice (the HTML and the PDF of one report) is one finding with both documents
as its evidence. Prints a line on stderr at each step, so a long audit shows where it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
import time
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..schema.catalog import refresh
from ..schema.crossdoc import pledge_key
from ..schema.dataset import Root, read_arrow, writing
from .archive import archived_bytes
from ..extractors.evidence import SCALE, images, mark, png, region, size
from .report import PAGE, natural, render

CSV_COLUMNS = ["finding_no", "agency", "source_id", "period", "period_label", "severity", "rule", "message", "stated",
               "expected", "difference", "section", "item_no", "table_no", "row_no", "page", "cells", "source_link",
               "archive_path", "archived_copy", "doc_id", "other_doc_id"]

FACT_COLUMNS = ("agency", "source_id", "period", "period_label", "severity", "rule", "message", "stated", "expected",
                "difference", "section", "item_no", "cells")
PLEDGE_COLUMNS = ["doc_id", "source_id", "agency", "period_start", "section", "item_no", "pledge", "is_total", "met",
                  "total", "achievement_pct", "page", "bbox"]  # what the summary and the pictures use
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
    pledges = read_arrow(root, "pledges").select(PLEDGE_COLUMNS)  # kept in Arrow: summed and boxed there
    items = read_arrow(root, "findings").to_pylist()
    progress(f"read {len(documents)} documents, {pledges.num_rows} pledge rows, {len(items)} findings")
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
    findings = group(items)
    _add_pictures(root, findings, pledges, by_doc, progress)
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


def summarise(pledges: pa.Table, findings: list[dict]) -> tuple[list[dict], dict]:
    """Per agency and period: documents, pledges, overall % met, findings by severity; and the
    % met series per agency for the chart. Counted in Arrow: a month is 100,000 pledge rows."""
    n = pledges.num_rows
    agency = pc.fill_null(pledges.column("agency"), "")
    period = pc.fill_null(pc.strftime(pledges.column("period_start"), format="%Y-%m"), "unknown")
    # a pledge published in several documents of a period (the HTML and the PDF of one report)
    # counts once: the row of the last document read; crossdoc's pledge_key says which rows are
    # one pledge, asked once per distinct text (agencies repeat their pledges month after month)
    texts = pa.table({"source_id": pc.fill_null(pledges.column("source_id"), ""),
                      **{name: pc.fill_null(pledges.column(name), "") for name in ("section", "item_no", "pledge")},
                      "is_total": pc.fill_null(pledges.column("is_total"), False)})
    distinct = texts.group_by(texts.column_names, use_threads=False).aggregate([])
    keys: dict[tuple, int] = {}
    distinct = distinct.append_column("key", pa.array([keys.setdefault(pledge_key(text), len(keys))
                                                       for text in distinct.to_pylist()], pa.int64()))
    keyed = texts.append_column("agency", agency).append_column("period", period) \
        .append_column("row", pa.array(range(n), pa.int64())).join(distinct, keys=texts.column_names)
    latest = keyed.group_by(["agency", "period", "key"], use_threads=False).aggregate([("row", "max")])
    rows = pa.table({"agency": agency, "period": period, "met": pledges.column("met"),
                     "total": pledges.column("total"), "pct": pledges.column("achievement_pct"),
                     "is_total": texts.column("is_total")}).take(latest.column("row_max")).filter(~pc.field("is_total"))
    counted = pc.and_(pc.is_valid(rows.column("met")), pc.greater(pc.fill_null(rows.column("total"), 0), 0))
    rows = rows.append_column("counted", counted)
    counts = rows.filter(counted).group_by(["agency", "period"]).aggregate([("met", "sum"), ("total", "sum")])
    printed = rows.filter(pc.invert(counted)).group_by(["agency", "period"]).aggregate([("pct", "mean")])
    n_pledges = rows.group_by(["agency", "period"]).aggregate([([], "count_all")])
    n_docs = pa.table({"agency": agency, "period": period, "doc_id": pledges.column("doc_id")}) \
        .group_by(["agency", "period"]).aggregate([("doc_id", "count_distinct")])

    entries = defaultdict(lambda: {"pledges": 0, "met": 0, "total": 0, "pct": None, "documents": 0,
                                   "error": 0, "warning": 0, "info": 0})
    for table, names in ((n_docs, {"doc_id_count_distinct": "documents"}), (n_pledges, {"count_all": "pledges"}),
                         (counts, {"met_sum": "met", "total_sum": "total"}), (printed, {"pct_mean": "pct"})):
        for row in table.to_pylist():
            entries[row["agency"], row["period"]].update({to: row[name] for name, to in names.items()})
    for item in findings:
        entries[item.get("agency") or "", item["period"]][item["severity"]] += 1
    summary, series = [], defaultdict(list)
    for (name, when), entry in sorted(entries.items(), key=lambda e: (natural(e[0][0]), e[0][1])):
        # cases met over all cases; where only percentages are printed, their mean
        pct = 100.0 * entry["met"] / entry["total"] if entry["total"] else entry["pct"]
        summary.append({"agency": name, "period": when, "documents": entry["documents"],
                        "pledges": entry["pledges"], "met_pct": pct,
                        **{s: entry[s] for s in ("error", "warning", "info")}})
        if pct is not None:
            series[name].append((when, pct))
    return summary, dict(series)


def _page_regions(pledges: pa.Table, doc_ids: set[str]) -> dict[tuple, tuple]:
    """(doc_id, page): the box around the rows the reader found on that page, for these documents."""
    rows = pledges.filter(pc.and_(pc.is_in(pledges.column("doc_id"), value_set=pa.array(sorted(doc_ids), pa.string())),
                                  pc.and_(pc.is_valid(pledges.column("page")), pc.is_valid(pledges.column("bbox")))))
    sides = {side: pc.list_element(rows.column("bbox"), i) for i, side in enumerate(("x0", "top", "x1", "bottom"))}
    boxes = pa.table({"doc_id": rows.column("doc_id"), "page": rows.column("page"), **sides}).group_by(
        ["doc_id", "page"]).aggregate([("x0", "min"), ("top", "min"), ("x1", "max"), ("bottom", "max")])
    return {(r["doc_id"], r["page"]): (r["x0_min"], r["top_min"], r["x1_max"], r["bottom_max"])
            for r in boxes.to_pylist()}


def pictured(findings: list[dict]) -> list[dict]:
    """The findings whose PDF evidence gets a picture: every error, and the first page of the
    report (the findings it shows when it opens)."""
    return [f for f in findings if f["severity"] == "error" or f["number"] <= PAGE]


def _add_pictures(root: Root, findings: list[dict], pledges: pa.Table, by_doc: dict, progress) -> None:
    """For the PDF evidence of the `pictured` findings, the picture of the tables of its page
    (`reports/evidence/*.png`, one per page, cut to the rows the reader found there; its name
    from the document's hash, the page and the region, so an audit run again renders only new
    ones) and its row's `mark` on it; pictures no finding shows any more are removed. The other
    findings' evidence is the page of the archived copy (their document, page, row and cells)."""
    items = [item for finding in findings for item in finding["evidence"]]
    for item in items:
        item["picture"] = item["mark"] = item["picture_size"] = None
    chosen = [item for finding in pictured(findings) for item in finding["evidence"]
              if item["document"].get("format") == "pdf" and item.get("page") and item.get("bbox")
              and item["document"].get("archive_path")]
    regions = _page_regions(pledges, {item["doc_id"] for item in chosen})
    wanted: dict[str, dict[str, tuple]] = defaultdict(dict)  # doc_id: {file: (page, region)}
    for item in chosen:
        page_box = regions.get((item["doc_id"], item["page"]))
        area = region([page_box, item["bbox"]] if page_box else [item["bbox"]])
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
    workers = len(os.sched_getaffinity(0))
    pending: deque = deque()  # (name, its PNG being made)

    def write(until: int) -> None:
        nonlocal done
        while len(pending) > until:
            name, job = pending.popleft()
            root.write_bytes(f"{folder}/{name}", job.result())
            done += 1
            if done * 10 // total != (done - 1) * 10 // total:
                progress(f"evidence pictures {done}/{total}")

    # PDFium renders on this thread (it is not thread-safe) while the PNGs are compressed on a
    # thread per core beside it (no process to start, no PDF to copy); a document's archived bytes
    # are read when it is its turn, so a year of PDFs is never all in memory at once
    with ThreadPoolExecutor(workers) as pool:
        for doc_id, files in todo.items():
            try:
                data = archived_bytes(by_doc[doc_id]["archive_path"])
            except Exception as exc:  # a missing or unreadable archive costs the pictures, not the report
                failed[doc_id] = f"The archived PDF could not be read ({exc})."
                continue
            try:
                for name, image in zip(files, images(data, list(files.values()))):
                    pending.append((name, pool.submit(png, image)))
                    write(until=4 * workers)
            except Exception as exc:  # a PDF pdfium cannot render costs its pictures, not the report
                failed[doc_id] = f"The archived PDF could not be rendered ({exc})."
        write(until=0)
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
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    columns = CSV_COLUMNS[1:CSV_COLUMNS.index("cells")], CSV_COLUMNS[CSV_COLUMNS.index("cells") + 1:]
    for finding in findings:
        for item in finding["evidence"]:
            writer.writerow([finding["number"], *map(item.get, columns[0]),
                             " | ".join(c or "" for c in item.get("cells") or []), *map(item.get, columns[1])])
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
