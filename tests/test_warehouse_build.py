"""Integration: the sample corpus loaded and built by dbt on a temporary DuckDB file."""

import subprocess

import duckdb

from conftest import BIN, REPO, run_dbt


def test_dbt_build_succeeds_and_the_marts_are_queryable(sample_warehouse):
    conn = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        assert conn.execute("select count(*) from staging.stg_articles").fetchone()[0] == 5
        seed_rows = len((REPO / "seeds" / "clusters.csv").read_text(encoding="utf-8").splitlines()) - 1
        assert conn.execute("select count(*) from reference.clusters").fetchone()[0] == seed_rows == 30
    finally:
        conn.close()


def test_the_file_opens_read_only_in_a_duckdb_1_5_client(sample_warehouse):
    cli = BIN / "duckdb"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.5")
    result = subprocess.run([str(cli), "-readonly", "-csv", "-noheader", str(sample_warehouse),
                             "-c", "select count(*) from raw.articles"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "5"


def test_sql_models_pass_sqlfluff():
    result = subprocess.run([str(BIN / "sqlfluff"), "lint", "models", "tests/dbt"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_python_passes_ruff():
    result = subprocess.run([str(BIN / "ruff"), "check", "clusterfacts", "scripts", "tests"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_a_build_before_any_load_says_to_load_first(tmp_path):
    result = run_dbt(["build", "--quiet"], tmp_path / "empty.duckdb", check=False, target_dir=tmp_path / "target")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "holds no loaded articles (no raw.articles): run `clusterfacts load PATH`" in output
    assert "Catalog Error" not in output


def test_every_source_has_a_freshness_that_a_stale_warehouse_breaks(tmp_path):
    import json

    from clusterfacts.load.loading import load
    from conftest import ARTICLES

    database = tmp_path / "w.duckdb"
    target = tmp_path / "target"
    load([str(ARTICLES)], database, validate=False)
    run_dbt(["source", "freshness"], database, target_dir=target)
    fresh = json.loads((target / "sources.json").read_text(encoding="utf-8"))["results"]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert {result["unique_id"] for result in fresh} == set(manifest["sources"])
    assert {result["status"] for result in fresh} == {"pass"}

    conn = duckdb.connect(str(database))
    try:  # the last load a month ago
        conn.execute("update raw.load_runs set started_at = started_at - interval 30 day, "
                     "finished_at = finished_at - interval 30 day")
        conn.execute("update raw.articles set loaded_at = loaded_at - interval 30 day")
        conn.execute("update raw.article_texts set loaded_at = loaded_at - interval 30 day")
    finally:
        conn.close()
    run_dbt(["source", "freshness"], database, target_dir=target)
    stale = json.loads((target / "sources.json").read_text(encoding="utf-8"))["results"]
    assert {result["status"] for result in stale} == {"warn"}
