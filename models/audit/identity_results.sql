{{ config(materialized='incremental', incremental_strategy='append', full_refresh=false, on_schema_change='append_new_columns') }}
-- depends_on: {{ ref('int_build__scope') }}
-- identity_results: the history of every document's findings. A build appends a document's
-- residuals, stamped with its run, when they differ from the last ones recorded for that document
-- (a new document, or a rebuild with changed models that finds something else); nothing is ever
-- deleted. A document's current findings are its rows of its latest run_at (identity_residuals
-- holds the same, without the history).
{#- A full build (--full-refresh, the project changed) compares every document; an incremental
    one only the documents of its scope, the only residuals it recomputed. -#}
{%- set scoped = is_incremental() and not flags.FULL_REFRESH %}
with

current_run as (
    select * from {{ ref('identity_residuals') }}
    {%- if scoped %}
    where {{ in_build_scope('document_id') }}
    {%- endif %}
),

document_fingerprints as (
    -- what this build found for each document, as one value
    select
        document_id,
        {{ set_fingerprint(
            "concat_ws('|', identity, table_kind, subject_code, line_label, column_name,
                       cast(expected_yuan as string), cast(actual_yuan as string), cast(passed as string))"
        ) }} as residuals_fingerprint
    from current_run
    group by document_id
)

{%- if is_incremental() %},

recorded as (
    select document_id, residuals_fingerprint
    from {{ this }}
    {%- if scoped %}
    where {{ in_build_scope('document_id') }}
    {%- endif %}
    qualify row_number() over (partition by document_id order by run_at desc) = 1
)
{%- endif %}

select
    '{{ invocation_id }}' as run_id,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_at,
    r.document_id,
    r.department_key,
    r.fiscal_year,
    r.report_kind,
    r.identity,
    r.category,
    r.severity,
    r.table_kind,
    r.subject_code,
    r.line_label,
    r.column_name,
    r.expected_yuan,
    r.actual_yuan,
    r.difference_yuan,
    r.tolerance_yuan,
    r.passed,
    r.is_rounding_note,
    f.residuals_fingerprint
from current_run as r
inner join document_fingerprints as f using (document_id)
{%- if is_incremental() %}
left join recorded as previous using (document_id)
where f.residuals_fingerprint is distinct from previous.residuals_fingerprint
{%- endif %}
