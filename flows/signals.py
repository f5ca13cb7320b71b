"""Ctrl-C (SIGINT) and SIGTERM during a harvest, and no process left behind.

`stopping()` wraps the work of a harvest: the first SIGINT or SIGTERM stops it within seconds.
No document is fetched or read after it, the requests in flight are cut and the readers killed
(limits.stop); what those documents had done is dropped, not written as failures. Every
document finished before the signal stays written, with its HTTP state and cached extraction,
so the next run does only the rest; the command says so in one line. A second signal ends the
process at once, in one line. Python runs a handler only in the main thread, and only when that
thread runs Python code, while the kernel may hand the signal to any thread: whoever waits in
the main thread under `stopping()` must wait in short steps (flows.harvest does).

`at_once()` wraps what a harvest does around its documents (Prefect starting, the cross-document
checks, the final compaction): there a signal ends the process at once with one line, since
every document finished is already committed to the dataset's journal, which the next run folds
in (schema.dataset); no traceback, nothing lost.

`start_temporary_server()` starts Prefect's temporary server (when no PREFECT_API_URL is set)
before the flow does, with SIGINT blocked: blocked signals are inherited, so the Ctrl-C a
terminal sends to the whole process group does not kill the server under the stopping flow
(Prefect stops it with SIGTERM at exit). A watchdog process of its own session stops the server
when this process ends, however it ends (SIGKILL included): it waits for the end of a pipe only
this process holds. The readers die with their fork server, which ends with this process
(extractors.limits).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

from ..extractors import limits
from . import fetch

# stops the process whose id is its argument when its standard input ends (its parent is gone),
# if that process is still Prefect's server (and not another that has since taken its number)
WATCHDOG = """import os, signal, sys
sys.stdin.buffer.read()
try:
    with open(f"/proc/{sys.argv[1]}/cmdline", "rb") as cmdline:
        if b"prefect.server.api.server" in cmdline.read():
            os.kill(int(sys.argv[1]), signal.SIGTERM)
except OSError:
    pass
"""
_watchdogs: list[subprocess.Popen] = []  # kept: their stdin pipes must stay open while we live


class Stop:
    """What `stopping()` yields: the name of the signal that stopped the run, or None."""

    signal: str | None = None


def _say(line: str) -> None:
    """One line on stderr, from a signal handler (no buffered stream touched)."""
    os.write(2, f"piagam: {line}\n".encode())


@contextmanager
def stopping(out: str):
    """SIGINT and SIGTERM stop the harvest into `out` gracefully while inside (in the main thread
    only); a second one ends the process at once, with one line."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, frame):
        if stop.signal is not None:  # a second signal: now
            limits.stop()
            _say(_kept(signal.Signals(signum).name, out, "the documents finished before the first one are committed"))
            os._exit(128 + signum)
        stop.signal = signal.Signals(signum).name
        limits.stop()
        fetch.cut_all()

    try:
        with _handling(handler):
            yield stop
    finally:
        limits.resume()


@contextmanager
def at_once(out: str):
    """While inside (in the main thread), SIGINT and SIGTERM end the process at once with one line:
    around the work a harvest does besides its documents (starting, the cross-document checks,
    the final compaction), where every document finished is already committed to the dataset's
    journal and the next run (or any reader of piagam's) folds it in, so stopping loses nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        limits.stop()
        _say(_kept(signal.Signals(signum).name, out, "every document finished is committed"))
        os._exit(128 + signum)

    with _handling(handler):
        yield


def _kept(name: str, out: str, what: str) -> str:
    return (f"stopped at once by {name}: {what} in {out} (its journal, which the next run folds in); "
            f"the next run does the rest.")


@contextmanager
def _handling(handler):
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def start_temporary_server() -> None:
    """Start Prefect's temporary server deaf to SIGINT, watched; nothing when a server is set."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one Prefect's client then uses
    if server.running:
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        server.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    _watchdogs.append(subprocess.Popen([sys.executable, "-c", WATCHDOG, str(server.server_process.pid)],
                                       stdin=subprocess.PIPE, start_new_session=True))
