{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- stg_disclosure__unmapped_amounts: figures that landed but that no typed staging model holds:
-- tables of kinds without a fact (政府采购, 11表), columns whose header names nothing known, a second
-- figure under one column. Listed so that nothing that was printed is silently lost.
{#- the columns the typed staging models pivot, per table kind (stg_disclosure__income, __expenditure, __budget_flow) -#}
{%- set flow_columns = ['opening_total', 'opening_basic', 'opening_project', 'income_total', 'income_basic', 'income_project',
                        'expenditure_total', 'expenditure_basic', 'expenditure_project', 'closing_total', 'closing_basic',
                        'closing_project', 'closing_project_carryover', 'closing_project_surplus', 'closing_carryover', 'closing_surplus'] %}
{%- set typed_columns = {
    'income': ['total', 'fiscal_appropriation', 'superior_subsidy', 'business', 'business_tuition', 'operating', 'affiliated_remit', 'other', 'amount'],
    'expenditure': ['total', 'basic', 'project', 'remit_superior', 'operating', 'affiliated_subsidy', 'reserve', 'carry_forward'],
    'general_budget_expenditure': flow_columns,
    'government_fund': flow_columns,
    'state_capital': flow_columns,
    'fiscal_appropriation_expenditure': flow_columns,
} %}
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where parse_status = 'ok' {{ scope_filter('document_id') }}
),

held as (
    select c.document_id, c.table_seq, c.row_no, c.column_index
    from cells as c
    where (c.column_rank = 1 and (
            {%- for kind, columns in typed_columns.items() %}
            (c.table_kind = '{{ kind }}' and c.column_name in ('{{ columns | join("', '") }}')){% if not loop.last %} or{% endif %}
            {%- endfor %}
        ))
        or (c.table_kind in ('general_budget_basic_economic', 'fiscal_appropriation_basic_economic', 'office_operating_costs')
            and c.column_name in ('amount', 'personnel', 'public'))
        or (c.table_kind in ('income_expenditure_summary', 'fiscal_appropriation_summary')
            and c.column_name is not null and c.column_rank = 1)
        or (c.table_kind = 'three_public_costs' and c.column_name in ('budget', 'actual'))
        or (c.table_kind = 'project_performance' and c.column_name is not null and c.column_rank = 1)
)

select c.*
from cells as c
where not exists (
    select 1 from held as h
    where h.document_id = c.document_id and h.table_seq = c.table_seq
        and h.row_no = c.row_no and h.column_index = c.column_index
)
