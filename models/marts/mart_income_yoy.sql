{{ config(**scoped_by('department_key')) }}
-- mart_income_yoy: income (本年收入合计) by department × fiscal year × function subject, against the prior year.
with

yoy as (
    {{ year_over_year(scoped_ref('fct_income', 'department_key'), 'subject_code', 'total_yuan', crosswalk_classification='function') }}
),

subjects as (
    select subject_code, subject_name, level from {{ ref('dim_function_subject') }}
)

select
    y.department_key,
    y.fiscal_year,
    y.report_kind,
    y.subject_code,
    s.subject_name,
    s.level as subject_level,
    y.value as total_yuan,
    y.prior_value as prior_total_yuan,
    y.change_yuan,
    y.change_pct,
    y.is_new as is_new_subject,
    y.is_discontinued as is_discontinued_subject,
    y.document_id
from yoy as y
left join subjects as s using (subject_code)
