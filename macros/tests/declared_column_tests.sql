{#- The YAML's not_null, accepted_values and relationships tests (var one_query_test_kinds) as one query: a row per test that
    fails, with its failing rows. An incremental build (the nightly) runs this singular test
    (tests/dbt/assert_declared_column_tests.sql) in place of the 81 tests one by one: dbt spends
    ~35 ms of its own Python on each test node, almost three seconds of a nightly, where the checks
    themselves take milliseconds. A full build runs the tests one by one (budgetwh/build.py decides).

    Each check keeps its test's `where` (macros/tests/new_documents.sql) and reads the tables the test
    reads. A table the singular test does not depend on is a compile error, so a new test cannot be
    left out; and int_build__documents_built must be downstream of every table the singular test
    depends on, because dbt runs a test before a model only then, and a build must not record its
    documents before the checks pass (tests/test_incremental_build.py checks both). -#}
{#- `audit`: the tests on the audit schema's models, which are built last (tests/dbt has one singular
    test for them and one for the rest, which then runs beside the audit models instead of after them) -#}
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
            {%- set column = kwargs.column_name -%}
            {%- set name = test.test_metadata.name -%}
            {%- if name == 'not_null' -%}
                {%- set condition = column ~ ' is null' -%}
            {%- elif name == 'accepted_values' -%}
                {%- set quoted = [] -%}
                {%- for value in kwargs['values'] -%}
                    {%- do quoted.append("'" ~ value ~ "'" if kwargs.get('quote', true) else value) -%}
                {%- endfor -%}
                {%- set condition = column ~ ' is not null and ' ~ column ~ ' not in (' ~ quoted | join(', ') ~ ')' -%}
            {%- else -%}
                {%- set parent = _declared_test_relation(kwargs.to, test, none) -%}
                {%- set condition = column ~ ' is not null and not exists (select 1 from ' ~ parent ~ ' as parent where parent.'
                                    ~ kwargs.field ~ ' = tested.' ~ column ~ ')' -%}
            {%- endif -%}
            {%- do checks.append("select '" ~ test.name ~ "' as failing_test, count(*) as failing_rows from "
                                 ~ tested ~ " as tested where (" ~ where ~ ") and " ~ condition) -%}
        {%- endif -%}
    {%- endfor -%}
    select failing_test, failing_rows from (
        {{ checks | join('\n        union all ') }}
    ) as checks
    where failing_rows > 0
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
    {%- if audit is not none and (node.resource_type == 'model' and node.fqn[1] == 'audit') != audit -%}
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
