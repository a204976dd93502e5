-- stg_disclosure__documents: one row per landed document, typed, with the department's normal form
with

source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- what the document says about itself
        source_name,
        source_format,
        department_raw,
        {{ normalise_department('department_raw') }} as department_normalised,
        fiscal_year,
        report_kind,
        is_synthetic,
        -- size and provenance
        page_count,
        table_count,
        row_count,
        warnings,
        ingested_at,
        parser_version
    from source
)

select * from renamed
