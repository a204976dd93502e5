{{ config(materialized='incremental', incremental_strategy='append', in_place=true) }}
-- stg_disclosure__amount_cells: one row per printed amount in a table body, with the column it
-- belongs to (from the header), the row it belongs to (its label and subject code, read leftwards
-- from the amount), and its exact value in yuan. Unparseable figures are kept as rejects, never zero.
with

body_rows as (
    select * from {{ ref('stg_disclosure__table_rows') }}
    where row_role = 'body' {{ only_new_documents() }}
),

all_cells as (
    select
        document_id,
        table_seq,
        table_kind,
        unit_raw,
        row_no,
        page_no,
        is_repeated_over_page_break,
        {{ exploded_with_position('cells', 'printed', 'column_index') }}
    from body_rows
),

cells as (
    -- a blank cell is neither a figure, a label nor a code: most of a sparse table, dropped early
    select * from all_cells
    where printed is not null and {{ trimmed('printed') }} <> ''
),

typed as (
    select
        c.*,
        col.column_name,
        col.measure,
        col.header_label,
        coalesce(col.is_label_column, false) as is_label_column,
        col.table_header_text,
        {{ trimmed("coalesce(c.printed, '')") }} as text,
        {{ is_blank_amount('c.printed') }} as is_blank,
        coalesce({{ is_number_text('c.printed') }}, false) as is_number,
        coalesce({{ is_money_text('c.printed') }}, false) as is_money
    from cells as c
    left join {{ ref('stg_disclosure__table_columns') }} as col
        on col.document_id = c.document_id
        and col.table_seq = c.table_seq
        and col.column_index = c.column_index
),

flagged as (
    select
        *,
        -- a cell is an amount when it can only be money, or when it prints a figure (or a
        -- broken one, ###) in a column that holds money; a label or a subject code is not one
        not is_blank and (
            is_money
            or (column_name is not null and not is_label_column and {{ text_matches('text', "'[0-9#]'") }}
                and not {{ text_matches_fully('text', "'[0-9]{3}([0-9]{2}){0,2}|[0-9]{1,2}'") }})
        ) as is_amount,
        not is_blank and not is_number and {{ text_matches('text', "'[^\\s0-9.,]'") }} as is_label,
        {{ text_matches_fully('text', "'[0-9]{3}([0-9]{2}){0,2}'") }}
            -- a split 款/项 part (Excel drops the leading zero: 301 | 2 is 30102)
            or ({{ text_matches_fully('text', "'[0-9]{1,2}'") }} and (
                {{ text_matches_fully(trimmed("coalesce(lag(printed, 1) over cell_order, '')"), "'[0-9]{3}([0-9]{2})?'") }}
                or ({{ text_matches_fully(trimmed("coalesce(lag(printed, 1) over cell_order, '')"), "'[0-9]{2}'") }}
                    and {{ text_matches_fully(trimmed("coalesce(lag(printed, 2) over cell_order, '')"), "'[0-9]{3}'") }})
            )) as is_code_part
    from typed
    window cell_order as (partition by document_id, table_seq, row_no order by column_index)
),

segmented as (
    -- a segment runs up to and including an amount: (code, name, amount) triples side by side
    -- in 公开06表 are three segments; a subject row's later amounts are segments of their own.
    -- Every window here has one partition and order, so the engine sorts the cells once for all.
    select
        *,
        coalesce(sum(case when is_amount then 1 else 0 end) over (
            partition by document_id, table_seq, row_no order by column_index
            rows between unbounded preceding and 1 preceding
        ), 0) as segment,
        lag(is_code_part) over (
            partition by document_id, table_seq, row_no order by column_index
        ) as previous_is_code_part,
        -- 公开12表 prints its budget block under one header whose cells do not line up with the
        -- figures below them: those figures are read in the header's order instead
        count(*) filter (where is_number or text in ('—', '-', '－')) over (
            partition by document_id, table_seq, row_no order by column_index
            rows between unbounded preceding and current row
        ) as figure_ordinal
    from flagged
),

code_runs as (
    -- a code may be split over cells (201 | 06 | 01); the run nearest the amount is the row's code
    select
        *,
        sum(case when is_code_part and not coalesce(previous_is_code_part, false) then 1 else 0 end) over (
            partition by document_id, table_seq, row_no order by column_index
        ) as code_run
    from segmented
),

segment_context as (
    select
        document_id,
        table_seq,
        row_no,
        segment,
        nullif({{ ordered_string_agg("case when is_code_part and not is_amount then lpad(text, cast(greatest(length(text), 2) as integer), '0') end", "''", 'column_index') }}
            filter (where code_run = last_code_run), '') as segment_code,
        max_by(case when is_label and not is_amount then text end, case when is_label and not is_amount then column_index end) as segment_label,
        min(case when is_label and not is_amount then column_index end) as label_index
    from (
        select *, max(case when is_code_part and not is_amount then code_run end) over (
            partition by document_id, table_seq, row_no, segment
        ) as last_code_run
        from code_runs
    )
    group by document_id, table_seq, row_no, segment
),

context as (
    select
        document_id,
        table_seq,
        row_no,
        segment,
        {{ last_non_null('segment_code') }} over upto as subject_code,
        {{ last_non_null('segment_label') }} over upto as row_label,
        {{ last_non_null('label_index') }} over upto as row_label_index
    from segment_context
    window upto as (
        partition by document_id, table_seq, row_no order by segment
        rows between unbounded preceding and current row
    )
),

amounts as (
    select
        s.*,
        x.subject_code,
        x.row_label
    from segmented as s
    left join context as x
        on x.document_id = s.document_id
        and x.table_seq = s.table_seq
        and x.row_no = s.row_no
        and x.segment = s.segment
    where s.is_amount
        or (s.table_kind = 'project_performance' and s.is_number
            and {{ clean_label('x.row_label') }} in ('年度资金总额', '其中：当年财政拨款', '当年财政拨款', '上年结转资金', '其他资金'))
),

mapped as (
    select
        *,
        case
            when table_kind = 'project_performance' then
                case when {{ clean_label('row_label') }} in ('年度资金总额', '其中：当年财政拨款', '当年财政拨款', '上年结转资金', '其他资金')
                    -- the header's order: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
                    then case figure_ordinal
                        when 1 then 'budget_initial' when 2 then 'budget_full_year' when 3 then 'executed'
                        when 4 then 'weight' when 5 then 'execution_rate' when 6 then 'score'
                    end
                end
            else column_name
        end as mapped_column,
        case
            when table_kind = 'project_performance' then
                case when figure_ordinal <= 3 then 'money' when figure_ordinal = 5 then 'rate' else 'score' end
            else measure
        end as mapped_measure
    from amounts
),

valued as (
    select
        *,
        {{ parse_amount('printed') }} as value,
        {{ unit_factor('unit_raw', "coalesce(header_label, '')", 'table_header_text') }} as unit_factor
    from mapped
),

ranked as (
    select
        *,
        row_number() over (
            partition by document_id, table_seq, row_no, mapped_column order by column_index
        ) as column_rank
    from valued
),

final as (
    select
        -- ids
        document_id,
        table_seq,
        row_no,
        column_index,
        -- where the figure sits
        table_kind,
        mapped_column as column_name,
        coalesce(mapped_measure, 'money') as measure,
        header_label,
        row_label,
        subject_code,
        -- the figure
        printed,
        value,
        case when coalesce(mapped_measure, 'money') = 'money' then unit_factor else 1 end as unit_factor,
        case
            when coalesce(mapped_measure, 'money') = 'money' then {{ to_yuan('value', 'unit_factor') }}
        end as value_yuan,
        case when value is null then 'reject' else 'ok' end as parse_status,
        -- a second figure under the same column in one row (06 prints three pairs a row)
        column_rank,
        unit_raw,
        -- lineage
        page_no,
        is_repeated_over_page_break
    from ranked
)

select * from final
