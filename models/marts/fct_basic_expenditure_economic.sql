{{ config(**scoped_by('department_key')) }}
-- fct_basic_expenditure_economic: 一般公共预算财政拨款基本支出 by economic subject (公开06表), yuan.
-- The subject's name is the one in force that year (2017's 30311 is 住房公积金, later 代缴社会保险费).
with

lines as (
    select * from {{ scoped_ref('stg_disclosure__basic_economic', 'document_id') }}
    where table_kind = 'general_budget_basic_economic'
        and economic_code is not null
        and column_name = 'amount'
        and not is_repeated_over_page_break
),

subjects as (
    select * from {{ ref('economic_subjects') }}
),

first_printed as (
    {{ first_printed_in_preferred_document('lines', 'general_budget_basic_economic', 'r.economic_code',
                                          order_by='r.table_seq, r.row_no, r.column_index') }}
),

final as (
    select
        -- keys
        f.department_key,
        f.fiscal_year,
        f.report_kind,
        f.economic_code,
        s.subject_name,
        f.row_label as subject_name_printed,
        -- amounts (yuan)
        f.amount_yuan,
        -- lineage
        f.document_id,
        f.table_kind,
        f.page_no,
        f.row_no
    -- 06 prints a code twice now and then (the seed's 30399): the first line is the fact, both stay in staging
    from first_printed as f
    left join subjects as s
        on s.economic_code = f.economic_code
        and f.fiscal_year between coalesce(s.valid_from_year, 0) and coalesce(s.valid_to_year, 9999)
)

select * from final
