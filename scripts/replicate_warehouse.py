"""A bigger warehouse for timing dbt: a loaded warehouse's raw tables, several times over.

Loading a million synthetic articles takes most of an hour on two cores; timing the dbt
models at that size does not need it. Each copy gets its own article, fact and source
keys and its own sentence fingerprints, so copies never join each other's stories: the
result has the shape of a warehouse `copies` times as big. For scale runs only.

    python scripts/replicate_warehouse.py bench/scale_100000/warehouse.duckdb /tmp/big.duckdb --copies 10
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from clusterfacts.warehouse import ensure_schema

FIRST_RUN_ONLY = """
create temp table first_run_articles as
select content_hash from source.raw.articles
where run_id = (select run_id from source.raw.load_runs order by started_at limit 1)
"""


def remapped(column: str, copy: int) -> str:
    """The same key in copy `copy`: unchanged in copy 0, else a hash of the same length."""
    return column if copy == 0 else f"left(sha256({column} || '{copy}'), length({column}))"


def copy_statements(copy: int) -> list[str]:
    first_run = "where content_hash in (select content_hash from first_run_articles)"
    path = f"source_path || '#copy{copy}'" if copy else "source_path"
    return [
        f"""insert into raw.articles select * replace (
                {remapped('content_hash', copy)} as content_hash, {path} as source_path,
                list_transform(sentence_hashes, lambda h: xor(h, {copy * 7919})) as sentence_hashes)
            from source.raw.articles {first_run}""",
        f"""insert into raw.article_texts select * replace ({remapped('content_hash', copy)} as content_hash)
            from source.raw.article_texts {first_run}""",
        f"""insert into raw.facts select * replace (
                {remapped('fact_id', copy)} as fact_id, {remapped('content_hash', copy)} as content_hash,
                {remapped('equivalent_fact_id', copy)} as equivalent_fact_id)
            from source.raw.facts {first_run}""",
        f"""insert into raw.mentions select * replace ({remapped('content_hash', copy)} as content_hash)
            from source.raw.mentions {first_run}""",
        f"""insert into raw.source_files select * replace (
                {remapped('content_hash', copy)} as content_hash, {path} as source_path)
            from source.raw.source_files {first_run}""",
    ]


def replicate(source: Path, target: Path, copies: int) -> tuple[int, int]:
    """Write `copies` copies of the first load run of `source` into a new warehouse at `target`."""
    target.unlink(missing_ok=True)
    conn = duckdb.connect(str(target))
    try:
        ensure_schema(conn)
        conn.execute("attach ? as source (read_only)", [str(source)])
        conn.execute("insert into raw.load_runs select * from source.raw.load_runs")
        conn.execute(FIRST_RUN_ONLY)
        for copy in range(copies):
            for statement in copy_statements(copy):
                conn.execute(statement)
        return conn.execute("select (select count(*) from raw.articles), (select count(*) from raw.facts)").fetchone()
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    articles, facts = replicate(args.source, args.target, args.copies)
    print(f"{args.target}: {articles:,} articles, {facts:,} facts")


if __name__ == "__main__":
    main()
