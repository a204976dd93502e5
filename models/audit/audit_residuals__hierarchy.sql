{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- audit_residuals__hierarchy: 类 = Σ款, 款 = Σ项, 合计 = Σ类 in every column of the function-subject
-- tables, and the economic 类 = Σ款, 人员经费合计 = 301 + 303, 公用经费合计 = the other 类 of 06.
with

cells as (
    select * from {{ scoped_ref('stg_disclosure__amount_cells', 'document_id') }}
    where table_kind in ('income', 'expenditure', 'general_budget_expenditure', 'government_fund', 'state_capital')
        and parse_status = 'ok'
        and column_rank = 1
        and column_name is not null
        and not is_repeated_over_page_break
),

coded as (
    select *, length(subject_code) as code_length
    from cells
    where subject_code is not null and length(subject_code) in (3, 5, 7)
),

totals as (
    select * from cells
    where subject_code is null and {{ text_matches_fully(clean_label('row_label'), "'(合计|总计)'") }}
),

children as (
    select
        document_id, table_seq, table_kind, column_name,
        case code_length when 5 then substr(subject_code, 1, 3) when 7 then substr(subject_code, 1, 5) end as parent_code,
        sum(value_yuan) as children_yuan,
        count(*) as children
    from coded
    where code_length in (5, 7)
    group by all
),

parents as (
    -- a printed parent row, with zero for a column it leaves blank
    select distinct p.document_id, p.table_seq, p.table_kind, p.subject_code, p.row_label, c.column_name
    from coded as p
    inner join (select distinct document_id, table_seq, column_name from coded) as c using (document_id, table_seq)
    where p.code_length in (3, 5)
),

parent_values as (
    select
        p.*,
        coalesce(v.value_yuan, 0) as parent_yuan
    from parents as p
    left join coded as v
        on v.document_id = p.document_id and v.table_seq = p.table_seq
        and v.subject_code = p.subject_code and v.column_name = p.column_name
),

subject_levels as (
    select
        p.document_id,
        case length(p.subject_code) when 3 then 'hierarchy_lei_equals_sum_of_kuan' else 'hierarchy_kuan_equals_sum_of_xiang' end as identity,
        p.table_kind,
        p.subject_code,
        p.row_label as line_label,
        p.column_name,
        p.parent_yuan as expected_yuan,
        coalesce(c.children_yuan, 0) as actual_yuan,
        coalesce(c.children, 1) as terms
    from parent_values as p
    inner join (select distinct document_id, table_seq, parent_code from children) as has_children
        on has_children.document_id = p.document_id and has_children.table_seq = p.table_seq
        and has_children.parent_code = p.subject_code
    left join children as c
        on c.document_id = p.document_id and c.table_seq = p.table_seq
        and c.parent_code = p.subject_code and c.column_name = p.column_name
    where p.parent_yuan <> 0 or coalesce(c.children_yuan, 0) <> 0
),

lei_sums as (
    select document_id, table_seq, column_name, sum(value_yuan) as lei_yuan, count(*) as lei_rows
    from coded where code_length = 3
    group by all
),

total_level as (
    select
        t.document_id, 'hierarchy_total_equals_sum_of_lei', t.table_kind, cast(null as string), t.row_label, t.column_name,
        t.value_yuan, coalesce(l.lei_yuan, 0), coalesce(l.lei_rows, 1)
    from totals as t
    inner join (select distinct document_id, table_seq from coded where code_length = 3) as has_lei using (document_id, table_seq)
    left join lei_sums as l using (document_id, table_seq, column_name)
    qualify row_number() over (partition by t.document_id, t.table_seq, t.column_name order by t.row_no) = 1
),

economic as (
    select * from {{ scoped_ref('stg_disclosure__basic_economic', 'document_id') }}
    where table_kind = 'general_budget_basic_economic' and column_name = 'amount' and not is_repeated_over_page_break
),

economic_codes as (
    -- the seed prints 30399 twice: the first line of a code counts
    select * from economic
    where economic_code is not null and length(economic_code) in (3, 5)
    qualify row_number() over (partition by document_id, table_seq, economic_code order by row_no, column_index) = 1
),

economic_levels as (
    select
        p.document_id, 'economic_lei_equals_sum_of_kuan', p.table_kind, p.economic_code, p.row_label, 'amount',
        coalesce(p.amount_yuan, 0), coalesce(sum(c.amount_yuan), 0), count(*)
    from economic_codes as p
    inner join economic_codes as c
        on c.document_id = p.document_id and c.table_seq = p.table_seq
        and length(c.economic_code) = 5 and substr(c.economic_code, 1, 3) = p.economic_code
    where length(p.economic_code) = 3
    group by all
),

economic_totals as (
    select
        t.document_id,
        case t.total_line when 'personnel_total' then 'economic_personnel_total' else 'economic_public_total' end,
        t.table_kind, cast(null as string), t.row_label, 'amount',
        coalesce(t.amount_yuan, 0),
        coalesce(sum(l.amount_yuan) filter (
            where (t.total_line = 'personnel_total' and l.economic_code in ('301', '303'))
               or (t.total_line = 'public_total' and l.economic_code not in ('301', '303'))
        ), 0),
        count(*)
    from economic as t
    inner join economic_codes as l
        on l.document_id = t.document_id and l.table_seq = t.table_seq and length(l.economic_code) = 3
    where t.total_line in ('personnel_total', 'public_total')
    group by all
),

economic_columns as (
    -- Shanghai's budget form prints 人员经费 and 公用经费 as columns: the 合计 row's cell in each
    -- column is the sum of the 类 rows' cells, and 合计 itself the sum of the 类 rows' 合计
    select * from {{ scoped_ref('stg_disclosure__basic_economic', 'document_id') }}
    where table_kind = 'general_budget_basic_economic' and not is_repeated_over_page_break
        and column_name in ('amount', 'personnel', 'public')
),

economic_column_totals as (
    select
        t.document_id,
        case t.column_name
            when 'personnel' then 'economic_personnel_total'
            when 'public' then 'economic_public_total'
            else 'hierarchy_total_equals_sum_of_lei'
        end,
        t.table_kind, cast(null as string), t.row_label, t.column_name,
        coalesce(t.amount_yuan, 0), coalesce(sum(l.amount_yuan), 0), count(l.amount_yuan)
    from economic_columns as t
    inner join economic_columns as l
        on l.document_id = t.document_id and l.table_seq = t.table_seq and l.column_name = t.column_name
        and length(l.economic_code) = 3
    where t.total_line = 'total'
        and exists (
            select 1 from economic_columns as p
            where p.document_id = t.document_id and p.table_seq = t.table_seq and p.column_name = 'personnel'
        )
    group by all
)

select * from subject_levels
union all select * from total_level
union all select * from economic_levels
union all select * from economic_totals
union all select * from economic_column_totals
