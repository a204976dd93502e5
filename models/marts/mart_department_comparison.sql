{{ config(**scoped_by(['region', 'fiscal_year'])) }}
-- depends_on: {{ ref('int_build__scope') }}
-- mart_department_comparison: per region × fiscal year × report kind × function subject, each
-- department's amount, its share of that department's total spending, its rank among the region's
-- departments, and the region's total.
with

spending as (
    select f.*, d.region
    from {{ ref('fct_expenditure') }} as f
    inner join {{ ref('dim_department') }} as d using (department_key)
    where f.total_yuan is not null
        {%- if is_incremental() %}
        and (d.region, f.fiscal_year) in (select region, fiscal_year from {{ ref('int_build__scope') }} where is_new)
        {%- endif %}
),

department_totals as (
    -- a department's total: the sum of its 类 rows
    select department_key, fiscal_year, report_kind, sum(total_yuan) as department_total_yuan
    from spending
    where length(subject_code) = 3
    group by all
)

select
    s.region,
    s.fiscal_year,
    s.report_kind,
    s.subject_code,
    s.department_key,
    s.total_yuan,
    t.department_total_yuan,
    case when t.department_total_yuan > 0
        then cast({{ round_ratio(ratio('s.total_yuan', 't.department_total_yuan'), 6) }} as decimal(12, 6)) end as share_of_department_total,
    rank() over (
        partition by s.region, s.fiscal_year, s.report_kind, s.subject_code order by s.total_yuan desc
    ) as rank_among_departments,
    count(*) over (partition by s.region, s.fiscal_year, s.report_kind, s.subject_code) as departments_with_subject,
    sum(s.total_yuan) over (partition by s.region, s.fiscal_year, s.report_kind, s.subject_code) as region_total_yuan,
    s.document_id
from spending as s
inner join department_totals as t using (department_key, fiscal_year, report_kind)
