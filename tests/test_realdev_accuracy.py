"""The development set of real agency reports (../shared/realdev: 58 reports as HTML and PDF, with
answer keys and their scorer): extracted with `piagam extract` as a user would, scored with the
set's own score.py. The floor (tests/realdev_floor.json) only goes up; a false `error` finding (an
inconsistency we invented by misreading) fails the test whatever the other scores."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REALDEV = ROOT.parent / "shared" / "realdev"
FLOOR = json.loads((Path(__file__).parent / "realdev_floor.json").read_text(encoding="utf-8"))
SCORE_LINE = re.compile(r"heldout: field_accuracy=(?P<field_accuracy>[\d.]+) row_recall=(?P<row_recall>[\d.]+) "
                        r"finding_recall=(?P<finding_recall>[\d.]+) false_alarms=(?P<false_alarms>\d+) "
                        r"docs_failed=(?P<docs_failed>\d+)")


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> tuple[dict, dict]:
    assert (REALDEV / "score.py").is_file(), f"the development set is missing: {REALDEV} (../shared/realdev)"
    out = tmp_path_factory.mktemp("realdev-out")
    documents = sorted(str(p) for p in REALDEV.glob("*.html")) + sorted(str(p) for p in REALDEV.glob("*.pdf"))
    piagam = Path(sys.executable).with_name("piagam")
    subprocess.run([str(piagam), "extract", *documents, "--out", str(out)], check=True, capture_output=True)
    text = subprocess.run([sys.executable, str(REALDEV / "score.py"), str(out)], check=True, capture_output=True,
                          text=True).stdout
    detail = json.loads(subprocess.run([sys.executable, str(REALDEV / "score.py"), str(out), "--json"], check=True,
                                       capture_output=True, text=True).stdout)
    line = SCORE_LINE.search(text)
    assert line, text[-2000:]
    print(text)  # the table per layout and format, shown with -s or on failure
    return {k: float(v) for k, v in line.groupdict().items()}, detail


def test_every_document_is_read(scored):
    overall, detail = scored
    assert overall["docs_failed"] == 0
    assert len(detail["documents"]) == 2 * len(list(REALDEV.glob("*.html")))


def test_no_finding_is_our_own_misreading(scored):
    overall, detail = scored
    alarms = {f"{d['id']}.{d['format']}": d["false_alarm_examples"] for d in detail["documents"] if d["false_alarms"]}
    assert overall["false_alarms"] <= FLOOR["false_alarms"], alarms


@pytest.mark.parametrize("score", ["field_accuracy", "row_recall", "finding_recall"])
def test_scores_stay_at_or_above_the_floor(scored, score):
    overall, detail = scored
    worst = [f"{d['id']}.{d['format']} rows {d['matched']}/{d['expected_rows']} fields {d['fields_ok']}/{d['fields']}"
             for d in sorted(detail["documents"], key=lambda d: -d["badness"])[:10]]
    assert overall[score] >= FLOOR[score], worst
