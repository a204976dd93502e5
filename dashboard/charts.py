"""Altair charts and the tables printed beside them, built from `dashboard.data` results.

Each chart has a twin table (`*_frame`) with the very rows it draws, formatted exactly: the bars are
floats (`format.chart_value`), the numbers a reader checks are the table's and the tooltips' text.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import altair as alt
import pandas as pd

from dashboard.format import (
    Unit,
    chart_value,
    format_amount,
    report_kind_label,
    subject_label,
)

YEAR = "年度"
SERIES = "科目"
AMOUNT = "金额"
VALUE = "value"  # the float the bar is drawn with; never shown
DESCRIPTION = "说明"  # each mark's aria-label: the exact figure, readable by screen readers and tests


def _amount_title(unit: Unit) -> str:
    return f"{AMOUNT}（{unit}）"


def series_rows(rows: Iterable[dict], series_of, amount_key: str, unit: Unit) -> list[dict]:
    """Chart rows: year (text, so the axis is ordinal), series label, float for the bar, exact text."""
    chart_rows = []
    for row in rows:
        amount: Decimal | None = row[amount_key]
        if amount is None:
            continue
        chart_rows.append({
            YEAR: str(row["fiscal_year"]),
            SERIES: series_of(row),
            VALUE: chart_value(amount, unit),
            AMOUNT: format_amount(amount, unit),
        })
        chart_rows[-1][DESCRIPTION] = f"{chart_rows[-1][YEAR]} · {chart_rows[-1][SERIES]} · {chart_rows[-1][AMOUNT]} {unit}"
    return chart_rows


def stacked_bars(chart_rows: list[dict], unit: Unit, series_title: str = SERIES, height: int = 320) -> alt.Chart:
    """Bars per year stacked by series (subjects, 基本/项目, 三公 items)."""
    frame = pd.DataFrame(chart_rows, columns=[YEAR, SERIES, VALUE, AMOUNT, DESCRIPTION])
    return (
        alt.Chart(frame, height=height)
        .mark_bar()
        .encode(
            x=alt.X(f"{YEAR}:O", title=YEAR, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{VALUE}:Q", title=_amount_title(unit), stack="zero"),
            color=alt.Color(f"{SERIES}:N", title=series_title, legend=alt.Legend(orient="bottom", columns=2)),
            description=alt.Description(f"{DESCRIPTION}:N"),
            tooltip=[alt.Tooltip(f"{YEAR}:O"), alt.Tooltip(f"{SERIES}:N", title=series_title),
                     alt.Tooltip(f"{AMOUNT}:N", title=_amount_title(unit))],
        )
    )


def series_frame(chart_rows: list[dict], unit: Unit, series_title: str = SERIES) -> pd.DataFrame:
    """The chart's rows as a table: 年度, series, 金额 (exact text)."""
    return pd.DataFrame(
        [[row[YEAR], row[SERIES], row[AMOUNT]] for row in chart_rows],
        columns=[YEAR, series_title, _amount_title(unit)],
    )


def subject_rows(rows: Iterable[dict], unit: Unit) -> list[dict]:
    return series_rows(rows, lambda row: subject_label(row["subject_code"], row["subject_name"]), "total_yuan", unit)


def ranked_bars(rows: list[dict], unit: Unit, height_per_bar: int = 40) -> alt.Chart:
    """Departments ranked by amount, largest on top (mart_department_comparison)."""
    frame = pd.DataFrame(
        [{
            "部门": row["department_name"] or row["department_key"],
            "排名": row["rank_among_departments"],
            VALUE: chart_value(row["total_yuan"], unit),
            AMOUNT: format_amount(row["total_yuan"], unit),
            DESCRIPTION: f"{row['rank_among_departments']} · {row['department_name'] or row['department_key']} · "
                         f"{format_amount(row['total_yuan'], unit)} {unit}",
        } for row in rows if row["total_yuan"] is not None],
        columns=["部门", "排名", VALUE, AMOUNT, DESCRIPTION],
    )
    return (
        alt.Chart(frame, height=max(140, height_per_bar * len(frame)))
        .mark_bar()
        .encode(
            y=alt.Y("部门:N", sort=alt.EncodingSortField(field="排名", order="ascending"), title=None,
                    axis=alt.Axis(labelLimit=320)),
            x=alt.X(f"{VALUE}:Q", title=_amount_title(unit)),
            description=alt.Description(f"{DESCRIPTION}:N"),
            tooltip=[alt.Tooltip("排名:Q"), alt.Tooltip("部门:N"), alt.Tooltip(f"{AMOUNT}:N", title=_amount_title(unit))],
        )
    )


def totals_by_year(rows: Iterable[dict], unit: Unit) -> alt.Chart:
    """Overview: expenditure per year, final accounts beside budgets."""
    chart_rows = series_rows(rows, lambda row: report_kind_label(row["report_kind"]), "total_yuan", unit)
    frame = pd.DataFrame(chart_rows, columns=[YEAR, SERIES, VALUE, AMOUNT, DESCRIPTION])
    return (
        alt.Chart(frame, height=280)
        .mark_bar()
        .encode(
            x=alt.X(f"{YEAR}:O", title=YEAR, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset(f"{SERIES}:N"),
            y=alt.Y(f"{VALUE}:Q", title=_amount_title(unit)),
            color=alt.Color(f"{SERIES}:N", title="类型", legend=alt.Legend(orient="bottom")),
            description=alt.Description(f"{DESCRIPTION}:N"),
            tooltip=[alt.Tooltip(f"{YEAR}:O"), alt.Tooltip(f"{SERIES}:N", title="类型"),
                     alt.Tooltip(f"{AMOUNT}:N", title=_amount_title(unit))],
        )
    )


def change_bars(rows: Iterable[dict], unit: Unit) -> alt.Chart:
    """Year-over-year change per subject: bars left of zero fell, right of zero grew."""
    frame = pd.DataFrame(
        [{
            SERIES: subject_label(row["subject_code"], row["subject_name"]),
            VALUE: chart_value(row["change_yuan"], unit),
            "变化": format_amount(row["change_yuan"], unit),
            "方向": "增加" if row["change_yuan"] >= 0 else "减少",
            DESCRIPTION: f"{subject_label(row['subject_code'], row['subject_name'])} · "
                         f"{format_amount(row['change_yuan'], unit)} {unit}",
        } for row in rows if row["change_yuan"] is not None],
        columns=[SERIES, VALUE, "变化", "方向", DESCRIPTION],
    )
    return (
        alt.Chart(frame, height=max(120, 30 * len(frame)))
        .mark_bar()
        .encode(
            y=alt.Y(f"{SERIES}:N", title=None, sort=None),
            x=alt.X(f"{VALUE}:Q", title=f"变化（{unit}）"),
            color=alt.Color("方向:N", scale=alt.Scale(domain=["增加", "减少"], range=["#2a9d8f", "#e76f51"]), legend=None),
            description=alt.Description(f"{DESCRIPTION}:N"),
            tooltip=[alt.Tooltip(f"{SERIES}:N"), alt.Tooltip("变化:N", title=f"变化（{unit}）")],
        )
    )


def findings_heatmap(rows: list[dict]) -> alt.Chart:
    """Failed checks per department × identity: darker = more findings."""
    frame = pd.DataFrame(
        [{"部门": row["department_name"], "检查": row["identity"], "发现": row["failures"],
          DESCRIPTION: f"{row['department_name']} · {row['identity']} · {row['failures']}"} for row in rows],
        columns=["部门", "检查", "发现", DESCRIPTION],
    )
    departments = frame["部门"].nunique() if len(frame) else 1
    # Streamlit fits the whole chart, axes included, into the height: leave room for the slanted labels
    base = alt.Chart(frame, height=48 * departments + 180)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        # identity names are long: slanted and never dropped for overlapping (Vega's default)
        x=alt.X("检查:N", title="检查 (identity)",
                axis=alt.Axis(labelAngle=-30, labelLimit=280, labelOverlap=False, orient="bottom")),
        y=alt.Y("部门:N", title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("发现:Q", title="发现数", scale=alt.Scale(scheme="oranges", domainMin=0),
                        legend=alt.Legend(format="d", tickMinStep=1)),
        description=alt.Description(f"{DESCRIPTION}:N"),
        tooltip=["部门:N", "检查:N", "发现:Q"],
    )
    darkest = int(frame["发现"].max()) if len(frame) else 0
    counts = base.mark_text(fontSize=14).encode(
        x="检查:N", y="部门:N", text="发现:Q",
        # white on the darker half of the scale, so the count stays legible
        color=alt.condition(alt.datum["发现"] > darkest / 2, alt.value("white"), alt.value("black")),
    )
    return cells + counts
