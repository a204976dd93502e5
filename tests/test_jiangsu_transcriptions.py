"""The Jiangsu summary tables against a third party's transcriptions (`jiangsu/*__收支预算总表.csv`,
万元): every transcribed figure is a line of our 收支预算总表 with that amount, to the fen — including
the lines printed on a continuation page drawn with other column widths (7 columns on the first page,
5 on the next) — and the summary's balances hold for every Jiangsu document."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest


def _transcriptions(corpus):
    for path in sorted((corpus / "jiangsu").glob("*__收支预算总表.csv")):
        prefix = path.name.split("__")[0]
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                year = int(row[""][:4])
                for name, value in row.items():
                    if name and value.strip():
                        yield prefix, year, name, Decimal(value) * 10000


def test_every_transcribed_summary_figure_is_a_line_of_the_summary_table(corpus, corpus_built, read_db):
    con = read_db(corpus_built)
    expected = list(_transcriptions(corpus))
    assert len(expected) >= 70 and {p for p, *_ in expected} == {"江苏省人大办公厅", "江苏省委办公厅"}
    missing = []
    for prefix, year, name, amount in expected:
        printed = con.execute("""
            select s.line_name, s.amount_yuan
            from staging.stg_disclosure__summary_lines as s
            inner join raw.documents as d using (document_id)
            inner join intermediate.int_documents__departments as i using (document_id)
            where d.source_name like ? and i.fiscal_year = ? and s.table_kind = 'income_expenditure_summary'
        """, [prefix + "__%", year]).fetchall()
        # a label cut by a page break ('社会保障和就' | '业支出') or printed shorter ('当年收入' for 当年收入小计)
        same_line = [a for line, a in printed if line and (line == name or (len(line) >= 4 and name.startswith(line)))]
        if amount not in same_line:
            missing.append((prefix, year, name, amount, same_line))
    assert not missing, missing


@pytest.mark.parametrize("identity", ["summary_income_total_equals_lines", "summary_expenditure_total_equals_lines"])
def test_the_jiangsu_summaries_balance(corpus_built, read_db, identity):
    con = read_db(corpus_built)
    checked = con.execute("""
        select d.source_name, r.passed, r.expected_yuan, r.actual_yuan
        from audit.identity_residuals as r inner join raw.documents as d using (document_id)
        where d.source_name like '江苏%' and r.identity = ?
    """, [identity]).fetchall()
    assert len(checked) >= 6
    assert all(passed for _, passed, _, _ in checked), [c for c in checked if not c[1]]
    # the 2017 人大 budget: income printed as 一、财政拨款 with its sub-line 1. 一般公共预算, and 当年收入
    assert ("江苏省人大办公厅__江苏省人大办公厅2017年度预算公开.pdf", True, Decimal("136490700.00"), Decimal("136490700.00")) in checked
