{{ config(**scoped_by('department_key')) }}
-- fct_project_performance: 项目支出绩效自评表 (公开12表), one row per project: its year's budget,
-- what was executed (yuan; printed in 万元), the execution rate (%) and the score.
with

figures as (
    select * from {{ scoped_ref('stg_disclosure__project_performance', 'document_id') }}
    where fund_line = '年度资金总额'
),

preferred as (
    select * from {{ scoped_ref('int_documents__preferred', 'document_id') }}
    where table_kind = 'project_performance' and preference = 1
),

projects as (
    select
        p.department_key,
        p.fiscal_year,
        p.report_kind,
        f.document_id,
        f.table_seq,
        f.project_name,
        max(case when f.column_name = 'budget_initial' then f.value_yuan end) as budget_initial_yuan,
        max(case when f.column_name = 'budget_full_year' then f.value_yuan end) as budget_full_year_yuan,
        max(case when f.column_name = 'executed' then f.value_yuan end) as executed_yuan,
        max(case when f.column_name = 'weight' then f.value end) as weight,
        max(case when f.column_name = 'execution_rate' then f.value end) as execution_rate,
        max(case when f.column_name = 'score' then f.value end) as score,
        min(f.page_no) as page_no,
        min(f.row_no) as row_no
    from figures as f
    inner join preferred as p using (document_id)
    group by all
),

final as (
    select
        -- keys
        department_key,
        fiscal_year,
        report_kind,
        project_name,
        -- amounts (yuan) and ratios
        budget_initial_yuan,
        budget_full_year_yuan,
        executed_yuan,
        cast(execution_rate as decimal(9, 2)) as execution_rate,
        cast(weight as decimal(9, 2)) as weight,
        cast(score as decimal(9, 2)) as score,
        -- lineage
        document_id,
        'project_performance' as table_kind,
        table_seq,
        page_no,
        row_no
    from projects
)

select * from final
