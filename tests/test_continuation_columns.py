"""A table continued on the next page with other column widths is placed in the columns of its first
page by where each column starts (the Jiangsu summary tables; tests/test_jiangsu_transcriptions.py
checks the real document)."""

from __future__ import annotations

from ingest.tables import realigned

# the first page: 收入 名称 | 金额 | 功能 名称 | (merged) | 金额 | 用途 名称 | 金额
FIRST = [57.7, 112.6, 207.0, 266.8, 276.0, 355.2, 421.4]


def test_a_narrower_continuation_lands_in_the_first_pages_columns():
    # the next page drew five columns: its 用途 名称 column is gone and the 功能 名称 spans to 276
    rows = [["", "", "十八、住房保障支出", "1,512.23", ""], ["当年收入", "13,649.07", "当年支出小计", None, "13,649.07"]]
    placed = realigned(rows, [57.8, 112.6, 207.0, 276.0, 421.4], FIRST)
    assert placed[0] == ["", "", "十八、住房保障支出", None, "1,512.23", None, ""]
    assert placed[1] == ["当年收入", "13,649.07", "当年支出小计", None, None, None, "13,649.07"]


def test_a_continuation_shifted_on_its_page_is_aligned_by_its_left_edge():
    rows = [["十八、住房保障支出", "1,512.23"]]
    assert realigned(rows, [217.0, 286.0], [207.0, 276.0]) == rows  # the same columns, 10 pt to the right
    assert realigned([["a", "", "1.00"]], [67.7, 122.6, 286.0], FIRST) == [["a", "", None, None, "1.00", None, None]]


def test_a_column_that_carries_nothing_may_start_anywhere_but_a_figure_never_moves_by_guess():
    assert realigned([["收入合计", None, "13,649.07"]], [57.7, 192.4, 421.4], FIRST) == [
        ["收入合计", None, None, None, None, None, "13,649.07"]
    ]
    unplaceable = [["收入合计", "99.00", "13,649.07"]]
    assert realigned(unplaceable, [57.7, 192.4, 421.4], FIRST) == unplaceable
