"""The Spark writer: documents parsed in Spark tasks, landed in raw.* as parquet tables.

The same rules as the DuckDB path (runner.py + land.py), on a cluster's scale:
- one document per task, parsed by the same `parse_file`; a document that fails is rejected
  with the same error kind and message, and the batch goes on;
- landing is keyed by the sha256 of the file's bytes: a document already in raw.documents, or a
  second copy in the same batch, is reported as already landed and not parsed again;
- a rejection is recorded once per file content, reason and name;
- raw.documents and raw.table_rows are partitioned by fiscal_year (table_rows carries the
  document's year for that, as its last column); a batch's rows are written before its
  documents, so a batch killed in between leaves rows of no document, which the next batch
  removes before it lands anything (a document is landed exactly when raw.documents has it).
"""

from __future__ import annotations

import math
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ingest import PARSER_VERSION
from ingest.model import RejectedDocument
from ingest.parse import ParseOptions, parse_file, sha256_of
from ingest.runner import BatchSummary, Rejection, discover

RAW_TABLES = [
    "create database if not exists raw",
    """
    create table if not exists raw.documents (
        document_id     string,   -- sha256 of the file's bytes
        source_name     string,
        source_path     string,
        source_format   string,   -- pdf | txt | xlsx
        department_raw  string,
        report_kind     string,   -- final_accounts | budget
        page_count      int,
        table_count     int,
        row_count       int,
        is_synthetic    boolean,
        warnings        array<string>,
        ingested_at     timestamp_ntz,
        parser_version  string,
        fiscal_year     int
    ) using parquet partitioned by (fiscal_year)
    """,
    """
    create table if not exists raw.table_rows (
        document_id           string,
        table_code            string,   -- '公开02表' as printed; null where none is printed
        table_title           string,
        table_kind            string,   -- from seeds/table_catalogue.csv; null when unrecognised
        table_seq             int,
        unit_raw              string,
        table_department_raw  string,
        page_no               int,
        row_no                int,
        cells                 array<string>,  -- null: merged-cell position; '': empty cell
        fiscal_year           int             -- the document's, to partition by
    ) using parquet partitioned by (fiscal_year)
    """,
    """
    create table if not exists raw.ingest_errors (
        source_name  string,
        source_path  string,
        sha256       string,
        error_kind   string,
        message      string,
        `at`         timestamp_ntz
    ) using parquet
    """,
]


def raw_schemas():
    """The three raw tables as Spark schemas, in their tables' column order (fiscal_year last)."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        IntegerType,
        StringType,
        StructField,
        StructType,
        TimestampNTZType,
    )

    def schema(*fields):
        return StructType([StructField(name, kind) for name, kind in fields])

    text, number, strings = StringType(), IntegerType(), ArrayType(StringType())
    documents = schema(
        ("document_id", text), ("source_name", text), ("source_path", text), ("source_format", text),
        ("department_raw", text), ("report_kind", text), ("page_count", number), ("table_count", number),
        ("row_count", number), ("is_synthetic", BooleanType()), ("warnings", strings),
        ("ingested_at", TimestampNTZType()), ("parser_version", text), ("fiscal_year", number),
    )
    table_rows = schema(
        ("document_id", text), ("table_code", text), ("table_title", text), ("table_kind", text),
        ("table_seq", number), ("unit_raw", text), ("table_department_raw", text), ("page_no", number),
        ("row_no", number), ("cells", strings), ("fiscal_year", number),
    )
    ingest_errors = schema(
        ("source_name", text), ("source_path", text), ("sha256", text), ("error_kind", text),
        ("message", text), ("at", TimestampNTZType()),
    )
    return documents, table_rows, ingest_errors


class _TimedOut(Exception):
    pass


def _digest(path: str) -> tuple[str, str | None, str | None]:
    """(path, sha256, None) or (path, None, why it cannot be read) — in a Spark task."""
    try:
        return path, sha256_of(Path(path).read_bytes()), None
    except OSError as error:
        return path, None, error.strerror


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _TimedOut()


def parse_in_task(path: str, options: ParseOptions, timeout: float):
    """One document, parsed in a Spark task as runner._worker parses it in a worker process:
    ('ok', path, document fields, rows) or ('rejected', path, error_kind, message)."""
    from ingest.land import _rows_table

    name = Path(path).name
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        document = parse_file(Path(path), options)
    except _TimedOut:
        return ("rejected", path, "timeout", f"{name}: parsing took longer than {timeout:g}s (--timeout); skipped")
    except RejectedDocument as rejected:
        return ("rejected", path, rejected.error_kind, rejected.message)
    except MemoryError:
        return ("rejected", path, "out_of_memory", f"{name}: parsing ran out of memory")
    except Exception as error:  # noqa: BLE001 - one document's parser bug must not end the batch
        return ("rejected", path, "parser_error", f"{name}: the parser failed ({type(error).__name__}: {error})")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    fields = {
        "document_id": document.document_id,
        "source_name": document.source_name,
        "source_path": document.source_path,
        "source_format": document.source_format,
        "department_raw": document.department_raw,
        "report_kind": document.report_kind,
        "page_count": document.page_count,
        "table_count": len(document.tables),
        "row_count": document.row_count,
        "is_synthetic": document.is_synthetic,
        "warnings": list(document.warnings),
        "parser_version": PARSER_VERSION,
        "fiscal_year": document.fiscal_year,
    }
    rows = [(*row.values(), document.fiscal_year) for row in _rows_table(document).to_pylist()]
    return ("ok", path, fields, rows)


def ensure_raw_tables(spark) -> None:
    for statement in RAW_TABLES:
        spark.sql(statement)


def remove_orphan_rows(spark) -> int:
    """Rows of a batch killed before its documents landed: delete them (their documents land again)."""
    orphans = spark.sql("""
        select fiscal_year, count(*) as printed_rows from raw.table_rows as r
        where not exists (select 1 from raw.documents as d where d.document_id = r.document_id)
        group by fiscal_year
    """).collect()
    if not orphans:
        return 0
    years = ", ".join(str(row["fiscal_year"]) for row in orphans)
    kept = spark.sql(f"""
        select * from raw.table_rows as r
        where r.fiscal_year in ({years})
            and exists (select 1 from raw.documents as d where d.document_id = r.document_id)
    """).localCheckpoint(eager=True)
    # partitionOverwriteMode=dynamic (profiles.yml): only the years that held orphans are rewritten
    kept.write.mode("overwrite").insertInto("raw.table_rows", overwrite=True)
    return sum(row["printed_rows"] for row in orphans)


def _known_rejections(spark) -> set[tuple[str | None, str, str]]:
    rows = spark.sql("select distinct sha256, error_kind, source_name from raw.ingest_errors").collect()
    return {(r["sha256"], r["error_kind"], r["source_name"]) for r in rows}


def run_spark_batch(
    paths: list[Path],
    spark,
    options: ParseOptions | None = None,
    timeout: float = 300.0,
) -> BatchSummary:
    """Ingest files and folders into the Spark warehouse `spark` is connected to."""
    from pyspark import StorageLevel

    DOCUMENTS, TABLE_ROWS, INGEST_ERRORS = raw_schemas()

    options = options or ParseOptions()
    started = time.monotonic()
    summary = BatchSummary()
    files, summary.skipped = discover(paths)
    context = spark.sparkContext

    ensure_raw_tables(spark)
    remove_orphan_rows(spark)
    landed = {row["document_id"] for row in spark.sql("select document_id from raw.documents").collect()}
    known_rejections = _known_rejections(spark)
    errors: list[tuple] = []

    def reject(rejection: Rejection) -> None:
        summary.rejected.append(rejection)
        key = (rejection.sha256, rejection.error_kind, rejection.source_name)
        if key not in known_rejections:
            known_rejections.add(key)
            errors.append((rejection.source_name, rejection.source_path, rejection.sha256,
                           rejection.error_kind, rejection.message, datetime.now(UTC).replace(tzinfo=None)))

    # 1. the sha256 of every file, in tasks; which are new is decided here, in discovery order
    digests: dict[str, str] = {}
    to_parse: list[str] = []
    if files:
        context.setJobDescription(f"budgetwh ingest: sha256 of {len(files)} files")
        hashed = context.parallelize([str(f) for f in files], max(1, min(len(files), context.defaultParallelism * 4)))
        seen_in_batch: set[str] = set()
        for path, digest, unreadable in hashed.map(_digest).collect():
            if digest is None:
                name = Path(path).name
                reject(Rejection(name, path, None, "unreadable_file", f"{name}: cannot be read ({unreadable})"))
                continue
            digests[path] = digest
            if digest in landed or digest in seen_in_batch:
                summary.already_landed.append(path)
                continue
            seen_in_batch.add(digest)
            to_parse.append(path)

    # 2. one document per task; results stay on the executors (rows) but for what the summary needs
    documents: list[dict] = []
    results = None
    if to_parse:
        context.setJobDescription(f"budgetwh ingest: parse {len(to_parse)} documents")
        results = (
            context.parallelize(to_parse, len(to_parse))
            .map(lambda path: parse_in_task(path, options, timeout))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        outcomes = results.map(lambda r: r if r[0] == "rejected" else (r[0], r[1], r[2])).collect()
        batch_time = datetime.now(UTC).replace(tzinfo=None)
        for outcome in outcomes:
            status, path = outcome[0], outcome[1]
            if status == "ok":
                fields = outcome[2]
                # landed in discovery order, a microsecond apart: "the newest" stays well defined
                fields["ingested_at"] = batch_time + timedelta(microseconds=len(documents))
                documents.append(fields)
                summary.landed.append(path)
                summary.rows += fields["row_count"]
                summary.pages += fields["page_count"]
                summary.warnings.extend(fields["warnings"])
            else:
                reject(Rejection(Path(path).name, path, digests.get(path), outcome[2], outcome[3]))

    # 3. rows first, then the documents that own them, then the rejections
    try:
        if documents:
            context.setJobDescription(f"budgetwh ingest: land {summary.rows:,} rows of {len(documents)} documents")
            rows = results.flatMap(lambda r: r[3] if r[0] == "ok" else [])
            partitions = max(1, min(64, math.ceil(len(documents) / 500)))
            (spark.createDataFrame(rows, TABLE_ROWS)
                .repartition(partitions, "fiscal_year", "document_id")
                .write.insertInto("raw.table_rows"))
            document_rows = [
                tuple(fields[name] for name in DOCUMENTS.names)
                for fields in documents
            ]
            spark.createDataFrame(document_rows, DOCUMENTS).coalesce(1).write.insertInto("raw.documents")
        if errors:
            spark.createDataFrame(errors, INGEST_ERRORS).coalesce(1).write.insertInto("raw.ingest_errors")
    finally:
        if results is not None:
            results.unpersist()
    summary.seconds = time.monotonic() - started
    return summary
