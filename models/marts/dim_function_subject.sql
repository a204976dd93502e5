-- dim_function_subject: 支出功能分类科目 (类/款/项) — the seed's names where listed, else the name
-- printed; every code the facts use is here (unlisted ones flagged for review, never dropped).
with

listed as (
    select subject_code, subject_name, level, nullif(parent_code, '') as parent_code, true as is_listed
    from {{ ref('function_subjects') }}
),

observed as (
    select subject_code, row_label
    from {{ ref('stg_disclosure__income') }} where subject_code is not null
    union all
    select subject_code, row_label from {{ ref('stg_disclosure__expenditure') }} where subject_code is not null
    union all
    select subject_code, row_label from {{ ref('stg_disclosure__budget_flow') }} where subject_code is not null
),

unlisted_observed as (
    select * from observed
    where subject_code not in (select subject_code from listed)
        and length(subject_code) in (3, 5, 7)
),

printed_names as (
    -- the name printed most often (ties: the first in code-point order)
    select
        subject_code,
        row_label,
        row_number() over (partition by subject_code order by count(*) desc, row_label) as name_rank
    from unlisted_observed
    where row_label is not null
    group by subject_code, row_label
),

unlisted as (
    select
        o.subject_code,
        max(n.row_label) as subject_name,
        {{ subject_level('o.subject_code') }} as level,
        {{ subject_parent('o.subject_code') }} as parent_code,
        false as is_listed
    from unlisted_observed as o
    left join printed_names as n
        on n.subject_code = o.subject_code and n.name_rank = 1
    group by o.subject_code
)

select * from listed
union all
select * from unlisted
