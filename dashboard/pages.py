"""The dashboard's pages: Streamlit widgets over `dashboard.data`, drawn with `dashboard.charts`.

Every page gets a `Context` (the export folder, the snapshot it points at, the unit). Data calls go
through `st.cache_data` keyed on the snapshot path, so the nightly's switch to a new snapshot is a
cache miss and nothing stale is served. Selections are bound to the URL (`?department=…&year=…`),
so any view, the lineage of a figure included, can be linked to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.data import ExportInfo, ExportsUnavailable
from dashboard.format import (
    NONE_SHOWN,
    SEVERITY_ORDER,
    Unit,
    change_flag,
    format_amount,
    format_amount_with_unit,
    format_count,
    format_percent,
    format_share,
    report_kind_label,
    severity_label,
    short_document_id,
    source_label,
    subject_label,
)
from dashboard.labels import identity_description, table_label, three_public_item_label


@dataclass(frozen=True)
class Context:
    folder: Path
    info: ExportInfo
    unit: Unit

    @property
    def snapshot(self) -> Path:
        return self.info.snapshot


def _cached(function: Callable) -> Callable:
    return st.cache_data(show_spinner=False, max_entries=512)(function)


overview_data = _cached(data.overview)
regions_summary = _cached(data.regions_summary)
regions = _cached(data.regions)
departments = _cached(data.departments)
report_kinds = _cached(data.report_kinds)
drill_options = _cached(data.drill_options)
subject_series = _cached(data.subject_series)
basic_and_project = _cached(data.basic_and_project)
three_public_costs = _cached(data.three_public_costs)
budget_execution = _cached(data.budget_execution)
expenditure_yoy = _cached(data.expenditure_yoy)
comparison_choices = _cached(data.comparison_choices)
comparison_subjects = _cached(data.comparison_subjects)
comparison_rows = _cached(data.comparison)
findings = _cached(data.findings)
findings_matrix = _cached(data.findings_matrix)
disclosure_quality = _cached(data.disclosure_quality)
lineage_years = _cached(data.lineage_years)
lineage_sources = _cached(data.lineage_sources)
lineage_lines = _cached(data.lineage_lines)


# ---------------------------------------------------------------------------------------------
# shared pieces


def show_table(frame: pd.DataFrame, right_aligned: Sequence[str] = ()) -> None:
    """An HTML table (every figure is text in the page, exactly as formatted), amounts right-aligned."""
    if frame.empty:
        st.caption("（无数据）")
        return
    styler = frame.style.hide(axis="index")
    columns = [column for column in right_aligned if column in frame.columns]
    if columns:
        styler = styler.set_properties(subset=columns, **{
            # !important: Streamlit writes text-align inline on every cell
            "text-align": "right !important", "font-variant-numeric": "tabular-nums"})
    st.table(styler)


def show_chart(chart) -> None:
    st.altair_chart(chart, width="stretch")


def empty_state(folder: Path, error: ExportsUnavailable) -> None:
    """What a reader sees before anything was exported: which folder, why, and the command that fills it."""
    st.title("budgetwh 部门决算与预算")
    st.warning(f"没有可读的导出数据 (no exports to show): {error.reason}.", icon="⚠️")
    st.markdown(
        f"The dashboard reads the parquet exports in **`{folder}`** (set with `--exports DIR` or "
        "`$BUDGETWH_EXPORTS`). Make them with:"
    )
    st.code("make run\n# or, with a built warehouse:\nbudgetwh export", language="bash")
    st.caption(f"{error.hint}. This page checks again on every reload.")


def _pick_region_and_department(ctx: Context, region_key: str = "region", department_key: str = "department") -> dict | None:
    """Region → department selects (bound to the URL); returns the department's row."""
    region_names = regions(ctx.snapshot)
    if not region_names:
        st.info("导出中没有部门 (dim_department is empty).")
        return None
    # a link may name the department alone (?department=…): open its region
    linked = st.query_params.get(department_key)
    linked_region = None
    if linked:
        for row in departments(ctx.snapshot).to_pylist():
            if linked in (row["department_name"], row["department_key"]):
                linked_region = row["region"]
    region_index = region_names.index(linked_region) if linked_region in region_names else 0
    left, right = st.columns([1, 2])
    region = left.selectbox("地区", region_names, index=region_index, key=region_key, bind="query-params")
    rows = departments(ctx.snapshot, region).to_pylist()
    if not rows:
        right.info("该地区没有部门。")
        return None
    names = {row["department_key"]: row["department_name"] for row in rows}
    chosen = right.selectbox(
        "部门", list(names), format_func=lambda key: names.get(key, key), key=department_key, bind="query-params",
    )
    return next(row for row in rows if row["department_key"] == chosen)


def _kind_radio(kinds: list[str], key: str = "kind") -> str:
    return st.radio(
        "类型", kinds, format_func=report_kind_label, key=key, horizontal=True, bind="query-params",
    )


# ---------------------------------------------------------------------------------------------
# 总览 Overview


def overview_page(ctx: Context) -> None:
    st.title("总览")
    summary = overview_data(ctx.snapshot)
    unit = ctx.unit
    years = summary.fiscal_years
    year_text = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else NONE_SHOWN)
    cols = st.columns(5)
    cols[0].metric("地区", format_count(len(summary.regions)))
    cols[1].metric("部门", format_count(summary.departments),
                   help=f"其中合成示例数据 {summary.synthetic_departments} 个" if summary.synthetic_departments else None)
    cols[2].metric("年度", year_text)
    cols[3].metric("文件", format_count(summary.documents))
    cols[4].metric("恒等式检查", format_count(summary.checks))

    cols = st.columns(2)
    cols[0].metric(f"决算支出合计（{unit}）", format_amount(summary.expenditure_totals.get("final_accounts"), unit))
    cols[1].metric(f"预算支出合计（{unit}）", format_amount(summary.expenditure_totals.get("budget"), unit))
    st.caption("支出合计 = 各部门支出表（公开03表 / 支出预算表）各类之和，所有年度。")

    st.subheader("发现（未通过的恒等式检查）")
    cols = st.columns(3)
    for column, severity in zip(cols, SEVERITY_ORDER, strict=True):
        column.metric(f"{severity_label(severity)} ({severity})", format_count(summary.findings_by_severity.get(severity, 0)))
    st.markdown(f"[查看质量页 →](./quality?unit={unit})")

    st.subheader("各年度支出")
    by_year = summary.expenditure_by_year.to_pylist()
    if by_year:
        show_chart(charts.totals_by_year(by_year, unit))
        show_table(pd.DataFrame(
            [[str(row["fiscal_year"]), report_kind_label(row["report_kind"]), format_count(row["departments"]),
              format_amount(row["total_yuan"], unit)] for row in by_year],
            columns=["年度", "类型", "部门数", f"支出合计（{unit}）"],
        ), right_aligned=["部门数", f"支出合计（{unit}）"])
    else:
        st.info("导出中没有支出数据 (fct_expenditure is empty).")

    st.subheader("地区")
    show_table(pd.DataFrame(
        [[row["region"] or NONE_SHOWN, format_count(row["departments"]),
          f"{row['first_fiscal_year']}–{row['last_fiscal_year']}", format_count(row["documents"]),
          "是" if row["has_synthetic"] else ""] for row in regions_summary(ctx.snapshot).to_pylist()],
        columns=["地区", "部门数", "年度", "文件数", "含合成数据"],
    ), right_aligned=["部门数", "文件数"])


# ---------------------------------------------------------------------------------------------
# 部门 A department over the years


def department_page(ctx: Context) -> None:
    st.title("部门")
    department = _pick_region_and_department(ctx)
    if department is None:
        return
    key = department["department_key"]
    unit = ctx.unit
    kinds = report_kinds(ctx.snapshot, key)
    if not kinds:
        st.info("该部门在导出中没有收支数据。")
        return
    st.header(department["department_name"])
    aliases = [alias for alias in department["aliases"] or [] if alias != department["department_name"]]
    st.caption(
        f"{department['region']} · {department['first_fiscal_year']}–{department['last_fiscal_year']} · "
        f"{department['document_count']} 份文件" + (f" · 亦作：{'、'.join(aliases)}" if aliases else "")
        + (" · 合成示例数据" if department["is_synthetic"] else "")
    )
    kind = _kind_radio(kinds)

    drill = drill_options(ctx.snapshot, key, kind).to_pylist()
    drill_names = {row["subject_code"]: subject_label(row["subject_code"], row["subject_name"]) for row in drill}
    parent = st.selectbox(
        "科目层级（下钻）", [None, *drill_names],
        format_func=lambda code: "按类" if code is None else f"{drill_names.get(code, code)} 下的{'款' if len(code) == 3 else '项'}",
        key="drill", bind="query-params",
    )
    level_text = "类" if parent is None else ("款" if len(parent) == 3 else "项")
    left, right = st.columns(2)
    for column, measure, title in ((left, "expenditure", "支出"), (right, "income", "收入")):
        with column:
            st.subheader(f"{title}（按{level_text}）")
            rows = charts.subject_rows(subject_series(ctx.snapshot, key, measure, kind, parent).to_pylist(), unit)
            if rows:
                show_chart(charts.stacked_bars(rows, unit))
                show_table(charts.series_frame(rows, unit), right_aligned=[f"金额（{unit}）"])
            else:
                st.caption("（无数据）")

    _basic_and_project_section(ctx, key, kind)

    st.divider()
    # one year for the sections below, kept when another department is picked (a reader compares
    # departments in the same year)
    years = sorted({row["fiscal_year"] for row in lineage_years(ctx.snapshot, key).to_pylist()}, reverse=True)
    year = st.selectbox("年度（以下各节）", years, key="year", bind="query-params")
    _three_public_section(ctx, key, year)
    _budget_execution_section(ctx, key, year)
    _yoy_section(ctx, key, kind, year)


def _basic_and_project_section(ctx: Context, key: str, kind: str) -> None:
    st.subheader("基本支出与项目支出")
    rows = basic_and_project(ctx.snapshot, key, kind).to_pylist()
    unit = ctx.unit
    chart_rows = (charts.series_rows(rows, lambda _: "基本支出", "basic_yuan", unit)
                  + charts.series_rows(rows, lambda _: "项目支出", "project_yuan", unit))
    if not chart_rows:
        st.caption("（无数据）")
        return
    show_chart(charts.stacked_bars(chart_rows, unit, series_title="支出性质", height=260))
    show_table(pd.DataFrame(
        [[str(row["fiscal_year"]), format_amount(row["basic_yuan"], unit), format_amount(row["project_yuan"], unit),
          format_amount(row["total_yuan"], unit)] for row in rows],
        columns=["年度", f"基本支出（{unit}）", f"项目支出（{unit}）", f"本年支出合计（{unit}）"],
    ), right_aligned=[f"基本支出（{unit}）", f"项目支出（{unit}）", f"本年支出合计（{unit}）"])


# 三公 leaves: they add up to the total, so they stack without double counting
_THREE_PUBLIC_LEAVES = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def _three_public_section(ctx: Context, key: str, year: int) -> None:
    st.subheader("“三公”经费与机关运行经费")
    rows = three_public_costs(ctx.snapshot, key).to_pylist()
    if not rows:
        st.caption("（无数据：该部门的文件没有“三公”经费表）")
        return
    unit = ctx.unit
    slips = [row for row in findings(ctx.snapshot, None, key).to_pylist()
             if row["identity"] == "unit_slip" and row["table_kind"] == "three_public_costs"]
    for slip in slips:
        st.warning(
            f"{slip['fiscal_year']} 年：{slip['line_label']} — 表头写“元”，该列数字看来是万元 "
            f"（{format_amount(slip['actual_yuan'])} 对 {format_amount(slip['expected_yuan'])}）。"
            "数字按原样显示，未作更正（unit_slip，见质量页）。",
            icon="⚠️",
        )
    leaves = [row for row in rows if row["item"] in _THREE_PUBLIC_LEAVES and row["report_kind"] == "final_accounts"]
    chart_rows = charts.series_rows(leaves, lambda row: three_public_item_label(row["item"]), "actual_yuan", unit)
    if chart_rows:
        show_chart(charts.stacked_bars(chart_rows, unit, series_title="项目（决算数）", height=240))
    st.markdown(f"**{year} 年**")
    show_table(pd.DataFrame(
        [[report_kind_label(row["report_kind"]), three_public_item_label(row["item"]),
          format_amount(row["budget_yuan"], unit), format_amount(row["actual_yuan"], unit),
          source_label(row["page_no"], row["row_no"])] for row in rows if row["fiscal_year"] == year],
        columns=["类型", "项目", f"预算数（{unit}）", f"决算数（{unit}）", "出处"],
    ), right_aligned=[f"预算数（{unit}）", f"决算数（{unit}）"])


def _budget_execution_section(ctx: Context, key: str, year: int) -> None:
    st.subheader(f"预算执行（{year} 年预算数对决算数）")
    rows = [row for row in budget_execution(ctx.snapshot, key).to_pylist() if row["fiscal_year"] == year]
    if not rows:
        st.caption("（无数据：该年度没有既有预算又有决算的科目）")
        return
    unit = ctx.unit
    show_table(pd.DataFrame(
        [["功能科目" if row["line_kind"] == "function_subject" else "“三公”经费",
          subject_label(row["subject_code"], row["subject_name"]) if row["subject_code"]
          else three_public_item_label(row["item"]),
          format_amount(row["budget_yuan"], unit), format_amount(row["final_yuan"], unit),
          format_percent(row["execution_rate"])] for row in rows],
        columns=["类别", "科目 / 项目", f"预算数（{unit}）", f"决算数（{unit}）", "执行率"],
    ), right_aligned=[f"预算数（{unit}）", f"决算数（{unit}）", "执行率"])
    st.caption("执行率 = 决算数 / 预算数 × 100。“三公”行取决算公开09表自身的预算数列，单位错印时执行率随之失真。")


def _yoy_section(ctx: Context, key: str, kind: str, year: int) -> None:
    st.subheader(f"同比变化（{year} 对 {year - 1}，支出）")
    this_year = expenditure_yoy(ctx.snapshot, key, kind, year).to_pylist()
    if not this_year:
        st.caption("（无数据）")
        return
    unit = ctx.unit
    if all(row["prior_total_yuan"] is None and not row["is_discontinued_subject"] for row in this_year):
        st.caption(f"没有 {year - 1} 年同类文件可比（{report_kind_label(kind)}对{report_kind_label(kind)}）。")
    lei = [row for row in this_year if row["subject_level"] == "类" and row["change_yuan"] is not None]
    if lei:
        show_chart(charts.change_bars(lei, unit))
    show_table(pd.DataFrame(
        [[subject_label(row["subject_code"], row["subject_name"]), row["subject_level"] or "",
          format_amount(row["total_yuan"], unit), format_amount(row["prior_total_yuan"], unit),
          format_amount(row["change_yuan"], unit), format_percent(row["change_pct"]),
          change_flag(row["is_new_subject"], row["is_discontinued_subject"])] for row in this_year],
        columns=["科目", "层级", f"{year}（{unit}）", f"{year - 1}（{unit}）", f"变化（{unit}）", "变化率", "标记"],
    ), right_aligned=[f"{year}（{unit}）", f"{year - 1}（{unit}）", f"变化（{unit}）", "变化率"])


# ---------------------------------------------------------------------------------------------
# 比较 Comparison


def comparison_page(ctx: Context) -> None:
    st.title("部门比较")
    choices = comparison_choices(ctx.snapshot).to_pylist()
    if not choices:
        st.info("导出中没有可比较的数据 (mart_department_comparison is empty).")
        return
    unit = ctx.unit
    cols = st.columns(3)
    region_names = list(dict.fromkeys(row["region"] for row in choices))  # most departments first
    region = cols[0].selectbox("地区", region_names, key="region", bind="query-params")
    years = sorted({row["fiscal_year"] for row in choices if row["region"] == region}, reverse=True)
    year = cols[1].selectbox("年度", years, key="year", bind="query-params")
    kinds = sorted({row["report_kind"] for row in choices if row["region"] == region and row["fiscal_year"] == year},
                   key=lambda kind: kind == "budget")
    with cols[2]:
        kind = _kind_radio(kinds)
    subjects = comparison_subjects(ctx.snapshot, region, year, kind).to_pylist()
    names = {row["subject_code"]: subject_label(row["subject_code"], row["subject_name"]) for row in subjects}
    code = st.selectbox("科目", list(names), format_func=lambda c: names.get(c, c), key="subject", bind="query-params")
    rows = comparison_rows(ctx.snapshot, region, year, kind, code).to_pylist()
    if not rows:
        st.info("没有部门列出该科目。")
        return
    first = rows[0]
    cols = st.columns(2)
    cols[0].metric(f"地区合计（{unit}）", format_amount(first["region_total_yuan"], unit))
    cols[1].metric("列出该科目的部门", format_count(first["departments_with_subject"]))
    st.subheader(f"{names[code]} · {year} {report_kind_label(kind)} · {region}")
    show_chart(charts.ranked_bars(rows, unit))
    show_table(pd.DataFrame(
        [[format_count(row["rank_among_departments"]), row["department_name"] or row["department_key"],
          format_amount(row["total_yuan"], unit), format_share(row["share_of_department_total"]),
          format_amount(row["department_total_yuan"], unit), format_amount(row["region_total_yuan"], unit),
          short_document_id(row["document_id"])] for row in rows],
        columns=["排名", "部门", f"金额（{unit}）", "占部门支出", f"部门支出合计（{unit}）", f"地区合计（{unit}）", "文件"],
    ), right_aligned=["排名", f"金额（{unit}）", "占部门支出", f"部门支出合计（{unit}）", f"地区合计（{unit}）"])
    st.caption("占部门支出 = 该科目金额 / 部门各类支出之和；排名在同一地区、年度、类型内。")


# ---------------------------------------------------------------------------------------------
# 质量 Quality


def quality_page(ctx: Context) -> None:
    st.title("数据质量")
    st.caption("每份文件的会计恒等式检查 (identity_residuals)。差额按元显示，不随单位切换：0.01 元的差异换成万元会显示为 0.00。")
    severities = st.multiselect(
        "级别", list(SEVERITY_ORDER), default=["error", "warning"],
        format_func=lambda s: f"{severity_label(s)} ({s})", key="severity",
    )
    department_rows = departments(ctx.snapshot).to_pylist()
    names = {row["department_key"]: row["department_name"] for row in department_rows}
    department = st.selectbox(
        "部门", [None, *names], format_func=lambda key: "全部部门" if key is None else names.get(key, key),
        key="quality_department", bind="query-params",
    )
    rows = findings(ctx.snapshot, severities, department).to_pylist()
    counts = {severity: sum(1 for row in rows if row["severity"] == severity) for severity in SEVERITY_ORDER}
    cols = st.columns(3)
    for column, severity in zip(cols, SEVERITY_ORDER, strict=True):
        column.metric(f"{severity_label(severity)} ({severity})",
                      format_count(counts[severity]) if severity in severities else NONE_SHOWN)

    st.subheader("发现分布（部门 × 检查）")
    matrix = [row for row in findings_matrix(ctx.snapshot, severities).to_pylist()
              if department is None or row["department_name"] == names.get(department)]
    if matrix:
        show_chart(charts.findings_heatmap(matrix))
    else:
        st.success("所选级别没有发现。", icon="✅")

    st.subheader("未通过的检查（按文件）")
    if not rows:
        st.caption("（无）")
    documents: dict[str, list[dict]] = {}
    for row in rows:
        documents.setdefault(row["document_id"], []).append(row)
    for document_id, document_rows in documents.items():
        first = document_rows[0]
        st.markdown(
            f"**{first['department_name'] or first['department_key']}** · {first['fiscal_year']} "
            f"{report_kind_label(first['report_kind'])} · 文件 `{short_document_id(document_id)}` · "
            f"{len(document_rows)} 项"
        )
        show_table(pd.DataFrame(
            [[row["identity"], f"{severity_label(row['severity'])} ({row['severity']})",
              table_label(row["table_kind"], row["report_kind"]),
              " ".join(part for part in (row["subject_code"], row["line_label"]) if part),
              format_amount(row["expected_yuan"]), format_amount(row["actual_yuan"]),
              format_amount(row["difference_yuan"])] for row in document_rows],
            columns=["检查", "级别", "表", "科目 / 行", "应为（元）", "实为（元）", "差额（元）"],
        ), right_aligned=["应为（元）", "实为（元）", "差额（元）"])
    if rows:
        st.markdown("**检查说明**")
        show_table(pd.DataFrame(
            [[identity, identity_description(identity)] for identity in sorted({row["identity"] for row in rows})],
            columns=["检查", "说明"],
        ))

    st.subheader("各部门、年度的检查数")
    quality = disclosure_quality(ctx.snapshot).to_pylist()
    if department is not None:
        quality = [row for row in quality if row["department_name"] == names.get(department)]
    show_table(pd.DataFrame(
        [[row["department_name"], str(row["fiscal_year"]), report_kind_label(row["report_kind"]),
          format_count(row["identities_checked"]), format_count(row["identities_failed"]), format_count(row["errors"]),
          format_count(row["warnings"]), format_count(row["info_notes"]), "、".join(row["failed_identities"] or [])]
         for row in quality],
        columns=["部门", "年度", "类型", "检查数", "未通过", "错误", "警告", "提示", "未通过的检查"],
    ), right_aligned=["检查数", "未通过", "错误", "警告", "提示"])


# ---------------------------------------------------------------------------------------------
# 溯源 Lineage


def lineage_page(ctx: Context) -> None:
    st.title("溯源")
    st.caption("任选一个数字，查看它印在哪份文件、哪张表、第几页第几行。")
    department = _pick_region_and_department(ctx)
    if department is None:
        return
    key = department["department_key"]
    unit = ctx.unit
    year_kinds = lineage_years(ctx.snapshot, key).to_pylist()
    if not year_kinds:
        st.info("该部门在导出中没有数据。")
        return
    cols = st.columns(2)
    years = sorted({row["fiscal_year"] for row in year_kinds}, reverse=True)
    year = cols[0].selectbox("年度", years, key="year", bind="query-params")
    kinds = sorted({row["report_kind"] for row in year_kinds if row["fiscal_year"] == year}, key=lambda k: k == "budget")
    with cols[1]:
        kind = _kind_radio(kinds)
    models = lineage_sources(ctx.snapshot, key, year, kind)
    model = st.selectbox(
        "表", models, format_func=lambda m: data.FACT_SOURCES_BY_MODEL[m].title, key="table", bind="query-params",
    )
    source = data.FACT_SOURCES_BY_MODEL[model]
    lines = lineage_lines(ctx.snapshot, key, year, kind, model).to_pylist()
    first_amount = next(iter(source.amounts))

    def line_text(row: dict) -> str:
        # the label is also the URL's ?line=…: no amount in it, so a link survives a change of unit
        if source.line_column == "project_name":
            return row["line"]
        name = three_public_item_label(row["line"]) if source.line_column == "item" else row["line_name"]
        return subject_label(row["line"], name)

    texts = {row["line"]: line_text(row) for row in lines}
    line = st.selectbox("数字（行）", list(texts), format_func=lambda value: texts.get(value, value),
                        key="line", bind="query-params")
    chosen = next((row for row in lines if row["line"] == line), None)
    if chosen is None:
        st.info("没有该行。")
        return

    st.subheader(f"{texts[line]}：{format_amount_with_unit(chosen[first_amount], unit)}")
    st.caption(f"{source.amounts[first_amount]}，{table_label(chosen['table_kind'], kind)}")
    show_table(pd.DataFrame(
        [
            ["部门", f"{department['department_name']}（{department['region']}）"],
            ["年度 / 类型", f"{year} {report_kind_label(kind)}"],
            ["文件 document_id", chosen["document_id"]],
            ["表", f"{table_label(chosen['table_kind'], kind)}（{chosen['table_kind']}）"],
            ["页", format_count(chosen["page_no"])],
            ["行", f"{format_count(chosen['row_no'])}（表内行号，含表头，按印刷顺序）"],
        ],
        columns=["出处", ""],
    ))
    show_table(pd.DataFrame(
        [[header, format_amount(chosen[column], unit)] for column, header in source.amounts.items()],
        columns=["栏目", f"金额（{unit}）"],
    ), right_aligned=[f"金额（{unit}）"])
    st.caption(
        "文件名不在导出中：在仓库里用 "
        f"`select source_name from raw.documents where document_id = '{chosen['document_id']}'` 查询。"
    )

    with st.expander(f"整张表的出处（{len(lines)} 行）"):
        show_table(pd.DataFrame(
            [[texts[row["line"]], format_amount(row[first_amount], unit),
              source_label(row["page_no"], row["row_no"]), short_document_id(row["document_id"])] for row in lines],
            columns=["行", f"{source.amounts[first_amount]}（{unit}）", "出处", "文件"],
        ), right_aligned=[f"{source.amounts[first_amount]}（{unit}）"])
