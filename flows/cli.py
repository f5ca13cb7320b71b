"""The `piagam` command line.

  piagam harvest [--sources FILE] [--out DIR] [--dask local:N|tcp://HOST:PORT]
                                                the main job, a Prefect flow
  piagam extract FILE... [--out DIR] [--timeout S] [--memory-mb MB]
                                                the same reading and checks on local files
  piagam audit [--out DIR]                      the auditor report from the dataset
  piagam serve [--sources FILE] [--out DIR]     the monthly schedule
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from ..extractors.limits import DEFAULT_LIMITS
from ..schema.lock import DatasetBusy
from .sources import SourcesError, load_sources

OUT_HELP = "the dataset: a folder, or an object-store URL such as s3://bucket/prefix"
DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "samples" / "sources.yaml"


def _harvest(args) -> int:
    load_sources(args.sources)  # a malformed file is one sentence, before Prefect starts
    cluster_errors: tuple = ()
    if args.dask:
        if importlib.util.find_spec("distributed") is None:
            print("piagam: --dask needs Dask: install piagam with its dask extra (pip install 'piagam[dask]').",
                  file=sys.stderr)
            return 2
        from .dask_cluster import ClusterError, check_spec

        cluster_errors = (ClusterError,)
    try:
        if args.dask:
            check_spec(args.dask)  # a mistyped cluster is one sentence, before Prefect starts
        from ..schema.dataset import writing
        from .harvest import harvest
        from .signals import start_temporary_server

        with writing(args.out):  # a second run into the folder stops here, before Prefect starts
            start_temporary_server()  # deaf to the terminal's Ctrl-C, and stopped with this process
            summary = harvest(sources_file=str(args.sources), out=str(args.out), dask=args.dask)
    except cluster_errors as exc:  # no scheduler at the address, daemonic workers
        print(f"piagam: {exc}", file=sys.stderr)
        return 2
    if summary.stopped:
        kept = sum(summary.documents.values())
        print(f"piagam: stopped by {summary.stopped}: the {kept} documents finished before it are kept in "
              f"{summary.out}; the next run does the rest.", file=sys.stderr)
        return 130 if summary.stopped == "SIGINT" else 143
    print(summary.text())
    return 0


def _serve(args) -> int:
    load_sources(args.sources)
    from prefect import serve

    from .harvest import deployment

    print(f"piagam: serving the monthly harvest (06:00 on the 1st, Asia/Kuala_Lumpur) of {args.sources}; "
          f"Ctrl-C stops.")
    serve(deployment(str(args.sources), str(args.out)))
    return 0


def _extract(args) -> int:
    from ..extractors.limits import Limits, shutdown
    from ..schema.catalog import refresh
    from ..schema.dataset import Root, write_document, writing
    from .pipeline import Summary, failed_document, process

    limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    summary = Summary(out=Root(args.out).url)
    with writing(args.out):  # the folder's lock; each document committed as it is done
        for name in args.files:
            path = Path(name)
            url = path.resolve().as_uri()
            try:
                data = path.read_bytes()
            except OSError as exc:
                result = failed_document(source_id=args.source, agency=args.agency or "", url=url,
                                         reason=f"The file {name} cannot be read ({exc.strerror or exc}).")
                write_document(args.out, result.document, [], [])
            else:
                result = process(data, args.out, source_id=args.source, agency=args.agency or "", url=url,
                                 limits=limits)
            summary.add(result)
        shutdown()
        summary.findings.update(refresh(args.out).findings)
    print(summary.text())
    return 0


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
        return value

    return parse


def _audit(args) -> int:
    from .audit import NoDataset, audit

    try:
        written = audit(args.out)
    except NoDataset as exc:
        print(f"piagam: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # an unreachable object store, a folder that cannot be written
        print(f"piagam: the dataset at {args.out} cannot be read or written ({exc}).", file=sys.stderr)
        return 2
    for path in written:
        print(f"written {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="piagam", description="Client charter reports in, validated Parquet out.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("harvest", help="harvest the sources into the dataset (a Prefect flow)")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.add_argument("--dask", metavar="CLUSTER",
                   help="read the documents on a Dask cluster: local:N (N worker processes on this machine) "
                        "or a scheduler address such as tcp://scheduler:8786")
    p.set_defaults(run=_harvest)
    p = sub.add_parser("serve", help="serve the harvest flow on its monthly schedule (a Prefect deployment)")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.set_defaults(run=_serve)
    p = sub.add_parser("extract", help="read local files into the dataset, without fetching")
    p.add_argument("files", nargs="+")
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.add_argument("--source", default="local", help="source id to file the documents under")
    p.add_argument("--agency", default="", help="agency the documents come from")
    p.add_argument("--timeout", type=_positive(float), default=DEFAULT_LIMITS.timeout_s, metavar="SECONDS",
                   help=f"stop reading a document after this long (default {DEFAULT_LIMITS.timeout_s:g})")
    p.add_argument("--memory-mb", type=_positive(int), default=DEFAULT_LIMITS.memory_mb, metavar="MB",
                   help=f"stop reading a document that needs more memory (default {DEFAULT_LIMITS.memory_mb})")
    p.set_defaults(run=_extract)
    p = sub.add_parser("audit", help="the auditor's report (HTML) and findings CSV from the dataset")
    p.add_argument("--out", default="output", help=OUT_HELP)
    p.set_defaults(run=_audit)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (SourcesError, DatasetBusy) as exc:
        print(f"piagam: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
