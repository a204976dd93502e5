"""Everything the dashboard shows, read from the parquet exports (never the warehouse file).

Each public function takes an export folder (the `exports/` symlink or the snapshot it points at)
and returns plain values or a pyarrow Table whose amounts are still `decimal128(18, 2)`: nothing
here turns money into float. Each call opens its own in-memory DuckDB with one view per exported
model, so the functions are pure over the folder and safe to call from concurrent sessions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from budgetwh.paths import exports_path

MANIFEST = "manifest.json"
MAKE_EXPORTS_HINT = (
    "`make run` (a fresh clone: ingest the bundled samples, build, export) or, with a built warehouse, "
    "`budgetwh export` (after `budgetwh ingest PATH` and `budgetwh build`)"
)

# a department whose region could not be read off its name (dim_department.region is null) is
# still listed, under this name, so no department is out of reach
UNKNOWN_REGION = "（地区未识别）"

Measure = Literal["expenditure", "income"]
MEASURE_MODELS: dict[str, str] = {"expenditure": "fct_expenditure", "income": "fct_income"}


class ExportsUnavailable(Exception):
    """The export folder cannot be read: missing, no manifest, or a model the page needs is absent."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{reason}: {path}")
        self.path = path
        self.reason = reason
        self.hint = MAKE_EXPORTS_HINT


@dataclass(frozen=True)
class ExportInfo:
    """What the manifest says about one export snapshot."""

    path: Path
    snapshot: Path
    generated_at: str | None
    model_rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.model_rows.values())


def resolve_exports_folder(explicit: str | Path | None = None) -> Path:
    """`--exports DIR`, else $BUDGETWH_EXPORTS, else `exports/` in the repository (budgetwh.paths)."""
    return exports_path(explicit)


def read_manifest(folder: Path) -> dict[str, Any]:
    folder = Path(folder)
    if not folder.exists():
        raise ExportsUnavailable(folder, "no export folder")
    manifest = folder / MANIFEST
    if not manifest.exists():
        raise ExportsUnavailable(folder, "no manifest.json in the export folder")
    try:
        parsed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ExportsUnavailable(folder, f"manifest.json cannot be read ({error})") from error
    if not isinstance(parsed, dict) or not isinstance(parsed.get("models"), dict):
        raise ExportsUnavailable(folder, "manifest.json lists no models")
    return parsed


def export_info(folder: Path) -> ExportInfo:
    """The snapshot behind the folder (a new one after every nightly) and its manifest's counts."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    return ExportInfo(
        path=folder,
        snapshot=folder.resolve(),
        generated_at=manifest.get("generated_at"),
        model_rows={name: int(model.get("rows", 0)) for name, model in manifest["models"].items()},
    )


# ---------------------------------------------------------------------------------------------
# the connection: one view per model


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _empty_column_type(column: str) -> str:
    """A zero-row model has no parquet file, only column names in the manifest: give its empty view
    the types the marts use, so queries over it still type-check (and sums stay decimal)."""
    if column.endswith("_yuan"):
        return "decimal(18, 2)"
    if column in {"aliases", "failed_identities"}:
        return "varchar[]"
    if column == "passed" or column.startswith("is_"):
        return "boolean"
    if column in {"execution_rate", "change_pct", "weight", "score"}:
        return "decimal(12, 2)"
    if column == "share_of_department_total":
        return "decimal(12, 6)"
    if column in {"fiscal_year", "page_no", "row_no", "table_seq", "first_fiscal_year", "last_fiscal_year",
                  "valid_from_year", "valid_to_year", "rank_among_departments", "departments_with_subject",
                  "documents", "document_count", "identities_checked", "identities_failed", "errors",
                  "warnings", "info_notes"}:
        return "bigint"
    return "varchar"


def _create_views(con: duckdb.DuckDBPyConnection, folder: Path, manifest: dict[str, Any]) -> None:
    for name, model in manifest["models"].items():
        files = [folder / entry["path"] for entry in model.get("files", [])]
        view = _sql_identifier(name)
        if files:
            file_list = ", ".join(_sql_string(str(path)) for path in files)
            con.execute(
                f"create view {view} as select * from read_parquet([{file_list}], "
                "hive_partitioning = true, union_by_name = true)"
            )
        else:
            columns = ", ".join(
                f"cast(null as {_empty_column_type(column)}) as {_sql_identifier(column)}"
                for column in model.get("columns", [])
            ) or "cast(null as varchar) as empty"
            con.execute(f"create view {view} as select {columns} where false")


@contextmanager
def connect(folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB over the export folder's parquet files (views named after the models)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    con = duckdb.connect()
    try:
        _create_views(con, folder, manifest)
        yield con
    finally:
        con.close()


@contextmanager
def _reading(folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection whose failures say what went wrong with the export, not a DuckDB traceback."""
    try:
        with connect(folder) as con:
            yield con
    except duckdb.CatalogException as error:
        raise ExportsUnavailable(Path(folder), f"the export lacks a model this page needs ({error})") from error
    except duckdb.IOException as error:
        # a nightly keeps two snapshots: one pruned while a page still read it is gone; reload
        raise ExportsUnavailable(Path(folder), f"the export changed while being read, reload the page ({error})") from error


def _table(folder: Path, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
    with _reading(folder) as con:
        return con.sql(sql, params=params or {}).to_arrow_table()


def _rows(folder: Path, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    with _reading(folder) as con:
        return con.sql(sql, params=params or {}).fetchall()


# The function subjects' names: the national name where the dimension has one, else as printed.
_SUBJECT_NAME = "coalesce(subject.subject_name, fact.subject_name_printed)"
_IS_LEI = "length(fact.subject_code) = 3"


# ---------------------------------------------------------------------------------------------
# overview


@dataclass(frozen=True)
class Overview:
    regions: list[str]
    departments: int
    synthetic_departments: int
    fiscal_years: list[int]
    documents: int
    # fiscal_year, report_kind, departments, total_yuan (Σ of 类 rows of 支出表)
    expenditure_by_year: pa.Table
    # report_kind → Σ total_yuan over every year
    expenditure_totals: dict[str, Decimal]
    # severity → failed checks (rounding notes excluded: they are within tolerance by definition)
    findings_by_severity: dict[str, int]
    checks: int


def overview(folder: Path) -> Overview:
    department_rows = _rows(
        folder,
        "select region, count(*), count(*) filter (where is_synthetic) from dim_department group by all order by region",
    )
    years = [
        year for (year,) in _rows(
            folder,
            "select distinct fiscal_year from fct_expenditure union select distinct fiscal_year from fct_income "
            "union select distinct fiscal_year from identity_residuals order by 1",
        ) if year is not None
    ]
    (documents,) = _rows(
        folder,
        """
        select count(distinct document_id) from (
            select document_id from identity_residuals
            union all select document_id from fct_expenditure
            union all select document_id from fct_income
        )
        """,
    )[0]
    by_year = _table(
        folder,
        f"""
        select fact.fiscal_year, fact.report_kind,
               count(distinct fact.department_key) as departments,
               sum(fact.total_yuan) as total_yuan
        from fct_expenditure as fact
        where {_IS_LEI}
        group by all
        order by fact.fiscal_year, fact.report_kind
        """,
    )
    totals: dict[str, Decimal] = {}
    for row in by_year.to_pylist():
        if row["total_yuan"] is not None:
            totals[row["report_kind"]] = totals.get(row["report_kind"], Decimal(0)) + row["total_yuan"]
    findings = dict(_rows(
        folder,
        "select severity, count(*) from identity_residuals where not passed and not coalesce(is_rounding_note, false) "
        "group by all",
    ))
    (checks,) = _rows(folder, "select count(*) from identity_residuals")[0]
    return Overview(
        regions=[region for region, _, _ in department_rows if region is not None],
        departments=sum(count for _, count, _ in department_rows),
        synthetic_departments=sum(synthetic for _, _, synthetic in department_rows),
        fiscal_years=years,
        documents=documents,
        expenditure_by_year=by_year,
        expenditure_totals=totals,
        findings_by_severity=findings,
        checks=checks,
    )


def regions_summary(folder: Path) -> pa.Table:
    """Per region: departments, first and last fiscal year, documents."""
    return _table(
        folder,
        """
        select coalesce(region, $unknown) as region, count(*) as departments,
               min(first_fiscal_year) as first_fiscal_year, max(last_fiscal_year) as last_fiscal_year,
               sum(document_count) as documents,
               bool_or(is_synthetic) as has_synthetic
        from dim_department
        group by all
        order by departments desc, region
        """,
        {"unknown": UNKNOWN_REGION},
    )


# ---------------------------------------------------------------------------------------------
# departments


def regions(folder: Path) -> list[str]:
    """Region names, the one with most departments first (the natural default to open on)."""
    rows = _rows(
        folder,
        "select coalesce(region, $unknown) as name, count(*) from dim_department group by all order by 2 desc, 1",
        {"unknown": UNKNOWN_REGION},
    )
    return [name for name, _ in rows]


def departments(folder: Path, region: str | None = None) -> pa.Table:
    """department_key, department_name, region, aliases, is_synthetic, first/last fiscal year, document_count."""
    return _table(
        folder,
        """
        select department_key, department_name, coalesce(region, $unknown) as region, aliases, is_synthetic,
               first_fiscal_year, last_fiscal_year, document_count
        from dim_department
        where $region is null or coalesce(region, $unknown) = $region
        order by department_name
        """,
        {"region": region, "unknown": UNKNOWN_REGION},
    )


def report_kinds(folder: Path, department_key: str) -> list[str]:
    """The report kinds the department has facts for, final accounts first."""
    rows = _rows(
        folder,
        """
        select distinct report_kind from (
            select report_kind from fct_expenditure where department_key = $key
            union all select report_kind from fct_income where department_key = $key
        ) order by report_kind = 'budget', report_kind
        """,
        {"key": department_key},
    )
    return [kind for (kind,) in rows]


def drill_options(folder: Path, department_key: str, report_kind: str) -> pa.Table:
    """The 类 and 款 the department prints children for: what the drill-down select offers."""
    return _table(
        folder,
        """
        with printed as (
            select subject_code from fct_expenditure where department_key = $key and report_kind = $kind
            union select subject_code from fct_income where department_key = $key and report_kind = $kind
        )
        select parent.subject_code,
               coalesce(subject.subject_name, parent.subject_code) as subject_name,
               case length(parent.subject_code) when 3 then '类' else '款' end as level
        from printed as parent
        left join dim_function_subject as subject using (subject_code)
        where length(parent.subject_code) in (3, 5)
          and exists (
              select 1 from printed as child
              where length(child.subject_code) = length(parent.subject_code) + 2
                and starts_with(child.subject_code, parent.subject_code)
          )
        order by parent.subject_code
        """,
        {"key": department_key, "kind": report_kind},
    )


def subject_series(
    folder: Path, department_key: str, measure: Measure, report_kind: str, parent_code: str | None = None,
) -> pa.Table:
    """Income or expenditure per fiscal year and subject: the 类 (no parent), or the children of one
    类 (its 款) or 款 (its 项). A subject's parent is its code's first 3 or 5 digits (DOMAIN.md)."""
    model = MEASURE_MODELS[measure]
    return _table(
        folder,
        f"""
        select fact.fiscal_year, fact.subject_code, {_SUBJECT_NAME} as subject_name,
               fact.total_yuan,
               fact.document_id, fact.table_kind, fact.page_no, fact.row_no
        from {model} as fact
        left join dim_function_subject as subject using (subject_code)
        where fact.department_key = $key and fact.report_kind = $kind
          and length(fact.subject_code) = coalesce(length($parent) + 2, 3)
          and ($parent is null or starts_with(fact.subject_code, $parent))
        order by fact.fiscal_year, fact.subject_code
        """,
        {"key": department_key, "kind": report_kind, "parent": parent_code},
    )


def basic_and_project(folder: Path, department_key: str, report_kind: str) -> pa.Table:
    """基本支出 and 项目支出 per fiscal year (Σ of the 支出表's 类 rows)."""
    return _table(
        folder,
        f"""
        select fact.fiscal_year,
               sum(fact.basic_yuan) as basic_yuan,
               sum(fact.project_yuan) as project_yuan,
               sum(fact.total_yuan) as total_yuan
        from fct_expenditure as fact
        where fact.department_key = $key and fact.report_kind = $kind and {_IS_LEI}
        group by all
        order by fact.fiscal_year
        """,
        {"key": department_key, "kind": report_kind},
    )


def three_public_costs(folder: Path, department_key: str) -> pa.Table:
    """“三公”经费 and 机关运行经费 per year and item: budget (预算数) and actual (决算数) as printed."""
    return _table(
        folder,
        """
        select fiscal_year, report_kind, item, budget_yuan, actual_yuan,
               document_id, table_kind, page_no, row_no
        from fct_three_public_costs
        where department_key = $key
        order by fiscal_year, report_kind, row_no
        """,
        {"key": department_key},
    )


def budget_execution(folder: Path, department_key: str) -> pa.Table:
    """Budget against final accounts (mart_budget_execution): function subjects, then 三公 lines."""
    return _table(
        folder,
        """
        select execution.fiscal_year, execution.line_kind, execution.subject_code,
               subject.subject_name, execution.item,
               execution.budget_yuan, execution.final_yuan, execution.execution_rate,
               execution.document_id
        from mart_budget_execution as execution
        left join dim_function_subject as subject using (subject_code)
        where execution.department_key = $key
        order by execution.fiscal_year, execution.line_kind, execution.subject_code, execution.item
        """,
        {"key": department_key},
    )


def expenditure_yoy(folder: Path, department_key: str, report_kind: str, fiscal_year: int | None = None) -> pa.Table:
    """mart_expenditure_yoy for the department: every subject with last year's figure, new and
    discontinued subjects flagged."""
    return _table(
        folder,
        """
        select fiscal_year, subject_code, subject_name, subject_level,
               total_yuan, prior_total_yuan, change_yuan, change_pct,
               is_new_subject, is_discontinued_subject, document_id
        from mart_expenditure_yoy
        where department_key = $key and report_kind = $kind
          and ($year is null or fiscal_year = $year)
        order by fiscal_year, subject_code
        """,
        {"key": department_key, "kind": report_kind, "year": fiscal_year},
    )


# ---------------------------------------------------------------------------------------------
# comparison


def comparison_choices(folder: Path) -> pa.Table:
    """The region × fiscal year × report kind combinations the comparison mart holds."""
    return _table(
        folder,
        """
        select coalesce(region, $unknown) as region, fiscal_year, report_kind,
               count(distinct department_key) as departments
        from mart_department_comparison
        group by all
        order by departments desc, region, fiscal_year desc, report_kind
        """,
        {"unknown": UNKNOWN_REGION},
    )


def comparison_subjects(folder: Path, region: str, fiscal_year: int, report_kind: str) -> pa.Table:
    """The subjects printed in the region that year, biggest region total first within each level."""
    return _table(
        folder,
        """
        select comparison.subject_code,
               coalesce(subject.subject_name, comparison.subject_code) as subject_name,
               case length(comparison.subject_code) when 3 then '类' when 5 then '款' else '项' end as level,
               max(comparison.departments_with_subject) as departments_with_subject,
               max(comparison.region_total_yuan) as region_total_yuan
        from mart_department_comparison as comparison
        left join dim_function_subject as subject using (subject_code)
        where coalesce(comparison.region, $unknown) = $region and comparison.fiscal_year = $year and comparison.report_kind = $kind
        group by comparison.subject_code, subject.subject_name
        order by length(comparison.subject_code), region_total_yuan desc nulls last, comparison.subject_code
        """,
        {"region": region, "year": fiscal_year, "kind": report_kind, "unknown": UNKNOWN_REGION},
    )


def comparison(folder: Path, region: str, fiscal_year: int, report_kind: str, subject_code: str) -> pa.Table:
    """The region's departments for one subject, ranked: amount, share of each department's total,
    rank, and the region's total."""
    return _table(
        folder,
        """
        select comparison.rank_among_departments, comparison.department_key, department.department_name,
               comparison.total_yuan, comparison.department_total_yuan, comparison.share_of_department_total,
               comparison.departments_with_subject, comparison.region_total_yuan, comparison.document_id
        from mart_department_comparison as comparison
        left join dim_department as department using (department_key)
        where coalesce(comparison.region, $unknown) = $region and comparison.fiscal_year = $year
          and comparison.report_kind = $kind and comparison.subject_code = $code
        order by comparison.rank_among_departments, department.department_name
        """,
        {"region": region, "year": fiscal_year, "kind": report_kind, "code": subject_code, "unknown": UNKNOWN_REGION},
    )


# ---------------------------------------------------------------------------------------------
# quality


def findings(
    folder: Path, severities: Sequence[str] | None = None, department_key: str | None = None,
) -> pa.Table:
    """Every failed identity check (identity_residuals, passed = false), per document, with the
    expected and actual figures and their difference; rounding notes are left out."""
    return _table(
        folder,
        """
        select department.department_name, residual.department_key, residual.fiscal_year, residual.report_kind,
               residual.document_id, residual.identity, residual.category, residual.severity,
               residual.table_kind, residual.subject_code, residual.line_label, residual.column_name,
               residual.expected_yuan, residual.actual_yuan, residual.difference_yuan
        from identity_residuals as residual
        left join dim_department as department using (department_key)
        where not residual.passed and not coalesce(residual.is_rounding_note, false)
          and ($severities is null or list_contains($severities, residual.severity))
          and ($key is null or residual.department_key = $key)
        order by case residual.severity when 'error' then 0 when 'warning' then 1 else 2 end,
                 department.department_name, residual.fiscal_year, residual.identity, residual.subject_code
        """,
        {"severities": list(severities) if severities is not None else None, "key": department_key},
    )


def findings_matrix(folder: Path, severities: Sequence[str] | None = None) -> pa.Table:
    """Failed checks per department × identity: the heat map's cells."""
    return _table(
        folder,
        """
        select coalesce(department.department_name, residual.department_key) as department_name,
               residual.identity,
               count(*) as failures
        from identity_residuals as residual
        left join dim_department as department using (department_key)
        where not residual.passed and not coalesce(residual.is_rounding_note, false)
          and ($severities is null or list_contains($severities, residual.severity))
        group by all
        order by department_name, residual.identity
        """,
        {"severities": list(severities) if severities is not None else None},
    )


def disclosure_quality(folder: Path) -> pa.Table:
    """mart_disclosure_quality: checks run and failed per department × year × kind."""
    return _table(
        folder,
        """
        select department_name, region, fiscal_year, report_kind, documents,
               identities_checked, identities_failed, errors, warnings, info_notes, failed_identities
        from mart_disclosure_quality
        order by identities_failed desc, department_name, fiscal_year, report_kind
        """,
    )


# ---------------------------------------------------------------------------------------------
# lineage


@dataclass(frozen=True)
class FactSource:
    """One fact model the lineage page can trace: its line column and its amounts (Chinese headers)."""

    model: str
    title: str
    line_column: str
    amounts: dict[str, str]


FACT_SOURCES: tuple[FactSource, ...] = (
    FactSource("fct_income", "收入（公开02表）", "subject_code", {
        "total_yuan": "本年收入合计", "fiscal_appropriation_yuan": "财政拨款收入", "superior_subsidy_yuan": "上级补助收入",
        "business_yuan": "事业收入", "business_tuition_yuan": "其中：教育收费", "operating_yuan": "经营收入",
        "affiliated_remit_yuan": "附属单位上缴收入", "other_yuan": "其他收入",
    }),
    FactSource("fct_expenditure", "支出（公开03表）", "subject_code", {
        "total_yuan": "本年支出合计", "basic_yuan": "基本支出", "project_yuan": "项目支出",
        "remit_superior_yuan": "上缴上级支出", "operating_yuan": "经营支出", "affiliated_subsidy_yuan": "对附属单位补助支出",
    }),
    FactSource("fct_general_budget_flow", "一般公共预算财政拨款（公开05表）", "subject_code", {
        "opening_yuan": "年初结转和结余", "income_yuan": "本年收入", "expenditure_yuan": "本年支出",
        "expenditure_basic_yuan": "本年支出 基本支出", "expenditure_project_yuan": "本年支出 项目支出",
        "closing_yuan": "年末结转和结余",
    }),
    FactSource("fct_basic_expenditure_economic", "基本支出经济分类（公开06表）", "economic_code", {
        "amount_yuan": "金额",
    }),
    FactSource("fct_three_public_costs", "“三公”经费（公开09表）", "item", {
        "budget_yuan": "预算数", "actual_yuan": "决算数",
    }),
    FactSource("fct_project_performance", "项目支出绩效自评（公开12表）", "project_name", {
        "budget_initial_yuan": "年初预算数", "budget_full_year_yuan": "全年预算数", "executed_yuan": "全年执行数",
    }),
)
FACT_SOURCES_BY_MODEL = {source.model: source for source in FACT_SOURCES}


def _line_name_sql(source: FactSource) -> str:
    """SQL naming a fact's line: the subject's name, the economic subject's name, or null."""
    if source.line_column == "subject_code":
        return "coalesce(subject.subject_name, fact.subject_name_printed)"
    if source.line_column == "economic_code":
        return "coalesce(fact.subject_name, fact.subject_name_printed)"
    return "null"


def _line_join_sql(source: FactSource) -> str:
    if source.line_column == "subject_code":
        return "left join dim_function_subject as subject using (subject_code)"
    return ""


def _present_sources(folder: Path) -> list[FactSource]:
    """The fact models this export has (an older export may lack one; the others still trace)."""
    models = read_manifest(folder)["models"]
    return [source for source in FACT_SOURCES if source.model in models]


def lineage_years(folder: Path, department_key: str) -> pa.Table:
    """fiscal_year, report_kind pairs the department has facts for."""
    sources = _present_sources(folder)
    if not sources:
        return pa.table({"fiscal_year": pa.array([], pa.int64()), "report_kind": pa.array([], pa.string())})
    union = " union ".join(
        f"select fiscal_year, report_kind from {source.model} where department_key = $key" for source in sources
    )
    return _table(folder, f"select distinct * from ({union}) order by fiscal_year desc, report_kind", {"key": department_key})


def lineage_sources(folder: Path, department_key: str, fiscal_year: int, report_kind: str) -> list[str]:
    """The fact models with rows for this department-year-kind, in table order."""
    sources = _present_sources(folder)
    if not sources:
        return []
    counts = " union all ".join(
        f"select {index} as position, count(*) as lines from {source.model} "
        "where department_key = $key and fiscal_year = $year and report_kind = $kind"
        for index, source in enumerate(sources)
    )
    rows = _rows(folder, f"select position from ({counts}) where lines > 0 order by position",
                 {"key": department_key, "year": fiscal_year, "kind": report_kind})
    return [sources[position].model for (position,) in rows]


def lineage_lines(folder: Path, department_key: str, fiscal_year: int, report_kind: str, model: str) -> pa.Table:
    """Every line of one fact table for the department-year-kind, with where it was printed:
    line (the subject code, economic code, 三公 item or project), its name, and the lineage columns."""
    source = FACT_SOURCES_BY_MODEL[model]
    amounts = ", ".join(f"fact.{column}" for column in source.amounts)
    return _table(
        folder,
        f"""
        select cast(fact.{source.line_column} as varchar) as line, {_line_name_sql(source)} as line_name,
               {amounts},
               fact.document_id, fact.table_kind, fact.page_no, fact.row_no
        from {source.model} as fact
        {_line_join_sql(source)}
        where fact.department_key = $key and fact.fiscal_year = $year and fact.report_kind = $kind
        order by fact.page_no, fact.row_no, line
        """,
        {"key": department_key, "year": fiscal_year, "kind": report_kind},
    )


@dataclass(frozen=True)
class Lineage:
    """One printed figure and where it came from."""

    model: str
    line: str
    line_name: str | None
    amounts: dict[str, Decimal | None]  # Chinese header → yuan
    document_id: str
    table_kind: str
    page_no: int | None
    row_no: int | None


def lineage(
    folder: Path, department_key: str, fiscal_year: int, report_kind: str, model: str, line: str,
) -> Lineage | None:
    """The document, table, page and row a figure was printed on; None when there is no such line."""
    source = FACT_SOURCES_BY_MODEL[model]
    for row in lineage_lines(folder, department_key, fiscal_year, report_kind, model).to_pylist():
        if row["line"] == line:
            return Lineage(
                model=model,
                line=line,
                line_name=row["line_name"],
                amounts={header: row[column] for column, header in source.amounts.items()},
                document_id=row["document_id"],
                table_kind=row["table_kind"],
                page_no=row["page_no"],
                row_no=row["row_no"],
            )
    return None
