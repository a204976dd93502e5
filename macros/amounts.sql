{#- Amounts: how a printed figure becomes exact yuan. The unit is decided here and only here. -#}

{% macro is_number_text(expr) -%}
    {{ text_matches_fully(trimmed(expr), "'[-－]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?'") }}
{%- endmacro %}

{% macro is_money_text(expr) -%}
    {#- a figure that can only be money: decimals or thousands separators (not 行次 1, 2, 27) -#}
    {{ text_matches_fully(trimmed(expr), "'[-－]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\\.[0-9]{1,2}|[0-9]{1,3}(,[0-9]{3})+)'") }}
{%- endmacro %}

{% macro is_blank_amount(expr) -%}
    {#- printed as nothing: empty, a dash, or 无 -#}
    (coalesce({{ trimmed(expr) }}, '') in ('', '—', '-', '－', '——', '--', '/', '无', '一'))
{%- endmacro %}

{% macro parse_amount(expr) -%}
    {#- exact decimal of the figure as printed, in the printed unit; null when it does not parse -#}
    {{ text_to_decimal("replace(replace(replace(" ~ trimmed(expr) ~ ", ',', ''), '－', '-'), ' ', '')", 'decimal(20, 4)') }}
{%- endmacro %}

{#- text_to_decimal(text, type): the number the text spells, null when it spells none. Spark's cast
    reads any script's digits (１２ is 12 to Java): only ASCII text is cast there, as DuckDB does. -#}
{% macro text_to_decimal(text_expr, decimal_type) -%}
    {{ return(adapter.dispatch('text_to_decimal', 'budgetwh')(text_expr, decimal_type)) }}
{%- endmacro %}

{% macro default__text_to_decimal(text_expr, decimal_type) -%}
    try_cast({{ text_expr }} as {{ decimal_type }})
{%- endmacro %}

{% macro spark__text_to_decimal(text_expr, decimal_type) -%}
    case when regexp_like({{ text_expr }}, '^[\x21-\x7e]*$') then try_cast({{ text_expr }} as {{ decimal_type }}) end
{%- endmacro %}

{% macro unit_factor(unit_raw, header_label, table_header_text) -%}
    {#- 万元 when the column says so, else when the table's header rows say (万元), else the
        table's 金额单位 line; 元 by default -#}
    case
        when {{ header_label }} like '%万元%' then 10000
        when {{ header_label }} like '%千元%' then 1000
        when {{ header_label }} like '%（元）%' or {{ header_label }} like '%(元)%' then 1
        when {{ table_header_text }} like '%(万元)%' or {{ table_header_text }} like '%（万元）%' then 10000
        when {{ unit_raw }} like '%万元%' then 10000
        when {{ unit_raw }} like '%千元%' then 1000
        else 1
    end
{%- endmacro %}

{% macro to_yuan(value, factor) -%}
    cast({{ value }} * {{ factor }} as decimal(18, 2))
{%- endmacro %}

{#- ratio(numerator, denominator): a ratio of amounts (a rate, a share, a percentage), in double
    precision as DuckDB divides decimals; Spark would divide exactly and round differently, so it is
    told to divide doubles too. Null or infinite on a zero denominator: guard it where it matters. -#}
{% macro ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('ratio', 'budgetwh')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__ratio(numerator, denominator) -%}
    ({{ numerator }}) / ({{ denominator }})
{%- endmacro %}

{% macro spark__ratio(numerator, denominator) -%}
    (cast({{ numerator }} as double) / cast({{ denominator }} as double))
{%- endmacro %}

{#- round_ratio(x, digits): a ratio rounded half away from zero the way DuckDB rounds a double
    (x · 10ⁿ to the nearest integer, over 10ⁿ); Spark's round() of a double would round the
    shortest decimal spelling instead (0.285 → 0.29 there, 0.28 in DuckDB) -#}
{% macro round_ratio(expr, digits) -%}
    {{ return(adapter.dispatch('round_ratio', 'budgetwh')(expr, digits)) }}
{%- endmacro %}

{% macro default__round_ratio(expr, digits) -%}
    round({{ expr }}, {{ digits }})
{%- endmacro %}

{% macro spark__round_ratio(expr, digits) -%}
    (round(cast({{ expr }} as double) * 1e{{ digits }}, 0) / 1e{{ digits }})
{%- endmacro %}
