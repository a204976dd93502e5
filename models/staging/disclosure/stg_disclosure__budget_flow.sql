{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__budget_flow: the appropriation flow tables by function subject — 一般公共预算
-- (公开05表 and its budget forms), 政府性基金 (07), 国有资本经营 (08), and Jiangsu's 财政拨款支出预算表
{{ pivot_amount_cells(
    table_kinds=['general_budget_expenditure', 'government_fund', 'state_capital', 'fiscal_appropriation_expenditure'],
    columns=['opening_total', 'opening_basic', 'opening_project',
             'income_total', 'income_basic', 'income_project',
             'expenditure_total', 'expenditure_basic', 'expenditure_project',
             'closing_total', 'closing_basic', 'closing_project',
             'closing_project_carryover', 'closing_project_surplus', 'closing_carryover', 'closing_surplus']
) }}
