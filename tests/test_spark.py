"""The Spark target against the DuckDB one, on the same documents: the Yunnan renderings (text,
workbook, both PDFs — or the bundled seed when the shared corpus is absent), a generated corpus
and files that must be rejected, ingested by both engines and built by both targets.

Spark runs as the real CLI in its own processes (`budgetwh ingest --engine spark`, `budgetwh build
--target spark`): one local session each, on a warehouse folder of their own. Its tables are read
here from the parquet files they are made of, so this process needs no JVM; amounts are compared
as the strings of their Decimals, so 1.5 and 1.50 differ.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetwh.build import dbt_build
from budgetwh.export import export
from ingest.runner import run_batch
from tests.conftest import CORPUS, REPO, SEED_TEXT
from validate.suites import run_validation

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime, which PySpark needs (make java installs one)"),
]

RAW_ROW_COLUMNS = [
    "document_id", "table_code", "table_title", "table_kind", "table_seq", "unit_raw", "table_department_raw",
    "page_no", "row_no", "cells",
]
RAW_DOCUMENT_COLUMNS = [
    "document_id", "source_name", "source_format", "department_raw", "fiscal_year", "report_kind", "page_count",
    "table_count", "row_count", "is_synthetic", "warnings", "parser_version",
]


def budgetwh(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetwh.cli", *args], cwd=REPO, capture_output=True, text=True)


def exact(value):
    """A value as compared across engines: Decimals by their digits, lists element by element."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(exact(v) for v in value)
    return value


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return sorted((tuple(exact(v) for v in row) for row in con.execute(sql).fetchall()), key=repr)


def spark_table(warehouse: Path, schema: str, name: str) -> str:
    """A Spark table of the warehouse as DuckDB reads its parquet files (partition folders included)."""
    folder = warehouse / "tables" / f"{schema}.db" / name
    assert any(folder.rglob("*.parquet")), f"{schema}.{name} has no parquet file in {folder}"
    return f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("spark_inputs")
    subprocess.run(
        [sys.executable, "-m", "budgetwh.cli", "synth", "--departments", "4", "--years", "2019-2021",
         "--out", str(root / "generated"), "--formats", "txt", "--seed", "3"],
        cwd=REPO, check=True, capture_output=True,
    )
    yunnan = CORPUS / "yunnan"
    documents = sorted(yunnan.iterdir()) if yunnan.exists() else [SEED_TEXT]
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "minutes.txt").write_text("会议纪要\n今天开会讨论了工作安排。\n", encoding="utf-8")
    (bad / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 not really a workbook")
    return [*documents, root / "generated", bad / "empty.pdf", bad / "minutes.txt", bad / "old.xls"]


@pytest.fixture(scope="module")
def local(tmp_path_factory, inputs):
    """The DuckDB side: ingested, built, validated, exported."""
    root = tmp_path_factory.mktemp("duckdb_side")
    db = root / "w.duckdb"
    summary = run_batch(inputs, db, jobs=2)
    assert summary.landed and len(summary.rejected) == 3
    result = dbt_build(db)
    assert result.ok, "\n".join(result.failures()[:30])
    report = run_validation(db, build_docs=False)
    exports = export(db, root / "exports")
    return db, report, exports


@pytest.fixture(scope="module")
def spark(tmp_path_factory, inputs):
    """The Spark side through the CLI: ingested twice (the second lands nothing), built, validated, exported."""
    root = tmp_path_factory.mktemp("spark_side")
    warehouse = root / "warehouse"
    paths = [str(p) for p in inputs]
    first = budgetwh("ingest", "--engine", "spark", "--spark-warehouse", str(warehouse), "--jobs", "2", *paths)
    second = budgetwh("ingest", "--engine", "spark", "--spark-warehouse", str(warehouse), "--jobs", "2", *paths)
    built = budgetwh("build", "--target", "spark", "--spark-warehouse", str(warehouse), "--out", str(root / "exports"))
    assert built.returncode == 0, built.stdout + built.stderr
    return warehouse, root / "exports", first, second, built


def test_spark_ingest_lands_the_same_table_rows_as_the_local_ingest(local, spark):
    db, _, _ = local
    warehouse = spark[0]
    con = duckdb.connect(str(db), read_only=True)
    columns = ", ".join(RAW_ROW_COLUMNS)
    expected = rows(con, f"select {columns} from raw.table_rows")
    landed = rows(con, f"select {columns} from {spark_table(warehouse, 'raw', 'table_rows')}")
    assert len(landed) == len(expected) > 5000
    assert landed == expected
    columns = ", ".join(RAW_DOCUMENT_COLUMNS)
    assert rows(con, f"select {columns} from {spark_table(warehouse, 'raw', 'documents')}") == rows(
        con, f"select {columns} from raw.documents"
    )


def test_spark_raw_tables_are_partitioned_by_fiscal_year(local, spark):
    db, _, _ = local
    warehouse = spark[0]
    years = {row[0] for row in duckdb.connect(str(db), read_only=True).execute("select fiscal_year from raw.documents").fetchall()}
    for table in ("documents", "table_rows"):
        folders = {p.name for p in (warehouse / "tables" / "raw.db" / table).iterdir() if p.is_dir()}
        assert folders == {f"fiscal_year={year}" for year in years}


def test_spark_ingest_rejects_what_the_local_ingest_rejects_once(local, spark):
    db, _, _ = local
    warehouse, _, first, second, _ = spark
    con = duckdb.connect(str(db), read_only=True)
    columns = "source_name, sha256, error_kind, message"
    expected = rows(con, f"select {columns} from raw.ingest_errors")
    assert {r[2] for r in expected} == {"empty_file", "not_a_disclosure", "unsupported_format"}
    # the second batch rejected the same files again but recorded nothing twice
    assert rows(con, f"select {columns} from {spark_table(warehouse, 'raw', 'ingest_errors')}") == expected
    assert first.returncode == 1 and second.returncode == 1, first.stdout + first.stderr
    assert "3 rejected" in first.stdout and "see raw.ingest_errors" in first.stdout


def test_spark_ingest_run_twice_lands_nothing_the_second_time(local, spark):
    db, _, _ = local
    warehouse, _, first, second, _ = spark
    documents = duckdb.connect(str(db), read_only=True).execute("select count(*) from raw.documents").fetchone()[0]
    assert f"ingest: {documents} landed, 0 already there, 3 rejected" in first.stdout, first.stdout
    assert f"ingest: 0 landed, {documents} already there, 3 rejected" in second.stdout, second.stdout
    con = duckdb.connect()
    assert con.execute(f"select count(*) from {spark_table(warehouse, 'raw', 'documents')}").fetchone()[0] == documents


def test_every_mart_and_the_residuals_are_the_same_on_spark_and_duckdb(local, spark):
    db, _, _ = local
    warehouse = spark[0]
    con = duckdb.connect(str(db), read_only=True)
    models = con.execute("""
        select table_schema, table_name, list(column_name order by ordinal_position)
        from information_schema.columns
        where table_schema = 'marts' or (table_schema = 'audit' and table_name = 'identity_residuals')
        group by all order by 1, 2
    """).fetchall()
    assert len(models) >= 18
    differing = []
    for schema, name, columns in models:
        selected = ", ".join(columns)
        expected = rows(con, f"select {selected} from {schema}.{name}")
        built = rows(con, f"select {selected} from {spark_table(warehouse, schema, name)}")
        if built != expected:
            only_duckdb, only_spark = set(expected) - set(built), set(built) - set(expected)
            differing.append((f"{schema}.{name}", len(expected), len(built), sorted(only_duckdb, key=repr)[:2],
                              sorted(only_spark, key=repr)[:2]))
    assert differing == []
    facts = con.execute("select count(*) from marts.fct_expenditure").fetchone()[0]
    assert facts > 100


def test_the_identity_suites_find_the_same_on_both_targets(local, spark):
    _, report, _ = local
    warehouse, _, _, _, built = spark
    expected = sorted((o.identity, o.checked, o.failed) for o in report.outcomes)
    recorded = rows(duckdb.connect(), f"""
        select identity, checked, failed from {spark_table(warehouse, 'audit', 'validation_runs')}
    """)
    assert recorded == expected
    assert f"{report.failed_checks:,} findings" in built.stdout


def test_spark_exports_have_the_layout_and_rows_of_the_duckdb_exports(local, spark):
    _, _, exported = local
    exports = spark[1]
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))["models"]
    assert set(manifest) == set(exported.models)
    for name, model in exported.models.items():
        assert manifest[name]["rows"] == model["rows"], name
        assert manifest[name]["columns"] == model["columns"], name
        assert manifest[name]["partitioned_by"] == model["partitioned_by"], name
        folders = {str(Path(f["path"]).parent) for f in manifest[name]["files"]}
        assert folders == {str(Path(f["path"]).parent) for f in model["files"]}, name
        assert sum(f["rows"] for f in manifest[name]["files"]) == model["rows"], name
    assert not list(exports.resolve().rglob("_SUCCESS")) and not list(exports.resolve().rglob("*.crc"))
