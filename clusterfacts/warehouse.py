"""The raw layer in DuckDB: its schema, connections to it, and landing batches."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from clusterfacts.config import settings
from clusterfacts.records import Article, Fact, FactValidation, LoadRun, MentionRow, RejectedFile, SourceFile

# Analysts' DuckDB 1.4+ clients must be able to open the file.
STORAGE_COMPATIBILITY = "v1.4.0"
# settings().memory_limit caps DuckDB, which caches up to 80 % of RAM by default though the
# loader needs little of it. settings().checkpoint_threshold raises DuckDB's 16 MB write-ahead
# log threshold: each checkpoint writes the key indexes out whole, and the log is checkpointed
# when the loader closes the file anyway (docs/performance.md has the figures).

# The tables of the records the loader lands (clusterfacts/records.py) are filled in from
# their fields below; the facts the fact gate holds back are written here, as facts.
_SCHEMA_TEMPLATE = """
create schema if not exists raw;

{load_runs}

{articles}

{article_texts}

{source_files}

{rejected_files}

{facts}

{fact_validations}

create table if not exists raw.quarantined_facts as
select *, []::varchar[] as reasons, 0 as batch_number from raw.facts limit 0;

{mentions}
"""


def record_columns(record: type, only: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(name, DuckDB type) of a record's fields (clusterfacts/records.py), in their order."""
    return [(f.name, f.metadata["sql"]) for f in dataclasses.fields(record) if only is None or f.name in only]


def _create_table(name: str, columns: list[tuple[str, str]], *, primary_key: str | None = None,
                  run_columns: tuple[str, ...] = ()) -> str:
    written = [f"{column} {sql}{' primary key' if column == primary_key else ''}" for column, sql in columns]
    written += [f"{column} {RUN_COLUMNS[column]}" for column in run_columns]
    return f"create table if not exists {name} (\n    " + ",\n    ".join(written) + "\n);"


# what the loader adds to a record's row as it lands
RUN_COLUMNS = {"run_id": "varchar not null", "loaded_at": "timestamp not null"}
ARTICLE_TEXT = ("content_hash", "text")

SCHEMA = _SCHEMA_TEMPLATE.format(
    # an article's text is kept apart from its keyed row: in the v1.4.0 storage format a
    # checkpoint after new rows in a table with a primary key rewrote the text of the rows
    # around them (docs/performance.md)
    articles=_create_table("raw.articles", [c for c in record_columns(Article) if c[0] != "text"],
                           primary_key="content_hash", run_columns=("run_id", "loaded_at")),
    # one row per article, landed with it in one transaction
    article_texts=_create_table("raw.article_texts", record_columns(Article, ARTICLE_TEXT),
                                run_columns=("run_id", "loaded_at")),
    # fact_id has no primary key: articles are unique by content hash and the loader lands
    # an article only when its fact ids are distinct, so fact ids are unique by construction;
    # an index on every fact id made each daily load and each later checkpoint write it out again
    facts=_create_table("raw.facts", record_columns(Fact), run_columns=("run_id",)),
    mentions=_create_table("raw.mentions", record_columns(MentionRow), run_columns=("run_id",)),
    load_runs=_create_table("raw.load_runs", record_columns(LoadRun), primary_key="run_id"),
    source_files=_create_table("raw.source_files", record_columns(SourceFile), primary_key="source_path",
                               run_columns=("run_id",)),
    rejected_files=_create_table("raw.rejected_files", record_columns(RejectedFile)),
    fact_validations=_create_table("raw.fact_validations", record_columns(FactValidation)),
)

ARROW_TYPES = {"varchar": pa.string(), "integer": pa.int32(), "bigint": pa.int64(), "double": pa.float64(),
               "boolean": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
               "bigint[]": pa.list_(pa.int64()), "varchar[]": pa.list_(pa.string())}


def arrow_schema(record: type) -> pa.Schema:
    """A record's fields as Arrow columns of its DuckDB types."""
    return pa.schema([pa.field(name, ARROW_TYPES[sql.removesuffix(" not null")], nullable="not null" not in sql)
                      for name, sql in record_columns(record)])


def arrow_table(record: type, rows: list) -> pa.Table:
    """Records as one Arrow table, column by column, typed by the record (a column null in every row keeps its type)."""
    schema = arrow_schema(record)
    return pa.table([pa.array([getattr(row, name) for row in rows], type=schema.field(name).type)
                     for name in schema.names], schema=schema)


class WarehouseError(Exception):
    """The warehouse cannot be used; the message names the file and the cause, in one line."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse file's lock."""


class WarehouseMisnamed(WarehouseError):
    """The warehouse file's name would make its schemas' tables ambiguous, or cannot be quoted in SQL."""


class WarehouseMissing(WarehouseError):
    """No warehouse file where one is to be read."""


class WarehouseNotBuilt(WarehouseError):
    """The warehouse was loaded but has no marts: dbt never built it."""


def require_marts(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Stop a reader of the marts (export, report) in one line when there are none."""
    if not conn.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchall()[0][0]:
        raise WarehouseNotBuilt(f"the warehouse {path} has no marts: run `clusterfacts build` first")


class WarehouseUnusable(WarehouseError):
    """The warehouse file is damaged, or cannot be created or written where it is."""


# DuckDB names a file's catalog after the file ("raw.duckdb" is catalog raw): a catalog
# named like the schema the loader writes makes every "raw.articles" ambiguous, and the
# load stopped with a binder error that did not say the file's name was the cause (dbt
# names its tables with the catalog, so its schemas do not clash)
LOADER_SCHEMA = "raw"


# dbt-duckdb quotes the database (named after the file) with quotes it does not escape.
UNQUOTABLE = ("'", '"')

HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
RETRY_SECONDS = 0.5


def connect(path: Path, read_only: bool = False, wait_seconds: float = 0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; while another process holds it, retry for up to wait_seconds."""
    if path.stem.lower() == LOADER_SCHEMA:
        raise WarehouseMisnamed(f"a warehouse file may not be named {path.name}: DuckDB names the database "
                                f"after its file, and '{path.stem}' is also the name of the schema the loader writes; "
                                "choose another name")
    if any(quote in path.stem for quote in UNQUOTABLE):
        raise WarehouseMisnamed(f"a warehouse file may not be named {path.name}: dbt-duckdb names the database "
                                "after its file and writes that name into SQL unescaped, so a quote in it breaks "
                                "every dbt build; choose a name without quotes")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WarehouseUnusable(f"cannot create the folder of the warehouse {path}: {error.strerror}") from error
    config = {"memory_limit": settings().memory_limit}
    if not read_only:
        config["storage_compatibility_version"] = STORAGE_COMPATIBILITY
        config["checkpoint_threshold"] = settings().checkpoint_threshold
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise WarehouseUnusable(f"cannot open the warehouse {path}: {one_line_cause(error)}") from error
            if time.monotonic() >= deadline:
                raise WarehouseBusy(who_holds(error, wait_seconds)) from error
            time.sleep(RETRY_SECONDS)


def one_line_cause(error: Exception) -> str:
    """DuckDB's message without its error class ('IO Error: ...') and on one line."""
    message = " ".join(str(error).split())
    return message.split(": ", 1)[1] if message.startswith(("IO Error: ", "Invalid Input Error: ")) else message


def who_holds(error: BaseException | None, waited: float) -> str:
    """Who holds the lock DuckDB could not take, in words, and what to do."""
    holder = HOLDER.search(str(error))
    who = f"process {holder.group('pid')} ({holder.group('program')})" if holder else "another process"
    after = f" after waiting {waited:g} s" if waited else ""
    return f"{who} has it open{after}; try again when it finishes, or pass --wait SECONDS"


# Columns added after a table first shipped: applied to warehouses made before them.
MIGRATIONS = """
alter table raw.load_runs add column if not exists pid integer;
alter table raw.load_runs add column if not exists host varchar;
alter table raw.articles add column if not exists credit varchar;
alter table raw.articles add column if not exists credit_kind varchar;
alter table raw.articles add column if not exists credit_start integer;
"""


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(SCHEMA)
    conn.execute(MIGRATIONS)
    _move_article_texts(conn)


def _move_article_texts(conn: duckdb.DuckDBPyConnection) -> None:
    """Warehouses made before raw.article_texts kept each text in raw.articles: move them, once."""
    has_text = conn.execute("""
        select count(*) from information_schema.columns
        where table_catalog = current_database() and table_schema = 'raw'
            and table_name = 'articles' and column_name = 'text'
    """).fetchone()[0]
    if not has_text:
        return
    conn.execute("set enable_progress_bar = false")  # a million texts take seconds: no bar on a loader's output
    conn.execute("begin transaction")
    try:
        # in the articles' order, which is load order (DuckDB keeps insertion order)
        conn.execute("""
            insert into raw.article_texts (content_hash, text, run_id, loaded_at)
            select content_hash, text, run_id, loaded_at from raw.articles
        """)
        conn.execute("alter table raw.articles drop column text")
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table | None, **same_in_every_row) -> None:
    """Insert an Arrow table's rows at once, matching columns by name; keyword arguments
    give columns whose value is the same in every row (a run id), set in SQL, not per row."""
    if rows is None or rows.num_rows == 0:
        return
    batch = rows  # noqa: F841 - read by name below
    constants = "".join(f", ? as {column}" for column in same_in_every_row)
    conn.execute(f"insert into {table} by name select *{constants} from batch", list(same_in_every_row.values()))


def in_list(column: str, values: list) -> str:
    """`column in (?, ?, ...)`: unlike `= any(?)` with one list parameter, DuckDB answers a
    list of literals from the column's primary-key index instead of scanning the table"""
    return f"{column} in ({', '.join('?' * len(values))})" if values else "false"
