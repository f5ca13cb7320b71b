"""What the harvest remembers between runs, per URL: `<out>/state/http.json`.

For each URL: its ETag and Last-Modified (sent back as If-None-Match / If-Modified-Since), the
sha256 of the version last written to the dataset, and where and when that version was
archived. An entry is recorded only once the document's rows are written, so a run that stops
half-way fetches the document again next time. The file is rewritten whole under a temporary
name and renamed into place: an interrupted write leaves the previous state.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from pathlib import Path


class HttpState:
    def __init__(self, out: str | Path):
        self.path = Path(out) / "state" / "http.json"
        self._lock = threading.Lock()
        try:
            self._urls: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self._urls = {}

    def get(self, url: str) -> dict:
        with self._lock:
            return dict(self._urls.get(url, {}))

    def remember(self, url: str, **entry) -> None:
        with self._lock:
            self._urls[url] = {k: v for k, v in entry.items() if v is not None}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
            tmp.write_text(json.dumps(self._urls, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
