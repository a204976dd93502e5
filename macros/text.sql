{% macro clean_label(expr) -%}
    {#- a printed label without spaces, quotes or line-break artefacts, for matching -#}
    regexp_replace(regexp_replace(coalesce({{ expr }}, ''), '[\s“”"‘’]+', '', 'g'), '[：:]$', '')
{%- endmacro %}

{% macro first_filled(list_expr) -%}
    list_filter({{ list_expr }}, {{ lambda_fn('x', "x is not null and trim(x) <> ''") }})[1]
{%- endmacro %}

{% macro lambda_fn(param, body) -%}
    {{ return(adapter.dispatch('lambda_fn', 'budgetwh')(param, body)) }}
{%- endmacro %}

{% macro default__lambda_fn(param, body) -%}
    lambda {{ param }}: {{ body }}
{%- endmacro %}

{% macro spark__lambda_fn(param, body) -%}
    {{ param }} -> {{ body }}
{%- endmacro %}
