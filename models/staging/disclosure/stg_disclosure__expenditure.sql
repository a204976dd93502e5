{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__expenditure: 支出决算表 / 支出预算表, one row per printed row, typed by its header
{{ pivot_amount_cells(
    table_kinds=['expenditure'],
    columns=['total', 'basic', 'project', 'remit_superior', 'operating', 'affiliated_subsidy',
             'reserve', 'carry_forward']
) }}
