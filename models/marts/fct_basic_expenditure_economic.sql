-- fct_basic_expenditure_economic: 一般公共预算财政拨款基本支出 by economic subject (公开06表), yuan.
-- The subject's name is the one in force that year (2017's 30311 is 住房公积金, later 代缴社会保险费).
with

lines as (
    select * from {{ ref('stg_disclosure__basic_economic') }}
    where table_kind = 'general_budget_basic_economic'
        and economic_code is not null
        and column_name = 'amount'
        and not is_repeated_over_page_break
),

preferred as (
    select * from {{ ref('int_documents__preferred') }}
    where table_kind = 'general_budget_basic_economic' and preference = 1
),

subjects as (
    select * from {{ ref('economic_subjects') }}
),

joined as (
    select
        p.department_key,
        p.fiscal_year,
        p.report_kind,
        l.*,
        s.subject_name,
        row_number() over (
            partition by p.department_key, p.fiscal_year, p.report_kind, l.economic_code
            order by l.table_seq, l.row_no, l.column_index
        ) as occurrence
    from lines as l
    inner join preferred as p using (document_id)
    left join subjects as s
        on s.economic_code = l.economic_code
        and p.fiscal_year between coalesce(s.valid_from_year, 0) and coalesce(s.valid_to_year, 9999)
),

final as (
    select
        -- keys
        department_key,
        fiscal_year,
        report_kind,
        economic_code,
        subject_name,
        row_label as subject_name_printed,
        -- amounts (yuan)
        amount_yuan,
        -- lineage
        document_id,
        table_kind,
        page_no,
        row_no
    from joined
    -- 06 prints a code twice now and then (the seed's 30399): the first line is the fact, both stay in staging
    where occurrence = 1
)

select * from final
