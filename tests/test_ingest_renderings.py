"""The PDF renderings (ruled and unruled) and the workbook land the same amounts as the text."""

from __future__ import annotations

from collections import Counter

import pytest

from ingest.parse import ParseOptions, parse_file
from tests.conftest import amounts
from tests.test_ingest_seed import seed_amounts_by_table

RENDERINGS = [
    "yuxi_zuzhibu_2020_final.spreadsheet-render.pdf",
    "yuxi_zuzhibu_2020_final.unruled-render.pdf",
    "yuxi_zuzhibu_2020_final.tables.xlsx",
]


@pytest.mark.parametrize("name", RENDERINGS)
def test_rendering_lands_every_amount_of_its_tables_as_the_text_prints_them(corpus, name):
    document = parse_file(corpus / "yunnan" / name, ParseOptions())
    text = seed_amounts_by_table()
    assert (document.department_raw, document.fiscal_year, document.report_kind) == (
        "中国共产党玉溪市委员会组织部", 2020, "final_accounts"
    )
    codes = [t.code for t in document.tables if t.code]
    assert codes == ["公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开08表", "公开09表", "公开12表"]
    for table in document.tables:
        if not table.code:
            continue
        landed = Counter()
        for row in table.rows:
            landed += amounts(row.cells)
        if table.code == "公开12表":
            candidates = [c for (code, _), c in text.items() if code == "公开12表"]
            assert landed in candidates, f"{name}: the project table's amounts match no 公开12表 of the text"
        else:
            assert landed == text[(table.code, 1)], f"{name}: {table.code} amounts differ from the text"


@pytest.mark.parametrize("name", RENDERINGS[:2])
def test_table_continued_on_the_next_page_is_one_table_without_its_repeated_header(corpus, name):
    document = parse_file(corpus / "yunnan" / name, ParseOptions())
    table04 = next(t for t in document.tables if t.code == "公开04表")
    pages = sorted({r.page_no for r in table04.rows})
    assert pages == [4, 5]
    labels = [r.cells[0] for r in table04.rows if r.cells and r.cells[0]]
    assert labels.count("栏次") <= 1 and sum(1 for c in labels if c.startswith("项目")) <= 1
    assert any(r.page_no == 5 and "65,931,892.81" in r.cells for r in table04.rows)


def test_unruled_table_places_words_by_the_header_columns(corpus):
    document = parse_file(corpus / "yunnan" / "yuxi_zuzhibu_2020_final.unruled-render.pdf", ParseOptions())
    income = next(t for t in document.tables if t.code == "公开02表")
    row = next(r.cells for r in income.rows if r.cells[0] == "2013202")
    filled = [c for c in row if c]
    assert filled == ["2013202", "一般行政管理事务", "48,585,595.00", "48,582,095.00", "3,500.00"]
    # 其他收入 is the last column: 3,500.00 sits under it, not under 上级补助收入
    assert row[-1] == "3,500.00"


def test_cjk_text_wrapped_inside_a_cell_is_joined_without_spaces(corpus):
    document = parse_file(corpus / "yunnan" / "yuxi_zuzhibu_2020_final.unruled-render.pdf", ParseOptions())
    flow = next(t for t in document.tables if t.code == "公开05表")
    names = [c for r in flow.rows for c in r.cells if c and "养老保险" in c]
    assert "机关事业单位基本养老保险缴费支出" in names


def test_merged_header_cells_are_none_and_empty_cells_are_empty_strings(corpus):
    document = parse_file(corpus / "yunnan" / "yuxi_zuzhibu_2020_final.spreadsheet-render.pdf", ParseOptions())
    table = next(t for t in document.tables if t.code == "公开04表")
    assert table.rows[0].cells[:3] == ["收入", None, None]
    empty_row = next(r.cells for r in table.rows if r.cells[1] == "4")
    assert empty_row[0] == "" and empty_row[2] == ""
