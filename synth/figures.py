"""From the truth to the figures a document prints: per table kind, per row key, per column.

`Figures` is what layouts read and what defects alter: a defect is a handful of changed
cells here, so every format prints the same wrong figure, and the manifest can say what
was printed and what is true. Function-subject tables get their 款, 类 and 合计 rows by
summing the 项 they list, so the hierarchy identities hold by construction.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from synth.codes import summary_expenditure_lines
from synth.model import ADDITIVE_NONFISCAL_SOURCES, DepartmentYear
from synth.money import ZERO

Table = dict[str, dict[str, Decimal]]  # row key -> column -> value

INCOME_COLUMNS = ("total", "fiscal_appropriation", "superior_subsidy", "business", "business_tuition", "operating",
                  "affiliated_remit", "other")
EXPENDITURE_COLUMNS = ("total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy")
FLOW_COLUMNS = ("opening_total", "opening_basic", "opening_project", "income_total", "income_basic",
                "income_project", "expenditure_total", "expenditure_basic", "expenditure_project", "closing_total",
                "closing_basic", "closing_project")
BUDGET_FLOW_COLUMNS = ("expenditure_total", "expenditure_basic", "expenditure_project")
THREE_PUBLIC_ITEMS = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
                      "公务接待费", "国内接待费", "机关运行经费")
PROJECT_COLUMNS = ("budget_initial", "budget_full_year", "executed", "weight", "execution_rate", "score")
SUMMARY_INCOME_LINES = ("fiscal_general", "fiscal_fund", "fiscal_capital", "superior_subsidy", "business",
                        "operating", "affiliated_remit", "other")


@dataclass
class Figures:
    report_kind: str
    year: int
    tables: dict[str, Table]
    # narrative statement id -> the 万元 figure the prose prints when a defect changed it
    narrative_overrides: dict[str, Decimal] = field(default_factory=dict)

    def get(self, kind: str, key: str, column: str) -> Decimal:
        return self.tables.get(kind, {}).get(key, {}).get(column, ZERO)

    def rows(self, kind: str) -> Table:
        return self.tables.get(kind, {})

    def set(self, kind: str, key: str, column: str, value: Decimal) -> None:
        self.tables.setdefault(kind, {}).setdefault(key, {})[column] = value

    def copy(self) -> Figures:
        return copy.deepcopy(self)


def hierarchy(rows: dict[str, dict[str, Decimal]], columns: tuple[str, ...]) -> Table:
    """项 rows plus their 款 and 类 sums and a 合计, keyed by code (合计 last), in code order."""
    out: dict[str, dict[str, Decimal]] = {}
    total = dict.fromkeys(columns, ZERO)
    for code in sorted(rows):
        values = rows[code]
        for parent in (code[:3], code[:5]):
            bucket = out.setdefault(parent, dict.fromkeys(columns, ZERO))
            for column in columns:
                bucket[column] += values.get(column, ZERO)
        out[code] = {column: values.get(column, ZERO) for column in columns}
        for column in columns:
            total[column] += values.get(column, ZERO)
    ordered = {code: out[code] for code in sorted(out)}
    ordered["合计"] = total
    return ordered


def function_codes(table: Table) -> list[str]:
    return [key for key in table if key != "合计"]


def build_figures(truth: DepartmentYear, report_kind: str) -> Figures:
    if report_kind == "budget":
        return _budget_figures(truth)
    return _final_figures(truth)


# -- final accounts ----------------------------------------------------------------------


def _final_figures(truth: DepartmentYear) -> Figures:
    final = truth.final
    income_rows: dict[str, dict[str, Decimal]] = {}
    expenditure_rows: dict[str, dict[str, Decimal]] = {}
    flow_rows: dict[str, dict[str, Decimal]] = {}
    for code, s in final.subjects.items():
        fiscal_income = s.income_basic + s.income_project
        income = {"fiscal_appropriation": fiscal_income, **{k: v for k, v in s.nonfiscal_income.items() if v}}
        income["total"] = fiscal_income + s.nonfiscal_income_total()
        if income["total"]:
            income_rows[code] = income
        basic = s.expenditure_basic + s.nonfiscal_basic
        project = s.expenditure_project + s.nonfiscal_project
        spent = {"basic": basic, "project": project, "operating": s.operating_expenditure}
        spent["total"] = basic + project + s.operating_expenditure
        if spent["total"]:
            expenditure_rows[code] = spent
        flow = {
            "opening_basic": s.opening_basic, "opening_project": s.opening_project,
            "income_basic": s.income_basic, "income_project": s.income_project,
            "expenditure_basic": s.expenditure_basic, "expenditure_project": s.expenditure_project,
            "closing_basic": s.closing_basic, "closing_project": s.closing_project,
        }
        for block in ("opening", "income", "expenditure", "closing"):
            flow[f"{block}_total"] = flow[f"{block}_basic"] + flow[f"{block}_project"]
        if any(flow.values()):
            flow_rows[code] = flow
    tables: dict[str, Table] = {
        "income": hierarchy(income_rows, INCOME_COLUMNS),
        "expenditure": hierarchy(expenditure_rows, EXPENDITURE_COLUMNS),
        "general_budget_expenditure": hierarchy(flow_rows, FLOW_COLUMNS),
    }
    income, expenditure, flow = tables["income"], tables["expenditure"], tables["general_budget_expenditure"]
    fiscal_opening = flow["合计"]["opening_total"]
    fiscal_closing = flow["合计"]["closing_total"]

    summary: Table = {}
    summary["fiscal_general"] = {"amount": income["合计"]["fiscal_appropriation"]}
    summary["fiscal_fund"] = {"amount": ZERO}
    summary["fiscal_capital"] = {"amount": ZERO}
    for source in ("superior_subsidy", "business", "operating", "affiliated_remit", "other"):
        summary[source] = {"amount": income["合计"].get(source, ZERO)}
    summary["income_total"] = {"amount": income["合计"]["total"]}
    summary["use_nonfiscal_balance"] = {"amount": ZERO}
    summary["opening"] = {"amount": fiscal_opening + final.nonfiscal_opening}
    summary["income_grand_total"] = {
        "amount": summary["income_total"]["amount"] + summary["opening"]["amount"]
    }
    for code, _ in summary_expenditure_lines(truth.year):
        summary[f"lei:{code}"] = {"amount": expenditure.get(code, {}).get("total", ZERO)}
    summary["expenditure_total"] = {"amount": expenditure["合计"]["total"]}
    summary["surplus_distribution"] = {"amount": final.surplus_distribution}
    summary["closing"] = {"amount": fiscal_closing + final.nonfiscal_closing}
    summary["expenditure_grand_total"] = {
        "amount": summary["expenditure_total"]["amount"] + summary["surplus_distribution"]["amount"]
        + summary["closing"]["amount"]
    }
    assert summary["income_grand_total"] == summary["expenditure_grand_total"], "01 does not balance"
    tables["income_expenditure_summary"] = summary

    appropriation: Table = {}
    general_income = flow["合计"]["income_total"]
    appropriation["general"] = {"amount": general_income}
    appropriation["fund"] = {"amount": ZERO}
    appropriation["capital"] = {"amount": ZERO}
    appropriation["income_total"] = {"amount": general_income}
    appropriation["opening_total"] = {"amount": fiscal_opening}
    appropriation["opening_general"] = {"amount": fiscal_opening}
    appropriation["opening_fund"] = {"amount": ZERO}
    appropriation["opening_capital"] = {"amount": ZERO}
    appropriation["income_grand_total"] = {"amount": general_income + fiscal_opening}
    for code, _ in summary_expenditure_lines(truth.year):
        spent = flow.get(code, {}).get("expenditure_total", ZERO)
        appropriation[f"lei:{code}"] = {"total": spent, "general": spent, "fund": ZERO, "capital": ZERO}
    spent = flow["合计"]["expenditure_total"]
    appropriation["expenditure_total"] = {"total": spent, "general": spent, "fund": ZERO, "capital": ZERO}
    appropriation["closing_total"] = {"total": fiscal_closing, "general": fiscal_closing, "fund": ZERO, "capital": ZERO}
    grand = spent + fiscal_closing
    appropriation["expenditure_grand_total"] = {"total": grand, "general": grand, "fund": ZERO, "capital": ZERO}
    assert grand == appropriation["income_grand_total"]["amount"], "04 does not balance"
    tables["fiscal_appropriation_summary"] = appropriation

    tables["general_budget_basic_economic"] = _economic_table(final.economic)
    tables["three_public_costs"] = _three_public_table(truth.budget.three_public, final.three_public)
    tables["project_performance"] = {
        p.name: {
            "budget_initial": p.budget_initial, "budget_full_year": p.budget_full_year, "executed": p.executed,
            "weight": p.weight, "execution_rate": p.execution_rate, "score": p.score,
        }
        for p in final.projects
    }
    return Figures(report_kind="final_accounts", year=truth.year, tables=tables)


def _economic_table(economic: dict[str, Decimal]) -> Table:
    table: Table = {}
    for code, amount in economic.items():
        cls = table.setdefault(code[:3], {"amount": ZERO})
        cls["amount"] += amount
        table[code] = {"amount": amount}
    ordered = {code: table[code] for code in sorted(table)}
    personnel = sum((v["amount"] for c, v in ordered.items() if len(c) == 3 and c in ("301", "303")), ZERO)
    public = sum((v["amount"] for c, v in ordered.items() if len(c) == 3 and c not in ("301", "303")), ZERO)
    ordered["personnel_total"] = {"amount": personnel}
    ordered["public_total"] = {"amount": public}
    return ordered


def _three_public_table(budget, actual) -> Table:
    def items(costs) -> dict[str, Decimal]:
        return {
            "合计": costs.total, "因公出国（境）费": costs.abroad, "公务用车购置及运行维护费": costs.vehicles,
            "公务用车购置费": costs.vehicle_purchase, "公务用车运行维护费": costs.vehicle_operation,
            "公务接待费": costs.reception, "国内接待费": costs.reception, "机关运行经费": costs.office_operation,
        }

    planned = items(budget)
    spent = items(actual) if actual is not None else {}
    table: Table = {}
    for item in THREE_PUBLIC_ITEMS:
        row = {"budget": planned[item]}
        if actual is not None:
            row["actual"] = spent[item]
        table[item] = row
    return table


# -- budgets ---------------------------------------------------------------------------


def _budget_figures(truth: DepartmentYear) -> Figures:
    budget = truth.budget
    income_rows: dict[str, dict[str, Decimal]] = {}
    expenditure_rows: dict[str, dict[str, Decimal]] = {}
    flow_rows: dict[str, dict[str, Decimal]] = {}
    for code, s in budget.subjects.items():
        income = {"fiscal_appropriation": s.fiscal_total, **{k: v for k, v in s.nonfiscal_income.items() if v}}
        income["total"] = s.fiscal_total + s.nonfiscal_income_total()
        if income["total"]:
            income_rows[code] = income
        basic = s.basic + s.nonfiscal_basic
        project = s.project + s.nonfiscal_project
        spent = {"basic": basic, "project": project, "operating": s.operating_expenditure,
                 "total": basic + project + s.operating_expenditure}
        if spent["total"]:
            expenditure_rows[code] = spent
        if s.fiscal_total:
            flow_rows[code] = {"expenditure_basic": s.basic, "expenditure_project": s.project,
                               "expenditure_total": s.fiscal_total}
    tables: dict[str, Table] = {
        "income": hierarchy(income_rows, INCOME_COLUMNS),
        "expenditure": hierarchy(expenditure_rows, EXPENDITURE_COLUMNS),
        "general_budget_expenditure": hierarchy(flow_rows, BUDGET_FLOW_COLUMNS),
    }
    income, expenditure, flow = tables["income"], tables["expenditure"], tables["general_budget_expenditure"]
    summary: Table = {"fiscal_general": {"amount": income["合计"]["fiscal_appropriation"]},
                      "fiscal_fund": {"amount": ZERO}, "fiscal_capital": {"amount": ZERO}}
    for source in ADDITIVE_NONFISCAL_SOURCES:
        summary[source] = {"amount": income["合计"].get(source, ZERO)}
    summary["income_total"] = {"amount": income["合计"]["total"]}
    summary["carry_in"] = {"amount": ZERO}
    summary["income_grand_total"] = {"amount": income["合计"]["total"]}
    for code, _ in summary_expenditure_lines(truth.year):
        summary[f"lei:{code}"] = {"amount": expenditure.get(code, {}).get("total", ZERO)}
    summary["expenditure_total"] = {"amount": expenditure["合计"]["total"]}
    summary["carry_out"] = {"amount": ZERO}
    summary["expenditure_grand_total"] = {"amount": expenditure["合计"]["total"]}
    assert summary["income_grand_total"] == summary["expenditure_grand_total"], "budget 01 does not balance"
    tables["income_expenditure_summary"] = summary

    general = flow["合计"]["expenditure_total"]
    appropriation: Table = {"general": {"amount": general}, "fund": {"amount": ZERO}, "capital": {"amount": ZERO},
                            "income_total": {"amount": general}, "income_grand_total": {"amount": general}}
    for code, _ in summary_expenditure_lines(truth.year):
        spent = flow.get(code, {}).get("expenditure_total", ZERO)
        appropriation[f"lei:{code}"] = {"total": spent, "general": spent, "fund": ZERO, "capital": ZERO}
    appropriation["expenditure_total"] = {"total": general, "general": general, "fund": ZERO, "capital": ZERO}
    appropriation["expenditure_grand_total"] = {"total": general, "general": general, "fund": ZERO, "capital": ZERO}
    tables["fiscal_appropriation_summary"] = appropriation

    tables["general_budget_basic_economic"] = _economic_table(budget.economic)
    tables["three_public_costs"] = _three_public_table(budget.three_public, None)
    return Figures(report_kind="budget", year=truth.year, tables=tables)


def nonzero_lei(table: Table) -> list[str]:
    """The 类 codes with any amount, from a summary table's lei: rows."""
    out = []
    for key, values in table.items():
        if key.startswith("lei:") and any(values.values()):
            out.append(key[4:])
    return out
