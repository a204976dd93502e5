"""Parquet exports for dashboards: every mart under exports/<model>/fiscal_year=YYYY/*.parquet.

Written with DuckDB's own COPY … (FORMAT parquet, PARTITION_BY …) into a fresh snapshot folder —
or, on the Spark target, with Spark's write.partitionBy('fiscal_year').parquet(…) into the same
layout; `exports/` is a symlink switched to the new snapshot in one rename, so a reader sees
yesterday's files or today's, never half of each. Both write the same manifest.json.
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
            models[name] = _model_entry(snapshot, target, schema, rows, columns, partitioned)
    finally:
        con.close()
    _write_manifest(snapshot, str(db_path), models)
    return models


def _model_entry(snapshot: Path, target: Path, schema: str, rows: int, columns: list[str], partitioned: bool) -> dict:
    """One model's manifest entry: its files with their rows (from the parquet footer), size and sha256."""
    import pyarrow.parquet as pq

    files = []
    for file in sorted(target.rglob("*.parquet")) if target.exists() else []:
        files.append({
            "path": str(file.relative_to(snapshot)),
            "rows": pq.ParquetFile(file).metadata.num_rows,
            "bytes": file.stat().st_size,
            "sha256": _sha256(file),
        })
    return {
        "schema": schema,
        "rows": rows,
        "columns": columns,
        "partitioned_by": "fiscal_year" if partitioned else None,
        "files": files,
    }


def _write_manifest(snapshot: Path, warehouse: str, models: dict[str, dict]) -> None:
    manifest = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warehouse": warehouse,
        "models": models,
    }
    (snapshot / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")


def spark_exported_tables(spark) -> list[tuple[str, str, list[str]]]:
    tables = []
    for schema, prefixes in EXPORTED.items():
        if not spark.catalog.databaseExists(schema):
            continue
        for row in sorted(spark.sql(f"show tables in {schema}").collect(), key=lambda r: r["tableName"]):
            name = row["tableName"]
            if not row["isTemporary"] and any(name.startswith(prefix) for prefix in prefixes):
                tables.append((schema, name, spark.table(f"{schema}.{name}").columns))
    return tables


def write_snapshot_spark(spark, warehouse: Path, snapshot: Path) -> dict[str, dict]:
    """The Spark target's tables into `snapshot` (which must not exist), in the DuckDB export's
    layout: one folder per model, fiscal_year=YYYY partitions, parquet files and a manifest."""
    snapshot.mkdir(parents=True)
    models: dict[str, dict] = {}
    for schema, name, columns in spark_exported_tables(spark):
        target = snapshot / name
        frame = spark.table(f"{schema}.{name}")
        rows = frame.count()
        partitioned = "fiscal_year" in columns
        if rows:
            # one file per partition, rows in a fixed order, as DuckDB's COPY … ORDER BY ALL writes them
            ordered = frame.repartition(1).sortWithinPartitions(*columns)
            writer = ordered.write.mode("errorifexists")
            if partitioned:
                writer = writer.partitionBy("fiscal_year")
            writer.parquet(target.as_uri())
            for marker in [*target.rglob("_SUCCESS"), *target.rglob(".*.crc")]:
                marker.unlink()
        models[name] = _model_entry(snapshot, target, schema, rows, columns, partitioned)
    _write_manifest(snapshot, f"spark:{warehouse}", models)
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


def export_spark(spark, warehouse: Path, out: Path) -> ExportSummary:
    """The Spark target's export: a new snapshot, published as the DuckDB export is."""
    started = time.monotonic()
    snapshot = new_snapshot_path(out)
    try:
        models = write_snapshot_spark(spark, warehouse, snapshot)
    except BaseException:
        shutil.rmtree(snapshot, ignore_errors=True)
        raise
    publish(out, snapshot)
    return ExportSummary(path=out, snapshot=snapshot, models=models, seconds=time.monotonic() - started)
