{% macro normalise_department(expr) -%}
    {#- one spelling per department: no whitespace, half-width ASCII and brackets,
        and the 中国共产党X委员会 form written as 中共X委 -#}
    regexp_replace(
        translate(
            {{ replace_all('coalesce(' ~ expr ~ ", '')", "'\\s+'", "''") }},
            '（）［］０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ',
            '()[]0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        ),
        '^中国共产党(.+?)委员会', '中共{{ group_ref(1) }}委'
    )
{%- endmacro %}

{% macro department_key(normalised_name) -%}
    substr(md5({{ normalised_name }}), 1, 16)
{%- endmacro %}

{% macro region_of(name) -%}
    {#- the government a department belongs to, read off its name: 上海市普陀区, 玉溪市, 江苏省. The
        party, the CPPCC and the youth league print their national name first (中国人民政治协商会议
        玉溪市委员会): it is not the region -#}
    nullif(regexp_extract(
        regexp_replace({{ name }}, '^(中国共产党|中共|中国人民政治协商会议|政协|中国共产主义青年团|共青团)', ''),
        '^(([^省市区县]{2,7}省)?([^省市区县]{2,7}市)?([^省市区县委]{2,7}[区县])?)', 1
    ), '')
{%- endmacro %}
