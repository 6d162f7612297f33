"""The modelled layer answers analysts' questions, and a wrong number fails the build by name."""

import duckdb
import pytest

from clusterfacts.load.loading import load
from conftest import ARTICLES, run_dbt


@pytest.fixture(scope="module")
def marts(sample_warehouse):
    conn = duckdb.connect(str(sample_warehouse), read_only=True)
    yield conn
    conn.close()


def scorecard(conn, cluster, place, metric):
    row = conn.execute("""
        select reported_value, reported_qualifier, reported_unit, target_value, target_qualifier, target_year,
               reporting_stories, reported_source
        from marts.rpt_cluster_scorecard where cluster_id = ? and geography_id = ? and metric_id = ?
    """, [cluster, place, metric]).fetchone()
    assert row is not None, (cluster, place, metric)
    return row


def test_000_and_001_are_one_story_dated_by_001(marts):
    rows = marts.execute("""
        select file_name, story_id, is_canonical, story_published_date from marts.dim_articles
        where file_name in ('000_63fa5289a803b129.txt', '001_85b9cf696fb2a22b.txt') order by file_name
    """).fetchall()
    (full, story, canonical, date), (trimmed, story_too, trimmed_canonical, same_date) = rows
    assert story == story_too and canonical and not trimmed_canonical
    assert str(date) == str(same_date) == "2024-11-29"
    assert marts.execute("select count(distinct story_id) from marts.dim_articles").fetchone()[0] == 4


def test_facts_of_one_story_count_once(marts):
    copies = marts.execute("""
        select count(*) from marts.fct_facts where span = 'over 600' and cluster_id = 'biomedicine'
    """).fetchone()[0]
    assert copies == 1


def test_minhang_biomedicine(marts):
    companies = scorecard(marts, "biomedicine", "Minhang", "enterprise_count")
    assert companies[:3] == (600, "more_than", "company")
    share = scorecard(marts, "biomedicine", "Minhang", "output_share")
    assert share[:3] == (15, "approximate", "percent")


def test_who_says_so_is_the_articles_own_credit(marts):
    rows = marts.execute("""
        select reported_title, reported_published_date, reported_credit from marts.rpt_cluster_scorecard
        where cluster_id = 'integrated_circuits' and metric_id = 'contract_value'
    """).fetchall()
    assert [(title, str(date), credit) for title, date, credit in rows] == [
        ("Jinshan's industrial transformation fuels city development", "2022-08-18", "Shanghai Daily")]
    credits = marts.execute("select file_name, credit, credit_kind from marts.dim_articles where credit is not null")
    assert credits.fetchall() == [("002_ef1cdc614e2d0932.txt", "Shanghai Daily", "source line")]


def test_shanghai_integrated_circuits(marts):
    assert scorecard(marts, "integrated_circuits", "Shanghai", "output_value")[:3] == (390e9, "more_than", "CNY")


def test_low_altitude_target_for_2028(marts):
    row = scorecard(marts, "low_altitude_economy", "Shanghai", "output_value")
    assert row[3:6] == (80e9, "approximate", 2028)


def test_the_yuan_dollar_pair_is_consistent_with_the_reference_rate(marts):
    implied, reference = marts.execute("""
        select yuan.value / dollars.value, yuan.cny_per_usd
        from marts.fct_facts as yuan join marts.fct_facts as dollars on yuan.equivalent_fact_id = dollars.fact_id
        where yuan.span = '8 billion yuan'
    """).fetchone()
    assert abs(implied / reference - 1) <= 0.05


def test_a_correction_shows_with_its_flag(marts):
    row = marts.execute("""
        select cluster_id, is_corrected, correction_note from marts.fct_facts where fact_id = '50deb8f415f5cb9ae211'
    """).fetchone()
    assert row[0] == "advanced_energy" and row[1] is True and row[2]


def test_geographies_drill_from_china_to_a_zone(marts):
    path = marts.execute("select geography_path from marts.dim_geographies where geography_id = 'Huacao'").fetchone()[0]
    assert path == "China > Yangtze River Delta > Shanghai > Minhang > Huacao"


def test_marts_carry_their_documentation_for_sql_clients(marts):
    comment = marts.execute("""
        select comment from duckdb_tables() where schema_name = 'marts' and table_name = 'rpt_cluster_scorecard'
    """).fetchone()[0]
    assert comment and "latest reported figure" in comment


def insert_bad_fact(conn, fact_id: str, **changes):
    base = conn.execute("select * from raw.facts where span = '8 billion yuan'").fetch_df().iloc[0].to_dict()
    base.update({"fact_id": fact_id, "equivalent_fact_id": None, "equivalent_span": None, **changes})
    columns = list(base)
    conn.execute(f"insert into raw.facts ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
                 [None if value != value else value for value in base.values()])  # NaN -> null


# fact ids of the loader's shape, 20 hex digits, which the models key by number
BAD_SHARE = "bad00000000000000140"
BAD_SCALE = "bad000000000000005ca"
BAD_FX_YUAN = "bad0000000000000f001"
BAD_FX_USD = "bad0000000000000f002"


def test_seeded_bad_facts_are_held_back_or_fail_the_build_each_by_name(tmp_path):
    """A share over 100 and a wrong exchange rate are one article's: held back, warned. A value
    that is not its stated number times its scale is the code's: the build fails (docs/data_tests.md)."""
    database = tmp_path / "bad.duckdb"
    load([str(ARTICLES)], database)
    conn = duckdb.connect(str(database))
    insert_bad_fact(conn, BAD_SHARE, kind="percent", unit="percent", metric="output_share", value=140.0,
                    stated_number=140.0, scale_multiplier=1.0, scale_word=None, char_start=1500, char_end=1510)
    insert_bad_fact(conn, BAD_SCALE, value=8e6, char_start=1520, char_end=1530)
    insert_bad_fact(conn, BAD_FX_YUAN, value=8e9, char_start=1540, char_end=1550, equivalent_fact_id=BAD_FX_USD)
    insert_bad_fact(conn, BAD_FX_USD, unit="USD", value=2.36e9, stated_number=2.36, char_start=1560,
                    char_end=1570, equivalent_fact_id=BAD_FX_YUAN)
    conn.close()

    result = run_dbt(["build", "--exclude-resource-type", "unit_test"], database, check=False,
                     target_dir=tmp_path / "target")

    assert result.returncode != 0
    output = result.stdout
    failures = [line for line in output.splitlines() if "FAILED " in line]
    warnings = [line for line in output.splitlines() if "WARNING facts_held_back_by_this_build" in line]
    assert any("base_value_matches_stated" in line and BAD_SCALE in line for line in failures), output[-3000:]
    assert not any(BAD_SHARE in line or BAD_FX_YUAN in line for line in failures)
    assert any(BAD_SHARE in line and "output_share_is_a_percent_of_a_whole" in line for line in warnings)
    assert any(BAD_FX_YUAN in line and "fx_pair_consistent" in line for line in warnings)
    assert any(BAD_FX_USD in line and "fx_pair_consistent" in line for line in warnings)
