{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__amount_rejects: figures printed where an amount belongs that do not parse
-- (###, 1,2,3.4 …). They are kept for a person to read, never turned into zero.
select
    document_id,
    table_seq,
    row_no,
    column_index,
    table_kind,
    column_name,
    header_label,
    row_label,
    printed,
    page_no
from {{ ref('stg_disclosure__amount_cells') }}
where parse_status = 'reject' {{ scope_filter('document_id') }}
