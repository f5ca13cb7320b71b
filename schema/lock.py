"""The output folder's lock: one run at a time writes a folder.

Kept apart from schema/dataset.py (no pyarrow here), so that the command line can name
DatasetBusy without importing the dataset's machinery.
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone

LOCK = ".lock"  # in the output folder; hidden, so no reader of the dataset lists it


class DatasetBusy(Exception):
    """Another run holds the lock of the output folder."""


def lock_folder(folder: str, name: str) -> int:
    """Take the folder's lock (an flock on `<folder>/.lock`, released by the kernel however the
    process ends, SIGKILL included); DatasetBusy, in one sentence, if another process holds it."""
    os.makedirs(folder, exist_ok=True)
    fd = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise DatasetBusy(f"Another piagam run ({holder}) is writing to {name}; this run stops without "
                          "writing anything, try again when that one has finished.") from None
    os.ftruncate(fd, 0)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    os.pwrite(fd, f"process {os.getpid()}, started {started}".encode(), 0)
    return fd


def unlock_folder(fd: int) -> None:
    os.close(fd)  # closing the file releases the lock
