"""Shared fixtures: the repo's paths, temporary warehouses, and dbt run as a subprocess; the test markers.

Every test is marked `fast`, `dbt` (it builds a warehouse with dbt) or `slow` (it starts
processes or feeds tens of megabytes), by its module: `make test-fast` runs `-m fast`,
`make test` runs everything, as CI does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import strategies as st

from clusterfacts.records import Fact

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ARTICLES = REPO / "data" / "articles"
BIN = Path(sys.executable).parent


def read_article(name: str) -> str:
    with open(ARTICLES / name, encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def fact_at(text: str, span: str) -> Fact:
    """The fact the extractor finds at `span` in a text written for a test."""
    from clusterfacts.extract.pipeline import facts_of

    return {fact.span: fact for fact in facts_of(text, "test.txt", "hash")}[span]


def quantities_in(text: str, start: int = 0, end: int | None = None):
    """The grammar's quantities in a text written for a test, read as the pipeline reads an article."""
    from clusterfacts.extract.quantities import find_quantities
    from clusterfacts.extract.reference import load_reference
    from clusterfacts.extract.vocabulary import read_text

    ref = load_reference()
    return find_quantities(read_text(text, ref), start, end, ref)


def mentions_in(text: str, ref=None):
    """The gazetteer's mentions in a text written for a test (with other seeds when ref is given)."""
    from clusterfacts.extract.gazetteer import find_mentions
    from clusterfacts.extract.reference import load_reference
    from clusterfacts.extract.vocabulary import read_text

    ref = ref or load_reference()
    return find_mentions(read_text(text, ref), 0, None, ref)


def run_dbt(args: list[str], database: Path, check: bool = True, target_dir: Path | None = None) -> subprocess.CompletedProcess:
    """dbt in its own process, so it holds no lock on the file once it returns."""
    env = {**os.environ, "CLUSTERFACTS_DB": str(database), "DBT_PROFILES_DIR": str(REPO),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    command = [str(BIN / "dbt"), *args, "--project-dir", str(REPO)]
    if target_dir is not None:
        command += ["--target-path", str(target_dir)]
        env["DBT_LOG_PATH"] = str(target_dir / "logs")
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result


def clusterfacts(*args: str, timeout: float = 600, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it."""
    return subprocess.run([str(BIN / "clusterfacts"), *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def runs_against_rows(database) -> list[tuple]:
    """Per run of the loader: status, files seen, loaded + unchanged + rejected, and each count beside the rows behind it."""
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute("""
            select runs.status, runs.files_seen, runs.files_loaded + runs.files_unchanged + runs.files_rejected,
                runs.files_loaded, (select count(*) from raw.articles as a where a.run_id = runs.run_id),
                runs.facts_loaded, (select count(*) from raw.facts as f where f.run_id = runs.run_id),
                runs.files_rejected, (select count(*) from raw.rejected_files as r where r.run_id = runs.run_id)
            from raw.load_runs as runs order by runs.started_at
        """).fetchall()
    finally:
        conn.close()


def assert_counts_match_rows(runs: list[tuple]) -> None:
    for status, seen, accounted, loaded, articles, facts, fact_rows, rejected, rejected_rows in runs:
        assert seen == accounted, f"{status} run: files seen {seen} != loaded + unchanged + rejected {accounted}"
        assert (loaded, facts, rejected) == (articles, fact_rows, rejected_rows), f"{status} run: counts != rows"


DBT_MODULES = {"test_build_command", "test_semantic_layer", "test_report_browser", "test_report", "test_docs", "test_example_queries", "test_export", "test_wheel", "test_concurrency", "test_held_back_facts", "test_incremental", "test_marts", "test_untested_facts", "test_warehouse_build"}
SLOW_MODULES = {"test_bad_input", "test_html_pages", "test_progress", "test_cli", "test_faults", "test_full_disk", "test_native", "test_loading", "test_pipeline", "test_reading",
                "test_replicate_warehouse", "test_decoding"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        marker = "dbt" if module in DBT_MODULES else "slow" if module in SLOW_MODULES else "fast"
        item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "test.duckdb"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The sample corpus loaded and built once, for the tests that only read it."""
    from clusterfacts.load.loading import load

    folder = tmp_path_factory.mktemp("sample")
    database = folder / "sample.duckdb"
    load([str(ARTICLES)], database)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], database, target_dir=folder / "target")
    run_dbt(["test", "--resource-type", "unit_test"], database, target_dir=folder / "target")
    return database


@pytest.fixture
def unbuilt_warehouse(tmp_path: Path) -> Path:
    """The sample loaded, with no dbt build after it: no marts."""
    from clusterfacts.load.loading import load

    database = tmp_path / "w.duckdb"
    load([str(ARTICLES)], database, validate=False)
    return database


@pytest.fixture
def article_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    return folder


def texts_and_ranges(pieces: list[str], max_pieces: int = 20):
    """Hypothesis: a text joined from pieces, and a range [start, end) in it."""
    @st.composite
    def build(draw):
        text = "".join(draw(st.lists(st.sampled_from(pieces), max_size=max_pieces)))
        start = draw(st.integers(0, len(text)))
        return text, start, draw(st.integers(start, len(text)))
    return build()
