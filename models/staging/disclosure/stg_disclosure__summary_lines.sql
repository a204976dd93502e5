{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__summary_lines: the two-sided summary tables (公开01表 收入支出总表, 公开04表 财政拨款
-- 收支总表 and their budget forms): one row per printed figure with its line label and side.
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where table_kind in ('income_expenditure_summary', 'fiscal_appropriation_summary') {{ scope_filter('document_id') }}
        and parse_status = 'ok'
        and column_name is not null
        and column_rank = 1
),

labelled as (
    select
        *,
        {{ clean_label('row_label') }} as line_label,
        regexp_replace({{ clean_label('row_label') }}, '^([一二三四五六七八九十]+、|[0-9]+[.．、]|（[一二三四五六七八九十]+）)', '') as line_name
    from cells
),

final as (
    select
        -- ids
        document_id,
        table_seq,
        row_no,
        column_index,
        table_kind,
        -- the line
        row_label,
        line_name,
        case
            when line_name in ('本年收入合计', '当年收入小计', '当年收入', '收入合计') and column_name = 'income_amount' then 'income_total'
            when line_name in ('本年支出合计', '当年支出小计', '支出合计') then 'expenditure_total'
            when line_name like '年初%结转和结余' or line_name in ('上年结转资金', '上年结转') then 'opening_balance'
            when line_name like '年末%结转和结余' or line_name in ('结转下年资金', '结转下年') then 'closing_balance'
            when line_name in ('总计', '收入总计') and column_name = 'income_amount' then 'grand_total_income_side'
            when line_name in ('总计', '支出总计') then 'grand_total_expenditure_side'
            when line_name like '使用非财政拨款结余%' then 'non_fiscal_balance_used'
            when line_name = '结余分配' then 'balance_distribution'
            when column_name = 'income_amount' then 'income_line'
            when column_name = 'use_amount' then 'use_line'
            else 'expenditure_line'
        end as line_role,
        -- 1. / （1） / 其中 lines break down the line above them
        {{ text_matches('line_label', "'^([0-9]+[.．、]|（[0-9一二三四五六七八九十]+）|\\([0-9]+\\)|其中)'") }} as is_sub_line,
        column_name,
        -- amounts
        value_yuan as amount_yuan,
        printed as amount_printed,
        unit_factor,
        -- lineage
        page_no
    from labelled
)

select * from final
