{{ config(**scoped_by('document_id')) }}
-- audit_residuals__plausibility: what is not an identity but is still news — a unit slip, execution
-- above 100 %, a negative amount, a required table missing, an empty table without its sentence,
-- an economic code printed twice. One row per finding, and one passing row per document and check.
with

documents as (
    select document_id, report_kind from {{ scoped_ref('stg_disclosure__documents', 'document_id') }}
),

document_tables as (
    select document_id, table_seq, {{ any_non_null('table_kind') }} as table_kind,
        bool_or(is_empty_table_sentence) as says_empty
    from {{ scoped_ref('stg_disclosure__table_rows', 'document_id') }}
    where table_kind is not null
    group by document_id, table_seq
),

checked_documents as (
    -- documents that print tables (a narrative-only companion PDF is checked with its tables' document)
    select distinct document_id from document_tables
    where table_kind not in ('narrative', 'performance_narrative')
),

-- a unit slip: one column of 三公 in 万元 beside the other in 元 (the seed's 预算数 44.31 against
-- 112,985.10), or two figures that must agree differing by a factor of 10,000
three_public_slips as (
    select
        document_id, 'unit_slip' as identity, 'three_public_costs' as table_kind, cast(null as string) as subject_code,
        '“三公”经费合计 预算数 against 决算数' as line_label, 'budget' as column_name,
        max(amount_yuan) filter (where measure = 'actual') as expected_yuan,
        max(amount_yuan) filter (where measure = 'budget') as actual_yuan
    from {{ scoped_ref('stg_disclosure__three_public_costs', 'document_id') }}
    where item = 'total'
    group by document_id
    having max(amount_yuan) filter (where measure = 'actual') > 0 and max(amount_yuan) filter (where measure = 'budget') > 0
        and ({{ ratio("max(amount_yuan) filter (where measure = 'actual')", "max(amount_yuan) filter (where measure = 'budget')") }} between 500 and 200000
          or {{ ratio("max(amount_yuan) filter (where measure = 'budget')", "max(amount_yuan) filter (where measure = 'actual')") }} between 500 and 200000)
),

comparisons as (
    select * from {{ scoped_ref('audit_residuals__rows', 'document_id') }}
    union all select * from {{ scoped_ref('audit_residuals__hierarchy', 'document_id') }}
    union all select * from {{ scoped_ref('audit_residuals__cross_table', 'document_id') }}
),

comparison_slips as (
    select
        document_id, 'unit_slip', table_kind, subject_code, line_label || '（' || identity || '）', column_name,
        expected_yuan, actual_yuan
    from comparisons
    where expected_yuan <> 0 and actual_yuan <> 0
        and (abs({{ ratio('expected_yuan', 'actual_yuan') }} - 10000) <= 100 or abs({{ ratio('actual_yuan', 'expected_yuan') }} - 10000) <= 100)
),

slips as (
    select *, true as failed from three_public_slips
    union all select *, true from comparison_slips
),

execution as (
    select
        document_id, 'execution_above_100_percent' as identity, 'project_performance' as table_kind,
        cast(null as string) as subject_code, project_name as line_label, 'executed' as column_name,
        max(value_yuan) filter (where column_name = 'budget_full_year') as expected_yuan,
        max(value_yuan) filter (where column_name = 'executed') as actual_yuan
    from {{ scoped_ref('stg_disclosure__project_performance', 'document_id') }}
    where fund_line = '年度资金总额'
    group by document_id, table_seq, project_name
),

negatives as (
    select
        document_id, 'negative_amount' as identity, table_kind, subject_code, row_label as line_label, column_name,
        cast(0 as decimal(18, 2)) as expected_yuan, value_yuan as actual_yuan, true as failed
    from {{ scoped_ref('stg_disclosure__amount_cells', 'document_id') }}
    where value_yuan < 0
        and table_kind in ('income', 'expenditure', 'general_budget_expenditure', 'general_budget_basic_economic', 'three_public_costs')
),

required as (
    select
        c.document_id, 'required_table_missing' as identity, k.table_kind, cast(null as string) as subject_code,
        k.table_kind as line_label, cast(null as string) as column_name,
        cast(null as decimal(18, 2)) as expected_yuan, cast(null as decimal(18, 2)) as actual_yuan,
        not exists (select 1 from document_tables as t where t.document_id = c.document_id and t.table_kind = k.table_kind) as failed
    from checked_documents as c
    cross join (values
        ('income_expenditure_summary'), ('income'), ('expenditure'), ('fiscal_appropriation_summary'),
        ('general_budget_expenditure'), ('general_budget_basic_economic'), ('three_public_costs')
    ) as k(table_kind)
),

table_figures as (
    select document_id, table_seq, count(*) filter (where value is not null and value <> 0) as figures
    from {{ scoped_ref('stg_disclosure__amount_cells', 'document_id') }}
    group by all
),

narrative as (
    select n.document_id, n.table_seq, n.row_no, n.text, d.department_key, d.fiscal_year, d.report_kind
    from {{ scoped_ref('stg_disclosure__narrative', 'document_id') }} as n
    inner join {{ scoped_ref('int_documents__departments', 'document_id') }} as d using (document_id)
),

said_empty as (
    -- the department-year's narrative (in the document, or a separate narrative PDF) says the fund has
    -- nothing: 本部门无政府性基金预算, …支出0万元…本部门无此项支出, or its section heading followed by 无
    select distinct n.department_key, n.fiscal_year, n.report_kind, f.table_kind
    from narrative as n
    inner join (values ('government_fund', '政府性基金'), ('state_capital', '国有资本经营')) as f(table_kind, fund)
        on contains(n.text, f.fund)
    left join narrative as after
        on after.document_id = n.document_id and after.table_seq = n.table_seq and after.row_no = n.row_no + 1
    where {{ text_matches('n.text', "'无此项|本部门无|没有|(^|[^0-9.])0(\\.0+)?万元'") }}
        or after.text in ('无', '无。')
),

empty_tables as (
    select
        t.document_id, 'empty_table_without_sentence' as identity, t.table_kind, cast(null as string) as subject_code,
        t.table_kind as line_label, cast(null as string) as column_name,
        cast(null as decimal(18, 2)) as expected_yuan, cast(null as decimal(18, 2)) as actual_yuan,
        coalesce(f.figures, 0) = 0 and not coalesce(t.says_empty, false) and s.table_kind is null as failed
    from document_tables as t
    left join table_figures as f using (document_id, table_seq)
    left join {{ scoped_ref('int_documents__departments', 'document_id') }} as d using (document_id)
    left join said_empty as s
        on s.department_key = d.department_key and s.fiscal_year = d.fiscal_year
        and s.report_kind = d.report_kind and s.table_kind = t.table_kind
    where t.table_kind in ('government_fund', 'state_capital')
),

duplicate_codes as (
    -- 5-digit codes printed on two lines of one 06 table, figures or not (the seed's 30399)
    select
        document_id, 'duplicate_economic_code' as identity, 'general_budget_basic_economic' as table_kind,
        code as subject_code, code || ' printed ' || count(*) || ' times' as line_label, 'amount' as column_name,
        cast(null as decimal(18, 2)) as expected_yuan, cast(null as decimal(18, 2)) as actual_yuan, true as failed
    from (
        select document_id, table_seq, row_no, {{ trimmed('cell') }} as code
        from (
            select document_id, table_seq, row_no, {{ exploded('cells') }} as cell
            from {{ scoped_ref('stg_disclosure__table_rows', 'document_id') }}
            where table_kind = 'general_budget_basic_economic' and row_role = 'body' and not is_repeated_over_page_break
        ) as printed
    ) as codes
    where {{ text_matches_fully('code', "'[0-9]{5}'") }}
    group by document_id, table_seq, code
    having count(*) > 1
),

found as (
    select * from slips
    union all select *, coalesce(actual_yuan > expected_yuan, false) from execution
    union all select * from negatives
    union all select * from required
    union all select * from empty_tables
    union all select * from duplicate_codes
),

clean_documents as (
    -- checked and found nothing: one passing row per document and check
    select
        c.document_id, x.identity, cast(null as string) as table_kind, cast(null as string) as subject_code,
        cast(null as string) as line_label, cast(null as string) as column_name,
        cast(null as decimal(18, 2)) as expected_yuan, cast(null as decimal(18, 2)) as actual_yuan, false as failed
    from checked_documents as c
    cross join (values ('unit_slip'), ('negative_amount'), ('duplicate_economic_code')) as x(identity)
    where not exists (select 1 from found as f where f.document_id = c.document_id and f.identity = x.identity)
)

select * from found
union all select * from clean_documents
