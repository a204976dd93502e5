{#- dbt-duckdb's incremental materialization, with one shortcut for the models configured
    `in_place=true` (macros/incremental.sql: the append-only staging models and the scoped models).

    On an incremental run dbt-duckdb writes the new rows to a temporary table, reads the columns of
    both tables four times to reconcile their schemas, then copies the rows over: two passes over
    the rows and half a dozen statements per model, for every one of a nightly's 40-odd incremental
    models (BENCHMARKS.md). The columns of these models change only when the project changes, and budgetwh
    rebuilds in full then (budgetwh/build.py, the project's fingerprint); so their incremental runs
    insert the model's rows straight into the table, by column name, in the transaction that deletes
    the rows they replace. A column the table lacks fails the insert, naming it: after changing such
    a model, a plain `dbt build` needs --full-refresh (budgetwh build does it by itself).

    Full builds, first builds and every other model take dbt-duckdb's own materialization, which
    this one shadows by name and calls as `dbt.materialization_incremental_duckdb` (the adapter's
    macros are in the `dbt` namespace; dbt-duckdb is pinned, so the name is too). -#}
{% materialization incremental, adapter='duckdb', supported_languages=['sql', 'python'] %}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set in_place = config.get('in_place', false)
          and model['language'] == 'sql'
          and existing_relation is not none
          and existing_relation.is_table
          and not should_full_refresh() -%}
    {%- if not in_place -%}
        {{ return(dbt.materialization_incremental_duckdb()) }}
    {%- endif -%}

    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set strategy = config.get('incremental_strategy') or 'append' -%}
    {%- if strategy not in ('append', 'replace_scope') -%}
        {{ exceptions.raise_compiler_error("in_place incremental models append or replace_scope, not " ~ strategy) }}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {% call statement('main') -%}
        {%- if strategy == 'replace_scope' %}
        delete from {{ target_relation }} where {{ in_build_scope(config.get('unique_key')) }};
        {%- endif %}
        insert into {{ target_relation }} by name
        select * from (
            {{ compiled_code }}
        ) as new_rows
    {%- endcall %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
