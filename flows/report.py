"""The audit report as one self-contained HTML page: inline CSS, JS, SVG charts and data: images.

Nothing is fetched when it opens (no CDN, no server): it can be mailed to an agency as it is.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from html import escape
from pathlib import Path

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#d68910", "info": "#2874a6"}

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top}
th{background:#f2f2f2;cursor:pointer;user-select:none;text-align:left}th.sorted-asc::after{content:" \\25B2"}
th.sorted-desc::after{content:" \\25BC"}td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;text-transform:uppercase;font-size:.85em}.sev-error{color:#c0392b}
.sev-warning{color:#b9770e}.sev-info{color:#2874a6}
.cells td{border:1px solid #999;background:#fffbe6;font-family:monospace;font-size:.9em}
.evidence img{max-width:100%;border:1px solid #999;margin-top:4px}
.filters{display:flex;gap:1em;flex-wrap:wrap;margin:.5em 0}.filters label{display:flex;flex-direction:column}
.charts{display:flex;gap:2em;flex-wrap:wrap}.muted{color:#666}
"""

JS = """
function applyFilters(){
  const f={};document.querySelectorAll('.filters select').forEach(s=>{if(s.value)f[s.dataset.key]=s.value;});
  let shown=0;
  document.querySelectorAll('#findings > tbody > tr').forEach(tr=>{
    const ok=Object.entries(f).every(([k,v])=>tr.dataset[k]===v);tr.hidden=!ok;if(ok)shown++;});
  document.getElementById('shown').textContent=shown;
}
function sortBy(th){
  const table=th.closest('table'),body=table.tBodies[0],i=[...th.parentNode.children].indexOf(th);
  const asc=!th.classList.contains('sorted-asc');
  table.tHead.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
  th.classList.add(asc?'sorted-asc':'sorted-desc');
  const key=tr=>{const c=tr.children[i];const v=c.dataset.sort!==undefined?c.dataset.sort:c.textContent.trim();
    const n=parseFloat(v);return isNaN(n)||!/^[-+0-9.]/.test(v)?v.toLowerCase():n;};
  [...body.rows].sort((a,b)=>{const x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);})
    .forEach(tr=>body.appendChild(tr));
}
document.querySelectorAll('.filters select').forEach(s=>s.addEventListener('change',applyFilters));
document.querySelectorAll('thead th').forEach(th=>th.addEventListener('click',()=>sortBy(th)));
applyFilters();
"""


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _pct(value) -> str:
    return "" if value is None else f"{value:.1f}%"


def _month_index(period: str) -> int:
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def met_chart(series: dict[str, list[tuple[str, float]]]) -> str:
    """% met per agency over time: one line per agency on a month axis."""
    series = {a: sorted((p, v) for p, v in points if p != "unknown") for a, points in series.items()}
    series = {a: points for a, points in series.items() if points}
    months = [_month_index(p) for points in series.values() for p, _ in points]
    if not months:
        return "<p class='muted'>No period with met and total counts or printed percentages.</p>"
    first, last = min(months), max(months)
    w, h, left, bottom, top, right = 640, 270, 44, 50, 14, 24
    span = max(1, last - first)

    def x(period):
        offset = _month_index(period) - first
        return left + (offset / span if last > first else 0.5) * (w - left - right)

    def y(v):
        return top + (100 - v) / 100 * (h - top - bottom)

    height = h + 20 * len(series)
    parts = [f"<svg id='chart-met' role='img' aria-label='% met per agency over time' width='{w}' height='{height}' "
             f"viewBox='0 0 {w} {height}' xmlns='http://www.w3.org/2000/svg' font-size='11'>",
             "<title>% met per agency over time</title>"]
    for v in range(0, 101, 25):
        parts.append(f"<line x1='{left}' x2='{w - right}' y1='{y(v):.1f}' y2='{y(v):.1f}' stroke='#ddd'/>"
                     f"<text x='{left - 6}' y='{y(v) + 4:.1f}' text-anchor='end'>{v}%</text>")
    step = max(1, -(-(last - first + 1) // 8))  # at most about 8 month labels
    for month in range(first, last + 1, step):
        label = f"{month // 12:04d}-{month % 12 + 1:02d}"
        parts.append(f"<text x='{x(label):.1f}' y='{h - bottom + 16}' text-anchor='middle'>{label}</text>")
    for i, (agency, points) in enumerate(sorted(series.items())):
        colour = COLOURS[i % len(COLOURS)]
        coords = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in points)
        parts.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{coords}'/>")
        for p, v in points:
            parts.append(f"<circle cx='{x(p):.1f}' cy='{y(v):.1f}' r='4' fill='{colour}'>"
                         f"<title>{_e(agency)} {_e(p)}: {v:.1f}% met</title></circle>")
        ly = h + 20 * i
        parts.append(f"<rect x='{left}' y='{ly}' width='12' height='12' fill='{colour}'/>"
                     f"<text x='{left + 18}' y='{ly + 10}'>{_e(agency)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def rule_chart(findings: list[dict]) -> str:
    """Findings by rule: one bar per rule, split by severity."""
    counts = Counter((f["rule"], f["severity"]) for f in findings)
    rules = sorted({r for r, _ in counts}, key=lambda r: -sum(n for (q, _), n in counts.items() if q == r))
    if not rules:
        return "<p class='muted'>No findings.</p>"
    most = max(sum(n for (q, _), n in counts.items() if q == r) for r in rules)
    w, left, bar = 520, 150, 22
    h = bar * len(rules) + 30
    parts = [f"<svg id='chart-rules' role='img' aria-label='findings by rule' width='{w}' height='{h}' "
             f"viewBox='0 0 {w} {h}' xmlns='http://www.w3.org/2000/svg' font-size='11'><title>Findings by rule</title>"]
    for i, rule in enumerate(rules):
        yy, xx = 10 + i * bar, left
        parts.append(f"<text x='{left - 6}' y='{yy + 14}' text-anchor='end'>{_e(rule)}</text>")
        for severity in ("error", "warning", "info"):
            n = counts.get((rule, severity), 0)
            if n:
                width = n / most * (w - left - 50)
                parts.append(f"<rect x='{xx:.1f}' y='{yy}' width='{width:.1f}' height='{bar - 6}' "
                             f"fill='{SEVERITY_COLOURS[severity]}'><title>{_e(rule)}: {n} {severity}</title></rect>")
                xx += width
        total = sum(counts.get((rule, s), 0) for s in SEVERITY_COLOURS)
        parts.append(f"<text x='{xx + 4:.1f}' y='{yy + 14}'>{total}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _summary_table(summary: list[dict]) -> str:
    head = "".join(f"<th>{c}</th>" for c in ("Agency", "Period", "Documents", "Pledges", "Overall % met*",
                                             "Errors", "Warnings", "Info"))
    rows = []
    for s in summary:
        rows.append(f"<tr><td>{_e(s['agency'])}</td><td>{_e(s['period'])}</td><td class='num'>{s['documents']}</td>"
                    f"<td class='num'>{s['pledges']}</td><td class='num' data-sort='{s['met_pct'] if s['met_pct'] is not None else -1}'>"
                    f"{_pct(s['met_pct'])}</td><td class='num'>{s['error']}</td><td class='num'>{s['warning']}</td>"
                    f"<td class='num'>{s['info']}</td></tr>")
    return (f"<table id='summary'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "<p class='muted'>* cases that met the standard over all cases; where a report prints only "
            "achievement percentages, their mean. A pledge published in several documents of a period "
            "counts once.</p>")


def _link(href: str | None, text: str) -> str:
    return f"<a href='{_e(href)}'>{_e(text)}</a>" if href else ""


def _archive_href(path: str | None) -> str | None:
    if not path:
        return None
    return path if "://" in path else Path(path).absolute().as_uri()


def _finding_row(f: dict) -> str:
    doc = f["document"]
    where = [f"table {f['table_no']}" if f.get("table_no") else "", f"row {f['row_no']}" if f.get("row_no") else "",
             f"page {f['page']}" if f.get("page") else ""]
    cells = "".join(f"<td>{_e(c)}</td>" for c in f.get("cells") or [])
    picture = (f"<img class='row-picture' alt='table on page {f['page']}, the row highlighted' src='{f['picture']}'>"
               if f.get("picture") else f"<p class='muted'>{_e(f.get('picture_error'))}</p>" if f.get("picture_error") else "")
    title = doc.get("title") or (doc.get("url") or "").rsplit("/", 1)[-1]
    return (
        f"<tr class='finding' data-agency='{_e(f.get('agency'))}' data-period='{_e(f['period'])}' "
        f"data-rule='{_e(f['rule'])}' data-severity='{_e(f['severity'])}'>"
        f"<td><span class='sev sev-{_e(f['severity'])}'>{_e(f['severity'])}</span></td>"
        f"<td>{_e(f.get('agency'))}</td><td>{_e(f['period'])}</td><td>{_e(f['rule'])}</td>"
        f"<td class='evidence'><p class='message'>{_e(f['message'])}</p>"
        f"<p>{_e(title)} ({_e((doc.get('format') or '').upper())}, {_e(doc.get('period_label'))}): "
        f"{_e(', '.join(w for w in where if w))}. {_link(f['source_link'], 'source')} · "
        f"{_link(_archive_href(f.get('archived_copy')), 'archived copy')}</p>"
        f"<table class='cells' aria-label='the row as printed'><tr>{cells}</tr></table>{picture}</td>"
        f"<td class='num stated'>{_e(f.get('stated'))}</td><td class='num expected'>{_e(f.get('expected'))}</td>"
        f"<td class='num'>{_e(f.get('difference'))}</td></tr>"
    )


def _filters(findings: list[dict]) -> str:
    out = []
    for key, label in (("agency", "Agency"), ("period", "Period"), ("rule", "Rule"), ("severity", "Severity")):
        values = sorted({str(f.get(key) or "") for f in findings})
        options = "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in values)
        out.append(f"<label>{label}<select id='filter-{key}' data-key='{key}'><option value=''>all</option>"
                   f"{options}</select></label>")
    return f"<div class='filters'>{''.join(out)}</div>"


def _worst(findings: list[dict]) -> str:
    """One sentence per agency: how many errors, and where."""
    errors: dict[str, list[dict]] = {}
    for f in findings:
        if f["severity"] == "error":
            errors.setdefault(f.get("agency") or "", []).append(f)
    if not errors:
        return "<p>No published figure fails the arithmetic checks.</p>"
    items = []
    for agency, items_of in sorted(errors.items()):
        sections = sorted({f.get("section") or "" for f in items_of} - {""})
        documents = len({f["doc_id"] for f in items_of})
        messages = "".join(f"<li>{_e(m)}</li>" for m in sorted({f["message"] for f in items_of}))
        items.append(f"<li><b>{_e(agency)}</b>: {len(items_of)} error{'s' if len(items_of) != 1 else ''} in "
                     f"{documents} document{'s' if documents != 1 else ''} "
                     f"({_e(', '.join(sorted({f['period'] for f in items_of})))}), in "
                     f"{_e('; '.join(sections) or 'the tables')}:<ul>{messages}</ul></li>")
    return f"<ul id='agencies-with-errors'>{''.join(items)}</ul>"


def _unread(documents: list[dict]) -> str:
    """The documents that gave no pledge rows, with the reason: figures the audit could not check."""
    rows = [f"<tr><td>{_e(d.get('agency'))}</td><td>{_link(d.get('url'), d.get('url') or '')}</td>"
            f"<td>{_e(d['status'])}</td><td>{_e(d.get('error'))}</td></tr>"
            for d in documents if d["status"] != "ok"]
    if not rows:
        return ""
    return ("<h2>Documents not read</h2><table id='unread'><thead><tr><th>Agency</th><th>Document</th>"
            f"<th>Status</th><th>Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render(audit) -> str:
    findings = audit.findings
    head = "".join(f"<th>{c}</th>" for c in ("Severity", "Agency", "Period", "Rule", "Finding and evidence",
                                             "Stated", "Expected", "Difference"))
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    ok = sum(1 for d in audit.documents if d["status"] == "ok")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>piagam audit report</title><style>{CSS}</style></head><body>
<h1>Client charter figures: audit report</h1>
<p class="muted">Made {made} from {len(audit.documents)} documents ({ok} read). Every finding below carries the
document, page, table and row it comes from and the row's cells as printed.</p>
<h2>Agencies whose figures do not add up</h2>{_worst(findings)}
<h2>Summary by agency and period</h2>{_summary_table(audit.summary)}{_unread(audit.documents)}
<h2>Charts</h2><div class="charts"><figure>{met_chart(audit.met_series)}<figcaption>% of cases that met the
standard, per agency and period</figcaption></figure><figure>{rule_chart(findings)}<figcaption>Findings by rule
(<span class="sev-error">error</span>, <span class="sev-warning">warning</span>,
<span class="sev-info">info</span>)</figcaption></figure></div>
<h2>Findings</h2>{_filters(findings)}<p><span id="shown">{len(findings)}</span> of {len(findings)} findings shown.
Click a column heading to sort.</p>
<table id="findings"><thead><tr>{head}</tr></thead><tbody>{''.join(_finding_row(f) for f in findings)}</tbody></table>
<script>{JS}</script></body></html>
"""
