"""Reading one document inside limits: a child process, a wall-clock timeout, a memory cap.

A document crafted to blow up a parser (or one that is merely gigantic) must not hang the run,
exhaust the machine's memory or take the other documents with it. `read_limited` reads one
document in a child process started from a fork server (forked from a small process that has
the extractors imported, so a child costs milliseconds and never inherits the caller's
threads), lets it run for `timeout_s`, lets it grow its address space by at most `memory_mb`
(RLIMIT_AS), and turns every way it can end into a Result with a `documents` row.

For parallel reading, call `read_limited` from several threads (each call owns its child);
`read_in_child` is the function that runs in the child, usable as a process pool's task. As
with every start method but plain fork, a script that calls this at its top level must guard
it with `if __name__ == "__main__":` (the child imports the caller's main module).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import wait

from .document import Result, document_row, failed, read_document
from .text import fold


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 60.0
    memory_mb: int = 1024

    def too_slow(self) -> str:
        return f"Reading the document took longer than {self.timeout_s:g} s, so it was stopped."

    def too_big(self) -> str:
        return f"Reading the document needed more than {self.memory_mb} MB of memory, so it was stopped."


DEFAULT_LIMITS = Limits()

_context = None
_context_lock = threading.Lock()


def _forkserver():
    global _context
    with _context_lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["piagam.extractors.limits"])
        return _context


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it holds now plus `memory_mb`."""
    try:
        with open("/proc/self/statm") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: no cap but the timeout
        return
    cap = now + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))


def read_in_child(data: bytes, limits: Limits, fields: dict) -> Result:
    """Read one document under the memory cap; never raises."""
    try:
        limit_memory(limits.memory_mb)
        return read_document(data, **fields)
    except MemoryError:
        return failed(document_row(data, **fields), limits.too_big())
    except Exception as exc:  # a bug past the parsers' own guards: the run still goes on
        return failed(document_row(data, **fields),
                      f"piagam failed while reading the document ({type(exc).__name__}: {fold(str(exc))[:200]}).")


def _child(conn, data: bytes, limits: Limits, fields: dict) -> None:
    result = read_in_child(data, limits, fields)
    del data
    try:
        conn.send(result)
    except MemoryError:
        conn.send(failed(result.document, limits.too_big()))
    conn.close()


def read_limited(data: bytes, *, limits: Limits | None = None, **fields) -> Result:
    """`read_document(data, **fields)` in a child process within `limits`; never raises for
    bad input, and always gives a Result whose documents row says what happened."""
    limits = limits or DEFAULT_LIMITS
    context = _forkserver()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, data, limits, fields), daemon=True)
    child.start()
    send.close()
    result = None
    try:
        ready = wait([receive, child.sentinel], timeout=limits.timeout_s)
        if receive in ready:
            try:
                result = receive.recv()
            except EOFError:  # the child died before it could answer
                pass
    finally:
        receive.close()
        if result is None and child.is_alive():
            child.kill()
        child.join()
    if result is not None:
        return result
    if not ready:
        return failed(document_row(data, **fields), limits.too_slow())
    return failed(document_row(data, **fields), _death(child.exitcode, limits))


def _death(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode == signal.SIGKILL:  # the system's out-of-memory killer
            return limits.too_big()
        return f"The reader crashed on the document ({name}), so it was stopped."
    return f"The reader stopped on the document without an answer (exit code {exitcode})."
