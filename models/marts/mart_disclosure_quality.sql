{{ config(**scoped_by('department_key')) }}
-- mart_disclosure_quality: per department × fiscal year × report kind, how many identity checks
-- ran on its documents, how many failed, and which.
with

residuals as (
    select * from {{ scoped_ref('identity_residuals', 'department_key') }}
),

departments as (
    select department_key, department_name, region from {{ ref('dim_department') }}
)

select
    r.department_key,
    d.department_name,
    d.region,
    r.fiscal_year,
    r.report_kind,
    count(distinct r.document_id) as documents,
    count(*) as identities_checked,
    count(*) filter (where not r.passed) as identities_failed,
    count(*) filter (where not r.passed and r.severity = 'error') as errors,
    count(*) filter (where not r.passed and r.severity = 'warning') as warnings,
    count(*) filter (where r.severity = 'info' and (not r.passed or r.is_rounding_note)) as info_notes,
    coalesce({{ sorted_distinct_list('r.identity', where='not r.passed') }}, {{ empty_list() }}) as failed_identities
from residuals as r
left join departments as d using (department_key)
group by all
