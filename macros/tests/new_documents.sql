{#- The staging models that add only new documents (macros/incremental.sql, only_new_documents) hold
    every printed row and figure: millions of rows, which a nightly's tests would scan whole to check
    one new document. A test configured `where: "__new_documents__"` checks, on an incremental
    build, only the documents this build adds: its key includes document_id, so their rows cannot
    collide with another document's, and the rows of earlier documents were checked by the build that
    added them. A full build checks everything. (Overriding get_where_subquery is dbt's documented
    way to give a test's `where` logic decided at run time.) -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = resolved_where(config.get('where'), model) -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}


{#- A test's `where`, its placeholders replaced for this build; `test` is the test's node. -#}
{% macro resolved_where(where, test) -%}
    {%- if where and '__new_documents__' in where -%}
        {%- set where = where | replace('__new_documents__', new_documents_condition()) -%}
    {%- endif -%}
    {%- if where and '__build_scope__' in where -%}
        {%- set where = where | replace('__build_scope__', build_scope_condition(test)) -%}
    {%- endif -%}
    {%- do return(where) -%}
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
        {%- set documents = api.Relation.create(database=target.database, schema='raw', identifier='documents') -%}
        document_id in {{ unbuilt_documents(documents, built) }}
    {%- endif -%}
{%- endmacro %}


{#- The same for the models recomputed for the build scope (macros/incremental.sql, scoped_by): a
    test configured `where: "__build_scope__"` checks, on an incremental build, the rows the build
    deleted and inserted again — the scope of the tested model's unique_key (a department, a
    document, a region-year). The rest are the rows an earlier build checked, unchanged. Only for
    tests whose key includes the scope's columns (unique, not null): no row outside the scope can
    collide with one inside. -#}
{% macro build_scope_condition(test) -%}
    {%- set scoped = [] -%}
    {%- if execute and target.type == 'duckdb' and not flags.FULL_REFRESH and documents_built_relation() is not none -%}
        {%- for node_id in test.depends_on.nodes if node_id.startswith('model.') -%}
            {%- set tested = graph.nodes.get(node_id) -%}
            {%- if tested and tested.config.materialized == 'incremental' and tested.config.incremental_strategy == 'replace_scope' -%}
                {%- do scoped.append(tested.config) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if scoped | length != 1 -%}
        true
    {%- else -%}
        {#- by name: a ref() would make the test wait for nothing, but dbt allows only declared refs -#}
        {%- set scope = api.Relation.create(database=target.database, schema=generate_schema_name('intermediate', none),
                                            identifier='int_build__scope') -%}
        {{ in_build_scope(scoped[0].unique_key, scope, new_documents_only=scoped[0].get('new_documents_only', false)) }}
    {%- endif -%}
{%- endmacro %}
