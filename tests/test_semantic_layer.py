"""The semantic layer: MetricFlow validates the semantic models and answers each saved query with the marts' numbers.

`mf` reads the semantic manifest from `target/` of the project it is started in, so the test
gives it a project of its own (the repository's files, linked) and its own target directory,
parsed against the sample warehouse.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import BIN, REPO

PROJECT_FILES = ["dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses"]
SAVED_QUERIES = {"stories_per_cluster", "latest_target_per_cluster_and_place", "investment_cny_per_cluster_and_year"}


@pytest.fixture(scope="module")
def project(sample_warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("semantic_project")
    for name in PROJECT_FILES:
        (folder / name).symlink_to(REPO / name)
    run_in(folder, sample_warehouse, "dbt", "parse", "--quiet")
    return folder


def run_in(project: Path, database: Path, program: str, *args: str) -> subprocess.CompletedProcess:
    """`dbt` or `mf` started in `project`, reading `database`."""
    env = {**os.environ, "CLUSTERFACTS_DB": str(database), "DBT_PROFILES_DIR": str(project),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    command = [str(BIN / program), *args]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    return result


def saved_query(project: Path, database: Path, name: str) -> pd.DataFrame:
    out = project / f"{name}.csv"
    run_in(project, database, "mf", "query", "--saved-query", name, "--csv", str(out))
    return pd.read_csv(out, keep_default_na=False, na_values=[""])


def marts(database: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_semantic_models_validate_against_the_warehouse(project, sample_warehouse):
    result = run_in(project, sample_warehouse, "mf", "validate-configs")
    assert result.stdout.count("ERRORS: 0, FUTURE_ERRORS: 0, WARNINGS: 0") >= 5
    manifest = json.loads((project / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    assert {query["name"] for query in manifest["saved_queries"]} == SAVED_QUERIES
    assert manifest["project_configuration"]["time_spines"][0]["node_relation"]["alias"] == "dim_dates"


def test_stories_per_cluster_are_the_distinct_stories_of_its_facts(project, sample_warehouse):
    answer = saved_query(project, sample_warehouse, "stories_per_cluster")
    expected = marts(sample_warehouse, """
        select facts.cluster_id, clusters.cluster_name, count(distinct facts.story_id)
        from marts.fct_facts as facts left join marts.dim_clusters as clusters using (cluster_id)
        group by all
    """)
    got = [(None if pd.isna(c) else c, None if pd.isna(n) else n, int(s))
           for c, n, s in answer[["cluster", "cluster__cluster_name", "stories"]].itertuples(index=False)]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert ("biomedicine", "Biomedicine", 3) in got


def test_the_latest_target_per_cluster_and_place_is_the_scorecards(project, sample_warehouse):
    answer = saved_query(project, sample_warehouse, "latest_target_per_cluster_and_place")
    expected = marts(sample_warehouse, """
        select cluster_id, geography_id, metric_id, target_year, target_unit, target_value
        from marts.rpt_cluster_scorecard where target_value is not null
    """)
    got = [(c, g, m, None if pd.isna(y) else int(y), u, v) for c, g, m, y, u, v in answer[
        ["cluster", "geography", "metric", "scorecard_line__target_year", "scorecard_line__target_unit",
         "latest_target"]].itertuples(index=False)]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert ("low_altitude_economy", "Shanghai", "output_value", 2028, "CNY", 80e9) in got


def test_investment_in_yuan_counts_a_figure_stated_in_two_currencies_once(project, sample_warehouse):
    answer = saved_query(project, sample_warehouse, "investment_cny_per_cluster_and_year")
    got = {(None if pd.isna(c) else c, int(y)): v for c, y, v in answer[
        ["cluster", "fact__reference_year", "investment_cny"]].itertuples(index=False)}
    # the sample's Lingang article: 11.7 billion yuan in 2021; 8 billion yuan ($1.18 billion) in 2022,
    # whose dollar side is the same money
    assert got == {(None, 2021): 11.7e9, (None, 2022): 8e9}
    both_sides = marts(sample_warehouse, """
        select count(*) from marts.fct_facts
        where metric_id = 'investment' and reference_year = 2022 and equivalent_fact_id is not null
    """)
    assert both_sides == [(2,)]
