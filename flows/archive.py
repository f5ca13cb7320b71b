"""The raw archive: every fetched body stored under its sha256 before anything parses it.

It lives under `<out>/raw/`, on a local disk or in the object store of an `s3://` output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..schema.dataset import Root


def archive(root: str | Path | Root, data: bytes, provenance: dict) -> tuple[str, str]:
    """Store the bytes (once per content) and append their provenance; returns (sha256, path or URL)."""
    root = Root.of(root)
    digest = hashlib.sha256(data).hexdigest()
    path = root.path("raw", digest[:2], digest)
    if not root.exists(path):
        root.write_bytes(path, data)
    line = json.dumps({**provenance, "sha256": digest, "size": len(data)}, default=str) + "\n"
    log = f"{path}.json"
    if root.local:
        with open(log, "a", encoding="utf-8") as out:
            out.write(line)
    else:  # an object store cannot append: read and write the log again
        earlier = root.read_bytes(log) if root.exists(log) else b""
        root.write_bytes(log, earlier + line.encode())
    return digest, root.uri(path)


def archived_bytes(archive_path: str) -> bytes:
    """The raw bytes of an archived document, from the `archive_path` of its documents row."""
    if "://" in archive_path:
        root = Root(archive_path)
        return root.read_bytes(root.base)
    return Path(archive_path).read_bytes()
