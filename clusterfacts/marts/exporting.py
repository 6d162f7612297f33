"""Export the marts as files a BI tool or a notebook reads without opening the warehouse.

`clusterfacts export DIR` writes each relation of the `marts` schema as DIR/NAME.parquet (or
.csv) and, beside it, DIR/NAME.schema.json with the mart's description, its columns' names,
types and descriptions (the dbt docs that `persist_docs` stores in the warehouse) and its row
count. The warehouse is opened read-only, so an export runs beside a BI tool and never holds
the lock a load or a build needs. A file is written under a temporary name and renamed once
complete, so a reader never sees half a mart.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from clusterfacts.warehouse import WarehouseMissing, connect, require_marts

FORMATS = ("parquet", "csv")
MARTS_SCHEMA = "marts"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    description: str | None


@dataclass(frozen=True, slots=True)
class ExportedMart:
    """One mart written: where, how many rows, and its sidecar of descriptions."""

    name: str
    path: Path
    sidecar: Path
    rows: int


def export(database: Path, folder: Path, file_format: str = "parquet", wait_seconds: float = 0
           ) -> list[ExportedMart]:
    """Write every mart of `database` into `folder` as `file_format` files, each with a schema sidecar."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}: one of {', '.join(FORMATS)}")
    if not database.exists():
        raise WarehouseMissing(f"no warehouse at {database}: run `clusterfacts load PATH` first")
    conn = connect(database, read_only=True, wait_seconds=wait_seconds)
    try:
        require_marts(conn, database)
        marts = conn.execute("""
            select table_name, comment from duckdb_tables() where schema_name = $schema
            union all
            select view_name, comment from duckdb_views() where schema_name = $schema and not internal
            order by 1
        """, {"schema": MARTS_SCHEMA}).fetchall()
        folder.mkdir(parents=True, exist_ok=True)
        exported_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        written = []
        for name, description in marts:
            path = folder / f"{name}.{file_format}"
            partial = folder / f".{name}.{file_format}.partial"
            relation = conn.sql(f'select * from {MARTS_SCHEMA}."{name}"')
            if file_format == "parquet":
                relation.write_parquet(str(partial))
            else:
                relation.write_csv(str(partial), header=True)
            os.replace(partial, path)
            rows = conn.execute(f'select count(*) from {MARTS_SCHEMA}."{name}"').fetchall()[0][0]
            sidecar = folder / f"{name}.schema.json"
            sidecar.write_text(json.dumps({
                "mart": f"{MARTS_SCHEMA}.{name}",
                "description": description,
                "file": path.name,
                "format": file_format,
                "rows": rows,
                "columns": [asdict(column) for column in _columns(conn, name)],
                "warehouse": str(database),
                "exported_at": exported_at,
            }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(ExportedMart(name, path, sidecar, rows))
        return written
    finally:
        conn.close()


def _columns(conn, name: str) -> list[Column]:
    return [Column(*row) for row in conn.execute("""
        select column_name, data_type, comment from duckdb_columns()
        where schema_name = $schema and table_name = $name
        order by column_index
    """, {"schema": MARTS_SCHEMA, "name": name}).fetchall()]
