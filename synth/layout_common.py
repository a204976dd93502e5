"""Pieces both layouts build tables from: merged headers, amount cells, function-subject
rows (类/款/项 in one code column or split over three), the department name per table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from synth.codes import CHINESE_ORDINALS, function_name, summary_expenditure_lines
from synth.document import Cell, Grid, Row
from synth.figures import Figures, Table, function_codes
from synth.money import ZERO, wan_value, yuan_text

_MISSING = object()


class HeaderBuilder:
    """Place labels on a header grid; a merged label covers its positions with None."""

    def __init__(self, n_rows: int, n_cols: int):
        self.n_rows, self.n_cols = n_rows, n_cols
        self.cells: list[list[object]] = [[_MISSING] * n_cols for _ in range(n_rows)]

    def put(self, row: int, col: int, text: str, colspan: int = 1, rowspan: int = 1, align: str = "center") -> None:
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                if self.cells[r][c] is not _MISSING:
                    raise ValueError(f"header cell ({r},{c}) placed twice ({text})")
                self.cells[r][c] = None
        self.cells[row][col] = Cell(text, colspan=colspan, rowspan=rowspan, align=align)

    def rows(self) -> list[Row]:
        return [[Cell("") if c is _MISSING else c for c in row] for row in self.cells]  # type: ignore[misc]


@dataclass(frozen=True)
class AmountStyle:
    unit_name: str  # 元 | 万元
    zeros: str = "blank"  # blank | zero: Shanghai budgets print 0.00 where Yunnan leaves the cell empty

    def text(self, value: Decimal) -> str:
        if value == ZERO and self.zeros == "blank":
            return ""
        if self.unit_name == "万元":
            return f"{wan_value(value):,.2f}"
        return yuan_text(value)

    def value(self, value: Decimal) -> Decimal:
        return wan_value(value) if self.unit_name == "万元" else value

    def cell(self, value: Decimal, fact: tuple[str, str, str] | None = None) -> Cell:
        text = self.text(value)
        return Cell(text, align="right", value=self.value(value) if text else None, fact=fact)


def text_cell(text: str, align: str = "left", colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, align=align, colspan=colspan, rowspan=rowspan)


def pad_row(cells: list[Cell], n_cols: int) -> Row:
    """Lay cells out left to right; a cell's colspan covers the following positions."""
    row: Row = []
    for cell in cells:
        row.append(cell)
        row.extend([None] * (cell.colspan - 1))
    while len(row) < n_cols:
        row.append(Cell(""))
    assert len(row) == n_cols, (len(row), n_cols, [c.text if c else None for c in row])
    return row


# -- function-subject tables ---------------------------------------------------------------


@dataclass(frozen=True)
class FunctionLabels:
    """How the 类/款/项 columns print: `single` (code, blank, name: the seed's 03/05) or
    `split` (类, 款, 项, name: Shanghai's 201 | 06 | 01)."""

    style: str
    code_label: str = "支出功能分类科目编码"
    name_label: str = "科目名称"
    item_label: str = "项目"

    @property
    def n_cols(self) -> int:
        return 3 if self.style == "single" else 4

    def put_header(self, header: HeaderBuilder, first_row: int = 0) -> None:
        """Three header rows: 项目 / code label + name label / 类 款 项."""
        n = self.n_cols
        header.put(first_row, 0, self.item_label, colspan=n)
        if self.style == "single":
            header.put(first_row + 1, 0, self.code_label, colspan=2)
            header.put(first_row + 1, 2, self.name_label)
        else:
            header.put(first_row + 1, 0, self.code_label, colspan=3)
            header.put(first_row + 1, 3, self.name_label, rowspan=2)
        header.put(first_row + 2, 0, "类")
        header.put(first_row + 2, 1, "款")
        header.put(first_row + 2, 2, "项")

    def subject_cells(self, code: str, year: int) -> list[Cell]:
        name = function_name(code, year)
        if self.style == "single":
            return [Cell(code, align="left"), Cell(""), Cell(name)]
        parts = [code[:3], code[3:5], code[5:7]]
        return [Cell(p, align="center") for p in parts] + [Cell(name)]

    def total_cells(self, label: str = "合计") -> list[Cell]:
        return [Cell(label, colspan=self.n_cols, align="center")]


def function_header(
    labels: FunctionLabels,
    amount_headers: list[tuple[str | None, str]],
    column_numbers: bool,
    top_group: str | None = None,
) -> tuple[list[Row], int]:
    """The merged header of a function-subject table: the label block on the left, amount
    columns on the right (grouped under a shared label when `group` repeats, or all under
    `top_group`), then a 栏次 row of column numbers when the layout prints one."""
    n_amount = len(amount_headers)
    n_cols = labels.n_cols + n_amount
    header = HeaderBuilder(3, n_cols)
    labels.put_header(header)
    col = labels.n_cols
    if top_group:
        header.put(0, col, top_group, colspan=n_amount)
        for offset, (_, leaf) in enumerate(amount_headers):
            header.put(1, col + offset, leaf, rowspan=2 if not column_numbers else 1)
            if column_numbers:
                header.put(2, col + offset, str(offset + 1))
        return header.rows(), n_cols
    offset = 0
    while offset < n_amount:
        group, leaf = amount_headers[offset]
        span = 1
        while group and offset + span < n_amount and amount_headers[offset + span][0] == group:
            span += 1
        if group:
            header.put(0, col + offset, group, colspan=span)
            for k in range(span):
                header.put(1, col + offset + k, amount_headers[offset + k][1])
        else:
            header.put(0, col + offset, leaf, rowspan=2 if column_numbers else 3)
        offset += span
    if column_numbers:
        for k in range(n_amount):
            header.put(2, col + k, str(k + 1))
    else:
        for k in range(n_amount):
            if header.cells[2][col + k] is _MISSING:
                # grouped leaves stretch down over the row that holds 类/款/项
                header.cells[1][col + k].rowspan = 2  # type: ignore[union-attr]
                header.cells[2][col + k] = None
    return header.rows(), n_cols


def function_body(
    labels: FunctionLabels,
    kind: str,
    table: Table,
    columns: tuple[str, ...],
    style: AmountStyle,
    year: int,
    total_first: bool = True,
    include_total: bool = True,
) -> list[Row]:
    n_cols = labels.n_cols + len(columns)
    rows: list[Row] = []
    for code in function_codes(table):
        values = table[code]
        cells = labels.subject_cells(code, year) + [style.cell(values.get(c, ZERO), (kind, code, c)) for c in columns]
        rows.append(pad_row(cells, n_cols))
    if include_total:
        total = table.get("合计", {})
        total_row = pad_row(labels.total_cells() + [style.cell(total.get(c, ZERO), (kind, "合计", c))
                                                    for c in columns], n_cols)
        rows = [total_row, *rows] if total_first else [*rows, total_row]
    return rows


def empty_function_body(labels: FunctionLabels, n_amounts: int) -> list[Row]:
    return [pad_row(labels.total_cells() + [Cell("", align="right") for _ in range(n_amounts)],
                    labels.n_cols + n_amounts)]


def function_grid(
    labels: FunctionLabels,
    amount_headers: list[tuple[str | None, str]],
    body: list[Row],
    column_numbers: bool,
    top_group: str | None = None,
) -> Grid:
    header, n_cols = function_header(labels, amount_headers, column_numbers, top_group)
    kinds = (["code", "blank", "name"] if labels.style == "single" else ["code", "code", "code", "name"])
    kinds += ["amount"] * len(amount_headers)
    return Grid(n_cols=n_cols, header=header, body=body, col_kinds=kinds)


# -- names -----------------------------------------------------------------------------------


NameForTable = Callable[[int], str]  # table index in the document (0 = the first) -> printed name


def constant_name(name: str) -> NameForTable:
    return lambda _index: name


def figures_value(figures: Figures, kind: str, key: str, column: str) -> Decimal:
    return figures.get(kind, key, column)


def two_sided_summary(
    year: int,
    table: dict[str, dict[str, Decimal]],
    header_texts: list[str],
    income_lines: list[tuple[str, Decimal | None]],
    right_columns: tuple[str, ...],
    totals: list[tuple[str, str, str, str | None]],
    money: Callable[[Decimal | None], Cell],
) -> Grid:
    """The 收支总表 shape both layouts print without 行次 columns: income lines on the left beside
    one expenditure line per 类 on the right (its figures in `right_columns`), then the totals rows
    (left label, left key, right label, right key; no right key leaves the right side blank)."""
    n_cols = 3 + len(right_columns)
    header = HeaderBuilder(2, n_cols)
    header.put(0, 0, "收入", colspan=2)
    header.put(0, 2, "支出", colspan=n_cols - 2)
    for col, text in enumerate(header_texts):
        header.put(1, col, text)
    lines = summary_expenditure_lines(year)
    left = income_lines + [("", None)] * (len(lines) - len(income_lines))
    body: list[Row] = []
    for i, ((label, value), (code, name)) in enumerate(zip(left, lines, strict=True)):
        body.append(pad_row([text_cell(label), money(value), text_cell(f"{CHINESE_ORDINALS[i]}、{name}"),
                             *[money(table[f"lei:{code}"][c]) for c in right_columns]], n_cols))
    for left_label, left_key, right_label, right_key in totals:
        right = ([money(table[right_key][c]) for c in right_columns] if right_key
                 else [Cell("", align="right") for _ in right_columns])
        body.append(pad_row([text_cell(left_label), money(table[left_key]["amount"]), text_cell(right_label), *right],
                            n_cols))
    return Grid(n_cols=n_cols, header=header.rows(), body=body,
                col_kinds=["label", "amount", "label", *["amount"] * len(right_columns)])
