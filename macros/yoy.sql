{#- Year over year for a fact: every key of the current year beside the prior year's value (same
    department and report kind, the prior key mapped through the crosswalk), and the keys of the
    prior year that this year lacks, flagged discontinued rather than dropped. -#}
{% macro year_over_year(fact, key, value, crosswalk_classification=none) %}
with

facts as (
    select department_key, fiscal_year, report_kind, {{ key }} as key, {{ value }} as value, document_id
    from {{ fact }}
),

{% if crosswalk_classification %}
crosswalk as (
    select old_code, new_code, first_year_of_new_code
    from {{ ref('subject_crosswalk') }}
    where classification = '{{ crosswalk_classification }}'
),

prior_mapped as (
    -- a prior-year code renumbered this year is compared under its new code
    select
        f.department_key, f.fiscal_year + 1 as fiscal_year, f.report_kind,
        coalesce(c.new_code, f.key) as key,
        sum(f.value) as prior_value
    from facts as f
    left join crosswalk as c
        on c.old_code = f.key and f.fiscal_year + 1 >= c.first_year_of_new_code and f.fiscal_year < c.first_year_of_new_code
    group by all
),
{% else %}
prior_mapped as (
    select department_key, fiscal_year + 1 as fiscal_year, report_kind, key, sum(value) as prior_value
    from facts
    group by all
),
{% endif %}

years as (
    -- the years a department published this kind of document: a subject missing in such a year
    -- was discontinued; a year without a document is simply missing
    select distinct department_key, fiscal_year, report_kind, document_id from facts
),

current_rows as (
    select
        c.department_key, c.fiscal_year, c.report_kind, c.key, c.value, p.prior_value,
        c.document_id,
        p.prior_value is null and exists (
            select 1 from years as y
            where y.department_key = c.department_key and y.fiscal_year = c.fiscal_year - 1 and y.report_kind = c.report_kind
        ) as is_new,
        false as is_discontinued
    from facts as c
    left join prior_mapped as p
        on p.department_key = c.department_key and p.fiscal_year = c.fiscal_year
        and p.report_kind = c.report_kind and p.key = c.key
),

discontinued as (
    select
        p.department_key, p.fiscal_year, p.report_kind, p.key, cast(null as decimal(18, 2)) as value, p.prior_value,
        y.document_id,
        false as is_new,
        true as is_discontinued
    from prior_mapped as p
    inner join years as y
        on y.department_key = p.department_key and y.fiscal_year = p.fiscal_year and y.report_kind = p.report_kind
    where not exists (
        select 1 from facts as c
        where c.department_key = p.department_key and c.fiscal_year = p.fiscal_year
            and c.report_kind = p.report_kind and c.key = p.key
    )
),

combined as (
    select * from current_rows
    union all
    select * from discontinued
)

select
    department_key,
    fiscal_year,
    report_kind,
    key as {{ key }},
    value,
    prior_value,
    cast(coalesce(value, 0) - prior_value as decimal(18, 2)) as change_yuan,
    -- no percentage change from nothing: null, not infinity, when the prior is zero or missing
    case when prior_value is null or prior_value = 0 then null
        else cast({{ round_ratio(ratio('coalesce(value, 0) - prior_value', 'abs(prior_value)') ~ ' * 100', 2) }} as decimal(12, 2))
    end as change_pct,
    is_new,
    is_discontinued,
    document_id
from combined
{% endmacro %}
