"""The DuckDB writer: raw.documents, raw.table_rows, raw.ingest_errors.

raw is append-only. Each document lands in one transaction or not at all, so a batch
killed half way leaves whole documents only, and landing is keyed by the sha256 of the
file's bytes, so landing a file twice changes nothing.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest import PARSER_VERSION
from ingest.model import ParsedDocument

RAW_SCHEMA = """
create schema if not exists raw;

create table if not exists raw.documents (
    document_id     varchar primary key,  -- sha256 of the file's bytes
    source_name     varchar not null,
    source_path     varchar,
    source_format   varchar not null,     -- pdf | txt | xlsx
    department_raw  varchar,
    fiscal_year     integer not null,
    report_kind     varchar not null,     -- final_accounts | budget
    page_count      integer not null,
    table_count     integer not null,
    row_count       integer not null,
    is_synthetic    boolean not null,
    warnings        varchar[],
    ingested_at     timestamp not null,
    parser_version  varchar not null
);

create table if not exists raw.table_rows (
    document_id           varchar not null,
    table_code            varchar,   -- '公开02表' as printed; null where none is printed
    table_title           varchar,
    table_kind            varchar,   -- from seeds/table_catalogue.csv; null when unrecognised
    table_seq             integer not null,
    unit_raw              varchar,   -- '金额单位：元' as printed
    table_department_raw  varchar,   -- the 部门 line printed over this table
    page_no               integer not null,
    row_no                integer not null,  -- 1, 2, ... within the table, header rows included
    cells                 varchar[] not null  -- null: merged-cell position; '': empty cell
);

create table if not exists raw.ingest_errors (
    source_name  varchar not null,
    source_path  varchar,
    sha256       varchar,
    error_kind   varchar not null,
    message      varchar not null,
    "at"         timestamp not null
);
"""

_ROWS_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("table_code", pa.string()),
        ("table_title", pa.string()),
        ("table_kind", pa.string()),
        ("table_seq", pa.int32()),
        ("unit_raw", pa.string()),
        ("table_department_raw", pa.string()),
        ("page_no", pa.int32()),
        ("row_no", pa.int32()),
        ("cells", pa.list_(pa.string())),
    ]
)


class WarehouseLocked(Exception):
    pass


def connect(db_path: Path, lock_timeout: float = 600.0, on_wait=None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process (an ingest, a build) holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    warned = False
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() > deadline:
                raise WarehouseLocked(
                    f"{db_path} is held by another process (an ingest or build still running?); gave up after {lock_timeout:.0f}s"
                ) from None
            if not warned and on_wait:
                on_wait(f"waiting for {db_path}: another process holds it")
                warned = True
            time.sleep(0.5)


class RawWriter:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.con.execute(RAW_SCHEMA)

    def landed_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("select document_id from raw.documents").fetchall()}

    def land(self, document: ParsedDocument) -> bool:
        """Land one document in one transaction; False when it had landed already."""
        rows = _rows_table(document)
        con = self.con
        con.execute("begin transaction")
        try:
            exists = con.execute(
                "select 1 from raw.documents where document_id = ?", [document.document_id]
            ).fetchone()
            if exists:
                con.execute("rollback")
                return False
            con.execute(
                """
                insert into raw.documents values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    document.document_id,
                    document.source_name,
                    document.source_path,
                    document.source_format,
                    document.department_raw,
                    document.fiscal_year,
                    document.report_kind,
                    document.page_count,
                    len(document.tables),
                    document.row_count,
                    document.is_synthetic,
                    document.warnings,
                    datetime.now(UTC).replace(tzinfo=None),
                    PARSER_VERSION,
                ],
            )
            con.register("incoming_rows", rows)
            con.execute("insert into raw.table_rows select * from incoming_rows")
            con.unregister("incoming_rows")
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        return True

    def reject(self, source_name: str, source_path: str, sha256: str | None, error_kind: str, message: str) -> None:
        """Record a rejection once per file content and reason (re-running a batch adds nothing)."""
        seen = self.con.execute(
            "select 1 from raw.ingest_errors where sha256 is not distinct from ? and error_kind = ? and source_name = ?",
            [sha256, error_kind, source_name],
        ).fetchone()
        if seen:
            return
        self.con.execute(
            "insert into raw.ingest_errors values (?, ?, ?, ?, ?, ?)",
            [source_name, source_path, sha256, error_kind, message, datetime.now(UTC).replace(tzinfo=None)],
        )


def _rows_table(document: ParsedDocument) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in _ROWS_SCHEMA.names}
    for seq, table in enumerate(document.tables, start=1):
        for row_no, row in enumerate(table.rows, start=1):
            columns["document_id"].append(document.document_id)
            columns["table_code"].append(table.code)
            columns["table_title"].append(table.title)
            columns["table_kind"].append(table.kind)
            columns["table_seq"].append(seq)
            columns["unit_raw"].append(table.unit_raw)
            columns["table_department_raw"].append(table.department_raw)
            columns["page_no"].append(row.page_no)
            columns["row_no"].append(row_no)
            columns["cells"].append(row.cells)
    return pa.table(columns, schema=_ROWS_SCHEMA)
