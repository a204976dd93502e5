{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__three_public_costs: “三公”经费 (公开09表 and its Shanghai/Jiangsu forms): one row per
-- printed figure, its item read from the row label (Yunnan prints items as rows) or from the
-- column's header (Shanghai and Jiangsu print them as columns), its measure budget or actual.
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where table_kind = 'three_public_costs' {{ scope_filter('document_id') }}
        and parse_status = 'ok'
        and column_name in ('budget', 'actual')
),

items as (
    select * from {{ ref('three_public_items') }}
),

row_items as (
    select
        c.document_id, c.table_seq, c.row_no, c.column_index,
        i.item, i.is_money,
        row_number() over (partition by c.document_id, c.table_seq, c.row_no, c.column_index order by i.priority) as item_rank
    from cells as c
    inner join items as i
        on {{ text_matches(clean_label('c.row_label'), 'i.label_pattern') }}
),

column_items as (
    select
        c.document_id, c.table_seq, c.row_no, c.column_index,
        i.item, i.is_money,
        row_number() over (partition by c.document_id, c.table_seq, c.row_no, c.column_index order by i.priority) as item_rank
    from cells as c
    inner join items as i
        on {{ text_matches(replace_all('c.header_label', "'(预算数|决算数|决算统计数|预算|决算)'", "''"), 'i.label_pattern') }}
),

final as (
    select
        -- ids
        c.document_id,
        c.table_seq,
        c.row_no,
        c.column_index,
        -- the figure
        coalesce(r.item, h.item) as item,
        coalesce(r.is_money, h.is_money, true) as is_money,
        c.row_label,
        c.header_label,
        c.column_name as measure,
        case when coalesce(r.is_money, h.is_money, true) then c.value_yuan end as amount_yuan,
        case when not coalesce(r.is_money, h.is_money, true) then c.value end as count_value,
        c.printed as amount_printed,
        c.unit_factor,
        -- lineage
        c.page_no
    from cells as c
    left join row_items as r
        on r.document_id = c.document_id and r.table_seq = c.table_seq and r.row_no = c.row_no
        and r.column_index = c.column_index and r.item_rank = 1
    left join column_items as h
        on h.document_id = c.document_id and h.table_seq = c.table_seq and h.row_no = c.row_no
        and h.column_index = c.column_index and h.item_rank = 1
)

select * from final
