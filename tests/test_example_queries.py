"""The README's example queries are the files in analyses/, and each gives its answer on the sample."""

import re

import duckdb
import pytest

from conftest import REPO

ANALYSES = REPO / "analyses"


def answer(database, name: str) -> list[tuple]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute((ANALYSES / name).read_text(encoding="utf-8")).fetchall()
    finally:
        conn.close()


def test_the_readme_shows_every_query_as_its_file_has_it():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"```sql\n(.*?)```", readme, re.DOTALL)
    files = {path.read_text(encoding="utf-8") for path in ANALYSES.glob("*.sql")}
    assert len(files) == 4 and files <= set(shown)


def test_minhang_biomedicine_is_told_with_its_source(sample_warehouse):
    rows = answer(sample_warehouse, "minhang_biomedicine_size.sql")
    title = "Minhang speeds new industrialization with billion-yuan industrial clusters"
    assert ("enterprise_count", "more_than", 600.0, "company", 2024, "over 600", title, None, None,
            "000_63fa5289a803b129.txt", 1) in rows
    assert ("output_share", "approximate", 15.0, "percent", 2024, "around 15 percent", title, None, None,
            "000_63fa5289a803b129.txt", 1) in rows


def test_targets_come_by_due_year(sample_warehouse):
    rows = answer(sample_warehouse, "targets_by_due_year.sql")
    years = [row[4] for row in rows]
    assert years == sorted(years) and years
    assert ("low_altitude_economy", "Shanghai", "around 80 billion yuan") in [row[:3] for row in rows]
    assert next(row for row in rows if row[0] == "low_altitude_economy")[4] == 2028


def test_the_trillion_yuan_clusters_are_those_of_a_trillion_or_more(sample_warehouse):
    rows = answer(sample_warehouse, "shanghai_trillion_yuan_clusters.sql")
    assert [row[0] for row in rows] == ["Software and information services", "Electronic information", "Automobiles",
                                        "High-end equipment"]
    assert all(row[3] >= 1e12 for row in rows)
    assert rows[1][2:5] == ("1.2 trillion yuan", 1.2e12, pytest.approx(168.5, abs=0.05))


def test_the_districts_of_shanghai_roll_up(sample_warehouse):
    rows = answer(sample_warehouse, "shanghai_facts_by_district.sql")
    assert ("Minhang", "biomedicine", 6) in rows
    assert {row[0] for row in rows} >= {"Minhang", "Jinshan", None}
