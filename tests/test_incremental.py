"""A daily load built incrementally gives the same marts as a full refresh.

The daily load holds new stories and, as well, a trimmed and an extended copy of an
article loaded before: the old article's story changes, so its facts are rebuilt.
"""

import sys

import duckdb

from clusterfacts.load.loading import load
from conftest import ARTICLES, REPO, run_dbt

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402

MARTS = {
    "fct_facts": "select * exclude (built_at) from marts.fct_facts order by fact_id",
    "fct_cluster_metrics": "select * from marts.fct_cluster_metrics order by all",
    "dim_articles": "select * exclude (loaded_at) from marts.dim_articles order by article_id",
    "rpt_cluster_scorecard": "select * from marts.rpt_cluster_scorecard order by all",
    "int_facts_in_context": "select * from intermediate.int_facts_in_context order by fact_id",
    "int_story_groups": "select * exclude (changed_at) from intermediate.int_story_groups order by article_id",
}


def rows(database, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def snapshot(database):
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in MARTS.items()}
    finally:
        conn.close()


def add_copies_of_an_old_article(folder):
    paragraphs = (ARTICLES / "000_63fa5289a803b129.txt").read_text(encoding="utf-8").split("\n\n")
    (folder / "trimmed_copy.txt").write_text("\n\n".join(paragraphs[:-2]), encoding="utf-8")
    (folder / "extended_copy.txt").write_text(
        "\n\n".join(paragraphs + ["The district also opened two new incubators last month, officials said."]),
        encoding="utf-8")


def stories_of_the_old_article(database):
    return rows(database, """
        select count(*) from intermediate.int_story_groups
        where story_id = (
            select stories.story_id
            from intermediate.int_story_groups as stories
            inner join raw.articles as articles on stories.article_id = articles.content_hash
            where articles.file_name = '000_63fa5289a803b129.txt'
        )
    """)[0][0]


STORY_COUNT_MISMATCHES = """
with metric_years as (
    select cluster_id, geography_id, metric_id, unit, is_target, reference_year, count(distinct story_id) as stories
    from marts.fct_facts
    where cluster_id is not null and geography_id is not null and not is_suppressed
    group by all
),
usable as (
    select * from marts.fct_facts
    where cluster_id is not null and geography_id is not null and not is_suppressed
      and not (kind = 'money' and unit <> 'CNY' and equivalent_fact_id is not null)
),
per_metric as (
    select cluster_id, geography_id, metric_id,
           count(distinct story_id) filter (where not is_target) as reporting_stories,
           count(distinct story_id) filter (where is_target) as target_stories
    from usable group by all
),
stating as (
    select scorecard.cluster_id, scorecard.geography_id, scorecard.metric_id,
           count(distinct usable.story_id) filter (where not usable.is_target and usable.value = scorecard.reported_value)
               as reported_value_stories,
           count(distinct usable.story_id) filter (where usable.is_target and usable.value = scorecard.target_value)
               as target_value_stories
    from marts.rpt_cluster_scorecard as scorecard
    inner join usable using (cluster_id, geography_id, metric_id)
    group by all
)
select 'fct_cluster_metrics', count(*) from marts.fct_cluster_metrics as m
join metric_years using (cluster_id, geography_id, metric_id, unit, is_target, reference_year)
where m.stories <> metric_years.stories
union all
select 'rpt_cluster_scorecard', count(*) from marts.rpt_cluster_scorecard as s
join per_metric using (cluster_id, geography_id, metric_id)
join stating using (cluster_id, geography_id, metric_id)
where s.reporting_stories <> per_metric.reporting_stories or s.target_stories <> per_metric.target_stories
   or coalesce(s.reported_value_stories, 0) <> stating.reported_value_stories
   or coalesce(s.target_value_stories, 0) <> stating.target_value_stories
"""


def story_count_mismatches(database) -> list[tuple]:
    """The marts count stories by flagged facts; recount them with count(distinct) over every fact."""
    return [row for row in rows(database, STORY_COUNT_MISMATCHES) if row[1]]


def test_incremental_build_equals_full_refresh(tmp_path):
    database = tmp_path / "w.duckdb"
    target = tmp_path / "target"
    load([str(ARTICLES)], database, validate=False)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)

    daily = tmp_path / "daily"
    generate(daily, 120, seed=5)
    add_copies_of_an_old_article(daily)
    load([str(daily)], database, validate=False)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    incremental = snapshot(database)
    assert stories_of_the_old_article(database) == 3
    assert story_count_mismatches(database) == []

    run_dbt(["build", "--full-refresh", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    full = snapshot(database)

    assert len(incremental["fct_facts"]) > 1000
    for name in MARTS:
        assert incremental[name] == full[name], name


STORY_COLUMNS = "article_id, story_id, is_canonical, member_articles, story_published_date, story_title"


def stories(database) -> list[tuple]:
    return rows(database, f"select {STORY_COLUMNS} from intermediate.int_story_groups order by article_id")


def members_by_file(database) -> dict[str, int]:
    return dict(rows(database, """
        select articles.file_name, stories.member_articles
        from intermediate.int_story_groups as stories
        inner join raw.articles as articles on stories.article_id = articles.content_hash
    """))


def write_article(folder, name: str, sentences: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"{name}\n\n" + " ".join(sentences) + "\n", encoding="utf-8")


SHARED = ["The district opened a new biomedicine park on the western bank of the river this spring.",
          "Officials said the park would host research laboratories and small manufacturers by next year."]


def own_sentence(word: str) -> str:
    return f"The {word} reporter added that residents of the area had waited a long time for it."


def test_a_sentence_turned_boilerplate_splits_its_story_in_an_incremental_build(tmp_path):
    """Two copies of a story share two sentences; a day later enough articles repeat them that
    they are boilerplate (here more than three articles), so the copies are two stories again.
    The incremental build finds the old articles through the fingerprints that crossed the bound."""
    database = tmp_path / "w.duckdb"
    target = tmp_path / "target"
    up_to_stories = ["run", "--select", "+int_story_groups", "--vars", "{boilerplate_min_articles: 3}"]
    write_article(tmp_path / "first", "copy_a.txt", SHARED + [own_sentence("first")])
    write_article(tmp_path / "first", "copy_b.txt", SHARED + [own_sentence("second")])
    write_article(tmp_path / "first", "unrelated.txt", [own_sentence("third"), own_sentence("fourth")])
    load([str(tmp_path / "first")], database, validate=False)
    run_dbt(up_to_stories, database, target_dir=target)
    assert members_by_file(database) == {"copy_a.txt": 2, "copy_b.txt": 2, "unrelated.txt": 1}

    write_article(tmp_path / "second", "repeat_c.txt", SHARED + [own_sentence("fifth")])
    write_article(tmp_path / "second", "repeat_d.txt", SHARED + [own_sentence("sixth")])
    load([str(tmp_path / "second")], database, validate=False)
    run_dbt(up_to_stories, database, target_dir=target)
    incremental = stories(database)
    assert set(members_by_file(database).values()) == {1}

    run_dbt(up_to_stories + ["--full-refresh"], database, target_dir=target)
    assert stories(database) == incremental


def built_at_by_fact(database) -> dict[str, object]:
    return dict(rows(database, "select fact_id, built_at from intermediate.int_facts_deduplicated"))


CORRECTED_FACT = "50deb8f415f5cb9ae211"  # corrected in seeds/corrections.csv


def test_a_build_that_changes_nothing_rewrites_no_row_and_an_edited_correction_rebuilds_its_story(tmp_path):
    database = tmp_path / "w.duckdb"
    target = tmp_path / "target"
    load([str(ARTICLES)], database, validate=False)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    first = built_at_by_fact(database)
    assert CORRECTED_FACT in first

    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=target)
    assert built_at_by_fact(database) == first

    # the seed edited, as `dbt seed` would land it: only the corrected fact's story is rebuilt
    conn = duckdb.connect(str(database))
    try:
        conn.execute("update reference.corrections set note = note || ' (checked again)' where fact_id = ?",
                     [CORRECTED_FACT])
        story = conn.execute("select story_id from intermediate.int_facts_deduplicated where fact_id = ?",
                             [CORRECTED_FACT]).fetchall()[0][0]
        story_facts = {fact_id for (fact_id,) in conn.execute(
            "select fact_id from intermediate.int_facts_deduplicated where story_id = ?", [story]).fetchall()}
    finally:
        conn.close()
    run_dbt(["run", "--select", "int_facts_deduplicated"], database, target_dir=target)
    after = built_at_by_fact(database)
    assert after.keys() == first.keys()
    assert {fact_id for fact_id in after if after[fact_id] != first[fact_id]} == story_facts
    assert rows(database, "select correction_note from intermediate.int_facts_deduplicated where fact_id = '"
                + CORRECTED_FACT + "'")[0][0].endswith("(checked again)")
