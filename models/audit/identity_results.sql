{{ config(materialized='incremental', incremental_strategy='append') }}
-- identity_results: identity_residuals stamped with the run that checked them; each build appends,
-- so the history of every finding is kept (select the latest run_id for the current state).
select
    '{{ invocation_id }}' as run_id,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_at,
    document_id,
    department_key,
    fiscal_year,
    report_kind,
    identity,
    category,
    severity,
    table_kind,
    subject_code,
    line_label,
    column_name,
    expected_yuan,
    actual_yuan,
    difference_yuan,
    tolerance_yuan,
    passed,
    is_rounding_note
from {{ ref('identity_residuals') }}
