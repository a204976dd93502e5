{{ config(**scoped_by('department_key')) }}
-- mart_budget_execution: where a department-year has both a budget and final accounts, the budget
-- against the final figure per function subject, and per “三公” line (公开09表 prints both).
with

budgets as (
    select department_key, fiscal_year, subject_code, total_yuan from {{ scoped_ref('fct_expenditure', 'department_key') }}
    where report_kind = 'budget'
),

finals as (
    select department_key, fiscal_year, subject_code, total_yuan, document_id from {{ scoped_ref('fct_expenditure', 'department_key') }}
    where report_kind = 'final_accounts'
),

both_kinds as (
    select distinct b.department_key, b.fiscal_year
    from budgets as b
    inner join finals as f using (department_key, fiscal_year)
),

subject_keys as (
    select department_key, fiscal_year, subject_code from budgets
    union
    select department_key, fiscal_year, subject_code from finals
),

subjects as (
    -- a subject budgeted and not spent, or spent without a budget line, is kept
    select
        k.department_key,
        k.fiscal_year,
        'function_subject' as line_kind,
        s.subject_code,
        cast(null as string) as item,
        b.total_yuan as budget_yuan,
        f.total_yuan as final_yuan,
        f.document_id
    from both_kinds as k
    inner join subject_keys as s using (department_key, fiscal_year)
    left join budgets as b using (department_key, fiscal_year, subject_code)
    left join finals as f using (department_key, fiscal_year, subject_code)
),

three_public as (
    -- the final accounts' 09 prints the year's budget beside the actual
    select
        department_key,
        fiscal_year,
        'three_public_cost' as line_kind,
        cast(null as string) as subject_code,
        item,
        budget_yuan,
        actual_yuan as final_yuan,
        document_id
    from {{ scoped_ref('fct_three_public_costs', 'department_key') }}
    where report_kind = 'final_accounts' and (budget_yuan is not null or actual_yuan is not null)
),

combined as (
    select * from subjects
    union all
    select * from three_public
)

select
    department_key,
    fiscal_year,
    line_kind,
    subject_code,
    item,
    budget_yuan,
    final_yuan,
    case when budget_yuan is null or budget_yuan = 0 then null
        else cast({{ round_ratio(ratio('coalesce(final_yuan, 0)', 'budget_yuan') ~ ' * 100', 2) }} as decimal(12, 2)) end as execution_rate,
    document_id
from combined
