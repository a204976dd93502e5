{#- The nightly validates the residuals its build recomputed while dbt still builds what comes after
    them (budgetwh/nightly.py): DuckDB lets no other process read the warehouse while dbt writes it,
    and the suites take over a second, which they now spend beside the build's last models instead
    of after them. A post-hook of identity_residuals writes its scope's rows to the parquet file
    BUDGETWH_VALIDATION_HANDOFF names (.parquet), then an empty .done file beside it once they are
    complete. Nothing is written on a full build, or when the variable is unset. -#}
{% macro hand_over_to_validation() %}
    {%- set handoff = env_var('BUDGETWH_VALIDATION_HANDOFF', '') | replace("'", "''") -%}
    {%- if handoff and target.type == 'duckdb' and is_incremental() -%}
        copy (select * from {{ this }} where {{ in_build_scope(config.get('unique_key')) }})
            to '{{ handoff }}.parquet' (format parquet);
        copy (select 1 as complete where false) to '{{ handoff }}.done' (format csv)
    {%- endif -%}
{% endmacro %}
