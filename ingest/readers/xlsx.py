"""Workbooks (XLSX): each worksheet is a page; merged cells keep None where covered."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from ingest.model import Cell, GridBlock, Item, PageBreak, RejectedDocument, TextLine


def _format_number(value: float | int, number_format: str) -> str:
    """The figure as the sheet prints it: '#,##0.00' gives 64,415,757.01."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    fmt = (number_format or "General").split(";")[0]
    grouping = "," if "#,#" in fmt else ""
    if "0" not in fmt:  # General: as typed
        return format(exact.normalize(), "f") if exact == exact.to_integral() else format(exact, "f")
    fraction = fmt.split(".", 1)[1] if "." in fmt else ""
    decimals = len(fraction) - len(fraction.lstrip("0#"))
    return format(exact, f"{grouping}.{decimals}f")


def _cell_text(cell) -> Cell:
    from openpyxl.cell.cell import MergedCell

    if isinstance(cell, MergedCell):
        return None
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _format_number(value, cell.number_format)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).replace("\r", "").replace("\n", "").strip()


def read_xlsx(data: bytes, source_name: str) -> tuple[list[Item], int]:
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RejectedDocument("not_an_xlsx", f"{source_name}: not an XLSX workbook (it is not a zip container)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for one bad file
        raise RejectedDocument("not_an_xlsx", f"{source_name}: the workbook cannot be opened ({error})") from None
    items: list[Item] = []
    for page_no, sheet in enumerate(workbook.worksheets, start=1):
        items.append(PageBreak(page_no=page_no))
        items.extend(_sheet_items(sheet, page_no))
    return items, len(workbook.worksheets)


def _sheet_items(sheet, page_no: int) -> list[Item]:
    """Rows with one filled cell are lines (title, 部门, notes); runs of wider rows are grids. A
    single cell merged across columns (a group header over the whole table) is a grid row: the
    table finder peels it off as a caption when it is one."""
    items: list[Item] = []
    block: list[list[Cell]] = []
    first_on_page = True
    wide_merges = {
        (merged.min_row, merged.min_col)
        for merged in sheet.merged_cells.ranges
        if merged.max_col > merged.min_col
    }

    def close_block() -> None:
        if block:
            items.append(GridBlock(page_no=page_no, rows=list(block), first_on_page=first_on_page))
            block.clear()

    for row in sheet.iter_rows():
        cells = [_cell_text(c) for c in row]
        while cells and cells[-1] in ("", None):
            cells.pop()
        filled = [c for c in cells if c]
        if not filled:
            close_block()
            continue
        spans_columns = any((c.row, c.column) in wide_merges for c in row if getattr(c, "value", None) not in (None, ""))
        if len(filled) == 1 and spans_columns and not _ends_block(filled[0]):
            block.append(cells)
            continue
        if len(filled) == 1 and (not block or _ends_block(filled[0])):
            close_block()
            items.append(TextLine(page_no=page_no, text=filled[0], segments=[filled[0]]))
            first_on_page = first_on_page and _is_caption_like(filled[0])
            continue
        block.append(cells)
    close_block()
    return items


def _is_caption_like(text: str) -> bool:
    return "表" in text or "单位" in text or "部门" in text


def _ends_block(text: str) -> bool:
    return text.startswith(("注", "此表为空", "说明"))
