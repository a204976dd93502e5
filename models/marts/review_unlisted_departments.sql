-- review_unlisted_departments: department names printed that no alias in seeds/department_aliases.csv
-- matches; each still has a key from its normal form, but a person should confirm or alias it.
select
    department_raw,
    department_normalised,
    department_key,
    region,
    count(*) as documents,
    {{ sorted_distinct_list('source_name') }} as source_names
from {{ ref('int_documents__departments') }}
where not is_listed
group by all
