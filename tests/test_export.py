"""`clusterfacts export DIR`: every mart as files that read back equal to it, each with its
column descriptions beside it, written without holding the warehouse."""

import json
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from conftest import BIN, clusterfacts

MARTS = """
    select table_name from duckdb_tables() where schema_name = 'marts'
    union all select view_name from duckdb_views() where schema_name = 'marts'
"""


def in_utc(frame: pd.DataFrame) -> pd.DataFrame:
    """The same instants under one zone name: DuckDB's session says Etc/UTC, Parquet says UTC."""
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC")
    return frame


def mart_frames(database) -> dict[str, pd.DataFrame]:
    """Each mart as pandas has it through Arrow, as it has a Parquet file (a DATE stays a date)."""
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {name: in_utc(conn.sql(f"select * from marts.{name}").to_arrow_table().to_pandas())
                for (name,) in conn.execute(MARTS).fetchall()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def exported(sample_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    # a reader holds the warehouse, as a BI tool would: the export reads beside it
    holder = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        results = {fmt: clusterfacts("export", str(folder / fmt), "--format", fmt, "--database", str(sample_warehouse))
                   for fmt in ("parquet", "csv")}
    finally:
        holder.close()
    for result in results.values():
        assert result.returncode == 0, result.stderr
    return folder, results


def test_every_mart_is_written_as_parquet_that_reads_back_equal(sample_warehouse, exported):
    folder, results = exported
    marts = mart_frames(sample_warehouse)
    assert len(marts) == 10 and len(results["parquet"].stdout.splitlines()) == len(marts)
    assert {path.stem for path in (folder / "parquet").glob("*.parquet")} == set(marts)
    for name, frame in marts.items():
        pd.testing.assert_frame_equal(in_utc(pd.read_parquet(folder / "parquet" / f"{name}.parquet")), frame,
                                      obj=name)


def test_duckdb_reads_the_files_back_equal_to_the_marts(sample_warehouse, exported):
    folder, _ = exported
    conn = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        for (name,) in conn.execute(MARTS).fetchall():
            path = str(folder / "parquet" / f"{name}.parquet")
            for left, right in ((f"read_parquet('{path}')", f"marts.{name}"), (f"marts.{name}", f"read_parquet('{path}')")):
                assert conn.execute(f"select count(*) from (from {left} except all from {right})").fetchall() == [(0,)]
    finally:
        conn.close()
    older = subprocess.run([str(BIN / "duckdb"), "-csv", "-noheader", "-c",
                            f"select count(*) from read_parquet('{folder / 'parquet' / 'fct_facts.parquet'}')"],
                           capture_output=True, text=True, check=True)
    assert int(older.stdout.strip()) == len(mart_frames(sample_warehouse)["fct_facts"])


def test_csv_files_hold_every_row_and_column(sample_warehouse, exported):
    folder, _ = exported
    for name, frame in mart_frames(sample_warehouse).items():
        read = pd.read_csv(folder / "csv" / f"{name}.csv")
        assert list(read.columns) == list(frame.columns) and len(read) == len(frame), name


def test_each_file_has_its_columns_described_beside_it(sample_warehouse, exported):
    folder, _ = exported
    for name, frame in mart_frames(sample_warehouse).items():
        sidecar = json.loads((folder / "parquet" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert sidecar["mart"] == f"marts.{name}" and sidecar["rows"] == len(frame) and sidecar["description"]
        assert [column["name"] for column in sidecar["columns"]] == list(frame.columns)
        assert all(column["description"] and column["type"] for column in sidecar["columns"]), name


def test_a_warehouse_never_built_or_held_by_a_writer_is_refused_in_one_line(unbuilt_warehouse, tmp_path):
    database = unbuilt_warehouse
    unbuilt = clusterfacts("export", str(tmp_path / "out"), "--database", str(database))
    assert unbuilt.returncode == 2 and unbuilt.stderr.strip().splitlines() == [
        f"clusterfacts export: the warehouse {database} has no marts: run `clusterfacts build` first"]

    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(30)", str(database)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        busy = clusterfacts("export", str(tmp_path / "out"), "--database", str(database))
    finally:
        writer.kill()
    assert busy.returncode == 2 and len(busy.stderr.strip().splitlines()) == 1
    assert "is busy" in busy.stderr and "Traceback" not in busy.stderr
