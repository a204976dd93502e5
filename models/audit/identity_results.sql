{{ config(materialized='incremental', incremental_strategy='append', full_refresh=false, on_schema_change='append_new_columns') }}
-- identity_results: identity_residuals stamped with the run that checked them; each build appends,
-- so the history of every finding is kept (select the latest run_id for the current state).
with

current_run as (
    select * from {{ ref('identity_residuals') }}
),

fingerprint as (
    -- what this build found, as one value: a rebuild that finds the same adds no history
    select {{ set_fingerprint(
        "concat_ws('|', document_id, identity, table_kind, subject_code, line_label, column_name,
                   cast(expected_yuan as string), cast(actual_yuan as string), cast(passed as string))"
    ) }} as residuals_fingerprint
    from current_run
)

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
    is_rounding_note,
    f.residuals_fingerprint
from current_run
cross join fingerprint as f
{% if is_incremental() %}
where f.residuals_fingerprint is distinct from (
    select residuals_fingerprint from {{ this }} order by run_at desc limit 1
)
{% endif %}
