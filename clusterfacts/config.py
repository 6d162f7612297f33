"""Every setting of clusterfacts in one place, read once from the environment.

| variable | setting | default |
|---|---|---|
| `CLUSTERFACTS_DB` | `database`: the warehouse file (dbt reads the same variable) | `warehouse/clusterfacts.duckdb` in the repo (installed: in the working directory) |
| `CLUSTERFACTS_PROJECT` | `project`: the dbt project `clusterfacts build` runs | the repo (installed: the copy in the package) |
| `CLUSTERFACTS_SEEDS` | `seeds`: the reference data the extractor reads | the project's `seeds/` |
| `CLUSTERFACTS_MAX_FILE_BYTES` | `max_file_bytes`: larger files are rejected unread | 8 MiB |
| `CLUSTERFACTS_BATCH_FILES` | `batch_files`, `validated_batch_files`: files a transaction | 1,000 bulk, 200 validated |
| `CLUSTERFACTS_MEMORY_LIMIT` | `memory_limit`: DuckDB's memory for a load | `1GB` |
| `CLUSTERFACTS_CHECKPOINT_THRESHOLD` | `checkpoint_threshold`: write-ahead log size that triggers a checkpoint | `1GB` |
| `CLUSTERFACTS_EXTRACT_SECONDS` | `extract_seconds`: an article still being extracted after this long is rejected (`too_slow`); 0 for no limit | 60 |
| `CLUSTERFACTS_PURE_PYTHON` | `pure_python`: run the extractor's sources even where a compiled build is current | off |

`settings()` reads them the first time it is called and keeps them; the loader and the
CLI ask it when they start work. A test that needs other values replaces the function
where it is used (monkeypatch) with one returning `dataclasses.replace(settings(), ...)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# A wheel carries a copy of the dbt project here (setup.py); a checkout has none, and uses its own.
PACKED_PROJECT = Path(__file__).resolve().parent / "project"

# A news article is a few kB; a file of many MB is a dump or a mistake, and reading it
# whole would cost memory and minutes for nothing.
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
# Each commit costs the one writing process a fixed share, so bulk loads land large batches;
# a validated batch that fails is quarantined whole, so validated loads land smaller ones.
DEFAULT_BATCH_FILES = 1000
DEFAULT_VALIDATED_BATCH_FILES = 200
# Extraction runs at about 2 s per MB of the densest text, so the largest file read takes
# about 16 s; a minute leaves room for a slow machine and still frees a stalled worker.
DEFAULT_EXTRACT_SECONDS = 60.0


@dataclass(frozen=True)
class Settings:
    database: Path
    seeds: Path
    project: Path = REPO_ROOT
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    batch_files: int = DEFAULT_BATCH_FILES
    validated_batch_files: int = DEFAULT_VALIDATED_BATCH_FILES
    memory_limit: str = "1GB"
    checkpoint_threshold: str = "1GB"
    extract_seconds: float = DEFAULT_EXTRACT_SECONDS
    pure_python: bool = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        batch = environ.get("CLUSTERFACTS_BATCH_FILES")
        installed = PACKED_PROJECT.is_dir()
        project = Path(environ.get("CLUSTERFACTS_PROJECT", PACKED_PROJECT if installed else REPO_ROOT))
        home = Path.cwd() if installed else REPO_ROOT
        return cls(
            database=Path(environ.get("CLUSTERFACTS_DB", home / "warehouse" / "clusterfacts.duckdb")),
            seeds=Path(environ.get("CLUSTERFACTS_SEEDS", project / "seeds")),
            project=project,
            max_file_bytes=int(environ.get("CLUSTERFACTS_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)),
            batch_files=int(batch) if batch else DEFAULT_BATCH_FILES,
            validated_batch_files=int(batch) if batch else DEFAULT_VALIDATED_BATCH_FILES,
            memory_limit=environ.get("CLUSTERFACTS_MEMORY_LIMIT", "1GB"),
            checkpoint_threshold=environ.get("CLUSTERFACTS_CHECKPOINT_THRESHOLD", "1GB"),
            extract_seconds=float(environ.get("CLUSTERFACTS_EXTRACT_SECONDS", DEFAULT_EXTRACT_SECONDS)),
            pure_python=bool(environ.get("CLUSTERFACTS_PURE_PYTHON")),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings of this process, read from the environment once."""
    return Settings.from_environment()


def seeds_dir() -> Path:
    """The dbt seeds folder: the one source of truth for reference data."""
    return settings().seeds


def default_database() -> Path:
    """The warehouse file; CLUSTERFACTS_DB overrides it (dbt reads the same variable)."""
    return settings().database
