{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__project_performance: 公开12表, one row per printed figure of a project's budget
-- block (年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金), with the project it belongs to.
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where table_kind = 'project_performance' {{ scope_filter('document_id') }}
        and parse_status = 'ok'
        and column_name is not null
        and column_rank = 1
),

projects as (
    -- 项目名称 | | <name>: the first filled cell after the label
    select
        document_id,
        table_seq,
        {{ any_non_null(list_item(filtered_list('filled_cells', 'x', trimmed('x') ~ " <> '项目名称'"), 1)) }} as project_name
    from {{ ref('stg_disclosure__table_rows') }}
    where table_kind = 'project_performance' {{ scope_filter('document_id') }}
        and {{ clean_label('first_text') }} = '项目名称'
    group by document_id, table_seq
),

final as (
    select
        -- ids
        c.document_id,
        c.table_seq,
        c.row_no,
        c.column_index,
        -- the project and the figure
        p.project_name,
        {{ clean_label('c.row_label') }} as fund_line,
        c.column_name,
        c.measure,
        c.value,
        c.value_yuan,
        c.printed,
        c.unit_factor,
        -- lineage
        c.page_no
    from cells as c
    left join projects as p using (document_id, table_seq)
)

select * from final
