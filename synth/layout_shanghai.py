"""The Shanghai layout, after 上海市普陀区's documents: final accounts as nine titled tables
without 公开NN表 codes, in 万元, with a 目录 and a 情况说明; budgets as the 2025 万里街道
tables prefixed with the year (2025年部门财务收支预算总表 …) in 元, their 三公 table in 万元,
captioned 编制部门：…  单位：元."""

from __future__ import annotations

from decimal import Decimal

from synth.codes import CHINESE_ORDINALS, economic_lines, economic_name, function_name
from synth.document import Cell, Grid, PrintedTable, Row, TextSection
from synth.figures import Figures, nonzero_lei
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
from synth.model import DepartmentYear
from synth.narrative import Statement, shanghai_budget_explanation, shanghai_budget_other, shanghai_final_narrative

WAN_STYLE = AmountStyle("万元")
YUAN_ZERO_STYLE = AmountStyle("元", zeros="zero")
YUAN_STYLE = AmountStyle("元")

FINAL_TABLES = [
    ("income_expenditure_summary", "收入支出决算总表"),
    ("income", "收入决算表"),
    ("expenditure", "支出决算表"),
    ("fiscal_appropriation_summary", "财政拨款收入支出决算总表"),
    ("general_budget_expenditure", "一般公共预算财政拨款支出决算表"),
    ("general_budget_basic_economic", "一般公共预算财政拨款基本支出决算表"),
    ("three_public_costs", "财政拨款“三公”经费支出决算表"),
    ("government_fund", "政府性基金预算财政拨款收入支出决算表"),
    ("state_capital", "国有资本经营预算财政拨款收入支出决算表"),
]
BUDGET_TABLES = [
    ("income_expenditure_summary", "部门财务收支预算总表"),
    ("income", "部门收入预算总表"),
    ("expenditure", "部门支出预算总表"),
    ("fiscal_appropriation_summary", "部门财政拨款收支预算总表"),
    ("general_budget_expenditure", "部门一般公共预算支出功能分类预算表"),
    ("government_fund", "部门政府性基金预算支出功能分类预算表"),
    ("state_capital", "部门国有资本经营预算支出功能分类预算表"),
    ("general_budget_basic_economic", "部门一般公共预算基本支出部门预算经济分类预算表"),
    ("three_public_costs", "部门“三公”经费和机关运行经费预算表"),
]

FINAL_INCOME = [
    ("fiscal_general", "一、一般公共预算财政拨款收入"), ("fiscal_fund", "二、政府性基金预算财政拨款收入"),
    ("fiscal_capital", "三、国有资本经营预算财政拨款收入"), ("superior_subsidy", "四、上级补助收入"),
    ("business", "五、事业收入"), ("operating", "六、经营收入"), ("affiliated_remit", "七、附属单位上缴收入"),
    ("other", "八、其他收入"),
]
SH_INCOME_COLUMNS = ("total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remit",
                     "other")
SH_INCOME_HEADERS: list[tuple[str | None, str]] = [
    (None, "本年收入合计"), (None, "财政拨款收入"), (None, "上级补助收入"), (None, "事业收入"), (None, "经营收入"),
    (None, "附属单位上缴收入"), (None, "其他收入"),
]
SH_EXPENDITURE_COLUMNS = ("total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy")
SH_EXPENDITURE_HEADERS: list[tuple[str | None, str]] = [
    (None, "本年支出合计"), (None, "基本支出"), (None, "项目支出"), (None, "上缴上级支出"), (None, "经营支出"),
    (None, "对附属单位补助支出"),
]
SH_FUND_HEADERS: list[tuple[str | None, str]] = [
    (None, "年初结转和结余"), (None, "本年收入"), ("本年支出", "小计"), ("本年支出", "基本支出"), ("本年支出", "项目支出"),
    (None, "年末结转和结余"),
]
BUDGET_INCOME_COLUMNS = ("total", "fiscal_appropriation", "business", "operating", "other")
BUDGET_SPLIT = ("expenditure_total", "expenditure_basic", "expenditure_project")
ECONOMIC = "general_budget_basic_economic"


class ShanghaiBuilder:
    def __init__(self, truth: DepartmentYear, figures: Figures, report_kind: str, code_style: str,
                 name_for: NameForTable):
        self.truth = truth
        self.figures = figures
        self.report_kind = report_kind
        self.year = truth.year
        self.name = truth.department.name
        self.labels = FunctionLabels(code_style)
        self.budget_labels = FunctionLabels(code_style, code_label="功能分类科目编码", name_label="功能分类科目名称")
        self.name_for = name_for
        self.tables: list[PrintedTable] = []
        self.statements: list[Statement] = []

    def build(self) -> list[TextSection | PrintedTable]:
        if self.report_kind == "budget":
            return self._budget()
        return self._final()

    # -- final accounts ----------------------------------------------------------------------
    def _final(self) -> list[TextSection | PrintedTable]:
        f = self.figures
        contents = TextSection("contents", "目录", [
            f"第一部分 {self.name}概况",
            f"第二部分 {self.name}{self.year}年度部门决算表",
            *[f"{CHINESE_ORDINALS[i]}、{title}" for i, (_, title) in enumerate(FINAL_TABLES)],
            f"第三部分 {self.name}{self.year}年度部门决算情况说明",
        ])
        overview = TextSection("narrative", f"第一部分 {self.name}概况", [
            "一、主要职能",
            f"{self.name}是本级党委、政府的工作部门，按照职能职责承担相关工作任务，完成上级交办的其他任务。",
            "二、部门决算单位构成",
            f"纳入{self.name}{self.year}年度部门决算编制范围的单位包括本级及所属单位，所属单位预算不单列，并入本级。",
        ])
        tables_heading = TextSection("narrative", f"第二部分 {self.name}{self.year}年度部门决算表", [])
        unit = "单位：万元"
        self._table("income_expenditure_summary", FINAL_TABLES[0][1], self._summary_final(), unit)
        self._table("income", FINAL_TABLES[1][1], self._function_final("income", SH_INCOME_COLUMNS, SH_INCOME_HEADERS),
                    unit, wide=True)
        self._table("expenditure", FINAL_TABLES[2][1],
                    self._function_final("expenditure", SH_EXPENDITURE_COLUMNS, SH_EXPENDITURE_HEADERS), unit, wide=True)
        self._table("fiscal_appropriation_summary", FINAL_TABLES[3][1], self._appropriation_final(), unit, wide=True)
        flow_body = function_body(self.labels, "general_budget_expenditure", f.rows("general_budget_expenditure"), BUDGET_SPLIT, WAN_STYLE, self.year,
                                  total_first=False)
        self._table("general_budget_expenditure", FINAL_TABLES[4][1],
                    function_grid(self.labels, [(None, "合计"), (None, "基本支出"), (None, "项目支出")], flow_body,
                                  column_numbers=False), unit)
        self._table("general_budget_basic_economic", FINAL_TABLES[5][1], self._economic_pairs(), unit)
        self._table("three_public_costs", FINAL_TABLES[6][1], self._three_public_final(), unit, wide=True)
        for kind, title in FINAL_TABLES[7:]:
            what = "政府性基金预算" if kind == "government_fund" else "国有资本经营预算"
            grid = function_grid(self.labels, SH_FUND_HEADERS, empty_function_body(self.labels, len(SH_FUND_HEADERS)),
                                 column_numbers=False)
            self._table(kind, title, grid, unit, notes=[f"注：{self.name}无{what}财政拨款支出，故本表无数据。"], wide=True)
        paragraphs, self.statements = shanghai_final_narrative(f, self.name, self.year)
        explanation = TextSection("narrative", f"第三部分 {self.name}{self.year}年度部门决算情况说明", paragraphs,
                                  [(s.id, "", s.what) for s in self.statements])
        return [contents, overview, tables_heading, *self.tables, explanation]

    def _table(self, kind: str, title: str, grid: Grid, unit: str, notes: list[str] | None = None,
               department: bool = False, wide: bool = False) -> None:
        unit_name = "万元" if "万元" in unit else "元"
        printed = self.name_for(len(self.tables)) if department else None
        self.tables.append(PrintedTable(
            table_kind=kind, code=None, title=title, occurrence=1, department=printed, department_label="编制部门：",
            unit=unit, unit_name=unit_name, grid=grid, notes=notes or [], wide=wide,
        ))

    def _function_final(self, kind: str, columns: tuple[str, ...], headers: list[tuple[str | None, str]]) -> Grid:
        body = function_body(self.labels, kind, self.figures.rows(kind), columns, WAN_STYLE, self.year)
        return function_grid(self.labels, headers, body, column_numbers=False)

    def _summary_final(self) -> Grid:
        table = self.figures.rows("income_expenditure_summary")
        return two_sided_summary(
            self.year, table, ["项目", "决算数", "项目", "决算数"],
            [(label, table[key]["amount"]) for key, label in FINAL_INCOME], ("amount",),
            [("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
             ("使用非财政拨款结余（含专用结余）", "use_nonfiscal_balance", "结余分配", "surplus_distribution"),
             ("年初结转和结余", "opening", "年末结转和结余", "closing"),
             ("总计", "income_grand_total", "总计", "expenditure_grand_total")],
            self._wan,
        )

    def _appropriation_final(self) -> Grid:
        table = self.figures.rows("fiscal_appropriation_summary")
        return two_sided_summary(
            self.year, table,
            ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            [("一、一般公共预算财政拨款", table["general"]["amount"]), ("二、政府性基金预算财政拨款", table["fund"]["amount"]),
             ("三、国有资本经营预算财政拨款", table["capital"]["amount"])],
            ("total", "general", "fund", "capital"),
            [("本年收入合计", "income_total", "本年支出合计", "expenditure_total"),
             ("年初财政拨款结转和结余", "opening_total", "年末财政拨款结转和结余", "closing_total"),
             ("一、一般公共预算财政拨款", "opening_general", "", None),
             ("二、政府性基金预算财政拨款", "opening_fund", "", None),
             ("三、国有资本经营预算财政拨款", "opening_capital", "", None),
             ("总计", "income_grand_total", "总计", "expenditure_grand_total")],
            self._wan,
        )

    def _economic_pairs(self) -> Grid:
        """Two (类, 款, 科目名称, 决算数) groups side by side: 人员经费 (301, 303) left,
        公用经费 (302, 310) right, every line of the year's list."""
        table = self.figures.rows("general_budget_basic_economic")
        lines = economic_lines(self.year)
        sides: list[list[tuple[str, Decimal]]] = []
        for classes in (("301", "303"), ("302", "310")):
            side: list[tuple[str, Decimal]] = []
            for cls in classes:
                side.append((cls, table.get(cls, {}).get("amount", Decimal(0))))
                side += [(line.code, table.get(line.code, {}).get("amount", Decimal(0))) for line in lines.get(cls, ())]
            sides.append(side)
        header = HeaderBuilder(2, 8)
        for group in range(2):
            base = group * 4
            header.put(0, base, "经济分类科目编码", colspan=2)
            header.put(0, base + 2, "科目名称", rowspan=2)
            header.put(0, base + 3, "决算数", rowspan=2)
            header.put(1, base, "类")
            header.put(1, base + 1, "款")
        body: list[Row] = []
        for i in range(max(len(s) for s in sides)):
            cells: list[Cell] = []
            for side in sides:
                if i < len(side):
                    code, value = side[i]
                    cells += [text_cell(code[:3], "center"), text_cell(code[3:], "center"),
                              text_cell(economic_name(code, self.year)), self._wan(value, (ECONOMIC, code, "amount"))]
                else:
                    cells += [Cell(""), Cell(""), Cell(""), Cell("", align="right")]
            body.append(pad_row(cells, 8))
        body.append(pad_row([
            text_cell("人员经费合计", colspan=3), self._wan(table["personnel_total"]["amount"], (ECONOMIC, "personnel_total", "amount")),
            text_cell("公用经费合计", colspan=3), self._wan(table["public_total"]["amount"], (ECONOMIC, "public_total", "amount")),
        ], 8))
        return Grid(n_cols=8, header=header.rows(), body=body,
                    col_kinds=["code", "code", "name", "amount", "code", "code", "name", "amount"])

    def _three_public_final(self) -> Grid:
        f = self.figures
        header = HeaderBuilder(4, 12)
        header.put(0, 0, "财政拨款“三公”经费", colspan=12)
        header.put(1, 0, "合计", colspan=2, rowspan=2)
        header.put(1, 2, "因公出国（境）费", colspan=2, rowspan=2)
        header.put(1, 4, "公务用车购置及运行费", colspan=6)
        header.put(1, 10, "公务接待费", colspan=2, rowspan=2)
        header.put(2, 4, "小计", colspan=2)
        header.put(2, 6, "公务用车购置费", colspan=2)
        header.put(2, 8, "公务用车运行费", colspan=2)
        for k in range(6):
            header.put(3, 2 * k, "预算数")
            header.put(3, 2 * k + 1, "决算数")
        cells: list[Cell] = []
        for item in ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"):
            cells += [self._wan(f.get("three_public_costs", item, "budget"), ("three_public_costs", item, "budget")),
                      self._wan(f.get("three_public_costs", item, "actual"), ("three_public_costs", item, "actual"))]
        return Grid(n_cols=12, header=header.rows(), body=[pad_row(cells, 12)], col_kinds=["amount"] * 12)

    # -- budgets ------------------------------------------------------------------------------
    def _budget(self) -> list[TextSection | PrintedTable]:
        f = self.figures
        year = self.year
        titles = [f"{year}年{title}" for _, title in BUDGET_TABLES]
        contents = TextSection("contents", "目录", [
            "第一部分 部门概况", "第二部分 部门预算编制说明", "第三部分 部门预算表",
            *[f"{i + 1}. {title}" for i, title in enumerate(titles)], "第四部分 其他相关情况说明",
        ])
        overview = TextSection("narrative", "第一部分 部门概况", [
            f"{self.name}（部门）主要职能",
            f"{self.name}按照法律法规和本级党委、政府的要求履行职责，组织实施本部门各项工作。",
        ])
        explanation, statements = shanghai_budget_explanation(f, self.name, year)
        self.statements.extend(statements)
        preparation = TextSection("narrative", "第二部分 部门预算编制说明", [f"{year}年部门预算编制说明", *explanation],
                                  [(s.id, "", s.what) for s in statements])
        tables_heading = TextSection("narrative", "第三部分 部门预算表", [])
        unit = "单位：元"
        kinds = dict(BUDGET_TABLES)
        self._table("income_expenditure_summary", f"{year}年{kinds['income_expenditure_summary']}",
                    self._summary_budget(), unit, department=True)
        body = function_body(self.budget_labels, "income", f.rows("income"), BUDGET_INCOME_COLUMNS, YUAN_ZERO_STYLE, year,
                             total_first=False)
        headers: list[tuple[str | None, str]] = [(None, "合计"), (None, "财政拨款收入"), (None, "事业收入"),
                                                 (None, "事业单位经营收入"), (None, "其他收入")]
        self._table("income", f"{year}年{kinds['income']}",
                    function_grid(self.budget_labels, headers, body, column_numbers=False, top_group="收入预算"),
                    unit, department=True, wide=True)
        body = function_body(self.budget_labels, "expenditure", f.rows("expenditure"), ("total", "basic", "project"), YUAN_ZERO_STYLE,
                             year, total_first=False)
        split = [(None, "合计"), (None, "基本支出"), (None, "项目支出")]
        self._table("expenditure", f"{year}年{kinds['expenditure']}",
                    function_grid(self.budget_labels, split, body, column_numbers=False, top_group="支出预算"),
                    unit, department=True)
        self._table("fiscal_appropriation_summary", f"{year}年{kinds['fiscal_appropriation_summary']}",
                    self._appropriation_budget(), unit, department=True)
        body = function_body(self.budget_labels, "general_budget_expenditure", f.rows("general_budget_expenditure"), BUDGET_SPLIT, YUAN_ZERO_STYLE,
                             year, total_first=False)
        self._table("general_budget_expenditure", f"{year}年{kinds['general_budget_expenditure']}",
                    function_grid(self.budget_labels, split, body, column_numbers=False, top_group="一般公共预算支出"),
                    unit, department=True)
        for kind, what in (("government_fund", "政府性基金"), ("state_capital", "国有资本经营")):
            grid = function_grid(self.budget_labels, split, empty_function_body(self.budget_labels, 3),
                                 column_numbers=False, top_group=f"{what}预算支出")
            note = f"注：本部门{year}年无{what}预算财政拨款安排的预算，故本表为空表。"
            self._table(kind, f"{year}年{kinds[kind]}", grid, unit, notes=[note], department=True)
        self._table("general_budget_basic_economic", f"{year}年{kinds['general_budget_basic_economic']}",
                    self._economic_budget(), unit, department=True)
        self._table("three_public_costs", f"{year}年{kinds['three_public_costs']}", self._three_public_budget(),
                    "单位：万元", department=True, wide=True)
        other, statements = shanghai_budget_other(f, self.name, year)
        self.statements.extend(statements)
        closing = TextSection("narrative", "第四部分 其他相关情况说明", other, [(s.id, "", s.what) for s in statements])
        return [contents, overview, preparation, tables_heading, *self.tables, closing]

    def _summary_budget(self) -> Grid:
        table = self.figures.rows("income_expenditure_summary")
        header = HeaderBuilder(2, 4)
        header.put(0, 0, "本年收入", colspan=2)
        header.put(0, 2, "本年支出", colspan=2)
        for col, text in enumerate(["项目", "预算数", "项目", "预算数"]):
            header.put(1, col, text)
        fiscal = table["fiscal_general"]["amount"] + table["fiscal_fund"]["amount"] + table["fiscal_capital"]["amount"]
        left: list[tuple[str, Decimal | None]] = [
            ("一、财政拨款收入", fiscal), ("1. 一般公共预算资金", table["fiscal_general"]["amount"]),
            ("2. 政府性基金", table["fiscal_fund"]["amount"]), ("3. 国有资本经营预算", table["fiscal_capital"]["amount"]),
            ("二、事业收入", table["business"]["amount"]), ("三、事业单位经营收入", table["operating"]["amount"]),
            ("四、其他收入", table["other"]["amount"]),
        ]
        right = [(f"{CHINESE_ORDINALS[i]}、{function_name(code, self.year)}", table[f"lei:{code}"]["amount"])
                 for i, code in enumerate(nonzero_lei(table))]
        depth = max(len(left), len(right))
        left += [("", None)] * (depth - len(left))
        right += [("", None)] * (depth - len(right))
        body = [pad_row([text_cell(a), self._yuan(b), text_cell(c), self._yuan(d)], 4)
                for (a, b), (c, d) in zip(left, right, strict=True)]
        body.append(pad_row([text_cell("收入总计"), self._yuan(table["income_grand_total"]["amount"]), text_cell("支出总计"),
                             self._yuan(table["expenditure_grand_total"]["amount"])], 4))
        return Grid(n_cols=4, header=header.rows(), body=body, col_kinds=["label", "amount", "label", "amount"])

    def _appropriation_budget(self) -> Grid:
        table = self.figures.rows("fiscal_appropriation_summary")
        summary = self.figures.rows("income_expenditure_summary")
        header = HeaderBuilder(2, 7)
        header.put(0, 0, "财政拨款收入", colspan=2)
        header.put(0, 2, "财政拨款支出", colspan=5)
        for col, text in enumerate(["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]):
            header.put(1, col, text)
        columns = ("total", "general", "fund", "capital")
        left: list[tuple[str, Decimal | None]] = [
            ("一、一般公共预算资金", table["general"]["amount"]), ("二、政府性基金", table["fund"]["amount"]),
            ("三、国有资本经营预算", table["capital"]["amount"]),
        ]
        codes = [code for code in nonzero_lei(summary) if any(table[f"lei:{code}"].values())]
        right = [(f"{CHINESE_ORDINALS[i]}、{function_name(code, self.year)}", table[f"lei:{code}"])
                 for i, code in enumerate(codes)]
        depth = max(len(left), len(right))
        left += [("", None)] * (depth - len(left))
        body: list[Row] = []
        for i in range(depth):
            label, value = left[i]
            if i < len(right):
                right_label, values = right[i]
                right_cells = [text_cell(right_label), *[self._yuan(values[c]) for c in columns]]
            else:
                right_cells = [Cell("")] + [Cell("", align="right") for _ in columns]
            body.append(pad_row([text_cell(label), self._yuan(value), *right_cells], 7))
        body.append(pad_row([text_cell("收入总计"), self._yuan(table["income_grand_total"]["amount"]), text_cell("支出总计"),
                             *[self._yuan(table["expenditure_grand_total"][c]) for c in columns]], 7))
        return Grid(n_cols=7, header=header.rows(), body=body,
                    col_kinds=["label", "amount", "label", "amount", "amount", "amount", "amount"])

    def _economic_budget(self) -> Grid:
        """By economic subject with 合计 | 人员经费 | 公用经费, only the lines with money, 合计 last."""
        table = self.figures.rows("general_budget_basic_economic")
        header = HeaderBuilder(3, 6)
        header.put(0, 0, "项目", colspan=3)
        header.put(0, 3, "一般公共预算基本支出", colspan=3)
        header.put(1, 0, "部门预算经济分类科目编码", colspan=2)
        header.put(1, 2, "经济分类科目名称", rowspan=2)
        for k, text in enumerate(["合计", "人员经费", "公用经费"]):
            header.put(1, 3 + k, text, rowspan=2)
        header.put(2, 0, "类")
        header.put(2, 1, "款")
        body: list[Row] = []
        zero = Decimal(0)
        for code, values in table.items():
            if code in ("personnel_total", "public_total") or not values["amount"]:
                continue
            amount = values["amount"]
            personnel = code[:3] in ("301", "303")
            body.append(pad_row([
                text_cell(code[:3], "center"), text_cell(code[3:], "center"), text_cell(economic_name(code, self.year)),
                YUAN_ZERO_STYLE.cell(amount, (ECONOMIC, code, "amount")), YUAN_ZERO_STYLE.cell(amount if personnel else zero),
                YUAN_ZERO_STYLE.cell(zero if personnel else amount),
            ], 6))
        personnel_total = table["personnel_total"]["amount"]
        public_total = table["public_total"]["amount"]
        # the 合计 column of the 合计 row sums the 类 rows above it (not the two cells beside it,
        # so a wrong 人员经费合计 stays one wrong cell)
        grand_total = sum((v["amount"] for c, v in table.items() if len(c) == 3), zero)
        body.append(pad_row([text_cell("合计", colspan=3, align="center"),
                             YUAN_ZERO_STYLE.cell(grand_total),
                             YUAN_ZERO_STYLE.cell(personnel_total, (ECONOMIC, "personnel_total", "amount")),
                             YUAN_ZERO_STYLE.cell(public_total, (ECONOMIC, "public_total", "amount"))], 6))
        return Grid(n_cols=6, header=header.rows(), body=body,
                    col_kinds=["code", "code", "name", "amount", "amount", "amount"])

    def _three_public_budget(self) -> Grid:
        f = self.figures
        header = HeaderBuilder(3, 7)
        header.put(0, 0, "“三公”经费预算数", colspan=6)
        header.put(0, 6, "机关运行经费预算数", rowspan=3)
        header.put(1, 0, "合计", rowspan=2)
        header.put(1, 1, "因公出国(境)费", rowspan=2)
        header.put(1, 2, "公务接待费", rowspan=2)
        header.put(1, 3, "公务用车购置及运行费", colspan=3)
        header.put(2, 3, "小计")
        header.put(2, 4, "购置费")
        header.put(2, 5, "运行费")
        items = ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
                 "机关运行经费")
        style = AmountStyle("万元", zeros="zero")
        cells = [style.cell(f.get("three_public_costs", item, "budget"), ("three_public_costs", item, "budget"))
                 for item in items]
        return Grid(n_cols=7, header=header.rows(), body=[pad_row(cells, 7)], col_kinds=["amount"] * 7)

    # -- cells -----------------------------------------------------------------------------------
    def _wan(self, value: Decimal | None, fact: tuple[str, str, str] | None = None) -> Cell:
        if value is None:
            return Cell("", align="right")
        return WAN_STYLE.cell(value, fact)

    def _yuan(self, value: Decimal | None) -> Cell:
        if value is None:
            return Cell("", align="right")
        return YUAN_STYLE.cell(value)
