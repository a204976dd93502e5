"""The real corpus of three provinces: what lands, what is rejected, and why."""

from __future__ import annotations

from pathlib import Path


def test_whole_corpus_lands_every_real_document_and_rejects_exactly_the_bad_ones(corpus_warehouse, corpus, read_db):
    db, summary = corpus_warehouse
    bad = sorted(p.name for p in (corpus / "bad").iterdir())
    assert sorted(r.source_name for r in summary.rejected) == bad
    real = sorted(
        p.name for p in corpus.rglob("*") if p.suffix.lower() in {".pdf", ".txt", ".xlsx"} and "bad" not in p.parts
    )
    assert sorted(Path(p).name for p in summary.landed) == real
    assert summary.exit_code == 1
    con = read_db(db)
    kinds = dict(con.execute("select error_kind, count(*) from raw.ingest_errors group by 1").fetchall())
    assert kinds == {
        "empty_file": 1, "not_a_pdf": 1, "truncated_pdf": 1, "encrypted_pdf": 1,
        "image_only_pdf": 1, "blank_pdf": 1, "no_pages": 1,
    }
    messages = dict(con.execute("select source_name, message from raw.ingest_errors").fetchall())
    assert "password" in messages["encrypted_userpw_aes256.pdf"]
    assert "OCR" in messages["scanned_image_only.pdf"]
    assert "HTML" in messages["html_saved_as.pdf"]


def test_shanghai_final_accounts_land_all_nine_tables_and_none_from_the_table_of_contents(corpus_warehouse, read_db):
    db, _ = corpus_warehouse
    con = read_db(db)
    tables = con.execute(
        """
        select table_kind, table_title, min(page_no) from raw.table_rows r join raw.documents d using (document_id)
        where d.source_name = 'sh_putuo_caizhengju_2024_final.pdf' and table_kind is not null and table_kind <> 'narrative'
        group by table_seq, table_kind, table_title order by table_seq
        """
    ).fetchall()
    assert [k for k, _, _ in tables] == [
        "income_expenditure_summary", "income", "expenditure", "fiscal_appropriation_summary",
        "general_budget_expenditure", "general_budget_basic_economic", "three_public_costs",
        "government_fund", "state_capital",
    ]
    assert min(page for _, _, page in tables) >= 6, "the 目录 on page 2 lists titles but holds no table"
    document = con.execute(
        "select department_raw, fiscal_year, report_kind from raw.documents where source_name = 'sh_putuo_caizhengju_2024_final.pdf'"
    ).fetchone()
    assert document == ("上海市普陀区财政局", 2024, "final_accounts")
    summary_rows = con.execute(
        """
        select cells from raw.table_rows r join raw.documents d using (document_id)
        where d.source_name = 'sh_putuo_caizhengju_2024_final.pdf' and table_kind = 'income_expenditure_summary'
        """
    ).fetchall()
    printed = [c for (cells,) in summary_rows for c in cells]
    for figure in ["2,946.25", "2,940.05", "49.14", "55.34", "2,995.39"]:
        assert figure in printed


def test_narrative_is_kept_as_text_rows(corpus_warehouse, read_db):
    db, _ = corpus_warehouse
    con = read_db(db)
    text = con.execute(
        """
        select string_agg(cells[1], '') from raw.table_rows r join raw.documents d using (document_id)
        where d.source_name = 'sh_putuo_caizhengju_2024_final.pdf' and table_kind = 'narrative'
        """
    ).fetchone()[0]
    assert "本年收入合计2946.25万元" in text


def test_budgets_land_with_report_kind_budget_and_their_year(corpus_warehouse, read_db):
    db, _ = corpus_warehouse
    con = read_db(db)
    documents = {
        name: (kind, year)
        for name, kind, year in con.execute("select source_name, report_kind, fiscal_year from raw.documents").fetchall()
    }
    expected = {
        "sh_putuo_wanli_jiedao_2024_budget.pdf": 2024,
        "sh_putuo_wanli_jiedao_2025_budget.pdf": 2025,
        "sh_putuo_zhengfuban_2025_dept_budget.pdf": 2025,
        "江苏省委办公厅__江苏省委办公厅2017年预算公开表格.pdf": 2017,
        "江苏省委办公厅__江苏省委办公厅2018年度部门预算公开表.pdf": 2018,
        "江苏省委办公厅__江苏省委办公厅2019年度部门预算公开表格.pdf": 2019,
        "江苏省人大办公厅__江苏省人大常委会办公厅2019年部门预算公开表.pdf": 2019,
        "江苏省人大办公厅__省人大办公厅2018预算公开.pdf": 2018,
    }
    for name, year in expected.items():
        assert documents[name] == ("budget", year), name
    kinds = {
        row[0] for row in con.execute(
            """
            select distinct table_kind from raw.table_rows r join raw.documents d using (document_id)
            where d.source_name = '江苏省委办公厅__江苏省委办公厅2019年度部门预算公开表格.pdf'
            """
        ).fetchall()
    }
    assert {"income_expenditure_summary", "income", "expenditure", "general_budget_expenditure",
            "general_budget_basic_economic", "three_public_costs"} <= kinds


def test_jiangsu_summary_table_matches_the_third_party_transcription(corpus_warehouse, read_db):
    db, _ = corpus_warehouse
    con = read_db(db)
    for source, total in [
        ("江苏省委办公厅__江苏省委办公厅2019年度部门预算公开表格.pdf", "27,664.22"),
        ("江苏省人大办公厅__江苏省人大常委会办公厅2019年部门预算公开表.pdf", "18,330.37"),
    ]:
        row = con.execute(
            """
            select cells from raw.table_rows r join raw.documents d using (document_id)
            where d.source_name = ? and table_kind = 'income_expenditure_summary' and cells[1] = '收入合计'
            """,
            [source],
        ).fetchone()
        assert row is not None and row[0][1] == total
