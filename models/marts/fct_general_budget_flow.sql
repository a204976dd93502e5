{{ config(**scoped_by('department_key')) }}
-- fct_general_budget_flow: 一般公共预算财政拨款 by function subject (公开05表; budgets print the
-- 本年支出 columns only): opening + income - expenditure = closing, yuan.
with

rows as (
    select * from {{ scoped_ref('stg_disclosure__budget_flow', 'document_id') }}
    where table_kind = 'general_budget_expenditure'
        and subject_code is not null
        and not is_repeated_over_page_break
),

first_printed as (
    {{ first_printed_in_preferred_document('rows', 'general_budget_expenditure', 'r.subject_code') }}
),

final as (
    select
        -- keys
        department_key,
        fiscal_year,
        report_kind,
        subject_code,
        row_label as subject_name_printed,
        -- amounts (yuan)
        opening_total_yuan as opening_yuan,
        income_total_yuan as income_yuan,
        expenditure_total_yuan as expenditure_yuan,
        expenditure_basic_yuan,
        expenditure_project_yuan,
        closing_total_yuan as closing_yuan,
        -- lineage
        document_id,
        table_kind,
        page_no,
        row_no
    from first_printed
)

select * from final
