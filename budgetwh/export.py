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


def write_snapshot(db_path: Path, snapshot: Path, previous: Path | None = None, read_only: bool = True) -> dict[str, dict]:
    """Write every exported table of the warehouse into `snapshot` (which must not exist).

    A partition (a model's fiscal year) whose rows are those of the `previous` snapshot — the same
    columns, the same count and the same fingerprint of its rows — is linked from it instead of
    written again: a nightly that adds one department-year rewrites the partitions it changed.
    `read_only=False` shares the database with this process's other read-write connections (the
    nightly exports while it validates)."""
    snapshot.mkdir(parents=True)
    models: dict[str, dict] = {}
    before = _manifest_of(previous)
    con = duckdb.connect(str(db_path), read_only=read_only)
    try:
        for schema, name, columns in exported_tables(con):
            target = snapshot / name
            partitioned = "fiscal_year" in columns
            partitions = _partition_fingerprints(con, schema, name, partitioned)
            rows = sum(count for count, _ in partitions.values())
            old = before.get(name) or {}
            same_shape = old.get("columns") == columns and bool(old.get("partitioned_by")) == partitioned
            old_partitions = old.get("partitions", {}) if same_shape else {}
            unchanged = {
                part for part, (count, fingerprint) in partitions.items()
                if old_partitions.get(part) == {"rows": count, "fingerprint": fingerprint}
            }
            reused = {}
            for file in old.get("files", []) if unchanged else []:
                part = _partition_of(file["path"], name)
                if part in unchanged:
                    _link(previous / file["path"], snapshot / file["path"])
                    reused[file["path"]] = file
            if rows and not unchanged:
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
            elif rows:
                for part in sorted(set(partitions) - unchanged):
                    # the layout COPY … PARTITION_BY writes: the partition column in the folder name only
                    (target / part).mkdir(parents=True)
                    year = None if part.endswith(HIVE_NULL) else int(part.split("=", 1)[1])
                    con.execute(
                        f'copy (select * exclude (fiscal_year) from "{schema}"."{name}" '
                        "where fiscal_year is not distinct from ? order by all) "
                        f"to {_quote(target / part / 'part_0.parquet')} (format parquet)",
                        [year],
                    )
            entry = _model_entry(snapshot, target, schema, rows, columns, partitioned, reused)
            entry["partitions"] = {part: {"rows": count, "fingerprint": fingerprint} for part, (count, fingerprint) in partitions.items()}
            entry["partitions_reused"] = len(unchanged)
            models[name] = entry
    finally:
        con.close()
    _write_manifest(snapshot, str(db_path), models)
    return models


HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def _partition_fingerprints(con, schema: str, name: str, partitioned: bool) -> dict[str, tuple[int, str]]:
    """Rows and a fingerprint of the rows (count and the sum of a hash of each whole row, whatever
    their order) per partition folder; one entry '' for a model that is not partitioned."""
    fingerprint = "coalesce(cast(sum(cast(hash(t) as hugeint)) as varchar), '')"
    if not partitioned:
        count, value = con.execute(f'select count(*), {fingerprint} from "{schema}"."{name}" as t').fetchone()
        return {"": (count, value)} if count else {}
    found = con.execute(f'select fiscal_year, count(*), {fingerprint} from "{schema}"."{name}" as t group by all').fetchall()
    return {f"fiscal_year={HIVE_NULL if year is None else year}": (count, value) for year, count, value in found}


def _partition_of(path: str, name: str) -> str:
    """'fiscal_year=2024' for '<model>/fiscal_year=2024/part_0.parquet'; '' for '<model>/data.parquet'."""
    parts = Path(path).relative_to(name).parts
    return parts[0] if len(parts) > 1 else ""


def _manifest_of(snapshot: Path | None) -> dict[str, dict]:
    if snapshot is None or not (snapshot / "manifest.json").exists():
        return {}
    try:
        return json.loads((snapshot / "manifest.json").read_text(encoding="utf-8")).get("models", {})
    except (OSError, ValueError):
        return {}


def _link(source: Path, target: Path) -> None:
    """A file of the previous snapshot into the new one: a hard link (snapshots are never written
    to after they are published, and removing the old one keeps the new one's files)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _model_entry(snapshot: Path, target: Path, schema: str, rows: int, columns: list[str], partitioned: bool,
                 known: dict[str, dict] | None = None) -> dict:
    """One model's manifest entry: its files with their rows (from the parquet footer), size and sha256
    (taken from the previous manifest for a file linked from it)."""
    import pyarrow.parquet as pq

    known = known or {}
    files = []
    for file in sorted(target.rglob("*.parquet")) if target.exists() else []:
        path = str(file.relative_to(snapshot))
        if path in known:
            files.append(known[path])
            continue
        files.append({
            "path": path,
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


def export_snapshot_and_publish_later(db_path: Path, out: Path, read_only: bool = True):
    """Write the snapshot now; return it and the one call that publishes it (the nightly publishes
    only after the warehouse itself has been swapped in)."""
    started = time.monotonic()
    snapshot = new_snapshot_path(out)
    # the published snapshot, whose unchanged partitions the new one links to
    previous = out.resolve() if out.is_symlink() and out.exists() else None
    try:
        models = write_snapshot(db_path, snapshot, previous, read_only=read_only)
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
