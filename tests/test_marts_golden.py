"""Golden figures: what the seed and the Shanghai final accounts print, through a real dbt build
of the whole corpus (all provinces, both kinds)."""

from __future__ import annotations

from decimal import Decimal as D

SEED = "(select document_id from raw.documents where source_name = '000_0b9bbb1dcd80bfa1.txt')"


def one(con, sql, params=None):
    rows = con.execute(sql, params or []).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_seed_expenditure_of_2013201(corpus_built, read_db):
    con = read_db(corpus_built)
    row = one(con, """
        select f.total_yuan, f.basic_yuan, f.project_yuan, f.fiscal_year, f.report_kind, f.table_kind, f.page_no, f.row_no,
               d.source_name
        from marts.fct_expenditure f join raw.documents d using (document_id)
        join marts.dim_department dep using (department_key)
        where dep.department_name = '中国共产党玉溪市委员会组织部' and f.subject_code = '2013201'
    """)
    assert row[:6] == (D("13541586.35"), D("12557011.85"), D("984574.50"), 2020, "final_accounts", "expenditure")
    assert row[8] == "000_0b9bbb1dcd80bfa1.txt", "the text rendering is the preferred document"
    cells = one(con, f"select cells from raw.table_rows where document_id in {SEED} and table_kind = 'expenditure' and row_no = ?", [row[7]])[0]
    assert cells[0] == "2013201" and "13,541,586.35" in cells, "lineage leads back to the printed row"


def test_seed_income_economic_and_projects(corpus_built, read_db):
    con = read_db(corpus_built)
    assert one(con, f"select other_yuan, total_yuan from marts.fct_income where document_id in {SEED} and subject_code = '2013202'") == (
        D("3500.00"), D("48585595.00"))
    assert one(con, f"select amount_yuan, subject_name from marts.fct_basic_expenditure_economic where document_id in {SEED} and economic_code = '30217'") == (
        D("91254.00"), "公务接待费")
    project = one(con, f"""
        select budget_full_year_yuan, executed_yuan, execution_rate, score
        from marts.fct_project_performance where document_id in {SEED} and project_name = '市人才发展专项资金'
    """)
    assert project == (D("30000000.00"), D("29906000.00"), D("99.69"), D("9.97"))
    assert one(con, f"select count(*) from marts.fct_project_performance where document_id in {SEED}") == (8,)


def test_seed_general_budget_flow_and_three_public_costs(corpus_built, read_db):
    con = read_db(corpus_built)
    assert one(con, f"""
        select opening_yuan, income_yuan, expenditure_yuan, closing_yuan from marts.fct_general_budget_flow
        where document_id in {SEED} and subject_code = '2013202'
    """) == (D("531561.30"), D("48582095.00"), D("47592204.69"), D("1521451.61"))
    costs = dict(
        (item, (budget, actual)) for item, budget, actual in con.execute(
            f"select item, budget_yuan, actual_yuan from marts.fct_three_public_costs where document_id in {SEED}"
        ).fetchall()
    )
    # the 预算数 column is printed in 万元 under a 元 header: kept as printed, reported by unit_slip
    assert costs["total"] == (D("44.31"), D("112985.10"))
    assert costs["reception"] == (D("35.00"), D("91254.00"))
    assert costs["office_operation"] == (None, D("3840304.93"))


def test_one_department_key_for_the_seeds_two_spellings(corpus_built, read_db):
    con = read_db(corpus_built)
    department = one(con, "select department_key, region, aliases from marts.dim_department where department_name = '中国共产党玉溪市委员会组织部'")
    assert department[1] == "玉溪市"
    assert {"中国共产党玉溪市委员会组织部", "中国共产党玉溪市委委员会组织部"} <= set(department[2])
    assert one(con, "select count(distinct department_key) from marts.fct_expenditure f join raw.documents d using (document_id) where d.source_name like 'yuxi%' or d.source_name like '000%'") == (1,)


def test_shanghai_final_accounts_in_yuan(corpus_built, read_db):
    con = read_db(corpus_built)
    shanghai = "(select document_id from raw.documents where source_name = 'sh_putuo_caizhengju_2024_final.pdf')"
    assert one(con, f"select amount_yuan from staging.stg_disclosure__summary_lines where document_id in {shanghai} and line_role = 'expenditure_total' and table_kind = 'income_expenditure_summary'") == (D("29400500.00"),)
    assert one(con, f"select total_yuan, basic_yuan, project_yuan from staging.stg_disclosure__expenditure where document_id in {shanghai} and row_label = '合计'") == (
        D("29400500.00"), D("23369100.00"), D("6031400.00"))
    assert one(con, f"select total_yuan from marts.fct_expenditure where document_id in {shanghai} and subject_code = '2010601'") == (D("15118900.00"),)
    assert one(con, "select region from marts.dim_department where department_name = '上海市普陀区财政局'") == ("上海市普陀区",)


def test_budgets_land_as_facts_with_their_kind(corpus_built, read_db):
    con = read_db(corpus_built)
    rows = dict(con.execute("""
        select d.department_name || ' ' || f.fiscal_year, sum(f.total_yuan) filter (where length(f.subject_code) = 3)
        from marts.fct_expenditure f join marts.dim_department d using (department_key)
        where f.report_kind = 'budget' group by all
    """).fetchall())
    assert rows["上海市普陀区人民政府万里街道办事处 2024"] == D("156211123.00")
    assert rows["上海市普陀区人民政府万里街道办事处 2025"] == D("189767551.00")
    assert rows["上海市普陀区人民政府办公室 2025"] == D("91016775.35")
    jiangsu = one(con, """
        select sum(expenditure_yuan) from marts.fct_general_budget_flow f join marts.dim_department d using (department_key)
        where d.department_name = '中共江苏省委办公厅' and f.fiscal_year = 2019 and length(subject_code) = 3
    """)
    assert jiangsu == (D("276642200.00"),)  # 27,664.22万元, as the third-party transcription says


def test_every_landed_amount_is_in_exactly_one_staging_row_or_reject(corpus_built, read_db):
    con = read_db(corpus_built)
    landed = one(con, """
        select count(*) from (
            select r.table_kind, unnest(r.cells) as cell from raw.table_rows r
            where coalesce(r.table_kind, '') not in ('narrative', 'performance_narrative')
        ) where regexp_full_match(trim(cell), '-?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\\.[0-9]{1,2}|[0-9]{1,3}(,[0-9]{3})+)')
    """)[0]
    cells = one(con, "select count(*), count(distinct (document_id, table_seq, row_no, column_index)) from staging.stg_disclosure__amount_cells")
    assert cells[0] == cells[1]
    wide = 0
    for model in ["stg_disclosure__income", "stg_disclosure__expenditure", "stg_disclosure__budget_flow"]:
        columns = [c for (c,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'staging' and table_name = ? and column_name like '%_printed'",
            [model]).fetchall()]
        wide += one(con, f"select {' + '.join(f'count({c})' for c in columns)} from staging.{model}")[0]
    long = sum(one(con, f"select count(*) from staging.{m}")[0] for m in [
        "stg_disclosure__basic_economic", "stg_disclosure__summary_lines", "stg_disclosure__three_public_costs",
        "stg_disclosure__project_performance", "stg_disclosure__unmapped_amounts", "stg_disclosure__amount_rejects",
    ])
    assert wide + long == cells[0], "every amount cell is held by exactly one staging row"
    money_in_cells = one(con, """
        select count(*) from staging.stg_disclosure__amount_cells
        where regexp_full_match(trim(printed), '-?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\\.[0-9]{1,2}|[0-9]{1,3}(,[0-9]{3})+)')
            and coalesce(table_kind, '') not in ('narrative', 'performance_narrative')
    """)[0]
    assert money_in_cells == landed, "every money figure printed in a table is an amount cell"


def test_dbt_docs_generate_describes_every_mart_and_its_typed_columns(corpus_built):
    """`dbt docs generate` works on the built warehouse, and the catalogue it writes carries the
    descriptions persist_docs put on the tables and the exact decimal types."""
    import json

    from budgetwh.build import dbt_target_dir, run_dbt

    result = run_dbt(["docs", "generate"], corpus_built)
    assert result.ok, "\n".join(result.failures()[:20]) or result.output[-2000:]
    target = dbt_target_dir(corpus_built)
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))["nodes"]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    marts = {k: n for k, n in manifest.items() if n["resource_type"] == "model" and n["schema"] == "marts"}
    assert {"model.budgetwh.fct_expenditure", "model.budgetwh.mart_budget_execution"} <= set(marts)
    for unique_id, node in marts.items():
        assert node["description"], unique_id
        assert node["columns"] and all(c["description"] for c in node["columns"].values()), unique_id
    expenditure = catalog["model.budgetwh.fct_expenditure"]
    assert expenditure["metadata"]["comment"], "persist_docs wrote the model's description to the table"
    assert expenditure["columns"]["total_yuan"]["type"] == "DECIMAL(18,2)"
    assert expenditure["columns"]["total_yuan"]["comment"]
