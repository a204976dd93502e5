{{ config(**scoped_by('department_key')) }}
-- fct_expenditure: expenditure by function subject (支出决算表 / 支出预算表), yuan, one row per
-- department, fiscal year, report kind and subject.
with

rows as (
    select * from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where subject_code is not null
        and not is_repeated_over_page_break
),

first_printed as (
    {{ first_printed_in_preferred_document('rows', 'expenditure', 'r.subject_code') }}
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
        total_yuan,
        basic_yuan,
        project_yuan,
        remit_superior_yuan,
        operating_yuan,
        affiliated_subsidy_yuan,
        -- lineage
        document_id,
        'expenditure' as table_kind,
        page_no,
        row_no
    from first_printed
)

select * from final
