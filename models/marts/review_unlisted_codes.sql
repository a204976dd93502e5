-- review_unlisted_codes: subject codes the facts use that no seed lists, with where they were
-- printed; a person adds them to seeds/ (or finds the misprint).
with

function_codes as (
    select 'function' as classification, f.subject_code as code, f.subject_name as name_printed,
        count(*) as printed_rows, min(fi.document_id) as example_document_id
    from {{ ref('dim_function_subject') }} as f
    left join (
        select subject_code, document_id from {{ ref('stg_disclosure__expenditure') }}
        union all select subject_code, document_id from {{ ref('stg_disclosure__income') }}
        union all select subject_code, document_id from {{ ref('stg_disclosure__budget_flow') }}
    ) as fi using (subject_code)
    where not f.is_listed
    group by all
),

economic_codes as (
    select 'economic' as classification, e.economic_code as code, e.subject_name as name_printed,
        count(*) as printed_rows, min(b.document_id) as example_document_id
    from {{ ref('dim_economic_subject') }} as e
    left join {{ ref('stg_disclosure__basic_economic') }} as b using (economic_code)
    where not e.is_listed
    group by all
)

select * from function_codes
union all
select * from economic_codes
