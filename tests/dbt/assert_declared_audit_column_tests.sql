-- assert_declared_column_tests for the audit models and those that read them, which are built last: the other one runs while
-- they are built, this one after them. Every table those tests read, but seeds:
-- depends_on: {{ ref('identity_residuals') }}
-- depends_on: {{ ref('identity_results') }}
-- depends_on: {{ ref('mart_disclosure_quality') }}
{{ declared_column_tests(audit=true) }}
