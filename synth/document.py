"""A printed disclosure before it is a file: captions, grids of cells with merged headers,
notes and narrative, in print order. The text, workbook and PDF renderers all draw the
same `PrintedDocument`, so every format prints the same amounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # left | center | right
    # the exact figure behind an amount cell (in the table's unit): workbooks store it as a number
    value: Decimal | None = None
    # the fact the cell prints: (table_kind, row key, column) in `Figures`, for the manifest
    fact: tuple[str, str, str] | None = None

    @property
    def is_amount(self) -> bool:
        return self.value is not None


Row = list["Cell | None"]  # None: a position covered by a merged cell


@dataclass
class Grid:
    n_cols: int
    header: list[Row]
    body: list[Row]
    # what a column holds, for widths: code | name | amount | number | text | label
    col_kinds: list[str]
    # harmless mess: the table breaks after this body row and the continuation repeats the
    # header rows (`repeat_rows`, default the header) and this row again
    break_after: int | None = None
    # body rows that serve as the header of the rows below them (公开12表's indicator block)
    inner_header: tuple[int, int] | None = None  # [start, end) indices into body


@dataclass
class PrintedTable:
    table_kind: str
    code: str | None  # 公开01表 (Yunnan) or None
    title: str
    occurrence: int  # 1, 2 … among tables of this kind in the document (公开12表 repeats)
    department: str | None  # the name printed in the 部门 line, None when the table prints none
    department_label: str  # 部门： | 编制部门：
    unit: str | None  # 金额单位：元 | 单位：万元 | None (公开10–12表)
    unit_name: str  # 元 | 万元: what the amounts are in
    grid: Grid
    notes: list[str] = field(default_factory=list)  # printed under the grid: 此表为空…, 注：…
    wide: bool = False  # needs a landscape page at a readable size

    def amounts(self) -> list[str]:
        """Every amount printed in the table, in print order, with the rows a break repeats."""
        texts: list[str] = []
        for row in printed_rows(self.grid):
            for cell in row:
                if cell is not None and cell.is_amount and cell.text:
                    texts.append(cell.text)
        return texts


def printed_rows(grid: Grid) -> list[Row]:
    """Header and body as a reader meets them, including the rows a harmless break repeats."""
    rows: list[Row] = list(grid.header) + list(grid.body)
    if grid.break_after is not None:
        cut = len(grid.header) + grid.break_after + 1
        rows = rows[:cut] + repeated_rows(grid) + rows[cut:]
    return rows


def repeated_rows(grid: Grid) -> list[Row]:
    """What a continuation after `break_after` prints again: its header and the last row."""
    assert grid.break_after is not None
    if grid.inner_header is not None and grid.break_after >= grid.inner_header[1]:
        header = grid.body[grid.inner_header[0]: grid.inner_header[1]]
    else:
        header = list(grid.header)
    return [*header, grid.body[grid.break_after]]


@dataclass
class TextSection:
    """Prose: a cover, a 目录, a 情况说明. `heading` starts it (第三部分 …, 目录)."""

    kind: str  # cover | contents | narrative
    heading: str | None
    paragraphs: list[str]
    # figures the prose states, for the manifest: (statement id, 万元 text, source description)
    statements: list[tuple[str, str, str]] = field(default_factory=list)


Part = PrintedTable | TextSection


@dataclass
class PrintedDocument:
    heading: str  # the first printed line, with the synthetic marker
    department: str  # canonical name
    department_printed: str  # as printed on the first table (or the heading)
    fiscal_year: int
    report_kind: str  # final_accounts | budget
    layout: str  # yunnan | shanghai
    unit: str  # the unit most tables print in
    code_style: str  # single | split: 类/款/项 in one column or three
    parts: list[Part]

    def tables(self) -> list[PrintedTable]:
        return [p for p in self.parts if isinstance(p, PrintedTable)]


SYNTHETIC_MARK = "（合成示例数据，非真实披露）"
