"""A real load killed at random points: the warehouse opens, holds no article without its facts,
no run is left half-recorded (a killed run counts exactly the files it landed), and the next
run ends where an uninterrupted one would."""

import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from clusterfacts.load.loading import load
from conftest import BIN, REPO, assert_counts_match_rows, runs_against_rows

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402

KILLS = 6
ARTICLES = 600


def snapshot(database):
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {
            "articles": set(conn.execute("select content_hash, body_start, body_end, title from raw.articles").fetchall()),
            "facts": set(conn.execute("select fact_id, content_hash, value, metric, geography from raw.facts").fetchall()),
            "mentions": conn.execute("select count(*) from raw.mentions").fetchone()[0],
            "facts_per_article": dict(conn.execute(
                "select content_hash, count(*) from raw.facts group by content_hash").fetchall()),
            "runs": conn.execute("select status, pid from raw.load_runs").fetchall(),
        }
    finally:
        conn.close()


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, ARTICLES, seed=7)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    database = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    load([str(corpus)], database, validate=False)
    return snapshot(database)


def test_kill_9_at_random_points_loses_nothing(corpus, reference, tmp_path):
    database = tmp_path / "killed.duckdb"
    rng = random.Random(20261122)
    env = {**os.environ, "CLUSTERFACTS_BATCH_FILES": "25"}
    command = [str(BIN / "clusterfacts"), "load", str(corpus), "--database", str(database),
               "--skip-validation", "--quiet"]
    survived = 0
    for _ in range(KILLS):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if not database.exists():
            continue
        state = snapshot(database)  # it opens
        survived += 1
        for content_hash in {a[0] for a in state["articles"]}:
            assert state["facts_per_article"].get(content_hash, 0) == reference["facts_per_article"].get(content_hash, 0)
        assert state["facts"] <= reference["facts"]
        for status, pid in state["runs"]:
            assert status in ("succeeded", "interrupted") or (status == "running" and not alive(pid))
    assert survived >= 1

    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    end = snapshot(database)
    assert end["articles"] == reference["articles"]
    assert end["facts"] == reference["facts"]
    assert end["mentions"] == reference["mentions"]
    assert {status for status, _ in end["runs"]} <= {"succeeded", "interrupted"}
    assert_counts_match_rows(runs_against_rows(database))  # the killed runs' too
