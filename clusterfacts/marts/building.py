"""Build the marts: `dbt build` over a loaded warehouse, after waiting for its lock.

`make dbt` and `clusterfacts build` run this, so a user needs one tool: it refuses a
warehouse that was never loaded, waits up to `wait_seconds` while another process (a
load, a BI tool) holds the file and otherwise says in one line who holds it, runs the
data tests and then the unit tests, and keeps each step's results beside the warehouse,
where `clusterfacts status` reads them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from clusterfacts.marts.status import results_beside
from clusterfacts.warehouse import HOLDER, RETRY_SECONDS, WarehouseBusy, WarehouseMissing, connect, who_holds

# The two steps of a build: on a fresh warehouse the unit tests need the models built first.
STEPS = (("build", "--exclude-resource-type", "unit_test"), ("test", "--resource-type", "unit_test"))


@dataclass
class BuildOutcome:
    """What a build did: its models and tests, and the names of those that did not pass."""

    models: int = 0
    tests: int = 0
    warned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        passed = self.tests - len(self.warned) - len(self.failed)
        warned = f", {len(self.warned)} warned" if self.warned else ""
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return f"{self.models} models built; {self.tests} tests: {passed} passed{warned}{failed}"


def dbt_command() -> list[str]:
    """dbt as the Python running clusterfacts has it: a venv, a wheel's environment or a checkout
    alike, whatever is on PATH."""
    return [sys.executable, "-c", "from dbt.cli.main import cli; cli(prog_name='dbt')"]


def build(database: Path, project: Path, wait_seconds: float = 0, full_refresh: bool = False,
          verbose: bool = False, echo: Callable[[str], None] = print) -> BuildOutcome:
    """Build the marts of `database` with the dbt project in `project`; dbt's lines go to echo."""
    database = database.resolve()  # dbt runs in the project's folder, where a relative path means another file
    if not database.exists():
        raise WarehouseMissing(f"no warehouse at {database}: run `clusterfacts load PATH` first")
    deadline = time.monotonic() + wait_seconds
    outcome = BuildOutcome()
    target = target_folder(database, project)
    for step, results in zip(STEPS, results_beside(database)):
        args = [*step, *(["--full-refresh"] if full_refresh and step[0] == "build" else []),
                "--target-path", str(target)]
        produced = target / "run_results.json"
        produced.unlink(missing_ok=True)  # so that a stale file is never taken for this step's
        returncode = _run_step(args, database, project, target, deadline, wait_seconds, verbose, echo)
        if produced.exists():
            shutil.copyfile(produced, results)
            _count(outcome, json.loads(results.read_text(encoding="utf-8"))["results"])
        if returncode != 0 and not outcome.failed:  # dbt stopped before any node ran: its lines say why
            outcome.failed.append(f"dbt {step[0]} (exit {returncode}, no results)")
        if outcome.failed:
            break
    return outcome


def target_folder(database: Path, project: Path) -> Path:
    """Where dbt writes its manifest, results and logs: the project's own target/, unless the project
    cannot be written (a package installed read-only), then a folder beside the warehouse."""
    if os.access(project, os.W_OK):
        return project / "target"
    return database.with_name(database.name + ".dbt-target")


def _run_step(args: list[str], database: Path, project: Path, target: Path, deadline: float,
              wait_seconds: float, verbose: bool, echo: Callable[[str], None]) -> int:
    """One dbt command and its exit code; while another process holds the warehouse, wait (up to the
    deadline) and retry."""
    env = {**os.environ, "CLUSTERFACTS_DB": str(database), "DBT_PROFILES_DIR": str(project),
           "DBT_LOG_PATH": str(target / "logs")}
    command = [*dbt_command(), *args, "--project-dir", str(project), *([] if verbose else ["--quiet"])]
    while True:
        # dbt would meet a held lock only after parsing, with a traceback: look first
        try:
            connect(database, wait_seconds=max(0.0, deadline - time.monotonic())).close()
        except WarehouseBusy as busy:
            raise WarehouseBusy(who_holds(busy.__cause__, wait_seconds)) from busy.__cause__
        returncode, lines = _run(command, project, env, echo)
        lock = next((HOLDER.search(line) for line in lines if HOLDER.search(line)), None)
        if lock is None:
            return returncode
        if time.monotonic() >= deadline:  # taken between the look and dbt's start
            raise WarehouseBusy(who_holds(RuntimeError(lock.group(0)), wait_seconds))
        time.sleep(RETRY_SECONDS)


def _run(command: list[str], project: Path, env: dict[str, str], echo: Callable[[str], None]
         ) -> tuple[int, list[str]]:
    """Run dbt, passing its lines on as they come; return its exit code and lines."""
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace")
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        echo(lines[-1])
    return process.wait(), lines


def _count(outcome: BuildOutcome, results: list[dict]) -> None:
    for result in results:
        unique_id, status = result["unique_id"], result["status"]
        if unique_id.startswith("model."):
            outcome.models += status == "success"
        if unique_id.startswith(("test.", "unit_test.")):
            outcome.tests += 1
        if status == "warn":
            outcome.warned.append(unique_id)
        if status in ("fail", "error"):
            outcome.failed.append(unique_id)
