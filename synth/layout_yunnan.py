"""The Yunnan layout: 公开01表 … 公开12表 in 元, captioned like the seed (title, 公开NN表,
部门：…, 金额单位：元), 07/08 empty with their 此表为空 sentence, 10–12 the performance
self-evaluation (12 once per project, its money in 万元). Budgets use the same codes 01–09
with 预算 titles."""

from __future__ import annotations

from decimal import Decimal

from synth.codes import CHINESE_ORDINALS, economic_lines, economic_name, summary_expenditure_lines
from synth.document import Cell, Grid, PrintedTable, Row
from synth.figures import EXPENDITURE_COLUMNS, FLOW_COLUMNS, INCOME_COLUMNS, Figures
from synth.layout_common import (
    AmountStyle,
    FunctionLabels,
    HeaderBuilder,
    NameForTable,
    empty_function_body,
    function_body,
    function_grid,
    pad_row,
    text_cell,
    two_sided_summary,
)
from synth.model import DepartmentYear, ProjectPerformance
from synth.money import ZERO, wan_text
from synth.narrative import Statement, yunnan_performance_narrative

YUAN_STYLE = AmountStyle("元")
ECONOMIC = "general_budget_basic_economic"
WAN_STYLE = AmountStyle("万元")

FINAL_TITLES = {
    "公开01表": "收入支出决算总表",
    "公开02表": "收入决算表",
    "公开03表": "支出决算表",
    "公开04表": "财政拨款收入支出决算表",
    "公开05表": "一般公共预算财政拨款收入支出决算表",
    "公开06表": "一般公共预算财政拨款基本支出决算表",
    "公开07表": "政府性基金预算财政拨款收入支出决算表",
    "公开08表": "国有资本经营预算财政拨款收入支出决算表",
    "公开09表": "“三公”经费、行政参公单位机关运行经费情况表",
    "公开10表": "部门整体支出绩效自评情况",
    "公开11表": "部门整体支出绩效自评表",
    "公开12表": "项目支出绩效自评表",
}
BUDGET_TITLES = {
    "公开01表": "收入支出预算总表",
    "公开02表": "收入预算表",
    "公开03表": "支出预算表",
    "公开04表": "财政拨款收入支出预算总表",
    "公开05表": "一般公共预算支出预算表",
    "公开06表": "一般公共预算基本支出预算表",
    "公开07表": "政府性基金预算支出预算表",
    "公开08表": "国有资本经营预算支出预算表",
    "公开09表": "“三公”经费支出预算表",
}
KINDS = {
    "公开01表": "income_expenditure_summary", "公开02表": "income", "公开03表": "expenditure",
    "公开04表": "fiscal_appropriation_summary", "公开05表": "general_budget_expenditure",
    "公开06表": "general_budget_basic_economic", "公开07表": "government_fund", "公开08表": "state_capital",
    "公开09表": "three_public_costs", "公开10表": "performance_narrative", "公开11表": "performance_overall",
    "公开12表": "project_performance",
}
NOTES = {
    "公开01表": "注：本表反映部门本年度的总收支和年初、年末结转结余情况。",
    "公开02表": "注：本表反映部门本年度取得的各项收入情况。",
    "公开03表": "注：本表反映部门本年度各项支出情况。",
    "公开04表": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算的总支出和年初、年末结转结余情况。",
    "公开05表": "注：本表反映部门本年度一般公共预算财政拨款的收支和年初、年末结转结余情况。",
    "公开06表": "注：本表反映部门本年度一般公共预算财政拨款基本支出经济分类支出情况。",
    "公开07表": "注：本表反映部门本年度政府性基金预算财政拨款的收支和年初、年末结转结余情况。",
    "公开08表": "注：本表反映部门本年度国有资本经营预算财政拨款的收支和年初、年末结转结余情况。",
}
BUDGET_NOTES = {
    "公开01表": "注：本表反映部门本年度收支预算总体情况。",
    "公开02表": "注：本表反映部门本年度各项收入预算情况。",
    "公开03表": "注：本表反映部门本年度各项支出预算情况。",
    "公开04表": "注：本表反映部门本年度财政拨款收支预算情况。",
    "公开05表": "注：本表反映部门本年度一般公共预算支出预算情况。",
    "公开06表": "注：本表反映部门本年度一般公共预算基本支出经济分类预算情况。",
    "公开07表": "注：本表反映部门本年度政府性基金预算支出预算情况。",
    "公开08表": "注：本表反映部门本年度国有资本经营预算支出预算情况。",
    "公开09表": "注：“三公”经费预算为部门使用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
}
THREE_PUBLIC_NOTES = [
    "注：1. “三公”经费为单位使用一般公共预算财政拨款安排的支出，包括当年一般公共预算财政拨款和以前年度一般公共预算财政"
    "拨款结转结余资金安排的实际支出。“三公”经费相关统计数是指使用一般公共预算财政拨款负担费用的相关批次、人次及车辆情况。",
    "2. “机关运行经费”为行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
]

FINAL_INCOME_LABELS = [
    ("fiscal_general", "一、一般公共预算财政拨款收入"), ("fiscal_fund", "二、政府性基金预算财政拨款收入"),
    ("fiscal_capital", "三、国有资本经营预算财政拨款收入"), ("superior_subsidy", "四、上级补助收入"),
    ("business", "五、事业收入"), ("operating", "六、经营收入"), ("affiliated_remit", "七、附属单位上缴收入"),
    ("other", "八、其他收入"),
]
BUDGET_INCOME_LABELS = [
    ("fiscal_general", "一、一般公共预算拨款收入"), ("fiscal_fund", "二、政府性基金预算拨款收入"),
    ("fiscal_capital", "三、国有资本经营预算拨款收入"), ("superior_subsidy", "四、上级补助收入"),
    ("business", "五、事业收入"), ("operating", "六、经营收入"), ("affiliated_remit", "七、附属单位上缴收入"),
    ("other", "八、其他收入"),
]

INCOME_HEADERS: list[tuple[str | None, str]] = [
    (None, "本年收入合计"), (None, "财政拨款收入"), (None, "上级补助收入"), ("事业收入", "小计"),
    ("事业收入", "其中：教育收费"), (None, "经营收入"), (None, "附属单位上缴收入"), (None, "其他收入"),
]
EXPENDITURE_HEADERS: list[tuple[str | None, str]] = [
    (None, "本年支出合计"), (None, "基本支出"), (None, "项目支出"), (None, "上缴上级支出"), (None, "经营支出"),
    (None, "对附属单位补助支出"),
]
FLOW_HEADERS: list[tuple[str | None, str]] = [
    ("年初结转和结余", "合计"), ("年初结转和结余", "基本支出结转"), ("年初结转和结余", "项目支出结转和结余"),
    ("本年收入", "合计"), ("本年收入", "基本支出"), ("本年收入", "项目支出"),
    ("本年支出", "合计"), ("本年支出", "基本支出"), ("本年支出", "项目支出"),
    ("年末结转和结余", "合计"), ("年末结转和结余", "基本支出结转"), ("年末结转和结余", "项目支出结转和结余"),
]
STATE_CAPITAL_HEADERS: list[tuple[str | None, str]] = [
    (None, "年初结转和结余"), (None, "本年收入"), (None, "本年支出"), ("年末结转和结余", "合计"),
    ("年末结转和结余", "结转"), ("年末结转和结余", "结余"),
]
BUDGET_SPLIT_HEADERS: list[tuple[str | None, str]] = [(None, "合计"), (None, "基本支出"), (None, "项目支出")]


class YunnanBuilder:
    def __init__(self, truth: DepartmentYear, figures: Figures, report_kind: str, code_style: str,
                 name_for: NameForTable):
        self.truth = truth
        self.figures = figures
        self.report_kind = report_kind
        self.year = truth.year
        self.labels = FunctionLabels(code_style)
        self.name_for = name_for
        self.tables: list[PrintedTable] = []
        self.statements: list[Statement] = []
        self.short = truth.department.short_name

    # -- assembling -------------------------------------------------------------------
    def _add(self, code: str, grid: Grid, notes: list[str], unit: str | None = "金额单位：元",
             unit_name: str = "元", occurrence: int = 1, wide: bool = False) -> None:
        titles = BUDGET_TITLES if self.report_kind == "budget" else FINAL_TITLES
        self.tables.append(PrintedTable(
            table_kind=KINDS[code], code=code, title=titles[code], occurrence=occurrence,
            department=self.name_for(len(self.tables)), department_label="部门：", unit=unit, unit_name=unit_name,
            grid=grid, notes=notes, wide=wide,
        ))

    def build(self) -> list[PrintedTable]:
        if self.report_kind == "budget":
            self._budget_tables()
        else:
            self._final_tables()
        return self.tables

    def _final_tables(self) -> None:
        f = self.figures
        self._add("公开01表", self._summary_final(), [NOTES["公开01表"]])
        self._add("公开02表", self._function("income", INCOME_COLUMNS, INCOME_HEADERS), [NOTES["公开02表"]], wide=True)
        self._add("公开03表", self._function("expenditure", EXPENDITURE_COLUMNS, EXPENDITURE_HEADERS),
                  [NOTES["公开03表"]])
        self._add("公开04表", self._appropriation_final(), [NOTES["公开04表"]], wide=True)
        self._add("公开05表", self._function("general_budget_expenditure", FLOW_COLUMNS, FLOW_HEADERS),
                  [NOTES["公开05表"]], wide=True)
        self._add("公开06表", self._economic_triples(f.rows("general_budget_basic_economic"), full=True),
                  [NOTES["公开06表"]], wide=True)
        empty = f"此表为空，{self.short}{self.year}年无政府性基金预算财政拨款收入支出。"
        self._add("公开07表", self._empty(FLOW_HEADERS), [empty, NOTES["公开07表"]], wide=True)
        empty = f"此表为空，{self.short}{self.year}年无国有资本经营预算财政拨款收入支出。"
        self._add("公开08表", self._empty(STATE_CAPITAL_HEADERS), [empty, NOTES["公开08表"]])
        self._add("公开09表", self._three_public_final(), list(THREE_PUBLIC_NOTES))
        self._add("公开10表", self._performance_narrative(), [], unit=None)
        self._add("公开11表", self._performance_overall(), [], unit=None)
        for occurrence, project in enumerate(self.truth.final.projects, start=1):
            self._add("公开12表", self._project(project), [], unit=None, unit_name="万元", occurrence=occurrence)

    def _budget_tables(self) -> None:
        f = self.figures
        self._add("公开01表", self._summary_budget(), [BUDGET_NOTES["公开01表"]])
        self._add("公开02表", self._function("income", INCOME_COLUMNS, INCOME_HEADERS), [BUDGET_NOTES["公开02表"]],
                  wide=True)
        self._add("公开03表", self._function("expenditure", EXPENDITURE_COLUMNS, EXPENDITURE_HEADERS),
                  [BUDGET_NOTES["公开03表"]])
        self._add("公开04表", self._appropriation_budget(), [BUDGET_NOTES["公开04表"]])
        columns = ("expenditure_total", "expenditure_basic", "expenditure_project")
        self._add("公开05表", self._function("general_budget_expenditure", columns, BUDGET_SPLIT_HEADERS),
                  [BUDGET_NOTES["公开05表"]])
        self._add("公开06表", self._economic_triples(f.rows("general_budget_basic_economic"), full=False),
                  [BUDGET_NOTES["公开06表"]], wide=True)
        empty = f"此表为空，{self.short}{self.year}年无政府性基金预算支出。"
        self._add("公开07表", self._empty(BUDGET_SPLIT_HEADERS), [empty, BUDGET_NOTES["公开07表"]])
        empty = f"此表为空，{self.short}{self.year}年无国有资本经营预算支出。"
        self._add("公开08表", self._empty(BUDGET_SPLIT_HEADERS), [empty, BUDGET_NOTES["公开08表"]])
        self._add("公开09表", self._three_public_budget(), [BUDGET_NOTES["公开09表"]])

    # -- function-subject tables ---------------------------------------------------------
    def _function(self, kind: str, columns: tuple[str, ...], headers: list[tuple[str | None, str]]) -> Grid:
        body = function_body(self.labels, kind, self.figures.rows(kind), columns, YUAN_STYLE, self.year)
        return function_grid(self.labels, headers, body, column_numbers=True)

    def _empty(self, headers: list[tuple[str | None, str]]) -> Grid:
        return function_grid(self.labels, headers, empty_function_body(self.labels, len(headers)), column_numbers=True)

    # -- 01 / 04 -----------------------------------------------------------------------------
    def _summary_final(self) -> Grid:
        table = self.figures.rows("income_expenditure_summary")
        header = HeaderBuilder(3, 6)
        header.put(0, 0, "收入", colspan=3)
        header.put(0, 3, "支出", colspan=3)
        for col, text in enumerate(["项目", "行次", "金额", "项目(按功能分类)", "行次", "金额"]):
            header.put(1, col, text)
        for col, text in enumerate(["栏", "次", "1", "栏", "次", "2"]):
            header.put(2, col, text)
        lines = summary_expenditure_lines(self.year)
        n = len(lines)
        left = [(label, table[key]["amount"]) for key, label in FINAL_INCOME_LABELS]
        left += [("", None)] * (n - len(left))
        body: list[Row] = []
        for i, ((label, value), (code, name)) in enumerate(zip(left, lines, strict=True)):
            body.append(pad_row([
                text_cell(label), text_cell(str(i + 1), "center"), self._yuan(value),
                text_cell(f"{CHINESE_ORDINALS[i]}、{name}"), text_cell(str(n + 5 + i), "center"),
                self._yuan(table[f"lei:{code}"]["amount"]),
            ], 6))
        closing_rows = [
            ("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
            ("使用非财政拨款结余", "use_nonfiscal_balance", "结余分配", "surplus_distribution"),
            ("年初结转和结余", "opening", "年末结转和结余", "closing"),
            ("总计", "income_grand_total", "总计", "expenditure_grand_total"),
        ]
        for k, (left_label, left_key, right_label, right_key) in enumerate(closing_rows):
            body.append(pad_row([
                text_cell(left_label), text_cell(str(n + 1 + k), "center"), self._yuan(table[left_key]["amount"]),
                text_cell(right_label), text_cell(str(2 * n + 5 + k), "center"),
                self._yuan(table[right_key]["amount"]),
            ], 6))
        return Grid(n_cols=6, header=header.rows(), body=body,
                    col_kinds=["label", "number", "amount", "label", "number", "amount"])

    def _summary_budget(self) -> Grid:
        table = self.figures.rows("income_expenditure_summary")
        return two_sided_summary(
            self.year, table, ["项目", "预算数", "项目（按功能分类）", "预算数"],
            [(label, table[key]["amount"]) for key, label in BUDGET_INCOME_LABELS], ("amount",),
            [("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
             ("上年结转结余", "carry_in", "年末结转结余", "carry_out"),
             ("收入总计", "income_grand_total", "支出总计", "expenditure_grand_total")],
            self._yuan,
        )

    def _appropriation_final(self) -> Grid:
        table = self.figures.rows("fiscal_appropriation_summary")
        header = HeaderBuilder(3, 9)
        header.put(0, 0, "收 入", colspan=3)
        header.put(0, 3, "支 出", colspan=6)
        for col, text in enumerate(["项 目", "行次", "决算数", "项目（按功能分类）", "行次", "合计", "一般公共预算财政拨款",
                                    "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]):
            header.put(1, col, text)
        header.put(2, 0, "栏 次", colspan=2)
        header.put(2, 2, "1")
        header.put(2, 3, "栏 次", colspan=2)
        for k in range(4):
            header.put(2, 5 + k, str(2 + k))
        lines = summary_expenditure_lines(self.year)
        n = len(lines)
        left: list[tuple[str, Decimal | None]] = [
            ("一、一般公共预算财政拨款", table["general"]["amount"]), ("二、政府性基金预算财政拨款", table["fund"]["amount"]),
            ("三、国有资本经营预算财政拨款", table["capital"]["amount"]),
        ]
        left += [("", None)] * (n - len(left))
        body: list[Row] = []
        columns = ("total", "general", "fund", "capital")
        for i, ((label, value), (code, name)) in enumerate(zip(left, lines, strict=True)):
            values = table[f"lei:{code}"]
            body.append(pad_row([
                text_cell(label), text_cell(str(i + 1), "center"), self._yuan(value),
                text_cell(f"{CHINESE_ORDINALS[i]}、{name}"), text_cell(str(n + 7 + i), "center"),
                *[self._yuan(values[c]) for c in columns],
            ], 9))
        empty4 = [self._yuan(None) for _ in columns]
        tail = [
            ("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
            ("年初财政拨款结转和结余", "opening_total", "年末财政拨款结转和结余", "closing_total"),
            ("一、一般公共预算财政拨款", "opening_general", "", None),
            ("二、政府性基金预算财政拨款", "opening_fund", "", None),
            ("三、国有资本经营预算财政拨款", "opening_capital", "", None),
            ("总计", "income_grand_total", "总计", "expenditure_grand_total"),
        ]
        for k, (left_label, left_key, right_label, right_key) in enumerate(tail):
            right = [self._yuan(table[right_key][c]) for c in columns] if right_key else empty4
            body.append(pad_row([
                text_cell(left_label), text_cell(str(n + 1 + k), "center"), self._yuan(table[left_key]["amount"]),
                text_cell(right_label), text_cell(str(2 * n + 7 + k), "center"), *right,
            ], 9))
        kinds = ["label", "number", "amount", "label", "number", "amount", "amount", "amount", "amount"]
        return Grid(n_cols=9, header=header.rows(), body=body, col_kinds=kinds)

    def _appropriation_budget(self) -> Grid:
        table = self.figures.rows("fiscal_appropriation_summary")
        return two_sided_summary(
            self.year, table,
            ["项目", "预算数", "项目（按功能分类）", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
            [("一、一般公共预算拨款", table["general"]["amount"]), ("二、政府性基金预算拨款", table["fund"]["amount"]),
             ("三、国有资本经营预算拨款", table["capital"]["amount"])],
            ("total", "general", "fund", "capital"),
            [("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
             ("收入总计", "income_grand_total", "支出总计", "expenditure_grand_total")],
            self._yuan,
        )

    # -- 06 ------------------------------------------------------------------------------------
    def _economic_triples(self, table: dict[str, dict[str, Decimal]], full: bool) -> Grid:
        """Three (科目编码, 科目名称, 金额) triples side by side: 人员经费 (301, 303) | 公用经费
        (302, 307) | 公用经费 (310, 312, 399). Final accounts list every line of the year's
        list (blank where nothing was spent); budgets only the lines with money."""
        lines = economic_lines(self.year)
        groups = [("301", "303"), ("302", "307"), ("310", "312", "399")]
        columns: list[list[tuple[str, str, Decimal]]] = []
        for classes in groups:
            column: list[tuple[str, str, Decimal]] = []
            for cls in classes:
                if cls not in lines:
                    continue
                amount = table.get(cls, {}).get("amount", ZERO)
                if not full and not amount:
                    continue
                column.append((cls, economic_name(cls, self.year), amount))
                for line in lines[cls]:
                    value = table.get(line.code, {}).get("amount", ZERO)
                    if full or value:
                        column.append((line.code, line.name, value))
            columns.append(column)
        depth = max(len(c) for c in columns)
        header = HeaderBuilder(2, 9)
        header.put(0, 0, "人员经费", colspan=3)
        header.put(0, 3, "公用经费", colspan=6)
        for group in range(3):
            for k, text in enumerate(["科目编码", "科目名称", "金额"]):
                header.put(1, group * 3 + k, text)
        body: list[Row] = []
        for i in range(depth):
            cells: list[Cell] = []
            for column in columns:
                if i < len(column):
                    code, name, value = column[i]
                    cells += [text_cell(code), text_cell(name), self._yuan(value, (ECONOMIC, code, "amount"))]
                else:
                    cells += [Cell(""), Cell(""), Cell("", align="right")]
            body.append(pad_row(cells, 9))
        personnel = table.get("personnel_total", {}).get("amount", ZERO)
        public = table.get("public_total", {}).get("amount", ZERO)
        body.append(pad_row([text_cell("人员经费合计", colspan=2), self._yuan(personnel, (ECONOMIC, "personnel_total", "amount")),
                             text_cell("公用经费合计", colspan=5), self._yuan(public, (ECONOMIC, "public_total", "amount"))], 9))
        kinds = ["code", "name", "amount"] * 3
        return Grid(n_cols=9, header=header.rows(), body=body, col_kinds=kinds)

    # -- 09 --------------------------------------------------------------------------------------
    def _three_public_final(self) -> Grid:
        f = self.figures
        counts = self.truth.final.counts
        header = HeaderBuilder(2, 4)
        for col, text in enumerate(["项 目", "行次", "预算数", "决算统计数"]):
            header.put(0, col, text)
        header.put(1, 0, "栏 次")
        header.put(1, 1, "")
        header.put(1, 2, "1")
        header.put(1, 3, "2")

        def money(item: str, budget: bool = True) -> tuple[Cell, Cell]:
            planned = (self._yuan(f.get("three_public_costs", item, "budget"), ("three_public_costs", item, "budget"))
                       if budget else text_cell("—", "center"))
            return planned, self._yuan(f.get("three_public_costs", item, "actual"), ("three_public_costs", item, "actual"))

        def count(value: int) -> tuple[Cell, Cell]:
            return text_cell("—", "center"), text_cell(f"{value:,}" if value else "", "right")

        dash = (text_cell("—", "center"), text_cell("—", "center"))
        administrative = self.truth.department.unit_kind == "行政单位"
        office = money("机关运行经费", budget=False)
        nothing = (text_cell("—", "center"), Cell("", align="right"))
        rows = [
            ("一、“三公”经费支出", dash), ("（一）支出合计", money("合计")),
            ("1. 因公出国（境）费", money("因公出国（境）费")),
            ("2. 公务用车购置及运行维护费", money("公务用车购置及运行维护费")),
            ("（1）公务用车购置费", money("公务用车购置费")), ("（2）公务用车运行维护费", money("公务用车运行维护费")),
            ("3. 公务接待费", money("公务接待费")), ("（1）国内接待费", money("国内接待费", budget=False)),
            ("其中：外事接待费", nothing), ("（2）国（境）外接待费", nothing),
            ("（二）相关统计数", dash),
            ("1. 因公出国（境）团组数（个）", count(counts.abroad_groups)),
            ("2. 因公出国（境）人次（人）", count(counts.abroad_people)),
            ("3. 公务用车购置数（辆）", count(counts.vehicles_bought)),
            ("4. 公务用车保有量（辆）", count(counts.vehicles_held)),
            ("5. 国内公务接待批次（个）", count(counts.reception_batches)),
            ("其中：外事接待批次（个）", count(0)),
            ("6. 国内公务接待人次（人）", count(counts.reception_people)),
            ("其中：外事接待人次（人）", count(0)),
            ("7. 国（境）外公务接待批次（个）", count(0)), ("8. 国（境）外公务接待人次（人）", count(0)),
            ("二、机关运行经费", office),
            ("（一）行政单位", office if administrative else nothing),
            ("（二）参照公务员法管理事业单位", nothing if administrative else office),
        ]
        body = [pad_row([text_cell(label), text_cell(str(i + 1), "center"), a, b], 4)
                for i, (label, (a, b)) in enumerate(rows)]
        return Grid(n_cols=4, header=header.rows(), body=body, col_kinds=["label", "number", "amount", "amount"])

    def _three_public_budget(self) -> Grid:
        f = self.figures
        header = HeaderBuilder(1, 2)
        header.put(0, 0, "项目")
        header.put(0, 1, "预算数")
        rows = [("合计", "合计"), ("1. 因公出国（境）费", "因公出国（境）费"),
                ("2. 公务用车购置及运行维护费", "公务用车购置及运行维护费"), ("（1）公务用车购置费", "公务用车购置费"),
                ("（2）公务用车运行维护费", "公务用车运行维护费"), ("3. 公务接待费", "公务接待费"),
                ("机关运行经费", "机关运行经费")]
        body = [pad_row([text_cell(label), self._yuan(f.get("three_public_costs", item, "budget"),
                                                      ("three_public_costs", item, "budget"))], 2)
                for label, item in rows]
        return Grid(n_cols=2, header=header.rows(), body=body, col_kinds=["label", "amount"])

    # -- 10 / 11 / 12 ------------------------------------------------------------------------------
    def _performance_narrative(self) -> Grid:
        sentences, statements = yunnan_performance_narrative(self.figures, self.short, self.year)
        self.statements.extend(statements)
        name = self.truth.department.name
        rows = [
            ("一、部门基本情况", "(一) 部门概况", f"{name}是负责本领域工作的主管部门，内设科室若干，所属事业单位按规定纳入部门决算编制范围。"),
            ("", "(二) 部门绩效目标的设立情况", "年初编制预算时同步设定部门整体绩效目标和项目绩效目标，对绩效目标进行细化，明确指标值和评价标准。"),
            ("", "(三) 部门整体收支情况", sentences["money"]),
            ("", "(四) 部门预算管理制度建设情况", "建立健全财务管理、预算绩效跟踪管理等制度，定期对项目推进和资金使用情况进行自查。"),
            ("", "(五) 严控“三公经费”支出情况", sentences["three_public"]),
            ("二、绩效自评工作情况", "(一) 绩效自评的目的", "对项目推进落实情况进行跟踪问效，对资金使用和配置效率进行检查。"),
            ("", "(二) 自评组织过程", "制定工作方案，组织科室开展绩效自评，对自评结论进行复核审核。"),
            ("三、评价情况分析", "", "在预算编制、预算执行和支出绩效方面按照规定严格执行，合理安排支出，财政资金发挥效益。"),
            ("四、存在的问题和整改情况", "", "内部控制制度执行还需进一步加强，预算执行进度有待均衡。"),
            ("五、绩效自评结果应用", "", "将绩效评价结果用于完善管理制度、改进工作计划、提高管理水平。"),
            ("六、主要经验及做法", "", "对项目实施和资金使用进行全程跟踪监督，及时掌握项目进度。"),
            ("七、其他需说明的情况", "", "无"),
        ]
        body = [pad_row([text_cell(a), text_cell(b), text_cell(c, colspan=2)], 4) for a, b, c in rows]
        return Grid(n_cols=4, header=[], body=body, col_kinds=["label", "label", "text", "text"])

    def _performance_overall(self) -> Grid:
        name = self.truth.department.name
        n = 9
        body: list[Row] = [
            pad_row([text_cell("部门名称"), text_cell(name, colspan=8)], n),
            pad_row([text_cell(""), text_cell("内容", colspan=4, align="center"), text_cell("说明", colspan=4, align="center")], n),
            pad_row([text_cell("部门总体目标"), text_cell(f"{name}按照职能职责履行工作任务，保障各项重点工作顺利推进。", colspan=4),
                     text_cell("", colspan=4)], n),
            pad_row([text_cell("一、部门年度重点工作任务", colspan=9)], n),
        ]
        header = [text_cell("任务名称"), text_cell("项目级次"), text_cell("主要内容"), text_cell("总额", align="center"),
                  text_cell("财政拨款", align="center"), text_cell("其他资金", align="center"),
                  text_cell("实际支出金额（万元）", align="center"), text_cell("预算执行率", align="center"),
                  text_cell("预算执行偏低原因及改进措施")]
        body.append(pad_row(header, n))
        for project in self.truth.final.projects:
            full = self.figures.get("project_performance", project.name, "budget_full_year")
            executed = self.figures.get("project_performance", project.name, "executed")
            rate = self.figures.get("project_performance", project.name, "execution_rate")
            body.append(pad_row([
                text_cell(project.name), text_cell("本级"), text_cell(project.goal), self._wan(full), self._wan(full),
                Cell("", align="right"), self._wan(executed), Cell(f"{rate:.2f}", align="right", value=rate),
                text_cell("" if rate >= 90 else "部分工作受客观因素影响顺延。"),
            ], n))
        body.append(pad_row([text_cell("其他需说明事项"), text_cell("无", colspan=8)], n))
        kinds = ["label", "label", "text", "amount", "amount", "amount", "amount", "amount", "text"]
        return Grid(n_cols=n, header=[], body=body, col_kinds=kinds)

    def _project(self, project: ProjectPerformance) -> Grid:
        """The seed's 公开12表: name, departments, the money block (万元), goals, indicators."""
        f = self.figures
        key = project.name
        name = self.truth.department.name
        n = 10
        def tag(column: str) -> tuple[str, str, str]:
            return ("project_performance", key, column)

        values = {c: f.get("project_performance", key, c) for c in
                  ("budget_initial", "budget_full_year", "executed", "weight", "execution_rate", "score")}
        body: list[Row] = [
            pad_row([text_cell("项目名称", colspan=2), text_cell(key, colspan=8)], n),
            pad_row([text_cell("主管部门", colspan=2), text_cell(name, colspan=3), text_cell("实施单位"),
                     text_cell(name, colspan=4)], n),
        ]
        money_block: list[list[Cell]] = [
            [text_cell("年初预算数", align="center"), text_cell("全年预算数", align="center"),
             text_cell("全年执行数", align="center"), text_cell("分值", align="center"), text_cell("执行率", align="center"),
             text_cell("得分", align="center")],
            [self._wan(values["budget_initial"], tag("budget_initial")), self._wan(values["budget_full_year"], tag("budget_full_year")),
             self._wan(values["executed"], tag("executed")), self._points(values["weight"], tag("weight")),
             self._points(values["execution_rate"], tag("execution_rate")), self._points(values["score"], tag("score"))],
            [self._wan(values["budget_initial"]), self._wan(values["budget_full_year"]), self._wan(values["executed"]),
             Cell(""), Cell(""), text_cell("—", "center")],
            [Cell(""), Cell(""), Cell(""), Cell(""), Cell(""), text_cell("—", "center")],
            [Cell(""), Cell(""), Cell(""), Cell(""), Cell(""), text_cell("—", "center")],
        ]
        labels = ["", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
        for i, (label, cells) in enumerate(zip(labels, money_block, strict=True)):
            first = [text_cell("项目资金（万元）", rowspan=5)] if i == 0 else []
            row: Row = list(first) if first else [None]
            row.extend(pad_row([text_cell(label, colspan=2), *cells, Cell("")], n - 1))
            body.append(row)
        body.append([text_cell("年度总体目标", rowspan=2), *pad_row([text_cell("预期目标", colspan=4, align="center"),
                                                                text_cell("实际完成情况", colspan=5, align="center")], n - 1)])
        body.append([None, *pad_row([text_cell(project.goal, colspan=4), text_cell(project.outcome, colspan=5)], n - 1)])
        inner_start = len(body)
        body.append(pad_row([text_cell("绩效指标", colspan=3, align="center"), text_cell("年度指标值", colspan=3, align="center"),
                             text_cell("实际完成值"), text_cell("分值"), text_cell("得分"),
                             text_cell("偏差原因分析及改进措施")], n))
        body.append(pad_row([text_cell(t, align="center") for t in ("一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                                                    "度量单位")], n))
        inner_end = len(body)
        for indicator in project.indicators:
            body.append(pad_row([text_cell(indicator.level1), text_cell(indicator.level2), text_cell(indicator.name),
                                 text_cell(indicator.operator, "center"), text_cell(indicator.target, "center"),
                                 text_cell(indicator.unit, "center"), text_cell(indicator.actual),
                                 text_cell(str(indicator.weight), "center"), text_cell(str(indicator.score), "center"),
                                 text_cell(indicator.note)], n))
        body.append(pad_row([text_cell("其他需要说明事项", colspan=3), text_cell("无", colspan=7)], n))
        total_score = int(project.weight) + sum(i.score for i in project.indicators)
        grade = "优" if total_score >= 90 else "良" if total_score >= 80 else "中"
        body.append(pad_row([text_cell("总分", colspan=7), text_cell("100", "center"), text_cell(grade, "center"),
                             text_cell("(自评等级)")], n))
        kinds = ["label", "label", "text", "amount", "amount", "amount", "amount", "amount", "amount", "text"]
        grid = Grid(n_cols=n, header=[], body=body, col_kinds=kinds)
        grid.inner_header = (inner_start, inner_end)
        return grid

    # -- cells -------------------------------------------------------------------------------------------
    def _yuan(self, value: Decimal | None, fact: tuple[str, str, str] | None = None) -> Cell:
        if value is None:
            return Cell("", align="right")
        return YUAN_STYLE.cell(value, fact)

    def _wan(self, value: Decimal, fact: tuple[str, str, str] | None = None) -> Cell:
        if not value:
            return Cell("", align="right", fact=fact)
        return Cell(wan_text(value), align="right", value=value / 10000, fact=fact)

    def _points(self, value: Decimal, fact: tuple[str, str, str] | None = None) -> Cell:
        return Cell(f"{value:.2f}", align="right", value=value, fact=fact)
