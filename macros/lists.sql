{#- Lists (a row's printed cells, names, identities). DuckDB's lists are 1-based and unnest in the
    select list; Spark's arrays are filtered with filter(), indexed with element_at() and exploded
    with explode()/inline(), and its collect_* aggregates skip nulls. -#}

{#- filtered_list(list, x, condition on x): the elements that meet the condition, in order -#}
{% macro filtered_list(list_expr, param, body) -%}
    {{ return(adapter.dispatch('filtered_list', 'budgetwh')(list_expr, param, body)) }}
{%- endmacro %}

{% macro default__filtered_list(list_expr, param, body) -%}
    list_filter({{ list_expr }}, {{ lambda_fn(param, body) }})
{%- endmacro %}

{% macro spark__filtered_list(list_expr, param, body) -%}
    filter({{ list_expr }}, {{ lambda_fn(param, body) }})
{%- endmacro %}

{#- list_item(list, i): the i-th element, 1-based (negative counts from the end); null when
    there is none (i = 0 or past the end) -#}
{% macro list_item(list_expr, index) -%}
    {{ return(adapter.dispatch('list_item', 'budgetwh')(list_expr, index)) }}
{%- endmacro %}

{% macro default__list_item(list_expr, index) -%}
    ({{ list_expr }})[{{ index }}]
{%- endmacro %}

{% macro spark__list_item(list_expr, index) -%}
    try_element_at({{ list_expr }}, nullif({{ index }}, 0))
{%- endmacro %}

{#- list_size(list): how many elements; null for a null list -#}
{% macro list_size(list_expr) -%}
    {{ return(adapter.dispatch('list_size', 'budgetwh')(list_expr)) }}
{%- endmacro %}

{% macro default__list_size(list_expr) -%}
    len({{ list_expr }})
{%- endmacro %}

{% macro spark__list_size(list_expr) -%}
    case when {{ list_expr }} is not null then size({{ list_expr }}) end
{%- endmacro %}

{#- list_has(list, value): the list holds the value -#}
{% macro list_has(list_expr, value) -%}
    {{ return(adapter.dispatch('list_has', 'budgetwh')(list_expr, value)) }}
{%- endmacro %}

{% macro default__list_has(list_expr, value) -%}
    list_contains({{ list_expr }}, {{ value }})
{%- endmacro %}

{% macro spark__list_has(list_expr, value) -%}
    array_contains({{ list_expr }}, {{ value }})
{%- endmacro %}

{#- sorted_distinct_list(x[, where]): aggregate — the distinct non-null values of a group, sorted;
    null when the group (or its filtered part) has none -#}
{% macro sorted_distinct_list(expr, where=none) -%}
    {{ return(adapter.dispatch('sorted_distinct_list', 'budgetwh')(expr, where)) }}
{%- endmacro %}

{% macro default__sorted_distinct_list(expr, where) -%}
    list(distinct {{ expr }} order by {{ expr }}) filter (where {{ expr }} is not null{% if where %} and ({{ where }}){% endif %})
{%- endmacro %}

{% macro spark__sorted_distinct_list(expr, where) -%}
    nullif(array_sort(collect_set({{ expr }}){% if where %} filter (where {{ where }}){% endif %}), array())
{%- endmacro %}

{#- empty_list(): a list of no text values -#}
{% macro empty_list() -%}
    {{ return(adapter.dispatch('empty_list', 'budgetwh')()) }}
{%- endmacro %}

{% macro default__empty_list() -%}
    []
{%- endmacro %}

{% macro spark__empty_list() -%}
    cast(array() as array<string>)
{%- endmacro %}

{#- exploded(list): in a select list, one row per element (nulls included, none for an empty list) -#}
{% macro exploded(list_expr) -%}
    {{ return(adapter.dispatch('exploded', 'budgetwh')(list_expr)) }}
{%- endmacro %}

{% macro default__exploded(list_expr) -%}
    unnest({{ list_expr }})
{%- endmacro %}

{% macro spark__exploded(list_expr) -%}
    explode({{ list_expr }})
{%- endmacro %}

{#- exploded_with_position(list, value, position): in a select list, one row per element as two
    columns, the element and its 1-based position -#}
{% macro exploded_with_position(list_expr, value_name, position_name) -%}
    {{ return(adapter.dispatch('exploded_with_position', 'budgetwh')(list_expr, value_name, position_name)) }}
{%- endmacro %}

{% macro default__exploded_with_position(list_expr, value_name, position_name) -%}
    unnest({{ list_expr }}) as {{ value_name }},
        generate_subscripts({{ list_expr }}, 1) as {{ position_name }}
{%- endmacro %}

{% macro spark__exploded_with_position(list_expr, value_name, position_name) -%}
    inline(transform({{ list_expr }}, (element__, index__) -> named_struct(
        '{{ value_name }}', element__, '{{ position_name }}', index__ + 1
    )))
{%- endmacro %}

{#- list_positions(list, alias, column): a from-item after a comma, lateral to the row before it —
    one row per position 1 … len(list) (none for an empty list) -#}
{% macro list_positions(list_expr, alias, column) -%}
    {{ return(adapter.dispatch('list_positions', 'budgetwh')(list_expr, alias, column)) }}
{%- endmacro %}

{% macro default__list_positions(list_expr, alias, column) -%}
    range(1, len({{ list_expr }}) + 1) as {{ alias }}({{ column }})
{%- endmacro %}

{% macro spark__list_positions(list_expr, alias, column) -%}
    lateral explode(case when size({{ list_expr }}) > 0 then sequence(1, size({{ list_expr }})) end) as {{ alias }}({{ column }})
{%- endmacro %}

{#- split_with_ordinality(text, separator, alias, value, ordinal): a from-item after a comma, lateral
    to the row before it — the text split at a literal separator, each part with its 1-based place -#}
{% macro split_with_ordinality(expr, separator, alias, value_name, ordinal_name) -%}
    {{ return(adapter.dispatch('split_with_ordinality', 'budgetwh')(expr, separator, alias, value_name, ordinal_name)) }}
{%- endmacro %}

{% macro default__split_with_ordinality(expr, separator, alias, value_name, ordinal_name) -%}
    unnest(string_split({{ expr }}, '{{ separator }}')) with ordinality as {{ alias }}({{ value_name }}, {{ ordinal_name }})
{%- endmacro %}

{% macro spark__split_with_ordinality(expr, separator, alias, value_name, ordinal_name) -%}
    lateral inline(transform(split({{ expr }}, '\Q{{ separator }}\E'), (element__, index__) -> named_struct(
        '{{ value_name }}', element__, '{{ ordinal_name }}', index__ + 1
    ))) as {{ alias }}({{ value_name }}, {{ ordinal_name }})
{%- endmacro %}
