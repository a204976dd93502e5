"""An accounting-identity checker for the synthetic corpus, reading the *text renderings*.

Independent of the generator's code: it reads the printed tables back (titles from
seeds/table_catalogue.csv, cells split at tabs), takes each table's amount columns as the
layout prints them, and evaluates the identities of seeds/identity_catalogue.csv at a
tolerance of 0.01 in the table's printed unit. `check_corpus` returns, per document, the
identities that fail and the within-tolerance residuals (notes such as the 0.01 rounding
gap of the non-fiscal flow).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "seeds" / "table_catalogue.csv"
IDENTITIES = REPO / "seeds" / "identity_catalogue.csv"

ZERO = Decimal(0)
CENT = Decimal("0.01")
WAN = Decimal(10000)
AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def identity_names() -> set[str]:
    with open(IDENTITIES, encoding="utf-8", newline="") as handle:
        return {row["identity"] for row in csv.DictReader(handle)}


def _normal_title(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = text.translate({ord(q): None for q in "“”\"'‘’"})
    return re.sub(r"^(?:19|20)\d{2}年度?", "", text)


def _title_kinds() -> dict[str, str]:
    with open(CATALOGUE, encoding="utf-8", newline="") as handle:
        return {_normal_title(row["printed_title"]): row["table_kind"] for row in csv.DictReader(handle)}


def amount(text: str | None) -> Decimal:
    text = (text or "").strip()
    if not AMOUNT.match(text):
        return ZERO
    return Decimal(text.replace(",", ""))


# -- reading a text rendering ---------------------------------------------------------------


@dataclass
class TextTable:
    kind: str
    title: str
    code: str | None = None
    department: str | None = None
    unit: str = "元"
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def factor(self) -> Decimal:
        """Yuan per printed unit."""
        return WAN if self.unit == "万元" else Decimal(1)


@dataclass
class TextDocument:
    heading: str
    tables: list[TextTable]
    prose: list[str]

    def first(self, kind: str) -> TextTable | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def all(self, kind: str) -> list[TextTable]:
        return [t for t in self.tables if t.kind == kind]


def read_text_document(path: Path) -> TextDocument:
    kinds = _title_kinds()
    lines = path.read_text(encoding="utf-8").split("\n")
    tables: list[TextTable] = []
    prose: list[str] = []
    current: TextTable | None = None
    seen_rows: list[list[str]] = []
    after_blank = False
    skipping_repeat = False
    for raw in lines[1:]:
        line = raw.rstrip("\n")
        if not line.strip():
            after_blank = bool(current and current.rows)
            continue
        if "\t" in line:
            if current is None:
                continue
            cells = line.split("\t")
            if after_blank:
                skipping_repeat = True  # a table resumed after a break: its repeated rows come first
            after_blank = False
            if skipping_repeat and cells in seen_rows:
                continue
            skipping_repeat = False
            current.rows.append(cells)
            seen_rows.append(cells)
            continue
        after_blank = False
        text = line.strip()
        kind = kinds.get(_normal_title(text))
        if kind:
            current = TextTable(kind=kind, title=text)
            tables.append(current)
            seen_rows = []
            continue
        if re.match(r"^第[一二三四五六七八九十]+部分|^目\s*录$", text):
            current = None
            prose.append(text)
            continue
        if current is None:
            prose.append(text)
        elif re.fullmatch(r"公开\d{2}表", text):
            current.code = text
        elif re.match(r"^(?:编制)?部门[:：]", text):
            current.department = re.sub(r"^(?:编制)?部门[:：]", "", text)
        elif "单位：" in text or "单位:" in text:
            current.unit = "万元" if "万元" in text else "元"
        else:
            current.notes.append(text)
    return TextDocument(heading=lines[0], tables=tables, prose=prose)


# -- the figures each table prints -------------------------------------------------------------

FLOW = ["opening_total", "opening_basic", "opening_project", "income_total", "income_basic", "income_project",
        "expenditure_total", "expenditure_basic", "expenditure_project", "closing_total", "closing_basic",
        "closing_project"]
SPLIT = ["expenditure_total", "expenditure_basic", "expenditure_project"]


def function_columns(layout: str, report_kind: str, kind: str) -> list[str]:
    if kind == "income":
        if layout == "yunnan":
            return ["total", "fiscal", "superior", "business", "tuition", "operating", "affiliated", "other"]
        if report_kind == "final_accounts":
            return ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"]
        return ["total", "fiscal", "business", "operating", "other"]
    if kind == "expenditure":
        if layout == "shanghai" and report_kind == "budget":
            return ["total", "basic", "project"]
        return ["total", "basic", "project", "remit", "operating", "affiliated"]
    if kind == "general_budget_expenditure":
        return FLOW if (layout == "yunnan" and report_kind == "final_accounts") else SPLIT
    if layout == "yunnan" and report_kind == "final_accounts":
        return FLOW if kind == "government_fund" else ["opening", "income", "expenditure", "closing_total", "carry",
                                                        "surplus"]
    if layout == "shanghai" and report_kind == "final_accounts":
        return ["opening", "income", "expenditure_total", "expenditure_basic", "expenditure_project", "closing"]
    return SPLIT


ADDITIVE_INCOME = ("fiscal", "superior", "business", "operating", "affiliated", "other")
ADDITIVE_EXPENDITURE = ("basic", "project", "remit", "operating", "affiliated")


@dataclass
class FunctionTable:
    unit: Decimal
    rows: dict[str, dict[str, Decimal]]  # code or 合计 -> column -> yuan
    names: dict[str, str]  # code -> printed name


def read_function_table(table: TextTable, columns: list[str]) -> FunctionTable:
    rows: dict[str, dict[str, Decimal]] = {}
    names: dict[str, str] = {}
    n = len(columns)
    for cells in table.rows:
        key, name = _row_key(cells)
        values = cells[-n:]
        if key is None or any(v.strip() and not AMOUNT.match(v.strip()) for v in values):
            continue  # a header row (its labels include 合计) or a note
        rows[key] = {c: amount(v) * table.factor for c, v in zip(columns, values, strict=True)}
        if name:
            names[key] = name
    return FunctionTable(table.factor, rows, names)


def _row_key(cells: list[str]) -> tuple[str | None, str]:
    head = [c.strip() for c in cells[:4]]
    if "合计" in head:
        return "合计", ""
    if len(head) >= 3 and re.fullmatch(r"\d{3}", head[0]) and re.fullmatch(r"\d{2}|", head[1]) and re.fullmatch(
            r"\d{2}|", head[2]) and len(head) > 3 and not CODE.match(head[3] or "x"):
        return head[0] + head[1] + (head[2] if head[1] else ""), head[3]
    if CODE.match(head[0]):
        name = next((c for c in head[1:] if c and not AMOUNT.match(c)), "")
        return head[0], name
    return None, ""


@dataclass
class Summary:
    """01 / 04 read by their labels: income lines, 类 lines by name, and the totals."""

    unit: Decimal
    income_lines: dict[str, Decimal] = field(default_factory=dict)  # top-level lines (一、二、…)
    labelled: dict[str, Decimal] = field(default_factory=dict)  # every income-side label, sub-lines too
    lei: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # 类 name -> column -> yuan
    left: dict[str, Decimal] = field(default_factory=dict)  # totals on the income side
    right: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # totals on the expenditure side


_LEFT_TOTALS = ("本年收入合计", "使用非财政拨款结余", "使用非财政拨款结余（含专用结余）", "年初结转和结余", "上年结转结余",
                "年初财政拨款结转和结余", "总计", "收入总计")
_RIGHT_TOTALS = ("本年支出合计", "结余分配", "年末结转和结余", "年末结转结余", "年末财政拨款结转和结余", "总计", "支出总计")


def read_summary(table: TextTable, right_columns: list[str]) -> Summary:
    summary = Summary(unit=table.factor)
    past_totals = False
    for cells in table.rows:
        if len(cells) == 6:  # Yunnan final 01: label, 行次, amount twice
            left, right = (cells[0], cells[2]), (cells[3], cells[5:6])
        elif len(cells) == 9:  # Yunnan final 04: label, 行次, amount | label, 行次, four amounts
            left, right = (cells[0], cells[2]), (cells[3], cells[5:9])
        else:
            left, right = (cells[0], cells[1]), (cells[2], cells[3:])
        label, value = left[0].strip(), left[1]
        if label and not past_totals:
            summary.labelled.setdefault(label, amount(value) * table.factor)
        if label in _LEFT_TOTALS:
            summary.left[label] = amount(value) * table.factor
            if label != "总计":
                past_totals = True
        elif ORDINAL.match(label) and not past_totals:
            summary.income_lines[label] = amount(value) * table.factor
        label, values = right[0].strip(), right[1]
        parsed = {c: amount(v) * table.factor for c, v in zip(right_columns, values, strict=False)}
        if label in _RIGHT_TOTALS:
            summary.right[label] = parsed
        elif ORDINAL.match(label) and any(AMOUNT.match(v.strip()) or not v.strip() for v in values):
            summary.lei[ORDINAL.sub("", label)] = parsed
    return summary


def _total(sides: dict, *labels: str):
    for label in labels:
        if label in sides:
            return sides[label]
    return None


@dataclass
class Economic:
    unit: Decimal
    lines: dict[str, Decimal]  # economic code (3 or 5 digits) -> yuan
    personnel: Decimal
    public: Decimal
    total: Decimal | None = None  # the 合计 column of the 合计 row, where 06 prints one (Shanghai budgets)


def read_economic(table: TextTable, layout: str, report_kind: str) -> Economic:
    lines: dict[str, Decimal] = {}
    personnel = public = ZERO
    total = None
    f = table.factor
    for cells in table.rows:
        if layout == "yunnan":
            if cells[0] == "人员经费合计":
                personnel, public = amount(cells[2]) * f, amount(cells[8]) * f
                continue
            for k in range(0, 9, 3):
                code = cells[k].strip()
                if CODE.match(code):
                    lines[code] = amount(cells[k + 2]) * f
        elif report_kind == "final_accounts":
            if cells[0] == "人员经费合计":
                personnel, public = amount(cells[3]) * f, amount(cells[7]) * f
                continue
            for k in (0, 4):
                if re.fullmatch(r"\d{3}", cells[k].strip()):
                    lines[cells[k].strip() + cells[k + 1].strip()] = amount(cells[k + 3]) * f
        else:
            if cells[0] == "合计":
                total, personnel, public = amount(cells[3]) * f, amount(cells[4]) * f, amount(cells[5]) * f
                continue
            if re.fullmatch(r"\d{3}", cells[0].strip()):
                lines[cells[0].strip() + cells[1].strip()] = amount(cells[3]) * f
    return Economic(f, lines, personnel, public, total)


THREE_PUBLIC_LABELS = {
    "（一）支出合计": "合计", "合计": "合计", "1. 因公出国（境）费": "因公出国（境）费",
    "2. 公务用车购置及运行维护费": "公务用车购置及运行维护费", "（1）公务用车购置费": "公务用车购置费",
    "（2）公务用车运行维护费": "公务用车运行维护费", "3. 公务接待费": "公务接待费", "二、机关运行经费": "机关运行经费",
    "机关运行经费": "机关运行经费",
}


def read_three_public(table: TextTable, layout: str, report_kind: str) -> dict[str, dict[str, Decimal | None]]:
    """item -> {budget, actual}; None where the table prints no figure (— or no column)."""
    f = table.factor
    out: dict[str, dict[str, Decimal | None]] = {}

    def value(text: str) -> Decimal | None:
        text = text.strip()
        return amount(text) * f if AMOUNT.match(text) or text == "" else None

    if layout == "yunnan":
        for cells in table.rows:
            item = THREE_PUBLIC_LABELS.get(cells[0].strip())
            if item is None:
                continue
            if report_kind == "final_accounts":
                out[item] = {"budget": value(cells[2]), "actual": value(cells[3])}
            else:
                out[item] = {"budget": value(cells[1]), "actual": None}
        return out
    row = table.rows[-1]
    if report_kind == "final_accounts":
        items = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
        for k, item in enumerate(items):
            out[item] = {"budget": value(row[2 * k]), "actual": value(row[2 * k + 1])}
    else:
        items = ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
                 "机关运行经费"]
        for k, item in enumerate(items):
            out[item] = {"budget": value(row[k]), "actual": None}
    return out


def read_project(table: TextTable) -> list[Decimal] | None:
    for cells in table.rows:
        if any(c.strip() == "年度资金总额" for c in cells):
            figures = [Decimal(c.replace(",", "")) for c in cells if AMOUNT.match(c.strip())]
            return figures if len(figures) == 6 else None
    return None


# -- the checks -------------------------------------------------------------------------------------


@dataclass
class Result:
    failures: set[str] = field(default_factory=set)
    notes: list[tuple[str, Decimal]] = field(default_factory=list)  # within tolerance, not zero
    checked: set[str] = field(default_factory=set)


class _Check:
    def __init__(self, result: Result):
        self.result = result

    def equal(self, identity: str, left: Decimal, right: Decimal, unit: Decimal = Decimal(1)) -> None:
        """left = right within 0.01 of the printed unit (yuan amounts, `unit` yuan per printed unit)."""
        self.result.checked.add(identity)
        residual = left - right
        if abs(residual) > CENT * unit:
            self.result.failures.add(identity)
        elif residual:
            self.result.notes.append((identity, residual))


def check_document(document: TextDocument, layout: str, report_kind: str) -> Result:
    result = Result()
    check = _Check(result)
    final = report_kind == "final_accounts"
    tables: dict[str, FunctionTable] = {}
    for kind in ("income", "expenditure", "general_budget_expenditure", "government_fund", "state_capital"):
        text = document.first(kind)
        if text is not None:
            tables[kind] = read_function_table(text, function_columns(layout, report_kind, kind))

    # rows: 02, 03, 05
    if "income" in tables:
        for values in tables["income"].rows.values():
            parts = sum((values.get(c, ZERO) for c in ADDITIVE_INCOME), ZERO)
            check.equal("income_total_equals_sources", values["total"], parts, tables["income"].unit)
    if "expenditure" in tables:
        for values in tables["expenditure"].rows.values():
            parts = sum((values.get(c, ZERO) for c in ADDITIVE_EXPENDITURE), ZERO)
            check.equal("expenditure_total_equals_parts", values["total"], parts, tables["expenditure"].unit)
    flow = tables.get("general_budget_expenditure")
    if flow is not None:
        blocks = ("opening", "income", "expenditure", "closing") if "opening_total" in next(
            iter(flow.rows.values()), {}) else ("expenditure",)
        for values in flow.rows.values():
            for block in blocks:
                check.equal("flow_block_total_equals_parts", values[f"{block}_total"],
                            values[f"{block}_basic"] + values[f"{block}_project"], flow.unit)
            if len(blocks) == 4:
                for part in ("total", "basic", "project"):
                    check.equal("flow_row_balance",
                                values[f"opening_{part}"] + values[f"income_{part}"] - values[f"expenditure_{part}"],
                                values[f"closing_{part}"], flow.unit)

    # hierarchy
    for table in tables.values():
        _hierarchy(check, table)

    economic_text = document.first("general_budget_basic_economic")
    economic = read_economic(economic_text, layout, report_kind) if economic_text else None
    if economic is not None:
        for code, value in economic.lines.items():
            if len(code) == 3:
                kids = sum((v for c, v in economic.lines.items() if len(c) == 5 and c.startswith(code)), ZERO)
                check.equal("economic_lei_equals_sum_of_kuan", value, kids, economic.unit)
        classes = {c: v for c, v in economic.lines.items() if len(c) == 3}
        if economic.total is not None:
            check.equal("hierarchy_total_equals_sum_of_lei", economic.total, sum(classes.values(), ZERO), economic.unit)
        check.equal("economic_personnel_total", economic.personnel,
                    classes.get("301", ZERO) + classes.get("303", ZERO), economic.unit)
        check.equal("economic_public_total", economic.public,
                    sum((classes.get(c, ZERO) for c in ("302", "307", "310", "312", "399")), ZERO), economic.unit)
        if flow is not None:
            check.equal("economic_basic_total_matches_flow_basic", economic.personnel + economic.public,
                        flow.rows["合计"]["expenditure_basic"], max(economic.unit, flow.unit))

    summary_text = document.first("income_expenditure_summary")
    summary = read_summary(summary_text, ["amount"]) if summary_text else None
    appropriation_text = document.first("fiscal_appropriation_summary")
    appropriation = (read_summary(appropriation_text, ["total", "general", "fund", "capital"])
                     if appropriation_text else None)
    if summary is not None:
        _summary_checks(check, summary, tables, final)
    if appropriation is not None:
        _appropriation_checks(check, appropriation, flow, final)
    if summary is not None and appropriation is not None:
        _non_fiscal(check, summary, appropriation)

    three_text = document.first("three_public_costs")
    three = read_three_public(three_text, layout, report_kind) if three_text else None
    if three is not None and economic is not None:
        unit = max(three_text.factor, economic.unit)
        if final:
            if three.get("机关运行经费", {}).get("actual") is not None:
                check.equal("three_public_office_costs_match_economic", three["机关运行经费"]["actual"],
                            economic.public, unit)
            check.equal("three_public_reception_matches_economic", three["公务接待费"]["actual"] or ZERO,
                        economic.lines.get("30217", ZERO), unit)
            check.equal("three_public_vehicle_matches_economic", three["公务用车运行维护费"]["actual"] or ZERO,
                        economic.lines.get("30231", ZERO), unit)
        _unit_slip(check, three, economic, final)

    for table in document.all("project_performance"):
        figures = read_project(table)
        if figures is None:
            continue
        _initial, full, executed, weight, rate, score = figures
        result.checked.update({"project_execution_rate", "project_score"})
        expected_rate = (executed * 100 / full).quantize(CENT, rounding=ROUND_HALF_UP) if full else ZERO
        if abs(rate - expected_rate) > CENT:
            result.failures.add("project_execution_rate")
        if abs(score - (weight * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)) > CENT:
            result.failures.add("project_score")
        if executed > full:
            result.failures.add("execution_above_100_percent")

    _narrative(check, document, layout, report_kind, summary, appropriation, tables, economic, three)
    return result


def _hierarchy(check: _Check, table: FunctionTable) -> None:
    rows = table.rows
    codes = [c for c in rows if c != "合计"]
    columns = list(next(iter(rows.values()), {}).keys())
    for code in codes:
        if len(code) in (3, 5):
            kids = [c for c in codes if len(c) == len(code) + 2 and c.startswith(code)]
            identity = "hierarchy_lei_equals_sum_of_kuan" if len(code) == 3 else "hierarchy_kuan_equals_sum_of_xiang"
            for column in columns:
                check.equal(identity, rows[code][column], sum((rows[k][column] for k in kids), ZERO), table.unit)
    if "合计" in rows:
        for column in columns:
            lei = sum((rows[c][column] for c in codes if len(c) == 3), ZERO)
            check.equal("hierarchy_total_equals_sum_of_lei", rows["合计"][column], lei, table.unit)


def _summary_checks(check: _Check, s: Summary, tables: dict[str, FunctionTable], final: bool) -> None:
    unit = s.unit
    income_total = _total(s.left, "本年收入合计", "收入总计")
    spent = _total(s.right, "本年支出合计", "支出总计")
    check.equal("summary_income_total_equals_lines", income_total, sum(s.income_lines.values(), ZERO), unit)
    check.equal("summary_expenditure_total_equals_lines", spent["amount"],
                sum((v["amount"] for v in s.lei.values()), ZERO), unit)
    grand_in = _total(s.left, "总计", "收入总计")
    grand_out = _total(s.right, "总计", "支出总计")["amount"]
    if "本年收入合计" in s.left:
        opening = _total(s.left, "年初结转和结余", "上年结转结余") or ZERO
        used = _total(s.left, "使用非财政拨款结余", "使用非财政拨款结余（含专用结余）") or ZERO
        check.equal("summary_grand_totals_balance", grand_in, s.left["本年收入合计"] + used + opening, unit)
        closing = (_total(s.right, "年末结转和结余", "年末结转结余") or {}).get("amount", ZERO)
        distribution = (s.right.get("结余分配") or {}).get("amount", ZERO)
        check.equal("summary_grand_totals_balance", grand_out, spent["amount"] + distribution + closing, unit)
    check.equal("summary_grand_totals_balance", grand_in, grand_out, unit)
    income, expenditure = tables.get("income"), tables.get("expenditure")
    if expenditure is not None:
        by_name = {expenditure.names.get(c, ""): v for c, v in expenditure.rows.items() if len(c) == 3}
        for name, values in s.lei.items():
            table_value = by_name.get(name, {}).get("total", ZERO)
            check.equal("summary_expenditure_by_lei_matches_expenditure_table", values["amount"], table_value,
                        max(unit, expenditure.unit))
        check.equal("summary_expenditure_total_matches_expenditure_table", spent["amount"],
                    expenditure.rows["合计"]["total"], max(unit, expenditure.unit))
    if income is not None:
        check.equal("summary_income_total_matches_income_table", income_total, income.rows["合计"]["total"],
                    max(unit, income.unit))


def _appropriation_checks(check: _Check, a: Summary, flow: FunctionTable | None, final: bool) -> None:
    unit = a.unit
    income_total = _total(a.left, "本年收入合计", "收入总计")
    check.equal("appropriation_income_total_equals_lines", income_total, sum(a.income_lines.values(), ZERO), unit)
    grand_in = _total(a.left, "总计", "收入总计")
    grand_out = _total(a.right, "总计", "支出总计")
    if "本年收入合计" in a.left:
        opening = a.left.get("年初财政拨款结转和结余", ZERO)
        check.equal("appropriation_grand_totals_balance", grand_in, a.left["本年收入合计"] + opening, unit)
        spent = a.right["本年支出合计"]
        closing = a.right.get("年末财政拨款结转和结余", {})
        for column in ("total", "general"):
            check.equal("appropriation_grand_totals_balance", grand_out[column],
                        spent[column] + closing.get(column, ZERO), unit)
    check.equal("appropriation_grand_totals_balance", grand_in, grand_out["total"], unit)
    if flow is not None:
        by_name = {flow.names.get(c, ""): v for c, v in flow.rows.items() if len(c) == 3}
        for name, values in a.lei.items():
            check.equal("appropriation_by_lei_matches_flow_table", values["general"],
                        by_name.get(name, {}).get("expenditure_total", ZERO), max(unit, flow.unit))
        if "income_total" in flow.rows["合计"]:
            general = next((v for k, v in a.income_lines.items() if "一般公共预算" in k), ZERO)
            check.equal("appropriation_income_matches_flow_income", general, flow.rows["合计"]["income_total"],
                        max(unit, flow.unit))


def _non_fiscal(check: _Check, s: Summary, a: Summary) -> None:
    unit = max(s.unit, a.unit)

    def side(values: dict, *labels: str, column: str | None = None) -> Decimal:
        found = _total(values, *labels)
        if found is None:
            return ZERO
        return found[column] if column else found

    opening = side(s.left, "年初结转和结余") - side(a.left, "年初财政拨款结转和结余")
    income = side(s.left, "本年收入合计", "收入总计") - side(a.left, "本年收入合计", "收入总计")
    spent = side(s.right, "本年支出合计", "支出总计", column="amount") - side(a.right, "本年支出合计", "支出总计",
                                                                        column="total")
    closing = (side(s.right, "年末结转和结余", column="amount")
               - side(a.right, "年末财政拨款结转和结余", column="total"))
    check.equal("non_fiscal_flow_balance", opening + income - spent, closing, unit)


def _unit_slip(check: _Check, three: dict, economic: Economic, final: bool) -> None:
    """A 预算数 column about 1/10 000 of what it should be: compared with 决算 (final accounts)
    or with the budget's own economic lines 30217/30231 (budgets)."""
    check.result.checked.add("unit_slip")
    pairs: list[tuple[Decimal, Decimal]] = []
    for item, line in (("公务接待费", "30217"), ("公务用车运行维护费", "30231")):
        budget = (three.get(item) or {}).get("budget")
        comparable = (three.get(item) or {}).get("actual") if final else economic.lines.get(line)
        if budget and comparable:
            pairs.append((budget, comparable))
    if any(b * 1000 < c or b > c * 1000 for b, c in pairs):
        check.result.failures.add("unit_slip")


# -- narrative ----------------------------------------------------------------------------------------------

_N = r"(\d+\.\d{2})万元"


def _wan(value: Decimal) -> Decimal:
    return (value / WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def _narrative(check: _Check, document: TextDocument, layout: str, report_kind: str, s: Summary | None,
               a: Summary | None, tables: dict[str, FunctionTable], economic: Economic | None, three: dict | None) -> None:
    if layout == "yunnan":
        table = document.first("performance_narrative")
        if table is None:
            return
        text = "\n".join("\t".join(r) for r in table.rows)
    else:
        text = "\n".join(document.prose)
    if s is None:
        return
    expenditure = tables.get("expenditure")
    flow = tables.get("general_budget_expenditure")

    def line(label: str) -> Decimal:
        found = [v for k, v in s.labelled.items() if label in k]
        return found[-1] if found else ZERO  # the most specific: 1. 一般公共预算资金 under 一、财政拨款收入

    sources: list[tuple[str, Decimal | None]] = []
    if layout == "yunnan":
        sources += [
            (r"收入合计" + _N, s.left.get("本年收入合计")),
            (r"财政拨款收入" + _N, line("一般公共预算")),
            (r"；支出合计" + _N, s.right["本年支出合计"]["amount"]),
            (r"基本支出" + _N, expenditure.rows["合计"]["basic"] if expenditure else None),
            (r"项目支出" + _N, expenditure.rows["合计"]["project"] if expenditure else None),
            (r"年末结转和结余" + _N, s.right["年末结转和结余"]["amount"]),
            (r"“三公”经费支出决算为" + _N, (three or {}).get("合计", {}).get("actual")),
        ]
    elif report_kind == "final_accounts":
        sources += [
            (r"(?<!财政拨款)收入支出总计" + _N, s.left.get("总计")),
            (r"本年收入合计" + _N, s.left.get("本年收入合计")),
            (r"其中：财政拨款收入" + _N, line("一般公共预算")),
            (r"事业收入" + _N, line("事业收入")),
            (r"经营收入" + _N, line("经营收入")),
            (r"其他收入" + _N, line("其他收入")),
            (r"本年支出合计" + _N, s.right["本年支出合计"]["amount"]),
            (r"其中：基本支出" + _N, expenditure.rows["合计"]["basic"] if expenditure else None),
            (r"；项目支出" + _N, expenditure.rows["合计"]["project"] if expenditure else None),
            (r"财政拨款收入支出总计" + _N, a.left.get("总计") if a else None),
            (r"一般公共预算财政拨款支出" + _N, flow.rows["合计"]["expenditure_total"] if flow else None),
            (r"一般公共预算财政拨款基本支出" + _N, flow.rows["合计"]["expenditure_basic"] if flow else None),
            (r"人员经费" + _N, economic.personnel if economic else None),
            (r"公用经费" + _N, economic.public if economic else None),
            (r"年初预算为" + _N, (three or {}).get("合计", {}).get("budget")),
            (r"支出决算为" + _N + "，完成", (three or {}).get("合计", {}).get("actual")),
            (r"因公出国（境）费支出决算为" + _N, (three or {}).get("因公出国（境）费", {}).get("actual")),
            (r"公务用车购置及运行维护费支出决算为" + _N, (three or {}).get("公务用车购置及运行维护费", {}).get("actual")),
            (r"公务接待费支出决算为" + _N, (three or {}).get("公务接待费", {}).get("actual")),
            (r"机关运行经费支出" + _N, economic.public if economic else None),
        ]
        if flow is not None:
            by_name = {flow.names.get(c, ""): v for c, v in flow.rows.items() if len(c) == 3}
            for name, value in re.findall(r"[：；]([^：；（]+)（类）" + _N, text):
                check.equal("narrative_figure_matches_table", Decimal(value),
                            _wan(by_name.get(name, {}).get("expenditure_total", ZERO)))
    else:
        sources += [
            (r"收入预算" + _N, s.left.get("收入总计")),
            (r"其中：财政拨款收入" + _N, line("一般公共预算")),
            (r"；事业收入" + _N, line("事业收入")),
            (r"事业单位经营收入" + _N, line("经营收入")),
            (r"其他收入" + _N, line("其他收入")),
            (r"(?m)^支出预算" + _N, s.right["支出总计"]["amount"]),
            (r"财政拨款支出预算" + _N, a.right["支出总计"]["total"] if a else None),
            (r"一般公共预算拨款支出预算" + _N, flow.rows["合计"]["expenditure_total"] if flow else None),
            (r"“三公”经费预算数为" + _N, (three or {}).get("合计", {}).get("budget")),
            (r"因公出国（境）费" + _N, (three or {}).get("因公出国（境）费", {}).get("budget")),
            (r"公务用车购置及运行费" + _N, (three or {}).get("公务用车购置及运行维护费", {}).get("budget")),
            (r"公务接待费" + _N, (three or {}).get("公务接待费", {}).get("budget")),
            (r"机关运行经费预算为" + _N, (three or {}).get("机关运行经费", {}).get("budget")),
        ]
    for pattern, table_value in sources:
        match = re.search(pattern, text)
        if match is None or table_value is None:
            continue
        check.equal("narrative_figure_matches_table", Decimal(match.group(1)), _wan(table_value))


# -- cross-year and the corpus ----------------------------------------------------------------------------------


def check_corpus(out: Path, manifest: dict) -> dict[str, Result]:
    """Per document id: the identities that fail in its text rendering (cross-year failures
    count against both years)."""
    results: dict[str, Result] = {}
    finals: dict[str, dict[int, TextDocument]] = defaultdict(dict)
    meta: dict[str, dict] = {}
    for entry in manifest["documents"]:
        if entry["format"] != "txt":
            continue
        document = read_text_document(out / entry["file"])
        results[entry["document_id"]] = check_document(document, entry["layout"], entry["report_kind"])
        meta[entry["document_id"]] = entry
        if entry["report_kind"] == "final_accounts":
            finals[entry["department"]][entry["fiscal_year"]] = (entry["document_id"], entry["layout"], document)
    for years in finals.values():
        for year in sorted(years):
            if year + 1 not in years:
                continue
            this_id, layout, this = years[year]
            next_id, _, following = years[year + 1]
            for identity in _cross_year(this, following, layout):
                results[this_id].failures.add(identity)
                results[next_id].failures.add(identity)
            for doc_id in (this_id, next_id):
                results[doc_id].checked.update({"closing_equals_next_opening", "summary_closing_equals_next_opening"})
    return results


def _cross_year(this: TextDocument, following: TextDocument, layout: str) -> set[str]:
    failed: set[str] = set()
    a, b = this.first("income_expenditure_summary"), following.first("income_expenditure_summary")
    if a and b:
        closing = read_summary(a, ["amount"]).right["年末结转和结余"]["amount"]
        opening = read_summary(b, ["amount"]).left["年初结转和结余"]
        if abs(closing - opening) > CENT * a.factor:
            failed.add("summary_closing_equals_next_opening")
    if layout == "yunnan":
        columns = FLOW
        x = read_function_table(this.first("general_budget_expenditure"), columns).rows
        y = read_function_table(following.first("general_budget_expenditure"), columns).rows
        zero = dict.fromkeys(columns, ZERO)
        for code in set(x) | set(y):
            for part in ("total", "basic", "project"):
                if abs(x.get(code, zero)[f"closing_{part}"] - y.get(code, zero)[f"opening_{part}"]) > CENT:
                    failed.add("closing_equals_next_opening")
    return failed
