{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- audit_residuals__balances: the two summary tables balance (公开01表, 公开04表): 本年收入合计 = its
-- lines, 本年支出合计 = its 类 lines, 总计 both sides, and the non-fiscal money (01 - 04) flows.
with

lines as (
    select * from {{ scoped_ref('stg_disclosure__summary_lines', 'document_id') }}
),

totals_at as (
    select document_id, table_seq, line_role, min(row_no) as row_no
    from lines
    where line_role in ('income_total', 'expenditure_total')
    group by all
),

income_lines as (
    -- the income lines printed above 本年收入合计 (04 prints a breakdown of 年初 below it)
    select l.document_id, l.table_seq, l.table_kind, sum(l.amount_yuan) as lines_yuan
    from lines as l
    inner join totals_at as t
        on t.document_id = l.document_id and t.table_seq = l.table_seq and t.line_role = 'income_total'
    where l.line_role = 'income_line' and l.row_no < t.row_no and not l.is_sub_line
    group by all
),

expenditure_lines as (
    select l.document_id, l.table_seq, l.table_kind, sum(l.amount_yuan) as lines_yuan
    from lines as l
    inner join totals_at as t
        on t.document_id = l.document_id and t.table_seq = l.table_seq and t.line_role = 'expenditure_total'
    where l.line_role = 'expenditure_line' and l.row_no < t.row_no and not l.is_sub_line
        and l.column_name in ('expenditure_amount', 'expenditure_total')
    group by all
),

figures as (
    select
        document_id, table_seq, table_kind,
        max(amount_yuan) filter (where line_role = 'income_total' and column_name = 'income_amount') as income_total,
        -- Jiangsu prints 支出合计 under 支出用途's 金额 only, beside the 功能分类 lines it totals
        coalesce(
            max(amount_yuan) filter (where line_role = 'expenditure_total' and column_name in ('expenditure_amount', 'expenditure_total')),
            max(amount_yuan) filter (where line_role = 'expenditure_total' and column_name = 'use_amount')
        ) as expenditure_total,
        max(amount_yuan) filter (where line_role = 'opening_balance' and column_name = 'income_amount') as opening,
        max(amount_yuan) filter (where line_role = 'closing_balance' and column_name in ('expenditure_amount', 'expenditure_total')) as closing,
        max(amount_yuan) filter (where line_role = 'non_fiscal_balance_used') as balance_used,
        max(amount_yuan) filter (where line_role = 'balance_distribution') as balance_distributed,
        max(amount_yuan) filter (where line_role = 'grand_total_income_side') as grand_income,
        max(amount_yuan) filter (where line_role = 'grand_total_expenditure_side' and column_name in ('expenditure_amount', 'expenditure_total')) as grand_expenditure
    from lines
    group by all
),

checks as (
    select
        f.document_id,
        case f.table_kind when 'income_expenditure_summary' then 'summary_income_total_equals_lines' else 'appropriation_income_total_equals_lines' end as identity,
        f.table_kind, cast(null as string) as subject_code, '本年收入合计' as line_label, 'income_amount' as column_name,
        f.income_total as expected_yuan, i.lines_yuan as actual_yuan
    from figures as f
    inner join income_lines as i using (document_id, table_seq)
    where f.income_total is not null
    union all
    select
        f.document_id, 'summary_expenditure_total_equals_lines', f.table_kind, null, '本年支出合计', 'expenditure_amount',
        f.expenditure_total, e.lines_yuan
    from figures as f
    inner join expenditure_lines as e using (document_id, table_seq)
    where f.table_kind = 'income_expenditure_summary' and f.expenditure_total is not null
    union all
    select
        document_id,
        case table_kind when 'income_expenditure_summary' then 'summary_grand_totals_balance' else 'appropriation_grand_totals_balance' end,
        table_kind, null, '总计（收入）', 'income_amount',
        grand_income, coalesce(income_total, 0) + coalesce(balance_used, 0) + coalesce(opening, 0)
    from figures where grand_income is not null and income_total is not null
    union all
    select
        document_id,
        case table_kind when 'income_expenditure_summary' then 'summary_grand_totals_balance' else 'appropriation_grand_totals_balance' end,
        table_kind, null, '总计（支出）', 'expenditure_amount',
        grand_expenditure, coalesce(expenditure_total, 0) + coalesce(balance_distributed, 0) + coalesce(closing, 0)
    from figures where grand_expenditure is not null and expenditure_total is not null
    union all
    select
        document_id,
        case table_kind when 'income_expenditure_summary' then 'summary_grand_totals_balance' else 'appropriation_grand_totals_balance' end,
        table_kind, null, '总计（收入 = 支出）', 'grand_total',
        grand_income, grand_expenditure
    from figures where grand_income is not null and grand_expenditure is not null
),

non_fiscal as (
    select
        s.document_id,
        'non_fiscal_flow_balance' as identity,
        'income_expenditure_summary' as table_kind,
        cast(null as string) as subject_code,
        '非财政拨款资金：年初 + 收入 - 支出 = 年末' as line_label,
        'closing' as column_name,
        coalesce(s.closing, 0) - coalesce(a.closing, 0) as expected_yuan,
        (coalesce(s.opening, 0) - coalesce(a.opening, 0)) + (coalesce(s.income_total, 0) - coalesce(a.income_total, 0))
            - (coalesce(s.expenditure_total, 0) - coalesce(a.expenditure_total, 0)) as actual_yuan
    from figures as s
    inner join figures as a
        on a.document_id = s.document_id and a.table_kind = 'fiscal_appropriation_summary'
    where s.table_kind = 'income_expenditure_summary'
        and s.opening is not null and s.closing is not null and a.closing is not null
),

output as (
    select * from checks
    union all select * from non_fiscal
)

select *, cast(null as bigint) as terms from output
