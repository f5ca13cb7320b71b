"""Score the extractor on the samples against their expected rows: field accuracy by layout and
format, printed as a table (the README shows it).

    python samples/evaluate.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from piagam.extractors.document import read_document

HERE = Path(__file__).resolve().parent


def sample_files() -> list[tuple[Path, Path]]:
    """(document, expected rows) for every sample document."""
    pairs = []
    for expected in sorted((HERE / "expected").glob("*.json")):
        name = expected.stem
        for doc in sorted(HERE.glob(f"{name}.*")):
            if doc.suffix in (".html", ".pdf"):
                pairs.append((doc, expected))
    return pairs


def fmt_of(path: Path) -> str:
    """'html', 'pdf', or the variant the file name carries: 'pdf unruled', 'pdf scanned'."""
    parts = path.name.split(".")
    return f"pdf {parts[-2]}" if len(parts) > 2 and parts[-1] == "pdf" else parts[-1]


def _value(v):
    return v.isoformat() if isinstance(v, date) else v


def compare(got: list[dict], expected: list[dict]) -> tuple[int, int, int, list[str]]:
    """Fields right, fields checked, rows right, and a line per wrong field."""
    right = checked = rows_right = 0
    diffs = []
    for n, want in enumerate(expected):
        have = got[n] if n < len(got) else {}
        ok = True
        for key, value in want.items():
            checked += 1
            if _value(have.get(key)) == value:
                right += 1
            else:
                ok = False
                diffs.append(f"row {n + 1} ({want.get('item_no')}, {str(want.get('pledge'))[:30]}): "
                             f"{key} = {_value(have.get(key))!r}, expected {value!r}")
        rows_right += ok
    if len(got) > len(expected):
        diffs.append(f"{len(got) - len(expected)} rows more than expected")
    return right, checked, rows_right, diffs


def evaluate(path: Path, expected_file: Path):
    spec = json.loads(expected_file.read_text(encoding="utf-8"))
    result = read_document(path.read_bytes(), source_id="samples", agency="samples", url=path.as_uri())
    return spec["layout"], compare(result.pledges, spec["rows"]), len(spec["rows"]), len(result.pledges)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every wrong field")
    args = parser.parse_args()
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for path, expected in sample_files():
        layout, (right, checked, rows_right, diffs), n_expected, n_got = evaluate(path, expected)
        cell = table[(layout, fmt_of(path))]
        cell[0] += right
        cell[1] += checked
        cell[2] += rows_right
        cell[3] += n_expected
        if args.verbose and diffs:
            print(f"{path.name}: {n_got} rows, {n_expected} expected")
            for line in diffs[:40]:
                print("   ", line)
    print("| layout | format | fields right | rows right |")
    print("| --- | --- | --- | --- |")
    all_fields = [0, 0]
    for (layout, fmt), (right, checked, rows_right, rows) in sorted(table.items()):
        all_fields[0] += right
        all_fields[1] += checked
        print(f"| {layout} | {fmt} | {100 * right / checked:.1f}% ({right}/{checked}) | {rows_right}/{rows} |")
    print(f"| all | all | {100 * all_fields[0] / all_fields[1]:.1f}% ({all_fields[0]}/{all_fields[1]}) | |")


if __name__ == "__main__":
    main()
