{{ config(materialized='incremental', incremental_strategy='append', in_place=true) }}
-- stg_disclosure__table_columns: what each column of each printed table holds, read from its header.
-- The label of a column is its header cells top to bottom; a merged cell (null) reads as the cell
-- to its left, and in the top header row an empty cell reads as the group label to its left
-- (年初结转和结余 over 合计 / 基本支出结转 / 项目支出结转和结余).
with

header_rows as (
    select
        document_id,
        table_seq,
        table_kind,
        row_no,
        cells,
        row_number() over (partition by document_id, table_seq order by row_no) as header_rank
    from {{ ref('stg_disclosure__table_rows') }}
    where row_role = 'header'
        and not is_numbering_row
        {{ only_new_documents() }}
),

header_cells as (
    select
        document_id,
        table_seq,
        table_kind,
        row_no,
        header_rank,
        {{ exploded_with_position('cells', 'cell', 'column_index') }}
    from header_rows
),

anchors as (
    -- for each cell, the column of the nearest printed label at or left of it in its row
    select
        *,
        max(case when {{ trimmed("coalesce(cell, '')") }} <> '' then column_index end) over (
            partition by document_id, table_seq, header_rank order by column_index
            rows between unbounded preceding and current row
        ) as anchor,
        coalesce(bool_or({{ trimmed("coalesce(cell, '')") }} <> '') over (
            partition by document_id, table_seq, column_index order by header_rank
            rows between 1 following and unbounded following
        ), false) as has_label_below
    from header_cells
),

grouped as (
    -- whether a cell sits under the same label of the row above as its left neighbour does
    select
        c.*,
        above.anchor as anchor_above,
        lag(above.anchor) over (
            partition by c.document_id, c.table_seq, c.header_rank order by c.column_index
        ) as left_anchor_above,
        lag(c.cell, 1) over (partition by c.document_id, c.table_seq, c.column_index order by c.header_rank) as cell_above,
        lag(c.cell, 2) over (partition by c.document_id, c.table_seq, c.column_index order by c.header_rank) as cell_two_above
    from anchors as c
    left join anchors as above
        on above.document_id = c.document_id and above.table_seq = c.table_seq
        and above.header_rank = c.header_rank - 1 and above.column_index = c.column_index
),

merges as (
    -- a merged position continues the cell to its left or the cell above it: a PDF prints it as
    -- null, a text rendering as an empty cell. The marker stops a left-fill at a downward continuation.
    select
        *,
        case
            when header_rank = 1 and {{ trimmed("coalesce(cell, '')") }} = '' then null
            when cell is null and (cell_above is not null or (header_rank > 2 and cell_two_above is not null)) then '<merged-down>'
            when cell is null then null
            -- an empty cell over a label of its own further down: under the same upper label as its
            -- left neighbour it continues that neighbour, else it continues the label above it
            when {{ trimmed('cell') }} = '' and has_label_below and header_rank > 1 then
                case when anchor_above is not distinct from left_anchor_above then null else '<merged-down>' end
            else cell
        end as marked
    from grouped
),

filled as (
    select
        *,
        case
            -- column numbers and 栏次 marks name no column
            when {{ text_matches_fully(trimmed("coalesce(cell, '')"), "'[0-9]{1,2}|栏\\s*次|行次'") }} then null
            when marked = '<merged-down>' then null
            when marked is null then nullif({{ last_non_null('marked') }} over left_of, '<merged-down>')
            else cell
        end as label_part
    from merges
    window left_of as (
        partition by document_id, table_seq, row_no order by column_index
        rows between unbounded preceding and 1 preceding
    )
),

labels as (
    select
        document_id,
        table_seq,
        {{ any_non_null('table_kind') }} as table_kind,
        column_index,
        {{ clean_label(ordered_string_agg('label_part', "''", 'row_no')) }} as header_label
    from filled
    group by document_id, table_seq, column_index
),

table_header_text as (
    -- in print order (row by row, left to right), so that a phrase over two cells reads as printed
    select document_id, table_seq, {{ ordered_string_agg("coalesce(cell, '')", "''", 'row_no, column_index') }} as header_text
    from header_cells
    group by document_id, table_seq
),

rules as (
    select
        table_kind as rule_kind,
        priority,
        label_pattern,
        column_name,
        measure
    from {{ ref('column_rules') }}
),

distinct_labels as (
    -- a few hundred distinct labels stand for hundreds of thousands of columns: match each once
    select distinct
        case when table_kind in ('government_fund', 'state_capital') then 'general_budget_expenditure' else table_kind end as rule_kind,
        header_label
    from labels
),

label_meanings as (
    select
        d.rule_kind,
        d.header_label,
        -- label columns (项目, 科目名称, 编码, 行次) hold no amounts whatever group they sit under
        {{ text_matches('d.header_label', "'(名称|编码|代码|行次|栏次|按功能分类|项目$|^项$|^目$|^类$|^款$)'") }} as is_label_column,
        r.column_name,
        r.measure,
        row_number() over (partition by d.rule_kind, d.header_label order by r.priority, r.column_name) as rule_rank
    from distinct_labels as d
    left join rules as r
        on r.rule_kind = d.rule_kind and {{ text_matches('d.header_label', 'r.label_pattern') }}
),

final as (
    select
        -- ids
        l.document_id,
        l.table_seq,
        l.column_index,
        -- meaning
        l.table_kind,
        l.header_label,
        m.is_label_column,
        case when not m.is_label_column then m.column_name end as column_name,
        case when not m.is_label_column then m.measure end as measure,
        coalesce(t.header_text, '') as table_header_text
    from labels as l
    inner join label_meanings as m
        on m.rule_kind is not distinct from case when l.table_kind in ('government_fund', 'state_capital') then 'general_budget_expenditure' else l.table_kind end
        and m.header_label = l.header_label
        and m.rule_rank = 1
    left join table_header_text as t using (document_id, table_seq)
)

select * from final
