"""Checks across documents: the same pledge in two document versions or two months.

Every check across documents lives here; they start from two moments of a run:

`restated` (`check_new_version`): the same report published again (new bytes at a known URL)
changes a figure of a period it had already published. Rows of the two versions are matched by
period, section, item number and normalised pledge text (the n-th such row with the n-th, for
repeated texts). It runs when the new version is read (flows.pipeline), so that its findings
and the `previous_doc_id` of its documents row are written with it.

`cumulative_decrease`: a year-to-date cumulative that goes down from one month to the next,
over the pledge rows of every document version of the dataset (schema.catalog, after every
run). A pledge is the same across documents when its source, section and normalised pledge
text are; a year-to-date count starts again each January, so only months of one year are
compared.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Callable

from .checks import ERROR, WARNING, _fmt, _where, finding

FIGURES = ("met", "met_pct", "missed", "missed_pct", "total", "target_pct", "achievement_pct", "cumulative")


@functools.lru_cache(maxsize=1 << 16)  # a month repeats its sections and pledges in thousands of rows
def _norm(text) -> str:
    """Case, spacing and punctuation folded."""
    return re.sub(r"\W+", " ", str(text or "")).strip().casefold()


def pledge_key(row: dict) -> tuple:
    """Source, section, item number and pledge text (folded): one pledge across documents (two
    reports that share a standard pledge under other numbers are not one series)."""
    return (row.get("source_id"), _norm(row.get("section")), _norm(row.get("item_no")), _norm(row.get("pledge")),
            bool(row.get("is_total")))


def _keyed(rows: list[dict]) -> dict[tuple, dict]:
    seen: dict[tuple, int] = defaultdict(int)
    keyed = {}
    for row in rows:
        key = (row.get("period_start"), row.get("period_end"), _norm(row.get("section")),
               _norm(row.get("item_no")), _norm(row.get("pledge")), bool(row.get("is_total")))
        keyed[key + (seen[key],)] = row
        seen[key] += 1
    return keyed


def restated(old_rows: list[dict], new_rows: list[dict], old_doc_id: str, new_doc_id: str) -> list[dict]:
    """A warning for each figure of the new version that differs from the old version's."""
    findings = []
    old = _keyed(old_rows)
    for key, row in _keyed(new_rows).items():
        before = old.get(key)
        if before is None:
            continue
        for name in FIGURES:
            was, now = before.get(name), row.get(name)
            if was is None or was == now:
                continue
            period = row.get("period_label") or (str(row["period_start"]) if row.get("period_start") else "")
            of_period = f" for {period}" if period else ""
            now_text = _fmt(now) if now is not None else "not published"
            message = (f"The {name} of {_where(row)}{of_period} was {_fmt(was)} in version {old_doc_id[:12]} and "
                       f"is {now_text} in version {new_doc_id[:12]}: the report was restated.")
            item = finding(row, "restated", WARNING, message, now, was)
            item["other_doc_id"] = old_doc_id
            findings.append(item)
    return findings


def check_new_version(document: dict, pledges: list[dict], findings: list[dict], versions: list[dict],
                      rows_of: Callable[[str], list[dict]]) -> None:
    """Compare a new version (its documents row, pledge rows and findings, completed in place)
    with the latest earlier `ok` version among `versions` (the documents rows of its URL):
    `restated` findings, and the documents row's previous_doc_id. `rows_of(doc_id)`: the pledge
    rows of an earlier version."""
    earlier = [d for d in versions if d["url"] == document["url"] and d["status"] == "ok"
               and d["doc_id"] not in (None, document["doc_id"])]
    if not earlier or document["status"] != "ok":
        return
    previous = max(earlier, key=lambda d: d["fetched_at"])
    document["previous_doc_id"] = previous["doc_id"]
    found = restated(rows_of(previous["doc_id"]), pledges, previous["doc_id"], document["doc_id"])
    keys = {"doc_id": document["doc_id"], "source_id": document["source_id"], "agency": document["agency"]}
    for item in found:
        item.update(keys)
    findings.extend(found)
    document["n_findings"] = len(findings)


def cumulative_decrease(pledges: list[dict]) -> list[dict]:
    """Findings for every row whose cumulative is below the one of the month before."""
    series: dict[tuple, dict] = defaultdict(lambda: defaultdict(list))
    for row in pledges:
        if row.get("cumulative") is not None and row.get("period_end") is not None:
            series[pledge_key(row)][row["period_end"]].append(row)
    out = []
    for by_period in series.values():
        periods = sorted(by_period)
        for before, after in zip(periods, periods[1:]):
            if before.year != after.year:
                continue
            earlier = max(by_period[before], key=lambda r: r["cumulative"])
            for row in by_period[after]:
                if row["cumulative"] < earlier["cumulative"]:
                    where = _where(row)
                    message = (f"The year-to-date cumulative of {where} falls from {earlier['cumulative']} in "
                               f"{earlier.get('period_label') or before} to {row['cumulative']} in "
                               f"{row.get('period_label') or after}.")
                    item = finding(row, "cumulative_decrease", ERROR, message, row["cumulative"],
                                   f">= {earlier['cumulative']}")
                    item.update(doc_id=row["doc_id"], source_id=row["source_id"], agency=row.get("agency"),
                                other_doc_id=earlier["doc_id"])
                    out.append(item)
    return out
