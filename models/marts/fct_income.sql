-- fct_income: income by function subject (收入决算表 / 收入预算表), yuan, one row per department,
-- fiscal year, report kind and subject, from the preferred document of that department-year.
with

rows as (
    select * from {{ ref('stg_disclosure__income') }}
    where subject_code is not null
        and not is_repeated_over_page_break
),

preferred as (
    select * from {{ ref('int_documents__preferred') }}
    where table_kind = 'income' and preference = 1
),

joined as (
    select
        p.department_key,
        p.fiscal_year,
        p.report_kind,
        r.*,
        row_number() over (
            partition by p.department_key, p.fiscal_year, p.report_kind, r.subject_code order by r.table_seq, r.row_no
        ) as occurrence
    from rows as r
    inner join preferred as p using (document_id)
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
    from joined
    where occurrence = 1
)

select * from final
