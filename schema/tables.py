"""The data contract: Arrow schemas of the three tables, defined once.

Every write goes through `to_arrow`, which casts records to these schemas, so a column can
never drift in name or type. Column meanings are documented in docs/data-dictionary.md,
generated from the `doc` metadata below by `piagam.schema.dictionary`.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2"  # 2: one file per table and partition, `period` the row's own month, paths relative


def _field(name: str, type_: pa.DataType, doc: str) -> pa.Field:
    return pa.field(name, type_, metadata={"doc": doc})


_KEY = [
    _field("doc_id", pa.string(), "sha256 hex of the document's bytes"),
    _field("source_id", pa.string(), "id of the source in the sources file"),
    _field("agency", pa.string(), "agency that published the document"),
]

DOCUMENTS = pa.schema(
    _KEY
    + [
        _field("url", pa.string(), "where the document was fetched (file:// for local files)"),
        _field("title", pa.string(), "title of the document (link text, <title> or first heading)"),
        _field("format", pa.string(), "pdf | html"),
        _field("fetched_at", pa.timestamp("us", tz="UTC"), "when the bytes were fetched (UTC)"),
        _field("size_bytes", pa.int64(), "size of the document in bytes"),
        _field("pages", pa.int32(), "number of pages (PDF), 1 for HTML"),
        _field("period_label", pa.string(), "the reporting period as printed"),
        _field("period_start", pa.date32(), "first day of the reporting period"),
        _field("period_end", pa.date32(), "last day of the reporting period"),
        _field("status", pa.string(), "ok | empty | failed"),
        _field("error", pa.string(), "one sentence saying why the status is not ok"),
        _field("extractor_version", pa.string(), "version of the extractor that read it"),
        _field("n_pledges", pa.int32(), "pledge rows extracted"),
        _field("n_findings", pa.int32(), "findings of the checks"),
        _field("archive_path", pa.string(), "where the raw bytes are archived: <file>.warc.gz#<offset>, relative to the output folder"),
        _field("previous_doc_id", pa.string(), "the version this one replaces at the same URL (null for the first)"),
    ]
)

PLEDGES = pa.schema(
    _KEY
    + [
        _field("period_start", pa.date32(), "first day of the period of this row"),
        _field("period_end", pa.date32(), "last day of the period of this row"),
        _field("period_label", pa.string(), "period of this row as printed"),
        _field("section", pa.string(), "division / unit heading the row belongs to"),
        _field("item_no", pa.string(), "item number as printed, normalised: '1', '3a'"),
        _field("pledge", pa.string(), "pledge text, tags stripped, whitespace folded"),
        _field("standard", pa.string(), "the time standard as printed"),
        _field("standard_value", pa.float64(), "numeric value of the standard (upper bound of a range)"),
        _field("standard_unit", pa.string(), "second | minute | hour | day | week | month | year | ring (telephone rings)"),
        _field("standard_working_days", pa.bool_(), "the standard counts working days"),
        _field("met", pa.int64(), "cases that met the standard"),
        _field("met_pct", pa.float64(), "% menepati as printed (0-100) in a table that prints counts"),
        _field("missed", pa.int64(), "cases that missed the standard; null where the late cases are printed only in "
                                     "buckets (\"Melebihi 1 minggu\", \"Melebihi 2 minggu\"): the checks add the buckets up"),
        _field("missed_pct", pa.float64(), "% tidak menepati as printed (0-100)"),
        _field("total", pa.int64(), "all cases of the period"),
        _field("target_pct", pa.float64(), "target % (sasaran), 0-100"),
        _field("achievement_pct", pa.float64(), "achievement % printed without a met/missed split"),
        _field("cumulative", pa.int64(), "year-to-date count"),
        _field("count_unit", pa.string(), "unit word of the counts: aduan, bil, permohonan"),
        _field("remarks", pa.string(), "narrative text, reasons, remarks"),
        _field("responsible", pa.string(), "the unit responsible (tindakan)"),
        _field("is_total", pa.bool_(), "the row is a total / average row"),
        _field("page", pa.int32(), "1-based page (null for HTML)"),
        _field("table_no", pa.int32(), "1-based table number in the document"),
        _field("row_no", pa.int32(), "1-based row number in the table grid"),
        _field("bbox", pa.list_(pa.float64(), 4), "x0, top, x1, bottom in PDF points (null for HTML)"),
        _field("cells", pa.list_(pa.string()), "the row's cells as printed"),
        _field("none_marked", pa.list_(pa.string()),
               "figure fields printed as a word or mark for none ('Tiada', 'NIL', '-'), read as 0"),
        _field("guessed", pa.list_(pa.string()),
               "figure fields whose meaning no header or legend names: inferred from the table's arithmetic or layout"),
    ]
)

FINDINGS = pa.schema(
    _KEY
    + [
        _field("period_start", pa.date32(), "first day of the period of the row"),
        _field("period_end", pa.date32(), "last day of the period of the row"),
        _field("section", pa.string(), "section of the row"),
        _field("item_no", pa.string(), "item number of the row"),
        _field("table_no", pa.int32(), "table of the row"),
        _field("row_no", pa.int32(), "row in the table grid"),
        _field("page", pa.int32(), "1-based page (null for HTML)"),
        _field("rule", pa.string(), "the check that failed"),
        _field("severity", pa.string(), "error | warning | info"),
        _field("message", pa.string(), "the finding in plain words"),
        _field("stated", pa.string(), "the value as published"),
        _field("expected", pa.string(), "the value the arithmetic gives"),
        _field("cells", pa.list_(pa.string()), "the row's cells as printed"),
        _field("bbox", pa.list_(pa.float64(), 4), "row box in PDF points (null for HTML)"),
        _field("other_doc_id", pa.string(), "the other document version (cross-document checks)"),
    ]
)

TABLES: dict[str, pa.Schema] = {"documents": DOCUMENTS, "pledges": PLEDGES, "findings": FINDINGS}

DESCRIPTIONS = {
    "documents": "One row per fetched document version (and per URL that could not be fetched), "
                 "with its status and counts.",
    "pledges": "One row per pledge row of a table (total rows included), per period for a monthly or "
               "quarterly matrix.",
    "findings": "One row per failed check: the document's own checks, `restated` across versions of a "
                "document, `cumulative_decrease` across months.",
}


PARTITION = ("period", "partition: `YYYY-MM` of the row's own period_start (of the document's for `documents`), "
                       "or `unknown`; a row whose period spans months is filed under its first")


def doc(field: pa.Field) -> str:
    """A column's meaning, as the contract gives it."""
    return (field.metadata or {}).get(b"doc", b"").decode()


def to_arrow(table: str, records: list[dict]) -> pa.Table:
    """Records (dicts) as an Arrow table of the contract's schema; unknown keys are an error.
    The records are converted as one array of structs (one pass in C++, about twice as fast as
    a list per column)."""
    schema = TABLES[table]
    names = set(schema.names)
    for record in records:
        if not names.issuperset(record):
            raise ValueError(f"{table} record has columns outside the contract: {sorted(set(record) - names)}")
    rows = pa.RecordBatch.from_struct_array(pa.array(records, type=pa.struct(list(schema))))
    return pa.Table.from_batches([rows], schema=schema.with_metadata(
        {"piagam.schema_version": SCHEMA_VERSION, "piagam.table": table}))
