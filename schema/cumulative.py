"""`cumulative_decrease`: a year-to-date cumulative that goes down from one month to the next.

Works over the pledge rows of every document version of the dataset. A pledge is the same across
documents when its source, section and normalised pledge text are; a year-to-date count starts
again each January, so only months of one year are compared.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .checks import ERROR, _where, finding


def pledge_key(row: dict) -> tuple:
    """Source, section and pledge text (case and spacing folded): one pledge across documents."""
    def fold(text):
        return re.sub(r"\W+", " ", (text or "").casefold()).strip()
    return row.get("source_id"), fold(row.get("section")), fold(row.get("pledge")), bool(row.get("is_total"))


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
