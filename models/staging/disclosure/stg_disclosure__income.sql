{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__income: 收入决算表 / 收入预算表, one row per printed row, typed by its header
{{ pivot_amount_cells(
    table_kinds=['income'],
    columns=['total', 'fiscal_appropriation', 'superior_subsidy', 'business', 'business_tuition',
             'operating', 'affiliated_remit', 'other', 'amount']
) }}
