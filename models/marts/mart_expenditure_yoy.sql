{{ config(**scoped_by('department_key')) }}
-- mart_expenditure_yoy: every department × fiscal year × function subject (类, 款 and 项) with the
-- prior year's 本年支出合计, final accounts against final accounts and budgets against budgets.
with

yoy as (
    {{ year_over_year(scoped_ref('fct_expenditure', 'department_key'), 'subject_code', 'total_yuan', crosswalk_classification='function') }}
),

subjects as (
    select subject_code, subject_name, level from {{ ref('dim_function_subject') }}
)

select
    -- keys
    y.department_key,
    y.fiscal_year,
    y.report_kind,
    y.subject_code,
    s.subject_name,
    s.level as subject_level,
    -- amounts (yuan)
    y.value as total_yuan,
    y.prior_value as prior_total_yuan,
    y.change_yuan,
    y.change_pct,
    -- flags
    y.is_new as is_new_subject,
    y.is_discontinued as is_discontinued_subject,
    -- lineage
    y.document_id
from yoy as y
left join subjects as s using (subject_code)
