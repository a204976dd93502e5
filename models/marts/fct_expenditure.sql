-- fct_expenditure: expenditure by function subject (支出决算表 / 支出预算表), yuan, one row per
-- department, fiscal year, report kind and subject.
with

rows as (
    select * from {{ ref('stg_disclosure__expenditure') }}
    where subject_code is not null
        and not is_repeated_over_page_break
),

preferred as (
    select * from {{ ref('int_documents__preferred') }}
    where table_kind = 'expenditure' and preference = 1
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
    from joined
    where occurrence = 1
)

select * from final
