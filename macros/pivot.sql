{#- One wide row per printed row: <column>_yuan (exact) and <column>_printed (as printed) for
    every column the header named. Cells not pivoted here stay in stg_disclosure__unmapped_amounts. -#}
{% macro pivot_amount_cells(table_kinds, columns) %}
with

cells as (
    select * from {{ ref('stg_disclosure__amount_cells') }}
    where table_kind in ({% for kind in table_kinds %}'{{ kind }}'{% if not loop.last %}, {% endif %}{% endfor %})
        and parse_status = 'ok'
        and column_rank = 1
        and column_name in ({% for column in columns %}'{{ column }}'{% if not loop.last %}, {% endif %}{% endfor %}) {{ scope_filter('document_id') }}
),

pivoted as (
    select
        -- ids
        document_id,
        table_seq,
        row_no,
        {{ any_non_null('table_kind') }} as table_kind,
        -- the row
        {{ any_non_null('subject_code') }} as subject_code,
        {{ any_non_null('row_label') }} as row_label,
        -- amounts (yuan, exact) and as printed
        {% for column in columns %}
        max(case when column_name = '{{ column }}' then value_yuan end) as {{ column }}_yuan,
        max(case when column_name = '{{ column }}' then printed end) as {{ column }}_printed,
        {% endfor %}
        max(unit_factor) as unit_factor,
        -- lineage
        {{ any_non_null('page_no') }} as page_no,
        bool_or(is_repeated_over_page_break) as is_repeated_over_page_break
    from cells
    group by document_id, table_seq, row_no
)

select * from pivoted
{% endmacro %}
