"""The workbook rendering: one sheet per table (and per prose section), the caption rows
above a grid whose header cells are merged as printed, amounts stored as numbers formatted
#,##0.00. Byte-for-byte deterministic: fixed document properties and fixed zip timestamps."""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange

from synth.document import Grid, PrintedDocument, PrintedTable, Row, TextSection, repeated_rows

FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WIDTHS = {"code": 10, "blank": 4, "name": 30, "amount": 17, "number": 6, "label": 30, "text": 48}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHEET_FORBIDDEN = str.maketrans({c: "" for c in "[]:*?/\\"})


def _sheet_name(wanted: str, taken: set[str]) -> str:
    base = wanted.translate(_SHEET_FORBIDDEN)[:28] or "Sheet"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base[:26]}-{n}"
    taken.add(name)
    return name


class _Styles:
    """Style arrays made once per workbook and copied onto cells: setting fonts, borders and
    alignments attribute by attribute is most of openpyxl's time."""

    def __init__(self):
        self.cache: dict[tuple, object] = {}

    def apply(self, target, align: str, amount: bool, bold: bool, boxed: bool, size: int = 11) -> None:
        key = (align, amount, bold, boxed, size)
        cached = self.cache.get(key)
        if cached is not None:
            target._style = copy(cached)
            return
        target.alignment = Alignment(horizontal=align, vertical="center", wrap_text=boxed)
        if amount:
            target.number_format = "#,##0.00"
        if bold or size != 11:
            target.font = Font(bold=bold, size=size)
        if boxed:
            target.border = _BOX
        self.cache[key] = copy(target._style)


class _SheetWriter:
    def __init__(self, sheet, styles: _Styles):
        self.sheet = sheet
        self.styles = styles
        self.row = 1

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        # registered without openpyxl's per-cell border formatting of the range (slow, and
        # the covered cells are never written, so readers see them as merged)
        bounds = CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
        self.sheet.merged_cells.add(MergedCellRange(self.sheet, bounds.coord))

    def line(self, text: str, n_cols: int = 1, bold: bool = False, align: str = "left", size: int = 11) -> None:
        cell = self.sheet.cell(row=self.row, column=1, value=text)
        self.styles.apply(cell, align, amount=False, bold=bold, boxed=False, size=size)
        if n_cols > 1:
            self.merge(self.row, 1, self.row, n_cols)
        self.row += 1

    def pair(self, left: str, right: str, n_cols: int) -> None:
        """部门：… on the left and 金额单位：元 on the right of one row."""
        self.sheet.cell(row=self.row, column=1, value=left)
        cell = self.sheet.cell(row=self.row, column=max(n_cols, 2), value=right)
        self.styles.apply(cell, "right", amount=False, bold=False, boxed=False)
        self.row += 1

    def blank(self) -> None:
        self.row += 1

    def rows(self, rows: list[Row], bold: bool = False) -> None:
        for row in rows:
            for col, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                target = self.sheet.cell(row=self.row, column=col)
                if cell.value is not None:
                    target.value = cell.value
                elif cell.text:
                    target.value = cell.text
                self.styles.apply(target, cell.align, amount=cell.value is not None, bold=bold, boxed=True)
                if cell.colspan > 1 or cell.rowspan > 1:
                    self.merge(self.row, col, self.row + cell.rowspan - 1, col + cell.colspan - 1)
            self.row += 1

    def grid(self, grid: Grid) -> None:
        self.rows(grid.header, bold=True)
        if grid.break_after is None:
            self.rows(grid.body)
            return
        cut = grid.break_after + 1
        self.rows(grid.body[:cut])
        self.blank()  # the page break of the printed original
        self.rows(repeated_rows(grid))
        self.rows(grid.body[cut:])


def _table_sheet(writer: _SheetWriter, table: PrintedTable) -> None:
    n = table.grid.n_cols
    writer.line(table.title, n, bold=True, align="center", size=14)
    if table.code:
        writer.line(table.code, 1)
    department = f"{table.department_label}{table.department}" if table.department is not None else None
    if department and table.unit:
        writer.pair(department, table.unit, n)
    elif department:
        writer.line(department)
    elif table.unit:
        writer.line(table.unit)
    writer.grid(table.grid)
    writer.blank()
    for note in table.notes:
        writer.line(note)
    for col, kind in enumerate(table.grid.col_kinds, start=1):
        writer.sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(kind, 14)


def _section_sheet(writer: _SheetWriter, section: TextSection) -> None:
    if section.heading:
        writer.line(section.heading, bold=True, size=14)
        writer.blank()
    for paragraph in section.paragraphs:
        writer.line(paragraph)
    writer.sheet.column_dimensions["A"].width = 120


def render_xlsx(document: PrintedDocument) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    styles = _Styles()
    heading_written = False
    for part in document.parts:
        if isinstance(part, PrintedTable):
            name = part.code or part.title
            if part.code == "公开12表":
                name = f"公开12表-{part.occurrence}"
        else:
            name = part.heading or "说明"
        sheet = workbook.create_sheet(_sheet_name(name, taken))
        writer = _SheetWriter(sheet, styles)
        if not heading_written:
            writer.line(document.heading, bold=True, size=16)
            heading_written = True
        if isinstance(part, PrintedTable):
            _table_sheet(writer, part)
        else:
            _section_sheet(writer, part)
    properties = workbook.properties
    properties.creator = "budgetwh synth"
    properties.title = document.heading
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.lastModifiedBy = "budgetwh synth"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so equal inputs give equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time as dcterms:modified whatever the properties say
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                              data)
            target.writestr(fixed, data)
    return out.getvalue()
