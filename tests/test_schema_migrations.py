"""A warehouse made before a column was added gets it on its next load, and keeps its rows."""

import duckdb

from clusterfacts.load.loading import load
from clusterfacts.warehouse import SCHEMA, ensure_schema
from conftest import ARTICLES

ADDED_LATER = ("credit varchar,", "credit_kind varchar,", "credit_start integer,", "pid integer,", "host varchar,")


def test_an_older_warehouse_gains_the_new_columns_and_loads(tmp_path):
    database = tmp_path / "old.duckdb"
    old_schema = "\n".join(line for line in SCHEMA.splitlines() if line.strip().split("--")[0].strip() not in ADDED_LATER)
    assert old_schema != SCHEMA
    conn = duckdb.connect(str(database))
    conn.execute(old_schema)
    conn.close()

    summary = load([str(ARTICLES)], database, validate=False)

    conn = duckdb.connect(str(database), read_only=True)
    columns = {name for (name,) in conn.execute(
        "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = 'articles'").fetchall()}
    credits = conn.execute("select credit, credit_kind from raw.articles where credit is not null").fetchall()
    conn.close()
    assert {"credit", "credit_kind", "credit_start"} <= columns
    assert summary.loaded == 5 and credits == [("Shanghai Daily", "source line")]


def test_the_schema_applies_twice_without_change(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    before = conn.execute("select table_name, column_name from duckdb_columns() where schema_name = 'raw'").fetchall()
    ensure_schema(conn)
    assert conn.execute("select table_name, column_name from duckdb_columns() where schema_name = 'raw'").fetchall() == before
    conn.close()
