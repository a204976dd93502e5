{#- Descriptions reach the warehouse as comments when a table is created. An incremental run adds
    rows to a table that already has them: its column comments would be rewritten one statement per
    column, after a query of the catalogue, for every model every night (half a second of a
    nightly's build). A changed description changes the project, and budgetwh then rebuilds in full. -#}
{% macro duckdb__persist_docs(relation, model, for_relation=true, for_columns=true) -%}
  {%- set adding_rows = model.config.materialized == 'incremental'
        and not should_full_refresh()
        and load_cached_relation(relation) is not none -%}
  {%- if not adding_rows -%}
    {{ return(default__persist_docs(relation, model, for_relation, for_columns)) }}
  {%- endif -%}
{%- endmacro %}
