"""clusterfacts: facts about China's industrial clusters, read from news articles.

  clusterfacts extract FILE...     print each article's facts as JSON lines
  clusterfacts load PATH...        land articles and their facts in the DuckDB warehouse
  clusterfacts build               refresh the marts analysts query (dbt build and its tests)
  clusterfacts status              what the warehouse holds, its recent runs and rejections
  clusterfacts export DIR          every mart as Parquet (or CSV) files for BI tools and notebooks
  clusterfacts report [DIR]        a static site to look at: figures, targets, sources, test results
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from clusterfacts.config import default_database, settings

USAGE_ERROR = 2  # as argparse exits on a bad argument: the command could not start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clusterfacts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{load,build,extract,status,export,report}")

    load = commands.add_parser("load", help="land articles and their facts in the warehouse")
    load.add_argument("paths", nargs="+", help=".txt files or folders of them")
    load.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                      "or warehouse/clusterfacts.duckdb)")
    load.add_argument("--strict", action="store_true", help="exit 1 when any file is rejected")
    load.add_argument("--quiet", action="store_true",
                      help="no progress (a bar on a terminal, a line every 30 s otherwise)")
    load.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                      help="when another process has the warehouse open, wait up to SECONDS for it")
    load.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                      help="processes that read and extract files (default: one per core)")
    load.add_argument("--skip-validation", action="store_true",
                      help="land facts without the Great Expectations batch checks (bulk loads)")
    load.add_argument("--data-docs", action="store_true",
                      help="render the run's validation results as Great Expectations Data Docs beside the "
                      "warehouse (their pages load styles from the internet)")

    extract = commands.add_parser("extract", help="print the facts of articles as JSON lines")
    extract.add_argument("paths", nargs="+", help="article files, or - for standard input")

    build = commands.add_parser("build", help="build the marts: dbt build and its tests over the loaded warehouse")
    build.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                       "or warehouse/clusterfacts.duckdb)")
    build.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                       help="when another process (a load, a BI tool) has the warehouse open, wait up to SECONDS")
    build.add_argument("--full-refresh", action="store_true", help="rebuild every story, not only the changed")
    build.add_argument("--verbose", action="store_true", help="every line of dbt's output, not only its errors")

    status = commands.add_parser("status", help="what the warehouse holds, recent runs, rejections, failed tests")
    status.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                        "or warehouse/clusterfacts.duckdb)")
    status.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="when a load has the warehouse open, wait up to SECONDS for it")

    export = commands.add_parser("export", help="write every mart as Parquet or CSV files, each with its column "
                                 "descriptions beside it, without holding the warehouse")
    export.add_argument("folder", type=Path, help="where the files go (created when missing)")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="file format (default: parquet)")
    export.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                        "or warehouse/clusterfacts.duckdb)")
    export.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="when a load or build has the warehouse open, wait up to SECONDS for it")

    site = commands.add_parser("report", help="write a static site of the marts: latest figures and targets with "
                               "their sentences and articles, targets by year, facts per cluster and place, tests")
    site.add_argument("folder", type=Path, nargs="?", default=None,
                      help="where the site goes (default: report/ beside the warehouse)")
    site.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                      "or warehouse/clusterfacts.duckdb)")
    site.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                      help="when a load or build has the warehouse open, wait up to SECONDS for it")

    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            return _load(args)
        if args.command == "status":
            return _status(args)
        if args.command == "build":
            return _build(args)
        if args.command == "export":
            return _export(args)
        if args.command == "report":
            return _report(args)
        return _extract(args)
    except _Stopped as stopped:
        return stopped.code
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        _quiet_broken_pipe()
        return 0


def _version() -> str:
    from clusterfacts.extract.extraction import EXTRACTOR_VERSION

    try:
        package = version("clusterfacts")
    except PackageNotFoundError:  # run from a source tree that was never installed
        package = "unknown"
    return f"{package} (extractor {EXTRACTOR_VERSION})"


def _quiet_broken_pipe() -> None:
    """Point stdout at /dev/null, so the flush at exit does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _Stopped(Exception):
    """A command stopped with its message printed: main returns the exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextlib.contextmanager
def _warehouse_errors(command: str, database: Path, cannot_write: str | None = None) -> Iterator[None]:
    """One line on stderr for a warehouse that is busy or unusable (exit 2), and, given
    `cannot_write`, for a DuckDB or OS error while writing (exit 1): never a traceback."""
    import duckdb

    from clusterfacts.warehouse import WarehouseBusy, WarehouseError, one_line_cause

    try:
        yield
    except WarehouseBusy as error:
        print(f"clusterfacts {command}: the warehouse {database} is busy: {error}", file=sys.stderr)
        raise _Stopped(USAGE_ERROR) from error
    except WarehouseError as error:
        print(f"clusterfacts {command}: {error}", file=sys.stderr)
        raise _Stopped(USAGE_ERROR) from error
    except (duckdb.Error, OSError) as error:
        if cannot_write is None:
            raise
        print(f"clusterfacts {command}: {cannot_write}: {one_line_cause(error)}", file=sys.stderr)
        raise _Stopped(1) from error


def _status(args: argparse.Namespace) -> int:
    from clusterfacts.marts.status import report

    database = args.database or default_database()
    with _warehouse_errors("status", database):
        print(report(database, wait_seconds=args.wait))
    return 0


def _build(args: argparse.Namespace) -> int:
    from clusterfacts.marts.building import build

    database = args.database or default_database()
    with _warehouse_errors("build", database):
        outcome = build(database, settings().project, wait_seconds=args.wait, full_refresh=args.full_refresh,
                        verbose=args.verbose)
    print(f"clusterfacts build: {outcome.line()}")
    for name in outcome.warned:
        print(f"clusterfacts build: warned {name} (clusterfacts status lists the facts held back)")
    for name in outcome.failed:
        print(f"clusterfacts build: FAILED {name}", file=sys.stderr)
    return 0 if outcome.ok else 1


def _export(args: argparse.Namespace) -> int:
    from clusterfacts.marts.exporting import export

    database = args.database or default_database()
    with _warehouse_errors("export", database, cannot_write=f"could not write {args.folder}"):
        written = export(database, args.folder, args.format, wait_seconds=args.wait)
    for mart in written:
        print(f"clusterfacts export: marts.{mart.name}: {mart.rows} rows -> {mart.path} (columns: {mart.sidecar.name})")
    return 0


def _report(args: argparse.Namespace) -> int:
    from clusterfacts.marts.reporting import report

    database = args.database or default_database()
    folder = args.folder or database.parent / "report"
    with _warehouse_errors("report", database, cannot_write=f"could not write {folder}"):
        written = report(database, folder, wait_seconds=args.wait)
    print(f"clusterfacts report: {written.figures} figures, {written.article_pages} article pages -> {written.index}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from clusterfacts.load.loading import load
    from clusterfacts.load.progress import progress_for

    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:  # before the warehouse is created or opened: a mistyped path changes nothing
        for path in missing:
            print(f"clusterfacts load: {path}: no such file or folder", file=sys.stderr)
        return USAGE_ERROR
    database = args.database or default_database()
    progress = progress_for(args.paths, args.quiet)
    try:
        with _warehouse_errors("load", database, cannot_write=f"the warehouse {database} could not be written"):
            summary = load(args.paths, database, progress=progress, validate=not args.skip_validation,
                           wait_seconds=args.wait, workers=args.workers, data_docs=args.data_docs)
    finally:
        if progress:
            progress.close()
    for path, reason, detail in summary.rejections:
        print(f"clusterfacts load: rejected {path}: {reason}: {detail}", file=sys.stderr)
    print(f"clusterfacts load: {summary.line()}")
    print(f"clusterfacts load: warehouse {database}")
    if summary.data_docs:
        print(f"clusterfacts load: validation results (Data Docs) {summary.data_docs}")
    return 1 if args.strict and summary.rejected else 0


def _extract(args: argparse.Namespace) -> int:
    from clusterfacts.extract.pipeline import analyse
    from clusterfacts.records import Rejection

    status = 0
    for path in args.paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            print(f"clusterfacts extract: {path}: cannot be read: {error.strerror}", file=sys.stderr)
            status = 1
            continue
        analysed = analyse(path, data)
        if isinstance(analysed, Rejection):
            print(f"clusterfacts extract: {path}: {analysed.reason}: {analysed.detail}", file=sys.stderr)
            status = 1
            continue
        for fact in analysed.facts:
            line = _json_line(fact.contract_view())
            if line is None:
                print(f"clusterfacts extract: {path}: the fact at {fact.char_start}-{fact.char_end} "
                      "has a value that is not a finite number; it is left out", file=sys.stderr)
                status = 1
                continue
            print(line)
    return status


def _json_line(fact: dict[str, object]) -> str | None:
    """A fact as one line of JSON, or None when a value is NaN or infinite, which JSON cannot hold."""
    try:
        return json.dumps(fact, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return None


if __name__ == "__main__":
    sys.exit(main())
