{#- first_printed_in_preferred_document(rows, table_kind, keys, order_by): the rows of the preferred
    document of each department-year and report kind (int_documents__preferred), the first printed
    one per key. A fact is one figure per department-year: a line printed twice (a 06 line repeated,
    a table printed again further on) stays in staging and counts once here. -#}
{% macro first_printed_in_preferred_document(rows, table_kind, keys, order_by='r.table_seq, r.row_no') -%}
    select
        p.department_key,
        p.fiscal_year,
        p.report_kind,
        r.*
    from {{ rows }} as r
    inner join {{ scoped_ref('int_documents__preferred', 'document_id') }} as p
        on p.document_id = r.document_id
        and p.table_kind = '{{ table_kind }}'
        and p.preference = 1
    qualify row_number() over (
        partition by p.department_key, p.fiscal_year, p.report_kind, {{ keys }}
        order by {{ order_by }}
    ) = 1
{%- endmacro %}
