"""A warehouse that cannot be written (a full disk): the error names the real cause, every
run's counts match the rows it landed, and once space is freed the next run completes the
work. Once with a commit made to fail as a full disk fails it, once on a real small file
system (a tmpfs in a user and mount namespace, where the machine allows one)."""

import dataclasses
import os
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from clusterfacts import cli

from clusterfacts.load import loading
from conftest import BIN, REPO, assert_counts_match_rows, runs_against_rows

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402

ARTICLES = 400
NO_SPACE = 'Could not write file "w.duckdb.wal": No space left on device'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, ARTICLES, seed=11)
    return folder


@pytest.fixture(scope="module")
def clean_articles(corpus, tmp_path_factory):
    database = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    loading.load([str(corpus)], database, validate=False)
    return article_hashes(database)


def article_hashes(database) -> set[str]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {row[0] for row in conn.execute("select content_hash from raw.articles").fetchall()}
    finally:
        conn.close()


def disk_fills_at_batch(n: int):
    """loading._count_batch, the last statement of a batch's transaction, which on the
    n-th batch fails as DuckDB's commit does on a full disk: the transaction is ended,
    nothing of it is written, and the error says why."""
    real, calls = loading._count_batch, []

    def count_batch(conn, run_id, counts):
        real(conn, run_id, counts)
        calls.append(run_id)
        if len(calls) == n:
            conn.execute("rollback")
            raise duckdb.TransactionException(f"TransactionContext Error: Failed to commit: {NO_SPACE}")

    return count_batch


def test_a_failing_commit_is_named_and_the_next_run_completes_the_work(corpus, clean_articles, tmp_path,
                                                                      monkeypatch, capsys):
    database = tmp_path / "w.duckdb"
    fifty = dataclasses.replace(loading.settings(), batch_files=50)
    monkeypatch.setattr(loading, "settings", lambda: fifty)
    real_count_batch = loading._count_batch
    monkeypatch.setattr(loading, "_count_batch", disk_fills_at_batch(4))

    code = cli.main(["load", str(corpus), "--database", str(database), "--skip-validation", "--workers", "1",
                     "--quiet"])

    error = capsys.readouterr().err
    assert code == 1
    assert "No space left on device" in error and "cannot rollback" not in error, error
    runs = runs_against_rows(database)
    assert [run[0] for run in runs] == ["failed"] and runs[0][1] == 150, "three batches of 50 landed"
    assert_counts_match_rows(runs)

    monkeypatch.setattr(loading, "_count_batch", real_count_batch)  # space freed
    assert cli.main(["load", str(corpus), "--database", str(database), "--skip-validation", "--workers", "1",
                     "--quiet"]) == 0
    runs = runs_against_rows(database)
    assert [run[0] for run in runs] == ["failed", "succeeded"]
    assert_counts_match_rows(runs)
    assert article_hashes(database) == clean_articles


def namespaces_allowed() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not namespaces_allowed(), reason="no user and mount namespace here for a small tmpfs; "
                    "the injected failing commit above covers the same path")
def test_a_full_file_system_is_named_and_freed_space_completes_the_work(corpus, clean_articles, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    database = mount / "w.duckdb"
    load = (f"CLUSTERFACTS_BATCH_FILES=50 {BIN / 'clusterfacts'} load {corpus} --database {database} "
            f"--skip-validation --workers 1 --quiet")
    # the first load fills 2 MB part way; the file system then grows, as when space is freed,
    # and the second load runs; the database is read before the mount goes with the namespace
    script = textwrap.dedent(f"""
        mount -t tmpfs -o size=2m tmpfs {mount}
        {load}; echo "first exit $?"
        mount -o remount,size=64m {mount}
        {load}; echo "second exit $?"
        cp {database} {tmp_path / 'after.duckdb'}
    """)
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=600,
                            env={**os.environ})

    assert "first exit 1" in result.stdout and "second exit 0" in result.stdout, result.stdout + result.stderr
    assert "No space left on device" in result.stderr and "cannot rollback" not in result.stderr, result.stderr
    runs = runs_against_rows(tmp_path / "after.duckdb")
    assert [run[0] for run in runs] == ["failed", "succeeded"]
    assert_counts_match_rows(runs)
    assert article_hashes(tmp_path / "after.duckdb") == clean_articles
