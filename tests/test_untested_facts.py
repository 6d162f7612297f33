"""Tests on fct_facts look at the rows not yet tested (macros/untested_facts.sql): a daily
build checks the day's stories, and a failing fact is checked again until it is fixed."""

import duckdb

from clusterfacts.load.loading import load
from conftest import ARTICLES, run_dbt

DAY_TWO = """Minhang biomedicine output rises

Shanghai, March 3, 2025 -- Minhang District said on Monday that its biomedicine cluster accounted for 40 percent \
of the district's industrial output value in 2024, a figure officials called a record.
"""
SHARE_TEST = "output_share_is_a_percent_of_a_whole"
STATED_TEST = "base_value_matches_stated"


def builds_recorded_as_tested(database) -> list:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute("select facts_built_through from test_failures.tested_fact_builds").fetchall()
    finally:
        conn.close()


def build(database, tmp_path, *args):
    return run_dbt(["build", "--exclude-resource-type", "unit_test", *args], database, check=False,
                   target_dir=tmp_path / "target")


def built_sample(tmp_path):
    """The sample loaded and built once, by a build whose tests all passed."""
    database = tmp_path / "w.duckdb"
    load([str(ARTICLES)], database, validate=False)
    assert build(database, tmp_path).returncode == 0
    return database


def failures(result, test: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if "FAILED " in line and test in line]


def test_a_failing_fact_is_tested_again_until_it_is_fixed(tmp_path):
    database = built_sample(tmp_path)
    assert len(builds_recorded_as_tested(database)) == 1, "a passing build records that its rows are tested"

    day_two = tmp_path / "day_two"
    day_two.mkdir()
    (day_two / "day_two.txt").write_text(DAY_TWO, encoding="utf-8")
    load([str(day_two)], database, validate=False)
    # a fault no check on facts holds back, as a bug in the extractor's arithmetic would
    # leave it: the value is not the stated number times its scale
    conn = duckdb.connect(str(database))
    broken = conn.execute("update raw.facts set value = value + 1 where article = 'day_two.txt'").fetchone()[0]
    conn.close()
    assert broken == 1
    first, second = build(database, tmp_path), build(database, tmp_path)

    assert first.returncode != 0 and failures(first, STATED_TEST), first.stdout[-3000:]
    assert second.returncode != 0 and failures(second, STATED_TEST), "a build after a failing one tests the bad row again"
    assert len(builds_recorded_as_tested(database)) == 1, "a failing build records nothing"


def test_rows_already_tested_are_not_scanned_again_unless_asked(tmp_path):
    database = built_sample(tmp_path)
    conn = duckdb.connect(str(database))
    tampered = conn.execute("""
        update intermediate.int_facts_deduplicated set value = 150
        where fact_id = (
            select min(fact_id) from intermediate.int_facts_deduplicated
            where metric_id = 'output_share' and unit = 'percent' and not is_corrected
        )
    """).fetchone()[0]
    conn.close()
    assert tampered == 1

    scoped = run_dbt(["test", "--select", SHARE_TEST], database, check=False, target_dir=tmp_path / "target")
    everything = run_dbt(["test", "--select", SHARE_TEST, "--vars", "{test_all_facts: true}"], database,
                         check=False, target_dir=tmp_path / "target")

    assert scoped.returncode == 0, "a row tested by a passing build is not scanned by the next"
    assert everything.returncode != 0 and failures(everything, SHARE_TEST), "test_all_facts scans every row"


def day_two_loaded(database, tmp_path) -> None:
    day_two = tmp_path / "day_two"
    day_two.mkdir()
    (day_two / "day_two.txt").write_text(DAY_TWO, encoding="utf-8")
    load([str(day_two)], database, validate=False)


def test_a_new_row_repeating_an_old_key_fails_its_key_test(tmp_path):
    # the large models' keys are tested on the rows of new load runs, against every row
    database = built_sample(tmp_path)
    day_two_loaded(database, tmp_path)
    conn = duckdb.connect(str(database))
    # a day-two fact landed under the id of a fact tested the day before
    repeated = conn.execute("""
        update raw.facts set fact_id = (select min(fact_id) from raw.facts where article <> 'day_two.txt')
        where article = 'day_two.txt'
    """).fetchone()[0]
    conn.close()
    assert repeated == 1

    result = build(database, tmp_path)

    assert result.returncode != 0
    assert failures(result, "key_of_untested_rows_stg_facts_fact_id"), result.stdout[-3000:]
    assert len(builds_recorded_as_tested(database)) == 1, "a failing key test records nothing"


def test_old_rows_are_not_grouped_again_by_the_key_tests_unless_asked(tmp_path):
    database = built_sample(tmp_path)
    conn = duckdb.connect(str(database))
    # two old mentions made one, after the build that tested them
    conn.execute("""
        update raw.mentions set char_start = 0, char_end = 1, entity_type = 'person'
        where (content_hash, char_start) in (select content_hash, min(char_start) from raw.mentions group by all limit 2)
    """)
    conn.execute("""
        update raw.mentions set content_hash = (select min(content_hash) from raw.mentions)
        where char_start = 0 and char_end = 1 and entity_type = 'person'
    """)
    conn.close()
    test = "key_of_untested_rows_stg_mentions"

    scoped = run_dbt(["test", "--select", f"{test}*"], database, check=False, target_dir=tmp_path / "target")
    everything = run_dbt(["test", "--select", f"{test}*", "--vars", "{test_all_facts: true}"], database,
                         check=False, target_dir=tmp_path / "target")

    assert scoped.returncode == 0, scoped.stdout[-3000:]
    assert everything.returncode != 0 and failures(everything, test), everything.stdout[-3000:]


def test_a_relation_no_model_makes_any_more_is_dropped_by_the_next_build(tmp_path):
    database = tmp_path / "w.duckdb"
    load([str(ARTICLES)], database, validate=False)
    conn = duckdb.connect(str(database))
    # as a warehouse built before a model was removed holds it
    conn.execute("create schema intermediate")
    conn.execute("create view intermediate.int_article_pairs as select 1 as article_id")
    conn.execute("create view raw.analysts_own as select 1 as x")
    conn.close()

    result = build(database, tmp_path)

    assert result.returncode == 0, result.stdout[-3000:]
    assert "dropping intermediate.int_article_pairs" in result.stdout
    conn = duckdb.connect(str(database), read_only=True)
    try:
        left = conn.execute("""
            select table_schema || '.' || table_name from information_schema.tables
            where table_name in ('int_article_pairs', 'analysts_own', 'int_story_groups')
            order by all
        """).fetchall()
    finally:
        conn.close()
    assert left == [("intermediate.int_story_groups",), ("raw.analysts_own",)]
