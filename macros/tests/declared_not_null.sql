{#- Every not_null test the YAML declares, as one query: a row per test that finds nulls, with how
    many. The nightly's build runs this (tests/dbt/assert_declared_not_null_columns.sql) in place of
    the 61 tests one by one: dbt spends ~35 ms of its own Python on each test node, two seconds of a
    nightly, where the checks themselves take milliseconds. A full build runs the tests one by one
    (budgetwh/build.py decides). Each check keeps its test's `where` and reads the table the test
    reads; a not_null test on a model the singular test does not depend on is a compile error, so a
    new one cannot be left out. int_build__documents_built must be downstream of every model the
    singular test depends on: dbt runs a test before a model only then, and the build must not record
    its documents before the checks pass (tests/test_incremental_build.py checks the order). -#}
{% macro declared_not_null_checks() %}
    {%- if not execute -%}
        {%- do return('select null as failing_test, 0 as null_rows where false') -%}
    {%- endif -%}
    {%- set checks = [] -%}
    {%- for test in graph.nodes.values() | sort(attribute='unique_id')
            if test.resource_type == 'test' and (test.test_metadata or {}).get('name') == 'not_null' -%}
        {%- set parent_id = test.attached_node or (test.depends_on.nodes | last) -%}
        {%- if parent_id not in model.depends_on.nodes -%}
            {{ exceptions.raise_compiler_error(
                model.name ~ " does not depend on " ~ parent_id ~ ", which " ~ test.name ~ " tests: add a "
                ~ "depends_on line for it to " ~ model.original_file_path) }}
        {%- endif -%}
        {%- set parent = graph.nodes.get(parent_id) or graph.sources.get(parent_id) -%}
        {%- set relation = api.Relation.create(database=parent.database, schema=parent.schema,
                                               identifier=(parent.identifier if parent.resource_type == 'source' else parent.alias)) -%}
        {%- set where = resolved_where(test.config.get('where'), test) -%}
        {%- do checks.append(
            "select '" ~ test.name ~ "' as failing_test, count(*) as null_rows from " ~ relation
            ~ " where (" ~ (where or 'true') ~ ") and " ~ test.test_metadata.kwargs.column_name ~ " is null") -%}
    {%- endfor -%}
    select failing_test, null_rows from (
        {{ checks | join('\n        union all ') }}
    ) as checks
    where null_rows > 0
{% endmacro %}
