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

unlisted as (
    select
        economic_code,
        mode(row_label) as subject_name,
        case length(economic_code) when 3 then '类' else '款' end as level,
        case when length(economic_code) = 5 then substr(economic_code, 1, 3) end as parent_code,
        cast(null as integer) as valid_from_year,
        cast(null as integer) as valid_to_year,
        false as is_listed
    from {{ ref('stg_disclosure__basic_economic') }}
    where economic_code is not null
        and economic_code not in (select economic_code from listed)
        and length(economic_code) in (3, 5)
    group by economic_code
)

select * from listed
union all
select * from unlisted
