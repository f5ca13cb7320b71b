"""A time-boxed fuzz of both extractors: the samples' bytes mutated at random, read within
limits. Whatever the bytes, the reader answers with a documents row and a status, and no
exception gets past the extractors' own guards. Set PIAGAM_FUZZ_SEED to replay a run and
PIAGAM_FUZZ_SECONDS to fuzz longer."""

from __future__ import annotations

import hashlib
import os
import random
import time

import pytest

from conftest import SAMPLES
from piagam.extractors.limits import Limits, read_limited

SECONDS = float(os.environ.get("PIAGAM_FUZZ_SECONDS", "3"))
MARKUP = [b"<table>", b"</table>", b"<tr>", b"</tr>", b"<td>", b'<td rowspan="99999">', b'<td colspan="0">',
          b"<br>", b"&nbsp;", b"&#0;", b"%", b"100%", b"Tiada", b"JANUARI 2022", b"\x00", b"\xff\xfe"]
PDF = [b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"[", b"]", b"/Length 999999999", b"R",
       b"xref", b"%%EOF", b"\x00" * 64]


def mutate(data: bytes, rng: random.Random, tokens: list[bytes]) -> bytes:
    """A few random edits: flipped bytes, a slice cut, copied or truncated, a token put in."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        kind = rng.randrange(5)
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at:at + rng.randint(1, 2000)]
        elif kind == 2:
            data[at:at] = data[at:at + rng.randint(1, 2000)]
        elif kind == 3:
            data[at:at] = rng.choice(tokens)
        else:
            del data[max(at, 16):]
        if not data:
            break
    return bytes(data)


@pytest.mark.parametrize("sample, tokens", [("001_counts.html", MARKUP), ("001_counts.pdf", PDF)])
def test_mutated_reports_always_get_a_row_and_a_status(sample, tokens, tmp_path):
    seed = int(os.environ.get("PIAGAM_FUZZ_SEED", time.time_ns() % 10**9))
    rng = random.Random(seed)
    original = (SAMPLES / sample).read_bytes()
    limits = Limits(timeout_s=30, memory_mb=1024)
    deadline, tried = time.monotonic() + SECONDS, 0
    while time.monotonic() < deadline or tried < 3:
        data = mutate(original, rng, tokens)
        tried += 1
        kept = tmp_path / f"case-{tried}"
        kept.write_bytes(data)  # left behind for replay when an assertion fails
        result = read_limited(data, limits=limits, source_id="fuzz", agency="Fuzz", url=kept.as_uri())
        doc = result.document
        where = f"seed {seed}, case {tried} ({kept})"
        assert doc["doc_id"] == hashlib.sha256(data).hexdigest(), where
        assert doc["status"] in ("ok", "empty", "failed"), where
        if doc["status"] == "ok":
            assert doc["n_pledges"] == len(result.pledges) > 0, where
        else:
            assert doc["error"] and "\n" not in doc["error"] and result.pledges == [], where
            assert not doc["error"].startswith("piagam failed"), f"{where}: {doc['error']}"
        kept.unlink()
