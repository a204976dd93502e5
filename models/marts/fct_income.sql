{{ config(**scoped_by('department_key')) }}
-- fct_income: income by function subject (收入决算表 / 收入预算表), yuan, one row per department,
-- fiscal year, report kind and subject, from the preferred document of that department-year.
with

rows as (
    select * from {{ scoped_ref('stg_disclosure__income', 'document_id') }}
    where subject_code is not null
        and not is_repeated_over_page_break
),

first_printed as (
    {{ first_printed_in_preferred_document('rows', 'income', 'r.subject_code') }}
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
        coalesce(total_yuan, amount_yuan) as total_yuan,
        fiscal_appropriation_yuan,
        superior_subsidy_yuan,
        business_yuan,
        business_tuition_yuan,
        operating_yuan,
        affiliated_remit_yuan,
        other_yuan,
        -- lineage
        document_id,
        'income' as table_kind,
        page_no,
        row_no
    from first_printed
)

select * from final
