"""Checks across documents of one source.

`restated`: the same report published again (new bytes at a known URL) changes a figure of a
period it had already published. Rows of the two versions are matched by period, section,
item number and normalised pledge text (the n-th such row with the n-th, for repeated texts).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .checks import WARNING, _fmt, _where, finding

FIGURES = ("met", "met_pct", "missed", "missed_pct", "total", "target_pct", "achievement_pct", "cumulative")


def _norm(text) -> str:
    return re.sub(r"\W+", " ", str(text or "")).strip().casefold()


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
