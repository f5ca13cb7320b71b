"""The raw archive: every fetched body stored under its sha256 before anything parses it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def archive(root: str | Path, data: bytes, provenance: dict) -> tuple[str, Path]:
    """Store the bytes (once per content) and append their provenance; returns (sha256, path)."""
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(root) / "raw" / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / digest
    if not path.exists():
        tmp = folder / f".{digest}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, path)
    with open(folder / f"{digest}.json", "a", encoding="utf-8") as log:
        log.write(json.dumps({**provenance, "sha256": digest, "size": len(data)}, default=str) + "\n")
    return digest, path
