{{ config(**scoped_by('document_id', new_documents_only=true)) }}
-- audit_residuals__cross_table: tables of one document agree with each other (01↔02/03, 04↔05,
-- 05↔06, 06↔09 in final accounts).
with

figures as (
    select document_id, figure, amount_yuan from {{ scoped_ref('audit_document_figures', 'document_id') }}
),

documents_with_figures as (
    select distinct document_id from figures
),

documents as (
    select document_id, report_kind from {{ scoped_ref('stg_disclosure__documents', 'document_id') }}
),

pairs as (
    select document_id, identity, table_kind, line_label, column_name, expected_key, actual_key, final_only
    from documents_with_figures
    cross join (values
        ('summary_income_total_matches_income_table', 'income', '本年收入合计', 'total', 'summary_income_total', 'income_table_total', false),
        ('summary_expenditure_total_matches_expenditure_table', 'expenditure', '本年支出合计', 'total', 'summary_expenditure_total', 'expenditure_table_total', false),
        ('appropriation_income_matches_flow_income', 'general_budget_expenditure', '一般公共预算财政拨款 本年收入', 'income_total', 'appropriation_general_budget_income', 'flow_income_total', true),
        ('economic_basic_total_matches_flow_basic', 'general_budget_basic_economic', '人员经费合计 + 公用经费合计', 'expenditure_basic', 'flow_expenditure_basic', 'economic_basic_total', false),
        ('three_public_office_costs_match_economic', 'three_public_costs', '机关运行经费', 'actual', 'economic_public_total', 'three_public_office_operation_actual', true),
        ('three_public_reception_matches_economic', 'three_public_costs', '公务接待费', 'actual', 'economic_30217', 'three_public_reception_actual', true),
        ('three_public_vehicle_matches_economic', 'three_public_costs', '公务用车运行维护费', 'actual', 'economic_30231', 'three_public_vehicle_operation_actual', true)
    ) as p(identity, table_kind, line_label, column_name, expected_key, actual_key, final_only)
),

general_budget_income as (
    -- 04's first income line: 一般公共预算财政拨款(收入)
    select document_id, amount_yuan
    from {{ scoped_ref('stg_disclosure__summary_lines', 'document_id') }}
    where table_kind = 'fiscal_appropriation_summary' and line_role = 'income_line'
        and {{ text_matches('line_name', "'^一般公共预算'") }}
    qualify row_number() over (partition by document_id order by row_no) = 1
),

resolved as (
    select
        p.document_id, p.identity, p.table_kind, p.line_label, p.column_name,
        case p.expected_key
            when 'appropriation_general_budget_income' then g.amount_yuan
            else expected.amount_yuan
        end as expected_yuan,
        case p.actual_key
            when 'economic_basic_total' then personnel.amount_yuan + public_costs.amount_yuan
            else actual.amount_yuan
        end as actual_yuan,
        p.final_only,
        d.report_kind
    from pairs as p
    inner join documents as d on d.document_id = p.document_id
    left join general_budget_income as g on g.document_id = p.document_id
    -- a document prints each figure once (audit_document_figures keeps the first)
    left join figures as expected on expected.document_id = p.document_id and expected.figure = p.expected_key
    left join figures as actual on actual.document_id = p.document_id and actual.figure = p.actual_key
    left join figures as personnel on personnel.document_id = p.document_id and personnel.figure = 'economic_personnel_total'
    left join figures as public_costs on public_costs.document_id = p.document_id and public_costs.figure = 'economic_public_total'
),

figure_pairs as (
    select document_id, identity, table_kind, cast(null as string) as subject_code, line_label, column_name,
        expected_yuan, actual_yuan
    from resolved
    -- checked where the document prints both sides (a blank 09 line is zero against a printed 06 line)
    where (expected_yuan is not null or actual_yuan is not null)
        and not (final_only and report_kind <> 'final_accounts')
        and case
            when identity like 'three_public_%' then actual_yuan is not null
            when identity = 'economic_basic_total_matches_flow_basic' then expected_yuan is not null and actual_yuan is not null
            else expected_yuan is not null and actual_yuan is not null
        end
),

summary_lei as (
    -- 01's expenditure lines by function 类, matched to 03's 类 rows by name within the document
    select document_id, line_name, amount_yuan
    from {{ scoped_ref('stg_disclosure__summary_lines', 'document_id') }}
    where table_kind = 'income_expenditure_summary' and line_role = 'expenditure_line'
        and column_name = 'expenditure_amount' and amount_yuan is not null
),

appropriation_lei as (
    select document_id, line_name, amount_yuan
    from {{ scoped_ref('stg_disclosure__summary_lines', 'document_id') }}
    where table_kind = 'fiscal_appropriation_summary' and line_role = 'expenditure_line'
        and column_name = 'expenditure_general_budget' and amount_yuan is not null
),

expenditure_lei as (
    select document_id, subject_code, {{ clean_label('row_label') }} as name, total_yuan
    from {{ scoped_ref('stg_disclosure__expenditure', 'document_id') }}
    where length(subject_code) = 3 and not is_repeated_over_page_break
),

flow_lei as (
    select document_id, subject_code, {{ clean_label('row_label') }} as name, expenditure_total_yuan
    from {{ scoped_ref('stg_disclosure__budget_flow', 'document_id') }}
    where table_kind = 'general_budget_expenditure' and length(subject_code) = 3 and not is_repeated_over_page_break
),

documents_with as (
    select distinct document_id, 'expenditure' as kind from expenditure_lei
    union all select distinct document_id, 'flow' from flow_lei
),

lei_pairs as (
    select
        s.document_id, 'summary_expenditure_by_lei_matches_expenditure_table' as identity, 'expenditure' as table_kind,
        e.subject_code, s.line_name as line_label, 'total' as column_name,
        s.amount_yuan as expected_yuan, coalesce(e.total_yuan, 0) as actual_yuan
    from summary_lei as s
    inner join documents_with as w on w.document_id = s.document_id and w.kind = 'expenditure'
    left join expenditure_lei as e on e.document_id = s.document_id and e.name = s.line_name
    union all
    select
        a.document_id, 'appropriation_by_lei_matches_flow_table', 'general_budget_expenditure',
        f.subject_code, a.line_name, 'expenditure_total',
        a.amount_yuan, coalesce(f.expenditure_total_yuan, 0)
    from appropriation_lei as a
    inner join documents_with as w on w.document_id = a.document_id and w.kind = 'flow'
    left join flow_lei as f on f.document_id = a.document_id and f.name = a.line_name
),

output as (
    select * from figure_pairs
    union all select * from lei_pairs
)

select *, cast(null as bigint) as terms from output
