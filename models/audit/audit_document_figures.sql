{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- audit_document_figures: the key figures each document prints, one row per document and figure,
-- gathered once for the cross-table, narrative and cross-year checks.
with

summary as (
    select * from {{ scoped_ref('stg_disclosure__summary_lines', 'document_id') }}
),

summary_totals as (
    select
        document_id,
        case table_kind when 'income_expenditure_summary' then 'summary_' else 'appropriation_' end || line_role
            -- 04 prints its expenditure side by fund: 合计 is the plain figure, the funds get a suffix
            || case column_name
                when 'expenditure_general_budget' then '_general_budget'
                when 'expenditure_government_fund' then '_government_fund'
                when 'expenditure_state_capital' then '_state_capital'
                else ''
            end as figure,
        amount_yuan,
        row_no,
        column_name
    from summary
    where line_role in ('income_total', 'expenditure_total', 'opening_balance', 'closing_balance',
                        'grand_total_income_side', 'grand_total_expenditure_side', 'non_fiscal_balance_used', 'balance_distribution')
        and column_name in ('income_amount', 'expenditure_amount', 'expenditure_total',
                            'expenditure_general_budget', 'expenditure_government_fund', 'expenditure_state_capital')
),

income_lines as (
    -- 01's income lines above 本年收入合计 (not the 1./（1） breakdowns): each by name, and
    -- 财政拨款收入 as the sum of the appropriation lines
    select l.document_id, l.line_name, l.amount_yuan
    from summary as l
    where l.table_kind = 'income_expenditure_summary' and l.line_role = 'income_line' and not l.is_sub_line
        and l.row_no < coalesce((
            select min(t.row_no) from summary as t
            where t.document_id = l.document_id and t.table_seq = l.table_seq and t.line_role = 'income_total'
        ), 1000000)
),

income_line_figures as (
    select document_id, 'summary_income_line:' || regexp_replace(line_name, '^事业单位', '') as figure, sum(amount_yuan) as amount_yuan
    from income_lines
    group by all
    union all
    select document_id, 'summary_fiscal_income', sum(amount_yuan)
    from income_lines
    where line_name like '%财政拨款%'
    group by all
),

flow_lei as (
    select document_id, 'flow_lei:' || {{ clean_label('row_label') }} as figure, expenditure_total_yuan as amount_yuan
    from {{ scoped_ref('stg_disclosure__budget_flow', 'document_id') }}
    where table_kind = 'general_budget_expenditure' and length(subject_code) = 3 and not is_repeated_over_page_break
    qualify row_number() over (partition by document_id, subject_code order by row_no) = 1
),

first_of_each as (
    select document_id, figure, amount_yuan
    from summary_totals
    qualify row_number() over (partition by document_id, figure order by row_no, column_name) = 1
),

table_totals as (
    -- the 合计 rows of 02, 03 and 05
    select document_id, 'income_table_total' as figure, total_yuan as amount_yuan
    from {{ scoped_ref('stg_disclosure__income', 'document_id') }}
    where {{ text_matches_fully(clean_label('row_label'), "'(合计|总计|本年收入合计)'") }} and subject_code is null
    qualify row_number() over (partition by document_id order by row_no) = 1
    union all
    select document_id, 'expenditure_table_total', total_yuan
    from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where {{ text_matches_fully(clean_label('row_label'), "'(合计|总计|本年支出合计)'") }} and subject_code is null
    qualify row_number() over (partition by document_id order by row_no) = 1
    union all
    select document_id, 'expenditure_table_basic', basic_yuan
    from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where {{ text_matches_fully(clean_label('row_label'), "'(合计|总计|本年支出合计)'") }} and subject_code is null
    qualify row_number() over (partition by document_id order by row_no) = 1
    union all
    select document_id, 'expenditure_table_project', project_yuan
    from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where {{ text_matches_fully(clean_label('row_label'), "'(合计|总计|本年支出合计)'") }} and subject_code is null
    qualify row_number() over (partition by document_id order by row_no) = 1
),

flow_total_rows as (
    -- 05's first 合计 row
    select * from {{ scoped_ref('stg_disclosure__budget_flow', 'document_id') }}
    where table_kind = 'general_budget_expenditure'
        and {{ text_matches_fully(clean_label('row_label'), "'(合计|总计)'") }} and subject_code is null
    qualify row_number() over (partition by document_id order by row_no) = 1
),

flow_totals as (
    -- its block totals, one figure each
    select
        r.document_id,
        f.figure,
        case f.figure
            when 'flow_opening_total' then r.opening_total_yuan
            when 'flow_income_total' then r.income_total_yuan
            when 'flow_income_basic' then r.income_basic_yuan
            when 'flow_income_project' then r.income_project_yuan
            when 'flow_expenditure_total' then r.expenditure_total_yuan
            when 'flow_expenditure_basic' then r.expenditure_basic_yuan
            when 'flow_expenditure_project' then r.expenditure_project_yuan
            when 'flow_closing_total' then r.closing_total_yuan
            when 'flow_closing_project' then coalesce(r.closing_project_yuan, r.closing_project_carryover_yuan)
        end as amount_yuan
    from flow_total_rows as r
    cross join (values
        ('flow_opening_total'), ('flow_income_total'), ('flow_income_basic'), ('flow_income_project'),
        ('flow_expenditure_total'), ('flow_expenditure_basic'), ('flow_expenditure_project'),
        ('flow_closing_total'), ('flow_closing_project')
    ) as f(figure)
),

economic_totals as (
    select
        document_id,
        case total_line when 'personnel_total' then 'economic_personnel_total' else 'economic_public_total' end as figure,
        amount_yuan
    from {{ scoped_ref('stg_disclosure__basic_economic', 'document_id') }}
    where table_kind = 'general_budget_basic_economic' and total_line in ('personnel_total', 'public_total')
        and column_name = 'amount'
    qualify row_number() over (partition by document_id, total_line order by row_no, column_index) = 1
    union all
    select document_id, 'economic_' || economic_code, amount_yuan
    from {{ scoped_ref('stg_disclosure__basic_economic', 'document_id') }}
    where table_kind = 'general_budget_basic_economic' and economic_code in ('30217', '30231') and column_name = 'amount'
    qualify row_number() over (partition by document_id, economic_code order by row_no, column_index) = 1
),

three_public as (
    select document_id, 'three_public_' || item || '_' || measure as figure, amount_yuan
    from {{ scoped_ref('stg_disclosure__three_public_costs', 'document_id') }}
    where is_money and item not in ('section', 'count')
    qualify row_number() over (partition by document_id, item, measure order by row_no, column_index) = 1
)

select * from first_of_each
union all select * from income_line_figures
union all select * from flow_lei
union all select * from table_totals
union all select * from flow_totals
union all select * from economic_totals
union all select * from three_public
