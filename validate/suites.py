"""The identity catalogue as great-expectations suites, validated through one Checkpoint.

dbt computes the residuals (expected, actual, difference per document × identity × subject);
GX validates them: one suite per category of the catalogue, one expectation per identity that
its rows stay within tolerance. GX reads a pandas frame fetched through Arrow, which keeps
DECIMAL exact (GX's SQL path through duckdb-engine fails with the pinned versions); the
comparison itself runs on integer fen, so it is exact too.

The residuals come from either target: `DuckDBResiduals` reads the warehouse file, `SparkResiduals`
reads the same audit.identity_residuals through a SparkSession (the query is the same SQL);
`validate_residuals` runs the same suites on whichever frame it is given.
"""

from __future__ import annotations

import csv
import logging
import os
import time
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from budgetwh.paths import PROJECT_DIR

CATALOGUE = PROJECT_DIR / "seeds" / "identity_catalogue.csv"

# Each identity's rows as GX sees them: excess_fen <= 0 means within tolerance (dbt computes it,
# models/audit/identity_residuals.sql).
FRAME_COLUMNS = ["document_id", "identity", "category", "severity", "table_kind", "subject_code", "excess_fen", "passed"]
RESIDUALS_SQL = f"select {', '.join(FRAME_COLUMNS)} from audit.identity_residuals"


def residuals_frame(table):
    """The frame GX validates, from an Arrow table of identity_residuals' rows (Arrow keeps every
    type exact; pandas' own DuckDB conversion would turn DECIMAL into float)."""
    return _gx_frame(table.select(FRAME_COLUMNS).to_pandas())


def _gx_frame(frame):
    """identity_residuals' rows as GX sees them: only FRAME_COLUMNS, no null table or subject."""
    return frame[FRAME_COLUMNS].fillna({"table_kind": "", "subject_code": ""})


# An incremental build recomputed the residuals of its scope only (int_build__scope: every document
# of the departments that have a new document); the nightly validates those and nothing else.
BUILD_SCOPE = "document_id in (select document_id from intermediate.int_build__scope)"

# Which documents failed which identities, for the report (the same SQL on both engines).
FAILED_BY_DOCUMENT_SQL = """
    select d.source_name, r.identity, count(*) as findings, any_value(r.severity) as severity
    from audit.identity_residuals r join raw.documents d using (document_id)
    where not r.passed
    group by all order by d.source_name, r.identity
"""

VALIDATION_RUNS_SCHEMA = """
create schema if not exists audit;
create table if not exists audit.validation_runs (
    run_id            varchar not null,
    run_at            timestamp not null,
    suite             varchar not null,
    identity          varchar not null,
    checked           bigint not null,
    failed            bigint not null,
    success           boolean not null,
    data_docs_path    varchar
);
alter table audit.validation_runs add column if not exists scope varchar;
"""


@dataclass
class IdentityOutcome:
    suite: str
    identity: str
    checked: int
    failed: int
    success: bool


@dataclass
class ValidationReport:
    run_id: str
    run_at: datetime
    outcomes: list[IdentityOutcome] = field(default_factory=list)
    data_docs: Path | None = None
    seconds: float = 0.0
    documents: int = 0
    failed_by_document: list[tuple[str, str, int, str]] = field(default_factory=list)
    # 'all', or 'build scope' (the documents an incremental build recomputed)
    scope: str = "all"
    # the residuals dbt handed over were checked while it built the models after them (the nightly)
    checked_beside_build: bool = False

    @property
    def failed_checks(self) -> int:
        return sum(o.failed for o in self.outcomes)


def load_catalogue(path: Path = CATALOGUE) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def gx_root_for(db_path: Path) -> Path:
    """The GX project (suites, checkpoint, Data Docs) lives beside the warehouse it validates,
    in <warehouse folder>/gx; Data Docs at gx/uncommitted/data_docs/local_site/index.html."""
    return db_path.parent


def data_docs_index(db_path: Path) -> Path:
    return _data_docs_under(gx_root_for(db_path))


def _data_docs_under(root: Path) -> Path:
    return root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _quiet_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # GX probes for PySpark when it is installed (it is, for the spark target), and PySpark warns
    # about pandas 3 on import: noise in a DuckDB validation, and harmless to the pandas data source
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


class DuckDBResiduals:
    """The residuals of a DuckDB warehouse file; runs are recorded in its audit.validation_runs."""

    def __init__(self, db_path: Path, build_scope_only: bool = False):
        self.db_path = db_path
        self.gx_root = gx_root_for(db_path)
        self.scope = "build scope" if build_scope_only else "all"
        self.where = f" where {BUILD_SCOPE}" if build_scope_only else ""

    def fetch(self):
        con = duckdb.connect(str(self.db_path))
        try:
            frame = residuals_frame(con.sql(RESIDUALS_SQL + self.where).to_arrow_table())
            return (frame, *self._counts(con))
        finally:
            con.close()

    def fetch_counts(self):
        """What the report adds to a frame validated already: the documents, and which failed what."""
        con = duckdb.connect(str(self.db_path))
        try:
            return self._counts(con)
        finally:
            con.close()

    def _counts(self, con):
        if self.where:
            documents = con.execute(f"select count(*) from raw.documents where {BUILD_SCOPE}").fetchone()[0]
            failed_by_document = con.execute(
                FAILED_BY_DOCUMENT_SQL.replace("where not r.passed", f"where not r.passed and r.{BUILD_SCOPE}")
            ).fetchall()
        else:
            documents = con.execute("select count(*) from raw.documents").fetchone()[0]
            failed_by_document = con.execute(FAILED_BY_DOCUMENT_SQL).fetchall()
        return documents, failed_by_document

    def record(self, report: ValidationReport) -> None:
        _record(self.db_path, report)


class SparkResiduals:
    """The residuals of a Spark warehouse (the session's metastore); runs are recorded in its
    audit.validation_runs (a parquet table beside dbt's)."""

    def __init__(self, spark, warehouse: Path):
        self.spark = spark
        self.gx_root = warehouse

    def fetch(self):
        frame = _gx_frame(self.spark.sql(RESIDUALS_SQL).toPandas())
        documents = self.spark.sql("select count(*) from raw.documents").collect()[0][0]
        failed_by_document = [tuple(row) for row in self.spark.sql(FAILED_BY_DOCUMENT_SQL).collect()]
        return frame, documents, failed_by_document

    def record(self, report: ValidationReport) -> None:
        spark = self.spark
        spark.sql("""
            create table if not exists audit.validation_runs (
                run_id string, run_at timestamp_ntz, suite string, identity string,
                checked bigint, failed bigint, success boolean, data_docs_path string
            ) using parquet
        """)
        last = spark.sql("""
            select identity, checked, failed from audit.validation_runs
            where run_id = (select run_id from audit.validation_runs order by run_at desc limit 1)
        """).collect()
        outcome = sorted((o.identity, o.checked, o.failed) for o in report.outcomes)
        # a validation that finds what the last one found adds no history (as on DuckDB)
        if report.outcomes and sorted(tuple(row) for row in last) != outcome:
            rows = [
                (report.run_id, report.run_at, o.suite, o.identity, o.checked, o.failed, o.success,
                 str(report.data_docs) if report.data_docs else None)
                for o in report.outcomes
            ]
            schema = spark.table("audit.validation_runs").schema
            spark.createDataFrame(rows, schema).coalesce(1).write.insertInto("audit.validation_runs")


def run_validation(
    db_path: Path, build_docs: bool = True, build_scope_only: bool = False, prepared: PreparedSuites | None = None,
    checked: CheckedFrame | None = None,
) -> ValidationReport:
    """Validate the latest residuals of the warehouse (or only those of the last incremental
    build's scope); write audit.validation_runs and Data Docs. `prepared`: the suites of
    `prepare_suites(gx_root_for(db_path))`, made beforehand; `checked`: the scope's residuals
    validated already (`check_frame`, while dbt was still building), to be reported and recorded."""
    return validate_residuals(
        DuckDBResiduals(db_path, build_scope_only), build_docs=build_docs, prepared=prepared, checked=checked
    )


@dataclass
class CheckedFrame:
    """A frame of residuals and the Checkpoint's result over it (Data Docs built, if asked)."""

    frame: object
    result: object
    root: Path
    seconds: float = 0.0


def check_frame(prepared: PreparedSuites, frame, build_docs: bool = True) -> CheckedFrame:
    """Run the Checkpoint over `frame` (and build Data Docs for the run)."""
    started = time.monotonic()
    result = prepared.checkpoint.run(batch_parameters={"dataframe": frame})
    if build_docs:
        _build_data_docs_once(prepared.context, result)
    return CheckedFrame(frame=frame, result=result, root=prepared.root, seconds=time.monotonic() - started)


@dataclass
class PreparedSuites:
    """The GX project with the catalogue's suites and the Checkpoint, ready for a frame."""

    root: Path
    context: object
    checkpoint: object


def prepare_suites(root: Path) -> PreparedSuites:
    """The GX file project under `root`, its suites written from the catalogue, and the Checkpoint
    that validates them. Needs no data: the nightly makes it while dbt builds."""
    _quiet_gx()
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    catalogue = load_catalogue()
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    _drop_empty_config_variables(root)
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    except (ImportError, AttributeError):
        pass
    source = context.data_sources.add_or_update_pandas("warehouse")
    asset = next((a for a in source.assets if a.name == "identity_residuals"), None) or source.add_dataframe_asset(
        "identity_residuals"
    )
    batch = next((b for b in asset.batch_definitions if b.name == "latest"), None) or asset.add_batch_definition_whole_dataframe(
        "latest"
    )

    definitions = []
    categories = sorted({row["category"] for row in catalogue})
    for category in categories:
        suite = gx.ExpectationSuite(name=f"identities_{category}")
        for row in catalogue:
            if row["category"] != category:
                continue
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeBetween(
                    column="excess_fen",
                    max_value=0,
                    row_condition=Column("identity") == row["identity"],
                    meta={"identity": row["identity"], "severity": row["severity"], "description": row["description"]},
                )
            )
        suite = context.suites.add_or_update(suite)
        definitions.append(
            context.validation_definitions.add_or_update(
                gx.ValidationDefinition(name=f"validate_{category}", data=batch, suite=suite)
            )
        )
    structural = gx.ExpectationSuite(name="identity_residuals_shape")
    structural.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="document_id"))
    structural.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="identity"))
    structural.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=["error", "warning", "info"])
    )
    structural.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(column="identity", value_set=[row["identity"] for row in catalogue])
    )
    structural = context.suites.add_or_update(structural)
    definitions.append(
        context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name="validate_shape", data=batch, suite=structural)
        )
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(name="identities", validation_definitions=definitions, actions=[], result_format="SUMMARY")
    )
    return PreparedSuites(root=root, context=context, checkpoint=checkpoint)


def validate_residuals(
    residuals, build_docs: bool = True, prepared: PreparedSuites | None = None, checked: CheckedFrame | None = None,
) -> ValidationReport:
    """The suites over the frame `residuals` fetches (DuckDBResiduals or SparkResiduals), or the
    frame `checked` already; the report is recorded where the residuals came from, Data Docs
    written under residuals.gx_root."""
    started = time.monotonic()
    beside_build = checked is not None and checked.root == residuals.gx_root
    if beside_build:
        documents, failed_by_document = residuals.fetch_counts()
        started -= checked.seconds
    else:
        frame, documents, failed_by_document = residuals.fetch()
        if prepared is None or prepared.root != residuals.gx_root:
            prepared = prepare_suites(residuals.gx_root)
        checked = check_frame(prepared, frame, build_docs)
    frame, result, root = checked.frame, checked.result, checked.root

    report = ValidationReport(run_id=str(uuid.uuid4()), run_at=datetime.now(UTC).replace(tzinfo=None))
    counts = frame.groupby("identity").size().to_dict() if len(frame) else {}
    for validation in result.run_results.values():
        suite_name = validation.suite_name
        for outcome in validation.results:
            config = outcome.expectation_config
            identity = (config.meta or {}).get("identity")
            if identity is None:
                continue
            failed = int(outcome.result.get("unexpected_count") or 0)
            report.outcomes.append(
                IdentityOutcome(suite_name, identity, int(counts.get(identity, 0)), failed, bool(outcome.success))
            )
    docs = _data_docs_under(root)
    report.data_docs = docs if docs.exists() else None
    report.seconds = time.monotonic() - started
    report.documents = documents
    report.failed_by_document = failed_by_document
    report.scope = getattr(residuals, "scope", "all")
    report.checked_beside_build = beside_build
    residuals.record(report)
    return report


def _drop_empty_config_variables(root: Path) -> None:
    """GX writes uncommitted/config_variables.yml with a new project, holding comments and its own
    instance_id (the identity of its usage statistics, which _quiet_gx turns off), then reads and
    parses it on every access to a context variable, several hundred times a run (0.25 s). Without
    the file GX reads no variables and keeps an instance_id in memory. A file that defines any
    other variable is a person's, and kept."""
    path = root / "gx" / "uncommitted" / "config_variables.yml"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    defined = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if all(line.startswith("instance_id:") for line in defined):
        path.unlink()


# Data Docs' index lists this many validation runs, the newest first (every run stays in the store)
DATA_DOCS_RUNS_LISTED = 60


def _build_data_docs_once(context, result) -> None:
    """Data Docs for this run's validations and suites, and the index, built once. GX's
    UpdateDataDocsAction rebuilds the index after each of the checkpoint's validations, and the index
    reads every validation result ever stored: a nightly's Data Docs would grow slower every night."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    identifiers = []
    for key, validation in result.run_results.items():
        identifiers += [key, ExpectationSuiteIdentifier(name=validation.suite_name)]
    limit = DATA_DOCS_RUNS_LISTED * max(1, len(result.run_results))
    for name, site in (context.config.data_docs_sites or {}).items():
        index_builder = dict(site.get("site_index_builder") or {"class_name": "DefaultSiteIndexBuilder"})
        if index_builder.get("validation_results_limit") != limit:
            context.update_data_docs_site(name, {**site, "site_index_builder": {**index_builder, "validation_results_limit": limit}})
    context.build_data_docs(resource_identifiers=identifiers, build_index=True)


def _record(db_path: Path, report: ValidationReport) -> None:
    con = duckdb.connect(str(db_path))
    try:
        con.execute(VALIDATION_RUNS_SCHEMA)
        rows = [
            (report.run_id, report.run_at, o.suite, o.identity, o.checked, o.failed, o.success,
             str(report.data_docs) if report.data_docs else None, report.scope)
            for o in report.outcomes
        ]
        last = con.execute("""
            select list((identity, checked, failed) order by identity) from audit.validation_runs
            where run_id = (
                select run_id from audit.validation_runs where coalesce(scope, 'all') = ? order by run_at desc limit 1
            )
        """, [report.scope]).fetchone()[0]
        outcome = sorted((o.identity, o.checked, o.failed) for o in report.outcomes)
        # a validation that finds what the last one found adds no history (make run stays idempotent)
        if rows and [tuple(x.values()) if isinstance(x, dict) else tuple(x) for x in (last or [])] != outcome:
            con.executemany(
                "insert into audit.validation_runs (run_id, run_at, suite, identity, checked, failed, success,"
                " data_docs_path, scope) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
    finally:
        con.close()
