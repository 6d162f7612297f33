"""A second writer while a load runs: told who holds the warehouse, waits if asked, and damages nothing."""

import os
import subprocess
import sys
import time

import duckdb
import pytest

from conftest import BIN, REPO, run_dbt

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402


def wait_until_locked(database, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if database.exists():
            try:
                duckdb.connect(str(database), read_only=True).close()
            except duckdb.IOException:
                return True
        time.sleep(0.05)
    return False


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    generate(folder, 1500, seed=3)
    return folder


def test_a_second_writer_is_told_who_holds_the_warehouse_and_can_wait(corpus, tmp_path):
    database = tmp_path / "busy.duckdb"
    command = [str(BIN / "clusterfacts"), "load", "--database", str(database), "--skip-validation", "--quiet"]
    env = {**os.environ, "CLUSTERFACTS_BATCH_FILES": "50"}
    first = subprocess.Popen(command + [str(corpus)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_until_locked(database, first), "the first load never held the warehouse"

        refused = subprocess.run(command + [str(REPO / "data" / "articles")], capture_output=True, text=True)
        assert refused.returncode == 2
        assert "is busy" in refused.stderr and f"process {first.pid}" in refused.stderr

        waited = subprocess.run(command + ["--wait", "300", str(REPO / "data" / "articles")],
                                capture_output=True, text=True, timeout=320)
        assert waited.returncode == 0, waited.stderr
        assert first.poll() is not None, "the second load did not wait for the first"
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0, first.stderr

    conn = duckdb.connect(str(database), read_only=True)
    try:
        runs = conn.execute("select status, files_seen, files_loaded + files_unchanged + files_rejected "
                            "from raw.load_runs").fetchall()
        orphans = conn.execute("select count(*) from raw.facts f anti join raw.articles a using (content_hash)"
                               ).fetchone()[0]
        articles = conn.execute("select count(*) from raw.articles").fetchone()[0]
    finally:
        conn.close()
    assert sorted(status for status, _, _ in runs) == ["succeeded", "succeeded"]
    assert all(seen == accounted for _, seen, accounted in runs)
    assert orphans == 0 and articles > 1000


HOLDER = """
import sys
from pathlib import Path
from clusterfacts.warehouse import connect, ensure_schema
conn = connect(Path(sys.argv[1]))
ensure_schema(conn)
print("holding", flush=True)
sys.stdin.readline()
conn.close()
"""


def test_dbt_and_a_waiting_load_while_another_process_writes(tmp_path):
    database = tmp_path / "held.duckdb"
    # the holder keeps the warehouse until told to let go, however slow the machine is
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        dbt = run_dbt(["build", "--exclude-resource-type", "unit_test"], database, check=False,
                      target_dir=tmp_path / "target")
        assert dbt.returncode != 0 and "lock" in dbt.stdout.lower()
        waiting = subprocess.Popen([str(BIN / "clusterfacts"), "load", str(REPO / "data" / "articles"),
                                    "--database", str(database), "--skip-validation", "--wait", "120"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None, "the load did not wait for the holder"
        holder.stdin.write("let go\n")
        holder.stdin.flush()
        assert holder.wait(timeout=60) == 0
        _, stderr = waiting.communicate(timeout=180)
        assert waiting.returncode == 0, stderr
    finally:
        holder.kill()
        holder.wait()
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=tmp_path / "target")
