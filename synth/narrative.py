"""The prose that restates a document's key figures: Yunnan's 公开10表 (部门整体支出绩效自评
情况), Shanghai's 情况说明 and 预算编制说明.

Each figure the prose states is a `Statement` with the table cell it restates; the prose is
written from the *printed* figures (a figure wrong in its table is restated wrong, as a
department copying its own table would), unless the narrative defect changed the statement.
All figures are in 万元 at two decimals, printed without thousands separators as the real
情况说明 prints them (本年收入合计2946.25万元).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from synth.codes import function_name
from synth.figures import Figures, nonzero_lei
from synth.money import ZERO, wan_value


@dataclass(frozen=True)
class Statement:
    id: str
    table_kind: str
    key: str
    column: str
    what: str  # a person's description: 本年收入合计 (收入支出决算总表)


def stated(figures: Figures, statement: Statement) -> Decimal:
    """The 万元 figure the prose prints for the statement."""
    if statement.id in figures.narrative_overrides:
        return figures.narrative_overrides[statement.id]
    return wan_value(figures.get(statement.table_kind, statement.key, statement.column))


def wan(value: Decimal) -> str:
    return f"{value:.2f}"


def share(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "0.00%"
    return f"{(part * 100 / whole).quantize(Decimal('0.01'))}%"


class _Writer:
    def __init__(self, figures: Figures):
        self.figures = figures
        self.statements: list[Statement] = []

    def figure(self, sid: str, kind: str, key: str, column: str, what: str) -> Decimal:
        statement = Statement(sid, kind, key, column, what)
        self.statements.append(statement)
        return stated(self.figures, statement)


# -- Yunnan 公开10表 -----------------------------------------------------------------------


def yunnan_performance_narrative(figures: Figures, short_name: str, year: int) -> tuple[dict[str, str], list[Statement]]:
    """The sentences of 公开10表 that carry figures: (三) 部门整体收支情况, (五) 三公经费."""
    w = _Writer(figures)
    income = w.figure("y_income_total", "income_expenditure_summary", "income_total", "amount", "收入合计")
    fiscal = w.figure("y_fiscal_income", "income_expenditure_summary", "fiscal_general", "amount", "财政拨款收入")
    spent = w.figure("y_expenditure_total", "income_expenditure_summary", "expenditure_total", "amount", "支出合计")
    basic = w.figure("y_basic", "expenditure", "合计", "basic", "基本支出")
    project = w.figure("y_project", "expenditure", "合计", "project", "项目支出")
    closing = w.figure("y_closing", "income_expenditure_summary", "closing", "amount", "年末结转和结余")
    money = (f"{short_name}{year}年收入合计{wan(income)}万元，其中：财政拨款收入{wan(fiscal)}万元；"
             f"支出合计{wan(spent)}万元，其中：基本支出{wan(basic)}万元，项目支出{wan(project)}万元；"
             f"年末结转和结余{wan(closing)}万元。")
    three = w.figure("y_three_public_actual", "three_public_costs", "合计", "actual", "“三公”经费支出决算")
    austerity = (f"{year}年{short_name}坚持厉行节约，严格控制“三公”经费支出，{year}年度一般公共预算财政拨款"
                 f"“三公”经费支出决算为{wan(three)}万元。")
    return {"money": money, "three_public": austerity}, w.statements


# -- Shanghai 情况说明 (final accounts) ------------------------------------------------------


def shanghai_final_narrative(figures: Figures, name: str, year: int) -> tuple[list[str], list[Statement]]:
    w = _Writer(figures)
    paragraphs: list[str] = []
    grand = w.figure("s_grand_total", "income_expenditure_summary", "income_grand_total", "amount", "收入支出总计")
    paragraphs += ["一、收入支出决算总体情况说明",
                   f"{name}{year}年度收入支出总计{wan(grand)}万元。主要原因：基本支出中人员变化，以及项目支出按合同进度支付。"]
    income = w.figure("s_income_total", "income_expenditure_summary", "income_total", "amount", "本年收入合计")
    fiscal = w.figure("s_fiscal_income", "income_expenditure_summary", "fiscal_general", "amount", "财政拨款收入")
    parts = [f"本年收入合计{wan(income)}万元，其中：财政拨款收入{wan(fiscal)}万元，占{share(fiscal, income)}"]
    for key, label in (("business", "事业收入"), ("operating", "经营收入"), ("other", "其他收入")):
        if figures.get("income_expenditure_summary", key, "amount"):
            value = w.figure(f"s_{key}_income", "income_expenditure_summary", key, "amount", label)
            parts.append(f"{label}{wan(value)}万元，占{share(value, income)}")
    paragraphs += ["二、收入决算情况说明", "；".join(parts) + "。"]
    spent = w.figure("s_expenditure_total", "income_expenditure_summary", "expenditure_total", "amount", "本年支出合计")
    basic = w.figure("s_basic", "expenditure", "合计", "basic", "基本支出")
    project = w.figure("s_project", "expenditure", "合计", "project", "项目支出")
    paragraphs += ["三、支出决算情况说明",
                   f"本年支出合计{wan(spent)}万元，其中：基本支出{wan(basic)}万元，占{share(basic, spent)}；"
                   f"项目支出{wan(project)}万元，占{share(project, spent)}。"]
    appropriation = w.figure("s_appropriation_total", "fiscal_appropriation_summary", "income_grand_total", "amount",
                             "财政拨款收入支出总计")
    paragraphs += ["四、财政拨款收入支出决算总体情况说明",
                   f"{name}{year}年度财政拨款收入支出总计{wan(appropriation)}万元。"]
    general = w.figure("s_general_expenditure", "general_budget_expenditure", "合计", "expenditure_total",
                       "一般公共预算财政拨款支出")
    structure = []
    for code in nonzero_lei(figures.rows("income_expenditure_summary")):
        if not figures.get("general_budget_expenditure", code, "expenditure_total"):
            continue
        value = w.figure(f"s_lei_{code}", "general_budget_expenditure", code, "expenditure_total",
                         f"{function_name(code, year)}（类）")
        structure.append(f"{function_name(code, year)}（类）{wan(value)}万元，占{share(value, general)}")
    paragraphs += ["五、一般公共预算财政拨款支出决算情况说明",
                   "（一）一般公共预算财政拨款支出决算总体情况",
                   f"一般公共预算财政拨款支出{wan(general)}万元，占本年支出合计的{share(general, spent)}。",
                   "（二）一般公共预算财政拨款支出决算结构情况",
                   "一般公共预算财政拨款支出主要用于以下方面：" + "；".join(structure) + "。"]
    basic_fiscal = w.figure("s_general_basic", "general_budget_expenditure", "合计", "expenditure_basic",
                            "一般公共预算财政拨款基本支出")
    personnel = w.figure("s_personnel", "general_budget_basic_economic", "personnel_total", "amount", "人员经费")
    public = w.figure("s_public", "general_budget_basic_economic", "public_total", "amount", "公用经费")
    paragraphs += ["六、一般公共预算财政拨款基本支出决算情况说明",
                   f"一般公共预算财政拨款基本支出{wan(basic_fiscal)}万元。其中：人员经费{wan(personnel)}万元，"
                   f"主要包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费、住房公积金等；公用经费{wan(public)}万元，"
                   "主要包括：办公费、差旅费、维修（护）费、工会经费、其他交通费用等。"]
    budget = w.figure("s_three_budget", "three_public_costs", "合计", "budget", "“三公”经费年初预算")
    actual = w.figure("s_three_actual", "three_public_costs", "合计", "actual", "“三公”经费支出决算")
    abroad = w.figure("s_abroad", "three_public_costs", "因公出国（境）费", "actual", "因公出国（境）费决算")
    vehicles = w.figure("s_vehicles", "three_public_costs", "公务用车购置及运行维护费", "actual",
                        "公务用车购置及运行维护费决算")
    reception = w.figure("s_reception", "three_public_costs", "公务接待费", "actual", "公务接待费决算")
    paragraphs += ["七、财政拨款“三公”经费支出决算情况说明",
                   f"“三公”经费财政拨款支出年初预算为{wan(budget)}万元，支出决算为{wan(actual)}万元，完成预算的"
                   f"{share(actual, budget)}，其中：因公出国（境）费支出决算为{wan(abroad)}万元；公务用车购置及运行维护费"
                   f"支出决算为{wan(vehicles)}万元；公务接待费支出决算为{wan(reception)}万元。"]
    paragraphs += ["八、政府性基金预算财政拨款收入支出决算情况说明",
                   f"{name}{year}年度无政府性基金预算财政拨款收入和支出。",
                   "九、国有资本经营预算财政拨款收入支出决算情况说明",
                   f"{name}{year}年度无国有资本经营预算财政拨款收入和支出。"]
    office = w.figure("s_office", "general_budget_basic_economic", "public_total", "amount", "机关运行经费支出")
    paragraphs += ["十、其他重要事项的情况说明", "（一）机关运行经费支出情况",
                   f"{year}年度{name}机关运行经费支出{wan(office)}万元，主要用于保障机关日常运转。"]
    return paragraphs, w.statements


# -- Shanghai 部门预算编制说明 and 其他相关情况说明 (budgets) --------------------------------


def shanghai_budget_explanation(figures: Figures, name: str, year: int) -> tuple[list[str], list[Statement]]:
    w = _Writer(figures)
    income = w.figure("b_income_total", "income_expenditure_summary", "income_grand_total", "amount", "收入预算")
    fiscal = w.figure("b_fiscal_income", "income_expenditure_summary", "fiscal_general", "amount", "财政拨款收入")
    parts = [f"{year}年，{name}收入预算{wan(income)}万元，其中：财政拨款收入{wan(fiscal)}万元"]
    for key, label in (("business", "事业收入"), ("operating", "事业单位经营收入"), ("other", "其他收入")):
        value = w.figure(f"b_{key}_income", "income_expenditure_summary", key, "amount", label)
        parts.append(f"{label}{wan(value)}万元")
    spent = w.figure("b_expenditure_total", "income_expenditure_summary", "expenditure_grand_total", "amount", "支出预算")
    appropriation = w.figure("b_appropriation", "fiscal_appropriation_summary", "expenditure_grand_total", "total",
                             "财政拨款支出预算")
    general = w.figure("b_general", "general_budget_expenditure", "合计", "expenditure_total",
                       "一般公共预算拨款支出预算")
    paragraphs = [
        "；".join(parts) + "。",
        f"支出预算{wan(spent)}万元，其中：财政拨款支出预算{wan(appropriation)}万元。财政拨款支出预算中，"
        f"一般公共预算拨款支出预算{wan(general)}万元；政府性基金拨款支出预算0.00万元；国有资本经营预算拨款支出预算0.00万元。",
    ]
    return paragraphs, w.statements


def shanghai_budget_other(figures: Figures, name: str, year: int) -> tuple[list[str], list[Statement]]:
    w = _Writer(figures)
    total = w.figure("b_three_total", "three_public_costs", "合计", "budget", "“三公”经费预算数")
    abroad = w.figure("b_abroad", "three_public_costs", "因公出国（境）费", "budget", "因公出国（境）费预算")
    vehicles = w.figure("b_vehicles", "three_public_costs", "公务用车购置及运行维护费", "budget", "公务用车购置及运行费预算")
    reception = w.figure("b_reception", "three_public_costs", "公务接待费", "budget", "公务接待费预算")
    office = w.figure("b_office", "three_public_costs", "机关运行经费", "budget", "机关运行经费预算")
    paragraphs = [
        f"一、{year}年“三公”经费预算情况说明",
        f"{year}年“三公”经费预算数为{wan(total)}万元。其中：（一）因公出国（境）费{wan(abroad)}万元；"
        f"（二）公务用车购置及运行费{wan(vehicles)}万元；（三）公务接待费{wan(reception)}万元。",
        "二、机关运行经费预算",
        f"{year}年{name}财政拨款的机关运行经费预算为{wan(office)}万元。",
    ]
    return paragraphs, w.statements


def statement_value_text(figures: Figures, statement: Statement) -> str:
    return wan(stated(figures, statement))


ZERO_WAN = wan(ZERO)
