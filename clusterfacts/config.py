"""Where things live: the repo's seeds and the default warehouse file."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    """The dbt seeds folder: the one source of truth for reference data."""
    return Path(os.environ.get("CLUSTERFACTS_SEEDS", REPO_ROOT / "seeds"))


def default_database() -> Path:
    """The warehouse file; CLUSTERFACTS_DB overrides it (dbt reads the same variable)."""
    return Path(os.environ.get("CLUSTERFACTS_DB", REPO_ROOT / "warehouse" / "clusterfacts.duckdb"))
