{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__basic_economic: 基本支出 by economic subject (公开06表 and its budget forms, Jiangsu's
-- 财政拨款基本支出 and 机关运行经费 tables): one row per printed figure, since 06 prints three
-- (code, name, amount) triples side by side in one row.
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where table_kind in ('general_budget_basic_economic', 'fiscal_appropriation_basic_economic', 'office_operating_costs') {{ scope_filter('document_id') }}
        and parse_status = 'ok'
        and column_name in ('amount', 'personnel', 'public')
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
        subject_code as economic_code,
        row_label,
        case
            when {{ text_matches(clean_label('row_label'), "'人员经费合计'") }} then 'personnel_total'
            when {{ text_matches(clean_label('row_label'), "'公用经费合计'") }} then 'public_total'
            when {{ text_matches(clean_label('row_label'), "'^(合计|总计)$'") }} then 'total'
        end as total_line,
        column_name,
        -- amounts
        value_yuan as amount_yuan,
        printed as amount_printed,
        unit_factor,
        -- lineage
        page_no,
        is_repeated_over_page_break
    from cells
)

select * from final
