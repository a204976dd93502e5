{{ config(post_hook="{{ hand_over_to_validation() }}", **scoped_by('document_id')) }}
-- identity_residuals: every identity checked on every document, one row per document × identity ×
-- subject (and column): expected, actual, difference. A difference within the identity's tolerance
-- passes; a passing non-zero difference (a 0.01 rounding gap) is kept as an info note.
with

{% set residual_columns = 'document_id, identity, table_kind, subject_code, line_label, column_name, expected_yuan, actual_yuan' %}

comparisons as (
    {% for model in ['audit_residuals__rows', 'audit_residuals__hierarchy', 'audit_residuals__balances',
                     'audit_residuals__cross_table', 'audit_residuals__cross_year'] %}
    select {{ residual_columns }}, terms, cast(null as boolean) as failed from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

flagged as (
    {% for model in ['audit_residuals__narrative', 'audit_residuals__plausibility'] %}
    select {{ residual_columns }}, cast(null as bigint) as terms, failed from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

residuals as (
    select * from comparisons
    union all select * from flagged
),

catalogue as (
    select * from {{ ref('identity_catalogue') }}
),

document_units as (
    -- a document printed in 万元 cannot agree closer than 0.01万元: tolerances scale with its unit
    -- (the performance tables 11/12 are in 万元 whatever the rest prints, and hold rates)
    select document_id, max(unit_factor) as unit_factor
    from {{ scoped_ref('stg_disclosure__amount_cells', 'document_id') }}
    where table_kind not in ('project_performance', 'performance_overall') and measure = 'money'
    group by document_id
),

documents as (
    select * from {{ scoped_ref('int_documents__departments', 'document_id') }}
),

judged as (
    select
        r.*,
        c.category,
        c.severity as catalogue_severity,
        -- a sum of n figures each rounded to 0.01万元 may be off by n/2 of that unit
        case
            when r.table_kind = 'project_performance' then c.tolerance_yuan
            when coalesce(u.unit_factor, 1) > 1
                then cast(c.tolerance_yuan * u.unit_factor * greatest(1, ceil({{ ratio('coalesce(r.terms, 1)', '2.0') }})) as decimal(18, 2))
            else c.tolerance_yuan
        end as tolerance_yuan,
        cast(r.actual_yuan - r.expected_yuan as decimal(18, 2)) as difference_yuan,
        r.failed is not null as is_flag_check
    from residuals as r
    inner join catalogue as c using (identity)
    left join document_units as u using (document_id)
),

decided as (
    select
        *,
        coalesce(failed, abs(coalesce(actual_yuan, 0) - coalesce(expected_yuan, 0)) > tolerance_yuan) as is_failed
    from judged
),

final as (
    select
        -- ids
        j.document_id,
        d.department_key,
        d.fiscal_year,
        d.report_kind,
        -- the identity
        j.identity,
        j.category,
        case
            when j.is_failed then j.catalogue_severity
            when not j.is_flag_check and j.difference_yuan is not null and j.difference_yuan <> 0 then 'info'
            else j.catalogue_severity
        end as severity,
        j.table_kind,
        j.subject_code,
        j.line_label,
        j.column_name,
        -- the figures
        cast(j.expected_yuan as decimal(18, 2)) as expected_yuan,
        cast(j.actual_yuan as decimal(18, 2)) as actual_yuan,
        j.difference_yuan,
        j.tolerance_yuan,
        not j.is_failed as passed,
        (not j.is_failed and not j.is_flag_check and j.difference_yuan is not null and j.difference_yuan <> 0) as is_rounding_note,
        -- what great-expectations checks (<= 0): the difference beyond the tolerance in fen; a
        -- narrative or plausibility check, decided here, is 1 for a finding and 0 otherwise
        case
            when j.category in ('narrative', 'plausibility') or (j.expected_yuan is null and j.actual_yuan is null)
                then case when j.is_failed then 1 else 0 end
            else cast((abs(coalesce(j.actual_yuan, 0) - coalesce(j.expected_yuan, 0)) - j.tolerance_yuan) * 100 as bigint)
        end as excess_fen
    from decided as j
    inner join documents as d using (document_id)
)

select * from final
