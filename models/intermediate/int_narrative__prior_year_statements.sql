{{ config(**scoped_by('department_key')) }}
-- int_narrative__prior_year_statements: what a narrative says about last year when last year's
-- tables are not in the warehouse — the seed: “三公”经费 支出决算为11.30万元，比2019年减少11.39万元.
with

texts as (
    select n.document_id, n.text, d.department_key, d.fiscal_year, d.report_kind
    from {{ scoped_ref('stg_disclosure__narrative', 'document_id') }} as n
    inner join {{ scoped_ref('int_documents__departments', 'document_id') }} as d using (document_id)
),

three_public as (
    select
        document_id, department_key, fiscal_year, report_kind,
        'total' as item,
        try_cast(regexp_extract(text, '三公[”"]?经费[^。；]{0,40}?支出决算为([0-9.]+)万元', 1) as decimal(18, 4)) as current_wan,
        try_cast(regexp_extract(text, '比((?:19|20)[0-9]{2})年(减少|增加|下降|增长)([0-9.]+)万元', 1) as integer) as prior_year,
        regexp_extract(text, '比((?:19|20)[0-9]{2})年(减少|增加|下降|增长)([0-9.]+)万元', 2) as direction,
        try_cast(regexp_extract(text, '比((?:19|20)[0-9]{2})年(减少|增加|下降|增长)([0-9.]+)万元', 3) as decimal(18, 4)) as change_wan,
        text as statement
    from texts
    where {{ text_matches('text', "'三公[”\"]?经费[^。；]{0,40}?支出决算为[0-9.]+万元[^。；]{0,10}?比(19|20)[0-9]{2}年(减少|增加|下降|增长)[0-9.]+万元'") }}
)

select
    document_id,
    department_key,
    prior_year as fiscal_year,
    report_kind,
    item,
    cast((current_wan + case when direction in ('减少', '下降') then change_wan else -change_wan end) * 10000 as decimal(18, 2))
        as actual_yuan,
    statement
from three_public
where prior_year = fiscal_year - 1
qualify row_number() over (partition by department_key, prior_year, report_kind, item order by document_id) = 1
