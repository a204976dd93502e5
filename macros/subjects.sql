{% macro subject_level(code) -%}
    case length({{ code }}) when 3 then '类' when 5 then '款' when 7 then '项' end
{%- endmacro %}

{% macro subject_parent(code) -%}
    case length({{ code }}) when 5 then substr({{ code }}, 1, 3) when 7 then substr({{ code }}, 1, 5) end
{%- endmacro %}
