"""The `piagam` command line.

  piagam harvest [--sources FILE | --samples] [--out DIR] [--json] [--timeout S] [--memory-mb MB]
                 [--dask local:N|tcp://HOST:PORT]          the main job, a Prefect flow
  piagam extract FILE... [--out DIR] [--json] [--timeout S] [--memory-mb MB]
                                                the same reading and checks on local files
  piagam audit [--out DIR]                      the auditor report from the dataset
  piagam serve [--sources FILE] [--out DIR]     the monthly schedule
  piagam --version

Exit codes: 0 every document was read (or was unchanged since the last run), 1 some documents
failed (the summary says which and why), 2 a usage or configuration error, an output that
cannot be written or one another run is writing, said in one sentence; 130 (SIGINT, Ctrl-C) or 143 (SIGTERM) when a signal
stopped the harvest: the summary of what was done, then one line saying what was kept. Progress shows on a terminal (rich), as plain lines
otherwise; Prefect is imported only by `harvest` and `serve`.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import math
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from piagam import __version__

from ..extractors.limits import DEFAULT_LIMITS
from ..schema.lock import DatasetBusy
from .output import OutputError, check, problem
from .sources import SourcesError, load_sources

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "sources.yaml"
LOCAL_SOURCES = Path("sources.yaml")
OUT_HELP = "the dataset: a folder, or an object-store URL such as s3://bucket/prefix (default: output)"
USAGE = 2


class UsageError(Exception):
    """A command that cannot run as given; the message is one sentence."""


def _sources(args) -> Path:
    """The sources file: --sources, the bundled samples with --samples, else ./sources.yaml."""
    if getattr(args, "samples", False):
        if args.sources:
            raise UsageError("Give --sources FILE or --samples, not both.")
        return SAMPLES
    if args.sources:
        return args.sources
    if LOCAL_SOURCES.is_file():
        return LOCAL_SOURCES
    raise UsageError(f"There is no sources.yaml in {Path.cwd()}: give --sources FILE "
                     f"(or --samples to harvest the bundled samples).")


def _harvest(args) -> int:
    sources = _sources(args)
    load_sources(sources)  # a malformed file is one sentence, before Prefect starts
    check(args.out)  # so is an output that cannot be written
    cluster_errors: tuple = ()
    if args.dask:
        if importlib.util.find_spec("distributed") is None:
            raise UsageError("--dask needs Dask: install piagam with its dask extra (pip install 'piagam[dask]').")
        from .dask_cluster import ClusterError, check_spec

        cluster_errors = (ClusterError,)
    try:
        if args.dask:
            check_spec(args.dask)  # a mistyped cluster is one sentence, before Prefect starts
        # the run's own lines are the progress display's; Prefect's console keeps only what crashes
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
        from ..schema.dataset import Root, writing
        from .harvest import harvest
        from .signals import at_once, start_temporary_server

        # a second run into the folder stops here, before Prefect starts; a signal outside the
        # documents' work (Prefect starting, the final compaction) ends the command at once
        with at_once(Root(args.out).url), writing(args.out):
            start_temporary_server()  # deaf to the terminal's Ctrl-C, and stopped with this process
            with Display():
                state = harvest(sources_file=str(sources), out=str(args.out), dask=args.dask, timeout=args.timeout,
                                memory_mb=args.memory_mb, return_state=True)
    except cluster_errors as exc:  # no scheduler at the address, daemonic workers
        raise UsageError(str(exc)) from None
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):  # a crash of the flow itself (a bug), said in one sentence
        print(f"piagam: the harvest crashed: {type(summary).__name__}: {summary}", file=sys.stderr)
        return 1
    return _finish(args, summary)


def _finish(args, summary) -> int:
    print(summary.json() if args.json else summary.text())
    if summary.fatal:
        print(f"piagam: {summary.fatal}", file=sys.stderr)
    if summary.stopped:
        print(f"piagam: stopped by {summary.stopped}: the {sum(summary.documents.values())} documents finished "
              f"before it are kept in {summary.out}; the next run does the rest.", file=sys.stderr)
    return summary.exit_code


def _serve(args) -> int:
    sources = _sources(args)
    if sources.resolve() == SAMPLES:
        raise UsageError("piagam serve does not schedule the bundled samples: give it your own --sources FILE.")
    load_sources(sources)
    check(args.out)
    from prefect import serve

    from .harvest import deployment

    print(f"piagam: serving the monthly harvest (06:00 on the 1st, Asia/Kuala_Lumpur) of {sources}; "
          f"Ctrl-C stops.")
    serve(deployment(str(sources), str(args.out)))
    return 0


def _extract(args) -> int:
    from ..extractors.limits import Limits, shutdown
    from ..schema.catalog import refresh
    from ..schema.dataset import Root, writing
    from .pipeline import extract
    from .summary import Summary

    check(args.out)
    limits = Limits(timeout_s=args.timeout or DEFAULT_LIMITS.timeout_s,
                    memory_mb=args.memory_mb or DEFAULT_LIMITS.memory_mb)
    summary = Summary(out=Root(args.out).url)
    with writing(args.out), Display() as display:  # the folder's lock; documents committed in batches as they are done
        display.event({"event": "start", "documents": len(args.files)})
        try:
            for name, result in extract(args.files, args.out, source_id=args.source, agency=args.agency or "",
                                        limits=limits):
                summary.add(result)
                doc = result.document
                display.event({"event": "document", "status": doc["status"]},
                              f"{doc['status']}: {name}: {doc['error']}", doc["status"] == "failed")
            shutdown()
            summary.findings.update(refresh(args.out).findings)
        except KeyboardInterrupt:  # what was read is committed (and compacted as the lock is let go)
            summary.stopped = "SIGINT"
            shutdown()
    summary.save()
    return _finish(args, summary)


def _audit(args) -> int:
    from .audit import NoDataset, audit

    live = sys.stderr.isatty()
    if live:
        from rich.console import Console

        status = Console(stderr=True).status("Reading the dataset and writing the audit report...")
    try:
        with status if live else nullcontext():
            written = audit(args.out)
    except NoDataset as exc:
        raise UsageError(str(exc)) from None
    for path in written:
        print(f"written {path}")
    return 0


class Display(logging.Handler):
    """The run's progress: bars on a terminal (rich), else a plain line per source and per
    document that failed or warning, on stderr. Fed by the flow's log records that carry a
    `piagam` event (flows.harvest) or directly by `event`."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.progress = None
        self.sources = self.documents = None
        self.done = 0

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger().removeHandler(self)
        if self.progress:
            self.progress.stop()

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "piagam", None)
        if isinstance(event, dict):
            self.event(event, record.getMessage(), record.levelno >= logging.WARNING)

    def event(self, event: dict, message: str = "", warning: bool = False) -> None:
        kind, bar = event["event"], self.progress
        if kind == "start" and bar:
            if event.get("total"):
                self.sources = bar.add_task("sources", total=event["total"])
            self.documents = bar.add_task("documents", total=event.get("documents"))
        elif kind == "source":
            if bar:
                bar.advance(self.sources)
                total = bar.tasks[self.documents].total or 0
                bar.update(self.documents, total=total + event["links"])
            else:
                self._line(message)
        elif kind == "document":
            self.done += 1
            if bar:
                bar.advance(self.documents)
        if warning:
            if bar:
                bar.console.print(f"[yellow]{message}[/]", markup=True, highlight=False, soft_wrap=True)
            else:
                self._line(message)

    @staticmethod
    def _line(message: str) -> None:
        print(f"piagam: {message}", file=sys.stderr, flush=True)


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
        return value

    return parse


def _limits(p, for_harvest: bool) -> None:
    also = " (default: the sources file's {key}, else {value})" if for_harvest else " (default: {value})"
    p.add_argument("--timeout", type=_positive(float), metavar="SECONDS",
                   help="stop reading a document after this long"
                        + also.format(key="read_timeout", value=f"{DEFAULT_LIMITS.timeout_s:g}"))
    p.add_argument("--memory-mb", type=_positive(int), metavar="MB",
                   help="stop reading a document that needs more memory"
                        + also.format(key="memory_mb", value=DEFAULT_LIMITS.memory_mb))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="piagam", description="Client charter reports in, validated Parquet out.",
                                     epilog="Exit codes: 0 every document read, 1 some documents failed, "
                                            "2 a usage, configuration or output error, 130/143 stopped by SIGINT/SIGTERM.")
    parser.add_argument("--version", action="version", version=f"piagam {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sources_help = "the sources file (default: ./sources.yaml)"
    json_help = "print the run summary as JSON (it is always written to <out>/runs/<time>.json)"
    p = sub.add_parser("harvest", help="harvest the sources into the dataset (a Prefect flow)")
    p.add_argument("--sources", type=Path, help=sources_help)
    p.add_argument("--samples", action="store_true", help="harvest the bundled samples (samples/sources.yaml)")
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.add_argument("--json", action="store_true", help=json_help)
    _limits(p, for_harvest=True)
    p.add_argument("--dask", metavar="CLUSTER",
                   help="read the documents on a Dask cluster: local:N (N worker processes on this machine) "
                        "or a scheduler address such as tcp://scheduler:8786 (default: reader processes here)")
    p.set_defaults(run=_harvest)
    p = sub.add_parser("serve", help="serve the harvest flow on its monthly schedule (a Prefect deployment)")
    p.add_argument("--sources", type=Path, help=sources_help)
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.set_defaults(run=_serve)
    p = sub.add_parser("extract", help="read local files into the dataset, without fetching")
    p.add_argument("files", nargs="+", help="PDF or HTML reports")
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.add_argument("--json", action="store_true", help=json_help)
    p.add_argument("--source", default="local", help="source id to file the documents under (default: local)")
    p.add_argument("--agency", default="", help="agency the documents come from (default: none)")
    _limits(p, for_harvest=False)
    p.set_defaults(run=_extract)
    p = sub.add_parser("audit", help="the auditor's report (HTML) and findings CSV from the dataset")
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.set_defaults(run=_audit)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (SourcesError, UsageError, OutputError, DatasetBusy) as exc:
        print(f"piagam: {exc}", file=sys.stderr)
    except OSError as exc:  # the output failed during the run: a full disk, an object store gone
        print(f"piagam: {problem(str(args.out), exc)}", file=sys.stderr)
    return USAGE


if __name__ == "__main__":
    sys.exit(main())
