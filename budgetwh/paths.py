"""Where things live: the project, the warehouse file, the exports."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    return Path(os.environ.get("BUDGETWH_DB", PROJECT_DIR / "warehouse" / "budget.duckdb")).resolve()


def spark_warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The Spark warehouse: a folder of parquet tables (tables/) and their metastore (metastore_db/)."""
    if explicit:
        return Path(explicit).resolve()
    return Path(os.environ.get("BUDGETWH_SPARK_WAREHOUSE", PROJECT_DIR / "warehouse" / "spark")).resolve()


def exports_path(explicit: str | os.PathLike | None = None) -> Path:
    """The export folder as named, not resolved: it is a symlink switched to each new snapshot."""
    if explicit:
        return Path(explicit).absolute()
    return Path(os.environ.get("BUDGETWH_EXPORTS", PROJECT_DIR / "exports")).absolute()


def samples_dir() -> Path:
    return PROJECT_DIR / "samples"
