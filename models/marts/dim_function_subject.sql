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

unlisted as (
    select
        subject_code,
        mode(row_label) as subject_name,
        {{ subject_level('subject_code') }} as level,
        {{ subject_parent('subject_code') }} as parent_code,
        false as is_listed
    from observed
    where subject_code not in (select subject_code from listed)
        and length(subject_code) in (3, 5, 7)
    group by subject_code
)

select * from listed
union all
select * from unlisted
