{{ config(**scoped_by('department_key')) }}
-- mart_three_public_costs_yoy: “三公”经费 per item against the prior year (决算 for final accounts,
-- 预算 for budgets). Where last year's tables are missing, the prior value the narrative states
-- is used and marked (prior_source = 'narrative').
with

yoy as (
    {{ year_over_year(scoped_ref('fct_three_public_costs', 'department_key'), 'item',
        "case when report_kind = 'final_accounts' then actual_yuan else budget_yuan end") }}
),

narrated as (
    select department_key, fiscal_year + 1 as fiscal_year, report_kind, item, actual_yuan, statement
    from {{ scoped_ref('int_narrative__prior_year_statements', 'department_key') }}
)

select
    y.department_key,
    y.fiscal_year,
    y.report_kind,
    y.item,
    y.value as amount_yuan,
    coalesce(y.prior_value, n.actual_yuan) as prior_amount_yuan,
    case
        when y.prior_value is not null then 'tables'
        when n.actual_yuan is not null then 'narrative'
    end as prior_source,
    cast(coalesce(y.value, 0) - coalesce(y.prior_value, n.actual_yuan) as decimal(18, 2)) as change_yuan,
    case when coalesce(y.prior_value, n.actual_yuan) is null or coalesce(y.prior_value, n.actual_yuan) = 0 then null
        else cast({{ round_ratio(ratio('coalesce(y.value, 0) - coalesce(y.prior_value, n.actual_yuan)',
            'abs(coalesce(y.prior_value, n.actual_yuan))') ~ ' * 100', 2) }} as decimal(12, 2))
    end as change_pct,
    y.is_new and n.actual_yuan is null as is_new_item,
    y.is_discontinued as is_discontinued_item,
    n.statement as narrative_statement,
    y.document_id
from yoy as y
left join narrated as n
    on n.department_key = y.department_key and n.fiscal_year = y.fiscal_year
    and n.report_kind = y.report_kind and n.item = y.item
