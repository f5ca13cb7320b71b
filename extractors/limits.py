"""Reading documents inside limits: reader processes, a wall-clock timeout, a memory cap.

A document crafted to blow up a parser (or one that is merely gigantic) must not hang the run,
exhaust the machine's memory or take the other documents with it. `read_limited` hands a
document to a reader process and turns every way the reading can end into a Result with a
`documents` row: the reader has `timeout_s` to answer, and may grow its address space by at
most `memory_mb` (RLIMIT_AS) over what it held when it started.

Readers are started from a fork server (forked from a small process that has the extractors
imported, so they never inherit the caller's threads) and reused: an idle reader takes the
next document, so a document costs the trip of its bytes and its rows through a pipe, not a new
process. A reader that overran its time is killed; one that died, ran out of memory or kept
more than a quarter of its allowance after a document is retired; the next document gets a
fresh one. A reader that died before it answered (killed by the out-of-memory killer or anyone
else, crashed) gives a `Lost` result: a failed row that says the document is read again on the
next run, never cached (nor is a document stopped by a limit, `over_limit`: a run with a higher
limit reads it again).
A reader takes a batch of documents at once (`read_batch`: one trip for the batch, each
document still within its own limits and answered as soon as it is read; a reader stopped
part-way leaves the rest of the batch to a fresh one); `read_all` reads many documents on a
reader per core, handing them out in batches (what `piagam extract` does); `read_limited` is
a batch of one (what a harvest's tasks do). Threads reading at once get a reader each. `shutdown()` stops the idle readers
(a run calls it at its end); `peak_mb()` is the most memory a reader has used. `stop()` (a
signal's doing, flows.signals) kills every reader, busy or idle, and makes `read_limited` raise
`Stopped` until `resume()`. Readers ignore SIGINT (the harvest decides what a Ctrl-C stops) and
die with their fork server, which ends when this process does, however it ends.

As with every start method but plain fork, a script that calls this at its top level must guard
it with `if __name__ == "__main__":` (the reader imports the caller's main module).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import re
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterable, Iterator

from .document import Result, document_row, failed, read_document
from .text import fold


BATCH_DOCUMENTS = 8  # documents handed to a reader at once by read_all (one trip, not eight)
BATCH_BYTES = 4 * 2**20  # ... and at most so many bytes of them (a larger document goes alone)
TOO_SLOW, TOO_BIG = "Reading the document took longer than", "Reading the document needed more than"


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 300.0  # the scanned sample's OCR (400 dpi) took 150-250 s on a loaded 2-core machine
    memory_mb: int = 2048  # ... and grew its reader by 1302 MB (a page picture at 400 dpi)

    def too_slow(self) -> str:
        return (f"{TOO_SLOW} {self.timeout_s:g} s, so it was stopped (raise the limit "
                f"with --timeout, or read_timeout in the sources file).")

    def too_big(self) -> str:
        return (f"{TOO_BIG} {self.memory_mb} MB of memory, so it was stopped (raise the limit with "
                f"--memory-mb, or memory_mb in the sources file).")


DEFAULT_LIMITS = Limits()


class Stopped(Exception):
    """The run was stopped (SIGINT, SIGTERM) before this document was done: nothing is decided
    about it, and nothing written."""


stopping = threading.Event()


class Lost(Result):
    """The Result of a document whose reader died before it answered: not known to be the
    document's doing, so never cached and read again on the next run."""


def over_limit(document: dict) -> bool:
    """Whether a document's reading was stopped by a limit (so a run with a higher one reads it again)."""
    return (document.get("error") or "").startswith((TOO_SLOW, TOO_BIG))


_context = None
_context_lock = threading.Lock()


def _forkserver():
    global _context
    with _context_lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["piagam.extractors.limits"])
        return _context


def limit_memory(memory_mb: int) -> int:
    """Cap this process's address space at what it holds now plus `memory_mb`; what it held
    (0 where there is no /proc, not Linux: no cap but the timeout)."""
    now = _memory()[0]
    if now:
        cap = now + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    return now


def _memory() -> tuple[int, int]:
    """This process's address space now and its peak resident memory (VmHWM), in bytes; zeros
    where there is no /proc."""
    try:
        with open("/proc/self/status") as status:
            text = status.read()
    except OSError:
        return 0, 0
    size, peak = (int(re.search(rf"{key}:\s*(\d+)", text).group(1)) * 1024 for key in ("VmSize", "VmHWM"))
    return size, peak


def read_in_child(data: bytes, limits: Limits, fields: dict) -> Result:
    """Read one document in a process already under its memory cap; never raises."""
    try:
        return read_document(data, **fields)
    except MemoryError:
        return failed(document_row(data, **fields), limits.too_big())
    except Exception as exc:  # a bug past the parsers' own guards: the run still goes on
        return failed(document_row(data, **fields),
                      f"piagam failed while reading the document ({type(exc).__name__}: {fold(str(exc))[:200]}).")


def _loaded(data: bytes | Path) -> bytes:
    """A document's bytes, read from its file when given its path."""
    return data.read_bytes() if isinstance(data, Path) else data


def _die_with_parent() -> None:
    """SIGKILL this process when its parent (the fork server) ends; Linux only."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn, limits: Limits) -> None:
    """A reader's life: batches of documents in, one Result out per document as soon as it is
    read, until the pipe closes or it must retire."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    start = limit_memory(limits.memory_mb)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):  # the harvest ended, or was killed
            return
        while batch:
            data, fields = batch.pop(0)
            data = _loaded(data)
            result = read_in_child(data, limits, fields)
            del data
            size, peak = _memory()
            retire = result.document.get("error") == limits.too_big() or size - start > limits.memory_mb * 2**20 // 4
            try:
                conn.send((result, peak, retire))
            except MemoryError:
                conn.send((failed(result.document, limits.too_big()), peak, True))
                retire = True
            except OSError:  # nobody is waiting any more
                return
            if retire:  # the rest of the batch goes to another reader
                return


class _Reader:
    """One reader process and its pipe."""

    def __init__(self, limits: Limits) -> None:
        context = _forkserver()
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, limits), daemon=True)
        self.process.start()
        theirs.close()
        self.cancel = stopping  # what stops the read it is doing (read_batch)

    def read(self, batch: list[tuple[bytes | Path, dict]], limits: Limits) -> tuple[list[Result], bool]:
        """The Results of the batch's documents in order, as far as this reader got: all of them,
        or up to the one it retired after, ran out of time on or died in (that one failed or
        Lost); and whether this reader can take another batch. Each document has its own
        `timeout_s`."""
        results = []
        try:
            self.conn.send(batch)
        except OSError:  # the reader died while it was idle
            pass
        for data, fields in batch:
            try:
                ready = wait([self.conn, self.process.sentinel], timeout=limits.timeout_s)
                answer = self.conn.recv() if self.conn in ready else None
            except (EOFError, OSError):  # the reader died before it could answer
                answer, ready = None, True
            if answer is not None:
                result, peak, retire = answer
                _note_peak(peak)
                results.append(result)
                if retire:
                    self.stop()
                    return results, False
                continue
            self.process.kill()
            self.stop()
            if not ready:
                results.append(failed(document_row(_loaded(data), **fields), limits.too_slow()))
            else:
                results.append(Lost(failed(document_row(_loaded(data), **fields), _death(self.process.exitcode)).document))
            return results, False
        return results, True

    def stop(self) -> None:
        self.conn.close()
        self.process.join()


_idle: dict[Limits, list[_Reader]] = {}
_busy: set[_Reader] = set()
_idle_lock = threading.Lock()
_peak = 0


def _note_peak(peak: int) -> None:
    global _peak
    with _idle_lock:
        _peak = max(_peak, peak)


def read_limited(data: bytes | Path, *, limits: Limits | None = None, **fields) -> Result:
    """`read_document(data, **fields)` in a reader process within `limits`; never raises for
    bad input, and always gives a Result whose documents row says what happened. `data` may be
    the path of a file holding the bytes: the reader reads it, so the caller never holds them."""
    return read_batch([(data, fields)], limits)[0]


def read_batch(batch: list[tuple[bytes | Path, dict]], limits: Limits | None = None,
               cancel: threading.Event = stopping) -> list[Result]:
    """`read_document(data, **fields)` of each document of the batch (its bytes or their file),
    in order, handed to one reader process at once (one trip for the batch; a reader that stops
    part-way leaves the rest to a fresh one): each document within `limits`, and a Result for
    each. Stopped when `stop()` (or `cancel`, set by whoever kills the reader) stopped it."""
    limits = limits or DEFAULT_LIMITS
    results: list[Result] = []
    while len(results) < len(batch):
        if stopping.is_set() or cancel.is_set():
            raise Stopped()
        with _idle_lock:
            idle = _idle.get(limits)
            reader = idle.pop() if idle else None
        reader = reader or _Reader(limits)
        reader.cancel = cancel
        with _idle_lock:
            _busy.add(reader)
        try:
            done, reusable = reader.read(batch[len(results):], limits)
        finally:
            with _idle_lock:
                _busy.discard(reader)
        if stopping.is_set() or cancel.is_set():  # killed by stop(), not by the document
            raise Stopped()
        results += done
        if reusable:
            with _idle_lock:
                _idle.setdefault(limits, []).append(reader)
    return results


def read_all(documents: Iterable[tuple[object, bytes, dict]], *, limits: Limits | None = None,
             workers: int | None = None, batch_documents: int = BATCH_DOCUMENTS,
             batch_bytes: int = BATCH_BYTES) -> Iterator[tuple[object, Result]]:
    """(key, Result) of each (key, bytes, fields) of `documents`, as each is read: on `workers`
    readers at once (default: a reader per core), each handed batches of at most
    `batch_documents` documents and `batch_bytes` bytes (a larger document goes alone). The
    documents are drawn from the iterable as readers need them (a batch a reader), so it may be
    a generator that loads (and archives) each file as it goes. Closing the iterator early (an
    error, Ctrl-C in the consumer) kills the readers of the batches in flight."""
    workers = workers or len(os.sched_getaffinity(0))
    source = iter(documents)
    draw = threading.Lock()
    answers: queue.Queue = queue.Queue(maxsize=2 * workers)
    closing = threading.Event()
    held: list = []  # a document drawn that did not fit its batch: the next batch's first

    def next_batch() -> list:
        with draw:
            batch, size = held[:], sum(len(item[1]) for item in held)
            held.clear()
            while len(batch) < batch_documents and not closing.is_set():
                item = next(source, None)
                if item is None:
                    break
                if batch and size + len(item[1]) > batch_bytes:
                    held.append(item)
                    break
                batch.append(item)
                size += len(item[1])
            return batch

    def work() -> None:
        try:
            while not closing.is_set():
                batch = next_batch()
                if not batch:
                    break
                results = read_batch([(data, fields) for _, data, fields in batch], limits, closing)
                answers.put([(key, result) for (key, _, _), result in zip(batch, results)])
        except BaseException as exc:  # an error of the iterable, or Stopped: the consumer sees it
            answers.put(exc)
        finally:
            answers.put(None)

    threads = [threading.Thread(target=work, name=f"piagam-read-{k}", daemon=True) for k in range(workers)]
    for thread in threads:
        thread.start()
    running = len(threads)
    try:
        while running:
            answer = answers.get()
            if answer is None:
                running -= 1
            elif isinstance(answer, BaseException):
                raise answer
            else:
                yield from answer
    finally:
        if running:
            closing.set()
            with _idle_lock:
                mine = [r for r in _busy if r.cancel is closing]
            for reader in mine:
                reader.process.kill()
            while running:  # let every thread end (each ends with None)
                if answers.get() is None:
                    running -= 1


def shutdown() -> None:
    """Stop the idle readers (each ends when its pipe closes)."""
    with _idle_lock:
        readers = [r for idle in _idle.values() for r in idle]
        _idle.clear()
    for reader in readers:
        reader.stop()


def stop() -> None:
    """Kill every reader, busy or idle; `read_limited` raises Stopped until `resume()`. Safe in
    a signal handler."""
    stopping.set()
    readers = [r for idle in list(_idle.values()) for r in list(idle)] + list(_busy)  # no lock: a handler
    for reader in readers:
        reader.process.kill()


def resume() -> None:
    stopping.clear()
    shutdown()  # the readers stop() killed


def peak_mb() -> float:
    """The highest resident memory a reader has reached so far, in MB."""
    return _peak / 2**20


def _death(exitcode: int | None) -> str:
    again = "; the document is read again on the next run."
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode == signal.SIGKILL:  # the system's out-of-memory killer, or a user
            return (f"The reader process was killed (SIGKILL, as the out-of-memory killer does) before it "
                    f"answered{again}")
        return f"The reader process crashed ({name}) before it answered{again}"
    return f"The reader process stopped without an answer (exit code {exitcode}){again}"
