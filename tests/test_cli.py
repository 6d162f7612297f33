"""The command as a user meets it: wrong paths, missing, damaged and oddly named warehouses, pipes, --version.

Each case drives the CLI (in process through `main`, or as a process where exit codes and
streams matter) and checks the exit code, one line naming the file and the cause, and no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from clusterfacts import warehouse
from clusterfacts.cli import main
from conftest import BIN

ARTICLE = "Wuxi news\n\nWuxi has more than 2,000 IoT companies.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "clusterfacts"), *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wuxi.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_a_mistyped_path_is_an_error_before_any_warehouse_is_made(tmp_path, articles, capsys):
    database = tmp_path / "w.duckdb"
    assert main(["load", str(articles), str(tmp_path / "nope"), "--database", str(database)]) == 2
    assert f"{tmp_path / 'nope'}: no such file or folder" in capsys.readouterr().err
    assert not database.exists()


def test_status_of_a_missing_warehouse_is_an_error(tmp_path, capsys):
    assert main(["status", "--database", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err


def test_a_damaged_warehouse_is_one_line_naming_it(tmp_path):
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(os.urandom(8192))
    for args in (["status"], ["load", str(damaged.parent)]):
        result = run(*args, "--database", str(damaged))
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        [line] = result.stderr.strip().splitlines()
        assert str(damaged) in line and "not a valid DuckDB database file" in line


def test_a_warehouse_that_cannot_be_opened_for_writing_is_one_line_naming_it(tmp_path, articles, monkeypatch, capsys):
    # These machines run tests as root, whom file modes do not stop; DuckDB's own error for a
    # read-only file or folder stands in for what a user without root meets.
    def read_only(*args, **kwargs):
        raise duckdb.IOException('IO Error: Cannot open file "w.duckdb": Read-only file system')

    monkeypatch.setattr(warehouse.duckdb, "connect", read_only)
    database = tmp_path / "w.duckdb"
    assert main(["load", str(articles), "--database", str(database), "--skip-validation", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"cannot open the warehouse {database}: Cannot open file" in err and "Read-only file system" in err


def test_a_warehouse_folder_that_cannot_be_made_is_one_line_naming_it(tmp_path, articles, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    database = blocker / "w.duckdb"
    assert main(["load", str(articles), "--database", str(database), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot create the folder of the warehouse {database}" in err


@pytest.mark.parametrize("name", ["o'hara.duckdb", 'say"cheese".duckdb'])
def test_a_warehouse_name_dbt_cannot_quote_is_refused_up_front(tmp_path, articles, capsys, name):
    database = tmp_path / name
    assert main(["load", str(articles), "--database", str(database), "--quiet"]) == 2
    assert "choose a name without quotes" in capsys.readouterr().err
    assert not database.exists()


def test_status_waits_for_a_busy_warehouse_when_asked(tmp_path, articles, capsys):
    database = tmp_path / "w.duckdb"
    assert main(["load", str(articles), "--database", str(database), "--skip-validation", "--quiet"]) == 0
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(1.5)", str(database)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        capsys.readouterr()
        assert main(["status", "--database", str(database)]) == 2
        assert "pass --wait SECONDS" in capsys.readouterr().err
        assert main(["status", "--database", str(database), "--wait", "30"]) == 0
        assert capsys.readouterr().out.startswith(f"warehouse {database}")
    finally:
        holder.wait()


def test_status_reports_the_dbt_results_of_its_own_warehouse_only(tmp_path, articles, capsys):
    built, other = tmp_path / "built.duckdb", tmp_path / "other.duckdb"
    for database in (built, other):
        main(["load", str(articles), "--database", str(database), "--skip-validation", "--quiet"])
    results = {"results": [{"unique_id": "model.clusterfacts.fct_facts", "status": "success"},
                           {"unique_id": "test.clusterfacts.x", "status": "fail", "message": "Got 1 result"}]}
    (tmp_path / "built.duckdb.build_results.json").write_text(json.dumps(results))
    capsys.readouterr()
    main(["status", "--database", str(built)])
    assert "FAILED test.clusterfacts.x" in capsys.readouterr().out
    main(["status", "--database", str(other)])
    assert "dbt: no build results yet" in capsys.readouterr().out


def test_a_reader_that_stops_early_ends_no_command_in_a_traceback(tmp_path, articles):
    database = tmp_path / "w.duckdb"
    assert main(["load", str(articles), "--database", str(database), "--skip-validation", "--quiet"]) == 0
    for command in (["status", "--database", str(database)], ["extract", *[str(articles / "wuxi.txt")] * 200]):
        reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        writer = subprocess.run([str(BIN / "clusterfacts"), *command], stdout=reader.stdin, stderr=subprocess.PIPE,
                                text=True)
        reader.stdin.close()
        reader.wait()
        assert "Traceback" not in writer.stderr and writer.returncode == 0, writer.stderr


def test_version_and_help_speak_to_a_user():
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("clusterfacts ") and "extractor" in version.stdout
    helped = run("--help").stdout
    assert "clusterfacts load PATH" in helped and "clusterfacts build" in helped and "refresh the marts" in helped


def test_a_file_name_that_is_not_utf8_is_kept_escaped_and_the_run_goes_on(tmp_path, articles):
    odd = os.path.join(os.fsencode(articles), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(ARTICLE.replace("Wuxi", "Hefei").encode())
    database = tmp_path / "w.duckdb"
    for _ in range(2):  # the second run finds both files unchanged by their stored names
        result = run("load", str(articles), "--database", str(database), "--skip-validation", "--quiet")
        assert result.returncode == 0 and "Traceback" not in result.stderr
    conn = duckdb.connect(str(database), read_only=True)
    try:
        names = sorted(row[0] for row in conn.execute("select file_name from raw.articles").fetchall())
        seen, loaded, unchanged, rejected = conn.execute(
            "select files_seen, files_loaded, files_unchanged, files_rejected from raw.load_runs "
            "order by started_at").fetchall()[-1]
    finally:
        conn.close()
    assert names == ["caf\\xe9.txt", "wuxi.txt"]
    assert (seen, loaded, unchanged, rejected) == (2, 0, 2, 0)
