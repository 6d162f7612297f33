"""`clusterfacts build`: the marts built over a loaded warehouse by one command, which
refuses a warehouse never loaded, waits while a reader (a BI tool) holds the file or says
in one line who holds it, and keeps its results where `clusterfacts status` reads them."""

import subprocess
import sys

from clusterfacts.load.loading import load
from conftest import ARTICLES, REPO, clusterfacts

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); " \
       "time.sleep(float(sys.argv[2]))"


def test_a_warehouse_never_loaded_is_refused_in_one_line(tmp_path):
    database = tmp_path / "never.duckdb"

    result = clusterfacts("build", "--database", str(database))

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"clusterfacts build: no warehouse at {database}: run `clusterfacts load PATH` first"]
    assert not database.exists()


def test_a_reader_holding_the_warehouse_is_named_then_waited_for(tmp_path):
    database = tmp_path / "w.duckdb"
    load([str(ARTICLES)], database, validate=False)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(database), "4"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    try:
        busy = clusterfacts("build", "--database", str(database), "--wait", "0.5")
        held_at_start = holder.poll() is None
        # named relative to where the user is: dbt runs in the project's folder, and builds the same file
        built = clusterfacts("build", "--database", database.name, "--wait", "120", cwd=tmp_path)
    finally:
        holder.kill()

    assert busy.returncode == 2
    assert len(busy.stderr.strip().splitlines()) == 1 and "Traceback" not in busy.stderr, busy.stderr
    assert f"the warehouse {database} is busy: process {holder.pid}" in busy.stderr
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert held_at_start, "the reader still held the warehouse when the build began, so the build waited"
    assert "models built" in built.stdout and "failed" not in built.stdout
    assert not (REPO / database.name).exists()
    status = clusterfacts("status", "--database", str(database))
    assert "data and unit tests passed" in status.stdout and "FAILED" not in status.stdout
