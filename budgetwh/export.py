"""Parquet exports for dashboards: every mart under exports/<model>/fiscal_year=YYYY/*.parquet.

Written with DuckDB's own COPY … (FORMAT parquet, PARTITION_BY …) into a fresh snapshot folder;
`exports/` is a symlink switched to the new snapshot in one rename, so a reader sees yesterday's
files or today's, never half of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

EXPORTED = {
    "marts": ("dim_", "fct_", "mart_"),
    "audit": ("identity_residuals",),
}
KEEP_SNAPSHOTS = 2


@dataclass
class ExportSummary:
    path: Path
    snapshot: Path
    models: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def files(self) -> int:
        return sum(len(m["files"]) for m in self.models.values())

    @property
    def rows(self) -> int:
        return sum(m["rows"] for m in self.models.values())


def exported_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[str]]]:
    rows = con.execute(
        """
        select table_schema, table_name, list(column_name order by ordinal_position)
        from information_schema.columns
        where table_schema in ('marts', 'audit')
        group by all order by 1, 2
        """
    ).fetchall()
    return [
        (schema, name, columns)
        for schema, name, columns in rows
        if any(name.startswith(prefix) for prefix in EXPORTED.get(schema, ()))
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_snapshot(db_path: Path, snapshot: Path) -> dict[str, dict]:
    """Write every exported table of the warehouse into `snapshot` (which must not exist)."""
    snapshot.mkdir(parents=True)
    models: dict[str, dict] = {}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        for schema, name, columns in exported_tables(con):
            target = snapshot / name
            rows = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            partitioned = "fiscal_year" in columns
            if rows:
                if partitioned:
                    con.execute(
                        f'copy (select * from "{schema}"."{name}" order by all) to {_quote(target)} '
                        "(format parquet, partition_by (fiscal_year), filename_pattern 'part_{i}', overwrite_or_ignore)"
                    )
                else:
                    target.mkdir()
                    con.execute(
                        f'copy (select * from "{schema}"."{name}" order by all) to {_quote(target / "data.parquet")} (format parquet)'
                    )
            files = []
            for file in sorted(target.rglob("*.parquet")) if target.exists() else []:
                file_rows = con.execute(f"select count(*) from read_parquet({_quote(file)})").fetchone()[0]
                files.append({
                    "path": str(file.relative_to(snapshot)),
                    "rows": file_rows,
                    "bytes": file.stat().st_size,
                    "sha256": _sha256(file),
                })
            models[name] = {
                "schema": schema,
                "rows": rows,
                "columns": columns,
                "partitioned_by": "fiscal_year" if partitioned else None,
                "files": files,
            }
    finally:
        con.close()
    manifest = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warehouse": str(db_path),
        "models": models,
    }
    (snapshot / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    return models


def snapshots_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.snapshots"


def publish(out: Path, snapshot: Path) -> None:
    """Point `out` at `snapshot` in one atomic rename (a symlink replaced, never a folder emptied)."""
    link = out.parent / f".{out.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(snapshot, link, target_is_directory=True)
    if out.exists() and not out.is_symlink():
        # a plain folder from an older layout: move it aside once, then switch to the link
        aside = out.parent / f".{out.name}.replaced-{uuid.uuid4().hex[:8]}"
        out.rename(aside)
        os.replace(link, out)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(link, out)
    keep = {snapshot.resolve()}
    older = sorted(
        (p for p in snapshots_dir(out).iterdir() if p.resolve() not in keep),
        key=lambda p: p.stat().st_mtime,
    )
    for stale in older[: max(0, len(older) - (KEEP_SNAPSHOTS - 1))]:
        shutil.rmtree(stale, ignore_errors=True)


def new_snapshot_path(out: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return snapshots_dir(out) / f"{stamp}-{uuid.uuid4().hex[:8]}"


def export_snapshot_and_publish_later(db_path: Path, out: Path):
    """Write the snapshot now; return it and the one call that publishes it (the nightly publishes
    only after the warehouse itself has been swapped in)."""
    started = time.monotonic()
    snapshot = new_snapshot_path(out)
    try:
        models = write_snapshot(db_path, snapshot)
    except BaseException:
        shutil.rmtree(snapshot, ignore_errors=True)
        raise
    summary = ExportSummary(path=out, snapshot=snapshot, models=models, seconds=time.monotonic() - started)
    return summary, lambda: publish(out, snapshot)


def export(db_path: Path, out: Path) -> ExportSummary:
    summary, publish_now = export_snapshot_and_publish_later(db_path, out)
    publish_now()
    return summary
