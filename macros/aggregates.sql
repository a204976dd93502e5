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

{#- set_fingerprint(x): aggregate — one value for the set of x in the group, whatever the order:
    the count and the sum of a 64-bit hash of each value. Unlike a hash of the values joined in
    order, it never holds the whole group in one string (which a million residuals outgrow), and
    it is computed in parallel. The two engines hash differently; each agrees with itself. -#}
{% macro set_fingerprint(expr) -%}
    {{ return(adapter.dispatch('set_fingerprint', 'budgetwh')(expr)) }}
{%- endmacro %}

{% macro default__set_fingerprint(expr) -%}
    count(*) || ':' || coalesce(cast(sum(cast(hash({{ expr }}) as hugeint)) as varchar), '')
{%- endmacro %}

{% macro spark__set_fingerprint(expr) -%}
    cast(count(*) as string) || ':' || coalesce(cast(sum(cast(xxhash64({{ expr }}) as decimal(38, 0))) as string), '')
{%- endmacro %}
