"""The output (`--out`): a check that it can be written before a run starts, and one sentence for
any error writing it (a file where a folder should be, a read-only folder, a full disk, an
object store that cannot be reached)."""

from __future__ import annotations

import errno
import uuid


class OutputError(Exception):
    """The output cannot be written; the message is one sentence."""


def problem(out: str, exc: BaseException) -> str:
    """One sentence saying why the output `out` could not be written or read."""
    if "://" in str(out) and not str(out).startswith("file://"):
        detail = " ".join(str(exc).split("; Details:")[0].split())
        detail = detail if len(detail) <= 300 else detail[:300] + "..."
        return f"The object store at {out} cannot be reached or written ({detail})."
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"The disk holding the output folder {out} is full."
    if code in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, (NotADirectoryError, FileExistsError)):
        return f"The output {out} is a file (or lies under one), not a folder; give --out a folder."
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"The output folder {out} cannot be written (permission denied or a read-only disk)."
    why = getattr(exc, "strerror", None) or " ".join(str(exc).split())
    return f"The output folder {out} cannot be written ({why})."


def check(out: str) -> None:
    """Write and remove a small file under `<out>/runs`, raising OutputError when that fails."""
    from ..schema.dataset import Root  # pyarrow and pandas: not for `piagam --help`

    try:
        root = Root(out)
    except ValueError as exc:  # pyarrow: an unknown scheme, a malformed URL
        raise OutputError(f"The output {out} is neither a folder nor an object-store URL piagam can use "
                          f"({exc}).") from None
    path = root.path("runs", f".check-{uuid.uuid4().hex}")
    try:
        root.write_bytes(path, b"piagam\n")
        root.fs.delete_file(path)
    except OSError as exc:
        raise OutputError(problem(out, exc)) from None
