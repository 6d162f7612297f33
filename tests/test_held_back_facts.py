"""A fact that fails a check on facts (macros/fact_checks.sql) is held back from the marts
with the check's name, in marts.rpt_held_back_facts, and the build goes on for every other
article; the build warns and `clusterfacts status` names it (docs/data_tests.md)."""

import shutil

import duckdb

from clusterfacts.load.loading import load
from clusterfacts.marts.status import report
from conftest import ARTICLES, run_dbt

SHARE_OVER_THE_WHOLE = """Minhang biomedicine output rises

Shanghai, March 3, 2025 -- Minhang District said on Monday that its biomedicine cluster accounted for 140 percent \
of the district's industrial output value in 2024, a figure officials called a record.
"""
RATE_OFF_AND_POUNDS = """Wuxi IoT investment

Wuxi, June 2, 2024 -- Wuxi said on Monday that investment in its Internet of Things cluster reached 8 billion yuan \
($5 billion) in 2023, and that a British fund put in 50 million pounds.
"""


def test_facts_failing_a_check_are_held_back_and_the_build_goes_on(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    (articles / "share.txt").write_text(SHARE_OVER_THE_WHOLE, encoding="utf-8")
    (articles / "rate.txt").write_text(RATE_OFF_AND_POUNDS, encoding="utf-8")
    database = tmp_path / "w.duckdb"
    # without the landing validation, which would quarantine the share's whole batch first
    load([str(articles)], database, validate=False)

    result = run_dbt(["build", "--exclude-resource-type", "unit_test"], database, check=False,
                     target_dir=tmp_path / "target")

    assert result.returncode == 0, result.stdout[-3000:]
    warnings = [line for line in result.stdout.splitlines() if line.split()[1:2] == ["WARNING"]]
    assert len(warnings) == 3 and all("facts_held_back_by_this_build" in line for line in warnings), warnings
    conn = duckdb.connect(str(database), read_only=True)
    try:
        held_back = conn.execute("""
            select file_name, span, reasons from marts.rpt_held_back_facts
            where held_back_by = 'fact checks' order by file_name, span
        """).fetchall()
        in_marts = {row[0] for row in conn.execute(
            "select span from marts.fct_facts where file_name in ('share.txt', 'rate.txt')").fetchall()}
        reported = conn.execute("""
            select reported_value from marts.rpt_cluster_scorecard
            where geography_id = 'Minhang' and cluster_id = 'biomedicine' and metric_id = 'output_share'
        """).fetchall()
        in_marts_count, built_count = conn.execute("""
            select (select count(*) from marts.fct_facts), (select count(*) from intermediate.int_facts_deduplicated)
        """).fetchone()
    finally:
        conn.close()

    assert held_back == [
        ("rate.txt", "$5 billion", ["fx_pair_consistent"]),
        ("rate.txt", "8 billion yuan", ["fx_pair_consistent"]),
        ("share.txt", "140 percent", ["output_share_is_a_percent_of_a_whole"]),
    ]
    assert in_marts == {"50 million pounds"}, "a currency the extractor knows passes the unit check"
    assert (140.0,) not in reported
    assert in_marts_count == built_count - 3, "every other fact reaches the marts"
    shutil.copy(tmp_path / "target" / "run_results.json", tmp_path / "results.json")
    status = report(database, (tmp_path / "results.json",))
    assert "held back from the marts by the checks on facts (3):" in status
    assert "share.txt: '140 percent': output_share_is_a_percent_of_a_whole" in status
    assert "1 warned" in status


def test_a_held_back_fact_is_reported_by_the_build_that_finds_it_only(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "share.txt").write_text(SHARE_OVER_THE_WHOLE, encoding="utf-8")
    database = tmp_path / "w.duckdb"
    load([str(articles)], database, validate=False)

    first = run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=tmp_path / "target")
    second = run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=tmp_path / "target")

    assert "WARNING facts_held_back_by_this_build" in first.stdout
    assert "WARNING" not in second.stdout, "the fact stays held back, and is not warned about again"
