{{ config(materialized='incremental', incremental_strategy='append', in_place=true) }}
-- stg_disclosure__table_rows: every printed row, with its role in its table (header, body, note, text)
-- and whether it is a row printed again after a page break.
with

source as (
    select * from {{ source('raw', 'table_rows') }}
    where true {{ only_new_documents() }}
),

described as (
    select
        *,
        {{ filtered_list('cells', 'x', "x is not null and " ~ trimmed('x') ~ " <> ''") }} as filled_cells
    from source
),

classified as (
    select
        *,
        {{ list_item('filled_cells', 1) }} as first_text,
        {{ list_size('filled_cells') }} as filled_count,
        -- 栏次 rows: column numbers and the 类/款/项 labels over the code columns
        {{ list_size('filled_cells') }} > 0
            and {{ list_size(filtered_list('filled_cells', 'x',
                "not (" ~ text_matches_fully(trimmed('x'), "'[0-9]{1,2}'") ~ " or "
                ~ replace_all('x', "'\\s'", "''") ~ " in ('栏次', '栏', '次', '行次', '类', '款', '项'))")) }} = 0 as is_numbering_row,
        {{ list_size(filtered_list('filled_cells', 'x', is_money_text('x'))) }} > 0 as has_money,
        {{ list_size('filled_cells') }} = 1 and (
            {{ text_matches(list_item('filled_cells', 1), "'^\\s*(注|说明|备注)\\s*[:：0-9]'") }}
            or {{ text_matches(list_item('filled_cells', 1), "'^\\s*此表为空'") }}
            or {{ text_matches(list_item('filled_cells', 1), "'(本表无数据|无相关收支|本表为空|故本表无|[(（]无.{0,20}[)）])'") }}
        ) as is_note,
        {{ list_size('filled_cells') }} = 1 and (
            {{ text_matches(list_item('filled_cells', 1), "'此表为空|本表为空|本表无数据|无相关收支|无.{0,30}(收入支出|收支|支出)|[(（]无.{0,20}[)）]'") }}
        ) as is_empty_table_sentence
    from described
),

candidates as (
    select
        *,
        not is_numbering_row and not is_note and (
            has_money
            or (filled_count >= 2 and {{ list_has('filled_cells', "'—'") }})
            or {{ text_matches_fully(trimmed('first_text'), "'[0-9]{3}([0-9]{2}){0,2}'") }}
            or (filled_count <= 2 and {{ text_matches(
                clean_label('first_text'),
                "'^(合计|总计|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．、])'"
            ) }})
        ) as is_body_candidate
    from classified
),

bounded as (
    select
        *,
        min(case when is_body_candidate then row_no end)
            over (partition by document_id, table_seq) as body_start_row_no
    from candidates
),

roles as (
    select
        *,
        case
            when table_kind = 'narrative' then 'text'
            when is_note then 'note'
            when body_start_row_no is null or row_no < body_start_row_no then 'header'
            else 'body'
        end as row_role
    from bounded
),

body_rank as (
    select
        *,
        row_number() over (partition by document_id, table_seq, page_no, row_role order by row_no) as rank_on_page
    from roles
),

repeated_over_break as (
    -- a body row printed again at the top of the next page is the same row, not a second one
    select distinct later.document_id, later.table_seq, later.row_no
    from body_rank as later
    inner join body_rank as earlier
        on earlier.document_id = later.document_id
        and earlier.table_seq = later.table_seq
        and earlier.page_no = later.page_no - 1
        and earlier.row_role = 'body'
        and earlier.cells = later.cells
    where later.row_role = 'body'
        and later.rank_on_page <= 3
        and later.filled_count > 1
),

final as (
    select
        -- ids
        r.document_id,
        r.table_seq,
        r.row_no,
        -- the table
        r.table_code,
        r.table_title,
        r.table_kind,
        r.unit_raw,
        r.table_department_raw,
        -- the row
        r.row_role,
        r.cells,
        r.filled_cells,
        r.first_text,
        r.filled_count,
        r.is_numbering_row,
        r.is_empty_table_sentence,
        (rep.row_no is not null) as is_repeated_over_page_break,
        -- lineage
        r.page_no
    from body_rank as r
    left join repeated_over_break as rep
        on rep.document_id = r.document_id
        and rep.table_seq = r.table_seq
        and rep.row_no = r.row_no
)

select * from final
