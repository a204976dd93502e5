"""The accounting identities on real documents: the seed's exact findings, Shanghai's published
accounts passing, and the identity catalogue covering every check."""

from __future__ import annotations

from decimal import Decimal as D

SEED = "(select document_id from raw.documents where source_name = '000_0b9bbb1dcd80bfa1.txt')"


def findings(con, documents: str):
    return con.execute(f"""
        select identity, severity, line_label, expected_yuan, actual_yuan
        from audit.identity_residuals where document_id in {documents} and (not passed or is_rounding_note)
        order by identity
    """).fetchall()


def test_the_seed_has_exactly_its_known_findings(corpus_built, read_db):
    con = read_db(corpus_built)
    found = findings(con, SEED)
    assert [(f[0], f[1]) for f in found] == [
        ("duplicate_economic_code", "info"),          # 30399 printed twice in 公开06表
        ("narrative_figure_matches_table", "warning"),  # 项目支出收入4901.56元: 万元 was meant
        ("unit_slip", "warning"),                      # 公开09表 预算数 in 万元 under a 元 header
    ]
    narrative = next(f for f in found if f[0] == "narrative_figure_matches_table")
    assert narrative[3:] == (D("49015595.00"), D("4901.56"))
    slip = next(f for f in found if f[0] == "unit_slip")
    assert slip[3:] == (D("112985.10"), D("44.31"))


def test_every_identity_that_applies_to_the_seed_is_checked_and_passes(corpus_built, read_db):
    con = read_db(corpus_built)
    checked = dict(con.execute(f"""
        select identity, count(*) from audit.identity_residuals where document_id in {SEED} group by 1
    """).fetchall())
    applicable = {
        "income_total_equals_sources", "expenditure_total_equals_parts", "flow_block_total_equals_parts",
        "flow_row_balance", "hierarchy_lei_equals_sum_of_kuan", "hierarchy_kuan_equals_sum_of_xiang",
        "hierarchy_total_equals_sum_of_lei", "economic_lei_equals_sum_of_kuan", "economic_personnel_total",
        "economic_public_total", "summary_income_total_equals_lines", "summary_expenditure_total_equals_lines",
        "summary_grand_totals_balance", "appropriation_income_total_equals_lines", "appropriation_grand_totals_balance",
        "summary_expenditure_by_lei_matches_expenditure_table", "summary_income_total_matches_income_table",
        "summary_expenditure_total_matches_expenditure_table", "appropriation_by_lei_matches_flow_table",
        "appropriation_income_matches_flow_income", "economic_basic_total_matches_flow_basic",
        "three_public_office_costs_match_economic", "three_public_reception_matches_economic",
        "three_public_vehicle_matches_economic", "project_execution_rate", "project_score", "non_fiscal_flow_balance",
        "narrative_figure_matches_table", "unit_slip", "execution_above_100_percent", "negative_amount",
        "required_table_missing", "empty_table_without_sentence", "duplicate_economic_code",
    }
    assert applicable <= set(checked), applicable - set(checked)
    assert sum(checked.values()) >= 250
    assert checked["project_execution_rate"] == 8 and checked["project_score"] == 8
    # the narrative's other figures agree with the tables at 万元 rounding
    agreeing = {row[0] for row in con.execute(f"""
        select line_label from audit.identity_residuals
        where document_id in {SEED} and identity = 'narrative_figure_matches_table' and passed
    """).fetchall()}
    for figure in ["6441.93万元", "1540.37万元", "152.47万元", "44.31万元", "11.30万元"]:
        assert any(figure in label for label in agreeing), figure


def test_non_fiscal_flow_of_the_seed(corpus_built, read_db):
    con = read_db(corpus_built)
    row = con.execute(f"""
        select expected_yuan, actual_yuan, passed from audit.identity_residuals
        where document_id in {SEED} and identity = 'non_fiscal_flow_balance'
    """).fetchone()
    # 14,303.20 + 3,500.00 - 14,550.00 against the closing non-fiscal balance 1,524,704.81 - 1,521,451.61
    assert row == (D("3253.20"), D("3253.20"), True)


def test_shanghai_final_accounts_pass_with_rounding_notes_and_one_real_narrative_slip(corpus_built, read_db):
    con = read_db(corpus_built)
    shanghai = "(select document_id from raw.documents where source_name = 'sh_putuo_caizhengju_2024_final.pdf')"
    # 情况说明 四: "2024年度财政拨款收入支出总计0.3万元" — 公开04表 prints 总计 2,961.68万元: a real misprint
    assert [f for f in findings(con, shanghai) if f[1] != "info"] == [
        ("narrative_figure_matches_table", "warning", "appropriation_grand_total_income_side: 0.3万元",
         D("29616800.00"), D("3000.00")),
    ]
    notes = con.execute(f"""
        select max(abs(difference_yuan)), count(*) from audit.identity_residuals
        where document_id in {shanghai} and is_rounding_note
    """).fetchone()
    # published in 万元 to two decimals: sums of rounded figures differ by 0.01-0.02万元
    assert notes[0] <= D("200.00") and notes[1] > 0
    checked = con.execute(f"select count(distinct identity) from audit.identity_residuals where document_id in {shanghai}").fetchone()[0]
    assert checked >= 20


def test_quality_mart_lists_the_failed_identities(corpus_built, read_db):
    con = read_db(corpus_built)
    row = con.execute("""
        select identities_checked, identities_failed, errors, warnings, failed_identities
        from marts.mart_disclosure_quality q join marts.dim_department d using (department_key)
        where d.department_name = '中国共产党玉溪市委员会组织部' and q.fiscal_year = 2020
    """).fetchone()
    assert row[2] == 0 and row[3] >= 2
    assert {"unit_slip", "narrative_figure_matches_table"} <= set(row[4])


def test_identity_results_hold_each_documents_latest_findings_as_its_latest_run(corpus_built, read_db):
    con = read_db(corpus_built)
    columns = "document_id, identity, table_kind, subject_code, line_label, column_name, expected_yuan, actual_yuan, passed"
    latest = f"""
        select {columns} from audit.identity_results
        qualify run_at = max(run_at) over (partition by document_id)
    """
    current = f"select {columns} from audit.identity_residuals"
    counts = con.execute(f"select (select count(*) from ({latest})), (select count(*) from ({current}))").fetchone()
    assert counts[0] == counts[1] > 1000
    assert con.execute(f"select count(*) from ({latest} except all {current})").fetchone()[0] == 0
    documents = con.execute("select count(distinct document_id) from audit.identity_results").fetchone()[0]
    assert documents == con.execute("select count(distinct document_id) from audit.identity_residuals").fetchone()[0]


def test_an_empty_fund_table_passes_when_its_department_year_says_it_has_none(corpus_built, read_db):
    # Jiangsu prints the empty 政府性基金 table bare and says so in the 情况说明, in the same PDF
    # (a heading, then 无) or in a separate narrative PDF (本部门无此项支出, …支出0万元)
    con = read_db(corpus_built)
    checked = dict(con.execute("""
        select d.source_name, bool_and(r.passed)
        from audit.identity_residuals as r inner join raw.documents as d using (document_id)
        where r.identity = 'empty_table_without_sentence' and d.source_name like '江苏%'
        group by 1
    """).fetchall())
    assert len(checked) >= 6 and all(checked.values()), checked
    for name in ["江苏省人大办公厅__江苏省人大办公厅2017年度预算公开.pdf", "江苏省委办公厅__江苏省委办公厅2017年预算公开表格.pdf",
                 "江苏省人大办公厅__江苏省人大常委会办公厅2019年部门预算公开表.pdf"]:
        assert checked[name], name


def test_an_empty_fund_table_without_its_sentence_is_a_finding(tmp_path):
    from budgetwh.build import dbt_build
    from ingest.runner import run_batch
    from tests.conftest import SEED_TEXT

    # the seed with its 公开07表 sentence (此表为空，…) taken out, and nothing else saying the fund is empty
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines(keepends=True)
    sentence = next(i for i, line in enumerate(lines) if line.startswith("此表为空"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed-without-07-sentence.txt").write_text("".join(lines[:sentence] + lines[sentence + 1:]), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert run_batch([tmp_path / "in"], db, jobs=1).exit_code == 0
    assert dbt_build(db).ok
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        found = dict(con.execute("""
            select table_kind, passed from audit.identity_residuals where identity = 'empty_table_without_sentence'
        """).fetchall())
    assert found == {"government_fund": False, "state_capital": True}
