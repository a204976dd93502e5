{#- Amounts: how a printed figure becomes exact yuan. The unit is decided here and only here. -#}

{% macro is_number_text(expr) -%}
    regexp_full_match(trim({{ expr }}), '[-－]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?')
{%- endmacro %}

{% macro is_money_text(expr) -%}
    {#- a figure that can only be money: decimals or thousands separators (not 行次 1, 2, 27) -#}
    regexp_full_match(trim({{ expr }}), '[-－]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\.[0-9]{1,2}|[0-9]{1,3}(,[0-9]{3})+)')
{%- endmacro %}

{% macro is_blank_amount(expr) -%}
    {#- printed as nothing: empty, a dash, or 无 -#}
    (coalesce(trim({{ expr }}), '') in ('', '—', '-', '－', '——', '--', '/', '无', '一'))
{%- endmacro %}

{% macro parse_amount(expr) -%}
    {#- exact decimal of the figure as printed, in the printed unit; null when it does not parse -#}
    try_cast(replace(replace(replace(trim({{ expr }}), ',', ''), '－', '-'), ' ', '') as decimal(20, 4))
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
