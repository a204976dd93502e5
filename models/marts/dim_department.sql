-- dim_department: one row per department, whatever spellings its documents print.
with

documents as (
    select * from {{ ref('int_documents__departments') }}
),

printed_names as (
    -- the names printed over individual tables too (the seed's 委委员会 typo sits over 04-09)
    select distinct d.department_key, r.table_department_raw as name
    from {{ ref('stg_disclosure__table_rows') }} as r
    inner join documents as d using (document_id)
    where r.table_department_raw is not null and r.table_department_raw <> ''
    union
    select department_key, department_raw from documents where department_raw is not null
),

seed_aliases as (
    select distinct d.department_key, a.alias as name
    from {{ ref('department_aliases') }} as a
    inner join documents as d
        on {{ normalise_department('a.department_name') }} = {{ normalise_department('d.department_name') }}
),

aliases as (
    select department_key, {{ sorted_distinct_list('name') }} as aliases
    from (select * from printed_names union select * from seed_aliases)
    group by department_key
),

ranked as (
    -- the name and region of the listed spelling first, then of the earliest landed document
    select
        *,
        row_number() over (
            partition by department_key order by department_name is null, is_listed desc, ingested_at
        ) as name_rank,
        row_number() over (
            partition by department_key order by region is null, is_listed desc, ingested_at
        ) as region_rank
    from documents
),

departments as (
    select
        department_key,
        max(case when name_rank = 1 then department_name end) as department_name,
        max(case when region_rank = 1 then region end) as region,
        bool_or(is_synthetic) as is_synthetic,
        bool_or(is_listed) as is_listed,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(distinct document_id) as document_count
    from ranked
    group by department_key
)

select
    d.department_key,
    d.department_name,
    d.region,
    coalesce(a.aliases, {{ empty_list() }}) as aliases,
    d.is_synthetic,
    d.is_listed,
    d.first_fiscal_year,
    d.last_fiscal_year,
    d.document_count
from departments as d
left join aliases as a using (department_key)
