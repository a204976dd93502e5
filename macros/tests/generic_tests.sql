{#- The generic tests this project needs (the dbt_utils / dbt_expectations kind), written here
    because dbt deps cannot reach the package hub. Each returns the offending rows. -#}

{% test expression_is_true(model, expression, column_name=none, where=none) %}
select * from {{ model }}
where not coalesce(({{ expression }}), false)
{% if where %} and ({{ where }}){% endif %}
{% endtest %}

{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
select * from {{ model }}
where {{ column_name }} is not null and (
    false
    {% if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
    {% if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
)
{% endtest %}

{% test matches_pattern(model, column_name, pattern) %}
select * from {{ model }}
where {{ column_name }} is not null and not {{ text_matches_fully(column_name, "'" ~ pattern ~ "'") }}
{% endtest %}

{% test equal_row_count(model, compare_model) %}
select * from (
    select (select count(*) from {{ model }}) as model_rows, (select count(*) from {{ compare_model }}) as compare_rows
) where model_rows <> compare_rows
{% endtest %}
