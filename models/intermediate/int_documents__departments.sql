-- int_documents__departments: each document's department, matched to one key through the alias
-- seed and the normal form of its name (whitespace, full-width, 中国共产党X委员会 = 中共X委).
with

documents as (
    select * from {{ ref('stg_disclosure__documents') }}
),

aliases as (
    -- several spellings share one normal form (中国共产党X委员会 and 中共X委)
    select
        {{ normalise_department('alias') }} as alias_normalised,
        {{ any_non_null('department_name') }} as department_name,
        {{ any_non_null('region') }} as region
    from {{ ref('department_aliases') }}
    group by 1
),

matched as (
    select
        d.document_id,
        d.source_name,
        d.source_format,
        d.department_raw,
        d.department_normalised,
        d.fiscal_year,
        d.report_kind,
        d.is_synthetic,
        d.ingested_at,
        coalesce(a.department_name, d.department_raw) as department_name,
        a.department_name is not null as is_listed,
        a.region as listed_region
    from documents as d
    left join aliases as a
        on a.alias_normalised = d.department_normalised
),

final as (
    select
        *,
        {{ department_key(normalise_department('department_name')) }} as department_key,
        coalesce(listed_region, {{ region_of('department_name') }}) as region
    from matched
)

select * from final
