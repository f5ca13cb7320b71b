"""The checks of the published arithmetic, on pledge rows of one document.

A percentage is right when it is what the counts give, rounded or truncated to the precision
it is printed with (100% for 106 of 107 is an error; 99% is fine).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import takewhile
from statistics import mean

ERROR, WARNING, INFO = "error", "warning", "info"


def decimals_of(value: float) -> int:
    """Decimals a percentage was printed with (from the value; 98.42 -> 2)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


@lru_cache(maxsize=1 << 16)  # tables repeat their shares (100%, 10 of 10): each is worked out once
def pct_agrees(stated: float, part: float, whole: float) -> bool:
    """The stated % is part/whole rounded (half up or half even) or truncated to its precision."""
    exact = 100.0 * part / whole
    d = decimals_of(stated)
    scale = 10 ** d
    candidates = {
        math.floor(exact * scale + 0.5 + 1e-9) / scale,
        round(exact, d),
        math.floor(exact * scale + 1e-9) / scale,
    }
    return any(abs(stated - c) < 0.5 / scale / 10 for c in candidates)


def _fmt(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _where(row: dict) -> str:
    item = f"item {row['item_no']}" if row.get("item_no") else f"row {row.get('row_no')}"
    if row.get("is_total"):
        item = "the total row"
    section = f" of {row['section']}" if row.get("section") else ""
    return f"{item}{section}"


@dataclass
class RowLinks:
    """What a printed row is to the other rows, kept apart from its contract columns: the rows
    a total closes, the numbered row a sub-item ("a)") belongs to, the late buckets its missed
    count adds up, whether its group of rows crosses a page break."""

    closes: list[tuple[int, int]] = field(default_factory=list)  # (table_no, row_no) of the rows it totals
    # as a grand total: the subtotals and rows, or the rows under the subtotals (one of them may be what erred)
    closes_too: list[tuple[int, int]] = field(default_factory=list)
    parent: tuple[int, int] | None = None
    missed_parts: list[int] = field(default_factory=list)
    pending: int = 0  # cases printed as still being handled ("Dalam Tindakan", "Baki"): the total holds them too
    brought_forward: int = 0  # cases left from the period before ("Baki Bulan Lepas"): the total may hold them
    across_pages: bool = False
    progress: bool = False  # its period figures are cumulative progress toward a target for the year


Links = dict[tuple[int, int], RowLinks]  # by (table_no, row_no): every period row of a printed row shares them
NO_LINKS = RowLinks()


def check_rows(rows: list[dict], links: Links) -> list[dict]:
    """Findings of the row-level and total-row checks (dicts of the findings contract)."""
    findings: list[dict] = []
    # a matrix row gives a row per period: a month, its quarter, or an average's whole span
    by_row_no = {(r["table_no"], r["row_no"], r.get("period_label"), r.get("period_start"), r.get("period_end")): r
                 for r in rows}
    printed = {(r["table_no"], r["row_no"]): r for r in rows}  # a row's last reading

    def rows_of(keys) -> list[dict]:
        if not keys:
            return []
        found = [by_row_no.get((t, n, row.get("period_label"), row.get("period_start"), row.get("period_end")))
                 for t, n in keys]
        if not any(found):  # rows of other periods than the total's: the months down a table
            found = [printed.get(key) for key in keys if _within(printed.get(key), row)]
        return [c for c in found if c is not None]

    for row in rows:
        link = links.get((row["table_no"], row["row_no"]), NO_LINKS)
        children = rows_of(link.closes)
        findings.extend(_as_certain_as_the_reading(row, _check_row(row, _pct_means(children), link)))
        if children:
            totals = _check_total(row, children, links)
            wider = rows_of(link.closes_too)
            if totals and wider and not _check_total(row, wider, links):
                totals = []  # a grand total over the subtotals above and the last rows: it adds up
            if totals and any(not _check_total(row, children[k:], links) for k in range(1, len(children))
                              if _summed(children[k:], "total", links) or _summed(children[k:], "met", links)):
                totals = []  # the rows right above add up: its group began later than we read it
            if totals:  # a division's row printing its rows' sum above them: counted once, checked itself
                pledges, divisions = _divisions(children)
                if divisions and not (_check_total(row, pledges, links) and _check_total(row, [d for d, _ in divisions], links)):
                    totals = [item for division, below in divisions
                              for item in _check_total(division, below, links, "the division row", "below")]
            if link.across_pages:
                for item in totals:
                    _doubt(item, "The rows run across a page break, where a row may be lost to the reading")
            findings.extend(totals)
    findings.extend(_check_spans(rows, links))
    return _doubt_what_most_rows_fail(rows, findings)


def _check_spans(rows: list[dict], links: Links) -> list[dict]:
    """A matrix row's figure over a span of its periods ("JUMLAH" beside the months, "19/20";
    a quarter's beside its months) against the figures of the widest periods within it, as a
    total row against its rows: an error where those periods tile the span (none missing),
    a warning otherwise. Periods whose figures grow and end at the span's figure are
    cumulative: the span's figure is the last."""
    printed: dict[tuple, list[dict]] = {}
    for row in rows:
        printed.setdefault((row["table_no"], row["row_no"]), []).append(row)
    findings = []
    for same in printed.values():
        for span in (r for r in same if r.get("period_start") is not None):
            inside = [r for r in same if _inside(r, span)]
            periods = sorted((r for r in inside if not any(_inside(r, o) for o in inside)),
                             key=lambda r: r["period_start"])
            if len(periods) < 2 or any(_cumulative(periods, span, name) for name in COUNTS):
                continue
            label = span.get("period_label") or "span"
            found = _check_total(span, periods, links, f"the {label} figure", "before",
                                 f"The {len(periods)} periods of {_where(dict(span, is_total=False))}")
            finest = [r for r in inside if not any(_inside(o, r) for o in inside)]
            if found and finest != periods and not _check_total(span, finest, links):
                continue  # it adds up over the months: one of the quarters between erred (its own finding)
            if not _tiles(periods, span):
                for item in found:
                    _doubt(item, "The periods printed do not cover the span exactly")
            marked = sorted({name for r in periods for name in r.get("none_marked") or () if name in COUNTS})
            for item in (item for item in found if item["severity"] == ERROR and marked):
                _doubt(item, f"A period's {' and '.join(marked)} cell printed a word or mark for none, read as 0; "
                             "it may mean no data")
            findings.extend(found)
    return findings


def _inside(row: dict, span: dict) -> bool:
    """The row's period lies within the span's and is shorter."""
    return row is not span and _within(row, span) and not _within(span, row)


def _cumulative(periods: list[dict], span: dict, name: str) -> bool:
    values = [r.get(name) for r in periods]
    return span.get(name) is not None and None not in values and values[-1] == span[name] and \
        all(a <= b for a, b in zip(values, values[1:]))


def _tiles(periods: list[dict], span: dict) -> bool:
    """The periods run from the span's start to its end, each starting the day after the last ends."""
    return periods[0]["period_start"] == span["period_start"] and periods[-1]["period_end"] == span["period_end"] \
        and all((b["period_start"] - a["period_end"]).days == 1 for a, b in zip(periods, periods[1:]))


COUNTS = ("total", "met", "missed")


def _numbered(row: dict) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)*", row.get("item_no") or ""))


def _divisions(children: list[dict]) -> tuple[list[dict], list[tuple[dict, list[dict]]]]:
    """The closed rows but the division rows, and each division row with its rows: an unnumbered
    or lettered row printing the counts its rows print, right above numbered rows ("A | BAHAGIAN
    PERLESENAN | 65 | 63 | 2" over pledges 1 and 2), may print their sum (a total that adds up
    without these rows, or with them alone, says they do; a page's footer, "Muka surat 3", is none)."""
    pledges, divisions = [], []
    for k, child in enumerate(children):
        below = list(takewhile(_numbered, children[k + 1:]))
        printed = {name for row in below for name in COUNTS if row.get(name) is not None}
        if below and not _numbered(child) and any(child.get(name) for name in COUNTS) \
                and all(child.get(name) is not None for name in printed):
            divisions.append((child, below))
        else:
            pledges.append(child)
    return pledges, divisions


def _within(child: dict | None, total: dict) -> bool:
    """A row's period lies within the total row's (or the total names none)."""
    if child is None or total.get("period_start") is None:
        return child is not None
    return child.get("period_start") is not None and \
        total["period_start"] <= child["period_start"] and child["period_end"] <= total["period_end"]


# Which rows a rule can be checked on: a rule that fails on most of a table's rows says the
# columns were misread (a "%" that is no share of the counts) more likely than the agency erred.
CHECKABLE = {
    "counts_sum": lambda r: None not in (r.get("met"), r.get("missed"), r.get("total")),
    "met_pct": lambda r: r.get("met_pct") is not None and r.get("met") is not None and bool(r.get("total")),
    "missed_pct": lambda r: r.get("missed_pct") is not None and r.get("missed") is not None and bool(r.get("total")),
    "pct_sum": lambda r: r.get("met_pct") is not None and r.get("missed_pct") is not None,
}


def _doubt_what_most_rows_fail(rows: list[dict], findings: list[dict]) -> list[dict]:
    failing: dict[tuple, int] = {}
    for item in findings:
        if item["rule"] in CHECKABLE and item["severity"] == ERROR:
            key = (item["table_no"], item["rule"])
            failing[key] = failing.get(key, 0) + 1
    tables: dict[int, list[dict]] = {}
    for row in rows:
        tables.setdefault(row.get("table_no"), []).append(row)
    for (table, rule), count in failing.items():
        checkable = sum(1 for r in tables.get(table, ()) if not r.get("is_total") and CHECKABLE[rule](r))
        if count >= 2 and count > checkable / 2:
            for item in findings:
                if (item["table_no"], item["rule"]) == (table, rule) and item["severity"] == ERROR:
                    _doubt(item, f"The check fails on {count} of the {checkable} rows of this table, so the "
                                 "columns may be misread")
    return findings


def _doubt(item: dict, why: str) -> None:
    """An error whose reading is uncertain is a warning that says why."""
    item["severity"] = WARNING
    item["message"] += f" {why}: the reading is uncertain."


# The fields each arithmetic rule reads: where one of them was printed as a word for none
# ("Tiada", "-", "/"), read as 0, the page may mean "no data" as well: the finding is a warning.
RULE_FIELDS = {
    "counts_sum": ("met", "missed", "total"),
    "met_pct": ("met", "missed", "total", "met_pct"),
    "missed_pct": ("met", "missed", "total", "missed_pct"),
    "pct_sum": ("met_pct", "missed_pct"),
}


def _fields_read(rule: str, row: dict) -> tuple[str, ...]:
    """The fields a finding of `rule` on `row` read: a share of a printed total reads the total,
    its part and itself, not the other part ("656 of 689 is 95.21%" whatever the missed cell says)."""
    if rule in ("met_pct", "missed_pct") and row.get("total") is not None:
        return rule.removesuffix("_pct"), "total", rule
    return RULE_FIELDS.get(rule, ())


def _as_certain_as_the_reading(row: dict, found: list[dict]) -> list[dict]:
    marked, guessed = set(row.get("none_marked") or ()), set(row.get("guessed") or ())
    for item in found:
        read = _fields_read(item["rule"], row)
        if item["severity"] == ERROR and marked.intersection(read):
            _doubt(item, f"The {', '.join(sorted(marked.intersection(read)))} cell printed a word or mark for none, "
                         "read as 0; it may mean no data")
        if item["severity"] == ERROR and guessed.intersection(read):
            _doubt(item, f"No header or legend says which figures are {' and '.join(sorted(guessed.intersection(read)))}"
                         "; they were inferred from the table's arithmetic or layout")
    return found


def _parent(row: dict, links: Links) -> tuple[int, int] | None:
    return links.get((row["table_no"], row["row_no"]), NO_LINKS).parent


def _summed(children: list[dict], name: str, links: Links) -> list:
    """The values of the closed rows that add up: a sub-item ("2a") counts only where its
    parent row ("2") does not print that figure itself."""
    printed = {(c["table_no"], c["row_no"]) for c in children if c.get(name) is not None}
    return [c[name] for c in children if c.get(name) is not None and _parent(c, links) not in printed]


def _met_and_wholes(children: list[dict], links: Links) -> tuple[list, list] | None:
    """The met counts of the closed rows that add up and the whole each is of (the total, or met
    + missed where no total is printed); None when a row's met count has no whole, so that the
    rows' overall ratio is not known ([], [] when no row prints a met count)."""
    printed = {(c["table_no"], c["row_no"]) for c in children if c.get("met") is not None}
    rows = [c for c in children if c.get("met") is not None and _parent(c, links) not in printed]
    wholes = [_whole(c["met"], c.get("missed"), c.get("total")) for c in rows]
    return None if None in wholes else ([c["met"] for c in rows], wholes)


def _whole(met: int | None, missed: int | None, total: int | None) -> int | None:
    """What a share of met or missed is of: the total, or met + missed where no total is printed."""
    return met + missed if total is None and met is not None and missed is not None else total


def _pct_means(children: list[dict]) -> dict[str, float]:
    """The mean of the closed rows' percentages: an average row ("PURATA") may print that."""
    means = {}
    for name in ("met_pct", "missed_pct"):
        values = [c[name] for c in children if c.get(name) is not None]
        if values:
            means[name] = mean(values)
    return means


def finding(row: dict, rule: str, severity: str, message: str, stated, expected) -> dict:
    return {
        "section": row.get("section"), "item_no": row.get("item_no"), "table_no": row.get("table_no"),
        "row_no": row.get("row_no"), "page": row.get("page"), "period_start": row.get("period_start"),
        "period_end": row.get("period_end"), "rule": rule, "severity": severity, "message": message,
        "stated": _fmt(stated), "expected": _fmt(expected), "cells": row.get("cells"),
        "bbox": row.get("bbox"),
    }


@dataclass(frozen=True)
class Reading:
    """The figures of one row as the row rules read them."""

    row: dict
    met: int | None
    missed: int | None  # late buckets: their sum, or where they nest ("melebihi 1 minggu" within "melebihi 2") the one that adds up
    total: int | None  # as printed
    whole: int | None  # the total, or met + missed where no total is printed
    met_pct: float | None
    missed_pct: float | None
    child_means: dict[str, float]  # an average row's rows' mean percentages
    pending: int = 0  # cases still being handled: met + missed + pending make the total
    brought_forward: int = 0  # cases left from the period before: with them, the total may be the workload
    progress: bool = False  # a figure of cumulative progress toward the year's target

    @classmethod
    def of(cls, row: dict, child_means: dict[str, float], link: RowLinks) -> "Reading":
        met, missed, total = row.get("met"), row.get("missed"), row.get("total")
        parts = link.missed_parts
        if len(parts) > 1:  # late buckets: together the missed count, or the one that holds the others
            missed = next((part for part in parts if met is not None and met + part == total
                           and met + sum(parts) != total), sum(parts))
        return cls(row, met, missed, total, _whole(met, missed, total), row.get("met_pct"), row.get("missed_pct"), child_means,
                   link.pending, link.brought_forward, link.progress)

    @property
    def where(self) -> str:  # "item 3 of UNIT HASIL", for the messages
        return _where(self.row)

    @property
    def where_first(self) -> str:  # the "where" opening a sentence
        return self.where[0].upper() + self.where[1:]


def negative_count(r: Reading) -> list[dict]:
    return [finding(r.row, "range", ERROR, f"The {name} count of {r.where} is negative ({value}).", value, ">= 0")
            for name in ("met", "missed", "total", "cumulative")
            if (value := r.row.get(name)) is not None and value < 0]


def percentage_out_of_range(r: Reading) -> list[dict]:
    """A share of cases cannot pass 100%; an achievement against a target may (a warning)."""
    return [finding(r.row, "range", ERROR if name in ("met_pct", "missed_pct") or value < 0 else WARNING,
                    f"The percentage {_fmt(value)}% of {r.where} is outside 0-100.", value, "0-100")
            for name in ("met_pct", "missed_pct", "target_pct", "achievement_pct")
            if (value := r.row.get(name)) is not None and not 0 <= value <= 100]


def counts_sum(r: Reading) -> list[dict]:
    met, missed, total = r.met, r.missed, r.total
    if met is None or total is None:
        return []
    wholes = {total, total + r.brought_forward}  # (received, or received and brought forward: the workload)
    if missed is not None and not {met + missed, met + missed + r.pending} & wholes:
        return [finding(r.row, "counts_sum", ERROR,
                        f"In {r.where}, {met} met plus {missed} missed make {met + missed}, but the total says {total}.",
                        total, met + missed)]
    if missed is None and met > max(wholes):
        return [finding(r.row, "counts_sum", ERROR,
                        f"In {r.where}, {met} cases met the standard out of a total of only {total}.", met, f"<= {total}")]
    if missed is None and r.missed_pct == 0 and met != total:
        return [finding(r.row, "counts_sum", ERROR,
                        f"In {r.where}, no missed count is printed and 0% missed, so the {met} met should be "
                        f"the total, but the total says {total}.", total, met)]
    return []


def zero_total_pct(r: Reading) -> list[dict]:
    stated = r.met_pct or r.missed_pct or r.row.get("achievement_pct")
    if r.whole != 0 or not stated:
        return []
    return [finding(r.row, "zero_total_pct", WARNING, f"{r.where_first} states {_fmt(stated)}% of a total of 0 cases.",
                    f"{_fmt(stated)}%", "no percentage")]


def share_pct(r: Reading) -> list[dict]:
    """met_pct and missed_pct: the printed share of the printed total (an average row may print
    its rows' mean percentage instead)."""
    out = []
    for name, part, pct in (("met_pct", r.met, r.met_pct), ("missed_pct", r.missed, r.missed_pct)):
        if not r.whole or part is None or pct is None or part < 0 or pct_agrees(pct, part, r.whole) \
                or r.pending and r.whole > r.pending and pct_agrees(pct, part, r.whole - r.pending) \
                or r.brought_forward and pct_agrees(pct, part, r.whole + r.brought_forward):
            continue  # (with cases pending, a share may be of the cases done; with cases brought forward, of all)
        mean_of_rows = r.child_means.get(name)
        if mean_of_rows is not None and abs(mean_of_rows - pct) <= 0.5:
            continue
        expected = 100.0 * part / r.whole
        out.append(finding(r.row, name, ERROR, f"In {r.where}, {part} of {r.whole} is {expected:.2f}%, but {_fmt(pct)}% "
                           "is printed.", f"{_fmt(pct)}%", f"{expected:.2f}%"))
    return out


def pct_sum(r: Reading) -> list[dict]:
    met_pct, missed_pct = r.met_pct, r.missed_pct
    if met_pct is None or missed_pct is None or r.pending:
        return []  # (the pending cases' share is the rest)
    tolerance = 2 * 10 ** -max(decimals_of(met_pct), decimals_of(missed_pct)) + 1e-9
    if abs(met_pct + missed_pct - 100) <= tolerance or r.whole == 0 and met_pct + missed_pct == 0:
        return []
    return [finding(r.row, "pct_sum", ERROR, f"In {r.where}, {_fmt(met_pct)}% met and {_fmt(missed_pct)}% missed add "
                    f"up to {_fmt(met_pct + missed_pct)}%, not 100%.", f"{_fmt(met_pct + missed_pct)}%", "100%")]


def below_target(r: Reading) -> list[dict]:
    """An achievement under its target; not one printed as a none-mark ("-", "Tiada": no
    cases, or a month not reported), which says nothing of the pledge being kept, nor progress
    toward the year's target before the year's end."""
    target, achieved = r.row.get("target_pct"), r.row.get("achievement_pct")
    if target is None or achieved is None or achieved >= target or "achievement_pct" in r.row.get("none_marked", ()):
        return []
    end = r.row.get("period_end")
    if r.progress and end is not None and (end.month, end.day) != (12, 31):
        return []
    return [finding(r.row, "below_target", INFO, f"{r.where_first} achieved {_fmt(achieved)}% against a target of "
                    f"{_fmt(target)}%.", f"{_fmt(achieved)}%", f">= {_fmt(target)}%")]


# The row rules, in the order their findings are listed. A new check is one function here (and
# the fields it reads in RULE_FIELDS / CHECKABLE, so that the certainty rules apply to it).
ROW_RULES = [negative_count, percentage_out_of_range, counts_sum, zero_total_pct, share_pct, pct_sum, below_target]


def _check_row(row: dict, child_means: dict[str, float], link: RowLinks) -> list[dict]:
    reading = Reading.of(row, child_means, link)
    return [item for rule in ROW_RULES for item in rule(reading)]


def _check_total(total_row: dict, children: list[dict], links: Links, says: str = "the total row", side: str = "above",
                 closed: str | None = None) -> list[dict]:
    """A total row (or a division's row over its rows, a period column's span over the periods:
    `says` it, the rows `side` it, `closed` naming them) against the rows it closes: each count
    is their sum; a percentage printed without counts is their overall ratio or the mean of
    their percentages."""
    differing = []
    label = f"{total_row.get('pledge') or ''} {total_row.get('period_label') or ''}".lower()
    average = "purata" in label or "average" in label
    for name in ("total", "met", "missed"):
        stated = total_row.get(name)
        values = _summed(children, name, links)
        if stated is None or not values:
            continue
        if sum(values) != stated and not (average and abs(stated - sum(values) / len(values)) < 1):
            differing.append((name, stated, sum(values)))  # an average row may print the mean count
    pct = total_row.get("met_pct")
    if pct is not None and total_row.get("total") is None and not differing:
        counts = _met_and_wholes(children, links)
        pcts = [c["met_pct"] for c in children if c.get("met_pct") is not None and _parent(c, links) is None]
        ratio_known = counts is not None and sum(counts[1]) > 0
        ratio_ok = ratio_known and pct_agrees(pct, sum(counts[0]), sum(counts[1]))
        mean_ok = bool(pcts) and (pct_agrees(pct, sum(pcts), 100 * len(pcts)))
        if (ratio_known or pcts and counts is not None) and not (ratio_ok or mean_ok):
            expected = 100 * sum(counts[0]) / sum(counts[1]) if ratio_known else mean(pcts)
            message = f"The rows {side} {says} give {expected:.2f}% met overall; {says} says {_fmt(pct)}%."
            return [finding(total_row, "section_total", ERROR, message, f"{_fmt(pct)}%", f"{expected:.2f}%")]
    if not differing:
        return []
    name, stated, expected = differing[0]
    sections = {c.get("section") for c in children}
    if closed is None and len(sections) == 1 and None not in sections:
        closed = f"The rows of {sections.pop()}"
    elif closed is None:
        closed = f"The {len(children)} rows {side} {says} {total_row.get('pledge') or ''}".rstrip()
    words = {"total": "cases", "met": "cases met", "missed": "cases missed"}
    message = f"{closed} add up to {expected} {words[name]}; {says} says {stated}."
    others = [f"{n}: rows {e}, {says.removeprefix('the ')} {s}" for n, s, e in differing[1:]]
    if others:
        message += " Also " + "; ".join(others) + "."
    return [finding(total_row, "section_total", ERROR, message, stated, expected)]
