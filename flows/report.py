"""The audit report: one HTML page (inline CSS, JS and SVG charts), the evidence pictures beside it.

Nothing is fetched from elsewhere when it opens (no CDN, no server): the `reports/` folder can be
zipped and mailed as it is. Sized for a month of hundreds of agencies: the findings travel as
JSON in the page and are drawn a page of rows at a time, filtered and searched in the browser;
the pictures are files (`evidence/*.png`) loaded when their row scrolls into view; the charts
show the top agencies and a selector, never one legend entry per agency.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timezone
from html import escape
from statistics import median

SEVERITIES = ("error", "warning", "info")
SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#d68910", "info": "#2874a6"}
TOP = 20  # agencies in a top-N chart
PAGE = 100  # finding rows drawn at a time

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 1.5em 1.5em;color:#222}
nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccc;padding:.5em 0;display:flex;
 gap:1em;align-items:center;flex-wrap:wrap}nav input{flex:1;min-width:16em;padding:4px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;scroll-margin-top:3em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top}
th{background:#f2f2f2;cursor:pointer;user-select:none;text-align:left}th.sorted-asc::after{content:" \\25B2"}
th.sorted-desc::after{content:" \\25BC"}td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;text-transform:uppercase;font-size:.85em}.sev-error{color:#c0392b}
.sev-warning{color:#b9770e}.sev-info{color:#2874a6}
.cells td{border:1px solid #999;background:#fffbe6;font-family:monospace;font-size:.9em}
.frame{max-height:320px;overflow:auto;margin-top:4px;max-width:100%;display:inline-block}
.picture{position:relative;display:inline-block}.scroll-box{max-height:420px;overflow:auto}
figure label{display:block}
.picture img{display:block;max-width:100%;height:auto;border:1px solid #999}
.row-mark{position:absolute;background:rgba(230,40,40,.22);outline:2px solid #c80000}
.filters{display:flex;gap:1em;flex-wrap:wrap;margin:.5em 0}.filters label{display:flex;flex-direction:column}
.charts{display:flex;gap:2em;flex-wrap:wrap}.muted{color:#666}figure{margin:0}
svg .bar{cursor:pointer}svg .bar:hover rect{opacity:.75}button.agency{all:unset;color:#0645ad;cursor:pointer}
"""

JS = """
const D=JSON.parse(document.getElementById('report-data').textContent);
const SEV=['error','warning','info'];
const el=(tag,attrs,...kids)=>{const e=document.createElement(tag);
  for(const [k,v] of Object.entries(attrs||{}))if(v!==null&&v!==undefined&&v!=='')e.setAttribute(k,v);
  for(const k of kids)if(k!==null&&k!==undefined)e.append(k);return e;};
const F=D.findings.map(f=>({sev:f[0],agency:D.agencies[f[1]],ai:f[1],period:f[2],rule:f[3],message:f[4],
  stated:f[5],expected:f[6],difference:f[7],section:f[8],cells:f[9],evidence:f[10]}));
let rows=F,drawn=0;
function hay(f){if(f.hay===undefined)f.hay=[f.agency,f.section,f.rule,f.message,f.cells.join(' '),
  ...f.evidence.map(e=>D.docs[e[0]][0])].join(' ').toLowerCase();return f.hay;}
function findingRow(f){
  const ev=el('td',{class:'evidence'},el('p',{class:'message'},f.message));
  for(const [d,page,table,row,picture,mark,dims,why] of f.evidence){
    const [title,format,label,url,copy]=D.docs[d];
    const where=[table?'table '+table:'',row?'row '+row:'',page?'page '+page:''].filter(Boolean).join(', ');
    const src=url&&page&&format==='pdf'?url+'#page='+page:url;
    const p=el('p',{class:'document'},`${title} (${format.toUpperCase()}, ${label||''}): ${where}. `);
    if(src)p.append(el('a',{href:src},'source'));
    const at=page&&format==='pdf';  // a PDF opens at the page
    if(copy)p.append(' · ',el('a',{href:at?copy+'#page='+page:copy},at?'archived copy, page '+page:'archived copy'));
    ev.append(p);
    if(picture){const img=el('img',{class:'row-picture',loading:'lazy',src:picture,width:dims[0],height:dims[1],
        alt:`table on page ${page}, the row highlighted`}),box=el('a',{class:'picture',href:picture},img),frame=el('div',{class:'frame'},box);
      if(mark){box.append(el('span',{class:'row-mark',style:`left:${mark[0]*100}%;top:${mark[1]*100}%;`+
        `width:${mark[2]*100}%;height:${mark[3]*100}%`}));
        img.addEventListener('load',()=>{frame.scrollTop=mark[1]*img.height-60;});}  // the row in view
      ev.append(frame);}
    if(why)ev.append(el('p',{class:'muted'},why));
  }
  ev.append(el('table',{class:'cells','aria-label':'the row as printed'},el('tr',{},...f.cells.map(c=>el('td',{},c)))));
  return el('tr',{class:'finding','data-agency':f.agency,'data-period':f.period,'data-rule':f.rule,'data-severity':SEV[f.sev]},
    el('td',{},el('span',{class:'sev sev-'+SEV[f.sev]},SEV[f.sev])),el('td',{},f.agency),el('td',{},f.period),
    el('td',{},f.rule),ev,el('td',{class:'num stated'},f.stated),el('td',{class:'num expected'},f.expected),
    el('td',{class:'num'},f.difference));
}
function drawMore(){
  const body=document.querySelector('#findings > tbody');
  for(const f of rows.slice(drawn,drawn+D.page))body.append(findingRow(f));
  drawn=Math.min(rows.length,drawn+D.page);
  document.getElementById('drawn').textContent=drawn;document.getElementById('more').hidden=drawn>=rows.length;
}
function applyFilters(){
  const want={};document.querySelectorAll('.filters select').forEach(s=>{if(s.value)want[s.dataset.key]=s.value;});
  const q=document.getElementById('search').value.trim().toLowerCase();
  rows=F.filter(f=>(!want.agency||f.agency===want.agency)&&(!want.period||f.period===want.period)&&
    (!want.rule||f.rule===want.rule)&&(!want.severity||SEV[f.sev]===want.severity)&&(!q||hay(f).includes(q)));
  if(sortKey)rows.sort(compare);
  document.querySelector('#findings > tbody').replaceChildren();drawn=0;drawMore();
  document.getElementById('shown').textContent=rows.length;
  document.querySelectorAll('table.searchable > tbody > tr').forEach(tr=>{
    tr.hidden=!!q&&!tr.textContent.toLowerCase().includes(q);});
}
const KEYS=[f=>f.sev,f=>f.ai,f=>f.period,f=>f.rule,f=>f.message,f=>num(f.stated),f=>num(f.expected),f=>num(f.difference)];
const num=v=>{const n=parseFloat(v);return isNaN(n)?-Infinity:n;};
let sortKey=null,sortAsc=true;
const compare=(a,b)=>{const x=sortKey(a),y=sortKey(b);return (x<y?-1:x>y?1:0)*(sortAsc?1:-1);};
document.querySelectorAll('#findings > thead th').forEach((th,i)=>th.addEventListener('click',()=>{
  sortAsc=!th.classList.contains('sorted-asc');sortKey=KEYS[i];
  th.parentNode.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
  th.classList.add(sortAsc?'sorted-asc':'sorted-desc');applyFilters();}));
function sortTable(th){
  const table=th.closest('table'),body=table.tBodies[0],i=[...th.parentNode.children].indexOf(th);
  const asc=!th.classList.contains('sorted-asc');
  table.tHead.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
  th.classList.add(asc?'sorted-asc':'sorted-desc');
  const key=tr=>{const c=tr.children[i];const v=c.dataset.sort!==undefined?c.dataset.sort:c.textContent.trim();
    const n=parseFloat(v);return isNaN(n)||!/^[-+0-9.]/.test(v)?v.toLowerCase():n;};
  [...body.rows].sort((a,b)=>{const x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);})
    .forEach(tr=>body.appendChild(tr));
}
document.querySelectorAll('table.sortable > thead th').forEach(th=>th.addEventListener('click',()=>sortTable(th)));
function month(p){const [y,m]=p.split('-').map(Number);return y*12+m-1;}
function drawMet(){
  const svg=document.getElementById('chart-met'),name=document.getElementById('chart-agency').value;
  const points=(D.series[name]||[]).filter(p=>p[0]!=='unknown'),mid=D.median.filter(p=>p[0]!=='unknown');
  const all=[...points,...mid].map(p=>month(p[0]));svg.replaceChildren();
  const NS='http://www.w3.org/2000/svg',add=(tag,attrs,text)=>{const e=document.createElementNS(NS,tag);
    for(const [k,v] of Object.entries(attrs))e.setAttribute(k,v);if(text!==undefined)e.textContent=text;svg.append(e);return e;};
  add('title',{},'% met over time: '+name);
  if(!all.length){add('text',{x:20,y:40},'No period with met and total counts or printed percentages.');return;}
  const w=640,h=270,left=44,bottom=50,top=14,right=24,first=Math.min(...all),last=Math.max(...all),span=Math.max(1,last-first);
  const x=p=>left+(last>first?(month(p)-first)/span:0.5)*(w-left-right),y=v=>top+(100-v)/100*(h-top-bottom);
  for(let v=0;v<=100;v+=25){add('line',{x1:left,x2:w-right,y1:y(v),y2:y(v),stroke:'#ddd'});
    add('text',{x:left-6,y:y(v)+4,'text-anchor':'end'},v+'%');}
  const step=Math.max(1,Math.ceil((last-first+1)/8));
  for(let m=first;m<=last;m+=step){const label=`${Math.floor(m/12)}-${String(m%12+1).padStart(2,'0')}`;
    add('text',{x:x(label),y:h-bottom+16,'text-anchor':'middle'},label);}
  const line=(pts,colour,dash,label,ly)=>{
    add('polyline',{fill:'none',stroke:colour,'stroke-width':2,'stroke-dasharray':dash,points:pts.map(p=>x(p[0])+','+y(p[1])).join(' ')});
    for(const [p,v] of pts){const c=add('circle',{cx:x(p),cy:y(v),r:4,fill:colour,class:'point'});
      const t=document.createElementNS(NS,'title');t.textContent=`${label} ${p}: ${v.toFixed(1)}% met`;c.append(t);}
    add('rect',{x:left,y:ly,width:12,height:12,fill:colour});add('text',{x:left+18,y:ly+10},label);};
  line(mid,'#999','4 3','median of all agencies',h+20);
  line(points,'#1f77b4','',name,h);
}
function setAgency(name){
  const chart=document.getElementById('chart-agency');
  if([...chart.options].some(o=>o.value===name)){chart.value=name;drawMet();}
  document.getElementById('filter-agency').value=name;applyFilters();
}
document.getElementById('chart-agency').addEventListener('change',drawMet);
document.querySelectorAll('svg .bar[data-agency]').forEach(b=>b.addEventListener('click',()=>setAgency(b.dataset.agency)));
document.querySelectorAll('svg .bar[data-rule]').forEach(b=>b.addEventListener('click',()=>{
  document.getElementById('filter-rule').value=b.dataset.rule;applyFilters();
  document.getElementById('findings-section').scrollIntoView();}));
document.querySelectorAll('button.agency').forEach(b=>b.addEventListener('click',()=>{setAgency(b.textContent);
  document.getElementById('findings-section').scrollIntoView();}));
document.querySelectorAll('.filters select').forEach(s=>s.addEventListener('change',applyFilters));
let typing;document.getElementById('search').addEventListener('input',()=>{clearTimeout(typing);typing=setTimeout(applyFilters,150);});
document.getElementById('more').addEventListener('click',drawMore);
drawMet();applyFilters();
"""


def natural(text: str) -> tuple:
    """A sort key in natural order: "Majlis 2" before "Majlis 10", case folded."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", text or "") if part)


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _pct(value) -> str:
    return "" if value is None else f"{value:.1f}%"


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, str, list[tuple[float, str, str]], str]],
              most: float, label_width: int = 230) -> str:
    """Horizontal bars, one per (label, data attribute, [(value, colour, tooltip)] stacked, text at
    its end), scaled to `most`; each bar's group carries the data attribute a click filters on."""
    if not bars:
        return "<p class='muted'>Nothing to show.</p>"
    w, bar = 560, 20
    h = bar * len(bars) + 16
    parts = [f"<svg id='{chart_id}' role='img' aria-label='{_e(title)}' width='{w}' height='{h}' "
             f"viewBox='0 0 {w} {h}' xmlns='http://www.w3.org/2000/svg' font-size='11'><title>{_e(title)}</title>"]
    for i, (label, data, segments, end) in enumerate(bars):
        yy, xx = 8 + i * bar, label_width
        short = label if len(label) <= 36 else label[:35] + "…"
        parts.append(f"<g class='bar' {data}><title>{_e(label)}: "
                     f"{_e(', '.join(tip for _, _, tip in segments))}</title>"
                     f"<text x='{label_width - 6}' y='{yy + 13}' text-anchor='end'>{_e(short)}</text>")
        for value, colour, _ in segments:
            width = value / most * (w - label_width - 50) if most else 0
            parts.append(f"<rect x='{xx:.1f}' y='{yy}' width='{width:.1f}' height='{bar - 5}' fill='{colour}'/>")
            xx += width
        parts.append(f"<text x='{xx + 4:.1f}' y='{yy + 13}'>{_e(end)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)


def lowest_met_chart(summary: list[dict]) -> str:
    """The TOP agencies with the lowest % met (over all their periods' cases)."""
    met: dict[str, list[float]] = {}
    for s in summary:
        if s["met_pct"] is not None:
            met.setdefault(s["agency"], []).append(s["met_pct"])
    worst = sorted(((sum(v) / len(v), a) for a, v in met.items()), key=lambda t: (t[0], natural(t[1])))[:TOP]
    return bar_chart("chart-lowest", f"The {len(worst)} agencies with the lowest % met",
                     [(a, f"data-agency='{_e(a)}'", [(pct, "#1f77b4", f"{pct:.1f}% met")], f"{pct:.1f}%")
                      for pct, a in worst], 100)


def agencies_chart(findings: list[dict]) -> str:
    """The TOP agencies by errors (then warnings), errors and warnings stacked."""
    counts = Counter((f["agency"] or "", f["severity"]) for f in findings)
    agencies = {a for a, s in counts if s in ("error", "warning")}
    top = sorted(agencies, key=lambda a: (-counts[a, "error"], -counts[a, "warning"], natural(a)))[:TOP]
    most = max((counts[a, "error"] + counts[a, "warning"] for a in top), default=0)
    return bar_chart("chart-agencies", f"The {len(top)} agencies with the most errors and warnings",
                     [(a, f"data-agency='{_e(a)}'",
                       [(counts[a, s], SEVERITY_COLOURS[s], f"{counts[a, s]} {s}") for s in ("error", "warning")
                        if counts[a, s]], str(counts[a, "error"] + counts[a, "warning"])) for a in top], most)


def rule_chart(findings: list[dict]) -> str:
    """Findings by rule: one bar per rule, split by severity."""
    counts = Counter((f["rule"], f["severity"]) for f in findings)
    totals = Counter()
    for (rule, _), n in counts.items():
        totals[rule] += n
    rules = sorted(totals, key=lambda r: (-totals[r], r))
    return bar_chart("chart-rules", "Findings by rule",
                     [(r, f"data-rule='{_e(r)}'", [(counts[r, s], SEVERITY_COLOURS[s], f"{counts[r, s]} {s}")
                                                   for s in SEVERITIES if counts[r, s]], str(totals[r]))
                      for r in rules],
                     max(totals.values(), default=0), label_width=150)


def _summary_table(summary: list[dict]) -> str:
    head = "".join(f"<th>{c}</th>" for c in ("Agency", "Period", "Documents", "Pledges", "Overall % met*",
                                             "Errors", "Warnings", "Info"))
    rows = []
    for i, s in enumerate(summary):
        rows.append(f"<tr><td data-sort='{i:06d}'>{_e(s['agency'])}</td><td>{_e(s['period'])}</td>"
                    f"<td class='num'>{s['documents']}</td><td class='num'>{s['pledges']}</td>"
                    f"<td class='num' data-sort='{s['met_pct'] if s['met_pct'] is not None else -1}'>"
                    f"{_pct(s['met_pct'])}</td><td class='num'>{s['error']}</td><td class='num'>{s['warning']}</td>"
                    f"<td class='num'>{s['info']}</td></tr>")
    return (f"<div class='scroll-box'><table id='summary' class='sortable searchable'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            "<p class='muted'>* cases that met the standard over all cases; where a report prints only "
            "achievement percentages, their mean. A pledge or a finding published in several documents of a "
            "period (the HTML and the PDF of one report) counts once.</p>")


def _link(href: str | None, text: str) -> str:
    return f"<a href='{_e(href)}'>{_e(text)}</a>" if href else ""


def _filters(agencies: list[str], findings: list[dict]) -> str:
    out = []
    values = {"agency": agencies, "period": sorted({f["period"] for f in findings}),
              "rule": sorted({f["rule"] for f in findings}),
              "severity": [s for s in SEVERITIES if any(f["severity"] == s for f in findings)]}
    for key, label in (("agency", "Agency"), ("period", "Period"), ("rule", "Rule"), ("severity", "Severity")):
        options = "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in values[key])
        out.append(f"<label>{label}<select id='filter-{key}' data-key='{key}'><option value=''>all</option>"
                   f"{options}</select></label>")
    return f"<div class='filters'>{''.join(out)}</div>"


def _worst(findings: list[dict]) -> str:
    """One row per agency with errors: how many, in which documents, periods and sections."""
    errors: dict[str, list[dict]] = {}
    for f in findings:
        if f["severity"] == "error":
            errors.setdefault(f["agency"] or "", []).append(f)
    if not errors:
        return "<p>No published figure fails the arithmetic checks.</p>"
    rows = []
    for agency in sorted(errors, key=natural):
        items = errors[agency]
        sections = sorted({f.get("section") or "" for f in items} - {""})
        documents = len({d for f in items for d in f["documents"]})
        messages = "".join(f"<li>{_e(m)}</li>" for m in sorted({f["message"] for f in items}))
        rows.append(f"<tr><td><button class='agency' type='button'>{_e(agency)}</button></td>"
                    f"<td class='num'>{len(items)}</td><td class='num'>{documents}</td>"
                    f"<td>{_e(', '.join(sorted({f['period'] for f in items})))}</td>"
                    f"<td>{_e('; '.join(sections) or 'the tables')}<details><summary>what</summary><ul>{messages}"
                    f"</ul></details></td></tr>")
    return ("<div class='scroll-box'><table id='agencies-with-errors' class='sortable searchable'><thead><tr>"
            "<th>Agency</th><th>Errors</th><th>Documents</th><th>Periods</th><th>Sections</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _unread(documents: list[dict]) -> str:
    """The documents that gave no pledge rows, with the reason: figures the audit could not check."""
    rows = [f"<tr><td>{_e(d.get('agency'))}</td><td>{_link(d.get('url'), d.get('url') or '')}</td>"
            f"<td>{_e(d['status'])}</td><td>{_e(d.get('error'))}</td></tr>"
            for d in sorted(documents, key=lambda d: natural(d.get("agency") or "")) if d["status"] != "ok"]
    if not rows:
        return ""
    return ("<h2 id='unread-section'>Documents not read</h2><table id='unread' class='sortable searchable'><thead><tr>"
            f"<th>Agency</th><th>Document</th><th>Status</th><th>Why</th></tr></thead><tbody>{''.join(rows)}"
            "</tbody></table>")


def _data(audit, agencies: list[str]) -> str:
    """The findings, their documents and the % met series as JSON for the page's script."""
    agency_no = {a: i for i, a in enumerate(agencies)}
    docs: dict[str, int] = {}
    doc_rows = []
    findings = []
    for f in audit.findings:
        evidence = []
        for item in f["evidence"]:
            doc = item["document"]
            if item["doc_id"] not in docs:
                docs[item["doc_id"]] = len(doc_rows)
                title = doc.get("title") or (doc.get("url") or "").rsplit("/", 1)[-1]
                doc_rows.append([title, doc.get("format") or "", doc.get("period_label"), doc.get("url"),
                                 item.get("copy")])
            evidence.append([docs[item["doc_id"]], item.get("page"), item.get("table_no"), item.get("row_no"),
                             item.get("picture"), [round(v, 4) for v in item["mark"]] if item.get("mark") else None,
                             item.get("picture_size"), item.get("picture_error")])
        severity = SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 2
        findings.append([severity, agency_no[f["agency"] or ""],
                         f["period"], f["rule"], f["message"], f.get("stated") or "", f.get("expected") or "",
                         f.get("difference") or "", f.get("section") or "", [c or "" for c in f.get("cells") or []],
                         evidence])
    by_period: dict[str, list[float]] = {}
    for points in audit.met_series.values():
        for period, pct in points:
            by_period.setdefault(period, []).append(pct)
    data = {"agencies": agencies, "docs": doc_rows, "findings": findings, "page": PAGE,
            "series": {a: [[p, round(v, 2)] for p, v in sorted(points)] for a, points in audit.met_series.items()},
            "median": [[p, round(median(v), 2)] for p, v in sorted(by_period.items())]}
    # "<" only occurs inside JSON strings: written as \u003c, no text can close the script element
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render(audit) -> str:
    findings = audit.findings
    agencies = sorted({s["agency"] for s in audit.summary} | {f["agency"] or "" for f in findings}, key=natural)
    charted = sorted(audit.met_series, key=lambda a: (min(v for _, v in audit.met_series[a]), natural(a)))
    first = charted[0] if charted else ""  # the agency of the lowest % met
    options = "".join(f"<option value='{_e(a)}'{' selected' if a == first else ''}>{_e(a)}</option>"
                      for a in sorted(charted, key=natural))
    head = "".join(f"<th>{c}</th>" for c in ("Severity", "Agency", "Period", "Rule", "Finding and evidence",
                                             "Stated", "Expected", "Difference"))
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    ok = sum(1 for d in audit.documents if d["status"] == "ok")
    unread = _unread(audit.documents)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>piagam audit report</title><style>{CSS}</style></head><body>
<nav><a href="#errors">Errors by agency</a><a href="#charts">Charts</a><a href="#summary-section">Summary</a>
{'<a href="#unread-section">Not read</a>' if unread else ''}<a href="#findings-section">Findings</a>
<input id="search" type="search" placeholder="Search agencies, sections, findings, documents" aria-label="search"></nav>
<h1>Client charter figures: audit report</h1>
<p class="muted">Made {made} from {len(audit.documents)} documents ({ok} read) of {len(agencies)} agencies. Every
finding below carries the documents, pages, tables and rows it comes from and the row's cells as printed; every
error and the first {PAGE} findings carry a picture of the PDF's table with the row marked, the others open the
archived PDF at the page.</p>
<h2 id="errors">Agencies whose figures do not add up</h2>{_worst(findings)}
<h2 id="charts">Charts</h2><p class="muted">Click an agency's bar to see its % met over time and its findings.</p>
<div class="charts"><figure>{lowest_met_chart(audit.summary)}<figcaption>Lowest % of cases that met the standard
(of {len(charted)} agencies with figures)</figcaption></figure>
<figure><label>Agency <select id="chart-agency">{options}</select></label>
<svg id="chart-met" role="img" aria-label="% met over time" width="640" height="310" viewBox="0 0 640 310"
xmlns="http://www.w3.org/2000/svg" font-size="11"></svg><figcaption>% of cases that met the standard per period:
the agency chosen, against the median of all agencies</figcaption></figure>
<figure>{agencies_chart(findings)}<figcaption>Agencies with the most <span class="sev-error">errors</span> and
<span class="sev-warning">warnings</span></figcaption></figure>
<figure>{rule_chart(findings)}<figcaption>Findings by rule (<span class="sev-error">error</span>,
<span class="sev-warning">warning</span>, <span class="sev-info">info</span>)</figcaption></figure></div>
<h2 id="summary-section">Summary by agency and period</h2>{_summary_table(audit.summary)}{unread}
<h2 id="findings-section">Findings</h2>{_filters(agencies, findings)}<p><span id="shown">{len(findings)}</span> of
{len(findings)} findings match; the first <span id="drawn">0</span> are shown. Click a column heading to sort.</p>
<table id="findings"><thead><tr>{head}</tr></thead><tbody></tbody></table>
<p><button id="more" type="button" hidden>Show {PAGE} more</button></p>
<script type="application/json" id="report-data">{_data(audit, agencies)}</script>
<script>{JS}</script></body></html>
"""
