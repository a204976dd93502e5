{#- Text: cleaning printed labels and matching them. DuckDB's functions are the default; Spark's
    differ where noted (its trim() strips only ' ', its regexes are Java's, it has no full match,
    it replaces every match and writes a back-reference $1). Spark runs with
    spark.sql.parser.escapedStringLiterals=true, so '\s' reaches both regex engines as written. -#}

{% macro clean_label(expr) -%}
    {#- a printed label without spaces, quotes or line-break artefacts, for matching -#}
    regexp_replace({{ replace_all('coalesce(' ~ expr ~ ", '')", "'[\\s“”\"‘’]+'", "''") }}, '[：:]$', '')
{%- endmacro %}

{% macro first_filled(list_expr) -%}
    {{ list_item(filtered_list(list_expr, 'x', "x is not null and " ~ trimmed('x') ~ " <> ''"), 1) }}
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

{#- trimmed(x): without the spaces around it (every Unicode space separator, 　 included) -#}
{% macro trimmed(expr) -%}
    {{ return(adapter.dispatch('trimmed', 'budgetwh')(expr)) }}
{%- endmacro %}

{% macro default__trimmed(expr) -%}
    trim({{ expr }})
{%- endmacro %}

{% macro spark__trimmed(expr) -%}
    regexp_replace({{ expr }}, '^\p{Zs}+|\p{Zs}+$', '')
{%- endmacro %}

{#- text_matches(x, pattern): the pattern (a SQL expression) occurs somewhere in x -#}
{% macro text_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('text_matches', 'budgetwh')(expr, pattern)) }}
{%- endmacro %}

{% macro default__text_matches(expr, pattern) -%}
    regexp_matches({{ expr }}, {{ pattern }})
{%- endmacro %}

{% macro spark__text_matches(expr, pattern) -%}
    regexp_like({{ expr }}, {{ pattern }})
{%- endmacro %}

{#- text_matches_fully(x, pattern): the pattern (a SQL expression) matches the whole of x -#}
{% macro text_matches_fully(expr, pattern) -%}
    {{ return(adapter.dispatch('text_matches_fully', 'budgetwh')(expr, pattern)) }}
{%- endmacro %}

{% macro default__text_matches_fully(expr, pattern) -%}
    regexp_full_match({{ expr }}, {{ pattern }})
{%- endmacro %}

{% macro spark__text_matches_fully(expr, pattern) -%}
    regexp_like({{ expr }}, concat('^(?:', {{ pattern }}, ')\z'))
{%- endmacro %}

{#- replace_all(x, pattern, replacement): every match of the pattern replaced -#}
{% macro replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('replace_all', 'budgetwh')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro spark__replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}

{#- group_ref(n): the n-th captured group inside a replacement string -#}
{% macro group_ref(n) -%}
    {{ return(adapter.dispatch('group_ref', 'budgetwh')(n)) }}
{%- endmacro %}

{% macro default__group_ref(n) -%}
    \{{ n }}
{%- endmacro %}

{% macro spark__group_ref(n) -%}
    ${{ n }}
{%- endmacro %}

{#- ordered_string_agg(x, separator, order_by): the values of a group joined in that order
    (nulls skipped); a FILTER clause may follow on both engines -#}
{% macro ordered_string_agg(expr, separator, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'budgetwh')(expr, separator, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expr, separator, order_by) -%}
    string_agg({{ expr }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(expr, separator, order_by) -%}
    string_agg({{ expr }}, {{ separator }}) within group (order by {{ order_by }})
{%- endmacro %}

{#- sql_literal(text): a Python string (a seed's value read at compile time) as a SQL string literal.
    Both engines take backslashes in a literal as written (Spark with escapedStringLiterals); a
    single quote is refused rather than escaped, because the engines escape it differently. -#}
{% macro sql_literal(value) -%}
    {%- if "'" in value -%}
        {{ exceptions.raise_compiler_error("a single quote cannot be written as a literal on every target: " ~ value) }}
    {%- endif -%}
    '{{ value }}'
{%- endmacro %}
