-- stg_disclosure__unmapped_amounts: figures that landed but that no typed staging model holds:
-- tables of kinds without a fact (政府采购, 11表), columns whose header names nothing known, a second
-- figure under one column. Listed so that nothing that was printed is silently lost.
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where parse_status = 'ok'
),

typed_kinds as (
    select 'income' as table_kind, ['total', 'fiscal_appropriation', 'superior_subsidy', 'business', 'business_tuition', 'operating', 'affiliated_remit', 'other', 'amount'] as columns
    union all select 'expenditure', ['total', 'basic', 'project', 'remit_superior', 'operating', 'affiliated_subsidy', 'reserve', 'carry_forward']
    union all select unnest(['general_budget_expenditure', 'government_fund', 'state_capital', 'fiscal_appropriation_expenditure']),
        ['opening_total', 'opening_basic', 'opening_project', 'income_total', 'income_basic', 'income_project', 'expenditure_total', 'expenditure_basic', 'expenditure_project', 'closing_total', 'closing_basic', 'closing_project', 'closing_project_carryover', 'closing_project_surplus', 'closing_carryover', 'closing_surplus']
),

held as (
    select c.document_id, c.table_seq, c.row_no, c.column_index
    from cells as c
    left join typed_kinds as t on t.table_kind = c.table_kind
    where (t.table_kind is not null and c.column_rank = 1 and list_contains(t.columns, c.column_name))
        or (c.table_kind in ('general_budget_basic_economic', 'fiscal_appropriation_basic_economic', 'office_operating_costs')
            and c.column_name in ('amount', 'personnel', 'public'))
        or (c.table_kind in ('income_expenditure_summary', 'fiscal_appropriation_summary')
            and c.column_name is not null and c.column_rank = 1)
        or (c.table_kind = 'three_public_costs' and c.column_name in ('budget', 'actual'))
        or (c.table_kind = 'project_performance' and c.column_name is not null and c.column_rank = 1)
)

select c.*
from cells as c
anti join held as h using (document_id, table_seq, row_no, column_index)
