{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__narrative: prose the document prints (情况说明, 公开10表 …) as text, one row per
-- paragraph or cell, for the checks that compare what the narrative says with the tables.
with

rows as (
    select * from {{ ref('stg_disclosure__table_rows') }}
    where table_kind in ('narrative', 'performance_narrative') {{ scope_filter('document_id') }}
),

texts as (
    select
        document_id,
        table_seq,
        row_no,
        table_kind,
        page_no,
        {{ exploded('filled_cells') }} as text
    from rows
)

select
    document_id,
    table_seq,
    row_no,
    table_kind,
    {{ replace_all('text', "'\\s+'", "''") }} as text,
    page_no
from texts
