{{ config(materialized=('incremental' if target.type == 'duckdb' else 'table'), incremental_strategy='append', in_place=true) }}
-- int_build__documents_built: the documents whose rows every scoped model holds. Appended last, after
-- every scoped model and its tests succeeded: a build that fails half-way records nothing, and the
-- next one recomputes the same scope.
-- depends_on: {{ ref('int_build__scope') }}
-- depends_on: {{ ref('identity_results') }}
-- depends_on: {{ ref('mart_disclosure_quality') }}
-- depends_on: {{ ref('mart_department_comparison') }}
-- depends_on: {{ ref('mart_budget_execution') }}
-- depends_on: {{ ref('mart_expenditure_yoy') }}
-- depends_on: {{ ref('mart_income_yoy') }}
-- depends_on: {{ ref('mart_three_public_costs_yoy') }}
-- depends_on: {{ ref('fct_general_budget_flow') }}
-- depends_on: {{ ref('fct_basic_expenditure_economic') }}
-- depends_on: {{ ref('fct_project_performance') }}
-- depends_on: {{ ref('stg_disclosure__amount_rejects') }}
-- depends_on: {{ ref('stg_disclosure__unmapped_amounts') }}
-- every model a test of tests/dbt depends on: dbt runs a test before a model only when the model is
-- downstream of all the test's parents (assert_declared_column_tests must pass before this records)
-- depends_on: {{ ref('dim_economic_subject') }}
select
    document_id,
    department_key,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at
from {{ ref('int_build__scope' if is_incremental() else 'int_documents__departments') }}
{%- if is_incremental() %}
where is_new
{%- endif %}
