{{ config(**scoped_by('department_key')) }}
-- int_documents__preferred: when one department-year-kind has several documents printing the same
-- table (the text, the workbook and a PDF of one disclosure), the facts come from one of them:
-- the text rendering first, then the workbook, then PDF; the one with more body rows, the newest.
with

tables as (
    select
        document_id,
        table_kind,
        count(*) filter (where row_role = 'body') as body_rows
    from {{ scoped_ref('stg_disclosure__table_rows', 'document_id') }}
    where table_kind is not null
    group by document_id, table_kind
),

documents as (
    select * from {{ scoped_ref('int_documents__departments', 'department_key') }}
),

ranked as (
    select
        t.document_id,
        t.table_kind,
        t.body_rows,
        d.department_key,
        d.fiscal_year,
        d.report_kind,
        row_number() over (
            partition by d.department_key, d.fiscal_year, d.report_kind, t.table_kind
            order by
                case d.source_format when 'txt' then 1 when 'xlsx' then 2 else 3 end,
                t.body_rows desc,
                d.ingested_at desc,
                t.document_id
        ) as preference
    from tables as t
    inner join documents as d using (document_id)
)

select * from ranked
