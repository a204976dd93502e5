{#- Aggregates and window functions whose spelling or null handling differs between engines. -#}

{#- any_non_null(x): aggregate — some non-null value of the group (DuckDB's any_value skips
    nulls; Spark's takes the first value, null or not, unless told to skip them) -#}
{% macro any_non_null(expr) -%}
    {{ return(adapter.dispatch('any_non_null', 'budgetwh')(expr)) }}
{%- endmacro %}

{% macro default__any_non_null(expr) -%}
    any_value({{ expr }})
{%- endmacro %}

{% macro spark__any_non_null(expr) -%}
    any_value({{ expr }}, true)
{%- endmacro %}

{#- last_non_null(x): window — the last non-null value of the frame (an OVER clause follows) -#}
{% macro last_non_null(expr) -%}
    {{ return(adapter.dispatch('last_non_null', 'budgetwh')(expr)) }}
{%- endmacro %}

{% macro default__last_non_null(expr) -%}
    last_value({{ expr }} ignore nulls)
{%- endmacro %}

{% macro spark__last_non_null(expr) -%}
    last_value({{ expr }}, true)
{%- endmacro %}
