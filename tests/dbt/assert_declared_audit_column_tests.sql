-- assert_declared_column_tests for the audit models, which are built last: the other one runs while
-- they are built, this one after them. Every table those tests read, but seeds:
-- depends_on: {{ ref('identity_residuals') }}
-- depends_on: {{ ref('identity_results') }}
{{ declared_column_tests(audit=true) }}
