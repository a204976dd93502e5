{#- Documents never change (raw is keyed by the sha256 of the file), so a model whose rows
    depend on one document alone only needs the documents it has not seen: the nightly adds one
    document without re-reading the rest. `budgetwh build` rebuilds everything in full when the
    project itself (models, macros, seeds) has changed since the last build. -#}
{% macro only_new_documents(document_column='document_id') %}
    {%- set documents = source('raw', 'documents') -%}
    {%- if is_incremental() %}
    {%- set built = documents_built_relation() if target.type == 'duckdb' else none %}
    {%- if built is none %}
    and {{ document_column }} not in (select distinct document_id from {{ this }})
    {%- else %}
    {#- The candidates are the few documents the last finished build did not have; a build that
        failed half-way may have added some of them to this model already. Looking those up is a
        scan of one column, where the distinct documents of this model were a hash of millions of rows. #}
    {%- set candidates = unbuilt_documents(documents, built) %}
    and {{ document_column }} in {{ candidates }}
    and {{ document_column }} not in (select document_id from {{ this }} where document_id in {{ candidates }})
    {%- endif %}
    {%- endif %}
{% endmacro %}


{#- The documents of `documents` (raw.documents) not in `built` (int_build__documents_built): those
    landed since the last build that finished, as a subquery. -#}
{% macro unbuilt_documents(documents, built) -%}
    (select document_id from {{ documents }} where document_id not in (select document_id from {{ built }}))
{%- endmacro %}


{#- int_build__documents_built, the record of the documents every earlier build finished with (it is
    appended to at the very end of a build), or none before the first build. Looked up by name: the
    models and tests that read it run before it in the same build. -#}
{% macro documents_built_relation() %}
    {%- if not execute -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- do return(adapter.get_relation(database=target.database, schema=generate_schema_name('intermediate', none),
                                       identifier='int_build__documents_built')) -%}
{% endmacro %}


{#- The build scope: a model whose rows depend on more than one document (a fact takes the preferred
    of a department-year's documents, a YoY row the prior year, a rank the whole region-year) is
    recomputed for the scope of int_build__scope only: every document of every department that has
    a document not yet built, and the region-years of those new documents. The rows of that scope are
    deleted and inserted again (incremental_strategy 'replace_scope', unique_key naming the scope;
    macros/materializations/incremental.sql): replacing, not merging, so that a row the new document
    makes obsolete disappears too.

    A model whose rows depend on their own document alone (a staging table's typed rows, a document's
    own sums) says `new_documents_only=true`: its scope is the new documents, not their departments'
    other documents, whose rows the project (unchanged, or the build is a full one) would compute
    again the same. Finding one document's rows in a table of millions is an equality DuckDB checks
    in the scan; finding a department's twenty was a join after reading every row (BENCHMARKS.md).

    On Spark (parquet tables, no delete) these models are plain tables, rebuilt whole: Spark is for
    full builds at scale; the nightly runs on DuckDB. -#}
{% macro scoped_by(unique_key, new_documents_only=false) %}
    {%- if new_documents_only and unique_key != 'document_id' -%}
        {{ exceptions.raise_compiler_error("scoped_by: new_documents_only needs unique_key 'document_id', not " ~ unique_key) }}
    {%- endif -%}
    {%- if target.type == 'duckdb' -%}
        {%- do return({'materialized': 'incremental', 'incremental_strategy': 'replace_scope',
                       'unique_key': unique_key, 'in_place': true, 'new_documents_only': new_documents_only}) -%}
    {%- else -%}
        {%- do return({'materialized': 'table'}) -%}
    {%- endif -%}
{% endmacro %}


{#- `column in the scope`: department_key, document_id, or ['region', 'fiscal_year'] (the new
    documents' region-years): the condition, on every run (scope_filter adds it on incremental runs only).
    `new_documents_only`: the new documents, not every document of their departments (by default,
    as the model being built is configured: scoped_by). -#}
{% macro in_build_scope(unique_key, scope=none, new_documents_only=none) %}
    {%- set scope = scope or ref('int_build__scope') -%}
    {%- if new_documents_only is none -%}
        {%- set new_documents_only = config.get('new_documents_only', false) -%}
    {%- endif -%}
    {%- if unique_key is string -%}
        {%- set keys = [unique_key] -%}
    {%- else -%}
        {%- set keys = unique_key -%}
    {%- endif -%}
    {%- if keys == ['department_key'] -%}
        department_key in (select department_key from {{ scope }})
    {%- elif keys == ['document_id'] -%}
        document_id in (select document_id from {{ scope }}{{ ' where is_new' if new_documents_only else '' }})
    {%- elif keys == ['region', 'fiscal_year'] -%}
        (region, fiscal_year) in (select region, fiscal_year from {{ scope }} where is_new)
    {%- else -%}
        {{ exceptions.raise_compiler_error("in_build_scope: no scope for key " ~ keys) }}
    {%- endif -%}
{% endmacro %}


{#- `and <column in the scope>` on an incremental run of a scoped model; nothing on a full build.
    Put it on every input that is read per department or document, as early as possible: DuckDB
    does not push a filter through the windows of a model. -#}
{% macro scope_filter(unique_key) %}
    {%- set condition = in_build_scope(unique_key) -%}
    {%- if is_incremental() %} and {{ condition }}{% endif -%}
{% endmacro %}


{#- ref(model_name), narrowed to the build scope on an incremental run of a scoped model: a
    subquery in place of the table, so that every input is cut to the scope before any window. -#}
{% macro scoped_ref(model_name, unique_key='document_id') %}
    {%- set relation = ref(model_name) -%}
    {%- set condition = in_build_scope(unique_key) -%}
    {%- if is_incremental() -%}
        (select * from {{ relation }} where {{ condition }})
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{% endmacro %}
