"""Defects: a few printed cells changed so that exactly one named identity fails (plus,
listed in `also_fails`, the ones that cannot help failing with it).

Each kind changes as little as it can:
- total_off: 06 人员经费合计 (→ economic_personnel_total, and 06 no longer matches 05's basic
  spending), or the 04 总计 on the expenditure side (→ appropriation_grand_totals_balance only);
- xiang_not_summing: a 项 row of 02 or 03, its amount column and its total together, so the row
  still adds up but its 款 does not;
- flow_row_broken: a 项 row's 本年支出 in 05 (合计 and 项目 together): 年初 + 收入 − 支出 ≠ 年末 on
  that row, and the 款 above no longer sums;
- tables_disagree_01_03: two 类 lines of 01 trade an amount (their sum and 本年支出合计 stay right);
- tables_disagree_06_09: a 09 figure (公务接待费, 公务用车运行维护费 or 机关运行经费) with the
  subtotals above it, restated in the narrative as printed: only the 06↔09 match fails;
- unit_slip: 09's 预算数 column printed in 万元 under its 元 header (the seed's own mess);
- narrative_contradiction: one figure of the 10表 / 情况说明 prose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from synth.figures import Figures, function_codes, nonzero_lei
from synth.money import FEN, ZERO, wan_value
from synth.narrative import Statement, stated

DEFECT_KINDS = (
    "total_off",
    "xiang_not_summing",
    "flow_row_broken",
    "tables_disagree_01_03",
    "tables_disagree_06_09",
    "unit_slip",
    "narrative_contradiction",
)


def applicable_kinds(layout: str, report_kind: str) -> list[str]:
    kinds = ["total_off", "xiang_not_summing", "tables_disagree_01_03"]
    if report_kind == "final_accounts":
        kinds.append("tables_disagree_06_09")
        if layout == "yunnan":
            kinds.append("flow_row_broken")
    if layout == "yunnan":
        kinds.append("unit_slip")
    if not (layout == "yunnan" and report_kind == "budget"):
        kinds.append("narrative_contradiction")
    return [k for k in DEFECT_KINDS if k in kinds]


@dataclass
class AlteredCell:
    table_kind: str
    key: str
    column: str
    true: Decimal
    printed: Decimal


@dataclass
class Defect:
    kind: str
    identity: str
    also_fails: list[str]
    table_kind: str
    row: str
    column: str
    description: str
    cells: list[AlteredCell] = field(default_factory=list)
    statement: Statement | None = None
    narrative_true: Decimal | None = None  # 万元
    narrative_printed: Decimal | None = None


class _Injector:
    def __init__(self, figures: Figures, layout: str, rng: random.Random):
        self.figures = figures
        self.layout = layout
        self.rng = rng
        self.cells: list[AlteredCell] = []

    def change(self, kind: str, key: str, column: str, new: Decimal) -> None:
        old = self.figures.get(kind, key, column)
        self.figures.set(kind, key, column, new)
        self.cells.append(AlteredCell(kind, key, column, old, new))

    def shift(self, kind: str, key: str, column: str, delta: Decimal) -> None:
        self.change(kind, key, column, self.figures.get(kind, key, column) + delta)

    def delta(self, at_most: Decimal | None = None) -> Decimal:
        """A slip of the pen: large enough to see at the table's precision (0.01 万元 in
        Shanghai's final accounts), never more than `at_most` when it is taken away."""
        rng = self.rng
        if self.layout == "shanghai" and self.figures.report_kind == "final_accounts":
            amount = Decimal(rng.randint(1, 60) * 10000)
        elif self.layout == "shanghai":
            amount = Decimal(rng.randint(10, 5000) * 100)
        elif self.figures.report_kind == "budget":
            amount = Decimal(rng.randint(1000, 99999))
        else:
            amount = Decimal(rng.randint(100_000, 9_999_999)) / 100
        if at_most is not None and amount >= at_most:
            step = Decimal(100) if self.layout == "shanghai" else FEN
            amount = max(step, (at_most / 2 / step).to_integral_value() * step)
        return amount.quantize(FEN)


def inject(
    kind: str,
    figures: Figures,
    layout: str,
    statements: list[Statement],
    rng: random.Random,
) -> Defect:
    """Alter `figures` (the printed copy) in place and describe what was done."""
    injector = _Injector(figures, layout, rng)
    make = {
        "total_off": _total_off,
        "xiang_not_summing": _xiang_not_summing,
        "flow_row_broken": _flow_row_broken,
        "tables_disagree_01_03": _tables_disagree_01_03,
        "tables_disagree_06_09": _tables_disagree_06_09,
        "unit_slip": _unit_slip,
        "narrative_contradiction": lambda inj: _narrative(inj, statements),
    }[kind]
    defect = make(injector)
    defect.kind = kind
    defect.cells = injector.cells
    return defect


def _total_off(inj: _Injector) -> Defect:
    # a Shanghai budget's 04 prints only 支出总计, which the non-fiscal flow also reads: use 06 there
    shanghai_budget = inj.layout == "shanghai" and inj.figures.report_kind == "budget"
    if shanghai_budget or inj.rng.randint(0, 1) == 0:
        d = inj.delta()
        inj.shift("general_budget_basic_economic", "personnel_total", "amount", d)
        return Defect("", "economic_personnel_total", ["economic_basic_total_matches_flow_basic"],
                      "general_budget_basic_economic", "人员经费合计", "amount",
                      f"06 人员经费合计 printed {d} too high: no longer 301 + 303, nor (with 公用经费) 05's basic spending")
    d = inj.delta()
    for column in ("total", "general"):
        inj.shift("fiscal_appropriation_summary", "expenditure_grand_total", column, d)
    return Defect("", "appropriation_grand_totals_balance", [], "fiscal_appropriation_summary", "总计", "total",
                  f"04 总计 on the expenditure side printed {d} too high (合计 and 一般公共预算 columns)")


def _pick_xiang(inj: _Injector, kind: str, column: str) -> str | None:
    rows = inj.figures.rows(kind)
    codes = [c for c in function_codes(rows) if len(c) == 7 and rows[c].get(column, ZERO) > 0]
    return inj.rng.choice(codes) if codes else None


def _xiang_not_summing(inj: _Injector) -> Defect:
    options = [("income", "fiscal_appropriation"), ("expenditure", "basic"), ("expenditure", "project")]
    inj.rng.shuffle(options)
    for kind, column in options:
        code = _pick_xiang(inj, kind, column)
        if code is None:
            continue
        d = inj.delta()
        inj.shift(kind, code, column, d)
        inj.shift(kind, code, "total", d)
        return Defect("", "hierarchy_kuan_equals_sum_of_xiang", [], kind, code, column,
                      f"{kind} 项 {code}: {column} and total printed {d} too high; the row adds up, its 款 does not")
    raise AssertionError("no 项 with money to alter")


def _flow_row_broken(inj: _Injector) -> Defect:
    column = "expenditure_project"
    code = _pick_xiang(inj, "general_budget_expenditure", column)
    if code is None:
        column = "expenditure_basic"
        code = _pick_xiang(inj, "general_budget_expenditure", column)
    assert code is not None
    value = inj.figures.get("general_budget_expenditure", code, column)
    d = -inj.delta(at_most=value) if inj.rng.randint(0, 1) else inj.delta()
    inj.shift("general_budget_expenditure", code, column, d)
    inj.shift("general_budget_expenditure", code, "expenditure_total", d)
    return Defect("", "flow_row_balance", ["hierarchy_kuan_equals_sum_of_xiang"], "general_budget_expenditure", code,
                  column, f"05 项 {code}: 本年支出 printed {d:+} off, so 年初 + 收入 − 支出 ≠ 年末 on the row")


def _tables_disagree_01_03(inj: _Injector) -> Defect:
    summary = inj.figures.rows("income_expenditure_summary")
    codes = [c for c in nonzero_lei(summary)]
    assert len(codes) >= 2, "01 needs two 类 to trade an amount"
    source, target = inj.rng.sample(codes, 2)
    value = summary[f"lei:{source}"]["amount"]
    d = inj.delta(at_most=value)
    inj.shift("income_expenditure_summary", f"lei:{source}", "amount", -d)
    inj.shift("income_expenditure_summary", f"lei:{target}", "amount", d)
    return Defect("", "summary_expenditure_by_lei_matches_expenditure_table", [], "income_expenditure_summary",
                  f"lei:{source}", "amount",
                  f"01 prints {d} of 类 {source}'s spending under 类 {target}; 本年支出合计 is still right")


def _tables_disagree_06_09(inj: _Injector) -> Defect:
    f = inj.figures
    variants = ["reception"]
    if f.get("three_public_costs", "公务用车运行维护费", "actual") > 0:
        variants.append("vehicle")
    if inj.layout == "yunnan":
        variants.append("office")
    variant = inj.rng.choice(variants)
    if variant == "reception":
        d = inj.delta(at_most=f.get("three_public_costs", "公务接待费", "actual"))
        for item in ("公务接待费", "国内接待费", "合计"):
            inj.shift("three_public_costs", item, "actual", d)
        return Defect("", "three_public_reception_matches_economic", [], "three_public_costs", "公务接待费", "actual",
                      f"09 公务接待费 决算 printed {d} above 06 30217 (subtotals and narrative follow 09)")
    if variant == "vehicle":
        d = inj.delta(at_most=f.get("three_public_costs", "公务用车运行维护费", "actual"))
        for item in ("公务用车运行维护费", "公务用车购置及运行维护费", "合计"):
            inj.shift("three_public_costs", item, "actual", d)
        return Defect("", "three_public_vehicle_matches_economic", [], "three_public_costs", "公务用车运行维护费",
                      "actual", f"09 公务用车运行维护费 决算 printed {d} above 06 30231 (subtotals and narrative follow 09)")
    d = inj.delta(at_most=f.get("three_public_costs", "机关运行经费", "actual"))
    inj.shift("three_public_costs", "机关运行经费", "actual", -d)
    return Defect("", "three_public_office_costs_match_economic", [], "three_public_costs", "机关运行经费", "actual",
                  f"09 机关运行经费 printed {d} below 06 公用经费合计")


def _unit_slip(inj: _Injector) -> Defect:
    f = inj.figures
    items = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    if f.report_kind == "budget":
        items.append("机关运行经费")
    for item in items:
        value = f.get("three_public_costs", item, "budget")
        if value:
            inj.change("three_public_costs", item, "budget", wan_value(value))
    return Defect("", "unit_slip", [], "three_public_costs", "合计", "budget",
                  "09 预算数 column printed in 万元 under the table's 金额单位：元")


def _narrative(inj: _Injector, statements: list[Statement]) -> Defect:
    f = inj.figures
    candidates = [s for s in statements if stated(f, s) > 0] or statements
    statement = inj.rng.choice(candidates)
    true = stated(f, statement)
    d = Decimal(inj.rng.randint(100, 99_999)) / 100
    printed = true + d if inj.rng.randint(0, 1) or d >= true else true - d
    f.narrative_overrides[statement.id] = printed
    defect = Defect("", "narrative_figure_matches_table", [],
                    "performance_narrative" if statement.id.startswith("y_") else "narrative",
                    statement.what, "narrative",
                    f"the narrative states {statement.what} as {printed:.2f}万元; the table prints {true:.2f}万元")
    defect.statement = statement
    defect.narrative_true = true
    defect.narrative_printed = printed
    return defect
