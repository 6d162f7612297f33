"""The `clusterfacts` command: a thin layer over the loader's modules."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from clusterfacts.config import default_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clusterfacts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("load", help="land articles and their facts in the warehouse")
    load.add_argument("paths", nargs="+", help=".txt files or folders of them")
    load.add_argument("--database", type=Path, default=None, help="DuckDB file (default: $CLUSTERFACTS_DB "
                      "or warehouse/clusterfacts.duckdb)")
    load.add_argument("--strict", action="store_true", help="exit 1 when any file is rejected")
    load.add_argument("--quiet", action="store_true", help="no progress lines")
    load.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                      help="when another process has the warehouse open, wait up to SECONDS for it")
    load.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                      help="processes that read and extract files (default: one per core)")
    load.add_argument("--skip-validation", action="store_true",
                      help="land facts without the Great Expectations batch checks (bulk loads)")

    extract = commands.add_parser("extract", help="print the facts of articles as JSON lines")
    extract.add_argument("paths", nargs="+", help="article files, or - for standard input")

    status = commands.add_parser("status", help="what the warehouse holds, recent runs, rejections, failed tests")
    status.add_argument("--database", type=Path, default=None, help="DuckDB file")

    args = parser.parse_args(argv)
    if args.command == "load":
        return _load(args)
    if args.command == "status":
        return _status(args)
    return _extract(args)


def _status(args: argparse.Namespace) -> int:
    from clusterfacts.status import report
    from clusterfacts.warehouse import WarehouseBusy, WarehouseMisnamed

    database = args.database or default_database()
    try:
        print(report(database))
    except WarehouseBusy as error:
        print(f"clusterfacts status: the warehouse {database} is busy: {error}", file=sys.stderr)
        return 2
    except WarehouseMisnamed as error:
        print(f"clusterfacts status: {error}", file=sys.stderr)
        return 2
    return 0


def _load(args: argparse.Namespace) -> int:
    from clusterfacts.loading import ProgressPrinter, load
    from clusterfacts.warehouse import WarehouseBusy, WarehouseMisnamed

    database = args.database or default_database()
    try:
        summary = load(args.paths, database, progress=None if args.quiet else ProgressPrinter(),
                       validate=not args.skip_validation, wait_seconds=args.wait, workers=args.workers)
    except WarehouseBusy as error:
        print(f"clusterfacts load: the warehouse {database} is busy: {error}", file=sys.stderr)
        return 2
    except WarehouseMisnamed as error:
        print(f"clusterfacts load: {error}", file=sys.stderr)
        return 2
    for path, reason, detail in summary.rejections:
        print(f"clusterfacts load: rejected {path}: {reason}: {detail}", file=sys.stderr)
    print(f"clusterfacts load: {summary.line()}")
    print(f"clusterfacts load: warehouse {database}")
    if summary.data_docs:
        print(f"clusterfacts load: validation results (Data Docs) {summary.data_docs}")
    return 1 if args.strict and summary.rejected else 0


def _extract(args: argparse.Namespace) -> int:
    from clusterfacts.documents import Rejection
    from clusterfacts.extraction import contract_view
    from clusterfacts.pipeline import analyse

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
        try:
            for fact in analysed.facts:
                line = _json_line(contract_view(fact))
                if line is None:
                    print(f"clusterfacts extract: {path}: the fact at {fact['char_start']}-{fact['char_end']} "
                          "has a value that is not a finite number; it is left out", file=sys.stderr)
                    status = 1
                    continue
                print(line)
        except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
            sys.stderr.close()
            return status
    return status


def _json_line(fact: dict) -> str | None:
    """A fact as one line of JSON, or None when a value is NaN or infinite, which JSON cannot hold."""
    try:
        return json.dumps(fact, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return None


if __name__ == "__main__":
    sys.exit(main())
