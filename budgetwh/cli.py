"""`budgetwh`: ingest, build, validate, export, nightly, synth, dashboard.

Exit codes: 0 success; 1 the command ran but something was rejected or failed;
2 a usage error (argparse's own code).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from rich.console import Console

from budgetwh.paths import exports_path, spark_warehouse_path, warehouse_path

_WIDTH = None if sys.stdout.isatty() else 140
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


def _ingest(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.land import WarehouseLocked
    from ingest.parse import ParseOptions
    from ingest.runner import run_batch

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        err.print(f"[red]no such file or folder:[/] {', '.join(missing)}")
        return 2
    if args.engine == "spark":
        return _ingest_spark(args)
    db = warehouse_path(args.db)
    options = ParseOptions(department=args.department, year=args.year, max_pages=args.max_pages)
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )
    try:
        with progress:
            summary = run_batch(
                [Path(p) for p in args.paths], db, jobs=args.jobs, options=options, timeout=args.timeout,
                lock_timeout=args.lock_timeout, progress=progress, on_wait=lambda m: err.print(f"[yellow]{m}"),
            )
    except WarehouseLocked as locked:
        err.print(f"[red]{locked}")
        return 1
    print_ingest_summary(summary, db)
    return summary.exit_code


def _ingest_spark(args: argparse.Namespace) -> int:
    """Parse in Spark tasks (one document each) and land raw.* in the Spark warehouse."""
    from budgetwh.spark import SparkUnavailable, spark_session
    from ingest.parse import ParseOptions
    from ingest.spark_land import run_spark_batch

    warehouse = spark_warehouse_path(args.spark_warehouse)
    options = ParseOptions(department=args.department, year=args.year, max_pages=args.max_pages)
    try:
        spark = spark_session(warehouse, cores=args.jobs)
    except SparkUnavailable as unavailable:
        err.print(f"[red]{unavailable}")
        return 1
    summary = run_spark_batch([Path(p) for p in args.paths], spark, options=options, timeout=args.timeout)
    print_ingest_summary(summary, warehouse)
    return summary.exit_code


def print_ingest_summary(summary, db: Path) -> None:
    for path in summary.already_landed[:20]:
        console.print(f"already landed: {Path(path).name}")
    if len(summary.already_landed) > 20:
        console.print(f"already landed: … and {len(summary.already_landed) - 20} more")
    for warning in summary.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    for rejection in summary.rejected:
        console.print(f"[red]rejected[/] ({rejection.error_kind}): {rejection.message}")
    if summary.skipped:
        console.print(f"skipped {len(summary.skipped)} file(s) in folders that are not PDF, TXT or XLSX")
    rate = summary.pages / summary.seconds if summary.seconds else 0.0
    console.print(
        f"[bold]ingest:[/] {len(summary.landed)} landed, {len(summary.already_landed)} already there, "
        f"{len(summary.rejected)} rejected; {summary.rows:,} rows from {summary.pages:,} pages "
        f"in {summary.seconds:.1f}s ({rate:.1f} pages/s) -> {db}"
    )
    if summary.rejected:
        console.print("see raw.ingest_errors for the reasons; the other documents landed")


def _build(args: argparse.Namespace) -> int:
    from budgetwh.build import dbt_build

    if args.target == "spark":
        return _build_spark(args)
    db = warehouse_path(args.db)
    if not db.exists():
        err.print(f"[red]no warehouse at {db}[/]: run `budgetwh ingest PATH` first")
        return 1
    result = dbt_build(db, select=args.select)
    if not result.ok:
        err.print(f"[red]dbt build failed[/] ({result.seconds:.1f}s):")
        for line in result.failures()[:40]:
            err.print("  " + line)
        return 1
    console.print(f"[bold]dbt build:[/] ok in {result.seconds:.1f}s -> {db}")
    if args.skip_validation:
        return 0
    return _run_validation(db)


def _build_spark(args: argparse.Namespace) -> int:
    """dbt build on the spark target (its own process and session), then the GX suites on the
    residuals and the parquet exports, through one session on the same warehouse."""
    from budgetwh.build import dbt_build_spark
    from budgetwh.spark import has_raw_tables, java_available

    warehouse = spark_warehouse_path(args.spark_warehouse)
    if not java_available():
        err.print("[red]no Java runtime[/]: install one (make java) to build on Spark")
        return 1
    if not has_raw_tables(warehouse):
        err.print(f"[red]no raw tables in {warehouse}[/]: run `budgetwh ingest --engine spark PATH` first")
        return 1
    result = dbt_build_spark(warehouse, select=args.select)
    if not result.ok:
        err.print(f"[red]dbt build (spark) failed[/] ({result.seconds:.1f}s):")
        for line in result.failures()[:40]:
            err.print("  " + line)
        return 1
    console.print(f"[bold]dbt build (spark):[/] ok in {result.seconds:.1f}s -> {warehouse}")
    if args.skip_validation and args.skip_export:
        return 0
    return _validate_and_export_spark(warehouse, validate=not args.skip_validation,
                                      out=None if args.skip_export else exports_path(args.out))


def _validate_and_export_spark(warehouse: Path, validate: bool, out: Path | None) -> int:
    from budgetwh.export import export_spark
    from budgetwh.spark import SparkUnavailable, spark_session
    from validate.suites import SparkResiduals, validate_residuals

    try:
        spark = spark_session(warehouse)
    except SparkUnavailable as unavailable:
        err.print(f"[red]{unavailable}")
        return 1
    if validate:
        try:
            report = validate_residuals(SparkResiduals(spark, warehouse))
        except Exception as error:  # noqa: BLE001 - the suites could not run: say why, exit non-zero
            err.print(f"[red]validation could not run[/]: {type(error).__name__}: {error}")
            return 1
        print_validation(report)
    if out is not None:
        summary = export_spark(spark, warehouse, out)
        console.print(
            f"[bold]export:[/] {len(summary.models)} models, {summary.rows:,} rows in {summary.files} parquet files "
            f"in {summary.seconds:.1f}s -> {out} (manifest.json)"
        )
    return 0


def _run_validation(db: Path) -> int:
    from validate.suites import run_validation

    try:
        report = run_validation(db)
    except Exception as error:  # noqa: BLE001 - the suites could not run: say why, exit non-zero
        err.print(f"[red]validation could not run[/]: {type(error).__name__}: {error}")
        return 1
    print_validation(report)
    return 0


def print_validation(report) -> None:
    from rich.table import Table

    failing = [o for o in report.outcomes if o.failed]
    if report.failed_by_document:
        table = Table(title="documents × failed identities", show_lines=False)
        for column in ("document", "identity", "severity", "rows"):
            table.add_column(column)
        for source, identity, rows, severity in report.failed_by_document[:40]:
            table.add_row(source, identity, severity, str(rows))
        console.print(table)
        if len(report.failed_by_document) > 40:
            console.print(f"… and {len(report.failed_by_document) - 40} more (audit.identity_results)")
    checked = sum(o.checked for o in report.outcomes)
    console.print(
        f"[bold]validate:[/] {len(report.outcomes)} identity expectations in {len({o.suite for o in report.outcomes})} suites "
        f"over {checked:,} checks on {report.documents} documents"
        f"{' (the build scope: the departments with new documents)' if report.scope != 'all' else ''}; "
        f"{report.failed_checks:,} findings "
        f"({len(failing)} identities with findings) in {report.seconds:.1f}s"
        f"{', checked while dbt built the models after the residuals' if report.checked_beside_build else ''}"
    )
    if report.data_docs:
        console.print(f"Data Docs: {report.data_docs}")


def _validate(args: argparse.Namespace) -> int:
    if args.target == "spark":
        return _validate_and_export_spark(spark_warehouse_path(args.spark_warehouse), validate=True, out=None)
    db = warehouse_path(args.db)
    if not db.exists():
        err.print(f"[red]no warehouse at {db}[/]: run `budgetwh ingest` and `budgetwh build` first")
        return 1
    return _run_validation(db)


def _export(args: argparse.Namespace) -> int:
    from budgetwh.export import export

    if args.target == "spark":
        return _validate_and_export_spark(spark_warehouse_path(args.spark_warehouse), validate=False,
                                          out=exports_path(args.out))
    db = warehouse_path(args.db)
    if not db.exists():
        err.print(f"[red]no warehouse at {db}[/]: run `budgetwh ingest` and `budgetwh build` first")
        return 1
    out = exports_path(args.out)
    try:
        summary = export(db, out)
    except duckdb_errors() as error:
        err.print(f"[red]export failed[/]: {error} (has `budgetwh build` run?)")
        return 1
    console.print(
        f"[bold]export:[/] {len(summary.models)} models, {summary.rows:,} rows in {summary.files} parquet files "
        f"in {summary.seconds:.1f}s -> {out} (manifest.json)"
    )
    return 0


def duckdb_errors():
    import duckdb

    return (duckdb.Error,)


def _summary(args: argparse.Namespace) -> int:
    from budgetwh.summary import warehouse_summary

    db = warehouse_path(args.db)
    if not db.exists():
        err.print(f"[red]no warehouse at {db}[/]: run `make run`")
        return 1
    try:
        lines = warehouse_summary(db, exports_path(args.out))
    except duckdb_errors() as error:
        err.print(f"[red]the warehouse is not built yet[/] ({error}): run `budgetwh build`")
        return 1
    console.rule("[bold]budgetwh")
    for line in lines:
        console.print(line)
    return 0


def _nightly(args: argparse.Namespace) -> int:
    from budgetwh.nightly import NightlyFailed, NightlyLocked, run_nightly

    inbox = Path(args.inbox)
    if not inbox.exists():
        err.print(f"[red]no such inbox:[/] {inbox}")
        return 2
    db = warehouse_path(args.db)
    out = exports_path(args.out)
    try:
        summary = run_nightly(
            inbox, db, out, jobs=args.jobs,
            on_step=lambda step, seconds: console.print(f"  {step} done ({seconds:.1f}s)"),
        )
    except NightlyLocked as locked:
        err.print(f"[red]{locked}")
        return 1
    except NightlyFailed as failed:
        err.print(f"[red]nightly failed at {failed.step}[/]: {failed.message}")
        err.print(f"yesterday's warehouse ({db}) and exports ({out}) are untouched")
        return 1
    except Exception as error:  # noqa: BLE001 - any failure must leave yesterday's state and say so
        err.print(f"[red]nightly failed[/]: {type(error).__name__}: {error}")
        err.print(f"yesterday's warehouse ({db}) and exports ({out}) are untouched")
        return 1
    print_ingest_summary(summary.ingest, db)
    if summary.nothing_new:
        console.print(f"[bold]nightly:[/] nothing new in {inbox}; the warehouse ({db}) and exports ({out}) "
                      f"are yesterday's, unchanged ({summary.seconds:.1f}s)")
        return 0
    if summary.validation is not None:
        print_validation(summary.validation)
    console.print(f"[bold]nightly:[/] ok in {summary.seconds:.1f}s -> {db}, {out}")
    return 0


def add_spark_warehouse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--spark-warehouse", metavar="DIR",
                        help="Spark warehouse folder (default warehouse/spark or $BUDGETWH_SPARK_WAREHOUSE)")


def add_target(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", choices=["duckdb", "spark"], default=os.environ.get("BUDGETWH_TARGET", "duckdb"),
                        help="the dbt target: duckdb (default, or $BUDGETWH_TARGET) or spark "
                             "(local PySpark; the spark build also validates and exports)")
    add_spark_warehouse(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budgetwh", description="Chinese government budget disclosures -> a validated DuckDB warehouse.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="land every printed table row of PDF/TXT/XLSX disclosures in raw.*")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ingest.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    ingest.add_argument("--jobs", type=int, default=1, help="parser processes (default 1)")
    ingest.add_argument("--year", type=int, help="fiscal year of every document (overrides what they print)")
    ingest.add_argument("--department", help="department of every document (overrides what they print)")
    ingest.add_argument("--timeout", type=float, default=300.0, help="seconds one document may take (default 300)")
    ingest.add_argument("--max-pages", type=int, default=500, help="pages one document may have (default 500)")
    ingest.add_argument("--lock-timeout", type=float, default=600.0, help="seconds to wait for a busy warehouse")
    ingest.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb",
                        help="duckdb: worker processes and the warehouse file (default); spark: Spark tasks, "
                             "one document each, into the Spark warehouse (--jobs sets the local cores)")
    add_spark_warehouse(ingest)
    ingest.set_defaults(run=_ingest)

    synth = commands.add_parser("synth", help="generate a synthetic disclosure corpus with ground truth")
    from synth.cli import add_arguments as add_synth_arguments
    from synth.cli import run as run_synth

    add_synth_arguments(synth)
    synth.set_defaults(run=run_synth)

    build = commands.add_parser("build", help="dbt build (seeds, models, tests) + the great-expectations suites")
    build.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    build.add_argument("--select", help="dbt selection (default: everything)")
    build.add_argument("--skip-validation", action="store_true", help="dbt build only")
    add_target(build)
    build.add_argument("--out", help="spark target: export folder (default exports/ or $BUDGETWH_EXPORTS)")
    build.add_argument("--skip-export", action="store_true", help="spark target: no parquet export after the build")
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="the great-expectations suites alone (audit tables, Data Docs)")
    validate.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    add_target(validate)
    validate.set_defaults(run=_validate)

    export = commands.add_parser("export", help="parquet exports of every mart for dashboards")
    export.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    export.add_argument("--out", help="export folder (default exports/ or $BUDGETWH_EXPORTS)")
    add_target(export)
    export.set_defaults(run=_export)

    nightly = commands.add_parser("nightly", help="ingest what is new in INBOX, build, validate, export; swap in atomically")
    nightly.add_argument("inbox", metavar="INBOX")
    nightly.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    nightly.add_argument("--out", help="export folder (default exports/ or $BUDGETWH_EXPORTS)")
    nightly.add_argument("--jobs", type=int, default=2, help="parser processes (default 2)")
    nightly.set_defaults(run=_nightly)

    summary = commands.add_parser("summary", help="one screen: what the warehouse holds and what it found")
    summary.add_argument("--db", help="warehouse file (default warehouse/budget.duckdb or $BUDGETWH_DB)")
    summary.add_argument("--out", help="export folder (default exports/ or $BUDGETWH_EXPORTS)")
    summary.set_defaults(run=_summary)

    dashboard = commands.add_parser("dashboard", help="serve the dashboard on the parquet exports")
    from dashboard.cli import add_arguments as add_dashboard_arguments
    from dashboard.cli import run as run_dashboard

    add_dashboard_arguments(dashboard)
    dashboard.set_defaults(run=run_dashboard)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be 1 or more")
    return args.run(args)


def console_main() -> int:
    """The `budgetwh` program. great-expectations and dbt's graph leave a few hundred thousand
    objects; freezing them skips the collection at interpreter exit (0.7 s after a validation),
    which would free memory the process is about to hand back anyway."""
    try:
        return main()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()


if __name__ == "__main__":
    sys.exit(console_main())
