"""The seed text (the founding document) lands every printed row and every amount."""

from __future__ import annotations

import re
from collections import Counter

from ingest.runner import run_batch
from tests.conftest import SEED_TEXT, amounts


def seed_amounts_by_table() -> dict[tuple[str, int], Counter]:
    """An independent reading of the seed: a 公开NN表 line starts a table's section."""
    sections: dict[tuple[str, int], Counter] = {}
    seen: Counter = Counter()
    key = None
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        code = re.fullmatch(r"\s*(公开\d\d表)\s*", line)
        if code:
            seen[code.group(1)] += 1
            key = (code.group(1), seen[code.group(1)])
            sections[key] = Counter()
        elif key and "\t" in line:
            sections[key] += amounts(line.split("\t"))
    return sections


def landed_amounts_by_table(con) -> dict[tuple[str, int], Counter]:
    rows = con.execute(
        "select table_code, table_seq, cells from raw.table_rows order by table_seq, row_no"
    ).fetchall()
    order: dict[int, tuple[str, int]] = {}
    seen: Counter = Counter()
    out: dict[tuple[str, int], Counter] = {}
    for code, seq, cells in rows:
        if seq not in order:
            seen[code] += 1
            order[seq] = (code, seen[code])
            out[order[seq]] = Counter()
        out[order[seq]] += amounts(cells)
    return out


def test_seed_lands_twelve_table_codes_and_eight_project_tables(tmp_path, read_db):
    db = tmp_path / "w.duckdb"
    summary = run_batch([SEED_TEXT], db)
    assert summary.exit_code == 0 and len(summary.landed) == 1
    con = read_db(db)
    codes = con.execute(
        "select table_code, count(distinct table_seq) from raw.table_rows where table_code is not null group by 1 order by 1"
    ).fetchall()
    assert [c for c, _ in codes] == [f"公开{n:02d}表" for n in range(1, 13)]
    assert dict(codes)["公开12表"] == 8
    document = con.execute(
        "select department_raw, fiscal_year, report_kind, source_format from raw.documents"
    ).fetchone()
    assert document == ("中国共产党玉溪市委员会组织部", 2020, "final_accounts", "txt")


def test_every_amount_printed_in_the_seed_lands_in_its_table(tmp_path, read_db):
    db = tmp_path / "w.duckdb"
    run_batch([SEED_TEXT], db)
    expected = seed_amounts_by_table()
    landed = landed_amounts_by_table(read_db(db))
    assert sum(sum(c.values()) for c in expected.values()) == 349  # every 2-decimal figure the seed prints
    assert landed == expected


def test_repeated_header_across_the_12_page_break_is_dropped_but_the_repeated_row_is_kept(tmp_path, read_db):
    db = tmp_path / "w.duckdb"
    run_batch([SEED_TEXT], db)
    con = read_db(db)
    talent = con.execute(
        """
        select list(cells) from raw.table_rows
        where table_seq = (select min(table_seq) from raw.table_rows where table_code = '公开12表')
        """
    ).fetchone()[0]
    headers = [c for c in talent if c and c[0] == "绩效指标"]
    repeated = [c for c in talent if "建立市级人力资源产业园数量" in c]
    assert len(headers) == 1, "the indicator header printed again after the page break is not a row"
    assert len(repeated) == 2, "the data row printed again lands as printed; staging removes it"


def test_merged_and_empty_cells_and_lineage(tmp_path, read_db):
    db = tmp_path / "w.duckdb"
    run_batch([SEED_TEXT], db)
    con = read_db(db)
    row = con.execute(
        """
        select table_title, unit_raw, page_no, row_no, cells from raw.table_rows
        where table_code = '公开03表' and cells[1] = '2013201'
        """
    ).fetchone()
    title, unit, page_no, row_no, cells = row
    assert (title, unit, page_no) == ("支出决算表", "金额单位：元", 1)
    assert row_no > 4 and cells[:6] == ["2013201", "", "行政运行", "13,541,586.35", "12,557,011.85", "984,574.50"]
