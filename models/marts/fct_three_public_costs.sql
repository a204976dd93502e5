{{ config(**scoped_by('department_key')) }}
-- fct_three_public_costs: “三公”经费 and 机关运行经费 (公开09表 and its Shanghai/Jiangsu forms):
-- one row per department, fiscal year, report kind and item, budget and actual in yuan as printed
-- (a column printed in 万元 under a 元 header stays as printed; the unit_slip check reports it).
with

figures as (
    select * from {{ scoped_ref('stg_disclosure__three_public_costs', 'document_id') }}
    where is_money and item not in ('section', 'count')
),

first_printed as (
    {{ first_printed_in_preferred_document('figures', 'three_public_costs', 'r.item, r.measure', order_by='r.table_seq, r.row_no, r.column_index') }}
),

final as (
    select
        -- keys
        department_key,
        fiscal_year,
        report_kind,
        item,
        -- amounts (yuan)
        max(case when measure = 'budget' then amount_yuan end) as budget_yuan,
        max(case when measure = 'actual' then amount_yuan end) as actual_yuan,
        -- lineage (the first figure of the item)
        {{ any_non_null('document_id') }} as document_id,
        'three_public_costs' as table_kind,
        min(page_no) as page_no,
        min(row_no) as row_no
    from first_printed
    group by department_key, fiscal_year, report_kind, item
)

select * from final
