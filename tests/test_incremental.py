"""A daily load built incrementally gives the same marts as a full refresh."""

import sys

import duckdb

from clusterfacts.loading import load
from conftest import ARTICLES, REPO, run_dbt

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402

MARTS = {
    "fct_facts": "select * from marts.fct_facts order by fact_id",
    "fct_cluster_metrics": "select * from marts.fct_cluster_metrics order by all",
    "dim_articles": "select * exclude (loaded_at) from marts.dim_articles order by article_id",
    "mart_cluster_scorecard": "select * from marts.mart_cluster_scorecard order by all",
    "int_facts_in_context": "select * from intermediate.int_facts_in_context order by fact_id",
}


def snapshot(database):
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in MARTS.items()}
    finally:
        conn.close()


def test_incremental_build_equals_full_refresh(tmp_path):
    database = tmp_path / "w.duckdb"
    target = tmp_path / "target"
    load([str(ARTICLES)], database, validate=False)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)

    daily = tmp_path / "daily"
    generate(daily, 120, seed=5)
    load([str(daily)], database, validate=False)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    incremental = snapshot(database)

    run_dbt(["build", "--full-refresh", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    full = snapshot(database)

    assert len(incremental["fct_facts"]) > 1000
    for name in MARTS:
        assert incremental[name] == full[name], name
