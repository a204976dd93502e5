{{ config(**scoped_by('document_id')) }}
-- audit_residuals__narrative: a figure the narrative states (情况说明, 公开10表) against the table's
-- figure at the narrative's precision. A table figure printed in 万元 under a 元 header still agrees
-- here (unit_slip reports that); a narrative figure in the wrong unit does not.
with

texts as (
    select n.document_id, n.row_no, n.text, d.department_key, d.fiscal_year, d.report_kind
    from {{ scoped_ref('stg_disclosure__narrative', 'document_id') }} as n
    inner join {{ scoped_ref('int_documents__departments', 'document_id') }} as d using (document_id)
),

{#- The patterns are written into the query as literals, one branch each: a regular expression
    read from a column is compiled again for every row it meets (58 s of 61 s at 10,000
    department-years), a literal once per query. -#}
{%- set patterns_query -%}
    select priority, keyword, pattern, figure from {{ ref('narrative_patterns') }} order by priority
{%- endset -%}
{%- set patterns = run_query(patterns_query).rows if execute else [] %}

matches as (
    -- every occurrence in the text; a '{name}' figure takes the name the pattern captures first
    {%- for p in patterns %}
    {%- set pattern = sql_literal(p['pattern']) %}
    {%- set is_named = '{name}' in p['figure'] %}
    select
        t.document_id, t.department_key, t.fiscal_year, t.report_kind, t.row_no,
        {{ sql_literal(p['figure']) }} as figure,
        {{ p['priority'] }} as priority,
        {{ is_named }} as is_named,
        regexp_extract_all(t.text, {{ pattern }}, 1) as first_group,
        regexp_extract_all(t.text, {{ pattern }}, 2) as second_group,
        {% if is_named %}regexp_extract_all(t.text, {{ pattern }}, 3){% else %}null{% endif %} as third_group
    from texts as t
    -- the literal a pattern needs is a cheap filter before the regular expression
    where contains(t.text, '元') and contains(t.text, {{ sql_literal(p['keyword']) }})
        and {{ text_matches('t.text', pattern) }}
    {% if not loop.last %}union all{% endif %}
    {%- else %}
    select
        t.document_id, t.department_key, t.fiscal_year, t.report_kind, t.row_no,
        cast(null as string) as figure, 0 as priority, false as is_named,
        {{ empty_list() }} as first_group, {{ empty_list() }} as second_group, {{ empty_list() }} as third_group
    from texts as t
    where false
    {%- endfor %}
),

stated as (
    select
        document_id, department_key, fiscal_year, report_kind, row_no, priority,
        case when is_named then replace(figure, '{name}', {{ list_item('first_group', 'i') }}) else figure end as figure,
        case when is_named then {{ list_item('second_group', 'i') }} else {{ list_item('first_group', 'i') }} end as number_text,
        case when is_named then {{ list_item('third_group', 'i') }} else {{ list_item('second_group', 'i') }} end as unit_text
    from matches, {{ list_positions('first_group', 'r', 'i') }}
),

stated_figures as (
    select
        *,
        {{ text_to_decimal("replace(number_text, ',', '')", 'decimal(20, 4)') }} as number,
        case unit_text when '万元' then 10000 else 1 end as unit_factor
    from stated
    qualify row_number() over (partition by document_id, figure order by row_no, priority) = 1
),

document_figures as (
    select f.document_id, d.department_key, d.fiscal_year, d.report_kind, f.figure, f.amount_yuan
    from {{ scoped_ref('audit_document_figures', 'document_id') }} as f
    inner join {{ scoped_ref('int_documents__departments', 'document_id') }} as d using (document_id)
    union all
    -- 项目支出收入: what is not 基本支出 of 本年收入合计
    select i.document_id, d.department_key, d.fiscal_year, d.report_kind, 'project_income', i.amount_yuan - b.amount_yuan
    from {{ scoped_ref('audit_document_figures', 'document_id') }} as i
    inner join {{ scoped_ref('audit_document_figures', 'document_id') }} as b
        on b.document_id = i.document_id and b.figure = 'flow_income_basic'
    inner join {{ scoped_ref('int_documents__departments', 'document_id') }} as d on d.document_id = i.document_id
    where i.figure = 'summary_income_total'
),

alternatives as (
    -- a figure written 'a|b' is a, or b where the document prints no a
    select s.*, alternative, alternative_rank
    from stated_figures as s,
        {{ split_with_ordinality('s.figure', '|', 'x', 'alternative', 'alternative_rank') }}
),

candidates as (
    -- the narrative's own document first; a separate narrative PDF takes its department-year's tables
    select
        a.*,
        coalesce(same.amount_yuan, other.amount_yuan) as table_yuan
    from alternatives as a
    left join document_figures as same
        on same.document_id = a.document_id and same.figure = a.alternative
    left join (
        select department_key, fiscal_year, report_kind, figure, min(amount_yuan) as amount_yuan
        from document_figures group by all
    ) as other
        on other.department_key = a.department_key and other.fiscal_year = a.fiscal_year
        and other.report_kind = a.report_kind and other.figure = a.alternative
),

matched as (
    select
        document_id, department_key, fiscal_year, report_kind, row_no, priority,
        figure, number_text, unit_text, number, unit_factor, table_yuan
    from candidates
    qualify row_number() over (
        partition by document_id, figure order by (table_yuan is null), alternative_rank
    ) = 1
),

final as (
    select
        document_id,
        'narrative_figure_matches_table' as identity,
        'narrative' as table_kind,
        cast(null as string) as subject_code,
        figure || ': ' || number_text || unit_text as line_label,
        figure as column_name,
        coalesce(table_yuan, 0) as expected_yuan,
        cast(number * unit_factor as decimal(18, 2)) as actual_yuan,
        -- agrees at the narrative's printed precision, in the table's unit or (a slipped table) 万元
        abs(number * unit_factor - coalesce(table_yuan, 0)) > 0.01 * unit_factor
            and abs(number * unit_factor - coalesce(table_yuan, 0) * 10000) > 0.01 * unit_factor as failed
    from matched
    where number is not null and (table_yuan is not null or figure like 'three_public_%')
)

select * from final
