{#- The YAML's generic tests (of the kinds of var one_query_test_kinds: all this project declares) as
    one query: a row per test that fails, with its failing rows. An incremental build (the nightly)
    runs this singular test (tests/dbt/assert_declared_column_tests.sql) in place of 106 tests
    one by one: dbt spends ~35 ms of its own Python on each test node, over three seconds of a
    nightly, where the checks themselves take milliseconds. A full build runs the tests one by one
    (budgetwh/build.py decides).

    Each check keeps its test's `where` (macros/tests/new_documents.sql) and reads the tables the test
    reads. A table the singular test does not depend on is a compile error, so a new test cannot be
    left out; and int_build__documents_built must be downstream of every table the singular test
    depends on, because dbt runs a test before a model only then, and a build must not record its
    documents before the checks pass (tests/test_incremental_build.py checks both). -#}
{#- `audit`: the tests on the audit schema's models and those that read them, which are built last
    (tests/dbt has one singular test for them and one for the rest, which then runs beside the audit
    models instead of after them). Not int_build__documents_built's: it is built after every check by
    design; a full build tests it, and on an incremental build its new rows are int_build__scope's
    new documents, whose uniqueness is checked here. -#}
{% macro declared_column_tests(audit=false) %}
    {%- if not execute -%}
        {%- do return('select null as failing_test, 0 as failing_rows where false') -%}
    {%- endif -%}
    {%- set checks = [] -%}
    {%- for test in graph.nodes.values() | sort(attribute='unique_id')
            if test.resource_type == 'test' and (test.test_metadata or {}).get('name') in var('one_query_test_kinds') -%}
        {%- set kwargs = test.test_metadata.kwargs -%}
        {%- set tested = _declared_test_relation(kwargs.model, test, audit) -%}
        {%- if tested is not none -%}
            {%- set where = resolved_where(test.config.get('where'), test) or 'true' -%}
            {%- set failing = _declared_test_failures(test, kwargs, where) -%}
            {%- do checks.append("select '" ~ test.name ~ "' as failing_test, count(*) as failing_rows from ("
                                 ~ failing ~ ") as failing") -%}
        {%- endif -%}
    {%- endfor -%}
    select failing_test, failing_rows from (
        {{ checks | join('\n        union all ') }}
    ) as checks
    where failing_rows > 0
{% endmacro %}


{#- The failing rows of one declared test: its own generic test (dbt's unique, not_null,
    accepted_values, relationships; macros/tests/generic_tests.sql for the rest) called with its
    arguments, over the tested relation narrowed by the test's `where`. -#}
{% macro _declared_test_failures(test, kwargs, where) %}
    {%- set generic = {
        'not_null': test_not_null, 'unique': test_unique, 'accepted_values': test_accepted_values,
        'relationships': test_relationships, 'unique_combination_of_columns': test_unique_combination_of_columns,
        'expression_is_true': test_expression_is_true, 'accepted_range': test_accepted_range,
    } -%}
    {%- set name = test.test_metadata.name -%}
    {%- if name not in generic -%}
        {{ exceptions.raise_compiler_error("declared_column_tests: no one-query form for the " ~ name ~ " test " ~ test.name
                                           ~ " (dbt_project.yml, vars.one_query_test_kinds)") }}
    {%- endif -%}
    {%- set arguments = {} -%}
    {%- for key, value in kwargs.items() if value is not none -%}
        {%- do arguments.update({key: value}) -%}
    {%- endfor -%}
    {%- do arguments.update({'model': "(select * from " ~ _declared_test_relation(kwargs.model, test, none)
                                      ~ " where " ~ where ~ ") dbt_subquery"}) -%}
    {%- if 'to' in kwargs -%}
        {%- do arguments.update({'to': _declared_test_relation(kwargs.to, test, none)}) -%}
    {%- endif -%}
    {%- do return(generic[name](**arguments)) -%}
{% endmacro %}


{#- The relation of "ref('x')" / "source('a', 'b')" as a test's arguments spell it, which must be one
    the singular test being compiled depends on; none when `audit` (true or false) says the relation is
    the other singular test's. -#}
{% macro _declared_test_relation(spelled, test, audit) %}
    {%- set found = modules.re.search("ref\\(\\s*'([^']+)'\\s*\\)|source\\(\\s*'([^']+)'\\s*,\\s*'([^']+)'\\s*\\)", spelled) -%}
    {%- if not found -%}
        {{ exceptions.raise_compiler_error(test.name ~ ": cannot read the relation in " ~ spelled) }}
    {%- endif -%}
    {%- set candidates = [] -%}
    {%- if found.group(1) -%}
        {%- for n in graph.nodes.values() if n.name == found.group(1) and n.resource_type in ('model', 'seed', 'snapshot') -%}
            {%- do candidates.append(n) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for n in graph.sources.values() if n.source_name == found.group(2) and n.name == found.group(3) -%}
            {%- do candidates.append(n) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if candidates | length != 1 -%}
        {{ exceptions.raise_compiler_error(test.name ~ ": no single node for " ~ spelled) }}
    {%- endif -%}
    {%- set node = candidates[0] -%}
    {%- if audit is not none and (node.name == 'int_build__documents_built' or _built_with_audit(node) != audit) -%}
        {%- do return(none) -%}
    {%- endif -%}
    {#- a seed is not a dependency: an incremental build excludes the seeds, and with them every test
        that depends on one (they are those of the last full build, and upstream of the models anyway) -#}
    {%- if node.resource_type != 'seed' and node.unique_id not in model.depends_on.nodes -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ " does not depend on " ~ node.unique_id ~ ", which " ~ test.name ~ " reads: add a "
            ~ "depends_on line for it to " ~ model.original_file_path) }}
    {%- endif -%}
    {%- do return(api.Relation.create(database=node.database, schema=node.schema,
                                      identifier=(node.identifier if node.resource_type == 'source' else node.alias))) -%}
{% endmacro %}


{#- A model of the audit schema, or one that reads one (mart_disclosure_quality): built last. -#}
{% macro _built_with_audit(node) %}
    {%- if node.resource_type != 'model' -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- for upstream in [node.unique_id] + node.depends_on.nodes if upstream in graph.nodes -%}
        {%- if graph.nodes[upstream].resource_type == 'model' and graph.nodes[upstream].fqn[1] == 'audit' -%}
            {%- do return(true) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return(false) -%}
{% endmacro %}
