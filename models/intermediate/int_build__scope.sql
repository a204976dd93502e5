-- int_build__scope: what an incremental build recomputes. The new documents are those not yet in
-- int_build__documents_built (the record a build appends to once everything else succeeded); the
-- scope is every document of their departments (a fact, a YoY row or a cross-year check of one
-- department-year reads its neighbours), and is_new marks the new documents themselves (a region's
-- ranks change only in the new documents' region-years).
{%- set built = documents_built_relation() %}
with

documents as (
    -- the region the marts show (dim_department's), which a region-year's ranks are grouped by
    select d.document_id, d.department_key, coalesce(k.region, d.region) as region, d.fiscal_year
    from {{ ref('int_documents__departments') }} as d
    left join {{ ref('dim_department') }} as k using (department_key)
),

new_documents as (
    select document_id from documents
    {%- if built is not none %}
    where document_id not in (select document_id from {{ built }})
    {%- endif %}
)

select
    d.document_id,
    d.department_key,
    d.region,
    d.fiscal_year,
    d.document_id in (select document_id from new_documents) as is_new
from documents as d
where d.department_key in (
    select department_key from documents where document_id in (select document_id from new_documents)
)
