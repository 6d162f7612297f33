"""The typed records an article lands as define the raw tables' columns (clusterfacts/records.py)."""

import dataclasses

import duckdb
import pytest

from clusterfacts.records import (
    Article,
    Fact,
    FactValidation,
    LoadRun,
    MentionRow,
    RejectedFile,
    SourceFile,
    stored_path,
)
from clusterfacts.warehouse import arrow_schema, ensure_schema

RECORDS = [Article, Fact, MentionRow, LoadRun, SourceFile, RejectedFile, FactValidation]


@pytest.mark.parametrize("record", RECORDS, ids=[r.__name__ for r in RECORDS])
def test_a_field_may_be_none_exactly_when_its_column_may_be_null(record):
    for field in dataclasses.fields(record):
        optional = "| None" in str(field.type)
        assert optional == ("not null" not in field.metadata["sql"]), field.name


@pytest.mark.parametrize(("table", "record", "leave_out", "run_columns"), [
    ("articles", Article, {"text"}, ["run_id", "loaded_at"]),
    ("article_texts", Article, {f.name for f in dataclasses.fields(Article)} - {"content_hash", "text"},
     ["run_id", "loaded_at"]),
    ("facts", Fact, set(), ["run_id"]),
    ("mentions", MentionRow, set(), ["run_id"]),
    ("load_runs", LoadRun, set(), []),
    ("source_files", SourceFile, set(), ["run_id"]),
    ("rejected_files", RejectedFile, set(), []),
    ("fact_validations", FactValidation, set(), []),
])
def test_each_raw_table_has_its_records_fields_then_the_runs(table, record, leave_out, run_columns):
    conn = duckdb.connect()
    ensure_schema(conn)
    columns = [name for name, in conn.execute(
        "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
        "order by ordinal_position", [table]).fetchall()]
    assert columns == [f.name for f in dataclasses.fields(record) if f.name not in leave_out] + run_columns


def test_arrow_types_follow_the_columns():
    schema = arrow_schema(Article)
    assert str(schema.field("sentence_hashes").type) == "list<item: int64>"
    assert str(schema.field("published_date").type) == "date32[day]"
    assert not schema.field("content_hash").nullable and schema.field("title").nullable


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped():
    assert stored_path("caf\udce9.txt") == "caf\\xe9.txt"
    assert stored_path("café.txt") == "café.txt"


@pytest.mark.parametrize(("table", "key"), [("load_runs", "run_id"), ("source_files", "source_path"),
                                            ("articles", "content_hash")])
def test_the_raw_keys_are_created_from_the_records(table, key):
    conn = duckdb.connect()
    ensure_schema(conn)
    keys = conn.execute("""
        select constraint_column_names from duckdb_constraints()
        where schema_name = 'raw' and table_name = ? and constraint_type = 'PRIMARY KEY'
    """, [table]).fetchall()
    assert keys == [([key],)]
