{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- audit_residuals__rows: the identities within one printed row (a blank cell is zero).
with

income as (
    select * from {{ scoped_ref('stg_disclosure__income', 'document_id') }}
    where not is_repeated_over_page_break and total_yuan is not null
        and coalesce(fiscal_appropriation_printed, superior_subsidy_printed, business_printed, operating_printed,
                     affiliated_remit_printed, other_printed) is not null
),

expenditure as (
    select * from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where not is_repeated_over_page_break and total_yuan is not null
        and coalesce(basic_printed, project_printed, remit_superior_printed, operating_printed,
                     affiliated_subsidy_printed, reserve_printed, carry_forward_printed) is not null
),

flow as (
    select
        *,
        -- which parts the table prints at all (a blank cell in a printed column is zero)
        bool_or(opening_total_printed is not null or closing_total_printed is not null)
            over (partition by document_id, table_seq) as has_balances
    from {{ scoped_ref('stg_disclosure__budget_flow', 'document_id') }}
    where not is_repeated_over_page_break
),

income_rows as (
    select
        document_id, 'income_total_equals_sources' as identity, 'income' as table_kind, subject_code,
        row_label as line_label, 'total' as column_name,
        total_yuan as expected_yuan,
        coalesce(fiscal_appropriation_yuan, 0) + coalesce(superior_subsidy_yuan, 0) + coalesce(business_yuan, 0)
            + coalesce(operating_yuan, 0) + coalesce(affiliated_remit_yuan, 0) + coalesce(other_yuan, 0) as actual_yuan,
        cast(null as bigint) as terms
    from income
),

expenditure_rows as (
    select
        document_id, 'expenditure_total_equals_parts', 'expenditure', subject_code, row_label, 'total',
        total_yuan,
        coalesce(basic_yuan, 0) + coalesce(project_yuan, 0) + coalesce(remit_superior_yuan, 0) + coalesce(operating_yuan, 0)
            + coalesce(affiliated_subsidy_yuan, 0) + coalesce(reserve_yuan, 0) + coalesce(carry_forward_yuan, 0),
        null
    from expenditure
),

flow_blocks as (
    {% for block in ['opening', 'income', 'expenditure', 'closing'] %}
    select
        document_id, 'flow_block_total_equals_parts', table_kind, subject_code, row_label, '{{ block }}_total',
        {{ block }}_total_yuan,
        {% if block == 'closing' %}
        coalesce(closing_basic_yuan, 0)
            + coalesce(closing_project_yuan, coalesce(closing_project_carryover_yuan, 0) + coalesce(closing_project_surplus_yuan, 0))
        {% else %}
        coalesce({{ block }}_basic_yuan, 0) + coalesce({{ block }}_project_yuan, 0)
        {% endif %},
        null
    from flow
    where table_kind in ('general_budget_expenditure', 'government_fund', 'state_capital')
        and {{ block }}_total_yuan is not null
        and coalesce({{ block }}_basic_printed, {{ block }}_project_printed
            {%- if block == 'closing' %}, closing_project_carryover_printed{% endif %}) is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

flow_balance as (
    select
        document_id, 'flow_row_balance', table_kind, subject_code, row_label, 'closing_total',
        coalesce(closing_total_yuan, 0),
        coalesce(opening_total_yuan, 0) + coalesce(income_total_yuan, 0) - coalesce(expenditure_total_yuan, 0),
        null
    from flow
    where has_balances
        and table_kind in ('general_budget_expenditure', 'government_fund', 'state_capital')
        and coalesce(opening_total_printed, income_total_printed, expenditure_total_printed, closing_total_printed) is not null
),

projects as (
    select
        document_id,
        table_seq,
        {{ any_non_null('project_name') }} as project_name,
        max(case when column_name = 'budget_full_year' then value end) as budget_full_year,
        max(case when column_name = 'executed' then value end) as executed,
        max(case when column_name = 'weight' then value end) as weight,
        max(case when column_name = 'execution_rate' then value end) as execution_rate,
        max(case when column_name = 'score' then value end) as score
    from {{ scoped_ref('stg_disclosure__project_performance', 'document_id') }}
    where fund_line = '年度资金总额'
    group by document_id, table_seq
),

project_rates as (
    select
        document_id, 'project_execution_rate', 'project_performance', null, project_name, 'execution_rate',
        cast(execution_rate as decimal(18, 2)),
        cast({{ round_ratio(ratio('executed', 'budget_full_year') ~ ' * 100', 2) }} as decimal(18, 2)),
        null
    from projects
    where execution_rate is not null and budget_full_year > 0 and executed is not null
),

project_scores as (
    select
        document_id, 'project_score', 'project_performance', null, project_name, 'score',
        cast(score as decimal(18, 2)),
        cast({{ round_ratio(ratio('weight * execution_rate', '100'), 2) }} as decimal(18, 2)),
        null
    from projects
    where score is not null and weight is not null and execution_rate is not null
)

select * from income_rows
union all select * from expenditure_rows
union all select * from flow_blocks
union all select * from flow_balance
union all select * from project_rates
union all select * from project_scores
