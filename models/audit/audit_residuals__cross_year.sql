{{ config(**scoped_by('document_id')) }}
-- audit_residuals__cross_year: a department's closing balance of year Y is its opening balance of
-- year Y+1 (final accounts; 05 一般公共预算 and 01 all funds), checked on the later document.
with

figures as (
    select f.document_id, f.figure, f.amount_yuan, p.department_key, p.fiscal_year
    from {{ scoped_ref('audit_document_figures', 'document_id') }} as f
    inner join {{ scoped_ref('int_documents__preferred', 'document_id') }} as p
        on p.document_id = f.document_id and p.preference = 1 and p.report_kind = 'final_accounts'
        and p.table_kind = case when f.figure like 'flow_%' then 'general_budget_expenditure' else 'income_expenditure_summary' end
    where f.figure in ('flow_opening_total', 'flow_closing_total', 'summary_opening_balance', 'summary_closing_balance')
),

pairs as (
    select
        later.document_id,
        case when later.figure = 'flow_opening_total' then 'closing_equals_next_opening' else 'summary_closing_equals_next_opening' end as identity,
        case when later.figure = 'flow_opening_total' then 'general_budget_expenditure' else 'income_expenditure_summary' end as table_kind,
        cast(null as string) as subject_code,
        (later.fiscal_year - 1) || '年末结转和结余 = ' || later.fiscal_year || '年初结转和结余' as line_label,
        'opening' as column_name,
        coalesce(earlier.amount_yuan, 0) as expected_yuan,
        coalesce(later.amount_yuan, 0) as actual_yuan
    from figures as later
    inner join figures as earlier
        on earlier.department_key = later.department_key
        and earlier.fiscal_year = later.fiscal_year - 1
        and earlier.figure = replace(replace(later.figure, 'opening_total', 'closing_total'), 'opening_balance', 'closing_balance')
    where later.figure in ('flow_opening_total', 'summary_opening_balance')
),

output as (
    select distinct * from pairs
)

select *, cast(null as bigint) as terms from output
