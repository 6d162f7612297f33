"""What the warehouse holds: counts, recent runs, rejected files and the last dbt build's results."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from clusterfacts.warehouse import WarehouseMissing, connect


def results_beside(database: Path) -> tuple[Path, Path]:
    """Where `make dbt` keeps a warehouse's last build results and unit-test results: beside it,
    so a report on one warehouse never shows another's build."""
    return (database.with_name(database.name + ".build_results.json"),
            database.with_name(database.name + ".unit_test_results.json"))


def report(database: Path, result_files: tuple[Path, ...] | None = None, runs: int = 5,
           wait_seconds: float = 0) -> str:
    if not database.exists():
        raise WarehouseMissing(f"no warehouse at {database}: run `make warehouse` or `clusterfacts load PATH` first")
    conn = connect(database, read_only=True, wait_seconds=wait_seconds)
    try:
        lines = [f"warehouse {database}"]
        lines += _holdings(conn)
        lines += _recent_runs(conn, runs)
        lines += _rejections(conn)
    finally:
        conn.close()
    lines += _dbt_results(result_files or results_beside(database))
    return "\n".join(lines)


def _holdings(conn) -> list[str]:
    articles, facts, mentions, quarantined = conn.execute("""
        select (select count(*) from raw.articles), (select count(*) from raw.facts),
               (select count(*) from raw.mentions), (select count(*) from raw.quarantined_facts)
    """).fetchone()
    lines = [f"  raw: {articles} articles, {facts} facts, {mentions} entity mentions, "
             f"{quarantined} facts quarantined by validation"]
    marts = {name for (name,) in conn.execute("""
        select table_name from information_schema.tables where table_schema = 'marts'
    """).fetchall()}
    if "fct_facts" in marts:
        modelled = conn.execute("select count(*) from marts.fct_facts").fetchone()[0]
        lines.append(f"  marts: {modelled} facts in marts.fct_facts")
    if "rpt_held_back_facts" in marts:
        lines += _held_back_by_checks(conn)
    return lines


def _held_back_by_checks(conn) -> list[str]:
    rows = conn.execute("""
        select file_name, span, reasons from marts.rpt_held_back_facts
        where held_back_by = 'fact checks' order by file_name, span
    """).fetchall()
    if not rows:
        return ["  no fact held back by the checks on facts"]
    shown = [f"    {file}: {span!r}: {', '.join(reasons)}" for file, span, reasons in rows[:10]]
    more = [f"    ... and {len(rows) - 10} more in marts.rpt_held_back_facts"] if len(rows) > 10 else []
    return [f"  held back from the marts by the checks on facts ({len(rows)}):"] + shown + more


def _recent_runs(conn, limit: int) -> list[str]:
    rows = conn.execute("""
        select started_at, status, files_seen, files_loaded, files_unchanged, files_rejected, facts_loaded, message,
               pid, host
        from raw.load_runs order by started_at desc limit ?
    """, [limit]).fetchall()
    lines = [f"  last {len(rows)} load runs:"]
    for started, status, seen, loaded, unchanged, rejected, facts, message, pid, host in rows:
        if status == "running":
            message = _running_note(pid, host)
        counts = (f"seen {seen}, loaded {loaded}, unchanged {unchanged}, rejected {rejected}, facts {facts}"
                  if seen is not None else "no counts")
        lines.append(f"    {started:%Y-%m-%d %H:%M:%S} {status:<11} {counts}" + (f" ({message})" if message else ""))
    return lines


def _running_note(pid: int | None, host: str | None) -> str:
    if pid is None or host != socket.gethostname():
        return f"process {pid} on {host}"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return f"process {pid} is gone: the run was interrupted; the next load completes its work"
    except PermissionError:
        pass
    return f"in progress, process {pid}"


def _rejections(conn) -> list[str]:
    rows = conn.execute("""
        select source_path, reason, detail from raw.rejected_files
        where run_id = (select run_id from raw.load_runs order by started_at desc limit 1)
        order by source_path
    """).fetchall()
    if not rows:
        return ["  the last run rejected no file"]
    return [f"  rejected by the last run ({len(rows)}):"] + [f"    {p}: {r}: {d}" for p, r, d in rows]


def _dbt_results(result_files: tuple[Path, ...]) -> list[str]:
    results = [r for path in result_files if path.exists() for r in json.loads(path.read_text())["results"]]
    if not results:
        return ["  dbt: no build results yet (make warehouse runs dbt build)"]
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    failed = [r for r in results if r["status"] in ("fail", "error")]
    warned = [r for r in results if r["status"] == "warn"]
    models = sum(r["unique_id"].startswith("model.") for r in results)
    passed = len(tests) - len(failed) - len(warned)
    warnings = f", {len(warned)} warned" if warned else ""
    lines = [f"  dbt: {models} models built, {passed} of {len(tests)} data and unit tests passed{warnings}"]
    lines += [f"    FAILED {r['unique_id']}: {r.get('message') or ''}" for r in failed]
    lines += [f"    WARNED {r['unique_id']}: {r.get('message') or ''}" for r in warned]
    return lines
