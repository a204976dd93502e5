-- dim_economic_subject: 支出经济分类科目 (301, 30101 …), one row per code and period of meaning
-- (30311 meant 住房公积金 until 2017 and 代缴社会保险费 from 2018).
with

listed as (
    select
        economic_code,
        subject_name,
        level,
        nullif(parent_code, '') as parent_code,
        valid_from_year,
        valid_to_year,
        true as is_listed
    from {{ ref('economic_subjects') }}
),

unlisted_observed as (
    select economic_code, row_label
    from {{ ref('stg_disclosure__basic_economic') }}
    where economic_code is not null
        and economic_code not in (select economic_code from listed)
        and length(economic_code) in (3, 5)
),

printed_names as (
    -- the name printed most often (ties: the first in code-point order)
    select
        economic_code,
        row_label,
        row_number() over (partition by economic_code order by count(*) desc, row_label) as name_rank
    from unlisted_observed
    where row_label is not null
    group by economic_code, row_label
),

unlisted as (
    select
        o.economic_code,
        max(n.row_label) as subject_name,
        case length(o.economic_code) when 3 then '类' else '款' end as level,
        case when length(o.economic_code) = 5 then substr(o.economic_code, 1, 3) end as parent_code,
        cast(null as integer) as valid_from_year,
        cast(null as integer) as valid_to_year,
        false as is_listed
    from unlisted_observed as o
    left join printed_names as n
        on n.economic_code = o.economic_code and n.name_rank = 1
    group by o.economic_code
)

select * from listed
union all
select * from unlisted
