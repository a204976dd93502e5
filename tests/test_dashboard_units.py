"""Unit tests of the dashboard without a browser: formatting (exact decimals, 万元), labels, charts'
data, and `dashboard/data.py` over a small export written by the real exporter (budgetwh.export)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from budgetwh.export import write_snapshot
from dashboard import charts, data
from dashboard.app import exports_argument
from dashboard.cli import streamlit_command
from dashboard.format import (
    chart_value,
    format_amount,
    format_amount_with_unit,
    format_percent,
    format_share,
    source_label,
    subject_label,
    to_unit,
)
from dashboard.labels import table_label, three_public_item_label

# more digits than a double holds: any trip through float changes the cents
HUGE = Decimal("1234567890123456.78")

# ---------------------------------------------------------------------------------------------
# format


def test_yuan_amounts_keep_cents_and_get_thousands_separators():
    assert format_amount(Decimal("61578341.04")) == "61,578,341.04"
    assert format_amount(Decimal("-112940.79")) == "-112,940.79"
    assert format_amount(Decimal("0")) == "0.00"
    assert format_amount(HUGE) == "1,234,567,890,123,456.78"
    assert format_amount(None) == "—"


def test_wanyuan_is_the_exact_decimal_divided_by_ten_thousand():
    assert to_unit(Decimal("61578341.04"), "万元") == Decimal("6157.834104")
    assert format_amount(Decimal("61578341.04"), "万元") == "6,157.83"
    assert to_unit(HUGE, "万元") == Decimal("123456789012.345678")
    assert format_amount(HUGE, "万元") == "123,456,789,012.35"
    assert format_amount_with_unit(Decimal("61578341.04"), "万元") == "6,157.83 万元"


def test_wanyuan_rounds_half_up_not_to_even():
    # 250 元 = 0.025 万元: 四舍五入 gives 0.03 where banker's rounding would give 0.02
    assert format_amount(Decimal("250.00"), "万元") == "0.03"
    assert format_amount(Decimal("-250.00"), "万元") == "-0.03"


def test_a_tiny_negative_rounded_away_is_not_shown_as_minus_zero():
    assert format_amount(Decimal("-0.40"), "万元") == "0.00"


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown unit"):
        to_unit(Decimal(1), "千元")  # type: ignore[arg-type]


def test_only_chart_geometry_is_float():
    assert chart_value(Decimal("61578341.04"), "万元") == pytest.approx(6157.834104)
    assert isinstance(chart_value(Decimal("1.00")), float)
    assert chart_value(None) is None


def test_percents_and_shares():
    assert format_percent(Decimal("99.69")) == "99.69%"
    assert format_percent(Decimal("260725.71")) == "260,725.71%"
    assert format_share(Decimal("0.955814")) == "95.58%"
    assert format_share(None) == "—"


def test_subject_and_source_labels():
    assert subject_label("20132", "组织事务") == "20132 组织事务"
    assert subject_label("20132", None) == "20132"
    assert source_label(1, 7) == "第1页 第7行"


# ---------------------------------------------------------------------------------------------
# labels from the seeds


def test_table_labels_come_from_the_table_catalogue():
    assert table_label("expenditure", "final_accounts") == "公开03表 支出决算表"
    assert table_label("expenditure", "budget") == "支出预算表"
    assert table_label("three_public_costs", "final_accounts").startswith("公开09表")
    assert table_label("narrative", "final_accounts") == "情况说明"
    assert table_label("something_new") == "something_new"


def test_three_public_items_have_chinese_names():
    assert three_public_item_label("reception") == "公务接待费"
    assert three_public_item_label("total") == "“三公”经费合计"
    assert three_public_item_label("unheard_of") == "unheard_of"


# ---------------------------------------------------------------------------------------------
# a small export, written by the real exporter from a hand-made warehouse

DEPARTMENT_A = "aaaaaaaaaaaaaaaa"
DEPARTMENT_B = "bbbbbbbbbbbbbbbb"
DOCUMENT_A_2021 = "d" * 64

WAREHOUSE_SQL = f"""
create schema marts;
create schema audit;

create table marts.dim_department as
select * from (values
    ('{DEPARTMENT_A}', '甲市组织部', '甲市', ['甲市委组织部'], false, true, 2020, 2021, 2::bigint),
    -- no region could be read off this one's name
    ('{DEPARTMENT_B}', '某教育局', null, [], true, true, 2021, 2021, 1::bigint)
) as t(department_key, department_name, region, aliases, is_synthetic, is_listed,
       first_fiscal_year, last_fiscal_year, document_count);

create table marts.dim_function_subject as
select * from (values
    ('201', '一般公共服务支出', '类', null, true),
    ('20132', '组织事务', '款', '201', true),
    ('2013201', '行政运行', '项', '20132', true),
    ('205', '教育支出', '类', null, true)
) as t(subject_code, subject_name, level, parent_code, is_listed);

create table marts.fct_expenditure as
select department_key, fiscal_year::integer as fiscal_year, report_kind, subject_code, subject_name_printed,
       total_yuan::decimal(18, 2) as total_yuan, basic_yuan::decimal(18, 2) as basic_yuan,
       project_yuan::decimal(18, 2) as project_yuan, null::decimal(18, 2) as remit_superior_yuan,
       null::decimal(18, 2) as operating_yuan, null::decimal(18, 2) as affiliated_subsidy_yuan,
       document_id, 'expenditure' as table_kind, page_no::integer as page_no, row_no::integer as row_no
from (values
    ('{DEPARTMENT_A}', 2020, 'final_accounts', '201', '一般公共服务支出', '100.10', '60.05', '40.05', '{"c" * 64}', 1, 6),
    ('{DEPARTMENT_A}', 2020, 'final_accounts', '20132', '组织事务', '100.10', '60.05', '40.05', '{"c" * 64}', 1, 7),
    ('{DEPARTMENT_A}', 2021, 'final_accounts', '201', '一般公共服务支出', '{HUGE}', '0.10', '0.20', '{DOCUMENT_A_2021}', 2, 6),
    ('{DEPARTMENT_A}', 2021, 'final_accounts', '20132', '组织事务', '{HUGE}', '0.10', '0.20', '{DOCUMENT_A_2021}', 2, 7),
    ('{DEPARTMENT_A}', 2021, 'final_accounts', '2013201', '行政运行', '{HUGE}', '0.10', '0.20', '{DOCUMENT_A_2021}', 2, 8),
    ('{DEPARTMENT_B}', 2021, 'budget', '205', '教育支出', '0.30', null, null, '{"e" * 64}', 1, 5)
) as t(department_key, fiscal_year, report_kind, subject_code, subject_name_printed, total_yuan, basic_yuan,
       project_yuan, document_id, page_no, row_no);

-- zero rows: the exporter writes no parquet file, only the columns in the manifest
create table marts.fct_income as
select department_key, fiscal_year, report_kind, subject_code, subject_name_printed, total_yuan,
       document_id, table_kind, page_no, row_no
from marts.fct_expenditure where false;

create table audit.identity_residuals as
select document_id, department_key, fiscal_year::integer as fiscal_year, 'final_accounts' as report_kind, identity,
       'plausibility' as category, severity, table_kind, null::varchar as subject_code, line_label,
       null::varchar as column_name, expected_yuan::decimal(18, 2) as expected_yuan,
       actual_yuan::decimal(18, 2) as actual_yuan, difference_yuan::decimal(18, 2) as difference_yuan,
       0.01::decimal(18, 2) as tolerance_yuan, passed, is_rounding_note
from (values
    ('{DOCUMENT_A_2021}', '{DEPARTMENT_A}', 2021, 'unit_slip', 'warning', 'three_public_costs', '合计 预算数',
     '112985.10', '44.31', '-112940.79', false, false),
    ('{DOCUMENT_A_2021}', '{DEPARTMENT_A}', 2021, 'hierarchy_lei_equals_sum_of_kuan', 'error', 'expenditure', '201',
     '100.10', '100.10', '0.00', true, false),
    ('{DOCUMENT_A_2021}', '{DEPARTMENT_A}', 2021, 'non_fiscal_flow_balance', 'info', 'income_expenditure_summary',
     'non-fiscal', '3253.20', '3253.19', '-0.01', false, true)
) as t(document_id, department_key, fiscal_year, identity, severity, table_kind, line_label, expected_yuan,
       actual_yuan, difference_yuan, passed, is_rounding_note);
"""


@pytest.fixture(scope="module")
def small_export(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("dashboard_units")
    db = base / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(WAREHOUSE_SQL)
    snapshot = base / "exports"
    write_snapshot(db, snapshot)
    return snapshot


def test_missing_folder_names_the_command_that_makes_exports(tmp_path):
    with pytest.raises(data.ExportsUnavailable) as raised:
        data.export_info(tmp_path / "nowhere")
    assert raised.value.reason == "no export folder"
    assert "make run" in raised.value.hint and "budgetwh export" in raised.value.hint


def test_folder_without_manifest_is_unavailable(tmp_path):
    (tmp_path / "exports").mkdir()
    with pytest.raises(data.ExportsUnavailable, match="no manifest.json"):
        data.overview(tmp_path / "exports")


def test_a_model_the_export_lacks_is_reported_not_a_traceback(small_export):
    with pytest.raises(data.ExportsUnavailable, match="lacks a model"):
        data.budget_execution(small_export, DEPARTMENT_A)


def test_a_snapshot_pruned_under_a_reader_asks_for_a_reload(small_export, tmp_path):
    pruned = tmp_path / "snapshot"
    shutil.copytree(small_export, pruned)
    shutil.rmtree(pruned / "fct_expenditure")  # the manifest still lists its files
    with pytest.raises(data.ExportsUnavailable, match="changed while being read"):
        data.overview(pruned)


def test_export_info_reads_the_manifest(small_export):
    info = data.export_info(small_export)
    assert info.model_rows["fct_expenditure"] == 6
    assert info.model_rows["fct_income"] == 0
    assert info.snapshot == small_export.resolve()


def test_amounts_come_back_as_exact_decimals(small_export):
    series = data.subject_series(small_export, DEPARTMENT_A, "expenditure", "final_accounts")
    assert pa.types.is_decimal(series.schema.field("total_yuan").type)
    by_year = {row["fiscal_year"]: row["total_yuan"] for row in series.to_pylist()}
    assert by_year == {2020: Decimal("100.10"), 2021: HUGE}
    assert format_amount(by_year[2021], "万元") == "123,456,789,012.35"


def test_sums_stay_decimal(small_export):
    rows = data.basic_and_project(small_export, DEPARTMENT_A, "final_accounts").to_pylist()
    assert rows[-1]["basic_yuan"] + rows[-1]["project_yuan"] == Decimal("0.30")  # 0.1 + 0.2, exactly


def test_overview_counts_and_sums_only_lei_rows(small_export):
    summary = data.overview(small_export)
    assert summary.regions == ["甲市"]
    assert summary.departments == 2 and summary.synthetic_departments == 1
    assert summary.fiscal_years == [2020, 2021]
    assert summary.documents == 3
    # 类 rows only: the 款 and 项 rows repeat the same money
    assert summary.expenditure_totals == {"final_accounts": Decimal("100.10") + HUGE, "budget": Decimal("0.30")}
    # rounding notes are within tolerance, passed checks are not findings
    assert summary.findings_by_severity == {"warning": 1}
    assert summary.checks == 3


def test_a_model_with_no_rows_reads_as_an_empty_typed_table(small_export):
    income = data.subject_series(small_export, DEPARTMENT_A, "income", "final_accounts")
    assert income.num_rows == 0
    assert pa.types.is_decimal(income.schema.field("total_yuan").type)


def test_drill_down_goes_lei_to_kuan_to_xiang(small_export):
    options = data.drill_options(small_export, DEPARTMENT_A, "final_accounts").to_pylist()
    assert [(row["subject_code"], row["level"]) for row in options] == [("201", "类"), ("20132", "款")]
    kuan = data.subject_series(small_export, DEPARTMENT_A, "expenditure", "final_accounts", "201").to_pylist()
    assert {row["subject_code"] for row in kuan} == {"20132"}
    xiang = data.subject_series(small_export, DEPARTMENT_A, "expenditure", "final_accounts", "20132").to_pylist()
    assert [(row["fiscal_year"], row["subject_code"], row["subject_name"]) for row in xiang] == [(2021, "2013201", "行政运行")]


def test_departments_by_region_and_their_report_kinds(small_export):
    assert data.regions(small_export) == ["甲市", data.UNKNOWN_REGION]
    assert data.departments(small_export, "甲市").column("department_name").to_pylist() == ["甲市组织部"]
    # a department without a region is listed under a name of its own, not lost
    assert data.departments(small_export, data.UNKNOWN_REGION).column("department_name").to_pylist() == ["某教育局"]
    assert data.departments(small_export).num_rows == 2
    assert data.departments(small_export, "乙市").num_rows == 0
    assert data.report_kinds(small_export, DEPARTMENT_A) == ["final_accounts"]
    assert data.report_kinds(small_export, DEPARTMENT_B) == ["budget"]


def test_findings_filter_by_severity(small_export):
    warnings = data.findings(small_export, ["warning"]).to_pylist()
    assert [(row["identity"], row["expected_yuan"], row["actual_yuan"], row["difference_yuan"]) for row in warnings] == [
        ("unit_slip", Decimal("112985.10"), Decimal("44.31"), Decimal("-112940.79")),
    ]
    assert data.findings(small_export, ["error"]).num_rows == 0  # the error check passed
    assert data.findings(small_export, ["info"]).num_rows == 0  # a rounding note is not a finding
    assert data.findings(small_export, None, DEPARTMENT_B).num_rows == 0
    assert data.findings_matrix(small_export).to_pylist() == [
        {"department_name": "甲市组织部", "identity": "unit_slip", "failures": 1},
    ]


def test_lineage_names_document_table_page_and_row(small_export):
    traced = data.lineage(small_export, DEPARTMENT_A, 2021, "final_accounts", "fct_expenditure", "20132")
    assert traced is not None
    assert (traced.document_id, traced.table_kind, traced.page_no, traced.row_no) == (DOCUMENT_A_2021, "expenditure", 2, 7)
    assert traced.line_name == "组织事务"
    assert traced.amounts["本年支出合计"] == HUGE
    assert data.lineage(small_export, DEPARTMENT_A, 2021, "final_accounts", "fct_expenditure", "999") is None


def test_lineage_offers_only_tables_with_rows(small_export):
    assert data.lineage_sources(small_export, DEPARTMENT_A, 2021, "final_accounts") == ["fct_expenditure"]


def test_exports_folder_comes_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BUDGETWH_EXPORTS", str(tmp_path / "from_env"))
    assert data.resolve_exports_folder(None) == (tmp_path / "from_env").resolve()
    assert data.resolve_exports_folder(tmp_path / "given") == (tmp_path / "given").resolve()


# ---------------------------------------------------------------------------------------------
# charts and the command line


def test_chart_rows_carry_the_exact_text_beside_the_float():
    rows = charts.subject_rows(
        [{"fiscal_year": 2020, "subject_code": "20132", "subject_name": "组织事务", "total_yuan": Decimal("61578341.04")}],
        "万元",
    )
    assert rows == [{
        "年度": "2020", "科目": "20132 组织事务", "value": pytest.approx(6157.834104), "金额": "6,157.83",
        "说明": "2020 · 20132 组织事务 · 6,157.83 万元",
    }]
    spec = charts.stacked_bars(rows, "万元").to_dict()
    assert spec["encoding"]["description"]["field"] == "说明"
    assert list(charts.series_frame(rows, "万元").iloc[0]) == ["2020", "20132 组织事务", "6,157.83"]


def test_dashboard_command_passes_the_export_folder_to_the_app(tmp_path):
    command = streamlit_command(tmp_path / "exports", 8600, "127.0.0.1")
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("dashboard/app.py")
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[command.index("--browser.gatherUsageStats") + 1] == "false"
    assert command[-3:] == ["--", "--exports", str(tmp_path / "exports")]
    assert exports_argument(command[command.index("--") + 1:]) == str(tmp_path / "exports")
    assert exports_argument([]) is None
