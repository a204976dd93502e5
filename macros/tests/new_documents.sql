{#- The staging models that add only new documents (macros/incremental.sql, only_new_documents) hold
    every printed row and figure: millions of rows, which a nightly's tests would scan whole to check
    one new document. A test configured `where: "__new_documents__"` checks, on an incremental
    build, only the documents this build adds: its key includes document_id, so their rows cannot
    collide with another document's, and the rows of earlier documents were checked by the build that
    added them. A full build checks everything. (Overriding get_where_subquery is dbt's documented
    way to give a test's `where` logic decided at run time.) -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where and '__new_documents__' in where -%}
        {%- set where = where | replace('__new_documents__', new_documents_condition()) -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}


{#- The documents not yet in int_build__documents_built, which the build appends at its very end
    (after every test of these models). Read by name, not ref(): a ref would make these tests wait
    for the end of the build, and the models below them for these tests. -#}
{% macro new_documents_condition() -%}
    {%- set built = none -%}
    {%- if target.type == 'duckdb' and not flags.FULL_REFRESH -%}
        {%- set built = documents_built_relation() -%}
    {%- endif -%}
    {%- if built is none -%}
        true
    {%- else -%}
        document_id not in (select document_id from {{ built }})
    {%- endif -%}
{%- endmacro %}
